#!/usr/bin/env bash
# One device call (one H200, under 4 minutes) for issue 16 and issue 21's "the LLaMA decoder in generate uses flash_decode":
#  1. the public benchmark, `python -m llm_scratch.bench.llama --check`: the float32 check (every decoder's greedy tokens
#     equal eager's; flash_decode's agreement recorded), generate at batch 1 (greedy, top-p, flash_decode), 8 and 32
#     (kernels and compiled), time to first token of a 2,048-token prompt (ours with each attention, eager, transformers);
#  2. bench/experiments/generate/probe2.py: prefill (CUDA-graph chunks vs one eager pass) and decode step of the kernel
#     decoder at batch 1, decode_attention against flash_decode.
# Run from the repository root: OUT=/some/dir bash bench/experiments/generate/run2.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu.txt"
echo "== 1: python -m llm_scratch.bench.llama --check --time-budget 150" | tee "$OUT/llama_generate.log"
timeout 185 python3 -m llm_scratch.bench.llama --check --time-budget 150 --out "$OUT/llama_generate.json" 2>&1 \
    | tee -a "$OUT/llama_generate.log" | tail -45
echo "exit ${PIPESTATUS[0]}" | tee -a "$OUT/llama_generate.log"
echo "== 2: probe2" | tee "$OUT/probe2.log"
timeout 50 python3 bench/experiments/generate/probe2.py "$OUT/probe2.json" 2>&1 | tee -a "$OUT/probe2.log" | tail -12
echo "exit ${PIPESTATUS[0]}" | tee -a "$OUT/probe2.log"
