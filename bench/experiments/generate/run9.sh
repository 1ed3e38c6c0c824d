#!/usr/bin/env bash
# One short device call (one H200), seventh session (issue 16): probe8.py, the kernel decoder's step with pdl off and
# on at batch 1, 8 and 32 in one run. Run from the repository root with the wheels carried:
#   bash bench/experiments/generate/run9.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 240 python3 bench/experiments/generate/probe8.py "$OUT/run/probe8.json" > "$OUT/run/probe8.txt" 2>&1
echo "probe8 exit $?" | tee -a "$OUT/run/probe8.txt"; tail -13 "$OUT/run/probe8.txt"
tar czf /tmp/run9.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run9.tgz "$OUT/"
