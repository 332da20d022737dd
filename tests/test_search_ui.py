"""The portal's search in a real browser (issue 13): the dialog that the header's button
opens on every page, and "Sök och filtrera" (slussen/sok/) with its filters, both drawn
by sluss.js over Pagefind's index of the shared sample site.

On a phone a tap opens the dialog with the field focused, and what is typed straight
away is kept. Results say what they are (type, and for ideas and innovations their
status or stage and municipality). Nothing found gives a Swedish hint and the lists. On
"Sök och filtrera" the address chooses the filters, a status line announces the count,
every filter value shows its count, and "Används inte ännu i" leaves out the innovations
used in a municipality. Everything works by keyboard alone; axe-core finds nothing in
any state, light or dark, wide or narrow; without JavaScript the page links to the lists.

Waits are for states (the results list is marked busy until the search for what was
typed or chosen has been drawn), never for time.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from support import (
    FINDER_INPUT,
    SEARCH_BUTTON,
    SEARCH_DIALOG,
    SEARCH_INPUT,
    THEME_READY,
    Session,
    axe_violations,
    describe,
    needs_chromium,
    published,
    search_in_dialog,
    search_records,
    search_results,
)

pytestmark = [pytest.mark.browser, needs_chromium]

FINDER = "slussen/sok/"
FINDER_AT = ".sluss-finder"  # the finder's part of the page, once sluss.js has drawn it
TYPES = {"Idé", "Innovation", "Utmaning", "Utbildning", "Stödaktör", "Kommun", "Sida"}
IDEA = "digitala-las-i-hemtjansten"  # Falköping's, with two partner municipalities
INNOVATION = "nyckelfri-hemtjanst"  # owned by Falköping
NOTHING = "xyzzyqwv"  # no word of the sample starts so
PAGE = 20  # results "Sök och filtrera" shows before "Visa fler" (sluss.js)
COUNT = re.compile(r"^(\d+) träff(?:ar)?\b")
# The lists that a search with no results points to (besides others).
BROWSE = ("slussen/idebank/omraden/", "slussen/idebank/kommuner/")


# --- helpers ---------------------------------------------------------------------------------


def finder(query: str = "", **filters: str) -> str:
    """The address of "Sök och filtrera" with words and filters (`typ="Idé"`, …)."""
    params = ([("q", query)] if query else []) + [
        (name.replace("_", "-"), value) for name, value in filters.items()
    ]
    return FINDER + ("?" + urllib.parse.urlencode(params) if params else "")


def slug(result: dict[str, str]) -> str:
    return result["href"].rstrip("/").rsplit("/", 1)[1]


def status_count(page: Any, status: str) -> int:
    """The number the status line announces (a live region: role=status)."""
    line = page.locator(status)
    assert line.get_attribute("role") == "status"
    match = COUNT.match(line.inner_text())
    assert match, line.inner_text()
    return int(match[1])


def facet_counts(page: Any, name: str) -> dict[str, int]:
    """Each value of a facet (by its parameter: "typ", "kommun", …) and the count its
    label shows: "Idé (26)"."""
    labels: list[list[str]] = page.eval_on_selector_all(
        f'{FINDER_AT} input[type=checkbox][name="{name}"]',
        "boxes => boxes.map(b => [b.value, b.labels[0].textContent])",
    )
    counts = {}
    for value, label in labels:
        match = re.fullmatch(re.escape(value) + r" \((\d+)\)", label)
        assert match, label
        counts[value] = int(match[1])
    return counts


def checked(page: Any) -> list[tuple[str, str]]:
    found: list[list[str]] = page.eval_on_selector_all(
        f"{FINDER_AT} input[type=checkbox]:checked", "boxes => boxes.map(b => [b.name, b.value])"
    )
    return [(name, value) for name, value in found]


def active(page: Any) -> dict[str, str]:
    """What has focus: its id, class, name, value, type and link target."""
    found: dict[str, str] = page.evaluate(
        """() => { const el = document.activeElement;
            return {id: el.id, cls: el.className, name: el.name || '', value: el.value || '',
                    type: el.type || '', href: el.href || '', text: el.textContent.trim()}; }"""
    )
    return found


def tab_to(page: Any, matches: str, limit: int = 60, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches a CSS selector."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", matches):
            return
    raise AssertionError(f"{matches} nås inte med tabb")


def source_field(root: Path, folder: str, name: str, field: str) -> str:
    """A field of a content file of the sample, as written (`status: implemented`)."""
    text = (root / folder / f"{name}.md").read_text(encoding="utf-8")
    match = re.search(rf"^{field}:\s*(\S+)\s*$", text, re.M)
    assert match, (folder, name, field)
    return match[1]


def label(vocabulary: str, value: str) -> str:
    from sluss.core.model import VOCABULARIES

    return VOCABULARIES[vocabulary][value].sv


# --- the dialog ------------------------------------------------------------------------------


def test_on_a_phone_a_tap_opens_the_search_and_every_letter_is_kept(session: Session) -> None:
    """A touch screen at 375 px: the tap on the header's button puts focus in the field
    in the same tap (so the phone opens its keyboard), and what is typed at once, while
    Pagefind is still loading, is all there."""
    page = session.open("", width=375, touch=True)
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    page.tap(SEARCH_BUTTON)
    assert page.locator(SEARCH_DIALOG).evaluate("d => d.open")
    assert active(page)["id"] == SEARCH_INPUT.removeprefix("#")
    page.keyboard.type("äldreomsorg")
    assert page.input_value(SEARCH_INPUT) == "äldreomsorg"
    results = search_results(page, SEARCH_DIALOG)
    assert results
    assert page.input_value(SEARCH_INPUT) == "äldreomsorg"
    assert status_count(page, ".sluss-search__status") >= len(results)
    box = page.locator(SEARCH_DIALOG).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "sidan rullar i sidled"


def test_results_say_what_they_are(site: Path, session: Session) -> None:
    """The type of every result; for an idea its status and municipalities, for an
    innovation its stage and owner municipality, as the content files say."""
    root = site.parent
    assert source_field(root, "ideas", IDEA, "municipality") == "falkoping"
    assert source_field(root, "innovations", INNOVATION, "owner") == "falkoping"
    status = label("idea_status", source_field(root, "ideas", IDEA, "status"))
    stage = label("stage", source_field(root, "innovations", INNOVATION, "stage"))
    page = session.open("")
    results = search_in_dialog(page, "nyckelknippan")
    by_slug = {slug(r): r for r in results}
    assert {IDEA, INNOVATION} <= set(by_slug), results
    assert by_slug[IDEA]["type"] == "Idé"
    assert by_slug[IDEA]["kind"].startswith(f"Idé · {status} · Falköping"), by_slug[IDEA]
    assert by_slug[INNOVATION]["type"] == "Innovation"
    assert by_slug[INNOVATION]["kind"] == f"Innovation · {stage} · Falköping", by_slug[INNOVATION]
    # Every result of a broader search: a known type; ideas and innovations with more.
    page = session.open("")
    results = search_in_dialog(page, "hemtjänst")
    statuses = {label("idea_status", v) for v in ("submitted", "assessing", "testing")}
    statuses |= {label("idea_status", v) for v in ("implemented", "parked", "closed")}
    statuses |= {label("stage", v) for v in ("pilot", "operation", "discontinued")}
    for result in results:
        assert result["type"] in TYPES, result
        if result["type"] in ("Idé", "Innovation"):
            parts = result["kind"].split(" · ")
            assert len(parts) == 3 and parts[1] in statuses and parts[2], result


def test_no_results_in_the_dialog_give_help_and_the_lists(site: Path, session: Session) -> None:
    page = session.open("")
    assert search_in_dialog(page, NOTHING) == []
    status = page.inner_text(".sluss-search__status")
    assert status == f"Inga träffar för ”{NOTHING}”", status
    help_text = page.inner_text(f"{SEARCH_DIALOG} .sluss-noresults")
    assert "Pröva ett annat ord" in help_text and "grundform" in help_text, help_text
    assert "filter" not in help_text, help_text  # the dialog has none
    links = page.eval_on_selector_all(
        f"{SEARCH_DIALOG} .sluss-noresults a", "links => links.map(a => a.href)"
    )
    for path in BROWSE:
        assert any(link.endswith("/" + path) for link in links), (path, links)
    for link in links:
        assert page.request.get(link).status == 200, link


def test_a_click_on_the_backdrop_closes_the_dialog_one_on_the_dialog_not(
    session: Session,
) -> None:
    page = session.open("")
    search_in_dialog(page, "hemtjänst")
    box = page.locator(SEARCH_DIALOG).bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + box["height"] - 4)  # the dialog's own padding
    assert page.locator(SEARCH_DIALOG).evaluate("d => d.open")
    page.mouse.click(box["x"] / 2, box["y"] + box["height"] / 2)  # beside it: the backdrop
    assert not page.locator(SEARCH_DIALOG).evaluate("d => d.open")
    assert page.evaluate("sel => document.activeElement.matches(sel)", SEARCH_BUTTON)


def test_enter_in_the_dialog_opens_the_finder_with_the_words(session: Session) -> None:
    """The dialog's form works as a plain form too: Enter goes to "Sök och filtrera"."""
    page = session.open("")
    search_in_dialog(page, "hemtjänst")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + FINDER + "?q=hemtj%C3%A4nst")
    page.wait_for_function(THEME_READY)
    assert page.input_value(FINDER_INPUT) == "hemtjänst"
    assert search_results(page, FINDER_AT)
    assert "för ”hemtjänst”" in page.inner_text(".sluss-finder__status")


