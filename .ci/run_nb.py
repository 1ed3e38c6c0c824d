"""Execute notebooks in place and keep their outputs, so the docs show plots and printed results.

    python .ci/run_nb.py nbs/00_gradients.ipynb [more.ipynb ...] [--flags "slow"]

Cells carrying a test flag from settings.ini (`slow`, `cuda`) are skipped unless named in --flags, exactly as
`nbdev_test` skips them, so this runs on a CPU-only machine. Run `nbdev_clean` afterwards (the CI checks it).
"""
import os, sys
from pathlib import Path

from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.process import NBProcessor
from nbdev.frontmatter import FrontmatterProc

ROOT = Path(__file__).resolve().parents[1]


def run_nb(path: Path, skip: set) -> None:
    nb = NBProcessor(path, procs=FrontmatterProc, process=True).nb  # parses the #| directives
    def no_eval(cell):
        if cell.cell_type != "code": return True
        direc = getattr(cell, "directives_", {}) or {}
        if direc.get("eval:", [""])[0].lower() == "false": return True
        return skip & direc.keys()
    raw = read_nb(path)
    shell = CaptureShell(path)
    with working_directory(path.parent):
        shell.run_all(nb, exc_stop=True, preproc=no_eval)
    for c_raw, c_run in zip(raw.cells, nb.cells):
        if c_raw.cell_type == "code":
            c_raw.outputs = c_run.get("outputs", [])
            c_raw.execution_count = c_run.get("execution_count")
    write_nb(raw, path)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    from nbargs import run_each
    run_each(__doc__, run_nb)
