"""`sluss new`: a template from the model that the checker can walk an author through.

For every collection: the new file checks clean apart from exactly the fields
the author must fill in (each named by the checker), and once those are filled
in where the comments say, the file checks clean.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.commands import new as new_command
from sluss.content.check import check_repository
from sluss.content.new_item import (
    EXIT_EXISTS,
    EXIT_USAGE,
    NewItemError,
    find_collection,
    initial_values,
    new_item,
    scalar,
    to_fill_in,
)
from sluss.core.config import load_config
from sluss.core.model import COLLECTIONS
from sluss.outputs.fieldref import example_item

from support import copy_portal, run_sluss

# Warnings that compare an item with others' content, not its fields: not about templates.
HEURISTICS = frozenset({"similar-idea"})
TODAY = dt.date.today()  # the checker's "today" too: a new item is never in the future


def unfilled_body(body: str) -> bool:
    """True when a body holds only the skeleton's headings and comments (nothing written)."""
    without_comments = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    return not re.sub(r"^[ \t]*#{1,6}([ \t].*)?$", "", without_comments, flags=re.M).strip()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_portal(tmp_path_factory.mktemp("new") / "repo")


@pytest.fixture
def root(source: Path, tmp_path: Path) -> Path:
    return copy_portal(tmp_path / "repo", root=source)


def findings(root: Path, path: Path) -> list[tuple[str, str]]:
    """(code, field) of every diagnostic about one file."""
    rel = path.relative_to(root).as_posix()
    out = []
    for d in check_repository(root, today=TODAY).diagnostics:
        if d.path == rel and d.code not in HEURISTICS:
            out.append((d.code, str(dict(d.args).get("field", ""))))
    return sorted(out)


def ids(root: Path) -> dict[str, list[str]]:
    return {name: sorted(p.stem for p in (root / name).glob("*.md")) for name in COLLECTIONS}


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_new_file_names_exactly_what_is_left_to_fill_in(root: Path, name: str) -> None:
    collection = COLLECTIONS[name]
    path = new_item(root, name, "Ett nytt förslag från testet", [], TODAY)
    assert path == root / name / "ett-nytt-forslag-fran-testet.md"
    values = initial_values(collection, "Ett nytt förslag från testet", [], TODAY)
    expected = []
    for blank in to_fill_in(collection, values):
        if " eller " in blank:  # a one-of group: the checker names the rule, not a field
            expected.append(("challenge-or-need", ""))
        else:
            expected.append(("missing-field", blank.rsplit(".", 1)[-1]))
    assert findings(root, path) == sorted(expected)


def fill(text: str, example: dict[str, Any]) -> str:
    """Fill in the empty fields of a new file where its comments are, as an author would."""
    front, _, body = text.partition("\n---\n")
    out, stack = [], []  # stack: (indent, key) of the objects the line is inside
    for line in front.split("\n"):
        match = re.match(r"^(\s*)([a-z_]+):(.*)$", line)
        if not match:
            out.append(line)
            continue
        indent, key, rest = len(match.group(1)), match.group(2), match.group(3)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        value: Any = example
        for part in [k for _, k in stack] + [key]:
            value = value.get(part) if isinstance(value, dict) else None
        empty = re.match(r"^\s*(#.*)?$", rest)
        if isinstance(value, dict) or not empty:
            stack.append((indent, key))
            out.append(line)
        elif value is None:
            out.append(line)  # required only under a condition the item does not meet
        else:
            out.append(f"{match.group(1)}{key}: {scalar(value)}  {empty.group(1) or ''}")
    written = re.sub(r"<!--.*?-->\n", "", body, flags=re.S)
    written = re.sub(r"^(## .+)$", r"\1\n\nText som författaren skrev.", written, flags=re.M)
    return "\n".join(out) + "\n---\n" + written


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_filling_in_the_named_fields_makes_the_file_clean(root: Path, name: str) -> None:
    config, _ = load_config(root)
    example = example_item(COLLECTIONS[name], config.vocabularies, ids(root))
    if name == "municipalities":
        example["code"] = "1401"  # the example's code is Skövde's, which is taken
    path = new_item(root, name, "Ett nytt förslag från testet", [], TODAY)
    path.write_text(fill(path.read_text(encoding="utf-8"), example), encoding="utf-8")
    assert findings(root, path) == [], path.read_text(encoding="utf-8")