# --- "Sök och filtrera" --------------------------------------------------------------------------


def test_the_address_chooses_the_type(session: Session) -> None:
    """?typ=Idé: the box Idé is ticked, the others not, and only ideas are shown: all
    published ideas of the sample, the first PAGE of them and "Visa fler". A search by
    filters alone loads no part of the word index (sluss.build.search patches Pagefind
    1.5.2, which loaded all of it); a word then loads its part."""
    page = session.open(None)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    session.goto(page, finder(typ="Idé"))
    assert checked(page) == [("typ", "Idé")]
    results = search_results(page, FINDER_AT)
    assert any(u.endswith(".pf_filter") for u in asked)
    assert not [u for u in asked if u.endswith(".pf_index")], asked
    ideas = len(published("ideas"))
    assert status_count(page, ".sluss-finder__status") == ideas
    assert {r["type"] for r in results} == {"Idé"}
    assert len(results) == min(ideas, PAGE)
    assert facet_counts(page, "typ")["Idé"] == ideas
    if ideas > PAGE:
        more = page.locator(".sluss-finder__more")
        assert more.inner_text() == f"Visa fler ({ideas - PAGE} till)"
        more.click()
        results = search_results(page, FINDER_AT)
        assert len(results) == min(ideas, 2 * PAGE)
        assert active(page)["href"] == results[PAGE]["href"]  # focus on the first new one


