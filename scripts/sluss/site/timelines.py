"""What the Git history (`content.history.History`) says about the published items:
when they were made and changed, their status timelines, how long ideas stay in each
status and which have waited too long.

Dates are shown in Swedish time; nothing depends on the clock beyond `as_of`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from sluss.content.history import FileHistory, History, median_days
from sluss.core.model import COLLECTIONS, STATUS_FIELD
from sluss.core.text import STOCKHOLM, sv_key
from sluss.site.entry import Entry
from sluss.site.published import Published


def local_date(moment: dt.datetime) -> dt.date:
    """A commit time as a Swedish calendar date."""
    return moment.astimezone(STOCKHOLM).date()


def days_text(days: float | None) -> str:
    """A number of days the Swedish way (`12`, `12,5`), or `–` when there is none."""
    if days is None:
        return "–"
    return f"{days:.0f}" if days == int(days) else f"{days:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Step:
    """One row of an item's status timeline, labels ready to show."""

    date: dt.date | None  # None: not committed yet
    old: str  # label of the value before, "" when the item was added with `new`
    new: str


@dataclass(frozen=True)
class Waiting:
    """An idea that has waited longer than `stale:` allows for its status."""

    idea: Entry
    status: str
    since: dt.date
    days: int
    limit: int


@dataclass(frozen=True)
class StatusTime:
    """How long ideas stay in one status: finished stays, and those still going on."""

    status: str
    finished: int
    finished_median: float | None
    ongoing: int
    ongoing_median: float | None

    @property
    def finished_days(self) -> str:
        return days_text(self.finished_median)

    @property
    def ongoing_days(self) -> str:
        return days_text(self.ongoing_median)


# (date of the change, the item, the status before or None if unknown, the status after)
StatusEvent = tuple[dt.date, Entry, str | None, str]


