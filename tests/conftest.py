"""Fixtures shared by the test files (helpers are in support.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import (
    CHROME_ARGS,
    CHROMIUM,
    PAGE_SIZE,
    PREVIEW,
    Session,
    Walks,
    build_portal,
    build_with_small_pages,
    copy_portal,
    digest,
    published,
    serve,
    site_prefix,
)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The portal's sources copied to a temporary folder and built once, with a fixed
    build date, for every test that only reads the built site: the copy's root, the site
    in its `site/`. A test that changes anything builds a copy of its own.

    At the end of the session the site must be as it was built: a test that wrote into
    it would have changed what the tests after it saw."""
    root = copy_portal(tmp_path_factory.mktemp("sample") / "portal")
    result = build_portal(root)
    assert result.returncode == 0, result.stdout + result.stderr
    built = digest(root / "site")
    yield root
    assert digest(root / "site") == built, "a test changed the shared sample site"


@pytest.fixture(scope="session")
def paged_sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample with every published idea three more times, built with lists of
    PAGE_SIZE rows and overviews of PREVIEW rows (support.py): long lists of every kind,
    with pages. Only read, like `sample_site`, and checked the same way; the copy's root."""
    root = copy_portal(tmp_path_factory.mktemp("paged") / "portal")
    for source in published("ideas"):
        for n in range(3):
            shutil.copy(source, root / "ideas" / f"{source.stem}-kopia-{n}.md")
    build_with_small_pages(root, PAGE_SIZE, PREVIEW)
    built = digest(root / "site")
    yield root
    assert digest(root / "site") == built, "a test changed the shared paged sample site"


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Walks:
    """Counts of the loader's quick and positioned walks, from here to the test's end."""
    return Walks(monkeypatch)


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The sample site on a loopback host, below its own path (/portal/). Scripts, styles
    and images may be kept for ten minutes, as GitHub Pages lets them: a page loaded after
    another in the same context takes them from the browser's cache. Pages are always
    fetched, and a request to another host never gets an answer to keep, so it is seen
    on every page that makes it."""
    with serve(site, site_prefix(site.parent), max_age=600) as url:
        yield url


@pytest.fixture
def session(browser: Any, base_url: str) -> Iterator[Session]:
    """Every test that opens a page also checks: no other host asked, no script error,
    no cookie set."""
    opened = Session(browser, base_url)
    yield opened
    opened.close()
    assert not opened.foreign, "förfrågningar till andra värdar:\n" + "\n".join(opened.foreign)
    assert not opened.errors, "skriptfel:\n" + "\n".join(opened.errors)
    assert not opened.cookies, opened.cookies


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, timeout=60_000)
        yield chromium
        chromium.close()
