"""Reuse (issue 15): the licences are in the repository, the portal describes itself in a
publiccode.yml that keeps the standard's rules, and the site has the reuse guide.

The rules themselves (sluss/core/publiccode.py) are shown to refuse what the standard
refuses, so a file that passes them is not passing an empty test.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.core import publiccode

from support import ROOT


def portal_publiccode() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_portals_publiccode_keeps_the_standard() -> None:
    data = portal_publiccode()
    assert publiccode.problems(data) == []
    assert data["legal"]["license"] == "EUPL-1.2"
    assert set(data["description"]) == {"sv", "en"}
    assert data["url"].rstrip("/") == "https://github.com/innovationssluss-skaraborg/portal"


def without(data: dict[str, Any], path: str) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    *parents, last = path.split(".")
    node = changed
    for key in parents:
        node = node[key]
    del node[last]
    return changed


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("name", "name saknas"),
        ("url", "url saknas"),
        ("platforms", "platforms"),
        ("developmentStatus", "developmentStatus"),
        ("softwareType", "softwareType"),
        ("legal.license", "legal.license"),
        ("maintenance.contacts", "maintenance.contacts"),
        ("localisation.availableLanguages", "availableLanguages"),
        ("description.sv.shortDescription", "description.sv.shortDescription"),
    ],
)
def test_each_mandatory_key_is_required(path: str, named: str) -> None:
    found = publiccode.problems(without(portal_publiccode(), path))
    assert any(named in p for p in found), found


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"publiccodeYmlVersion": "9.9"}, "publiccodeYmlVersion"),
        ({"developmentStatus": "done"}, "developmentStatus"),
        ({"softwareType": "web"}, "softwareType"),
        ({"url": "javascript:alert(1)"}, "url ska vara"),
        ({"releaseDate": "6 dec 2026"}, "releaseDate"),
        ({"maintenance": {"type": "contract"}}, "contractors"),
        ({"description": {"sv": {"shortDescription": "x" * 151}}}, "150"),
        ({"description": {"svenska!": {"shortDescription": "Kort."}}}, "språkkod"),
    ],
)
def test_wrong_values_are_refused(change: dict[str, Any], named: str) -> None:
    data = {**portal_publiccode(), **change}
    assert any(named in p for p in publiccode.problems(data))


def test_the_minimal_example_of_the_standard_passes() -> None:
    # The standard's own minimal example (docs/standard/example/publiccode.minimal.yml),
    # with a long description of the length the rules ask for.
    example = {
        "publiccodeYmlVersion": "0.2",
        "name": "Medusa",
        "url": "https://example.com/italia/medusa.git",
        "platforms": ["web"],
        "categories": ["financial-reporting"],
        "developmentStatus": "development",
        "softwareType": "standalone/desktop",
        "description": {
            "en": {
                "shortDescription": "A rather short description which is probably useless",
                "longDescription": "Very long description of this software. " * 5,
                "features": ["Just one feature"],
            }
        },
        "legal": {"license": "AGPL-3.0-or-later"},
        "maintenance": {"type": "community", "contacts": [{"name": "Francesco Rossi"}]},
        "localisation": {"localisationReady": True, "availableLanguages": ["en"]},
    }
    assert publiccode.problems(example) == []
    assert publiccode.problems(["not", "a", "mapping"])


def test_the_licences_are_in_the_repository() -> None:
    notice = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "EUPL-1.2" in notice and "CC BY 4.0" in notice
    eupl = (ROOT / "LICENSES" / "EUPL-1.2.txt").read_text(encoding="utf-8")
    assert eupl.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "15. Applicable Law" in eupl and "Appendix" in eupl


def test_the_reuse_guide_is_on_the_site_and_linked(site: Path) -> None:
    guide = site / "anvand-portalen" / "index.html"
    assert guide.is_file()
    text = guide.read_text(encoding="utf-8")
    for word in ("sluss.yml", "municipalities/", "publiccode.yml", "EUPL", "CC BY 4.0"):
        assert word in text, word
    for page in ("index.html", "om-slussen/index.html"):
        assert 'href="anvand-portalen/"' in (site / page).read_text(encoding="utf-8") or (
            'href="../anvand-portalen/"' in (site / page).read_text(encoding="utf-8")
        ), page
