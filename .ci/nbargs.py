"""Command line and process set-up shared by run_nb.py and run_cells.py."""
import argparse, os, sys
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def notebooks_and_skipped_flags(doc: str) -> tuple[list[Path], set]:
    "Parse `notebooks... [--flags F]`; return the notebooks and the test flags to skip (settings.ini's minus --flags)."
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--flags", default="", help="test flags to run anyway, e.g. 'slow' or 'cuda'")
    a = ap.parse_args()
    cfg = ConfigParser(delimiters=["="]); cfg.read(ROOT / "settings.ini")
    skip = set(cfg["DEFAULT"]["tst_flags"].split()) - set(a.flags.split())
    sys.path.insert(0, str(ROOT)); os.environ.setdefault("IN_TEST", "1")
    import llm_scratch.kernels.interpret  # no GPU: Triton's CPU interpreter, chosen before anything imports triton
    return a.notebooks, skip


def run_each(doc: str, run) -> None:
    "Parse the command line (see `notebooks_and_skipped_flags`) and call `run(notebook, skip)` for each notebook."
    notebooks, skip = notebooks_and_skipped_flags(doc)
    for p in notebooks:
        print(f"running {p}", flush=True)
        run(p.resolve(), skip)
