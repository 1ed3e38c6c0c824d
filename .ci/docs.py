"""Build the documentation without Quarto.

    python .ci/docs.py proc      # nbdev's notebook pre-processing -> _proc/ (the Quarto project nbdev_docs renders)
    python .ci/docs.py preview   # proc, then an offline static HTML site in _preview/ (open _preview/index.html)
    python .ci/docs.py readme    # README.md from nbs/index.ipynb (what nbdev_readme does with Quarto)
    python .ci/docs.py check-readme  # fail if README.md is out of date

Where Quarto exists, `PYTHONPATH=.ci nbdev_docs` renders the real site (the docs workflow does that). Quarto cannot be
installed on this project's machines, so CI builds `_proc/` through nbdev's Python API (which does not try to install
Quarto) and fails on any error, then renders `_proc/` with nbconvert into a page per chapter. Both go through the same
nbdev processors (settings.ini `procs`, in `.ci/docs_procs.py`), so the preview shows what the site shows: the code
of every exported cell, its math (KaTeX, fetched from the npm registry at build time and shipped with the pages),
a sidebar, a table of contents per page, a search box over a small index, and links that stay inside the preview.
`python .ci/browser_check.py` then opens every page in headless Chromium.
"""
import html, json, os, re, shutil, subprocess, sys, tarfile, tempfile
from configparser import ConfigParser
from pathlib import Path

import nbformat, yaml
from nbconvert import HTMLExporter

sys.path.insert(0, str(Path(__file__).parent))
from docs_procs import PROCS, pandoc_id  # noqa: E402  (the heading ids the site has)

ROOT = Path(__file__).resolve().parents[1]
PROC, OUT = ROOT / "_proc", ROOT / "_preview"
KATEX = "0.16.22"  # the KaTeX release vendored into the preview (npm package `katex`)


def settings() -> dict:
    cfg = ConfigParser(); cfg.read(ROOT / "settings.ini")
    return dict(cfg["DEFAULT"])


def build_proc() -> Path:
    "Run nbdev's pre-processing (the part of `nbdev_docs` before `quarto render`) into `_proc/`."
    if settings().get("procs", "").split() != PROCS.split():
        sys.exit(f"docs: settings.ini must say `procs = {PROCS}` (the site and the preview share these processors)")
    here = str(ROOT / ".ci")  # nbdev imports the processors named in settings.ini, in spawned workers too
    sys.path.insert(0, here)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
    import llm_scratch.kernels.interpret  # no GPU: Triton's CPU interpreter, chosen before any worker imports triton
    from fastcore.xtras import working_directory
    from nbdev.quarto import refresh_quarto_yml
    from nbdev.serve import proc_nbs
    with working_directory(ROOT):
        refresh_quarto_yml()
        proc_nbs(force=True)  # nbdev's cache does not notice a changed processor
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


def _quarto_md(md: str) -> str:
    "Quarto Markdown the plain Markdown renderer lacks: show_doc's floated source link, link attributes."
    md = re.sub(r"\[source\]\(([^)]*)\)\{[^}]*\}", r'<a class="ls-source" href="\1">source</a>', md)
    return re.sub(r"\]\(([^)]*)\)\{[^}]*\}", r"](\1)", md)


def _page(nb_path: Path) -> tuple:
    "Read a processed notebook; apply Quarto's cell options; return (title, description, notebook, front matter)."
    nb = nbformat.read(nb_path, as_version=4)
    front, cells = {}, []
    for c in nb.cells:
        if c.cell_type == "raw" and c.source.lstrip().startswith("---"):
            front.update(yaml.safe_load(c.source.strip().strip("-")) or {}); continue
        if c.cell_type == "markdown": c.source = _quarto_md(c.source)
        if c.cell_type != "code": cells.append(c); continue
        direc, c.source = _directives(c.source)
        if "hide" in direc or _false(direc.get("include", True)): continue
        if _false(direc.get("output", True)): c.outputs = []
        if direc.get("output") == "asis":  # show_doc: its markdown is the content
            md = _quarto_md("".join(o.get("data", {}).get("text/markdown", "") for o in c.outputs))
            if _false(direc.get("echo", True)) or not c.source:
                cells.append(nbformat.v4.new_markdown_cell(md)); continue
            c.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": md})]
        if _false(direc.get("echo", True)): c.metadata["transient_hide_input"] = True
        if "code-summary" in direc: c.metadata.setdefault("tags", []).append("ls-exported")
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


