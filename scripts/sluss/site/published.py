"""The published items (drafts gone) and how to look them up by id and label them.

Every part of the portal (relations, catalog, timelines, statistics, tags, similar
items) is computed from this; `Portal` adds those parts on top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sluss.content.load import Item
from sluss.content.repository import Repository
from sluss.core.config import Config
from sluss.core.model import COLLECTIONS, Vocabularies
from sluss.core.text import sv_key
from sluss.site.entry import Entry, page_of


def _title_order(entry: Entry) -> tuple[str, str]:
    return (sv_key(entry.title), entry.id)


class Published:
    """The published entries of each collection in title order, and lookups."""

    def __init__(self, repo: Repository, as_of: dt.date) -> None:
        self.config: Config = repo.config
        self.vocab: Vocabularies = repo.config.vocabularies
        self.as_of = as_of
        self.entries: dict[str, list[Entry]] = {}
        self.index: dict[tuple[str, str], Entry] = {}
        for name in sorted(COLLECTIONS):
            entries = [Entry(i, page_of(name, i.id)) for i in repo.published(name)]
            entries.sort(key=_title_order)
            self.entries[name] = entries
            self.index.update(((name, e.id), e) for e in entries)

    def put(self, item: Item) -> Entry:
        """Put an edited item in place of its older version. Whatever is derived from
        the entries is the caller's to renew (`Portal.replace`)."""
        entry = Entry(item, page_of(item.collection, item.id))
        entries = self.entries[item.collection]
        entries[:] = [e for e in entries if e.id != item.id] + [entry]
        entries.sort(key=_title_order)
        self.index[(item.collection, item.id)] = entry
        return entry

    @property
    def ideas(self) -> list[Entry]:
        return self.entries["ideas"]

    @property
    def innovations(self) -> list[Entry]:
        return self.entries["innovations"]

    def get(self, collection: str, item_id: object) -> Entry | None:
        return self.index.get((collection, str(item_id))) if item_id else None

    def many(self, collection: str, ids: Iterable[object] | None) -> list[Entry]:
        found = (self.get(collection, i) for i in ids or ())
        return [e for e in found if e is not None]

    def label(self, vocabulary: str, value: object, lang: str = "sv") -> str:
        return self.vocab.label(vocabulary, str(value), lang)

    def values(self, vocabulary: str) -> tuple[str, ...]:
        return self.vocab.values(vocabulary)

    def short_name(self, municipality: Entry | str | None) -> str:
        entry = (
            municipality
            if isinstance(municipality, Entry)
            else self.get("municipalities", municipality)
        )
        if entry is None:
            return str(municipality or "")
        return str(entry.get("name") or entry.title)
