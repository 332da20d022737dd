"""publiccode.yml for each published innovation that is software (has `software:`).

Catalogues of public-sector software (offentligkod.se, Developers Italia) read
publiccode.yml; an innovation with a `software:` block is described in that language as
`slussen/data/publiccode/<id>.yml`, beside the rest of the open data. Every file keeps
the standard's rules (`core/publiccode.py`); the tests hold each one to them.

What the standard asks and the model does not hold is derived, never invented: the long
description is the body as plain text, padded when short with the summary, how to
reuse it and the file's facts (the standard wants at least 150 characters); the features are the
measured results, else the summary. Maintenance names a role, never a person: the
portal publishes no one's name without consent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from sluss.content.intake import shorten
from sluss.core.publiccode import LONG_DESCRIPTION, SHORT_DESCRIPTION_MAX
from sluss.outputs.search import plain_text
from sluss.site.entry import GENERATED, Entry, page_url, site_base
from sluss.site.portal import Portal

FOLDER = f"{GENERATED}/data/publiccode"
VERSION = "0.4"
FEATURE_MAX = 100  # the standard recommends features of at most 100 characters
# Categories of the standard's list (core/publiccode.py CATEGORIES) that an area or a
# tag says for certain; an innovation with none of these gets no `categories`.
CATEGORY_OF: dict[str, str] = {
    "e-tjänst": "digital-citizenship",
    "karta": "geographic-information-systems",
    "gis": "geographic-information-systems",
    "bokning": "online-booking",
    "videosamtal": "video-conferencing",
    "enkät": "survey",
    "ärendehantering": "workflow-management",
    "education": "educational-content",
}


def publiccode_path(item_id: str) -> str:
    return f"{FOLDER}/{item_id}.yml"


def publiccode_files(portal: Portal, site_url: str) -> dict[str, str]:
    """`{path: YAML}` for every published innovation with a `software:` block."""
    base = site_base(site_url)
    return {
        publiccode_path(e.id): _dump(publiccode_of(portal, e, base))
        for e in sorted(portal.entries.get("innovations", []), key=lambda e: e.id)
        if isinstance(e.get("software"), dict)
    }


def publiccode_of(portal: Portal, entry: Entry, base: str) -> dict[str, Any]:
    """The innovation as a publiccode.yml mapping, keys in the standard's order."""
    software = entry.get("software")
    data: dict[str, Any] = {
        "publiccodeYmlVersion": VERSION,
        "name": entry.title,
        "url": software["repository"],
    }
    landing = page_url(base, entry.page) if base else software.get("landing_url")
    if landing:
        data["landingURL"] = landing
    data["platforms"] = list(software["platforms"])
    categories = _categories(entry)
    if categories:
        data["categories"] = categories
    data["developmentStatus"] = software["development_status"]
    data["softwareType"] = software["software_type"]
    data["description"] = {"sv": _description(portal, entry, software)}
    data["legal"] = {"license": software["license"]}
    data["maintenance"] = {"type": "internal", "contacts": _contacts(portal, entry)}
    data["localisation"] = {"localisationReady": False, "availableLanguages": ["sv"]}
    used_by = _used_by(portal, entry)
    if used_by:
        data["usedBy"] = used_by
    return data


def _description(portal: Portal, entry: Entry, software: dict[str, Any]) -> dict[str, Any]:
    text: dict[str, Any] = {
        "shortDescription": shorten(entry.summary, SHORT_DESCRIPTION_MAX),
        "longDescription": long_description(portal, entry),
    }
    if software.get("documentation"):
        text["documentation"] = software["documentation"]
    text["features"] = _features(entry)
    return text


def long_description(portal: Portal, entry: Entry) -> str:
    """The body as plain paragraphs; when it is shorter than the standard's least, the
    summary, how to reuse it and the facts of the file are added (nothing made up), and
    when longer than its most, it is cut at a paragraph."""
    paragraphs = list(_paragraphs(entry.body))
    low, high = LONG_DESCRIPTION
    text = "\n\n".join(paragraphs)
    if len(text) < low:
        more = [entry.summary, *paragraphs, *_how_to_reuse(entry), _facts(portal, entry)]
        text = "\n\n".join(more)
    while len(text) > high and len(paragraphs) > 1:
        paragraphs.pop()
        text = "\n\n".join(paragraphs)
    return text[:high]


def _facts(portal: Portal, entry: Entry) -> str:
    """The innovation's facts as a sentence: who, which area, how far, where the code is."""
    owner = _municipality_name(portal, entry.get("owner")) or "En kommun"
    area = portal.label("area", entry.get("area")).lower()
    stage = portal.label("stage", entry.get("stage")).lower()
    software = entry.get("software")
    return (
        f"{owner} står bakom {entry.title} inom området {area} (skede: {stage}). "
        f"Källkoden finns på {software['repository']} under licensen {software['license']}."
    )


def _paragraphs(markdown: str) -> Iterator[str]:
    for block in markdown.split("\n\n"):
        plain = plain_text(block)
        if plain:
            yield plain


def _how_to_reuse(entry: Entry) -> list[str]:
    """What the innovation's file says about reusing it, as sentences of its own."""
    reuse = entry.get("reuse") or {}
    needed = reuse.get("requirements") or []
    out = [f"Så återanvänder ni den: {' '.join(reuse['how'].split())}"] if reuse.get("how") else []
    return out + (["Förutsättningar: " + "; ".join(needed) + "."] if needed else [])


def _features(entry: Entry) -> list[str]:
    results = (entry.get("evidence") or {}).get("results") or []
    features = [shorten(f"{r['measure']}: {r['value']}", FEATURE_MAX) for r in results]
    return features or [shorten(entry.summary, FEATURE_MAX)]


def _categories(entry: Entry) -> list[str]:
    found = [CATEGORY_OF.get(entry.get("area") or "")]
    found += [CATEGORY_OF.get(tag) for tag in entry.tags]
    return sorted({c for c in found if c})


def _contacts(portal: Portal, entry: Entry) -> list[dict[str, str]]:
    """The innovation's contact as a function: its role and the owner's name."""
    contact = entry.get("contact") or {}
    owner = _municipality_name(portal, entry.get("owner"))
    role = contact.get("role") or "Kontakt"
    person: dict[str, str] = {"name": f"{role}, {owner}" if owner else role}
    if contact.get("email"):
        person["email"] = contact["email"]
    if contact.get("phone"):
        person["phone"] = contact["phone"]
    if owner:
        person["affiliation"] = owner
    return [person]


def _used_by(portal: Portal, entry: Entry) -> list[str]:
    ids = [entry.get("owner"), *(a.get("municipality") for a in entry.get("adopters") or [])]
    names = [_municipality_name(portal, i) for i in ids]
    return list(dict.fromkeys(n for n in names if n))


def _municipality_name(portal: Portal, item_id: object) -> str:
    municipality = portal.get("municipalities", item_id)
    return municipality.title if municipality else ""


class _Dumper(yaml.SafeDumper):
    """Long texts as `|` blocks, so the file reads like the hand-written ones."""


def _block_strings(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _block_strings)


def _dump(data: dict[str, Any]) -> str:
    header = "# Skapad av sluss ur innovationens fil; ändra innehållet där, inte här.\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
