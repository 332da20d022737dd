"""The scale benchmark: every stage of `sluss build` at 1 000, 5 000 and 10 000 ideas.

    .venv/bin/python bench/bench_scale.py [--sizes 1000 5000 10000] [--keep DIR] [--write]

For each size it makes a synthetic repository with `bench/synth.py` (seeded, with Git
history; `--keep DIR` keeps them for the next run), then measures, each beside its
floor or rival in the same run:

- `sluss check` against reading the files and parsing their front matter with libyaml
  alone (interleaved runs, medians) – goal at most 1.5×;
- the Git history (`read_history`) against git's own `git log -p` over the same folders;
- one build through the real code path with its stages timed (`sluss.build.timings.Timings`):
  check, history, pages, exports, writing, MkDocs, sanitising, search (Pagefind). Goal:
  generation and export (pages, exports, writing) at most 15 % of them plus MkDocs;
  stricter shares with check, history, sanitising and search counted in are shown
  beside it. The search stage is also taken apart (pages read, Swedish word forms,
  Pagefind's own program, the rest), and the search documents made from the model
  (`Search.of`, before the builder) are timed too;
- MkDocs alone over the same generated pages, twice: with Material's search plugin as
  mkdocs.yml had it before Pagefind (commit adf1fd0: `search` with `lang: sv`, its
  pipeline and separator) and with `plugins: []` as now – what dropping the plugin
  saves, beside what the Pagefind stage costs, and the size of Material's index;
- the whole `sluss build` as a user runs it, in its own process: wall time and peak
  memory (the largest resident set, from `wait4`) – goal under 4 GB at 10 000;
- the built site (`bench/bench_pages.py`): page count, largest pages, home page
  transfer, Pagefind's folder, what a first search and "Sök och filtrera" transfer
  from a host that gzips like GitHub Pages (goal: a first search under 300 KB at
  10 000), and a search's latency in Chromium.

Prints Markdown; `--write` also puts it into bench/RESULTS.md between the markers
(`bench_scale`, and `bench_search` for the search figures).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import bench_check
import synth
from machine import describe, thousands
from record import write_section
from sluss.build import search as search_module
from sluss.build.builders import build_site
from sluss.build.generate import generate
from sluss.build.search import Search
from sluss.build.timings import Timings
from sluss.content.check import check_repository
from sluss.content.history import read_history
from sluss.core.model import COLLECTIONS

GENERATION = ("pages", "exports", "write")  # the generator's own stages, weighed against MkDocs
# The search stage (sluss.build.search.index_site) in parts: the functions it calls,
# timed where they run in the real build. What is left is writing the documents as
# HTML for Pagefind and moving its folder into the site.
SEARCH_PARTS = {
    "built_documents": "search: pages read",
    "expand": "search: word forms",
    "_pagefind": "search: Pagefind",
}
DOCUMENTS = "search documents"  # Search.of(portal): the items' documents, from the model
# Material's search plugin as mkdocs.yml configured it before Pagefind (commit adf1fd0).
MATERIAL_SEARCH = r"""plugins:
  - search:
      lang: sv
      pipeline: [stopWordFilter]
      separator: '[\s\-,:;!?()\[\]"/]+|\.(?!\d)'
"""


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


@contextlib.contextmanager
def search_parts(timings: Timings) -> Iterator[None]:
    """Time the parts of the search stage where they run: the module's functions are
    wrapped for the length of one build."""
    module: Any = search_module
    originals = {name: getattr(module, name) for name in SEARCH_PARTS}

    def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                with timings.stage(stage):
                    return function(*args, **kwargs)
            finally:  # Pagefind's CPU seconds (its program runs in child processes)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                if cpu:
                    timings[stage + " CPU"] = timings.get(stage + " CPU", 0.0) + cpu

        return wrapper

    for name, stage in SEARCH_PARTS.items():
        setattr(module, name, timed(stage, originals[name]))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(module, name, function)


def staged_build(root: Path) -> Timings:
    """One cold build through the real code path, every stage timed; the search
    documents as `sluss build` makes them (sluss.commands.build)."""
    clean(root)
    timings = Timings()
    with contextlib.redirect_stdout(io.StringIO()):
        generated = generate(root, quiet=True, timings=timings)
        assert generated is not None
        with timings.stage(DOCUMENTS):
            search = Search.of(generated.env.portal)
        with search_parts(timings):
            assert build_site(root, root / "site", timings, search=search)
    return timings


# MkDocs alone in a fresh process of its own, so that neither build inherits the memory
# and caches of the builds before it; it prints the build's wall and CPU seconds (CPU
# time moves less with other load on a shared machine), the imports not counted.
MKDOCS_ALONE = """
import contextlib, io, json, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
wall, cpu = time.perf_counter(), time.process_time()
with contextlib.redirect_stdout(io.StringIO()):
    build(load_config(sys.argv[1], strict=True, site_dir=sys.argv[2]))
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""


