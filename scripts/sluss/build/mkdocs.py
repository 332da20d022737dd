"""What MkDocs (and the builders that read its configuration) need around a build:
the configuration file, the working folder, and its log shown the way sluss shows it."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


@contextlib.contextmanager
def in_folder(path: Path) -> Iterator[None]:
    """MkDocs extensions (snippets) resolve paths from the working folder."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_sluss", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s %(message)s"))
        handler.addFilter(_not_the_dirty_build_warning)
        handler._sluss = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every partial rebuild of the preview that navigation may be stale;
    ours is static (item pages are not in it), so the warning is only noise."""
    return "'dirty' build" not in record.getMessage()
