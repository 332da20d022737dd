"""Benchmark the network of sluices at scale: 20 portals of 5 000 innovations each.

    .venv/bin/python bench/bench_federation.py [--portals 20] [--innovations 5000]
        [--challenges 250] [--runs 3] [--write]

Each portal's open data (`innovationer.json`, `utmaningar.json`, `kommuner.json`, in
the shape `outputs/open_data.py` writes) is generated from the words of bench/synth.py
and served from local files by an `http.server` on 127.0.0.1 (`machine.serve`); the
fetch may use plain http there only through the tests' flag `allow_loopback_http`.

Measured, each beside a floor in the same run:
- the federation step, `update_federation` (fetch, check, cache write of every portal),
  against the plain GET of the same files with `json.loads`, and `json.loads` alone;
- reading the cache back, `read_federation`, against `json.loads` of the cache files;
- the peak memory of both (tracemalloc, in a run of its own: it slows what it traces);
- with the sample content and this network: generating the pages with and without the
  network (what "Liknande i andra regioner" adds), and the size of the innovation pages.

`--write` puts the tables into bench/RESULTS.md (section `bench_federation`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from machine import copy_portal, describe, serve  # noqa: E402
from record import write_section  # noqa: E402
from sluss.build.builders import build_site  # noqa: E402
from sluss.build.generate import published_view, write_pages  # noqa: E402
from sluss.content.federation import (  # noqa: E402
    CACHE_FOLDER,
    DATA_PATH,
    FILES,
    RemotePortal,
    read_federation,
    update_federation,
)
from sluss.content.remote_get import Limits  # noqa: E402
from sluss.core.config import Config  # noqa: E402
from sluss.core.federation_settings import RemotePortalSettings  # noqa: E402
from sluss.outputs.pages import Renderer  # noqa: E402
from sluss.outputs.registry import Environment, render  # noqa: E402
from sluss.site.network import SimilarElsewhere  # noqa: E402
from synth import ACTIONS, AREAS, OBJECTS, sentences, slug  # noqa: E402

OWN_SITE = "https://innovationssluss-skaraborg.github.io/portal/"
# Generous limits: the benchmark measures the work, not a timeout. A file of 5 000
# innovations is about 4 MB.
LIMITS = Limits(seconds=120, max_bytes=50_000_000, allow_loopback_http=True)
FETCH_DAY = dt.date(2026, 12, 6)
STAGES = ("concept", "pilot", "operation")
KB = 1024


# --- the network's open data -------------------------------------------------------------


def innovation(rng: random.Random, base: str, n: int, towns: list[str]) -> dict[str, Any]:
    """One innovation as `outputs/open_data.py` writes it."""
    subject = rng.choice(OBJECTS)
    item_id = f"{slug(subject)}-{n}"
    return {
        "id": item_id,
        "url": f"{base}slussen/innovationer/{item_id}/",
        "title": f"{rng.choice(ACTIONS)} {subject}",
        "summary": sentences(rng, subject, 2),
        "tags": [slug(subject, 30)],
        "owner": rng.choice(towns),
        "area": rng.choice(AREAS),
        "stage": rng.choice(STAGES),
        "reuse": {"how": "Kontakta samordnaren.", "license": "CC-BY-4.0"},
        "contact": {"role": "Samordnare", "email": "sluss@example.se"},
        "body": sentences(rng, subject, 6),
    }


def challenge(rng: random.Random, base: str, n: int, towns: list[str]) -> dict[str, Any]:
    subject = rng.choice(OBJECTS)
    item_id = f"utmaning-{slug(subject)}-{n}"
    return {
        "id": item_id,
        "url": f"{base}slussen/utmaningar/{item_id}/",
        "title": f"{subject.capitalize()} tar för mycket tid",
        "summary": sentences(rng, subject, 2),
        "tags": [slug(subject, 30)],
        "municipalities": rng.sample(towns, 2),
        "area": rng.choice(AREAS),
        "status": "open",
    }


def municipality(base: str, n: int) -> dict[str, Any]:
    town = f"kommun-{n}"
    return {
        "id": town,
        "url": f"{base}slussen/kommuner/{town}/",
        "title": f"Kommun {n}",
        "summary": "En av regionens kommuner.",
    }


def write_portal(folder: Path, base: str, seed: int, innovations: int, challenges: int) -> None:
    rng = random.Random(seed)
    towns = [municipality(base, n) for n in range(10)]
    ids = [t["id"] for t in towns]
    files = {
        "innovations": [innovation(rng, base, n, ids) for n in range(innovations)],
        "challenges": [challenge(rng, base, n, ids) for n in range(challenges)],
        "municipalities": towns,
    }
    data = folder / DATA_PATH
    data.mkdir(parents=True)
    for collection, name in FILES.items():
        text = json.dumps(files[collection], ensure_ascii=False, indent=1)
        (data / name).write_text(text, encoding="utf-8")


def network_config(url: str, portals: int) -> Config:
    return Config(
        federation=tuple(
            RemotePortalSettings(f"p{n:02}", f"Sluss {n}", f"Region {n}", f"{url}p{n:02}/")
            for n in range(1, portals + 1)
        )
    )


# --- timing ------------------------------------------------------------------------------


def median_time(
    work: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None
) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mb(work: Callable[[], object]) -> float:
    """The peak of Python's allocations while `work` runs, in MB."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / KB / KB
    finally:
        tracemalloc.stop()


