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
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from .check import STOCKHOLM, Repository, check_repository
from .decap import admin_files, write_files
from .diagnostics import ERROR, format_text, summary
from .export import read_site_url
from .history import History, read_history, shallow_warning
from .load import iter_content_files
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


def generate(root: Path, lang: str = "sv", quiet: bool = False) -> Repository | None:
    """Check, then write the generated pages. None (and diagnostics printed) on errors."""
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
    history = read_history(root)
    warn_about_history(root, history, lang)
    portal = Portal(repo, as_of_date(), history)
    renderer = Renderer(portal)
    files = renderer.pages() | renderer.charts()
    site_url = read_site_url(root)
    files |= renderer.open_data(site_url, portal.status_events())
    write_pages(root / "docs", files, log=(lambda _: None) if quiet else print)
    # The web editor (/admin/): MkDocs copies docs/admin/ as static files, so the
    # local preview has it too. Generated from the model; git-ignored.
    write_files(root / "docs", admin_files(repo.config, site_url))
    return repo


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
def _in_folder(path: Path) -> Iterator[None]:
    """MkDocs extensions (snippets) resolve paths from the working folder."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def mkdocs_build(root: Path, site_dir: Path) -> bool:
    """A strict MkDocs build into a new folder that replaces `site_dir` on success."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=site_dir.name + ".", dir=site_dir.parent))
    _show_mkdocs_warnings()
    try:
        with _in_folder(root):
            config = load_config(str(root / CONFIG_FILE), strict=True, site_dir=str(fresh))
            build(config)
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"sluss: MkDocs-bygget misslyckades: {exc}", file=sys.stderr)
        print("sluss: förra versionen av webbplatsen ligger kvar orörd.", file=sys.stderr)
        return False
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


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_sluss", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s %(message)s"))
        handler._sluss = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def run_build(root: Path, site_dir: Path, lang: str = "sv") -> int:
    started = time.perf_counter()
    repo = generate(root, lang)
    if repo is None:
        return 1
    generated = time.perf_counter()
    if not mkdocs_build(root, site_dir):
        return 1
    done = time.perf_counter()
    print(
        f"sluss: webbplatsen byggd i {site_dir.as_posix()}/ på {done - started:.1f} s "
        f"(kontroll och generering {generated - started:.1f} s, MkDocs {done - generated:.1f} s)."
    )
    return 0


# --- serve -----------------------------------------------------------------------------


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the generator reads: content files, sluss.yml and Git's index (a commit
    changes dates and timelines), by name, size and time."""
    paths = [p for _, p in iter_content_files(root)] + [root / "sluss.yml", root / ".git/index"]
    out = []
    for path in paths:
        with contextlib.suppress(OSError):
            stat = path.stat()
            out.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def _watch_content(root: Path, lang: str, stop: threading.Event) -> None:
    """Regenerate pages when content changes; MkDocs' own watcher then reloads."""
    seen = _fingerprint(root)
    while not stop.wait(0.3):
        now = _fingerprint(root)
        if now != seen:
            seen = now
            print("sluss: innehållet ändrades – genererar sidorna på nytt")
            generate(root, lang)


def preview_url(root: Path, port: int) -> str:
    """MkDocs serves the site under the path of `site_url` (e.g. /portal/)."""
    from mkdocs.config import load_config

    with _in_folder(root):
        site_url = load_config(str(root / CONFIG_FILE)).site_url or ""
    return f"http://127.0.0.1:{port}{urllib.parse.urlsplit(site_url).path or '/'}"


def run_serve(root: Path, port: int, lang: str = "sv") -> int:
    from mkdocs.commands.serve import serve

    if generate(root, lang) is None:
        print("sluss: rätta felen, så startar förhandsvisningen.", file=sys.stderr)
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_content, args=(root, lang, stop), daemon=True)
    watcher.start()
    print(f"sluss: förhandsvisning på {preview_url(root, port)} – avsluta med Ctrl+C")
    _show_mkdocs_warnings()
    try:
        with _in_folder(root):
            serve(str(root / CONFIG_FILE), dev_addr=f"127.0.0.1:{port}", livereload=True)
    finally:
        stop.set()
    return 0
