"""Swedish that agrees (issue 15): a counted noun takes the number's form (1 idé, 2 idéer,
0 idéer), an adjective before a plural noun its plural (Öppna utmaningar), on every page.

The helper is tested for 0, 1 and 2 and the thousands; then every page of the sample
site, and of the sample with its lists paged (where "Visa alla …" and "sida 2 av 3"
appear), is read as text and held to the forms: no "1 sidor", no "2 idé", no "Öppen
utmaningar". The sample's pages have counts of 0, 1 and 2 and more of every noun the
templates count (tags with one page, municipalities with no innovation, …).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sluss.outputs.words import ADJECTIVES, NOUNS, counted, plural

from support import html_pages

SINGULARS = [n for n, p in NOUNS.items() if n != p and " " not in n]
PLURALS = [NOUNS[n] for n in SINGULARS]
_NUMBER = r"(?<![\d.,:/–-])"  # a whole number, not the end of a date, time or range
_WORD_END = r"\b(?![.-]\w)"  # a word, not the start of a file name (utbildning.csv)
ONE_WITH_PLURAL = re.compile(rf"{_NUMBER}\b1 ({'|'.join(PLURALS)}){_WORD_END}")
MANY_WITH_SINGULAR = re.compile(
    rf"{_NUMBER}\b(0|[2-9]|[1-9]\d+) ({'|'.join(SINGULARS)}){_WORD_END}"
)
_CHANGING = "|".join(a for a, p in ADJECTIVES.items() if a != p)
SINGULAR_ADJECTIVE = re.compile(rf"\b({_CHANGING}) (utmaningar|idéer|innovationer)\b")
TAG = re.compile(r"<[^>]+>")


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (0, "idé", "0 idéer"),
        (1, "idé", "1 idé"),
        (2, "idé", "2 idéer"),
        (1, "sidor", "1 sida"),
        (2, "sida", "2 sidor"),
        (1, "tillfällen", "1 tillfälle"),
        (1302, "innovation", "1\u202f302 innovationer"),
        (1, "kurser och utbildningar", "1 kurs eller utbildning"),
    ],
)
def test_counted_takes_the_numbers_form(n: int, noun: str, expected: str) -> None:
    assert counted(n, noun) == expected


def test_an_unknown_noun_stops_the_page_instead_of_a_wrong_form() -> None:
    with pytest.raises(KeyError):
        counted(2, "bil")
    with pytest.raises(KeyError):
        plural("Grön")


def test_adjectives_agree_with_a_plural() -> None:
    assert plural("Öppen") == "Öppna"
    assert plural("Stängd") == "Stängda"
    assert plural("inkommen") == "inkomna"


def page_texts(site: Path) -> dict[str, str]:
    texts = {}
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        start, end = text.find("<article"), text.find("</article>")
        body = text[start:end] if start >= 0 else text
        texts[str(page.relative_to(site))] = " ".join(html.unescape(TAG.sub(" ", body)).split())
    return texts


def wrong_forms(texts: dict[str, str]) -> list[str]:
    wrong = []
    for page, text in texts.items():
        for pattern in (ONE_WITH_PLURAL, MANY_WITH_SINGULAR, SINGULAR_ADJECTIVE):
            wrong += [f"{page}: {m.group(0)!r}" for m in pattern.finditer(text)]
    return wrong


def test_the_patterns_catch_the_wrong_forms() -> None:
    found = wrong_forms(
        {"x": "1 sidor · 2 idé · 0 innovation · Öppen utmaningar · 1 idé · 21 idéer"}
    )
    assert found == ["x: '1 sidor'", "x: '2 idé'", "x: '0 innovation'", "x: 'Öppen utmaningar'"]


def test_every_page_of_the_sample_agrees(site: Path) -> None:
    assert not (wrong := wrong_forms(page_texts(site))), "\n".join(wrong)


def test_every_page_of_the_paged_sample_agrees(paged_sample_site: Path) -> None:
    texts = page_texts(paged_sample_site / "site")
    assert any("Visa alla" in t for t in texts.values())
    assert not (wrong := wrong_forms(texts)), "\n".join(wrong)
