#!/usr/bin/env bash
# One device call (one H200), ninth session (issue 16): probe16.py (attention blocks in flight against commit f80cde7:
# the step, each kernel's share, the float32 check, generate), then chapters 08c and 08d with their cuda cells.
# Run from the repository root with the wheels carried:  bash bench/experiments/generate/run20.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 90 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
OLD=.whl/llama_decode_f80cde7.py
[ -f "$OLD" ] || git show f80cde7:llm_scratch/kernels/llama_decode.py > "$OLD"
timeout 200 python3 bench/experiments/generate/probe16.py "$OLD" "$OUT/run/probe16.json" > "$OUT/run/probe16.txt" 2>&1
echo "probe16 exit $?" | tee -a "$OUT/run/probe16.txt"; tail -12 "$OUT/run/probe16.txt"
export LLM_SCRATCH_MAX_CONFIGS=1
for nb in 08c_llama_kernels 08d_decode; do
  (KEEP_GOING=1 timeout 260 python3 .ci/run_cells.py nbs/$nb.ipynb --flags cuda > "$OUT/run/$nb.txt" 2>&1
   echo "$nb exit $?" >> "$OUT/run/$nb.txt") &
done
wait
tail -n 2 "$OUT"/run/08*.txt; grep -hE "FAILED|Error" "$OUT"/run/08*.txt | head -20
tar czf /tmp/run20.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run20.tgz "$OUT/"
