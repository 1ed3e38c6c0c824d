"""One persistent kernel per layer (issue 16, eighth session): `kernels.llama_decode.decode_layer` runs a LLaMA layer's
five kernels as phases of one launch, with grid barriers between them. This checks one launch against the five kernels
on the 1.1B config's shapes (bf16), times 22 layers captured in one CUDA graph for several tiles and grid sizes against
the five kernels, then the decode step of `KernelDecoder` with `layer_kernel` off and on (interleaved, best of two runs
of 255 replays after a 128-token prompt), the logits check of `bench.llama.check_kernel_decoder`, and `generate`.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe9.py OUT.json`.
Kept as the command behind call 1 of bench/results/2026-12-02-h200-decode-layer/: it was written for the first form of
`decode_layer`, replaced before commit 65046a0 (the grid-size lookup below reads a key layout since changed); probe11.py
runs against the current library."""
import json, sys

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import check_kernel_decoder, generate_row, graph_time, random_model, step_seconds
from llm_scratch.decode import KernelDecoder
from llm_scratch.kernels import llama_decode as K
from llm_scratch.layers import rope_inv_freq

N, P = 256, 128
out_file = sys.argv[1] if len(sys.argv) > 1 else "probe9.json"
res = dict(environment=environment("cuda"), bandwidth_GBs=copy_bandwidth() / 1e9, layer=[], step=[])
def save():
    with open(out_file, "w") as f: json.dump(res, f, indent=1)

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

rel = lambda a, b: ((a.float() - b.float()).norm() / b.float().norm()).item()
ref = [x.clone(), caches[0][0].clone(), caches[0][1].clone()]
five(0, *ref, pdl=False); torch.cuda.synchronize()
configs = [dict(block_n=2, num_warps=4, block_s=64, programs_per_sm=4, pdl=True),
           dict(block_n=2, num_warps=4, block_s=64, programs_per_sm=4, pdl=False),
           dict(block_n=2, num_warps=4, block_s=64, programs_per_sm=2, pdl=True),
           dict(block_n=2, num_warps=4, block_s=64, programs_per_sm=8, pdl=True),
           dict(block_n=2, num_warps=4, block_s=128, programs_per_sm=4, pdl=True),
           dict(block_n=4, num_warps=8, block_s=128, programs_per_sm=2, pdl=True),
           dict(block_n=4, num_warps=8, block_s=128, programs_per_sm=4, pdl=True),
           dict(block_n=2, num_warps=4, block_s=64, phases=True)]
with torch.no_grad():
    xt = x.clone()                                                     # the timed layers accumulate into it
    five_us = graph_time(lambda i: five(i % L, xt, *caches[i % L]), L) * 1e6
    res["five_kernels_us_per_layer"] = five_us
    print(f"five kernels, pdl: {five_us:.2f} us per layer", flush=True)
    for c in configs:
        row = dict(c)
        got = [x.clone(), caches[0][0].clone(), caches[0][1].clone()]
        bars.zero_()
        one(0, *got, **c); torch.cuda.synchronize()
        row.update(rel_err_h=rel(got[0], ref[0]), cache_equal=bool(torch.equal(got[1], ref[1]) and torch.equal(got[2], ref[2])),
                   flag=int(bars[0, 1]), count=int(bars[0, 0]),
                   fit_per_sm=[v for k, v in K._RESIDENT.items() if dict(k[1]).get("BLOCK_S") == c["block_s"]
                               and dict(k[1]).get("num_warps") == c["num_warps"] and k[2] == c.get("pdl")])
        print(row, flush=True)
        if row["flag"] == 0 and row["rel_err_h"] < 2e-2:
            bars.zero_()
            xt.copy_(x)
            row["us_per_layer"] = graph_time(lambda i: one(i % L, xt, *caches[i % L], **c), L) * 1e6
            row["flag_after_timing"] = int(bars[:, 1].sum())
            print(f"  {row['us_per_layer']:.2f} us per layer", flush=True)
        res["layer"].append(row); save()
    res["resident"] = {str(k): v for k, v in K._RESIDENT.items()}
    prompt = torch.randint(0, cfg.vocab_size, (1, P), device=dev)
    for lk in (False, True, False, True):
        dec = KernelDecoder(model, 1, P + N, layer_kernel=lk).capture()
        ms = step_seconds(dec, prompt, N - 1, reps=2) * 1e3
        dec.check()
        res["step"].append(dict(layer_kernel=lk, pdl=dec.pdl, step_ms=ms)); save()
        print(res["step"][-1], flush=True)
        del dec; model.clear_cache()
    res["check"] = check_kernel_decoder(model); save()
    bw = res["bandwidth_GBs"] * 1e9
    res["generate"] = [generate_row(model, 1, P, N, bw), generate_row(model, 1, P, N, bw, temperature=1.0, top_p=0.9)]
    save()
    for r in res["generate"]: print({k: r[k] for k in ("decoder", "top_p", "tokens_per_s", "fraction_of_limit")}, flush=True)