def fetch_katex(dest: Path) -> None:
    "Vendor KaTeX (CSS, fonts, auto-render script) into `dest/katex/` from the npm registry; npm's cache is a temp dir."
    with tempfile.TemporaryDirectory(prefix="katex-", dir=OUT) as tmp:
        cmd = ["npm", "pack", f"katex@{KATEX}", "--silent", "--pack-destination", tmp, "--cache", f"{tmp}/npm-cache"]
        try: r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        except FileNotFoundError: sys.exit("docs: npm not found; KaTeX comes from the npm registry: install npm")
        tgz = next(Path(tmp).glob("katex-*.tgz"), None)
        if r.returncode or tgz is None:
            sys.exit(f"docs: `{' '.join(cmd[:3])}` failed: {(r.stderr or r.stdout).strip()[-500:]}")
        keep = re.compile(r"package/dist/(katex\.min\.(css|js)|contrib/auto-render\.min\.js|fonts/[^/]+\.woff2)$")
        with tarfile.open(tgz) as t:
            for m in t.getmembers():
                if m.isfile() and keep.match(m.name):
                    to = dest / "katex" / m.name.removeprefix("package/dist/")
                    to.parent.mkdir(parents=True, exist_ok=True)
                    to.write_bytes(t.extractfile(m).read())


def _inline_md(s: str) -> str:
    "A title or description as HTML: escaped, with `code` spans."
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(str(s)))


HEADS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _fix_headings(soup) -> list:
    "Give headings pandoc's ids (what the site and nbdev's links use); return [(level, id, text)] for h2/h3."
    taken, toc = {t["id"] for t in soup.find_all(id=True) if t.name not in HEADS} | {"top"}, []
    for h in soup.find_all(HEADS):
        for a in h.select("a.anchor-link"): a.decompose()
        text = h.get_text(" ", strip=True)
        base = pandoc_id(text)
        hid, n = base, 0
        while hid in taken: n += 1; hid = f"{base}-{n}"
        taken.add(hid)
        h["id"] = hid
        a = soup.new_tag("a", href=f"#{hid}", attrs={"class": "anchor-link", "aria-label": "link to this section"})
        a.string = "#"
        h.append(a)
        if h.name in ("h2", "h3"): toc.append((int(h.name[1]), hid, text))
    return toc


def _split(doc: str) -> tuple:
    "nbconvert's page -> (its style sheets, its <main>); its scripts (MathJax etc. from a CDN) are dropped."
    head, _, body = doc.partition("<body")
    styles = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", head, re.S))
    return styles, body[body.index("<main"):body.rindex("</main>") + len("</main>")]


def _section_texts(soup, page_title: str, href: str) -> list:
    "Search entries for a page: its title, then one per h2/h3 heading with the text that follows it."
    out, first = [], " ".join(p.get_text(" ", strip=True) for p in soup.find_all("p", limit=3))[:400]
    out.append({"t": page_title, "p": page_title, "u": href, "x": re.sub(r"\s+", " ", first)})
    for h in soup.find_all(["h2", "h3"]):
        words, n = [], 0
        for el in h.next_elements:
            if getattr(el, "name", None) in HEADS: break
            if (isinstance(el, str) and el.parent.name not in ("script", "style") and el.strip()
                    and not {"anchor-link", "ls-source"} & set(el.parent.get("class") or [])):
                words.append(el.strip()); n += len(el)
                if n > 600: break
        out.append({"t": h.get_text(" ", strip=True).rstrip(" #"), "p": page_title, "u": f"{href}#{h['id']}",
                    "x": re.sub(r"\s+", " ", " ".join(words)).replace("$", "")[:400]})
    return out


def _local_links(body: str, site: str, files: dict, ids: dict) -> str:
    "Links to the deployed site or to a notebook become links to the preview's page; anchors take the page's case."
    def fix(m):
        href = html.unescape(m.group(1))
        if href.startswith(site): href = href[len(site):] or "index.html"
        path, _, frag = href.partition("#")
        if path.endswith(".ipynb") and Path(path).name in files: path = files[Path(path).name]
        if path in ids and frag and frag not in ids[path] and frag.lower() in ids[path]: frag = frag.lower()
        if path in ids or (not path and frag): return f'href="{html.escape(path + (f"#{frag}" if frag else ""))}"'
        return m.group(0)
    return re.sub(r'href="([^"]*)"', fix, body)


def _render(args) -> dict:
    "One page (in a worker): nbconvert's HTML, headings with pandoc's ids, the page's contents and search entries."
    from bs4 import BeautifulSoup
    import traitlets.config
    name, href = args
    title, desc, nb, _ = _page(PROC / name)
    for c in nb.cells:  # nbconvert hides inputs through this cell tag
        if c.metadata.pop("transient_hide_input", False): c.metadata.setdefault("tags", []).append("remove_input")
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True,
                            config=traitlets.config.Config({"TagRemovePreprocessor": {
                                "remove_input_tags": ["remove_input"], "enabled": True}}))
    exporter.register_preprocessor("nbconvert.preprocessors.TagRemovePreprocessor", enabled=True)
    styles, main = _split(exporter.from_notebook_node(nb)[0])
    soup = BeautifulSoup(main, "html.parser")
    toc = _fix_headings(soup)
    plain = re.sub("`", "", str(title))
    return dict(styles=styles, body=soup.main.decode_contents(), toc=toc, ids={t["id"] for t in soup.find_all(id=True)},
                index=_section_texts(soup, plain, href))


