"""Benchmark `sluss check`: the sample content, a synthetic repository, hostile files.

    .venv/bin/python bench/bench_check.py [--copies 2000] [--runs 5] [--profile]

Each figure is the median of `--runs` runs of `check_repository`. The floor is what no
checker can beat: reading the same files and parsing their front matter with
`yaml.load(..., Loader=yaml.CSafeLoader)` alone. The ratio says what the checking costs.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from sluss.check import check_repository  # noqa: E402
from sluss.load import iter_content_files  # noqa: E402
from sluss.model import COLLECTIONS  # noqa: E402

TODAY = dt.date(2026, 11, 27)


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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


def synthetic(dest: Path, copies: int) -> Path:
    """The sample repository with its ideas copied until there are `copies` of them."""
    shutil.copy(ROOT / "sluss.yml", dest / "sluss.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    for name in COLLECTIONS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    ideas = sorted((ROOT / "ideas").glob("*.md"))
    for i in range(copies - len(ideas)):
        source = ideas[i % len(ideas)]
        shutil.copy(source, dest / "ideas" / f"{source.stem}-{i}.md")
    return dest


def hostile(dest: Path) -> Path:
    """Every hostile file of tests/test_check_hostile.py in one repository."""
    from test_check_hostile import HOSTILE, VALID, make_repo, write

    root = make_repo(dest / "repo")
    for name, (content, *_) in HOSTILE.items():
        write(root, name, content)
    for name, text in VALID.items():
        write(root, name, text)
    return root


def measure(label: str, root: Path, runs: int, with_floor: bool = True) -> dict[str, object]:
    repo = check_repository(root, today=TODAY)  # warm up, and count
    files = repo.files
    check = median_time(lambda: check_repository(root, today=TODAY), runs)
    base = median_time(lambda: floor(root), runs) if with_floor else float("nan")
    size = sum(p.stat().st_size for _, p in iter_content_files(root) if p.is_file())
    row = {
        "label": label,
        "files": files,
        "mb": size / 1e6,
        "check_s": check,
        "files_per_s": files / check,
        "floor_s": base,
        "ratio": check / base,
        "diagnostics": len(repo.diagnostics),
    }
    print(
        f"{label:<34} {files:>6} files {size / 1e6:7.2f} MB  check {check * 1000:8.1f} ms "
        f"({files / check:8.0f} files/s)  floor {base * 1000:7.1f} ms  ratio {check / base:5.2f}x"
        f"  ({len(repo.diagnostics)} diagnostics)"
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the synthetic run")
    args = parser.parse_args()
    measure("sample content", ROOT, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        root = synthetic(Path(tmp), args.copies)
        measure(f"synthetic ({args.copies} ideas)", root, args.runs)
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(check_repository, root, TODAY)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    with tempfile.TemporaryDirectory() as tmp:
        measure("hostile files (no floor: unparsable)", hostile(Path(tmp)), args.runs, False)


if __name__ == "__main__":
    main()
