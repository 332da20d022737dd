"""JSON Schema (draft 2020-12) of each collection, derived from the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sluss.core.kinds import KINDS, Limits, refused_pattern
from sluss.core.model import COLLECTIONS, Collection, Field, Kind, Vocabularies

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def field_schema(f: Field, vocab: Vocabularies) -> dict[str, Any]:
    kind = KINDS[f.kind]
    schema: dict[str, Any] = {"title": f.label.sv, "description": f.help.sv}
    schema |= kind.schema
    if kind.refused:  # what the checker refuses in any field of the kind
        schema["not"] = {"pattern": refused_pattern(kind.refused)}
    if f.kind is Kind.CHOICE:
        schema["enum"] = list(vocab.values(f.vocabulary or ""))
    elif f.kind is Kind.LIST:
        assert f.item is not None
        schema["items"] = field_schema(f.item, vocab)
        if f.min:
            schema["minItems"] = int(f.min)
    elif f.kind is Kind.OBJECT:
        schema |= object_schema(f.fields, vocab)
        if f.exactly_one_of:
            schema["oneOf"] = [{"required": [name]} for name in f.exactly_one_of]
    if kind.limits is Limits.LENGTH:
        if f.min is not None:
            schema["minLength"] = int(f.min)
        if f.max is not None:
            schema["maxLength"] = int(f.max)
    elif kind.limits is Limits.VALUE:
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
