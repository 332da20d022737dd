"""Git history in one pass: dates and status timelines of every content file.

One `git log -p -U0` process reads the history of all content folders; the patch is
parsed once, linearly, following renames. Of each file it keeps the first and last
commit dates and every change of its status field (`model.STATUS_FIELD`): only lines
of the front matter count, never a look-alike line in the body. One `git rev-parse`
(is it a repository, a shallow clone?) and one `git status` (uncommitted files) go
with it: three processes, whatever the number of files.

Authors' names and e-mails are never requested, so they cannot leak onto the site.
Nothing here raises on a missing git or a folder that is not a repository: the
history is then simply not `available`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import statistics
import subprocess
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sluss.core.model import COLLECTIONS, STATUS_FIELD

MARK = "\x00"  # starts each commit line of our format; no patch line can start with it
LOG_FORMAT = "%x00%H %ct"  # hash and committer time: never %an/%ae


@dataclass(frozen=True)
class Change:
    """One change of a status field: `old` None when the value first appeared."""

    date: dt.datetime  # UTC
    old: str | None
    new: str | None  # None: the field was removed
    # The `status_date` the same commit wrote, if it set one: the day the decision was
    # made, when the commit only records it later (see `site.timelines`).
    written: dt.date | None = None


@dataclass(frozen=True)
class FileHistory:
    created: dt.datetime | None = None  # None: uncommitted, or before a shallow clone's start
    updated: dt.datetime | None = None  # the latest commit that changed the file
    changes: tuple[Change, ...] = ()
    committed: bool = False
    modified_since_commit: bool = False

    @property
    def moves(self) -> tuple[Change, ...]:
        """Real status changes: from one value to another, not the first value."""
        return tuple(c for c in self.changes if c.old is not None)

    @property
    def entry(self) -> Change | None:
        """The status the file came in with, in the commit that added it: its entry into
        the portal, never a status change (one commit may bring many old items)."""
        first = self.changes[0] if self.changes else None
        if first is None or first.old is not None or first.date != self.created:
            return None
        return first


UNCOMMITTED = FileHistory()


@dataclass(frozen=True)
class History:
    files: Mapping[str, FileHistory] = field(default_factory=dict)  # path from the root
    available: bool = False  # False: not a Git repository, or git is missing
    shallow: bool = False  # a shallow clone: history starts at its horizon
    problem: str = ""  # why a repository's history could not be read, when it should be

    def of(self, path: str) -> FileHistory | None:
        """The history of a file (uncommitted if Git does not know it); None without Git."""
        return self.files.get(path, UNCOMMITTED) if self.available else None


def read_history(root: Path, folders: Sequence[str] = tuple(sorted(COLLECTIONS))) -> History:
    """The history of every file in `folders` of the repository that holds `root`."""
    found = _git(root, "rev-parse", "--is-shallow-repository", "--git-dir", "--show-prefix")
    if isinstance(found, str):
        return History(problem=found)
    shallow, git_dir, prefix = [*found.decode("utf-8", "replace").split("\n"), "", ""][:3]
    horizon = _shallow_commits(root / git_dir) if shallow == "true" else frozenset()
    # Both at once: `git status` runs while the log streams in and is parsed.
    status = _start(
        root, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--",
        *folders,
    )  # fmt: skip
    log = _start(root, "-c", "core.quotepath=false", "log", *LOG_ARGS, "--", *folders)
    parser = _Parser(horizon)
    changed: set[str] = set()
    try:
        if log is not None and log.stdout is not None:
            parser.feed(io.TextIOWrapper(log.stdout, "utf-8", "replace", newline="\n"))
            if log.wait() != 0:  # a repository without commits has no log: not an error
                parser = _Parser(horizon)
        if status is not None:
            output, _ = status.communicate()
            if status.returncode == 0:
                changed = _worktree_changes(output, prefix, folders)
    finally:
        for process in (log, status):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    return History(parser.result(changed), available=True, shallow=shallow == "true")


LOG_ARGS = (
    *("--first-parent", "-m", "--root", "--reverse", "-M", "--relative"),
    *("-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-show-signature"),
    *("--src-prefix=a/", "--dst-prefix=b/", f"--format={LOG_FORMAT}"),
)
ENV = {"GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}  # no index writes; messages in English


def _start(root: Path, *args: str) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            ["git", *args],
            cwd=root,
            env={**os.environ, **ENV},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def _git(root: Path, *args: str) -> bytes | str:
    """Standard output, or why it failed ('' when that is normal: no git, no repository)."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, env={**os.environ, **ENV}, capture_output=True, check=False
        )
    except OSError:
        return "git saknas" if (root / ".git").exists() else ""
    if done.returncode == 0:
        return done.stdout
    error = done.stderr.decode("utf-8", "replace").strip().splitlines() or [""]
    return "" if "not a git repository" in error[0] else error[0]


