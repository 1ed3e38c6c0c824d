"""Where one kernel per layer loses (issue 16, eighth session): probe9.py measured `decode_layer` at 60.5 us per layer of
the 1.1B config against 44.0 for the five kernels. This times, in one run, 22 layers captured in one CUDA graph: the five
kernels; `decode_layer` as one launch with the data written inside the kernel read past L1 (.cg, `reload=True`) or not,
with registers capped (`maxnreg`) so that more programs fit on an SM; and its phases as five launches (no barrier) with
528 to 2,112 programs, which separates the cost of the barriers from that of the tile loop. Each layer is checked
against the five kernels first. Run on the GPU machine: `python bench/experiments/generate/probe10.py OUT.json`.
Kept as the command behind call 2 of bench/results/2026-12-02-h200-decode-layer/: its `reload` and `maxnreg` options
belonged to a form of `decode_layer` replaced before commit 65046a0 and no longer exist; probe11.py runs against the
current library."""
import json, sys

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import graph_time, random_model
from llm_scratch.kernels import llama_decode as K
from llm_scratch.layers import rope_inv_freq

N, P = 256, 128
out_file = sys.argv[1] if len(sys.argv) > 1 else "probe10.json"
res = dict(environment=environment("cuda"), bandwidth_GBs=copy_bandwidth() / 1e9, rows=[])
model = random_model("1.1B", max_seq_len=P + N)
cfg, dev, bf = model.config, "cuda", torch.bfloat16
D, n_kv, H, L = cfg.head_dim, cfg.n_kv_heads, cfg.n_heads, cfg.n_layers
inv = rope_inv_freq(D, cfg.rope_theta, dev)
gen = torch.Generator(dev).manual_seed(0)
x = torch.randn(1, cfg.dim, device=dev, dtype=bf, generator=gen)
caches = [(torch.randn(1, n_kv, P + N, D, device=dev, dtype=bf, generator=gen),
           torch.randn(1, n_kv, P + N, D, device=dev, dtype=bf, generator=gen)) for _ in range(L)]
pos = torch.tensor([P + N // 2], device=dev)
new = lambda n: torch.zeros(1, n, device=dev, dtype=bf)
q, attn, act = new(H * D), new(H * D), new(cfg.ffn_dim)
bars = torch.zeros(L, 32, dtype=torch.int32, device=dev)
def weights(i):
    l = model.layers[i]
    return l.attention_norm.weight, l.attention.wqkv.weight, l.attention.wo.weight, l.ffn_norm.weight, l.feed_forward.w13.weight, l.feed_forward.w2.weight
def five(i, h, ck, cv, pdl=True):
    g1, wqkv, wo, g2, w13, w2 = weights(i)
    K.fused_qkv_rope(h, g1, wqkv, q, ck, cv, pos, inv, cfg.norm_eps, pdl=pdl)
    K.fused_linear(K.decode_attention(q, ck, cv, pos, attn, pdl=pdl), wo, h, residual=True, pdl=pdl)
    K.fused_swiglu(h, g2, w13, act, cfg.norm_eps, pdl=pdl)
    K.fused_linear(act, w2, h, residual=True, pdl=pdl)
def one(i, h, ck, cv, **kw):
    g1, wqkv, wo, g2, w13, w2 = weights(i)
    K.decode_layer(h, g1, wqkv, q, ck, cv, pos, inv, attn, wo, g2, w13, act, w2, bars[i], cfg.norm_eps, **kw)
def save():
    with open(out_file, "w") as f: json.dump(res, f, indent=1)

rel = lambda a, b: ((a.float() - b.float()).norm() / b.float().norm()).item()
ref = [x.clone(), caches[0][0].clone(), caches[0][1].clone()]
five(0, *ref, pdl=False); torch.cuda.synchronize()
xt = x.clone()
configs = [dict(pdl=True), dict(pdl=True, reload=False), dict(pdl=True, maxnreg=96, programs_per_sm=5),
           dict(pdl=True, maxnreg=80, programs_per_sm=6), dict(pdl=True, maxnreg=64, programs_per_sm=8),
           dict(pdl=True, maxnreg=64, programs_per_sm=8, reload=False),
           dict(phases=True, programs=528), dict(phases=True, programs=1056), dict(phases=True, programs=2112)]
with torch.no_grad():
    for rep in range(2):                                  # twice, interleaved: the spread is the noise
        xt.copy_(x)
        res["rows"].append(dict(what="five kernels, pdl", rep=rep, us_per_layer=graph_time(lambda i: five(i % L, xt, *caches[i % L]), L) * 1e6))
        print(res["rows"][-1], flush=True)
        for c in configs:
            row = dict(what="decode_layer", rep=rep, **c)
            got = [x.clone(), caches[0][0].clone(), caches[0][1].clone()]
            bars.zero_()
            one(0, *got, **c); torch.cuda.synchronize()
            row.update(rel_err_h=rel(got[0], ref[0]), cache_equal=bool(torch.equal(got[1], ref[1]) and torch.equal(got[2], ref[2])),
                       flag=int(bars[0, 1]))
            if row["flag"] == 0 and row["rel_err_h"] < 2e-2:
                xt.copy_(x)
                row["us_per_layer"] = graph_time(lambda i: one(i % L, xt, *caches[i % L], **c), L) * 1e6
                row["flag_after_timing"] = int(bars[:, 1].sum())
            res["rows"].append(row); save()
            print(row, flush=True)
    res["resident"] = {str(k): v for k, v in K._RESIDENT.items()}
    save()
