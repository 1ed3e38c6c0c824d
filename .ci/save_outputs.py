"""Run a notebook as `nbdev_test` does and save the outputs of its results cells, so the pages show them.

    python .ci/save_outputs.py nbs/07g_train_speed.ipynb [--check]

A results cell is a code cell whose directives include `#| echo: false`: the page shows its output and not its code
(tables and figures made from the raw files in bench/results/). Only those cells' outputs are written; every other cell
keeps what it has (test cells stay without outputs). Cells flagged `slow`/`cuda` and `#| eval: false` are skipped, as
`nbdev_test` skips them. With --check nothing is written: it exits 1 if a results cell has no saved output.
"""
import argparse, json, os, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def results_cells(nb: dict) -> list:
    "Indices of the code cells marked `#| echo: false` (not exported, not hidden)."
    out = []
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code": continue
        head = [l.strip() for l in "".join(c["source"]).splitlines() if l.startswith("#|")]
        if "#| echo: false" in head and not any(h.startswith(("#| export", "#| hide")) for h in head): out.append(i)
    return out


def missing(path: Path) -> list:
    "Results cells of a notebook that have no saved output."
    nb = json.loads(path.read_text())
    return [i for i in results_cells(nb) if not nb["cells"][i].get("outputs")]


def run_and_save(path: Path) -> list:
    "Execute the notebook (skipping flagged cells) and write the outputs of its results cells back into the file."
    from execnb.shell import CaptureShell
    from nbdev.process import NBProcessor
    from configparser import ConfigParser
    cfg = ConfigParser(delimiters=["="]); cfg.read(ROOT / "settings.ini", encoding="utf-8")
    flags = set(cfg["DEFAULT"].get("tst_flags", "").split())
    raw = json.loads(path.read_text())
    want = results_cells(raw)
    if not want: return []
    nb = NBProcessor(path, process=True).nb

    def skip(cell):
        if cell.cell_type != "code" or "nbdev_export" + "(" in cell.source: return True
        direc = getattr(cell, "directives_", {}) or {}
        if direc.get("eval:", [""])[0].lower() == "false": return True
        return bool(flags & direc.keys())

    sys.path.insert(0, str(ROOT)); os.environ["IN_TEST"] = "1"
    shell, cwd = CaptureShell(path), os.getcwd()
    os.chdir(path.parent)
    try: shell.run_all(nb, exc_stop=True, preproc=skip)
    finally: os.chdir(cwd)
    for i in want:
        outs = [dict(o) for o in nb.cells[i].get("outputs", [])]
        raw["cells"][i]["outputs"] = outs
    path.write_text(json.dumps(raw, indent=1, ensure_ascii=False) + "\n")
    return want


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--check", action="store_true", help="only check that every results cell has a saved output")
    a = ap.parse_args()
    bad = {}
    for p in a.notebooks:
        if a.check:
            if m := missing(p): bad[p.name] = m
        else:
            print(f"{p}: saved the outputs of cells {run_and_save(p.resolve())}")
    if bad:
        sys.exit(f"results cells without saved outputs (run python .ci/save_outputs.py on them): {bad}")
