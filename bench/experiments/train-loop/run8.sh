#!/usr/bin/env bash
# One device call (one H200), eleventh session (issue 15): probe4.py, the curve check at loss chunks 32,768 and 8,192.
# Run from the repository root with the wheels carried:  bash bench/experiments/train-loop/run8.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,power.limit --format=csv | tee "$OUT/gpu.txt"
timeout 330 python3 bench/experiments/train-loop/probe4.py "$OUT/probe4.json" 2>&1 | tee "$OUT/probe4.txt"
echo "probe4 exit ${PIPESTATUS[0]}" | tee -a "$OUT/probe4.txt"
