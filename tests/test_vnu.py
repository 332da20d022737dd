"""The Nu Html Checker (vnu-jar, run with Java) over the built sample site.

Every page, our stylesheet and our SVG images (charts, logo) are checked in one run of
vnu.jar from `.tools/checkers/` (`make browser-deps` installs a pinned vnu-jar from npm). No
error may come from the portal's own templates or content.

One error is Material's and is accepted, on exactly the two elements it is about:
base.html gives the drawer and search toggle checkboxes `autocomplete="off"`, which
HTML allows only on text-like inputs. Material does it on purpose (Firefox would
otherwise restore an open drawer or search on going back), and the two inputs sit
outside every block of base.html, so the only override would be a copy of all of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import needs_java_and_vnu, vnu_messages

pytestmark = needs_java_and_vnu

# (message, extract): an error is Material's own when both match.
MATERIAL_BASELINE = [
    (
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
    ),
]


@pytest.fixture(scope="module")
def messages(site: Path) -> list[dict[str, str]]:
    files = sorted(site.rglob("*.html"))
    files += [site / "assets/stylesheets/sluss.css", *sorted(site.glob("assets/images/*.svg"))]
    files += sorted(site.glob("slussen/diagram/*.svg"))
    return vnu_messages(files, "--also-check-css", "--also-check-svg")


def is_material(message: dict[str, str]) -> bool:
    return any(
        text.search(message.get("message", "")) and extract.search(message.get("extract", ""))
        for text, extract in MATERIAL_BASELINE
    )


def where(site: Path, message: dict[str, str]) -> str:
    path = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    return f"{path}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"


def test_vnu_finds_no_error_of_ours(site: Path, messages: list[dict[str, str]]) -> None:
    ours = [m for m in messages if not is_material(m)]
    listing = [
        f"{where(site, m)}: {m['type']}: {m['message']}\n    {m.get('extract', '').strip()}"
        for m in ours[:30]
    ]
    assert not ours, f"vnu: {len(ours)} fel\n" + "\n".join(listing)


def test_the_accepted_material_error_is_only_on_its_two_checkboxes(
    site: Path, messages: list[dict[str, str]]
) -> None:
    per_page: dict[str, int] = {}
    for m in messages:
        if is_material(m):
            per_page[m["url"]] = per_page.get(m["url"], 0) + 1
    # Two on each Material page (drawer, search): so vnu did read every page, and a
    # third would be an error of ours, not Material's.
    theme_pages = [p for p in site.rglob("*.html") if "__drawer" in p.read_text(encoding="utf-8")]
    assert len(theme_pages) > 50
    assert sorted(per_page.values()) == [2] * len(theme_pages)
