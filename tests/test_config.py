"""`sluss.yml`: the `site:` options as declared, their defaults, a wrong shape reported."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from sluss.content.check import check_repository
from sluss.core.config import SITE_OPTIONS, Config, load_config
from sluss.core.diagnostics import Diagnostic
from sluss.core.model import Text
from sluss.outputs.pages import Renderer
from sluss.site.portal import Portal

ROOT = Path(__file__).resolve().parent.parent


def write(root: Path, text: str) -> Path:
    (root / "sluss.yml").write_text(text, encoding="utf-8")
    return root


def test_every_option_is_read_and_has_its_default(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, "areas:\n  care: {sv: Vård}\n"))
    assert problems == []
    assert {o.key: getattr(config, o.key) for o in SITE_OPTIONS} == {
        o.key: o.default for o in SITE_OPTIONS
    }
    values = {o.key: f"värde-{o.key}" for o in SITE_OPTIONS} | {
        "repo_url": "https://git.example.org/region/portal",
        "branch": "release/2027.1",
        "coordinator_email": "innovation@kommun.se",
    }
    text = "".join(f"  {key}: {value}\n" for key, value in values.items())
    config, problems = load_config(write(tmp_path, f"site:\n{text}areas:\n  care: {{sv: Vård}}\n"))
    assert problems == []
    assert {o.key: getattr(config, o.key) for o in SITE_OPTIONS} == values


def test_a_list_where_text_belongs_is_reported_not_used(tmp_path: Path) -> None:
    text = "site:\n  name: [a, b]\nareas:\n  care: {sv: Vård}\n"
    config, problems = load_config(write(tmp_path, text))
    assert config.name == Config().name
    assert [dict(d.args)["problem"] for d in problems] == [
        "site.name: en lista eller tabell – skriv en rad text («Innovationssluss» används)"
    ]
    assert problems[0].line == 2


def test_search_keywords_and_synonyms_are_read(tmp_path: Path) -> None:
    text = (
        "areas:\n  care:\n    sv: Vård och omsorg\n    keywords: [äldreomsorg, hemtjänst]\n"
        "synonyms:\n  - [försörjningsstöd, ekonomiskt bistånd]\n  - [skolmat, skollunch]\n"
    )
    config, problems = load_config(write(tmp_path, text))
    assert problems == []
    assert config.keywords == {"care": ("äldreomsorg", "hemtjänst")}
    assert config.synonyms == (("försörjningsstöd", "ekonomiskt bistånd"), ("skolmat", "skollunch"))


def test_wrong_search_words_are_reported_and_left_out(tmp_path: Path) -> None:
    text = (
        "areas:\n  care:\n    sv: Vård\n    keywords: äldreomsorg\n"
        "  school:\n    sv: Skola\n    keywords: [skola, {a: b}]\n"
        "synonyms:\n  - [ensam]\n  - [a, [b, c]]\n  - [rätt, riktigt]\n  - bara text\n"
    )
    config, problems = load_config(write(tmp_path, text))
    assert config.keywords == {}
    assert config.synonyms == (("rätt", "riktigt"),)
    assert [dict(d.args)["problem"] for d in problems] == [
        "areas.care.keywords: [ord, ord, …]",
        "areas.school.keywords: [ord, ord, …]",
        "synonyms, grupp 1: två ord?",
        "synonyms, grupp 2: [ord, ord, …]",
        "synonyms, grupp 4: [ord, ord, …]",
    ]
    config, problems = load_config(
        write(tmp_path, "areas:\n  care: {sv: Vård}\nsynonyms: {a: b}\n")
    )
    assert config.synonyms == ()
    assert [dict(d.args)["problem"] for d in problems] == ["synonyms: - [ord, ord]"]


def problems_of(problems: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.line, str(dict(d.args)["problem"])) for d in problems]


def test_the_sample_configuration_loads_without_a_problem() -> None:
    config, problems = load_config(ROOT)
    assert problems == []
    assert config.repo_url.startswith("https://")
    assert "care" in config.areas


@pytest.mark.parametrize(
    "area",
    ["../../x", '"a\\"b"', "'it''s'", "två ord", "Care", "care-", "-care", "a--b", "1", "yes"],
)
def test_an_area_id_is_checked_like_a_content_id(tmp_path: Path, area: str) -> None:
    text = f"areas:\n  care: {{sv: Vård}}\n  {area}: {{sv: Fel}}\n"
    config, problems = load_config(write(tmp_path, text))
    assert list(config.areas) == ["care"]
    [(line, problem)] = problems_of(problems)
    assert line == 3
    assert problem.startswith("areas: id «")
    assert "små bokstäver a–z, siffror och bindestreck" in problem


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("javascript:alert(1)", "bara http:// och https://"),
        ("JaVaScRiPt:alert(1)", "bara http:// och https://"),
        ("data:text/html,<script>", "bara http:// och https://"),
        ("//evil.example/x", "bara http:// och https://"),
        ("https://a@evil.example/", "användarnamn"),
        ("https://example.org@evil.example/", "användarnamn"),
        ('"https://example.org/\\nx"', "styrtecken"),
        ('"https://example.org/\\u202ex"', "U+202E"),
        ('"https://example.org/a b"', "ingen tillåten adress"),
        ("https://example.org/a?x=1", "ingen tillåten adress"),
        ("https://exаmple.org/", "ingen tillåten adress"),  # a Cyrillic а
        ("https://example.org\\\\evil.example/", "ingen tillåten adress"),
    ],
)
def test_repo_url_must_be_a_plain_http_address(tmp_path: Path, value: str, why: str) -> None:
    text = f"site:\n  name: N\n  repo_url: {value}\nareas:\n  care: {{sv: Vård}}\n"
    config, problems = load_config(write(tmp_path, text))
    assert config.repo_url == ""
    assert config.source_url("ideas/a.md") == ""
    [(line, problem)] = problems_of(problems)
    assert line == 3
    assert problem.startswith("site.repo_url: ")
    assert why in problem


@pytest.mark.parametrize(
    "value",
    [
        "[a, b]",
        "{a: b}",
        '"main; rm -rf /"',
        "main branch",
        "../main",
        "a..b",
        "-main",
        ".hidden",
        "main/",
        "main.lock",
        "a//b",
        "'main\"x'",
        '"main\\u202e"',
        '"main\\n"',
        "main?x",
        "main#x",
    ],
)
def test_branch_must_be_a_safe_git_ref(tmp_path: Path, value: str) -> None:
    text = (
        f"site:\n  repo_url: https://example.org/r\n  branch: {value}\nareas:\n  care: {{sv: V}}\n"
    )
    config, problems = load_config(write(tmp_path, text))
    assert config.branch == "main"
    assert config.source_url("ideas/a.md") == "https://example.org/r/edit/main/ideas/a.md"
    [(line, problem)] = problems_of(problems)
    assert line == 3
    assert problem.startswith("site.branch: ")
    assert problem.endswith("(«main» används)")


@pytest.mark.parametrize(
    "value",
    [
        "inte-en-adress",
        "a@b",
        "a b@kommun.se",
        '"a@kommun.se\\n"',
        "<a@kommun.se>",
        "a@kommun.se,b@x.se",
    ],
)
def test_coordinator_email_must_be_an_address(tmp_path: Path, value: str) -> None:
    text = f"site:\n  coordinator_email: {value}\nareas:\n  care: {{sv: V}}\n"
    config, problems = load_config(write(tmp_path, text))
    assert config.coordinator_email == ""
    [(line, problem)] = problems_of(problems)
    assert line == 2
    assert problem.startswith("site.coordinator_email: ")
    assert "ingen e-postadress" in problem or "styrtecken" in problem


@pytest.mark.parametrize(
    ("label", "why"),
    [
        ('"Vård\\noch omsorg"', "U+000A"),
        ('"Vård\\u202eomsorg"', "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ('"Vård\\u2028omsorg"', "U+2028"),
        ('"Vård\\x00"', "U+0000"),
        ("[a, b]", "inte text"),
        ('"  "', "tom"),
        ("x" * 101, "högst 100"),
    ],
)
def test_an_area_label_is_one_line_of_plain_text(tmp_path: Path, label: str, why: str) -> None:
    text = f"areas:\n  care: {{sv: Vård}}\n  school:\n    sv: {label}\n"
    config, problems = load_config(write(tmp_path, text))
    assert list(config.areas) == ["care"]
    [(line, problem)] = problems_of(problems)
    assert line == 4
    assert problem.startswith("areas.school.sv: ")
    assert why in problem
    text = f"areas:\n  care: {{sv: Vård}}\n  school:\n    sv: Skola\n    en: {label}\n"
    config, problems = load_config(write(tmp_path, text))
    assert config.areas["school"].en == "Skola"  # the Swedish label instead
    [(line, problem)] = problems_of(problems)
    assert line == 5
    assert problem.startswith("areas.school.en: ")
    assert problem.endswith("(den svenska används)")


def test_an_area_label_is_escaped_in_every_page() -> None:
    """Labels are plain text: one with Markdown, an attribute list and HTML stays text."""

    hostile = "Vård {: onfocus=alert(1) } *fet* <b>x</b>"
    repo = check_repository(ROOT)
    areas = {**repo.config.areas, "care": Text(hostile, hostile)}
    repo.config = dataclasses.replace(repo.config, areas=areas)
    pages = Renderer(Portal(repo, dt.date(2026, 12, 1))).pages()
    shown = [path for path, text in pages.items() if "Vård \\{: onfocus" in text]
    assert shown  # the label is on pages, escaped
    for path, text in pages.items():
        assert not re.search(r"(?<!\\)\{: onfocus", text), path
        assert "<b>x</b>" not in text, path


def test_function_lists_are_kept_as_the_checker_compares_them(tmp_path: Path) -> None:
    """Mailboxes in lower case; phones as dialled in Sweden, however they are written."""
    write(
        tmp_path,
        "areas: {care: {sv: Vård}}\n"
        "function_mailboxes: [Innovation@Skovde.se]\n"
        "function_phones: ['+46 (0)70-555 12 34', 0046 70 111 22 33]\n",
    )
    config, problems = load_config(tmp_path)
    assert problems == []
    assert config.function_mailboxes == {"innovation@skovde.se"}
    assert config.function_phones == {"0705551234", "0701112233"}


def test_a_phone_number_read_as_a_number_asks_for_quotes(tmp_path: Path) -> None:
    write(tmp_path, "areas: {care: {sv: Vård}}\nfunction_phones:\n  - 0701112233\n")
    config, problems = load_config(tmp_path)
    assert config.function_phones == frozenset()
    assert [(d.line, d.message("sv")) for d in problems] == [
        (
            3,
            'sluss.yml: function_phones: skriv numret inom citattecken, t.ex. "070-111 22 33" '
            "(numret används inte)",
        )
    ]
