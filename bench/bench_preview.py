"""How soon an edited idea shows in the browser under `sluss serve`.

    .venv/bin/python bench/bench_preview.py [--ideas 1000] [--edits 5] [--repo DIR]

Starts `sluss serve` on a synthetic repository (bench/synth.py), opens an idea's page
in headless Chromium (Debian's, driven by Playwright), then edits that idea's title on
disk and times until the browser shows the new title: the content poll, regeneration,
MkDocs' rebuild and the live-reload round trip, everything a writer waits for. Each
edit goes to a different idea. Goal: within 3 s at 1 000 ideas.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import synth
from machine import describe, thousands
from record import write_section

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IDLE_SECONDS = 8.0
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def retitle(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {title}"
    path.write_text("\n".join(lines), encoding="utf-8")


def measure(root: Path, edits: int) -> tuple[list[float], float]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    sluss = Path(sys.executable).with_name("sluss")
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(sluss), "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    ideas = sorted((root / "ideas").glob("*.md"))
    base = f"http://127.0.0.1:{port}/portal/slussen/ideer"
    try:
        while not up(f"{base}/{ideas[0].stem}/"):
            if server.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit("bench_preview: `sluss serve` did not come up")
            time.sleep(0.2)
        ready = time.perf_counter() - started
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
            page = browser.new_page()
            for k in range(edits):
                idea = ideas[(k * 97) % len(ideas)]
                page.goto(f"{base}/{idea.stem}/")
                page.wait_for_load_state("load")
                # Let the live-reload script connect and the previous edit's full
                # regeneration and rebuild finish: each edit meets an idle preview.
                time.sleep(IDLE_SECONDS)
                title = f"Ny rubrik {k} från mätningen"
                start = time.perf_counter()
                retitle(idea, title)
                page.wait_for_function(
                    "t => document.querySelector('h1')?.textContent.includes(t)",
                    arg=title,
                    timeout=120_000,
                    polling=50,
                )
                times.append(time.perf_counter() - start)
                print(f"bench_preview: edit {k + 1}: {times[-1]:.2f} s", file=sys.stderr)
            browser.close()
        return times, ready
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--repo", type=Path, help="an existing repository (it is edited)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.repo or synth.make(Path(tmp) / "repo", args.ideas)
        times, ready = measure(root, args.edits)
    text = (
        "Reproduce: `make bench-scale` (or `.venv/bin/python bench/bench_preview.py --write`)."
        f"\n\n- Date: {dt.date.today().isoformat()}\n- Machine: {describe()}; load average "
        f"{os.getloadavg()[0]:.1f} at the end\n\n"
        "| ideas | `sluss serve` ready (first build) | edit → visible in the browser, "
        "median (goal ≤ 3 s) | fastest | slowest |\n|---:|---:|---:|---:|---:|\n"
        f"| {thousands(args.ideas)} | {ready:.1f} s | **{statistics.median(times):.2f} s** "
        f"| {min(times):.2f} s | {max(times):.2f} s |\n\n"
        f"{len(times)} edits, each to another idea's title, each {IDLE_SECONDS:.0f} s after "
        "the previous one (an idle preview: the previous edit's full regeneration done).\n"
    )
    print(text)
    if args.write:
        write_section("bench_preview", text)


if __name__ == "__main__":
    main()
