"""`sluss serve`: while a content file has an error after an edit, every page the preview
serves carries a banner naming the file, the line and the message, until it is fixed;
the open page reloads when the banner comes and goes."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from sluss.build.preview_banner import banner, with_banner

from support import (
    AXE_RUN,
    axe_source,
    copy_portal,
    describe,
    fetch,
    free_port,
    needs_chromium,
    start_sluss,
    wait_for,
)

BANNER = 'class="sluss-forhandsfel"'


def test_the_banner_escapes_what_it_shows() -> None:
    rows: list[dict[str, object]] = [
        {"path": "ideas/<b>.md", "line": 7, "message": 'värdet "<script>x</script>" & mer'}
    ]
    text = banner(rows)
    assert text.startswith('<div role="alert" class="sluss-forhandsfel"')
    assert "ideas/&lt;b&gt;.md</code>, rad 7: värdet &quot;&lt;script&gt;x&lt;/script&gt;" in text
    assert "<script>" not in text and "<b>" not in text
    assert banner([]) == ""
    page = b'<html><body class="x"><main>Sida</main></body></html>'
    assert with_banner(page, rows) == (
        b'<html><body class="x">' + text.encode() + b"<main>Sida</main></body></html>"
    )
    assert with_banner(page, []) == page
    many = banner([{"path": f"ideas/{k}.md", "line": 1, "message": "fel"} for k in range(12)])
    assert many.count("<li>") == 10 and "… och 2 till." in many


def _banner_contrast(page: Any) -> list[dict[str, Any]]:
    """axe-core's colour-contrast rule on the banner, in the page as the browser shows it."""
    page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        AXE_RUN.replace("axe.run(document,", "axe.run('.sluss-forhandsfel',"),
        ["wcag2aa", "wcag21aa"],
    )
    return list(result["violations"])


@pytest.mark.slow  # the preview builds the whole site first
@pytest.mark.browser
@needs_chromium
def test_an_error_shows_a_banner_on_every_page_until_fixed(tmp_path: Path, browser: Any) -> None:
    root = copy_portal(tmp_path / "zip")  # no .git, as from a downloaded zip
    port = free_port()
    process = start_sluss("serve", "--port", str(port), cwd=root)
    idea = sorted((root / "ideas").glob("*.md"))[0]
    base = f"http://127.0.0.1:{port}/portal/"
    url = f"{base}slussen/ideer/{idea.stem}/"
    try:
        assert wait_for(lambda: "<html" in fetch(url), 120), "the preview never came up"
        assert BANNER not in fetch(url)
        page = browser.new_page()
        page.goto(url)

        text = idea.read_text(encoding="utf-8")
        lines = text.split("\n")
        line = next(k for k, row in enumerate(lines) if row.startswith("status:")) + 1
        idea.write_text(text.replace(lines[line - 1], "status: <i>testas</i>"), "utf-8")

        # The open page reloads and shows it; so does every other page served.
        page.wait_for_selector(".sluss-forhandsfel[role=alert]", timeout=60_000)
        shown = page.inner_text(".sluss-forhandsfel")
        assert f"ideas/{idea.name}, rad {line}:" in shown
        assert '"<i>testas</i>" är inte ett tillåtet värde för "status"' in shown
        home = fetch(base)
        assert BANNER in home and "&lt;i&gt;testas&lt;/i&gt;" in home
        violations = _banner_contrast(page)
        assert violations == [], describe("förhandsvisningens felruta", violations)

        idea.write_text(text, "utf-8")  # fixed: the banner goes, the page reloads
        page.wait_for_selector(".sluss-forhandsfel", state="detached", timeout=60_000)
        assert BANNER not in fetch(base)
        page.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "Traceback" not in output
    # A copy without .git: said once, not again by each regeneration.
    assert output.count("inget Git-förråd") == 1, output
