"""The published portal as Python sees it: drafts gone, lookups and derivations.

Templates only lay out. Every grouping, count and derivation a page shows
(is it spread? which support helps in this phase? how long has it waited?) is
computed here. Dates from the Git history (`history.History`) are shown in
Swedish time; nothing depends on the clock beyond `as_of`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

from sluss.content.history import Change, FileHistory, History, median_days
from sluss.content.load import Item
from sluss.content.repository import Repository
from sluss.core.config import Config
from sluss.core.model import COLLECTIONS, PHASE_OF_STATUS, STATUS_FIELD, VOCABULARIES, Vocabularies
from sluss.core.text import STOCKHOLM, fenced_lines, may_hold_fence, slugify, sv_key
from sluss.site.entry import GENERATED, Entry, page_of

_INITIAL = str.maketrans({"é": "e", "ü": "u"})


def newest_first(entries: Iterable[Entry], key: str) -> list[Entry]:
    """Newest first by a date field (`submitted`, `started`), then by id."""
    return sorted(entries, key=lambda e: (str(e.get(key) or ""), e.id), reverse=True)


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


def local_date(moment: dt.datetime) -> dt.date:
    """A commit time as a Swedish calendar date."""
    return moment.astimezone(STOCKHOLM).date()


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


def days_text(days: float | None) -> str:
    """A number of days the Swedish way (`12`, `12,5`), or `–` when there is none."""
    if days is None:
        return "–"
    return f"{days:.0f}" if days == int(days) else f"{days:.1f}".replace(".", ",")


class Portal:
    def __init__(self, repo: Repository, as_of: dt.date, history: History | None = None) -> None:
        self.config: Config = repo.config
        self.vocab: Vocabularies = repo.config.vocabularies
        self.as_of = as_of
        self.history = history
        self.entries: dict[str, list[Entry]] = {}
        self.index: dict[tuple[str, str], Entry] = {}
        for name in sorted(COLLECTIONS):
            entries = [Entry(i, page_of(name, i.id)) for i in repo.published(name)]
            entries.sort(key=lambda e: (sv_key(e.title), e.id))
            self.entries[name] = entries
            self.index.update(((name, e.id), e) for e in entries)
        self._value_indexes: dict[tuple[str, str], dict[object, list[Entry]]] = {}

    def replace(self, item: Item) -> Entry:
        """Put an edited item in place of its older version (the preview's quick pass).
        Derived lookups are dropped and rebuilt on their next use."""
        entry = Entry(item, page_of(item.collection, item.id))
        entries = self.entries[item.collection]
        entries[:] = [e for e in entries if e.id != item.id] + [entry]
        entries.sort(key=lambda e: (sv_key(e.title), e.id))
        self.index[(item.collection, item.id)] = entry
        self._value_indexes.clear()
        for derived in ("tags", "tag_slugs"):  # cached properties
            self.__dict__.pop(derived, None)
        return entry

    # --- lookups ------------------------------------------------------------------

    def get(self, collection: str, item_id: object) -> Entry | None:
        return self.index.get((collection, str(item_id))) if item_id else None

    def many(self, collection: str, ids: Iterable[object] | None) -> list[Entry]:
        found = (self.get(collection, i) for i in ids or ())
        return [e for e in found if e is not None]

    def with_value(self, collection: str, key: str, value: object) -> list[Entry]:
        if isinstance(value, (list, dict)):
            return [e for e in self.entries[collection] if e.get(key) == value]
        return self._by_value(collection, key).get(value, [])

    def _by_value(self, collection: str, key: str) -> dict[object, list[Entry]]:
        """Entries by the value of one field, built once: pages ask for every item's
        reverse links, and a scan per page would make the build quadratic."""
        found = self._value_indexes.get((collection, key))
        if found is None:
            found = {}
            for entry in self.entries[collection]:
                value = entry.get(key)
                if not isinstance(value, (list, dict)):
                    found.setdefault(value, []).append(entry)
            self._value_indexes[(collection, key)] = found
        return found

    def naming(self, collection: str, key: str, item_id: str) -> list[Entry]:
        """Entries of `collection` whose list field `key` names `item_id`."""
        found = self._value_indexes.get((collection, f"{key}[]"))
        if found is None:
            found = {}
            for entry in self.entries[collection]:
                for value in set(map(str, entry.get(key) or [])):
                    found.setdefault(value, []).append(entry)
            self._value_indexes[(collection, f"{key}[]")] = found
        return found.get(item_id, [])

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
        return self.with_value("ideas", "challenge", challenge_id)

    def newest_ideas(self, count: int = 5) -> list[Entry]:
        return newest_first(self.ideas, "submitted")[:count]

    def ideas_newest_by(self, key: str, vocabulary: str | None = None) -> dict[str, list[Entry]]:
        """Like `ideas_by`, each group newest first."""
        return {k: newest_first(v, "submitted") for k, v in self.ideas_by(key, vocabulary).items()}

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
            return written if written and written > committed else self.as_of
        return written or self.as_of

    def days_in_status(self, idea: Entry) -> int:
        return max(0, (self.as_of - self.status_date(idea)).days)

    def assessment_rows(self, idea: Entry) -> list[tuple[str, int]]:
        from sluss.core.model import ASSESSMENT_CRITERIA, IDEAS

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
        naming = [i for i in self.naming("ideas", "related", idea.id) if i not in named]
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
        return newest_first(self.innovations, "started")[:count]

    def innovations_newest_by(
        self, key: str, vocabulary: str | None = None
    ) -> dict[str, list[Entry]]:
        """Like `innovations_by`, each group newest first (by `started`)."""
        groups = self.innovations_by(key, vocabulary)
        return {k: newest_first(v, "started") for k, v in groups.items()}

    def spread_order(self) -> list[Entry]:
        """Innovations for the spread matrix: those used by the most municipalities first."""
        return sorted(
            self.innovations, key=lambda i: (-len(self.active_adopters(i)), sv_key(i.title), i.id)
        )

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
            found = next(iter(self.with_value("innovations", "idea", idea.id)), None)
        return found

    # --- challenges, training, support -------------------------------------------------

    def challenges_of_municipality(self, municipality_id: str) -> list[Entry]:
        return self.naming("challenges", "municipalities", municipality_id)

    def courses(self) -> list[Entry]:
        return [t for t in self.entries["training"] if not t.get("course")]

    def modules(self, course: Entry) -> list[Entry]:
        modules = list(self.with_value("training", "course", course.id))
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
        return [(label, counts.get(label, 0)) for label in quarters(first, last)]

    @cached_property
    def tags(self) -> dict[str, list[Entry]]:
        found: dict[str, list[Entry]] = {}
        for name in ("ideas", "challenges", "innovations", "training", "support", "municipalities"):
            for entry in self.entries[name]:
                for tag in entry.tags:
                    found.setdefault(tag, []).append(entry)
        return dict(sorted(found.items(), key=lambda kv: sv_key(kv[0])))

    @cached_property
    def tag_slugs(self) -> dict[str, str]:
        """Tag → the folder name of its page: ASCII and unique (`vag`, `vag-2` when two
        tags differ only in å, ä, ö), given in alphabetical order so it stays stable."""
        slugs: dict[str, str] = {}
        taken: set[str] = set()
        for tag in self.tags:
            base = slugify(tag)
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            slugs[tag] = slug
        return slugs

    def tags_by_initial(self) -> list[tuple[str, list[str]]]:
        """The tags by their first letter, in Swedish alphabetical order (é under e,
        digits together)."""
        groups: dict[str, list[str]] = {}
        for tag in self.tags:
            first = tag[:1].translate(_INITIAL)
            groups.setdefault("0–9" if first.isdigit() else first, []).append(tag)
        return sorted(groups.items(), key=lambda kv: "" if kv[0] == "0–9" else sv_key(kv[0]))

    @staticmethod
    def initial_anchor(letter: str) -> str:
        return "bokstav-" + {"å": "aa", "ä": "ae", "ö": "oe", "0–9": "siffror"}.get(letter, letter)

    def tag_page(self, tag: str) -> str:
        """The docs path of a tag's page (the first page of its list)."""
        return f"{GENERATED}/taggar/{self.tag_slugs[tag]}/index.md"

    # --- history: dates, timelines and time in each status (from Git) -----------------

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

    def _moves(self, entry: Entry) -> tuple[Change, ...]:
        found = self.file_history(entry)
        return found.moves if found else ()

    def timeline(self, entry: Entry) -> list[Step]:
        """Every change of the item's status field; an uncommitted one last, undated."""
        found, key = self.file_history(entry), STATUS_FIELD.get(entry.collection)
        field = COLLECTIONS[entry.collection].field(key) if key else None
        if found is None or field is None or field.vocabulary is None:
            return []
        vocabulary = field.vocabulary

        def label(value: str | None) -> str:
            return self.label(vocabulary, value) if value else ""

        steps = [Step(local_date(c.date), label(c.old), label(c.new)) for c in found.changes]
        last, now = (found.changes[-1].new if found.changes else None), entry.get(field.name)
        pending = not found.committed or found.modified_since_commit
        if pending and now is not None and str(now) != last:
            steps.append(Step(None, label(last), label(str(now))))
        return steps

    def status_events(self) -> list[tuple[dt.date, Entry, str | None, str]] | None:
        """Every status (stage) change of published ideas and innovations in Git, as
        (date, item, before or None for the first value, after), for the feeds; None
        without a history (the feeds then fall back to the files' dates)."""
        if self.history_state == "none":
            return None
        out = []
        for entry in (*self.ideas, *self.innovations):
            found = self.file_history(entry)
            for change in found.changes if found else ():
                if change.new:
                    out.append((local_date(change.date), entry, change.old, change.new))
        return out

    def _points(self, idea: Entry) -> list[tuple[dt.date, str]]:
        """The statuses the idea has had, each with the date it began, oldest first.

        From Git when it shows the idea moving: the first status then begins when the
        file was added (or at `submitted`, if that is earlier and the idea came in as
        submitted); a first status whose start Git does not know (a shallow clone) is
        left out. Otherwise one point: the status since `status_date`.
        """
        status = str(idea.get("status"))
        found, moves = self.file_history(idea), self._moves(idea)
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

    def _stays(self, idea: Entry) -> list[tuple[str, int, bool]]:
        """(status, days, finished) for each stay of the idea in a status, oldest first."""
        points = self._points(idea)
        stays = [(s, (end - start).days, True) for (start, s), (end, _) in pairwise(points)]
        return [*stays, (points[-1][1], max(0, (self.as_of - points[-1][0]).days), False)]

    def status_times(self) -> list[StatusTime]:
        """Days ideas spend in each status: median of finished stays, and of ongoing ones."""
        finished: dict[str, list[int]] = {s: [] for s in self.values("idea_status")}
        ongoing: dict[str, list[int]] = {s: [] for s in self.values("idea_status")}
        for idea in self.ideas:
            for status, days, done in self._stays(idea):
                (finished if done else ongoing).setdefault(status, []).append(days)
        return [
            StatusTime(s, len(done), median_days(done), len(now), median_days(now))
            for s, done, now in ((s, finished[s], ongoing[s]) for s in finished)
        ]

    def status_changes_per_quarter(self) -> list[tuple[str, list[int]]]:
        """Per quarter, in vocabulary order: ideas that came in (by `submitted`) and
        ideas that reached each later status (by the date their history gives)."""
        events: list[tuple[dt.date, str]] = []
        for idea in self.ideas:
            submitted = idea.get("submitted")
            if isinstance(submitted, dt.date):
                events.append((submitted, "submitted"))
            events += [(d, s) for d, s in self._points(idea) if s != "submitted"]
        if not events:
            return []
        counts = Counter((quarter(day), status) for day, status in events)
        statuses = self.values("idea_status")
        first, last = min(d for d, _ in events), max(d for d, _ in events)
        return [(q, [counts[q, s] for s in statuses]) for q in quarters(first, last)]

    def stale_limits(self) -> list[tuple[str, int]]:
        """The `stale:` limits as (status, days), in vocabulary order."""
        limits = self.config.stale
        return [(s, limits[s]) for s in self.values("idea_status") if s in limits]

    def stale_ideas(self) -> list[tuple[str, list[Waiting]]]:
        """Ideas waiting longer than `stale:` allows, per handling municipality (by
        name), the longest wait first."""
        groups: dict[str, list[Waiting]] = {}
        for idea in self.ideas:
            status = str(idea.get("status"))
            limit = self.config.stale.get(status)
            days = self.days_in_status(idea)
            if limit is not None and days > limit:
                waiting = Waiting(idea, status, self.status_date(idea), days, limit)
                groups.setdefault(str(idea.get("municipality")), []).append(waiting)
        for waiting_list in groups.values():
            waiting_list.sort(key=lambda w: (-w.days, sv_key(w.idea.title), w.idea.id))
        return sorted(groups.items(), key=lambda kv: (sv_key(self.short_name(kv[0])), kv[0]))


def _first_start(entry: Entry) -> dt.datetime:
    starts = [
        s["start"] for s in entry.get("sessions") or [] if isinstance(s.get("start"), dt.datetime)
    ]
    return min(starts) if starts else dt.datetime.max.replace(tzinfo=dt.UTC)
