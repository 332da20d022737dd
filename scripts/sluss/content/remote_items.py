"""Another portal's innovations or challenges, checked item by item before use.

The file is this project's own export (`outputs/open_data.py`, `records()`): a JSON list
with one object per item, keyed by the content model's field names, `id` and `url` first.
Another portal may run an older or changed `sluss`, or be taken over; so every item is
held to the rules its own export keeps, and a few more, with the standard library:

- `id`, `url`, `title` and `summary` are required, of the right type and length;
- no string anywhere may hold HTML, a control or bidi character (the checker's sets,
  `core/kinds.py`) or start with a scheme that runs or embeds (`javascript:`, `data:`);
- every address (`url`, `…_url`, `…_urls`) is http(s);
- ids are slugs; an id or page address used twice drops every item that uses it;
- the page address lies under the portal's own address, and never under this portal's
  (an item that says it is ours is someone else's claim).

A bad item is left out with one Swedish reason; only the fields the pages need are
kept (`kept`), so the Markdown body of another portal is never carried further.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sluss.core.kinds import BIDI_CONTROLS
from sluss.core.text import SLUG

MAX_ITEMS = 5000  # per file; more is not a sluice's export
MAX_DEPTH = 8  # nesting of objects and lists in one item
MAX_TEXT = 20_000  # characters in any string but the body
MAX_BODY = 200_000
LIMITS = {"id": 100, "title": 300, "summary": 2000}
MAX_SHORT = 200  # a tag, an area, a stage or status, a licence

# Control characters but tab and line ends (free text keeps those), the line and
# paragraph separators, a byte-order mark and the bidi controls of core/kinds.py.
_HIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff{BIDI_CONTROLS}]")
_LINE_BREAK = re.compile("[\t\n\r]")
# The start of a tag or comment as a browser reads it (`<script`, `</a`, `<!--`, `<?xml`);
# `a < b` and `<5` are not.
_HTML = re.compile(r"<(/?[A-Za-z]|!|\?)")
# A value that starts with a scheme a browser runs or embeds, in any field (an address
# field must be http(s) anyway). `data:` and the like only right before the address, so
# that a summary may start "Data: fem kommuner".
_ACTIVE_SCHEME = re.compile(r"^\s*((java|vb)script\s*:|(data|file|blob):\S)", re.IGNORECASE)

# The fields kept for the pages, beyond id, url, title and summary: one-line text
# fields, lists of one-line texts, and the licence nested under `reuse`.
_ONE_LINE = ("area", "owner", "stage", "status", "name")  # name: a municipality's
_LISTS = ("tags", "municipalities")


@dataclass(frozen=True)
class RemoteItem:
    """One innovation or challenge of another portal, as its pages may show it."""

    id: str
    title: str
    summary: str
    page_url: str  # the item's page on the other portal
    area: str = ""  # the other portal's area id: its vocabulary may differ from ours
    municipalities: tuple[str, ...] = ()  # ids on the other portal (owner, or those named)
    municipality_names: tuple[str, ...] = ()  # the same, named ("Vara"); an unknown id as is
    tags: tuple[str, ...] = ()
    state: str = ""  # stage of an innovation, status of a challenge
    license: str = ""  # reuse.license of an innovation (SPDX)


def checked_items(
    data: object, file: str, portal_url: str, own_base: str
) -> tuple[list[dict[str, Any]], list[str]]:
    """The good records of a parsed file (reduced to the kept fields) and one reason per
    item left out. Raises ValueError when the file as a whole is no export."""
    if not isinstance(data, list):
        raise ValueError("är ingen lista av poster")
    if len(data) > MAX_ITEMS:
        raise ValueError(f"har fler än {MAX_ITEMS} poster")
    good: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, record in enumerate(data, 1):
        wrong = _record_problem(record, portal_url, own_base)
        if wrong:
            problems.append(f"{file}, post {number}{_named(record)}: {wrong} – posten visas inte")
        else:
            good.append(kept(record))
    return _without_collisions(good, file, problems)


def item_of(record: dict[str, Any], names: dict[str, str] | None = None) -> RemoteItem:
    """A checked record as the pages' dataclass; `names`: municipality id → its name."""
    owner = [record["owner"]] if record.get("owner") else []
    municipalities = tuple(owner + list(record.get("municipalities", [])))
    license_ = record.get("reuse", {}).get("license", "")
    return RemoteItem(
        id=record["id"],
        title=record["title"],
        summary=record["summary"],
        page_url=record["url"],
        area=record.get("area", ""),
        municipalities=municipalities,
        municipality_names=tuple((names or {}).get(m, m) for m in municipalities),
        tags=tuple(record.get("tags", [])),
        state=record.get("stage") or record.get("status", ""),
        license=license_,
    )


