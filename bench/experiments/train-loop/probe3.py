"""Probe (prepared in the tenth session for the next one, issue 15; not yet run): the step is power-limited on an
H200 (probe2, run4: 650-698 W of 700, SM clock 1.5-1.65 GHz), so what moves fewer bytes or fewer products may run at
a higher clock. `train()` (the user's command, through `loop_bench`, 16 steps each, the default micro-batch) with
one `--speed_set` change at a time, the default first and last to see the drift:
loss_chunk 512 / 2048 (8192 is the default: the chunk's logits, 824 MB, leave L2 before the loss kernel's second
pass and the two gradient products read them; 512 rows, 52 MB, may stay in its 50 MB), ones_column off.
Usage (repository root, GPU wheels on PYTHONPATH): python3 bench/experiments/train-loop/probe3.py OUT.json"""
import sys, time, traceback
import torch
from llm_scratch.bench.common import write_results
from llm_scratch.bench.train import gpt2_shards, loop_bench

out_path, data, res, t0 = sys.argv[1], gpt2_shards(), {}, time.time()
for name in ("", "loss_chunk=512", "loss_chunk=2048", "ones_column=false", ""):
    key = name or f"default@{len(res)}"
    if time.time() - t0 > 480: res[key] = {"skipped": "time"}; continue
    try:
        r = loop_bench(data, levels=("fast",), steps=16, bench_steps=0, curve_steps=0, speed_set=name)
        run = r["runs"][0]
        res[key] = {"tok_per_s": run["tok_per_s"], "steps": run["tok_per_s_steps"], "micro_batch": run["micro_batch"],
                    "clock": run["clock"], "t": time.time() - t0}
        clk = run["clock"] or {}
        print(f"{key:20s} median {run['tok_per_s']:,.0f} tok/s (micro-batch {run['micro_batch']}), "
              f"{clk.get('sm_mhz', float('nan')):,.0f} MHz, {clk.get('power_w', float('nan')):.0f} W", flush=True)
    except Exception:
        res[key] = {"error": traceback.format_exc()[-600:]}; print(key, res[key]["error"], flush=True)
    torch.cuda.empty_cache(); write_results(out_path, res, "cuda")
