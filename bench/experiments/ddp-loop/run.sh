#!/usr/bin/env bash
# One device call on a machine with 2 GPUs: the user's training command (`llm_scratch_train --preset gpt2-124M`, the
# fast default, DDP bucket size as the library picks it) with 1 process and with 2 processes (torchrun), on GPT-2
# shards of the bundled corpus. Run from the repository root:  bash bench/experiments/ddp-loop/run.sh
set -uo pipefail
OUT=${OUT:-/tmp/out}; RUNS=/tmp/runs; mkdir -p "$OUT" "$RUNS"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu.txt"
nvidia-smi topo -m | tee -a "$OUT/gpu.txt"
python3 -c "from llm_scratch.bench.train import gpt2_shards; print(gpt2_shards())"
COMMON="--preset gpt2-124M --data .bench_data/shakespeare_gpt2 --eval_every 0 --final_eval false --sample_every 0
        --hellaswag_every 0 --ckpt_every 0 --safetensors false --sample_tokens 4 --log_every 10 --progress false"
run() {  # name, processes, extra options...
  local name=$1 n=$2; shift 2
  local launch="python3 -m llm_scratch.train_cli"
  [ "$n" -gt 1 ] && launch="torchrun --standalone --nproc_per_node=$n -m llm_scratch.train_cli"
  echo "== $name: $launch $COMMON $* --out_dir $RUNS/$name" | tr -s ' \n' ' ' | tee -a "$OUT/commands.txt"; echo >> "$OUT/commands.txt"
  CUDA_VISIBLE_DEVICES=$(seq -s, 0 $((n - 1))) $launch $COMMON "$@" --out_dir "$RUNS/$name" 2>&1 | tee "$OUT/$name.log" | tail -4
  cp "$RUNS/$name/log.jsonl" "$OUT/$name.jsonl"
}
# speed: 524,288 tokens per step (1 process: 8 micro-batches of 64x1024; 2 processes: 4 each)
run one 1 --max_steps 30
run two 2 --max_steps 30
# the same optimizer steps: 131,072 tokens per step as 1 process x 2 micro-batches and 2 processes x 1
run same1 1 --max_steps 20 --total_batch 131072
run same2 2 --max_steps 20 --total_batch 131072
python3 bench/experiments/ddp-loop/compare.py "$OUT" 2>&1 | tee "$OUT/compare.log"