def plain_get_and_parse(urls: list[str]) -> None:
    """The floor of the fetch: the same files, same four at a time, no checks, no cache."""

    def one(url: str) -> object:
        with urllib.request.urlopen(url, timeout=120) as answer:
            return json.loads(answer.read())

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(one, urls))


def parse_all(blobs: list[bytes]) -> None:
    for blob in blobs:
        json.loads(blob)


# --- the stages ----------------------------------------------------------------------------


def federation_step(served: Path, cache_root: Path, config: Config, runs: int) -> dict[str, Any]:
    files = sorted(served.rglob("*.json"))
    blobs = [f.read_bytes() for f in files]
    urls = [f"{s.url}{DATA_PATH}{name}" for s in config.federation for name in FILES.values()]
    clear = lambda: shutil.rmtree(cache_root / CACHE_FOLDER, ignore_errors=True)  # noqa: E731

    def fetch() -> None:
        report = update_federation(cache_root, config, OWN_SITE, LIMITS, FETCH_DAY)
        assert not report.warnings, report.warnings[:3]

    out = {
        "files": len(files),
        "bytes": sum(map(len, blobs)),
        "largest_file": max(map(len, blobs)),
        "fetch": median_time(fetch, runs, clear),
        "plain_get": median_time(lambda: plain_get_and_parse(urls), runs),
        "json_loads": median_time(lambda: parse_all(blobs), runs),
    }
    clear()
    out["fetch_peak"] = peak_mb(fetch)
    cached = [f.read_bytes() for f in sorted((cache_root / CACHE_FOLDER).glob("*.json"))]
    out["cache_bytes"] = sum(map(len, cached))
    out["read"] = median_time(lambda: read_federation(cache_root, config, OWN_SITE), runs)
    out["read_floor"] = median_time(lambda: parse_all(cached), runs)
    out["read_peak"] = peak_mb(lambda: read_federation(cache_root, config, OWN_SITE))
    return out


def generation(sample: Path, network: tuple[RemotePortal, ...], runs: int) -> dict[str, Any]:
    """The sample's pages with and without the network, interleaved, and their sizes."""
    env = published_view(sample, warn=False).env
    portal = env.portal
    alone: dict[str, str] = {}
    networked: dict[str, str] = {}
    without, with_network = [], []
    for _ in range(runs):
        start = time.perf_counter()
        alone = Renderer(portal).pages()
        without.append(time.perf_counter() - start)
        start = time.perf_counter()
        networked = Renderer(portal, network=network).pages()
        with_network.append(time.perf_counter() - start)
    elsewhere = SimilarElsewhere(portal, network)
    entries = [*portal.entries["innovations"], *portal.entries["challenges"]]
    start = time.perf_counter()
    shown = sum(len(elsewhere.matches(e)) for e in entries)
    return {
        "without": statistics.median(without),
        "with": statistics.median(with_network),
        "similar_alone": time.perf_counter() - start,
        "queried": len(entries),
        "shown": shown,
        **page_sizes(alone, networked, [e.page for e in portal.innovations]),
        **html_sizes(sample, Environment(portal, env.site_url, network)),
    }


def html_sizes(sample: Path, env: Environment) -> dict[str, Any]:
    """The sample built by MkDocs with the network's sections: its largest HTML pages."""
    write_pages(sample / "docs", render(env), log=lambda _: None)
    site = sample / "site"
    if not build_site(sample, site):
        raise SystemExit("MkDocs failed on the sample with the network")
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    item_pages = {e.page.removesuffix(".md") + "/index.html" for e in env.portal.innovations}
    innovations = {p: n for p, n in pages.items() if p in item_pages}
    largest = max(pages, key=pages.__getitem__)
    largest_innovation = max(innovations, key=innovations.__getitem__)
    return {
        "html_largest": largest,
        "html_largest_size": pages[largest],
        "html_innovation": largest_innovation,
        "html_innovation_size": pages[largest_innovation],
    }


