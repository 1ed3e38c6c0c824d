"""Probe 2 for run 6: cuDNN's attention through its own frontend (Python package `cudnn`), with the gradients of
q, k, v written straight into one (B, T, 3C) buffer, against PyTorch's SDPA on the cuDNN backend + the cat.
python bench/experiments/run6_probe2.py OUT.json"""
import json, sys, time, math
import torch, torch.nn.functional as F
from llm_scratch.bench.common import cuda_time
import cudnn

dev, bf = "cuda", torch.bfloat16
B, T, nh, D = 64, 1024, 12, 64
C = nh * D
res = {"card": torch.cuda.get_device_name(), "torch": torch.__version__, "cudnn_backend": cudnn.backend_version(),
       "cudnn_frontend": cudnn.__version__, "date": time.strftime("%Y-%m-%d %H:%M:%S")}
def put(k, v): res[k] = v; print(k, v, flush=True)

def bench(fn, reps=20, warm=3):   # median µs after warm-up
    for _ in range(warm): fn()
    return round(cuda_time(fn, reps, warmup=0) * 1000, 1)

handle = cudnn.create_handle()
cudnn.set_stream(handle=handle, stream=torch.cuda.current_stream().cuda_stream)
heads = lambda t: t.view(B, T, nh, D).transpose(1, 2)          # (B, T, C) slice -> (B, H, T, D) view

qkv = (torch.randn(B, T, 3 * C, device=dev) * 0.5).to(bf)
q, k, v = (heads(t) for t in qkv.split(C, 2))
o = torch.empty(B, T, C, device=dev, dtype=bf)
stats = torch.empty(B, nh, T, 1, device=dev, dtype=torch.float32)
dqkv = torch.empty_like(qkv)
dq, dk, dv = (heads(t) for t in dqkv.split(C, 2))
do = (torch.randn(B, T, C, device=dev) * 0.5).to(bf)
scale = 1 / math.sqrt(D)

def graph():
    return cudnn.pygraph(io_data_type=cudnn.data_type.BFLOAT16, intermediate_data_type=cudnn.data_type.FLOAT,
                         compute_data_type=cudnn.data_type.FLOAT, handle=handle)
t0 = time.time()
gf = graph()
tq, tk, tv = gf.tensor_like(q), gf.tensor_like(k), gf.tensor_like(v)
to, ts = gf.sdpa(name="sdpa", q=tq, k=tk, v=tv, is_inference=False, attn_scale=scale, use_causal_mask=True)
to.set_output(True).set_dim(heads(o).size()).set_stride(heads(o).stride())
ts.set_output(True).set_dim(stats.size()).set_stride(stats.stride()).set_data_type(cudnn.data_type.FLOAT)
for g in (gf,):
    g.validate(); g.build_operation_graph(); g.create_execution_plans([cudnn.heur_mode.A, cudnn.heur_mode.FALLBACK])
    g.check_support(); g.build_plans()
gb = graph()
bq, bk, bv, bo, bdo, bst = (gb.tensor_like(t) for t in (q, k, v, heads(o), heads(do), stats))
bdq, bdk, bdv = gb.sdpa_backward(name="sdpa_backward", q=bq, k=bk, v=bv, o=bo, dO=bdo, stats=bst, attn_scale=scale,
                                 use_causal_mask=True)
for t, ref in ((bdq, dq), (bdk, dk), (bdv, dv)): t.set_output(True).set_dim(ref.size()).set_stride(ref.stride())
gb.validate(); gb.build_operation_graph(); gb.create_execution_plans([cudnn.heur_mode.A, cudnn.heur_mode.FALLBACK])
gb.check_support(); gb.build_plans()
put("build s", round(time.time() - t0, 2))
ws = torch.empty(max(gf.get_workspace_size(), gb.get_workspace_size()), device=dev, dtype=torch.uint8)
put("workspace bytes", ws.numel())
fwd = lambda: gf.execute({tq: q, tk: k, tv: v, to: heads(o), ts: stats}, ws, handle=handle)
bwd = lambda: gb.execute({bq: q, bk: k, bv: v, bo: heads(o), bdo: heads(do), bst: stats, bdq: dq, bdk: dk, bdv: dv},
                         ws, handle=handle)
fwd(); bwd(); torch.cuda.synchronize()

# correctness against PyTorch's SDPA (math in float32)
qf = qkv.float().requires_grad_()
qq, kk, vv = (heads(t) for t in qf.split(C, 2))
of = F.scaled_dot_product_attention(qq, kk, vv, is_causal=True)
of.backward(heads(do).float())
put("max |o - ref|", (heads(o).float() - of).abs().max().item())
put("max |dqkv - ref|", (dqkv.float() - qf.grad).abs().max().item())
put("ref |dqkv| max", qf.grad.abs().max().item())

put("frontend fwd us", bench(fwd)); put("frontend bwd us (writes dqkv)", bench(bwd))

# PyTorch SDPA on the cuDNN backend: forward, backward, and the cat that builds dqkv
torch.backends.cuda.enable_flash_sdp(False); torch.backends.cuda.enable_mem_efficient_sdp(False)
torch.backends.cuda.enable_math_sdp(False); torch.backends.cuda.enable_cudnn_sdp(True)
x = qkv.detach().clone().requires_grad_()
def torch_fwd():
    qq, kk, vv = (heads(t) for t in x.split(C, 2))
    return F.scaled_dot_product_attention(qq, kk, vv, is_causal=True)
put("torch sdpa fwd us", bench(lambda: torch_fwd()))
y = torch_fwd(); g = heads(do)
def torch_bwd():
    x.grad = None
    y.backward(g, retain_graph=True)
put("torch sdpa bwd us (incl. cat into dqkv)", bench(torch_bwd))
seen = {}
qq, kk, vv = (heads(t) for t in x.split(C, 2))
qq.register_hook(lambda gq: seen.update(dq=str(gq.stride())))
F.scaled_dot_product_attention(qq, kk, vv, is_causal=True).backward(g)
put("torch dq stride", seen["dq"])
put("torch vs frontend |dqkv| max diff", (x.grad.float() - dqkv.float()).abs().max().item())
json.dump(res, open(sys.argv[1], "w"), indent=1)
