"""What one top-p choice costs inside a captured decode step, and what a cheaper formulation would save (issue 16).

In run 5 (`bench/results/2026-12-01-h200-decode-generate/run1/`) top-p 0.9 cost 0.115 ms per token over greedy, 10.3%
of the step, just missing "within 10% of greedy". This probe times, on one (1, 32000) float32 row of logits and a
row of Exp(1) noise, each step captured in one CUDA graph (64 calls back to back):
1. `logits.argmax(-1)`, what greedy pays;
2. `sample.sample_next(logits, 1.0, top_p=0.9, noise=noise)`, what `generate` runs today;
3. `torch.sort` alone, the part no rewrite of the surrounding operations removes;
4. `sorted_space`: the same nucleus (same sort, softmax and cumulative sum, so the same kept set), then the race of
   exponential clocks run over the sorted row and mapped back through the sort's order: no scatter back to
   vocabulary order and no second softmax, about five kernels fewer;
5. `torch.compile(sample_next)`, Inductor fusing the element-wise parts.
It also counts how often 4 and 5 pick the token 2 picks over 2,000 noise draws (they agree in distribution; they may
differ on near-ties of probability/noise). Run on the GPU machine from the repository root:
`python bench/experiments/generate/probe4.py OUT.json` (under a minute)."""
import json, sys

import torch

from llm_scratch.bench.common import environment
from llm_scratch.bench.llama import graph_time
from llm_scratch.sample import sample_next


def sorted_space(logits: torch.Tensor, p: float, noise: torch.Tensor) -> torch.Tensor:
    "Top-p sampling at temperature 1 without leaving the sorted order: the candidate formulation this probe times."
    sorted_logits, order = torch.sort(logits.float(), dim=-1, descending=False)
    probs = sorted_logits.softmax(dim=-1)
    keep = probs.cumsum(dim=-1) > 1.0 - p                  # the complement of filter_top_p's drop
    keep[..., -1] = True
    score = torch.where(keep, probs / noise.gather(-1, order), -1.0)
    return order.gather(-1, score.argmax(dim=-1, keepdim=True))[..., 0]


@torch.no_grad()
def main(path: str):
    g = torch.Generator("cuda").manual_seed(0)
    logits = torch.randn(1, 32000, device="cuda", generator=g) * 2
    noise = torch.empty_like(logits).exponential_(generator=g)
    compiled = torch.compile(lambda l, n: sample_next(l, 1.0, top_p=0.9, noise=n))
    variants = {"greedy argmax": lambda: logits.argmax(-1),
                "sample_next top-p 0.9": lambda: sample_next(logits, 1.0, top_p=0.9, noise=noise),
                "torch.sort alone": lambda: torch.sort(logits, dim=-1),
                "sorted_space top-p 0.9": lambda: sorted_space(logits, 0.9, noise),
                "compiled sample_next top-p 0.9": lambda: compiled(logits, noise)}
    res = {"environment": environment("cuda"), "rows": [], "agreement": {}}
    for name, fn in variants.items():
        us = graph_time(lambda i: fn(), 64) * 1e6
        res["rows"].append({"variant": name, "us_per_call": us})
        print(f"{name:32s} {us:7.1f} us", flush=True)
        with open(path, "w") as f: json.dump(res, f, indent=1)
    same = {"sorted_space": 0, "compiled": 0}
    for _ in range(2000):
        noise.exponential_(generator=g)
        ref = sample_next(logits, 1.0, top_p=0.9, noise=noise)
        same["sorted_space"] += int((sorted_space(logits, 0.9, noise) == ref).all())
        same["compiled"] += int((compiled(logits, noise) == ref).all())
    res["agreement"] = {k: v / 2000 for k, v in same.items()}
    print("same token as sample_next:", res["agreement"], flush=True)
    with open(path, "w") as f: json.dump(res, f, indent=1)


if __name__ == "__main__": main(sys.argv[1])
