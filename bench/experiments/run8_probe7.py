"""The compiled LayerNorm backward's split size (inductor's mix-order reduction): row 10 of the experiments timed
with the heuristic's split (32 rows on an H100 at B=64: 2048 partial sums finished by an ATen sum each) and with
larger splits. Run on the GPU machine from the repo root: python bench/experiments/run8_probe7.py OUT.json"""
import json, sys
from dataclasses import replace
import torch
from llm_scratch.bench.common import environment
from llm_scratch.bench.train import bench_setting, experiment_settings
from llm_scratch.speed import ladder
from llm_scratch.gpt2 import GPTConfig

best = replace(ladder()[-1], name="best", batch_size=64)
row = experiment_settings(best)[10]
tokens = torch.randint(0, 50257, (2**22,), generator=torch.Generator().manual_seed(0))
out = {"env": environment("cuda"), "setting": row.name, "rows": []}
for split in (None, 64, 128, 256, None):   # the heuristic again at the end: drift over the run
    r = bench_setting(replace(row, norm_split=split), GPTConfig(), "cuda", tokens, steps=15, warmup=3)
    out["rows"].append({"norm_split": split, "ms_per_step": r["ms_per_step"], "tokens_per_s": r["tokens_per_s"]})
    print(f"split {split}: {r['ms_per_step']:.2f} ms  {r['tokens_per_s']:,.0f} tok/s", flush=True)
    json.dump(out, open(sys.argv[1], "w"), indent=1)
