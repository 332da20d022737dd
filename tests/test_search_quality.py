"""The labelled Swedish queries (bench/search_queries.yml), typed into the site's own search
box in Chromium on the sample site: each finds what it must among its first five results.

Precision and recall of the same run are bench/search_quality.py's to print; they are in
bench/RESULTS.md ("Sök"), not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from search_quality import load_queries, run

from support import Session

pytestmark = pytest.mark.browser


def test_the_set_is_large_and_labelled() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    assert {q.kind for q in queries} >= {"everyday", "synonym", "inflection", "compound"}
    assert {"name", "misspelling"} <= {q.kind for q in queries}
    assert all(q.all or q.any for q in queries), "a query must say what it must find"


@pytest.mark.parametrize("width", [1280, 375])
def test_every_query_finds_its_pages_among_the_first_five(
    session: Session, sample_site: Path, width: int
) -> None:
    verdicts = list(run(session.open(width=width), load_queries()))
    failed = [f"{v.query.query!r}: {v.top}" for v in verdicts if not v.passed]
    assert not failed, "sökningar som inte hittar det de ska:\n" + "\n".join(failed)
    for v in verdicts:  # every page named in the set exists on the site
        for name in v.query.relevant:
            assert (sample_site / "site/slussen" / name / "index.html").is_file(), name
