"""What one top-p choice costs inside a captured decode step, before and after sampling in sorted order (issue 16).

In run 5 (`bench/results/2026-12-01-h200-decode-generate/run1/`) top-p 0.9 cost 0.115 ms per token over greedy, 10.3%
of the step, just missing "within 10% of greedy". Since then `sample.sample_next` draws top-p in the sorted order
that `sample.nucleus` computes, skipping the scatter back to vocabulary order and the second softmax. This probe
times, on one (1, 32000) float32 row of logits and a row of Exp(1) noise, each choice captured in one CUDA graph
(64 calls back to back):
1. `logits.argmax(-1)`, what greedy pays;
2. `sample_next(logits, 1.0, top_p=0.9, noise=noise)`, what `generate` runs now;
3. `before`: the formulation of run 5 (`filter_top_p`, softmax, the race in vocabulary order);
4. `torch.sort` alone, the part neither removes;
5. `torch.compile(sample_next)`, Inductor fusing the element-wise parts.
It also counts how often 3 and 5 pick the token 2 picks over 2,000 noise draws (the same distribution; they may
differ on rounding ties). Run on the GPU machine from the repository root:
`python bench/experiments/generate/probe4.py OUT.json` (under a minute)."""
import json, sys

import torch

from llm_scratch.bench.common import environment
from llm_scratch.bench.llama import graph_time
from llm_scratch.sample import filter_top_p, sample_next


def before(logits: torch.Tensor, p: float, noise: torch.Tensor) -> torch.Tensor:
    "Top-p at temperature 1 as sample_next drew it in run 5: filter in vocabulary order, softmax again, race."
    return (filter_top_p(logits.float(), p).softmax(dim=-1) / noise).argmax(dim=-1)


@torch.no_grad()
def main(path: str):
    g = torch.Generator("cuda").manual_seed(0)
    logits = torch.randn(1, 32000, device="cuda", generator=g) * 2
    noise = torch.empty_like(logits).exponential_(generator=g)
    compiled = torch.compile(lambda l, n: sample_next(l, 1.0, top_p=0.9, noise=n))
    variants = {"greedy argmax": lambda: logits.argmax(-1),
                "sample_next top-p 0.9": lambda: sample_next(logits, 1.0, top_p=0.9, noise=noise),
                "torch.sort alone": lambda: torch.sort(logits, dim=-1),
                "before (run 5) top-p 0.9": lambda: before(logits, 0.9, noise),
                "compiled sample_next top-p 0.9": lambda: compiled(logits, noise)}
    res = {"environment": environment("cuda"), "rows": [], "agreement": {}}
    for name, fn in variants.items():
        us = graph_time(lambda i: fn(), 64) * 1e6
        res["rows"].append({"variant": name, "us_per_call": us})
        print(f"{name:32s} {us:7.1f} us", flush=True)
        with open(path, "w") as f: json.dump(res, f, indent=1)
    same = {"before": 0, "compiled": 0}
    for _ in range(2000):
        noise.exponential_(generator=g)
        ref = sample_next(logits, 1.0, top_p=0.9, noise=noise)
        same["before"] += int((before(logits, 0.9, noise) == ref).all())
        same["compiled"] += int((compiled(logits, noise) == ref).all())
    res["agreement"] = {k: v / 2000 for k, v in same.items()}
    print("same token as sample_next:", res["agreement"], flush=True)
    with open(path, "w") as f: json.dump(res, f, indent=1)


if __name__ == "__main__": main(sys.argv[1])
