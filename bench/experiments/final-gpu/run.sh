#!/usr/bin/env bash
# One device call (one H200) for the session's remaining GPU checks, each time-boxed:
#  1. the DDP launch path of the training command: torchrun --nproc_per_node=1 on GPT-2 shards (issue 23's one-GPU check);
#  2. the Flash Attention features on the GPU (varlen and paged decode first; issue 21);
#  3. the decoding benchmark through the public `generate` (issue 16), with its float32 check.
set -uo pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT" /tmp/runs
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu.txt"
python3 -c "from llm_scratch.bench.train import gpt2_shards; print(gpt2_shards())"
echo "== 1: torchrun --nproc_per_node=1" | tee "$OUT/torchrun1.log"
timeout 150 torchrun --standalone --nproc_per_node=1 -m llm_scratch.train_cli --preset gpt2-124M \
    --data .bench_data/shakespeare_gpt2 --max_steps 8 --eval_every 0 --final_eval false --sample_every 0 \
    --hellaswag_every 0 --ckpt_every 0 --safetensors false --sample_tokens 4 --log_every 1 --progress false \
    --out_dir /tmp/runs/torchrun1 2>&1 | tee -a "$OUT/torchrun1.log" | tail -5
echo "exit ${PIPESTATUS[0]}" | tee -a "$OUT/torchrun1.log"
cp /tmp/runs/torchrun1/log.jsonl "$OUT/torchrun1.jsonl" 2>/dev/null
echo "== 2: flash features"
# (this run used bench/experiments/flash_features/gpu_check.py, since folded into the public bench: git show 0c6cf2e:bench/experiments/flash_features/gpu_check.py)
timeout 120 python3 -m llm_scratch.bench.attn --check-only 2>&1 | tail -15 | tee "$OUT/flash_features.log"
echo "== 3: generate bench"
timeout 300 python3 -m llm_scratch.bench.llama --check --time-budget 230 --out "$OUT/llama_generate.json" 2>&1 | tail -30 | tee "$OUT/llama_generate.log"
