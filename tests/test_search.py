"""The search index: Swedish word forms, the documents made from the model, the words
added from sluss.yml, and a build that keeps the old site when Pagefind fails."""

from __future__ import annotations

import html.parser
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sluss.build import search as build_search
from sluss.build.builders import build_site
from sluss.build.generate import generate
from sluss.build.search import Search, page_text
from sluss.core.config import Config
from sluss.core.model import Text
from sluss.outputs.search import FACETS, SearchDocument, expand, plain_text
from sluss.outputs.swedish import Compounds, extra_terms, inflections, words

from support import copy_portal, search_records

# --- Swedish word forms ---------------------------------------------------------------------


def test_forms_snowball_leaves_apart_are_added() -> None:
    assert "simskolan" in inflections("simskola")  # -an is not stripped by Snowball
    assert "gångtunnel" in inflections("gångtunnlarna")  # the dropped e, back
    assert "gångtunnl" in inflections("gångtunnel")  # and the other way
    assert "gångtunnlarnan" not in inflections("gångtunnlarna")  # no -an after -na
    assert inflections("bok") == frozenset()


def test_compounds_are_split_into_parts_the_portal_knows() -> None:
    compounds = Compounds(words("gång bygglov ärenden skola lunch"))
    assert compounds.tails("bygglovsärenden") == {"ärend"}  # after a linking s
    assert compounds.tails("skolluncher") == {"lunch"}
    assert compounds.tails("gångtunnlarna") == {"tunnl"}  # its head known, its tail rare
    assert compounds.tails("kommunen") == set()  # no known first part
    terms = extra_terms("Ljus i gångtunnlarna", compounds)
    assert {"tunnl", "tunnel", "gångtunnel"} <= set(terms)
    assert "ljus" not in terms  # the page's own words are not repeated


# --- documents -------------------------------------------------------------------------------


class _Reader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs


def test_a_document_is_escaped_whatever_its_text() -> None:
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    doc = SearchDocument(
        "slussen/ideer/x/",
        hostile,
        hostile,
        hostile,
        facts=[hostile],
        filters={"Tagg": [hostile], "Utmaning": ["Lång väntan, kort svar: nu"]},
        meta={"typ": hostile},
        terms=[hostile],
    )
    reader = _Reader()
    reader.feed(doc.html())
    assert "script" not in reader.tags and "img" not in reader.tags
    assert not [a for a, _ in reader.attrs if a.startswith("on")]
    assert ("data-pagefind-filter", "Utmaning:Lång väntan, kort svar: nu") in reader.attrs


def test_markdown_becomes_plain_words() -> None:
    text = (
        "## Bakgrund { #bak }\n\nSe [kartan](https://x.se) och **fet** text.\n\n- en <b>punkt</b>"
    )
    assert plain_text(text) == "Bakgrund Se kartan och fet text. en punkt"


def test_the_words_of_a_built_page_leave_out_permalinks_and_buttons() -> None:
    fragment = (
        '<a class="md-content__button md-icon" href="e">Redigera</a>'
        '<h1 id="t">Om slussen<a class="headerlink" href="#t">¶</a></h1><p>Text &amp; mer.</p>'
    )
    assert page_text(fragment) == ("Om slussen", "Text & mer.")


def test_keywords_and_synonyms_are_added_where_they_belong() -> None:
    config = Config(
        areas={"care": Text("Vård och omsorg", "Care"), "school": Text("Utbildning", "Ed")},
        keywords={"care": ("äldreomsorg", "särskilt boende")},
        synonyms=(("försörjningsstöd", "ekonomiskt bistånd"), ("skolmat", "skollunch")),
    )
    care = SearchDocument("a/", "Digitala lås", filters={"Område": ["Vård och omsorg"]})
    money = SearchDocument("b/", "Snabbare beslut", text="Om ekonomiskt biståndet i kommunen.")
    lunch = SearchDocument("c/", "Klimatsmarta skolluncher", filters={"Område": ["Utbildning"]})
    expand([care, money, lunch], config)
    assert {"äldreomsorg", "särskilt boende"} <= set(care.terms)
    assert "försörjningsstöd" in money.terms and "försörjningsstöd" not in care.terms
    assert "skolmat" in lunch.terms  # "skollunch" held as the start of "skolluncher"
    assert "äldreomsorg" not in lunch.terms


# --- the index of the sample site -------------------------------------------------------------


def test_hand_written_pages_are_indexed_and_the_editor_is_not(sample_site: Path) -> None:
    records = search_records(sample_site / "site")
    assert records["/om-slussen/"]["meta"]["typ"] == "Sida"
    assert records["/slussen/data/"]["meta"]["title"] == "Öppna data"  # a full page
    assert records["/slussen/idebank/"]["meta"]["typ"] == "Sida"  # by title and lead
    assert not [u for u in records if u.startswith(("/admin", "/404", "/slussen/sok"))]
    area = records["/slussen/ideer/digitala-las-i-hemtjansten/"]
    assert "äldreomsorg" in area["content"] and area["filters"]["Område"] == ["Vård och omsorg"]


# --- a failing Pagefind ----------------------------------------------------------------------


def test_a_failing_pagefind_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    root = copy_portal(tmp_path / "portal")
    old = root / "site"
    old.mkdir()
    (old / "index.html").write_text("förra webbplatsen", encoding="utf-8")
    generated = generate(root, quiet=True)
    broken = shutil.which("false")
    assert broken
    monkeypatch.setattr(build_search, "PAGEFIND", (broken,))
    assert not build_site(root, old, search=Search.of(generated.env.portal))
    assert (old / "index.html").read_text(encoding="utf-8") == "förra webbplatsen"
    assert [p.name for p in root.iterdir() if p.name.startswith("site")] == ["site"]
    err = capsys.readouterr().err
    assert "sökindexet kunde inte byggas" in err and "ligger kvar orörd" in err
    assert "Traceback" not in err


def test_the_page_script_shows_the_facets_the_index_has(sample_site: Path) -> None:
    """sluss.js lists the facets of "Sök och filtrera" by the names the index uses."""
    script = (sample_site / "site/assets/javascripts/sluss.js").read_text(encoding="utf-8")
    shown = re.findall(r'\["([^"]+)", "[a-z-]+"\]', script)
    assert tuple(shown) == FACETS
    used = {key for r in search_records(sample_site / "site").values() for key in r["filters"]}
    assert used == set(FACETS)
