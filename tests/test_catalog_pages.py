"""Evidence and reuse at a glance: the catalogue's rows, the page Evidensnivåer, "Vill ni
ta efter?", what a municipality does not use yet, Spridning, Stödsystemet and the
support suggested for an idea. Rendered from the sample content (no build), except the
last tests, which read the built sample site and open it in Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from sluss.content.check import check_repository
from sluss.outputs.pages import Renderer
from sluss.site.entry import Entry
from sluss.site.portal import Portal
from sluss.site.suggestions import MAX_SUPPORT, SCOPE_RANK, evidence_level, idea_scope

from support import Session, axe_violations, describe, needs_chromium, page_of_type

ROOT = Path(__file__).resolve().parents[1]
SEK = "\u00a0kr"  # the `sek` filter's unit, after a no-break space


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(Portal(check_repository(ROOT), dt.date(2026, 12, 1)))


@pytest.fixture(scope="module")
def pages(renderer: Renderer) -> dict[str, str]:
    return renderer.pages()


@pytest.fixture(scope="module")
def portal(renderer: Renderer) -> Portal:
    return renderer.portal


def rows_of(text: str, innovations: list[Entry]) -> dict[str, str]:
    """The line (a list item or table row) that links to each innovation's page."""
    found = {}
    for i in innovations:
        link = f"{i.id}.md)"
        lines = [line for line in text.splitlines() if link in line and line[:1] in "-|"]
        if lines:
            found[i.id] = lines[0]
    return found


def label(portal: Portal, level: str) -> str:
    return portal.label("evidence_level", level)


# --- evidence and cost on every row ---------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    ["slussen/innovationer/index.md", "slussen/spridning.md", "slussen/kommuner/hjo.md"],
)
def test_innovation_rows_carry_evidence_and_yearly_cost(
    page: str, pages: dict[str, str], portal: Portal
) -> None:
    rows = rows_of(pages[page], portal.innovations)
    assert rows, page
    for innovation_id, row in rows.items():
        innovation = portal.get("innovations", innovation_id)
        assert innovation is not None
        level = evidence_level(innovation)
        assert f"[{label(portal, level)}](" in row and f"evidensnivaer.md#{level})" in row, row
        assert SEK + "/år" in row or "ej angiven" in row, row


def test_the_evidence_page_explains_every_level_of_the_vocabulary(
    pages: dict[str, str], portal: Portal
) -> None:
    text = pages["slussen/evidensnivaer.md"]
    levels = portal.values("evidence_level")
    assert len(levels) >= 5
    for level in levels:
        assert f"## {label(portal, level)} {{ #{level} }}" in text
    assert text.count("Vad ni kan dra för slutsats") == len(levels)


def test_the_evidence_page_is_in_the_navigation_under_innovations() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    section = nav[nav.index("  - Innovationer:") : nav.index("  - Utbildning:")]
    assert "slussen/evidensnivaer.md" in section


# --- "Vill ni ta efter?" -----------------------------------------------------------------------


def take_after_box(text: str) -> str:
    start = text.index('<div class="sluss-take-after"')
    return text[start : text.index("## Beskrivning", start)]


def test_the_take_after_box_opens_the_page_with_costs_evidence_and_mailboxes(
    pages: dict[str, str], portal: Portal
) -> None:
    for innovation in portal.innovations:
        text = pages[innovation.page]
        box = take_after_box(text)
        assert text.index("## Vill ni ta efter?") < text.index("## Resultat")
        assert "Startkostnad" in box and "Årlig kostnad" in box
        assert f"evidensnivaer.md#{evidence_level(innovation)})" in box
        owner_mail = innovation.get("contact")["email"]
        assert f"(mailto:{owner_mail})" in box
        for adopter in innovation.get("adopters") or []:
            mu = portal.get("municipalities", adopter["municipality"])
            assert mu is not None
            assert f"(mailto:{mu.get('contact')['email']})" in box, innovation.id
        assert "## Kostnader" not in text  # the costs moved up into the box


# --- what a municipality does not use yet ------------------------------------------------------


def uses(innovation: Entry, municipality_id: str) -> bool:
    adopters = {a["municipality"] for a in innovation.get("adopters") or []}
    return innovation.get("owner") == municipality_id or municipality_id in adopters


@pytest.mark.parametrize("municipality_id", ["hjo", "falkoping", "essunga", "skovde"])
def test_not_yet_used_leaves_out_what_it_uses_and_puts_the_best_evidence_first(
    municipality_id: str, portal: Portal
) -> None:
    mu = portal.get("municipalities", municipality_id)
    assert mu is not None
    found = portal.catalog.not_yet_used(mu)
    expected = {
        i.id
        for i in portal.innovations
        if not uses(i, municipality_id) and i.get("stage") != "discontinued"
    }
    assert {i.id for i in found} == expected
    levels = portal.values("evidence_level")
    keys = [(-levels.index(evidence_level(i)), -portal.catalog.users(i)) for i in found]
    assert keys == sorted(keys)


def test_the_municipality_page_lists_at_most_ten_and_links_to_the_filtered_search(
    pages: dict[str, str],
) -> None:
    text = pages["slussen/kommuner/hjo.md"]
    start = text.index("## Innovationer som ni ännu inte använder")
    section = text[start : text.index("## Utmaningar", start)]
    assert start > text.index("## Återanvänt från andra kommuner")
    assert 0 < section.count("\n- [") <= 10
    assert "sok.md?typ=Innovation&inte-i=hjo)" in section


