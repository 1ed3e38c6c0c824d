#!/usr/bin/env bash
# One device call (one H200), tenth session (issue 15): probe2.py, the loop against bench_setting at micro-batch
# 128 with profiles, nvidia-smi sampling clocks and power meanwhile. Run from the repository root with the wheels
# carried:  bash bench/experiments/train-loop/run3.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,power.limit --format=csv | tee "$OUT/gpu.txt"
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 500 \
    > "$OUT/smi.csv" 2>&1 &
SMI=$!
timeout 500 python3 bench/experiments/train-loop/probe2.py "$OUT/probe2.json" 2>&1 | tee "$OUT/probe2.txt"
echo "probe2 exit ${PIPESTATUS[0]}" | tee -a "$OUT/probe2.txt"
kill $SMI
