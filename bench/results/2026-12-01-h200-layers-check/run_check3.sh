#!/usr/bin/env bash
# Third call: the three chapters whose GPU runs of run_check2.sh failed on test plumbing (tensors compared on the
# GPU, a batch moved to the GPU and reused on the CPU), after the fix; every cell including `cuda`.
set -o pipefail
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
out=${OUT:-.}
for nb in 07f_speed 08c_llama_kernels 08d_decode; do
  echo "=== $nb" >> "$out/cells3.log"
  timeout 150 python3 .ci/run_cells.py nbs/$nb.ipynb --flags cuda >> "$out/cells3.log" 2>&1
  echo "$nb: exit $?" | tee -a "$out/summary3.txt"
done
