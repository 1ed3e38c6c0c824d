#!/usr/bin/env bash
# One short device call (one H200), seventh session (issue 16): probe6.py, the batch-1 product loop of f0d841f against
# this commit's (pdl off and on, same run), and the step with each attention. Run from the repository root with the
# wheels carried; the old kernels come from git, or from .whl/ where the GPU machine has no git history:
#   bash bench/experiments/generate/run6.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
OLD=.whl/llama_decode_f0d841f.py
[ -f "$OLD" ] || git show f0d841f:llm_scratch/kernels/llama_decode.py > "$OLD"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 200 python3 bench/experiments/generate/probe6.py "$OLD" "$OUT/run/probe6.json" > "$OUT/run/probe6.txt" 2>&1
echo "probe6 exit $?" | tee -a "$OUT/run/probe6.txt"; tail -12 "$OUT/run/probe6.txt"
tar czf /tmp/run6.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run6.tgz "$OUT/"