class Timelines:
    def __init__(self, published: Published, history: History | None) -> None:
        self._p = published
        self.history = history

    @property
    def history_state(self) -> str:
        """The history the build had: full, shallow (a shallow clone) or none (no Git)."""
        if self.history is None or not self.history.available:
            return "none"
        return "shallow" if self.history.shallow else "full"

    def file_history(self, entry: Entry) -> FileHistory | None:
        return self.history.of(entry.item.path) if self.history else None

    def created(self, entry: Entry) -> dt.date | None:
        found = self.file_history(entry)
        return local_date(found.created) if found and found.created else None

    def updated(self, entry: Entry) -> dt.date | None:
        found = self.file_history(entry)
        return local_date(found.updated) if found and found.updated else None

    def steps(self, entry: Entry) -> list[Step]:
        """Every change of the item's status field; an uncommitted one last, undated."""
        found, key = self.file_history(entry), STATUS_FIELD.get(entry.collection)
        field = COLLECTIONS[entry.collection].field(key) if key else None
        if found is None or field is None or field.vocabulary is None:
            return []
        vocabulary = field.vocabulary

        def label(value: str | None) -> str:
            return self._p.label(vocabulary, value) if value else ""

        steps = [Step(local_date(c.date), label(c.old), label(c.new)) for c in found.changes]
        last, now = (found.changes[-1].new if found.changes else None), entry.get(field.name)
        pending = not found.committed or found.modified_since_commit
        if pending and now is not None and str(now) != last:
            steps.append(Step(None, label(last), label(str(now))))
        return steps

    def status_events(self) -> list[StatusEvent] | None:
        """Every status (stage) change of published ideas and innovations in Git, as
        (date, item, before or None for the first value, after), for the feeds; None
        without a history (the feeds then fall back to the files' dates)."""
        if self.history_state == "none":
            return None
        out = []
        for entry in (*self._p.ideas, *self._p.innovations):
            found = self.file_history(entry)
            for change in found.changes if found else ():
                if change.new:
                    out.append((local_date(change.date), entry, change.old, change.new))
        return out

    def status_date(self, idea: Entry) -> dt.date:
        """Since when the idea has its status: the date of the latest status change in
        Git; without one, `status_date` (else `submitted`) from the file. An uncommitted
        change dates from `as_of`, unless the file gives a later date than Git's."""
        status, found = idea.get("status"), self.file_history(idea)
        moves = found.moves if found else ()
        if moves and moves[-1].new == status:
            return local_date(moves[-1].date)
        written = next(
            (idea.get(k) for k in ("status_date", "submitted") if isinstance(idea.get(k), dt.date)),
            None,
        )
        if found and found.changes and found.changes[-1].new != status:  # not committed yet
            committed = local_date(found.changes[-1].date)
            return written if written and written > committed else self._p.as_of
        return written or self._p.as_of

    def days_in_status(self, idea: Entry) -> int:
        return max(0, (self._p.as_of - self.status_date(idea)).days)

    def points(self, idea: Entry) -> list[tuple[dt.date, str]]:
        """The statuses the idea has had, each with the date it began, oldest first.

        From Git when it shows the idea moving: the first status then begins when the
        file was added (or at `submitted`, if that is earlier and the idea came in as
        submitted); a first status whose start Git does not know (a shallow clone) is
        left out. Otherwise one point: the status since `status_date`.
        """
        status = str(idea.get("status"))
        found = self.file_history(idea)
        moves = found.moves if found else ()
        if found is None or not moves or moves[-1].new != status:
            return [(self.status_date(idea), status)]
        points: list[tuple[dt.date, str]] = []
        first, submitted = found.changes[0], idea.get("submitted")
        if first.old is None and first.new:
            start = local_date(first.date)
            if first.new == "submitted" and isinstance(submitted, dt.date):
                start = min(start, submitted)
            points.append((start, first.new))
        for change in moves:
            day = local_date(change.date)
            if points:
                day = max(day, points[-1][0])  # commits out of date order: no negative stay
            if change.new and (not points or change.new != points[-1][1]):
                points.append((day, change.new))
        return points

    def status_times(self) -> list[StatusTime]:
        """Days ideas spend in each status: median of finished stays, and of ongoing ones."""
        statuses = self._p.values("idea_status")
        finished: dict[str, list[int]] = {s: [] for s in statuses}
        ongoing: dict[str, list[int]] = {s: [] for s in statuses}
        for idea in self._p.ideas:
            points = self.points(idea)
            for (start, status), (end, _) in pairwise(points):
                finished.setdefault(status, []).append((end - start).days)
            start, status = points[-1]
            ongoing.setdefault(status, []).append(max(0, (self._p.as_of - start).days))
        return [
            StatusTime(s, len(done), median_days(done), len(now), median_days(now))
            for s, done, now in ((s, finished[s], ongoing[s]) for s in finished)
        ]

    def stale_limits(self) -> list[tuple[str, int]]:
        """The `stale:` limits as (status, days), in vocabulary order."""
        limits = self._p.config.stale
        return [(s, limits[s]) for s in self._p.values("idea_status") if s in limits]

    def stale_ideas(self) -> list[tuple[str, list[Waiting]]]:
        """Ideas waiting longer than `stale:` allows, per handling municipality (by
        name), the longest wait first."""
        groups: dict[str, list[Waiting]] = {}
        for idea in self._p.ideas:
            status = str(idea.get("status"))
            limit = self._p.config.stale.get(status)
            days = self.days_in_status(idea)
            if limit is not None and days > limit:
                waiting = Waiting(idea, status, self.status_date(idea), days, limit)
                groups.setdefault(str(idea.get("municipality")), []).append(waiting)
        for waiting_list in groups.values():
            waiting_list.sort(key=lambda w: (-w.days, sv_key(w.idea.title), w.idea.id))
        short = self._p.short_name
        return sorted(groups.items(), key=lambda kv: (sv_key(short(kv[0])), kv[0]))
