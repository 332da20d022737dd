"""Hostile input: whatever lands in a collection folder, `sluss check` answers with a
diagnostic on that file and line, never a traceback, and never hangs or runs code.

How long it takes is measured in bench/bench_check.py, not asserted here; the
subprocess timeout only catches a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, SLUSS, TODAY
from sluss.content.check import check_repository

GOOD = (
    "---\n"
    "title: Sms-påminnelse om bygglov\n"
    "summary: Sökande får ett sms om vilka handlingar som saknas.\n"
    "municipality: skovde\n"
    "area: planning\n"
    "status: submitted\n"
    "submitted: 2026-05-12\n"
    "need: Många ansökningar om bygglov är ofullständiga och handläggningen dröjer.\n"
)  # front matter of a valid idea, still open: a case adds lines and the closing ---


def alias_bomb() -> str:
    """The "billion laughs": 9 levels of 9 aliases, 9**9 values if expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\nText.\n"


def deep_block(levels: int) -> str:
    keys = "".join("  " * i + f"k{i}:\n" for i in range(levels))
    return f"---\ntitle: Djup\n{keys}{'  ' * levels}v\n---\nText.\n"


def big_valid(size: int) -> str:
    paragraph = "Idén beskrivs här i detalj, med bakgrund, förslag och vad som hänt. " * 12
    return GOOD + "---\n" + (paragraph + "\n\n") * (size // (len(paragraph) + 2))


PWNED = "pwned-by-yaml"

# name -> (content, expected code, expected line, expected column or None)
HOSTILE: dict[str, tuple[str | bytes | Callable[[Path], None], str, int, int | None]] = {
    "unclosed-quote": (
        '---\ntitle: "Idé om bygglov\nsummary: x\n---\nText.\n',
        "yaml-syntax",
        2,
        8,
    ),
    "bad-indentation": (
        "---\ntitle: Idé om bygglov\n  summary: x\n---\nText.\n",
        "yaml-syntax",
        3,
        10,
    ),
    "colon-in-value": ("---\ntitle: key: value: other\n---\nText.\n", "yaml-syntax", 2, 11),
    "alias-bomb": (alias_bomb(), "yaml-aliases", 2, 8),
    "list": ("---\n- title\n- summary\n---\nText.\n", "front-matter-not-mapping", 2, 1),
    "scalar": ("---\nJust a sentence.\n---\nText.\n", "front-matter-not-mapping", 2, 1),
    "tabs": ("---\ntitle: Idé\ncontact:\n\temail: a@skovde.se\n---\n", "yaml-syntax", 4, 1),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "file-binary", 3, 1),
    "latin1": (
        "---\ntitle: Idé\nsummary: På svenska\n---\n".encode("latin-1"),
        "file-not-utf8",
        2,
        10,
    ),
    "empty": ("", "file-empty", 1, 1),
    "whitespace": (" \n\t\n   \n", "file-empty", 1, 1),
    "bom-crlf": (
        ("\ufeff" + GOOD + "vikt: 3\n---\nText.\n").replace("\n", "\r\n").encode("utf-8"),
        "unknown-field",
        9,
        1,
    ),
    "only-dashes": ("---\n", "front-matter-unterminated", 1, 1),
    "unterminated": (
        "---\ntitle: Idé om bygglov\n\nText utan slut.\n",
        "front-matter-unterminated",
        1,
        1,
    ),
    "python-tag": (
        f'---\ntitle: Idé om bygglov\nsummary: !!python/object/apply:os.system ["touch {PWNED}"]\n'
        "---\nText.\n",
        "yaml-tag",
        3,
        10,
    ),
    "python-tag-mapping": (
        "---\ntitle: !!python/object:os.system {}\n---\nText.\n",
        "yaml-tag",
        2,
        8,
    ),
    "python-tag-key": ("---\n!!python/name:os.system x: 1\n---\nText.\n", "yaml-tag", 2, 1),
    "custom-tag": ("---\ntitle: !foo Idé om bygglov\n---\nText.\n", "yaml-tag", 2, 8),
    "symlink-outside": (
        lambda p: os.symlink(p.parent.parent.parent / "secret.md", p),
        "symlink-outside",
        1,
        1,
    ),
    "symlink-broken": (lambda p: os.symlink("finns-inte.md", p), "symlink-broken", 1, 1),
    "five-mb": ("---\ntitle: Stor\n---\n" + "x" * 5_000_000, "file-too-large", 1, 1),
    "deep-flow": (
        "---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\nText.\n",
        "yaml-syntax",
        2,
        None,
    ),
    "deep-block": (deep_block(200), "yaml-too-deep", 37, 69),  # k34: deeper than 32
    "duplicate-keys": (GOOD + "title: Igen\n---\nText.\n", "duplicate-key", 9, 1),
    "list-key": ("---\ntitle: Idé om bygglov\n? [a, b]\n: c\n---\nText.\n", "yaml-syntax", 3, 3),
    "int-key": (GOOD + "1: x\n---\nText.\n", "unknown-field", 9, 1),
    "null-required": (
        "---\ntitle: null\nsummary: ~\nmunicipality:\narea: planning\n---\nText.\n",
        "missing-field",
        2,
        1,
    ),
    "long-lines": (
        "---\ntitle: "
        + "x" * 200_000
        + "\n---\n"
        + "y" * 300_000
        + "\n<"
        + " " * 100_000
        + "\n<a href="
        + " " * 100_000
        + "\n[x]("
        + " " * 100_000
        + "\n",
        "too-long",
        2,
        8,
    ),
    "line-separator": (
        GOOD.replace("need: Många", 'need: "Många\u2028').replace("dröjer.", 'dröjer."')
        + "vikt: 3\n---\nText.\n",
        "unknown-field",
        9,
        1,
    ),
    "control-char": ("---\ntitle: Idé\nsummary: a\x1bb\n---\nText.\n", "yaml-syntax", 3, 11),
    "nul-in-path": (
        "---\ntitle: Idé om bygglov\nsummary: x\nreuse:\n  documents:\n"
        '    - {title: Nul, path: "a\\0b"}\n---\nText.\n',
        "path-missing",
        6,
        26,
    ),
}
# Files that must be read without any error: hostile only in size or encoding.
VALID = {"big-valid": big_valid(900_000)}


