"""The search index: Pagefind over the finished, sanitised site.

It runs after the builder and the sanitiser, on the HTML whichever builder made, and
writes Pagefind's files to `pagefind/` in the site. What it indexes
(sluss.outputs.search): the items from the model, the overview pages by title and
lead, and the hand-written pages (and the generated reference pages) by the text of
their content as built. The lists are not indexed; their items are.

Pagefind (the `pagefind` package with its binary, pinned in pyproject.toml) is a static
index split into small files: a search loads only the parts for the words searched.
"""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sluss.build.sanitize import content_span
from sluss.core.config import Config
from sluss.outputs.search import (
    FULL_PAGES,
    SearchDocument,
    expand,
    item_documents,
    page_document,
    page_documents,
)
from sluss.site.entry import GENERATED, page_url
from sluss.site.portal import Portal

BUNDLE = "pagefind"  # the index's folder in the site
PAGEFIND = (sys.executable, "-m", "pagefind")  # the program, from the pagefind-bin wheel
# Pages that are not content: the web editor's shell and the 404 page.
_NOT_CONTENT = ("admin/", "404.html")
# What Pagefind writes that the portal's own search does not use (its ready-made UIs).
_UNUSED = (
    *("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*"),
    *("pagefind-highlight.js", "wasm.unknown.pagefind"),
)


@dataclass(frozen=True)
class Search:
    """What the index is made of besides the built pages."""

    documents: list[SearchDocument]  # the items and overview pages, from the model
    config: Config  # keywords and synonyms

    @classmethod
    def of(cls, portal: Portal) -> Search:
        return cls(item_documents(portal) + page_documents(), portal.config)


class SearchIndexFailed(Exception):
    """Pagefind could not be run or refused the documents."""


def index_site(site: Path, search: Search, lead: str = "") -> int:
    """Write the index of `site` into `site/pagefind/`; the number of pages indexed."""
    return write_index(site / BUNDLE, search.documents + built_documents(site, lead), search)


def index_preview(root: Path, search: Search, serving: bool = False) -> None:
    """The local preview's index, in docs/pagefind/ (git-ignored), which the preview
    server serves as it is: the items and overview pages only, since the preview has
    no finished site to read the hand-written pages from. While `serving`, no file is
    removed: the server may be copying the folder (each new file replaces its old
    name in one step; Pagefind names its index files by their content)."""
    write_index(root / "docs" / BUNDLE, list(search.documents), search, whole=not serving)


def write_index(
    target: Path, documents: list[SearchDocument], search: Search, whole: bool = True
) -> int:
    """Pagefind's files for `documents` in `target` (replacing the folder `whole`, or
    file by file); how many pages."""
    expand(documents, search.config)
    with tempfile.TemporaryDirectory(prefix="sluss-search-") as folder:
        pages = Path(folder) / "pages"
        for doc in documents:
            path = pages / doc.url / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(doc.html(), encoding="utf-8")
        out = Path(folder) / BUNDLE
        _pagefind(pages, out)
        for pattern in _UNUSED:
            for path in out.glob(pattern):
                path.unlink()
        if whole:
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(out, target)
        else:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    dest = target / path.relative_to(out)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(shutil.copy2(path, dest.with_name(dest.name + ".new")), dest)
    return len(documents)


# Pagefind 1.5.2 loads every chunk of its word index for a search by filters alone
# (3.6 MB at 10 000 ideas, for "Sök och filtrera" opened from the Idébank), though it
# needs none of them; fixed upstream (Pagefind PR #1317), not yet released. The same
# fix in its scripts (the page's and its worker's, which searches), until a release that
# has it: with other scripts, nothing changes.
_UNNEEDED_CHUNKS = (
    "let index_resp=this.backend.request_indexes(ptr,term);",
    'let index_resp=filter_only?"[]":this.backend.request_indexes(ptr,term);',
)


def _fix_filter_only(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    old, new = _UNNEEDED_CHUNKS
    if text.count(old) == 1:
        script.write_text(text.replace(old, new), encoding="utf-8")


def _pagefind(pages: Path, out: Path) -> None:
    """Pagefind's own program over a folder of the documents. (Its Python API answers
    one call per tenth of a second: ten thousand pages would take a quarter of an hour.)"""
    command = [*PAGEFIND, "--site", str(pages), "--output-path", str(out)]
    command += ["--force-language", "sv", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(str(exc)) from exc
    if done.returncode != 0 or not (out / "pagefind.js").is_file():
        raise SearchIndexFailed((done.stderr or done.stdout).strip()[-2000:] or "inget index")
    for script in ("pagefind.js", "pagefind-worker.js"):
        _fix_filter_only(out / script)


def built_documents(site: Path, lead: str = "") -> list[SearchDocument]:
    """The hand-written pages and the generated reference pages, from their built HTML."""
    full = {page_url("", p) for p in FULL_PAGES}
    out = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        url = relative.removesuffix("index.html")
        generated = relative.startswith(GENERATED + "/")
        if (generated and url not in full) or relative.startswith(_NOT_CONTENT):
            continue
        if relative.startswith(BUNDLE + "/"):
            continue
        page = path.read_text(encoding="utf-8")
        span = content_span(page, lead)
        if span is None:
            continue
        title, text = page_text(page[span[0] : span[1]])
        if title:
            out.append(page_document(url, title, text))
    return out


def page_text(fragment: str) -> tuple[str, str]:
    """The first heading and the words of a page's content (its permalinks and edit
    buttons left out)."""
    reader = _TextReader()
    reader.feed(fragment)
    reader.close()
    title = " ".join(reader.title)
    text = " ".join(" ".join(reader.text).split())
    return title, text.removeprefix(title).strip()


class _TextReader(html.parser.HTMLParser):
    _SKIP = ("headerlink", "md-content__button")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.title: list[str] = []
        self._skipping = 0  # depth inside an element left out
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._skipping or any(c in self._SKIP for c in classes):
            self._skipping += tag not in _VOID
        elif tag == "h1" and not self.title:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            self._skipping -= 1
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self.text.append(data)
        if self._in_h1:
            self.title.append(data.strip())


_VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "col", "area", "source"}
