"""Links and headings in a Markdown text, read as the site's renderer reads them.

The strict build refuses a relative link to a page or file that does not exist and an
anchor that is not on its page; a heading whose id the theme uses itself (`__config`,
Material's settings) breaks every script on its page. This finds them in a body (or a
generated page) without rendering it; `sluss.build.links` judges them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from sluss.content.load import Item
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.text import fenced_lines, may_hold_fence

# `[text](target)`, `![alt](<target> "title")`; and `[label]: target` at a line's start.
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()<>]+)")
# A definition is the whole line: `[^1]: En fotnot.` is none (no footnotes here).
_DEFINITION = re.compile(
    r"^[ ]{0,3}\[[^\]\n]{1,1000}\]:[ \t]*(<[^>\n]*>|\S+)[ \t]*(?:[\"'(][^\n]*)?$", re.MULTILINE
)
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1|``")
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTR_ID = re.compile(r"\{:?[^}\n]*#([\w-]+)[^}\n]*\}\s*$")
# What the heading shows is its text: tags, link addresses, `*` and backticks go.
_MARKUP = re.compile(r"<[^>]*>|\]\([^)]*\)|[*`\[\]]")
_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")
_HTML_ID = re.compile(r"\sid=[\"']([^\"']+)[\"']")
# Material's own element ids all start so (`__config`, `__drawer`, `__search`, …).
THEME_ID_PREFIX = "__"
# The portal's own, in docs/assets/javascripts/sluss.js (its search box and finder).
PORTAL_IDS = frozenset(
    {"sluss-search-input"}
    | {f"sluss-finder-{part}" for part in ("filters", "input", "notused", "panel", "results")}
)


@dataclass(frozen=True)
class Link:
    offset: int  # into the text
    target: str  # as written, without `<>`


def _code_masked(text: str, spans: bool = True) -> str:
    """The text with fenced code blocks (and code spans) blanked, offsets kept: links and
    headings there are shown as code, not followed."""
    lines = text.split("\n")
    code = fenced_lines(lines) if may_hold_fence(text) else set()
    for k, line in enumerate(lines):
        if k in code:
            lines[k] = " " * len(line)
        elif spans and "`" in line:
            lines[k] = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    return "\n".join(lines)


def links_in(text: str) -> Iterator[Link]:
    """Every Markdown link, image and reference definition, in order."""
    if "](" not in text and "]:" not in text:
        return
    masked = _code_masked(text)
    found = [*_INLINE.finditer(masked), *_DEFINITION.finditer(masked)]
    for m in sorted(found, key=lambda m: m.start(1)):
        yield Link(m.start(1), m.group(1).removeprefix("<").removesuffix(">"))


def heading_ids(text: str) -> Iterator[tuple[int, str]]:
    """(offset, id) of every ATX heading, the id as the site's `toc` makes it (the same
    text twice gets `_1` after the second)."""
    seen: set[str] = set()
    offset = 0
    for line in _code_masked(text, spans=False).split("\n"):  # `kod` in a heading is text
        m = _ATX.match(line)
        if m:
            explicit = _ATTR_ID.search(m.group(2))
            title = _ATTR_ID.sub("", m.group(2)).strip()
            ident = explicit.group(1) if explicit else slugify(_MARKUP.sub("", title))
            yield offset, _unique(ident, seen)
        offset += len(line) + 1


def slugify(text: str) -> str:
    """An id from a heading's text, as Python-Markdown's `toc` makes it (the site's)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _unique(ident: str, seen: set[str]) -> str:
    """`toc`'s way with a repeated id: `x`, `x_1`, `x_2`."""
    while ident in seen or not ident:
        m = _NUMBERED.match(ident)
        ident = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{ident}_1"
    seen.add(ident)
    return ident


def anchors_of(text: str) -> set[str]:
    """The ids a page of this Markdown has: its headings' and those written as HTML."""
    return {ident for _, ident in heading_ids(text)} | set(_HTML_ID.findall(text))


def theme_ids(item: Item) -> Iterator[Diagnostic]:
    """Headings of the body whose id would be one of the theme's own."""
    if THEME_ID_PREFIX not in item.body and "sluss" not in item.body.lower():
        return
    start = len(item.text) - len(item.body)
    for offset, ident in heading_ids(item.body):
        if ident.startswith(THEME_ID_PREFIX) or ident in PORTAL_IDS:
            line = item.text.count("\n", 0, start + offset) + 1
            yield diag(item.path, line, 1, "heading-theme-id", id=ident)
