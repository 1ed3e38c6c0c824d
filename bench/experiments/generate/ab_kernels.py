"""The same-run comparison behind probe13.py and probe14.py (issue 16, eighth session): the decode step of `KernelDecoder`
with the kernels of an older commit (its `llm_scratch/kernels/llama_decode.py`, loaded beside the current module and put
in its place while that decoder is built and captured) against the current ones, interleaved; what each kernel adds to
the step under the profiler; the float32 check of the current kernels; `generate` at batch 1, greedy and top-p."""
import importlib.util, json, statistics, sys

import torch
from torch.profiler import ProfilerActivity, profile

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import check_kernel_decoder, generate_row, random_model, step_seconds
from llm_scratch.decode import KernelDecoder
import llm_scratch.kernels.llama_decode as new

N, P = 256, 128
NAME = "llm_scratch.kernels.llama_decode"

def run(old_file: str, out_file: str, base: str):
    "Compare the decode step of the kernels in old_file (those of commit base) with the current ones; results to out_file."
    spec = importlib.util.spec_from_file_location(f"llm_scratch.kernels._llama_decode_{base}", old_file)
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
