#!/usr/bin/env bash
# One device call (one H200), seventh session (issue 16): `generate` timed with the defaults of this commit (the
# prefetching product loop, PDL on where supported, top-p in sorted order): the GPU checks' decoding parts
# (`python -m llm_scratch.bench.checks --only ceilings,decode,generate`), then probe5.py (the step with pdl off/on in
# the same run). Run from the repository root with the wheels carried:  bash bench/experiments/generate/run7.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/run"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/run/gpu.txt"
timeout 470 python3 -m llm_scratch.bench.checks --only ceilings,decode,generate --budget-min 8 --out "$OUT/run/checks" \
    > "$OUT/run/checks.txt" 2>&1
echo "checks exit $?" | tee -a "$OUT/run/checks.txt"; tail -40 "$OUT/run/checks.txt"
timeout 100 python3 bench/experiments/generate/probe5.py "$OUT/run/probe5.json" > "$OUT/run/probe5.txt" 2>&1
echo "probe5 exit $?" | tee -a "$OUT/run/probe5.txt"; tail -8 "$OUT/run/probe5.txt"
tar czf /tmp/run7.tgz -C "$OUT" run && rm -rf "$OUT/run" && mv /tmp/run7.tgz "$OUT/"