def make_repo(root: Path) -> Path:
    (root / "municipalities").mkdir(parents=True)
    (root / "ideas").mkdir()
    (root / "innovations").mkdir()
    (root / "sluss.yml").write_bytes((FIXTURES / "clean" / "sluss.yml").read_bytes())
    (root / "municipalities" / "skovde.md").write_bytes(
        (FIXTURES / "clean" / "municipalities" / "skovde.md").read_bytes()
    )
    (root.parent / "secret.md").write_text(GOOD + "---\nHemligt.\n", encoding="utf-8")
    return root


def folder(name: str) -> str:
    return "innovations" if name == "nul-in-path" else "ideas"


def write(root: Path, name: str, content: str | bytes | Callable[[Path], None]) -> Path:
    path = root / folder(name) / f"{name}.md"
    if callable(content):
        content(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gets_a_precise_diagnostic(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(tmp_path)  # where an executed `touch` would land
    content, code, line, column = HOSTILE[name]
    write(root, name, content)
    repo = check_repository(root, today=TODAY)
    rel = f"{folder(name)}/{name}.md"
    mine = [(d.code, d.line, d.column) for d in repo.diagnostics if d.path == rel]
    assert [d for d in repo.diagnostics if d.path != rel] == []
    assert any(
        c == code and (line is None or ln == line) and (column is None or col == column)
        for c, ln, col in mine
    ), mine
    assert not (tmp_path / PWNED).exists() and not (root / PWNED).exists()


def test_python_tag_is_refused_as_written(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    write(root, "python-tag", HOSTILE["python-tag"][0])
    (found,) = check_repository(root, today=TODAY).diagnostics
    assert found.message("sv") == 'YAML-taggen "!!python/object/apply:os.system" är inte tillåten'


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    write(root, "bom-crlf", HOSTILE["bom-crlf"][0])
    repo = check_repository(root, today=TODAY)
    assert [(d.code, d.line) for d in repo.diagnostics] == [("unknown-field", 9)]
    idea = repo.items["ideas"]["bom-crlf"]
    assert idea.data["title"] == "Sms-påminnelse om bygglov"  # no BOM, no \r
    assert idea.body == "Text.\n"


def test_big_valid_file_is_read_whole(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    path = write(root, "big-valid", VALID["big-valid"])
    assert 800_000 < path.stat().st_size < 1_000_000
    repo = check_repository(root, today=TODAY)
    assert repo.diagnostics == []
    assert len(repo.items["ideas"]["big-valid"].body) > 800_000


def test_every_hostile_file_at_once_through_the_cli(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    for name, (content, *_) in HOSTILE.items():
        write(root, name, content)
    for name, content in VALID.items():
        write(root, name, content)
    command = [str(SLUSS)] if SLUSS.exists() else [sys.executable, "-m", "sluss.cli"]
    result = subprocess.run(
        [*command, "check", str(root)],
        capture_output=True,
        text=True,
        timeout=300,  # only against a hang: the whole run takes about a second
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    for name, (_, code, line, _) in HOSTILE.items():
        where = f"{folder(name)}/{name}.md:{line or ''}"
        assert any(
            row.startswith(where) and f"[{code}]" in row for row in result.stdout.splitlines()
        ), name
    assert "ideas/big-valid.md" not in result.stdout
    assert not (tmp_path / PWNED).exists()
    summary = result.stdout.strip().splitlines()[-1]
    files = len(HOSTILE) + len(VALID) + 1  # and municipalities/skovde.md
    assert summary.startswith(f"{files} filer kontrollerade: "), summary
