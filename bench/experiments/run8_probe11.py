"""CUDA graphs: the reference row (row 0) and row 8 with torch.compile(mode="reduce-overhead"), which replays the
compiled graph's kernels from a CUDA graph, against the default mode, each pair in the same process on one GPU.
Run on the GPU machine from the repo root: python bench/experiments/run8_probe11.py OUT.json"""
import json, sys
from dataclasses import replace
import torch
from llm_scratch.bench.common import environment
from llm_scratch.bench.train import bench_setting, experiment_settings
from llm_scratch.speed import ladder
from llm_scratch.gpt2 import GPTConfig

best = replace(ladder()[-1], name="best", batch_size=64)
tokens = torch.randint(0, 50257, (2**22,), generator=torch.Generator().manual_seed(0))
out = {"env": environment("cuda"), "rows": []}
for i in (0, 8):
    for mode in (None, "reduce-overhead", None):
        s = replace(experiment_settings(best)[i], compile_mode=mode)
        try:
            r = bench_setting(s, GPTConfig(), "cuda", tokens, steps=20, warmup=5)
            row = {"row": i, "setting": s.name, "compile_mode": mode, "ms_per_step": r["ms_per_step"],
                   "tokens_per_s": r["tokens_per_s"], "peak_mem_gb": r["peak_mem_gb"]}
        except Exception as e:
            row = {"row": i, "setting": s.name, "compile_mode": mode, "error": f"{type(e).__name__}: {e}"[:300]}
        out["rows"].append(row); print(row, flush=True)
        json.dump(out, open(sys.argv[1], "w"), indent=1)
