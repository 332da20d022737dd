"""The generated pages and long lists of the site, declared as data.

A page is a path, a template, a title and what its template needs. A list is a family
of lists (ideas per status, per municipality, …): which groups it has, their rows in
order, a title and the pages it belongs to. `pages.Renderer` turns both into Markdown;
a new page or list is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sluss.content.federation import RemotePortal
from sluss.content.remote_items import RemoteItem
from sluss.core.idea_mail import NO_CHALLENGE
from sluss.core.text import sv_key
from sluss.outputs.idea_form import template
from sluss.outputs.words import plural
from sluss.site.catalog import newest_first
from sluss.site.entry import GENERATED as G
from sluss.site.entry import Entry
from sluss.site.listing import Listing
from sluss.site.portal import Portal
from sluss.site.suggestions import evidence_level

Link = tuple[str, str]  # (docs-relative page, its title)
Group = tuple[str, Any, Sequence[Any]]  # (id in the key and folder, subject, rows)

# The layout of a list's rows: what they are (plural), in which order, and where they
# are edited (the collection folder of the "Redigera" link).
LIST_KINDS = {
    "ideas": ("idéer", "nyast först", "ideas"),
    "innovations": ("innovationer", "nyast först", "innovations"),
    "adoptions": ("innovationer", "senast påbörjad först", "innovations"),
    "matrix": ("innovationer", "de som används i flest kommuner först", "innovations"),
    "tagged": ("sidor", "idéer först, sedan utmaningar, innovationer, utbildningar", ""),
    "sessions": ("tillfällen", "det närmaste först", "training"),
    "past-sessions": ("tillfällen", "det senaste först", "training"),
    "courses": ("kurser och utbildningar", "i bokstavsordning", "training"),
    "challenges": ("utmaningar", "i bokstavsordning", "challenges"),
    "challenge-lines": ("utmaningar", "i bokstavsordning", "challenges"),
    "waiting": ("idéer", "längst väntan först", "ideas"),
}
# Other regions' items (the network page's long lists, made from the federation's cache,
# not from LISTS): laid out like LIST_KINDS, never edited here.
NETWORK_KINDS = {
    "remote-innovations": ("innovationer", "i bokstavsordning", ""),
    "remote-challenges": ("utmaningar", "i bokstavsordning", ""),
}

# Kinds of list whose rows need the page's whole width (the spread matrix fits 1280 px
# only without the side bars): their pages hide the navigation and the contents, as
# Spridning itself does.
WIDE_KINDS = {"matrix": ("navigation", "toc")}

BANK: Link = (f"{G}/idebank/index.md", "Idébank")
BY_MUNICIPALITY: Link = (f"{G}/idebank/kommuner.md", "Idéer per kommun")
BY_AREA: Link = (f"{G}/idebank/omraden.md", "Idéer per område")
CATALOG: Link = (f"{G}/innovationer/index.md", "Innovationskatalog")
SPREAD: Link = (f"{G}/spridning.md", "Spridning")
EVIDENCE: Link = (f"{G}/evidensnivaer.md", "Evidensnivåer")
TAGS: Link = (f"{G}/taggar.md", "Taggar")
TRAINING: Link = (f"{G}/utbildning/index.md", "Utbildning")
CHALLENGES: Link = (f"{G}/utmaningar/index.md", "Utmaningar")
SITUATION: Link = (f"{G}/laget.md", "Läget i slussen")
SEARCH: Link = (f"{G}/sok.md", "Sök och filtrera")
SUPPORT: Link = (f"{G}/stod/index.md", "Stödsystemet")
MUNICIPALITIES: Link = (f"{G}/kommuner/index.md", "Kommuner")
# Where an item's page sits, after Start: its top tab's page first (breadcrumbs).
TRAIL: dict[str, tuple[Link, ...]] = {
    "ideas": (BANK,),
    "challenges": (CHALLENGES,),
    "innovations": (CATALOG,),
    "training": (TRAINING,),
    "support": (SUPPORT,),
    "municipalities": (MUNICIPALITIES,),
}
IDEA_FORM: Link = (f"{G}/lamna-ide.md", "Lämna en idé")
NETWORK: Link = (f"{G}/natverket.md", "Nätverket")


@dataclass(frozen=True)
class ListView:
    """A family of lists: `{id}` in `key` and `folder` is each group's id."""

    key: str
    folder: str
    kind: str  # a key of LIST_KINDS
    groups: Callable[[Portal], Iterable[Group]]
    title: Callable[[Portal, Any], str]
    links: Callable[[Portal, Any], Sequence[Link]]
    # "overview": the first rows on an overview, the rest on pages of their own;
    # "whole": on its one item's page, shown whole up to a page's worth;
    # "none": never previewed, always its own pages (tags).
    preview: str = "overview"


