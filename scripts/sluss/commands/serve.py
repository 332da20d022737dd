"""`sluss serve`: the local preview, regenerated after every edit."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from sluss.build.builders import BUILDERS
from sluss.build.generate import ContentErrors
from sluss.build.preview import serve_preview
from sluss.core.config import BUILDER_NAMES, load_config

# The preview is MkDocs' server, made to clean every page it serves with the sanitiser
# of `sluss build` and to answer only this machine's host names (build/preview.py).
# ProperDocs' and Zensical's own servers do neither, and run in processes of their own
# that the preview cannot reach into; a page with a script would run in them.
PREVIEW_BUILDER = BUILDER_NAMES[0]


def run(root: Path, port: int, lang: str = "sv", builder: str | None = None) -> int:
    """`builder`: from --builder; only MkDocs previews (another is refused, exit code 2).
    `builder:` in sluss.yml chooses what `sluss build` uses: the preview says it uses
    MkDocs instead."""
    if builder not in (None, PREVIEW_BUILDER):
        print(only_mkdocs(str(builder)), file=sys.stderr)
        return 2
    configured = load_config(root)[0].builder
    if configured != PREVIEW_BUILDER:
        print(
            f"sluss: förhandsvisningen använder MkDocs; sluss build använder {configured} "
            "(builder i sluss.yml).",
            file=sys.stderr,
        )
    chosen = BUILDERS[PREVIEW_BUILDER]
    if not chosen.available():
        print(chosen.missing(), file=sys.stderr)
        return 1
    # Stopped by a service manager or `kill` as by Ctrl+C: the preview's files (its lock,
    # the banner's file) are removed on the way out either way.
    signal.signal(signal.SIGTERM, _stop)
    try:
        serve_preview(root, port, lang)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        print("sluss: rätta felen, så startar förhandsvisningen.", file=sys.stderr)
        return 1
    return 0


def only_mkdocs(builder: str) -> str:
    return (
        f"sluss: förhandsvisningen finns bara med MkDocs, som rensar varje sida den visar "
        f"och bara svarar på 127.0.0.1 och localhost; {builder}s egen server gör inte det. "
        f"Bygg med sluss build --builder {builder} och öppna site/, eller förhandsvisa med "
        "sluss serve (utan --builder)."
    )


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
