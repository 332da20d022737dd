"""The web editor, end to end, with the real Decap CMS and its local proxy.

A copy of the portal becomes a Git repository; `decap-server` (the proxy Decap
uses for local editing, in its Git mode so the editorial workflow runs as on
GitHub) serves it; the built site with /admin/ is served on 127.0.0.1; headless
Chromium logs in, creates an idea through the form, moves it to "Redo" and
publishes it. The file the editor wrote must pass the checker and appear on the
rebuilt site.

Needs Node, npm (for `.tools/decap-server`, installed on first use), Git and
Chromium. Without them the test is skipped locally and fails in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
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
from sluss.core.text import slugify
from sluss.outputs.editor import admin_files

from support import CHROME_ARGS, CHROMIUM, ROOT, copy_portal, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # Chromium; a site of its own

TOOLS = ROOT / ".tools" / "decap-server"
PROXY = TOOLS / "node_modules" / "decap-server" / "dist" / "index.js"

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


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; in CI a missing tool is a failure, not a pass."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"editor end-to-end test cannot run in CI: {reason}")
    pytest.skip(reason)


def require_tools() -> tuple[str, str]:
    node, npm, git = shutil.which("node"), shutil.which("npm"), shutil.which("git")
    if node is None or git is None:
        unavailable("node and git are needed for decap-server")
    if not Path(CHROMIUM).is_file():
        unavailable(f"Chromium is not at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright for Python is not installed (make install)")
    if not PROXY.is_file():
        if npm is None:
            unavailable("npm is needed to install decap-server into .tools/decap-server")
        assert npm is not None
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(TOOLS)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0 or not PROXY.is_file():
            unavailable(f"npm ci in .tools/decap-server failed: {result.stderr[-800:]}")
    assert node is not None and git is not None
    return node, git


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


@contextlib.contextmanager
def decap_proxy(node: str, repo: Path, log: Path) -> Iterator[int]:
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(repo.parent),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "git",  # branches and merges: the editorial workflow, as on GitHub
        "GIT_REPO_DIRECTORY": str(repo),
        **GIT_ENV,
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            [node, str(PROXY)], cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while not proxy_answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"decap-server did not start:\n{log.read_text()}")
                time.sleep(0.2)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def proxy_answers(port: int) -> bool:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1",
        data=json.dumps({"action": "info"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return "local_git" in response.read().decode()
    except OSError:
        return False


def git(repo: Path, *args: str) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(repo.parent), **GIT_ENV}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def build(repo: Path, proxy_port: int) -> None:
    """Generate, write /admin/ into docs/ (MkDocs copies it as it is), build strictly."""
    assert generate(repo, quiet=True) is not None
    config, _ = load_config(repo)
    files = admin_files(config, "")
    url = f"http://127.0.0.1:{proxy_port}/api/v1"  # the proxy's free port, not Decap's 8081
    files["admin/config-lokal.yml"] = files["admin/config-lokal.yml"].replace(
        b"local_backend: true", f"local_backend:\n  url: {url}".encode()
    )
    write_files(repo / "docs", files)
    assert build_site(repo, repo / "site")
    assert (repo / "site" / "admin" / "decap-cms.js").stat().st_size > 1_000_000


def wait_for_file(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file():
            return True
        time.sleep(0.25)
    return False


def test_create_an_idea_in_the_web_editor(tmp_path: Path) -> None:
    node, _ = require_tools()
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

    with decap_proxy(node, repo, tmp_path / "decap-server.log") as proxy_port:
        build(repo, proxy_port)
        with serve_site(www) as (base, site_errors):
            slug = create_idea(f"{base}/portal/admin/?lokal", tmp_path)
            idea = repo / "ideas" / f"{slug}.md"
            assert wait_for_file(idea, 30), f"no {idea.name} after publishing"
            assert slug == slugify(TITLE)  # Decap's slugs are the checker's file names

            text = idea.read_text(encoding="utf-8")
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

            build(repo, proxy_port)
            with urllib.request.urlopen(f"{base}/portal/slussen/ideer/{slug}/") as response:
                page = response.read().decode("utf-8")
            assert TITLE in page
            with urllib.request.urlopen(f"{base}/portal/slussen/idebank/") as response:
                assert TITLE in response.read().decode("utf-8")
            assert site_errors == [], site_errors  # every file the editor asked for exists


def create_idea(admin: str, tmp_path: Path) -> str:
    """Fill in the form like a contributor, save, mark as ready, publish; return the slug."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        page = browser.new_page(locale="sv-SE", viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(20_000)
        page.on("dialog", lambda dialog: dialog.accept())  # "publicera det här inlägget?"
        page.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:",
                                                                     "blob:")) else None,
        )  # fmt: skip
        try:
            page.goto(admin)
            page.get_by_role("button", name="Logga in").click()
            page.get_by_role("link", name="Idéer").first.wait_for()
            page.goto(admin + "#/collections/ideas/new")
            page.locator("[id^=title-field]").fill(TITLE)
            page.locator("[id^=summary-field]").fill(
                "Exempel: elcyklar i stället för bil för korta hemtjänstbesök i tätorten."
            )
            page.locator("[id^=municipality-field]").fill("Skö")  # the relation widget
            page.get_by_role("option", name="Skövde kommun").click()
            page.locator("[id^=area-field]").click()  # select widgets
            page.get_by_role("option", name="Vård och omsorg").click()
            page.locator("[id^=status-field]").click()
            page.get_by_role("option", name="Inkommen").click()
            page.locator("[id^=submitted-field]").fill(SUBMITTED.isoformat())
            page.locator("[id^=need-field]").first.fill(
                "Bilarna räcker inte till, och parkeringen tar tid vid korta besök i centrum."
            )
            page.locator("[data-slate-editor]").click()
            page.keyboard.press("Control+End")
            page.keyboard.press("Enter")
            page.keyboard.type("Text skriven i webbredigeraren.")
            page.get_by_role("button", name="Spara").click()
            page.wait_for_url(re.compile(r"#/collections/ideas/entries/[a-z0-9-]+$"))
            slug = page.url.rsplit("/", 1)[-1]
            # The editorial workflow: a saved entry is a draft (a pull request on GitHub).
            page.get_by_role("button", name="Status: Utkast").click()
            page.get_by_text("Redo", exact=True).click()
            page.get_by_role("button", name="Status: Redo").wait_for()
            page.get_by_role("button", name="Publicera", exact=True).click()
            page.get_by_text("Publicera nu", exact=True).click()
            page.get_by_text("Inlägg publicerat").wait_for()
        except Exception:
            page.screenshot(path=str(tmp_path / "editor-failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    assert outside == [], f"the editor contacted other hosts: {outside}"
    return slug
