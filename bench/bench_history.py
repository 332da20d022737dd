"""Time the one-pass Git history against per-file `git log` and against `git log -p`.

Run: .venv/bin/python bench/bench_history.py   (options: --ideas, --commits, --runs,
--sample, --keep DIR). Builds a synthetic repository with `git fast-import` (10 000
ideas, 1 000 commits that add ideas, move them through the statuses and rename some),
then times, in one run:

- `sluss.content.history.read_history`: the whole extraction (rev-parse, one `git log -p -U0`,
  one `git status`, and the parsing);
- the floor: git's own `git log -p` over the content folders, output read and dropped;
- per file: `git log -1 --format=%ct -- <file>`, what the usual git-date plugins run for
  every page, on a sample of files, extrapolated to all of them (a full run would take
  about an hour).

Prints a Markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from machine import describe
from sluss.content.history import read_history
from sluss.core.model import COLLECTIONS
from synth import fast_import, import_file

FOLDERS = tuple(sorted(COLLECTIONS))
NEXT = {"submitted": ("assessing",), "assessing": ("testing", "parked", "closed")}
NEXT |= {"testing": ("implemented", "closed"), "parked": ("assessing",)}
START = int(dt.datetime(2023, 1, 2, 9, tzinfo=dt.UTC).timestamp())
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}


def idea_text(n: int, status: str) -> bytes:
    """About 1 KB, like the sample ideas: front matter, then a body of a few paragraphs."""
    return (
        f"---\ntitle: Idé nummer {n} om bättre välfärd\n"
        f"summary: En påhittad idé för att mäta hur snabbt historiken läses, nummer {n}.\n"
        f"municipality: kommun-{n % 15}\narea: care\nstatus: {status}\n"
        f"submitted: 2023-01-{n % 28 + 1:02d}\ntags: [syntetisk, test]\n"
        f"need: Ett behov som idé {n} svarar på, beskrivet med några ord.\n---\n"
        + "## Bakgrund\n\nEn rad brödtext som beskriver bakgrunden till idén.\n" * 4
        + "## Förslag\n\nVad som föreslås och hur det kan prövas i verksamheten.\n" * 4
    ).encode()


def stream(ideas: int, commits: int, seed: int = 4) -> Iterator[bytes]:
    """A fast-import stream; also counts the status changes it makes (`stream.moves`)."""
    rng = random.Random(seed)
    status: dict[int, str] = {}
    path: dict[int, str] = {}
    per_commit = -(-ideas // commits)
    moves = 0
    for k in range(commits):
        when = START + k * 86_400 + rng.randrange(36_000)
        message = f"Ändring {k}\n".encode()
        yield (
            f"commit refs/heads/main\nmark :{k + 1}\n"
            f"committer Bench <bench@example.invalid> {when} +0000\n"
            f"data {len(message)}\n"
        ).encode() + message
        if k:
            yield f"from :{k}\n".encode()
        for n in range(k * per_commit, min(ideas, (k + 1) * per_commit)):
            status[n], path[n] = "submitted", f"ideas/ide-{n:05d}.md"
            yield import_file(path[n], idea_text(n, "submitted"))
        movable = [n for n in status if status[n] in NEXT and n < k * per_commit]
        for n in rng.sample(movable, min(len(movable), 20)) if k else []:
            status[n] = rng.choice(NEXT[status[n]])
            moves += 1
            yield import_file(path[n], idea_text(n, status[n]))
        if k % 25 == 24:  # a few renames: their history must follow
            for n in rng.sample(sorted(status), 2):
                new = path[n].replace(".md", "-ny.md")
                yield f"R {path[n]} {new}\n".encode()
                path[n] = new
    stream.moves = moves  # type: ignore[attr-defined]


def make_repository(root: Path, ideas: int, commits: int) -> int:
    """The synthetic repository, checked out; returns how many status changes it holds."""
    fast_import(root, stream(ideas, commits))
    return int(stream.moves)  # type: ignore[attr-defined]


def measured(work: Callable[[], object]) -> tuple[float, float]:
    """Wall time and CPU time (this process and the git processes it waited for)."""
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    before = [resource.getrusage(w) for w in who]
    start = time.perf_counter()
    work()
    wall = time.perf_counter() - start
    after = [resource.getrusage(w) for w in who]
    pairs = zip(after, before, strict=True)
    return wall, sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in pairs)


def git(root: Path, *args: str) -> Callable[[], object]:
    return lambda: subprocess.run(
        ["git", *args], cwd=root, env=ENV, capture_output=True, check=True
    )


def machine() -> str:
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{describe()}, {git}; load average {load} at the end"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument(
        "--keep", type=Path, help="build the repository here and keep it (or reuse it)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "repo"
        started = time.perf_counter()
        if (root / ".git").is_dir():  # kept from an earlier run: count what it holds
            for _ in stream(args.ideas, args.commits):
                pass
            moves = int(stream.moves)  # type: ignore[attr-defined]
        else:
            moves = make_repository(root, args.ideas, args.commits)
        print(
            f"repository: {args.ideas} ideas, {args.commits} commits, {moves} status changes, "
            f"ready in {time.perf_counter() - started:.1f} s (git fast-import)\n"
        )
        run(root, args, moves)


def run(root: Path, args: argparse.Namespace, moves: int) -> None:
    """Interleaved runs; the minimum wall time is the figure least moved by other load."""
    found = read_history(root)
    files = sorted(p for p, f in found.files.items() if f.committed)
    counted = sum(len(f.moves) for f in found.files.values())
    assert len(files) == args.ideas and counted == moves, (len(files), counted, moves)
    methods = {
        "one pass: `read_history` (3 processes, parsing included)": lambda: read_history(root),
        "floor: `git log -p` over the content folders": git(root, "log", "-p", "--", *FOLDERS),
        "reference: `git log --name-status`": git(root, "log", "--name-status", "--", *FOLDERS),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in methods}
    for _ in range(args.runs):
        for name, work in methods.items():
            times[name].append(measured(work))
    sample = files[:: max(1, len(files) // args.sample)][: args.sample]
    single = [
        min(measured(git(root, "log", "-1", "--format=%ct", "--", path)) for _ in range(3))
        for path in sample
    ]  # per file: its best of 3
    wall = {n: min(w for w, _ in t) for n, t in times.items()}
    median = {n: statistics.median(w for w, _ in t) for n, t in times.items()}
    cpu = {n: statistics.median(c for _, c in t) for n, t in times.items()}
    per_file = statistics.mean(w for w, _ in single), statistics.mean(c for _, c in single)
    ours = next(iter(methods))
    print("| method | wall, best | wall, median | CPU | vs one pass (wall, CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name in methods:
        print(
            f"| {name} | {wall[name]:.2f} s | {median[name]:.2f} s | {cpu[name]:.2f} s "
            f"| {wall[name] / wall[ours]:.2f}×, {cpu[name] / cpu[ours]:.2f}× |"
        )
    whole = per_file[0] * len(files), per_file[1] * len(files)
    print(
        f"| per file: `git log -1 --format=%ct -- <file>`, {len(sample)} files measured "
        f"({per_file[0] * 1000:.0f} ms each), **extrapolated** to {len(files)} files "
        f"| {whole[0]:.0f} s | – | {whole[1]:.0f} s "
        f"| {whole[0] / wall[ours]:,.0f}×, {whole[1] / cpu[ours]:,.0f}× |"
    )
    floor = "floor: `git log -p` over the content folders"
    print(
        f"\none pass / floor: {wall[ours] / wall[floor]:.2f} wall, {cpu[ours] / cpu[floor]:.2f} "
        f"CPU (goal ≤ 2). Per file / one pass: {whole[0] / wall[ours]:,.0f}× wall "
        f"(goal > 1 000; the floor itself: {whole[0] / wall[floor]:,.0f}×). {args.runs} runs; "
        f"{counted} status changes and {len(files)} files found, as generated."
    )
    print(f"\nDate: {dt.date.today().isoformat()}\nMachine: {machine()}")
    print(f"Command: {' '.join(['python', *sys.argv])}")


if __name__ == "__main__":
    main()
