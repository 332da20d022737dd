"""The "Liknande i andra regioner" lists: other portals' innovations and challenges alike ours.

The same similarity as the "Liknande" lists (content/similar.py: TF-IDF over Swedish
stems, compounds split), over the fields every portal publishes in its open data:
title, summary and tags. Our own items are reduced to the same fields, so that a
long body here does not dilute a match with a remote item that has none.

One index per collection holds our items and the network's together (one vocabulary,
one IDF), built on first use; a query keeps only remote candidates. Nothing is built
when the network is empty.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from sluss.content.federation import RemotePortal
from sluss.content.remote_items import RemoteItem
from sluss.content.similar import PAGE_THRESHOLD, SimilarityIndex, key_of
from sluss.site.entry import Entry
from sluss.site.published import Published

# The collections that have a "Liknande i andra regioner" section, as the network names them.
COLLECTIONS = ("innovations", "challenges")
LIMIT = 5
# The page threshold of "Liknande". On the labelled pairs reduced to title, summary and tags
# it keeps precision 1.00 (recall 0.82, from 0.97 with bodies; tests/test_similar_elsewhere.py):
# a link to another region's page should never be a wrong one, a missed one costs less.
THRESHOLD = PAGE_THRESHOLD
_REMOTE = "remote:"  # key prefix of the network's items; our keys are `collection/id`
# Characters of an address that could end or break a Markdown link: percent-encoded.
_URL_SAFE = ":/?#[]@!$&'*+,;=%~"


@dataclass(frozen=True)
class RemoteMatch:
    """One item of another portal alike an item of ours."""

    item: RemoteItem
    portal: RemotePortal
    score: float

    @property
    def place(self) -> str:
        """Where it comes from, for a reader: the region, else the portal's name."""
        return self.portal.region or self.portal.name

    @property
    def url(self) -> str:
        """The item's page on its portal, safe inside a Markdown link (no `(`, `)`, space)."""
        return urllib.parse.quote(self.item.page_url, safe=_URL_SAFE)


class SimilarElsewhere:
    """The network's items most alike each innovation and challenge of this portal."""

    def __init__(self, published: Published, network: Iterable[RemotePortal]) -> None:
        self._p = published
        self._network = tuple(network)
        # collection → its index and the texts of our items it was made from, by id
        self._indexes: dict[str, tuple[SimilarityIndex, dict[str, Mapping[str, str]]]] = {}

    def matches(self, entry: Entry, limit: int = LIMIT) -> list[RemoteMatch]:
        """Up to `limit` remote items of `entry`'s kind alike it, best first."""
        if entry.collection not in COLLECTIONS or not self._network:
            return []
        index = self._index_for(entry)
        key = key_of(entry.collection, entry.id)
        if key not in index.position:
            return []
        found = index.similar(key, limit, THRESHOLD, only=lambda k: k.startswith(_REMOTE))
        remote = self._remote[entry.collection]
        return [RemoteMatch(*remote[k], score) for k, score in found]

    @cached_property
    def _remote(self) -> dict[str, dict[str, tuple[RemoteItem, RemotePortal]]]:
        """Per collection, the network's items by their key in the index."""
        return {
            collection: {
                f"{_REMOTE}{portal.id}/{item.id}": (item, portal)
                for portal in self._network
                for item in getattr(portal, collection)
            }
            for collection in COLLECTIONS
        }

    def _index_for(self, entry: Entry) -> SimilarityIndex:
        """The collection's index, made again when `entry` reads otherwise than when it
        was made (the preview's `Portal.replace` put an edited item in its place). An
        edit of the body alone keeps it: at a large network, making it takes seconds."""
        collection = entry.collection
        built = self._indexes.get(collection)
        if built is None or built[1].get(entry.id) != _fields_of(entry):
            built = self._indexes[collection] = self._index_of(collection)
        return built[0]

    def _index_of(
        self, collection: str
    ) -> tuple[SimilarityIndex, dict[str, Mapping[str, str]]]:
        ours = {e.id: _fields_of(e) for e in self._p.entries[collection]}
        docs = [(key_of(collection, item_id), fields) for item_id, fields in ours.items()]
        docs += [
            (key, shared_fields(item.title, item.summary, item.tags))
            for key, (item, _) in self._remote[collection].items()
        ]
        return SimilarityIndex(docs), ours


def _fields_of(entry: Entry) -> Mapping[str, str]:
    return shared_fields(entry.title, entry.summary, entry.get("tags"))


def shared_fields(title: str, summary: str, tags: object) -> Mapping[str, str]:
    """The fields every portal's open data has, as the similarity index reads them."""
    words = " ".join(str(t) for t in tags) if isinstance(tags, (list, tuple)) else ""
    return {"title": title, "summary": summary, "tags": words}
