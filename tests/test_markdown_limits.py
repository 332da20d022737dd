"""The body at every limit of `sluss.content.markdown_limits` (bench/markdown_limits.py's
slowest passing body) passes the checker, and what the build does with its text beside
the Markdown renderer stays linear."""

from __future__ import annotations

import time
from pathlib import Path

from hostile_files import GOOD
from markdown_limits import at_limits
from sluss.content.check import check_repository
from sluss.content.markdown_limits import MAX_NESTING, nesting, unclosed_tags
from sluss.outputs.search import plain_text

from support import TODAY, make_repo, write


def test_a_body_at_every_limit_passes(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    write(root, "vid-gransen", GOOD + "---\n" + at_limits())
    assert check_repository(root, today=TODAY).diagnostics == []


def test_the_search_text_of_a_body_at_the_limits_is_quick() -> None:
    """The search document's plain text read the rest of the body at each of 1 000 `[`
    (11 s); bounded, it takes some hundredths of a second."""
    body = at_limits()
    started = time.perf_counter()
    text = plain_text(body)
    assert time.perf_counter() - started < 2, "plain_text is no longer linear"
    assert "Idén beskrivs här i detalj" in text


def test_nesting_counts_quotes_list_markers_and_indentation() -> None:
    assert nesting("Text") == 0
    assert nesting("> > - a") == 3
    assert nesting("        - a") == 3  # two steps of four columns, and a marker
    assert nesting("\t\t1. a") == 3
    assert nesting("-nej") == 0 and nesting("2026-12-06") == 0
    assert nesting(">" * (MAX_NESTING + 1) + " a") == MAX_NESTING + 1


def test_an_open_tag_is_one_without_a_closing_bracket_on_its_line() -> None:
    assert unclosed_tags('Se <a href="x">här</a>') == 0
    assert unclosed_tags("a < b och c <= d") == 0  # no tag starts so
    assert unclosed_tags("x <a x <a") == 2
    assert unclosed_tags("<b>fet</b> <img") == 1
