"""Open data: every collection as JSON and CSV, their JSON Schemas and a DCAT-AP-SE catalogue.

Everything derives from the content model: the JSON keys and CSV columns are the
model's field names (stable for machines), the schemas come from `schema.py`, the
column descriptions from the fields' labels. Only published items are exported
(the `Portal` never holds a draft). Deterministic: items sorted by id, no clock
but `Portal.as_of`.

The files are keyed by their path under the site root, which is also their path
under docs/ (the generated folder), so the build writes them before MkDocs runs.

CSV choices, for Excel in Sweden: `;` between fields (Swedish Excel's list
separator, because `,` is the decimal comma; a `,`-separated file opens as one
column), a UTF-8 byte order mark (without it Excel reads å, ä, ö as Windows-1252)
and CRLF line ends (RFC 4180). No `sep=;` line: with it, Excel ignores the BOM.
Decimals are written with a decimal comma, date-times as `YYYY-MM-DD HH:MM`
Swedish time, which Swedish Excel reads as numbers and times. Machines should
read the JSON, which keeps ISO 8601 and JSON numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping
from typing import Any

from sluss.core.config import Config
from sluss.core.model import COLLECTIONS, Collection, Field, Kind, Vocabularies
from sluss.core.text import STOCKHOLM
from sluss.outputs.schema import DIALECT, collection_schema
from sluss.site.entry import GENERATED, Entry, page_url, site_base
from sluss.site.portal import Portal

DATA = f"{GENERATED}/data"  # where the open data lives, under the site root
LICENSE = "http://creativecommons.org/licenses/by/4.0/"
SEPARATOR = " | "  # between the values of a list in one CSV cell

# EU vocabularies that DCAT-AP-SE uses (publications.europa.eu authority tables).
_EU = "http://publications.europa.eu/resource/authority/"
_IANA = "http://www.iana.org/assignments/media-types/"
# Data themes per collection; a collection a region adds falls back to GOVE.
THEMES: dict[str, tuple[str, ...]] = {
    "ideas": ("GOVE",),
    "challenges": ("GOVE",),
    "innovations": ("GOVE", "TECH"),
    "training": ("EDUC",),
    "support": ("ECON",),
    "municipalities": ("REGI", "GOVE"),
}
FORMATS = {"json": ("JSON", "application/json"), "csv": ("CSV", "text/csv")}


# --- URLs ------------------------------------------------------------------------------


# --- records -----------------------------------------------------------------------------


def records(portal: Portal, collection: Collection, base: str) -> list[dict[str, Any]]:
    """One record per published item: id, page URL, the model's fields, the body."""
    out = []
    for entry in sorted(portal.entries[collection.name], key=lambda e: e.id):
        record: dict[str, Any] = {"id": entry.id, "url": page_url(base, entry.page)}
        record |= _fields(portal, collection.fields, entry.data, base)
        record["body"] = entry.body
        out.append(record)
    return out


def _fields(
    portal: Portal, fields: tuple[Field, ...], data: Mapping[str, Any], base: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        value = data.get(f.name)
        if f.name == "draft" or value is None or value == "":
            continue  # drafts are never exported, so the flag says nothing
        out[f.name] = _value(portal, f, value, base)
        if f.kind is Kind.REF:
            url = _ref_url(portal, f.ref, value, base)
            if url:
                out[f.name + "_url"] = url
        elif f.kind is Kind.LIST and f.item is not None and f.item.kind is Kind.REF:
            urls = [_ref_url(portal, f.item.ref, v, base) for v in value]
            out[f.name + "_urls"] = [u for u in urls if u]
    return out


def _value(portal: Portal, f: Field, value: Any, base: str) -> Any:
    if f.kind is Kind.OBJECT and isinstance(value, dict):
        return _fields(portal, f.fields, value, base)
    if f.kind is Kind.LIST and f.item is not None and isinstance(value, list):
        return [_value(portal, f.item, v, base) for v in value]
    return value


def _ref_url(portal: Portal, collection: str | None, item_id: object, base: str) -> str:
    target = portal.get(collection or "", item_id)
    return page_url(base, target.page) if isinstance(target, Entry) else ""


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):  # datetime too: ISO 8601 with its offset
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


# --- schemas -------------------------------------------------------------------------------

_URL = {"type": "string", "format": "uri"}


def export_schema(collection: Collection, vocab: Vocabularies, url: str = "") -> dict[str, Any]:
    """The JSON Schema of an export file: an array of the collection's records."""
    item = collection_schema(collection, vocab)
    for key in ("$schema", "title", "description"):
        item.pop(key, None)
    _add_url_properties(item, collection.fields)
    properties = item["properties"]
    properties.pop("draft", None)
    item["properties"] = {
        "id": {"title": "Id", "description": "Filnamnet utan .md", "type": "string"},
        "url": {"title": "Sida", "description": "Postens sida på webbplatsen", **_URL},
        **properties,
        "body": {"title": "Brödtext", "description": "Brödtexten i Markdown", "type": "string"},
    }
    item["required"] = ["id", "url", *item.get("required", []), "body"]
    schema: dict[str, Any] = {"$schema": DIALECT}
    if url:
        schema["$id"] = url
    return schema | {
        "title": f"{collection.label.sv} (öppna data)",
        "description": f"{collection.singular.sv}: {collection.body.sv} En post per fil i "
        f"{collection.name}/; hänvisningar både som id och som adress (fält som slutar på _url).",
        "type": "array",
        "items": item,
    }


