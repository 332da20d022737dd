"""The web editor's configuration is the content model, field for field."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.core.config import Config, load_config
from sluss.core.files import write_changed as write_files
from sluss.core.model import COLLECTIONS, Field, Kind, Text
from sluss.outputs.editor import BUNDLE, DECAP_VERSION, admin_files, editor_config

from support import ROOT

ASSETS = ROOT / "scripts" / "sluss" / "outputs" / "assets"
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
    assert sorted(files) == [
        "admin/config-lokal.yml",
        "admin/config.yml",
        "admin/decap-cms.js",
        "admin/decap-cms.js.LICENSE.txt",
        "admin/index.html",
    ]


def test_config_is_the_generated_yaml(config: Config, editor: dict[str, Any]) -> None:
    assert editor == editor_config(config, SITE_URL)


def test_workflow_backend_and_language(config: Config, editor: dict[str, Any]) -> None:
    assert editor["publish_mode"] == "editorial_workflow"
    # Local editing is switched on by the page itself, only with ?lokal in its URL.
    assert editor["local_backend"] is False
    assert editor["locale"] == "sv"
    assert editor["backend"]["name"] == "github"
    assert editor["backend"]["repo"] == "innovationssluss-skaraborg/portal"
    assert editor["backend"]["branch"] == config.branch
    assert editor["slug"] == {
        "encoding": "ascii",
        "clean_accents": True,
        "sanitize_replacement": "-",
    }
    assert editor["site_url"] == SITE_URL
    assert editor["media_folder"]


def test_gitlab_repository(config: Config) -> None:
    gitlab = Config(repo_url="https://gitlab.example.se/kommun/sluss", areas=config.areas)
    backend = editor_config(gitlab)["backend"]
    assert backend["name"] == "gitlab"
    assert backend["repo"] == "kommun/sluss"
    assert backend["api_root"] == "https://gitlab.example.se/api/v4"


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
        assert w.get("required", False) is False  # Decap's default is required
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
    assert f'<script src="decap-cms.js?v={DECAP_VERSION}"></script>' in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from a CDN


def test_the_bundle_is_the_pinned_release(files: dict[str, bytes]) -> None:
    bundle = files["admin/decap-cms.js"]
    assert bundle == (ASSETS / BUNDLE).read_bytes()
    assert len(bundle) < 6_000_000
    assert f'console.log("decap-cms {DECAP_VERSION}")'.encode() in bundle
    digest = hashlib.sha256(bundle).hexdigest()
    assert f"| {DECAP_VERSION} | `{digest}` |" in (ASSETS / "README.md").read_text(encoding="utf-8")
    notices = files["admin/decap-cms.js.LICENSE.txt"].decode("utf-8")
    assert "MIT License" in notices and "Netlify" in notices


def test_write_files_only_writes_what_changed(files: dict[str, bytes], tmp_path: Path) -> None:
    assert write_files(tmp_path, files) == len(files)
    assert (tmp_path / "admin" / "index.html").read_bytes() == files["admin/index.html"]
    assert write_files(tmp_path, files) == 0
    changed = {**files, "admin/config.yml": b"locale: en\n"}
    assert write_files(tmp_path, changed) == 1


def test_login_service(config: Config) -> None:
    backend = editor_config(config, SITE_URL, "https://logga-in.example.se")["backend"]
    assert backend["base_url"] == "https://logga-in.example.se"
    assert "base_url" not in editor_config(config, SITE_URL)["backend"]


def test_only_the_local_config_calls_the_local_proxy(files: dict[str, bytes]) -> None:
    """No visitor's browser calls localhost:8081: only ?lokal loads config-lokal.yml."""
    local = yaml.safe_load(files["admin/config-lokal.yml"])
    public = yaml.safe_load(files["admin/config.yml"])
    assert local["local_backend"] is True and public["local_backend"] is False
    assert {k: v for k, v in local.items() if k != "local_backend"} == {
        k: v for k, v in public.items() if k != "local_backend"
    }
    page = files["admin/index.html"].decode("utf-8")
    assert 'has("lokal")' in page and "config-lokal.yml" in page
    assert '<main id="nc-root"' in page and "<h1" in page
