#!/usr/bin/env bash
# One device call (one H200): the user's training command timed at the reference and fast speed levels, the
# benchmark row of the same setting, the 200-step loss-curve check, and the chapter's cuda cells of the training step.
# Run from the repository root on the GPU machine:  bash bench/experiments/train-loop/run.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu.txt"
# the user's command: train() at each level on GPT-2 shards of the bundled corpus; --check asserts the claims
python3 -m llm_scratch.bench.train --loop --data shakespeare --steps 30 --curve-steps 200 --check \
    --out "$OUT/loop.json" 2>&1 | tee "$OUT/loop.log"
echo "loop exit: ${PIPESTATUS[0]}" | tee -a "$OUT/loop.log"
