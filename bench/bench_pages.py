"""What a built site weighs for its visitors: page sizes, the first view of the home
page, Pagefind's index, and what a search transfers and how soon it answers.

    .venv/bin/python bench/bench_pages.py SITE_DIR [--queries hemtjänst bygglov] [--json]

SITE_DIR is a built site (`site/` after `sluss build`). The site is served on a free
loopback port by a static host that compresses as GitHub Pages does (gzip for text,
scripts and JSON when the browser accepts it; Pagefind's `.pf_*` files and its wasm
are gzip streams already and go out as they are: `machine.serve(gzip=True)`), and
every size below is bytes on the wire as that host sent them (bodies, not headers).
Prints a Markdown table:

- the number of HTML pages, the five largest (KB of HTML) and whether any is over
  300 KB;
- Pagefind's folder (`site/pagefind/`): files and bytes, by kind (word index chunks,
  fragments, filter chunks), and the largest filter chunk with its facet;
- the home page's first view: every response while loading it until the network was
  quiet, raw and on the wire – and whether any of it came from `pagefind/` (none
  should: the portal loads the index when search is first used);
- the first search: in a fresh browser, the home page, a click on the search button,
  a query typed; every response after the click until the results are shown and the
  network is quiet (goal: under 300 KB at 10 000 ideas). Then a second query in the
  same dialog, and what it added;
- "Sök och filtrera" opened with a filter (`slussen/sok/?typ=Idé`), which loads every
  filter chunk, and with a query and a filter;
- a search's latency: from the last letter typed to the results shown (the dialog
  waits 120 ms after a key before it searches; that is counted in), cold (the first
  search of a fresh browser, typed right after the click) and warm (a second query),
  medians of a few fresh browsers.

Also importable: `measure_site(site_dir) -> dict` and `markdown_rows(...)` for
bench/bench_scale.py. Nothing leaves the machine. Without Chromium the browser figures
are left out (`None`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from machine import CHROME_ARGS, CHROMIUM, serve, thousands

LIMIT_KB = 300  # no page over this: the budget of a page on a phone
HOME_LIMIT_KB = 100  # the home page's first view, transferred
SEARCH_LIMIT_KB = 300  # the first search at 10 000 ideas, transferred (issue 13)
KB = 1000
QUERIES = ("hemtjänst", "bygglov")  # everyday words: the first search, then a second
FINDER = "slussen/sok/?typ=Id%C3%A9"  # "Sök och filtrera", ideas only
FINDER_QUERY = "slussen/sok/?q=hemtj%C3%A4nst&typ=Id%C3%A9"
BUNDLE = "pagefind/"
RUNS = 5  # fresh browsers for the latency medians
TYPING_DELAY_MS = 40  # between keys: well inside the dialog's 120 ms wait

# In the page before anything is typed: when the search field last got a letter, and
# every change of the search status line ("19 träffar") with its time.
WATCH = """() => {
  window.__typed = []; window.__shown = [];
  document.addEventListener("input", (e) => {
    if (e.target.id === "sluss-search-input") window.__typed.push(performance.now());
  }, true);
  new MutationObserver((records) => {
    const status = document.querySelector(".sluss-search__status");
    if (status && records.some((r) => status === r.target || status.contains(r.target)))
      window.__shown.push([performance.now(), status.textContent]);
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""
# The results of the last query typed are shown: the status changed after its last letter.
ANSWERED = """() => {
  const typed = window.__typed[window.__typed.length - 1];
  return window.__shown.some(([at, text]) => at > typed && /träff/i.test(text));
}"""
LATENCY = """() => {
  const typed = window.__typed[window.__typed.length - 1];
  const shown = window.__shown.find(([at, text]) => at > typed && /träff/i.test(text));
  return [(shown[0] - typed) / 1000, shown[1]];
}"""
FINDER_DONE = (
    "() => /träff/i.test(document.querySelector('.sluss-finder__status')?.textContent || '')"
)


def gzipped(data: bytes) -> int:
    """Bytes on the wire as a static host compresses them (gzip level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_sizes(site: Path) -> list[tuple[str, int]]:
    """Every HTML page and its size, the largest first (Pagefind's folder holds none)."""
    sizes = ((p.relative_to(site).as_posix(), p.stat().st_size) for p in site.rglob("*.html"))
    return sorted(sizes, key=lambda ps: (-ps[1], ps[0]))


# --- Pagefind's folder ------------------------------------------------------------------------


def filter_name(chunk: bytes) -> str:
    """The facet a filter chunk holds ("Tagg"): the first string of its CBOR after
    Pagefind's marker."""
    data = gzip.decompress(chunk)
    at = data.find(b"pagefind_dcd") + len(b"pagefind_dcd") + 1  # then an array's head
    head = data[at]
    if 0x60 <= head < 0x78:
        start, length = at + 1, head - 0x60
    elif head == 0x78:
        start, length = at + 2, data[at + 1]
    else:
        return "?"
    return data[start : start + length].decode("utf-8", "replace")


def bundle_figures(site: Path) -> dict[str, Any] | None:
    """Files and bytes of `site/pagefind/`, by kind, and the largest filter chunk."""
    folder = site / BUNDLE
    if not folder.is_dir():
        return None
    kinds: dict[str, list[int]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            kind = path.parent.name if path.parent != folder else "other"
            kinds.setdefault(kind, []).append(path.stat().st_size)
    filters = sorted(
        ((p.stat().st_size, filter_name(p.read_bytes())) for p in (folder / "filter").glob("*")),
        reverse=True,
    )
    index = kinds.get("index", [])
    return {
        "files": sum(len(v) for v in kinds.values()),
        "bytes": sum(sum(v) for v in kinds.values()),
        "kinds": {k: (len(v), sum(v)) for k, v in sorted(kinds.items())},
        "largest_index": max(index, default=0),
        "filters": [{"facet": name, "bytes": size} for size, name in filters],
    }


# --- the browser -------------------------------------------------------------------------------


def _files(site: Path, sent: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
    """(path, bytes sent) as the site's files: raw size on disk beside the wire."""
    out = []
    for url, wire in sent:
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
        target = site / path
        if target.is_dir():
            target = target / "index.html"
        raw = target.stat().st_size if target.is_file() else wire
        out.append({"file": path or "index.html", "raw": raw, "wire": wire})
    return out


def browse(site: Path, queries: Sequence[str], runs: int) -> dict[str, Any]:
    """The home page, the first search and a second, "Sök och filtrera", and latency."""
    from playwright.sync_api import sync_playwright

    sent: list[tuple[str, int]] = []
    out: dict[str, Any] = {}
    with serve(site, "/", gzip=True, sent=sent) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)

        def fresh() -> Any:
            context = browser.new_context(service_workers="block", locale="sv-SE")
            return context, context.new_page()

        def quiet(page: Any) -> None:
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)

        def since(mark: int) -> list[dict[str, Any]]:
            return _files(site, sent[mark:])

        def search_from_header(page: Any, query: str) -> None:
            """A click on the header's search button, the query typed, its results shown."""
            page.click(".sluss-search-button")
            page.keyboard.type(query, delay=TYPING_DELAY_MS)
            page.wait_for_function(ANSWERED, timeout=300_000)
            quiet(page)

        try:
            # The first view, then the first search and a second one in the same dialog.
            context, page = fresh()
            page.goto(base, wait_until="load")
            quiet(page)
            out["home"] = since(0)
            page.evaluate(WATCH)
            first, second = queries[0], queries[1] if len(queries) > 1 else queries[0]
            mark = len(sent)
            search_from_header(page, first)
            out["search"] = {"query": first, "files": since(mark)}
            out["search"]["status"] = page.text_content(".sluss-search__status")
            mark = len(sent)
            page.keyboard.press("Control+A")
            page.keyboard.type(second, delay=TYPING_DELAY_MS)
            page.wait_for_function(ANSWERED, timeout=300_000)
            quiet(page)
            out["second"] = {"query": second, "files": since(mark)}
            out["second"]["status"] = page.text_content(".sluss-search__status")
            context.close()
            # The second query as somebody's first search, for comparison.
            context, page = fresh()
            page.goto(base, wait_until="load")
            quiet(page)
            page.evaluate(WATCH)
            mark = len(sent)
            search_from_header(page, second)
            out["second_first"] = {"query": second, "files": since(mark)}
            context.close()
            # "Sök och filtrera": a filter alone, then a query and a filter.
            for key, path in (("finder", FINDER), ("finder_query", FINDER_QUERY)):
                context, page = fresh()
                mark = len(sent)
                started = time.perf_counter()
                page.goto(base + path, wait_until="load")
                page.wait_for_function(FINDER_DONE, timeout=300_000)
                shown = time.perf_counter() - started
                quiet(page)
                out[key] = {
                    "path": urllib.parse.unquote(path),
                    "files": since(mark),
                    "status": page.text_content(".sluss-finder__status"),
                    "seconds": shown,
                }
                context.close()
            # Latency: a fresh browser each run; cold, then warm.
            cold, warm = [], []
            for _ in range(runs):
                context, page = fresh()
                page.goto(base, wait_until="load")
                quiet(page)
                page.evaluate(WATCH)
                page.click(".sluss-search-button")
                page.keyboard.type(first, delay=TYPING_DELAY_MS)
                page.wait_for_function(ANSWERED, timeout=300_000)
                cold.append(page.evaluate(LATENCY)[0])
                quiet(page)
                page.keyboard.press("Control+A")
                page.keyboard.type(second, delay=TYPING_DELAY_MS)
                page.wait_for_function(ANSWERED, timeout=300_000)
                warm.append(page.evaluate(LATENCY)[0])
                context.close()
            out["latency"] = {"cold": cold, "warm": warm, "queries": [first, second], "runs": runs}
            out["chromium"] = browser.version
        finally:
            browser.close()
    return out


def measure_site(
    site_dir: Path, queries: Sequence[str] = QUERIES, runs: int = RUNS
) -> dict[str, Any]:
    """Page count and largest pages, Pagefind's folder; in Chromium (None for those
    without Chromium or Playwright) the home page, the searches and their latency."""
    site = Path(site_dir)
    sizes = page_sizes(site)
    out: dict[str, Any] = {
        "pages": len(sizes),
        "largest": sizes[:5],
        "over_limit": [path for path, size in sizes if size > LIMIT_KB * KB],
        "bundle": bundle_figures(site),
        "browser": None,
    }
    try:
        out["browser"] = browse(site, queries, runs)
    except (ImportError, OSError) as exc:  # no Playwright or no Chromium here
        print(f"bench_pages: no browser figures ({exc})", file=sys.stderr)
    return out


# --- Markdown ----------------------------------------------------------------------------------


def total(files: Sequence[dict[str, Any]] | None, key: str = "wire") -> int:
    return sum(f[key] for f in files or ())


def of_bundle(files: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in files if f["file"].startswith(BUNDLE)]


def kb(size: int) -> str:
    return f"{size / KB:,.1f}".replace(",", "\u202f")


def seconds(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.2f} s" if values else "–"


def _kind(path: str) -> str:
    """What a file of Pagefind's is, to sum a search's transfer by kind."""
    for folder in ("index", "fragment", "filter"):
        if path.startswith(f"{BUNDLE}{folder}/"):
            return folder
    return "engine" if path.startswith(BUNDLE) else "page"


def by_kind(files: Sequence[dict[str, Any]]) -> str:
    """'engine 95.3 + index 21.4 (1) + fragment 7.0 (8)' in KB on the wire."""
    sums: dict[str, list[int]] = {}
    for f in files:
        sums.setdefault(_kind(f["file"]), []).append(f["wire"])
    order = ("page", "engine", "index", "filter", "fragment")
    parts = []
    for kind in order:
        if kind in sums:
            n = len(sums[kind])
            parts.append(f"{kind} {kb(sum(sums[kind]))}" + (f" ({n})" if kind != "engine" else ""))
    return " + ".join(parts)


def markdown(figures: dict[str, Any]) -> str:
    """One site's figures as a Markdown table (and the files behind the totals)."""
    lines = ["| what | raw | on the wire |", "|---|---:|---:|"]
    lines.append(f"| HTML pages | {thousands(figures['pages'])} | |")
    for path, size in figures["largest"]:
        lines.append(f"| `{path}` | {kb(size)} KB | |")
    over = figures["over_limit"]
    lines.append(f"| pages over {LIMIT_KB} KB | {len(over)} | |")
    bundle = figures["bundle"]
    if bundle is not None:
        lines.append(
            f"| `pagefind/` ({thousands(bundle['files'])} files) | {kb(bundle['bytes'])} KB | |"
        )
        for kind, (n, size) in bundle["kinds"].items():
            lines.append(f"| &nbsp;&nbsp;{kind} ({thousands(n)} files) | {kb(size)} KB | |")
        for f in bundle["filters"][:3]:
            lines.append(f"| &nbsp;&nbsp;filter chunk of {f['facet']} | {kb(f['bytes'])} KB | |")
    b = figures["browser"]
    if b is None:
        return "\n".join(lines)
    home = b["home"]
    lines.append(
        f"| home page, first view ({len(home)} files) | {kb(total(home, 'raw'))} KB "
        f"| **{kb(total(home))} KB** |"
    )
    for f in home:
        lines.append(f"| &nbsp;&nbsp;`{f['file']}` | {kb(f['raw'])} KB | {kb(f['wire'])} KB |")
    lines.append(f"| the first view loads anything from `{BUNDLE}` | {bool(of_bundle(home))} | |")
    for key, label in (
        ("search", "first search"),
        ("second", "then a second query"),
        ("second_first", "the second query as the first search"),
    ):
        s = b[key]
        lines.append(
            f"| {label}, ”{s['query']}” ({len(s['files'])} files) "
            f"| {kb(total(s['files'], 'raw'))} KB | **{kb(total(s['files']))} KB** |"
        )
        if key == "search":
            for f in s["files"]:
                lines.append(
                    f"| &nbsp;&nbsp;`{f['file']}` | {kb(f['raw'])} KB | {kb(f['wire'])} KB |"
                )
            lines.append(f"| what the first search showed | {s['status']} | |")
    for key in ("finder", "finder_query"):
        s = b[key]
        files = of_bundle(s["files"])
        lines.append(
            f"| `{s['path']}`: from `{BUNDLE}` ({len(files)} files; whole page "
            f"{kb(total(s['files']))} KB) | {kb(total(files, 'raw'))} KB "
            f"| **{kb(total(files))} KB** |"
        )
        lines.append(f"| &nbsp;&nbsp;{by_kind(files)} KB | {s['status']} | {s['seconds']:.2f} s |")
    lat = b["latency"]
    lines.append(
        f"| latency, last letter → results, median of {len(lat['cold'])}: "
        f"cold ”{lat['queries'][0]}”, warm ”{lat['queries'][1]}” "
        f"| {seconds(lat['cold'])} | {seconds(lat['warm'])} |"
    )
    return "\n".join(lines)


def markdown_rows(rows: Sequence[tuple[int, dict[str, Any]]]) -> list[str]:
    """One line per size, for bench/bench_scale.py: (ideas, figures of measure_site)."""
    out = [
        "| ideas | HTML pages | largest page | over 300 KB | home page, first view "
        "| of it from `pagefind/` |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for ideas, f in rows:
        path, size = f["largest"][0] if f["largest"] else ("–", 0)
        b = f["browser"]
        home = f"{kb(total(b['home']))} KB" if b else "–"
        bundle = f"{kb(total(of_bundle(b['home'])))} KB" if b else "–"
        out.append(
            f"| {thousands(ideas)} | {thousands(f['pages'])} | {kb(size)} KB (`{path}`) "
            f"| {len(f['over_limit'])} | {home} | {bundle} |"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder (site/)")
    parser.add_argument("--queries", nargs="+", default=list(QUERIES), help="what to search for")
    parser.add_argument("--runs", type=int, default=RUNS, help="fresh browsers for latency")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args()
    figures = measure_site(args.site, args.queries, args.runs)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        print(markdown(figures))


if __name__ == "__main__":
    main()
