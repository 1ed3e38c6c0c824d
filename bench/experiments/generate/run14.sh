#!/usr/bin/env bash
# One device call (one H200), eighth session (issue 16): probe12.py, the step's kernels in context under the
# profiler. Run from the repository root with the wheels carried:
#   bash bench/experiments/generate/run14.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 420 python3 bench/experiments/generate/probe12.py "$OUT/run/probe12.json" > "$OUT/run/probe12.txt" 2>&1
echo "probe12 exit $?" | tee -a "$OUT/run/probe12.txt"; tail -40 "$OUT/run/probe12.txt"
tar czf /tmp/run14.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run14.tgz "$OUT/"
