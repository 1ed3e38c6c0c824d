"Probe: the fast level of `llm_scratch_train --preset gpt2-124M` (524,288 tokens per step) at micro-batch 64 and 128."
import json, sys
from llm_scratch.bench.common import write_results
from llm_scratch.bench.train import gpt2_shards, loop_bench

data, out = gpt2_shards(), {}
for b in (64, 128):
    r = loop_bench(data, levels=("fast",), steps=25, bench_steps=0, curve_steps=0, batch_size=b)
    out[b] = {"tok_per_s": r["runs"][0]["tok_per_s"], "steps": r["runs"][0]["tok_per_s_steps"]}
    print(f"micro-batch {b}: median {out[b]['tok_per_s']:,.0f} tokens/s", flush=True)
write_results(sys.argv[1], {"micro_batch": out})
