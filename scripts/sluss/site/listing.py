"""Long lists split into pages: the one mechanism behind every long list of the site."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Long lists (pages that scale to 10 000 ideas). An overview shows the first
# PREVIEW rows of a list; a list with more rows gets pages of its own, PAGE_SIZE rows each.
PAGE_SIZE = 100
PREVIEW = 10


@dataclass(frozen=True)
class Listing:
    """A list that may grow too long for one page: the one mechanism behind every long
    list of the site. An overview shows its first `preview` rows and, when there are
    more, links to the whole list, split into pages of `size` rows under `folder`
    (`index.md`, `sida-2.md`, …). `kind` names the layout of a row on those pages."""

    folder: str  # docs folder of its pages, e.g. slussen/idebank/status/submitted
    title: str  # the heading of its pages, plain text
    rows: Sequence[Any]
    kind: str  # the layout of a row: a macro of templates/_listor.md.j2
    noun: str  # what a row is, plural: "idéer"
    order: str  # in which order the rows come: "nyast först"
    links: tuple[tuple[str, str], ...] = ()  # (docs path, title): where the list belongs
    source: str = ""  # the content folder its rows come from (the edit link)
    preview: int = PREVIEW
    size: int = PAGE_SIZE
    # Pages of its own even when the overview shows every row: for what its first page
    # shows beside the rows (an area's innovations in other regions).
    own_page: bool = False

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def shown(self) -> Sequence[Any]:
        """The rows an overview shows."""
        return self.rows[: self.preview]

    @property
    def paged(self) -> bool:
        """Whether the list has pages of its own (more rows than an overview shows)."""
        return len(self.rows) > self.preview or self.own_page

    @property
    def pages(self) -> list[str]:
        """Docs paths of its pages, the first one first; none when not `paged`."""
        if not self.paged:
            return []
        number = max(1, math.ceil(len(self.rows) / self.size))
        return [f"{self.folder}/index.md"] + [
            f"{self.folder}/sida-{n}.md" for n in range(2, number + 1)
        ]

    @property
    def first(self) -> str:
        return f"{self.folder}/index.md"

    def page_rows(self, number: int) -> Sequence[Any]:
        """The rows of page `number` (1-based)."""
        return self.rows[(number - 1) * self.size : number * self.size]


def page_window(current: int, last: int, around: int = 2) -> list[int | None]:
    """Page numbers a pager shows: the first, the last and `around` either side of the
    current one; None where numbers are left out (shown as …)."""
    wanted = {1, last, *range(current - around, current + around + 1)}
    out: list[int | None] = []
    for n in sorted(x for x in wanted if 1 <= x <= last):
        if out and out[-1] is not None and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out
