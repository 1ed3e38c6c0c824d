#!/usr/bin/env bash
# One device call (one H200), the sixth session's decoding measurement (issue 16): the GPU checks' decoding parts
# (`python -m llm_scratch.bench.checks --only ceilings,decode,generate`: the kernel decoder's accuracy and rate, then
# `bench.llama --check` through the public `generate` at batch 1, 8 and 32, first-token times, transformers' generate,
# GPT-2 124M through each decoder), then probe3.py (every one-row tile of fused_linear on each weight shape).
# Run from the repository root on the GPU machine with the wheels carried:  bash bench/experiments/generate/run3.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 470 python3 -m llm_scratch.bench.checks --only ceilings,decode,generate --budget-min 8 --out "$OUT/run/checks" \
    > "$OUT/run/checks.txt" 2>&1
echo "checks exit $?" | tee -a "$OUT/run/checks.txt"; tail -40 "$OUT/run/checks.txt"
timeout 75 python3 bench/experiments/generate/probe3.py "$OUT/run/probe3.json" > "$OUT/run/probe3.txt" 2>&1
echo "probe3 exit $?" | tee -a "$OUT/run/probe3.txt"; cat "$OUT/run/probe3.txt" | tail -8
tar czf /tmp/run3.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run3.tgz "$OUT/"
