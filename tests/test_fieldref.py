"""Fältreferens: every field of the model on one page, with examples that check clean."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from sluss.content.check import check_repository
from sluss.core.config import Config, load_config
from sluss.core.model import COLLECTIONS, Text, Vocabularies, walk_fields
from sluss.outputs.fieldref import PAGE, example_item, field_reference

from support import ROOT, copy_portal


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(ROOT)[0]


def ids(root: Path) -> dict[str, list[str]]:
    return {name: sorted(p.stem for p in (root / name).glob("*.md")) for name in COLLECTIONS}


@pytest.fixture(scope="module")
def page(config: Config) -> str:
    return field_reference(config.vocabularies, PAGE, ids(ROOT))


def table_rows(page: str) -> list[list[str]]:
    rows = []
    for line in page.split("\n"):
        if line.startswith("| `"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            rows.append([cells[0].split("<br>")[0], *cells[1:]])
    return rows


def test_front_matter(page: str) -> None:
    head = yaml.safe_load(page.split("---\n")[1])
    assert head["title"] == "Fältreferens"
    assert head["description"]
    assert head["edit_url"] == ""
    assert head["hide"] == ["navigation"]


def test_every_field_of_every_collection(page: str) -> None:
    rows = {r[0].strip("`") for r in table_rows(page)}
    for collection in COLLECTIONS.values():
        assert f"## {collection.label.sv} {{ #{collection.name} }}" in page
        assert f"`{collection.name}/`" in page
        assert collection.body.sv in page
        for path, _ in walk_fields(collection.fields):
            assert path in rows
    assert "`assessment.need`" in page and "`sessions[].start`" in page


def section(page: str, name: str) -> str:
    return page.split(f"{{ #{name} }}")[1].split("\n## ")[0]


def test_required_column(page: str) -> None:
    rows = {r[0]: r for r in table_rows(section(page, "ideas"))}
    assert rows["`assessment`"][2] == "när status är testing eller implemented"
    assert rows["`status_note`"][2] == "när status är parked eller closed"
    assert rows["`challenge`"][2] == "minst ett av challenge och need"
    assert rows["`municipality`"][2] == "ja"
    assert rows["`partners`"][2] == "nej"
    assert rows["`assessment.need`"][2] == "ja, när assessment finns med"


def test_allowed_values_and_types(page: str) -> None:
    rows = {r[0]: r for r in table_rows(section(page, "ideas"))}
    assert "submitted (Inkommen)" in rows["`status`"][3]
    assert "care (Vård och omsorg)" in rows["`area`"][3]
    assert rows["`submitted`"][1] == "datum ÅÅÅÅ-MM-DD"
    rows = {r[0]: r for r in table_rows(section(page, "municipalities"))}
    assert rows["`website`"][1] == "webbadress som börjar med https://"
    assert rows["`code`"][2] == "ja"
    assert rows["`code`"][4].endswith("<br>Exempel: `'1496'`")


def test_every_row_has_five_cells_even_with_a_pipe() -> None:
    vocab = Vocabularies({"area": {"a": Text("Vård <b>|</b> omsorg", "Care")}})
    page = field_reference(vocab)
    assert "Vård &lt;b&gt;\\|&lt;/b&gt; omsorg" in page
    rows = table_rows(page)
    assert all(len(r) == 5 for r in rows)
    assert "<b>" not in "".join("".join(r) for r in rows)


def test_areas_come_from_the_vocabularies() -> None:
    vocab = Vocabularies({"area": {"provomrade": Text("Provområde", "Test area")}})
    assert "provomrade (Provområde)" in field_reference(vocab)


def test_examples_check_clean(config: Config, tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    today = dt.date.today()
    for name, collection in COLLECTIONS.items():
        data = example_item(collection, config.vocabularies, ids(root))
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (root / name / "exempel-fran-faltreferensen.md").write_text(
            f"---\n{front}---\n## Rubrik\n\nText.\n", encoding="utf-8"
        )
    found = [
        (d.path, d.code)
        for d in check_repository(root, today=today).diagnostics
        if "exempel-fran-faltreferensen" in d.path and d.code != "similar-idea"
    ]
    assert found == []  # (the example municipality borrows Skövde's code: reported there)


def test_examples_in_the_page_are_yaml(page: str) -> None:
    blocks = re.findall(r"```yaml\n---\n(.*?)---\n", page, re.S)
    assert len(blocks) == len(COLLECTIONS)
    for block in blocks:
        data = yaml.safe_load(block)
        assert data["title"] and data["summary"]


def test_the_built_site_has_the_page(sample_site: Path) -> None:
    """The build generates the page and MkDocs builds it (strictly: the sample site's build
    fails on any warning, a broken link or anchor among them)."""
    html = (sample_site / "site" / "slussen" / "faltreferens" / "index.html").read_text("utf-8")
    assert 'id="ideas"' in html and "<table>" in html
    assert "assessment.need" in html
