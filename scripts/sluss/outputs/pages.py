"""Generated Markdown pages: the plan of pages, the Jinja2 templates that lay
them out, and a writer that only touches files whose text changed.

Deterministic: everything is sorted, and the only date is `Portal.as_of`,
which the caller chooses.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Sequence
from typing import Any

import jinja2

from sluss.core.model import COLLECTIONS
from sluss.core.text import fenced_lines, may_hold_fence
from sluss.outputs.calendars import course_calendar
from sluss.outputs.fieldref import PAGE as FIELD_REFERENCE
from sluss.outputs.fieldref import field_reference
from sluss.site import listing as paging
from sluss.site.catalog import newest_first
from sluss.site.entry import GENERATED, Entry, relative_link
from sluss.site.listing import Listing, page_window
from sluss.site.portal import Portal

MONTHS = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")
_MD_ESCAPE = re.compile(r"([\\`*_\[\]|])")


def md(text: object) -> str:
    """Plain text made safe inside Markdown: no markup, no HTML, one line."""
    flat = " ".join(str(text).split())
    return _MD_ESCAPE.sub(r"\\\1", html.escape(flat, quote=False))


def attr(text: object) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def sek(value: object) -> str:
    return f"{int(str(value)):,}".replace(",", "\u00a0") + "\u00a0kr"


def num(value: object) -> str:
    """A count the Swedish way: `1 302` (a narrow no-break space between thousands)."""
    return f"{int(str(value)):,}".replace(",", "\u202f")


def day(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def when(session: dict[str, Any]) -> str:
    """`10 feb 2027 kl. 09.00–16.00` (or two dates when it spans days)."""
    start, end = session.get("start"), session.get("end")
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return ""

    def date_text(d: dt.datetime) -> str:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    if start.date() == end.date():
        return f"{date_text(start)} kl. {start:%H.%M}–{end:%H.%M}"
    return f"{date_text(start)} kl. {start:%H.%M} – {date_text(end)} kl. {end:%H.%M}"


# A heading after a page's lead, and the attribute list our templates give headings.
_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*$")
_ATTR_LIST = re.compile(r"\{:?\s*(#[\w-]+)\s*\}$")
SEARCH_EXCLUDE = 'data-search-exclude="true"'


def lead_only(text: str) -> str:
    """Keep only a page's lead (its title and what comes before the first `##`) in the
    search index: every later heading gets Material's `data-search-exclude`, which
    leaves its section out. Item pages are found by title, summary and facts (tags,
    municipality, area); their long sections would make the index too large for the
    browser. With a value, the attribute is gone from the built page."""
    out, lines = [], text.split("\n")
    code = fenced_lines(lines) if may_hold_fence(text) else set()
    for j, line in enumerate(lines):
        if j not in code and line.startswith("##") and (found := _HEADING.match(line)):
            hashes, heading = found.groups()
            heading = re.sub(r"\s+#+$", "", heading)  # an ATX closing sequence
            attrs = _ATTR_LIST.search(heading)
            if attrs:
                heading = heading[: attrs.start()] + f"{{ {attrs.group(1)} {SEARCH_EXCLUDE} }}"
            else:
                heading += f" {{ {SEARCH_EXCLUDE} }}"
            line = f"{hashes} {heading}"
        out.append(line)
    return "\n".join(out)


# The kinds of rows a long list can hold (a macro each in templates/_listor.md.j2):
# what a row is (plural), in which order the rows come, and the content folder they are
# edited in.
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


ITEM_TEMPLATES = {
    "ideas": "ide.md.j2",
    "challenges": "utmaning.md.j2",
    "innovations": "innovation.md.j2",
    "training": "utbildning.md.j2",
    "support": "stodaktor.md.j2",
    "municipalities": "kommun.md.j2",
}


class Renderer:
    """Renders every generated page of a portal to Markdown text.

    `page_size` and `preview` (rows per page of a long list, rows an overview shows)
    default to `PAGE_SIZE` and `PREVIEW` of `sluss.site.listing`, read when a renderer is
    made (a test may set them)."""

    def __init__(
        self, portal: Portal, page_size: int | None = None, preview: int | None = None
    ) -> None:
        self.portal = portal
        self.page_size = page_size or paging.PAGE_SIZE
        self.preview = paging.PREVIEW if preview is None else preview
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("sluss.outputs", "templates"),
            autoescape=False,  # Markdown, not HTML: values go through the `md` filter
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Templates ship with the package: no need to stat them for changes on each
            # of the 15 000 renders of a large build.
            auto_reload=False,
        )
        self.env.filters.update(md=md, attr=attr, sek=sek, day=day, when=when, num=num)
        self.lists = self.listings()
        self.env.globals.update(
            portal=portal,
            label=portal.label,
            short=portal.short_name,
            collections=COLLECTIONS,
            similar=lambda e: portal.similar.entries(e),
            course_calendar=course_calendar,
            lists=self.lists,
            page_window=page_window,
        )

    def render(self, template: str, here: str, **context: Any) -> str:
        def link(target: Entry | str) -> str:
            path = target.page if isinstance(target, Entry) else target
            return relative_link(path, here)

        return self.env.get_template(template).render(here=here, link=link, **context)

    def front_matter(self, title: str, description: str, edit_url: str, **extra: Any) -> str:
        # Material puts these into the HTML unescaped (<title>, the header, a meta
        # attribute), so they are escaped here: a title can never become markup.
        meta: dict[str, Any] = {"title": attr(title), "description": attr(description)}
        # Always set: an empty one hides the edit button of a page no one file makes.
        meta["edit_url"] = edit_url
        meta.update(extra)
        lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
        return "---\n" + "\n".join(lines) + "\n---\n\n"

    # --- the plan -------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every generated file: docs-relative path → text."""
        p = self.portal
        config = p.config
        out: dict[str, str] = {}

        def page(path: str, *args: Any, **ctx: Any) -> None:
            out[path] = self.page_text(path, *args, **ctx)

        # Fragments the hand-written start page includes (links relative to index.md).
        out[f"{GENERATED}/_delar/start-siffror.md"] = self.render("start-siffror.md.j2", "index.md")
        out[f"{GENERATED}/_delar/start-nytt.md"] = self.render("start-nytt.md.j2", "index.md")

        base = GENERATED
        page(
            f"{base}/idebank/index.md",
            "idebank.md.j2",
            "Idébank",
            "Alla idéer i slussen, ordnade efter status.",
            "ideas",
            hide=["navigation"],
            columns=[(s, self.lists[f"ideas/status/{s}"]) for s in p.values("idea_status")],
            idea_form_url=f"{config.repo_url.rstrip('/')}/issues/new?template=ide.yml"
            if config.repo_url
            else "",
        )
        page(
            f"{base}/idebank/kommuner.md",
            "idebank-grupper.md.j2",
            "Idéer per kommun",
            "Idéerna i slussen ordnade efter kommun.",
            "ideas",
            groups=[
                (mu.id, p.short_name(mu), self.lists[f"ideas/kommun/{mu.id}"])
                for mu in p.entries["municipalities"]
                if self.lists[f"ideas/kommun/{mu.id}"].count
            ],
            by="municipality",
        )
        page(
            f"{base}/idebank/omraden.md",
            "idebank-grupper.md.j2",
            "Idéer per område",
            "Idéerna i slussen ordnade efter verksamhetsområde.",
            "ideas",
            groups=[
                (area, p.label("area", area), self.lists[f"ideas/omrade/{area}"])
                for area in p.values("area")
                if f"ideas/omrade/{area}" in self.lists
            ],
            by="area",
        )
        page(
            f"{base}/utmaningar/index.md",
            "utmaningar.md.j2",
            "Utmaningar",
            "Verkliga utmaningar som idéerna ska svara på.",
            "challenges",
        )
        page(
            f"{base}/innovationer/index.md",
            "innovationer.md.j2",
            "Innovationskatalog",
            "Testade innovationer, dokumenterade för att andra kommuner ska kunna återanvända dem.",
            "innovations",
        )
        page(
            f"{base}/spridning.md",
            "spridning.md.j2",
            "Spridning",
            "Vilka kommuner som använder vilka innovationer.",
            "innovations",
            hide=["navigation", "toc"],
        )
        page(
            f"{base}/utbildning/index.md",
            "utbildningar.md.j2",
            "Utbildning",
            "Utbildningar i förändringsledarskap och innovation, med kommande tillfällen.",
            "training",
        )
        page(
            f"{base}/stod/index.md",
            "stod.md.j2",
            "Stödsystemet",
            "Aktörer som stöttar kommunernas innovationsarbete, per fas i slussen.",
            "support",
            hide=["navigation"],
        )
        page(
            f"{base}/kommuner/index.md",
            "kommuner.md.j2",
            "Kommuner",
            "De medverkande kommunerna och deras arbete i slussen.",
            "municipalities",
        )
        page(
            f"{base}/laget.md",
            "laget.md.j2",
            "Läget i slussen",
            "Statistik över idéerna i slussen: status, kommuner och tid.",
            "ideas",
            hide=["navigation"],
        )
        page(
            f"{base}/taggar.md",
            "taggar.md.j2",
            "Taggar",
            "Alla ämnesord i portalen och vad som är märkt med dem.",
            "",
        )
        page(
            f"{base}/data/index.md",
            "oppna-data.md.j2",
            "Öppna data",
            "Portalens innehåll som öppna data: CSV, JSON, Atom-flöden och kalender.",
            "",
            search="all",
        )
        out[FIELD_REFERENCE] = field_reference(p.vocab, FIELD_REFERENCE, self.ids())

        # Long lists: the pages of every list too long for its overview (see Listing).
        for listing in self.lists.values():
            pages = listing.pages
            for number, path in enumerate(pages, start=1):
                title = listing.title + (f" – sida {number} av {len(pages)}" if number > 1 else "")
                page(
                    path,
                    "lista.md.j2",
                    title,
                    f"{num(listing.count)} {listing.noun}: {listing.title}.",
                    listing.source,
                    search="none",  # the items' own pages are in the index
                    l=listing,
                    number=number,
                )

        for collection in ITEM_TEMPLATES:
            for entry in p.entries[collection]:
                out[entry.page] = self.item_page(entry)
        return out

    def item_page(self, entry: Entry) -> str:
        """The page of one item (the preview re-renders an edited item with this alone)."""
        template = ITEM_TEMPLATES[entry.collection]
        return self.page_text(
            entry.page, template, entry.title, entry.summary, entry.item.path, e=entry
        )

    def page_text(
        self,
        path: str,
        template: str,
        title: str,
        description: str,
        source: str = "",
        search: str = "lead",
        **ctx: Any,
    ) -> str:
        """One page. `search`: "lead" indexes only its lead, "none" nothing, "all" the
        whole page."""
        config = self.portal.config
        extra: dict[str, Any] = {}
        if hide := ctx.pop("hide", None):
            extra["hide"] = hide
        if search == "none":
            extra["search"] = {"exclude": True}
        edit = config.source_url(source) if "." in source else config.folder_url(source)
        body = self.render(template, path, title=title, **ctx)
        return self.front_matter(title, description, edit, **extra) + (
            lead_only(body) if search == "lead" else body
        )

    def listings(self) -> dict[str, Listing]:
        """Every list that can grow with the content, by key (`ideas/status/testing`):
        what it holds, in which order, where its pages go and where it belongs. Its
        overview shows the first rows; `lista.md.j2` lays out the pages of the rest."""
        p = self.portal
        g = GENERATED
        out: dict[str, Listing] = {}

        def add(
            key: str,
            folder: str,
            title: str,
            rows: Sequence[Any],
            kind: str,
            links: Sequence[tuple[str, str]],
            preview: int | None = None,
        ) -> None:
            noun, order, source = LIST_KINDS[kind]
            out[key] = Listing(
                folder=f"{g}/{folder}",
                title=title,
                rows=tuple(rows),
                kind=kind,
                noun=noun,
                order=order,
                links=tuple(links),
                source=source,
                preview=self.preview if preview is None else preview,
                size=self.page_size,
            )

        def label(vocabulary: str, value: str) -> str:
            return p.label(vocabulary, value).lower()

        # A list on the page of the one item it belongs to (a challenge's ideas) is shown
        # whole up to a page's worth: it gets pages of its own only beyond that.
        whole = self.page_size

        bank = (f"{g}/idebank/index.md", "Idébank")
        by_municipality = (f"{g}/idebank/kommuner.md", "Idéer per kommun")
        by_area = (f"{g}/idebank/omraden.md", "Idéer per område")
        for status, ideas in p.catalog.newest_by("ideas", "status", "idea_status").items():
            title = f"Idéer med status {label('idea_status', status)}"
            add(f"ideas/status/{status}", f"idebank/status/{status}", title, ideas, "ideas", [bank])
        for mu in p.entries["municipalities"]:
            ideas = newest_first(p.catalog.ideas_of_municipality(mu), "submitted")
            title = f"Idéer i {p.short_name(mu)}"
            links = [by_municipality, (mu.page, mu.title), bank]
            add(f"ideas/kommun/{mu.id}", f"idebank/kommun/{mu.id}", title, ideas, "ideas", links)
        for area, ideas in p.catalog.newest_by("ideas", "area", "area").items():
            if ideas:
                title = f"Idéer inom {label('area', area)}"
                folder = f"idebank/omrade/{area}"
                add(f"ideas/omrade/{area}", folder, title, ideas, "ideas", [by_area, bank])
        for c in p.entries["challenges"]:
            ideas = newest_first(p.relations.linked(c, "ideas"), "submitted")
            title = f"Idéer som svarar på utmaningen {c.title}"
            links = [(c.page, c.title), bank]
            folder = f"idebank/utmaning/{c.id}"
            add(f"ideas/utmaning/{c.id}", folder, title, ideas, "ideas", links, whole)

        catalog = (f"{g}/innovationer/index.md", "Innovationskatalog")
        spread = (f"{g}/spridning.md", "Spridning")
        for area, found in p.catalog.newest_by("innovations", "area", "area").items():
            if not found:
                continue
            title = f"Innovationer inom {label('area', area)}"
            folder = f"innovationer/omrade/{area}"
            add(f"innovations/omrade/{area}", folder, title, found, "innovations", [catalog])
        for stage, found in p.catalog.newest_by("innovations", "stage", "stage").items():
            if not found:
                continue
            title = f"Innovationer i skedet {label('stage', stage)}"
            folder = f"innovationer/skede/{stage}"
            add(f"innovations/skede/{stage}", folder, title, found, "innovations", [catalog])
        for mu in p.entries["municipalities"]:
            here = (mu.page, mu.title)
            own = newest_first(p.relations.linked(mu, "innovations"), "started")
            title = f"Innovationer från {p.short_name(mu)}"
            folder = f"innovationer/agare/{mu.id}"
            add(f"innovations/agare/{mu.id}", folder, title, own, "innovations", [here, catalog])
            adopted = sorted(
                p.relations.records(mu, "adoptions"),
                key=lambda ia: (str(ia[1].get("since")), ia[0].id),
                reverse=True,
            )
            title = f"Innovationer som {p.short_name(mu)} återanvänder"
            folder = f"innovationer/ateranvant/{mu.id}"
            add(
                f"innovations/ateranvant/{mu.id}",
                folder,
                title,
                adopted,
                "adoptions",
                [here, spread],
            )
        for s in p.entries["support"]:
            found = newest_first(p.relations.linked(s, "innovations"), "started")
            title = f"Innovationer som fått stöd av {s.title}"
            links = [(s.page, s.title), catalog]
            folder = f"innovationer/stod/{s.id}"
            add(f"innovations/stod/{s.id}", folder, title, found, "innovations", links, whole)
        for c in p.entries["challenges"]:
            found = newest_first(p.relations.linked(c, "innovations"), "started")
            title = f"Innovationer som svarar på utmaningen {c.title}"
            links = [(c.page, c.title), catalog]
            folder = f"innovationer/utmaning/{c.id}"
            add(f"innovations/utmaning/{c.id}", folder, title, found, "innovations", links, whole)
        title = "Spridning: innovationer och kommuner"
        matrix = p.catalog.spread_order()
        add("spread", "spridning/tabell", title, matrix, "matrix", [spread, catalog])

        tags = (f"{g}/taggar.md", "Taggar")
        for tag, entries in p.tags.index.items():
            folder = f"taggar/{p.tags.slugs[tag]}"
            add(f"tags/{tag}", folder, f"Taggen {tag}", entries, "tagged", [tags], preview=0)

        training = [(f"{g}/utbildning/index.md", "Utbildning")]
        everything = p.entries["training"]
        title = "Kommande utbildningstillfällen"
        upcoming = p.catalog.sessions(everything, True)
        add("training/upcoming", "utbildning/lista/kommande", title, upcoming, "sessions", training)
        title = "Genomförda utbildningstillfällen"
        past = p.catalog.sessions(everything, False)
        add("training/past", "utbildning/lista/genomforda", title, past, "past-sessions", training)
        title = "Kurser och utbildningar"
        courses = p.catalog.courses()
        add("training/courses", "utbildning/lista/kurser", title, courses, "courses", training)

        challenges = (f"{g}/utmaningar/index.md", "Utmaningar")
        for status in p.values("challenge_status"):
            found = [c for c in p.entries["challenges"] if c.get("status") == status]
            title = f"{p.label('challenge_status', status)} utmaningar"
            folder = f"utmaningar/status/{status}"
            add(f"challenges/status/{status}", folder, title, found, "challenges", [challenges])
        for mu in p.entries["municipalities"]:
            found = p.relations.linked(mu, "challenges")
            title = f"Utmaningar i {p.short_name(mu)}"
            links = [(mu.page, mu.title), challenges]
            folder = f"utmaningar/kommun/{mu.id}"
            add(f"challenges/kommun/{mu.id}", folder, title, found, "challenge-lines", links)

        laget = [(f"{g}/laget.md", "Läget i slussen")]
        for municipality, waiting in p.timelines.stale_ideas():
            title = f"Idéer som väntar i {p.short_name(municipality)}"
            folder = f"laget/vantar/{municipality}"
            add(f"waiting/{municipality}", folder, title, waiting, "waiting", laget)
        return out

    def ids(self) -> dict[str, list[str]]:
        """Published ids per collection (for templates and examples that list them)."""
        return {name: [e.id for e in entries] for name, entries in self.portal.entries.items()}