def _label(p: Portal, vocabulary: str, value: str) -> str:
    return p.label(vocabulary, value).lower()


def _own_page(subject: Entry) -> Link:
    return (subject.page, subject.title)


def _each(p: Portal, collection: str, rows: Callable[[Entry], Sequence[Any]]) -> list[Group]:
    return [(e.id, e, rows(e)) for e in p.entries[collection]]


def _by(
    p: Portal, collection: str, key: str, vocabulary: str, keep_empty: bool = False
) -> list[Group]:
    """Newest first, one group per value of the vocabulary (empty ones only if kept)."""
    grouped = p.catalog.newest_by(collection, key, vocabulary).items()
    return [(value, value, rows) for value, rows in grouped if rows or keep_empty]


def _adopted(p: Portal, mu: Entry) -> list[Any]:
    return sorted(
        p.relations.records(mu, "adoptions"),
        key=lambda ia: (str(ia[1].get("since")), ia[0].id),
        reverse=True,
    )


LISTS: tuple[ListView, ...] = (
    ListView(
        "ideas/status/{id}",
        "idebank/status/{id}",
        "ideas",
        lambda p: _by(p, "ideas", "status", "idea_status", keep_empty=True),
        lambda p, s: f"Idéer med status {_label(p, 'idea_status', s)}",
        lambda p, s: [BANK],
    ),
    ListView(
        "ideas/kommun/{id}",
        "idebank/kommun/{id}",
        "ideas",
        lambda p: _each(
            p,
            "municipalities",
            lambda mu: newest_first(p.catalog.ideas_of_municipality(mu), "submitted"),
        ),
        lambda p, mu: f"Idéer i {p.short_name(mu)}",
        lambda p, mu: [BY_MUNICIPALITY, _own_page(mu), BANK],
    ),
    ListView(
        "ideas/omrade/{id}",
        "idebank/omrade/{id}",
        "ideas",
        lambda p: _by(p, "ideas", "area", "area"),
        lambda p, area: f"Idéer inom {_label(p, 'area', area)}",
        lambda p, area: [BY_AREA, BANK],
    ),
    ListView(
        "ideas/utmaning/{id}",
        "idebank/utmaning/{id}",
        "ideas",
        lambda p: _each(
            p, "challenges", lambda c: newest_first(p.relations.linked(c, "ideas"), "submitted")
        ),
        lambda p, c: f"Idéer som svarar på utmaningen {c.title}",
        lambda p, c: [_own_page(c), BANK],
        "whole",
    ),
    ListView(
        "innovations/omrade/{id}",
        "innovationer/omrade/{id}",
        "innovations",
        lambda p: _by(p, "innovations", "area", "area"),
        lambda p, area: f"Innovationer inom {_label(p, 'area', area)}",
        lambda p, area: [CATALOG],
    ),
    ListView(
        "innovations/skede/{id}",
        "innovationer/skede/{id}",
        "innovations",
        lambda p: _by(p, "innovations", "stage", "stage"),
        lambda p, stage: f"Innovationer i skedet {_label(p, 'stage', stage)}",
        lambda p, stage: [CATALOG],
    ),
    ListView(
        "innovations/agare/{id}",
        "innovationer/agare/{id}",
        "innovations",
        lambda p: _each(
            p,
            "municipalities",
            lambda mu: newest_first(p.relations.linked(mu, "innovations"), "started"),
        ),
        lambda p, mu: f"Innovationer från {p.short_name(mu)}",
        lambda p, mu: [_own_page(mu), CATALOG],
    ),
    ListView(
        "innovations/ateranvant/{id}",
        "innovationer/ateranvant/{id}",
        "adoptions",
        lambda p: _each(p, "municipalities", lambda mu: _adopted(p, mu)),
        lambda p, mu: f"Innovationer som {p.short_name(mu)} återanvänder",
        lambda p, mu: [_own_page(mu), SPREAD],
    ),
    ListView(
        "innovations/stod/{id}",
        "innovationer/stod/{id}",
        "innovations",
        lambda p: _each(
            p, "support", lambda s: newest_first(p.relations.linked(s, "innovations"), "started")
        ),
        lambda p, s: f"Innovationer som fått stöd av {s.title}",
        lambda p, s: [_own_page(s), CATALOG],
        "whole",
    ),
    ListView(
        "innovations/utmaning/{id}",
        "innovationer/utmaning/{id}",
        "innovations",
        lambda p: _each(
            p,
            "challenges",
            lambda c: newest_first(p.relations.linked(c, "innovations"), "started"),
        ),
        lambda p, c: f"Innovationer som svarar på utmaningen {c.title}",
        lambda p, c: [_own_page(c), CATALOG],
        "whole",
    ),
    ListView(
        "spread",
        "spridning/tabell",
        "matrix",
        lambda p: [("", None, p.catalog.spread_order())],
        lambda p, _: "Spridning: innovationer och kommuner",
        lambda p, _: [SPREAD, CATALOG],
    ),
    ListView(
        "tags/{id}",
        "taggar/{slug}",
        "tagged",
        lambda p: [(tag, tag, entries) for tag, entries in p.tags.index.items()],
        lambda p, tag: f"Taggen {tag}",
        lambda p, tag: [TAGS],
        "none",
    ),
    ListView(
        "training/upcoming",
        "utbildning/lista/kommande",
        "sessions",
        lambda p: [("", None, p.catalog.sessions(p.entries["training"], True))],
        lambda p, _: "Kommande utbildningstillfällen",
        lambda p, _: [TRAINING],
    ),
    ListView(
        "training/past",
        "utbildning/lista/genomforda",
        "past-sessions",
        lambda p: [("", None, p.catalog.sessions(p.entries["training"], False))],
        lambda p, _: "Genomförda utbildningstillfällen",
        lambda p, _: [TRAINING],
    ),
    ListView(
        "training/courses",
        "utbildning/lista/kurser",
        "courses",
        lambda p: [("", None, p.catalog.courses())],
        lambda p, _: "Kurser och utbildningar",
        lambda p, _: [TRAINING],
    ),
    ListView(
        "challenges/status/{id}",
        "utmaningar/status/{id}",
        "challenges",
        lambda p: [
            (s, s, [c for c in p.entries["challenges"] if c.get("status") == s])
            for s in p.values("challenge_status")
        ],
        lambda p, s: f"{plural(p.label('challenge_status', s))} utmaningar",
        lambda p, s: [CHALLENGES],
    ),
    ListView(
        "challenges/kommun/{id}",
        "utmaningar/kommun/{id}",
        "challenge-lines",
        lambda p: _each(p, "municipalities", lambda mu: p.relations.linked(mu, "challenges")),
        lambda p, mu: f"Utmaningar i {p.short_name(mu)}",
        lambda p, mu: [_own_page(mu), CHALLENGES],
    ),
    ListView(
        "waiting/{id}",
        "laget/vantar/{id}",
        "waiting",
        lambda p: [(mu, mu, waiting) for mu, waiting in p.timelines.stale_ideas()],
        lambda p, mu: f"Idéer som väntar i {p.short_name(mu)}",
        lambda p, mu: [SITUATION],
    ),
)


