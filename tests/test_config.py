"""`sluss.yml`: the `site:` options as declared, their defaults, a wrong shape reported."""

from __future__ import annotations

from pathlib import Path

from sluss.core.config import SITE_OPTIONS, Config, load_config


def write(root: Path, text: str) -> Path:
    (root / "sluss.yml").write_text(text, encoding="utf-8")
    return root


def test_every_option_is_read_and_has_its_default(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, "areas:\n  care: {sv: Vård}\n"))
    assert problems == []
    assert {o.key: getattr(config, o.key) for o in SITE_OPTIONS} == {
        o.key: o.default for o in SITE_OPTIONS
    }
    values = "".join(f"  {o.key}: värde-{o.key}\n" for o in SITE_OPTIONS)
    config, problems = load_config(
        write(tmp_path, f"site:\n{values}areas:\n  care: {{sv: Vård}}\n")
    )
    assert problems == []
    assert all(getattr(config, o.key) == f"värde-{o.key}" for o in SITE_OPTIONS)


def test_a_list_where_text_belongs_is_reported_not_used(tmp_path: Path) -> None:
    text = "site:\n  name: [a, b]\nareas:\n  care: {sv: Vård}\n"
    config, problems = load_config(write(tmp_path, text))
    assert config.name == Config().name
    assert [dict(d.args)["problem"] for d in problems] == ["site.name: text"]


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
