"""`sluss serve --builder properdocs|zensical`: another builder's site, previewed safely.

ProperDocs' and Zensical's own servers neither clean the pages they serve nor refuse
other host names, and they run in processes the preview cannot reach into. So this
preview builds the site exactly as `sluss build --builder` does (checked, generated,
built, sanitised, indexed for search) into a folder of its own, and serves that folder
with the server class of the MkDocs preview (`preview.local_server`): this machine's
host names only, the content's errors as a banner, browsers reloaded after each
rebuild. An edit rebuilds the whole site, seconds where the MkDocs preview takes a
fraction of one: enough to see what a builder makes of the portal.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import urllib.parse
from pathlib import Path

from sluss.build.builders import BUILDERS, build_site
from sluss.build.generate import ContentErrors, generate
from sluss.build.mkdocs import CONFIG_FILE
from sluss.build.preview import local_server, preview_url
from sluss.build.preview_banner import Problems
from sluss.build.search import Search
from sluss.core.model import COLLECTIONS

# What a rebuild follows: the content, the settings and the hand-written pages. Not
# docs/ as a whole, where every rebuild writes its generated pages.
HAND_WRITTEN = ("sluss.yml", CONFIG_FILE, "overrides", "docs/assets", "docs/material")


def serve_built(root: Path, port: int, lang: str, builder: str) -> None:
    """Build with `builder`, then serve until Ctrl+C. Raises ContentErrors before
    serving anything when the content has errors at the start."""
    site = Path(tempfile.mkdtemp(prefix="sluss-serve-site-"))
    problems = Problems.fresh()
    problems.clear()
    try:
        _build(root, site, lang, builder)

        def rebuild() -> None:
            try:
                _build(root, site, lang, builder)
                problems.clear()
            except ContentErrors as errors:
                problems.write(errors.repo.diagnostics, lang)
                print(errors.message(lang), file=sys.stderr)

        server = local_server(problems, lang)(
            builder=rebuild,
            host="127.0.0.1",
            port=port,
            root=str(site),
            mount_path=urllib.parse.urlsplit(preview_url(root, port)).path,
        )
        for path in watched(root):
            server.watch(str(path))
        label = BUILDERS[builder].label
        print(
            f"sluss: förhandsvisning byggd med {label} på {preview_url(root, port)} – "
            "avsluta med Ctrl+C"
        )
        try:
            server.serve()
        finally:
            server.shutdown()  # its threads, else they keep the process alive
    finally:
        shutil.rmtree(site, ignore_errors=True)
        problems.remove()


def _build(root: Path, site: Path, lang: str, builder: str) -> None:
    generated = generate(root, lang, quiet=True)
    build_site(root, site, builder=builder, search=Search.of(generated.env.portal))


def watched(root: Path) -> list[Path]:
    """The folders and files whose change rebuilds the site (those that exist)."""
    names = [*COLLECTIONS, *HAND_WRITTEN]
    pages = sorted((root / "docs").glob("*.md"))
    return [p for p in [*(root / n for n in names), *pages] if p.exists()]
