"""The web editor in Chromium: for each Git host its configuration reaches the Swedish
sign-in screen (a wrong one shows the editor's configuration error, so this can fail);
the screen passes axe in light and dark, shows the logo, and asks no other host."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.core.config import Config, load_config
from sluss.core.editor_settings import EditorSettings
from sluss.core.files import write_changed
from sluss.outputs.editor import admin_files

from support import CHROME_ARGS, CHROMIUM, ROOT, axe_violations, describe, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

SIGN_IN = {  # the host's own sign-in (PKCE) and a token; on GitHub a token only
    "github": (EditorSettings("github", "region/portal"), ["Logga in med en åtkomsttoken"]),
    "gitlab": (
        EditorSettings("gitlab", "it/portal", "main", "https://gitlab.kommun.se", "a" * 64, "pkce"),
        ["Logga in med .?GitLab", "Logga in med en åtkomsttoken"],
    ),
    "gitea": (
        EditorSettings(
            "gitea",
            "it/portal",
            "main",
            "https://git.kommun.se",
            "0b6e6f1c-5a1d-4a43-9d1e-2f3f7c1b2a10",
            "pkce",
        ),
        ["Logga in med .?Gitea . Forgejo", "Logga in med en åtkomsttoken"],
    ),
}
CONFIG_ERROR = "fel i CMS-konfigurationen"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(www: Path) -> Iterator[str]:
    """`www` over HTTP on 127.0.0.1 (a secure context, as the editor requires)."""
    handler = functools.partial(_Quiet, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(ROOT)[0]


def site_with_editor(www: Path, config: Config, tweak: dict[str, Any] | None = None) -> None:
    """/portal/admin/ and the logo it shows, as in the built site."""
    portal = www / "portal"
    write_changed(portal, admin_files(config, ""))
    images = portal / "assets" / "images"
    shutil.copytree(ROOT / "docs" / "assets" / "images", images, dirs_exist_ok=True)
    if tweak:
        path = portal / "admin" / "config.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["backend"] |= tweak
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def open_editor(browser: Any, url: str, scheme: str = "light", bypass_csp: bool = False) -> Any:
    context = browser.new_context(
        locale="en-US",  # Swedish all the same: the portal's choice, not the browser's
        color_scheme=scheme,
        viewport={"width": 1280, "height": 900},
        bypass_csp=bypass_csp,  # only for injecting axe-core
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(url)
    return page


def launch(p: Any) -> Any:
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)


@pytest.mark.parametrize("host", sorted(SIGN_IN))
def test_each_host_reaches_the_sign_in_screen(config: Config, tmp_path: Path, host: str) -> None:
    from playwright.sync_api import sync_playwright

    editor, buttons = SIGN_IN[host]
    site_with_editor(tmp_path, dataclasses.replace(config, editor=editor))
    with serve(tmp_path) as base, sync_playwright() as p:
        browser = launch(p)
        page = open_editor(browser, f"{base}/portal/admin/")
        for name in buttons:  # (the editor isolates a host's name with U+2068 … U+2069)
            page.get_by_role("button", name=re.compile(f"^{name}.?$")).wait_for()
        assert CONFIG_ERROR not in page.inner_text("body")
        browser.close()


def test_a_wrong_configuration_shows_the_editors_error(config: Config, tmp_path: Path) -> None:
    """The check above can fail: GitHub has no PKCE sign-in, and the editor says so."""
    from playwright.sync_api import sync_playwright

    site_with_editor(tmp_path, config, tweak={"auth_type": "pkce", "app_id": "x"})
    with serve(tmp_path) as base, sync_playwright() as p:
        browser = launch(p)
        page = open_editor(browser, f"{base}/portal/admin/")
        page.get_by_text(CONFIG_ERROR).wait_for()
        assert page.get_by_role("button", name="Logga in med en åtkomsttoken").count() == 0
        browser.close()


def test_the_sign_in_screen_asks_no_other_host(config: Config, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    site_with_editor(tmp_path, config)
    with serve(tmp_path) as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(locale="sv-SE")
        page = context.new_page()
        requests: list[str] = []
        refused: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else 0)
        page.goto(f"{base}/portal/admin/")
        page.get_by_role("button", name="Logga in med en åtkomsttoken").wait_for()
        page.wait_for_load_state("networkidle")
        browser.close()
    outside = [u for u in requests if not u.startswith((base, f"blob:{base}", "data:"))]
    assert outside == []
    assert refused == []  # nothing even tried that the policy had to stop
    assert f"{base}/portal/admin/fonts/material-symbols-outlined-latin-wght-normal.woff2" in (
        requests
    )  # the icons' font, from this site
    assert f"{base}/portal/admin/sveltia-cms-0.221.1-sv.json" in requests


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sign_in_screen_is_accessible_swedish_and_shows_the_logo(
    config: Config, tmp_path: Path, scheme: str
) -> None:
    from playwright.sync_api import sync_playwright

    site_with_editor(tmp_path, config)
    with serve(tmp_path) as base, sync_playwright() as p:
        browser = launch(p)
        page = open_editor(browser, f"{base}/portal/admin/", scheme, bypass_csp=True)
        page.get_by_role("button", name="Logga in med en åtkomsttoken").wait_for()
        page.get_by_role("heading", name=config.name, exact=True).wait_for()
        logo = page.locator("img[src$='favicon.svg']").first
        logo.wait_for()
        shown = logo.evaluate(
            "img => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width"
        )
        assert shown and shown >= 32, "the logo is not shown"
        # The logo is its own teal tile: it cannot vanish into the page's background.
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background not in ("rgb(11, 85, 99)",)
        assert page.evaluate("document.documentElement.lang") == "sv"
        violations = axe_violations(page)
        assert violations == [], describe(f"/admin/ ({scheme})", violations)
        # The dialog where the token is pasted.
        page.get_by_role("button", name="Logga in med en åtkomsttoken").click()
        page.get_by_role("textbox", name="Personlig åtkomsttoken").wait_for()
        dialog = page.inner_text("dialog[open]")
        assert "pull requests" in dialog and "Since" not in dialog, dialog  # all Swedish
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        violations = axe_violations(page)
        assert violations == [], describe(f"/admin/, token ({scheme})", violations)
        browser.close()


def test_the_new_idea_form_is_accessible(config: Config, tmp_path: Path) -> None:
    """The form staff fill in, in the editor's sandbox (no host known: `test-repo`)."""
    from playwright.sync_api import sync_playwright

    site_with_editor(tmp_path, dataclasses.replace(config, editor=EditorSettings()))
    with serve(tmp_path) as base, sync_playwright() as p:
        browser = launch(p)
        page = open_editor(browser, f"{base}/portal/admin/", bypass_csp=True)
        page.get_by_role("button", name="Arbeta med test-repo").click()
        page.get_by_role("button", name="Skapa ny post").first.wait_for()
        page.goto(f"{base}/portal/admin/#/collections/ideas/new")
        page.get_by_role("textbox", name="Titel").wait_for()
        page.get_by_role("button", name="Spara", exact=True).wait_for()
        violations = axe_violations(page)
        assert violations == [], describe("/admin/ – ny idé", violations)
        browser.close()