def _shallow_commits(git_dir: Path) -> frozenset[str]:
    """The commits at a shallow clone's horizon: Git diffs them against nothing."""
    try:
        return frozenset((git_dir / "shallow").read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def _worktree_changes(status: bytes, prefix: str, folders: Sequence[str]) -> set[str]:
    """Paths (from the root) that differ from the last commit: new, changed or deleted."""
    out = set()
    for entry in status.decode("utf-8", "replace").split("\0"):
        path = entry[3:]
        if path.startswith(prefix) and path[len(prefix) :].partition("/")[0] in folders:
            out.add(path[len(prefix) :])
    return out


# --- the parser ------------------------------------------------------------------------

# `status_date:` after the status key's own name: read with it, at no extra cost,
# because every line starting with `status` already reaches `_Parser._saw`.
DATE_SUFFIX = "_date:"
_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# Used as pattern.match(line, 1): after the diff's "+"; a CRLF file's lines end in "\r".
_FENCE = re.compile(r"---[ \t]*\r?$")
_END = re.compile(r"(?:---|\.\.\.)[ \t]*\r?$")
_ESCAPE = re.compile(rb"\\([0-7]{3}|.)")
_ESCAPES = {b"n": b"\n", b"t": b"\t", b'"': b'"', b"\\": b"\\", b"a": b"\a", b"b": b"\b"}


class _File:
    """What the parser knows of one file so far."""

    __slots__ = ("changes", "created", "fm_end", "updated", "value")

    def __init__(self, created: int | None, updated: int) -> None:
        self.created = created
        self.updated = updated
        self.changes: list[tuple[int, str | None, str | None, dt.date | None]] = []
        self.value: str | None = None
        # The line of the front matter's closing `---` in the latest version: 0 when the
        # file has none, None when unknown (then every status line counts).
        self.fm_end: int | None = 0


class _Parser:
    """Replays `git log -p -U0` output, oldest commit first, in one linear pass.

    Per file diff: the headers say whether it was added, deleted or renamed; the hunks
    that touch the front matter are read line by line, all others are skipped by their
    line counts (at C speed), so the bodies of added files cost next to nothing. Lines
    come from a stream, so parsing runs while git still writes.
    """

    def __init__(self, horizon: frozenset[str]) -> None:
        self.horizon = horizon
        self.files: dict[str, _File] = {}
        self.time = 0
        self.at_horizon = False  # this commit is a shallow clone's first
        self.open = False  # inside one file's diff
        self.path = ""
        self.file: _File | None = None
        self.created = self.deleted = False
        self.renamed_from = ""
        self.seen = False  # a status line was added or removed in this diff
        self.value: str | None = None  # the value it was set to (None: removed)
        self.written: dt.date | None = None  # a `status_date` added in this diff
        self.fm_end: int | None = 0  # the front matter's end in the new version

    def feed(self, lines: Iterable[str]) -> None:
        """Parse lines as `git log` writes them (each may end in "\\n")."""
        it = iter(lines)
        for line in it:
            first = line[:1]  # dispatch on one character: most lines are skipped here
            if first == "@":
                if self.open:
                    self._hunk(line, it)
            elif first == "d":
                if line.startswith("diff --git "):
                    self._close()
                    self._begin(_diff_path(line[11:].rstrip("\n")))
                elif self.open and line.startswith("deleted file mode"):
                    self.files.pop(self.path, None)
                    self.deleted = True
            elif first == "n":
                if self.open and line.startswith("new file mode"):
                    created = None if self.at_horizon else self.time
                    self.file = self.files[self.path] = _File(created, self.time)
                    self.created, self.fm_end = True, 0
            elif first == "r":
                if self.open:
                    self._rename(line.rstrip("\n"))
            elif first == MARK:
                self._close()
                commit, _, time = line[1:].partition(" ")
                self.time, self.at_horizon = int(time), commit in self.horizon
        self._close()

    def _rename(self, line: str) -> None:
        if line.startswith("rename from "):
            self.renamed_from = _unquote(line[12:])
        elif line.startswith("rename to "):
            self.path = _unquote(line[10:])
            moved = self.files.pop(self.renamed_from, None) or _File(self.time, self.time)
            self.file = self.files[self.path] = moved
            self.fm_end = moved.fm_end

    def _begin(self, path: str) -> None:
        self.open, self.path, self.file = True, path, None
        self.created = self.deleted = self.seen = False
        self.value = self.written = None

    def _current(self) -> _File:
        if self.file is None:  # changed: known from an earlier commit (or oddly not)
            self.file = self.files.get(self.path)
            if self.file is None:
                self.file = self.files[self.path] = _File(self.time, self.time)
            self.fm_end = self.file.fm_end
        return self.file

    def _close(self) -> None:
        """The end of one file's diff in one commit: record the date and any change."""
        if not self.open:
            return
        self.open = False
        if self.deleted:
            return
        file = self._current()
        file.updated = max(file.updated, self.time)
        file.fm_end = self.fm_end
        if self.seen and self.value != file.value:
            if not (self.created and self.at_horizon):  # a shallow clone's start: no change
                file.changes.append((self.time, file.value, self.value, self.written))
            file.value = self.value

    def _hunk(self, header: str, it: Iterator[str]) -> None:
        """Read (or skip) the hunk whose lines follow in `it`.

        Skipping by the header's counts never overshoots: a "\\ No newline" line
        makes it stop short, and the main loop passes over what is left.
        """
        match = _HUNK.match(header)
        if match is None or self.deleted:
            return
        old, new = int(match[1]), int(match[3])
        removed = 1 if match[2] is None else int(match[2])
        added = 1 if match[4] is None else int(match[4])
        file = self._current()
        key = STATUS_FIELD.get(self.path.partition("/")[0])
        end = file.fm_end  # in the old version
        if key is None:
            self.fm_end = None  # not followed: unknown should it ever move to a tracked folder
        elif end == 0:  # no front matter: read on only if one begins at line 1
            if new == 1:
                _skip(it, removed)
                self._added(it, new, added, key, "opening")
                return
        elif end is not None and (old > end if removed else old >= end):
            pass  # the hunk is in the body
        elif end is not None and (old + removed - 1 < end if removed else old < end):
            assert self.fm_end is not None  # before the end, so it is still known
            self.fm_end += added - removed  # wholly inside the front matter
            self._removed(it, old, removed, key, None)
            self._added(it, new, added, key, "")
            return
        else:  # the hunk replaces the closing line (or the end is unknown)
            self.fm_end = None  # until a new `---` shows
            self._removed(it, old, removed, key, end)
            self._added(it, new, added, key, "closing")
            return
        _skip(it, removed + added)

    def _removed(self, it: Iterator[str], old: int, count: int, key: str, end: int | None) -> None:
        """Removed lines; those before `end` (or all, when None) are front matter."""
        while count > 0:
            line = next(it, None)
            if line is None:
                return
            if line.startswith("\\"):
                continue
            if line.startswith(key, 1) and (end is None or old < end):
                self._saw(line, len(key) + 1)
            old, count = old + 1, count - 1

    def _added(self, it: Iterator[str], new: int, count: int, key: str, end: str) -> None:
        """Added lines. `end` "opening": line 1 must be `---`; "closing": a `---` ends it."""
        while count > 0:
            line = next(it, None)
            if line is None:
                return
            if line.startswith("\\"):
                continue
            if end == "opening" and new == 1:
                if not _FENCE.match(line, 2 if line.startswith("+\ufeff") else 1):
                    _skip(it, count - 1)  # line 1 is not `---`: no front matter
                    return
                self.fm_end, end = None, "closing"
            elif end and line.startswith(("+---", "+...")) and new > 1 and _END.match(line, 1):
                self.fm_end = new
                _skip(it, count - 1)  # the rest of the hunk is body
                return
            elif line.startswith(key, 1):
                self._saw(line, len(key) + 1)
            new, count = new + 1, count - 1

    def _saw(self, line: str, colon: int) -> None:
        """A line of the status field, added (+) or removed (-), in the front matter."""
        if line[0] == "+" and line.startswith(DATE_SUFFIX, colon):
            self.written = _date(line[colon + len(DATE_SUFFIX) :])
            return
        after = line[colon + 1 : colon + 2]
        if line[colon : colon + 1] != ":" or after not in ("", " ", "\t", "\r", "\n"):
            return  # `statuses:` or `status:x` is not the key `status`
        if line[0] == "+":
            self.value, self.seen = _scalar(line[colon + 1 :]), True
        elif not self.seen:
            self.seen = True  # removed, and (so far) not added back

    def result(self, changed: set[str]) -> dict[str, FileHistory]:
        stamps: dict[int, dt.datetime] = {}

        def when(time: int) -> dt.datetime:
            if time not in stamps:
                stamps[time] = dt.datetime.fromtimestamp(time, dt.UTC)
            return stamps[time]

        out = {
            path: FileHistory(
                created=None if f.created is None else when(f.created),
                updated=when(f.updated),
                changes=tuple(Change(when(t), o, n, w) for t, o, n, w in f.changes),
                committed=True,
                modified_since_commit=path in changed,
            )
            for path, f in self.files.items()
        }
        for path in changed - out.keys():
            out[path] = UNCOMMITTED
        return out


def _skip(it: Iterator[str], count: int) -> None:
    """Pass over `count` lines without looking at them."""
    if count > 0:
        deque(islice(it, count), maxlen=0)


def _scalar(raw: str) -> str | None:
    """A YAML scalar as written on one line: quotes and a trailing comment removed."""
    value = raw.strip()
    if value[:1] in ('"', "'"):
        close = value.find(value[0], 1)
        value = value[1:close] if close > 0 else value[1:]
    else:
        value = value.split(" #", 1)[0].rstrip()
    return value or None


def _date(raw: str) -> dt.date | None:
    """A `status_date` value as written on one line; None when it is no date."""
    value = _scalar(raw)
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _unquote(path: str) -> str:
    """A path as Git prints it: C-quoted when it holds special characters."""
    if not (path.startswith('"') and path.endswith('"') and len(path) > 1):
        return path

    def one(m: re.Match[bytes]) -> bytes:
        code = m[1]
        return bytes([int(code, 8)]) if len(code) == 3 else _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, path[1:-1].encode()).decode("utf-8", "replace")


