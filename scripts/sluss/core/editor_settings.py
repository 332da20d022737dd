"""The `editor:` section of `sluss.yml`: where the web editor at /admin/ reads and saves,
and how staff sign in there. Each value is checked; what is left out comes from
`site.repo_url` and `site.branch`."""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from sluss.core.settings_rules import BRANCH, Option, Report, hidden_character, https_problem, shown

# The web editor (`editor:`): the Git hosts it signs in to, and how staff sign in there.
# `token`: a personal access token pasted into the sign-in screen (no server needed);
# `pkce`: the host's own OAuth sign-in in the browser (GitLab, Gitea, Forgejo; needs the
# id of an OAuth application registered there, and no secret, so no server either).
EDITOR_BACKENDS = ("github", "gitlab", "gitea")
EDITOR_AUTH = ("token", "pkce")
# The `editor:` section, declared once like SITE_OPTIONS. The defaults shown here are
# the fallbacks; most are derived from `site.repo_url` and `site.branch` (`read_editor`).
EDITOR_OPTIONS = (
    Option("backend", "", "the Git host: github, gitlab or gitea (also Forgejo)"),
    Option("repo", "", "the repository on that host, owner/name"),
    Option("branch", "main", "the branch the editor saves to"),
    Option("base_url", "", "a self-hosted GitLab, Gitea or Forgejo: its https address"),
    Option("app_id", "", "the OAuth application's id, for sign-in with pkce"),
    Option("auth", "token", "how staff sign in: token or pkce"),
)


@dataclass(frozen=True)
class EditorSettings:
    """Where the web editor at /admin/ reads and saves, and how staff sign in there.
    `backend` is '' when the host is unknown: the editor then only offers a sandbox."""

    backend: str = ""
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    app_id: str = ""
    auth: str = "token"


# A repository on a Git host: two or more path segments of letters, digits and `. _ -`
# (GitLab has subgroups: group/subgroup/project); no `..`, no segment that starts with `.`.
_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9._-]*"
_REPO = re.compile(rf"(?!.*\.\.){_SEGMENT}(/{_SEGMENT})+")
# An OAuth application id: GitLab's are 64 hex digits, Gitea's and Forgejo's UUIDs.
_APP_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
# The hosts whose kind the address tells (a self-hosted one names `editor.backend`).
_KNOWN_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "codeberg.org": "gitea"}


def read_editor(raw: object, site: dict[str, str], report: Report) -> EditorSettings:
    """`editor:` – each value checked; a wrong one is reported and its default used.
    What is left out comes from `site.repo_url` and `site.branch`."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        report("editor: namn: värde / name: value", "editor")
        raw = {}
    for key in raw:
        if key not in {o.key for o in EDITOR_OPTIONS}:
            known = ", ".join(o.key for o in EDITOR_OPTIONS)
            report(f"editor.{shown(key)}: okänd inställning – kända är {known}", "editor", key)
    derived = _derived_editor(site)
    values = {
        o.key: _editor_value(raw, o.key, getattr(derived, o.key), report) for o in EDITOR_OPTIONS
    }
    if "base_url" not in raw and "backend" in raw and not values["base_url"]:
        values["base_url"] = _own_host(site["repo_url"])  # a host named by `backend` only
    if "auth" not in raw and values["app_id"] and values["backend"] in ("gitlab", "gitea"):
        values["auth"] = "pkce"  # an application id says that sign-in through the host is meant
    return _consistent(EditorSettings(**values), raw, report)


def _derived_editor(site: dict[str, str]) -> EditorSettings:
    """The editor's settings that `site.repo_url` and `site.branch` imply."""
    parts = urllib.parse.urlsplit(site["repo_url"])
    host = parts.netloc.lower()
    backend = _KNOWN_HOSTS.get(host, "gitlab" if "gitlab" in host else "")
    if not backend and any(name in host for name in ("gitea", "forgejo")):
        backend = "gitea"
    repo = parts.path.strip("/").removesuffix(".git")
    return EditorSettings(
        backend=backend,
        repo=repo if _REPO.fullmatch(repo) else "",  # not owner/name: the sandbox
        branch=site["branch"],
        base_url=_own_host(site["repo_url"]) if backend else "",
    )


def _own_host(repo_url: str) -> str:
    """The editor knows github.com's and gitlab.com's addresses; any other host (Codeberg
    too: the editor's Gitea default is gitea.com) is named by `base_url`."""
    parts = urllib.parse.urlsplit(repo_url)
    if parts.scheme != "https" or parts.netloc.lower() in ("", "github.com", "gitlab.com"):
        return ""
    return f"https://{parts.netloc}"


def _editor_value(raw: dict[Any, Any], key: str, default: str, report: Report) -> str:
    value = raw.get(key)
    if value in (None, ""):
        return default
    wrong = _editor_problem(key, value)
    if wrong:
        shown = f"«{default}»" if default else "inget värde"
        report(f"editor.{key}: {wrong} ({shown} används)", "editor", key)
        return default
    return str(value)


def _editor_problem(key: str, value: object) -> str:
    """What is wrong with the `editor:` value (Swedish), '' if nothing."""
    if not isinstance(value, str):
        return f"{shown(value)} är inte text – skriv en rad text"
    hidden = hidden_character(value)
    if hidden:
        return f"{shown(value)} innehåller ett osynligt styrtecken ({hidden})"
    if key == "backend" and value not in EDITOR_BACKENDS:
        return f"{shown(value)} – skriv {', '.join(EDITOR_BACKENDS)} (gitea gäller även Forgejo)"
    if key == "auth" and value not in EDITOR_AUTH:
        return f"{shown(value)} – skriv token eller pkce"
    if key == "repo" and not (len(value) <= 200 and _REPO.fullmatch(value)):
        return (
            f"{shown(value)} är inget förråd – skriv ägare/namn (t.ex. kommun/portal) med "
            "a–z, siffror och . _ -, utan .."
        )
    if key == "branch" and not BRANCH.fullmatch(value):
        return (
            f"{shown(value)} är inget tillåtet grennamn – bokstäver a–z, siffror och . _ / -, "
            "utan mellanslag och .., inte först - eller . (t.ex. main)"
        )
    if key == "app_id" and not _APP_ID.fullmatch(value):
        return f"{shown(value)} är inget applikations-id – bara a–z, 0–9, - och _"
    if key == "base_url":
        return https_problem(value)
    return ""


def _consistent(editor: EditorSettings, raw: dict[Any, Any], report: Report) -> EditorSettings:
    """Settings that are each right but do not fit together: the sign-in falls back to a
    token, which works on every host."""
    if editor.auth != "pkce":
        return editor
    key = "auth" if "auth" in raw else "app_id"
    if editor.backend not in ("gitlab", "gitea"):
        report(
            "editor.auth: pkce fungerar bara med gitlab och gitea – på GitHub loggar man in "
            "med en token (token används)",
            "editor",
            key,
        )
        return dataclasses.replace(editor, auth="token")
    if not editor.app_id:
        report(
            "editor.auth: pkce behöver editor.app_id, id:t för OAuth-applikationen som "
            "registrerats hos Git-värden (token används)",
            "editor",
            key,
        )
        return dataclasses.replace(editor, auth="token")
    return editor
