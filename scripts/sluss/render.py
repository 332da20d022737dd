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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from .charts import bar_chart
from .export import open_data
from .feeds import StatusEvent, feeds
from .fieldref import PAGE as FIELD_REFERENCE
from .fieldref import field_reference
from .ical import calendars, course_calendar
from .model import COLLECTIONS
from .portal import GENERATED, Entry, Portal, relative_link
from .similar import similar_entries

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


class Renderer:
    """Renders every generated page of a portal to Markdown text."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("sluss", "templates"),
            autoescape=False,  # Markdown, not HTML: values go through the `md` filter
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(md=md, attr=attr, sek=sek, day=day, when=when)
        self.env.globals.update(
            portal=portal,
            label=portal.label,
            short=portal.short_name,
            collections=COLLECTIONS,
            vocab=portal.vocab,
            similar=lambda e: similar_entries(portal, e),
            course_calendar=course_calendar,
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
        if edit_url:
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

        def page(
            path: str, template: str, title: str, description: str, source: str = "", **ctx: Any
        ) -> None:
            hide = ctx.pop("hide", None)
            extra = {"hide": hide} if hide else {}
            edit = config.source_url(source) if "." in source else config.folder_url(source)
            out[path] = self.front_matter(title, description, edit, **extra) + self.render(
                template, path, title=title, **ctx
            )

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
            groups=p.ideas_by("municipality"),
            group_label=p.short_name,
            by="municipality",
        )
        page(
            f"{base}/idebank/omraden.md",
            "idebank-grupper.md.j2",
            "Idéer per område",
            "Idéerna i slussen ordnade efter verksamhetsområde.",
            "ideas",
            groups={k: v for k, v in p.ideas_by("area", "area").items() if v},
            group_label=lambda a: p.label("area", a),
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
        )
        out[FIELD_REFERENCE] = field_reference(p.vocab, FIELD_REFERENCE, self.ids())

        templates = {
            "ideas": "ide.md.j2",
            "challenges": "utmaning.md.j2",
            "innovations": "innovation.md.j2",
            "training": "utbildning.md.j2",
            "support": "stodaktor.md.j2",
            "municipalities": "kommun.md.j2",
        }
        for collection, template in templates.items():
            for entry in p.entries[collection]:
                page(entry.page, template, entry.title, entry.summary, entry.item.path, e=entry)
        return out

    def ids(self) -> dict[str, list[str]]:
        """Published ids per collection (for templates and examples that list them)."""
        return {name: [e.id for e in entries] for name, entries in self.portal.entries.items()}

    def open_data(
        self, site_url: str, status_events: Sequence[StatusEvent] | None = None
    ) -> dict[str, str]:
        """Exports, Atom feeds and calendars, written beside the pages."""
        p = self.portal
        return open_data(p, site_url) | feeds(p, site_url, status_events) | calendars(p, site_url)

    def charts(self) -> dict[str, str]:
        p = self.portal
        return {
            f"{GENERATED}/diagram/tratten.svg": bar_chart(p.funnel(), "Slussens tratt", True),
            f"{GENERATED}/diagram/per-kvartal.svg": bar_chart(
                p.ideas_per_quarter(), "Inkomna idéer per kvartal"
            ),
            f"{GENERATED}/diagram/per-status.svg": bar_chart(
                [(p.label("idea_status", s), n) for s, n in p.status_counts().items()],
                "Idéer per status",
            ),
        }


def write_pages(docs: Path, files: dict[str, str], log: Callable[[str], None] = print) -> int:
    """Write what changed, delete what is gone; return how many files were written."""
    root = docs / GENERATED
    written = 0
    for rel, text in sorted(files.items()):
        target = docs / rel
        # Compare bytes: CSV and iCalendar files keep their CRLF line ends.
        if target.is_file() and target.read_bytes() == text.encode("utf-8"):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written += 1
    wanted = {docs / rel for rel in files}
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    if written:
        log(f"{written} genererade filer uppdaterade i {root.as_posix()}")
    return written
