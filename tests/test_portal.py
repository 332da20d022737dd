"""The portal's parts: links declared in the model and followed both ways, and
`Portal.replace` (the preview's quick pass) renewing everything derived from the items."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sluss.content.check import check_repository
from sluss.content.repository import Repository
from sluss.core.model import COLLECTIONS, RELATIONS, Kind, walk_fields
from sluss.site.entry import Entry
from sluss.site.portal import Portal
from sluss.site.relations import ids_at

from support import ROOT, TODAY

AS_OF = dt.date(2026, 11, 18)


@pytest.fixture(scope="module")
def repo() -> Repository:
    return check_repository(ROOT, today=TODAY)


@pytest.fixture(scope="module")
def portal(repo: Repository) -> Portal:
    return Portal(repo, AS_OF, history=None)


def edited(entry: Entry, **changes: Any) -> Any:
    """The entry's item with some front matter changed, as the preview reads it."""
    return dataclasses.replace(entry.item, data={**entry.data, **changes})


def idea(portal: Portal, item_id: str) -> Entry:
    found = portal.get("ideas", item_id)
    assert found is not None, item_id
    return found


# --- relations -------------------------------------------------------------------------


def test_every_reference_field_declares_its_inverse() -> None:
    refs = [
        (c.name, path, f.item if f.kind is Kind.LIST and f.item else f)
        for c in COLLECTIONS.values()
        for path, f in walk_fields(c.fields)
    ]
    refs = [(c, path, f) for c, path, f in refs if f.kind is Kind.REF]
    assert refs and all(f.inverse for _, _, f in refs), [
        (c, p) for c, p, f in refs if not f.inverse
    ]
    assert len(RELATIONS) == len(refs)


def test_inverse_names_are_unambiguous() -> None:
    """One name per link on each collection: an inverse may share its name with a field
    of the target only when that field is the other end of the same link."""
    keys = [(r.target, r.inverse) for r in RELATIONS]
    assert len(keys) == len(set(keys))
    for r in RELATIONS:
        if COLLECTIONS[r.target].field(r.inverse) is not None:
            assert r.paired, r
    paired = {(r.source, r.path) for r in RELATIONS if r.paired}
    assert paired == {("ideas", "innovation"), ("innovations", "idea"), ("ideas", "related")}


@pytest.mark.parametrize("relation", RELATIONS, ids=lambda r: f"{r.source}.{r.path}")
def test_reverse_links_match_the_forward_ones(portal: Portal, relation: Any) -> None:
    forward = {
        (source.id, target_id)
        for source in portal.entries[relation.source]
        for _, target_id in ids_at(source.data, relation.path)
        if portal.get(relation.target, target_id) is not None
    }
    backward = {
        (source.id, target.id)
        for target in portal.entries[relation.target]
        for source, _ in portal.relations.records(target, relation.inverse)
    }
    assert forward, "the sample uses every declared relation"
    assert backward == forward
    for target in portal.entries[relation.target]:
        linked = {e.id for e in portal.relations.linked(target, relation.inverse)}
        assert {s for s, t in forward if t == target.id} <= linked


def test_records_hold_the_naming_mapping(portal: Portal) -> None:
    """A municipality's adoptions come with the adopter record that names it."""
    found = 0
    for municipality in portal.entries["municipalities"]:
        for innovation, adopter in portal.relations.records(municipality, "adoptions"):
            assert adopter in innovation.get("adopters")
            assert adopter["municipality"] == municipality.id
            found += 1
    assert found > 0


def test_a_link_written_at_both_ends_shows_from_either(portal: Portal) -> None:
    pairs = 0
    for innovation in portal.innovations:
        source = portal.get("ideas", innovation.get("idea"))
        if source is not None:
            assert portal.relations.one(source, "innovation") is innovation
            assert source in portal.relations.linked(innovation, "idea")
            pairs += 1
    assert pairs > 0
    for entry in portal.ideas:
        for other in portal.many("ideas", entry.get("related")):
            assert entry in portal.relations.linked(other, "related")


def test_an_unknown_link_is_an_error(portal: Portal) -> None:
    with pytest.raises(KeyError):
        portal.relations.linked(portal.ideas[0], "innovations")


# --- replace: every derived view renewed ---------------------------------------------------


def test_replace_renews_the_similar_items(repo: Repository) -> None:
    portal = Portal(repo, AS_OF, history=None)
    lunches, walking_bus = (
        idea(portal, "klimatsmarta-skolluncher"),
        idea(portal, "gangbuss-till-skolan"),
    )
    assert walking_bus not in [e for e, _ in portal.similar.entries(lunches)]  # index built

    portal.replace(edited(lunches, summary=walking_bus.summary))

    lunches = idea(portal, "klimatsmarta-skolluncher")
    assert walking_bus in [e for e, _ in portal.similar.entries(lunches)]
    assert lunches in [e for e, _ in portal.similar.entries(walking_bus)]


def test_replace_renews_links_tags_and_lists(repo: Repository) -> None:
    portal = Portal(repo, AS_OF, history=None)
    entry = next(i for i in portal.ideas if i.get("challenge"))
    before = portal.get("challenges", entry.get("challenge"))
    after = next(c for c in portal.entries["challenges"] if c is not before)
    assert before is not None and entry in portal.relations.linked(before, "ideas")
    assert "nytt-amne" not in portal.tags.index

    portal.replace(edited(entry, challenge=after.id, tags=[*entry.tags, "nytt-amne"]))

    entry = idea(portal, entry.id)
    assert entry.id not in {i.id for i in portal.relations.linked(before, "ideas")}
    assert entry in portal.relations.linked(after, "ideas")
    assert portal.tags.index["nytt-amne"] == [entry]
    assert portal.tags.page("nytt-amne").endswith("/nytt-amne/index.md")
    municipality = portal.get("municipalities", entry.get("municipality"))
    assert municipality is not None
    assert entry in portal.catalog.ideas_of_municipality(municipality)
