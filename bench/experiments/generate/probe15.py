"""Sampling without a sort (issue 16, ninth session): `sample_next` on a GPU now draws through one Triton kernel,
`kernels.llama_decode.sample_pick`, which finds the nucleus's edge by a binary search instead of sorting the row.
This probe times, in one run on the 1.1B config's row of 32,000 float32 logits at batch 1 (each pick captured 50
times in a CUDA graph, so launches from Python do not count): the torch path (`impl="torch"`, the sort) and the
kernel at 8, 16 and 32 warps, for top-p 0.9, top-k 50 + top-p 0.9, and temperature alone, beside greedy's argmax;
counts rows where kernel and torch path disagree over 4,096 rows; then times `generate` at batch 1 (greedy, and
top-p 0.9 at temperature 1) through `bench.llama.generate_row`, with the kernels each sampled step runs under the
profiler. Run on the GPU machine from the repository root: `python bench/experiments/generate/probe15.py OUT.json`."""
import json, statistics, sys

import torch
from torch.profiler import ProfilerActivity, profile

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import generate_row, random_model
from llm_scratch.decode import make_decoder
from llm_scratch.kernels.llama_decode import sample_pick
from llm_scratch.sample import _picker, sample_next

OUT = sys.argv[1] if len(sys.argv) > 1 else "probe15.json"
res = dict(environment=environment("cuda"), bandwidth_GBs=copy_bandwidth() / 1e9, pick_us={}, disagree={})
save = lambda: json.dump(res, open(OUT, "w"), indent=1)

def graph_us(fn, n=50, reps=5):
    "Microseconds per call of fn, captured n times in one CUDA graph: the best of reps replays."
    s = torch.cuda.Stream(); s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(3): fn()
    torch.cuda.current_stream().wait_stream(s); torch.cuda.synchronize()
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        for _ in range(n): fn()
    best = float("inf")
    for _ in range(reps):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record(); g.replay(); b.record(); torch.cuda.synchronize()
        best = min(best, a.elapsed_time(b) * 1e3 / n)
    return best

gen = torch.Generator("cuda").manual_seed(0)
z = torch.randn(1, 32000, device="cuda", generator=gen) * 3
noise = torch.empty(1, 32000, device="cuda").exponential_(generator=gen)
settings = {"top-p 0.9": (1.0, None, 0.9), "top-k 50 + top-p 0.9": (1.0, 50, 0.9), "temperature 1": (1.0, None, None)}
with torch.no_grad():
    res["pick_us"]["greedy argmax"] = graph_us(lambda: z.argmax(-1))
    for name, (t, k, p) in settings.items():
        res["pick_us"][f"{name}: torch"] = graph_us(lambda: sample_next(z, t, k, p, noise=noise, impl="torch"))
        for w in (8, 16, 32):
            res["pick_us"][f"{name}: kernel, {w} warps"] = graph_us(lambda: sample_pick(z, noise, t, k, p, num_warps=w))
        res["pick_us"][f"{name}: sample_next (auto)"] = graph_us(lambda: sample_next(z, t, k, p, noise=noise))
        big = torch.randn(4096, 32000, device="cuda", generator=gen) * 3
        bn = torch.empty_like(big).exponential_(generator=gen)
        res["disagree"][name] = int((sample_pick(big, bn, t, k, p) != sample_next(big, t, k, p, noise=bn, impl="torch")).sum())
        del big, bn
    save()
    for k, v in res["pick_us"].items(): print(f"{k:45s} {v:8.2f} us", flush=True)
    print("rows of 4,096 where kernel and torch disagree:", res["disagree"], flush=True)

    N, P = 256, 128
    model = random_model("1.1B", max_seq_len=P + N)
    bw = res["bandwidth_GBs"] * 1e9
    res["generate"] = []
    for _ in range(2):   # interleaved twice
        res["generate"] += [generate_row(model, 1, P, N, bw), generate_row(model, 1, P, N, bw, temperature=1.0, top_p=0.9)]
        save()
    for r in res["generate"]: print({k: r[k] for k in ("decoder", "top_p", "tokens_per_s", "fraction_of_limit")}, flush=True)
    dec = make_decoder(model, "kernels", 1, P + N, _picker(1.0, None, 0.9), None)   # the decoder generate keeps, sampled
    prompt = torch.randint(0, model.config.vocab_size, (1, P), device="cuda")
    dec.prefill(prompt); dec.decode(8); torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        dec.decode(8); torch.cuda.synchronize()
    ev = sorted([(e.time_range.start, e.time_range.end, e.name) for e in prof.events()
                 if e.device_type == torch.autograd.DeviceType.CUDA], key=lambda t: t[1])
    i = max(j for j, e in enumerate(ev) if "_sample_kernel" in e[2] and j < len(ev) - 10)   # a sampled step's tail
    tail = [dict(name=e[2][:60], us=e[1] - e[0],
                 adds_us=e[1] - ev[j - 1][1]) for j, e in list(enumerate(ev))[i - 2:i + 8]]
    res["step_tail"] = tail; save()
    for r in tail: print(r, flush=True)
