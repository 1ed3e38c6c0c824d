"""nbdev docs processors for this book, used by the real site (`nbdev_docs`) and the offline preview alike.

settings.ini lists them (`procs = docs_procs:show_export docs_procs:tidy_outputs docs_procs:doc_anchors`);
`.ci/` must be on the import path: `PYTHONPATH=.ci nbdev_docs` (the preview, `python .ci/docs.py preview`, sets it).

- `show_export`: nbdev hides `#| export` cells and shows `#| exports` cells. In this book the code is the content
  (the kernels, the attention, the training step), so every exported cell is shown in reading order, the way nbdev
  shows an `#| exports` cell: its `show_doc` entry, then the code under an open "Exported source" fold. The notebooks
  keep the plain `#| export`; only the documentation changes.
- `tidy_outputs`: a tqdm bar saved in a notebook is every frame of the bar, separated by carriage returns, on stderr
  (which both renderers paint as an error). The page keeps the last frame, as a terminal would show it, as plain output.
  A line saying a check was skipped because the machine that ran the notebook was offline ("skipped: ...
  (ConnectionError)") is about that machine, not the book: the page leaves it out.
- `doc_anchors`: nbdev links a name in backticks to `page.html#name` for every function, class and method in the
  module index, private ones and methods included, but only names with a `show_doc` entry get a heading to land on.
  This adds an anchor for each other name defined in a shown cell, so every cross-reference has its target, and
  drops the second show_doc nbdev adds for a `@patch`ed method the notebook already documents.
"""
import ast, re

from nbdev.process import Processor

# what settings.ini's `procs` must say: nbdev_docs (the site) and .ci/docs.py (the preview) run these processors
PROCS = "docs_procs:show_export docs_procs:tidy_outputs docs_procs:doc_anchors"


class show_export(Processor):
    "Treat `#| export` cells as `#| exports` cells for the docs: exported and shown."
    def __init__(self, nb):
        # nbdev builds the processors after reading each cell's directives and before running any processor, so
        # renaming the directive here is what every later step sees: `add_show_docs` documents the cell, `rm_export`
        # keeps it, `add_fold` folds it open as "Exported source", `mv_exports` places it after its show_doc.
        super().__init__(nb)
        for cell in nb.cells:
            d = getattr(cell, "directives_", None)
            if cell.cell_type == "code" and d and "export" in d and "exports" not in d: d["exports"] = d.pop("export")
        if nb.cells and "exports" in (getattr(nb.cells[-1], "directives_", None) or {}):
            from execnb.nbio import mk_cell  # nbdev's `mv_exports` looks at the cell after each shown export
            nb.cells.append(mk_cell("<!-- end of the chapter -->", "markdown"))  # not empty: add_links drops those


_FRAME = re.compile(r"\d+%\|.*\|")  # tqdm's bar: "training:  45%|####5     | 9/20 [...]"


def _last_frames(text: str) -> str:
    "What a terminal shows after printing `text`: on each line, only what follows the last carriage return."
    return "\n".join(line.rstrip("\r").rsplit("\r", 1)[-1] for line in text.split("\n"))


_OFFLINE = re.compile(r"^skipped\b.*\((ConnectionError|ConnectTimeout|ReadTimeout|URLError|MaxRetryError|gaierror|"
                      r"OfflineModeIsEnabled|LocalEntryNotFoundError)\)\s*$", re.M)


def tidy_outputs(cell):
    "A saved tqdm bar becomes its last frame, as ordinary output; a line saying a check was skipped offline is dropped."
    outs = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            text = "".join(o["text"]) if isinstance(o["text"], list) else o["text"]
            if "\r" in text and _FRAME.search(text): text, o["name"] = _last_frames(text), "stdout"
            text = re.sub(r"\n{2,}", "\n", _OFFLINE.sub("", text)).lstrip("\n")
            o["text"] = text
            if not text.strip(): continue
        outs.append(o)
    if "outputs" in cell: cell["outputs"] = outs


def _defined_names(src: str) -> list:
    "Qualified names a cell defines, as nbdev's module index names them: `f`, `Cls`, `Cls.method`, `@patch`ed `Cls.m`."
    src = "\n".join(l for l in src.splitlines() if not re.match(r"\s*#\s*\|", l))
    try: tree = ast.parse(src)
    except SyntaxError: return []
    names = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.append(node.name)
            names += [f"{node.name}.{m.name}" for m in node.body
                      if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decos = [getattr(d, "func", d) for d in node.decorator_list]  # @patch or @patch(cls_method=True)
            patched = any(getattr(d, "id", getattr(d, "attr", None)) in ("patch", "patch_to") for d in decos)
            ann = node.args.args[0].annotation if patched and node.args.args else None
            if isinstance(ann, ast.Name): names.append(f"{ann.id}.{node.name}")
            elif isinstance(ann, (ast.Tuple, ast.BinOp)):  # def f(self: A | B) or (A, B): one entry per class
                names += [f"{n.id}.{node.name}" for n in ast.walk(ann) if isinstance(n, ast.Name)]
            else: names.append(node.name)
    return names


def pandoc_id(text: str) -> str:
    "The id pandoc (so Quarto) gives a heading: lower case, spaces to hyphens, only letters, digits and _.-"
    s = re.sub(r"[^\w\s.-]", "", text.strip().lower())
    s = re.sub(r"\s+", "-", s)
    s = re.sub(r"^[\W\d_]+", "", s)
    return s or "section"


def _heading_ids(nb) -> set:
    "The ids Quarto (pandoc) gives the headings of the notebook's show_doc entries."
    out = set()
    for c in nb.cells:
        for o in c.get("outputs", []):
            md = o.get("data", {}).get("text/markdown", "")
            md = "".join(md) if isinstance(md, list) else md
            out.update(pandoc_id(m.group(1)) for m in re.finditer(r"^#+\s+(.+?)\s*$", md, re.M))
    return out


def _show_doc_name(cell):
    m = re.search(r"^show_doc\(\s*([\w.]+)\s*\)\s*$", cell.source, re.M) if cell.cell_type == "code" else None
    return m and m.group(1)


class doc_anchors(Processor):
    """One show_doc entry per name, and an anchor for every name a shown exported cell defines.

    nbdev adds a show_doc for each exported definition unless the notebook shows one itself, but it misses an explicit
    `show_doc(Cls.method)` of a `@patch`ed method and shows it twice: the explicit one (where the author put it) stays.
    Then each name that nbdev's index links to (`page.html#cls.method`, private names too) and that has no show_doc
    heading of that id gets an empty anchor before the cell that defines it.
    """
    def begin(self):
        from execnb.nbio import mk_cell
        cells = self.nb.cells
        explicit = {_show_doc_name(c) for c in cells if not getattr(c, "has_sd", False)} - {None}
        cells[:] = [c for c in cells if not (getattr(c, "has_sd", False) and _show_doc_name(c) in explicit)]
        done = _heading_ids(self.nb)
        for i in reversed(range(len(cells))):
            cell = cells[i]
            if cell.cell_type != "code" or "exports" not in (getattr(cell, "directives_", None) or {}): continue
            ids = [n.lower() for n in _defined_names(cell.source) if n.lower() not in done]
            if not ids: continue
            done.update(ids)
            cells.insert(i, mk_cell("".join(f'<span id="{a}" class="ls-anchor"></span>' for a in ids), "markdown"))
