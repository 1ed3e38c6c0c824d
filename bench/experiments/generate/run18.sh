#!/usr/bin/env bash
# One device call (one H200), ninth session (issue 16): probe15.py (sampling through the new kernel against the sort:
# the pick alone, agreement, generate greedy and top-p), then chapters 03, 08c and 08d with their cuda cells, side by side.
# Run from the repository root with the wheels carried:  bash bench/experiments/generate/run18.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 90 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
timeout 180 python3 bench/experiments/generate/probe15.py "$OUT/run/probe15.json" > "$OUT/run/probe15.txt" 2>&1
echo "probe15 exit $?" | tee -a "$OUT/run/probe15.txt"; tail -30 "$OUT/run/probe15.txt"
export LLM_SCRATCH_MAX_CONFIGS=1
for nb in 03_sample 08c_llama_kernels 08d_decode; do
  (KEEP_GOING=1 timeout 240 python3 .ci/run_cells.py nbs/$nb.ipynb --flags cuda > "$OUT/run/$nb.txt" 2>&1
   echo "$nb exit $?" >> "$OUT/run/$nb.txt") &
done
wait
tail -n 2 "$OUT"/run/0*.txt; grep -hE "FAILED|Error" "$OUT"/run/0*.txt | head -20
tar czf /tmp/run18.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run18.tgz "$OUT/"
