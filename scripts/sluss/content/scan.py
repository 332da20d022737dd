"""Text scans over a whole file: identity numbers, code-running HTML, personal data.

Every pattern here is linear (no nested quantifiers), so a hostile file of a
megabyte is scanned in milliseconds. A pattern that does not start with a fixed
text is tried at every character, some microseconds a file: so a scan first looks
for a text its pattern cannot match without (`in`, and a pattern starting with a
fixed text, are fast searches), and most files skip most patterns.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Iterable, Iterator

from sluss.content.load import Item
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.text import fenced_lines, may_hold_fence

# YYMMDD or YYYYMMDD, an optional - or +, then four digits; not inside a longer number.
# The first digit comes first so that the search skips non-digits fast; the look-behind
# after it says that digit does not continue a longer number.
_PERSONAL_NUMBER = re.compile(r"(\d(?<![\d-]\d)\d{5}(?:\d\d)?)[-+]?(\d{4})(?!\d)")


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


class _Where:
    """Line and column of offsets into one text, found in O(log n) each.

    Counting newlines from the start for each finding made a file with many findings
    quadratic (seconds for a megabyte of addresses).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []  # made at the first finding: most files have none

    def __call__(self, offset: int) -> tuple[int, int]:
        if not self.starts:
            self.starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def personal_numbers(item: Item) -> Iterator[Diagnostic]:
    where = _Where(item.text)
    for m in _PERSONAL_NUMBER.finditer(item.text):
        digits = m.group(1)
        century, yymmdd = (digits[:2], digits[2:]) if len(digits) == 8 else (None, digits)
        kind = personal_number_kind(century, yymmdd, m.group(2))
        if kind:
            yield diag(item.path, *where(m.start()), "personal-number", kind=kind)


# --- HTML and URLs that can run code ------------------------------------------

# Each pattern has at most one unbounded run per starting point: no `\s*\s*`, which
# backtracks quadratically over a long run of spaces. Closing tags are harmless.
_DANGEROUS_TAG = re.compile(
    r"<\s*(script|style|iframe|frame|frameset|object|embed|applet|form|base|meta|link"
    r"|svg|math|template)\b",
    re.IGNORECASE,
)
# An attribute starts after a space, a slash or a closing quote (`<img/onerror=…>`,
# `<img src="x"onerror=…>` both run in a browser); a quoted value may hold a `>`.
_EVENT_HANDLER = re.compile(
    r"<[a-zA-Z](?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(?<=[\s/\"'])(on[a-zA-Z]+)\s*=", re.IGNORECASE
)
_DANGEROUS_URL = re.compile(
    r"(?:\]\(|\]:|<|(?:href|src|action|formaction|poster|background)\s*=)\s*(?:[<\"']\s*)?"
    r"((?:javascript|vbscript|data|file)\s*:)",
    re.IGNORECASE,
)
# A cheap test first: case-insensitive patterns cannot skip ahead, this one can.
_SCHEME = re.compile(r"(?:javascript|vbscript|data|file)\s*:")
# Where an address starts: a Markdown link or definition, an autolink, an attribute (in
# HTML or in an attribute list). The address itself is read by `_address`, decoded as a
# browser decodes it: `jav&#x61;script:` and `java&#9;script:` are javascript:.
_URL_START = re.compile(
    r"(?:\]\(|\]:|<|\b(?:href|src|srcset|action|formaction|poster|background|data"
    r"|xlink:href)\s*=)\s*(?:[<\"']\s*)?",
    re.IGNORECASE,
)
_DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
# An image or media address: `![…](…)`, `src=`, `srcset=`, `poster=`, `data=`.
_MEDIA_START = re.compile(
    r"(?:!\[[^\]\n]{0,1000}\]\(|\b(?:src|srcset|poster|data|background)\s*=)\s*"
    r"(?:[<\"']\s*)?",
    re.IGNORECASE,
)
# An image by reference, `![alt][ref]` or `![ref]`, and the definitions of references.
_IMAGE_REF = re.compile(r"!\[([^\]\n]{0,1000})\](?:\[([^\]\n]{0,1000})\])?")
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]{1,1000})\]:[ \t]*<?", re.MULTILINE)
# A remote address after decoding: a scheme, or a host (`//host`, `\\host`)
# (any scheme: `https:host` asks a host too, and `data:` is no image of the site's).
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})")
_ADDRESS = re.compile(r"[^\"'<>)]{0,200}")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
# An attribute list (attr_list): `{…}` or `{:…}` on one line, after a heading, a block,
# a link or an image. A key starting with `on` is an event handler.
_ATTRIBUTE_HANDLER = re.compile(r"(?<![\w.:-])(on[a-zA-Z]+)[ \t]*=")


