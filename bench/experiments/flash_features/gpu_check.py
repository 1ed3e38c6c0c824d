"""One GPU pass over the Flash Attention features (issue 21): correctness against float64 SDPA, then timings.

Writes `flash_features.json` (after every step) into $OUT or the current folder. Steps past `--budget-s` seconds are
skipped, so the correctness part always comes back. Usage: `python bench/experiments/flash_features/gpu_check.py`.
"""
import argparse
import json
import os
import time
from pathlib import Path

import torch

from llm_scratch.kernels.flash_attn import candidate_configs, flash_attention  # first: picks the interpreter on a CPU
from llm_scratch.bench.attn import bench_row, check_against_sdpa, decode_rows, feature_rows
from llm_scratch.bench.common import Checks, environment


def first_tiles(q, k, v, **kw):
    "flash_attention on each kernel's first fitting tile: correctness needs no tuning, and compiles 3 kernels, not 15."
    tiles = {kind: candidate_configs(kind, q.shape[-1], q.dtype)[0] for kind in ("fwd", "dkdv", "dq")}
    return flash_attention(q, k, v, configs=tiles, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget-s", type=float, default=150.0)
    ap.add_argument("--iters", type=int, default=10)
    a = ap.parse_args()
    out = Path(os.environ.get("OUT", ".")) / "flash_features.json"
    t0, res = time.time(), {"environment": environment("cuda")}
    save = lambda: out.write_text(json.dumps(res, indent=1, default=str) + "\n")
    checks = Checks()
    check_against_sdpa((torch.bfloat16, torch.float16), "cuda", checks, cases=[], packed=True)  # varlen, paged decode
    res["checks"], res["check_s"] = checks.results, time.time() - t0; save()
    check_against_sdpa((torch.float16, torch.bfloat16), "cuda", checks, attend=first_tiles, packed=False)
    res["checks"], res["check_s"] = checks.results, time.time() - t0; save()
    steps = [("decode", lambda: decode_rows(torch.bfloat16, iters=a.iters)),
             ("plain_row", lambda: [bench_row(128, 4096, True, torch.bfloat16, iters=a.iters)]),
             ("features", lambda: feature_rows(torch.bfloat16, iters=a.iters))]
    for name, fn in steps:
        if time.time() - t0 > a.budget_s: res.setdefault("skipped", []).append(name); continue
        try: res[name] = fn()
        except Exception as e: res[name] = f"{type(e).__name__}: {str(e)[:300]}"
        res[f"{name}_done_s"] = time.time() - t0; save()
        print(name, json.dumps(res[name], default=str)[:2000], flush=True)
    print("checks failed:", checks.failed, f"total {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