# --- Spridning --------------------------------------------------------------------------------


def test_spread_is_ordered_by_use_with_the_count_by_the_name(
    pages: dict[str, str], portal: Portal
) -> None:
    text = pages["slussen/spridning.md"]
    table = text[text.index("sluss-spread-table") : text.index("sluss-spread-list")]
    listed = text[text.index("sluss-spread-list") :]
    for layout in (table, listed):
        order = [m for m in re.findall(r"\]\(innovationer/([\w-]+)\.md\)", layout)]
        counts = [portal.catalog.users(portal.get("innovations", i)) for i in order]  # type: ignore[arg-type]
        assert order and counts == sorted(counts, reverse=True)
        for line, n in zip(
            [x for x in layout.splitlines() if "](innovationer/" in x], counts, strict=True
        ):
            words = "kommun" if n == 1 else "kommuner"
            assert f"Används i {n} {words}" in line
    assert "Testas i:" in listed or "Används i:" in listed
    assert "Antal" not in table  # the count is by the name, not in a last column


def test_one_wording_for_spread() -> None:
    templates = ROOT / "scripts" / "sluss" / "outputs" / "templates"
    for path in templates.glob("*.j2"):
        assert "spridd till" not in path.read_text(encoding="utf-8"), path.name


# --- Stödsystemet and the suggestions on an idea's page ------------------------------------------


def test_support_suggestions_fit_the_ideas_phase_area_and_scope(portal: Portal) -> None:
    suggested = 0
    for idea in portal.ideas:
        found = portal.catalog.support_for(idea)
        phase = portal.catalog.phase_of(idea)
        assert len(found) <= MAX_SUPPORT
        assert bool(found) == bool(phase and portal.catalog.support_for_phase(phase))
        area = idea.get("area")
        for match in found:
            assert phase in match.actor.get("phases")
            assert not match.actor.get("areas") or area in match.actor.get("areas")
            assert match.area in (None, area)
        # The idea's own area first, then the closest scope.
        wanted = SCOPE_RANK[idea_scope(idea)]
        keys = [(m.area is None, abs(SCOPE_RANK[m.scope] - wanted)) for m in found]
        assert keys == sorted(keys)
        suggested += len(found)
    assert suggested


def test_a_care_test_gets_the_care_actor_first_and_no_actor_of_another_field(
    portal: Portal,
) -> None:
    idea = portal.get("ideas", "testbadd-pa-ett-boende")
    assert idea is not None and idea.get("area") == "care"
    found = portal.catalog.support_for(idea)
    assert found[0].area == "care"
    assert all(not m.actor.get("areas") or "care" in m.actor.get("areas") for m in found)


def test_the_support_suggestions_macro_says_why(renderer: Renderer, portal: Portal) -> None:
    idea = portal.get("ideas", "testbadd-pa-ett-boende")
    assert idea is not None
    text = renderer.env.from_string(
        '{% import "_macros.md.j2" as m with context %}{{ m.support_suggestions(e) }}'
    ).render(e=idea, link=lambda target: "x")
    assert "## Stöd i fasen test" in text
    assert "Arbetar med vård och omsorg i regionen i fasen test" in text
    assert text.count("\n- [") <= MAX_SUPPORT


# --- the built site ----------------------------------------------------------------------------


def test_stodsystemet_lists_are_lists(site: Path) -> None:
    text = (site / "slussen/stod/index.html").read_text(encoding="utf-8")
    offers = text[text.index('id="per-erbjudande"') :]
    assert offers.count("<ul>") >= 5
    phases = text[text.index('id="per-fas"') : text.index('id="alla"')]
    assert "<table" not in phases and phases.count("<ul>") == 5


def test_spridning_has_both_layouts(site: Path) -> None:
    text = (site / "slussen/spridning/index.html").read_text(encoding="utf-8")
    assert 'class="sluss-matrix sluss-spread-table"' in text
    assert 'class="sluss-spread-list"' in text


SHOWN = {
    "spridning": "slussen/spridning/",
    "stödsystemet": "slussen/stod/",
    "innovation": "item:slussen/innovationer",
    "evidensnivåer": "slussen/evidensnivaer/",
    "kommun": "item:slussen/kommuner",
}


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("page_type", sorted(SHOWN))
def test_readable_and_axe_clean(page_type: str, width: int, site: Path, session: Session) -> None:
    page = session.open(page_of_type(site, SHOWN[page_type]), width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "rullar i sidled"
    violations = axe_violations(page)
    assert not violations, describe(f"{page_type}, {width} px ({page.url})", violations)
    if page_type == "spridning":
        check_spread_layout(page, width)


def check_spread_layout(page: Any, width: int) -> None:
    """One layout shown: at 1280 px the whole table without scrolling, at 375 the list."""
    table = page.locator(".sluss-spread-table")
    listed = page.locator(".sluss-spread-list")
    if width >= 1280:
        assert table.is_visible() and not listed.is_visible()
        assert table.evaluate("el => el.scrollWidth <= el.clientWidth"), "tabellen rullar"
    else:
        assert listed.is_visible() and not table.is_visible()
