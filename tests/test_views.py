"""The pages and lists declared in `outputs/views.py`: each one well-formed and used."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sluss.content.check import check_repository
from sluss.outputs.pages import Renderer
from sluss.outputs.views import ITEM_TEMPLATES, LIST_KINDS, LISTS, PAGES
from sluss.site.portal import Portal

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "scripts" / "sluss" / "outputs" / "templates"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(Portal(check_repository(ROOT), dt.date(2026, 12, 1)))


def test_every_list_kind_has_its_row_macro() -> None:
    macros = set(re.findall(r"{% macro (\w+)\(", (TEMPLATES / "_listor.md.j2").read_text()))
    assert {kind.replace("-", "_") for kind in LIST_KINDS} <= macros
    assert {view.kind for view in LISTS} == set(LIST_KINDS)


def test_every_declared_template_exists() -> None:
    names = {view.template for view in PAGES} | set(ITEM_TEMPLATES.values())
    assert sorted(n for n in names if not (TEMPLATES / n).is_file()) == []


def test_every_list_family_gives_lists_with_distinct_folders(renderer: Renderer) -> None:
    lists = renderer.lists
    for view in LISTS:
        prefix = view.key.split("{")[0]
        assert any(key.startswith(prefix) for key in lists), f"{view.key} gave no list"
    folders = [listing.folder for listing in lists.values()]
    assert len(folders) == len(set(folders))


def test_every_declared_page_is_rendered(renderer: Renderer) -> None:
    pages = renderer.pages()
    for view in PAGES:
        assert pages[view.path].startswith("---\n"), view.path
        assert view.title in pages[view.path].split("\n---\n", 1)[0], view.path
