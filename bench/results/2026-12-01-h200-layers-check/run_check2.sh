#!/usr/bin/env bash
# Second call on the same card: (1) the chapters whose CPU tests now pick the GPU when there is one (01b, 07f, 08c,
# 08d), every cell including `cuda`; (2) the training-speed candidates built by `llm_scratch.speed.build` from
# GPTConfig options (no patching), timed by the public benchmark command.
set -o pipefail
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
out=${OUT:-.}
for nb in 01b_layers 07f_speed 08c_llama_kernels 08d_decode; do
  echo "=== $nb" >> "$out/cells2.log"
  timeout 150 python3 .ci/run_cells.py nbs/$nb.ipynb --flags cuda >> "$out/cells2.log" 2>&1
  echo "$nb: exit $?" | tee -a "$out/summary2.txt"
done
timeout 420 python3 -m llm_scratch.bench.train --experiments --rows 0,8,10,11,12 --data shakespeare --budget-s 300 \
  --curve-steps 20 --out "$out/train_experiments.json" 2>&1 | tee "$out/bench_train.log"
echo "bench.train: exit $?" | tee -a "$out/summary2.txt"
