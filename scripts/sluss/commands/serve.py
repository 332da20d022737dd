"""`sluss serve`: the local preview, regenerated after every edit."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from sluss.build.builders import BUILDERS
from sluss.build.generate import ContentErrors
from sluss.build.preview import serve_preview
from sluss.core.config import load_config


def run(root: Path, port: int, lang: str = "sv", builder: str | None = None) -> int:
    """`builder`: from --builder, else `builder:` in sluss.yml, else MkDocs."""
    chosen = BUILDERS[builder or load_config(root)[0].builder]
    if not chosen.available():
        print(chosen.missing(), file=sys.stderr)
        return 1
    # Stopped by a service manager or `kill` as by Ctrl+C: the preview's files (a lock, a
    # builder's configuration) are removed on the way out either way.
    signal.signal(signal.SIGTERM, _stop)
    try:
        serve_preview(root, port, lang, chosen.name)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        print("sluss: rätta felen, så startar förhandsvisningen.", file=sys.stderr)
        return 1
    return 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
