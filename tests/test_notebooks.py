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
