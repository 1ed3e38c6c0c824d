"""Probe (tenth session, issue 15): why `train()` runs ~15 ms per step slower than `bench_setting` of the same
setting (probe1: micro-batch 128, 605k against 616k tokens/s). In one process: (L) the loop at micro-batch 128 with a
kernel profile of two steps in the middle of the run and, at every step start, whether the GPU had already finished
the previous step (then the host, not the GPU, set the pace); (B) `bench_setting` of the same setting with its profile;
(L64) the loop at micro-batch 64. nvidia-smi samples clocks and power in the background (run3.sh).
Usage (repository root, GPU wheels on PYTHONPATH): python3 bench/experiments/train-loop/probe2.py OUT.json"""
import json, sys, time, traceback
import numpy as np, torch
from torch.profiler import ProfilerActivity, profile, schedule
import llm_scratch.train as T
from llm_scratch.bench.common import write_results
from llm_scratch.bench.train import bench_setting, gpt2_shards, kernel_category, loop_bench
from llm_scratch.data import read_meta
from llm_scratch.gpt2 import GPTConfig
from llm_scratch.speed import speed_setting, usable

out_path = sys.argv[1]
data, res, t_start = gpt2_shards(), {}, time.time()
save = lambda: write_results(out_path, res, "cuda")

def summarize(prof, steps):
    ks = sorted([(e.time_range.start, e.time_range.end, e.name) for e in prof.events()
                 if e.device_type == torch.autograd.DeviceType.CUDA], key=lambda k: k[0])
    busy, last_end, gaps = 0.0, None, []
    for s, e, n in ks:
        if last_end is not None and s > last_end: gaps.append((s - last_end, n))
        busy += max(0, e - max(s, last_end or s)); last_end = max(last_end or e, e)
    span = (ks[-1][1] - ks[0][0]) if ks else 0
    cats = {}
    for s, e, n in ks: c = kernel_category(n); cats[c] = cats.get(c, 0) + (e - s) / 1e3 / steps
    big = sorted(gaps, reverse=True)[:15]
    hist = {f"<{t}us": sum(1 for g, _ in gaps if lo <= g < t) for lo, t in ((0, 2), (2, 5), (5, 20), (20, 100), (100, 10**9))}
    return {"kernels_per_step": len(ks) / steps, "kernel_ms": sum(e - s for s, e, _ in ks) / 1e3 / steps,
            "busy_ms": busy / 1e3 / steps, "span_ms": span / 1e3 / steps, "gap_ms": sum(g for g, _ in gaps) / 1e3 / steps,
            "gap_hist_per_step": {k: v / steps for k, v in hist.items()}, "largest_gaps_us": [[g, n[:80]] for g, n in big],
            "categories": dict(sorted(cats.items(), key=lambda kv: -kv[1]))}

def loop_run(mb, prof_steps=None):
    caught_up, orig_start, orig_stop = [], T._Clock.start, T._Clock.stop
    prof = None
    if prof_steps:
        prof = profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA],
                       schedule=schedule(wait=prof_steps[0] - 1, warmup=1, active=prof_steps[1] - prof_steps[0]),
                       on_trace_ready=lambda p: res.setdefault(f"L{mb}_profile", summarize(p, prof_steps[1] - prof_steps[0])))
    def start(self):
        if self.cuda and self.prev is not None: caught_up.append(bool(self.prev.query()))
        else: caught_up.append(None)
        return orig_start(self)
    def stop(self):
        e = orig_stop(self)
        if prof: prof.step()
        return e
    T._Clock.start, T._Clock.stop = start, stop
    try:
        if prof: prof.start()
        r = loop_bench(data, levels=("fast",), steps=16, bench_steps=0, curve_steps=0, batch_size=mb)
    finally:
        if prof:
            try: prof.stop()
            except Exception: pass
        T._Clock.start, T._Clock.stop = orig_start, orig_stop
    run = r["runs"][0]
    return {"tok_per_s": run["tok_per_s"], "steps": run["tok_per_s_steps"], "gpu_done_at_step_start": caught_up}

for name, fn in (("L128", lambda: loop_run(128, (12, 14))), ("B128", None), ("L64", lambda: loop_run(64))):
    try:
        if name == "B128":
            from llm_scratch.train import make_config
            cfg = make_config("gpt2-124M", data=str(data))
            mcfg = GPTConfig(block_size=1024, vocab_size=read_meta(data)["vocab_size"], n_layer=12, n_head=12, n_embd=768,
                             dropout=0.0, bias=True, rope=False, vocab_pad_multiple=64)
            tokens = torch.from_numpy(np.load(sorted(data.glob("train_*.npy"))[0]).astype(np.int64))
            s, notes = usable(speed_setting("fast", "cuda", batch_size=128, compile=True, vocab_pad_multiple=64), "cuda", mcfg)
            from llm_scratch.speed import build, make_step, batches
            model, opt = build(s, mcfg, "cuda")
            step = make_step(model, opt, s, "cuda", micro_batch=128)
            it = batches(tokens, 512, 1024, "cuda")
            for _ in range(3): step(*next(it))
            torch.cuda.synchronize(); t0 = time.perf_counter()
            for _ in range(12): step(*next(it))
            torch.cuda.synchronize(); dt = (time.perf_counter() - t0) / 12
            with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA]) as p:
                for _ in range(2): step(*next(it))
                torch.cuda.synchronize()
            res[name] = {"tok_per_s": 524288 / dt, "ms_per_step": dt * 1e3, "profile": summarize(p, 2)}
            del model, opt, step
        else: res[name] = fn()
        print(name, {k: (v if not isinstance(v, (list, dict)) else "...") for k, v in res[name].items()},
              f"t={time.time() - t_start:.0f}s", flush=True)
    except Exception:
        res[name] = {"error": traceback.format_exc()[-800:]}; print(name, res[name]["error"], flush=True)
    torch.cuda.empty_cache(); save()
for k in ("L128_profile", "B128"):
    p = res.get(k, {}).get("profile", res.get(k)) if k == "B128" else res.get(k)
    if p and "kernel_ms" in p:
        print(k, {kk: p[kk] for kk in ("kernels_per_step", "kernel_ms", "busy_ms", "span_ms", "gap_ms", "gap_hist_per_step")})
        print("   largest gaps:", p["largest_gaps_us"][:8])
        print("   ", {c: round(v, 2) for c, v in p["categories"].items()})
save()
