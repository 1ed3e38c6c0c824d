#!/usr/bin/env bash
# One device call (one H200), issue 15, eleventh session: probe3.py, the
# user's loop with one --speed_set change at a time (loss_chunk); each run's clock from loop_bench; then the test cells
# of the notebooks changed since their last GPU run (03, 06, 08c, 08d, 11_bench), as gpu-verify PART=cells runs them.
# Run from the repository root with the wheels carried:  bash bench/experiments/train-loop/run6.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,power.limit --format=csv | tee "$OUT/gpu.txt"
timeout 400 python3 bench/experiments/train-loop/probe3.py "$OUT/probe3.json" 2>&1 | grep -v "^step \|^wrote \|^sample\|^Hello\|^$" \
    | tee "$OUT/probe3.txt"
echo "probe3 exit ${PIPESTATUS[0]}" | tee -a "$OUT/probe3.txt"
# the cells (each notebook in its own process, its cuda cells too), in what is left of the ten minutes
unset PYTHONPATH
OUT="$OUT" PART=cells NBS="03_sample 06_train 08c_llama_kernels 08d_decode 11_bench" NB_TIMEOUT=${NB_TIMEOUT:-150} \
    timeout 200 bash bench/experiments/gpu-verify/run.sh
