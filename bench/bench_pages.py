"""What a built site weighs for its visitors: page sizes, the first view of the home
page, and the search payload.

    .venv/bin/python bench/bench_pages.py SITE_DIR [--json]

SITE_DIR is a built site (`site/` after `sluss build`). Prints a Markdown table:

- the number of HTML pages, the five largest (KB of HTML) and whether any is over
  300 KB;
- the home page's first view: every response Debian's Chromium fetched while loading
  it until the network was quiet, summed raw and as `gzip -6` would send it (GitHub
  Pages compresses text; images count as they are when gzip would not make them smaller);
- the search payload: the files of Material's search that Chromium fetched for the
  first search (the index, the search worker, the language files), each raw and
  gzipped, and the total gzipped; and whether the first view already fetched the
  index (it should not: the portal loads it when search is first used).

Also importable: `measure_site(site_dir) -> dict` and `markdown_rows(...)` for
bench/bench_scale.py. Serves the folder on a free loopback port; nothing leaves the
machine. Without Chromium the browser figures are left out (`None`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from machine import CHROME_ARGS, CHROMIUM, serve, thousands

LIMIT_KB = 300  # no page over this: the budget of a page on a phone
HOME_LIMIT_KB = 100  # the home page's first view, transferred
SEARCH_LIMIT_KB = 1500  # the first search, transferred
KB = 1000


def gzipped(data: bytes) -> int:
    """Bytes on the wire as a static host compresses them (gzip level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_sizes(site: Path) -> list[tuple[str, int]]:
    """Every HTML page and its size, the largest first."""
    sizes = ((p.relative_to(site).as_posix(), p.stat().st_size) for p in site.rglob("*.html"))
    return sorted(sizes, key=lambda ps: (-ps[1], ps[0]))


def is_search_file(path: str) -> bool:
    """Part of Material's search: the index, the worker, lunr and its language files."""
    return (
        path.endswith("search/search_index.json")
        or "/javascripts/workers/search." in "/" + path
        or "/javascripts/lunr/" in "/" + path
    )


# --- a static host on the loopback address -------------------------------------------------


def _file_of(site: Path, base: str, url: str) -> Path | None:
    """The file of the site a same-origin URL was answered with."""
    if not url.startswith(base):
        return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    target = site / path.removeprefix(urllib.parse.urlsplit(base).path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _sizes(site: Path, base: str, urls: Sequence[str]) -> list[dict[str, Any]]:
    out = []
    for url in dict.fromkeys(urls):
        target = _file_of(site, base, url)
        if target is None:
            continue
        data = target.read_bytes()
        out.append(
            {
                "file": target.relative_to(site).as_posix(),
                "raw": len(data),
                "gzip": min(gzipped(data), len(data)),
            }
        )
    return out


def browse(site: Path, query: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], bool]:
    """Open the home page in Chromium; what its first view fetched, what the first view
    and the first search fetched of the search, and whether that search found anything."""
    from playwright.sync_api import sync_playwright

    with serve(site, "/") as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        try:
            context = browser.new_context(service_workers="block", locale="sv-SE")
            page = context.new_page()
            fetched: list[str] = []
            page.on("requestfinished", lambda request: fetched.append(request.url))
            page.goto(base, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            first_view = list(fetched)
            page.keyboard.press("/")  # Material's shortcut: focus the search field
            page.keyboard.type(query)
            page.wait_for_selector(
                ".md-search-result__item, .md-search-result__meta", timeout=120_000
            )
            page.wait_for_function(
                "() => !/Initi/i.test(document.querySelector('.md-search-result__meta')"
                ".textContent)",
                timeout=120_000,
            )
            page.wait_for_load_state("networkidle")
            found = page.locator(".md-search-result__item").count() > 0
        finally:
            browser.close()
    search = [f for f in _sizes(site, base, fetched) if is_search_file(f["file"])]
    return _sizes(site, base, first_view), search, found


def measure_site(site_dir: Path, query: str = "hemtjänst") -> dict[str, Any]:
    """Page count and largest pages; the home page's first view and the first search in
    Chromium (None for those without Chromium or Playwright)."""
    site = Path(site_dir)
    sizes = page_sizes(site)
    out: dict[str, Any] = {
        "pages": len(sizes),
        "largest": sizes[:5],
        "over_limit": [path for path, size in sizes if size > LIMIT_KB * KB],
        "home": None,
        "index_on_first_view": None,
        "search": None,
        "search_found": None,
    }
    try:
        home, search, found = browse(site, query)
    except (ImportError, OSError) as exc:  # no Playwright or no Chromium here
        print(f"bench_pages: no browser figures ({exc})", file=sys.stderr)
        return out
    out["home"] = home
    out["index_on_first_view"] = any(f["file"].endswith("search_index.json") for f in home)
    out["search"] = search
    out["search_found"] = found
    return out


def total(files: Sequence[dict[str, Any]] | None, key: str) -> int:
    return sum(f[key] for f in files or ())


def kb(size: int) -> str:
    return f"{size / KB:,.1f}".replace(",", "\u202f")


def markdown(figures: dict[str, Any]) -> str:
    """One site's figures as a Markdown table (and the files behind the totals)."""
    lines = ["| what | raw | gzip |", "|---|---:|---:|"]
    lines.append(f"| HTML pages | {thousands(figures['pages'])} | |")
    for path, size in figures["largest"]:
        lines.append(f"| `{path}` | {kb(size)} KB | |")
    over = figures["over_limit"]
    lines.append(f"| pages over {LIMIT_KB} KB | {len(over)} | |")
    if figures["home"] is not None:
        home = figures["home"]
        lines.append(
            f"| home page, first view ({len(home)} files) | {kb(total(home, 'raw'))} KB "
            f"| **{kb(total(home, 'gzip'))} KB** |"
        )
        for f in home:
            lines.append(f"| &nbsp;&nbsp;`{f['file']}` | {kb(f['raw'])} KB | {kb(f['gzip'])} KB |")
        lines.append(
            f"| the first view loads the search index | {figures['index_on_first_view']} | |"
        )
    if figures["search"] is not None:
        search = figures["search"]
        lines.append(
            f"| first search ({len(search)} files) | {kb(total(search, 'raw'))} KB "
            f"| **{kb(total(search, 'gzip'))} KB** |"
        )
        for f in search:
            lines.append(f"| &nbsp;&nbsp;`{f['file']}` | {kb(f['raw'])} KB | {kb(f['gzip'])} KB |")
        lines.append(f"| the search found something | {figures['search_found']} | |")
    return "\n".join(lines)


def markdown_rows(rows: Sequence[tuple[int, dict[str, Any]]]) -> list[str]:
    """One line per size, for bench/bench_scale.py: (ideas, figures of measure_site)."""
    out = [
        "| ideas | HTML pages | largest page | over 300 KB | home page, first view (gzip) "
        "| first search (gzip) | of which the index |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    for ideas, f in rows:
        path, size = f["largest"][0] if f["largest"] else ("–", 0)
        home = f"{kb(total(f['home'], 'gzip'))} KB" if f["home"] is not None else "–"
        search = f"{kb(total(f['search'], 'gzip'))} KB" if f["search"] is not None else "–"
        index = [s for s in f["search"] or () if s["file"].endswith("search_index.json")]
        out.append(
            f"| {thousands(ideas)} | {thousands(f['pages'])} | {kb(size)} KB (`{path}`) "
            f"| {len(f['over_limit'])} | {home} | {search} "
            f"| {kb(total(index, 'gzip')) + ' KB' if index else '–'} |"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder (site/)")
    parser.add_argument("--query", default="hemtjänst", help="what to search for")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args()
    figures = measure_site(args.site, args.query)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        print(markdown(figures))


if __name__ == "__main__":
    main()
