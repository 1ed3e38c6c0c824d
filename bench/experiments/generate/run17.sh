#!/usr/bin/env bash
# One short device call (one H200), eighth session: chapter 08c's cuda cells again, after its decode_layer test compares
# this position's keys and values within tolerance (run16: cell 39 asked for equal bits from two orders of summation).
# Run from the repository root with the wheels carried:  bash bench/experiments/generate/run17.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
export PYTHONUNBUFFERED=1 LLM_SCRATCH_MAX_CONFIGS=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 90 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
KEEP_GOING=1 timeout 200 python3 .ci/run_cells.py nbs/08c_llama_kernels.ipynb --flags cuda > "$OUT/run/08c_llama_kernels.txt" 2>&1
echo "08c_llama_kernels exit $?" | tee -a "$OUT/run/08c_llama_kernels.txt"; grep -E "FAILED|Error|cuda" "$OUT/run/08c_llama_kernels.txt" | head
tar czf /tmp/run17.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run17.tgz "$OUT/"
