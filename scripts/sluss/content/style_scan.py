"""`style` attributes that fetch a file or run code: `url(…)`, `@import`, `expression(…)`.

A `style` in raw HTML (`<p style="…">`) or in an attribute list (`{: style="…" }`) is
read as a browser reads it: HTML entities decoded (`&#117;rl(`), CSS escapes decoded
(`u\\72l(`, `\\75rl(`), comments and white space dropped. The sanitiser keeps only
`text-align` of a style (build/sanitize.py), so such a value never reaches a visitor;
the checker refuses it anyway, so that the author learns it is gone, with its line,
instead of finding the picture missing on the site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

# `style=` not inside a longer name (`data-style=` is no style); the value quoted (up
# to 2 000 characters: linear, one run per `style` found) or up to a space, `>` or `}`.
_STYLE = re.compile(
    r"(?<![\w-])style[ \t]*=[ \t]*(?:\"([^\"]{0,2000})\"|'([^']{0,2000})'|([^\s>}]{1,2000}))",
    re.IGNORECASE,
)
_CSS_HEX_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?")
_CSS_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
# What makes CSS fetch a file (url, image-set, @import) or run code (old Internet
# Explorer's expression and behavior, old Firefox's -moz-binding).
_FETCHING = re.compile(
    r"url\(|image-set\(|image\(|cross-fade\(|src\(|@import|expression\(|behavior:|-moz-binding"
)


def _css_char(m: re.Match[str]) -> str:
    code = int(m.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def decoded_css(value: str) -> str:
    """The CSS as a browser reads it, lower case and without white space or comments.
    Runs of backslashes count as one: Markdown turns `\\\\` into `\\` in an attribute
    list, so `u\\\\72l(` may reach the browser as `u\\72l(`."""
    css = re.sub(r"\\{2,}", "\\\\", html.unescape(value))
    css = _CSS_ESCAPE.sub(lambda m: m.group(1), _CSS_HEX_ESCAPE.sub(_css_char, css))
    css = _CSS_COMMENT.sub("", css)
    return "".join(css.split()).lower()


def fetching_styles(body: str) -> Iterator[tuple[int, str]]:
    """(offset of `style`, what it fetches or runs: `url(`) for each such attribute."""
    if "style" not in body.lower():
        return
    for m in _STYLE.finditer(body):
        value = m.group(1) or m.group(2) or m.group(3) or ""
        found = _FETCHING.search(decoded_css(value))
        if found:
            yield m.start(), found.group(0)
