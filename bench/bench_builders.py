"""The builders side by side: MkDocs, ProperDocs and Zensical at 1 000 and 10 000 ideas.

    .venv/bin/python bench/bench_builders.py [--sizes 1000 10000] [--keep DIR] [--write]

For each size it makes one synthetic repository with `bench/synth.py` (seeded, with Git
history; `--keep DIR` keeps it for the next run), then, in one run and taking turns so
that the builders share the machine's noise:

1. a cold `sluss build --builder X --site-dir DIR` for every builder (no generated pages,
   no site, no Zensical cache), each in its own process;
2. one idea's summary changed on disk, then `sluss build` again for every builder, each
   into the site folder of its own cold build (Zensical with the cache its cold build
   left). `sluss build` regenerates every page and each builder builds the whole site:
   this is what a contributor's one-line change costs today, not an incremental build;
3. up to `--uncached-upto` ideas (1 000 by default): Zensical once more after a second
   change, with its cache removed first, to show what the cache is worth.

Each build gives its wall time, the builder's own stage (from the summary line
`sluss build` prints: "… MkDocs 1.7 s)"), and memory two ways: the largest resident
set of any one process of the tree (`wait4`, which covers the builder's child process
too) and the largest sum over the tree at one moment (the `sluss` process keeps the
generator's data while ProperDocs or Zensical run in a process of their own; sampled
from /proc every 0.2 s).

Prints Markdown; `--write` also puts it into bench/RESULTS.md between the markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_scale import repository
from machine import describe, thousands
from record import write_section

BUILDERS = ("mkdocs", "properdocs", "zensical")
LABELS = {"mkdocs": "MkDocs", "properdocs": "ProperDocs", "zensical": "Zensical"}
ZENSICAL_CACHE = ".cache"  # Zensical's cache, in the project folder
SUMMARY = re.compile(r", (MkDocs|ProperDocs|Zensical) ([0-9.]+) s\)\.$", re.M)
PAGE = os.sysconf("SC_PAGE_SIZE")


def log(text: str) -> None:
    print(f"bench_builders: {text}", file=sys.stderr, flush=True)


def tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """The largest sum of resident sets over a process tree, sampled."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.peak = max(self.peak, sum(rss(p) for p in tree(self.pid)))


def sluss_build(root: Path, builder: str, site: Path) -> dict[str, float]:
    """`sluss build --builder X --site-dir SITE` in its own process."""
    sluss = Path(sys.executable).with_name("sluss")
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(sluss), "build", "--builder", builder, "--site-dir", str(site)],
            cwd=root,
            stdout=out,
            stderr=err,
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        printed, errors = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sluss build --builder {builder} failed:\n{errors[-3000:]}")
    stage = SUMMARY.search(printed)
    assert stage and stage[1] == LABELS[builder], printed
    return {
        "wall": wall,
        "stage": float(stage[2]),
        "maxrss": usage.ru_maxrss * 1024,  # kilobytes on Linux
        "tree": sampler.peak,
        "pages": sum(1 for _ in site.rglob("*.html")),
    }


def cold(root: Path) -> None:
    for name in ("docs/slussen", "docs/admin", "site", ZENSICAL_CACHE):
        shutil.rmtree(root / name, ignore_errors=True)


