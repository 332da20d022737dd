"""The contribution paths around the content: CI files, issue form, templates, guide."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.content.check import check_repository
from sluss.core.config import load_config

from support import ROOT

GITHUB = ROOT / ".github"


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def triggers(workflow: dict[Any, Any]) -> Any:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def assert_full_history(all_steps: list[dict[str, Any]]) -> None:
    checkout = next(s for s in all_steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def assert_pinned(all_steps: list[dict[str, Any]]) -> None:
    for step in all_steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]


def commands(all_steps: list[dict[str, Any]]) -> str:
    return "\n".join(str(s.get("run", "")) for s in all_steps)


def test_check_workflow() -> None:
    workflow = load(GITHUB / "workflows" / "check.yml")
    assert "pull_request" in triggers(workflow)
    all_steps = steps(workflow)
    assert_full_history(all_steps)
    assert_pinned(all_steps)
    run = commands(all_steps)
    assert "pip install -e ." in run
    assert "sluss check --format github" in run
    assert "sluss build" in run


def test_pages_workflow() -> None:
    workflow = load(GITHUB / "workflows" / "pages.yml")
    assert triggers(workflow)["push"]["branches"] == [load_config(ROOT)[0].branch]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    all_steps = steps(workflow)
    assert_full_history(all_steps)
    assert_pinned(all_steps)
    assert "sluss build" in commands(all_steps)
    upload = next(s for s in all_steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert any("actions/deploy-pages@" in s.get("uses", "") for s in all_steps)


def test_gitlab_ci() -> None:
    ci = load(ROOT / ".gitlab-ci.yml")
    assert str(ci["variables"]["GIT_DEPTH"]) == "0"
    assert "pip install -e ." in " ".join(ci["default"]["before_script"])
    check = ci["check"]
    assert "merge_request_event" in check["rules"][0]["if"]
    assert "sluss check" in check["script"]
    pages = ci["pages"]
    assert "CI_DEFAULT_BRANCH" in pages["rules"][0]["if"]
    assert "sluss build --site-dir public" in pages["script"]
    assert pages["artifacts"]["paths"] == ["public"]


@pytest.fixture(scope="module")
def form() -> dict[str, Any]:
    return load(GITHUB / "ISSUE_TEMPLATE" / "ide.yml")


def dropdown(form: dict[str, Any], id: str) -> list[str]:
    element = next(e for e in form["body"] if e.get("id") == id)
    assert element["type"] == "dropdown"
    assert element["validations"]["required"] is True
    options: list[str] = element["attributes"]["options"]
    assert options[-1] == "Vet inte"
    return options[:-1]


def test_issue_form_municipalities_match_the_folder(form: dict[str, Any]) -> None:
    repo = check_repository(ROOT)
    expected = [f"{i.data['title']} ({i.id})" for i in repo.published("municipalities")]
    assert dropdown(form, "kommun") == expected


def test_issue_form_areas_match_sluss_yml(form: dict[str, Any]) -> None:
    areas = load_config(ROOT)[0].areas
    assert dropdown(form, "omrade") == [f"{t.sv} ({v})" for v, t in areas.items()]


def test_issue_form_shape(form: dict[str, Any]) -> None:
    assert form["labels"] == ["idé"]
    assert form["title"].startswith("Idé")
    ids = {e.get("id") for e in form["body"]}
    assert {"kommun", "omrade", "utmaning", "behov", "beskrivning", "kontakt"} <= ids
    contact = next(e for e in form["body"] if e.get("id") == "kontakt")
    assert not contact.get("validations", {}).get("required")
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


def test_pull_request_template() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "- [ ]" in text and "sluss check" in text and "personnummer" in text


def test_contributing_guide() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    config = load_config(ROOT)[0]
    assert config.coordinator_email in text
    for words in (
        "Lämna en idé",
        "sluss intake",
        "sluss new",
        "sluss check",
        "/admin/",
        "åtkomsttoken",
        "pull request",
        "Summary in English",
    ):
        assert words in text, words
    for folder in ("ideas/", "challenges/", "innovations/", "training/"):
        assert folder in text
    assert "decap-server" not in text  # the editor needs no helper program any more
