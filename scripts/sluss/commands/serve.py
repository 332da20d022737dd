"""`sluss serve`: the local preview, regenerated after every edit."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from sluss.build.builders import BUILDERS
from sluss.build.generate import ContentErrors
from sluss.build.preview import serve_preview
from sluss.build.preview_built import serve_built
from sluss.core.config import BUILDER_NAMES, load_config

# MkDocs' own server is the quick preview, made to clean every page it serves and to
# answer only this machine (build/preview.py). ProperDocs' and Zensical's servers do
# neither, so with them the site is built as `sluss build` builds it and served by the
# same local-only server (build/preview_built.py).
QUICK_PREVIEW = BUILDER_NAMES[0]


def run(root: Path, port: int, lang: str = "sv", builder: str | None = None) -> int:
    """`builder`: from --builder, else `builder:` in sluss.yml, else MkDocs."""
    chosen = BUILDERS[builder or load_config(root)[0].builder]
    if not chosen.available():
        print(chosen.missing(), file=sys.stderr)
        return 1
    # Stopped by a service manager or `kill` as by Ctrl+C: the preview's files (its lock,
    # the banner's file, another builder's site) are removed on the way out either way.
    signal.signal(signal.SIGTERM, _stop)
    try:
        if chosen.name == QUICK_PREVIEW:
            serve_preview(root, port, lang)
        else:
            serve_built(root, port, lang, chosen.name)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        print("sluss: rätta felen, så startar förhandsvisningen.", file=sys.stderr)
        return 1
    return 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
