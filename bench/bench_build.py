"""Time `sluss build` on the sample content, and the share spent outside MkDocs.

Run: .venv/bin/python bench/bench_build.py   (or `make bench`)
Works on a copy of the repository in a temporary folder; prints a Markdown
table to paste into bench/RESULTS.md.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from machine import copy_portal
from sluss.build.builders import build_site
from sluss.build.generate import generate

REPO = Path(__file__).resolve().parent.parent
RUNS = 5


def main() -> None:
    outside, inside = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copy_portal(root)
        for run in range(RUNS + 1):
            if run:  # from the second run on, regenerate everything as a fresh build would
                shutil.rmtree(root / "docs" / "slussen", ignore_errors=True)
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                start = time.perf_counter()
                assert generate(root, quiet=True) is not None
                middle = time.perf_counter()
                assert build_site(root, root / "site")
                end = time.perf_counter()
            if run:  # the first run warms caches and imports
                outside.append(middle - start)
                inside.append(end - middle)
        pages = len(list((root / "site").rglob("*.html")))
    total = [a + b for a, b in zip(outside, inside, strict=True)]
    share = statistics.median(outside) / statistics.median(total)
    print("| pages | check + generate (s) | MkDocs (s) | whole build (s) | outside MkDocs |")
    print("|---|---|---|---|---|")
    print(
        f"| {pages} | {statistics.median(outside):.2f} | {statistics.median(inside):.2f} "
        f"| {statistics.median(total):.2f} | {share:.0%} |"
    )
    print(f"\nmedian of {RUNS} runs, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