def kept(record: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the pages use: no body, no contact, nothing else travels on."""
    out: dict[str, Any] = {k: record[k] for k in ("id", "url", "title", "summary") if k in record}
    out |= {key: record[key] for key in (*_ONE_LINE, *_LISTS) if key in record}
    reuse = record.get("reuse")
    if isinstance(reuse, dict) and isinstance(reuse.get("license"), str):
        out["reuse"] = {"license": reuse["license"]}
    return out


def _named(record: object) -> str:
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return f" («{_HIDDEN.sub('?', record['id'][:60])}»)"
    return ""


def _record_problem(record: object, portal_url: str, own_base: str) -> str:
    """'' if the record may be used, else what is wrong (Swedish)."""
    if not isinstance(record, dict):
        return "är inget objekt"
    return (
        _required_problem(record)
        or _value_problem(record, "", 0)
        or _kept_problem(record)
        or _origin_problem(record["url"], portal_url, own_base)
    )


def _required_problem(record: dict[str, Any]) -> str:
    for key in ("id", "url", "title", "summary"):
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            return f"{key} saknas eller är inte text"
        if key in LIMITS and len(value) > LIMITS[key]:
            return f"{key} är längre än {LIMITS[key]} tecken"
    if not SLUG.fullmatch(record["id"]):
        return "id är inget giltigt id (a–z, 0–9 och bindestreck)"
    if _LINE_BREAK.search(record["title"]):
        return "title är mer än en rad"
    return ""


def _value_problem(value: object, key: str, depth: int) -> str:
    """Walk every value: strings clean, addresses http(s), nesting bounded."""
    if depth > MAX_DEPTH:
        return "är för djupt nästlad"
    if isinstance(value, dict):
        for name, inner in value.items():
            wrong = _value_problem(inner, str(name), depth + 1)
            if wrong:
                return wrong
        return ""
    if isinstance(value, list):
        for inner in value:
            wrong = _value_problem(inner, key, depth + 1)
            if wrong:
                return wrong
        return ""
    if isinstance(value, str):
        return _string_problem(value, key)
    if value is None or isinstance(value, (bool, int, float)):
        return ""
    return f"{key} har en okänd typ"


def _string_problem(text: str, key: str) -> str:
    if len(text) > (MAX_BODY if key == "body" else MAX_TEXT):
        return f"{key} är för lång"
    hidden = _HIDDEN.search(text)
    if hidden:
        return f"{key} innehåller ett osynligt styrtecken (U+{ord(hidden.group()):04X})"
    if key == "body":
        return ""  # Markdown, never kept: it may hold <br> or a < b
    if _HTML.search(text):
        return f"{key} innehåller HTML"
    if _ACTIVE_SCHEME.match(text):
        return f"{key} innehåller en otillåten adress ({text.split(':', 1)[0].strip().lower()}:)"
    if (key == "url" or key.endswith(("_url", "_urls"))) and not _is_web_address(text):
        return f"{key} är ingen http(s)-adress"
    return ""


def _is_web_address(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text


def _kept_problem(record: dict[str, Any]) -> str:
    """The kept fields beyond the required ones: the types and lengths the pages expect."""
    for key in _ONE_LINE:
        value = record.get(key)
        if value is not None and not _short_line(value):
            return f"{key} är inte en rad text (högst {MAX_SHORT} tecken)"
    for key in _LISTS:
        value = record.get(key)
        if value is not None and not (
            isinstance(value, list) and len(value) <= 100 and all(map(_short_line, value))
        ):
            return f"{key} är ingen lista av korta texter"
    reuse = record.get("reuse")
    if reuse is not None and not isinstance(reuse, dict):
        return "reuse är inget objekt"
    if isinstance(reuse, dict) and "license" in reuse and not _short_line(reuse["license"]):
        return "reuse.license är inte en rad text"
    return ""


def _short_line(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_SHORT and not _LINE_BREAK.search(value)


def _origin_problem(url: str, portal_url: str, own_base: str) -> str:
    if own_base and _under(url, own_base):
        return "sidan ligger på den här portalen – en annan sluss kan inte lämna våra poster"
    if not _under(url, portal_url):
        return f"sidans adress ligger inte under {portal_url}"
    return ""


def _under(url: str, base: str) -> bool:
    """Whether `url` is `base` or below it (scheme and host compared without case)."""
    page, root = urllib.parse.urlsplit(url), urllib.parse.urlsplit(base)
    same_site = (page.scheme.lower(), page.netloc.lower()) == (
        root.scheme.lower(),
        root.netloc.lower(),
    )
    folder = root.path if root.path.endswith("/") else root.path + "/"
    return same_site and (page.path + "/").startswith(folder)


def _without_collisions(
    good: list[dict[str, Any]], file: str, problems: list[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """An id or a page address used by two items: neither can be trusted to be the one."""
    ids = Counter(r["id"] for r in good)
    urls = Counter(r["url"] for r in good)
    out = []
    for record in good:
        if ids[record["id"]] > 1:
            problems.append(f"{file}: id «{record['id']}» används av flera poster – ingen visas")
        elif urls[record["url"]] > 1:
            problems.append(
                f"{file}: «{record['id']}» har samma sidadress som en annan post – ingen visas"
            )
        else:
            out.append(record)
    return out, list(dict.fromkeys(problems))  # a repeated id is named once