def _add_url_properties(schema: dict[str, Any], fields: tuple[Field, ...]) -> None:
    """Beside each reference, the address of its page: `owner` → `owner_url`."""
    properties = schema["properties"]
    for f in fields:
        if f.kind is Kind.REF:
            properties[f.name + "_url"] = {"title": f"{f.label.sv} (adress)", **_URL}
        elif f.kind is Kind.LIST and f.item is not None and f.item.kind is Kind.REF:
            properties[f.name + "_urls"] = {
                "title": f"{f.label.sv} (adresser)",
                "type": "array",
                "items": _URL,
            }
        elif f.kind is Kind.LIST and f.item is not None and f.item.kind is Kind.OBJECT:
            _add_url_properties(properties[f.name]["items"], f.item.fields)
        elif f.kind is Kind.OBJECT:
            _add_url_properties(properties[f.name], f.fields)


# --- CSV ---------------------------------------------------------------------------------------


def csv_columns(collection: Collection) -> list[tuple[str, str, str]]:
    """(column, Swedish label, English label): nested fields as dotted names."""
    return [
        ("id", "Id (filnamnet)", "Id (file name)"),
        ("url", "Sida", "Page"),
        *_columns(collection.fields, "", ""),
        ("body", "Brödtext (Markdown)", "Body (Markdown)"),
    ]


def _columns(fields: tuple[Field, ...], prefix: str, label: str) -> list[tuple[str, str, str]]:
    out = []
    for f in fields:
        name, sv, en = prefix + f.name, label + f.label.sv, label + f.label.en
        item = f.item if f.kind is Kind.LIST else None
        if f.name == "draft":
            continue
        if f.kind is Kind.OBJECT:
            out += _columns(f.fields, name + ".", sv + ": ")
        elif item is not None and item.kind is Kind.OBJECT:
            out += _columns(item.fields, name + ".", sv + ": ")
        else:
            out.append((name, sv, en))
            if f.kind is Kind.REF or (item is not None and item.kind is Kind.REF):
                suffix = "_url" if f.kind is Kind.REF else "_urls"
                out.append((name + suffix, sv + " (adress)", en + " (address)"))
    return out


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def csv_rows(collection: Collection, items: list[dict[str, Any]]) -> list[list[str]]:
    columns = [c for c, _, _ in csv_columns(collection)]
    return [[_cell(_values(record, c.split("."))) for c in columns] for record in items]


def _values(value: Any, path: list[str]) -> list[Any]:
    """The values at a dotted path; a list of objects gives one value per element."""
    if isinstance(value, list) and path:
        return [v for element in value for v in _values(element, path)]
    if not path:
        return value if isinstance(value, list) else [value]
    if not isinstance(value, dict):
        return [None]
    return _values(value.get(path[0]), path[1:])


_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _cell(values: list[Any]) -> str:
    if all(v is None for v in values):
        return ""
    text = SEPARATOR.join(_text(v) for v in values)
    # A cell starting with = + - @ is run as a formula by spreadsheets: never for content.
    return "'" + text if _FORMULA.match(text) else text


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def columns_csv() -> str:
    """What every column of every CSV file means, in Swedish and English."""
    rows = [
        [collection.slug_sv, column, sv, en]
        for _, collection in sorted(COLLECTIONS.items())
        for column, sv, en in csv_columns(collection)
    ]
    return to_csv(["fil", "kolumn", "beskrivning", "description"], rows)


# --- DCAT-AP-SE ------------------------------------------------------------------------------

