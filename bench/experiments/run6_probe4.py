"""Probe 4 for run 6: every plain matrix product of GPT-2's batch-64 step, PyTorch's cuBLAS call against the fastest
of cuBLASLt's candidate algorithms (up to 32, each timed).  python bench/experiments/run6_probe4.py OUT.json"""
import json, sys, time
import torch
from llm_scratch.bench.common import cuda_time
from llm_scratch.kernels import cublaslt as fused

dev, bf = "cuda", torch.bfloat16
M, C, H, V, R = 65536, 768, 3072, 50304, 8192
res = {"card": torch.cuda.get_device_name(), "torch": torch.__version__, "date": time.strftime("%Y-%m-%d %H:%M:%S")}
def put(k, v): res[k] = v; print(k, v, flush=True)

def bench(fn, reps=10, warm=3):   # median µs after warm-up
    for _ in range(warm): fn()
    return round(cuda_time(fn, reps, warmup=0) * 1000, 1)

src = (fused.CUBLASLT_SRC.replace("algo[8]", "algo[32]").replace("res[8]", "res[32]").replace("pref, 8, res", "pref, 32, res")
       .replace("{CUBLASLT_EPILOGUE_GELU_AUX_BIAS, CUBLASLT_EPILOGUE_DGELU}",
                "{CUBLASLT_EPILOGUE_GELU_AUX_BIAS, CUBLASLT_EPILOGUE_DGELU, CUBLASLT_EPILOGUE_DEFAULT, CUBLASLT_EPILOGUE_BIAS}")
       .replace("epilogue > 1", "epilogue > 3"))
assert src.count("32") >= 3 and "EPILOGUE_BIAS}" in src and "epilogue > 3" in src
fused.CUBLASLT_SRC = src
fused.EPILOGUES.update(default=2, bias=3)
fused._lt.update(fn=None, algo={}, times={})
g = torch.Generator(device=dev).manual_seed(0)
rn = lambda *s: torch.randn(*s, device=dev, dtype=bf, generator=g) * 0.5
ws = {}
def lt(name, ta, tb, m, n, k, A, lda, B, ldb, D, ldd, epi="default", bias=None):
    t = bench(lambda: fused.lt_matmul(ta, tb, m, n, k, A, lda, B, ldb, D, ldd, epi, bias=bias))
    key = next(kk for kk in fused._lt["times"] if kk[:9] == (ta, tb, m, n, k, lda, ldb, ldd, epi))
    return t, [round(x * 1000, 1) for x in fused._lt["times"][key]], fused._lt["algo"][key]

rows = []
def row(name, torch_fn, lt_args, flops):
    t0 = bench(torch_fn)
    t1, cands, pick = lt(name, *lt_args)
    rows.append(dict(name=name, torch_us=t0, lt_us=t1, lt_pick=pick, candidates=cands,
                     torch_tflops=round(flops / t0 / 1e6, 1), lt_tflops=round(flops / t1 / 1e6, 1)))
    print(rows[-1], flush=True)

a776, a768 = rn(M, 776), rn(M, 768)
w_attn, b_attn = rn(3 * C, C), rn(3 * C)
wp, bp = rn(C, C), rn(C)
w1 = rn(H, C)
w2, b2 = rn(C, H), rn(C)
h3080, h3072 = rn(M, 3080), rn(M, H)
out = lambda *s: torch.empty(*s, device=dev, dtype=bf)
# forward products (bias epilogue): row-major Y (M×N) = X Wᵀ + b  <=>  column-major Yᵀ = W · Xᵀ
row("c_attn fwd (ld 776)", lambda: torch.addmm(b_attn, a776[:, :C], w_attn.t()),
    (True, False, 3 * C, M, C, w_attn, C, a776, 776, out(M, 3 * C), 3 * C, "bias", b_attn), 2 * M * C * 3 * C)
row("attn c_proj fwd", lambda: torch.addmm(bp, a768, wp.t()),
    (True, False, C, M, C, wp, C, a768, C, out(M, C), C, "bias", bp), 2 * M * C * C)
row("mlp c_proj fwd (ld 3080)", lambda: torch.addmm(b2, h3080[:, :H], w2.t()),
    (True, False, C, M, H, w2, H, h3080, 3080, out(M, C), C, "bias", b2), 2 * M * C * H)
row("mlp c_proj fwd (ld 3072)", lambda: torch.addmm(b2, h3072, w2.t()),
    (True, False, C, M, H, w2, H, h3072, H, out(M, C), C, "bias", b2), 2 * M * C * H)
# input gradients: dX (M×K) = dY (M×N) W (N×K)  <=>  dXᵀ = Wᵀ · dYᵀ
dqkv, dy, dpre = rn(M, 3 * C), rn(M, C), rn(M, H)
row("c_attn dX", lambda: dqkv @ w_attn, (False, False, C, M, 3 * C, w_attn, C, dqkv, 3 * C, out(M, C), C), 2 * M * C * 3 * C)
row("attn c_proj dX", lambda: dy @ wp, (False, False, C, M, C, wp, C, dy, C, out(M, C), C), 2 * M * C * C)
row("c_fc dX", lambda: dpre @ w1, (False, False, C, M, H, w1, C, dpre, H, out(M, C), C), 2 * M * C * H)
# weight gradients: dW (N×K) = dYᵀ X  <=>  dWᵀ (K×N) = Xᵀ · dY
row("c_attn dW (776)", lambda: dqkv.t() @ a776, (False, True, 776, 3 * C, M, a776, 776, dqkv, 3 * C, out(3 * C, 776), 776),
    2 * M * 776 * 3 * C)
row("attn c_proj dW", lambda: dy.t() @ a768, (False, True, C, C, M, a768, C, dy, C, out(C, C), C), 2 * M * C * C)
row("c_fc dW (776)", lambda: dpre.t() @ a776, (False, True, 776, H, M, a776, 776, dpre, H, out(H, 776), 776), 2 * M * 776 * H)
row("c_proj dW (3080)", lambda: dy.t() @ h3080, (False, True, 3080, C, M, h3080, 3080, dy, C, out(C, 3080), 3080),
    2 * M * 3080 * C)
# the output layer, one chunk of 8192 rows
hc, wte, gl = rn(R, C), rn(V, C), rn(R, V)
row("lm_head logits", lambda: hc @ wte.t(), (True, False, V, R, C, wte, C, hc, C, out(R, V), V), 2 * R * C * V)
row("lm_head dX", lambda: gl @ wte, (False, False, C, R, V, wte, C, gl, V, out(R, C), C), 2 * R * C * V)
row("lm_head dW (no accumulate)", lambda: gl.t() @ hc, (False, True, C, V, R, hc, C, gl, V, out(V, C), C), 2 * R * C * V)
res["rows"] = rows
tot0 = sum(r["torch_us"] for r in rows); tot1 = sum(r["lt_us"] for r in rows)
put("sum torch us", round(tot0, 1)); put("sum best-of-lt us", round(tot1, 1))
json.dump(res, open(sys.argv[1], "w"), indent=1)
