#!/usr/bin/env bash
# One device call (one H200) for issues 20 and 21: the public attention benchmark, `python -m llm_scratch.bench.attn`,
# in three time-boxed steps (the whole call stays under 9 minutes; each writes its JSON as it goes, so a step cut
# short keeps what it measured, and each lists what its --budget-s skipped):
#  1. the sweep: matmul rate per dtype, then fp16 and bf16 x (head dim 64/128 x seq 1k-16k x causal or not, then head
#     dims 96 and 256, GQA 32:8 and 32:1, q_len != k_len), ours vs SDPA flash and cuDNN, each row's autotuned tiles
#     checked against SDPA flash: flash_attn.json, flash_attn.md (TFLOP/s table, floor and gap row by row);
#  2. --check-only: every kernel against float64 SDPA (dense cases, packed batch, paged decode with and without left
#     padding), fp16 and bf16: flash_attn_check.json;
#  3. the features: decode steps (flash_decode contiguous, paged, left-padded vs the plain kernel and SDPA), then window,
#     softcap, ALiBi and varlen vs the plain kernel and SDPA with an explicit mask, then the pipelining sweep:
#     flash_attn_features.json, flash_attn_features.md.
# All three write into $OUT/<date>-<card>-flash-attn/ (--record --root $OUT): copy that folder into bench/results/.
# Usage (repository root, GPU machine): bash bench/experiments/attn/run.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu.txt"
LOG="$OUT/attn_log.txt"
step() {  # step NAME TIMEOUT ARGS...: one time-boxed run of the benchmark, its output appended to the log
    local name=$1 limit=$2; shift 2
    echo "== $name ($(date -u +%T))" | tee -a "$LOG"
    timeout "$limit" python3 -m llm_scratch.bench.attn --record --root "$OUT" "$@" >> "$LOG" 2>&1
    echo "== $name: exit $? ($(date -u +%T))" | tee -a "$LOG"
}
step sweep 245 --no-features --iters 10 --budget-s 205
step checks 110 --check-only
step features 165 --no-sweep --iters 10 --budget-s 125
grep -E "^check FAILED|^== " "$LOG"
cat "$OUT"/*-flash-attn/flash_attn.md "$OUT"/*-flash-attn/flash_attn_features.md 2>/dev/null | tail -n 100
