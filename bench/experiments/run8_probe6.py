"""Which operations launch the small kernels left in the step of row 10 (the 50 float sums, the adds, the copies)?
Profiles two warm steps with shapes and Python stacks and prints, for every kernel name matching a pattern, the
aten op that launched it, its input shapes and the innermost frames of our code. Run on the GPU machine from the
repo root: python bench/experiments/run8_probe6.py OUT.json"""
import json, re, sys
from collections import defaultdict
import torch
from torch.profiler import ProfilerActivity, profile
from llm_scratch.bench.train import experiment_settings
from llm_scratch.speed import Setting, batches, build, ladder, make_step
from llm_scratch.gpt2 import GPTConfig
from dataclasses import replace

best = replace(ladder()[-1], name="best", batch_size=64)
s = experiment_settings(best)[int(sys.argv[2]) if len(sys.argv) > 2 else 10]
cfg = GPTConfig()
model, opt = build(s, cfg, "cuda")
step = make_step(model, opt, s, "cuda")
data = batches(torch.randint(0, 50257, (2**22,)), 64, 1024, "cuda")
for _ in range(4): step(*next(data))
torch.cuda.synchronize()
with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA], record_shapes=True, with_stack=True) as prof:
    for _ in range(2): step(*next(data))
    torch.cuda.synchronize()
pat = re.compile(r"reduce_kernel|CUDAFunctor_add|bfloat16_copy|FillFunctor|TensorListMetadata<1>|direct_copy|Memset")
found = defaultdict(lambda: [0.0, 0])
for e in prof.events():
    for k in getattr(e, "kernels", []):
        if pat.search(k.name):
            op = e   # the launching aten op: climb from the runtime call (cudaLaunchKernel) to its parent
            while op.cpu_parent is not None and (op.name.startswith("cuda") or not op.input_shapes): op = op.cpu_parent
            frames, a = [], op   # Python frames (with_stack records them as ancestor events named "file.py(line): fn")
            while a is not None and len(frames) < 4:
                if ".py(" in a.name and ("llm_scratch" in a.name or "torch/optim" in a.name or "torch/nn" in a.name
                                         or "_inductor" in a.name) or "evaluate_function" in a.name: frames.append(a.name)
                a = a.cpu_parent
            key = (re.sub(r"<.*", "", k.name)[:60], op.name, str(op.input_shapes)[:160], " | ".join(frames)[:400])
            found[key][0] += k.duration / 2; found[key][1] += 1
rows = sorted(([*k, round(v[0], 1), v[1] // 2] for k, v in found.items()), key=lambda r: -r[4])
for r in rows: print(f"{r[4]:8.1f} us {r[5]:4d}x  {r[0]:45s} {r[1]:28s} {r[2]}\n{'':20s}{r[3]}")
json.dump({"setting": s.name, "card": torch.cuda.get_device_name(), "torch": torch.__version__,
           "rows": [dict(zip(("kernel", "op", "shapes", "frames", "us_per_step", "calls_per_step"), r)) for r in rows]},
          open(sys.argv[1], "w"), indent=1)
