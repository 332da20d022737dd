"""Text scans over a whole file: identity numbers, code-running HTML, personal data.

Every pattern here is linear (no nested quantifiers), so a hostile file of a
megabyte is scanned in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .diagnostics import Diagnostic, diag
from .load import Item

# YYMMDD or YYYYMMDD, an optional - or +, then four digits; not inside a longer number.
_PERSONAL_NUMBER = re.compile(r"(?<![\d-])(\d{2})?(\d{6})([-+]?)(\d{4})(?!\d)")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def personal_number_kind(century: str | None, yymmdd: str, last4: str) -> str | None:
    """'personnummer', 'samordningsnummer' or None when the digits are not one."""
    if century is not None and century not in ("18", "19", "20"):
        return None
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    kind = "personnummer"
    if day > 60:  # a samordningsnummer adds 60 to the day
        kind, day = "samordningsnummer", day - 60
    yy = int(yymmdd[:2])
    years = [int(century) * 100 + yy] if century else [1900 + yy, 2000 + yy]
    if not any(_is_date(year, month, day) for year in years):
        return None
    return kind if luhn_ok(yymmdd + last4) else None


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def personal_numbers(item: Item) -> Iterator[Diagnostic]:
    for m in _PERSONAL_NUMBER.finditer(item.text):
        kind = personal_number_kind(m.group(1), m.group(2), m.group(4))
        if kind:
            yield diag(item.path, *_line_col(item.text, m.start()), "personal-number", kind=kind)


# --- HTML and URLs that can run code ------------------------------------------

_DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(script|style|iframe|frame|frameset|object|embed|applet|form|base|meta|link"
    r"|svg|math|template)\b",
    re.IGNORECASE,
)
_EVENT_HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-zA-Z]+)\s*=", re.IGNORECASE)
_DANGEROUS_URL = re.compile(
    r"(?:\]\(\s*<?|\]:[ \t]*<?|<|(?:href|src|action|formaction|poster|background)\s*=\s*[\"']?)"
    r"\s*((?:javascript|vbscript|data|file)\s*:)",
    re.IGNORECASE,
)
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


def _mask_code_blocks(body: str) -> str:
    """Blank out fenced code blocks (they are shown as text), keeping offsets."""
    out = body
    starts = [m for m in _FENCE.finditer(body)]
    for opening, closing in zip(starts[::2], starts[1::2], strict=False):
        start, end = opening.start(), closing.end()
        out = out[:start] + re.sub(r"[^\n]", " ", out[start:end]) + out[end:]
    return out


def dangerous_markup(item: Item) -> Iterator[Diagnostic]:
    body = _mask_code_blocks(item.body)
    offset = len(item.text) - len(item.body)  # the body is the file's tail
    found: list[tuple[int, str, str]] = []
    for m in _DANGEROUS_TAG.finditer(body):
        found.append((m.start(), "dangerous-html", f"<{m.group(1).lower()}>"))
    for m in _EVENT_HANDLER.finditer(body):
        found.append((m.start(1), "dangerous-html", f"{m.group(1).lower()}="))
    for m in _DANGEROUS_URL.finditer(body):
        found.append((m.start(1), "dangerous-url", m.group(1).lower().replace(" ", "")))
    for start, code, what in sorted(found):
        yield diag(item.path, *_line_col(item.text, offset + start), code, found=what)


# --- Personal contact details outside contact blocks ------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PERSONAL_LOCAL = re.compile(r"^[a-zåäöéü]{2,}[._-][a-zåäöéü]{2,}(?:[._-][a-zåäöéü]+)?$", re.I)
_MOBILE = re.compile(r"(?<![\d+])(?:\+46[ -]?7\d|07\d)[ -]?\d{3}[ -]?\d{2}[ -]?\d{2}(?!\d)")


def _contact_values(data: object, key: str) -> set[str]:
    """Every `contact.<key>` value anywhere in the front matter."""
    found: set[str] = set()
    if isinstance(data, dict):
        contact = data.get("contact")
        if isinstance(contact, dict) and isinstance(contact.get(key), str):
            found.add(contact[key].lower())
        for value in data.values():
            found |= _contact_values(value, key)
    elif isinstance(data, list):
        for value in data:
            found |= _contact_values(value, key)
    return found


def personal_contacts(item: Item, function_mailboxes: frozenset[str]) -> Iterator[Diagnostic]:
    allowed_mail = _contact_values(item.data, "email") | function_mailboxes
    for m in _EMAIL.finditer(item.text):
        address = m.group(0).lower()
        if address in allowed_mail or not _PERSONAL_LOCAL.match(address.split("@")[0]):
            continue
        yield diag(item.path, *_line_col(item.text, m.start()), "personal-email", value=address)
    allowed_phone = {re.sub(r"\D", "", p) for p in _contact_values(item.data, "phone")}
    for m in _MOBILE.finditer(item.text):
        if re.sub(r"\D", "", m.group(0)) in allowed_phone:
            continue
        yield diag(item.path, *_line_col(item.text, m.start()), "personal-phone", value=m.group(0))


_MARKUP = re.compile(r"(<[a-zA-Z/!][^<>]*>|\*\*|__|\]\(|`|^#+\s)")


def summary_markup(item: Item) -> Iterator[Diagnostic]:
    summary = item.data.get("summary")
    if isinstance(summary, str):
        m = _MARKUP.search(summary)
        if m:
            pos = item.pos(("summary",))
            yield diag(item.path, pos.line, pos.column, "summary-markup", found=m.group(0))
