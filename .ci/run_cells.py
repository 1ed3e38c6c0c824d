"""Run a notebook's code cells as plain Python, without Jupyter or nbdev (for a GPU machine that has only PyTorch).

    python .ci/run_cells.py nbs/07b_fused.ipynb --flags cuda

Cells carrying a test flag of settings.ini that is not named in --flags are skipped, as `nbdev_test` skips them;
`#| eval: false` cells and the `nbdev_export()` call too. With KEEP_GOING=1 a failing cell's traceback is printed
and the next cells still run (to list every failure of a notebook in one pass); the exit status is then 1.
ONLY_FLAGGED="cuda" runs only the cells carrying one of those flags, plus the exported and imports-only cells they
build on: a notebook's GPU cells alone, when its other tests have passed already. The test helpers come from fastcore
(one pure-Python wheel); a notebook's references (e.g. `transformers`) must be installed too. Outputs are not stored.
"""
import codeop, json, linecache, os, re, sys, time, traceback, types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def directives(src: str) -> dict:
    "The `#| key value` lines at the top of a cell."
    out = {}
    for line in src.splitlines():
        if not line.startswith("#|"): break
        key, *val = line[2:].strip().split(maxsplit=1)
        out[key.rstrip(":")] = val[0] if val else ""
    return out


FAILED = []   # cells that failed under KEEP_GOING=1


def needed(src: str, d: dict, only: set) -> bool:
    "Under ONLY_FLAGGED: a cell carrying one of `only`'s flags, an exported cell, or a cell of imports only."
    if only & d.keys() or {"export", "exports"} & d.keys(): return True
    code = [l for l in src.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    return bool(code) and all(re.match(r"(import|from)\s", l) for l in code)


def run(path: Path, skip: set) -> None:
    # the cells' namespace is a module registered as __main__, as in Jupyter: pickle finds classes defined in a cell
    main = types.ModuleType("__main__")
    sys.modules["__main__"], ns = main, main.__dict__
    only = set(os.environ.get("ONLY_FLAGGED", "").split())
    compiler = codeop.Compile()   # remembers `from __future__ import annotations` across cells, as Jupyter does
    os.chdir(path.parent)
    for i, cell in enumerate(json.loads(path.read_text())["cells"]):
        if cell["cell_type"] != "code": continue
        src = "".join(cell["source"])
        d = directives(src)
        if d.get("eval", "").lower() == "false" or skip & d.keys(): continue
        if only and not needed(src, d, only): continue
        if "nbdev_export" + "(" in src: continue   # nbdev_test skips the export call too (no nbdev on a GPU machine)
        t0 = time.time()
        name = f"<{path.name} cell {i}>"
        linecache.cache[name] = (len(src), None, src.splitlines(keepends=True), name)  # Triton reads kernels' source
        try: exec(compiler(src, name, "exec"), ns)
        except Exception:
            if os.environ.get("KEEP_GOING") != "1": raise
            traceback.print_exc(); print(f"  cell {i} FAILED ({time.time() - t0:.1f} s)", flush=True)
            FAILED.append(f"{path.name} cell {i}"); continue
        flags = " ".join(k for k in d if k not in ("export", "hide"))
        print(f"  cell {i} ok ({time.time() - t0:.1f} s){f' [{flags}]' if flags else ''}", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    from nbargs import run_each
    run_each(__doc__, run)
    if FAILED: sys.exit(f"failed: {', '.join(FAILED)}")