def listings(p: Portal, page_size: int, preview: int) -> dict[str, Listing]:
    """Every list of LISTS, by key (`ideas/status/testing`)."""
    shown = {"overview": preview, "whole": page_size, "none": 0}
    out: dict[str, Listing] = {}
    for view in LISTS:
        noun, order, source = LIST_KINDS[view.kind]
        for group, subject, rows in view.groups(p):
            slug = p.tags.slugs[group] if "{slug}" in view.folder else group
            out[view.key.format(id=group)] = Listing(
                folder=f"{G}/{view.folder.format(id=group, slug=slug)}",
                title=view.title(p, subject),
                rows=tuple(rows),
                kind=view.kind,
                noun=noun,
                order=order,
                links=tuple(view.links(p, subject)),
                source=source,
                preview=shown[view.preview],
                size=page_size,
            )
    return out


# --- other regions (the federation's cache): beside ours, never as ours -------------------

OPEN_CHALLENGE = "open"  # the status id forks keep, as they keep area ids


def _alphabetical(items: Iterable[RemoteItem]) -> tuple[RemoteItem, ...]:
    return tuple(sorted(items, key=lambda i: (sv_key(i.title), i.id)))


def _open_challenges(portal: RemotePortal) -> tuple[RemoteItem, ...]:
    return tuple(c for c in portal.challenges if c.state == OPEN_CHALLENGE)