def mkdocs_alone(root: Path, plugins: str) -> dict[str, float | int]:
    """MkDocs over the generated pages with mkdocs.yml's `plugins:` replaced, in its own
    process: wall and CPU seconds of the build, and the size of Material's search index
    (raw and gzipped; 0 without the plugin)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nplugins: []\n" in text, "mkdocs.yml has other plugins than none"
    config = root / ".bench-mkdocs.yml"
    config.write_text(text.replace("\nplugins: []\n", "\n" + plugins), encoding="utf-8")
    out = Path(tempfile.mkdtemp(prefix="site-mkdocs.", dir=root))
    try:
        done = subprocess.run(
            [sys.executable, "-c", MKDOCS_ALONE, config.name, str(out)],
            cwd=root,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        wall, cpu = json.loads(done.stdout.strip().splitlines()[-1])
        index = out / "search" / "search_index.json"
        data = index.read_bytes() if index.is_file() else b""
        return {
            "seconds": wall,
            "cpu": cpu,
            "index": len(data),
            "index_gzip": len(gzip.compress(data, 6, mtime=0)) if data else 0,
        }
    finally:
        config.unlink()
        shutil.rmtree(out, ignore_errors=True)


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


def site_figures(site: Path) -> dict[str, Any]:
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
    log("MkDocs alone without a plugin, then with Material's search plugin …")
    plain = mkdocs_alone(root, "plugins: []\n")
    material = mkdocs_alone(root, MATERIAL_SEARCH)
    log("whole `sluss build` in its own process …")
    wall, peak = whole_build(root)
    log("the built site, in Chromium …")
    return {
        "ideas": ideas,
        "files": files,
        "check": check,
        "history": history,
        "stages": dict(stages),
        "material": material,
        "plain": plain,
        "whole": wall,
        "peak": peak,
        "site": site_figures(root / "site"),
    }


def log(text: str) -> None:
    print(f"bench_scale: {text}", file=sys.stderr, flush=True)


def s(x: float) -> str:
    return f"{x:.2f} s" if x < 10 else f"{x:.0f} s"


def machine_lines(runs: int | None = None) -> list[str]:
    out = [
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {describe()}; load average at the end "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg()),
    ]
    if runs is not None:
        out.append(
            f"- Check and history: medians of {runs} interleaved runs; build: one cold build"
        )
    return out


def markdown(rows: list[dict[str, Any]], runs: int) -> str:
    out = [
        "Reproduce: `make bench-scale` (or `.venv/bin/python bench/bench_scale.py --write`).",
        "",
        *machine_lines(runs),
        "",
        "| ideas | files | `sluss check` | floor: read + libyaml | ratio (goal ≤ 1.5×) "
        "| history | floor: `git log -p` | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        c, h = r["check"], r["history"]
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
        "built page, defence in depth, which runs on MkDocs' output) and `search` "
        "(Pagefind's index of the finished site, with the search documents made from the "
        "model; taken apart in *Sök (Pagefind)*).",
        "",
        "| ideas | check | history | pages | exports | write | **generation + export** "
        "| MkDocs | share (goal ≤ 15 %) | with check + history | sanitize | search "
        "| all but MkDocs | whole `sluss build` | peak memory (goal < 4 GB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        t = r["stages"]
        generation = sum(t[k] for k in GENERATION)
        inputs = t["check"] + t["history"]
        mkdocs, clean, search = t["mkdocs"], t["sanitize"], t["search"] + t[DOCUMENTS]

        def share(part: float, mkdocs: float = mkdocs) -> str:
            return f"{part / (part + mkdocs):.1%}"

        out.append(
            f"| {thousands(r['ideas'])} | "
            + " | ".join(s(t[k]) for k in ("check", "history", *GENERATION))
            + f" | {s(generation)} | {s(mkdocs)} | **{share(generation)}** "
            f"| {share(generation + inputs)} | {s(clean)} | {s(search)} "
            f"| {share(generation + inputs + clean + search)} "
            f"| {s(r['whole'])} | {r['peak'] / 2**30:.2f} GB |"
        )
    pages = [r for r in rows if r["site"]]
    if pages:
        from bench_pages import markdown_rows

        out += ["", *markdown_rows([(r["ideas"], r["site"]) for r in pages])]
    return "\n".join(out) + "\n"


def search_markdown(rows: list[dict[str, Any]]) -> str:
    """The search figures of the same run: build time, transfer, latency."""
    from bench_pages import QUERIES as QUERY
    from bench_pages import SEARCH_LIMIT_KB, by_kind, kb, of_bundle, seconds, total

    chromium = next(
        (r["site"]["browser"]["chromium"] for r in rows if r["site"].get("browser")), ""
    )
    out = [
        "Reproduce: `make bench-scale` (or `.venv/bin/python bench/bench_scale.py --write`);"
        " one site alone: `.venv/bin/python bench/bench_pages.py SITE`.",
        "",
        *machine_lines(),
        f"- Chromium {chromium or '(not run)'}; Pagefind {pagefind_version()}",
        "",
        "**Build.** What search adds to `sluss build`, beside MkDocs in the same build: the "
        "search documents made from the model (`Search.of`), then the `search` stage over "
        "the finished site, in parts. Then MkDocs alone over the same generated pages, "
        "with Material's search plugin as before Pagefind and with `plugins: []`, one "
        "build each in the same run.",
        "",
        "| ideas | MkDocs (in the build) | **search, all** | documents from the model "
        "| pages read | word forms | Pagefind (program), wall (CPU) | writing, rest "
        "| documents indexed "
        "| MkDocs + Material's search, wall (CPU) | MkDocs, `plugins: []`, wall (CPU) "
        "| saved, CPU | Material's `search_index.json` (gzip) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        t = r["stages"]
        search = t["search"] + t[DOCUMENTS]
        parts = [t.get(stage, 0.0) for stage in SEARCH_PARTS.values()]
        rest = t["search"] - sum(parts)
        shown = [s(x) for x in parts]
        shown[-1] += f" ({s(t.get(SEARCH_PARTS['_pagefind'] + ' CPU', 0.0))})"
        m, p = r["material"], r["plain"]
        b = r["site"].get("bundle") or {}
        documents = b.get("kinds", {}).get("fragment", (0, 0))[0]
        out.append(
            f"| {thousands(r['ideas'])} | {s(t['mkdocs'])} | **{s(search)}** "
            f"({search / t['mkdocs']:.0%} of MkDocs) | {s(t[DOCUMENTS])} | "
            + " | ".join(shown)
            + f" | {s(rest)} | {thousands(documents)} | {s(m['seconds'])} ({s(m['cpu'])}) "
            f"| {s(p['seconds'])} ({s(p['cpu'])}) | **{s(m['cpu'] - p['cpu'])}** "
            f"| {kb(m['index'])} KB "
            f"({kb(m['index_gzip'])} KB) |"
        )
    browsed = [r for r in rows if r["site"].get("browser")]
    out += [
        "",
        "**Transfer.** Bytes on the wire (response bodies) from a loopback host that "
        "gzips as GitHub Pages does; Pagefind's `.pf_*` files and wasm are gzip already "
        "and go out as they are. *First search*: a fresh browser on the home page, a click "
        "on the search button, the query typed; everything fetched after the click until "
        "the results show and the network is quiet. *engine*: `pagefind.js`, "
        "`pagefind-worker.js`, `pagefind-entry.json`, the wasm and `pf_meta`; *index*: word "
        "index chunks; *fragment*: one per result shown (8 in the dialog, 20 on the page).",
        "",
        f"| ideas | `pagefind/` | first search ”{QUERY[0]}” (goal < {SEARCH_LIMIT_KB} KB at "
        f"10 000) | of it | then ”{QUERY[1]}” | ”{QUERY[1]}” as the first search "
        "| Sök och filtrera `?typ=Idé` | of it | with `q=hemtjänst` too "
        "| largest filter chunk | Material's index, gzip (rival, this run) |",
        "|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in browsed:
        b, bundle = r["site"]["browser"], r["site"]["bundle"]
        first, finder = b["search"]["files"], of_bundle(b["finder"]["files"])
        filters = bundle["filters"]
        biggest = f"{kb(filters[0]['bytes'])} KB ({filters[0]['facet']})" if filters else "–"
        out.append(
            f"| {thousands(r['ideas'])} | {thousands(bundle['files'])} files, "
            f"{kb(bundle['bytes'])} KB | **{kb(total(first))} KB** | {by_kind(first)} "
            f"| +{kb(total(b['second']['files']))} KB "
            f"| {kb(total(b['second_first']['files']))} KB | **{kb(total(finder))} KB** "
            f"| {by_kind(finder)} | {kb(total(of_bundle(b['finder_query']['files'])))} KB "
            f"| {biggest} | {kb(r['material']['index_gzip'])} KB |"
        )
    out += [
        "",
        "**Latency** in Chromium (headless, loopback): from the last letter typed to the "
        "results shown (the status line changed), the dialog's 120 ms wait after a key "
        "included. *Cold*: the first search of a fresh browser, typed right after the "
        f"click that starts loading Pagefind; *warm*: a second query. Medians of "
        f"{browsed[0]['site']['browser']['latency']['runs'] if browsed else 0} fresh "
        "browsers. *Sök och filtrera*: from opening `?typ=Idé` to its results.",
        "",
        f"| ideas | cold ”{QUERY[0]}” | warm ”{QUERY[1]}” | slowest cold | what it found "
        "| Sök och filtrera `?typ=Idé` shown | what it found |",
        "|---:|---:|---:|---:|---|---:|---|",
    ]
    for r in browsed:
        b = r["site"]["browser"]
        lat = b["latency"]
        out.append(
            f"| {thousands(r['ideas'])} | **{seconds(lat['cold'])}** | {seconds(lat['warm'])} "
            f"| {max(lat['cold']):.2f} s | {b['search']['status']} "
            f"| {b['finder']['seconds']:.2f} s | {b['finder']['status']} |"
        )
    return "\n".join(out) + "\n"


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the repositories here (reused)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, args.keep, Path(tmp), args.runs) for n in args.sizes]
    text, search = markdown(rows, args.runs), search_markdown(rows)
    print(text)
    print(search)
    if args.write:
        write_section("bench_scale", text)
        write_section("bench_search", search)


if __name__ == "__main__":
    main()
