"""What the search index holds: one document per page that search should find.

An item's document is made from the model: its title (weighted most), summary, body
text, and the facts a visitor would search by (municipality, area, status, tags). Its
filters are the facets of "Sök och filtrera" (type, status, stage, municipality, area,
evidence level, cost, tag), and its meta what a result shows beside its title (type,
status or stage, municipality). A hand-written page's document is its built text
(sluss.build.search reads it from site/); an overview page is found by its title and
description; the lists of items are not indexed, the items' own pages are.

To each document `expand` adds the words it should also be found by: the keywords of
its area, the other words of a synonym group it holds (both from sluss.yml), and
Swedish word forms the index would miss (sluss.outputs.swedish).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sluss.core.config import Config
from sluss.core.model import COLLECTIONS
from sluss.core.swedish import stem
from sluss.core.text import sv_key
from sluss.outputs.fieldref import DESCRIPTION as FIELD_REFERENCE_TEXT
from sluss.outputs.fieldref import PAGE as FIELD_REFERENCE
from sluss.outputs.swedish import Compounds, extra_terms, words
from sluss.outputs.views import PAGES
from sluss.site.entry import Entry, page_url
from sluss.site.portal import Portal

PAGE_TYPE = "Sida"  # the type of a page that is no item
# The facets, in the order "Sök och filtrera" shows them.
FACETS = (
    *("Typ", "Status", "Skede", "Kommun", "Används i", "Område", "Evidensnivå"),
    *("Startkostnad", "Utmaning", "Tagg"),
)
COST_BANDS = ((50_000, "Under 50 000 kr"), (250_000, "50 000–250 000 kr"))
COST_ABOVE = "Över 250 000 kr"
# Generated pages found in full, from their built HTML (the rest by title and lead).
DESCRIPTION_WORDS = 30
FULL_PAGES = tuple(v.path for v in PAGES if v.search == "all")


@dataclass
class SearchDocument:
    url: str  # relative to the site's root: slussen/ideer/x/
    title: str
    summary: str = ""
    text: str = ""
    facts: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # what `expand` adds

    def description(self) -> str:
        """What a result shows under its title: the summary, else the text's start."""
        if self.summary:
            return self.summary
        lead = self.text.split()
        return " ".join(lead[:DESCRIPTION_WORDS]) + (" …" if len(lead) > DESCRIPTION_WORDS else "")

    def html(self) -> str:
        """The document as Pagefind reads it: Swedish, the title weighted most."""
        e = html.escape
        parts = [
            '<html lang="sv"><head><meta charset="utf-8"><title>',
            e(self.title),
            "</title></head><body><main data-pagefind-body>",
            f'<h1 data-pagefind-weight="10">{e(self.title)}</h1>',
        ]
        if self.summary:
            parts.append(f'<p data-pagefind-weight="4">{e(self.summary)}</p>')
        if self.facts:
            parts.append(f'<p data-pagefind-weight="2">{e(" · ".join(self.facts))}</p>')
        if tags := self.filters.get("Tagg"):
            # The editors' own words for what the page is about weigh next to its title.
            parts.append(f'<p data-pagefind-weight="7">{e(", ".join(tags))}</p>')
        if self.text:
            parts.append(f"<p>{e(self.text)}</p>")
        if self.terms:
            parts.append(f"<p>Sökord: {e(', '.join(self.terms))}.</p>")
        for key, values in self.filters.items():
            for value in values:
                parts.append(f'<span data-pagefind-filter="{e(key)}:{e(value)}"></span>')
        for key, value in self.meta.items():
            parts.append(f'<span data-pagefind-meta="{e(key)}:{e(value)}"></span>')
        parts.append(f'<span data-pagefind-meta="beskrivning:{e(self.description())}"></span>')
        parts.append(f'<span data-pagefind-sort="titel:{e(sv_key(self.title))}"></span>')
        parts.append("</main></body></html>")
        return "".join(parts)


def item_documents(portal: Portal) -> list[SearchDocument]:
    """One document per published item (municipalities, ideas, …, support actors)."""
    return [_item(portal, e) for c in COLLECTIONS for e in portal.entries[c]]


def page_documents() -> list[SearchDocument]:
    """The generated overview pages (Idébank, Spridning, Läget, …) and the field
    reference: title and lead. (The reference's every word in the index would put it
    among the results of every synonym and keyword it lists.)"""
    leads = [(v.path, v.title, v.description) for v in PAGES if v.search == "lead"]
    leads.append((FIELD_REFERENCE, "Fältreferens", FIELD_REFERENCE_TEXT))
    return [page_document(page_url("", path), title, text) for path, title, text in leads]


def page_document(url: str, title: str, text: str) -> SearchDocument:
    """A page that is no item: its type is "Sida", to filter by as any other type."""
    return SearchDocument(
        url, title, text=text, filters={"Typ": [PAGE_TYPE]}, meta={"typ": PAGE_TYPE}
    )


