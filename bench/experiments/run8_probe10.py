"""`cross_entropy_chunk` as committed (pass 2 backwards, L2 eviction hints, one exponential per element in pass 1)
on one 8,192 x 50,304 bf16 chunk, in place and not, against `ce_chunk` in float64.
Run on the GPU machine from the repo root: python bench/experiments/run8_probe10.py OUT.json"""
import json, sys
import torch
from llm_scratch.bench.common import cuda_time
import triton
from llm_scratch.kernels.cross_entropy import ce_chunk, cross_entropy_chunk

def time_ms(fn, reps=20):
    "Median ms over `reps` CUDA-event-timed calls, after 3 warm-up calls."
    for _ in range(3): fn()
    return cuda_time(fn, reps, warmup=0)

n, Vp, V = 8192, 50304, 50257
z = (torch.randn(n, Vp, device="cuda") * 3).bfloat16()
t = torch.randint(0, V, (n,), device="cuda"); t[::97] = -100
inv = 1 / (t != -100).sum().float()
ref_loss, ref_g = ce_chunk(z[:1024].double(), t[:1024], V, inv.double())
loss, g = cross_entropy_chunk(z[:1024].clone(), t[:1024], V, inv)
err = {"loss_rel": abs(loss.item() - ref_loss.item()) / abs(ref_loss.item()),
       "grad_max_abs": (g.double() - ref_g).abs().max().item()}
zz = z.clone()
res = {"card": torch.cuda.get_device_name(), "torch": torch.__version__, "triton": triton.__version__, **err,
       "out_of_place_ms": time_ms(lambda: cross_entropy_chunk(z, t, V, inv, inplace=False)),
       "in_place_ms": time_ms(lambda: cross_entropy_chunk(zz, t, V, inv))}   # (rewrites gradients over gradients)
print(res); json.dump(res, open(sys.argv[1], "w"), indent=1)
