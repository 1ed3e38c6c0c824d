"""Run a notebook's code cells (its `cuda` cells included, `slow` ones not) in one namespace, without nbdev.

For the GPU machine, which has no nbdev/execnb: `python bench/experiments/generate/run_cells.py nbs/08d_decode.ipynb`.
Exits non-zero at the first failing cell.
"""
import json, sys, time, traceback
from pathlib import Path

import llm_scratch.kernels.interpret  # noqa: F401  (chooses Triton's interpreter when there is no GPU)

for nb_path in sys.argv[1:]:
    g, t_nb = {"__name__": "__nb__"}, time.time()
    for i, c in enumerate(json.loads(Path(nb_path).read_text())["cells"]):
        src = "".join(c["source"])
        if c["cell_type"] != "code" or src.startswith("#| default_exp"): continue
        flags = [l for l in src.splitlines() if l.startswith("#|")]
        if any("slow" in l or "eval: false" in l for l in flags): continue
        code = "\n".join(l for l in src.splitlines() if not l.startswith("#|") and not l.startswith("%"))
        t = time.time()
        try: exec(compile(code, f"{nb_path}:cell{i}", "exec"), g)
        except Exception:
            traceback.print_exc(); print(f"FAILED {nb_path} cell {i}", flush=True); sys.exit(1)
        print(f"{nb_path} cell {i:3d} {time.time() - t:6.1f}s {'cuda' if any('cuda' in l for l in flags) else ''}", flush=True)
    print(f"OK {nb_path} {time.time() - t_nb:.0f}s", flush=True)