def _diff_path(names: str) -> str:
    """The new path from `a/OLD b/NEW` (a rename's own lines are read separately)."""
    if names.startswith('"'):
        close = re.match(r'"(?:[^"\\]|\\.)*"', names)
        rest = names[close.end() + 1 :] if close else names
        return _unquote(rest)[2:]
    half = (len(names) - 1) // 2  # `a/P b/P`: both halves the same when not renamed
    if names[half : half + 3] == " b/" and names[2:half] == names[half + 3 :]:
        return names[half + 3 :]
    return _unquote(names.rpartition(" b/")[2] if " b/" in names else names)


# --- derivations the portal and the checker share ------------------------------------------


def median_days(values: Iterable[int]) -> float | None:
    found = list(values)
    return statistics.median(found) if found else None


def shallow_warning(lang: str = "sv") -> str:
    if lang == "en":
        return (
            "sluss: warning: the repository is a shallow clone, so its history is "
            "incomplete; dates and status timelines show only what it holds. "
            "Fetch the whole history with `git fetch --unshallow` "
            "(GitHub Actions: `fetch-depth: 0`)."
        )
    return (
        "sluss: varning: förrådet är en grund klon (shallow clone), så historiken är "
        "ofullständig; datum och statushistorik visar bara det som finns. Hämta hela "
        "historiken med `git fetch --unshallow` (i GitHub Actions: `fetch-depth: 0`)."
    )


def outside_git(root: Path) -> bool:
    """Whether `root` is in no Git repository (a copy from a downloaded zip, say), or git
    is not installed: either way there is no history to read."""
    return _git(root, "rev-parse", "--git-dir") == ""


def no_git_warning(lang: str = "sv") -> str:
    if lang == "en":
        return (
            "sluss: warning: this folder is not a Git repository (no .git, as in a "
            "downloaded zip), so dates come from the files only: pages do not show when "
            "an item was created or changed, nor its status history. Clone the repository "
            "with `git clone` to get them."
        )
    return (
        "sluss: varning: mappen är inget Git-förråd (ingen .git, som i en nedladdad zip), "
        "så datumen tas bara från filerna: sidorna visar inte när en post skapades eller "
        "ändrades, och ingen statushistorik. Klona förrådet med `git clone` för att få dem."
    )
