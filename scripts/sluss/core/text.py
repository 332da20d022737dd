"""Text rules shared by every layer: the time zone, identifiers, Swedish order, code fences.

Each rule is written once here; the checker, the JSON Schemas, the editor and the pages
all ask this module, so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def today_in_sweden(now: dt.datetime | None = None) -> dt.date:
    """Today's date where the portal is: what `sluss check`, `new` and `intake` call
    today, whatever the machine's own time zone (a CI runner's is often UTC)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(STOCKHOLM).date()


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TAG_LETTERS = "a-z0-9åäöéü"  # a character class: what a tag's words are made of
TAG_PATTERN = rf"^[{TAG_LETTERS}]+(-[{TAG_LETTERS}]+)*$"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
SPDX_PATTERN = (
    r"^(CC-BY(-SA|-ND|-NC|-NC-SA|-NC-ND)?-(2\.0|3\.0|4\.0)|CC0-1\.0|MIT|Apache-2\.0|"
    r"EUPL-1\.[12]|(GPL|LGPL|AGPL)-[23]\.0(-only|-or-later)?|MPL-2\.0|BSD-[23]-Clause|"
    r"ODbL-1\.0|ODC-By-1\.0|PDDL-1\.0|LicenseRef-[A-Za-z0-9.-]+)$"
)
CODE_PATTERN = r"^[0-9]{4}$"  # an SCB municipality code: four ASCII digits
SLUG = re.compile(SLUG_PATTERN)
TAG = re.compile(TAG_PATTERN)
EMAIL = re.compile(EMAIL_PATTERN)
SPDX = re.compile(SPDX_PATTERN)
CODE = re.compile(CODE_PATTERN)

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "ae", "ø": "o"})
_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "u"})


def slugify(name: str) -> str:
    """The file name a contributor probably meant: `Förslag-Idé` → `forslag-ide`."""
    name = re.sub(r"[^a-z0-9]+", "-", name.lower().translate(_ASCII))
    return name.strip("-") or "namn"


def sv_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (å, ä, ö after z)."""
    return text.casefold().translate(_SV_ORDER)


# A fence as Python-Markdown's superfences reads it: ``` or ~~~ (or longer), an optional
# language, nothing else; it closes at the same indentation with exactly the same fence.
FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*(?:\.?[\w#.+-]+)?[ \t]*$")
# Any other line that may open a fence (in a quote, indented, with options).
_FENCE_LIKE = re.compile(r"^[ >]*(`{3,}|~{3,})")


def fenced_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines of fenced code blocks (fences included), as the site shows
    them; the one fence rule of the project.

    One pass over the lines, as superfences makes it: a fence opens a block, the same
    fence at the same indentation closes it, a line indented less abandons it (and opens
    nothing itself). A block never closed is no code block, nor is one in a paragraph
    with a line indented 4 or more (superfences puts it back as text when that paragraph,
    or one inside an HTML block, is an indented code block). After a fence-like line
    this does not read the way superfences does, no later line counts as code: reading
    too much as text is safe (it is scanned, its headings shifted), hiding text is not.
    """
    found: set[int] = set()
    block: tuple[int, str, re.Pattern[str], bool] | None = None  # first, indent, end, kept
    indented = False  # a line of the paragraph so far is indented 4 or more

    def note(line: str) -> None:
        nonlocal indented
        indented = bool(line.strip()) and (indented or line.startswith("    "))

    for j, raw in enumerate(lines):
        line = raw.expandtabs(4)  # as Python-Markdown does before any extension runs
        if block is None:
            note(line)
            opening = FENCE_OPEN.match(line)
            if opening:
                indent, fence = opening.groups()
                end = re.compile(re.escape(indent + fence) + r"[ \t]*$")
                block = (j, indent, end, not indented)
            elif _FENCE_LIKE.match(line):
                break
            continue
        first, indent, end, kept = block
        if end.match(line):
            if kept:
                found.update(range(first, j + 1))
            block = None
        elif line.strip() and not line.startswith(indent):
            for k in range(first + 1, j + 1):  # they were text after all
                note(lines[k].expandtabs(4))
            block = None
    return found


def may_hold_fence(text: str) -> bool:
    """A cheap test first: only a fence opens a code block."""
    return "```" in text or "~~~" in text


# `{` and `}` too: `Titel {: onfocus=… }` would be an attribute list (attr_list).
_MD_ESCAPE = re.compile(r"([\\`*_\[\]|{}])")
# What opens a block at the start of a line: `!!!` an admonition, `???` a details block,
# `#` a heading, `-`, `+` and `1.` lists, `:` a definition, `=` and `-` setext lines,
# `~~~` a fence, `;--8<--` a snippet (`>` and `<` are entities already). Its first
# character is written as an entity, which no block pattern matches.
_BLOCK_START = re.compile(r"^(?:[!?#+=:~;-]|\d+[.)](?= |$))")


def md(text: object) -> str:
    """Plain text made safe inside Markdown: no markup, no HTML, no attribute list, one
    line that starts no block."""
    flat = _MD_ESCAPE.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))
    start = _BLOCK_START.match(flat)
    if start:
        mark = start.end() - 1  # the character that makes it a block
        flat = f"{flat[:mark]}&#{ord(flat[mark])};{flat[mark + 1 :]}"
    return flat