def _address(text: str, m: re.Match[str]) -> str:
    """The address after `m` as a browser reads it: entities decoded, tabs and line ends
    dropped, lower case; at most the first 200 characters. In quotes it runs to the
    closing quote (a browser drops a line end inside), else to the first space."""
    raw = _ADDRESS.match(text, m.end())
    value = raw.group(0) if raw else ""
    if '"' not in m.group(0) and "'" not in m.group(0):
        value = value.lstrip().split(None, 1)[0] if value.strip() else ""
    value = html.unescape(value).strip(_C0_AND_SPACE).translate(_TAB_OR_NEWLINE)
    return value.split(" ", 1)[0].lower()


def _attribute_lists(body: str) -> Iterator[tuple[int, str]]:
    """Event handlers in attribute lists: (offset, `onfocus=`)."""
    offset = 0
    for line in body.split("\n"):
        first = line.find("{")
        if first >= 0:
            last = line.rfind("}")
            for m in _ATTRIBUTE_HANDLER.finditer(line, first, max(last, first)):
                yield offset + m.start(1), m.group(1).lower() + "="
        offset += len(line) + 1


def _mask_code_blocks(body: str) -> str:
    """Blank out fenced code blocks (they are shown as text), keeping offsets."""
    lines = body.split("\n")
    for k in fenced_lines(lines):
        lines[k] = " " * len(lines[k])
    return "\n".join(lines)


def _front_attribute_lists(front: str) -> Iterator[tuple[int, str, str]]:
    if "{" in front:
        for start, what in _attribute_lists(front):
            yield start, "dangerous-attribute", what


def _remote_media(body: str) -> Iterator[tuple[int, str, str]]:
    """Images and media from another host: every visitor's browser would ask it."""
    if "src" not in body.lower() and "![" not in body and "=" not in body:
        return
    for m in _MEDIA_START.finditer(body):
        address = _address(body, m)
        if _REMOTE.match(address):
            yield m.end(), "remote-resource", address[:80]
    labels = {(m.group(2) or m.group(1)).lower() for m in _IMAGE_REF.finditer(body)} - {""}
    for m in _DEFINITION.finditer(body) if labels else ():
        if m.group(1).lower() in labels:
            address = _address(body, m)
            if _REMOTE.match(address):
                yield m.end(), "remote-resource", address[:80]


_SNIPPET = re.compile(r"^[ \t]*;?-{2,}8<-{2,}[^\n]*", re.MULTILINE)


