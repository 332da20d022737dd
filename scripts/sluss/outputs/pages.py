"""Generated Markdown pages: the plan of pages, the Jinja2 templates that lay
them out, and a writer that only touches files whose text changed.

Deterministic: everything is sorted, and the only date is `Portal.as_of`,
which the caller chooses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from sluss.content.federation import RemotePortal
from sluss.core.model import COLLECTIONS
from sluss.core.text import md
from sluss.outputs import words
from sluss.outputs.calendars import course_calendar
from sluss.outputs.fieldref import PAGE as FIELD_REFERENCE
from sluss.outputs.fieldref import field_reference
from sluss.outputs.views import (
    FRAGMENTS,
    ITEM_TEMPLATES,
    PAGES,
    TRAIL,
    WIDE_KINDS,
    listings,
    network_beside,
    network_in_area,
    network_listings,
)
from sluss.outputs.words import counted, plural
from sluss.site import listing as paging
from sluss.site.entry import Entry, relative_link
from sluss.site.listing import Listing, page_window
from sluss.site.network import SimilarElsewhere
from sluss.site.portal import Portal

MONTHS = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")


def attr(text: object) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def sek(value: object) -> str:
    return f"{int(str(value)):,}".replace(",", "\u00a0") + "\u00a0kr"


def num(value: object) -> str:
    """A count the Swedish way: `1 302` (a narrow no-break space between thousands)."""
    return words.number(int(str(value)))


def day(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def long_date(d: dt.date) -> str:
    """`10 feb 2027`."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def when(session: dict[str, Any]) -> str:
    """`10 feb 2027 kl. 09.00–16.00` (or two dates when it spans days)."""
    start, end = session.get("start"), session.get("end")
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return ""
    if start.date() == end.date():
        return f"{long_date(start)} kl. {start:%H.%M}–{end:%H.%M}"
    return f"{long_date(start)} kl. {start:%H.%M} – {long_date(end)} kl. {end:%H.%M}"


def remote_href(url: str) -> str:
    """Another portal's address, safe inside a Markdown link: http(s) only (the fetch
    checked that already; a tampered cache must still not make a `javascript:` link),
    with the characters that would end the link percent-encoded. '' for anything else."""
    if urlsplit(url).scheme not in ("http", "https") or not url.isprintable():
        return ""
    return quote(url, safe=":/?#[]@!$&*+,;=%~")


def _hidden(listing: Listing) -> dict[str, Any]:
    """The side bars a list's pages hide (`hide` in the front matter), if any."""
    hide = WIDE_KINDS.get(listing.kind)
    return {"hide": list(hide)} if hide else {}


