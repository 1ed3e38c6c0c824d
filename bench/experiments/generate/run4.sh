#!/usr/bin/env bash
# One short device call (one H200), after run3.sh has timed `generate` with the fixed batch-1 tile (issue 16):
# probe2.py (the attention over the cache: decode_attention's tiles against flash_decode with its one-kernel merge, at
# 384 and 2,304 keys; prefill and step) and probe4.py (what one top-p choice costs in a captured step, and a cheaper
# before and after sampling in sorted order). Run from the repository root with the wheels carried:
#   bash bench/experiments/generate/run4.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 200 python3 bench/experiments/generate/probe2.py "$OUT/run/probe2.json" > "$OUT/run/probe2.txt" 2>&1
echo "probe2 exit $?" | tee -a "$OUT/run/probe2.txt"; tail -20 "$OUT/run/probe2.txt"
timeout 150 python3 bench/experiments/generate/probe4.py "$OUT/run/probe4.json" > "$OUT/run/probe4.txt" 2>&1
echo "probe4 exit $?" | tee -a "$OUT/run/probe4.txt"; tail -10 "$OUT/run/probe4.txt"
tar czf /tmp/run4.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run4.tgz "$OUT/"
