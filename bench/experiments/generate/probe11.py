"""One kernel per layer, second form (issue 16, eighth session): probe10.py (in the history at 65046a0) found the tile
loop, not the barriers, to be where `decode_layer` lost (its phases as five launches of 528 programs: 58.6 us per
layer, against 44.0 for the five kernels), because a program of a persistent grid waited for each tile's first chunk
of weights. Now each program streams its tiles chunk by chunk with the next two chunks of W in flight, across tiles
and across the barrier. This times 22 layers captured in one CUDA graph (the five kernels; `decode_layer` with several
tiles and grid sizes; its phases as five launches), each layer checked against the five kernels first; then the decode
step of `KernelDecoder` with `layer_kernel` off and on (interleaved, best of two runs of 255 replays after a 128-token
prompt), the logits check of `bench.llama.check_kernel_decoder` and `generate` at batch 1, greedy and top-p.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe11.py OUT.json`."""
import json, sys

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import check_kernel_decoder, generate_row, graph_time, random_model, step_seconds
from llm_scratch.decode import KernelDecoder
from llm_scratch.kernels import llama_decode as K
from llm_scratch.layers import rope_inv_freq

N, P = 256, 128
out_file = sys.argv[1] if len(sys.argv) > 1 else "probe11.json"
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
configs = [dict(pdl=True), dict(pdl=False), dict(pdl=True, programs_per_sm=2), dict(pdl=True, block_s=128),
           dict(pdl=True, block_k=512), dict(pdl=True, block_k=2048), dict(pdl=True, block_n=4, block_k=512),
           dict(pdl=True, block_n=4, num_warps=8, block_s=128), dict(phases=True, programs=528)]
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
    res["step"] = []
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
