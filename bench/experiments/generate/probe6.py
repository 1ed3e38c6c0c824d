"""Same-run comparison behind the seventh session's decision on the batch-1 product loop (issue 16): the loop of commit
f0d841f (weights and x loaded together in each iteration; with pdl=True the kernel waits at its start) against this
commit's (the first weight chunk loaded before the PDL wait, each next chunk one iteration ahead), and the attention
over the cache inside the whole step.
1. each batch-1 weight shape of `bench.llama.GEMV_SHAPES` through `fused_linear` (plain product, as probe3), 22 calls
   on rotating weight copies in one CUDA graph, for both loops with pdl off and on: microseconds per call;
2. the decode step of `KernelDecoder` after a 128-token prompt (pdl on, the default now) with
   attention='decode_attention' and attention='flash_decode'.
The old kernels are the file `git show f0d841f:llm_scratch/kernels/llama_decode.py` (run6.sh writes it), loaded as a
module of the package beside the current one. Run on the GPU machine from the repository root:
`python bench/experiments/generate/probe6.py OLD_KERNELS.py OUT.json` (about a minute)."""
import importlib.util, json, sys

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import GEMV_SHAPES, graph_time, random_model, step_seconds
from llm_scratch.decode import KernelDecoder
import llm_scratch.kernels.llama_decode as new

N, P = 256, 128


def load_old(path: str):
    spec = importlib.util.spec_from_file_location("llm_scratch.kernels._llama_decode_f0d841f", path)
    mod = importlib.util.module_from_spec(spec); sys.modules[spec.name] = mod; spec.loader.exec_module(mod)
    return mod


def save():
    with open(out_file, "w") as f: json.dump(res, f, indent=1)


def step_ms(dec, prompt) -> float:
    "Milliseconds per decode step: `bench.llama.step_seconds` over N - 1 steps, best of two runs."
    return step_seconds(dec, prompt, N - 1, reps=2) * 1e3


@torch.no_grad()
def main(old):
    for name, (n, k) in GEMV_SHAPES.items():
        nbytes = n * k * 2
        ws = [torch.randn(n, k, device="cuda", dtype=torch.bfloat16) * 0.02 for _ in range(22)]
        x = torch.randn(1, k, device="cuda", dtype=torch.bfloat16)
        out = torch.zeros(1, n, device="cuda", dtype=torch.bfloat16)
        row = dict(name=name, N=n, K=k, floor_us=nbytes / bw * 1e6)
        for rep in range(2):                                  # twice, interleaved: the order's effect shows
            for label, mod in (("old", old), ("new", new)):
                for pdl in (False, True):
                    t = graph_time(lambda i: mod.fused_linear(x, ws[i], out, pdl=pdl), len(ws)) * 1e6
                    key = f"{label}_pdl_{pdl}_us"
                    row[key] = min(row.get(key, float("inf")), t)
        res["gemv"].append(row); save()
        print({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}, flush=True)
        del ws
    model = random_model("1.1B", max_seq_len=P + N)
    prompt = torch.randint(0, model.config.vocab_size, (1, P), device="cuda")
    for attention in ("decode_attention", "flash_decode", "decode_attention"):
        dec = KernelDecoder(model, 1, P + N, attention=attention).capture()
        res["steps"].append(dict(attention=attention, pdl=dec.pdl, step_ms=step_ms(dec, prompt)))
        del dec; model.clear_cache(); save()
        print(res["steps"][-1], flush=True)


out_file = sys.argv[2] if len(sys.argv) > 2 else "probe6.json"
bw = copy_bandwidth()
res = dict(environment=environment("cuda"), bandwidth_GBs=bw / 1e9, gemv=[], steps=[])
if __name__ == "__main__": main(load_old(sys.argv[1]))
