"""The preview's banner: while a content file has an error, every page the preview
serves says so at its top – the file, the line and the message – until it is fixed.

The full regeneration (a process of its own) writes the errors to a small JSON file;
the preview server reads it for every HTML page it serves and puts the banner right
after `<body>`, escaped, as an alert (a screen reader reads it out). The pages on disk
never hold it: it is the preview's, not the site's.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sluss.core.diagnostics import ERROR, Diagnostic

SHOWN = 10  # errors listed in the banner; the rest are counted

# White on dark red: 8.6:1, above WCAG's 4.5:1 in light and dark mode alike (the
# colours are set here, so the theme's palette does not change them).
_STYLE = (
    "background:#8b1a1a;color:#fff;padding:.8rem 1.2rem;font-size:.8rem;"
    "line-height:1.5;border-bottom:.2rem solid #000;position:relative;z-index:10"
)


@dataclass(frozen=True)
class Problems:
    """The file that holds the content's errors while there are any."""

    path: Path

    @classmethod
    def fresh(cls) -> Problems:
        handle, name = tempfile.mkstemp(prefix="sluss-serve-", suffix=".json")
        os.close(handle)
        return cls(Path(name))

    def write(self, diagnostics: Iterable[Diagnostic], lang: str) -> None:
        rows = [
            {"path": d.path, "line": d.line, "message": d.message(lang)}
            for d in diagnostics
            if d.level == ERROR
        ]
        # Written beside and renamed: the server never reads half a file.
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path)

    def clear(self) -> None:
        self.write([], "sv")

    def read(self) -> list[dict[str, object]]:
        with contextlib.suppress(OSError, ValueError):
            rows = json.loads(self.path.read_text(encoding="utf-8") or "[]")
            return rows if isinstance(rows, list) else []
        return []

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
        self.path.with_suffix(".tmp").unlink(missing_ok=True)


def banner(rows: list[dict[str, object]], lang: str = "sv") -> str:
    """The banner's HTML ('' without errors); every text from a file is escaped."""
    if not rows:
        return ""
    sv = lang != "en"
    title = (
        "Innehållet har fel – förhandsvisningen visar senaste versionen utan fel."
        if sv
        else "The content has errors – the preview shows the last version without errors."
    )
    line_word = "rad" if sv else "line"
    items = "".join(
        f'<li><code style="color:inherit;background:none">{html.escape(str(r.get("path")))}'
        f"</code>, {line_word} {html.escape(str(r.get('line')))}: "
        f"{html.escape(str(r.get('message')))}</li>"
        for r in rows[:SHOWN]
    )
    rest = len(rows) - SHOWN
    more = ""
    if rest > 0:
        more = (
            f'<p style="margin:0">… {"och" if sv else "and"} {rest} {"till" if sv else "more"}.</p>'
        )
    return (
        f'<div role="alert" class="sluss-forhandsfel" style="{_STYLE}">'
        f'<p style="margin:0;font-weight:700">{html.escape(title)}</p>'
        f'<ul style="margin:.4rem 0 0 1.2rem;padding:0">{items}</ul>{more}</div>'
    )


def with_banner(page: bytes, rows: list[dict[str, object]], lang: str = "sv") -> bytes:
    """The page with the banner right after its `<body …>` tag (unchanged without
    errors, or without a body tag)."""
    text = banner(rows, lang)
    start = page.find(b"<body")
    end = page.find(b">", start) if start >= 0 else -1
    if not text or end < 0:
        return page
    return page[: end + 1] + text.encode("utf-8") + page[end + 1 :]
