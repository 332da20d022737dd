"""The text scans: identity numbers, code-running HTML, personal contacts, summaries."""

from __future__ import annotations

import datetime as dt
import html
import html.parser
import random
import re
from collections.abc import Iterable

import markdown  # MkDocs' own Markdown: always installed with it
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sluss.content import scan
from sluss.content.load import Item, parse_text
from sluss.core.diagnostics import Diagnostic

HEAD = "---\ntitle: Idé om bygglov\nsummary: Sökande får ett sms.\n---\n"


def item(body: str, head: str = HEAD) -> Item:
    found, problems = parse_text(head + body, "ideas/x.md", "ideas", "x")
    assert found is not None and problems == []
    return found


def positions(diagnostics: Iterable[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in diagnostics]


# --- identity numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "ok"),
    [("1212121212", True), ("1212121213", False), ("8112189876", True), ("1212721235", True)],
)
def test_luhn(digits: str, ok: bool) -> None:
    assert scan.luhn_ok(digits) is ok


@pytest.mark.parametrize(
    ("century", "yymmdd", "last4", "kind"),
    [
        ("19", "121212", "1212", "personnummer"),  # Skatteverket's test number
        (None, "121212", "1212", "personnummer"),
        (None, "121272", "1235", "samordningsnummer"),  # day 12 + 60
        ("19", "121212", "1213", None),  # wrong check digit
        (None, "212000", "1355", None),  # an organisation number: month 20
        (None, "121232", "1234", None),  # day 32 does not exist
        ("17", "121212", "1212", None),  # no living person
    ],
)
def test_personal_number_kind(
    century: str | None, yymmdd: str, last4: str, kind: str | None
) -> None:
    assert scan.personal_number_kind(century, yymmdd, last4) == kind


def test_personal_numbers_point_at_the_number_and_skip_longer_numbers() -> None:
    body = (
        "Nummer 19121212-1212 här.\n"
        "Ärende 119121212-1212 och 19121212-12120 och ref 1-121212-1212 är längre tal.\n"
        "I följd: 1212121212.\n"
    )
    found = positions(scan.personal_numbers(item(body)))
    assert found == [(5, 8, "personal-number"), (7, 10, "personal-number")]


