"""Benchmark `sluss check` against its floor: the sample, synthetic repositories, hostile files.

    .venv/bin/python bench/bench_check.py [--sizes 1000 5000 10000] [--warned 0.16] [--runs 5]
                                          [--keep DIR] [--similar] [--profile [IDEAS]]

The floor is what no checker can beat: reading the same files and parsing their front
matter with `yaml.load(..., Loader=yaml.CSafeLoader)`, nothing else, in one process.
The ratio says what the checking costs (goal: at most 1.5×).

Rows: the sample content of this repository; a repository of each size made by
`bench/synth.py` (seeded: N ideas, N/5 innovations, N/20 training items, challenges, the
real municipalities; `--keep DIR` keeps them for the next run, as bench_scale.py does);
beside each, the same repository with `--warned` of its ideas carrying one warning each
(`synth.py --warned`; 0 leaves these rows out), since a file with a diagnostic is the
one whose lines and columns are looked for; and every hostile file of
bench/hostile_files.py (no floor: most cannot be parsed).

Check and floor take turns (`--runs` times; fair when the machine is shared), the clean
and the warned repository of a size within the same turns, and each figure is a median,
of wall time and of the process's CPU time: on a shared machine the CPU ratio moves
less. `--similar` also times `sluss check --similar` once per repository (the
similar-idea warnings, an analysis of all ideas: not part of the goal). `--profile`
runs cProfile over one check of the largest size (or of IDEAS), warned if `--warned`.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402
from machine import describe, thousands  # noqa: E402
from sluss.content.check import check_repository  # noqa: E402
from sluss.content.load import iter_content_files  # noqa: E402

TODAY = dt.date(2026, 11, 27)


def floor(root: Path) -> int:
    """Read every content file and parse its front matter with libyaml; nothing else."""
    count = 0
    for _, path in iter_content_files(root):
        text = path.read_text(encoding="utf-8-sig")
        if text.startswith("---"):
            end = text.find("\n---", 3)
            yaml.load(text[3:end], Loader=yaml.CSafeLoader)
        count += 1
    return count


def synthetic(ideas: int, keep: Path | None, tmp: Path, warned: float = 0.0) -> Path:
    """A repository of `ideas` ideas from bench/synth.py (kept in `keep` if given)."""
    name = f"ideer-{ideas}" + (f"-warned-{warned:g}" if warned else "")
    root = (keep or tmp) / name
    if not (root / ".git").is_dir():
        print(f"bench_check: making {root} …", file=sys.stderr, flush=True)
        synth.make(root, ideas, warned=warned)
    return root


def hostile(dest: Path) -> Path:
    """Every hostile file of bench/hostile_files.py (the tests' cases) in one repository."""
    from hostile_files import HOSTILE, VALID, make_repo, write

    root = make_repo(dest / "repo")
    for name, (content, *_) in HOSTILE.items():
        write(root, name, content)
    for name, text in VALID.items():
        write(root, name, text)
    return root


def interleaved(methods: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median wall and CPU seconds of each method (`name`, `name cpu`), taking turns."""
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, work in methods.items():
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            times.setdefault(name, []).append(time.perf_counter() - wall)
            times.setdefault(f"{name} cpu", []).append(time.process_time() - cpu)
    return {name: statistics.median(t) for name, t in times.items()}


def measure(
    repositories: dict[str, Path], runs: int, with_floor: bool = True
) -> list[dict[str, object]]:
    """A row for each repository (label → root), all timed in the same interleaved turns."""
    rows: list[dict[str, object]] = []
    methods: dict[str, Callable[[], object]] = {}
    for i, (label, root) in enumerate(repositories.items()):
        repo = check_repository(root, today=TODAY)  # warm up, and count
        size = sum(p.stat().st_size for _, p in iter_content_files(root) if p.is_file())
        rows.append(
            {
                "label": label,
                "files": repo.files,
                "mb": size / 1e6,
                "diagnostics": len(repo.diagnostics),
            }
        )
        del repo  # kept, it would make every collection of the garbage collector longer
        methods[f"{i} check"] = functools.partial(check_repository, root, today=TODAY)
        if with_floor:
            methods[f"{i} floor"] = functools.partial(floor, root)
    times = interleaved(methods, runs)
    for i, row in enumerate(rows):
        mine = f"{i} "
        row |= {name.removeprefix(mine): t for name, t in times.items() if name.startswith(mine)}
        print(line(row), file=sys.stderr, flush=True)
    return rows


def with_similar(row: dict[str, object], root: Path) -> None:
    start = time.perf_counter()
    check_repository(root, today=TODAY, similar=True)
    row["similar"] = time.perf_counter() - start
    print(f"  … with --similar: {seconds(row['similar'])}", file=sys.stderr, flush=True)


def seconds(x: object) -> str:
    assert isinstance(x, float)
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def ratio(row: dict[str, object], cpu: str = "") -> str:
    check, base = row[f"check{cpu}"], row.get(f"floor{cpu}")
    assert isinstance(check, float)
    return f"{check / base:.2f}×" if isinstance(base, float) else "–"


def line(row: dict[str, object]) -> str:
    floor_s = seconds(row["floor"]) if "floor" in row else "–"
    return (
        f"{row['label']}: {row['files']} files, check {seconds(row['check'])}, "
        f"floor {floor_s}, ratio {ratio(row)} (CPU {ratio(row, ' cpu')}), "
        f"{row['diagnostics']} diagnostics"
    )


def markdown(rows: list[dict[str, object]], runs: int) -> str:
    similar = any("similar" in r for r in rows)
    out = [
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {describe()}; load average at the end "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        f"- Medians of {runs} interleaved runs (check, floor, check, …), wall and CPU time",
        "",
        "| repository | files | size | `sluss check` | floor | ratio (goal ≤ 1.5×) "
        "| CPU: check | CPU: floor | CPU ratio |" + (" `--similar` |" if similar else ""),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if similar else ""),
    ]
    for r in rows:
        files = r["files"]
        assert isinstance(files, int)
        cells = [
            str(r["label"]),
            thousands(files),
            f"{r['mb']:.2f} MB",
            seconds(r["check"]),
            seconds(r["floor"]) if "floor" in r else "–",
            f"**{ratio(r)}**" if "floor" in r else "–",
            seconds(r["check cpu"]),
            seconds(r["floor cpu"]) if "floor cpu" in r else "–",
            ratio(r, " cpu"),
        ]
        if similar:
            cells.append(seconds(r["similar"]) if "similar" in r else "–")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 10000])
    parser.add_argument(
        "--warned",
        type=float,
        default=0.16,
        metavar="SHARE",
        help="also each size with this share of ideas warned (0: not)",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="make the repositories here, or reuse them")
    parser.add_argument("--similar", action="store_true", help="also time check --similar")
    parser.add_argument(
        "--profile", type=int, nargs="?", const=0, metavar="IDEAS", help="cProfile one check"
    )
    args = parser.parse_args()
    rows = measure({"sample content (this repository)": ROOT}, args.runs)
    if args.similar:
        with_similar(rows[0], ROOT)
    share = f"{args.warned * 100:g} %"
    with tempfile.TemporaryDirectory() as tmp:
        roots: dict[int, dict[str, Path]] = {}
        for n in args.sizes:
            roots[n] = {f"synthetic, {thousands(n)} ideas": synthetic(n, args.keep, Path(tmp))}
            if args.warned:
                label = f"synthetic, {thousands(n)} ideas, {share} warned"
                roots[n][label] = synthetic(n, args.keep, Path(tmp), args.warned)
        for repositories in roots.values():
            measured = measure(repositories, args.runs)
            rows.extend(measured)
            if args.similar:
                for row, root in zip(measured, repositories.values(), strict=True):
                    with_similar(row, root)
        if args.profile is not None:
            ideas = args.profile or max(args.sizes, default=0)
            root = synthetic(ideas, args.keep, Path(tmp), args.warned)
            profile = cProfile.Profile()
            profile.runcall(check_repository, root, TODAY)
            for order in ("tottime", "cumulative"):
                pstats.Stats(profile, stream=sys.stderr).sort_stats(order).print_stats(25)
    with tempfile.TemporaryDirectory() as tmp:
        rows.extend(measure({"hostile files (no floor)": hostile(Path(tmp))}, args.runs, False))
    print(markdown(rows, args.runs))


if __name__ == "__main__":
    main()