@pytest.mark.parametrize(
    ("start", "link", "chosen"),
    [
        ("slussen/idebank/", "Filtrera idéerna", "Idé"),
        ("slussen/innovationer/", "Filtrera innovationerna", "Innovation"),
    ],
)
def test_the_lists_link_to_the_finder_with_their_type_chosen(
    start: str, link: str, chosen: str, session: Session
) -> None:
    page = session.open(start)
    page.get_by_role("link", name=link).click()
    page.wait_for_url("**/" + finder(typ=chosen))
    page.wait_for_function(THEME_READY)
    assert checked(page) == [("typ", chosen)]
    assert {r["type"] for r in search_results(page, FINDER_AT)} == {chosen}


def test_each_filter_value_shows_how_many_it_finds(session: Session) -> None:
    """Every value of every facet has a count. Each type's count is how many of the
    results are of that type (pages too, as "Sida") and what choosing it finds."""
    page = session.open(finder("hemtjänst"))
    everything = search_results(page, FINDER_AT)
    total = status_count(page, ".sluss-finder__status")
    assert len(everything) == total <= PAGE  # all of them shown, to be counted here
    labels = page.eval_on_selector_all(
        f"{FINDER_AT} .sluss-finder__facet input[type=checkbox] + label",
        "labels => labels.map(l => l.textContent)",
    )
    assert labels and all(re.fullmatch(r".+ \(\d+\)", text) for text in labels), labels
    types = facet_counts(page, "typ")
    shown = {t: sum(r["type"] == t for r in everything) for t in {r["type"] for r in everything}}
    assert types == shown and "Sida" in types, (types, shown)
    for value, count in types.items():
        page = session.open(finder("hemtjänst", typ=value))
        results = search_results(page, FINDER_AT)
        assert status_count(page, ".sluss-finder__status") == count, value
        assert {r["type"] for r in results} == {value}


