"""Data-driven tests of `sluss check`: one tiny repository per case, its output beside it.

Adding a case is adding files: `tests/fixtures/check/<case>/` holds a repository (a
`sluss.yml` and only the collection folders the case needs) and `expected.txt`, the
diagnostics of `sluss check --lang sv` in order, one per line, as
`path:line:col: severity[code]`, optionally followed by `: message`, and optionally by
an indented `    tips: hint` line. Lines starting with `#` describe the case. The cases run
as the pull-request workflow runs the checker: with `--similar`.
`setup.txt` (see `conftest.materialise`) makes what Git cannot portably store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sluss.content.check import check_repository
from sluss.core.diagnostics import MESSAGES, Diagnostic

from support import FIXTURES, TODAY, materialise

CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").is_file())


@dataclass
class Expected:
    line: str  # `path:line:col: severity[code]`, perhaps with `: message`
    hint: str | None = None

    @property
    def code(self) -> str:
        return self.line.split("[", 1)[1].split("]", 1)[0]


def read_expected(case: str) -> list[Expected]:
    out: list[Expected] = []
    for raw in (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("    tips: "):
            out[-1].hint = raw.removeprefix("    tips: ")
        elif raw.strip() and not raw.startswith("#"):
            out.append(Expected(raw))
    return out


def render(d: Diagnostic, like: Expected | None) -> str:
    """The diagnostic as the expected line shows it: with message and hint if that does."""
    line = f"{d.path}:{d.line}:{d.column}: {d.level}[{d.code}]"
    if like is not None and like.line.startswith(line + ": "):
        line += f": {d.message('sv')}"
    if like is not None and like.hint is not None:
        line += f"\n    tips: {d.hint('sv')}"
    return line


def show(e: Expected) -> str:
    return e.line + (f"\n    tips: {e.hint}" if e.hint is not None else "")


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str, tmp_path: Path) -> None:
    root = materialise(FIXTURES / case, tmp_path / case)
    expected = read_expected(case)
    found = check_repository(root, today=TODAY, similar=True).diagnostics
    padded: list[Expected | None] = [*expected, *[None] * (len(found) - len(expected))]
    assert [render(d, e) for d, e in zip(found, padded, strict=False)] == [
        show(e) for e in expected
    ]


def test_similar_ideas_only_when_asked(tmp_path: Path) -> None:
    """Without `similar`, the same diagnostics less the similar-idea warnings."""
    root = materialise(FIXTURES / "similar-idea", tmp_path / "similar-idea")
    asked = check_repository(root, today=TODAY, similar=True).diagnostics
    assert any(d.code == "similar-idea" for d in asked)
    plain = check_repository(root, today=TODAY).diagnostics
    assert plain == [d for d in asked if d.code != "similar-idea"]


# Codes a plain fixture cannot show (they need a Git history), and the test covering each.
COVERED_ELSEWHERE = {
    "stale-idea": "test_history.py::test_check_stale_warns",
    # Links are judged against the site's pages, which `check_repository` does not know.
    "link-missing": "test_links.py::test_check_reports_what_the_strict_build_refuses",
    "link-no-file": "test_links.py::test_check_reports_what_the_strict_build_refuses",
    "link-anchor": "test_links.py::test_check_reports_what_the_strict_build_refuses",
}


def test_every_code_has_a_fixture_expecting_it() -> None:
    expected = {e.code for case in CASES for e in read_expected(case)}
    assert set(MESSAGES) - expected - set(COVERED_ELSEWHERE) == set(), "add a fixture case"
    for code, test in COVERED_ELSEWHERE.items():
        module, _, name = test.partition("::")
        assert code in MESSAGES and f"def {name}(" in (FIXTURES.parents[1] / module).read_text(
            encoding="utf-8"
        ), test
    assert expected - set(MESSAGES) == set(), "expected.txt names codes that do not exist"


def test_clean_case_is_clean_and_uses_every_collection() -> None:
    assert read_expected("clean") == []
    folders = {p.name for p in (FIXTURES / "clean").iterdir() if p.is_dir()}
    assert {"municipalities", "challenges", "ideas", "innovations", "training", "support"} <= (
        folders
    )


def test_fixtures_kept_their_bytes() -> None:
    """A checkout that normalised line ends or encodings would test nothing here."""
    windows = (FIXTURES / "bom-crlf" / "ideas" / "windows.md").read_bytes()
    assert windows.startswith(b"\xef\xbb\xbf---\r\n") and b"\n" not in windows.replace(b"\r\n", b"")
    assert b"\n" not in (FIXTURES / "bom-crlf" / "ideas" / "gammal-mac.md").read_bytes()
    assert b"Id\xe9 om" in (FIXTURES / "file-problems" / "ideas" / "latin1.md").read_bytes()
    assert b"\x00" in (FIXTURES / "file-problems" / "ideas" / "binar.md").read_bytes()
