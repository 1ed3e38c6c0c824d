"""Probe (issue 15, eleventh session): does the loss chunk move the loss curve? The recorded run at 32,768-row chunks
(call 2) ended 0.084 from the fp32 curve, the tenth session's at 8,192 (another card) 0.005. `loop_bench`'s curve
check, run here piece by piece on one card: the fp32 curve once, then the fast setting's curve (16 rows, eager, the
same seeds and batches) at loss_chunk 32768, 8192, 32768, 8192, each judged by `same_curve`. At 16 rows of 1,024
tokens a chunk of 32,768 is one chunk of 16,384, against two of 8,192.
Usage (repository root, GPU wheels on PYTHONPATH): python3 bench/experiments/train-loop/probe4.py OUT.json"""
import sys, time
from dataclasses import replace
import numpy as np, torch
from llm_scratch.bench.common import write_results
from llm_scratch.bench.train import gpt2_shards, loss_curve, same_curve
from llm_scratch.data import read_meta
from llm_scratch.gpt2 import GPTConfig
from llm_scratch.speed import Setting, speed_setting, usable

out_path, data, t0 = sys.argv[1], gpt2_shards(), time.time()
tokens = torch.from_numpy(np.load(sorted(data.glob("train_*.npy"))[0]).astype(np.int64))
cfg = GPTConfig(block_size=1024, vocab_size=read_meta(data)["vocab_size"], n_layer=12, n_head=12, n_embd=768,
                dropout=0.0, bias=True)
fast, notes = usable(speed_setting("fast", "cuda", batch_size=16, compile=False), "cuda", cfg)
ref = loss_curve(Setting("fp32", attn="sdpa", batch_size=16), cfg, "cuda", tokens, 200)
res = {"fp32": ref, "notes": notes, "runs": []}
print(f"fp32 curve: {time.time() - t0:.0f} s", flush=True)
for chunk in (32768, 8192, 32768, 8192):
    if time.time() - t0 > 250: break
    curve = loss_curve(replace(fast, loss_chunk=chunk), cfg, "cuda", tokens, 200)
    judged = same_curve(ref, curve)
    res["runs"].append({"loss_chunk": chunk, "curve": curve, **judged})
    print(f"loss_chunk {chunk:6d}: max gap {judged['max_gap']:.3f} (step {judged['max_gap_step']}), end gap "
          f"{judged['end_gap']:.3f}, noise {judged['noise']:.3f}, ok {judged['ok']}  [{time.time() - t0:.0f} s]", flush=True)
    write_results(out_path, res, "cuda")
