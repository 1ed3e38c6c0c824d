"""Build the documentation without Quarto.

    python .ci/docs.py proc      # nbdev's notebook pre-processing -> _proc/ (the Quarto project nbdev_docs renders)
    python .ci/docs.py preview   # proc, then an offline static HTML site in _preview/ (open _preview/index.html)
    python .ci/docs.py readme    # README.md from nbs/index.ipynb (what nbdev_readme does with Quarto)
    python .ci/docs.py check-readme  # fail if README.md is out of date

Where Quarto exists, `nbdev_docs` renders the real site (the docs workflow does that). Quarto cannot be installed on
this project's machines, so CI builds `_proc/` through nbdev's Python API (which does not try to install Quarto) and
fails on any error, then renders `_proc/` with nbconvert into a page per chapter with a sidebar, so a reader can check
every notebook offline.
"""
import html, re, shutil, sys
from pathlib import Path

import nbformat, yaml
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
PROC, OUT = ROOT / "_proc", ROOT / "_preview"


def build_proc() -> Path:
    "Run nbdev's pre-processing (the part of `nbdev_docs` before `quarto render`) into `_proc/`."
    import llm_scratch.kernels.interpret  # no GPU: Triton's CPU interpreter, chosen before any worker imports triton
    from fastcore.xtras import working_directory
    from nbdev.quarto import refresh_quarto_yml
    from nbdev.serve import proc_nbs
    with working_directory(ROOT):
        refresh_quarto_yml()
        proc_nbs()
    nbs = sorted(PROC.glob("*.ipynb"))
    if not nbs: sys.exit(f"docs: nbdev wrote no notebooks into {PROC}")
    print(f"docs: {len(nbs)} notebooks pre-processed into {PROC.relative_to(ROOT)}/")
    return PROC


_DIREC = re.compile(r"^\s*#\s*\|\s*(.*)$")


def _directives(src: str) -> tuple:
    "Split a cell into its `#|` directives (a dict) and the remaining source."
    direc, lines = {}, src.splitlines()
    while lines and (m := _DIREC.match(lines[0])):
        k, _, v = m.group(1).partition(":") if ":" in m.group(1) else (m.group(1), "", "")
        direc[k.strip()] = v.strip()
        lines.pop(0)
    return direc, "\n".join(lines).strip("\n")


def _false(v) -> bool: return str(v).lower() in ("false", "0", "no")


def _page(nb_path: Path) -> tuple:
    "Read a processed notebook; apply Quarto's cell options; return (title, description, notebook)."
    nb = nbformat.read(nb_path, as_version=4)
    front, cells = {}, []
    for c in nb.cells:
        if c.cell_type == "raw" and c.source.lstrip().startswith("---"):
            front.update(yaml.safe_load(c.source.strip().strip("-")) or {}); continue
        if c.cell_type != "code": cells.append(c); continue
        direc, c.source = _directives(c.source)
        if "hide" in direc or _false(direc.get("include", True)): continue
        if _false(direc.get("output", True)): c.outputs = []
        if direc.get("output") == "asis":  # show_doc: its markdown is the content
            md = "".join(o.get("data", {}).get("text/markdown", "") for o in c.outputs)
            md = re.sub(r"\]\(([^)]*)\)\{[^}]*\}", r"](\1)", md)  # Quarto link attributes: plain Markdown has none
            if _false(direc.get("echo", True)) or not c.source:
                cells.append(nbformat.v4.new_markdown_cell(md)); continue
            c.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": md})]
        if _false(direc.get("echo", True)): c.metadata["transient_hide_input"] = True
        if not c.source and not c.outputs: continue
        cells.append(c)
    nb.cells = cells
    return front.get("title", nb_path.stem), front.get("description", ""), nb, front


def _sidebar() -> list:
    "The sidebar as [(section or None, [notebook names])], in reading order."
    side = yaml.safe_load((PROC / "sidebar.yml").read_text())["website"]["sidebar"]["contents"]
    out = []
    for item in side:
        if isinstance(item, str): out.append((None, [item]))
        else: out.append((item["section"], list(item.get("contents") or [])))
    return out


CSS = """
body { margin: 0; }
#ls-nav { position: fixed; top: 0; left: 0; bottom: 0; width: 260px; overflow-y: auto; padding: 1rem;
  background: #f7f7f9; border-right: 1px solid #ddd; font: 14px/1.5 system-ui, sans-serif; box-sizing: border-box; }
#ls-nav a { color: #2c3e50; text-decoration: none; display: block; padding: 2px 0 2px 0.5rem; }
#ls-nav a.current { font-weight: 600; border-left: 3px solid #2780e3; }
#ls-nav .section { margin-top: 0.8rem; font-weight: 600; color: #555; }
#ls-nav .site { font-size: 18px; font-weight: 700; margin-bottom: 0.5rem; }
#ls-main { margin-left: 280px; max-width: 1000px; padding: 1rem 2rem 3rem; }
#ls-main .ls-desc { font-style: italic; font-size: 120%; opacity: 0.7; }
#ls-pager { display: flex; justify-content: space-between; margin: 2rem 0; font: 15px system-ui, sans-serif; }
.jp-InputArea.hidden-input, .transient-hidden { display: none; }
"""


