"""The published portal as Python sees it: drafts gone, lookups and derivations.

Templates only lay out. Every grouping, count and derivation a page shows
(is it spread? which support helps in this phase?) is computed here.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .check import Repository, slugify
from .config import Config
from .load import Item
from .model import COLLECTIONS, PHASE_OF_STATUS, VOCABULARIES, Vocabularies

GENERATED = "slussen"  # the git-ignored folder under docs/ that the generator owns

_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "u"})


def sv_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (å, ä, ö after z)."""
    return text.casefold().translate(_SV_ORDER)


@dataclass(frozen=True)
class Entry:
    """One published item and the page it gets on the site."""

    item: Item
    page: str  # path under docs/, e.g. slussen/ideer/digitala-las.md

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def collection(self) -> str:
        return self.item.collection

    @property
    def data(self) -> dict[str, Any]:
        return self.item.data

    @property
    def title(self) -> str:
        return str(self.item.data.get("title", self.item.id))

    @property
    def summary(self) -> str:
        return str(self.item.data.get("summary", ""))

    @property
    def tags(self) -> list[str]:
        return [str(t) for t in self.item.data.get("tags") or []]

    @property
    def body(self) -> str:
        return self.item.body.strip()

    @property
    def body_section(self) -> str:
        """The body one heading level down, to sit under the page's own `##` section."""
        out, fenced = [], False
        for line in self.body.split("\n"):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            out.append("#" + line if not fenced and line.startswith("#") else line)
        return "\n".join(out)

    def get(self, key: str, default: Any = None) -> Any:
        return self.item.data.get(key, default)


def page_of(collection: str, item_id: str) -> str:
    return f"{GENERATED}/{COLLECTIONS[collection].slug_sv}/{item_id}.md"


