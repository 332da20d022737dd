"""Four newcomers' tasks in Chromium (issue 15), counted in clicks from Start, at 1280 and
375 px. Each click is a real click on a visible link, as a person would make it; the
narrow screen opens the theme's menu where the wide one shows tabs.

- A citizen finds the care ideas and the way to hand in an idea.
- A manager in Vara finds a measured innovation that Vara does not use yet, what it
  costs and whom to write to.
- A trainer's new session shows on Start, the course, the module, the host
  municipality's page and the calendar file (a build of a copy with one more session).
- A coordinator from another region finds the reuse guide.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from support import Session, build_portal, copy_portal, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
WIDTHS = [1280, 375]


class Visit:
    """A page and the clicks made on it, each on a visible link."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.clicks = 0

    def follow(self, name: str, within: str = "article") -> None:
        link = self.page.locator(within).get_by_role("link", name=name, exact=True).first
        assert link.is_visible(), f"ingen synlig länk {name!r} på {self.page.url}"
        link.click()
        self.page.wait_for_load_state()
        self.clicks += 1

    def in_first_screen(self, name: str) -> bool:
        link = self.page.get_by_role("link", name=name, exact=True).first
        box = link.bounding_box()
        return box is not None and box["y"] + box["height"] <= self.page.viewport_size["height"]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_finds_the_care_ideas_and_the_way_to_hand_in_one(
    session: Session, width: int
) -> None:
    visit = Visit(session.open("", width=width))
    assert visit.in_first_screen("Lämna en idé")  # no scrolling to find the door
    visit.follow("Idébank")
    visit.follow("per område")
    care = visit.page.locator("h2", has_text="Vård och omsorg")
    assert care.count() == 1
    ideas = visit.page.locator("article a[href*='/ideer/']")
    assert ideas.count() >= 3
    assert visit.clicks == 2
    door = Visit(session.open("", width=width))
    door.follow("Lämna en idé")
    assert door.page.url.endswith("/slussen/lamna-ide/") and door.clicks == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_in_vara_finds_what_to_adopt_its_cost_and_whom_to_ask(
    session: Session, width: int
) -> None:
    visit = Visit(session.open("", width=width))
    visit.follow("Kommuner")
    visit.follow("Vara")
    section = visit.page.locator("#ta-efter + p + ul li").filter(has_text="Evidens: Mätt")
    assert section.count() >= 1, "ingen mätt innovation som Vara inte använder"
    name = section.first.locator("a").first.inner_text()
    visit.follow(name)
    box = visit.page.locator("#ta-efter ~ .sluss-facts").first.inner_text()
    assert "Årlig kostnad" in box and re.search(r"\d\s?kr", box), box
    assert re.search(r"innovation@[a-z]+\.se", box), box
    assert visit.clicks == 3


@pytest.mark.parametrize("width", WIDTHS)
def test_a_coordinator_from_another_region_finds_the_reuse_guide(
    session: Session, width: int
) -> None:
    visit = Visit(session.open("", width=width))
    visit.follow("Använd portalen i er region")
    assert visit.page.locator("h1").inner_text().rstrip("¶") == "Använd portalen i er region"
    assert visit.clicks == 1


NEW_SESSION = """  - start: 2027-01-20T13:00
    end: 2027-01-20T16:00
    location: Stadshuset, Hjo
    municipality: hjo
    registration: https://www.skaraborg.se
    registration_deadline: 2027-01-13
"""


def training_page(site: Path, name: str) -> Path:
    return site / "slussen" / "utbildning" / name / "index.html"


def test_a_trainers_new_session_shows_everywhere_it_should(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "portal")
    module = root / "training" / "forandringsledarskap-3-testa-i-liten-skala.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("sessions:\n", "sessions:\n" + NEW_SESSION, 1), "utf-8")
    built = build_portal(root)
    assert built.returncode == 0, built.stdout + built.stderr
    site = root / "site"
    when = "20 jan 2027 kl. 13.00–16.00"
    pages = {
        "Start": site / "index.html",
        "kursen": site
        / "slussen"
        / "utbildning"
        / "forandringsledarskap-i-praktiken"
        / "index.html",
        "modulen": training_page(site, module.stem),
        "Hjo": site / "slussen" / "kommuner" / "hjo" / "index.html",
    }
    for where, page in pages.items():
        assert when in page.read_text(encoding="utf-8"), where
    module_page = pages["modulen"].read_text(encoding="utf-8")
    assert "senast 13 jan 2027" in module_page
    calendar = (site / "slussen" / "kalender" / "utbildning.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Stockholm:20270120T130000" in calendar.replace("\r\n ", "")
    assert "Sista anmälningsdag: 2027-01-13" in calendar.replace("\r\n ", "")
