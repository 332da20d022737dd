"""Limits that keep a body within what the site's Markdown renderer builds in time.

Python-Markdown (which every builder of `mkdocs.yml` runs) is quadratic on unclosed
openers: at each `[` or `<` it scans the rest of the paragraph for the closing `]` or
`>`, so a paragraph of 20 000 `[` takes over a minute, and one page of them stops the
build for everyone. Its block parser recurses once per level of nesting (lists in
lists), so 300 levels end in a RecursionError. The checker refuses such a body first,
at the line to change.

Measured with `bench/markdown_limits.py` (2 vCPU AMD EPYC, Python 3.11.7, 2026-12-06),
seconds to render n units in one paragraph with the site's extensions:

    `[`      1 000: 0.16 · 2 000: 0.53 · 5 000: 3.2 · 10 000: 12.9
    `![`     1 000: 0.28 · 2 000: 1.0  · 5 000: 6.7
    `[a](`   1 000: 0.22 · 2 000: 0.84 · 5 000: 5.8
    `<a `    1 000: 0.08 · 2 000: 0.34 · 5 000: 2.1 · 10 000: 8.1
    `*a`     20 000: 0.26 · 50 000: 1.6 · 100 000: 11.7
    nested list levels   100: 0.07 · 200: 0.47 · 300: RecursionError
    nested quote levels  100: 0.03 · 300: 0.64; one line of 100 000 `>`: 2.2

Found beside them, and worst of all: an HTML tag left open (`<a` with no `>`) makes
the parser read the whole rest of the document, so 100 of them before a megabyte of
prose take 18 s.

Linear, and so left to the 1 MB file limit: runs of `<`, `*`, `_`, backticks, `{` and
`&` (100 000 under 0.2 s), one line of 300 000 characters (0.06 s), 900 KB of prose
(0.22 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sluss.content.load import Item
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.text import fenced_lines, may_hold_fence

# Openers in one paragraph (lines between blank lines): 300 `[` or `<` render in under
# 0.02 s, and no paragraph of prose has that many links or tags. `*` and `_` cost less
# each: 5 000 render in 0.05 s.
MAX_BRACKETS_PER_PARAGRAPH = 300
MAX_ANGLES_PER_PARAGRAPH = 300
MAX_EMPHASIS_PER_PARAGRAPH = 5_000
# In the whole body, so that many paragraphs at the limit stay quick too: a megabyte of
# paragraphs of 5 000 `*a` took 16 s, five paragraphs of 300 `![a` 0.5 s.
MAX_BRACKETS_PER_BODY = 1_000
MAX_ANGLES_PER_BODY = 1_000
MAX_EMPHASIS_PER_BODY = 20_000
# HTML tags not closed by a `>` on their line (`<a` and then prose): the HTML parser
# looks for the `>` through the rest of the document, each time. Before a megabyte of
# prose: 1: 0.34 s · 10: 0.99 s · 30: 2.7 s · 100: 18 s (none: 0.24 s).
MAX_UNCLOSED_TAGS_PER_BODY = 10
# Levels of lists and quotes: 300 levels are a RecursionError, 200 take half a second;
# 10 are more than any text needs. HTML blocks whose content is Markdown (`<div
# markdown>`, md_in_html) recurse too: 400 levels are a RecursionError. The same limit.
MAX_NESTING = 10

PER_PARAGRAPH = {
    "[": MAX_BRACKETS_PER_PARAGRAPH,
    "<": MAX_ANGLES_PER_PARAGRAPH,
    "*_": MAX_EMPHASIS_PER_PARAGRAPH,
}
PER_BODY = {
    "[": MAX_BRACKETS_PER_BODY,
    "<": MAX_ANGLES_PER_BODY,
    "*_": MAX_EMPHASIS_PER_BODY,
}

# Where a line's nesting shows: indentation, `>` and list markers at its start.
_PREFIX = re.compile(r"[ \t]*(?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))[ \t]*)*")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
# An HTML block whose content is Markdown (md_in_html), and any closing tag.
_MARKDOWN_BLOCK = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b[^<>]*\bmarkdown\b[^<>]*>")
_CLOSING = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>")
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")


def markdown_limits(item: Item) -> Iterator[Diagnostic]:
    """What in the body is beyond the limits: the first place of each kind, at its line."""
    body = item.body
    lines = body.split("\n")
    code = fenced_lines(lines) if may_hold_fence(body) else set()
    yield from _deep_nesting(item, lines, code)
    yield from _openers(item, lines, code)
    yield from _unclosed_tags(item, lines, code)


def nesting(line: str) -> int:
    """Levels of lists and quotes a line stands in: every `>` and list marker at its
    start, and every four columns of indentation (a tab is four), as Python-Markdown
    counts them."""
    prefix = _PREFIX.match(line)
    head = prefix.group(0) if prefix else ""
    indent = head[: len(head) - len(head.lstrip(" \t"))]
    return len(indent.expandtabs(4)) // 4 + len(_MARKER.findall(head))


def _deep_nesting(item: Item, lines: list[str], code: set[int]) -> Iterator[Diagnostic]:
    blocks: list[str] = []  # the Markdown HTML blocks open, innermost last
    for k, line in enumerate(lines):
        if k in code or not line.strip():
            continue
        if "<" in line:
            _follow_blocks(line, blocks)
        depth = nesting(line) + len(blocks)
        if depth > MAX_NESTING:
            yield _at(item, k, "markdown-nesting", depth=depth, limit=MAX_NESTING)
            return  # one is enough to say what to change


def _follow_blocks(line: str, blocks: list[str]) -> None:
    """Open the line's `<x markdown>` blocks and close those its closing tags end."""
    blocks.extend(name.lower() for name in _MARKDOWN_BLOCK.findall(line))
    for name in _CLOSING.findall(line):
        if name.lower() in blocks:
            del blocks[len(blocks) - 1 - blocks[::-1].index(name.lower())]


