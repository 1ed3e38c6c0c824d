"""Reads before the wait (issue 16, eighth session), after probe13.py: each kernel now reads before its PDL wait all
that no kernel of the step writes, and right after it all that the kernel before wrote, before its loop: the residual
(`wo`, `w2`), the position and the rotation speeds (qkv), the first block of cached keys and values but this
position's (attention); and the argmax reads 8,192 logits a block with 16 warps instead of 2,048 with 8. This compares,
in one run, the decode step of `KernelDecoder` (1.1B config, bf16, batch 1, 128-token prompt, best of two runs of 255
replays, interleaved) with the kernels of commit e3bdb69 (the file `git show e3bdb69:llm_scratch/kernels/llama_decode.py`,
loaded beside the current module and put in its place while that decoder is built and captured) and with this commit's;
records each kernel's added time in the step under the profiler for both; checks the new kernels' logits against a
float32 copy (`bench.llama.check_kernel_decoder`); and times `generate` at batch 1, greedy and top-p.
Run on the GPU machine from the repository root: `python bench/experiments/generate/probe14.py OLD_KERNELS.py OUT.json`."""
import sys

from ab_kernels import run   # (the comparison itself, shared with probe13.py)

run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "probe14.json", "e3bdb69")
