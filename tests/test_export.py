"""Open data: JSON that validates against its exported schema, CSV that a Swedish
spreadsheet opens (BOM, `;`, CRLF, å ä ö), no drafts, and a DCAT-AP-SE catalogue."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sluss import cli
from sluss.content.check import check_repository
from sluss.core.config import read_site_url
from sluss.core.model import COLLECTIONS, Kind, walk_fields
from sluss.outputs.open_data import DATA, LICENSE, _cell, csv_columns, open_data
from sluss.site.entry import page_url
from sluss.site.portal import Portal

from support import ROOT, TODAY

SITE = "https://innovationssluss-skaraborg.github.io/portal/"
AS_OF = dt.date(2026, 11, 18)


@pytest.fixture(scope="module")
def portal() -> Portal:
    return Portal(check_repository(ROOT, today=TODAY), AS_OF)


@pytest.fixture(scope="module")
def files(portal: Portal) -> dict[str, str]:
    return open_data(portal, SITE)


def draft_ids() -> set[str]:
    return {
        p.stem
        for name in COLLECTIONS
        for p in (ROOT / name).glob("*.md")
        if re.search(r"^draft:\s*true\s*$", p.read_text(encoding="utf-8"), re.M)
    }


def test_every_collection_has_json_csv_and_schema(files: dict[str, str]) -> None:
    expected = {
        f"{DATA}/{c.slug_sv}.{ext}"
        for c in COLLECTIONS.values()
        for ext in ("json", "csv", "schema.json")
    }
    assert expected | {f"{DATA}/catalog.jsonld", f"{DATA}/kolumner.csv"} == set(files)


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_json_validates_against_the_exported_schema(files: dict[str, str], name: str) -> None:
    slug = COLLECTIONS[name].slug_sv
    schema = json.loads(files[f"{DATA}/{slug}.schema.json"])
    data = json.loads(files[f"{DATA}/{slug}.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(data)] == []
    assert schema["$id"] == f"{SITE}{DATA}/{slug}.schema.json"


def test_only_published_items_in_any_export(files: dict[str, str], portal: Portal) -> None:
    drafts = draft_ids()
    assert drafts, "the sample content should keep a draft to test this"
    for path, text in files.items():
        for draft in drafts:
            assert draft not in text, (draft, path)
    for name, collection in COLLECTIONS.items():
        data = json.loads(files[f"{DATA}/{collection.slug_sv}.json"])
        assert [r["id"] for r in data] == sorted(e.id for e in portal.entries[name])


def test_references_as_ids_and_addresses(files: dict[str, str], portal: Portal) -> None:
    ideas = {r["id"]: r for r in json.loads(files[f"{DATA}/ideer.json"])}
    idea = ideas["digitala-las-i-hemtjansten"]
    assert idea["url"] == f"{SITE}slussen/ideer/digitala-las-i-hemtjansten/"
    assert idea["municipality"] == "falkoping"
    assert idea["municipality_url"] == f"{SITE}slussen/kommuner/falkoping/"
    assert idea["partners_urls"] == [f"{SITE}slussen/kommuner/{m}/" for m in idea["partners"]]
    assert idea["innovation_url"] == f"{SITE}slussen/innovationer/nyckelfri-hemtjanst/"
    innovation = next(
        r for r in json.loads(files[f"{DATA}/innovationer.json"]) if r.get("adopters")
    )
    for adopter in innovation["adopters"]:
        assert adopter["municipality_url"] == f"{SITE}slussen/kommuner/{adopter['municipality']}/"
    assert idea["submitted"] == "2025-01-28"  # dates as ISO 8601
    training = json.loads(files[f"{DATA}/utbildning.json"])
    start = next(s["start"] for t in training for s in t.get("sessions", []))
    assert dt.datetime.fromisoformat(start).utcoffset() is not None


def test_every_model_field_is_a_csv_column() -> None:
    for collection in COLLECTIONS.values():
        columns = [c for c, _, _ in csv_columns(collection)]
        for path, f in walk_fields(collection.fields):
            if f.name == "draft" or f.kind is Kind.OBJECT:
                continue
            if f.kind is Kind.LIST and f.item is not None and f.item.kind is Kind.OBJECT:
                continue
            assert path.replace("[]", "") in columns, (collection.name, path)
        assert len(columns) == len(set(columns))


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_csv_opens_in_a_swedish_spreadsheet(files: dict[str, str], name: str) -> None:
    collection = COLLECTIONS[name]
    text = files[f"{DATA}/{collection.slug_sv}.csv"]
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    assert raw.endswith(b"\r\n")
    header_line = raw.split(b"\r\n", 1)[0].decode("utf-8-sig")
    assert header_line.split(";")[:3] == ["id", "url", "title"]
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    data = json.loads(files[f"{DATA}/{collection.slug_sv}.json"])
    assert rows[0] == [c for c, _, _ in csv_columns(collection)]
    assert len(rows) == len(data) + 1
    for row, record in zip(rows[1:], data, strict=True):
        cells = dict(zip(rows[0], row, strict=True))
        assert cells["id"] == record["id"]
        assert cells["title"] == record["title"]
        assert cells["body"] == record["body"]


def test_csv_keeps_swedish_letters_and_flattens_lists(files: dict[str, str]) -> None:
    raw = files[f"{DATA}/innovationer.csv"].encode("utf-8")
    text = raw.decode("utf-8-sig")
    assert all(letter in text for letter in "åäöÅÄÖ"[:3])
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    lock = next(r for r in rows if r["id"] == "nyckelfri-hemtjanst")
    assert lock["title"] == "Nyckelfri hemtjänst med digitala lås"
    assert lock["adopters.municipality"] == "tidaholm | hjo | karlsborg"
    assert lock["costs.setup_sek"] == "1400000"
    assert lock["legal.dpia"] == "true"
    training = list(
        csv.DictReader(
            io.StringIO(files[f"{DATA}/utbildning.csv"].removeprefix("\ufeff"), newline=""),
            delimiter=";",
        )
    )
    course = next(r for r in training if r["id"] == "forandringsledarskap-i-praktiken")
    assert course["sessions.start"].startswith("2026-03-04 09:00 | ")  # Swedish time


def test_csv_cells_never_start_a_formula() -> None:
    assert _cell(['=HYPERLINK("x")']) == '\'=HYPERLINK("x")'
    assert _cell(["+46 500"]) == "'+46 500"
    assert _cell(["Vanlig text"]) == "Vanlig text"
    assert _cell([1.5]) == "1,5"
    assert _cell([None, None]) == ""


def test_column_descriptions_in_swedish(files: dict[str, str]) -> None:
    rows = list(
        csv.reader(
            io.StringIO(files[f"{DATA}/kolumner.csv"].removeprefix("\ufeff"), newline=""),
            delimiter=";",
        )
    )
    assert rows[0] == ["fil", "kolumn", "beskrivning", "description"]
    described = {(r[0], r[1]): r[2] for r in rows[1:]}
    assert described[("ideer", "assessment.need")] == "Bedömning: Behov"
    assert described[("ideer", "municipality_url")] == "Kommun (adress)"


def test_catalog_is_dcat_ap_se(files: dict[str, str], portal: Portal) -> None:
    catalog: dict[str, Any] = json.loads(files[f"{DATA}/catalog.jsonld"])
    assert catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalog["@context"]["dcterms"] == "http://purl.org/dc/terms/"
    nodes = {n["@id"]: n for n in catalog["@graph"]}
    (root,) = [n for n in nodes.values() if n["@type"] == "dcat:Catalog"]
    for key in ("dcterms:title", "dcterms:description", "dcterms:publisher", "dcterms:license"):
        assert root[key], key
    assert {"@language": "sv", "@value": f"Öppna data från {portal.config.name}"} in root[
        "dcterms:title"
    ]
    publisher = nodes[root["dcterms:publisher"]["@id"]]
    assert publisher["@type"] == "foaf:Agent" and publisher["foaf:name"]
    datasets = [nodes[ref["@id"]] for ref in root["dcat:dataset"]]
    assert len(datasets) == len(COLLECTIONS)
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dcterms:publisher"] == root["dcterms:publisher"]
        assert any(t["@language"] == "sv" for t in dataset["dcterms:title"])
        assert dataset["dcterms:description"] and dataset["dcat:theme"]
        assert dataset["dcat:contactPoint"]["vcard:hasEmail"]["@id"].startswith("mailto:")
        formats = set()
        for distribution in dataset["dcat:distribution"]:
            assert distribution["@type"] == "dcat:Distribution"
            assert distribution["dcterms:license"] == {"@id": LICENSE}
            url = distribution["dcat:downloadURL"]["@id"]
            assert distribution["dcat:accessURL"]["@id"] == url
            assert url.removeprefix(SITE) in files, url  # points at a file that exists
            assert distribution["dcat:mediaType"]["@id"].startswith(
                "http://www.iana.org/assignments/media-types/"
            )
            formats.add(distribution["dcterms:format"]["@id"].rsplit("/", 1)[1])
        assert formats == {"JSON", "CSV"}
    assert root["dcterms:modified"]["@value"] == AS_OF.isoformat()


def test_page_urls_follow_mkdocs_directory_urls() -> None:
    assert page_url(SITE, "slussen/ideer/x.md") == f"{SITE}slussen/ideer/x/"
    assert page_url(SITE, "slussen/idebank/index.md") == f"{SITE}slussen/idebank/"
    assert page_url(SITE, "index.md") == SITE
    assert read_site_url(ROOT) == SITE


def test_sluss_export_writes_the_files(tmp_path: Path) -> None:
    assert cli.main(["export", str(ROOT), "--out", str(tmp_path)]) == 0
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert f"{DATA}/ideer.json" in written and f"{DATA}/catalog.jsonld" in written
    assert "slussen/feeds/ideer.atom" in written and "slussen/kalender/utbildning.ics" in written
    csv_bytes = (tmp_path / DATA / "ideer.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv_bytes
    ics = (tmp_path / "slussen/kalender/utbildning.ics").read_bytes()
    assert b"\n" not in ics.replace(b"\r\n", b"")
