#!/usr/bin/env bash
# One device call (one H200), eighth session (issue 16): probe13.py, the norm kernels' new one-row loop against the loop
# of commit 65046a0, in the step and through generate. Run from the repository root with the wheels carried:
#   bash bench/experiments/generate/run15.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
OLD=.whl/llama_decode_65046a0.py
[ -f "$OLD" ] || git show 65046a0:llm_scratch/kernels/llama_decode.py > "$OLD"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 420 python3 bench/experiments/generate/probe13.py "$OLD" "$OUT/run/probe13.json" > "$OUT/run/probe13.txt" 2>&1
echo "probe13 exit $?" | tee -a "$OUT/run/probe13.txt"; tail -12 "$OUT/run/probe13.txt"
tar czf /tmp/run15.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run15.tgz "$OUT/"
