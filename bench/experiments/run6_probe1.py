"""Probe 1 for run 6: micro-benchmarks of the candidate fixes for the last ~5 ms of the GPT-2 step (H100).
Run from the repo root: python bench/experiments/run6_probe1.py OUT.json"""
import json, sys, time, math
import torch, torch.nn.functional as F
from llm_scratch.bench.common import cuda_time
from llm_scratch.kernels import cublaslt as fused

dev = "cuda"
bf = torch.bfloat16
N, C, H = 65536, 768, 3072
res = {"card": torch.cuda.get_device_name(), "torch": torch.__version__, "date": time.strftime("%Y-%m-%d %H:%M:%S")}

def bench(fn, reps=20, warm=3):   # median µs after warm-up
    for _ in range(warm): fn()
    return round(cuda_time(fn, reps, warmup=0) * 1000, 1)

def put(k, v): res[k] = v; print(k, v, flush=True)

g = torch.Generator(device=dev).manual_seed(0)
rn = lambda *s: torch.randn(*s, device=dev, dtype=bf, generator=g) * 0.5

SKIP = "--from5" in sys.argv
if SKIP: res["note"] = "sections 5-8 only"
# 1. alignment of the input's row stride for the forward products (c_attn, mlp c_proj)
if not SKIP:
    w_attn, b_attn = rn(3 * C, C), rn(3 * C)
    w2, b2 = rn(C, H), rn(C)
    for width in (768, 776, 832):
        a = rn(N, width)
        put(f"c_attn fwd ld={width}", bench(lambda: torch.addmm(b_attn, a[:, :C], w_attn.t())))
    for width in (3072, 3080, 3136):
        h = rn(N, width)
        put(f"mlp c_proj fwd ld={width}", bench(lambda: torch.addmm(b2, h[:, :H], w2.t())))

    # 2. GELU_AUX_BIAS / DGELU: output row stride, and 8 vs 32 candidate algorithms
    w1, b1 = rn(H, C), rn(H)
    def epi_runs(tag):
        x = rn(N, 776)
        for width in (3072, 3080, 3136):
            hh, pre = torch.empty(N, width, device=dev, dtype=bf), torch.empty(N, H, device=dev, dtype=bf)
            put(f"{tag} gelu_aux_bias ldd={width}",
                bench(lambda: fused.lt_matmul(True, False, H, N, C, w1, C, x, 776, hh, width, "gelu_aux_bias", bias=b1, aux=pre, ldaux=H)))
        dy, pre = rn(N, C), rn(N, H)
        dpre = torch.empty(N, H, device=dev, dtype=bf)
        put(f"{tag} dgelu", bench(lambda: fused.lt_matmul(False, False, H, N, C, w2, H, dy, C, dpre, H, "dgelu", aux=pre, ldaux=H)))
        put(f"{tag} candidate times", {str(k): [round(t * 1000, 1) for t in v] for k, v in fused._lt["times"].items()})
    epi_runs("8 algos")
    src32 = fused.CUBLASLT_SRC.replace("algo[8]", "algo[32]").replace("res[8]", "res[32]").replace("pref, 8, res", "pref, 32, res")
    assert src32 != fused.CUBLASLT_SRC and "res[32]" in src32 and "pref, 32, res" in src32
    fused.CUBLASLT_SRC = src32
    fused._lt.update(fn=None, algo={}, times={})
    epi_runs("32 algos")

    # 3. weight-gradient products with the ones block: width 768 (+ column sum), 776, 832
    dpre = rn(N, H)
    for width in (768, 776, 832):
        a = rn(N, width)
        if width == 768: fn = lambda: (dpre.t() @ a, dpre.sum(0, dtype=torch.float32))
        else: fn = lambda: dpre.t() @ a
        put(f"c_fc dW width={width}", bench(fn))
    dqkv = rn(N, 3 * C)
    for width in (768, 776, 832):
        a = rn(N, width)
        put(f"c_attn dW width={width}", bench(lambda: dqkv.t() @ a))

    # 4. c_attn backward: cat of dq, dk, dv then one product each, vs three products per piece
    dq, dk, dv = rn(N, C), rn(N, C), rn(N, C)
    a = rn(N, 776)
    def cat_way():
        d = torch.cat([dq, dk, dv], 1)
        return d @ w_attn, d.t() @ a
    gW = torch.empty(3 * C, 776, device=dev, dtype=bf)
    def three_way():
        dx = dq @ w_attn[:C]
        dx.addmm_(dk, w_attn[C:2 * C]); dx.addmm_(dv, w_attn[2 * C:])
        for i, d in enumerate((dq, dk, dv)): torch.mm(d.t(), a, out=gW[i * C:(i + 1) * C])
        return dx, gW
    put("c_attn bwd cat+2 products", bench(cat_way))
    put("c_attn bwd 3+3 products", bench(three_way))
    put("cat alone", bench(lambda: torch.cat([dq, dk, dv], 1)))

