"""Fältreferens: one generated page with every field of every collection.

Derived from `model` like the checker, so the page always says what
`sluss check` enforces: type, whether it is required (and when), allowed
values, help text, an example, and a whole example file per collection.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from sluss.content.new_item import applies, one_of_names, scalar, sections, starting_value
from sluss.core.config import Config
from sluss.core.kinds import KINDS, Limits
from sluss.core.model import COLLECTIONS, Collection, Field, Kind, Vocabularies, walk_fields
from sluss.core.text import md
from sluss.site.entry import relative_link

PAGE = "slussen/faltreferens.md"
DESCRIPTION = (
    "Alla fält i portalens innehållsfiler: typ, om fältet krävs, tillåtna värden och "
    "exempel, och sökningens sökord och synonymer."
)


def field_reference(
    vocabularies: Vocabularies,
    here: str = PAGE,
    ids: Mapping[str, Sequence[str]] | None = None,
    config: Config | None = None,
) -> str:
    """The page's Markdown. `ids` (existing item ids per collection) make the examples'
    references real; without them the examples use placeholder ids. `config` adds the
    search words of sluss.yml."""
    known = {name: list(v) for name, v in (ids or {}).items()}
    lines = [
        "---",
        'title: "Fältreferens"',
        f"description: {json.dumps(DESCRIPTION, ensure_ascii=False)}",
        'edit_url: ""',
        'hide: ["navigation"]',  # the tables need the width
        "---",
        "",
        "# Fältreferens",
        "",
        "Varje post i portalen är en Markdown-fil: först fälten mellan två rader med `---`, "
        "sedan brödtexten. Filnamnet (små bokstäver a–z, siffror och bindestreck) är postens "
        "id. Sidan skapas från innehållsmodellen, så den säger alltid samma sak som "
        "`sluss check`.",
        "",
        'Snabbast kommer du igång med `sluss new ideas "Din idés titel"`: kommandot skapar '
        "en fil med alla fält som krävs och en kommentar vid varje fält. Läs också "
        f"[Så bidrar du]({relative_link('bidra.md', here)}).",
        "",
        *(f"- [{c.label.sv}](#{c.name}) – mappen `{c.name}/`" for c in COLLECTIONS.values()),
        "- [Sökord och synonymer](#sok) – i `sluss.yml`",
    ]
    for collection in COLLECTIONS.values():
        lines += ["", *_section(collection, vocabularies, known)]
    lines += ["", *_search_words(config or Config())]
    return "\n".join(lines) + "\n"


def _search_words(config: Config) -> list[str]:
    """The two search settings of sluss.yml, with the values this portal has."""
    lines = [
        "## Sökord och synonymer { #sok }",
        "",
        "Sökningen hittar en sida på dess egna ord, i böjda former (”bygglovet” hittar "
        "”bygglov”) och på delar av sammansatta ord (”tunnel” hittar ”gångtunnlarna”). "
        "Två inställningar i `sluss.yml` lär den orden som folk använder men som inte står i "
        "texten. De gäller alla sidor; ändra dem och bygg om webbplatsen.",
        "",
        "`keywords` under ett område i `areas`",
        ":   Ord för området. Varje post i området hittas också på dem, så ”äldreomsorg” hittar "
        "idéerna om vård och omsorg fast ingen av dem skriver ordet.",
        "",
        "`synonyms`",
        ":   Grupper av ord eller fraser som betyder samma sak. En sida som har ett av orden "
        "hittas också på de andra: ”försörjningsstöd” hittar ”ekonomiskt bistånd”. Varje "
        "grupp är en lista med minst två ord; ett ord kan vara en fras.",
        "",
        "```yaml",
        "areas:",
        "  care:",
        "    sv: Vård och omsorg",
        "    en: Health and social care",
        "    keywords: [äldreomsorg, hemtjänst, särskilt boende]",
        "synonyms:",
        "  - [ekonomiskt bistånd, försörjningsstöd, socialbidrag]",
        "  - [skollunch, skolmat]",
        "```",
        "",
    ]
    if config.keywords:
        lines += ["Sökord i den här portalen:", ""]
        lines += [
            f"- {md(config.areas[a].sv)}: {md(', '.join(words))}"
            for a, words in config.keywords.items()
            if a in config.areas
        ]
        lines.append("")
    if config.synonyms:
        lines += ["Synonymer i den här portalen:", ""]
        lines += [f"- {md(' = '.join(group))}" for group in config.synonyms]
        lines.append("")
    return lines


def _section(collection: Collection, vocab: Vocabularies, ids: dict[str, list[str]]) -> list[str]:
    c = collection
    out = [
        f"## {c.label.sv} {{ #{c.name} }}",
        "",
        f"En fil per {c.singular.sv.lower()} i mappen `{c.name}/`. "
        f"**Brödtexten:** {_cell(c.body.sv)}",
    ]
    for group in c.one_of:
        out += ["", f"**Minst ett av** {' och '.join(f'`{n}`' for n in group)} måste finnas."]
    out += [
        "",
        "| Fält | Typ | Krävs | Tillåtna värden | Beskrivning och exempel |",
        "|---|---|---|---|---|",
    ]
    parents: dict[str, Field] = {}
    for path, f in walk_fields(c.fields):
        parents[path] = f
        parent = parents.get(path.rsplit(".", 1)[0].removesuffix("[]")) if "." in path else None
        out.append(_row(c, path, f, parent, vocab))
    example = yaml.safe_dump(
        example_item(c, vocab, ids), allow_unicode=True, sort_keys=False, width=88
    )
    out += [
        "",
        f"### Exempel: {c.singular.sv.lower()} {{ #{c.name}-exempel }}",
        "",
        "```yaml",
        "---",
        example.rstrip("\n"),
        "---",
        *_body_headings(c),
        "```",
    ]
    return out


def _row(c: Collection, path: str, f: Field, parent: Field | None, vocab: Vocabularies) -> str:
    about = _cell(f.help.sv)
    if f.example is not None:
        about += f"<br>Exempel: `{_cell(scalar(f.example))}`"
    cells = [
        f"`{path}`<br>{_cell(f.label.sv)}",
        _cell(_type(f)),
        _cell(_required(c, f, parent)),
        _cell(_allowed(f, vocab)),
        about,
    ]
    return "| " + " | ".join(cells) + " |"


def _cell(text: str) -> str:
    """Plain text in a table cell: one line, no HTML, no column break."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def _type(f: Field) -> str:
    if f.kind is Kind.LIST and f.item is not None:
        least = f" (minst {int(f.min)})" if f.min else ""
        if f.item.kind is Kind.OBJECT:
            return f"lista{least}, varje post med underfält (se raderna nedanför)"
        return f"lista{least} där varje värde är {_type(f.item)}"
    if f.kind is Kind.REF and f.ref:
        return f"id för en {COLLECTIONS[f.ref].singular.sv.lower()} (filnamn i {f.ref}/)"
    text = KINDS[f.kind].reference
    if f.https_only:
        text += " som börjar med https://"
    if f.min is not None or f.max is not None:
        text += ", " + _span(f)
    return text


