"""Where a `generate` call's time goes, per decoder and batch: the prefill, the decode steps (graph replays), and the
rest. Run on the GPU machine: `python bench/experiments/generate/breakdown.py` (about 2 minutes with --compiled)."""
import sys, time

import torch

from llm_scratch.bench.common import copy_bandwidth
from llm_scratch.bench.llama import random_model
from llm_scratch.decode import bandwidth_limit, make_decoder, release
from llm_scratch.sample import generate


def timed(fn) -> float:
    torch.cuda.synchronize(); t0 = time.perf_counter(); fn(); torch.cuda.synchronize()
    return time.perf_counter() - t0


model, bw = random_model("1.1B"), copy_bandwidth()
P, N = 128, 256
for kind in ["kernels"] + (["compiled"] if "--compiled" in sys.argv else []):
    for B in (1, 8, 32):
        prompt = torch.randint(0, model.config.vocab_size, (B, P), device="cuda")
        generate(model, prompt, N, temperature=0, decoder=kind)                    # tune, compile, capture
        total = min(timed(lambda: generate(model, prompt, N, temperature=0, decoder=kind)) for _ in range(2))
        dec = make_decoder(model, kind, B, P + N)                                  # the decoder generate kept
        prefill = min(timed(lambda: dec.prefill(prompt)) for _ in range(3))
        step = min(timed(lambda: dec.decode(N - 1)) for _ in range(2)) / (N - 1)
        floor = bandwidth_limit(model.config, B, P + N // 2, bw)["step_floor_ms"]
        print(f"{kind:8s} batch {B:2d}: generate {total * 1e3:7.1f} ms = prefill {prefill * 1e3:6.1f} + {N - 1} steps × "
              f"{step * 1e3:.3f} ms (floor {floor:.3f}, {floor / (step * 1e3):.0%}) + rest "
              f"{(total - prefill - (N - 1) * step) * 1e3:5.1f} ms", flush=True)
        release(model)
