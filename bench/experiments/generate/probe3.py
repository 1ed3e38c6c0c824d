"""Which tile of `fused_linear` streams each batch-1 weight of the 1.1B LLaMA fastest from memory (issue 16).

It times eleven one-row tiles (the seven that `kernels.llama_decode._configs()` autotuned over until this probe, and
four that load all of K at once) on each weight shape of
`bench.llama.GEMV_SHAPES` (plain product, no norm or residual: the kernel `fused_linear` launches), over rotating
weight copies so that each call reads its weight from memory (not the 50 MB L2), 22 calls per CUDA graph, and
records what `fused_linear` itself runs (its tile: autotuned in the first run, the one fixed tile since). Run on the GPU machine from the repository root:
`python bench/experiments/generate/probe3.py OUT.json` (about a minute). It writes the JSON after every shape."""
import json, sys

import torch
import triton

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import GEMV_SHAPES, graph_time
import llm_scratch.kernels.llama_decode as K


TILES = [(2, 1024, 4), (4, 512, 4), (4, 1024, 4), (4, 2048, 8), (8, 256, 4), (8, 512, 4), (16, 256, 4),   # BLOCK_N,
         (1, 2048, 4), (2, 2048, 8), (1, 4096, 4), (1, 8192, 8)]                                   # BLOCK_K, warps


def raw(x, w, out, cfg):
    "One launch of the un-tuned linear kernel on the tile cfg."
    M, Kd = x.shape
    N = w.shape[0]
    kw = cfg.kwargs
    K._linear_kernel[(triton.cdiv(N, kw["BLOCK_N"]),)](
        x, w, w, out, w, w, M, N, Kd, x.stride(0), w.stride(0), out.stride(0), 1e-5, HAS_NORM=False, CENTER=False,
        SHIFT=False, GELU=False, RESIDUAL=False, BLOCK_M=1, BLOCK_N=kw["BLOCK_N"], BLOCK_K=kw["BLOCK_K"], USE_DOT=False,
        EVEN_K=Kd % kw["BLOCK_K"] == 0, PDL=False, num_warps=cfg.num_warps)


@torch.no_grad()
def main(path: str):
    bw = copy_bandwidth()
    res = {"environment": environment("cuda"), "bandwidth_GBs": bw / 1e9, "shapes": []}
    tiles = [triton.Config(dict(BLOCK_N=n, BLOCK_K=k, USE_DOT=False), num_warps=w) for n, k, w in TILES]
    for name, (N, Kd) in GEMV_SHAPES.items():
        nbytes = N * Kd * 2
        ws = [torch.randn(N, Kd, device="cuda", dtype=torch.bfloat16) * 0.02 for _ in range(max(2, -(-(256 << 20) // nbytes)))]
        x = torch.randn(1, Kd, device="cuda", dtype=torch.bfloat16)
        out = torch.empty(1, N, device="cuda", dtype=torch.bfloat16)
        ref = (x.float() @ ws[0].float().T)
        row = {"name": name, "N": N, "K": Kd, "floor_us": nbytes / bw * 1e6, "tiles": []}
        for cfg in tiles:
            raw(x, ws[0], out, cfg)
            err = ((out.float() - ref).norm() / ref.norm()).item()
            t = graph_time(lambda i: raw(x, ws[i], out, cfg), len(ws))
            row["tiles"].append(dict(BLOCK_N=cfg.kwargs["BLOCK_N"], BLOCK_K=cfg.kwargs["BLOCK_K"], num_warps=cfg.num_warps,
                                     us=t * 1e6, of_bandwidth=nbytes / t / bw, rel_err=err))
        t = graph_time(lambda i: K.fused_linear(x, ws[i], out), len(ws))
        best = getattr(K._linear, "best_config", None) or next(c for c in K._configs() if not c.kwargs["USE_DOT"])
        row["autotuned"] = dict(us=t * 1e6, of_bandwidth=nbytes / t / bw, BLOCK_N=best.kwargs["BLOCK_N"],
                                BLOCK_K=best.kwargs["BLOCK_K"], num_warps=best.num_warps)
        res["shapes"].append(row)
        top = min(row["tiles"], key=lambda r: r["us"])
        print(f"{name:7s} {N:6d}x{Kd:5d} floor {row['floor_us']:5.1f} us | best tile {top['BLOCK_N']}x{top['BLOCK_K']}/"
              f"{top['num_warps']}w {top['us']:5.1f} us ({top['of_bandwidth']:.0%}) | autotuned {row['autotuned']}", flush=True)
        with open(path, "w") as f: json.dump(res, f, indent=1)
        del ws


if __name__ == "__main__": main(sys.argv[1])
