"""What the portal suggests: the support actors that fit an idea, and the innovations
a municipality could adopt next. Both are orders over published items, computed here
so a template only lays them out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sluss.site.entry import Entry
from sluss.site.published import Published

# How far apart two scopes are: a local idea is helped first by those close to it.
SCOPE_RANK = {"local": 0, "regional": 1, "national": 2, "eu": 3}

# An idea in one municipality is local; one shared with partners is regional.
LOCAL, REGIONAL = "local", "regional"

MAX_SUPPORT = 5


@dataclass(frozen=True)
class SupportMatch:
    """One suggested support actor and why: the idea's phase, the actor's scope, and
    the area when the actor works with that area in particular (None: every area)."""

    actor: Entry
    phase: str
    scope: str
    area: str | None


def idea_scope(idea: Entry) -> str:
    return REGIONAL if idea.get("partners") else LOCAL


def support_for(
    published: Published, idea: Entry, phase: str | None, limit: int = MAX_SUPPORT
) -> list[SupportMatch]:
    """At most `limit` support actors for the idea in `phase` (None: none): those that
    help in that phase and work with the idea's area (or with every area). Actors of
    the idea's own area come first, then those whose scope is closest to the idea's,
    then the more focused (fewer phases), then by title."""
    if not phase:
        return []
    area = str(idea.get("area"))
    wanted = SCOPE_RANK[idea_scope(idea)]
    fitting = [
        s
        for s in published.entries["support"]
        if phase in (s.get("phases") or []) and _works_with(s, area)
    ]

    def order(s: Entry) -> tuple[bool, int, int]:
        distance = abs(SCOPE_RANK.get(str(s.get("scope")), len(SCOPE_RANK)) - wanted)
        return (not s.get("areas"), distance, len(s.get("phases") or []))

    fitting.sort(key=order)  # stable: title order among equals
    return [
        SupportMatch(s, phase, str(s.get("scope")), area if s.get("areas") else None)
        for s in fitting[:limit]
    ]


def _works_with(actor: Entry, area: str) -> bool:
    areas = actor.get("areas") or []
    return not areas or area in areas


def not_yet_used(
    published: Published, municipality: Entry, users: Callable[[Entry], int]
) -> list[Entry]:
    """The innovations still in use that the municipality neither owns nor has taken
    up (in any stage), the best evidence first, then the most used (`users`: how many
    municipalities use one), then by title. A discontinued one is a lesson, not a
    suggestion: its page is still in the catalogue."""
    levels = published.values("evidence_level")

    def rank(level: object) -> int:
        return levels.index(str(level)) if str(level) in levels else -1

    def uses(i: Entry) -> bool:
        adopters = {str(a.get("municipality")) for a in i.get("adopters") or []}
        return i.get("owner") == municipality.id or municipality.id in adopters

    candidates = [
        i for i in published.innovations if i.get("stage") != "discontinued" and not uses(i)
    ]
    return sorted(candidates, key=lambda i: (-rank(evidence_level(i)), -users(i)))


def evidence_level(innovation: Entry) -> str:
    return str((innovation.get("evidence") or {}).get("level") or "none")
