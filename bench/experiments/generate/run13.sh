#!/usr/bin/env bash
# One device call (one H200), eighth session (issue 16): probe11.py again, after the stream of W became two buffers
# refilled in turn. Run from the repository root with the wheels carried:
#   bash bench/experiments/generate/run13.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 420 python3 bench/experiments/generate/probe11.py "$OUT/run/probe11.json" > "$OUT/run/probe11.txt" 2>&1
echo "probe11 exit $?" | tee -a "$OUT/run/probe11.txt"; tail -40 "$OUT/run/probe11.txt"
tar czf /tmp/run13.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run13.tgz "$OUT/"
