"""Check → every output of the registry → files under docs/, before MkDocs starts.

The generator writes into docs/slussen/ (and the editor into docs/admin/) before
MkDocs starts, never during a build, so any `mkdocs.yml` reader can build the same tree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sluss.build.links import link_diagnostics
from sluss.build.timings import Timings
from sluss.content.check import check_repository
from sluss.content.federation import read_federation
from sluss.content.history import (
    History,
    no_git_warning,
    outside_git,
    read_history,
    shallow_warning,
)
from sluss.content.repository import Repository
from sluss.core.config import read_site_url
from sluss.core.diagnostics import ERROR, Diagnostic, stopped
from sluss.core.files import write_changed
from sluss.core.text import STOCKHOLM
from sluss.outputs.registry import OUTPUTS, Environment, render
from sluss.site.entry import GENERATED
from sluss.site.portal import Portal


def as_of_date() -> dt.date:
    """The build's "today": SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), STOCKHOLM).date()
    return dt.datetime.now(STOCKHOLM).date()


class ContentErrors(Exception):
    """The content has errors: nothing was generated. The caller tells the contributor."""

    def __init__(self, repo: Repository) -> None:
        super().__init__(f"{sum(d.level == ERROR for d in repo.diagnostics)} errors")
        self.repo = repo

    def message(self, lang: str) -> str:
        return stopped(self.repo.diagnostics, self.repo.files, lang)


@dataclass(frozen=True)
class Generated:
    """What a generation made, kept by the preview for quick re-renders of one item."""

    repo: Repository
    env: Environment


def published_view(
    root: Path, lang: str = "sv", timings: Timings | None = None, warn: bool = True
) -> Generated:
    """Check the content and read its history: the environment every output is made
    from. Raises ContentErrors when the content has errors. `warn`: say what is wrong
    with the history (the preview's later passes have said it once already)."""
    timings = Timings() if timings is None else timings
    with timings.stage("check"):
        repo = check_repository(root)
    if repo.has_errors:
        raise ContentErrors(repo)
    with timings.stage("history"):
        history = read_history(root)
    if warn:
        warn_about_history(root, history, lang)
    with timings.stage("pages"):
        portal = Portal(repo, as_of_date(), history)
    site_url = read_site_url(root)
    # The cache only, never the network: the same cache gives the same pages.
    network = tuple(read_federation(root, repo.config, site_url))
    return Generated(repo, Environment(portal, site_url, network))


def generate(
    root: Path,
    lang: str = "sv",
    quiet: bool = False,
    timings: Timings | None = None,
    write_lock: contextlib.AbstractContextManager[Any] | None = None,
    warn: bool = True,
) -> Generated:
    """Check, then write every output under docs/. Raises ContentErrors on errors.
    `write_lock` is held while writing (the preview's server builds under it)."""
    timings = Timings() if timings is None else timings
    generated = published_view(root, lang, timings, warn)
    files: dict[str, str | bytes] = {}
    for output in OUTPUTS:
        with timings.stage(output.stage):
            files |= render(generated.env, [output])
    pages = {path: text for path, text in files.items() if path.startswith(f"{GENERATED}/")}
    _refuse_broken_links(generated.repo, pages)
    with write_lock or contextlib.nullcontext(), timings.stage("write"):
        write_pages(root / "docs", pages, log=(lambda _: None) if quiet else print)
        # Outside the generated folder (the editor's docs/admin/): written, never pruned.
        write_changed(root / "docs", {p: f for p, f in files.items() if p not in pages})
    return generated


def _refuse_broken_links(repo: Repository, pages: Mapping[str, str | bytes]) -> None:
    """Links in the bodies the strict build would refuse: said as the checker says them,
    with file and line, before the builder runs (and stops on the generated page)."""
    problems = link_diagnostics(repo, pages)
    if problems:
        repo.diagnostics[:] = sorted([*repo.diagnostics, *problems], key=Diagnostic.sort_key)
        raise ContentErrors(repo)


def write_pages(
    docs: Path, files: Mapping[str, str | bytes], log: Callable[[str], None] = print
) -> int:
    """Write what changed, delete what is gone; return how many files were written."""
    root = docs / GENERATED
    prefix = f"{docs}{os.sep}"
    written = write_changed(docs, files)
    if root.is_dir():
        for folder, _, names in os.walk(root, topdown=False):
            for name in names:
                path = os.path.join(folder, name)
                if path[len(prefix) :].replace(os.sep, "/") not in files:
                    os.unlink(path)
            if not os.listdir(folder):
                os.rmdir(folder)
    if written:
        log(f"{written} genererade filer uppdaterade i {root.as_posix()}")
    return written


_WARNED: set[tuple[Path, str]] = set()  # `sluss serve` regenerates often: warn once


def warn_about_history(root: Path, history: History, lang: str = "sv") -> None:
    """One warning per process when the history is a shallow clone's, unreadable, or
    missing (no Git repository)."""
    if not history.available and not history.problem:
        text = no_git_warning(lang)
    elif history.shallow:
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
    _warn_once(root, text)


def warn_without_git(root: Path, lang: str = "sv") -> None:
    """`sluss check` reads no history, but says as the build does when there is none."""
    if outside_git(root):
        _warn_once(root, no_git_warning(lang))


def _warn_once(root: Path, text: str) -> None:
    if (root, text) not in _WARNED:
        _WARNED.add((root, text))
        print(text, file=sys.stderr)
