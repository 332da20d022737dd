"""The "Lämna en idé" form (issue 14, door 1) in a real browser on the shared sample site.

A citizen reaches it from Start in one click and has a written message in the second:
the mail program is asked to open a `mailto:` address to the chosen municipality's
function mailbox, and the message's text is exactly what `core/idea_mail.compose()`
writes, so `sluss intake` can read it back. The opening is caught in the page (a click
on a `mailto:` link is recorded and stopped), since no mail program runs here.

Errors are listed in a summary that takes focus, each linked to its field; a
personnummer is refused before anything is written; a message too long for a `mailto:`
address is offered as text to copy; axe-core finds nothing, with and without errors;
without JavaScript the page gives the mailboxes and a template.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.core import idea_mail
from sluss.outputs.idea_form import MAILTO_LIMIT

from support import (
    Session,
    axe_violations,
    copy_portal,
    describe,
    needs_chromium,
    run_sluss,
    sluss_env,
)

pytestmark = [pytest.mark.browser, needs_chromium]

FORM = "slussen/lamna-ide/"
DRAWN = ".sluss-form"
# Record a mail program being asked to open, instead of asking it.
CATCH_MAILTO = """
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a");
  if (link && link.href.indexOf("mailto:") === 0) {
    window.__mailto = link.href;
    event.preventDefault();
  }
}, true);
"""
ANSWERS = {
    "title": "Digitala  nycklar i hemtjänsten",
    "need": "Personalen hämtar nycklar på kontoret.\n\nDet fördröjer hjälpen vid larm.",
    "idea": "Digitala lås som öppnas med telefonen.",
    "benefit": "Brukarna får hjälp snabbare, personalen kör kortare.",
    "name": "Anna Andersson",
    "email": "anna@example.org",
}


def open_form(session: Session, query: str = "", **options: Any) -> Any:
    page = session.open(FORM + query, **options)
    page.wait_for_selector(DRAWN)
    page.evaluate(CATCH_MAILTO)
    return page


def fill(page: Any, answers: dict[str, str], municipality: str, area: str) -> None:
    for key, value in answers.items():
        page.fill(f"#ide-{key}", value)
    page.select_option("#ide-municipality", municipality)
    page.select_option("#ide-area", area)


def mail_opened(page: Any) -> dict[str, str]:
    """The address, subject and body of the mail the page asked to open."""
    href = page.evaluate("window.__mailto")
    assert href, "inget mejl öppnades"
    address, _, query = href.removeprefix("mailto:").partition("?")
    fields = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    return {"to": address, "length": str(len(href)), **fields}


def choices(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "slussen" / "formular.json").read_text())
    return data


def chosen(data: dict[str, Any], kind: str, ident: str, label: str = "name") -> str:
    entry = next(e for e in data[kind] if e["id"] == ident)
    return idea_mail.choice(entry[label], ident)


@pytest.mark.parametrize("width", [1280, 375])
def test_citizen_writes_the_message_in_two_clicks_from_start(
    session: Session, site: Path, width: int
) -> None:
    page = session.open("", width=width)
    page.get_by_role("link", name="Lämna en idé").first.click()  # click 1
    page.wait_for_selector(DRAWN)
    page.evaluate(CATCH_MAILTO)
    fill(page, ANSWERS, "skovde", "care")
    page.check("#ide-public")
    page.get_by_role("button", name="Öppna i e-postprogrammet").click()  # click 2
    mail = mail_opened(page)
    data = choices(site)
    assert mail["to"] == "innovation@skovde.se"
    assert mail["subject"] == idea_mail.subject(ANSWERS["title"])
    expected = idea_mail.compose(
        {
            **ANSWERS,
            "municipality": chosen(data, "municipalities", "skovde"),
            "area": chosen(data, "areas", "care", "label"),
            "challenge": idea_mail.NO_CHALLENGE,
            "public": idea_mail.YES,
        }
    )
    assert mail["body"] == expected.replace("\n", "\r\n")  # RFC 6068: CRLF in a body
    assert int(mail["length"]) <= MAILTO_LIMIT
    result = page.locator(".sluss-form__result")
    assert result.is_visible() and "innovation@skovde.se" in result.inner_text()
    assert page.evaluate("document.activeElement.id") == "ide-resultat"


def test_errors_are_listed_focused_and_linked_to_their_fields(session: Session) -> None:
    page = open_form(session)
    page.get_by_role("button", name="Öppna i e-postprogrammet").click()
    summary = page.locator(".sluss-form__summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.className") == "sluss-form__summary"
    links = summary.get_by_role("link")
    assert links.count() == 6  # title, municipality, area and the three descriptions
    for field in ("title", "municipality", "area", "need", "idea", "benefit"):
        control = page.locator(f"#ide-{field}")
        assert control.get_attribute("aria-invalid") == "true"
        error = page.locator(f"#ide-{field}-error")
        assert error.is_visible()
        assert f"ide-{field}-error" in (control.get_attribute("aria-describedby") or "")
    assert not page.evaluate("window.__mailto")
    links.nth(2).click()
    assert page.evaluate("document.activeElement.id") == "ide-area"
    assert not (violations := axe_violations(page)), describe("fel i formuläret", violations)


@pytest.mark.parametrize("number", ["19121212-1212", "121212 1212", "20121212+1212"])
def test_a_personal_identity_number_stops_the_message(session: Session, number: str) -> None:
    page = open_form(session)
    fill(page, {**ANSWERS, "need": f"Gäller brukaren {number} i första hand."}, "vara", "care")
    page.get_by_role("button", name="Öppna i e-postprogrammet").click()
    error = page.locator("#ide-need-error")
    assert "personnummer" in error.inner_text()
    assert not page.evaluate("window.__mailto")


def test_a_long_message_is_copied_and_the_mail_opens_to_paste_it(session: Session) -> None:
    page = open_form(session)
    long = "Å " * 1200  # each å takes six characters in a mailto: address
    fill(page, {**ANSWERS, "idea": long}, "hjo", "environment")
    page.get_by_role("button", name="Öppna i e-postprogrammet").click()
    mail = mail_opened(page)
    assert mail["to"] == "innovation@hjo.se"
    assert idea_mail.START not in mail.get("body", "")  # the text is pasted, not sent
    assert int(mail["length"]) <= MAILTO_LIMIT
    result = page.locator(".sluss-form__result").inner_text()
    assert "för lång" in result
    text = page.input_value("#ide-text")
    assert text.startswith(idea_mail.START) and long.strip() in text


def test_a_municipality_page_chooses_its_municipality(session: Session, site: Path) -> None:
    page = session.open("slussen/kommuner/vara/")
    page.get_by_role("link", name="Lämna en idé i Vara", exact=True).click()
    page.wait_for_selector(DRAWN)
    assert page.input_value("#ide-municipality") == "vara"
    assert "innovation@vara.se" in page.locator("#ide-brevlada").inner_text()
    offered = page.eval_on_selector_all("#ide-challenge option", "os => os.map(o => o.value)")
    expected = [c["id"] for c in choices(site)["challenges"] if "vara" in c["municipalities"]]
    assert offered == ["", *expected] and expected  # only Vara's open challenges


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (375, "dark")])
def test_axe_finds_nothing_on_the_form(session: Session, width: int, scheme: str) -> None:
    page = open_form(session, width=width, scheme=scheme)
    assert not (violations := axe_violations(page)), describe(FORM, violations)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow


def test_without_javascript_the_page_gives_mailboxes_and_a_template(session: Session) -> None:
    page = session.open(FORM, script=False)
    text = page.inner_text("article")
    assert idea_mail.START in text and idea_mail.END in text
    assert "innovation@skovde.se" in text and "10 dagar" in text
    assert page.locator(".sluss-form").count() == 0


def test_the_choices_come_from_the_content(site: Path) -> None:
    data = choices(site)
    municipalities = {m["id"]: m for m in data["municipalities"]}
    assert len(municipalities) == 15
    assert all(m["mailbox"].startswith("innovation@") for m in municipalities.values())
    assert municipalities["skovde"]["days"] == 10
    assert [a["label"] for a in data["message"]["answers"]] == [a.label for a in idea_mail.ANSWERS]
    open_ids = {
        p.stem
        for p in (site.parent / "challenges").glob("*.md")
        if "\nstatus: open" in p.read_text(encoding="utf-8")
    }
    assert {c["id"] for c in data["challenges"]} == open_ids


def test_the_mail_the_form_writes_becomes_an_idea_with_sluss_intake(
    session: Session, tmp_path: Path
) -> None:
    """The whole door: the browser's message, pasted as a coordinator would, gives an
    idea file that the checker passes, with the municipality and area the visitor chose
    and without the name, which was not to be shown."""
    page = open_form(session)
    fill(page, {**ANSWERS, "title": "Bänkar längs promenadstråket"}, "tibro", "planning")
    page.get_by_role("button", name="Öppna i e-postprogrammet").click()
    body = mail_opened(page)["body"]
    root = copy_portal(tmp_path / "portal")
    before = set((root / "ideas").iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "sluss.cli", "intake", "-"],
        cwd=root,
        env=sluss_env(),
        input=body,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (written,) = set((root / "ideas").iterdir()) - before
    front = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert front["municipality"] == "tibro" and front["area"] == "planning"
    assert front["status"] == "submitted" and "submitter" not in front
    assert "Anna Andersson" not in written.read_text(encoding="utf-8")
    assert "Anna Andersson" in done.stdout + done.stderr  # told to the coordinator
    checked = run_sluss("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