def page_sizes(
    alone: dict[str, str], networked: dict[str, str], innovation_pages: list[str]
) -> dict[str, Any]:
    def size(text: str) -> int:
        return len(text.encode("utf-8"))

    added = [size(networked[p]) - size(alone[p]) for p in innovation_pages]
    largest = max(networked, key=lambda p: size(networked[p]))
    return {
        "pages": len(networked),
        "added_max": max(added),
        "added_mean": statistics.mean(added),
        "largest": largest,
        "largest_size": size(networked[largest]),
    }


# --- the report ----------------------------------------------------------------------------


def report(args: argparse.Namespace, fed: dict[str, Any], gen: dict[str, Any]) -> str:
    items = args.portals * (args.innovations + args.challenges)
    mb = fed["bytes"] / KB / KB
    lines = [
        "Reproduce: `.venv/bin/python bench/bench_federation.py --write`.",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {describe()}",
        f"- Network: {args.portals} portals × {args.innovations:,} innovations and "
        f"{args.challenges} challenges ({items:,} items); {fed['files']} files, "
        f"{mb:.1f} MB served by `http.server` on 127.0.0.1; medians of {args.runs} runs",
        f"- Largest file: {fed['largest_file'] / KB / KB:.2f} MB (the fetch's default limit "
        f"is {Limits().max_bytes / KB / KB:.2f} MB a file; this run sets "
        f"{LIMITS.max_bytes / KB / KB:.2f} MB)",
        "",
        "| step | time | floor or rival, same run | ratio | peak memory (tracemalloc) |",
        "|---|---:|---|---:|---:|",
        f"| `update_federation`: fetch, check, write the cache of all {args.portals} "
        f"| {fed['fetch']:.2f} s | plain GET + `json.loads` of the same files, 4 at a time: "
        f"{fed['plain_get']:.2f} s; `json.loads` alone: {fed['json_loads']:.2f} s "
        f"| {fed['fetch'] / fed['plain_get']:.1f}× / {fed['fetch'] / fed['json_loads']:.1f}× "
        f"| {fed['fetch_peak']:.0f} MB |",
        f"| `read_federation`: the cache back ({fed['cache_bytes'] / KB / KB:.1f} MB) "
        f"| {fed['read']:.2f} s | `json.loads` of the cache files: {fed['read_floor']:.2f} s "
        f"| {fed['read'] / fed['read_floor']:.1f}× | {fed['read_peak']:.0f} MB |",
        "",
        "| sample content + this network | without the network | with it | added |",
        "|---|---:|---:|---:|",
        f"| every page ({gen['pages']:,} pages, `Renderer.pages()`) | {gen['without']:.2f} s "
        f"| {gen['with']:.2f} s | {gen['with'] - gen['without']:+.2f} s |",
        f"| of it: the similar-elsewhere index and {gen['queried']} queries alone "
        f"({gen['shown']} items shown) | – | {gen['similar_alone']:.2f} s | |",
        "",
        f"Innovation pages grow by {gen['added_mean'] / KB:.1f} KB on average, "
        f"{gen['added_max'] / KB:.1f} KB at most (Markdown). The largest generated page "
        f"with the network is `{gen['largest']}`, {gen['largest_size'] / KB:.1f} KB of Markdown.",
        f"Built by MkDocs, the largest HTML page is `{gen['html_largest']}`, "
        f"{gen['html_largest_size'] / KB:.1f} KB, and the largest innovation page "
        f"`{gen['html_innovation']}`, {gen['html_innovation_size'] / KB:.1f} KB "
        "(goal: every page under 300 KB).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portals", type=int, default=20)
    parser.add_argument("--innovations", type=int, default=5000)
    parser.add_argument("--challenges", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fed, gen = run(Path(tmp), args)
    text = report(args, fed, gen)
    print(text)
    if args.write:
        write_section("bench_federation", text)


def run(tmp: Path, args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any]]:
    served = tmp / "served"
    with serve(served) as url:
        config = network_config(url, args.portals)
        for n, settings in enumerate(config.federation, 1):
            write_portal(served / settings.id, settings.url, n, args.innovations, args.challenges)
        print(f"network written: {sum(f.stat().st_size for f in served.rglob('*.json')):,} bytes")
        fed = federation_step(served, tmp / "cache", config, args.runs)
    print(f"federation step: {fed['fetch']:.2f} s")
    network = tuple(read_federation(tmp / "cache", config, OWN_SITE))
    gen = generation(copy_portal(tmp / "sample"), network, args.runs)
    return fed, gen


if __name__ == "__main__":
    main()
