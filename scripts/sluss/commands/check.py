"""`sluss check`: every content file against the model, with Swedish messages."""

from __future__ import annotations

from pathlib import Path

from sluss.build.generate import as_of_date, warn_about_history, warn_without_git
from sluss.build.links import item_page_renderer, link_diagnostics
from sluss.content.check import check_repository
from sluss.content.history import read_history
from sluss.content.repository import Repository
from sluss.core.diagnostics import (
    ERROR,
    Diagnostic,
    format_github,
    format_json,
    format_text,
    summary,
)
from sluss.site.portal import Portal
from sluss.site.stale import stale_diagnostics

EXIT_OK, EXIT_ERRORS = 0, 1


def run(
    root: Path, lang: str, fmt: str, strict: bool, stale: bool = False, similar: bool = False
) -> int:
    repo = check_repository(root, similar=similar)
    found = sorted([*repo.diagnostics, *_links(repo)], key=Diagnostic.sort_key)
    if stale:
        found = sorted([*found, *_stale(repo, lang)], key=Diagnostic.sort_key)
    else:
        warn_without_git(root, lang)
    if fmt == "json":
        print(format_json(found, lang))
    else:
        text = format_github(found, lang) if fmt == "github" else format_text(found, lang)
        if text:
            print(text)
        print(summary(found, repo.files, lang))
    failed = any(d.level == ERROR for d in found) or (strict and bool(found))
    return EXIT_ERRORS if failed else EXIT_OK


def _links(repo: Repository) -> list[Diagnostic]:
    """Links the strict build would refuse; the anchors of items' pages only when the
    content has no error (their pages are rendered to know them)."""
    render = None if repo.has_errors else item_page_renderer(repo, as_of_date())
    return link_diagnostics(repo, render_item=render)


def _stale(repo: Repository, lang: str) -> list[Diagnostic]:
    """Ideas waiting too long, judged from the Git history (one pass) and `stale:`."""
    history = read_history(repo.root)
    warn_about_history(repo.root, history, lang)
    return stale_diagnostics(Portal(repo, as_of_date(), history))
