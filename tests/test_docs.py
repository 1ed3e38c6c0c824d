"""The documentation build's checks: the module index nbdev links from, and the docs processors (.ci/docs_procs.py)."""
import ast, configparser, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / ".ci"))
import docs_procs  # noqa: E402
from execnb.nbio import dict2nb, mk_cell  # noqa: E402
from nbdev.process import NBProcessor  # noqa: E402
from nbdev.processors import FilterDefaults  # noqa: E402


def _modidx() -> dict:
    text = (ROOT / "llm_scratch" / "_modidx.py").read_text()
    return ast.literal_eval(text[text.index("{"):])["syms"]


def _defines(mod: str) -> list:
    "Top-level functions and classes in a module's source."
    tree = ast.parse(ROOT.joinpath(*mod.split(".")).with_suffix(".py").read_text())
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


@pytest.mark.parametrize("mod", sorted(_modidx()))
def test_module_index_not_empty(mod):
    "Every module that defines a function or class has entries in _modidx.py (nbdev skips notebooks named '*auto*')."
    syms, defined = _modidx()[mod], _defines(mod)
    if not defined: pytest.skip(f"{mod} defines no function or class")
    missing = [n for n in defined if not any(k.endswith(f".{n}") for k in syms)]  # @patch'ed: `Cls.n`
    assert syms and not missing, (f"{mod}: index has {len(syms)} entries; missing {missing[:5]} "
                                  "(nbdev skips a notebook whose path contains 'auto': rename it)")


def test_settings_name_the_docs_processors():
    "nbdev_docs and the preview use the same processors: settings.ini's `procs` is the list docs.py expects."
    cfg = configparser.ConfigParser(); cfg.read(ROOT / "settings.ini")
    want = docs_procs.PROCS
    assert cfg["DEFAULT"].get("procs", "").split() == want.split(), f"settings.ini needs `procs = {want}`"


def _process(cells: list, extra=True):
    nb = dict2nb({"cells": cells, "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
                  "nbformat": 4, "nbformat_minor": 5})
    nb["path_"] = "99_example.ipynb"
    mine = [docs_procs.show_export, docs_procs.tidy_outputs, docs_procs.doc_anchors]
    procs = FilterDefaults().base_procs() + (mine if extra else [])
    NBProcessor(nb=nb, procs=procs).process()
    return nb.cells


def test_export_cells_are_shown():
    cells = [mk_cell("# T\n\n> d", "markdown"),
             mk_cell("#| export\ndef _helper(x): return x\n\ndef f(x): return _helper(x)")]
    plain = _process([dict(c) for c in cells], extra=False)
    assert not any("def f" in c.source for c in plain), "nbdev alone hides #| export cells (why show_export exists)"
    shown = _process([dict(c) for c in cells])
    code = [c for c in shown if "def f" in c.source]
    assert len(code) == 1 and 'code-summary: "Exported source"' in code[0].source
    assert any(c.source.endswith("show_doc(f)") for c in shown)  # nbdev's documentation entry, before the code
    anchors = [c.source for c in shown if "ls-anchor" in c.source]
    assert anchors == ['<span id="_helper" class="ls-anchor"></span>'], anchors  # f has its show_doc heading


def test_last_cell_exported():
    "nbdev's mv_exports fails when the last cell is shown and exported; show_export gives it a cell to look at."
    shown = _process([mk_cell("# T\n\n> d", "markdown"), mk_cell("#| export\nimport os")])
    assert any(c.source.endswith("import os") for c in shown)


def test_tidy_outputs():
    bar = "\rtrain:   0%|          | 0/2 [00:00<?, ?it/s]\rtrain:  50%|#####     | 1/2\rtrain: 100%|##########| 2/2\n"
    cell = mk_cell("run()")
    cell["outputs"] = [{"output_type": "stream", "name": "stderr", "text": [bar]},
                       {"output_type": "stream", "name": "stdout",
                        "text": "ok\nskipped: tiktoken.get_encoding('gpt2') unavailable (ConnectionError)\n"}]
    docs_procs.tidy_outputs(cell)
    assert [(o["name"], o["text"]) for o in cell["outputs"]] == [("stdout", "train: 100%|##########| 2/2\n"),
                                                                 ("stdout", "ok\n")]


def test_defined_names_and_ids():
    src = ("class A:\n    def m(self): pass\n@patch\ndef n(self: A): pass\n@patch(cls_method=True)\n"
           "def k(cls: A): pass\ndef _p(): pass")
    assert docs_procs._defined_names("#| exports\n" + src) == ["A", "A.m", "A.n", "A.k", "_p"]
    # the ids pandoc gives headings (what nbdev's links and the site use)
    assert docs_procs.pandoc_id("GPT.forward") == "gpt.forward"
    assert docs_procs.pandoc_id("Exploring the GPT-2 (124M) checkpoint") == "exploring-the-gpt-2-124m-checkpoint"
    assert docs_procs.pandoc_id("_attn_bwd_dq") == "attn_bwd_dq"


def test_save_outputs_finds_results_cells_without_output(tmp_path):
    "`.ci/save_outputs.py --check`: a `#| echo: false` cell without outputs is reported; exported, hidden and test cells are not."
    import json, save_outputs
    code = lambda src, outs=(): {"cell_type": "code", "metadata": {}, "source": src, "outputs": list(outs)}
    shown = {"output_type": "execute_result", "data": {"text/plain": "1"}, "metadata": {}}
    nb = {"cells": [code("#| export\ndef f(): pass"), code("#| hide\nx = 1"), code("assert f() is None"),
                    code("#| echo: false\nf()"), code("#| echo: false\nx", [shown]),
                    {"cell_type": "markdown", "metadata": {}, "source": "#| echo: false"}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    p = tmp_path / "nb.ipynb"
    p.write_text(json.dumps(nb))
    assert save_outputs.results_cells(nb) == [3, 4]
    assert save_outputs.missing(p) == [3]
    nb["cells"][3]["outputs"] = [shown]
    p.write_text(json.dumps(nb))
    assert save_outputs.missing(p) == []


def test_run_cells_only_flagged(tmp_path):
    "`.ci/run_cells.py` with ONLY_FLAGGED=cuda: the cuda cell and the exported and imports-only cells it needs, no other test."
    import json, os, subprocess
    code = lambda src: {"cell_type": "code", "metadata": {}, "source": src, "outputs": []}
    log = tmp_path / "ran.txt"
    mark = lambda name: f"open({str(log)!r}, 'a').write({name!r} + ' ')"
    nb = {"cells": [code("#| hide\nimport os"), code(f"#| export\ndef f(): return 2\n{mark('export')}"),
                    code(f"assert f() == 2\n{mark('test')}"), code(f"#| cuda\nassert f() == 2\n{mark('cuda')}"),
                    code(f"#| slow\n{mark('slow')}")],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    p = tmp_path / "nb.ipynb"
    p.write_text(json.dumps(nb))
    for only, want in (("", "export test cuda"), ("cuda", "export cuda")):
        log.write_text("")
        r = subprocess.run([sys.executable, str(ROOT / ".ci" / "run_cells.py"), str(p), "--flags", "cuda"],
                           capture_output=True, text=True, env={**os.environ, "ONLY_FLAGGED": only}, timeout=120)
        assert r.returncode == 0, r.stderr[-2000:]
        assert log.read_text().split() == want.split(), (only, log.read_text())
