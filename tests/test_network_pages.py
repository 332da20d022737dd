"""Other regions' innovations on our pages: the catalogue's "Från andra regioner", an
area's list, the page Nätverket. Built from a cache of two pretend portals written into
a copy of the sample (the cache format of content/federation.py), never from a network;
never this portal's own items, never in its open data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sluss.content.check import check_repository
from sluss.content.federation import CACHE_FOLDER, RemotePortal
from sluss.content.remote_items import RemoteItem
from sluss.outputs.pages import Renderer
from sluss.outputs.search import FULL_PAGES, page_documents
from sluss.outputs.views import PAGES
from sluss.site.portal import Portal

from support import (
    ROOT,
    Session,
    axe_violations,
    build_with_small_pages,
    copy_portal,
    describe,
    needs_chromium,
)

FETCHED = "2026-12-01"
WEST = ("region-vast", "Innovationsslussen Region Väst", "Västra Götaland", "https://vast.example/")
EAST = ("region-ost", "Östra slussen", "Östergötland", "https://ost.example/")
# Lists of 100 rows, overviews of 3: the sample's four care innovations get a page of
# their own (the area's list), where other regions' care innovations are shown too.
PAGE_SIZE, PREVIEW = 100, 3


def record(base: str, item_id: str, area: str = "care", **more: Any) -> dict[str, Any]:
    """One item as the other portal's open data has it (outputs/open_data.py)."""
    return {
        "id": item_id,
        "url": f"{base}slussen/innovationer/{item_id}/",
        "title": f"Fjärrinnovation {item_id}",
        "summary": "Prövad i en annan region.",
        "owner": "mellerud",
        "area": area,
        "stage": "pilot",
        "reuse": {"license": "CC-BY-4.0"},
    } | more


def cache_of(base: str, innovations: list[dict[str, Any]]) -> dict[str, Any]:
    """A portal's cache as `_write_cache` keeps it: each file with its fetch date."""
    challenge = record(base, "kall-vinter", status="open", url=f"{base}slussen/utmaningar/k/")
    challenge.pop("stage")
    municipality = {"id": "mellerud", "url": f"{base}m/", "title": "Mellerud", "summary": "."}
    files = {
        "innovations": innovations,
        "challenges": [challenge],
        "municipalities": [municipality],
    }
    return {
        "url": base,
        "files": {name: {"fetched": FETCHED, "items": items} for name, items in files.items()},
    }


def join_network(root: Path) -> None:
    """Both portals in sluss.yml and in the cache, as `sluss federation fetch` leaves them."""
    entries = "".join(
        f"  - id: {i}\n    name: {n}\n    region: {r}\n    url: {u}\n"
        for i, n, r, u in (WEST, EAST)
    )
    with (root / "sluss.yml").open("a", encoding="utf-8") as f:
        f.write("\nfederation:\n" + entries)
    west, east = WEST[3], EAST[3]
    caches = {
        WEST[0]: cache_of(
            west,
            [record(west, f"vast-{n}") for n in range(12)]
            + [record(west, "vast-okant", area="rymden")]
            # A tampered cache: the same checks as on fetch leave this one out.
            + [record(west, "vast-elak", title="<script>alert(1)</script>")],
        ),
        EAST[0]: cache_of(east, [record(east, "ost-skola", area="education")]),
    }
    folder = root / CACHE_FOLDER
    folder.mkdir(parents=True)
    for portal_id, cache in caches.items():
        (folder / f"{portal_id}.json").write_text(json.dumps(cache), encoding="utf-8")


@pytest.fixture(scope="module")
def networked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with two other portals in its cache, built: the copy's root."""
    root = copy_portal(tmp_path_factory.mktemp("network") / "portal")
    join_network(root)
    build_with_small_pages(root, PAGE_SIZE, PREVIEW)
    return root


def page(root: Path, path: str) -> str:
    return (root / "docs" / "slussen" / path).read_text(encoding="utf-8")


def section(text: str) -> str:
    """The part of a page from "Från andra regioner" on."""
    assert "## Från andra regioner" in text
    return text[text.index("## Från andra regioner") :]


# --- the catalogue and an area's list -------------------------------------------------------


