#!/usr/bin/env bash
# One device call (one H200), tenth session (issue 15): probe1.py, the fast step's profile at micro-batch 64/128/256
# and the user's loop at 128/256. Run from the repository root with the wheels carried:
#   bash bench/experiments/train-loop/run2.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.max.sm,power.limit --format=csv | tee "$OUT/gpu.txt"
timeout 560 python3 bench/experiments/train-loop/probe1.py "$OUT/probe1.json" ${PARTS:-AB} 2>&1 | tee "$OUT/probe1.txt"
echo "probe1 exit ${PIPESTATUS[0]}" | tee -a "$OUT/probe1.txt"
nvidia-smi --query-gpu=clocks.sm,temperature.gpu,power.draw --format=csv | tee -a "$OUT/gpu.txt"
