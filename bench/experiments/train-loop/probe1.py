"""Probe (tenth session, issue 15): where the fast step's time per micro-batch goes, and the user's loop at larger
micro-batches. Part A: `bench_setting` of the fast level at micro-batch 64, 128, 256 (524,288 tokens per optimizer
step in each), with a kernel profile of three steps. Part B: `train()` (the user's command, through `loop_bench`) at
micro-batch 128 and 256, and 128 with inductor's coordinate-descent tuning. Writes one JSON after every part.
Usage (repository root, GPU wheels on PYTHONPATH): python3 bench/experiments/train-loop/probe1.py OUT.json [parts]"""
import json, sys, time, traceback
import torch
from llm_scratch.bench.common import write_results
from llm_scratch.bench.train import bench_setting, gpt2_shards, loop_bench
from llm_scratch.data import read_meta
from llm_scratch.gpt2 import GPTConfig
from llm_scratch.speed import speed_setting, usable
from llm_scratch.train import make_config

out_path, parts = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "AB")
data, res, t_start = gpt2_shards(), {"A": {}, "B": {}}, time.time()
cfg = make_config("gpt2-124M", data=str(data))
mcfg = GPTConfig(block_size=cfg.block_size, vocab_size=read_meta(data)["vocab_size"], n_layer=cfg.n_layer,
                 n_head=cfg.n_head, n_embd=cfg.n_embd, dropout=cfg.dropout, bias=cfg.bias, rope=cfg.rope,
                 vocab_pad_multiple=cfg.vocab_pad_multiple)
import numpy as np
tokens = torch.from_numpy(np.load(sorted(data.glob("train_*.npy"))[0]).astype(np.int64))
save = lambda: write_results(out_path, res, "cuda")
total = cfg.total_batch // cfg.block_size   # rows per optimizer step (512)
if "A" in parts:
    for mb in (64, 128, 256):
        try:
            s, notes = usable(speed_setting("fast", "cuda", batch_size=mb, compile=True, vocab_pad_multiple=64), "cuda", mcfg)
            r = bench_setting(s, mcfg, "cuda", tokens, steps=5, warmup=2, profile=True, accum=total // mb)
            p = r.pop("profile")
            res["A"][mb] = {"ms_per_step": r["ms_per_step"], "tokens_per_s": r["tokens_per_s"], "peak_mem_gb": r["peak_mem_gb"],
                            "notes": notes, "wall_ms_profiled": p["wall_ms"], "kernel_ms": p["kernel_ms"],
                            "categories": p["categories"], "kernels": p["kernels"]}
            print(f"A mb {mb}: {r['ms_per_step']:.1f} ms/step {r['tokens_per_s']:,.0f} tok/s, kernels {p['kernel_ms']:.1f} ms, "
                  f"peak {r['peak_mem_gb']:.1f} GB, t={time.time() - t_start:.0f}s", flush=True)
            for c, ms in p["categories"].items(): print(f"   {c:24s} {ms:8.2f}")
        except Exception as e:
            res["A"][mb] = {"error": traceback.format_exc()[-600:]}; print("A", mb, e, flush=True)
        torch.cuda.empty_cache(); save()
if "B" in parts:
    for name, mb, cdt in (("128", 128, False), ("256", 256, False), ("128+cdt", 128, True)):
        if time.time() - t_start > 470: res["B"][name] = {"skipped": "time"}; continue
        try:
            import torch._inductor.config as ic
            ic.coordinate_descent_tuning = cdt
            r = loop_bench(data, levels=("fast",), steps=20, bench_steps=0, curve_steps=0, batch_size=mb)
            run = r["runs"][0]
            res["B"][name] = {"tok_per_s": run["tok_per_s"], "steps": run["tok_per_s_steps"], "first_step_s": run["first_step_s"]}
            print(f"B {name}: median {run['tok_per_s']:,.0f} tok/s, t={time.time() - t_start:.0f}s", flush=True)
        except Exception as e:
            res["B"][name] = {"error": traceback.format_exc()[-600:]}; print("B", name, e, flush=True)
        torch.cuda.empty_cache(); save()
