"""`sluss schema`: a JSON Schema per collection, for editors and other tools."""

from __future__ import annotations

import sys
from pathlib import Path

from sluss.core.config import load_config
from sluss.core.diagnostics import ERROR, format_text
from sluss.outputs.schema import write_schemas

EXIT_OK, EXIT_ERRORS = 0, 1


def run(root: Path, out: Path, lang: str) -> int:
    """Only the configuration is read (for its vocabularies), not the content."""
    config, problems = load_config(root)
    if any(d.level == ERROR for d in problems):  # nothing is written from a broken file
        print(format_text(problems, lang), file=sys.stderr)
        return EXIT_ERRORS
    for path in write_schemas(root / out, config.vocabularies):
        print(path.as_posix())
    return EXIT_OK