def test_the_catalogue_shows_both_portals_linked_and_dated(networked: Path) -> None:
    shown = section(page(networked, "innovationer/index.md"))
    assert "Innovationer som andra regioners slussar har dokumenterat." in shown
    for _, name, region, _ in (WEST, EAST):
        assert f"### {name} ({region})" in shown
    assert "Hämtad 2026-12-01" in shown
    assert "(https://vast.example/slussen/innovationer/vast-0/)" in shown
    assert "(https://ost.example/slussen/innovationer/ost-skola/)" in shown
    assert "– Mellerud · Pilot · licens CC-BY-4.0" in shown
    assert "(annan webbplats)" in shown
    # A short list per portal, the rest on Nätverket.
    assert shown.count("vast.example/slussen/innovationer/") == PREVIEW
    assert "[Visa alla 13 innovationer" in shown and "natverket.md#region-vast)" in shown


def test_an_area_list_shows_only_the_same_area(networked: Path) -> None:
    shown = section(page(networked, "innovationer/omrade/care/index.md"))
    # The first few of the twelve, and the way to all of them: our page stays short.
    assert shown.count("vast.example/slussen/innovationer/vast-") == PREVIEW
    assert "[Visa alla 13 innovationer" in shown
    assert "vast-okant" not in shown and "ost-skola" not in shown
    assert EAST[1] not in shown  # a portal with nothing in the area is not named


def test_a_short_area_list_gets_its_page_for_other_regions(networked: Path) -> None:
    """Education has fewer innovations than an overview shows: its page exists all the
    same, for the other region's education innovation, and the catalogue links to it."""
    shown = section(page(networked, "innovationer/omrade/education/index.md"))
    assert "ost-skola" in shown and "vast-" not in shown
    assert "[Visa även 1 innovation från andra regioner" in page(networked, "innovationer/index.md")
    assert not (networked / "docs/slussen/innovationer/omrade/culture").exists()


def test_an_unknown_area_is_on_the_catalogue_only(networked: Path) -> None:
    assert "vast-okant" in page(networked, "natverket/region-vast/innovationer/index.md")
    for area_page in (networked / "docs/slussen/innovationer/omrade").rglob("*.md"):
        assert "vast-okant" not in area_page.read_text(encoding="utf-8")


# --- Nätverket ------------------------------------------------------------------------------


def test_the_network_page_lists_both_portals(networked: Path) -> None:
    text = page(networked, "natverket.md")
    for portal_id, name, _, url in (WEST, EAST):
        assert f"## {name}" in text and f"{{ #{portal_id} }}" in text
        assert f"]({url})" in text
    assert "13 innovationer · 1 öppen utmaning" in text
    assert "1 innovation · 1 öppen utmaning" in text
    assert "### Öppna utmaningar" in text
    assert "(https://ost.example/slussen/utmaningar/k/) – Mellerud · Öppen" in text
    assert "Lägg till" in text or "lägger samordnaren till en rad i `sluss.yml`" in text
    # Every innovation of a long list on the portal's own pages (titles link away).
    listed = page(networked, "natverket/region-vast/innovationer/index.md")
    assert "En annan regions sluss har dokumenterat dem" in listed
    assert listed.count("](https://vast.example/slussen/innovationer/") == 13


def test_the_network_page_is_in_the_menu_and_built(networked: Path) -> None:
    assert "Nätverket: slussen/natverket.md" in (networked / "mkdocs.yml").read_text()
    assert (networked / "site/slussen/natverket/index.html").is_file()


# --- never this portal's own -----------------------------------------------------------------