def test_not_yet_used_in_leaves_out_what_a_municipality_uses(site: Path, session: Session) -> None:
    """ "Används inte ännu i Falköping": every innovation but those used there (the index
    says which: the owner and the active adopters)."""
    innovations = {
        r["meta"]["title"]: r["filters"].get("Används i", [])
        for r in search_records(site).values()
        if r["filters"].get("Typ") == ["Innovation"]
    }
    unused = {title for title, used in innovations.items() if "Falköping" not in used}
    assert 0 < len(unused) < len(innovations) <= PAGE
    owned = "Nyckelfri hemtjänst med digitala lås"  # INNOVATION: owner falkoping
    assert owned in innovations and owned not in unused
    page = session.open(finder(typ="Innovation"))
    assert {r["title"] for r in search_results(page, FINDER_AT)} == set(innovations)
    page.select_option("#sluss-finder-notused", "Falköping")
    results = search_results(page, FINDER_AT)
    assert {r["title"] for r in results} == unused
    assert "inte-i=Falk%C3%B6ping" in page.url
    assert status_count(page, ".sluss-finder__status") == len(unused)
    # The address keeps it: opened anew, the same choice and the same results.
    page = session.open(finder(typ="Innovation", inte_i="Falköping"))
    assert page.input_value("#sluss-finder-notused") == "Falköping"
    assert {r["title"] for r in search_results(page, FINDER_AT)} == unused


def test_no_results_in_the_finder_give_help_and_the_lists(session: Session) -> None:
    page = session.open(finder(NOTHING))
    assert search_results(page, FINDER_AT) == []
    assert page.inner_text(".sluss-finder__status") == f"Inga träffar för ”{NOTHING}”."
    help_text = page.inner_text(f"{FINDER_AT} .sluss-noresults")
    assert "Pröva ett annat ord" in help_text, help_text
    # Filters that leave nothing: the hint is to drop one, and the chosen box stays.
    page = session.open(finder(typ="Kommun", status="Införd"))
    assert search_results(page, FINDER_AT) == []
    assert page.inner_text(".sluss-finder__status") == "Inga träffar med de valda filtren."
    help_text = page.inner_text(f"{FINDER_AT} .sluss-noresults")
    assert "Ta bort ett filter" in help_text and "Pröva ett annat ord" not in help_text
    assert ("status", "Införd") in checked(page)
    links = page.eval_on_selector_all(
        f"{FINDER_AT} .sluss-noresults a", "links => links.map(a => a.href)"
    )
    for path in BROWSE:
        assert any(link.endswith("/" + path) for link in links), (path, links)


def test_on_a_phone_the_filters_fold_away(session: Session) -> None:
    """Below 45em the filters hide behind "Visa filter", which says how many are chosen
    and whether it is open (aria-expanded); the results come first."""
    page = session.open(finder(typ="Idé"), width=375, touch=True)
    fold = page.locator(".sluss-finder__fold")
    facets = page.locator(".sluss-finder__facet").first
    assert fold.is_visible() and not facets.is_visible()
    assert fold.inner_text() == "Visa filter (1 valt)"
    assert fold.get_attribute("aria-expanded") == "false"
    fold.tap()
    assert fold.get_attribute("aria-expanded") == "true"
    assert facets.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "sidan rullar i sidled"
    # At a computer's width there is nothing to fold.
    page = session.open(finder(typ="Idé"))
    assert not page.locator(".sluss-finder__fold").is_visible()
    assert page.locator(".sluss-finder__facet").first.is_visible()


# --- the keyboard alone -------------------------------------------------------------------------


def test_the_dialog_by_keyboard_alone(session: Session) -> None:
    """Tab to the header's button, Enter, type; the arrows move between the field and
    the results, Tab reaches them too; Enter opens one. Escape closes the dialog and
    gives focus back to the button."""
    page = session.open("")
    tab_to(page, SEARCH_BUTTON, limit=20)
    page.keyboard.press("Enter")
    assert active(page)["id"] == SEARCH_INPUT.removeprefix("#")
    page.keyboard.type("nyckelknippan")
    results = search_results(page, SEARCH_DIALOG)
    assert len(results) >= 2, results
    page.keyboard.press("ArrowDown")
    assert active(page)["href"] == results[0]["href"]
    page.keyboard.press("ArrowDown")
    assert active(page)["href"] == results[1]["href"]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert active(page)["id"] == SEARCH_INPUT.removeprefix("#")
    tab_to(page, f"{SEARCH_DIALOG} .sluss-result__title", limit=3)
    assert active(page)["href"] == results[0]["href"]
    is_open = "d => d.open"
    on_button = "sel => document.activeElement.matches(sel)"
    page.keyboard.press("Escape")  # from a result
    assert not page.locator(SEARCH_DIALOG).evaluate(is_open)
    assert page.evaluate(on_button, SEARCH_BUTTON)
    page.keyboard.press("Enter")  # open again: the words are kept, focus is in the field
    assert active(page)["id"] == SEARCH_INPUT.removeprefix("#")
    assert page.input_value(SEARCH_INPUT) == "nyckelknippan"
    # From the field: Chromium empties a search field first, then the dialog closes.
    page.keyboard.press("Escape")
    if page.locator(SEARCH_DIALOG).evaluate(is_open):
        assert page.input_value(SEARCH_INPUT) == ""
        page.keyboard.press("Escape")
    assert not page.locator(SEARCH_DIALOG).evaluate(is_open)
    assert page.evaluate(on_button, SEARCH_BUTTON)
    # Open again, to a result, by Enter.
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("nyckelknippan")
    results = search_results(page, SEARCH_DIALOG)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(results[0]["href"])
    page.wait_for_function(THEME_READY)


