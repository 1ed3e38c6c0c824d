"""Re-run the cells of chapters 10 and 10a that show the newest attention results, and store their outputs.

After copying a run's folder (`<date>-<card>-flash-attn/`, from `bench/experiments/attn/run.sh`) into `bench/results/`,
run from the repository root: `python bench/experiments/attn/refresh_outputs.py && nbdev_clean`. Only the result cells
run (they read the JSON through `llm_scratch.bench.attn.find_results`, `sweep_markdown`, `features_markdown`); the
tests of the chapters are not re-run here.
"""
import json
from pathlib import Path

from execnb.shell import CaptureShell

SETUP = "import json\nfrom pathlib import Path\nfrom llm_scratch.bench.attn import *\nfrom llm_scratch.bench.common import Markdown\n"
RESULT_CELLS = {  # notebook -> first line of each cell that shows measured results
    "nbs/10a_bench_attn.ipynb": ("sweep_path = find_results(", "try: feats_path = find_results("),
    "nbs/10_flash_attn.ipynb": ("try: feats_path = find_results(",)}


def refresh(path: str, starts: tuple) -> int:
    "Run the result cells of one notebook in a fresh shell, store their outputs, return how many ran."
    nb, shell, ran = json.loads(Path(path).read_text()), CaptureShell(), 0
    shell.run(SETUP)
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] != "code" or not src.startswith(starts): continue
        cell["outputs"] = shell.run(src)
        if any(o.get("output_type") == "error" for o in cell["outputs"]):
            raise SystemExit(f"{path}: a result cell failed: {cell['outputs']}")
        ran += 1
    Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    return ran


if __name__ == "__main__":
    for nb_path, firsts in RESULT_CELLS.items():
        print(nb_path, refresh(nb_path, firsts), "result cells refreshed")
