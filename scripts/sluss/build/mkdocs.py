"""Running MkDocs: a strict build into a fresh folder, then the sanitiser over its HTML.

Anything that reads `mkdocs.yml` can build the generated tree; this is the reader
`sluss build` uses. A failed build leaves the previous site untouched.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sluss.build.sanitize import sanitize_site
from sluss.build.timings import Timings

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


def mkdocs_build(root: Path, site_dir: Path, timings: Timings | None = None) -> bool:
    """A strict MkDocs build into a new folder that replaces `site_dir` on success."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=site_dir.name + ".", dir=site_dir.parent))
    show_mkdocs_warnings()
    timings = Timings() if timings is None else timings
    try:
        with in_folder(root), timings.stage("mkdocs"):
            config = load_config(str(root / CONFIG_FILE), strict=True, site_dir=str(fresh))
            build(config)
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"sluss: MkDocs-bygget misslyckades: {exc}", file=sys.stderr)
        print("sluss: förra versionen av webbplatsen ligger kvar orörd.", file=sys.stderr)
        return False
    with timings.stage("sanitize"):
        for page in sanitize_site(fresh):
            print(f"sluss: varning: otillåten HTML togs bort ur {page}", file=sys.stderr)
    fresh.chmod(0o755)
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return True


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
