#!/usr/bin/env bash
# One device call (one H200), prepared in the tenth session for the next (issue 15; not yet run): probe3.py, the
# user's loop with one --speed_set change at a time (loss_chunk, ones_column); each run's clock from loop_bench.
# Run from the repository root with the wheels carried:  bash bench/experiments/train-loop/run6.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,power.limit --format=csv | tee "$OUT/gpu.txt"
timeout 560 python3 bench/experiments/train-loop/probe3.py "$OUT/probe3.json" 2>&1 | grep -v "^step \|^wrote \|^sample\|^Hello\|^$" \
    | tee "$OUT/probe3.txt"
echo "probe3 exit ${PIPESTATUS[0]}" | tee -a "$OUT/probe3.txt"