def _item(p: Portal, e: Entry) -> SearchDocument:
    kind = COLLECTIONS[e.collection].singular.sv
    doc = SearchDocument(page_url("", e.page), e.title, e.summary, plain_text(e.body))
    filters: dict[str, list[str]] = {"Typ": [kind]}
    meta = {"typ": kind}
    municipalities = [p.short_name(m) for m in _municipalities(e)]
    status = ""
    if e.collection == "ideas":
        status = p.label("idea_status", e.get("status"))
        filters["Status"] = [status]
        if challenge := p.get("challenges", e.get("challenge")):
            filters["Utmaning"] = [challenge.title]
    elif e.collection == "challenges":
        status = p.label("challenge_status", e.get("status"))
        filters["Status"] = [status]
    elif e.collection == "innovations":
        status = p.label("stage", e.get("stage"))
        filters["Skede"] = [status]
        used = [e.get("owner")] + [a.get("municipality") for a in p.catalog.active_adopters(e)]
        filters["Används i"] = [p.short_name(m) for m in used if m]
        level = (e.get("evidence") or {}).get("level")
        if level:
            filters["Evidensnivå"] = [p.label("evidence_level", level)]
        setup = (e.get("costs") or {}).get("setup_sek")
        if isinstance(setup, int):
            filters["Startkostnad"] = [_cost_band(setup)]
        if challenge := p.get("challenges", e.get("challenge")):
            filters["Utmaning"] = [challenge.title]
    if municipalities:
        filters["Kommun"] = municipalities
    if e.get("area"):
        filters["Område"] = [p.label("area", e.get("area"))]
    if e.tags:
        filters["Tagg"] = e.tags
    if status:
        meta["status"] = status
    if municipalities:
        meta["kommun"] = ", ".join(municipalities[:3]) + (
            " m.fl." if len(municipalities) > 3 else ""
        )
    doc.facts = [kind, status, *municipalities, *filters.get("Område", [])]
    doc.facts = [f for f in doc.facts if f]
    doc.filters, doc.meta = filters, meta
    return doc


def _municipalities(e: Entry) -> Iterator[str]:
    """The municipalities an item belongs to, as ids, each once."""
    seen: dict[str, None] = {}
    if e.collection == "municipalities":
        return iter(())
    for key in ("municipality", "owner"):
        if e.get(key):
            seen[str(e.get(key))] = None
    for key in ("municipalities", "partners"):
        for m in e.get(key) or []:
            seen[str(m)] = None
    for session in e.get("sessions") or []:
        if isinstance(session, dict) and session.get("municipality"):
            seen[str(session["municipality"])] = None
    return iter(seen)


def _cost_band(sek: int) -> str:
    return next((label for limit, label in COST_BANDS if sek < limit), COST_ABOVE)


# Markdown's marks around words, and what is no text at all (code fences' markers, HTML
# tags, attribute lists, link targets). Each part is bounded to a line and a length: an
# unbounded `[^\]]*` tried at each of 1 000 `[` with no `]` read the rest of a
# megabyte each time (11 s for a body the checker lets through).
_LINK = re.compile(r"!?\[([^\]\n]{0,1000})\]\([^)\n]{0,2000}\)")
_MARKUP = re.compile(
    r"<[^<>]{0,2000}>|\{:?[^{}\n]{0,1000}\}|^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+|[*_`~|]+",
    re.M,
)


def plain_text(markdown: str) -> str:
    """A Markdown body as plain words for the index (what a reader sees, roughly)."""
    text = _LINK.sub(r"\1", markdown)
    return " ".join(_MARKUP.sub(" ", text).split())


def expand(documents: Iterable[SearchDocument], config: Config) -> None:
    """Add to each document the words it should also be found by (see the module)."""
    documents = list(documents)
    area_names = {config.areas[a].sv: words_ for a, words_ in config.keywords.items()}
    groups = [(g, [_stem_line(words(term)).rstrip() for term in g]) for g in config.synonyms]
    own_words = [words(_searchable(doc)) for doc in documents]  # each text read once
    vocabulary = {w for mine in own_words for w in mine}
    vocabulary |= {w for ws in config.keywords.values() for t in ws for w in words(t)}
    compounds = Compounds(vocabulary)
    for doc, mine in zip(documents, own_words, strict=True):
        terms: dict[str, None] = {}
        for area in doc.filters.get("Område", []):
            terms.update(dict.fromkeys(area_names.get(area, ())))
        stems = _stem_line([*mine, *words(" ".join(terms))])
        for group, group_stems in groups:
            if any(phrase in stems for phrase in group_stems):
                terms.update(dict.fromkeys(group))
        # Other forms only of the words that say what the page is (its title, summary,
        # facts, tags and the words just added): forms of every word of a long text
        # would make each page longer, and a longer page ranks lower for all its words.
        prominent = " ".join((_searchable(doc, text=False), *terms))
        terms.update(dict.fromkeys(extra_terms(prominent, compounds)))
        seen = set(mine)
        doc.terms = [t for t in terms if not set(words(t)) <= seen]


def _searchable(doc: SearchDocument, text: bool = True) -> str:
    tags = " ".join(doc.filters.get("Tagg", []))
    return " ".join((doc.title, doc.summary, " ".join(doc.facts), tags, doc.text if text else ""))


def _stem_line(words_: Iterable[str]) -> str:
    """The stems of words between spaces. A phrase's stems, without the last space, are
    found in it where the phrase stands, its last word possibly longer: " bygglov" in
    " bygglovsärend "."""
    return " " + " ".join(stem(w) for w in words_) + " "
