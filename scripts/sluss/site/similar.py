"""The "Liknande" lists of the item pages: ideas and innovations alike one another."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sluss.content.similar import PAGE_THRESHOLD, SimilarityIndex, fields_of, key_of
from sluss.site.entry import Entry
from sluss.site.portal import Portal

_PAGE_INDEX: WeakKeyDictionary[Portal, SimilarityIndex] = WeakKeyDictionary()


def portal_index(portal: Portal) -> SimilarityIndex:
    """One index of the published ideas and innovations, built once per portal."""
    index = _PAGE_INDEX.get(portal)
    if index is None:
        entries = [*portal.ideas, *portal.innovations]
        index = SimilarityIndex(
            (key_of(e.collection, e.id), fields_of(e.data, e.body)) for e in entries
        )
        _PAGE_INDEX[portal] = index
    return index


def similar_entries(
    portal: Portal, entry: Entry, limit: int = 5, threshold: float = PAGE_THRESHOLD
) -> list[tuple[Entry, float]]:
    """Ideas and innovations of any municipality alike `entry`, best first.

    Items the page already links (the idea's innovation, the innovation's idea,
    related ideas) are left out: "Liknande" is for what the reader would not find.
    """
    index = portal_index(portal)
    key = key_of(entry.collection, entry.id)
    if key not in index.position:
        return []
    linked = {key_of(e.collection, e.id) for e in _linked(portal, entry)}
    found = index.similar(key, limit + len(linked), threshold)
    out = []
    for other_key, score in found:
        collection, _, item_id = other_key.partition("/")
        other = portal.get(collection, item_id)
        if other is not None and other_key not in linked:
            out.append((other, score))
    return out[:limit]


def _linked(portal: Portal, entry: Entry) -> list[Entry]:
    if entry.collection == "ideas":
        innovation = portal.innovation_of_idea(entry)
        return [*portal.related_ideas(entry), *([innovation] if innovation else [])]
    idea = portal.get("ideas", entry.get("idea"))
    backs = portal.with_value("ideas", "innovation", entry.id)
    return [*([idea] if idea else []), *backs]
