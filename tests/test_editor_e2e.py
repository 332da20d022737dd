"""The web editor, end to end, with the real Sveltia CMS and a local folder.

A copy of the portal becomes a Git repository and is built with /admin/; the site is
served on 127.0.0.1; headless Chromium opens the editor, chooses "Arbeta med lokalt
repository" (the browser's folder access, as staff do in Chrome or Edge), creates an
idea through the form and saves it. The file the editor wrote must pass the checker
and appear on the rebuilt site.

A headless browser cannot show the folder picker, so the test answers it with a folder
in the browser's own file system (OPFS, the same File System Access interface), filled
with the repository's content first; the file the editor writes there is copied back
into the repository. Needs Git and Chromium; without them the test is skipped locally
and fails in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sluss.build.builders import build_site
from sluss.build.generate import generate
from sluss.content.check import check_repository
from sluss.core.config import load_config
from sluss.core.files import write_changed as write_files
from sluss.core.model import COLLECTIONS
from sluss.core.text import SLUG
from sluss.outputs.editor import admin_files

from support import CHROME_ARGS, CHROMIUM, copy_portal

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # Chromium; a site of its own

TITLE = "Lånecyklar i hemtjänsten på landsbygden"
SUBMITTED = dt.date.today() - dt.timedelta(days=2)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,  # the developer's own Git settings play no part
    "GIT_CONFIG_NOSYSTEM": "1",
}

# The folder picker's answer: a folder in the browser's private file system.
PICKER = """window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});"""
# Fill that folder with the repository's content; `.git` marks a repository's root.
FILL = """async (files) => {
  const root = await (await navigator.storage.getDirectory())
    .getDirectoryHandle('repo', {create: true});
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = root;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const out = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await out.write(text);
    await out.close();
  }
}"""
LIST = """async (folder) => {
  const dir = await (await (await navigator.storage.getDirectory())
    .getDirectoryHandle('repo')).getDirectoryHandle(folder);
  const names = [];
  for await (const name of dir.keys()) names.push(name);
  return names;
}"""
READ = """async (path) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('repo');
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
  return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
}"""


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; in CI a missing tool is a failure, not a pass."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"editor end-to-end test cannot run in CI: {reason}")
    pytest.skip(reason)


def require_tools() -> None:
    if shutil.which("git") is None:
        unavailable("git is needed")
    if not Path(CHROMIUM).is_file():
        unavailable(f"Chromium is not at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright for Python is not installed (make install)")


class _Site(http.server.SimpleHTTPRequestHandler):
    errors: list[str]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(code).isdigit() and int(str(code)) >= 400:
            self.errors.append(f"{code} {self.path}")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_site(www: Path) -> Iterator[tuple[str, list[str]]]:
    """The built site over HTTP on 127.0.0.1, under /portal/ like on GitHub Pages."""
    errors: list[str] = []
    handler = functools.partial(type("Site", (_Site,), {"errors": errors}), directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", errors
    finally:
        server.shutdown()
        server.server_close()


def git(repo: Path, *args: str) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(repo.parent), **GIT_ENV}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def build(repo: Path) -> None:
    """Generate, write /admin/ into docs/ (MkDocs copies it as it is), build strictly."""
    assert generate(repo, quiet=True) is not None
    config, _ = load_config(repo)
    write_files(repo / "docs", admin_files(config, ""))
    assert build_site(repo, repo / "site")
    assert (repo / "site" / "admin" / "sveltia-cms.js").stat().st_size > 1_000_000


def content(repo: Path) -> dict[str, str]:
    """Every content file, by its path in the repository: what the editor reads."""
    return {
        path.relative_to(repo).as_posix(): path.read_text(encoding="utf-8")
        for name in COLLECTIONS
        for path in sorted((repo / name).glob("*.md"))
    }


def test_create_an_idea_in_the_web_editor(tmp_path: Path) -> None:
    require_tools()
    repo = copy_portal(tmp_path / "repo")
    (repo / ".gitignore").write_text(
        "/site/\n/site.*/\n/docs/slussen/\n/docs/admin/\n", encoding="utf-8"
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Portal content")
    www = tmp_path / "www"
    www.mkdir()
    (www / "portal").symlink_to(repo / "site")  # site_url's path is /portal/

    build(repo)
    with serve_site(www) as (base, site_errors):
        slug, text = create_idea(f"{base}/portal/admin/?lokal", content(repo), tmp_path)
        assert SLUG.fullmatch(slug), slug  # a file name the checker accepts
        idea = repo / "ideas" / f"{slug}.md"
        idea.write_text(text, encoding="utf-8")  # the folder the picker gave, on disk

        assert re.search(rf"^submitted: '?{SUBMITTED.isoformat()}'?$", text, re.M), text
        assert re.search(r"^municipality: skovde$", text, re.M), text
        assert re.search(r"^area: care$", text, re.M), text
        assert re.search(r"^status: submitted$", text, re.M), text
        assert "Text skriven i webbredigeraren." in text

        checked = check_repository(repo)
        about = [  # (a "similar idea" hint compares content, not the editor's output)
            d
            for d in checked.diagnostics
            if d.path == f"ideas/{slug}.md" and d.code != "similar-idea"
        ]
        assert about == [], [f"{d.code}: {d.message()}" for d in about]
        assert not checked.has_errors

        build(repo)
        with urllib.request.urlopen(f"{base}/portal/slussen/ideer/{slug}/") as response:
            page = response.read().decode("utf-8")
        assert TITLE in page
        with urllib.request.urlopen(f"{base}/portal/slussen/idebank/") as response:
            assert TITLE in response.read().decode("utf-8")
        assert site_errors == [], site_errors  # every file the editor asked for exists


def create_idea(admin: str, files: dict[str, str], tmp_path: Path) -> tuple[str, str]:
    """Fill in the form like a contributor and save; return the slug and the file."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    origin = admin.split("/portal/", 1)[0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 1000})
        context.add_init_script(PICKER)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on(
            "request",
            lambda r: (
                outside.append(r.url)
                if not r.url.startswith((origin, f"blob:{origin}", "data:"))
                else None
            ),
        )
        try:
            page.goto(admin)
            page.evaluate(FILL, files)
            page.get_by_role("button", name="Arbeta med lokalt repository").click()
            page.get_by_role("button", name="Skapa ny post").first.wait_for()
            page.goto(admin + "#/collections/ideas/new")
            fill_the_form(page)
            page.get_by_role("button", name="Spara", exact=True).click()
            written = new_files(page, "ideas", files)
            assert len(written) == 1, written
            slug = written[0].removesuffix(".md")
            text = page.evaluate(READ, f"ideas/{written[0]}")
        except Exception:
            page.screenshot(path=str(tmp_path / "editor-failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    assert outside == [], f"the editor contacted other hosts: {outside}"
    return slug, str(text)


def new_files(page: Any, folder: str, before: dict[str, str]) -> list[str]:
    """The files the editor has written into `folder` (waiting up to 20 s for one)."""
    deadline = time.monotonic() + 20
    while True:
        names = [n for n in page.evaluate(LIST, folder) if f"{folder}/{n}" not in before]
        if names or time.monotonic() > deadline:
            return list(names)
        page.wait_for_timeout(250)


def fill_the_form(page: Any) -> None:
    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_role("textbox", name="Sammanfattning").fill(
        "Exempel: elcyklar i stället för bil för korta hemtjänstbesök i tätorten."
    )
    page.get_by_role("combobox", name="Kommun", exact=True).click()  # the relation widget
    page.get_by_role("option", name="Skövde kommun").click()
    page.get_by_role("combobox", name="Verksamhetsområde").click()  # a select widget
    page.get_by_role("option", name="Vård och omsorg").click()
    page.get_by_role("textbox", name="Inkommen", exact=True).fill(SUBMITTED.isoformat())
    page.get_by_role("textbox", name="Behov").fill(
        "Bilarna räcker inte till, och parkeringen tar tid vid korta besök i centrum."
    )
    # The editor draws the fields as the form scrolls; the body is the last one.
    body = page.get_by_role("textbox", name="Brödtext")
    page.mouse.move(640, 500)
    for _ in range(40):
        if body.count():
            break
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(250)
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Text skriven i webbredigeraren.")
