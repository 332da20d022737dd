"""Counts for the statistics page and charts: ideas per status, the sluice's funnel,
ideas and status changes per quarter. The labels of the funnel's steps are shown as
they are."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

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
