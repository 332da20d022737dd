"""`md`, the one function that puts a field into generated Markdown: whatever the field
holds, a plain Markdown build of the page shows it as text, where it was put."""

from __future__ import annotations

import html
import re

import markdown  # MkDocs' own Markdown: always installed with it
import pytest
from sluss.core.text import md

EXTENSIONS = [
    *("toc", "tables", "attr_list", "md_in_html", "admonition", "def_list"),
    *("pymdownx.details", "pymdownx.superfences"),
]

FIELDS = [
    'Test {: tabindex="0" autofocus onfocus="alert(1)" }',
    "Test {onclick=alert(1)}",
    "{: #__config .x }",
    "Lokaler {: .md-button }",
    '!!! danger "Varning"',
    '??? note "Mer"',
    "# Rubrik",
    "- punkt",
    "+ punkt",
    "1. första",
    "2026) år",
    ": definition",
    "===",
    "---",
    "~~~",
    ";--8<-- fil.md",
    "> citat",
    "<b>fet</b> & <i>",
    "[länk](https://x.example) ![bild](https://x.example/p.gif) `kod` *k* _k_",
    "| a | b |",
    "Vanlig text, 2026. Inget att ändra.",
]
TAG = re.compile(r"<(?!/?(?:h1|p)\b)[a-z]", re.I)


def render(markdown_text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(markdown_text)


@pytest.mark.parametrize("field", FIELDS)
def test_a_field_stays_text_in_a_heading_and_a_lead(field: str) -> None:
    for page, outer in [
        (f"# {md(field)}\n", r"<h1 id=\"[^\"]*\">(.*)</h1>"),
        (
            f"Före.\n\n{md(field)}\n{{: .sluss-lead }}\n",
            r'<p>Före.</p>\n<p class="sluss-lead">(.*)</p>',
        ),
    ]:
        out = render(page)
        m = re.fullmatch(outer, out, re.S)
        assert m, out
        assert not TAG.search(m.group(1)), out
        assert html.unescape(m.group(1)) == field, out


def test_plain_text_is_written_as_before() -> None:
    """Escaping only where a field needs it: generated pages keep their bytes."""
    for text in ("Vanlig text, 2026. Inget att ändra.", "Skövde kommun", "Nr 1. Bra!"):
        assert md(text) == text


def test_today_is_the_date_in_sweden_whatever_the_machines_zone() -> None:
    """At 23:30 UTC on 6 December it is already 7 December in Skaraborg: a new idea
    dated that day is not 'in the future' to the checker on a UTC machine."""
    import datetime as dt

    from sluss.core.text import today_in_sweden

    late = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)
    assert today_in_sweden(late) == dt.date(2026, 12, 7)
    assert today_in_sweden(dt.datetime(2026, 7, 1, 21, 59, tzinfo=dt.UTC)) == dt.date(2026, 7, 1)
    assert today_in_sweden(dt.datetime(2026, 7, 1, 22, 0, tzinfo=dt.UTC)) == dt.date(2026, 7, 2)