_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _texts(sv: str, en: str) -> list[dict[str, str]]:
    return [{"@language": "sv", "@value": sv}, {"@language": "en", "@value": en}]


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def catalog(portal: Portal, base: str) -> dict[str, Any]:
    """A DCAT-AP-SE catalogue of the exports, for harvesting by Sveriges dataportal."""
    config = portal.config
    catalog_url = f"{base}{DATA}/catalog.jsonld"
    publisher: dict[str, Any] = {
        "@id": f"{catalog_url}#utgivare",
        "@type": "foaf:Agent",
        "foaf:name": config.name,
        "dcterms:type": _ref("http://purl.org/adms/publishertype/LocalAuthority"),
    }
    contact: dict[str, Any] = {"@type": "vcard:Organization", "vcard:fn": config.name}
    if config.coordinator_email:
        contact["vcard:hasEmail"] = _ref("mailto:" + config.coordinator_email)
    modified = {"@value": portal.as_of.isoformat(), "@type": "xsd:date"}
    region = config.region or config.name
    datasets: list[dict[str, Any]] = []
    for name, collection in sorted(COLLECTIONS.items()):
        stem = f"{base}{DATA}/{collection.slug_sv}"
        distributions = [
            {
                "@id": f"{catalog_url}#{name}-{suffix}",
                "@type": "dcat:Distribution",
                "dcterms:title": _texts(
                    f"{collection.label.sv} som {fmt}", f"{collection.label.en} as {fmt}"
                ),
                "dcat:accessURL": _ref(f"{stem}.{suffix}"),
                "dcat:downloadURL": _ref(f"{stem}.{suffix}"),
                "dcat:mediaType": _ref(_IANA + media),
                "dcterms:format": _ref(_EU + "file-type/" + fmt),
                "dcterms:license": _ref(LICENSE),
                **({"dcterms:conformsTo": _ref(f"{stem}.schema.json")} if suffix == "json" else {}),
            }
            for suffix, (fmt, media) in FORMATS.items()
        ]
        datasets.append(
            {
                "@id": f"{catalog_url}#{name}",
                "@type": "dcat:Dataset",
                "dcterms:title": _texts(
                    f"{collection.label.sv} i {config.name}", f"{collection.label.en}, {region}"
                ),
                "dcterms:description": _texts(
                    f"Alla publicerade {collection.label.sv.lower()} i {config.name}, en post "
                    f"per {collection.singular.sv.lower()}. {collection.body.sv}",
                    f"All published {collection.label.en.lower()} of {config.name}, one record "
                    f"per {collection.singular.en.lower()}. {collection.body.en}",
                ),
                "dcterms:publisher": _ref(publisher["@id"]),
                "dcat:contactPoint": contact,
                "dcat:keyword": [
                    {"@language": "sv", "@value": v}
                    for v in (collection.label.sv.lower(), "innovation", region)
                ],
                "dcat:theme": [_ref(_EU + "data-theme/" + t) for t in THEMES.get(name, ("GOVE",))],
                "dcterms:language": _ref(_EU + "language/SWE"),
                "dcterms:accessRights": _ref(_EU + "access-right/PUBLIC"),
                "dcterms:accrualPeriodicity": _ref(_EU + "frequency/IRREG"),
                "dcterms:modified": modified,
                "dcat:distribution": distributions,
            }
        )
    return {
        "@context": _CONTEXT,
        "@graph": [
            {
                "@id": catalog_url,
                "@type": "dcat:Catalog",
                "dcterms:title": _texts(
                    f"Öppna data från {config.name}", f"Open data from {config.name}"
                ),
                "dcterms:description": _texts(
                    f"Idéer, utmaningar, innovationer, utbildningar, stödaktörer och kommuner i "
                    f"{config.name}, som JSON och CSV.",
                    f"Ideas, challenges, innovations, training, support actors and "
                    f"municipalities of {config.name}, as JSON and CSV.",
                ),
                "dcterms:publisher": _ref(publisher["@id"]),
                "foaf:homepage": _ref(base or "./"),
                "dcterms:language": _ref(_EU + "language/SWE"),
                "dcterms:license": _ref(LICENSE),
                "dcterms:modified": modified,
                "dcat:themeTaxonomy": _ref(_EU + "data-theme"),
                "dcat:dataset": [_ref(d["@id"]) for d in datasets],
                **_related_catalogs(config),
            },
            publisher,
            *datasets,
        ],
    }


def _related_catalogs(config: Config) -> dict[str, Any]:
    """The other sluices this one reads (`federation:`) as related catalogues. A relation,
    not `dcat:catalog`: their datasets are theirs, and a harvester should not count them
    as ours. Nothing when there are none, so the file stays as it was."""
    if not config.federation:
        return {}
    return {"dcterms:relation": [_ref(f"{p.url}{DATA}/catalog.jsonld") for p in config.federation]}


# --- all of it -----------------------------------------------------------------------------------


def open_data(portal: Portal, site_url: str) -> dict[str, str]:
    """Every open-data file: path under the site root (= under docs/) → text."""
    base = site_base(site_url)
    out: dict[str, str] = {}
    for _, collection in sorted(COLLECTIONS.items()):
        stem = f"{DATA}/{collection.slug_sv}"
        items = records(portal, collection, base)
        header = [c for c, _, _ in csv_columns(collection)]
        out[f"{stem}.json"] = to_json(items)
        out[f"{stem}.csv"] = to_csv(header, csv_rows(collection, items))
        schema_url = f"{base}{stem}.schema.json" if base else ""
        out[f"{stem}.schema.json"] = to_json(export_schema(collection, portal.vocab, schema_url))
    out[f"{DATA}/kolumner.csv"] = columns_csv()
    out[f"{DATA}/catalog.jsonld"] = to_json(catalog(portal, base))
    return out