def dangerous_markup(item: Item) -> Iterator[Diagnostic]:
    body = item.body
    if may_hold_fence(body):
        body = _mask_code_blocks(body)
    offset = len(item.text) - len(item.body)  # the body is the file's tail
    found: list[tuple[int, str, str]] = []
    if "<" in body:  # both patterns start with one
        for m in _DANGEROUS_TAG.finditer(body):
            found.append((m.start(), "dangerous-html", f"<{m.group(1).lower()}>"))
        for m in _EVENT_HANDLER.finditer(body):
            found.append((m.start(1), "dangerous-html", f"{m.group(1).lower()}="))
    if "{" in body:
        for start, what in _attribute_lists(body):
            found.append((start, "dangerous-attribute", what))
    # A link or an attribute needs one of these before its address.
    link = "<" in body or "=" in body or "](" in body or "]:" in body
    for m in _DANGEROUS_URL.finditer(body) if link and _SCHEME.search(body.lower()) else ():
        found.append((m.start(1), "dangerous-url", m.group(1).lower().replace(" ", "")))
    for m in _URL_START.finditer(body) if link and (":" in body or "&" in body) else ():
        address = _address(body, m)
        if address.startswith(_DANGEROUS_SCHEMES):
            found.append((m.end(), "dangerous-url", address.split(":", 1)[0] + ":"))
    found.extend(_remote_media(body))
    # A snippet marker would pull another file of docs/ into the page at build time.
    for m in _SNIPPET.finditer(body) if "8<" in body else ():
        found.append((m.start(), "snippet-include", m.group(0).strip()))
    # In the front matter, a field rendered as Markdown (one escaped, but refused anyway).
    front = item.source
    head = [(item.front[0] + a, c, w) for a, c, w in _front_attribute_lists(front)]
    where = _Where(item.text)
    for start, code, what in sorted(head):
        yield diag(item.path, *where(start), code, found=what)
    for start, code, what in sorted(set(found)):
        yield diag(item.path, *where(offset + start), code, found=what)


# --- Personal contact details outside contact blocks ------------------------------

# An address is found at its @ and its local part read backwards: a regex starting
# with the local part backtracks over every long word of the text.
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_PERSONAL_LOCAL = re.compile(r"^[a-zåäöéü]{2,}[._-][a-zåäöéü]{2,}(?:[._-][a-zåäöéü]+)?$", re.I)
_MOBILE = re.compile(r"(?:\+46[ -]?7\d|07\d)[ -]?\d{3}[ -]?\d{2}[ -]?\d{2}(?!\d)")
_MOBILE_START = re.compile(r"07\d")  # starts with a fixed text: found by a fast search


def _contact_values(data: object, key: str) -> set[str]:
    """Every `contact.<key>` value anywhere in the front matter."""
    found: set[str] = set()
    if isinstance(data, dict):
        contact = data.get("contact")
        if isinstance(contact, dict) and isinstance(contact.get(key), str):
            found.add(contact[key].lower())
        values: Iterable[object] = data.values()
    elif isinstance(data, list):
        values = data
    else:
        return found
    for value in values:
        if isinstance(value, dict | list):  # only these can hold a contact block
            found |= _contact_values(value, key)
    return found


def personal_contacts(item: Item, function_mailboxes: frozenset[str]) -> Iterator[Diagnostic]:
    text, where = item.text, _Where(item.text)
    allowed_mail: set[str] | None = None  # the contact blocks are read at the first address
    for m in _EMAIL_DOMAIN.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in _EMAIL_LOCAL:
            start -= 1
        address = text[start : m.end()].lower()
        if allowed_mail is None:
            allowed_mail = _contact_values(item.data, "email") | function_mailboxes
        if address in allowed_mail or not _PERSONAL_LOCAL.match(address.split("@")[0]):
            continue
        yield diag(item.path, *where(start), "personal-email", value=address)
    if "+46" not in text and not _MOBILE_START.search(text):  # dates hold 07 often
        return
    allowed_phone: set[str] | None = None
    for m in _MOBILE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "0123456789+":
            continue  # part of a longer number
        if allowed_phone is None:
            allowed_phone = {re.sub(r"\D", "", p) for p in _contact_values(item.data, "phone")}
        if re.sub(r"\D", "", m.group(0)) in allowed_phone:
            continue
        yield diag(item.path, *where(m.start()), "personal-phone", value=m.group(0))


_MARKUP = re.compile(r"(<[a-zA-Z/!][^<>]*>|\*\*|__|\]\(|`|^#+\s)")


def summary_markup(item: Item) -> Iterator[Diagnostic]:
    summary = item.data.get("summary")
    if isinstance(summary, str):
        m = _MARKUP.search(summary)
        if m:
            pos = item.pos(("summary",))
            yield diag(item.path, pos.line, pos.column, "summary-markup", found=m.group(0))
