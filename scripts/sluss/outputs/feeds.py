"""Atom 1.0 feeds (RFC 4287): new ideas, new innovations, status changes.

Built with xml.etree, so every text is escaped; characters XML 1.0 cannot hold
are dropped first. The author is always the portal, never a person (privacy).
Entry ids are the item's page address (plus the change, for status changes),
so they stay the same from build to build. Deterministic: sorted, and the only
dates are the items' own (or `Portal.as_of` for an empty feed).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from sluss.core.model import COLLECTIONS, STATUS_FIELD
from sluss.core.text import STOCKHOLM
from sluss.site.entry import GENERATED, Entry, page_url, site_base
from sluss.site.portal import Portal
from sluss.site.timelines import StatusEvent

FEEDS = f"{GENERATED}/feeds"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LIMIT = 50  # entries per feed: a feed is news, the exports are the archive

ET.register_namespace("", ATOM)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def feeds(
    portal: Portal, site_url: str, status_events: Sequence[StatusEvent] | None = None
) -> dict[str, str]:
    """The three feeds: path under the site root (= under docs/) → Atom XML.

    The status events come from the portal's Git history (or `status_events`, when
    given); without a history, each idea with a `status_date` gives one event (its
    current status, from unknown).
    """
    base = site_base(site_url)
    ideas = sorted(portal.ideas, key=lambda e: (e.get("submitted"), e.id), reverse=True)
    innovations = sorted(portal.innovations, key=lambda e: (e.get("started"), e.id), reverse=True)
    if status_events is None:
        status_events = portal.timelines.status_events()  # None without a Git history
    events = list(status_events) if status_events is not None else front_matter_events(portal)
    events.sort(key=lambda ev: (ev[0], ev[1].collection, ev[1].id, ev[3]), reverse=True)
    name = portal.config.name
    status_date = portal.timelines.status_date
    return {
        f"{FEEDS}/ideer.atom": _feed(
            portal,
            base,
            "ideer",
            f"Nya idéer – {name}",
            "Idéer som lämnats in till slussen, nyaste först.",
            f"{GENERATED}/idebank/index.md",
            [_item(portal, base, e, e.get("submitted"), status_date(e)) for e in ideas],
        ),
        f"{FEEDS}/innovationer.atom": _feed(
            portal,
            base,
            "innovationer",
            f"Nya innovationer – {name}",
            "Innovationer som testats och dokumenterats för återanvändning, nyaste först.",
            f"{GENERATED}/innovationer/index.md",
            [_item(portal, base, e, e.get("started"), e.get("started")) for e in innovations],
        ),
        f"{FEEDS}/statusandringar.atom": _feed(
            portal,
            base,
            "statusandringar",
            f"Statusändringar – {name}",
            "Idéer och innovationer som bytt status eller skede i slussen.",
            f"{GENERATED}/idebank/index.md",
            [_change(portal, base, *event) for event in events],
        ),
    }


def front_matter_events(portal: Portal) -> list[StatusEvent]:
    """Status changes as far as the files tell: each idea's `status_date`."""
    return [
        (i.get("status_date"), i, None, str(i.get("status")))
        for i in portal.ideas
        if isinstance(i.get("status_date"), dt.date)
    ]


# An entry before it becomes XML: id, title, updated, published, link, summary, categories.
_Item = tuple[str, str, dt.date, dt.date | None, str, str, list[tuple[str, str]]]


def _item(portal: Portal, base: str, e: Entry, published: object, updated: object) -> _Item:
    url = page_url(base, e.page)
    first = published if isinstance(published, dt.date) else portal.as_of
    last = updated if isinstance(updated, dt.date) else first
    return (url, e.title, max(first, last), first, url, e.summary, _categories(portal, e))


def _change(portal: Portal, base: str, day: dt.date, e: Entry, old: str | None, new: str) -> _Item:
    vocabulary = _status_vocabulary(e.collection)
    after = portal.label(vocabulary, new)
    title = (
        f"{e.title}: {portal.label(vocabulary, old)} → {after}" if old else f"{e.title}: {after}"
    )
    url = page_url(base, e.page)
    where = portal.short_name(e.get("municipality") or e.get("owner"))
    summary = f"{where}: {after.lower()} sedan {day.isoformat()}. {e.summary}"
    entry_id = f"{url}#status-{day.isoformat()}-{new}"
    return (entry_id, title, day, None, url, summary, _categories(portal, e))


def _status_vocabulary(collection: str) -> str:
    field = COLLECTIONS[collection].field(STATUS_FIELD.get(collection, "status"))
    return (field.vocabulary or "") if field else ""


def _categories(portal: Portal, e: Entry) -> list[tuple[str, str]]:
    out = []
    if e.get("area"):
        out.append((str(e.get("area")), portal.label("area", e.get("area"))))
    place = e.get("municipality") or e.get("owner")
    if place:
        out.append((str(place), portal.short_name(place)))
    return out


def _feed(
    portal: Portal,
    base: str,
    slug: str,
    title: str,
    subtitle: str,
    alternate: str,
    items: list[_Item],
) -> str:
    items = items[:LIMIT]
    self_url = f"{base}{FEEDS}/{slug}.atom"
    root = ET.Element(_a("feed"), {XML_LANG: "sv"})
    _text(root, "id", self_url)
    _text(root, "title", title)
    _text(root, "subtitle", subtitle)
    newest = max((it[2] for it in items), default=portal.as_of)
    _text(root, "updated", _stamp(newest))
    ET.SubElement(root, _a("link"), rel="self", type="application/atom+xml", href=self_url)
    ET.SubElement(
        root, _a("link"), rel="alternate", type="text/html", href=page_url(base, alternate)
    )
    author = ET.SubElement(root, _a("author"))
    _text(author, "name", portal.config.name)
    if base:
        _text(author, "uri", base)
    _text(root, "rights", "CC BY 4.0")
    for entry_id, entry_title, updated, published, link, summary, categories in items:
        entry = ET.SubElement(root, _a("entry"))
        _text(entry, "id", entry_id)
        _text(entry, "title", entry_title)
        _text(entry, "updated", _stamp(updated))
        if published is not None:
            _text(entry, "published", _stamp(published))
        ET.SubElement(entry, _a("link"), rel="alternate", type="text/html", href=link)
        _text(entry, "summary", summary)
        for term, label in categories:
            ET.SubElement(entry, _a("category"), term=_clean(term), label=_clean(label))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _a(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    element = ET.SubElement(parent, _a(tag))
    if tag in ("title", "subtitle", "summary", "rights"):
        element.set("type", "text")
    element.text = _clean(text)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _stamp(day: dt.date) -> str:
    """RFC 3339 with the offset: midnight Swedish time on that day."""
    return dt.datetime.combine(day, dt.time(0), STOCKHOLM).isoformat()
