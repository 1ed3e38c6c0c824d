"""Programmatic dependent launch at batches 8 and 32 (issue 16, seventh session): with PDL on by default the kernel
decoder's tl.dot path ran at 3,334-3,507 tokens/s at batch 8 (runs 7 and 8) against 4,685 in run 5 without it. This
times the decode step of `KernelDecoder` after a 128-token prompt (1.1B config, bf16) at batch 1, 8 and 32 with
pdl=False and pdl=True in one run, interleaved, best of two runs of 255 graph replays each.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe8.py OUT.json`."""
import json, sys

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import random_model, step_seconds
from llm_scratch.decode import KernelDecoder

N, P = 256, 128


def step_ms(dec, prompt) -> float:
    "Milliseconds per decode step: `bench.llama.step_seconds` over N - 1 steps, best of two runs."
    return step_seconds(dec, prompt, N - 1, reps=2) * 1e3


out_file = sys.argv[1] if len(sys.argv) > 1 else "probe8.json"
res = dict(environment=environment("cuda"), bandwidth_GBs=copy_bandwidth() / 1e9, rows=[])
model = random_model("1.1B", max_seq_len=P + N)
with torch.no_grad():
    for batch in (1, 8, 32):
        prompt = torch.randint(0, model.config.vocab_size, (batch, P), device="cuda")
        for pdl in (False, True, False, True):
            dec = KernelDecoder(model, batch, P + N, pdl=pdl).capture()
            res["rows"].append(dict(batch=batch, pdl=pdl, step_ms=step_ms(dec, prompt)))
            del dec; model.clear_cache()
            with open(out_file, "w") as f: json.dump(res, f, indent=1)
            print(res["rows"][-1], flush=True)
