"""`sluss serve`: the local preview, regenerated after every edit."""

from __future__ import annotations

import sys
from pathlib import Path

from sluss.build.generate import ContentErrors
from sluss.build.preview import serve_preview


def run(root: Path, port: int, lang: str = "sv") -> int:
    try:
        serve_preview(root, port, lang)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        print("sluss: rätta felen, så startar förhandsvisningen.", file=sys.stderr)
        return 1
    return 0
