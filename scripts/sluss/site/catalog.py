"""How the published items are grouped, ordered and matched for the pages: newest
first, by a field, how far an innovation has spread, which support helps in which
phase, courses and their sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sluss.core.model import ASSESSMENT_CRITERIA, IDEAS, PHASE_OF_STATUS
from sluss.core.text import sv_key
from sluss.site.entry import Entry
from sluss.site.published import Published
from sluss.site.relations import Relations
from sluss.site.suggestions import SupportMatch, not_yet_used, support_for

# The date that makes an item new: an idea's submission, an innovation's start.
NEWEST_BY = {"ideas": "submitted", "innovations": "started"}


def newest_first(entries: Iterable[Entry], key: str) -> list[Entry]:
    """Newest first by a date field (`submitted`, `started`), then by id."""
    return sorted(entries, key=lambda e: (str(e.get(key) or ""), e.id), reverse=True)


class Catalog:
    def __init__(self, published: Published, relations: Relations) -> None:
        self._p = published
        self._relations = relations

    # --- ideas and innovations ------------------------------------------------------

    def newest(self, collection: str, count: int = 5) -> list[Entry]:
        """The newest ideas or innovations (for the start page)."""
        return newest_first(self._p.entries[collection], NEWEST_BY[collection])[:count]

    def newest_by(self, collection: str, key: str, vocabulary: str) -> dict[str, list[Entry]]:
        """Ideas or innovations grouped by a field in vocabulary order (every value of
        the vocabulary, empty or not), each group newest first."""
        groups: dict[str, list[Entry]] = {value: [] for value in self._p.values(vocabulary)}
        for entry in self._p.entries[collection]:
            groups.setdefault(str(entry.get(key)), []).append(entry)
        date = NEWEST_BY[collection]
        return {value: newest_first(found, date) for value, found in groups.items()}

    def ideas_of_municipality(self, municipality: Entry) -> list[Entry]:
        """The ideas it handles or takes part in (`partners`), in title order."""
        ids = {
            id(i)
            for name in ("ideas", "partner_ideas")
            for i in self._relations.linked(municipality, name)
        }
        return [i for i in self._p.ideas if id(i) in ids]

    def assessment_rows(self, idea: Entry) -> list[tuple[str, int]]:
        """(criterion label, score) of the idea's assessment, in the sluice's order."""
        assessment = idea.get("assessment") or {}
        field = IDEAS.field("assessment")
        assert field is not None
        rows = []
        for criterion in ASSESSMENT_CRITERIA:
            member = field.member(criterion)
            if member is not None and isinstance(assessment.get(criterion), int):
                rows.append((member.label.sv, assessment[criterion]))
        return rows

    def phase_of(self, idea: Entry) -> str | None:
        return PHASE_OF_STATUS.get(str(idea.get("status")))

    def active_adopters(self, innovation: Entry) -> list[dict[str, Any]]:
        return [a for a in innovation.get("adopters") or [] if a.get("stage") != "discontinued"]

    def is_spread(self, innovation: Entry) -> bool:
        """Spread: at least one other municipality uses it (derived, never written)."""
        return bool(self.active_adopters(innovation))

    def users(self, innovation: Entry) -> int:
        """How many municipalities use it: the owner (unless it has stopped) and every
        adopter still using it."""
        owner_uses = innovation.get("stage") != "discontinued"
        return int(owner_uses) + len(self.active_adopters(innovation))

    def not_yet_used(self, municipality: Entry) -> list[Entry]:
        """Innovations the municipality could adopt: best evidence, most used first."""
        return not_yet_used(self._p, municipality, self.users)

    def spread_innovations(self) -> list[Entry]:
        return [i for i in self._p.innovations if self.is_spread(i)]

    def spread_order(self) -> list[Entry]:
        """Innovations for the spread matrix: those used by the most municipalities first."""
        return sorted(
            self._p.innovations,
            key=lambda i: (-self.users(i), sv_key(i.title), i.id),
        )

    def usage(self, innovation: Entry, municipality_id: str) -> str | None:
        """'owner', an adopter's stage, or None: one cell of the spread matrix."""
        if innovation.get("owner") == municipality_id:
            return "owner"
        for adopter in innovation.get("adopters") or []:
            if adopter.get("municipality") == municipality_id:
                return str(adopter.get("stage"))
        return None

    def usage_groups(self, innovation: Entry) -> list[tuple[str, list[Entry]]]:
        """(use, municipalities) for the owner, then operation, pilot and discontinued:
        a spread matrix row as groups, the empty ones left out."""
        groups: dict[str, list[Entry]] = {
            use: [] for use in ("owner", "operation", "pilot", "discontinued")
        }
        for mu in self._p.entries["municipalities"]:
            use = self.usage(innovation, mu.id)
            if use in groups:
                groups[use].append(mu)
        return [(use, found) for use, found in groups.items() if found]

    # --- support --------------------------------------------------------------------

    def support_for_phase(self, phase: str | None) -> list[Entry]:
        if not phase:
            return []
        return [s for s in self._p.entries["support"] if phase in (s.get("phases") or [])]

    def support_for(self, idea: Entry) -> list[SupportMatch]:
        """The support actors suggested for an idea: its phase, area and scope."""
        return support_for(self._p, idea, self.phase_of(idea))

    def support_for_offer(self, phase: str | None) -> list[tuple[str, list[Entry]]]:
        """(offer, actors) for every offer with an actor in the phase (None: any phase)."""
        grouped = [
            (offer, self.support_matrix(offer, phase))
            for offer in self._p.values("offer")
        ]
        return [(offer, actors) for offer, actors in grouped if actors]

    def support_matrix(self, offer: str, phase: str | None) -> list[Entry]:
        """Support actors giving `offer` (in `phase`, when given)."""
        return [
            s
            for s in self._p.entries["support"]
            if offer in (s.get("offers") or []) and (phase is None or phase in s.get("phases", []))
        ]

    # --- training -------------------------------------------------------------------

    def courses(self) -> list[Entry]:
        """Training items that are not a module of a course."""
        return [t for t in self._p.entries["training"] if not t.get("course")]

    def modules(self, course: Entry) -> list[Entry]:
        """A course's modules, the first to start first."""
        modules = self._relations.linked(course, "modules")
        return sorted(modules, key=lambda m: (_first_start(m), sv_key(m.title)))

    def sessions(
        self, entries: Iterable[Entry], upcoming: bool
    ) -> list[tuple[Entry, dict[str, Any]]]:
        """Sessions of the given training items, upcoming (sorted) or past (newest first)."""
        found = [
            (e, s)
            for e in entries
            for s in e.get("sessions") or []
            if isinstance(s.get("end"), dt.datetime)
            and (s["end"].date() >= self._p.as_of) == upcoming
        ]
        found.sort(key=lambda es: (es[1]["start"], es[0].id), reverse=not upcoming)
        return found

    def sessions_in(self, municipality: Entry) -> list[tuple[Entry, dict[str, Any]]]:
        """Upcoming sessions held in a municipality, the nearest first."""
        every = self.sessions(self._p.entries["training"], True)
        return [(t, s) for t, s in every if s.get("municipality") == municipality.id]


def _first_start(entry: Entry) -> dt.datetime:
    starts = [
        s["start"] for s in entry.get("sessions") or [] if isinstance(s.get("start"), dt.datetime)
    ]
    return min(starts) if starts else dt.datetime.max.replace(tzinfo=dt.UTC)
