"""Run every notebook in `nbs/` as one pytest test, through nbdev's own notebook runner.

`pytest tests` is the same check as `nbdev_test`: cells carrying a flag from settings.ini's `tst_flags`
(`slow`, `cuda`) are skipped unless named with `--flags "slow cuda"`. `pytest -k gpt2` runs one chapter.
"""
from configparser import ConfigParser
from pathlib import Path

import pytest
from nbdev.test import test_nb as _run_notebook  # renamed so pytest does not collect it

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if not p.name.startswith("_"))


def _tst_flags() -> list:
    cfg = ConfigParser(delimiters=["="])
    cfg.read(ROOT / "settings.ini", encoding="utf-8")
    return cfg["DEFAULT"].get("tst_flags", "").split()


@pytest.mark.parametrize("nb", NBS, ids=[p.stem for p in NBS])
def test_notebook(nb, request):
    force = request.config.getoption("--flags").split()
    ok, secs = _run_notebook(nb, skip_flags=_tst_flags(), force_flags=force, basepath=ROOT)
    assert ok, f"{nb.name} failed after {secs:.1f}s (the cell traceback is printed above)"


def _docs_executed_with_other_code(nb: Path) -> list:
    "Cells nbdev's docs build would run although they do more than import (see the nbdev FAQ on imports)."
    import ast
    from nbdev.process import NBProcessor
    bad = []
    for cell in NBProcessor(nb).nb.cells:
        if cell.cell_type != "code" or not cell.source.strip(): continue
        direc = getattr(cell, "directives_", {}) or {}
        if direc.keys() & {"export", "exports", "exporti", "exec_doc"} or "nbdev_export" + "()" in cell.source: continue
        if direc.get("eval:", [""])[0].lower() == "false": continue
        try: trees = cell.parsed_()
        except SyntaxError: continue  # cell magics etc.: nbdev skips them too
        nodes = [n for t in (trees or []) for n in ast.walk(t)]
        top = list(trees or [])  # top-level statements
        harmless = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes) and \
           not all(isinstance(n, harmless) for n in top):  # running defs is harmless; running other code is not
            bad.append(cell.source.strip().splitlines()[0][:80])
    return bad


@pytest.mark.parametrize("nb", NBS, ids=[f"{p.stem}-imports" for p in NBS])
def test_imports_in_own_cells(nb):
    "nbdev's docs pre-processing executes every cell with an import: such cells must hold imports only."
    bad = _docs_executed_with_other_code(nb)
    assert not bad, (f"{nb.name}: move the imports of these cells into an imports-only cell "
                     f"(the docs build executes cells that import, without the cells before them): {bad}")
