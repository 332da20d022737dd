"""Dates on the pages: the sluice as a path on each idea page, the Idébank cards."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sluss.content.check import check_repository
from sluss.outputs.pages import Renderer
from sluss.site.portal import Portal

from support import ROOT

STEP = re.compile(r'<li class="sluss-steps__step ([^"]*)"( aria-current="step")?>(.*?)</li>')
LABELS = {
    "submitted": "Inkommen",
    "assessing": "Under bedömning",
    "testing": "Testas",
    "implemented": "Införd",
    "parked": "Vilande",
    "closed": "Avslutad",
}


@pytest.fixture(scope="module")
def portal() -> Portal:
    return Portal(check_repository(ROOT), dt.date(2026, 12, 1))


@pytest.fixture(scope="module")
def pages(portal: Portal) -> dict[str, str]:
    return {k: v for k, v in Renderer(portal).pages().items() if isinstance(v, str)}


def steps(page: str) -> list[tuple[str, bool, str]]:
    """(classes, current, text without tags) of each step on the page."""
    start = page.index('<ol class="sluss-steps')
    found = page[start : page.index("</ol>", start)]
    return [(c, bool(cur), re.sub(r"<[^>]+>", "", text)) for c, cur, text in STEP.findall(found)]


def test_the_current_step_is_the_status_for_every_sample_idea(
    portal: Portal, pages: dict[str, str]
) -> None:
    seen = set()
    for idea in portal.ideas:
        status = str(idea.get("status"))
        found = steps(pages[f"slussen/ideer/{idea.id}.md"])
        current = [text for _, is_current, text in found if is_current]
        assert len(current) == 1, idea.id
        spread = (
            status == "implemented" and portal.timelines.sluice_path(idea)[-1].label == "Spridd"
        )
        assert current[0].startswith("Spridd" if spread else LABELS[status]), idea.id
        assert found[0][2].startswith(f"Inkommen {idea.get('submitted')}"), idea.id
        seen.add(status)
    assert seen == set(LABELS)  # the sample has every status


def test_steps_after_the_current_one_are_still_to_come(pages: dict[str, str]) -> None:
    found = steps(pages["slussen/ideer/app-for-lediga-lokaler.md"])  # parked
    assert found[-1][1] and "sluss-steps__step--stop" in found[-1][0]
    assert not any("--todo" in classes for classes, _, _ in found)  # no coming assessment
    page = pages["slussen/ideer/app-for-lediga-lokaler.md"]
    assert "**Idén stannade här: vilande.**" in page
    assert "inte bedömts ännu" not in page

    testing = next(p for p in pages.values() if "Testas</span> <span" in p and "--todo" in p)
    found = steps(testing)
    names = [text.split(" ")[0] for _, _, text in found]
    assert names[:3] == ["Inkommen", "Under", "Testas"] and found[2][1]
    assert found[3][2] == "Införd – inte nått ännu" and "--todo" in found[3][0]


def test_an_implemented_idea_with_adopters_has_spread(pages: dict[str, str]) -> None:
    found = steps(pages["slussen/ideer/digitala-las-i-hemtjansten.md"])
    assert [(text, current) for _, current, text in found] == [
        ("Inkommen 2025-01-28", False),
        ("Under bedömning", False),
        ("Testas 2025-03-12", False),  # the decision to test: the assessment's date
        ("Införd 2025-10-20", False),
        ("Spridd 2026-02-02", True),  # the first adopter's `since`
    ]
    page = pages["slussen/ideer/digitala-las-i-hemtjansten.md"]
    assert page.index("**Blev innovation:**") < page.index("## Utmaning och behov")
    assert "används också i 2 kommuner" in page


def test_idea_bank_cards_show_date_challenge_or_need_and_days(
    portal: Portal, pages: dict[str, str]
) -> None:
    board = pages["slussen/idebank/index.md"]
    card = board[board.index("[Bokbuss med ett litet skaparlabb]") :].split("\n", 1)[0]
    bokbuss = portal.get("ideas", "bokbuss-med-skaparlabb")
    assert bokbuss is not None and not bokbuss.get("challenge")
    days = (dt.date(2026, 12, 1) - bokbuss.get("submitted")).days
    when = f'<span class="sluss-board__date">{bokbuss.get("submitted")}</span>'
    assert f"Karlsborg · inkommen {when}<br>Behov: " in card
    assert card.endswith(f'<span class="sluss-board__days">{days} dagar i status</span>')
    assert "…" in card  # the need, shortened
    card = board[board.index("[Sensor som larmar vid fall") :].split("\n", 1)[0]
    assert "<br>Utmaning: Nattliga tillsynsbesök stör sömnen och tar tid<br>" in card
