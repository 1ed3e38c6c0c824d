"""The norm kernels' loop (issue 16, eighth session): probe12.py found that in the step the three kernels with an RMSNorm
in front (qkv, w13 and the output projection) each add 3-7 us more than alone, while those without one add ~1 us more.
Their one-row loop loaded x inside each iteration (one L2 round trip per chunk) and reduced x's sum of squares across
the program at every chunk. Now g and W are loaded before the PDL wait, x right after it, each next chunk of all three
one iteration ahead, and the sums are element-wise until after the loop. This compares, in one run, the decode step of
`KernelDecoder` (1.1B config, bf16, batch 1, 128-token prompt, best of two runs of 255 replays, interleaved) with the
kernels of commit 65046a0 (the old loop; the file `git show 65046a0:llm_scratch/kernels/llama_decode.py`, loaded
beside the current module and put in its place while that decoder is built and captured) and with this commit's;
records each kernel's added time in the step under the profiler for both; checks the new kernels' logits against a
float32 copy (`bench.llama.check_kernel_decoder`); and times `generate` at batch 1, greedy and top-p.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe13.py OLD_KERNELS.py OUT.json`."""
import sys

from ab_kernels import run   # (the comparison itself, shared with probe14.py)

run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "probe13.json", "65046a0")
