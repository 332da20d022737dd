"""The loader's two paths agree: the quick walk (most files) and the positioned walk.

A plain file gets its values from a walk that records no positions; its lines and
columns come later, when a diagnostic needs them, from the marks libyaml put on its
nodes: those kept from reading it, or, asked after other files were read, those of
composing it again. Anything unusual goes to the positioned walk at once. These tests
run both over every fixture file and every hostile file, and the whole checker with
and without the quick walk: the data, the diagnostics and every position must be the
same.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, TODAY, materialise
from sluss.content import load
from sluss.content.check import check_repository
from sluss.content.load import Item, Pos, content_files, parse_text
from test_check_hostile import HOSTILE, VALID, folder, make_repo, write
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").is_file())


def typed(value: Any) -> Any:
    """A value with the type of every part: 1, 1.0, True and "1" all differ here."""
    if isinstance(value, dict):
        return ("dict", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def described(item: Item | None) -> Any:
    if item is None:
        return None
    return (
        (item.collection, item.id, item.path, item.body, item.body_line, item.text),
        (item.readable, item.source, typed(item.data)),
        (item.values, item.keys, item.raw),
    )


def assert_paths_agree(text: str, rel: str = "ideas/x.md") -> None:
    collection, name = rel.split("/")[0], rel.rsplit("/", 1)[1].removesuffix(".md")
    quick, quick_problems = parse_text(text, rel, collection, name)
    slow, slow_problems = parse_text(text, rel, collection, name, quick=False)
    assert quick_problems == slow_problems
    assert described(quick) == described(slow)  # the positions of the nodes kept
    # Asked for after another file was read: the file is composed again.
    later, _ = parse_text(text, rel, collection, name)
    parse_text("---\ntitle: Annan\n---\nText.\n", "ideas/y.md", "ideas", "y")
    assert described(later) == described(slow)


def texts(root: Path) -> list[tuple[str, str]]:
    """(relative path, decoded text) of every readable content file under `root`."""
    found = []
    for _, path, rel in content_files(root):
        if path.is_file():
            data = path.read_bytes()
            if b"\x00" not in data and len(data) <= load.MAX_FILE_BYTES:
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    continue
                found.append((rel, text.replace("\r\n", "\n").replace("\r", "\n")))
    return found


@pytest.mark.parametrize("case", CASES)
def test_both_walks_read_every_fixture_file_alike(case: str, tmp_path: Path) -> None:
    for rel, text in texts(materialise(FIXTURES / case, tmp_path / case)):
        assert_paths_agree(text, rel)


@pytest.mark.parametrize("name", sorted(HOSTILE) + sorted(VALID))
def test_both_walks_read_every_hostile_file_alike(name: str, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    content = HOSTILE[name][0] if name in HOSTILE else VALID[name]
    write(root, name, content)
    for rel, text in texts(root):
        if rel == f"{folder(name)}/{name}.md":
            assert_paths_agree(text, rel)


@pytest.mark.parametrize(
    "front",
    [
        "title: ja\ndraft: yes\nhours: 0127\nother: 0o17\nx: 0x1F\ny: 1_000\nz: 1:30",
        "a: 1e400\nb: -.inf\nc: .nan\nd: ~\ne:\nf: Null\ng: 2026-02-30\nh: 2026-05-12 09:00:00",
        "a: !!str 12\nb: !!int '12'\nc: !!bool touch\nd: !!float ''\ne: !!null x\nf: '2026-01-01'",
        "a: &x [1, 2]\nb: *x\nc: {<<: {d: 1}}\n<<: {e: 2}\ntitle: =",
        "title: x\ntitle: y",
        "? [a, b]\n: c",
        "1: x\ntrue: y\nnull: z\n~: w\n2026-01-01: v",
        "a: [" * 9 + "]" * 9,
        "title: Idé\u2028med radbrytning\nsummary: 'x\u0085y'\nneed: \"a\u2029b\"",
        "a: {b: {c: {d: {e: {f: {g: {h: {i: {j: x}}}}}}}}}",
        "- a\n- b",
        "just text",
        "",
        "# only a comment",
    ],
)
def test_both_walks_read_odd_values_alike(front: str) -> None:
    assert_paths_agree(f"---\n{front}\n---\nText.\n")


def resolved_alike(value: str) -> bool:
    """Our resolver gives PyYAML's tag for `value`, plain or quoted, twice (remembered)."""
    ours, theirs = load._Loader(""), yaml.CSafeLoader("")
    return all(
        ours.resolve(kind, value, implicit) == theirs.resolve(kind, value, implicit)
        for kind in (ScalarNode, SequenceNode, MappingNode)
        for implicit in ((True, False), (False, True), (False, False), (True, False))
    )


