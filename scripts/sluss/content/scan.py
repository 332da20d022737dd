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
import unicodedata
from collections.abc import Iterator
from typing import Any

from sluss.content.load import Item
from sluss.content.style_scan import fetching_styles

# Webmail domains and phone numbers are core's (sluss.yml's function lists use them too);
# re-exported here for the scans' callers.
from sluss.core.contacts import WEBMAIL_DOMAINS as WEBMAIL_DOMAINS
from sluss.core.contacts import is_mobile as is_mobile
from sluss.core.contacts import phone_digits as phone_digits
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.text import fenced_lines, may_hold_fence

# What may stand between the parts of an identity number or a phone number: hyphens
# of every kind (-, the U+2010–U+2015 dashes, U+2011 the non-breaking one, U+2212 minus),
# a plus (over a hundred years), a dot, a slash, a space, a no-break space.
_SEP = "[-+./ \u00a0\u202f\u2010-\u2015\u2212]"
# YYMMDD or YYYYMMDD (the date's parts perhaps split by one separator, the same each
# time), an optional separator, then four digits; not inside a longer number. The first
# digit comes first so that the search skips non-digits fast; the look-behinds after it
# say that digit does not continue a number (`2025-01-01`'s `01`), though a word and a
# hyphen may come before (`Ärende-121212-1212`). The look-ahead rejects a number that
# goes on (`2025-01-01–2025-12-31`, a date range, is no identity number).
_PERSONAL_NUMBER = re.compile(
    r"(\d(?<!\d\d)(?<!\d[-.,:/]\d)\d(?:\d\d)?)("
    + _SEP
    + r"?)(\d\d)\2(\d\d)"
    + _SEP
    + r"?(\d{4})(?!\d)(?!"
    + _SEP
    + r"\d)"
)
# Characters a browser does not show: a number split by one is still a number.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


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


def _visible(text: str) -> tuple[str, list[int] | None]:
    """The text without invisible characters, and where each kept character stood."""
    # `in` is a fast search, and instant for a character above U+00FF in a text of Latin-1
    # letters only (most texts).
    if not any(ch in text for ch in _INVISIBLE_CHARS):
        return text, None
    kept = [k for k, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[k] for k in kept), kept


def find_personal_numbers(text: str) -> Iterator[tuple[int, str]]:
    """(offset into `text`, kind) of every personnummer and samordningsnummer in it."""
    seen, kept = _visible(text)
    for m in _PERSONAL_NUMBER.finditer(seen):
        digits = m.group(1)
        century, yy = (digits[:2], digits[2:]) if len(digits) == 4 else (None, digits)
        kind = personal_number_kind(century, yy + m.group(3) + m.group(4), m.group(5))
        if kind:
            yield (kept[m.start()] if kept else m.start()), kind


def personal_numbers(item: Item) -> Iterator[Diagnostic]:
    where = _Where(item.text)
    for start, kind in find_personal_numbers(item.text):
        yield diag(item.path, *where(start), "personal-number", kind=kind)


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
        for start, what in fetching_styles(front):
            yield start, "style-resource", what


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
    found.extend((start, "style-resource", what) for start, what in fetching_styles(body))
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


# --- Personal contact details ----------------------------------------------------

