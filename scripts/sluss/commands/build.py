"""`sluss build`: check → generate every output → MkDocs → sanitised site/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sluss.build.generate import ContentErrors, generate
from sluss.build.mkdocs import mkdocs_build
from sluss.build.timings import Timings


def run(root: Path, site_dir: Path, lang: str = "sv") -> int:
    started = time.perf_counter()
    timings = Timings()
    try:
        generate(root, lang, timings=timings)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        return 1
    if not mkdocs_build(root, site_dir, timings):
        return 1
    whole, mkdocs = time.perf_counter() - started, timings["mkdocs"]
    print(
        f"sluss: webbplatsen byggd i {site_dir.as_posix()}/ på {whole:.1f} s (kontroll, "
        f"generering och efterbearbetning {whole - mkdocs:.1f} s, MkDocs {mkdocs:.1f} s)."
        if lang == "sv"
        else f"sluss: site built in {site_dir.as_posix()}/ in {whole:.1f} s (check, "
        f"generation and post-processing {whole - mkdocs:.1f} s, MkDocs {mkdocs:.1f} s)."
    )
    return 0