def network_listings(
    network: Sequence[RemotePortal], page_size: int, preview: int
) -> dict[str, Listing]:
    """Each portal's innovations and open challenges as long lists: the network page
    shows their first rows, the rest get pages of their own, so that 20 portals of 5 000
    innovations each stay pages of a readable size."""
    out: dict[str, Listing] = {}
    for portal in network:
        for collection, folder, rows, title in (
            ("innovations", "innovationer", portal.innovations, "Innovationer från"),
            ("challenges", "utmaningar", _open_challenges(portal), "Öppna utmaningar hos"),
        ):
            kind = f"remote-{collection}"
            noun, order, source = NETWORK_KINDS[kind]
            out[f"network/{portal.id}/{collection}"] = Listing(
                folder=f"{G}/natverket/{portal.id}/{folder}",
                title=f"{title} {portal.name}",
                rows=_alphabetical(rows),
                kind=kind,
                noun=noun,
                order=order,
                links=(NETWORK, CATALOG),
                source=source,
                preview=preview,
                size=page_size,
            )
    return out


def network_in_area(
    network: Sequence[RemotePortal], area: str
) -> list[tuple[RemotePortal, tuple[RemoteItem, ...]]]:
    """Per portal, its innovations in one of our areas: a fork keeps the area ids, so an
    id that matches is the same area (one that does not is shown on the catalogue only)."""
    out = []
    for portal in network:
        items = _alphabetical(i for i in portal.innovations if i.area == area)
        if items:
            out.append((portal, items))
    return out


# Lists whose first page shows other regions' items of the same group: the key's
# prefix → the group's id (the rest of the key).
AREA_LISTS = "innovations/omrade/"


def network_beside(
    key: str, network: Sequence[RemotePortal]
) -> list[tuple[RemotePortal, tuple[RemoteItem, ...]]]:
    """Other regions' items to show below one of our lists (none for most lists)."""
    if key.startswith(AREA_LISTS):
        return network_in_area(network, key.removeprefix(AREA_LISTS))
    return []


@dataclass(frozen=True)
class PageView:
    """One generated page: where, from which template, its title and description, the
    collection whose folder its "Redigera" link opens, and what its template needs."""

    path: str
    template: str
    title: str
    description: str
    source: str
    hide: tuple[str, ...] = ()
    # How search finds it (sluss.outputs.search): "lead" by its title and description,
    # "all" by its whole text as built.
    search: str = "lead"
    context: Callable[[Portal, dict[str, Listing]], dict[str, Any]] = field(
        default=lambda p, lists: {}
    )


def _evidence_counts(p: Portal, lists: dict[str, Listing]) -> dict[str, Any]:
    """How many innovations have each evidence level (every level, zero or not)."""
    counts = dict.fromkeys(p.values("evidence_level"), 0)
    for innovation in p.innovations:
        counts[evidence_level(innovation)] = counts.get(evidence_level(innovation), 0) + 1
    return {"counts": counts}


def _idea_form_context(p: Portal, lists: dict[str, Listing]) -> dict[str, Any]:
    return {
        "areas": [p.label("area", area) for area in p.values("area")],
        "mail_template": template(),
        "no_challenge": NO_CHALLENGE,
    }


