"""Open every page of the offline preview in headless Chromium, as a reader would, and fail on what a reader would see.

    python .ci/browser_check.py [--build] [--require] [--artifacts DIR]

Serves `_preview/` (built by `python .ci/docs.py preview`; `--build` builds it first) on 127.0.0.1, loads each page
at desktop and at phone width, and fails when a page shows raw TeX outside code (or a KaTeX error), has a broken
local link, image or anchor, logs an error to the console, fails to load a local file, has an output cell holding a
traceback, or is wider than the screen; and when a module's entry in `llm_scratch/_modidx.py` is empty or names an
anchor no page has. One screenshot per page and width goes to the artifacts folder (default `_preview_shots/`),
with `report.json`.

The browser is Debian's `chromium` (`apt-get install chromium`), driven by the `playwright` package from PyPI with
`executable_path`, so nothing is downloaded at run time. Without either, the check says so and exits 0, unless
`--require` (CI) makes that a failure.
"""
import argparse, ast, functools, http.server, json, re, shutil, subprocess, sys, threading, time
from pathlib import Path
from urllib.parse import urldefrag, urlparse

ROOT = Path(__file__).resolve().parents[1]
PREVIEW = ROOT / "_preview"
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}

# runs in the page: everything the check reads from the DOM, after KaTeX has rendered
PROBE = r"""() => {
  const main = document.getElementById("ls-main"), out = {};
  const tex = new RegExp(String.raw`\$[^$\s][^$]*\$|\\(frac|sum|sqrt|mathbf|mathrm|left|right|cdot|alpha|beta|`
                         + String.raw`begin\{|end\{|text\{|exp|log|max)\b`);
  const skip = n => n.closest("pre, code, script, style, textarea, .katex, .katex-display");
  out.rawTex = [];
  const walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) {
    const p = n.parentElement;
    if (p && !skip(p) && tex.test(n.textContent)) out.rawTex.push(n.textContent.trim().slice(0, 120));
  }
  out.katexErrors = [...document.querySelectorAll(".katex-error")].map(e => e.textContent.slice(0, 120));
  out.mathCount = document.querySelectorAll(".katex").length;
  out.ids = [...document.querySelectorAll("[id]")].map(e => e.id);
  out.links = [...document.querySelectorAll("a[href]")].map(a => a.href);
  out.images = [...document.querySelectorAll("img")].filter(i => !i.complete || i.naturalWidth === 0)
    .map(i => i.src.slice(0, 120));
  out.tracebacks = [...document.querySelectorAll(".jp-OutputArea-output")].map(o => o.textContent)
    .filter(t => /Traceback \(most recent call last\)|^-{20,}\s*\n\s*\w+(Error|Exception)\b/m.test(t))
    .map(t => t.slice(0, 200));
  out.overflow = main.scrollWidth - main.clientWidth;
  out.pageOverflow = document.documentElement.scrollWidth - window.innerWidth;
  out.wide = [...main.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
      && !e.closest("pre, .katex-display, table, .jp-OutputArea-output, .jp-InputArea-editor"))
    .slice(0, 3).map(e => e.tagName + "." + e.className + ": " + (e.textContent || "").trim().slice(0, 60));
  out.clipped = [...main.querySelectorAll("div, pre, td, p")].filter(e => {
      const s = getComputedStyle(e);
      return (s.overflowX === "hidden" || s.overflowX === "clip") && e.scrollWidth > e.clientWidth + 1;
    }).slice(0, 3).map(e => e.tagName + "." + e.className + ": " + (e.textContent || "").trim().slice(0, 60));
  out.codeCells = document.querySelectorAll(".celltag_ls-exported").length;
  return out;
}"""


def find_chromium():
    "Debian's Chromium (`apt-get install chromium`), or another Chromium on the PATH; $CHROMIUM names one."
    import os
    if os.environ.get("CHROMIUM"): return shutil.which(os.environ["CHROMIUM"])
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)


def modidx_targets() -> dict:
    "Per module, its doc links (`page.html#anchor`) from llm_scratch/_modidx.py, and whether it defines anything."
    text = (ROOT / "llm_scratch" / "_modidx.py").read_text()
    d = ast.literal_eval(text[text.index("{"):])
    return {mod: ([v[0] for v in syms.values()], defines_names(mod)) for mod, syms in d["syms"].items()}


