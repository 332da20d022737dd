"""Writing generated files: only those whose bytes changed.

A watching preview server rebuilds every page whose file is touched, so an unchanged
file is left alone. Plain `os` calls on strings: at 10 000 ideas a build writes
15 000 files, and `pathlib` objects and a `mkdir` per file cost more than the writing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def write_changed(folder: Path, files: Mapping[str, str | bytes]) -> int:
    """Write each file under `folder` (text as UTF-8, byte for byte: CRLF and BOM kept)
    unless it already holds exactly that; return how many were written."""
    prefix = f"{folder}{os.sep}"
    written = 0
    folders: set[str] = set()
    for rel, content in sorted(files.items()):
        target = prefix + rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            with open(target, "rb") as old:
                if old.read() == data:
                    continue
        except OSError:
            pass  # not there yet
        parent = os.path.dirname(target)
        if parent not in folders:
            os.makedirs(parent, exist_ok=True)
            folders.add(parent)
        with open(target, "wb") as new:
            new.write(data)
        written += 1
    return written
