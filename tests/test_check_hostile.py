"""Hostile input: whatever lands in a collection folder, `sluss check` answers with a
diagnostic on that file and line, never a traceback, and never hangs or runs code.

How long it takes is measured in bench/bench_check.py, not asserted here; the
subprocess timeout only catches a hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sluss.content.check import check_repository
from sluss.content.history import no_git_warning

from support import HOSTILE, PWNED, TODAY, VALID, folder, make_repo, run_sluss, write

# The cases (file content, expected code, line and column) are in bench/hostile_files.py,
# shared with bench/bench_check.py.


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
    # The timeout only catches a hang: the whole run takes about a second.
    result = run_sluss("check", root, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == no_git_warning("sv") + "\n"  # the only output there: no .git
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