def relative_link(target: str, here: str) -> str:
    """A link from page `here` to page `target` (both docs-relative .md paths)."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def quarter(day: dt.date) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


class Portal:
    def __init__(self, repo: Repository, as_of: dt.date) -> None:
        self.config: Config = repo.config
        self.vocab: Vocabularies = repo.config.vocabularies
        self.as_of = as_of
        self.entries: dict[str, list[Entry]] = {}
        self.index: dict[tuple[str, str], Entry] = {}
        for name in sorted(COLLECTIONS):
            entries = [Entry(i, page_of(name, i.id)) for i in repo.published(name)]
            entries.sort(key=lambda e: (sv_key(e.title), e.id))
            self.entries[name] = entries
            self.index.update(((name, e.id), e) for e in entries)

    # --- lookups ------------------------------------------------------------------

    def get(self, collection: str, item_id: object) -> Entry | None:
        return self.index.get((collection, str(item_id))) if item_id else None

    def many(self, collection: str, ids: Iterable[object] | None) -> list[Entry]:
        found = (self.get(collection, i) for i in ids or ())
        return [e for e in found if e is not None]

    def with_value(self, collection: str, key: str, value: object) -> list[Entry]:
        return [e for e in self.entries[collection] if e.get(key) == value]

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

    # --- ideas ----------------------------------------------------------------------

    @property
    def ideas(self) -> list[Entry]:
        return self.entries["ideas"]

    def ideas_by(self, key: str, vocabulary: str | None = None) -> dict[str, list[Entry]]:
        """Ideas grouped by a field, in vocabulary order (or by municipality name)."""
        groups: dict[str, list[Entry]] = {}
        order = self.values(vocabulary) if vocabulary else ()
        for value in order:
            groups[value] = []
        for idea in self.ideas:
            groups.setdefault(str(idea.get(key)), []).append(idea)
        if not vocabulary:
            groups = dict(sorted(groups.items(), key=lambda kv: sv_key(self.short_name(kv[0]))))
        return groups

    def ideas_of_municipality(self, municipality_id: str) -> list[Entry]:
        return [
            i
            for i in self.ideas
            if i.get("municipality") == municipality_id
            or municipality_id in (i.get("partners") or [])
        ]

    def ideas_for_challenge(self, challenge_id: str) -> list[Entry]:
        return [i for i in self.ideas if i.get("challenge") == challenge_id]

    def newest_ideas(self, count: int = 5) -> list[Entry]:
        return sorted(self.ideas, key=lambda i: (i.get("submitted"), i.id), reverse=True)[:count]

    def status_date(self, idea: Entry) -> dt.date:
        return idea.get("status_date") or idea.get("submitted")  # type: ignore[no-any-return]

    def assessment_rows(self, idea: Entry) -> list[tuple[str, int]]:
        from .model import ASSESSMENT_CRITERIA, IDEAS

        assessment = idea.get("assessment") or {}
        field = IDEAS.field("assessment")
        assert field is not None
        rows = []
        for criterion in ASSESSMENT_CRITERIA:
            member = field.member(criterion)
            if member is not None and isinstance(assessment.get(criterion), int):
                rows.append((member.label.sv, assessment[criterion]))
        return rows

    def support_for_phase(self, phase: str | None) -> list[Entry]:
        if not phase:
            return []
        return [s for s in self.entries["support"] if phase in (s.get("phases") or [])]

    def support_matrix(self, offer: str, phase: str | None) -> list[Entry]:
        """Support actors giving `offer` (in `phase`, when given)."""
        return [
            s
            for s in self.entries["support"]
            if offer in (s.get("offers") or []) and (phase is None or phase in s.get("phases", []))
        ]

    def phase_of(self, idea: Entry) -> str | None:
        return PHASE_OF_STATUS.get(str(idea.get("status")))

    def related_ideas(self, idea: Entry) -> list[Entry]:
        """Ideas it names, and ideas that name it: relations go both ways."""
        named = self.many("ideas", idea.get("related"))
        naming = [i for i in self.ideas if idea.id in (i.get("related") or []) and i not in named]
        return [*named, *naming]

    # --- innovations -----------------------------------------------------------------

    @property
    def innovations(self) -> list[Entry]:
        return self.entries["innovations"]

    def active_adopters(self, innovation: Entry) -> list[dict[str, Any]]:
        return [a for a in innovation.get("adopters") or [] if a.get("stage") != "discontinued"]

    def is_spread(self, innovation: Entry) -> bool:
        """Spread: at least one other municipality uses it (derived, never written)."""
        return bool(self.active_adopters(innovation))

    def spread_innovations(self) -> list[Entry]:
        return [i for i in self.innovations if self.is_spread(i)]

    def innovations_by(self, key: str, vocabulary: str | None = None) -> dict[str, list[Entry]]:
        groups: dict[str, list[Entry]] = {v: [] for v in self.values(vocabulary or "")}
        for innovation in self.innovations:
            groups.setdefault(str(innovation.get(key)), []).append(innovation)
        if not vocabulary:
            groups = dict(sorted(groups.items(), key=lambda kv: sv_key(self.short_name(kv[0]))))
        return {k: v for k, v in groups.items() if v}

    def newest_innovations(self, count: int = 5) -> list[Entry]:
        return sorted(self.innovations, key=lambda i: (i.get("started"), i.id), reverse=True)[
            :count
        ]

    def usage(self, innovation: Entry, municipality_id: str) -> str | None:
        """'owner', an adopter's stage, or None: one cell of the spread matrix."""
        if innovation.get("owner") == municipality_id:
            return "owner"
        for adopter in innovation.get("adopters") or []:
            if adopter.get("municipality") == municipality_id:
                return str(adopter.get("stage"))
        return None

    def adopted_by(self, municipality_id: str) -> list[tuple[Entry, dict[str, Any]]]:
        return [
            (i, a)
            for i in self.innovations
            for a in i.get("adopters") or []
            if a.get("municipality") == municipality_id
        ]

    def innovation_of_idea(self, idea: Entry) -> Entry | None:
        found = self.get("innovations", idea.get("innovation"))
        if found is None:
            found = next((i for i in self.innovations if i.get("idea") == idea.id), None)
        return found

    # --- challenges, training, support -------------------------------------------------

    def challenges_of_municipality(self, municipality_id: str) -> list[Entry]:
        return [
            c
            for c in self.entries["challenges"]
            if municipality_id in (c.get("municipalities") or [])
        ]

    def courses(self) -> list[Entry]:
        return [t for t in self.entries["training"] if not t.get("course")]

    def modules(self, course: Entry) -> list[Entry]:
        modules = [t for t in self.entries["training"] if t.get("course") == course.id]
        return sorted(modules, key=lambda m: (_first_start(m), sv_key(m.title)))

    def sessions(
        self, entries: Iterable[Entry], upcoming: bool
    ) -> list[tuple[Entry, dict[str, Any]]]:
        """Sessions of the given training items, upcoming (sorted) or past (newest first)."""
        found = [
            (e, s)
            for e in entries
            for s in e.get("sessions") or []
            if isinstance(s.get("end"), dt.datetime) and (s["end"].date() >= self.as_of) == upcoming
        ]
        found.sort(key=lambda es: (es[1]["start"], es[0].id), reverse=not upcoming)
        return found

    def innovations_using(self, support_id: str) -> list[Entry]:
        return [i for i in self.innovations if support_id in (i.get("support") or [])]

    # --- statistics ---------------------------------------------------------------------

    def status_counts(self, ideas: Iterable[Entry] | None = None) -> dict[str, int]:
        counts = Counter(str(i.get("status")) for i in (self.ideas if ideas is None else ideas))
        return {s: counts.get(s, 0) for s in self.values("idea_status")}

    def funnel(self) -> list[tuple[str, int]]:
        """How far ideas have come: each step counts the ideas that reached it."""
        statuses = [str(i.get("status")) for i in self.ideas]
        return [
            ("Inkomna idéer", len(statuses)),
            ("Bedömda eller under bedömning", sum(s != "submitted" for s in statuses)),
            ("Testas eller införda", sum(s in ("testing", "implemented") for s in statuses)),
            ("Införda", statuses.count("implemented")),
            ("Innovationer spridda till fler kommuner", len(self.spread_innovations())),
        ]

    def ideas_per_quarter(self) -> list[tuple[str, int]]:
        counts = Counter(quarter(i.get("submitted")) for i in self.ideas if i.get("submitted"))
        if not counts:
            return []
        first = min(i.get("submitted") for i in self.ideas)
        last = max(i.get("submitted") for i in self.ideas)
        out = []
        year, q = first.year, (first.month - 1) // 3 + 1
        while (year, q) <= (last.year, (last.month - 1) // 3 + 1):
            label = f"{year} K{q}"
            out.append((label, counts.get(label, 0)))
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
        return out

    @cached_property
    def tags(self) -> dict[str, list[Entry]]:
        found: dict[str, list[Entry]] = {}
        for name in ("ideas", "challenges", "innovations", "training", "support", "municipalities"):
            for entry in self.entries[name]:
                for tag in entry.tags:
                    found.setdefault(tag, []).append(entry)
        return dict(sorted(found.items(), key=lambda kv: sv_key(kv[0])))

    @staticmethod
    def tag_anchor(tag: str) -> str:
        return "tagg-" + slugify(tag)


def _first_start(entry: Entry) -> dt.datetime:
    starts = [
        s["start"] for s in entry.get("sessions") or [] if isinstance(s.get("start"), dt.datetime)
    ]
    return min(starts) if starts else dt.datetime.max.replace(tzinfo=dt.UTC)


# Labels of the collections, for templates ("Idé", "Innovation", …).
COLLECTION_LABELS = {name: c.singular for name, c in COLLECTIONS.items()}
__all__ = ["COLLECTION_LABELS", "GENERATED", "VOCABULARIES", "Entry", "Portal", "sv_key"]
