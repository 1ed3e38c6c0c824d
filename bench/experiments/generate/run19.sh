#!/usr/bin/env bash
# One device call (one H200), ninth session (issue 16): the GPU checks' decoding parts with this commit's defaults
# (sampling through sample_pick, the kernels of 4bb4e2c), the raw files the README's measured table is made from.
# Run from the repository root with the wheels carried:  bash bench/experiments/generate/run19.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 540 python3 -m llm_scratch.bench.checks --only ceilings,decode,generate --budget-min 8 --out "$OUT/run/checks" \
    > "$OUT/run/checks.txt" 2>&1
echo "checks exit $?" | tee -a "$OUT/run/checks.txt"; tail -40 "$OUT/run/checks.txt"
tar czf /tmp/run19.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run19.tgz "$OUT/"
