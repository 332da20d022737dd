"""`sluss build`: check → generate every output → MkDocs → sanitised site/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sluss.build.builders import BUILDERS, build_site
from sluss.build.generate import ContentErrors, generate
from sluss.build.timings import Timings


def run(root: Path, site_dir: Path, lang: str = "sv", builder: str | None = None) -> int:
    """`builder`: from --builder, else `builder:` in sluss.yml, else MkDocs."""
    started = time.perf_counter()
    timings = Timings()
    try:
        generated = generate(root, lang, timings=timings)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        return 1
    chosen = BUILDERS[builder or generated.env.config.builder]
    if not build_site(root, site_dir, timings, chosen.name):
        return 1
    whole, html = time.perf_counter() - started, timings[chosen.name]
    print(
        f"sluss: webbplatsen byggd i {site_dir.as_posix()}/ på {whole:.1f} s (kontroll, "
        f"generering och efterbearbetning {whole - html:.1f} s, {chosen.label} {html:.1f} s)."
        if lang == "sv"
        else f"sluss: site built in {site_dir.as_posix()}/ in {whole:.1f} s (check, "
        f"generation and post-processing {whole - html:.1f} s, {chosen.label} {html:.1f} s)."
    )
    return 0