PAGES: tuple[PageView, ...] = (
    PageView(
        IDEA_FORM[0],
        "lamna-ide.md.j2",
        IDEA_FORM[1],
        "Lämna en idé till innovationsslussen utan konto: formuläret skriver ett mejl till "
        "kommunens brevlåda för idéer.",
        "",
        hide=("navigation",),
        search="all",
        context=_idea_form_context,
    ),
    PageView(
        f"{G}/idebank/index.md",
        "idebank.md.j2",
        "Idébank",
        "Alla idéer i slussen, ordnade efter status.",
        "ideas",
        hide=("navigation",),
        context=lambda p, lists: {
            "columns": [(s, lists[f"ideas/status/{s}"]) for s in p.values("idea_status")],
        },
    ),
    PageView(
        f"{G}/idebank/kommuner.md",
        "idebank-grupper.md.j2",
        "Idéer per kommun",
        "Idéerna i slussen ordnade efter kommun.",
        "ideas",
        context=lambda p, lists: {
            "groups": [
                (mu.id, p.short_name(mu), lists[f"ideas/kommun/{mu.id}"])
                for mu in p.entries["municipalities"]
                if lists[f"ideas/kommun/{mu.id}"].count
            ],
            "by": "municipality",
        },
    ),
    PageView(
        f"{G}/idebank/omraden.md",
        "idebank-grupper.md.j2",
        "Idéer per område",
        "Idéerna i slussen ordnade efter verksamhetsområde.",
        "ideas",
        context=lambda p, lists: {
            "groups": [
                (area, p.label("area", area), lists[f"ideas/omrade/{area}"])
                for area in p.values("area")
                if f"ideas/omrade/{area}" in lists
            ],
            "by": "area",
        },
    ),
    PageView(
        f"{G}/utmaningar/index.md",
        "utmaningar.md.j2",
        "Utmaningar",
        "Verkliga utmaningar som idéerna ska svara på.",
        "challenges",
    ),
    # Indexed by its title and description only: the other regions' items are their
    # sites' pages, found by their search, never by ours.
    PageView(
        NETWORK[0],
        "natverket.md.j2",
        NETWORK[1],
        "Andra regioners innovationsslussar: deras innovationer och öppna utmaningar, och "
        "hur en sluss går med i nätverket.",
        "",
    ),
    PageView(
        f"{G}/innovationer/index.md",
        "innovationer.md.j2",
        "Innovationskatalog",
        "Testade innovationer, dokumenterade för att andra kommuner ska kunna återanvända dem.",
        "innovations",
    ),
    PageView(
        EVIDENCE[0],
        "evidensnivaer.md.j2",
        EVIDENCE[1],
        "Vad evidensnivåerna i innovationskatalogen betyder och vad en chef kan dra för "
        "slutsats av dem.",
        "",
        search="all",
        context=_evidence_counts,
    ),
    PageView(
        f"{G}/spridning.md",
        "spridning.md.j2",
        "Spridning",
        "Vilka kommuner som använder vilka innovationer.",
        "innovations",
        hide=("navigation", "toc"),
    ),
    PageView(
        f"{G}/utbildning/index.md",
        "utbildningar.md.j2",
        "Utbildning",
        "Utbildningar i förändringsledarskap och innovation, med kommande tillfällen.",
        "training",
    ),
    PageView(
        f"{G}/stod/index.md",
        "stod.md.j2",
        "Stödsystemet",
        "Aktörer som stöttar kommunernas innovationsarbete, per fas i slussen.",
        "support",
        hide=("navigation",),
    ),
    PageView(
        f"{G}/kommuner/index.md",
        "kommuner.md.j2",
        "Kommuner",
        "De medverkande kommunerna och deras arbete i slussen.",
        "municipalities",
    ),
    PageView(
        f"{G}/laget.md",
        "laget.md.j2",
        "Läget i slussen",
        "Statistik över idéerna i slussen: status, kommuner och tid.",
        "ideas",
        hide=("navigation",),
    ),
    PageView(
        f"{G}/taggar.md",
        "taggar.md.j2",
        "Taggar",
        "Alla ämnesord i portalen och vad som är märkt med dem.",
        "",
    ),
    PageView(
        f"{G}/data/index.md",
        "oppna-data.md.j2",
        "Öppna data",
        "Portalens innehåll som öppna data: CSV, JSON, Atom-flöden och kalender.",
        "",
        search="all",
    ),
    PageView(
        SEARCH[0],
        "sok.md.j2",
        SEARCH[1],
        "Sök bland idéer, utmaningar, innovationer, utbildningar och stödaktörer, och "
        "filtrera på typ, status, kommun, område, evidensnivå och taggar.",
        "",
        hide=("navigation", "toc"),
        search="none",
    ),
)

# Parts the hand-written start page includes, rendered as if they were on it.
FRAGMENTS = (
    (f"{G}/_delar/start-siffror.md", "start-siffror.md.j2"),
    (f"{G}/_delar/start-nytt.md", "start-nytt.md.j2"),
    (f"{G}/_delar/start-utbildning.md", "start-utbildning.md.j2"),
    # "Så bidrar du" (bidra.md, beside index.md) includes it too.
    (f"{G}/_delar/svarstider.md", "svarstider.md.j2"),
)

ITEM_TEMPLATES = {
    "ideas": "ide.md.j2",
    "challenges": "utmaning.md.j2",
    "innovations": "innovation.md.j2",
    "training": "utbildning.md.j2",
    "support": "stodaktor.md.j2",
    "municipalities": "kommun.md.j2",
}
