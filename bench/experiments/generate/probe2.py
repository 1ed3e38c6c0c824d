"""Where a batch-1 `generate` call's time goes in the kernel decoder, with each attention (decode_attention with
attn_impl="sdpa", flash_decode with attn_impl="triton"), in order of interest:
1. a 128-token prompt with decode_attention: the prefill (captured chunks, and one eager pass for comparison), the
   decode step alone (graph replays), and the same step with programmatic dependent launch (`KernelDecoder(pdl=True)`,
   its greedy tokens compared with the plain step's);
2. the attention alone over 384 and 2,304 cached positions, 22 layers' caches in one CUDA graph: decode_attention at
   several block sizes, and flash_decode;
3. the prefill and step for a 2,048-token prompt, then both prompts with flash_decode.
(Since the seventh session the decoder `generate` builds already runs PDL at batch 1, so its `pdl_step_ms` row
compares a setting with itself; `probe5.py` and `probe8.py` compare pdl=False with pdl=True.)
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe2.py OUT.json` (under a
minute). It writes the JSON after every row, so a run cut short keeps what it measured."""
import json, sys, time

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import graph_time, random_model, step_seconds
from llm_scratch.decode import KernelDecoder, bandwidth_limit, make_decoder, release
from llm_scratch.kernels.flash_attn import flash_decode
from llm_scratch.kernels.llama_decode import decode_attention

N = 256                                                                  # new tokens, as in the benchmark


def best(fn, reps: int = 3) -> float:
    "Fewest seconds of fn() over reps runs, each from a synchronised start to a synchronised end."
    out = float("inf")
    for _ in range(reps):
        torch.cuda.synchronize(); t0 = time.perf_counter(); fn(); torch.cuda.synchronize()
        out = min(out, time.perf_counter() - t0)
    return out


def step_ms(dec, prompt) -> float:
    "Milliseconds per decode step: `bench.llama.step_seconds` over N - 1 steps, best of two runs."
    return step_seconds(dec, prompt, N - 1, reps=2) * 1e3


def save():
    with open(out_file, "w") as f: json.dump(res, f, indent=1)


def decoder_row(impl: str, P: int, extras: bool = False) -> dict:
    "Prefill and step of the decoder generate builds for a P-token prompt; with extras, the eager prefill and PDL too."
    model.set_attn_impl(impl)
    prompt = torch.randint(0, model.config.vocab_size, (1, P), device="cuda")
    dec = make_decoder(model, "kernels", 1, P + N)                       # what generate builds: graph-chunked prefill
    row = dict(attn_impl=impl, prompt_len=P, chunk=dec.chunk, prefill_graph_ms=best(lambda: dec.prefill(prompt)) * 1e3,
               step_ms=step_ms(dec, prompt), floor_ms=bandwidth_limit(model.config, 1, P + N // 2, bw)["step_floor_ms"])
    ref_out, L = dec.out[:, :P + N].clone(), dec.max_seq_len
    release(model)
    if extras:
        eager = KernelDecoder(model, 1, L, prefill_chunk=0).capture()    # the old prefill: one eager pass of the model
        row["prefill_eager_ms"] = best(lambda: eager.prefill(prompt)) * 1e3
        del eager; model.clear_cache()
        try:
            pdl = KernelDecoder(model, 1, L, pdl=True).capture()
            row["pdl_step_ms"] = step_ms(pdl, prompt)
            row["pdl_same_tokens"] = torch.equal(pdl.out[:, :P + N], ref_out)
            del pdl
        except Exception as e: row["pdl_error"] = repr(e)[:300]
        model.clear_cache()
    res["rows"].append(row); save()
    print({k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}, flush=True)
    return row


@torch.no_grad()
def attention_rows(keys: int):
    "decode_attention (several block sizes) and flash_decode over `keys` cached positions, per layer, in one graph."
    cfg = model.config
    kv = lambda: torch.randn(1, cfg.n_kv_heads, keys, cfg.head_dim, device="cuda", dtype=torch.bfloat16)
    caches = [(kv(), kv()) for _ in range(cfg.n_layers)]
    q = torch.randn(1, cfg.dim, device="cuda", dtype=torch.bfloat16)
    out, pos, lens = torch.empty_like(q), torch.tensor([keys - 1], device="cuda"), torch.tensor([keys], device="cuda")
    variants = {f"decode_attention block_s={b} warps={w}": (lambda b, w: lambda i: decode_attention(
                    q, *caches[i], pos, out, block_s=b, num_warps=w))(b, w) for b, w in ((64, 4), (128, 4), (128, 8), (256, 8))}
    variants["flash_decode"] = lambda i: flash_decode(q.view(1, cfg.n_heads, 1, cfg.head_dim), *caches[i], lens)
    for name, fn in variants.items():
        try: us = graph_time(fn, cfg.n_layers) * 1e6
        except Exception as e: us = repr(e)[:200]
        res["attention"].append(dict(keys=keys, variant=name, us_per_layer=us)); save()
        print("attention", keys, name, us, flush=True)


out_file = sys.argv[1] if len(sys.argv) > 1 else "probe2.json"
model, bw = random_model("1.1B", max_seq_len=4096), copy_bandwidth()
res = dict(environment=environment(), bandwidth_GBs=bw / 1e9, rows=[], attention=[])
with torch.no_grad():
    decoder_row("sdpa", 128, extras=True)
    for keys in (384, 2304): attention_rows(keys)
    decoder_row("sdpa", 2048, extras=True)
    for P in (128, 2048): decoder_row("triton", P)
