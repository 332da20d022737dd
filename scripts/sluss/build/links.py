"""Links in the bodies that the strict build would refuse, found first with their line.

A body is published on its item's page, `slussen/<samling>/<id>.md` under docs/, so a
relative link there resolves from that folder (`../ideer/x.md` is idea x). The build
stops on a link to a page or file that does not exist, a link it cannot read as a page
(`x/` instead of `x.md`) and an anchor that is not on its page. `sluss check` judges
them against the hand-written files of docs/ and the items' pages (the anchors of an
item's page from the page rendered); `sluss build` against every generated page too.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from sluss.content.body_links import Link, anchors_of, links_in
from sluss.content.load import Item
from sluss.content.repository import Repository
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.model import COLLECTIONS
from sluss.site.entry import GENERATED, page_of

# What a link can carry that is no page of this site: an address with a scheme
# (`https:`, `mailto:`), a host (`//`), or a path from the site's root (MkDocs leaves
# those to the reader).
_ELSEWHERE = ("/", "\\")
_ITEM_FOLDERS = frozenset(c.slug_sv for c in COLLECTIONS.values())  # ideer, innovationer…


class _Pages:
    """Which files the site has, and the anchors of a page (read when first asked)."""

    def __init__(
        self,
        docs: Path,
        items: Mapping[str, Item],
        generated: Mapping[str, str | bytes] | None,
        render_item: Callable[[Item], str] | None,
    ) -> None:
        self.docs, self.items, self.generated = docs, items, generated
        self.render_item = render_item
        self.anchors: dict[str, set[str] | None] = {}

    def exists(self, path: str) -> bool | None:
        """True, False, or None when not known (a generated page `sluss check` has not
        made: only `sluss build` knows them all)."""
        if path in self.items or (self.generated is not None and path in self.generated):
            return True
        if path.startswith(f"{GENERATED}/"):
            return False if self.generated is not None or _in_item_folder(path) else None
        return (self.docs / path).is_file()

    def body_has(self, path: str, anchor: str) -> bool:
        """Whether an item's own body has the anchor: then its page, made from it, does
        too, and `sluss check` need not render the page (nor make the portal for it)."""
        item = self.items.get(path)
        return item is not None and anchor in anchors_of(item.body)

    def anchors_on(self, path: str) -> set[str] | None:
        """The page's anchors; None when its text is not known."""
        if path not in self.anchors:
            text = self._text(path)
            self.anchors[path] = anchors_of(text) if text is not None else None
        return self.anchors[path]

    def _text(self, path: str) -> str | None:
        if self.generated is not None and path in self.generated:
            text = self.generated[path]
            return text if isinstance(text, str) else None
        if path in self.items:
            return self.render_item(self.items[path]) if self.render_item else None
        if path.endswith(".md") and not path.startswith(f"{GENERATED}/"):
            try:
                return (self.docs / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
        return None


def _in_item_folder(path: str) -> bool:
    """`slussen/ideer/x.md`: a folder of item pages, where any other name is no item
    (the list pages are named `index.md`)."""
    parts = path.split("/")
    return len(parts) == 3 and parts[1] in _ITEM_FOLDERS and parts[2] != "index.md"


def link_diagnostics(
    repo: Repository,
    generated: Mapping[str, str | bytes] | None = None,
    render_item: Callable[[Item], str] | None = None,
) -> list[Diagnostic]:
    """Every link in a published body that the strict build would refuse. `generated`:
    every generated file (`sluss build`); `render_item`: an item's page, for its anchors
    (without either, the anchors of items' pages are not judged)."""
    items = {
        page_of(item.collection, item.id): item
        for by_id in repo.items.values()
        for item in by_id.values()
        if item.readable and not item.draft
    }
    pages = _Pages(repo.root / "docs", items, generated, render_item)
    out: list[Diagnostic] = []
    for here, item in items.items():
        for link in links_in(item.body):
            out.extend(_judge(item, here, link, pages))
    return out


def _judge(item: Item, here: str, link: Link, pages: _Pages) -> Iterator[Diagnostic]:
    parts = urllib.parse.urlsplit(link.target)
    if parts.scheme or parts.netloc or link.target.startswith(_ELSEWHERE):
        return
    path = urllib.parse.unquote(parts.path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
    line, column = _position(item, link)
    found = False if target.startswith("..") else pages.exists(target)
    if found is False:
        code = "link-missing" if target.endswith(".md") else "link-no-file"
        yield diag(item.path, line, column, code, target=link.target, page=target, here=here)
        return
    if parts.fragment and target.endswith(".md") and not pages.body_has(target, parts.fragment):
        anchors = pages.anchors_on(target)
        if anchors is not None and parts.fragment not in anchors:
            shown = ", ".join(f"#{a}" for a in sorted(anchors)[:8]) or "inga"
            yield diag(
                item.path, line, column, "link-anchor", target=link.target,
                anchor=parts.fragment, page=target, anchors=shown,
            )  # fmt: skip


def _position(item: Item, link: Link) -> tuple[int, int]:
    start = len(item.text) - len(item.body) + link.offset
    line = item.text.count("\n", 0, start) + 1
    return line, start - (item.text.rfind("\n", 0, start) + 1) + 1


def item_page_renderer(repo: Repository, today: dt.date) -> Callable[[Item], str]:
    """An item's page as `sluss build` renders it (without the Git history's dates),
    for the anchors of its template's headings; the portal is made at the first call."""
    made: dict[str, object] = {}

    def render(item: Item) -> str:
        from sluss.content.history import History
        from sluss.outputs.registry import Environment
        from sluss.site.portal import Portal

        if "env" not in made:
            made["env"] = Environment(Portal(repo, today, History()), "")
        env = made["env"]
        assert isinstance(env, Environment)
        entry = env.portal.get(item.collection, item.id)
        return env.renderer.item_page(entry) if entry is not None else ""

    return render
