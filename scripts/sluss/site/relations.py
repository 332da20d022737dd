"""Links between published items, followed either way.

The model declares each reference field's name seen from its target
(`core.model.RELATIONS`); the reverse edges are computed here once, when the portal
is built, so a page asking for a challenge's ideas or a municipality's adoptions
never scans a collection.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sluss.core.model import RELATIONS, Relation
from sluss.site.entry import Entry
from sluss.site.published import Published

Record = dict[str, Any]  # the mapping that holds a reference: the item's data, an adopter…


def ids_at(data: Record, path: str) -> Iterator[tuple[Record, str]]:
    """Every id at a field path (`challenge`, `partners`, `adopters[].municipality`),
    with the mapping that holds it."""
    head, _, rest = path.partition(".")
    value = data.get(head.removesuffix("[]"))
    if rest:
        for element in value if isinstance(value, list) else ():
            if isinstance(element, dict):
                yield from ids_at(element, rest)
        return
    for one in value if isinstance(value, list) else (value,):
        if one not in (None, "") and not isinstance(one, (list, dict)):
            yield data, str(one)


class Relations:
    """Every declared link of the published items, both ways.

    A link is asked for by its name on the item's own collection: a reference field
    (`challenge` of an idea) or the inverse the model declares for one (`ideas` of a
    challenge). A link written at both ends (`innovation` ↔ `idea`, `related`) gives
    the items named here first, then those naming this item back."""

    def __init__(self, published: Published) -> None:
        self._published = published
        self._forward = {(r.source, r.path): r for r in RELATIONS}
        self._backward = {(r.target, r.inverse): r for r in RELATIONS}
        # (target collection, inverse) → target id → (source, record), in source order
        self._edges: dict[tuple[str, str], dict[str, list[tuple[Entry, Record]]]] = {}
        for relation in RELATIONS:
            self._edges[(relation.target, relation.inverse)] = self._reverse(relation)

    def _reverse(self, relation: Relation) -> dict[str, list[tuple[Entry, Record]]]:
        found: dict[str, list[tuple[Entry, Record]]] = {}
        for entry in self._published.entries[relation.source]:
            for record, target_id in ids_at(entry.data, relation.path):
                edges = found.setdefault(target_id, [])
                # A list naming one id twice is one link; two adopter records are two.
                if not (edges and edges[-1][0] is entry and edges[-1][1] is record):
                    edges.append((entry, record))
        return found

    def linked(self, entry: Entry, name: str) -> list[Entry]:
        """The items linked to `entry` by `name`: named here, then naming it back."""
        forward = self._forward.get((entry.collection, name))
        backward = self._backward.get((entry.collection, name))
        if forward is None and backward is None:
            raise KeyError(f"{entry.collection} has no relation {name!r}")
        named: list[Entry] = []
        if forward is not None:
            targets = (self._published.get(forward.target, i) for _, i in ids_at(entry.data, name))
            named = [t for t in targets if t is not None]
        if backward is None:
            return named
        seen = {id(e) for e in named}
        return [*named, *(e for e in _unique(self._sources(entry, name)) if id(e) not in seen)]

    def one(self, entry: Entry, name: str) -> Entry | None:
        """The first item `linked` gives, if any (the innovation an idea became)."""
        return next(iter(self.linked(entry, name)), None)

    def records(self, entry: Entry, name: str) -> list[tuple[Entry, Record]]:
        """The items naming `entry` by the inverse `name`, each with the mapping that
        names it (a municipality's adoptions: the innovation and its adopter record)."""
        if (entry.collection, name) not in self._backward:
            raise KeyError(f"{entry.collection} has no inverse relation {name!r}")
        return list(self._edges[(entry.collection, name)].get(entry.id, ()))

    def _sources(self, entry: Entry, name: str) -> Iterator[Entry]:
        return (source for source, _ in self._edges[(entry.collection, name)].get(entry.id, ()))


def _unique(entries: Iterable[Entry]) -> list[Entry]:
    seen: set[int] = set()
    out = []
    for entry in entries:
        if id(entry) not in seen:
            seen.add(id(entry))
            out.append(entry)
    return out
