"""The JSON Schemas and the web editor's patterns refuse the characters the checker
refuses (core/kinds.py `refused`): an editor or a validator stops a bidi override in a
title, as `sluss check` does."""

from __future__ import annotations

import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sluss.core.config import Config
from sluss.core.model import COLLECTIONS, Text
from sluss.outputs.editor import widget
from sluss.outputs.schema import collection_schema

IDEA = {
    "title": "Sms-påminnelse om bygglov",
    "summary": "Sökande får ett sms om vilka handlingar som saknas.",
    "municipality": "skovde",
    "area": "planning",
    "status": "submitted",
    "submitted": "2026-05-12",
    "need": "Många ansökningar om bygglov är ofullständiga.",
}


def _problems(idea: dict[str, Any]) -> list[str]:
    areas = {"planning": Text("Samhällsbyggnad", "Urban planning")}
    schema = collection_schema(COLLECTIONS["ideas"], Config(areas=areas).vocabularies)
    validator = Draft202012Validator(schema)
    return [".".join(map(str, e.absolute_path)) for e in validator.iter_errors(idea)]


def test_a_plain_idea_passes() -> None:
    assert _problems(IDEA) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "a\u202eb"),  # right-to-left override
        ("title", "a\u2066b"),  # left-to-right isolate
        ("title", "två\nrader"),
        ("title", "a\x00b"),
        ("title", "slut\u202e"),
        ("summary", "En sammanfattning med \u202eöverstyrning"),
        ("contact.email", "innovation@skovde.se\u202e"),
    ],
)
def test_the_schema_refuses_what_the_checker_refuses(field: str, value: str) -> None:
    idea = dict(IDEA)
    if field.startswith("contact."):
        idea["contact"] = {"email": value}
    else:
        idea[field] = value
    assert _problems(idea) == [field]


@pytest.mark.parametrize("title", ["Titel som slutar på en radbrytning\n", "Med tabb\t"])
def test_line_ends_after_a_value_pass(title: str) -> None:
    """`title: >` ends in a line end; the checker strips it, and so does the schema."""
    assert _problems(IDEA | {"title": title}) == []


def test_free_text_keeps_its_lines_but_not_a_bidi_override() -> None:
    need = "Rad ett.\n\n\tRad två, indragen."
    assert _problems(IDEA | {"need": need}) == []
    assert _problems(IDEA | {"need": need + "\u2067"}) == ["need"]


@pytest.mark.parametrize("name", ["title", "summary", "need"])
def test_the_editor_refuses_a_bidi_override(name: str) -> None:
    f = next(f for f in COLLECTIONS["ideas"].fields if f.name == name)
    regex, message = widget(f, Config().vocabularies, True)["pattern"]
    assert re.search(regex, "En alldeles vanlig text.\n")
    assert not re.search(regex, "En alldeles \u202evanlig text.")
    assert "skrivriktningen" in message
