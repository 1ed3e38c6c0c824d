#!/usr/bin/env bash
# One short device call (one H200), ninth session (issue 16): probe17.py, the kernel decoder's step at batch 8 and 32
# with the attention of f80cde7 and of this commit, in one run.
# Run from the repository root with the wheels carried:  bash bench/experiments/generate/run21.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1 LLM_SCRATCH_MAX_CONFIGS=1
OLD=.whl/llama_decode_f80cde7.py
[ -f "$OLD" ] || git show f80cde7:llm_scratch/kernels/llama_decode.py > "$OLD"
timeout 150 python3 bench/experiments/generate/probe17.py "$OLD" "$OUT/run/probe17.json" > "$OUT/run/probe17.txt" 2>&1
echo "probe17 exit $?" | tee -a "$OUT/run/probe17.txt"; tail -10 "$OUT/run/probe17.txt"
cp "$OUT/run/probe17.json" "$OUT/" 2>/dev/null; cp "$OUT/run/probe17.txt" "$OUT/"; rm -rf "$OUT/run"