def change_one_idea(root: Path, mark: str) -> Path:
    """Change the summary of the first idea (by name) on disk, as a contributor would."""
    idea = sorted((root / "ideas").glob("*.md"))[0]
    text = idea.read_text(encoding="utf-8")
    changed, n = re.subn(
        r"^summary: (.*)$", rf"summary: \1 Ändrad ({mark}).", text, count=1, flags=re.M
    )
    assert n == 1, idea
    idea.write_text(changed, encoding="utf-8")
    return idea


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def measure(
    ideas: int, builders: list[str], keep: Path | None, tmp: Path, uncached_upto: int
) -> dict[str, object]:
    root, made = repository(ideas, keep, tmp)
    sites = {b: tmp / f"site-{ideas}-{b}" for b in builders}
    log(f"{ideas} ideas ({made:.0f} s to generate the repository)")
    cold(root)
    for site in sites.values():
        shutil.rmtree(site, ignore_errors=True)
    runs: dict[str, dict[str, dict[str, float]]] = {"cold": {}, "change": {}}
    for b in builders:
        log(f"{ideas}: cold, {b} …")
        runs["cold"][b] = sluss_build(root, b, sites[b])
        log(f"  {runs['cold'][b]['wall']:.1f} s")
    cache = du(root / ZENSICAL_CACHE)
    change_one_idea(root, "1")
    for b in builders:
        log(f"{ideas}: after a one-idea change, {b} …")
        runs["change"][b] = sluss_build(root, b, sites[b])
        log(f"  {runs['change'][b]['wall']:.1f} s")
    if ideas <= uncached_upto and "zensical" in builders:
        change_one_idea(root, "2")
        shutil.rmtree(root / ZENSICAL_CACHE, ignore_errors=True)
        log(f"{ideas}: after a second change, zensical without its cache …")
        runs["uncached"] = {"zensical": sluss_build(root, "zensical", sites["zensical"])}
        log(f"  {runs['uncached']['zensical']['wall']:.1f} s")
    for site in sites.values():
        shutil.rmtree(site, ignore_errors=True)
    return {"ideas": ideas, "runs": runs, "cache": cache}


def markdown(rows: list[dict[str, object]], builders: list[str], argv: list[str]) -> str:
    def s(x: float) -> str:
        return f"{x:.1f} s" if x < 100 else f"{x:.0f} s"

    def gb(x: float) -> str:
        return f"{x / 2**30:.2f} GB"

    out = [
        "Reproduce: `.venv/bin/python bench/bench_builders.py --write` "
        f"(this run: `{' '.join(argv) or 'no options'}`).",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {describe()}; load average at the end "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "- One build of each kind per builder, the builders taking turns in the order "
        + ", ".join(LABELS[b] for b in builders),
        "",
        "| ideas | builder | build | whole `sluss build` | of which the builder "
        "| vs MkDocs (builder) | peak RSS, one process | peak RSS, process tree | HTML pages |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    kinds = {"cold": "cold", "change": "after a one-idea change", "uncached": ""}
    for r in rows:
        runs = r["runs"]
        assert isinstance(runs, dict)
        for kind, label in kinds.items():
            for b, m in runs.get(kind, {}).items():
                if kind == "uncached":
                    label = "after a second change, cache removed"
                floor = runs[kind].get("mkdocs") or runs["change"].get("mkdocs")
                ratio = f"{m['stage'] / floor['stage']:.2f}×" if floor else "–"
                out.append(
                    f"| {thousands(r['ideas'])} | {LABELS[b]} | {label} | {s(m['wall'])} "
                    f"| {s(m['stage'])} | {ratio} | {gb(m['maxrss'])} | {gb(m['tree'])} "
                    f"| {thousands(int(m['pages']))} |"
                )
    caches = [r for r in rows if r["cache"]]
    if caches:
        out += [
            "",
            "Zensical's cache (`.cache/` in the portal folder) after the cold build: "
            + ", ".join(
                f"{int(r['cache']) / 2**20:.0f} MB at {thousands(r['ideas'])} ideas"  # type: ignore[call-overload]
                for r in caches
            )
            + ".",
        ]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--builders", nargs="+", choices=BUILDERS, default=list(BUILDERS))
    parser.add_argument("--keep", type=Path, help="keep the repositories here (reused)")
    parser.add_argument(
        "--uncached-upto", type=int, default=1000, help="Zensical without its cache up to N"
    )
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows.append(measure(n, args.builders, args.keep, Path(tmp), args.uncached_upto))
            print(markdown(rows, args.builders, sys.argv[1:]), file=sys.stderr, flush=True)
    text = markdown(rows, args.builders, sys.argv[1:])
    print(text)
    if args.write:
        write_section("bench_builders", text)


if __name__ == "__main__":
    main()
