"""What programmatic dependent launch buys the batch-1 kernel decoder now that each product kernel loads its first
chunk of weights before the PDL wait (issue 16; seventh session). On the 1.1B LLaMA config in bf16:
1. the decode step of `KernelDecoder` after a 128-token prompt with pdl=False and pdl=True (the default on sm_90
   since this change), best of two runs of 255 graph replays each, and whether both give the same greedy tokens;
2. each batch-1 weight shape of `bench.llama.GEMV_SHAPES` through `fused_linear` (residual add, as `wo` and `w2`
   run), 22 calls on rotating weight copies in one CUDA graph (each call reads its weight from memory), pdl off/on:
   microseconds per call against the bytes' floor at the copy bandwidth measured in the same run.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe5.py OUT.json` (about a
minute). It writes the JSON after every row."""
import json, sys

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import GEMV_SHAPES, graph_time, random_model, step_seconds
from llm_scratch.decode import KernelDecoder, bandwidth_limit
from llm_scratch.kernels.llama_decode import fused_linear, pdl_supported

N, P = 256, 128                                                          # new tokens and prompt, as in the benchmark


def step_ms(dec, prompt) -> float:
    "Milliseconds per decode step: `bench.llama.step_seconds` over N - 1 steps, best of two runs."
    return step_seconds(dec, prompt, N - 1, reps=2) * 1e3


def save():
    with open(out_file, "w") as f: json.dump(res, f, indent=1)


@torch.no_grad()
def main():
    assert pdl_supported("cuda"), "this probe needs a GPU of compute capability 9.0+ and Triton's gdc intrinsics"
    model = random_model("1.1B", max_seq_len=P + N)
    prompt = torch.randint(0, model.config.vocab_size, (1, P), device="cuda")
    res["floor_ms"] = bandwidth_limit(model.config, 1, P + N // 2, bw)["step_floor_ms"]
    outs = {}
    for pdl in (False, True):
        dec = KernelDecoder(model, 1, P + N, pdl=pdl).capture()
        res["steps"].append(dict(pdl=pdl, step_ms=step_ms(dec, prompt)))
        outs[pdl] = dec.out[:, :P + N].clone()
        del dec; model.clear_cache(); save()
        print(res["steps"][-1], flush=True)
    res["same_tokens"] = torch.equal(outs[False], outs[True]); save()
    del model; torch.cuda.empty_cache()
    for name, (n, k) in GEMV_SHAPES.items():
        nbytes = n * k * 2
        ws = [torch.randn(n, k, device="cuda", dtype=torch.bfloat16) * 0.02 for _ in range(22)]
        x = torch.randn(1, k, device="cuda", dtype=torch.bfloat16)
        out = torch.zeros(1, n, device="cuda", dtype=torch.bfloat16)
        row = dict(name=name, N=n, K=k, floor_us=nbytes / bw * 1e6)
        for pdl in (False, True):
            row[f"us_pdl_{pdl}"] = graph_time(lambda i: fused_linear(x, ws[i], out, residual=True, pdl=pdl), len(ws)) * 1e6
        res["gemv"].append(row); save()
        print({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}, flush=True)
        del ws


out_file = sys.argv[1] if len(sys.argv) > 1 else "probe5.json"
bw = copy_bandwidth()
res = dict(environment=environment("cuda"), bandwidth_GBs=bw / 1e9, steps=[], gemv=[])
if __name__ == "__main__": main()
