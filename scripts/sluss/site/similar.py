"""The "Liknande" lists of the item pages: ideas and innovations alike one another."""

from __future__ import annotations

from functools import cached_property

from sluss.content.similar import PAGE_THRESHOLD, SimilarityIndex, fields_of, key_of
from sluss.site.entry import Entry
from sluss.site.published import Published
from sluss.site.relations import Relations


class Similar:
    """Similar items across municipalities, from one index of the published ideas and
    innovations, built on first use."""

    def __init__(self, published: Published, relations: Relations) -> None:
        self._p = published
        self._relations = relations

    @cached_property
    def index(self) -> SimilarityIndex:
        entries = [*self._p.ideas, *self._p.innovations]
        return SimilarityIndex(
            (key_of(e.collection, e.id), fields_of(e.data, e.body)) for e in entries
        )

    def entries(
        self, entry: Entry, limit: int = 5, threshold: float = PAGE_THRESHOLD
    ) -> list[tuple[Entry, float]]:
        """Ideas and innovations of any municipality alike `entry`, best first.

        Items the page already links (the idea's innovation, the innovation's idea,
        related ideas) are left out: "Liknande" is for what the reader would not find.
        """
        key = key_of(entry.collection, entry.id)
        if key not in self.index.position:
            return []
        linked = {key_of(e.collection, e.id) for e in self.linked(entry)}
        found = self.index.similar(key, limit + len(linked), threshold)
        out = []
        for other_key, score in found:
            collection, _, item_id = other_key.partition("/")
            other = self._p.get(collection, item_id)
            if other is not None and other_key not in linked:
                out.append((other, score))
        return out[:limit]

    def linked(self, entry: Entry) -> list[Entry]:
        """What the page of an idea or innovation links already."""
        if entry.collection == "ideas":
            innovation = self._relations.one(entry, "innovation")
            return [*self._relations.linked(entry, "related"), *([innovation] if innovation else [])]
        return self._relations.linked(entry, "idea")
