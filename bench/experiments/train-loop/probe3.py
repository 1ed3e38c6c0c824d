"""Probe (issue 15; prepared in the tenth session, changed before its first run in the eleventh): the step is
power-limited on an H200 (probe2, run4: 650-698 W of 700, SM clock 1.5-1.65 GHz), so what moves fewer bytes may run
at a higher clock. `train()` (the user's command, through `loop_bench`, 16 steps each, the default micro-batch) with
one `--speed_set` change at a time, the default first and last to see the drift: loss_chunk 32768 / 16384 / 65536
against the default 8192. Each chunk's dL/dW product adds into the bf16 (50304, 768) gradient, reading and writing
its 77 MB: 64 chunks per step at 8192 rows (10 GB), 16 at 32768; larger chunks also make fewer, longer products.
(Smaller chunks, which the tenth session meant to try for L2 reuse of the logits, multiply that traffic instead.)
Usage (repository root, GPU wheels on PYTHONPATH): python3 bench/experiments/train-loop/probe3.py OUT.json"""
import sys, time, traceback
import torch
from llm_scratch.bench.common import write_results
from llm_scratch.bench.train import gpt2_shards, loop_bench

out_path, data, res, t0 = sys.argv[1], gpt2_shards(), {}, time.time()
for name in ("", "loss_chunk=32768", "loss_chunk=16384", "loss_chunk=65536", ""):
    key = name or f"default@{len(res)}"
    if time.time() - t0 > 300: res[key] = {"skipped": "time"}; continue
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
