"""Counts for the statistics page and charts: ideas per status, the sluice's funnel,
ideas and status changes per quarter, and whether the ideas the sluice takes on answer
real needs (`Choices`). The labels of the funnel's steps are shown as
they are."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sluss.site.catalog import Catalog
from sluss.site.entry import Entry
from sluss.site.published import Published
from sluss.site.timelines import Timelines


def quarter(day: dt.date) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


def quarters(first: dt.date, last: dt.date) -> list[str]:
    """Every quarter from the one of `first` to the one of `last`, gaps included."""
    out = []
    year, q = first.year, (first.month - 1) // 3 + 1
    while (year, q) <= (last.year, (last.month - 1) // 3 + 1):
        out.append(f"{year} K{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


class Stats:
    def __init__(self, published: Published, catalog: Catalog, timelines: Timelines) -> None:
        self._p = published
        self._catalog = catalog
        self._timelines = timelines
        self.choices = Choices(published, timelines)

    def status_counts(self, ideas: Iterable[Entry] | None = None) -> dict[str, int]:
        """Ideas per status in vocabulary order (all published ideas, or those given)."""
        found = self._p.ideas if ideas is None else ideas
        counts = Counter(str(i.get("status")) for i in found)
        return {s: counts.get(s, 0) for s in self._p.values("idea_status")}

    def funnel(self) -> list[tuple[str, int]]:
        """How far ideas have come: each step counts the ideas that reached it."""
        statuses = [str(i.get("status")) for i in self._p.ideas]
        return [
            ("Inkomna idéer", len(statuses)),
            ("Bedömda eller under bedömning", sum(s != "submitted" for s in statuses)),
            ("Testas eller införda", sum(s in ("testing", "implemented") for s in statuses)),
            ("Införda", statuses.count("implemented")),
            ("Innovationer spridda till fler kommuner", len(self._catalog.spread_innovations())),
        ]

    def ideas_per_quarter(self) -> list[tuple[str, int]]:
        ideas = self._p.ideas
        counts = Counter(quarter(i.get("submitted")) for i in ideas if i.get("submitted"))
        if not counts:
            return []
        first = min(i.get("submitted") for i in ideas)
        last = max(i.get("submitted") for i in ideas)
        return [(label, counts.get(label, 0)) for label in quarters(first, last)]

    def status_changes_per_quarter(self) -> list[tuple[str, list[int]]]:
        """Per quarter, in vocabulary order: ideas that came in (by `submitted`) and
        ideas that reached each later status (by the date their history gives)."""
        events: list[tuple[dt.date, str]] = []
        for idea in self._p.ideas:
            submitted = idea.get("submitted")
            if isinstance(submitted, dt.date):
                events.append((submitted, "submitted"))
            events += [(d, s) for d, s in self._timelines.points(idea) if s != "submitted"]
        if not events:
            return []
        counts = Counter((quarter(day), status) for day, status in events)
        statuses = self._p.values("idea_status")
        first, last = min(d for d, _ in events), max(d for d, _ in events)
        return [(q, [counts[q, s] for s in statuses]) for q in quarters(first, last)]


# --- Does the sluice pick real challenges? ---------------------------------------------

PROGRESSED = ("testing", "implemented")  # the ideas the sluice chose to go on with
BIG_NEED, SMALL_NEED = 4, 2  # need ≥ 4 is a big need, ≤ 2 a small one


@dataclass(frozen=True)
class Assessed:
    """An assessed idea as the need/feasibility chart places it."""

    idea: Entry
    need: int
    feasibility: int
    progressed: bool  # went on to testing or implementation


@dataclass(frozen=True)
class ChallengeFit:
    """Of the ideas that went on to testing or implementation: how big their need was,
    and what it rests on (a registered challenge with evidence, or a stated need)."""

    progressed: int
    big_need: int
    small_need: int
    with_evidence: int  # answers a registered challenge that has evidence
    challenge_only: int  # a registered challenge without evidence
    need_only: int  # only the need the idea states itself


class Choices:
    """How well the ideas the sluice takes on answer real needs (Läget's section
    'Väljer slussen verkliga utmaningar?')."""

    def __init__(self, published: Published, timelines: Timelines) -> None:
        self._p = published
        self._timelines = timelines

    def assessed(self, ideas: Iterable[Entry] | None = None) -> list[Assessed]:
        """Ideas with an assessment. 'Progressed': they reached testing or
        implementation at some point (from their history), even if parked since."""
        out = []
        for idea in self._p.ideas if ideas is None else ideas:
            scores = idea.get("assessment") or {}
            need, feasibility = scores.get("need"), scores.get("feasibility")
            if isinstance(need, int) and isinstance(feasibility, int):
                reached = {status for _, status in self._timelines.points(idea)}
                out.append(Assessed(idea, need, feasibility, bool(reached & set(PROGRESSED))))
        return out

    def fit(self, ideas: Iterable[Entry] | None = None) -> ChallengeFit:
        chosen = [a for a in self.assessed(ideas) if a.progressed]
        needs = [a.need for a in chosen]
        bases = [self._basis(a.idea) for a in chosen]
        return ChallengeFit(
            len(chosen),
            sum(n >= BIG_NEED for n in needs),
            sum(n <= SMALL_NEED for n in needs),
            bases.count("evidence"),
            bases.count("challenge"),
            bases.count("need"),
        )

    def fit_per_municipality(self) -> list[tuple[Entry, ChallengeFit]]:
        """Per handling municipality with assessed ideas, in the portal's order."""
        out = []
        for municipality in self._p.entries["municipalities"]:
            ideas = [i for i in self._p.ideas if i.get("municipality") == municipality.id]
            if self.assessed(ideas):
                out.append((municipality, self.fit(ideas)))
        return out

    def _basis(self, idea: Entry) -> str:
        challenge = self._p.get("challenges", idea.get("challenge"))
        if challenge is None:
            return "need"
        return "evidence" if challenge.get("evidence") else "challenge"
