#!/usr/bin/env bash
# What the next session should run first on one GPU (each PART fits one 10-minute device call):
#   PART=suite   the contributor's suite on the GPU: .ci/gpu_suite --cuda over every notebook but 07g's cuda cells
#                (the training benchmarks, ~15 min: see PART=train), 8 notebooks at a time, then 07g without them;
#                each test's pass/fail is printed as it ends (-v), so a cut run still names what passed (issue 17);
#                pytest-timeout (on the GPU machine) stops a notebook at 380 s so the summary with tracebacks is printed
#   PART=checks  python -m llm_scratch.bench.checks --quick for the one-GPU parts but training (issue 19)
#   PART=train   python -m llm_scratch.bench.checks --quick --only train (issues 15 and 19)
#   PART=cells   NBS="01b_layers 06_train ..." each in its own process through .ci/run_cells.py with KEEP_GOING=1, so one
#                call lists every failing cell of each notebook with its traceback (07g without its cuda cells)
#                (with ONLY_FLAGGED=cuda: only the cuda cells and the exported/imports cells they need; 07g's included)
# Usage on the GPU machine, from the repository root, with the wheel folders carried (see .ci/gpu_suite):
#   PART=suite bash bench/experiments/gpu-verify/run.sh
# State after the ninth session: every notebook has passed on the H200 with its cuda cells
# (bench/results/2026-12-01-h200-gpu-suite/README.md); after the sampling kernel, 03, 06c, 08c, 08d, 08e, 08f and 11b
# again (bench/results/2026-12-02-h200-sampling/, calls 1 and 3).
# After the tenth session: 06 (with cuda cells), 07f and 07g (without its cuda cells) passed at 75cc016
# (bench/results/2026-12-02-h200-train-microbatch/, calls 3 and 4). Not run on a GPU since: Setting.loss_chunk, the DDP
# micro-batch agreement, ClockSampler with the real nvidia-smi (07g, 11_bench), and 08c/08d/03 since the ninth session's
# last changes (the attention's `ahead` switch, sample_next's import condition): PART=cells NBS="03_sample 06_train
# 08c_llama_kernels 08d_decode 11_bench" and 07g without its cuda cells.
# After the eleventh session: 03, 08c, 11_bench with their cuda cells, 06, 08d and 07g (without its cuda cells) passed
# at f132446 (bench/results/2026-12-02-h200-train-chunk/, calls 1-3); the recorded training run there met issue 15.
# What is left: two GPUs (the checks' ddp part, issue 19). Decoding scripts: bench/experiments/generate/ (run5.sh-run21.sh).
# Lessons of 2026-12-01: install before anything imports the package (a pytest started during the install fails
# collection), keep under $OUT at most 8 files (here: one tarball), and box every step with `timeout`.
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
export PYTHONUNBUFFERED=1
case "${PART:-suite}" in
  suite)
    export LLM_SCRATCH_MAX_CONFIGS=${LLM_SCRATCH_MAX_CONFIGS:-1}   # tests: one autotuning tile per kernel (compile time)
    timeout 60 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
    OUT="$OUT/run" timeout 420 .ci/gpu_suite --wheels ".whl .whl/test" --cuda -n 8 -v -rf -p no:cacheprovider --timeout 380 \
        -k "not 07g_train_speed" > "$OUT/run/suite.txt" 2>&1
    echo "suite exit $?" | tee -a "$OUT/run/suite.txt"
    timeout 90 pytest tests -v -rf -p no:cacheprovider -k "07g_train_speed" > "$OUT/run/suite_07g.txt" 2>&1
    echo "07g exit $?" | tee -a "$OUT/run/suite_07g.txt"
    grep -hE "(PASSED|FAILED|ERROR) tests/" "$OUT"/run/suite*.txt | sed 's/.*\] //' | sort | uniq -c | tail -80;;
  cells)
    export LLM_SCRATCH_MAX_CONFIGS=${LLM_SCRATCH_MAX_CONFIGS:-1}   # tests only; the benchmarks (checks, train) autotune fully
    timeout 90 .ci/gpu_suite --wheels ".whl .whl/test" -k install_only_no_test > /dev/null 2>&1   # install, no test
    NBS=${NBS:-"01b_layers 06_train 07g_train_speed 08d_decode 08f_generate_cli 10_flash_attn 10a_bench_attn 11_bench index"}
    export OUT
    printf '%s\n' $NBS | xargs -P "${JOBS:-5}" -I{} sh -c 'f=cuda; [ {} = 07g_train_speed ] && [ -z "${ONLY_FLAGGED:-}" ] && f=""
        KEEP_GOING=1 timeout "${NB_TIMEOUT:-400}" python3 .ci/run_cells.py nbs/{}.ipynb --flags "$f" > "$OUT/run/{}.txt" 2>&1
        echo "{} exit $?" >> "$OUT/run/{}.txt"'
    for f in "$OUT"/run/*.txt; do grep -E "FAILED|exit [0-9]" "$f"; done;;
  checks)
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site:$PWD
    timeout 560 python3 -m llm_scratch.bench.checks --quick --only ceilings,attn,decode,generate --budget-min 9 \
        --out "$OUT/run/checks" > "$OUT/run/checks.txt" 2>&1
    echo "checks exit $?" | tee -a "$OUT/run/checks.txt"; tail -60 "$OUT/run/checks.txt";;
  train)
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site:$PWD
    timeout 560 python3 -m llm_scratch.bench.checks --quick --only train --budget-min 9 --out "$OUT/run/train" \
        > "$OUT/run/train.txt" 2>&1
    echo "train exit $?" | tee -a "$OUT/run/train.txt"; grep -v "^step " "$OUT/run/train.txt" | tail -60;;
esac
tar czf /tmp/gpu-verify.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/gpu-verify.tgz "$OUT/"