def test_template_values_and_comments(root: Path) -> None:
    path = new_item(root, "ideas", "Förslag: Idé på Åsen", ["skovde"], TODAY)
    assert path.name == "forslag-ide-pa-asen.md"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n"))
    assert data["title"] == "Förslag: Idé på Åsen"
    assert data["municipality"] == "skovde"
    assert data["status"] == "submitted"
    assert data["submitted"] == TODAY
    assert data["summary"] is None and data["area"] is None
    assert "assessment" not in data and "status_note" not in data  # not for a new idea
    assert re.search(r"^area: +# Verksamhetsområde: .+$", text, re.M)
    assert "care (Vård och omsorg)" in text  # the allowed values, in a comment
    assert "## Bakgrund" in text and "## Förslaget" in text
    assert unfilled_body(text.split("\n---\n", 1)[1])


def test_status_and_dates_start_where_the_model_says(root: Path) -> None:
    challenge = new_item(root, "challenges", "Gemensam utmaning", ["skovde", "hjo"], TODAY)
    data = yaml.safe_load(challenge.read_text(encoding="utf-8").split("\n---\n")[0][4:])
    assert data["municipalities"] == ["skovde", "hjo"]
    assert data["status"] == "open" and data["opened"] == TODAY
    innovation = new_item(root, "innovations", "Ny innovation", ["vara"], TODAY)
    data = yaml.safe_load(innovation.read_text(encoding="utf-8").split("\n---\n")[0][4:])
    assert data["owner"] == "vara" and data["stage"] == "pilot" and data["started"] == TODAY
    assert data["evidence"] == {"level": None, "results": None}


def test_refuses_to_overwrite(root: Path) -> None:
    path = new_item(root, "ideas", "Samma titel", [], TODAY)
    path.write_text(path.read_text(encoding="utf-8") + "Skrivet.\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(NewItemError) as error:
        new_item(root, "ideas", "Samma  TITEL", [], TODAY)
    assert error.value.exit_code == EXIT_EXISTS
    assert "finns redan" in error.value.message
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("collection", "title", "municipalities", "words"),
    [
        ("recept", "En titel", [], "okänd samling"),
        ("ideas", "  ?! ", [], "titeln"),
        ("ideas", "Ab", [], "titeln har 2 tecken"),
        ("ideas", "Lång " * 30, [], "titeln har 149 tecken"),
        ("ideas", "En titel", ["stockholm"], "okänd kommun"),
        ("support", "En aktör", ["skovde"], "inget kommunfält"),
    ],
)
def test_usage_errors(
    root: Path, collection: str, title: str, municipalities: list[str], words: str
) -> None:
    with pytest.raises(NewItemError) as error:
        new_item(root, collection, title, municipalities, TODAY)
    assert error.value.exit_code == EXIT_USAGE
    assert words in error.value.message


@pytest.mark.parametrize(
    ("alias", "name"),
    [("idé", "ideas"), ("Idéer", "ideas"), ("idea", "ideas"), ("utmaning", "challenges"),
     ("kommun", "municipalities"), ("stödaktör", "support"), ("utbildning", "training")],
)  # fmt: skip
def test_collection_aliases(alias: str, name: str) -> None:
    assert find_collection(alias).name == name


def test_run_new_prints_next_steps(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new_command.run(root, "innovations", "Delad bil", ["skara"]) == 0
    out = capsys.readouterr().out
    assert "innovations/delad-bil.md" in out
    assert "evidence.level" in out and "contact.email" in out and "sluss check" in out
    assert new_command.run(root, "innovations", "Delad bil", ["skara"]) == EXIT_EXISTS
    assert "finns redan" in capsys.readouterr().err


def test_unfilled_body() -> None:
    assert unfilled_body("<!-- skriv -->\n\n## Bakgrund\n\n## Förslaget\n")
    assert not unfilled_body("## Bakgrund\n\nDet här hände.\n")


def cli_args(root: Path) -> list[str]:
    return ["--municipality", "skovde", "--root", str(root)]


def test_cli_new(root: Path) -> None:
    """`sluss new` on the command line."""
    result = run_sluss("new", "ideas", "Från kommandoraden", *cli_args(root), cwd=root, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (root / "ideas" / "fran-kommandoraden.md").is_file()