def test_our_open_data_and_sitemap_have_none_of_theirs(networked: Path) -> None:
    ours = {p.stem for p in (ROOT / "innovations").glob("*.md")}
    for name in ("innovationer.json", "utmaningar.json"):
        records = json.loads(page(networked, f"data/{name}"))
        ids = {r["id"] for r in records}
        assert not any(i.startswith(("vast-", "ost-")) or i == "kall-vinter" for i in ids)
    innovation_ids = {r["id"] for r in json.loads(page(networked, "data/innovationer.json"))}
    assert innovation_ids <= ours
    sitemap = (networked / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "vast.example" not in sitemap and "ost.example" not in sitemap


def test_a_tampered_item_in_the_cache_is_never_shown(networked: Path) -> None:
    for generated in (networked / "docs/slussen").rglob("*.md"):
        text = generated.read_text(encoding="utf-8")
        assert "vast-elak" not in text and "<script>alert" not in text, generated


# --- rendered without a build: the empty network, hostile strings ----------------------------


@pytest.fixture(scope="module")
def portal() -> Portal:
    return Portal(check_repository(ROOT), dt.date(2026, 12, 1))


def test_an_empty_network_shows_nothing(portal: Portal) -> None:
    pages = Renderer(portal, preview=PREVIEW).pages()
    assert "andra regioner" not in pages["slussen/innovationer/index.md"].lower()
    assert "Från andra regioner" not in pages["slussen/innovationer/omrade/care/index.md"]
    network = pages["slussen/natverket.md"]
    assert "läser ännu inga andra slussar" in network and "## Gå med i nätverket" in network
    assert not any(path.startswith("slussen/natverket/") for path in pages)


def test_at_most_ten_per_portal_on_the_catalogue(portal: Portal) -> None:
    many = remote("vast", [item(f"i{n}") for n in range(25)])
    shown = section(Renderer(portal, network=[many]).pages()["slussen/innovationer/index.md"])
    assert shown.count("https://vast.example/i") == 10


def item(item_id: str, **changes: Any) -> RemoteItem:
    fields: dict[str, Any] = {
        "id": item_id,
        "title": f"Titel {item_id}",
        "summary": ".",
        "page_url": f"https://vast.example/{item_id}/",
        "area": "care",
    }
    return RemoteItem(**(fields | changes))


def remote(portal_id: str, innovations: list[RemoteItem]) -> RemotePortal:
    url = f"https://{portal_id}.example/"
    fetched = dt.date(2026, 12, 1)
    return RemotePortal(portal_id, "Väst", "", url, fetched, tuple(innovations))


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "<script>alert(1)</script>"},
        {"title": "[x](javascript:alert(1))"},
        {"municipality_names": ("<img src=x onerror=alert(1)>",)},
        {"state": "<b>ny</b>", "license": "**MIT**"},
        {"page_url": "javascript:alert(1)"},
        {"page_url": "https://vast.example/a) <script>"},
    ],
)
def test_hostile_strings_come_out_as_text(portal: Portal, changes: dict[str, Any]) -> None:
    """Had the cache been tampered with past its checks, still no markup and no link."""
    network = [remote("vast", [item("x", **changes)])]
    pages = Renderer(portal, preview=PREVIEW, network=network).pages()
    for path in ("innovationer/index.md", "natverket.md", "innovationer/omrade/care/index.md"):
        shown = pages[f"slussen/{path}"]
        assert "<script>" not in shown and "<img" not in shown and "<b>" not in shown, path
        # `\]` is a bracket as text (the `md` filter's escape), never the end of a link.
        assert not re.search(r"(?<!\\)\]\(javascript:", shown), path
        # Every link's address ends where it should: nothing of it spills into the text.
        assert not re.search(r"\]\([^)]*[ <>]", shown), path


# --- in a browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(networked: Path) -> Path:
    """The networked build for conftest's `base_url` and `session`."""
    return networked / "site"


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", ["slussen/natverket/", "slussen/innovationer/"])
def test_readable_and_axe_clean(path: str, width: int, session: Session) -> None:
    opened = session.open(path, width=width)
    assert opened.evaluate("document.documentElement.scrollWidth") <= width, "rullar i sidled"
    violations = axe_violations(opened)
    assert not violations, describe(f"{path}, {width} px", violations)


def test_a_large_network_keeps_its_page_small(portal: Portal) -> None:
    """20 portals of 5 000 innovations and 5 000 open challenges each: Nätverket shows each
    portal's first rows, the rest are on pages of their own (100 rows each). The Markdown
    stays well under 300 KB, leaving room for the theme's menus around it in HTML."""
    long_title = "Digitalt stöd för hemtjänstens planering i glesbygd, prövat i tre kommuner"
    network = [
        RemotePortal(
            f"region-{n}",
            f"Innovationsslussen i region {n}",
            f"Region {n}",
            f"https://region-{n}.example/",
            dt.date(2026, 12, 1),
            tuple(item(f"i{k}", title=f"{long_title} {k}") for k in range(5000)),
            tuple(item(f"c{k}", title=long_title, state="open") for k in range(5000)),
        )
        for n in range(20)
    ]
    renderer = Renderer(portal, network=network)
    view = next(v for v in PAGES if v.template == "natverket.md.j2")
    text = renderer.page_text(view.path, view.template, view.title, view.description)
    assert len(text.encode()) < 200_000, len(text.encode())
    assert text.count("[Visa alla 5\u202f000 innovationer") == 20
    assert len(renderer.lists["network/region-0/innovations"].pages) == 50


def test_search_finds_the_network_page_by_its_lead_only() -> None:
    """Other regions' items are their sites' pages: our index never holds them."""
    assert "slussen/natverket.md" not in FULL_PAGES
    assert any(d.url.endswith("slussen/natverket/") for d in page_documents())
