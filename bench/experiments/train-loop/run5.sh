#!/usr/bin/env bash
# One short device call (one H200), tenth session (issue 15): the test cells of chapters 06 and 07g (not 07g's cuda
# cells, the ten-minute benchmarks) on the GPU machine, installed as the contributors' suite installs them.
# Run from the repository root with the wheels carried:  bash bench/experiments/train-loop/run5.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 LLM_SCRATCH_MAX_CONFIGS=1
timeout 90 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
(KEEP_GOING=1 timeout 250 python3 .ci/run_cells.py nbs/07g_train_speed.ipynb --flags "" > "$OUT/07g_train_speed.txt" 2>&1
 echo "07g exit $?" >> "$OUT/07g_train_speed.txt") &
KEEP_GOING=1 timeout 200 python3 .ci/run_cells.py nbs/06_train.ipynb --flags cuda > "$OUT/06_train.txt" 2>&1
echo "06 exit $?" >> "$OUT/06_train.txt"; wait
grep -hE "FAILED|exit" "$OUT"/*.txt; grep -c " ok (" "$OUT"/*.txt
