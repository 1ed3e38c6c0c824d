#!/usr/bin/env bash
# One short device call (one H200), seventh session (issues 16 and 17): chapter 08c's cells at this commit (the product
# loop prefetches for one row only) with its cuda cells, then probe7.py (the kernel decoder at batch 1, 8 and 32).
# Run from the repository root with the wheels carried:  bash bench/experiments/generate/run8.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
export PYTHONUNBUFFERED=1 LLM_SCRATCH_MAX_CONFIGS=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 90 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
KEEP_GOING=1 timeout 150 python3 .ci/run_cells.py nbs/08c_llama_kernels.ipynb --flags cuda > "$OUT/run/08c_llama_kernels.txt" 2>&1
echo "08c_llama_kernels exit $?" | tee -a "$OUT/run/08c_llama_kernels.txt"; grep -E "FAILED|Error" "$OUT/run/08c_llama_kernels.txt" | head -5
unset LLM_SCRATCH_MAX_CONFIGS                                                                # the timing autotunes fully
timeout 150 python3 bench/experiments/generate/probe7.py "$OUT/run/probe7.json" > "$OUT/run/probe7.txt" 2>&1
echo "probe7 exit $?" | tee -a "$OUT/run/probe7.txt"; tail -5 "$OUT/run/probe7.txt"
tar czf /tmp/run8.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run8.tgz "$OUT/"
