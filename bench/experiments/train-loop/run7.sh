#!/usr/bin/env bash
# One device call (one H200), eleventh session (issue 15): the recorded run of the user's training command after the
# loss chunk became 32,768 rows where it fits (probe3, call 1 of 2026-12-02-h200-train-chunk): the reference level
# (64 rows per forward, build-nanogpt's recipe) and the default fast level, the bench row of the same setting, the
# 200-step loss-curve check, nvidia-smi sampling beside it; then chapter 07f's and 11_bench's cells on the GPU machine.
# Run from the repository root with the wheels carried:  bash bench/experiments/train-loop/run7.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,power.limit --format=csv | tee "$OUT/gpu.txt"
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_throttle_reasons.active --format=csv -lms 500 \
    > "$OUT/smi.csv" 2>&1 &
SMI=$!
timeout 440 python3 -m llm_scratch.bench.train --loop --data shakespeare --steps 30 --curve-steps 200 --check \
    --out "$OUT/loop.json" 2>&1 | tee "$OUT/loop.log"
echo "loop exit: ${PIPESTATUS[0]}" | tee -a "$OUT/loop.log"
kill $SMI
for nb in 07f_speed 11_bench; do
    KEEP_GOING=1 timeout 60 python3 .ci/run_cells.py nbs/$nb.ipynb --flags cuda > "$OUT/$nb.txt" 2>&1
    echo "$nb exit $?" | tee -a "$OUT/$nb.txt"; grep -E "FAILED|Error" "$OUT/$nb.txt" | head -5
done
