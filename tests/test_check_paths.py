"""The loader's two paths agree: the quick walk (most files) and the positioned walk.

A plain file gets its values from a walk that records no positions; its lines and
columns come later, when a diagnostic needs them, from the marks libyaml put on its
nodes: those kept from reading it, or, asked after other files were read, those of
composing it again. Anything unusual goes to the positioned walk at once. These tests
run both over every fixture file and every hostile file, and the whole checker with
and without the quick walk: the data, the diagnostics and every position must be the
same.

Each comparison also counts the walks it took (`walks`, conftest.py): a comparison in
which one walk never ran would compare a walk with itself, and fails.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.content import load
from sluss.content.check import check_repository
from sluss.content.load import Pos, content_files, parse_text

from support import (
    FIXTURES,
    HOSTILE,
    ROOT,
    TODAY,
    VALID,
    Walks,
    assert_paths_agree,
    described,
    folder,
    make_repo,
    materialise,
    resolved_alike,
    write,
)

CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").is_file())


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
def test_both_walks_read_every_fixture_file_alike(case: str, tmp_path: Path, walks: Walks) -> None:
    for rel, text in texts(materialise(FIXTURES / case, tmp_path / case)):
        assert_paths_agree(text, rel)
    assert walks.quick > 0 and walks.positioned > 0, (walks.quick, walks.positioned)


def test_both_walks_read_every_hostile_file_alike(tmp_path: Path, walks: Walks) -> None:
    """One repository of every hostile file: most never reach the quick walk (it leaves
    them to the positioned one), so it is the set that shows both walks ran."""
    root = make_repo(tmp_path / "repo")
    names = {f"{folder(name)}/{name}.md" for name in [*HOSTILE, *VALID]}
    for name, (content, *_) in HOSTILE.items():
        write(root, name, content)
    for name, content in VALID.items():
        write(root, name, content)
    compared = 0
    for rel, text in texts(root):
        if rel in names:
            assert_paths_agree(text, rel)
            compared += 1
    # The rest are never parsed: binary, too large, not UTF-8, or a link to nothing.
    assert compared >= len(names) - 4, compared
    assert walks.quick > 0 and walks.positioned > 0, (walks.quick, walks.positioned)


ODD_VALUES = [
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
]


def test_both_walks_read_odd_values_alike(walks: Walks) -> None:
    for front in ODD_VALUES:
        assert_paths_agree(f"---\n{front}\n---\nText.\n")
    assert walks.quick > 0 and walks.positioned > 0, (walks.quick, walks.positioned)


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
    root: Path, quick: bool, monkeypatch: pytest.MonkeyPatch, walks: Walks, similar: bool = True
) -> list[Any]:
    """What the checker finds with the quick walk (`quick`) or with the positioned walk
    alone; and, the canary, that the walk asked for is the one that ran."""
    walks.reset()
    with monkeypatch.context() as patch:
        patch.setattr(load, "parse_text", functools.partial(parse_text, quick=quick))
        repo = check_repository(root, today=TODAY, similar=similar)
    if quick:
        assert walks.quick > 0, "the quick walk never ran"
    else:
        assert walks.quick == 0 and walks.positioned > 0, (walks.quick, walks.positioned)
    items = {
        (c, i): described(item) for c, found in repo.items.items() for i, item in found.items()
    }
    return [repo.diagnostics, repo.files, items]


@pytest.mark.parametrize("case", CASES)
def test_the_checker_finds_the_same_either_way(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, walks: Walks
) -> None:
    root = materialise(FIXTURES / case, tmp_path / case)
    assert checked(root, True, monkeypatch, walks) == checked(root, False, monkeypatch, walks)


def test_the_checker_finds_the_same_either_way_in_hostile_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, walks: Walks
) -> None:
    root = make_repo(tmp_path / "repo")
    for name, (content, *_) in HOSTILE.items():
        write(root, name, content)
    for name, text in VALID.items():
        write(root, name, text)
    monkeypatch.chdir(tmp_path)
    # Without similar ideas: comparing megabytes of hostile text says nothing of the walks.
    quick = checked(root, True, monkeypatch, walks, similar=False)
    assert quick == checked(root, False, monkeypatch, walks, similar=False)