# An address is found at its @ (or an @ written as an HTML entity, which a browser shows
# as @) and its local part read backwards: a regex starting with the local part
# backtracks over every long word of the text.
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_EMAIL_ENTITY = re.compile(r"&(?:#0*64|#[xX]0*40|commat);[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_PERSONAL_LOCAL = re.compile(r"^[a-zåäöéü]{2,}[._-][a-zåäöéü]{2,}(?:[._-][a-zåäöéü]+)?$", re.I)
# A Swedish mobile number (07x, +46 7x, 0046 7x, +46 (0)7x, (07x)) and seven more digits,
# each perhaps after one separator: `0701-23 45 67`, `070.123.45.67`, `070/123 45 67`.
_PHONE_SEP = "[- ./\u00a0\u202f\u2010-\u2015\u2212]"
_MOBILE = re.compile(
    r"(?:(?:\+|00)46" + _PHONE_SEP + r"?(?:\(0\)" + _PHONE_SEP + r"?)?7\d|\(07\d\)|07\d)"
    r"(?:" + _PHONE_SEP + r"?\d){7}(?!\d)(?!" + _PHONE_SEP + r"\d)"
)


def contact_blocks(
    data: object, key: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """(key, block) of every `contact:` block anywhere in the front matter."""
    if isinstance(data, dict):
        contact = data.get("contact")
        if isinstance(contact, dict):
            yield (*key, "contact"), contact
        for name, value in data.items():
            if isinstance(value, dict | list):  # only these can hold a contact block
                yield from contact_blocks(value, (*key, name))
    elif isinstance(data, list):
        for k, value in enumerate(data):
            yield from contact_blocks(value, (*key, k))


def _contact_values(data: object, key: str) -> set[str]:
    """Every `contact.<key>` value anywhere in the front matter."""
    return {c[key].lower() for _, c in contact_blocks(data) if isinstance(c.get(key), str)}


def _addresses(text: str) -> Iterator[tuple[int, str]]:
    """(offset, address in lower case) of every e-mail address, encoded @ too."""
    matches = [(m.start(), m.end(), "@") for m in _EMAIL_DOMAIN.finditer(text)]
    if "&" in text and ("&#" in text or "&commat;" in text):
        matches += [(m.start(), m.end(), "&") for m in _EMAIL_ENTITY.finditer(text)]
        matches.sort()
    for at, end, how in matches:
        start = at
        while start > 0 and text[start - 1] in _EMAIL_LOCAL:
            start -= 1
        domain = text[at + 1 : end] if how == "@" else text[text.index(";", at) + 1 : end]
        yield start, f"{text[start:at]}@{domain}".lower()


def _mobile_numbers(text: str) -> Iterator[re.Match[str]]:
    """`_MOBILE` tried only where a `07` or a `46` is (fast searches), not at every
    character: dates hold `07` often, but a file holds few of either."""
    starts: set[int] = set()
    for needle, before in (("07", (0, 1)), ("46", (1, 2))):  # `(07…`, `+46`, `0046`
        at = text.find(needle)
        while at >= 0:
            starts.update(at - k for k in before if at - k >= 0)
            at = text.find(needle, at + 1)
    end = 0
    for start in sorted(starts):
        if start < end or (start > 0 and text[start - 1] in "0123456789+"):
            continue  # inside the number before, or part of a longer number
        m = _MOBILE.match(text, start)
        if m:
            end = m.end()
            yield m


def find_mobile_numbers(text: str) -> Iterator[tuple[int, str]]:
    """(offset into `text`, number as written) of every Swedish mobile number in it."""
    for m in _mobile_numbers(text):
        yield m.start(), m.group(0)


def submitter_details(data: dict[str, Any]) -> dict[str, Any] | None:
    """An idea's `submitter` block, if it holds a name or an address."""
    submitter = data.get("submitter")
    if isinstance(submitter, dict) and (submitter.get("name") or submitter.get("email")):
        return submitter
    return None


def _consented_email(data: dict[str, Any]) -> str | None:
    """The submitter's address, when the submitter agreed to show it: the person's own
    choice, so neither a webmail address nor a personal-looking one is refused."""
    submitter = submitter_details(data)
    email = submitter.get("email") if submitter and submitter.get("public") is True else None
    return email.strip().lower() if isinstance(email, str) else None


def personal_contacts(
    item: Item, function_mailboxes: frozenset[str], function_phones: frozenset[str] = frozenset()
) -> Iterator[Diagnostic]:
    """Webmail and personal-looking addresses, and mobile numbers not a function's
    (`function_phones`, as dialled: `0701234567`)."""
    text, where = item.text, _Where(item.text)
    allowed_mail: set[str] | None = None  # the contact blocks are read at the first address
    consented = _consented_email(item.data) if "submitter" in text else None
    for start, address in _addresses(text):
        local, _, domain = address.partition("@")
        if address == consented:
            continue
        if domain in WEBMAIL_DOMAINS:
            yield diag(item.path, *where(start), "private-email", value=address)
            continue
        if allowed_mail is None:
            allowed_mail = _contact_values(item.data, "email") | function_mailboxes
        if address in allowed_mail or not _PERSONAL_LOCAL.match(local):
            continue
        yield diag(item.path, *where(start), "personal-email", value=address)
    allowed_phone: set[str] | None = None
    for m in _mobile_numbers(text):
        if allowed_phone is None:
            allowed_phone = {phone_digits(p) for p in _contact_values(item.data, "phone")}
            allowed_phone |= function_phones
        if phone_digits(m.group(0)) in allowed_phone:
            continue
        yield diag(item.path, *where(m.start()), "personal-phone", value=m.group(0))


# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what
# follows them on screen: a link text or a file name reads differently from what it is
# ("Trojan Source"). The marks U+200E and U+200F only steer neutral characters such as
# punctuation, and Arabic or Hebrew text needs them, so they pass.
_BIDI_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_OVERRIDE = re.compile(f"[{_BIDI_OVERRIDES}]")


def body_bidi_overrides(item: Item) -> Iterator[Diagnostic]:
    """Each line of the body holding a bidi override, at its first one (code blocks too:
    a disguised command there is the classic case)."""
    body = item.body
    if not any(ch in body for ch in _BIDI_OVERRIDES):  # fast: absent from most texts
        return
    offset, where = len(item.text) - len(body), _Where(item.text)
    m = _BIDI_OVERRIDE.search(body)
    while m:
        name = unicodedata.name(m.group(), "")
        char = f"U+{ord(m.group()):04X} ({name})"
        yield diag(item.path, *where(offset + m.start()), "bidi-in-body", char=char)
        line_end = body.find("\n", m.end())  # the next line's, if any
        m = _BIDI_OVERRIDE.search(body, line_end) if line_end >= 0 else None


_MARKUP = re.compile(r"(<[a-zA-Z/!][^<>]*>|\*\*|__|\]\(|`|^#+\s)")


def summary_markup(item: Item) -> Iterator[Diagnostic]:
    summary = item.data.get("summary")
    if isinstance(summary, str):
        m = _MARKUP.search(summary)
        if m:
            pos = item.pos(("summary",))
            yield diag(item.path, pos.line, pos.column, "summary-markup", found=m.group(0))
