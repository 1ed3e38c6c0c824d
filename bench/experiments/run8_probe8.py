"""The fused loss's two knobs (probe 9 = `--one-exp`: the variants with one exponential per element in pass 1) on one GPU: (1) the chunk loss kernel's order and cache hints, and (2) rows per chunk.
(1) The kernel reads each 100 KB logits row twice (pass 1: log-sum-exp; pass 2: the gradient). With ~4 rows in
flight per SM, 132 SMs keep ~50 MB of rows live, about the L2's size, so pass 2 partly re-reads HBM. Variants:
pass 2 backwards (the tiles loaded last are re-read first), and L2 eviction hints (keep on pass 1, drop on pass 2).
(2) `fused_linear_cross_entropy` at GPT-2's batch-64 shape, forward + backward, for 4096 ... 32768 rows per chunk.
Run on the GPU machine from the repo root: python bench/experiments/run8_probe8.py OUT.json"""
import json, sys
import torch
from llm_scratch.bench.common import cuda_time
import triton
import triton.language as tl
from llm_scratch.kernels.cross_entropy import fused_linear_cross_entropy, cross_entropy_chunk


@triton.jit
def _ce_variant(logits_ptr, logits_stride, targets_ptr, loss_ptr, grad_ptr, grad_stride, n_cols, vocab_size,
                inv_count_ptr, ignore_index, BLOCK: tl.constexpr, REVERSE: tl.constexpr, HINTS: tl.constexpr,
                ONE_EXP: tl.constexpr = False):
    row = tl.program_id(0)
    src = logits_ptr + tl.cast(row, tl.int64) * logits_stride
    dst = grad_ptr + tl.cast(row, tl.int64) * grad_stride
    offs = tl.arange(0, BLOCK)
    m = tl.full([BLOCK], -1e30, tl.float32)
    s = tl.zeros([BLOCK], tl.float32)
    for start in range(0, vocab_size, BLOCK):
        cols = start + offs
        if HINTS: z = tl.load(src + cols, mask=cols < vocab_size, other=float("-inf"), eviction_policy="evict_last")
        else: z = tl.load(src + cols, mask=cols < vocab_size, other=float("-inf"))
        z = z.to(tl.float32)
        if ONE_EXP:   # one exponential per element: e^-|z - m| rescales s when z is the new max, else adds to it
            e = tl.exp(-tl.abs(z - m))
            s = tl.where(z > m, s * e + 1.0, s + e)
            m = tl.maximum(m, z)
        else:
            m_new = tl.maximum(m, z)
            s = s * tl.exp(m - m_new) + tl.exp(z - m_new)
            m = m_new
    mx = tl.max(m, 0)
    lse = mx + tl.log(tl.sum(s * tl.exp(m - mx), 0))
    t = tl.load(targets_ptr + row)
    valid = t != ignore_index
    t = tl.where(valid, t, 0)
    z_t = tl.load(src + t).to(tl.float32)
    tl.store(loss_ptr + row, tl.where(valid, lse - z_t, 0.0))
    scale = tl.where(valid, tl.load(inv_count_ptr).to(tl.float32), 0.0)
    n_tiles = tl.cdiv(n_cols, BLOCK)
    for i in range(0, n_tiles):
        start = (n_tiles - 1 - i) * BLOCK if REVERSE else i * BLOCK
        cols = start + offs
        if HINTS: z = tl.load(src + cols, mask=cols < vocab_size, other=float("-inf"), eviction_policy="evict_first")
        else: z = tl.load(src + cols, mask=cols < vocab_size, other=float("-inf"))
        g = (tl.exp(z.to(tl.float32) - lse) - (cols == t).to(tl.float32)) * scale
        tl.store(dst + cols, g.to(dst.dtype.element_ty), mask=cols < n_cols)


def time_ms(fn, reps=20):
    "Median ms over `reps` CUDA-event-timed calls, after 3 warm-up calls."
    for _ in range(3): fn()
    return cuda_time(fn, reps, warmup=0)


out = {"card": torch.cuda.get_device_name(), "torch": torch.__version__, "triton": triton.__version__,
       "kernel": [], "chunks": []}
n, Vp, V = 8192, 50304, 50257
z = (torch.randn(n, Vp, device="cuda") * 3).bfloat16()
grad = torch.empty_like(z)
t = torch.randint(0, V, (n,), device="cuda")
inv = 1 / torch.tensor(float(n), device="cuda")
losses = torch.empty(n, device="cuda")
floor_ms = 2 * z.numel() * 2 / 2.93e12 * 1e3
ref_loss, ref_g = cross_entropy_chunk(z, t, V, inv, inplace=False)
print(f"chunk {n}x{Vp} bf16: one read + one write at 2.93 TB/s = {floor_ms:.3f} ms")
ms = time_ms(lambda: cross_entropy_chunk(z, t, V, inv, inplace=False))
out["kernel"].append({"variant": "current (4096, 16 warps)", "ms": ms}); print(f"current: {ms:.3f} ms")
one_exp = "--one-exp" in sys.argv
variants = ([(b, w, r, h) for b, w in ((4096, 16), (2048, 8), (8192, 32), (4096, 8), (1024, 4))
             for r, h in ((False, False), (True, False), (False, True), (True, True))] if not one_exp else
            [(b, w, True, True) for b, w in ((4096, 16), (4096, 8), (8192, 16), (8192, 32), (2048, 8))])
for block, warps, rev, hints in variants:
    for one in ((False, True) if one_exp else (False,)):
        f = lambda: _ce_variant[(n,)](z, z.stride(0), t, losses, grad, grad.stride(0), Vp, V, inv, -100,
                                      BLOCK=block, REVERSE=rev, HINTS=hints, ONE_EXP=one, num_warps=warps)
        try:
            ms = time_ms(f)
            ok = (torch.allclose(losses.sum(), ref_loss, rtol=1e-4) and (grad.float() - ref_g.float()).abs().max().item() < 1e-6)
        except Exception as e:
            ms, ok = None, f"{type(e).__name__}: {e}"[:200]
        out["kernel"].append({"block": block, "warps": warps, "reverse": rev, "hints": hints, "one_exp": one, "ms": ms,
                              "same": ok})
        print(f"block {block:5d} warps {warps:2d} reverse {rev!s:5} hints {hints!s:5} one_exp {one!s:5}: {ms} ms  same={ok}",
              flush=True)
    json.dump(out, open(sys.argv[1], "w"), indent=1)

if one_exp: sys.exit()
N, C = 65536, 768
h = torch.randn(N, C, device="cuda", dtype=torch.bfloat16, requires_grad=True)
w = (torch.randn(Vp, C, device="cuda") * 0.02).requires_grad_()
y = torch.randint(0, V, (N,), device="cuda")
for fp8 in (True, False):
    for rows in (4096, 8192, 16384, 32768):
        def step():
            loss = fused_linear_cross_entropy(h, w, y, V, chunk_rows=rows, compute_dtype=torch.bfloat16, logits_fp8=fp8)
            loss.backward(); h.grad = w.grad = None
        ms = time_ms(step, reps=10)
        mem = torch.cuda.max_memory_allocated() / 1e9
        out["chunks"].append({"logits_fp8": fp8, "chunk_rows": rows, "ms": ms}); print(f"fp8 {fp8} chunk {rows}: {ms:.2f} ms", flush=True)
        json.dump(out, open(sys.argv[1], "w"), indent=1)
