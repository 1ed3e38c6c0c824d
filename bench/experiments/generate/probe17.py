"""The kernel decoder at batch 8 and 32 with the attention of probe16 (issue 16, ninth session): in calls 2 and 5 of
`bench/results/2026-12-02-h200-sampling/` it read 11-12% lower after the change, but from two calls. This times, in
one run, `KernelDecoder`'s step (1.1B config, bf16, 128-token prompt, best of two runs of 63 replays) at batch 8 and
32 with the kernels of commit f80cde7 and with this commit's, interleaved, the old file loaded beside the current module
as in `ab_kernels.py`. Run on the GPU machine from the repository root:
`python bench/experiments/generate/probe17.py OLD_KERNELS.py OUT.json`."""
import importlib.util, json, sys

import torch

from llm_scratch.bench.common import environment
from llm_scratch.bench.llama import random_model, step_seconds
from llm_scratch.decode import KernelDecoder
import llm_scratch.kernels.llama_decode as new

NAME, P, N = "llm_scratch.kernels.llama_decode", 128, 64
spec = importlib.util.spec_from_file_location("llm_scratch.kernels._llama_decode_f80cde7", sys.argv[1])
old = importlib.util.module_from_spec(spec); sys.modules[spec.name] = old; spec.loader.exec_module(old)
res = dict(environment=environment("cuda"), step=[])
model = random_model("1.1B", max_seq_len=P + N)
with torch.no_grad():
    for batch in (8, 32):
        prompt = torch.randint(0, model.config.vocab_size, (batch, P), device="cuda")
        for label, mod in (("old", old), ("new", new), ("old", old), ("new", new)):
            sys.modules[NAME] = mod
            try: dec = KernelDecoder(model, batch, P + N).capture()
            finally: sys.modules[NAME] = new
            res["step"].append(dict(batch=batch, kernels=label, step_ms=step_seconds(dec, prompt, N - 1, reps=2) * 1e3))
            del dec; model.clear_cache()
            json.dump(res, open(sys.argv[2], "w"), indent=1)
            print(res["step"][-1], flush=True)
