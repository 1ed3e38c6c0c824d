"""Attention with its blocks in flight (issue 16, ninth session): `decode_attention` now loads its first two blocks of
cached keys and values before the PDL wait (not one), asks for the third before summing the first two, and every later
block one ahead of its sums. This compares, in one run, the decode step of `KernelDecoder` (1.1B config, bf16, batch 1,
128-token prompt, best of two runs of 255 replays, interleaved) with the kernels of commit f80cde7 (the file
`git show f80cde7:llm_scratch/kernels/llama_decode.py`, loaded beside the current module) and with this commit's;
records each kernel's added time in the step under the profiler; checks the new kernels' logits against a float32 copy;
and times `generate` at batch 1, greedy and top-p (`bench/experiments/generate/ab_kernels.py`, as probe13 and probe14).
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe16.py OLD_KERNELS.py OUT.json`."""
import sys

from ab_kernels import run

run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "probe16.json", "f80cde7")