def _span(f: Field) -> str:
    unit = KINDS[f.kind].unit
    low = f"{f.min:g}" if f.min is not None else ""
    high = f"{f.max:g}" if f.max is not None else ""
    if low and high:
        return f"{low}–{high}{unit}"
    return f"minst {low}{unit}" if low else f"högst {high}{unit}"


def _required(c: Collection, f: Field, parent: Field | None) -> str:
    if f.name in one_of_names(c) and parent is None:
        group = next(g for g in c.one_of if f.name in g)
        return "minst ett av " + " och ".join(group)
    if f.required_when:
        values = list(f.required_when.values)
        either = " eller ".join(values)
        return f"när {f.required_when.field} är {either}"
    if not f.required:
        return "nej"
    if parent is not None and not parent.required:
        return f"ja, när {parent.name} finns med"
    return "ja"


_MARKUP = re.compile(r"([\\`*_\[\]{}])")


def _plain(text: str) -> str:
    """Markdown characters escaped (no emphasis, link or attribute list); not the HTML."""
    return _MARKUP.sub(r"\\\1", text)


def _allowed(f: Field, vocab: Vocabularies) -> str:
    element = f.item if f.kind is Kind.LIST and f.item is not None else f
    if element.kind is Kind.CHOICE and element.vocabulary:
        terms = vocab.terms.get(element.vocabulary, {})
        # A label may come from sluss.yml (areas): its Markdown characters are escaped
        # here, and `_cell` escapes the HTML.
        return ", ".join(f"{v} ({_plain(t.sv)})" for v, t in terms.items())
    if element.kind is Kind.REF and element.ref:
        return f"id:n i {element.ref}/"
    return ""


# --- the example file -------------------------------------------------------------------


def example_item(
    collection: Collection, vocab: Vocabularies, ids: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """A small complete file: every required field, plus the fields the model gives an
    example for; it passes `sluss check` (given existing ids)."""
    return _example_fields(collection, collection.fields, vocab, ids, top=True)


def _example_fields(
    c: Collection,
    fields: tuple[Field, ...],
    vocab: Vocabularies,
    ids: Mapping[str, Sequence[str]],
    top: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    either = one_of_names(c) if top else set()
    for f in fields:
        if f.required or f.name in either:
            wanted = True
        elif f.required_when is not None:  # only when the example meets its condition
            wanted = applies(f, out)
        else:
            wanted = f.example is not None or _has_example(f)
        value = _example_value(c, f, vocab, ids) if wanted else None
        if value not in (None, {}, []):
            out[f.name] = value
    return out


def _has_example(f: Field) -> bool:
    members = f.item.fields if f.kind is Kind.LIST and f.item else f.fields
    return any(m.example is not None or _has_example(m) for m in members)


def _example_value(
    c: Collection, f: Field, vocab: Vocabularies, ids: Mapping[str, Sequence[str]]
) -> Any:
    if f.example is not None:
        return f.example
    start = starting_value(c, f)
    if start is not None:
        return start
    kind = f.kind
    if kind is Kind.OBJECT:
        return _example_fields(c, f.fields, vocab, ids)
    if kind is Kind.LIST and f.item is not None:
        element = _example_value(c, f.item, vocab, ids)
        return [element] if element not in (None, {}) else None
    if kind is Kind.CHOICE:
        return next(iter(vocab.values(f.vocabulary or "")), None)
    if kind is Kind.REF and f.ref:
        found = list(ids.get(f.ref, ()))
        return found[0] if found else "exempel-id"
    info = KINDS[kind]
    if info.limits is Limits.LENGTH:  # a text says what it stands for
        return f"Exempel på {f.label.sv.lower()}"
    if info.limits is Limits.VALUE and f.min is not None:  # the least a number may be
        return int(f.min) if info.whole else f.min
    return info.sample


def _body_headings(c: Collection) -> list[str]:
    out: list[str] = []
    for heading in sections(c):
        out += [f"## {heading}", "", "…", ""]
    return out[:-1]
