"""The `sluss` command line: output formats, languages, exit codes, schema export."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import frontmatter
import pytest
from sluss import cli
from sluss.content.check import check_repository
from sluss.content.history import no_git_warning
from sluss.content.load import iter_content_files, read_file
from sluss.core.diagnostics import ERROR
from sluss.core.model import COLLECTIONS, VOCABULARIES, Kind

from support import FIXTURES, ROOT, materialise, run_sluss

LINE = re.compile(r"^([^\s:]+:\d+:\d+: (?:error|warning)\[[a-z0-9-]+\]): (.+)$")


def sluss(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`sluss ARGS` in a small environment: no user settings, UTF-8."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONUTF8": "1"}
    return run_sluss(*args, cwd=cwd, env=env, timeout=120)


def case(name: str, tmp_path: Path) -> Path:
    """A fixture repository whose run date does not matter: no dates near today."""
    return materialise(FIXTURES / name, tmp_path / name)


# --- text -----------------------------------------------------------------------


def test_text_format(tmp_path: Path) -> None:
    root = case("references", tmp_path)
    result = sluss("check", root)
    assert result.returncode == 1
    lines = result.stdout.rstrip("\n").split("\n")
    diagnostics = [line for line in lines if not line.startswith("    ")]
    *found, summary = diagnostics
    matches = [LINE.match(line) for line in found]
    heads = [m.group(1) for m in matches if m]
    expected = [
        line.split("]")[0] + "]"
        for line in (FIXTURES / "references" / "expected.txt").read_text("utf-8").splitlines()
        if line and not line.startswith(("#", " "))
    ]
    assert heads == expected and len(heads) == len(found)
    assert (
        'ideas/sms.md:4:15: error[unresolved-ref]: "municipality": det finns ingen kommun '
        'med id "skovd" – menade du "skovde"?'
    ) in lines
    # each diagnostic is followed by its hint
    assert all(b.startswith("    tips: ") for a, b in itertools.pairwise(lines) if LINE.match(a))
    assert summary == "5 filer kontrollerade: 5 fel, 0 varningar."
    assert str(tmp_path) not in result.stdout  # paths are relative to ROOT


def test_paths_use_forward_slashes_and_are_relative(tmp_path: Path) -> None:
    root = case("file-names", tmp_path)
    result = sluss("check", root)
    assert "ideas/arkiv/gammal.md:1:1: warning[nested-file]" in result.stdout
    assert "\\" not in result.stdout


def test_english(tmp_path: Path) -> None:
    result = sluss("check", case("references", tmp_path), "--lang", "en")
    assert 'there is no municipality with the id "skovd" – did you mean "skovde"?' in result.stdout
    assert "    hint: Give the file name without .md of a file in municipalities/." in result.stdout
    assert result.stdout.rstrip().endswith("5 files checked: 5 errors, 0 warnings.")
    assert "tips:" not in result.stdout and "fel" not in result.stdout


# --- json and github ---------------------------------------------------------------


def test_json_format(tmp_path: Path) -> None:
    result = sluss("check", case("links", tmp_path), "--format", "json")
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 3
    for row in rows:
        assert set(row) == {"path", "line", "column", "severity", "code", "message", "hint"}
        assert isinstance(row["line"], int) and isinstance(row["column"], int)
    assert rows[0] == {
        "path": "ideas/sms.md",
        "line": 9,
        "column": 13,
        "severity": "warning",
        "code": "link-mismatch",
        "message": "innovation: las pekar inte tillbaka "
        "(innovations/las.md: idea saknas eller är ett annat värde)",
        "hint": "Låt idén och innovationen peka på varandra: idea: i innovationen och "
        "innovation: i idén.",
    }
    assert [r["severity"] for r in rows] == ["warning", "warning", "error"]


def test_json_of_a_clean_repository_is_an_empty_array(tmp_path: Path) -> None:
    result = sluss("check", case("clean", tmp_path), "--format", "json", "--lang", "en")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_github_format(tmp_path: Path) -> None:
    result = sluss("check", case("links", tmp_path), "--format", "github")
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 3
    assert annotations[0].startswith(
        "::warning file=ideas/sms.md,line=9,col=13,title=sluss check [link-mismatch]::"
    )
    assert annotations[2].startswith(
        "::error file=innovations/las.md,line=19,col=19,title=sluss check [owner-adopter]::"
        "ägaren skovde står också bland"
    )
    pattern = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+ – .+$")
    assert all(pattern.match(line) for line in annotations)


def test_similar_ideas_only_with_the_option(tmp_path: Path) -> None:
    """The similar-idea warning compares every idea: asked for with --similar only."""
    root = case("similar-idea", tmp_path)
    plain = sluss("check", root)
    asked = sluss("check", root, "--similar")
    assert plain.returncode == asked.returncode == 0, plain.stderr + asked.stderr  # warnings
    assert "[similar-idea]" not in plain.stdout
    assert asked.stdout.count("warning[similar-idea]") == 3
    assert "--similar" in sluss("check", "--help").stdout


# --- exit codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "code"),
    [
        ("clean", (), 0),
        ("clean", ("--strict",), 0),
        ("summary-markup", (), 0),  # warnings only
        ("summary-markup", ("--strict",), 1),
        ("references", (), 1),
        ("references", ("--format", "json"), 1),
    ],
)
def test_exit_codes(name: str, args: tuple[str, ...], code: int, tmp_path: Path) -> None:
    result = sluss("check", case(name, tmp_path), *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stderr == no_git_warning("sv") + "\n"  # a fixture copy has no .git


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--unknown-option"),
        ("check", "--format", "xml"),
        ("check", "--lang", "de"),
        ("check", "finns-inte"),
        ("check", "a", "b"),
        ("frobnicate",),
        (),
    ],
)
def test_wrong_usage_exits_2(args: tuple[str, ...], tmp_path: Path) -> None:
    result = sluss(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(("usage:", "sluss:"))
    assert "Traceback" not in result.stderr


def test_root_defaults_to_the_current_folder(tmp_path: Path) -> None:
    root = case("summary-markup", tmp_path)
    result = sluss("check", cwd=root)
    assert result.returncode == 0
    assert result.stdout.startswith("ideas/fet.md:3:10: warning[summary-markup]")
    assert result.stdout.rstrip().endswith("4 filer kontrollerade: inga fel, 3 varningar.")
    result = sluss("check", cwd=root / "ideas")  # a folder without content finds nothing
    assert result.returncode == 1
    assert "sluss.yml:1:1: error[config]" in result.stdout


def test_internal_error_is_reported_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(root: Path, today: dt.date | None = None, **options: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("sluss.commands.check.check_repository", broken)
    monkeypatch.delenv("SLUSS_DEBUG", raising=False)
    assert cli.main(["check", str(tmp_path)]) == cli.EXIT_INTERNAL
    out, err = capsys.readouterr()
    assert out == "" and "internt fel" in err and "Traceback" not in err


# --- schema ------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Front matter as it would be written in JSON: dates become ISO strings."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "integer": int,
    "number": int | float,
}


def errors(schema: dict[str, Any], value: Any, at: str = "") -> list[str]:
    """A small JSON Schema validator for the keywords `sluss schema` writes."""
    out: list[str] = []
    kind = schema.get("type")
    if kind is not None:
        ok = isinstance(value, _TYPES[kind]) and not (
            kind in ("integer", "number") and isinstance(value, bool)
        )
        if not ok:
            return [f"{at}: not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{at}: {value!r} not in enum")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 1e9):
            out.append(f"{at}: length")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{at}: pattern")
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and not schema.get("minimum", -1e18) <= value <= schema.get("maximum", 1e18):
        out.append(f"{at}: range")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{at}: minItems")
        for i, element in enumerate(value):
            out += errors(schema.get("items", {}), element, f"{at}[{i}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        out += [f"{at}.{k}: missing" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in properties:
                out += errors(properties[k], v, f"{at}.{k}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{at}.{k}: not allowed")
    for sub in schema.get("allOf", []):
        if "if" in sub:
            if not errors(sub["if"], value, at):
                out += errors(sub["then"], value, at)
        else:
            out += errors(sub, value, at)
    if "anyOf" in schema and all(errors(s, value, at) for s in schema["anyOf"]):
        out.append(f"{at}: anyOf")
    if "oneOf" in schema and sum(not errors(s, value, at) for s in schema["oneOf"]) != 1:
        out.append(f"{at}: oneOf")
    return out


def test_schema_writes_one_file_per_collection(tmp_path: Path) -> None:
    root = case("clean", tmp_path)
    result = sluss("schema", root, "--out", tmp_path / "schema")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "schema").iterdir())
    assert written == sorted(f"{name}.schema.json" for name in COLLECTIONS)
    for name, collection in COLLECTIONS.items():
        schema = json.loads((tmp_path / "schema" / f"{name}.schema.json").read_text("utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["required"] == [f.name for f in collection.fields if f.required]
        assert set(schema["properties"]) == {f.name for f in collection.fields}
        assert schema["additionalProperties"] is False
        areas = list(check_repository(root).config.areas)
        for f in collection.fields:
            choice, where = f, schema["properties"][f.name]
            if f.kind is Kind.LIST and f.item is not None:
                choice, where = f.item, where["items"]
            if choice.kind is Kind.CHOICE:
                vocabulary = choice.vocabulary or ""
                expected = areas if vocabulary == "area" else list(VOCABULARIES[vocabulary])
                assert where["enum"] == expected, f.name


def test_idea_schema_validates_real_sample_ideas(tmp_path: Path) -> None:
    result = sluss("schema", ROOT, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads((tmp_path / "ideas.schema.json").read_text("utf-8"))
    assert schema["properties"]["status"]["enum"] == list(VOCABULARIES["idea_status"])
    ideas = sorted((ROOT / "ideas").glob("*.md"))
    assert ideas, "the sample content has no ideas yet"
    for path in ideas:
        data = _plain(frontmatter.load(path).metadata)
        json.loads(json.dumps(data))  # it really is JSON
        assert errors(schema, data) == [], path.name
    broken = _plain(frontmatter.load(ideas[0]).metadata) | {"status": "klar", "vikt": 3}
    broken.pop("title")
    assert errors(schema, broken) == [
        ".title: missing",
        ".status: 'klar' not in enum",
        ".vikt: not allowed",
    ]


# --- the shipped sample content ------------------------------------------------------


def test_sample_content_has_no_errors() -> None:
    """Fails while the sample content is still being written; must pass when it is done."""
    repo = check_repository(ROOT)
    errors_found = [
        f"{d.path}:{d.line}:{d.column}: {d.code}: {d.message('sv')}"
        for d in repo.diagnostics
        if d.level == ERROR
    ]
    assert errors_found == []
    assert repo.files >= 6


def test_frontmatter_agrees_with_our_loader() -> None:
    """python-frontmatter is the reference: our hand-written splitter must read the same."""
    compared = 0
    for collection, path in iter_content_files(ROOT):
        if path.suffix != ".md" or path.parent.name != collection:
            continue
        item, _ = read_file(ROOT, collection, path)
        assert item is not None and item.readable, path
        reference = frontmatter.load(path)
        assert item.data == reference.metadata, path
        assert item.body.strip() == reference.content.strip(), path
        compared += 1
    assert compared >= 6


def test_frontmatter_agrees_on_fixture_files(tmp_path: Path) -> None:
    """The same on the readable fixture files, which are odder than the samples.

    python-frontmatter knows neither a BOM nor CR line ends (we accept both), and PyYAML
    raises on an impossible date (we keep the text for the checker): those are skipped.
    """
    compared = 0
    for case_dir in sorted(FIXTURES.iterdir()):
        if not case_dir.is_dir():
            continue
        root = materialise(case_dir, tmp_path / case_dir.name)
        for collection, path in iter_content_files(root):
            if path.suffix != ".md" or path.parent.name != collection or path.is_symlink():
                continue
            item, problems = read_file(root, collection, path)
            raw = path.read_bytes()
            if item is None or problems or raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw:
                continue
            try:
                reference = frontmatter.loads(raw.decode("utf-8"))
            except ValueError:
                assert "2026-02-30" in item.text, path
                continue
            assert item.data == reference.metadata, path
            assert item.body.strip() == reference.content.strip(), path
            compared += 1
    assert compared > 50