# Every spelling the hostile review used (and a few more): each one is found.
SPELLINGS = [
    "121212-1212",
    "19121212-1212",
    "1212121212",
    "191212121212",
    "121212+1212",
    "121212 1212",
    "121212\u00a01212",
    "121212\u20131212",  # en dash
    "121212\u20111212",  # non-breaking hyphen
    "121212\u22121212",  # minus sign
    "121212.1212",
    "121212/1212",
    "12.12.12-1212",
    "1912-12-12-1212",
    "1912\u200b1212-1212",  # zero-width space
    "12121\u00ad2-1212",  # soft hyphen
    "121272-1235",  # samordningsnummer
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_a_personal_number_is_found(spelling: str) -> None:
    for text in (spelling, f"Ärende-{spelling}.", f"(nr {spelling})"):
        found = list(scan.find_personal_numbers(text))
        assert len(found) == 1, text
        assert text[found[0][0] :].startswith(spelling[:4]), text


@pytest.mark.parametrize(
    "text",
    [
        "2025-01-01–2025-12-31",
        "2025-01-01 – 2025-12-31",
        "ordernummer 4500-123456",
        "kommunkod 1496, länskod 14",
        "12 500 kr, 1 212 121 kr",
        "2019, 2020, 2021 och 2022",
        "växeln 0500-49 70 00",
        "19121212-1213",  # wrong check digit
        "212000-1355",  # an organisation number
        "1-121212-1212",  # part of a longer number
        "121212-12120",
    ],
)
def test_near_misses_are_no_personal_numbers(text: str) -> None:
    assert list(scan.find_personal_numbers(text)) == []


def test_personal_number_in_front_matter_is_found_too() -> None:
    head = "---\ntitle: Idé om bygglov\nneed: Gäller 19121212-1212.\n---\n"
    assert positions(scan.personal_numbers(item("Text.\n", head))) == [(3, 14, "personal-number")]


# --- HTML and URLs that can run code ------------------------------------------------

DANGEROUS = [
    ("<script>alert(1)</script>", "<script>"),
    ("<SCRIPT SRC=x.js></SCRIPT>", "<script>"),
    ("< script>", "<script>"),
    ('<iframe src="karta.html"></iframe>', "<iframe>"),
    ("<object data=x></object>", "<object>"),
    ("<embed src=x>", "<embed>"),
    ("<form action=x></form>", "<form>"),
    ("<style>body{}</style>", "<style>"),
    ("<svg><circle/></svg>", "<svg>"),
    ('<img src="x.png" onerror="alert(1)">', "onerror="),
    ("<img/src=x/onerror=alert(1)>", "onerror="),
    ('<a href="x"onmouseover=alert(1)>a</a>', "onmouseover="),
    ('<div title=">" onclick=alert(1)>a</div>', "onclick="),
    ("<body\nonload=alert(1)>", "onload="),
    ("[x](javascript:alert(1))", "javascript:"),
    ("[x]( JavaScript :alert(1))", "javascript:"),
    ("[x](<javascript:alert(1)>)", "javascript:"),
    ("[x]: javascript:alert(1)", "javascript:"),
    ("<javascript:alert(1)>", "javascript:"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ("<a href = ' vbscript:x'>x</a>", "vbscript:"),
    ('<a href="file:///etc/passwd">x</a>', "file:"),
]


@pytest.mark.parametrize(("body", "what"), DANGEROUS)
def test_dangerous_markup_is_found(body: str, what: str) -> None:
    found = list(scan.dangerous_markup(item(f"Text före.\n\n{body}\n")))
    assert [dict(d.args)["found"] for d in found] == [what]
    assert found[0].line >= 7  # in the body, after the front matter


SAFE = [
    "Vi skriver om <em>script</em> och om onsdagar = bra.",
    'En <a href="https://www.skovde.se">länk</a> och [en till](https://skovde.se).',
    "Beskrivning av description och subscriptions.",
    "Knappen heter online=true i systemet.",  # no tag around it
    "E-post: <mailto:innovation@skovde.se> och [data](docs/data.md).",
    "```html\n<script>alert(1)</script>\n```",
    "~~~\n<iframe src=x></iframe>\n~~~",
    "````md\n```\n<script>x</script>\n```\n````",
    "  ```\n  <script>x</script>\n  ```",
    "```python\nx = '<img src=x onerror=alert(1)>'\n```",
]


@pytest.mark.parametrize("body", SAFE)
def test_safe_markup_is_not_flagged(body: str) -> None:
    assert list(scan.dangerous_markup(item(body + "\n"))) == []


@pytest.mark.parametrize(
    "body",
    [
        "```\n<script>x</script>",  # never closed: Markdown shows the rest as HTML
        "```\n<script>x</script>\n````",  # a longer fence does not close it in superfences
        "~~~\n```\n~~~\n<script>x</script>\n```\n```",  # ``` inside ~~~ is text
        "  ```\n<script>x</script>\n  ```",  # a line indented less ends the block
        "```{.x onload=y}\n<script>x</script>\n```",  # fence options we do not read
        "```\ntext\n~~~\n<script>x</script>\n~~~",  # the open ``` swallows the ~~~ pair
        "> ```\n```\n<script>x</script>\n```",  # a quoted fence: we stop masking
        "    kod\n~~~\n<script>x</script>\n~~~",  # in an indented code block: put back
        "  ```\n\t```\n```\n<script>x</script>\n```",  # a tab is 4 spaces to Markdown
    ],
)
def test_fences_that_do_not_hide_code_are_scanned(body: str) -> None:
    assert "<script>" in [dict(d.args)["found"] for d in scan.dangerous_markup(item(body + "\n"))]


def test_masking_keeps_offsets() -> None:
    body = "a\n```\n<script>\n```\nb <script>\n"
    masked = scan._mask_code_blocks(body)
    assert len(masked) == len(body)
    assert masked.split("\n")[4] == "b <script>"
    assert "<script>" not in masked.split("\n")[2]


def test_dangerous_markup_position() -> None:
    found = list(scan.dangerous_markup(item("Rad ett.\nOch <iframe src=x>.\n")))
    assert positions(found) == [(6, 5, "dangerous-html")]


@pytest.mark.parametrize(
    "body",
    [
        "<" + " " * 50_000 + "x",
        "<a href=" + " " * 50_000 + "x",
        "[x](" + " " * 50_000 + "x",
        "[x]:" + " " * 50_000 + "x",
        "<a" + " onx" * 20_000,
        "a" * 100_000,
        "07" * 50_000,
        "<a " + '"' * 50_000,
    ],
)
def test_scans_finish_on_long_runs(body: str) -> None:
    """Long runs once made the patterns backtrack quadratically (minutes per file)."""
    it = item(body + "\n")
    assert list(scan.dangerous_markup(it)) == []
    assert list(scan.personal_contacts(it, frozenset())) == []
    assert list(scan.personal_numbers(it)) == []


# --- personal contact details -------------------------------------------------------


def test_personal_email_outside_contact_is_warned_and_mobiles_refused() -> None:
    head = (
        "---\ntitle: Idé om bygglov\ncontact:\n  email: per.olsson@skovde.se\n"
        "  phone: 070-111 22 33\n---\n"
    )
    body = (
        "Skriv till anna.svensson@skovde.se eller ring 070-123 45 67 eller +46 70 123 45 68.\n"
        "Per nås på PER.OLSSON@skovde.se och 0701112233.\n"
        "Funktionsbrevlådor: innovation@skovde.se, sluss@skaraborg.se. Växel: 0500-49 80 00.\n"
    )
    found = list(scan.personal_contacts(item(body, head), frozenset({"sluss@skaraborg.se"})))
    assert [(d.line, d.column, d.code, dict(d.args)["value"]) for d in found] == [
        (7, 12, "personal-email", "anna.svensson@skovde.se"),
        (7, 47, "personal-phone", "070-123 45 67"),
        (7, 67, "personal-phone", "+46 70 123 45 68"),
    ]
    assert [d.level for d in found] == ["warning", "error", "error"]


MOBILES = [
    "070-123 45 67",
    "0701-23 45 67",
    "0701234567",
    "070 123 45 67",
    "070.123.45.67",
    "070/123 45 67",
    "070\u00a0123\u00a045\u00a067",
    "(070) 123 45 67",
    "+46 70 123 45 67",
    "+46 (0)70-123 45 67",
    "+46701234567",
    "0046 70 123 45 67",
]


@pytest.mark.parametrize("spelling", MOBILES)
def test_every_spelling_of_a_mobile_number_is_found(spelling: str) -> None:
    found = list(scan.personal_contacts(item(f"Ring {spelling} i dag.\n"), frozenset()))
    assert [(d.code, d.column, dict(d.args)["value"]) for d in found] == [
        ("personal-phone", 6, spelling)
    ]
    assert scan.phone_digits(spelling) == "0701234567" and scan.is_mobile(spelling)


@pytest.mark.parametrize(
    "text",
    [
        "Växel 0500-49 70 00.",
        "Mellan 2025-07-01 och 2025-07-31.",
        "Kl. 07.30–08.00, 2007 och 2070.",
        "Ordernummer 1070123456 och 0707-1234.",
        "Pris 46 700 kr.",
    ],
)
def test_near_misses_are_no_mobile_numbers(text: str) -> None:
    assert list(scan.personal_contacts(item(text + "\n"), frozenset())) == []


@pytest.mark.parametrize(
    "text",
    [
        "anna@gmail.com",
        "kalle123@hotmail.com",
        "Anna.S@Outlook.com",
        "anna&#64;gmail.com",
        "anna&#x40;icloud.com",
        "anna&commat;live.se",
    ],
)
def test_webmail_addresses_are_refused(text: str) -> None:
    found = list(scan.personal_contacts(item(f"Skriv till {text}.\n"), frozenset()))
    assert [(d.code, d.level, d.column) for d in found] == [("private-email", "error", 12)]


def test_entity_encoded_personal_address_is_warned() -> None:
    found = list(scan.personal_contacts(item("Till anna.svensson&#64;skovde.se.\n"), frozenset()))
    assert [(d.code, dict(d.args)["value"]) for d in found] == [
        ("personal-email", "anna.svensson@skovde.se")
    ]


def test_contacts_nested_in_lists_are_allowed() -> None:
    head = "---\ntitle: Idé\nsessions:\n  - contact:\n      email: anna.svensson@skovde.se\n---\n"
    assert list(scan.personal_contacts(item("anna.svensson@skovde.se\n", head), frozenset())) == []


# --- summaries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "found"),
    [
        ("Ett **fett** ord i texten.", "**"),
        ("En [länk](https://skovde.se) i texten.", "]("),
        ("Ett <b>fett</b> ord i texten.", "<b>"),
        ("Kod med `backticks` i texten.", "`"),
        ("Vanlig text, 3 < 5 och 5 > 3, utan märkning.", None),
    ],
)
def test_summary_markup(summary: str, found: str | None) -> None:
    head = f"---\ntitle: Idé om bygglov\nsummary: '{summary}'\n---\n"
    result = [dict(d.args)["found"] for d in scan.summary_markup(item("Text.\n", head))]
    assert result == ([found] if found else [])


# --- against the real renderer -----------------------------------------------------

LINES = [
    *("```", "~~~", "````", "```python", "``` x y", "~~~c++", "```{.x}", "``` {.y}"),
    *("  ```", "   ~~~", "    ```", "\t```", "> ```", ">```", "- ```", "1. ```"),
    *("<script>S</script>", "  <script>S</script>", "\t<script>S</script>"),
    *("> <script>S</script>", "    text", "        code", "text", "", "  "),
    *("<div markdown>", "</div>", '<div markdown="1">', "<details markdown>", "!!! note"),
]


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions the site's pages use (mkdocs.yml)."""
    return markdown.Markdown(
        extensions=[
            *("tables", "attr_list", "md_in_html", "admonition", "def_list"),
            *("pymdownx.details", "pymdownx.superfences"),
        ]
    )


def test_no_script_the_site_would_run_is_masked() -> None:
    """Random bodies of fence-like lines, rendered with the site's Markdown extensions:
    whenever the HTML runs a script, the scan must have reported it."""
    md = site_markdown()
    rng = random.Random(2026)
    missed = []
    for _ in range(1500):
        body = "\n".join(rng.choice(LINES) for _ in range(rng.randint(2, 9))) + "\n"
        runs = "<script>" in md.reset().convert(body)
        found = any(d.code == "dangerous-html" for d in scan.dangerous_markup(item(body)))
        if runs and not found:
            missed.append(body)
    assert missed == []


# --- property: any valid number in any spelling -----------------------------------------

_SEPARATORS = ["", "-", "+", " ", "\u00a0", "\u2013", "\u2011", "\u2212", ".", "/"]


def _check_digit(nine: str) -> str:
    return next(d for d in "0123456789" if scan.luhn_ok(nine + d))


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    serial=st.integers(0, 999),
    coordination=st.booleans(),
    century=st.booleans(),
    separator=st.sampled_from(_SEPARATORS),
    inside=st.sampled_from(["", "\u200b", "\u00ad"]),
    before=st.sampled_from(["", "Nr ", "Ärende-", "(", "\n"]),
)
def test_any_valid_number_in_any_spelling_is_found(
    day: dt.date,
    serial: int,
    coordination: bool,
    century: bool,
    separator: str,
    inside: str,
    before: str,
) -> None:
    dd = day.day + (60 if coordination else 0)
    yymmdd = f"{day.year % 100:02d}{day.month:02d}{dd:02d}"
    nine = yymmdd + f"{serial:03d}"
    number = (f"{day.year // 100}" if century else "") + yymmdd[:4] + inside + yymmdd[4:]
    text = f"{before}{number}{separator}{nine[6:]}{_check_digit(nine)} slut"
    found = list(scan.find_personal_numbers(text))
    assert [kind for _, kind in found] == [
        "samordningsnummer" if coordination else "personnummer"
    ], text
    assert found[0][0] == len(before)


