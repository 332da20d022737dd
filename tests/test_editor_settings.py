"""`sluss.yml`'s `editor:` section: derived defaults, each value checked, hostile ones refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sluss.core.config import load_config
from sluss.core.editor_settings import EDITOR_OPTIONS, EditorSettings

AREAS = "areas:\n  care: {sv: Vård}\n"


def load(tmp_path: Path, text: str) -> tuple[EditorSettings, list[str]]:
    (tmp_path / "sluss.yml").write_text(text + AREAS, encoding="utf-8")
    config, problems = load_config(tmp_path)
    return config.editor, [f"{d.line}: {d.message()}" for d in problems]


def site(url: str, branch: str = "main") -> str:
    return f"site:\n  repo_url: {url}\n  branch: {branch}\n"


def test_every_option_is_declared() -> None:
    assert [o.key for o in EDITOR_OPTIONS] == [
        "backend", "repo", "branch", "base_url", "app_id", "auth",
    ]  # fmt: skip
    assert {o.key: o.default for o in EDITOR_OPTIONS} == vars(EditorSettings())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/region/portal", EditorSettings("github", "region/portal")),
        ("https://gitlab.com/grupp/under/portal", EditorSettings("gitlab", "grupp/under/portal")),
        (
            "https://gitlab.kommun.se/it/portal.git",
            EditorSettings("gitlab", "it/portal", base_url="https://gitlab.kommun.se"),
        ),
        (
            "https://codeberg.org/region/portal",
            EditorSettings("gitea", "region/portal", base_url="https://codeberg.org"),
        ),
        (
            "https://forgejo.kommun.se/it/portal",
            EditorSettings("gitea", "it/portal", base_url="https://forgejo.kommun.se"),
        ),
        ("https://git.kommun.se/it/portal", EditorSettings("", "it/portal")),
        ("https://github.com/bara-en-organisation", EditorSettings("github", "")),
    ],
)
def test_defaults_come_from_the_repository_address(
    tmp_path: Path, url: str, expected: EditorSettings
) -> None:
    editor, problems = load(tmp_path, site(url))
    assert problems == []
    assert editor == expected


def test_branch_defaults_to_the_sites(tmp_path: Path) -> None:
    editor, _ = load(tmp_path, site("https://github.com/r/p", "release/2027"))
    assert editor.branch == "release/2027"
    editor, _ = load(tmp_path, site("https://github.com/r/p") + "editor:\n  branch: redigering\n")
    assert editor.branch == "redigering"


def test_a_host_named_by_backend_is_the_base_url(tmp_path: Path) -> None:
    text = site("https://git.kommun.se/it/portal") + "editor:\n  backend: gitea\n"
    editor, problems = load(tmp_path, text)
    assert problems == []
    assert editor == EditorSettings("gitea", "it/portal", base_url="https://git.kommun.se")


def test_a_self_hosted_gitea_with_pkce(tmp_path: Path) -> None:
    text = site("https://git.kommun.se/it/portal") + (
        "editor:\n"
        "  backend: gitea\n"
        "  base_url: https://git.kommun.se\n"
        "  app_id: 0b6e6f1c-5a1d-4a43-9d1e-2f3f7c1b2a10\n"
    )
    editor, problems = load(tmp_path, text)
    assert problems == []
    # An application id without `auth:` means sign-in through the host.
    assert editor == EditorSettings(
        "gitea", "it/portal", "main", "https://git.kommun.se",
        "0b6e6f1c-5a1d-4a43-9d1e-2f3f7c1b2a10", "pkce",
    )  # fmt: skip


HOSTILE = [
    ("backend", "bitbucket", "github, gitlab, gitea"),
    ("backend", "[github, gitlab]", "är inte text"),
    ("auth", "oauth", "token eller pkce"),
    ("repo", "../../etc/passwd", "inget förråd"),
    ("repo", "region/..", "inget förråd"),
    ("repo", "region/.git", "inget förråd"),
    ("repo", "bara-ett-namn", "inget förråd"),
    ("repo", '"region/portal\\u202e"', "osynligt styrtecken (U+202E"),
    ("branch", "[a, b]", "är inte text"),
    ("branch", "main..dev", "inget tillåtet grennamn"),
    ("branch", '"main\\nx"', "osynligt styrtecken"),
    ("base_url", "javascript:alert(1)", "bara https://"),
    ("base_url", "http://gitlab.kommun.se", "bara https://"),
    ("base_url", "https://user@gitlab.kommun.se", "utan användarnamn"),
    ("base_url", "https://gitlab.kommun.se/?next=x", "ingen tillåten adress"),
    ("app_id", "abc def", "inget applikations-id"),
    ("app_id", "{a: 1}", "är inte text"),
]


@pytest.mark.parametrize(("key", "value", "message"), HOSTILE)
def test_a_wrong_value_is_reported_at_its_line(
    tmp_path: Path, key: str, value: str, message: str
) -> None:
    text = site("https://gitlab.com/grupp/portal") + f"editor:\n  # one value\n  {key}: {value}\n"
    editor, problems = load(tmp_path, text)
    assert len(problems) == 1, problems
    assert problems[0].startswith("6: ") and f"editor.{key}: " in problems[0]
    assert message in problems[0]
    default = load(tmp_path, site("https://gitlab.com/grupp/portal"))[0]
    assert getattr(editor, key) == getattr(default, key)  # the default is used


def test_pkce_needs_a_host_that_has_it_and_an_application(tmp_path: Path) -> None:
    editor, problems = load(tmp_path, site("https://github.com/r/p") + "editor:\n  auth: pkce\n")
    assert editor.auth == "token"
    assert problems and "pkce fungerar bara med gitlab och gitea" in problems[0]
    editor, problems = load(tmp_path, site("https://gitlab.com/r/p") + "editor:\n  auth: pkce\n")
    assert editor.auth == "token"
    assert problems and "pkce behöver editor.app_id" in problems[0]


def test_unknown_keys_and_a_wrong_shape_are_reported(tmp_path: Path) -> None:
    _, problems = load(tmp_path, site("https://github.com/r/p") + "editor:\n  logga: x\n")
    assert problems and "okänd inställning" in problems[0] and problems[0].startswith("5: ")
    editor, problems = load(tmp_path, site("https://github.com/r/p") + "editor: [github]\n")
    assert problems and editor.backend == "github"


def test_sluss_check_reports_them_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "sluss.yml").write_text(
        site("https://github.com/r/p") + "editor:\n  base_url: javascript:alert(1)\n" + AREAS,
        encoding="utf-8",
    )
    _, problems = load_config(tmp_path)
    assert [(d.path, d.line) for d in problems] == [("sluss.yml", 5)]
