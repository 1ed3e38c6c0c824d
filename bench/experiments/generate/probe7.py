"""The kernel decoder at batch 1, 8 and 32 through `generate` (issue 16, seventh session): run 7
(`bench/results/2026-12-01-h200-decode-generate/run2/`) measured the tl.dot path of batches 8 and 32 at 3,507 and 8,251
tokens/s against 4,685 and 12,098 in run 5, after the product loop began loading each next weight chunk one iteration
ahead in both paths; the loop now does so for one row only (the tl.dot path is again the code of f0d841f: same PTX).
This times `bench.llama.generate_row` (the public `generate`, 128-token prompt, 256 new tokens, bf16 1.1B config)
with decoder='kernels' at each batch. Run on the GPU machine from the repository root:
`python bench/experiments/generate/probe7.py OUT.json` (about a minute)."""
import json, sys

import torch

from llm_scratch.bench.common import copy_bandwidth, environment
from llm_scratch.bench.llama import generate_row, random_model

out_file = sys.argv[1] if len(sys.argv) > 1 else "probe7.json"
bw = copy_bandwidth()
res = dict(environment=environment("cuda"), bandwidth_GBs=bw / 1e9, rows=[])
model = random_model("1.1B", max_seq_len=384)
for batch in (1, 8, 32):
    row = generate_row(model, batch, 128, 256, bw, "kernels")
    res["rows"].append(row)
    with open(out_file, "w") as f: json.dump(res, f, indent=1)
    print(batch, f"{row['tokens_per_s']:,.0f} tokens/s", f"{row['fraction_of_limit']:.1%} of the limit", flush=True)
