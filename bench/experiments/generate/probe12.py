"""Where the kernel decoder's step goes, kernel by kernel, in context (issue 16, eighth session). The products measured
alone (22 calls of one kernel per graph, probe6.py) and the attention add up to about 35 us per layer, but a layer of the
step costs about 44 us. This records a few replays of the captured step under torch.profiler (CUPTI traces the kernels
of a CUDA graph) and reports, for each kernel of a layer in order, the median time from the previous kernel's end to its
own end: what each kernel adds to the step with its neighbours around it. Both forms: five kernels per layer, and
`decode_layer` (layer_kernel=True). 1.1B config, bf16, batch 1, after a 128-token prompt.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe12.py OUT.json`."""
import json, statistics, sys

import torch
from torch.profiler import ProfilerActivity, profile

from llm_scratch.bench.common import environment
from llm_scratch.bench.llama import random_model
from llm_scratch.decode import KernelDecoder

N, P = 64, 128
out_file = sys.argv[1] if len(sys.argv) > 1 else "probe12.json"
res = dict(environment=environment("cuda"), forms=[])
model = random_model("1.1B", max_seq_len=P + N)
prompt = torch.randint(0, model.config.vocab_size, (1, P), device="cuda")
with torch.no_grad():
    for lk in (False, True):
        dec = KernelDecoder(model, 1, P + N, layer_kernel=lk).capture()
        dec.prefill(prompt); dec.decode(8); torch.cuda.synchronize()
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            dec.decode(8); torch.cuda.synchronize()
        ev = sorted([(e.time_range.start, e.time_range.end, e.name) for e in prof.events()
                     if e.device_type == torch.autograd.DeviceType.CUDA], key=lambda t: t[1])
        dec.check()
        steps, cur = [], []
        for s, e, name in ev:                               # a step ends with the position increment after the argmax
            cur.append((s, e, name))
            if "greedy" in name: steps.append(cur); cur = []
        per = statistics.mode(len(st) for st in steps) if steps else 0
        steps = [st for st in steps if len(st) == per]     # (the first holds no position increment of a step before it)
        rows = []
        if steps:
            for i in range(per):
                adds, durs = [], []
                for j, st in enumerate(steps):
                    s, e, name = st[i]
                    if i > 0: adds.append(e - st[i - 1][1])
                    durs.append(e - s)
                rows.append(dict(i=i, name=steps[0][i][2][:60], adds_us=statistics.median(adds) if adds else None,
                                 dur_us=statistics.median(durs)))
        step_us = statistics.median(st[-1][1] - st[0][1] for st in steps[1:]) if len(steps) > 1 else None
        res["forms"].append(dict(layer_kernel=lk, kernels_per_step=per, n_steps=len(steps), rows=rows, step_span_us=step_us,
                                 n_events=len(ev), events=[(s - ev[0][0], e - ev[0][0], n[:40]) for s, e, n in ev]))
        with open(out_file, "w") as f: json.dump(res, f, indent=1)
        print(f"layer_kernel={lk}: {len(ev)} kernel events, {len(steps)} steps of {per}; first-to-last kernel {step_us} us", flush=True)
        for r in rows[:14] + rows[-4:]: print({k: round(v, 2) if isinstance(v, float) else v for k, v in r.items()}, flush=True)
        del dec; model.clear_cache()