# 5. the cuDNN attention gradients' layout
B, T, nh, D = 64, 1024, 12, 64
torch.backends.cuda.enable_flash_sdp(False); torch.backends.cuda.enable_mem_efficient_sdp(False)
torch.backends.cuda.enable_math_sdp(False); torch.backends.cuda.enable_cudnn_sdp(True)
qkv = rn(B, T, 3 * C).requires_grad_()
q, k, v = (t.view(B, T, nh, D).transpose(1, 2) for t in qkv.split(C, 2))
seen = {}
q.register_hook(lambda gq: seen.update(dq=(tuple(gq.shape), gq.stride())))
o = F.scaled_dot_product_attention(q, k, v, is_causal=True)
o.backward(torch.randn_like(o))
put("sdpa cudnn dq shape/stride", seen["dq"]); put("sdpa cudnn o stride", o.stride())

# 6. the fused loss's backward scaling: plain mul vs one foreach mul
gh, gw, s = rn(N, C), rn(50304, C), torch.ones((), device=dev)
put("CE bwd: two muls", bench(lambda: ((gh * s).to(bf), (gw * s).to(bf))))
put("CE bwd: foreach_mul_", bench(lambda: torch._foreach_mul_([gh, gw], s)))

# 7. clipping: clip_grad_norm_ + fused AdamW vs norm + fused AdamW with grad_scale
from llm_scratch.gpt2 import GPT, GPTConfig
model = GPT(GPTConfig(vocab_pad_multiple=64)).to(dev)
for p in model.parameters(): p.grad = torch.randn_like(p) * 1e-3
opt = torch.optim.AdamW(model.parameters(), lr=6e-4, betas=(0.9, 0.95), weight_decay=0.1, fused=True)
def clip_then_step():
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step()
def scale_in_step():
    norm = torch.nn.utils.get_total_norm([p.grad for p in model.parameters()])
    opt.grad_scale = (norm / 1.0).clamp_min(1.0)
    opt.step()
put("clip_grad_norm_ + step", bench(clip_then_step))
put("norm + step(grad_scale)", bench(scale_in_step))

# 8. residual in the output product's epilogue: addmm(resid, y, Wᵀ) vs addmm(bias, y, Wᵀ) (+ the add done elsewhere)
w2, b2 = rn(C, H), rn(C)
y, wp, bp, resid = rn(N, C), rn(C, C), rn(C), rn(N, C)
put("attn c_proj addmm(bias)", bench(lambda: torch.addmm(bp, y, wp.t())))
put("attn c_proj addmm(resid)", bench(lambda: torch.addmm(resid, y, wp.t())))
h = rn(N, H)
put("mlp c_proj addmm(bias)", bench(lambda: torch.addmm(b2, h, w2.t())))
put("mlp c_proj addmm(resid)", bench(lambda: torch.addmm(resid, h, w2.t())))

json.dump(res, open(sys.argv[1], "w"), indent=1)
