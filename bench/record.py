"""Write a benchmark's Markdown into its own section of bench/RESULTS.md.

Each generated section sits between `<!-- NAME: begin -->` and `<!-- NAME: end -->`;
the prose around the markers is written by hand and stays.
"""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, text: str, results: Path = RESULTS) -> None:
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    old = results.read_text(encoding="utf-8")
    start, stop = old.find(begin), old.find(end)
    if start < 0 or stop < start:
        raise SystemExit(f"{name}: the markers {begin} … {end} are missing in {results}")
    results.write_text(old[: start + len(begin)] + "\n" + text + old[stop:], encoding="utf-8")
