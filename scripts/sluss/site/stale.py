"""`sluss check --stale`: ideas waiting longer than `stale:` allows, as warnings."""

from __future__ import annotations

from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.model import VOCABULARIES
from sluss.site.portal import Portal


def stale_diagnostics(portal: Portal) -> list[Diagnostic]:
    """`stale-idea` warnings: ideas waiting longer than `stale:` allows (sluss check --stale)."""
    out = []
    for _, waiting in portal.timelines.stale_ideas():
        for w in waiting:
            pos = w.idea.item.pos(("status",))
            out.append(
                diag(
                    w.idea.item.path,
                    pos.line,
                    pos.column,
                    "stale-idea",
                    days=w.days,
                    since=w.since.isoformat(),
                    status=VOCABULARIES["idea_status"].get(w.status) or w.status,
                    limit=w.limit,
                )
            )
    return out