class Renderer:
    """Renders every generated page of a portal to Markdown text.

    `page_size` and `preview` (rows per page of a long list, rows an overview shows)
    default to `PAGE_SIZE` and `PREVIEW` of `sluss.site.listing`, read when a renderer is
    made (a test may set them). `network`: other regions' portals, shown beside this
    one's items (outputs/views.py) and as "Liknande i andra regioner", never as its own."""

    def __init__(
        self,
        portal: Portal,
        page_size: int | None = None,
        preview: int | None = None,
        network: Sequence[RemotePortal] = (),
    ) -> None:
        self.portal = portal
        self.network = tuple(network)
        self.elsewhere = SimilarElsewhere(portal, self.network)
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
        self.env.filters.update(
            md=md,
            attr=attr,
            sek=sek,
            day=day,
            when=when,
            long_date=long_date,
            num=num,
            counted=counted,
            plural=plural,
        )
        self.lists = self.listings()
        self.env.globals.update(
            portal=portal,
            # Area labels come from sluss.yml: plain text, escaped like every field.
            label=lambda vocabulary, value, lang="sv": md(portal.label(vocabulary, value, lang)),
            short=portal.short_name,
            collections=COLLECTIONS,
            similar=lambda e: portal.similar.entries(e),
            similar_elsewhere=self.elsewhere.matches,
            support_for=lambda e: portal.catalog.support_for(e),
            course_calendar=course_calendar,
            lists=self.lists,
            page_window=page_window,
            network=self.network,
            # Each portal's innovations for the catalogue, which shows the first `preview`.
            network_innovations=[
                (r, self.lists[f"network/{r.id}/innovations"].rows)
                for r in self.network
                if r.innovations
            ],
            preview=self.preview,
            # How many innovations other regions have in one of our areas.
            network_count=lambda area: sum(
                len(items) for _, items in network_in_area(self.network, area)
            ),
            remote_href=remote_href,
            remote_state=self.remote_state,
        )

    def remote_state(self, vocabulary: str, value: str) -> str:
        """Another portal's stage or status in our words when a fork kept the id, else
        as it came (escaped like every value)."""
        known = value in self.portal.values(vocabulary)
        return md(self.portal.label(vocabulary, value) if known else value)

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

    # --- the plan: outputs/views.py declares the pages and lists -----------------------

    def pages(self) -> dict[str, str]:
        """Every generated page: docs-relative path → Markdown."""
        p = self.portal
        # Fragments the hand-written start page includes (links relative to index.md).
        out = {path: self.render(template, "index.md") for path, template in FRAGMENTS}
        for view in PAGES:
            context = view.context(p, self.lists)
            if view.hide:
                context["hide"] = list(view.hide)
            out[view.path] = self.page_text(
                view.path,
                view.template,
                view.title,
                view.description,
                view.source,
                **context,
            )
        out[FIELD_REFERENCE] = field_reference(p.vocab, FIELD_REFERENCE, self.ids(), p.config)
        # Long lists: the pages of every list too long for its overview (see Listing).
        for key, listing in self.lists.items():
            pages = listing.pages
            for number, path in enumerate(pages, start=1):
                title = listing.title + (f" – sida {number} av {len(pages)}" if number > 1 else "")
                out[path] = self.page_text(
                    path,
                    "lista.md.j2",
                    title,
                    f"{counted(listing.count, listing.noun)}: {listing.title}.",
                    listing.source,
                    l=listing,
                    number=number,
                    beside=network_beside(key, self.network) if number == 1 else [],
                    **_hidden(listing),
                )
        for collection in ITEM_TEMPLATES:
            for entry in p.entries[collection]:
                out[entry.page] = self.item_page(entry)
        return out

    def item_page(self, entry: Entry) -> str:
        """The page of one item (the preview re-renders an edited item with this alone)."""
        template = ITEM_TEMPLATES[entry.collection]
        return self.page_text(
            entry.page,
            template,
            entry.title,
            entry.summary,
            entry.item.path,
            e=entry,
            before=self.crumbs(entry),
        )

    def crumbs(self, entry: Entry) -> str:
        """Where the item's page sits: Start › its list (› its course) › the item.
        Item pages are not in the menu, so this is how a reader sees where they are
        (and sluss.js marks the list's top tab from it)."""
        here = entry.page
        course = self.portal.get("training", entry.get("course"))
        trail = [("index.md", "Start"), *TRAIL[entry.collection]]
        if course is not None:
            trail.append((course.page, course.title))
        steps = [
            f"<li markdown>[{md(title)}]({relative_link(path, here)})</li>" for path, title in trail
        ]
        steps.append(f'<li aria-current="page">{html.escape(entry.title)}</li>')
        return (
            '<nav class="sluss-crumbs" aria-label="Du är här" markdown>\n'
            "<ol markdown>\n" + "\n".join(steps) + "\n</ol>\n</nav>\n\n"
        )

    def page_text(
        self,
        path: str,
        template: str,
        title: str,
        description: str,
        source: str = "",
        **ctx: Any,
    ) -> str:
        """One page: front matter and the rendered template."""
        config = self.portal.config
        extra: dict[str, Any] = {}
        if hide := ctx.pop("hide", None):
            extra["hide"] = hide
        before: str = ctx.pop("before", "")  # markup above the template's: breadcrumbs
        edit = config.source_url(source) if "." in source else config.folder_url(source)
        body = self.render(template, path, title=title, **ctx)
        return self.front_matter(title, description, edit, **extra) + before + body

    def listings(self) -> dict[str, Listing]:
        """Every list that can grow with the content, by key (`ideas/status/testing`)."""
        own = listings(self.portal, self.page_size, self.preview)
        # An area's list gets its page when other regions have innovations in the area,
        # however short our own list: that page is where they are shown beside ours.
        for key, listing in own.items():
            if network_beside(key, self.network):
                own[key] = dataclasses.replace(listing, own_page=True)
        return own | network_listings(self.network, self.page_size, self.preview)

    def ids(self) -> dict[str, list[str]]:
        """Published ids per collection (for templates and examples that list them)."""
        return {name: [e.id for e in entries] for name, entries in self.portal.entries.items()}