def build_preview() -> Path:
    "Render every processed notebook to `_preview/<name>.html` with a shared sidebar and prev/next links."
    build_proc()
    if OUT.exists(): shutil.rmtree(OUT)
    OUT.mkdir()
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True)
    side = _sidebar()
    order = [n for _, names in side for n in names]
    missing = [n for n in order if not (PROC / n).exists()]
    if missing: sys.exit(f"docs: sidebar.yml lists notebooks that do not exist: {missing}")
    unlisted = sorted(p.name for p in PROC.glob("*.ipynb") if p.name not in order)
    if unlisted: sys.exit(f"docs: add these notebooks to nbs/sidebar.yml: {unlisted}")
    pages = {n: _page(PROC / n) for n in order}
    # the file names Quarto gives the pages (nbdev sets `output-file`, e.g. 00_gradients.ipynb -> gradients.html)
    files = {n: ("index.html" if n == "index.ipynb" else pages[n][3].get("output-file", n.replace(".ipynb", ".html")))
             for n in order}
    href = files.get
    for i, name in enumerate(order):
        title, desc, nb, _ = pages[name]
        for c in nb.cells:  # nbconvert hides inputs through this cell tag
            if c.metadata.pop("transient_hide_input", False): c.metadata.setdefault("tags", []).append("remove_input")
        exporter.register_preprocessor("nbconvert.preprocessors.TagRemovePreprocessor", enabled=True)
        exporter.config = __import__("traitlets").config.Config(
            {"TagRemovePreprocessor": {"remove_input_tags": ["remove_input"], "enabled": True}})
        body, _ = exporter.from_notebook_node(nb)
        nav = ['<nav id="ls-nav"><div class="site"><a href="index.html">llm_scratch</a></div>']
        for sec, names in side:
            if sec: nav.append(f'<div class="section">{html.escape(sec)}</div>')
            for n in names:
                cls = ' class="current"' if n == name else ""
                nav.append(f'<a{cls} href="{href(n)}">{html.escape(str(pages[n][0]).replace("`", ""))}</a>')
        nav.append("</nav>")
        prev_ = f'<a href="{href(order[i-1])}">← {html.escape(str(pages[order[i-1]][0]))}</a>' if i else "<span></span>"
        next_ = (f'<a href="{href(order[i+1])}">{html.escape(str(pages[order[i+1]][0]))} →</a>'
                 if i + 1 < len(order) else "<span></span>")
        head = f'<h1>{html.escape(str(title))}</h1>' + (f'<p class="ls-desc">{html.escape(str(desc))}</p>' if desc else "")
        body = re.sub(r"<title>.*?</title>", f"<title>{html.escape(str(title))} – llm_scratch</title>", body, flags=re.S)
        body = body.replace("</head>", f"<style>{CSS}</style></head>", 1)
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "".join(nav) + '<div id="ls-main">' + head, body, count=1)
        body = body.replace("</body>", f'<div id="ls-pager">{prev_}{next_}</div></div></body>', 1)
        (OUT / href(name)).write_text(body, encoding="utf-8")
    print(f"docs: {len(order)} pages rendered into {OUT.relative_to(ROOT)}/ (open index.html)")
    return OUT


def readme_text() -> str:
    "README.md as Markdown, rendered from the home-page notebook `nbs/index.ipynb`."
    from nbconvert import MarkdownExporter
    title, desc, nb, _ = _page(ROOT / "nbs" / "index.ipynb")
    if not desc and nb.cells and nb.cells[0].cell_type == "markdown":  # raw notebook: title/description in cell 1
        lines = nb.cells[0].source.splitlines()
        title = next((l[2:] for l in lines if l.startswith("# ")), title)
        desc = next((l[2:] for l in lines if l.startswith("> ")), "")
        nb.cells = nb.cells[1:]
    body, _ = MarkdownExporter(exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(nb)
    note = "<!-- generated from nbs/index.ipynb by `python .ci/docs.py readme`; edit the notebook, not this file -->"
    return f"# {title}\n\n{note}\n\n> {desc}\n\n{body.strip()}\n"


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "preview"
    if cmd == "proc": build_proc()
    elif cmd == "preview": build_preview()
    elif cmd == "readme": (ROOT / "README.md").write_text(readme_text(), encoding="utf-8"); print("docs: README.md written")
    elif cmd == "check-readme":
        if (ROOT / "README.md").read_text(encoding="utf-8") != readme_text():
            sys.exit("docs: README.md is out of date with nbs/index.ipynb; run `python .ci/docs.py readme`")
        print("docs: README.md matches nbs/index.ipynb")
    else: sys.exit(f"usage: python .ci/docs.py [proc|preview|readme|check-readme]; got {cmd!r}")
