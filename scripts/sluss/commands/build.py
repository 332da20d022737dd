"""`sluss build`: check → generate every output → a builder (MkDocs by default) → site/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sluss.build.builders import BUILDERS, build_site
from sluss.build.generate import ContentErrors, generate
from sluss.build.search import Search
from sluss.build.timings import Timings
from sluss.commands import federation

# Material for MkDocs, the theme MkDocs and ProperDocs build with, announces the end of
# its fixes when run as `mkdocs`; run from here it would say nothing, so we say it.
MATERIAL_END_OF_FIXES = "2027-05-05"
MATERIAL_NOTE = (
    f"sluss: obs: temat Material for MkDocs får rättningar bara till {MATERIAL_END_OF_FIXES}. "
    "Portalen byggs också med Zensical (--builder zensical); se README, "
    '"Om MkDocs och Material upphör".'
)


def run(
    root: Path, site_dir: Path, lang: str = "sv", builder: str | None = None, offline: bool = False
) -> int:
    """`builder`: from --builder, else `builder:` in sluss.yml, else MkDocs. `offline`:
    the other sluices' data only from the cache (the pages that show it come later)."""
    started = time.perf_counter()
    timings = Timings()
    federation.fetch(root, lang, offline)
    try:
        generated = generate(root, lang, timings=timings)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        return 1
    chosen = BUILDERS[builder or generated.env.config.builder]
    search = Search.of(generated.env.portal)
    if not build_site(root, site_dir, timings, chosen.name, search):
        return 1
    whole, html = time.perf_counter() - started, timings[chosen.name]
    print(
        f"sluss: webbplatsen byggd i {site_dir.as_posix()}/ på {whole:.1f} s (kontroll, "
        f"generering och efterbearbetning {whole - html:.1f} s, {chosen.label} {html:.1f} s)."
        if lang == "sv"
        else f"sluss: site built in {site_dir.as_posix()}/ in {whole:.1f} s (check, "
        f"generation and post-processing {whole - html:.1f} s, {chosen.label} {html:.1f} s)."
    )
    if chosen.name in ("mkdocs", "properdocs"):
        print(MATERIAL_NOTE, file=sys.stderr)
    return 0
