"""Probe 5 for run 6: the output layer's logits product of one 8192-row chunk in FP8 (e4m3, per-tensor scales,
bf16 out) against bf16, and the logits' error.  python bench/experiments/run6_probe5.py OUT.json"""
import json, sys, time
import torch
from llm_scratch.bench.common import cuda_time
dev, bf = "cuda", torch.bfloat16
R, C, V = 8192, 768, 50304
res = {"card": torch.cuda.get_device_name(), "torch": torch.__version__, "date": time.strftime("%Y-%m-%d %H:%M:%S")}
def put(k, v): res[k] = v; print(k, v, flush=True)
def bench(fn, reps=20, warm=3):   # median µs after warm-up
    for _ in range(warm): fn()
    return round(cuda_time(fn, reps, warmup=0) * 1000, 1)
g = torch.Generator(device=dev).manual_seed(0)
h = torch.randn(R, C, device=dev, generator=g).to(bf)             # like a LayerNorm output
w = (torch.randn(V, C, device=dev, generator=g) * 0.02).to(bf)    # like GPT-2's token embedding
f8 = torch.float8_e4m3fn
def q8(t):
    s = t.abs().amax().float().clamp_min(1e-12) / 448
    return (t / s).to(f8), s
h8, sh = q8(h); w8, sw = q8(w)
put("bf16 mm us", bench(lambda: h @ w.t()))
put("fp8 _scaled_mm us", bench(lambda: torch._scaled_mm(h8, w8.t(), scale_a=sh, scale_b=sw, out_dtype=bf)))
put("fp8 casts of h (per chunk) us", bench(lambda: q8(h)))
put("fp8 cast of w (per step) us", bench(lambda: q8(w)))
ref = h.double() @ w.double().t()
for name, z in (("bf16", h @ w.t()), ("fp8", torch._scaled_mm(h8, w8.t(), scale_a=sh, scale_b=sw, out_dtype=bf))):
    err = (z.double() - ref)
    put(f"{name} logits rel err", (err.norm() / ref.norm()).item())
    t = torch.randint(0, V, (R,), device=dev)
    put(f"{name} loss - ref loss", (torch.nn.functional.cross_entropy(z.float(), t) - torch.nn.functional.cross_entropy(ref, t)).item())
json.dump(res, open(sys.argv[1], "w"), indent=1)
