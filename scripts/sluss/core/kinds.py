"""One descriptor per field kind: what the checker's messages, the JSON Schemas, the web
editor, the field reference and new files need to know about a kind.

A kind added to `model.Kind` needs an entry in `KINDS` and a rule in the checker (the
method named after it, `_<value>`); the checker refuses to load without that rule. The
structural kinds (choice, ref, list, object) also have vocabularies, targets, elements or
members; each output builds those parts itself, from the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Any

from sluss.core.model import Kind, Text
from sluss.core.text import CODE_PATTERN, EMAIL_PATTERN, SLUG_PATTERN, SPDX_PATTERN, TAG_PATTERN

# The checker parses addresses and paths (scheme, host, what the path resolves to); the
# editor can only test their text in the browser, with these approximations.
WEB_ADDRESS = r"^https?://\S+\.\S+$"
SECURE_WEB_ADDRESS = r"^https://\S+\.\S+$"
REPOSITORY_PATH = r"^(?!/)(?!.*\.\.)\S+$"
# The schema asks only for the scheme; its `format: uri` stands for the rest.
WEB_SCHEME = "^https?://"
# The editor's pattern for an address field that must use https (`Field.https_only`).
HTTPS_ONLY = (SECURE_WEB_ADDRESS, "En webbadress som börjar med https://")

# Characters a value may not hold, as a regular-expression character class. Bidi
# overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the invisible direction
# marks (U+061C, U+200E, U+200F) make text read differently from how it is stored
# (`gpj.exe` shown as `exe.jpg`); control characters (C0 with CR, LF and NUL, DEL, C1),
# the line and paragraph separators and a byte-order mark split a one-line value into
# lines or vanish on screen. The same set guards the one-line settings of sluss.yml.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
ONE_LINE_REFUSED = "\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff" + BIDI_CONTROLS
TEXT_REFUSED = "\x00" + BIDI_CONTROLS  # free text keeps its line breaks and tabs

_LINE_ENDS = "\t\n\r"


def _expand(char_class: str) -> list[str]:
    """The characters of a character class written as above (`a-z` ranges, no escapes)."""
    chars: list[str] = []
    k = 0
    while k < len(char_class):
        if k + 2 < len(char_class) and char_class[k + 1] == "-":
            chars += map(chr, range(ord(char_class[k]), ord(char_class[k + 2]) + 1))
            k += 3
        else:
            chars.append(char_class[k])
            k += 1
    return chars


def _escaped_class(chars: list[str]) -> str:
    """A class of `chars` written with \\uXXXX escapes and ranges: the same in Python's
    `re` (the checker, the jsonschema tests) and in ECMAScript (editors, browsers)."""
    codes = sorted({ord(c) for c in chars})
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    parts = (f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else "") for a, b in runs)
    return f"[{''.join(parts)}]"


def refused_pattern(refused: str) -> str:
    """A pattern that finds a character of `refused` (a kind's `refused`) in a value, as
    the checker does: line ends after the value do not count (`title: >` ends in one)."""
    chars = _expand(refused)
    anywhere = _escaped_class([c for c in chars if c not in _LINE_ENDS])
    ends = [c for c in chars if c in _LINE_ENDS]
    if not ends:
        return anywhere
    inside = _escaped_class(ends)
    return f"{anywhere}|{inside}(?!{_escaped_class(list(_LINE_ENDS))}*$)"


# No date or time in the portal lies before this: municipal innovation work, ideas,
# decisions and courses are all recent, and a year like 0001 (a slip, or a test of the
# tool) would stretch every time axis – the quarterly chart – over two thousand years.
# 1900 leaves room for any honest date, e.g. when a municipality's work began.
EARLIEST_DATE = dt.date(1900, 1, 1)
# Nor is anything planned more than this many years ahead: a course, a deadline or a
# decision in year 3000 or 9999 is a slip of the keyboard, and would stretch the
# calendars and time axes as far. Fields that must not be in the future at all
# (`Field.not_future`) stop at today instead.
LATEST_YEARS = 50


def latest_date(today: dt.date) -> dt.date:
    """The last date a planned date may be: `LATEST_YEARS` after today (28 February
    for 29 February)."""
    try:
        return today.replace(year=today.year + LATEST_YEARS)
    except ValueError:
        return today.replace(year=today.year + LATEST_YEARS, day=28)


class Limits(Enum):
    """What a field's `min` and `max` bound, as the checker, the schema and the editor
    enforce them."""

    LENGTH = "length"  # characters of the text
    VALUE = "value"  # the number itself


@dataclass(frozen=True)
class KindInfo:
    name: Text  # what a value must be, in the checker's wrong-type message
    syntax: str  # how such a value is written in YAML: that message's example
    schema: Mapping[str, Any]  # JSON Schema of one value (structure added by schema.py)
    widget: Mapping[str, Any]  # the Decap widget and its fixed options
    reference: str  # the field reference's type column
    pattern: tuple[str, str] | None = None  # the editor's pattern and its hint
    limits: Limits | None = None
    # The unit of min/max on the field reference. A tag's length is described there
    # although no limits are enforced for tags.
    unit: str = ""
    sample: object = None  # a valid value for example files (None: the kind has none)
    comment: str = ""  # a line under such a field in a new file
    list_widget: Mapping[str, Any] | None = None  # the editor's widget for a list of these
    # Characters no value of the kind may hold (a regex character class; "" for none).
    refused: str = ""

    @property
    def whole(self) -> bool:
        """Whole numbers only: limits and samples are written as integers."""
        return self.schema.get("type") == "integer"


def _map(**entries: Any) -> Mapping[str, Any]:
    """Read-only: every field of a kind shares its descriptor's mappings."""
    return MappingProxyType(entries)


_TEXT = Text("text", "text")
_ANY = "…"  # no example to give in a message

KINDS: Mapping[Kind, KindInfo] = MappingProxyType(
    {
        Kind.STRING: KindInfo(
            _TEXT,
            '"…"',
            _map(type="string"),
            _map(widget="string"),
            "text på en rad",
            limits=Limits.LENGTH,
            unit=" tecken",
            refused=ONE_LINE_REFUSED,
        ),
        Kind.TEXT: KindInfo(
            _TEXT,
            '"…"',
            _map(type="string"),
            _map(widget="text"),
            "text",
            limits=Limits.LENGTH,
            unit=" tecken",
            refused=TEXT_REFUSED,
        ),
        Kind.INT: KindInfo(
            Text("ett heltal", "a whole number"),
            "3",
            _map(type="integer"),
            _map(widget="number", value_type="int", step=1),
            "heltal",
            limits=Limits.VALUE,
            sample=1,
        ),
        Kind.NUMBER: KindInfo(
            Text("ett tal", "a number"),
            "2.5",
            _map(type="number"),
            _map(widget="number", value_type="float"),
            "tal",
            limits=Limits.VALUE,
            sample=1,
        ),
        Kind.BOOL: KindInfo(
            Text("true eller false", "true or false"),
            "true",
            _map(type="boolean"),
            _map(widget="boolean", default=False),
            "true eller false",
            sample=False,
        ),
        Kind.DATE: KindInfo(
            Text("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
            "2026-03-14",
            _map(type="string", format="date"),
            # `format` fixes what is stored; `time_format: false` makes it a date picker.
            _map(
                widget="datetime", date_format="YYYY-MM-DD", time_format=False, format="YYYY-MM-DD"
            ),
            "datum ÅÅÅÅ-MM-DD",
            sample=dt.date(2026, 3, 14),  # fixed, so the field reference is the same every build
            comment="Datum som ÅÅÅÅ-MM-DD",
        ),
        Kind.DATETIME: KindInfo(
            Text("en tidpunkt (ÅÅÅÅ-MM-DDTtt:mm)", "a date and time"),
            "2027-02-10T09:00",
            _map(type="string", format="date-time"),
            # Stored as 2027-02-10T09:00; the checker reads it as Stockholm time.
            _map(widget="datetime", date_format="YYYY-MM-DD", time_format="HH:mm"),
            "tidpunkt ÅÅÅÅ-MM-DDTtt:mm",
            sample="2027-02-10T09:00",
        ),
        Kind.URL: KindInfo(
            _TEXT,
            "https://www.skovde.se",
            _map(type="string", format="uri", pattern=WEB_SCHEME),
            _map(widget="string"),
            "webbadress",
            pattern=(WEB_ADDRESS, "En webbadress som börjar med https:// eller http://"),
            sample="https://www.skaraborg.se",
            refused=ONE_LINE_REFUSED,
        ),
        Kind.EMAIL: KindInfo(
            _TEXT,
            "innovation@skovde.se",
            _map(type="string", format="email"),
            _map(widget="string"),
            "e-postadress",
            pattern=(EMAIL_PATTERN, "En e-postadress, t.ex. innovation@skovde.se"),
            sample="innovation@skaraborg.se",
            refused=ONE_LINE_REFUSED,
        ),
        Kind.CODE: KindInfo(
            _TEXT,
            _ANY,
            _map(type="string", pattern=CODE_PATTERN),
            _map(widget="string"),
            "kommunkod: fyra siffror inom citattecken",
            pattern=(CODE_PATTERN, "Fyra siffror, t.ex. 1496"),
            refused=ONE_LINE_REFUSED,
        ),
        Kind.LICENSE: KindInfo(
            _TEXT,
            _ANY,
            _map(type="string"),
            _map(widget="string"),
            "licens (SPDX-id)",
            pattern=(SPDX_PATTERN, "Ett SPDX-id, t.ex. CC-BY-4.0"),
            refused=ONE_LINE_REFUSED,
        ),
        Kind.TAG: KindInfo(
            _TEXT,
            _ANY,
            _map(type="string", pattern=TAG_PATTERN),
            _map(widget="string"),
            "ord med små bokstäver",
            unit=" tecken",
            sample="exempel",
            # One line, comma-separated: the quickest way to tag.
            list_widget=_map(widget="list"),
            refused=ONE_LINE_REFUSED,
        ),
        Kind.PATH: KindInfo(
            _TEXT,
            _ANY,
            _map(type="string"),
            _map(widget="string"),
            "sökväg till en fil i förrådet",
            pattern=(REPOSITORY_PATH, "En sökväg i förrådet, t.ex. docs/material/rutin.md"),
            refused=ONE_LINE_REFUSED,
        ),
        Kind.CHOICE: KindInfo(
            _TEXT,
            _ANY,
            _map(type="string"),
            _map(widget="select"),
            "ett av de tillåtna värdena",
            refused=ONE_LINE_REFUSED,
        ),
        Kind.REF: KindInfo(
            _TEXT,
            _ANY,
            _map(type="string", pattern=SLUG_PATTERN),  # an id is a file name
            _map(widget="relation"),
            "id för en post i en annan samling",
            refused=ONE_LINE_REFUSED,
        ),
        Kind.LIST: KindInfo(
            Text("en lista", "a list"),
            _ANY,
            _map(type="array"),
            _map(widget="list"),
            "lista",
        ),
        Kind.OBJECT: KindInfo(
            Text("fält med namn och värde", "fields with names and values"),
            _ANY,
            _map(type="object"),
            _map(widget="object"),
            "underfält (se raderna nedanför)",
        ),
    }
)