# Pieces of attribute lists, addresses and encodings: lines a plain Markdown build turns
# into an event handler, a script address or a request to another host.
PIECES = [
    *("{: ", "{", "{:", "}", " }", " {: .k }", "{: #id }", " onfocus=x", ' onclick="a"'),
    *(" tabindex=0", " autofocus", '"', "'", " ", "\t", "\n", "# R", "> ", "- ", "text"),
    *("[a](", "![a](", ")", "[r]: ", "![r]", "<a href=", "<img src=", ">", "x.png"),
    *("javascript:x", "jav&#x61;script:x", "java&#9;script:x", "&#106;avascript:x"),
    *("https://h.example/p.gif", "h&#9;ttps://h.example/p", "/&#10;/h.example/p", "sida.md"),
    *(' href="javascript:x"', ' src="//h.example/p"', "\n\n"),
]
_DROPPED = str.maketrans("", "", "\t\n\r")


class _Bad(html.parser.HTMLParser):
    """What a browser would get from rendered HTML: handlers, script addresses, remote
    images (attribute values decoded and read as a browser reads a URL)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            url = (value or "").strip("".join(map(chr, range(0x21)))).translate(_DROPPED)
            if name.startswith("on"):
                self.found.append(name)
            elif (
                name in ("href", "src") and re.match(r"(?i)(javascript|vbscript|data):", url)
            ) or (
                tag == "img"
                and name == "src"
                and re.match(r"[a-z][a-z0-9+.-]*:|[\\/]{2}", url, re.I)
            ):
                self.found.append(url)


def bad(rendered: str) -> list[str]:
    parser = _Bad()
    parser.feed(rendered)
    parser.close()
    return parser.found


def test_no_handler_script_address_or_remote_image_the_site_would_get_is_missed() -> None:
    """Random bodies, rendered with the site's Markdown extensions and read back as a
    browser reads attributes: whenever the HTML holds an event handler, a script
    address or an image from another host, the scan must have reported something."""
    md = site_markdown()
    rng = random.Random(18)
    missed = []
    for _ in range(3000):
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(2, 12))) + "\n"
        found = list(scan.dangerous_markup(item(body)))
        if bad(md.reset().convert(body)) and not found:
            missed.append(body)
    assert missed == []


ENCODED = [
    ('Rad {: autofocus onfocus="alert(1)" onmouseover="x" }', ["onfocus=", "onmouseover="]),
    ('# Rubrik {: tabindex="0" autofocus onfocus="x" }', ["onfocus="]),
    ("[a](sida.md){onclick=alert(1)}", ["onclick="]),
    ('<a href="jav&#x61;script:alert(1)">x</a>', ["javascript:"]),
    ('<a href="java&#9;script:alert(1)">x</a>', ["javascript:"]),
    ('<a href="java\nscript:alert(1)">x</a>', ["javascript:"]),
    ("[x](&#106;avascript:alert(1))", ["javascript:"]),
    ("[x]: JaVaScRiPt&colon;alert(1)", ["javascript:"]),
    ("![x](h&#9;ttps://evil.example/x.png)", ["https://evil.example/x.png"]),
    ('<img src="/&#10;/evil.example/x.png">', ["//evil.example/x.png"]),
    ("![x](https://evil.example/x.png)", ["https://evil.example/x.png"]),
    ('<video poster="//evil.example/v.jpg"></video>', ["//evil.example/v.jpg"]),
    ("![x][p]\n\n[p]: https://evil.example/p.gif", ["https://evil.example/p.gif"]),
]


@pytest.mark.parametrize(("body", "what"), ENCODED)
def test_attribute_lists_encoded_addresses_and_remote_images_are_found(
    body: str, what: list[str]
) -> None:
    found = list(scan.dangerous_markup(item(f"Text före.\n\n{body}\n")))
    assert [dict(d.args)["found"] for d in found] == what


@pytest.mark.parametrize(
    "body",
    [
        "Knappen online=ja. Text med {klamrar} och {: .sluss-lead #id } och {.k}.",
        "![karta](bilder/karta.png) och [en länk bort](https://skovde.se).",
        "[ref]: https://skovde.se\n\n![bild](bild.png) [ref]",
        "<a href=\"https://skovde.se\">Skövde</a> ![x](../bild.png 'titel')",
    ],
)
def test_local_images_classes_and_links_away_pass(body: str) -> None:
    assert list(scan.dangerous_markup(item(body + "\n"))) == []


def test_a_handler_in_an_attribute_list_of_a_field_is_found() -> None:
    head = '---\ntitle: "Test {: tabindex=\\"0\\" autofocus onfocus=\\"x\\" }"\nsummary: s\n---\n'
    found = list(scan.dangerous_markup(item("Text.\n", head=head)))
    assert positions(found) == [(2, 42, "dangerous-attribute")]


@pytest.mark.parametrize(
    "body",
    ["{" * 100_000, "{" + " onx" * 30_000 + "}", "![" * 50_000, "![a](" * 20_000, "src=" * 30_000],
)
def test_new_scans_finish_on_long_runs(body: str) -> None:
    list(scan.dangerous_markup(item(body + "\n")))


@pytest.mark.parametrize(
    ("css", "found"),
    [
        ("background:url(https://evil.example/x.png)", "url("),
        ("background:u\\72l(x.png)", "url("),
        ("background:u\\\\72l(x.png)", "url("),  # after Markdown's own escape
        ("background:\\75 rl(x.png)", "url("),
        ("background:&#117;rl(x.png)", "url("),
        ("background:&#x75;&#x72;&#x6c;(x.png)", "url("),
        ("width: exp/**/ression(alert(1))", "expression("),
        ("@\\69mport 'x.css'", "@import"),
        ("background-image: image-set('x.png' 1x)", "image-set("),
        ("text-align: center", None),
    ],
)
def test_a_style_is_read_as_a_browser_reads_it(css: str, found: str | None) -> None:
    from sluss.content.style_scan import fetching_styles

    hits = [what for _, what in fetching_styles(f'<p style="{css}">x</p>')]
    assert hits == ([found] if found else [])