def build_preview() -> Path:
    "Render every processed notebook to `_preview/<name>.html` with navigation, math, contents and search."
    build_proc()
    if OUT.exists(): shutil.rmtree(OUT)
    OUT.mkdir()
    fetch_katex(OUT)
    shutil.copy(Path(__file__).with_name("preview.css"), OUT / "preview.css")
    shutil.copy(Path(__file__).with_name("preview.js"), OUT / "preview.js")
    cfg = settings()
    site = cfg["doc_host"].rstrip("/") + "/" + cfg.get("doc_baseurl", "").strip("/") + "/"
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
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    with ProcessPoolExecutor(max(1, min(4, os.cpu_count() or 1)), mp_context=multiprocessing.get_context("fork")) as ex:
        done = dict(zip(order, ex.map(_render, [(n, files[n]) for n in order])))
    css = [d["styles"] for d in done.values()]
    shared = max(set(css), key=css.count)  # JupyterLab's style sheets, the same on every page
    (OUT / "notebook.css").write_text(shared, encoding="utf-8")
    ids = {files[n]: d["ids"] for n, d in done.items()}
    nav_items = []
    for sec, names in side:
        if sec: nav_items.append((None, sec))
        nav_items += [(n, re.sub(r"`", "", str(pages[n][0]))) for n in names]
    top = (f'<header id="ls-top"><label for="ls-menu" id="ls-burger" title="chapters">☰</label>'
           f'<a class="site" href="index.html">{html.escape(cfg["title"])}</a>'
           f'<div id="ls-search"><input type="search" placeholder="Search" aria-label="search">'
           f'<div id="ls-results" hidden></div></div>'
           f'<a class="repo" href="{html.escape(cfg["git_url"])}">GitHub</a></header>'
           f'<input type="checkbox" id="ls-menu" hidden>')
    index = []
    for i, name in enumerate(order):
        title, desc, nb, _ = pages[name]
        d, href = done[name], files[name]
        body = _local_links(d["body"], site, {n: files[n] for n in order}, ids)
        nav = ['<nav id="ls-nav" aria-label="chapters">']
        for n, label in nav_items:
            if n is None: nav.append(f'<div class="section">{html.escape(label)}</div>'); continue
            cur = ' class="current" aria-current="page"' if n == name else ""
            nav.append(f'<a{cur} href="{files[n]}">{html.escape(label)}</a>')
        nav.append("</nav>")
        toc = "".join(f'<a class="l{lvl}" href="#{hid}">{html.escape(t)}</a>' for lvl, hid, t in d["toc"])
        toc = f'<details id="ls-toc" open><summary>On this page</summary>{toc}</details>' if toc else ""
        prev_ = f'<a href="{files[order[i-1]]}">← {_inline_md(pages[order[i-1]][0])}</a>' if i else "<span></span>"
        next_ = (f'<a href="{files[order[i+1]]}">{_inline_md(pages[order[i+1]][0])} →</a>'
                 if i + 1 < len(order) else "<span></span>")
        head = f'<h1 class="title" id="top">{_inline_md(title)}</h1>'
        if desc: head += f'<p class="ls-desc">{_inline_md(desc)}</p>'
        own_css = "" if d["styles"] == shared else f"<style>{d['styles']}</style>"
        plain_title = re.sub("`", "", str(title))
        index += d["index"]
        page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1.0">'
                f'<title>{html.escape(plain_title)} – {html.escape(cfg["title"])}</title>'
                f'<link rel="icon" href="data:,"><link rel="stylesheet" href="notebook.css">{own_css}'
                f'<link rel="stylesheet" href="katex/katex.min.css">'
                f'<link rel="stylesheet" href="preview.css"><script defer src="katex/katex.min.js"></script>'
                f'<script defer src="katex/contrib/auto-render.min.js"></script><script defer src="search.js"></script>'
                f'<script defer src="preview.js"></script></head>\n'
                f'<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">'
                f'{top}{"".join(nav)}'
                f'<div id="ls-page"><div id="ls-main">{head}{body}'
                f'<div id="ls-pager">{prev_}{next_}</div></div>{toc}</div></body></html>\n')
        (OUT / href).write_text(page, encoding="utf-8")
    (OUT / "search.js").write_text(f"window.LS_SEARCH = {json.dumps(index, ensure_ascii=False)};\n", encoding="utf-8")
    print(f"docs: {len(order)} pages rendered into {OUT.relative_to(ROOT)}/ (open index.html); "
          f"search index {len(index)} entries; KaTeX {KATEX}")
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
    elif cmd == "readme":
        (ROOT / "README.md").write_text(readme_text(), encoding="utf-8")
        print("docs: README.md written")
    elif cmd == "check-readme":
        if (ROOT / "README.md").read_text(encoding="utf-8") != readme_text():
            sys.exit("docs: README.md is out of date with nbs/index.ipynb; run `python .ci/docs.py readme`")
        print("docs: README.md matches nbs/index.ipynb")
    else: sys.exit(f"usage: python .ci/docs.py [proc|preview|readme|check-readme]; got {cmd!r}")
