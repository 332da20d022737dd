"""One published item and the addresses of pages: where each item lives on the site."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sluss.content.load import Item
from sluss.core.model import COLLECTIONS
from sluss.core.text import fenced_lines, may_hold_fence

GENERATED = "slussen"  # the git-ignored folder under docs/ that the generator owns


@dataclass(frozen=True)
class Entry:
    """One published item and the page it gets on the site."""

    item: Item
    page: str  # path under docs/, e.g. slussen/ideer/digitala-las.md

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def collection(self) -> str:
        return self.item.collection

    @property
    def data(self) -> dict[str, Any]:
        return self.item.data

    @property
    def title(self) -> str:
        return str(self.item.data.get("title", self.item.id))

    @property
    def summary(self) -> str:
        return str(self.item.data.get("summary", ""))

    @property
    def tags(self) -> list[str]:
        return [str(t) for t in self.item.data.get("tags") or []]

    @property
    def mailbox(self) -> str:
        """The function mailbox of its contact (a municipality's door for ideas), or ''."""
        contact = self.item.data.get("contact")
        email = contact.get("email") if isinstance(contact, dict) else None
        return email if isinstance(email, str) else ""

    @property
    def body(self) -> str:
        return self.item.body.strip()

    @property
    def body_section(self) -> str:
        """The body one heading level down, to sit under the page's own `##` section."""
        lines = self.body.split("\n")
        code = fenced_lines(lines) if may_hold_fence(self.body) else set()
        return "\n".join(
            "#" + line if j not in code and line.startswith("#") else line
            for j, line in enumerate(lines)
        )

    def get(self, key: str, default: Any = None) -> Any:
        return self.item.data.get(key, default)


def page_of(collection: str, item_id: str) -> str:
    return f"{GENERATED}/{COLLECTIONS[collection].slug_sv}/{item_id}.md"


def relative_link(target: str, here: str) -> str:
    """A link from page `here` to page `target` (both docs-relative .md paths).

    `posixpath.relpath` would give the same, but it makes both paths absolute against
    the working folder first; at tens of thousands of links per build that showed."""
    start = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(start) and common < len(parts) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def site_base(site_url: str) -> str:
    """The site's address with one trailing slash ('' if unknown: links stay relative)."""
    return site_url.rstrip("/") + "/" if site_url else ""


def page_url(base: str, page: str) -> str:
    """The address of a docs page (`slussen/ideer/x.md`) with MkDocs' directory URLs."""
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index")
    return base + (path + "/" if path else "")
