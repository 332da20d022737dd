"""What the Git history (`content.history.History`) says about the published items:
when they were made and changed, their status timelines, how long ideas stay in each
status and which have waited too long.

Dates are shown in Swedish time; nothing depends on the clock beyond `as_of`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from sluss.content.history import Change, FileHistory, History, median_days
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
class Event:
    """One row of an item's history, labels ready to show."""

    date: dt.date | None  # None: not committed yet
    what: str  # what happened, in Swedish
    status: str  # the status it had after, or "Från → Till"; "" when none applies


@dataclass(frozen=True)
class PathStep:
    """One step of the sluice on an idea's page: Inkommen … Införd (… Spridd)."""

    status: str  # a value of `idea_status`, or SPREAD
    label: str
    date: dt.date | None  # when the idea reached it, if known
    reached: bool
    current: bool


SPREAD = "spread"  # the step after Införd: the idea's innovation used in other municipalities
MAIN_PATH = ("submitted", "assessing", "testing", "implemented")
STOPS = ("parked", "closed")  # where an idea can stop, from any step


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


Labeler = Callable[[str | None], str]


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _written(idea: Entry) -> dt.date | None:
    """The date the file gives its current status: `status_date`, else `submitted`."""
    return _day(idea.get("status_date")) or _day(idea.get("submitted"))


def _move_day(change: Change, floor: dt.date | None, clamp: bool = True) -> dt.date:
    """The day of a status change seen in Git: the commit's, unless the same commit
    wrote a `status_date` between the previous step and the commit (the decision was
    made then and recorded later). With `clamp`, never before the previous step (a
    timeline has no negative stays); the feeds keep the commit's own day."""
    committed = local_date(change.date)
    day = committed
    if change.written and change.written <= committed and (not floor or change.written >= floor):
        day = change.written
    return max(day, floor) if floor and clamp else day


