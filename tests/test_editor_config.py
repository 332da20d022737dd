"""The web editor's configuration: the content model field for field, sluss.yml's
`editor:` for the Git host, and what Sveltia CMS's own JSON Schema accepts."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.core.config import Config, load_config
from sluss.core.editor_settings import EditorSettings
from sluss.core.files import write_changed as write_files
from sluss.core.model import COLLECTIONS, Field, Kind, Text
from sluss.outputs.editor import (
    BUNDLE,
    FONTS,
    SVELTIA_VERSION,
    admin_files,
    bundle,
    content_security_policy,
    editor_config,
)

from support import ROOT

ASSETS = ROOT / "scripts" / "sluss" / "outputs" / "assets"
# The JSON Schema of Sveltia's configuration, from its npm package (schema/sveltia-cms.json).
SCHEMA = ROOT / "tests" / "fixtures" / f"sveltia-cms-{SVELTIA_VERSION}.schema.json"
SITE_URL = "https://innovationssluss-skaraborg.github.io/portal/"


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(ROOT)[0]


@pytest.fixture(scope="module")
def files(config: Config) -> dict[str, bytes]:
    return admin_files(config, SITE_URL)


@pytest.fixture(scope="module")
def editor(files: dict[str, bytes]) -> dict[str, Any]:
    data = yaml.safe_load(files["admin/config.yml"].decode("utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_files_of_admin(files: dict[str, bytes]) -> None:
    assert sorted(files) == sorted(
        [
            "admin/LICENSE.txt",
            "admin/config-lokal.yml",
            "admin/config.yml",
            *(f"admin/fonts/{name}" for name in FONTS.values()),
            "admin/index.html",
            "admin/sluss-editor.css",
            "admin/sluss-editor.js",
            "admin/sveltia-cms.js",
            f"admin/sveltia-cms-{SVELTIA_VERSION}-sv.json",
        ]
    )


def test_config_is_the_generated_yaml(config: Config, editor: dict[str, Any]) -> None:
    assert editor == editor_config(config, SITE_URL)


def test_workflow_backend_and_logo(config: Config, editor: dict[str, Any]) -> None:
    assert editor["publish_mode"] == "editorial_workflow"
    assert editor["backend"] == {
        "name": "github",
        "repo": "innovationssluss-skaraborg/portal",
        "branch": config.branch,
        "auth_methods": ["token"],  # GitHub's OAuth needs a server: a personal token
        "commit_messages": editor["backend"]["commit_messages"],
    }
    assert editor["slug"] == {
        "encoding": "ascii",
        "clean_accents": True,
        "sanitize_replacement": "-",
    }
    assert editor["site_url"] == SITE_URL
    assert editor["app_title"] == config.name
    # The logo on its own tile, visible on a light and a dark sign-in screen.
    assert editor["logo"] == {"src": "../assets/images/favicon.svg"}
    assert (ROOT / "docs" / "assets" / "images" / "favicon.svg").is_file()
    assert editor["media_folder"]


GITLAB_APP = "a" * 64
GITEA_APP = "0b6e6f1c-5a1d-4a43-9d1e-2f3f7c1b2a10"
# One configuration per host and way of signing in, as sluss.yml's `editor:` gives them.
BACKENDS = {
    "github": EditorSettings("github", "region/portal", "main"),
    "gitlab.com": EditorSettings("gitlab", "grupp/under/portal", "main"),
    "gitlab-pkce": EditorSettings(
        "gitlab", "it/portal", "main", "https://gitlab.kommun.se", GITLAB_APP, "pkce"
    ),
    "gitea-pkce": EditorSettings(
        "gitea", "it/portal", "main", "https://git.kommun.se", GITEA_APP, "pkce"
    ),
    "gitea-token": EditorSettings("gitea", "it/portal", "main", "https://git.kommun.se"),
}


def configured(config: Config, name: str) -> dict[str, Any]:
    return editor_config(dataclasses.replace(config, editor=BACKENDS[name]), SITE_URL)


def test_gitlab_with_pkce(config: Config) -> None:
    backend = configured(config, "gitlab-pkce")["backend"]
    assert backend["name"] == "gitlab" and backend["repo"] == "it/portal"
    assert backend["base_url"] == "https://gitlab.kommun.se"
    assert backend["api_root"] == "https://gitlab.kommun.se/api/v4"
    assert backend["auth_type"] == "pkce" and backend["app_id"] == GITLAB_APP
    assert backend["auth_methods"] == ["oauth", "token"]
    assert configured(config, "gitlab-pkce")["publish_mode"] == "editorial_workflow"
    public = configured(config, "gitlab.com")["backend"]
    assert "api_root" not in public and "base_url" not in public


def test_gitea_and_forgejo(config: Config) -> None:
    editor = configured(config, "gitea-pkce")
    backend = editor["backend"]
    assert backend["name"] == "gitea" and backend["app_id"] == GITEA_APP
    assert backend["api_root"] == "https://git.kommun.se/api/v1"
    assert "auth_type" not in backend  # PKCE is Gitea's only OAuth flow in Sveltia
    # Sveltia has no editorial workflow for Gitea: it would warn and save directly.
    assert editor["publish_mode"] == "simple"
    assert configured(config, "gitea-token")["backend"]["auth_methods"] == ["token"]


def test_no_known_host_is_a_sandbox(config: Config) -> None:
    unknown = dataclasses.replace(config, editor=EditorSettings())
    assert editor_config(unknown)["backend"] == {"name": "test-repo"}
    assert "connect-src 'self' data: blob:;" in content_security_policy(unknown.editor)


@pytest.mark.parametrize("name", sorted(BACKENDS))
def test_sveltias_schema_accepts_the_configuration(config: Config, name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    editor = json.loads(json.dumps(configured(config, name)))  # as YAML would give it
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft7Validator(schema).iter_errors(editor)
    ]
    assert errors == []


def test_the_schema_check_can_fail(config: Config) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    editor = configured(config, "github")
    editor["backend"] |= {"auth_type": "pkce"}  # GitHub has no PKCE sign-in in Sveltia
    editor["locale"] = "sv"  # Decap's setting, which Sveltia does not have
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(editor))) >= 2


def test_one_folder_collection_per_content_folder(editor: dict[str, Any]) -> None:
    collections = {c["name"]: c for c in editor["collections"]}
    assert sorted(collections) == sorted(COLLECTIONS)
    for name, c in collections.items():
        assert c["folder"] == name and c["create"] is True
        assert c["slug"] == "{{slug}}"
        assert c["label"] == COLLECTIONS[name].label.sv
        assert c["fields"][-1]["name"] == "body"
        assert c["fields"][-1]["widget"] == "markdown"


WIDGET = {
    Kind.STRING: "string",
    Kind.TEXT: "text",
    Kind.INT: "number",
    Kind.NUMBER: "number",
    Kind.BOOL: "boolean",
    Kind.DATE: "datetime",
    Kind.DATETIME: "datetime",
    Kind.URL: "string",
    Kind.EMAIL: "string",
    Kind.CODE: "string",
    Kind.LICENSE: "string",
    Kind.PATH: "string",
    Kind.CHOICE: "select",
    Kind.REF: "relation",
    Kind.OBJECT: "object",
}


def expected_widget(f: Field) -> str:
    if f.kind is Kind.LIST:
        assert f.item is not None
        return {Kind.CHOICE: "select", Kind.REF: "relation"}.get(f.item.kind, "list")
    return WIDGET[f.kind]


def pairs(fields: tuple[Field, ...], widgets: list[dict[str, Any]]) -> list[tuple[Field, Any]]:
    """Every model field with its widget, nested members included."""
    by_name = {w["name"]: w for w in widgets}
    assert set(by_name) - {"body"} == {f.name for f in fields}
    out = []
    for f in fields:
        w = by_name[f.name]
        out.append((f, w))
        if f.kind is Kind.OBJECT:
            out += pairs(f.fields, w["fields"])
        elif f.kind is Kind.LIST and f.item is not None and f.item.kind is Kind.OBJECT:
            out += pairs(f.item.fields, w["fields"])
    return out


def every_field(editor: dict[str, Any]) -> list[tuple[Field, Any]]:
    out = []
    for c in editor["collections"]:
        out += pairs(COLLECTIONS[c["name"]].fields, c["fields"])
    return out


def test_every_model_field_has_the_right_widget(editor: dict[str, Any]) -> None:
    for f, w in every_field(editor):
        assert w["widget"] == expected_widget(f), f.name
        assert w["label"] == f.label.sv
        assert w["hint"].startswith(f.help.sv.removesuffix(" (id)"))
        assert w.get("required", False) is False  # the editor's default is required
        if not f.required:
            assert w["required"] is False, f.name


def test_optional_fields_are_optional(editor: dict[str, Any]) -> None:
    collections = {c["name"]: c for c in editor["collections"]}
    ideas = {w["name"]: w for w in collections["ideas"]["fields"]}
    assert "required" not in ideas["title"] and "required" not in ideas["municipality"]
    assert ideas["need"]["required"] is False and ideas["challenge"]["required"] is False
    # An optional object's members are optional in the editor (the checker still asks).
    assert all(m["required"] is False for m in ideas["assessment"]["fields"])
    assert "Krävs när status är testing eller implemented" in ideas["assessment"]["hint"]


def test_select_options_are_the_vocabularies(config: Config, editor: dict[str, Any]) -> None:
    vocab = config.vocabularies
    seen = set()
    for f, w in every_field(editor):
        element = f.item if f.kind is Kind.LIST and f.item is not None else f
        if element.kind is not Kind.CHOICE:
            continue
        seen.add(element.vocabulary)
        terms = vocab.terms[element.vocabulary or ""]
        assert w["options"] == [{"label": t.sv, "value": v} for v, t in terms.items()]
        assert w.get("multiple", False) is (f.kind is Kind.LIST)
    assert "area" in seen and "idea_status" in seen


def test_areas_come_from_sluss_yml(config: Config) -> None:
    custom = Config(repo_url=config.repo_url, areas={"test": Text("Provområde", "Test area")})
    ideas = next(c for c in editor_config(custom)["collections"] if c["name"] == "ideas")
    area = next(w for w in ideas["fields"] if w["name"] == "area")
    assert area["options"] == [{"label": "Provområde", "value": "test"}]


def test_relations_point_at_collections(editor: dict[str, Any]) -> None:
    for f, w in every_field(editor):
        if w["widget"] != "relation":
            continue
        element = f.item if f.kind is Kind.LIST and f.item is not None else f
        assert w["collection"] == element.ref and w["collection"] in COLLECTIONS
        assert w["value_field"] == "{{slug}}"
        assert w["search_fields"] == ["title"] and w["display_fields"] == ["title"]
        assert w.get("multiple", False) is (f.kind is Kind.LIST)


def test_dates_are_written_as_iso_days(editor: dict[str, Any]) -> None:
    dates = [(f, w) for f, w in every_field(editor) if f.kind is Kind.DATE]
    assert dates
    for _, w in dates:
        assert w["format"] == "YYYY-MM-DD" and w["date_format"] == "YYYY-MM-DD"
        assert w["time_format"] is False
    ideas = next(c for c in editor["collections"] if c["name"] == "ideas")
    submitted = next(w for w in ideas["fields"] if w["name"] == "submitted")
    assert submitted["default"] == "{{now}}"  # like `sluss new`: a new idea is from today
    status = next(w for w in ideas["fields"] if w["name"] == "status")
    assert status["default"] == "submitted"


def test_patterns_are_valid_regular_expressions(editor: dict[str, Any]) -> None:
    for _, w in every_field(editor):
        if "pattern" in w:
            regex, message = w["pattern"]
            re.compile(regex)
            assert message
    collections = {c["name"]: c for c in editor["collections"]}
    code = next(w for w in collections["municipalities"]["fields"] if w["name"] == "code")
    assert re.match(code["pattern"][0], "1496") and not re.match(code["pattern"][0], "149")


def test_index_html(files: dict[str, bytes]) -> None:
    page = files["admin/index.html"].decode("utf-8")
    assert '<html lang="sv">' in page
    assert "<title>Redigera innehåll – Innovationssluss Skaraborg</title>" in page
    assert f'<script src="sveltia-cms.js?v={SVELTIA_VERSION}"></script>' in page
    assert page.index("sluss-editor.js") < page.index("sveltia-cms.js")  # set up first
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from a CDN
    assert "<script>" not in page  # no inline script: the policy allows none
    assert '<main id="nc-root"' in page


def test_the_policy_allows_only_the_site_and_the_git_host(files: dict[str, bytes]) -> None:
    page = files["admin/index.html"].decode("utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = dict(rule.split(" ", 1) for rule in policy.group(1).split("; "))
    assert rules["default-src"] == "'self'" and rules["script-src"] == "'self'"
    assert rules["font-src"] == "'self'"
    assert rules["connect-src"] == (
        "'self' data: blob: https://api.github.com https://avatars.githubusercontent.com"
    )
    gitlab = content_security_policy(BACKENDS["gitlab-pkce"])
    assert "connect-src 'self' data: blob: https://gitlab.kommun.se;" in gitlab


def test_the_bundle_is_the_pinned_release(files: dict[str, bytes]) -> None:
    pinned = (ASSETS / BUNDLE).read_bytes()
    digest = hashlib.sha256(pinned).hexdigest()
    readme = (ASSETS / "README.md").read_text(encoding="utf-8")
    assert f"| {SVELTIA_VERSION} | `{digest}` |" in readme
    served = files["admin/sveltia-cms.js"]
    assert served == bundle(pinned) and len(served) < 2_500_000
    # Its fonts come from this site, and zooming is not switched off.
    assert b"cdn.jsdelivr.net" in pinned and b"cdn.jsdelivr.net" not in served
    assert b"`maximum-scale=1`" not in served
    for name in FONTS.values():
        assert f"fonts/{name}".encode() in served
    notices = files["admin/LICENSE.txt"].decode("utf-8")
    assert "MIT License" in notices and "Kohei Yoshino" in notices
    assert notices.count("SIL Open Font License") >= 3


def test_another_bundle_stops_the_build() -> None:
    with pytest.raises(RuntimeError, match="expected once"):
        bundle(b"console.log('no fonts here')")


def test_write_files_only_writes_what_changed(files: dict[str, bytes], tmp_path: Path) -> None:
    assert write_files(tmp_path, files) == len(files)
    assert (tmp_path / "admin" / "index.html").read_bytes() == files["admin/index.html"]
    assert write_files(tmp_path, files) == 0
    changed = {**files, "admin/config.yml": b"locale: en\n"}
    assert write_files(tmp_path, changed) == 1


def test_the_local_config_saves_directly(files: dict[str, bytes]) -> None:
    """?lokal reads config-lokal.yml: a folder on this machine, no workflow there."""
    local = yaml.safe_load(files["admin/config-lokal.yml"])
    public = yaml.safe_load(files["admin/config.yml"])
    assert local["publish_mode"] == "simple"
    assert {k: v for k, v in local.items() if k != "publish_mode"} == {
        k: v for k, v in public.items() if k != "publish_mode"
    }
    setup = files["admin/sluss-editor.js"].decode("utf-8")
    assert 'has("lokal")' in setup and "config-lokal.yml" in setup


def test_the_sign_in_screen_speaks_swedish(files: dict[str, bytes]) -> None:
    texts = json.loads(files[f"admin/sveltia-cms-{SVELTIA_VERSION}-sv.json"])
    assert texts["sign_in_using_access_token"] == "Logga in med en åtkomsttoken"
    assert "Access Token" not in json.dumps(texts, ensure_ascii=False)
    assert texts["sign_in"] == "Logga in"  # the rest as Sveltia translated it
    setup = files["admin/sluss-editor.js"].decode("utf-8")
    assert 'prefs.locale = "sv"' in setup  # Swedish whatever the browser's language