def test_the_finder_by_keyboard_alone(session: Session) -> None:
    """Tab to the field, type; Tab to a filter, Space: the results and the status line
    follow, focus stays on the box; Shift+Tab to "Rensa alla filter", Enter: all gone."""
    page = session.open(FINDER)
    assert active(page)["id"] != FINDER_INPUT.removeprefix("#")  # the page starts at its top
    tab_to(page, FINDER_INPUT)
    page.keyboard.type("hemtjänst")
    everything = search_results(page, FINDER_AT)
    assert len({r["type"] for r in everything}) > 1, everything
    total = status_count(page, ".sluss-finder__status")
    ideas = facet_counts(page, "typ")["Idé"]
    assert 0 < ideas < total
    tab_to(page, f'{FINDER_AT} input[type=checkbox][name="typ"][value="Idé"]', limit=10)
    page.keyboard.press("Space")
    results = search_results(page, FINDER_AT)
    assert {r["type"] for r in results} == {"Idé"}
    assert checked(page) == [("typ", "Idé")]
    status = page.inner_text(".sluss-finder__status")
    assert (
        status
        == f"{ideas} {'träff' if ideas == 1 else 'träffar'} för ”hemtjänst” med de valda filtren."
    )
    assert (active(page)["name"], active(page)["value"]) == ("typ", "Idé")  # drawn anew, kept
    assert "typ=Id%C3%A9" in page.url and "q=hemtj%C3%A4nst" in page.url
    tab_to(page, ".sluss-finder__clear", limit=20, back=True)
    page.keyboard.press("Enter")
    assert search_results(page, FINDER_AT) == everything
    assert checked(page) == []
    assert status_count(page, ".sluss-finder__status") == total
    assert "typ=" not in page.url
    assert active(page)["id"] == FINDER_INPUT.removeprefix("#")


# --- axe-core ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]
)
def test_axe_finds_nothing_in_any_state_of_the_search(
    scheme: str, width: int, session: Session
) -> None:
    """The dialog with results and with none; the finder with results, with filters
    chosen (unfolded on a phone) and with nothing found."""
    problems = []

    def audit(page: Any, what: str) -> None:
        assert page.evaluate("document.body.dataset.mdColorScheme") == (
            "slate" if scheme == "dark" else "default"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, what
        violations = axe_violations(page)
        if violations:
            problems.append(describe(f"{what}, {scheme}, {width} px", violations))

    for query, what in (("hemtjänst", "sökrutan med träffar"), (NOTHING, "sökrutan utan träffar")):
        page = session.open("", scheme=scheme, width=width)
        search_in_dialog(page, query)
        audit(page, what)
    for address, what in (
        (finder("hemtjänst"), "Sök och filtrera med träffar"),
        (finder("hemtjänst", typ="Idé", kommun="Falköping"), "Sök och filtrera med filter"),
        (finder(NOTHING), "Sök och filtrera utan träffar"),
    ):
        page = session.open(address, scheme=scheme, width=width)
        found = search_results(page, FINDER_AT)
        fold = page.locator(".sluss-finder__fold")
        if fold.is_visible():
            fold.click()
        if found:  # with nothing found, no filter value has anything to offer
            assert page.locator(".sluss-finder__facet").first.is_visible(), what
        audit(page, what)
    assert not problems, "\n".join(problems)


# --- without JavaScript -----------------------------------------------------------------------


def test_without_javascript_the_finder_links_to_the_lists(site: Path, session: Session) -> None:
    page = session.open(FINDER, script=False)
    text = page.inner_text(FINDER_AT)
    assert "behöver JavaScript" in text, text
    links = page.eval_on_selector_all(f"{FINDER_AT} a", "links => links.map(a => a.href)")
    for path in (*BROWSE, "slussen/idebank/", "slussen/innovationer/", "slussen/utmaningar/"):
        assert any(link.endswith("/" + path) for link in links), (path, links)
    for link in links:
        assert page.request.get(link).status == 200, link
    assert page.locator(f"{SEARCH_BUTTON}, {FINDER_INPUT}").count() == 0
