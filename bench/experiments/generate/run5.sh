#!/usr/bin/env bash
# One device call (one H200), seventh session (issues 16 and 17): the GPU cells of chapters 08c and 08d at this
# commit (the product kernels now load their first weight chunk before the PDL wait, and KernelDecoder's pdl
# defaults to on where supported), then probe5.py (the step and each product with pdl off/on) and probe4.py (what
# one top-p choice costs in a captured step, before and after sampling in sorted order).
# Run from the repository root with the wheels carried:  bash bench/experiments/generate/run5.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
export PYTHONUNBUFFERED=1 LLM_SCRATCH_MAX_CONFIGS=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 90 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
for nb in 08c_llama_kernels 08d_decode; do                                                   # one at a time: both time
    KEEP_GOING=1 timeout 200 python3 .ci/run_cells.py nbs/$nb.ipynb --flags cuda > "$OUT/run/$nb.txt" 2>&1
    echo "$nb exit $?" | tee -a "$OUT/run/$nb.txt"; grep -E "FAILED|Error" "$OUT/run/$nb.txt" | head -5
done
timeout 120 python3 bench/experiments/generate/probe5.py "$OUT/run/probe5.json" > "$OUT/run/probe5.txt" 2>&1
echo "probe5 exit $?" | tee -a "$OUT/run/probe5.txt"; tail -10 "$OUT/run/probe5.txt"
timeout 120 python3 bench/experiments/generate/probe4.py "$OUT/run/probe4.json" > "$OUT/run/probe4.txt" 2>&1
echo "probe4 exit $?" | tee -a "$OUT/run/probe4.txt"; tail -10 "$OUT/run/probe4.txt"
tar czf /tmp/run5.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run5.tgz "$OUT/"
