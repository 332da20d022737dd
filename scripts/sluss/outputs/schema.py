"""JSON Schema (draft 2020-12) of each collection, derived from the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sluss.core.model import COLLECTIONS, Collection, Field, Kind, Vocabularies

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_PLAIN: dict[Kind, dict[str, Any]] = {
    Kind.STRING: {"type": "string"},
    Kind.TEXT: {"type": "string"},
    Kind.INT: {"type": "integer"},
    Kind.NUMBER: {"type": "number"},
    Kind.BOOL: {"type": "boolean"},
    Kind.DATE: {"type": "string", "format": "date"},
    Kind.DATETIME: {"type": "string", "format": "date-time"},
    Kind.URL: {"type": "string", "format": "uri", "pattern": "^https?://"},
    Kind.EMAIL: {"type": "string", "format": "email"},
    Kind.CODE: {"type": "string", "pattern": "^[0-9]{4}$"},
    Kind.LICENSE: {"type": "string"},
    Kind.TAG: {"type": "string", "pattern": "^[a-z0-9åäöéü]+(-[a-z0-9åäöéü]+)*$"},
    Kind.PATH: {"type": "string"},
    Kind.REF: {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
}


def field_schema(f: Field, vocab: Vocabularies) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": f.label.sv, "description": f.help.sv}
    if f.kind is Kind.CHOICE:
        schema |= {"type": "string", "enum": list(vocab.values(f.vocabulary or ""))}
    elif f.kind is Kind.LIST:
        assert f.item is not None
        schema |= {"type": "array", "items": field_schema(f.item, vocab)}
        if f.min:
            schema["minItems"] = int(f.min)
    elif f.kind is Kind.OBJECT:
        schema |= object_schema(f.fields, vocab)
        if f.exactly_one_of:
            schema["oneOf"] = [{"required": [name]} for name in f.exactly_one_of]
    else:
        schema |= _PLAIN[f.kind]
    if f.kind in (Kind.STRING, Kind.TEXT):
        if f.min is not None:
            schema["minLength"] = int(f.min)
        if f.max is not None:
            schema["maxLength"] = int(f.max)
    if f.kind in (Kind.INT, Kind.NUMBER):
        if f.min is not None:
            schema["minimum"] = f.min
        if f.max is not None:
            schema["maximum"] = f.max
    if f.ref:
        schema["x-reference"] = f.ref
    if f.example is not None:
        schema["examples"] = [f.example]
    return schema


def object_schema(fields: tuple[Field, ...], vocab: Vocabularies) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: field_schema(f, vocab) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    conditional = [
        {
            "if": {
                "properties": {f.required_when.field: {"enum": list(f.required_when.values)}},
                "required": [f.required_when.field],
            },
            "then": {"required": [f.name]},
        }
        for f in fields
        if f.required_when
    ]
    if conditional:
        schema["allOf"] = conditional
    return schema


def collection_schema(
    collection: Collection, vocab: Vocabularies, base_url: str = ""
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": collection.label.sv,
        "description": f"{collection.singular.sv}: {collection.body.sv}",
    }
    if base_url:
        schema["$id"] = f"{base_url.rstrip('/')}/{collection.name}.schema.json"
    schema |= object_schema(collection.fields, vocab)
    for group in collection.one_of:
        schema.setdefault("allOf", []).append({"anyOf": [{"required": [n]} for n in group]})
    return schema


def write_schemas(out: Path, vocab: Vocabularies, base_url: str = "") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, collection in sorted(COLLECTIONS.items()):
        path = out / f"{name}.schema.json"
        text = (
            json.dumps(collection_schema(collection, vocab, base_url), ensure_ascii=False, indent=2)
            + "\n"
        )
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