def defines_names(mod: str) -> bool:
    "Does the module's source define a function or class (so its index must not be empty)?"
    path = ROOT.joinpath(*mod.split(".")).with_suffix(".py")
    tree = ast.parse(path.read_text())
    return any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in tree.body)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="build the preview first (python .ci/docs.py preview)")
    ap.add_argument("--require", action="store_true", help="fail, not skip, when no browser can be had")
    ap.add_argument("--preview", default=str(PREVIEW), help="the built preview to check")
    ap.add_argument("--artifacts", default=str(ROOT / "_preview_shots"), help="folder for screenshots and report.json")
    ap.add_argument("--self-test", action="store_true", help="check that the check fails on a page with each defect")
    ap.add_argument("--pages-only", action="store_true", help=argparse.SUPPRESS)  # self-test
    args = ap.parse_args(argv)
    if args.self_test: return self_test()
    t0 = time.time()
    if args.build:
        subprocess.run([sys.executable, str(ROOT / ".ci" / "docs.py"), "preview"], check=True)
    preview = Path(args.preview)
    pages = sorted(p.name for p in preview.glob("*.html"))
    if not pages: sys.exit(f"browser check: no pages in {preview}; run `python .ci/docs.py preview` first")

    def unavailable(why):
        msg = f"browser check: SKIPPED, {why}"
        if args.require: sys.exit(msg.replace("SKIPPED", "FAILED (--require)"))
        print(msg); return 0

    try: from playwright.sync_api import sync_playwright
    except ImportError: return unavailable("the `playwright` package is missing (pip install playwright)")
    chromium = find_chromium()
    if not chromium: return unavailable("no Chromium on the PATH (Debian: apt-get install chromium)")

    shots = Path(args.artifacts)
    if shots.exists(): shutil.rmtree(shots)
    shots.mkdir(parents=True)
    httpd = serve(preview)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    problems, seen, report = [], {}, {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for label, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            logs = []
            page.on("console", lambda m: m.type == "error" and logs.append(f"console: {m.text[:200]}"))
            page.on("pageerror", lambda e: logs.append(f"page error: {str(e)[:200]}"))
            page.on("requestfailed", lambda r: logs.append(f"failed to load {r.url[:150]}"))
            page.on("response", lambda r: r.status >= 400 and logs.append(f"HTTP {r.status} for {r.url[:150]}"))
            for name in pages:
                logs.clear()
                page.goto(base + name, wait_until="load")
                page.wait_for_function("() => !window.renderMathInElement || document.readyState === 'complete'")
                page.wait_for_timeout(50)
                info = page.evaluate(PROBE)
                page.screenshot(path=str(shots / f"{Path(name).stem}-{label}.png"))
                where = f"{name} ({label})"
                problems += [f"{where}: {l}" for l in logs]
                if label == "desktop":
                    seen[name] = info
                    problems += [f"{where}: raw TeX outside code: {t!r}" for t in info["rawTex"][:5]]
                    problems += [f"{where}: KaTeX error: {t!r}" for t in info["katexErrors"][:5]]
                    problems += [f"{where}: broken image {s}" for s in info["images"]]
                    problems += [f"{where}: output holds a traceback: {t!r}" for t in info["tracebacks"]]
                if info["overflow"] > 1 or info["pageOverflow"] > 1:
                    problems.append(f"{where}: wider than the screen by {max(info['overflow'], info['pageOverflow'])}px"
                                    f" {info['wide']}")
                problems += [f"{where}: content cut off at the right edge: {t!r}" for t in info["clipped"]]
                report.setdefault(name, {})[label] = {k: info[k] for k in ("mathCount", "codeCells", "overflow")}
            if label == "desktop" and not args.pages_only:  # the search box finds a chapter and its result opens it
                page.goto(base + "index.html", wait_until="load")
                page.fill("#ls-search input", "online softmax")
                hits = page.eval_on_selector_all("#ls-results a", "as => as.map(a => a.getAttribute('href'))")
                if not hits: problems.append("search: 'online softmax' finds nothing")
                else:
                    page.click("#ls-results a >> nth=0")
                    page.wait_for_load_state("load")
                    if urlparse(page.url).path.lstrip("/") != hits[0].split("#")[0]:
                        problems.append(f"search: the first result {hits[0]} opened {page.url}")
            page.close()
        browser.close()
    httpd.shutdown()
    ids = {n: set(i["ids"]) for n, i in seen.items()}

    import configparser
    cfg = configparser.ConfigParser(); cfg.read(ROOT / "settings.ini")
    site = cfg["DEFAULT"]["doc_host"].rstrip("/") + "/" + cfg["DEFAULT"].get("doc_baseurl", "").strip("/") + "/"

    def check_target(where, url):
        if url.startswith(site):
            problems.append(f"{where}: link leaves the preview for the deployed site: {url}"); return
        u = urlparse(url)
        if not url.startswith(base) and u.scheme in ("http", "https"): return  # leaves the preview: not checked
        if u.scheme not in ("http", "https"): return  # mailto:, javascript:
        path, frag = urldefrag(url[len(base):] if url.startswith(base) else url)
        path = path or "index.html"
        if path not in ids:
            if not (preview / path).is_file(): problems.append(f"{where}: broken local link {path}")
        elif frag and frag not in ids[path]: problems.append(f"{where}: link to a missing anchor {path}#{frag}")

    for name, info in seen.items():
        for url in sorted(set(info["links"])): check_target(name, url)
    for mod, (links, defines) in ({} if args.pages_only else modidx_targets()).items():
        if defines and not links:
            problems.append(f"_modidx.py: module {mod} has an empty index (no source links, no cross-references)")
        for l in links: check_target(f"_modidx.py {mod}", base + l)
    (shots / "report.json").write_text(json.dumps({"pages": report, "problems": problems}, indent=1))
    n_math = sum(r.get("desktop", {}).get("mathCount", 0) for r in report.values())
    print(f"browser check: {len(pages)} pages x {len(WIDTHS)} widths in {time.time() - t0:.0f}s with {chromium}; "
          f"{n_math} math expressions rendered; screenshots in {shots}")
    if problems:
        print(f"browser check: {len(problems)} problems", *problems[:200], sep="\n  ")
        return 1
    print("browser check: every page passed")
    return 0


_PAGE = ('<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head>'
         '<body><div id="ls-main">{}</div></body></html>')
_GOOD = '<h2 id="a">A</h2><p>Fine, with a <a href="bad.html">link</a> and <code>$x$ in code</code>.</p>'
_BAD = ('<p>raw \\frac{a}{b} here</p><a href="nope.html">x</a><a href="good.html#no-such">y</a>'
        '<div class="jp-OutputArea-output"><pre>Traceback (most recent call last):\n  File "x"</pre></div>'
        '<script>console.error("boom")</script><img src="missing.png"><div style="width:3000px">wide</div>')
_EXPECTED = ["raw TeX outside code", "broken local link nope.html", "missing anchor good.html#no-such",
             "output holds a traceback", "console: boom", "broken image", "wider than the screen"]


def self_test() -> int:
    "Run the check on a clean page and on a page with every defect: it must pass the first and name each defect."
    import contextlib, io, tempfile
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "good.html").write_text(_PAGE.format(_GOOD))
        (Path(d) / "bad.html").write_text(_PAGE.format(_BAD))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = main(["--preview", d, "--artifacts", f"{d}/shots", "--require", "--pages-only"])
    out = out.getvalue()
    missed = [e for e in _EXPECTED if not re.search(rf"bad\.html( \(desktop\))?: .*{re.escape(e)}", out)]
    wrong = [l for l in out.splitlines() if "good.html (" in l or l.strip().startswith("good.html:")]
    if rc != 1 or missed or wrong:
        print(out)
        sys.exit(f"browser check self-test: FAILED (exit {rc}; not reported: {missed}; clean page flagged: {wrong})")
    print(f"browser check self-test: passed (the clean page passes; all {len(_EXPECTED)} kinds of defect are reported)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
