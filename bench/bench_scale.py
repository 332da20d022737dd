"""The scale benchmark: every stage of `sluss build` at 1 000, 5 000 and 10 000 ideas.

    .venv/bin/python bench/bench_scale.py [--sizes 1000 5000 10000] [--keep DIR] [--write]

For each size it makes a synthetic repository with `bench/synth.py` (seeded, with Git
history; `--keep DIR` keeps them for the next run), then measures, each beside its
floor or rival in the same run:

- `sluss check` against reading the files and parsing their front matter with libyaml
  alone (interleaved runs, medians) – goal at most 1.5×;
- the Git history (`read_history`) against git's own `git log -p` over the same folders;
- one build through the real code path with its stages timed (`sluss.build.timings.Timings`):
  check, history, pages, exports, writing, MkDocs, sanitising. Goal: generation and
  export (pages, exports, writing) at most 15 % of them plus MkDocs; stricter shares
  with check, history and sanitising counted in are shown beside it;
- the whole `sluss build` as a user runs it, in its own process: wall time and peak
  memory (the largest resident set, from `wait4`) – goal under 4 GB at 10 000;
- the built site: page count, largest pages, home page transfer and search payload
  (`bench/bench_pages.py`).

Prints Markdown; `--write` also puts it into bench/RESULTS.md between the markers.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bench_check
import synth
from machine import describe, thousands
from record import write_section
from sluss.build.builders import build_site
from sluss.build.generate import generate
from sluss.build.timings import Timings
from sluss.content.check import check_repository
from sluss.content.history import read_history
from sluss.core.model import COLLECTIONS

GENERATION = ("pages", "exports", "write")  # the generator's own stages, weighed against MkDocs


def repository(ideas: int, keep: Path | None, tmp: Path) -> tuple[Path, float]:
    root = (keep or tmp) / f"ideer-{ideas}"
    if (root / ".git").is_dir():
        return root, 0.0
    started = time.perf_counter()
    synth.make(root, ideas)
    return root, time.perf_counter() - started


def git_log(root: Path) -> Callable[[], object]:
    return lambda: subprocess.run(
        ["git", "log", "-p", "--", *sorted(COLLECTIONS)],
        cwd=root,
        capture_output=True,
        check=True,
    )


def clean(root: Path) -> None:
    for name in ("docs/slussen", "docs/admin", "site"):
        shutil.rmtree(root / name, ignore_errors=True)


def staged_build(root: Path) -> Timings:
    """One cold build through the real code path, every stage timed."""
    clean(root)
    timings = Timings()
    with contextlib.redirect_stdout(io.StringIO()):
        assert generate(root, quiet=True, timings=timings) is not None
        assert build_site(root, root / "site", timings)
    return timings


def whole_build(root: Path) -> tuple[float, int]:
    """`sluss build` in its own process, cold: wall seconds and peak resident bytes."""
    clean(root)
    sluss = Path(sys.executable).with_name("sluss")
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(sluss), "build"], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return wall, usage.ru_maxrss * 1024  # kilobytes on Linux


def site_figures(site: Path) -> dict[str, object]:
    try:
        from bench_pages import measure_site
    except ImportError:
        return {}
    return measure_site(site)


def measure(ideas: int, keep: Path | None, tmp: Path, runs: int) -> dict[str, object]:
    root, made = repository(ideas, keep, tmp)
    files = check_repository(root).files
    log(f"{ideas} ideas: {files} files ({made:.0f} s to generate); check vs floor …")
    check = bench_check.interleaved(
        {"check": lambda: check_repository(root), "floor": lambda: bench_check.floor(root)},
        runs,
    )
    log("history vs git log -p …")
    history = bench_check.interleaved(
        {"history": lambda: read_history(root), "git": git_log(root)}, runs
    )
    log("one build, stages timed …")
    stages = staged_build(root)
    log("whole `sluss build` in its own process …")
    wall, peak = whole_build(root)
    log("the built site …")
    return {
        "ideas": ideas,
        "files": files,
        "check": check,
        "history": history,
        "stages": dict(stages),
        "whole": wall,
        "peak": peak,
        "site": site_figures(root / "site"),
    }


def log(text: str) -> None:
    print(f"bench_scale: {text}", file=sys.stderr, flush=True)


def markdown(rows: list[dict[str, object]], runs: int) -> str:
    def s(x: float) -> str:
        return f"{x:.2f} s" if x < 10 else f"{x:.0f} s"

    out = [
        "Reproduce: `make bench-scale` (or `.venv/bin/python bench/bench_scale.py --write`).",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {describe()}; load average at the end "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        f"- Check and history: medians of {runs} interleaved runs; build: one cold build",
        "",
        "| ideas | files | `sluss check` | floor: read + libyaml | ratio (goal ≤ 1.5×) "
        "| history | floor: `git log -p` | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        c, h = r["check"], r["history"]
        assert isinstance(c, dict) and isinstance(h, dict)
        out.append(
            f"| {thousands(r['ideas'])} | {thousands(r['files'])} "
            f"| {s(c['check'])} | {s(c['floor'])} "
            f"| **{c['check'] / c['floor']:.2f}×** | {s(h['history'])} | {s(h['git'])} "
            f"| {h['history'] / h['git']:.2f}× |"
        )
    out += [
        "",
        "The generator's own stages: `check` and `history` are measured against "
        "their own floors above; **generation and export** – `pages` (Jinja2 templates, "
        "similar items, charts), `exports` (open data, feeds, calendars) and `write` – "
        "against the MkDocs build of the same pages. The stricter shares count check and "
        "history in too, and then also `sanitize` (the allow-list cleaner over every "
        "built page, defence in depth, which runs on MkDocs' output).",
        "",
        "| ideas | check | history | pages | exports | write | **generation + export** "
        "| MkDocs | share (goal ≤ 15 %) | with check + history | sanitize "
        "| all but MkDocs | whole `sluss build` | peak memory (goal < 4 GB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        t = r["stages"]
        assert isinstance(t, dict)
        generation = sum(t[k] for k in GENERATION)
        inputs = t["check"] + t["history"]
        mkdocs, clean = t["mkdocs"], t["sanitize"]
        peak = r["peak"]
        assert isinstance(peak, int)

        def share(part: float, mkdocs: float = mkdocs) -> str:
            return f"{part / (part + mkdocs):.1%}"

        out.append(
            f"| {thousands(r['ideas'])} | "
            + " | ".join(s(t[k]) for k in ("check", "history", *GENERATION))
            + f" | {s(generation)} | {s(mkdocs)} | **{share(generation)}** "
            f"| {share(generation + inputs)} | {s(clean)} "
            f"| {share(generation + inputs + clean)} "
            f"| {s(r['whole'])} | {peak / 2**30:.2f} GB |"
        )
    pages = [r for r in rows if r["site"]]
    if pages:
        from bench_pages import markdown_rows

        out += ["", *markdown_rows([(r["ideas"], r["site"]) for r in pages])]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the repositories here (reused)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, args.keep, Path(tmp), args.runs) for n in args.sizes]
    text = markdown(rows, args.runs)
    print(text)
    if args.write:
        write_section("bench_scale", text)


if __name__ == "__main__":
    main()
