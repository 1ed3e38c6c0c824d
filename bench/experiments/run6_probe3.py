"""Probe 3 for run 6: every execution plan cuDNN offers for GPT-2's attention (B=64, T=1024, 12 heads of 64,
packed qkv, bf16), forward and backward, timed one by one.  python bench/experiments/run6_probe3.py OUT.json"""
import json, sys, time, math
import torch
from llm_scratch.bench.common import cuda_time
import cudnn
from llm_scratch.kernels.cudnn_attn import _heads

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
qkv = (torch.randn(B, T, 3 * C, device=dev) * 0.5).to(bf)
q, k, v = (_heads(t, nh) for t in qkv.split(C, 2))
o = torch.empty(B, T, C, device=dev, dtype=bf)
lse = torch.empty(B, nh, T, 1, device=dev, dtype=torch.float32)
dqkv = torch.empty_like(qkv); dq, dk, dv = (_heads(t, nh) for t in dqkv.split(C, 2))
do = (torch.randn(B, T, C, device=dev) * 0.5).to(bf)
scale = 1 / math.sqrt(D)
mk = lambda: cudnn.pygraph(io_data_type=cudnn.data_type.BFLOAT16, intermediate_data_type=cudnn.data_type.FLOAT,
                           compute_data_type=cudnn.data_type.FLOAT, handle=handle)
gf = mk()
tq, tk, tv = gf.tensor_like(q), gf.tensor_like(k), gf.tensor_like(v)
to, ts = gf.sdpa(name="sdpa", q=tq, k=tk, v=tv, is_inference=False, attn_scale=scale, use_causal_mask=True)
to.set_output(True).set_dim(_heads(o, nh).size()).set_stride(_heads(o, nh).stride())
ts.set_output(True).set_dim(lse.size()).set_stride(lse.stride()).set_data_type(cudnn.data_type.FLOAT)
gb = mk()
bq, bk, bv, bo, bdo, bst = (gb.tensor_like(t) for t in (q, k, v, _heads(o, nh), _heads(do, nh), lse))
grads = gb.sdpa_backward(name="sdpa_backward", q=bq, k=bk, v=bv, o=bo, dO=bdo, stats=bst, attn_scale=scale,
                         use_causal_mask=True)
for t, ref in zip(grads, (dq, dk, dv)): t.set_output(True).set_dim(ref.size()).set_stride(ref.stride())
packs = {"fwd": {tq: q, tk: k, tv: v, to: _heads(o, nh), ts: lse},
         "bwd": {bq: q, bk: k, bv: v, bo: _heads(o, nh), bdo: _heads(do, nh), bst: lse,
                 grads[0]: dq, grads[1]: dk, grads[2]: dv}}
for name, g in (("fwd", gf), ("bwd", gb)):
    g.validate(); g.build_operation_graph()
    g.create_execution_plans([cudnn.heur_mode.A, cudnn.heur_mode.B, cudnn.heur_mode.FALLBACK])
    try: g.check_support()
    except Exception as e: put(f"{name} check_support", str(e)[:200])
    n = g.get_execution_plan_count(); put(f"{name} plans", n)
    rows = []
    for i in range(n):
        try:
            g.build_plan_at_index(i)
            ws = torch.empty(max(1, g.get_workspace_size_plan_at_index(i)), device=dev, dtype=torch.uint8)
            t = bench(lambda: g.execute_plan_at_index(packs[name], ws, i, handle=handle))
            nm = g.get_plan_name_at_index(i)
            rows.append((i, nm, t)); print(name, i, nm, t, flush=True)
        except Exception as e:
            rows.append((i, "error", str(e)[:160])); print(name, i, "error", str(e)[:160], flush=True)
    res[f"{name} plan times us"] = rows
json.dump(res, open(sys.argv[1], "w"), indent=1)
