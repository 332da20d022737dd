"""`sluss build` and `sluss serve`: check → generate Markdown → MkDocs build.

The generator writes into docs/slussen/ before MkDocs starts, never during a
build, so any `mkdocs.yml` reader can build the same tree. A failed build
leaves the previous site untouched: MkDocs writes into a fresh folder that
replaces the old one only on success.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .check import STOCKHOLM, Repository, check_repository
from .decap import admin_files
from .diagnostics import ERROR, format_text, summary
from .export import read_site_url
from .files import write_changed
from .history import History, read_history, shallow_warning
from .model import COLLECTIONS
from .portal import Portal
from .render import Renderer, write_pages
from .sanitize import sanitize_site

CONFIG_FILE = "mkdocs.yml"
# What a portal is built from: configuration, hand-written pages, theme, content.
SOURCES = ("mkdocs.yml", "sluss.yml", "docs", "overrides", *sorted(COLLECTIONS))


def copy_sources(root: Path, target: Path) -> Path:
    """Copy a portal's sources (not generated pages) to `target`, e.g. for a test build."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("slussen"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def as_of_date() -> dt.date:
    """The build's "today": SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), STOCKHOLM).date()
    return dt.datetime.now(STOCKHOLM).date()


class Timings(dict[str, float]):
    """Seconds per stage of a build, in the order the stages ran (for the summary line
    and the benchmarks, which time the real code path rather than a copy of it)."""

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - start


@dataclass
class Generated:
    """What a generation made, kept by the preview for quick re-renders of one item."""

    repo: Repository
    portal: Portal
    renderer: Renderer


def generate(
    root: Path,
    lang: str = "sv",
    quiet: bool = False,
    timings: Timings | None = None,
    write_lock: contextlib.AbstractContextManager[Any] | None = None,
) -> Generated | None:
    """Check, then write the generated pages. None (and diagnostics printed) on errors.
    `write_lock` is held while writing (the preview's server builds under it)."""
    timings = Timings() if timings is None else timings
    with timings.stage("check"):
        repo = check_repository(root)
    if repo.has_errors:
        errors = [d for d in repo.diagnostics if d.level == ERROR]
        print(format_text(errors, lang), file=sys.stderr)
        print(summary(repo.diagnostics, repo.files, lang), file=sys.stderr)
        print(
            "sluss: bygget avbröts – rätta felen ovan och kör igen."
            if lang == "sv"
            else "sluss: build stopped – fix the errors above and try again.",
            file=sys.stderr,
        )
        return None
    with timings.stage("history"):
        history = read_history(root)
    warn_about_history(root, history, lang)
    with timings.stage("pages"):
        portal = Portal(repo, as_of_date(), history)
        renderer = Renderer(portal)
        files = renderer.pages() | renderer.charts()
    with timings.stage("exports"):
        site_url = read_site_url(root)
        files |= renderer.open_data(site_url, portal.status_events())
    with write_lock or contextlib.nullcontext(), timings.stage("write"):
        write_pages(root / "docs", files, log=(lambda _: None) if quiet else print)
        # The web editor (/admin/): MkDocs copies docs/admin/ as static files, so the
        # local preview has it too. Generated from the model; git-ignored.
        write_changed(root / "docs", admin_files(repo.config, site_url))
    return Generated(repo, portal, renderer)


_WARNED: set[tuple[Path, str]] = set()  # `sluss serve` regenerates often: warn once


def warn_about_history(root: Path, history: History, lang: str = "sv") -> None:
    """One warning per process when the history is a shallow clone's or unreadable."""
    if history.shallow:
        text = shallow_warning(lang)
    elif history.problem:
        text = (
            f"sluss: warning: the Git history could not be read ({history.problem}); "
            "pages show no dates or status timelines."
            if lang == "en"
            else f"sluss: varning: Git-historiken kunde inte läsas ({history.problem}); "
            "sidorna visar inga datum eller statushistorik."
        )
    else:
        return
    if (root, text) not in _WARNED:
        _WARNED.add((root, text))
        print(text, file=sys.stderr)


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


def run_build(root: Path, site_dir: Path, lang: str = "sv") -> int:
    started = time.perf_counter()
    timings = Timings()
    if generate(root, lang, timings=timings) is None or not mkdocs_build(root, site_dir, timings):
        return 1
    done = time.perf_counter()
    whole, mkdocs = done - started, timings["mkdocs"]
    print(
        f"sluss: webbplatsen byggd i {site_dir.as_posix()}/ på {whole:.1f} s (kontroll, "
        f"generering och efterbearbetning {whole - mkdocs:.1f} s, MkDocs {mkdocs:.1f} s)."
        if lang == "sv"
        else f"sluss: site built in {site_dir.as_posix()}/ in {whole:.1f} s (check, "
        f"generation and post-processing {whole - mkdocs:.1f} s, MkDocs {mkdocs:.1f} s)."
    )
    return 0
