"""Reads before the wait (issue 16, eighth session), after probe13.py: each kernel now reads before its PDL wait all
that no kernel of the step writes, and right after it all that the kernel before wrote, before its loop: the residual
(`wo`, `w2`), the position and the rotation speeds (qkv), the first block of cached keys and values but this
position's (attention); and the argmax reads 8,192 logits a block with 16 warps instead of 2,048 with 8. This compares,
in one run, the decode step of `KernelDecoder` (1.1B config, bf16, batch 1, 128-token prompt, best of two runs of 255
replays, interleaved) with the kernels of commit e3bdb69 (the file `git show e3bdb69:llm_scratch/kernels/llama_decode.py`,
loaded beside the current module and put in its place while that decoder is built and captured) and with this commit's;
records each kernel's added time in the step under the profiler for both; checks the new kernels' logits against a
float32 copy (`bench.llama.check_kernel_decoder`); and times `generate` at batch 1, greedy and top-p.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe14.py OLD_KERNELS.py OUT.json`."""
import importlib.util, json, statistics, sys

import torch
from torch.profiler import ProfilerActivity, profile

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import check_kernel_decoder, generate_row, random_model, step_seconds
from llm_scratch.decode import KernelDecoder
import llm_scratch.kernels.llama_decode as new

N, P = 256, 128
NAME = "llm_scratch.kernels.llama_decode"
old_file, out_file = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "probe14.json"
spec = importlib.util.spec_from_file_location("llm_scratch.kernels._llama_decode_e3bdb69", old_file)
old = importlib.util.module_from_spec(spec); sys.modules[spec.name] = old; spec.loader.exec_module(old)
res = dict(environment=environment("cuda"), bandwidth_GBs=copy_bandwidth() / 1e9, step=[], adds={})
def save():
    with open(out_file, "w") as f: json.dump(res, f, indent=1)

def decoder(mod):
    "A captured KernelDecoder whose kernels come from mod (the import inside its methods reads sys.modules)."
    sys.modules[NAME] = mod
    try: return KernelDecoder(model, 1, P + N).capture()
    finally: sys.modules[NAME] = new

def adds(dec):
    "Median time each kernel of a step adds after the previous one's end (us), over 7 profiled steps."
    dec.prefill(prompt); dec.decode(8); torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        dec.decode(8); torch.cuda.synchronize()
    ev = sorted([(e.time_range.start, e.time_range.end, e.name) for e in prof.events()
                 if e.device_type == torch.autograd.DeviceType.CUDA], key=lambda t: t[1])
    steps, cur = [], []
    for t in ev:
        cur.append(t)
        if "greedy" in t[2]: steps.append(cur); cur = []
    per = statistics.mode(len(s) for s in steps)
    steps = [s for s in steps if len(s) == per]
    return [dict(name=steps[0][i][2][:40], adds_us=statistics.median(s[i][1] - s[i - 1][1] for s in steps)) for i in range(1, per)]

model = random_model("1.1B", max_seq_len=P + N)
prompt = torch.randint(0, model.config.vocab_size, (1, P), device="cuda")
with torch.no_grad():
    for label, mod in (("old", old), ("new", new), ("old", old), ("new", new)):
        dec = decoder(mod)
        res["step"].append(dict(kernels=label, step_ms=step_seconds(dec, prompt, N - 1, reps=2) * 1e3))
        if label not in res["adds"]: res["adds"][label] = adds(dec)
        del dec; model.clear_cache(); save()
        print(res["step"][-1], flush=True)
    for label in ("old", "new"):
        a = res["adds"][label]
        layer = a[1:6]                                    # embedding row, then layer 0's five kernels
        print(label, [(r["name"][:16], round(r["adds_us"], 2)) for r in layer + a[-2:]], flush=True)
    res["check"] = check_kernel_decoder(model); save()
    bw = res["bandwidth_GBs"] * 1e9
    res["generate"] = [generate_row(model, 1, P, N, bw), generate_row(model, 1, P, N, bw, temperature=1.0, top_p=0.9)]
    save()
    for r in res["generate"]: print({k: r[k] for k in ("decoder", "top_p", "tokens_per_s", "fraction_of_limit")}, flush=True)