def _openers(item: Item, lines: list[str], code: set[int]) -> Iterator[Diagnostic]:
    """Too many openers of one kind in a paragraph, or in the body; the first place."""
    in_body = dict.fromkeys(PER_BODY, 0)
    in_paragraph = dict.fromkeys(PER_PARAGRAPH, 0)
    start = 0
    for k, line in enumerate(lines):
        if k in code or not line.strip():
            in_paragraph = dict.fromkeys(PER_PARAGRAPH, 0)
            start = k + 1
            continue
        for chars, limit in PER_PARAGRAPH.items():
            in_paragraph[chars] += sum(line.count(c) for c in chars)
            if in_paragraph[chars] > limit:
                first = item.body_line + start
                shown = _shown(chars)
                yield _at(item, k, "markdown-openers", chars=shown, limit=limit, first=first)
                return
        for chars, limit in PER_BODY.items():
            in_body[chars] += sum(line.count(c) for c in chars)
            if in_body[chars] > limit:
                yield _at(item, k, "markdown-openers-body", chars=_shown(chars), limit=limit)
                return


def unclosed_tags(line: str) -> int:
    """Tag starts (`<a`, `</`, `<!`) with no `>` after them on the line."""
    if "<" not in line:
        return 0
    return len(_TAG_START.findall(line, line.rfind(">") + 1))


def _unclosed_tags(item: Item, lines: list[str], code: set[int]) -> Iterator[Diagnostic]:
    total = 0
    for k, line in enumerate(lines):
        total += 0 if k in code else unclosed_tags(line)
        if total > MAX_UNCLOSED_TAGS_PER_BODY:
            yield _at(item, k, "markdown-unclosed-tags", limit=MAX_UNCLOSED_TAGS_PER_BODY)
            return


def _shown(chars: str) -> str:
    return " ".join(chars)


def _at(item: Item, k: int, rule: str, **args: object) -> Diagnostic:
    """A diagnostic at line `k` of the body."""
    return diag(item.path, item.body_line + k, 1, rule, **args)
