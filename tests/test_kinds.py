"""The table of field kinds: every kind is described, and where the checker, the JSON
Schema and the editor each test a value's text, they accept and refuse the same values."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from sluss.content import check
from sluss.content.check import check_repository
from sluss.core import kinds, text
from sluss.core.kinds import KINDS, KindInfo
from sluss.core.model import COLLECTIONS, Field, Kind, Text, Vocabularies
from sluss.outputs.editor import widget
from sluss.outputs.schema import field_schema

from support import FIXTURES, TODAY, materialise

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "sluss"
JSON_TYPES = {"string", "integer", "number", "boolean", "array", "object"}
# The Decap widgets the editor knows how to configure (outputs/editor.py).
WIDGETS = {
    "string",
    "text",
    "number",
    "boolean",
    "datetime",
    "select",
    "relation",
    "list",
    "object",
}
VOCAB = Vocabularies()


def model_field(collection: str, path: str) -> Field:
    """A field of the model by its dotted path; `tags[]` is the element of `tags`."""
    fields = COLLECTIONS[collection].fields
    found: Field | None = None
    for part in path.split("."):
        name = part.removesuffix("[]")
        found = next(f for f in fields if f.name == name)
        if part.endswith("[]"):
            assert found.item is not None
            found = found.item
        fields = found.fields
    assert found is not None
    return found


def schema_accepts(f: Field, value: str) -> bool:
    schema = field_schema(f, VOCAB)
    jsonschema.Draft202012Validator.check_schema(schema)
    return bool(jsonschema.Draft202012Validator(schema).is_valid(value))


def editor_accepts(f: Field, value: str) -> bool:
    """Decap tests a value with its pattern as a JavaScript RegExp; these patterns mean
    the same in Python for text on one line."""
    return re.search(widget(f, VOCAB, True)["pattern"][0], value) is not None


# --- every kind is described ------------------------------------------------------------


def test_every_kind_has_a_descriptor() -> None:
    assert set(KINDS) == set(Kind)
    for kind, info in KINDS.items():
        assert isinstance(info, KindInfo), kind
        assert info.name.sv and info.name.en, kind
        assert info.syntax and info.reference, kind
        assert info.schema["type"] in JSON_TYPES, kind
        assert info.widget["widget"] in WIDGETS, kind


def test_every_kind_has_a_checker_rule() -> None:
    # The checker finds a kind's rule by its name; kinds.py tells a new kind's author so.
    missing = [k for k in Kind if not callable(getattr(check._Checker, f"_{k.value}", None))]
    assert not missing, f"kinds without a rule in content/check.py: {missing}"


@pytest.mark.parametrize("kind", [k for k in Kind if k not in (Kind.LIST, Kind.OBJECT)])
def test_a_field_of_each_kind_gets_its_schema_and_widget(kind: Kind) -> None:
    f = Field(
        "prov",
        kind,
        Text("Prov", "Sample"),
        Text("Hjälp", "Help"),
        vocabulary="stage" if kind is Kind.CHOICE else None,
        ref="ideas" if kind is Kind.REF else None,
    )
    schema = field_schema(f, VOCAB)
    assert schema.items() >= KINDS[kind].schema.items()
    assert widget(f, VOCAB, True)["widget"] == KINDS[kind].widget["widget"]


@pytest.mark.parametrize(("kind", "written"), [(Kind.INT, 2), (Kind.NUMBER, 2.0)])
def test_limits_of_whole_numbers_are_whole(kind: Kind, written: float) -> None:
    f = Field("prov", kind, Text("Prov", "Sample"), Text("", ""), min=2.0)
    shape = widget(f, VOCAB, True)
    assert (shape["min"], type(shape["min"])) == (written, type(written))
    assert field_schema(f, VOCAB)["minimum"] == 2.0  # JSON Schema has one kind of number


# --- the checker, the schema and the editor agree --------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialise(FIXTURES / "clean", tmp_path_factory.mktemp("kinds") / "repo")


Accepts = Callable[[str, str, str], bool]


@pytest.fixture
def checker_accepts(repo: Path) -> Accepts:
    def accepts(rel: str, front_matter: str, code: str) -> bool:
        """Whether `sluss check` finds no `code` in a file of just this front matter."""
        path = repo / rel
        path.write_text(f"---\n{front_matter}\n---\nText.\n", encoding="utf-8")
        try:
            found = check_repository(repo, TODAY).diagnostics
        finally:
            path.unlink()
        return not any(d.path == rel and d.code == code for d in found)

    return accepts


TAGS = {
    "välfärdsteknik": True,
    "ai-stöd": True,
    "2026": True,
    "e-tjänst-2": True,
    "AI": False,
    "två ord": False,
    "-ledande": False,
    "dubbel--streck": False,
    "under_streck": False,
}
CODES = {
    "1496": True,
    "0114": True,
    "1696": True,  # a dissolved county: the checker warns, but the form is right
    "149": False,
    "14960": False,
    "14a6": False,
    " 1496": False,
    "١٤٩٦": False,  # Arabic-Indic digits are digits to Python's \d, not to JSON Schema
}
IDS = {
    "skovde": True,
    "digitala-las": True,
    "ide-2": True,
    "Skovde": False,
    "skövde": False,
    "digitala_las": False,
    "-las": False,
    "digitala--las": False,
}
EMAILS = {
    "innovation@skovde.se": True,
    "a.b+c@region-x.skaraborg.se": True,
    "innovation@skovde": False,
    "innovation skovde.se": False,
    "in novation@skovde.se": False,
    "@skovde.se": False,
}
LICENSES = {
    "CC-BY-4.0": True,
    "CC0-1.0": True,
    "GPL-3.0-or-later": True,
    "LicenseRef-Skovde-1": True,
    "CC-BY-5.0": False,
    "cc-by-4.0": False,
    "Apache 2.0": False,
}


@pytest.mark.parametrize("value", TAGS)
def test_tag_pattern(value: str, checker_accepts: Accepts) -> None:
    f = model_field("ideas", "tags[]")
    by_checker = checker_accepts("ideas/prov.md", f"tags: [{json.dumps(value)}]", "invalid-tag")
    assert by_checker == schema_accepts(f, value) == TAGS[value]


@pytest.mark.parametrize("value", CODES)
def test_code_pattern(value: str, checker_accepts: Accepts) -> None:
    f = model_field("municipalities", "code")
    by_checker = checker_accepts(
        "municipalities/prov.md", f"code: {json.dumps(value)}", "code-invalid"
    )
    assert by_checker == schema_accepts(f, value) == editor_accepts(f, value) == CODES[value]


@pytest.mark.parametrize("value", IDS)
def test_reference_pattern_is_the_id_rule(value: str, checker_accepts: Accepts) -> None:
    # A reference names an item by its id, its file name, which the checker tests.
    f = model_field("ideas", "municipality")
    by_checker = checker_accepts(f"ideas/{value}.md", "title: Prov", "file-name")
    assert by_checker == schema_accepts(f, value) == IDS[value]


@pytest.mark.parametrize("value", EMAILS)
def test_email_pattern(value: str, checker_accepts: Accepts) -> None:
    f = model_field("ideas", "contact.email")
    front = f"contact:\n  email: {json.dumps(value)}"
    by_checker = checker_accepts("ideas/prov.md", front, "invalid-email")
    assert by_checker == editor_accepts(f, value) == EMAILS[value]


@pytest.mark.parametrize("value", LICENSES)
def test_license_pattern(value: str, checker_accepts: Accepts) -> None:
    f = model_field("innovations", "reuse.license")
    front = f"reuse:\n  license: {json.dumps(value)}"
    by_checker = checker_accepts("innovations/prov.md", front, "invalid-license")
    assert by_checker == editor_accepts(f, value) == LICENSES[value]


# --- each pattern is written once ----------------------------------------------------------


def constants(module: object, *suffixes: str) -> dict[str, str]:
    found = {n: v for n, v in vars(module).items() if n.isupper() and n.endswith(suffixes)}
    return {n: v for n, v in found.items() if isinstance(v, str)}


PATTERNS = {
    **{("text.py", n): v for n, v in constants(text, "_PATTERN", "_LETTERS").items()},
    **{("kinds.py", n): v for n, v in constants(kinds, "_ADDRESS", "_PATH", "_SCHEME").items()},
}


@pytest.mark.parametrize(("home", "name"), sorted(PATTERNS))
def test_no_module_copies_a_pattern(home: str, name: str) -> None:
    pattern = PATTERNS[home, name]
    written = {pattern, pattern.replace("\\", "\\\\")}  # as a raw and as a plain literal
    copies = [
        str(p.relative_to(PACKAGE))
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.name != home and any(w in p.read_text(encoding="utf-8") for w in written)
    ]
    assert not copies, f"{name} is copied in {copies}: import it from sluss.core.{home[:-3]}"