def test_the_resolver_gives_pyyamls_tags() -> None:
    values = ["", "~", "null", "Null", "NULL", "yes", "No", "ON", "off", "y", "n", "true"]
    values += ["False", "0", "-0", "+1", "0127", "0o17", "0b101", "0x1F", "1_000", "1:30"]
    values += ["1e400", "1.5e3", "-.inf", ".NaN", ".nan", "2026-02-30", "2026-05-12"]
    values += ["2026-05-12T09:00", "2026-05-12 09:00:00+14:00", "<<", "=", "!", "&", "*"]
    values += ["title", "summary", "skovde", "x" * 40, "åäö", "07", ".5", "- x", "1.0.0"]
    assert [v for v in values if not resolved_alike(v)] == []


def test_every_plain_file_takes_the_quick_walk(tmp_path: Path) -> None:
    """The clean fixture and the sample content: no file needs the positioned walk."""
    for root in (materialise(FIXTURES / "clean", tmp_path / "clean"), ROOT):
        for rel, text in texts(root):
            collection, name = rel.split("/")[0], rel.rsplit("/", 1)[1].removesuffix(".md")
            item, problems = parse_text(text, rel, collection, name)
            assert item is not None and problems == [] and item.where is None, rel


def test_a_quickly_read_file_finds_its_positions_when_asked() -> None:
    item, _ = parse_text(
        "---\ntitle: Idé\ntags:\n  - a\n  - b\n---\nText.\n", "ideas/x.md", "ideas", "x"
    )
    assert item is not None and item.where is None  # read by the quick walk
    assert (item.pos(("tags", 1)), item.key_pos(("tags",))) == (Pos(5, 5), Pos(3, 1))


def test_a_file_with_a_diagnostic_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its position comes from the nodes of its first reading, not from a second parse."""
    root = materialise(FIXTURES / "clean", tmp_path / "clean")
    idea = next(path for _, path, rel in content_files(root) if rel.startswith("ideas/"))
    text = idea.read_text(encoding="utf-8")
    composed: list[str] = []
    compose = yaml.compose

    def counted(stream: str, Loader: type) -> Any:
        composed.append(stream)
        return compose(stream, Loader=Loader)

    monkeypatch.setattr(load.yaml, "compose", counted)
    assert check_repository(root, today=TODAY).diagnostics == []
    clean = len(composed)
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("summary: "))
    idea.write_text(text.replace("summary: ", "summary: Nu **viktigt** ", 1), encoding="utf-8")
    composed.clear()
    found = check_repository(root, today=TODAY).diagnostics
    assert [(d.code, d.line, d.column) for d in found] == [("summary-markup", line, 10)]
    assert len(composed) == clean


def checked(
    root: Path, quick: bool, monkeypatch: pytest.MonkeyPatch, similar: bool = True
) -> list[Any]:
    with monkeypatch.context() as patch:
        patch.setattr(load, "parse_text", functools.partial(parse_text, quick=quick))
        repo = check_repository(root, today=TODAY, similar=similar)
    items = {
        (c, i): described(item) for c, found in repo.items.items() for i, item in found.items()
    }
    return [repo.diagnostics, repo.files, items]


@pytest.mark.parametrize("case", CASES)
def test_the_checker_finds_the_same_either_way(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = materialise(FIXTURES / case, tmp_path / case)
    assert checked(root, True, monkeypatch) == checked(root, False, monkeypatch)


def test_the_checker_finds_the_same_either_way_in_hostile_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path / "repo")
    for name, (content, *_) in HOSTILE.items():
        write(root, name, content)
    for name, text in VALID.items():
        write(root, name, text)
    monkeypatch.chdir(tmp_path)
    # Without similar ideas: comparing megabytes of hostile text says nothing of the walks.
    assert checked(root, True, monkeypatch, False) == checked(root, False, monkeypatch, False)
