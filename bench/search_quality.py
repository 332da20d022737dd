"""How well the site's search finds what people look for: the labelled Swedish queries of
bench/search_queries.yml, typed into the site's own search box in Chromium.

    python bench/search_quality.py [site]   # a built site; by default this checkout's site/

prints each query's first five results and, per kind of query, how many passed (every
page it must find among the first five), precision in the first five and recall. The
test suite holds every query to the same rule (tests/test_search_quality.py).
"""

from __future__ import annotations

import statistics
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
TOP = 5


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    all: tuple[str, ...] = ()  # each must be among the first five
    any: tuple[str, ...] = ()  # one of them must be
    also: tuple[str, ...] = ()  # right too, not required

    @property
    def relevant(self) -> set[str]:
        return {*self.all, *self.any, *self.also}


@dataclass
class Verdict:
    query: Query
    top: list[str] = field(default_factory=list)  # the first five results, as slussen/ paths

    @property
    def passed(self) -> bool:
        top = set(self.top)
        return set(self.query.all) <= top and (
            not self.query.any or bool(top & set(self.query.any))
        )

    @property
    def precision(self) -> float:
        """Share of the first five results (as many as there are) that are right."""
        return sum(r in self.query.relevant for r in self.top) / len(self.top) if self.top else 0.0

    @property
    def recall(self) -> float:
        """Share of the right pages found among the first five, of as many as fit there."""
        relevant = self.query.relevant
        return sum(r in relevant for r in self.top) / min(TOP, len(relevant))


def load_queries(path: Path = QUERIES) -> list[Query]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(
            str(q["query"]),
            str(q["kind"]),
            tuple(q.get("all") or ()),
            tuple(q.get("any") or ()),
            tuple(q.get("also") or ()),
        )
        for q in raw["queries"]
    ]


# The dialog's status line is empty while the field is, and says "N träffar" or "Inga
# träffar" once the results of what was typed are shown.
_SETTLED = "() => document.querySelector('.sluss-search__status').textContent !== ''"
_CLEARED = "() => document.querySelector('.sluss-search__status').textContent === ''"


def ask(page: Any, text: str) -> list[str]:
    """Type `text` into the open search dialog; the first five results as slussen/ paths."""
    page.fill("#sluss-search-input", "")
    page.wait_for_function(_CLEARED)
    page.type("#sluss-search-input", text)
    page.wait_for_function(_SETTLED)
    hrefs = page.eval_on_selector_all(
        "ol.sluss-results .sluss-result__title", "links => links.map(a => a.href)"
    )
    return [_short(h) for h in hrefs[:TOP]]


def _short(href: str) -> str:
    path = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
    return path.split("/slussen/", 1)[-1].strip("/") if "/slussen/" in path else path


def open_search(page: Any) -> None:
    page.click(".sluss-search-button")
    page.wait_for_selector("#sluss-search-input", state="visible")


def run(page: Any, queries: list[Query]) -> Iterator[Verdict]:
    """Every query through the dialog of `page` (a page of the site, already loaded)."""
    open_search(page)
    for q in queries:
        yield Verdict(q, ask(page, q.query))


def summary(verdicts: list[Verdict]) -> list[tuple[str, int, int, float, float]]:
    """Per kind and in all: (kind, queries, passed, mean precision@5, mean recall@5)."""
    kinds = [*sorted({v.query.kind for v in verdicts}), "alla"]
    rows = []
    for kind in kinds:
        group = [v for v in verdicts if kind == "alla" or v.query.kind == kind]
        rows.append(
            (
                kind,
                len(group),
                sum(v.passed for v in group),
                statistics.mean(v.precision for v in group),
                statistics.mean(v.recall for v in group),
            )
        )
    return rows


def main() -> None:
    from machine import CHROME_ARGS, CHROMIUM, serve
    from playwright.sync_api import sync_playwright

    site = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[1] / "site")
    queries = load_queries()
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        verdicts = list(run(page, queries))
        browser.close()
    for v in verdicts:
        mark = "ok " if v.passed else "NEJ"
        print(f"{mark} {v.query.kind:11} {v.query.query:22} {' | '.join(v.top)}")
    print(f"\n{'sort':12} {'frågor':>6} {'klarade':>8} {'precision@5':>12} {'recall@5':>9}")
    for kind, n, passed, precision, recall in summary(verdicts):
        print(f"{kind:12} {n:>6} {passed:>8} {precision:>12.2f} {recall:>9.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