def _follows(status: str, after: str, assessed: bool) -> bool:
    """Whether `after` comes straight after `status` in the sluice, no step skipped."""
    if after in STOPS:  # an assessed idea that stopped went through the assessment
        return status != "submitted" or not assessed
    if status in MAIN_PATH and after in MAIN_PATH:
        return MAIN_PATH.index(after) == MAIN_PATH.index(status) + 1
    return status in STOPS  # taken up again after a pause


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

    def events(self, entry: Entry) -> list[Event]:
        """The item's history: its own dates first (an idea's `submitted` and
        `status_date`, an innovation's start and adopters), then what Git saw after it
        entered the portal. The commit that added the file is its entry ("Lades in i
        portalen"), never a status change; an uncommitted change comes last, undated."""
        found, key = self.file_history(entry), STATUS_FIELD.get(entry.collection)
        field = COLLECTIONS[entry.collection].field(key) if key else None
        if found is None or field is None or field.vocabulary is None:
            return []
        vocabulary = field.vocabulary

        def label(value: str | None) -> str:
            return self._p.label(vocabulary, value) if value else ""

        dated = self._own_events(entry, found, label)
        # As in `points`: an idea's first change is never before its entry status's day.
        # (An innovation's own dates – adopters – may come after its stage changes.)
        floor = dated[-1].date if dated and entry.collection == "ideas" else None
        entry_change, previous = found.entry, found.entry
        if entry_change is not None:
            day = local_date(entry_change.date)
            dated.append(Event(day, "Lades in i portalen", label(entry_change.new)))
        for change in found.moves:
            day = _move_day(change, floor)
            floor = day
            arrow = f"{label(change.old)} → {label(change.new)}" if change.new else ""
            dated.append(Event(day, "Ändrades", arrow))
            previous = change
        dated.sort(key=lambda e: e.date or dt.date.max)  # stable: own dates before Git's
        last = previous.new if previous else None
        now = entry.get(field.name)
        pending = not found.committed or found.modified_since_commit
        if pending and now is not None and str(now) != last:
            shown = f"{label(last)} → {label(str(now))}" if last else label(str(now))
            dated.append(Event(None, "Ej incheckad ännu", shown))
        return dated

    def _own_events(self, entry: Entry, found: FileHistory, label: Labeler) -> list[Event]:
        """The dates an item's file gives itself: what happened before the portal."""
        if entry.collection == "ideas":
            before_git = self._entry_points(entry, found)
            last = len(before_git) - 1
            undated = found.entry is not None and found.entry.written is None
            if not found.moves:
                undated = not isinstance(entry.get("status_date"), dt.date)

            def what(n: int, status: str) -> str:
                if status == "submitted":
                    return "Idén lämnades in"
                if n < last:  # before the status it came in with: the decision to test
                    return "Bedömd: beslut att testa"
                if undated:  # then dated by `submitted`: say that the day is not known
                    return "Status när idén lades in (filen anger inte när den ändrades)"
                return "Status ändrad (enligt idéfilen)"

            return [Event(day, what(n, s), label(s)) for n, (day, s) in enumerate(before_git)]
        if entry.collection == "innovations":
            out = []
            if isinstance(entry.get("started"), dt.date):
                out.append(Event(entry.get("started"), "Arbetet startade", ""))
            for adopter in entry.get("adopters") or ():
                if isinstance(adopter.get("since"), dt.date):
                    where = self._p.short_name(str(adopter.get("municipality")))
                    out.append(Event(adopter["since"], f"Togs i bruk i {where}", ""))
            return out
        return []

    def status_events(self) -> list[StatusEvent] | None:
        """Every status (stage) change of published ideas and innovations in Git, as
        (date, item, before or None for the first value, after), for the feeds; None
        without a history (the feeds then fall back to the files' dates). Dated as on
        the item's page: an idea's entry by its own fields, never by the commit that
        brought it in; a change by its commit or the `status_date` it wrote."""
        if self.history_state == "none":
            return None
        out = []
        for entry in (*self._p.ideas, *self._p.innovations):
            found = self.file_history(entry)
            if found is None:
                continue
            floor: dt.date | None = None
            for change in found.changes:
                if change is found.entry and entry.collection == "ideas":
                    day = self._entry_points(entry, found)[-1][0]
                else:
                    day = _move_day(change, floor, clamp=False)
                floor = day
                if change.new:
                    out.append((day, entry, change.old, change.new))
        return out

    def status_date(self, idea: Entry) -> dt.date:
        """Since when the idea has its status: the date of the latest status change in
        Git after the idea entered the portal (see `_move_day`); without one,
        `status_date` (else `submitted`) from the file. An uncommitted change dates from
        `as_of`, unless the file gives a later date than Git's."""
        status, found = idea.get("status"), self.file_history(idea)
        moves = found.moves if found else ()
        if moves and moves[-1].new == status:
            return self.points(idea)[-1][0]
        written = _written(idea)
        if found and found.changes and found.changes[-1].new != status:  # not committed yet
            committed = local_date(found.changes[-1].date)
            return written if written and written > committed else self._p.as_of
        return written or self._p.as_of

    def days_in_status(self, idea: Entry) -> int:
        return max(0, (self._p.as_of - self.status_date(idea)).days)

    def points(self, idea: Entry) -> list[tuple[dt.date, str]]:
        """The statuses the idea has had, each with the day it began, oldest first.

        The status it entered the portal with is dated by the file (`_entry_points`);
        each later change in Git by its commit, or by the `status_date` the same commit
        wrote (`_move_day`). An uncommitted status comes last, dated like
        `status_date`.
        """
        found = self.file_history(idea)
        points = self._entry_points(idea, found)
        for change in found.moves if found else ():
            day = _move_day(change, points[-1][0])
            if change.new and change.new != points[-1][1]:
                points.append((day, change.new))
        status = str(idea.get("status"))
        if points[-1][1] != status:  # not committed yet
            points.append((max(self.status_date(idea), points[-1][0]), status))
        return points

    def _entry_points(self, idea: Entry, found: FileHistory | None) -> list[tuple[dt.date, str]]:
        """The statuses before Git knew the idea, dated by its own fields: `submitted`,
        the decision to test (`assessment.date`) for an idea that came in implemented,
        and the status it came in with, from `status_date` (else `submitted`)."""
        submitted = _day(idea.get("submitted")) or self._p.as_of
        moves = found.moves if found else ()
        came_with = found.entry if found else None
        if came_with is not None and came_with.new:
            status, written = came_with.new, came_with.written
        elif moves and moves[0].old:  # a shallow clone: the first status is before it
            status, written = moves[0].old, None
        else:
            status, written = str(idea.get("status")), None
        if not moves and status == idea.get("status"):
            written = _written(idea)  # the file as it is now still describes that status
        points = [(submitted, "submitted")]
        since = max(written or submitted, submitted)
        decided = _day((idea.get("assessment") or {}).get("date"))
        if status == "implemented" and decided and submitted <= decided <= since:
            points.append((decided, "testing"))
        if status != "submitted":
            points.append((since, status))
        return points

    def status_times(self) -> list[StatusTime]:
        """Days ideas spend in each status: median of finished stays, and of ongoing ones.

        A stay counts as finished only when the next status follows it directly in the
        sluice (Inkommen → Under bedömning, …, or a stop): when steps were skipped in
        the record, how the time was shared between them is not known."""
        statuses = self._p.values("idea_status")
        finished: dict[str, list[int]] = {s: [] for s in statuses}
        ongoing: dict[str, list[int]] = {s: [] for s in statuses}
        for idea in self._p.ideas:
            points = self.points(idea)
            for (start, status), (end, after) in pairwise(points):
                if _follows(status, after, assessed=bool(idea.get("assessment"))):
                    finished.setdefault(status, []).append((end - start).days)
            start, status = points[-1]
            ongoing.setdefault(status, []).append(max(0, (self._p.as_of - start).days))
        return [
            StatusTime(s, len(done), median_days(done), len(now), median_days(now))
            for s, done, now in ((s, finished[s], ongoing[s]) for s in finished)
        ]

    def sluice_path(self, idea: Entry) -> list[PathStep]:
        """The sluice's steps for the idea's page, each with the day it was reached.

        Main steps: Inkommen → Under bedömning → Testas → Införd, then Spridd when the
        idea's innovation is used in another municipality. A parked or closed idea ends
        where it stopped: the steps it passed, then the stop as its current step."""
        points = self.points(idea)
        status = str(idea.get("status"))
        reached_on: dict[str, dt.date] = {}
        for day, value in points:
            reached_on.setdefault(value, day)
        spread = self._spread_date(idea) if status == "implemented" else None
        current = SPREAD if spread else status
        if status in STOPS:
            passed = [s for s in MAIN_PATH if s in reached_on or s == "submitted"]
            if idea.get("assessment") and "assessing" not in passed:
                passed.append("assessing")  # assessed, so it went through the assessment
            path = [*sorted(passed, key=MAIN_PATH.index), status]
        else:
            path = [*MAIN_PATH, *([SPREAD] if spread else [])]
        reached_until = path.index(current)
        label = self._p.label
        return [
            PathStep(
                s,
                "Spridd" if s == SPREAD else label("idea_status", s),
                spread if s == SPREAD else reached_on.get(s),
                n <= reached_until,
                s == current,
            )
            for n, s in enumerate(path)
        ]

    def _spread_date(self, idea: Entry) -> dt.date | None:
        """The first day the idea's innovation was taken up by another municipality."""
        innovation = self._p.get("innovations", idea.get("innovation"))
        adopters = (innovation.get("adopters") or ()) if innovation else ()
        # Those still using it, as the catalogue counts spread (`Catalog.active_adopters`).
        days = [_day(a.get("since")) for a in adopters if a.get("stage") != "discontinued"]
        return min((d for d in days if d), default=None)

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
