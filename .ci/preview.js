// The offline preview's behaviour: math with the vendored KaTeX, the search box, the table of contents on small screens.
(function () {
  "use strict";
  function math() {
    if (!window.renderMathInElement) { console.error("KaTeX did not load: the preview's katex/ folder is missing"); return; }
    renderMathInElement(document.getElementById("ls-main"), {
      delimiters: [
        { left: "$$", right: "$$", display: true }, { left: "\\[", right: "\\]", display: true },
        { left: "$", right: "$", display: false }, { left: "\\(", right: "\\)", display: false }],
      ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code", "option"],
      strict: "ignore"  // a formula KaTeX cannot parse stays raw and logs a console error: the browser check fails on both
    });
  }
  function esc(s) { return s.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }
  function search() {
    const box = document.querySelector("#ls-search input"), out = document.getElementById("ls-results");
    const index = window.LS_SEARCH || [];
    function run() {
      const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.length) { out.hidden = true; out.innerHTML = ""; return; }
      const hits = [];
      for (const e of index) {
        const t = e.t.toLowerCase(), all = (e.t + " " + e.p + " " + e.x).toLowerCase();
        if (!words.every(w => all.includes(w))) continue;
        hits.push([words.reduce((s, w) => s + (t.includes(w) ? 3 : 0) + (e.p.toLowerCase().includes(w) ? 1 : 0), 0), e]);
      }
      hits.sort((a, b) => b[0] - a[0]);
      out.innerHTML = hits.length ? hits.slice(0, 20).map(([, e]) =>
        `<a href="${esc(e.u)}"><b>${esc(e.t)}</b> <span class="pg">${esc(e.p)}</span><br><small>${esc(e.x.slice(0, 140))}</small></a>`).join("")
        : "<div class=\"none\">No match</div>";
      out.hidden = false;
    }
    box.addEventListener("input", run);
    box.addEventListener("keydown", ev => {
      if (ev.key === "Escape") { box.value = ""; run(); }
      if (ev.key === "Enter") { const a = out.querySelector("a"); if (a) location.href = a.href; }
    });
    document.addEventListener("click", ev => { if (!ev.target.closest("#ls-search")) out.hidden = true; });
  }
  function toc() {
    const t = document.getElementById("ls-toc");
    if (t && window.matchMedia("(max-width: 1279px)").matches) t.open = false;
    document.querySelectorAll("#ls-nav a, #ls-toc a").forEach(a => a.addEventListener("click", () => {
      const m = document.getElementById("ls-menu"); if (m) m.checked = false;
    }));
  }
  document.addEventListener("DOMContentLoaded", () => { math(); search(); toc(); });
})();
