"""The content sanitiser: what it keeps (all the site legitimately has), what it removes.

The browser suite (test_browser.py) shows hostile pages cannot run script in Chromium;
these tests need no browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sluss.build.sanitize import (
    START,
    _events,
    _plainly_allowed,
    clean_fragment,
    clean_page,
    sanitize_site,
)

from support import build_env, copy_portal, run_python

KEPT = [
    '<h2 id="bakgrund">Bakgrund<a class="headerlink" href="#bakgrund" title="Länk">¶</a></h2>',
    '<div aria-label="Tabell: idéer" class="sluss-matrix" role="region" tabindex="0">x</div>',
    '<p><img alt="Stapeldiagram" class="sluss-chart" src="../diagram/per-status.svg"></p>',
    '<span class="sluss-badge sluss-badge--testing">Testas</span>',
    '<span aria-hidden="true" class="sluss-meter">●●●○○</span>',
    '<a href="https://github.com/x/y/edit/main/ideas/a.md" title="Redigera" '
    'class="md-content__button md-icon" rel="edit"><svg xmlns="http://www.w3.org/2000/svg" '
    'viewBox="0 0 24 24"><path d="M20.71 7.04"></path></svg></a>',
    '<table><thead><tr><th style="text-align: left;">A</th></tr></thead>'
    "<tbody><tr><td>1</td></tr></tbody></table>",
    '<details class="note" open=""><summary>Mer</summary><p>Text</p></details>',
    '<div class="admonition note"><p class="admonition-title">Exempel</p></div>',
    '<dl><dt>Status</dt><dd><a href="mailto:innovation@skovde.se">e-post</a></dd></dl>',
    '<p lang="en"><abbr title="General Data Protection Regulation">GDPR</abbr></p>',
    '<pre><code class="language-yaml">title: "x &lt; y"\n</code></pre>',
]

REMOVED = {
    "<script>alert(1)</script>": "<script",
    '<img src="x" onerror="alert(1)">': "onerror",
    '<svg onload="alert(1)"></svg>': "onload",
    '<a href="javascript:alert(1)">x</a>': "javascript",
    '<a href="jav&#x61;script:alert(1)">x</a>': "script:",
    '<a href=" &#x20;JAVASCRIPT&colon;alert(1)">x</a>': "script",
    '<a href="vbscript:msgbox(1)">x</a>': "vbscript",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>': "data:",
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">': "data:",
    '<iframe src="https://example.org"></iframe>': "iframe",
    '<form action="/x"><input name="q"><button>Skicka</button></form>': "<form",
    '<object data="x.swf"></object><embed src="x.swf">': "x.swf",
    "<style>body { display: none }</style>": "display",
    '<p style="position: fixed; top: 0">x</p>': "position",
    '<base href="https://example.org/">': "base",
    '<meta http-equiv="refresh" content="0;url=https://example.org">': "refresh",
    '<details open ontoggle="alert(1)"><summary>x</summary></details>': "ontoggle",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">': "onerror",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>': "onerror",
    "<!-- <script>alert(1)</script> -->": "script",
    '<p id="__config">{"search": "data:text/javascript,1"}</p>': "__config",
    '<h2 id="__search">Sök</h2>': "__search",
    '<img src="https://tracker.example/p.gif" alt="Bild">': "tracker",
    '<img src="//tracker.example/p.gif" alt="Bild">': "tracker",
    '<img src=" \\\\tracker.example/p.gif" alt="Bild">': "tracker",
    # A browser drops tabs and line ends in a URL before reading its scheme and host.
    '<img src="h&#9;ttps://tracker.example/p.gif" alt="Bild">': "tracker",
    '<img src="/&#10;/tracker.example/p.gif" alt="Bild">': "tracker",
    '<img src="https&#13;://tracker.example/p.gif" alt="Bild">': "tracker",
    '<img src="&#1;&#x9;//tracker.example/p.gif" alt="Bild">': "tracker",
    '<img src="h\tttps://tracker.example/p.gif" alt="Bild">': "tracker",
    '<img src="/\n/tracker.example/p.gif" alt="Bild">': "tracker",
}


@pytest.mark.parametrize("html", KEPT)
def test_what_the_site_legitimately_has_is_kept(html: str) -> None:
    page = f"<html><body>{START}{html}</article></body></html>"
    cleaned, removed = clean_page(page)
    assert not removed, cleaned
    assert clean_page(cleaned) == (cleaned, False)  # cleaning twice changes nothing


@pytest.mark.parametrize("html", sorted(REMOVED))
def test_what_could_run_code_or_restyle_the_page_is_removed(html: str) -> None:
    cleaned = clean_fragment(html)
    assert REMOVED[html] not in cleaned.lower(), cleaned
    _, removed = clean_page(f"{START}{html}</article>")
    assert removed or html.startswith("<!--")  # a comment means nothing: no warning


TRICKY = [
    '<a title=">" onclick="alert(1)">x</a>',
    "<a title='<b>' href=\"javascript:alert(1)\">x</a>",
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="\tjavascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<img src=" //tracker.example/p.gif" alt="x">',
    "<p hidden>x</p>",
    '<p HIDDEN="">x</p>',
    '<th style="text-align: left; color: red">x</th>',
    "<a href=javascript:alert(1)>x</a>",
    "<p>a</p><![CDATA[<script>alert(1)</script>]]>",
    "<p>a</p><?php echo 1 ?>",
    '<svg viewbox="0 0 1 1"><path d="M0"></path></svg>',
    '<a href="mailto:a@b.se" rel="noopener">x</a>',
]


@pytest.mark.parametrize("html", [*KEPT, *sorted(REMOVED), *TRICKY])
def test_the_quick_scan_only_vouches_for_what_cleaning_leaves_alone(html: str) -> None:
    """`_plainly_allowed` lets most pages skip the slow comparison: it must never say
    "nothing to remove" where the cleaner does remove something."""
    if _plainly_allowed(html):
        assert _events(html) == _events(clean_fragment(html))
    assert _plainly_allowed(html) == (html in KEPT or html in TRICKY[-2:])


def test_a_fake_end_of_the_content_does_not_end_the_cleaning() -> None:
    page = f"<body>{START}<p>a</p></article><script>alert(1)</script><p>b</p></article></body>"
    cleaned, removed = clean_page(page)
    assert "<script" not in cleaned and removed
    assert cleaned.endswith("</article></body>")


# Zensical's theme writes the skip link's target before the content.
LEAD = '<a id="__skip" tabindex="-1"></a>'


def test_the_themes_lead_is_the_themes() -> None:
    page = f"<body>{START}\n    {LEAD}\n<p>Text</p></article></body>"
    assert clean_page(page, LEAD) == (page, False)


def test_a_lead_written_by_content_is_content() -> None:
    """Without the builder's lead, or after it, the same markup is content: its id goes."""
    alone = f"<body>{START}{LEAD}<p>Text</p></article></body>"
    cleaned, removed = clean_page(alone)
    assert "__skip" not in cleaned and removed
    twice = f"<body>{START}{LEAD}{LEAD}<p>Text</p></article></body>"
    cleaned, removed = clean_page(twice, LEAD)
    assert cleaned.count('id="__skip"') == 1 and removed
    config = f'<body>{START}{LEAD}<p id="__config">{{}}</p></article></body>'
    cleaned, removed = clean_page(config, LEAD)
    assert "__config" not in cleaned and removed


def test_a_page_without_content_is_left_alone() -> None:
    page = "<html><body><script>theme()</script></body></html>"
    assert clean_page(page) == (page, False)


@pytest.mark.slow  # MkDocs without the sanitiser: a build of its own
def test_the_clean_sample_site_loses_nothing(tmp_path: Path) -> None:
    """Every page MkDocs makes of the sample content keeps what it means when cleaned."""
    root = copy_portal(tmp_path / "portal")
    script = (
        "import sys; from pathlib import Path\n"
        "from sluss.build.generate import generate\nfrom sluss.build.mkdocs import in_folder\n"
        "from mkdocs.commands.build import build; from mkdocs.config import load_config\n"
        "root = Path(sys.argv[1]); assert generate(root, quiet=True) is not None\n"
        "with in_folder(root):\n"
        "    build(load_config('mkdocs.yml', site_dir=str(root / 'raw')))\n"
    )
    result = run_python(script, str(root), cwd=root, env=build_env(root))
    assert result.returncode == 0, result.stderr
    pages = sorted((root / "raw").rglob("*.html"))
    assert len(pages) > 50
    raw = {p: p.read_text(encoding="utf-8") for p in pages}
    assert sanitize_site(root / "raw") == []
    for path, text in raw.items():
        cleaned = path.read_text(encoding="utf-8")
        assert re.sub(r"<article.*</article>", "", cleaned, flags=re.S) == re.sub(
            r"<article.*</article>", "", text, flags=re.S
        ), path  # the theme around the content is untouched


STYLES_THAT_FETCH = [
    '<td style="background:url(https://evil.example/x.png)">x</td>',
    '<th style="text-align: left; background-image: u\\72l(//evil.example/x.png)">x</th>',
    '<td style="&#98;ackground:&#117;rl(https://evil.example/y.png)">x</td>',
    '<td style="width: exp/**/ression(alert(1))">x</td>',
    "<td style=\"@import 'https://evil.example/s.css'\">x</td>",
    '<p style="background:url(https://evil.example/x.png)">x</p>',
    '<div style="text-align:center;background:url(x.png)">x</div>',
]


@pytest.mark.parametrize("html", STYLES_THAT_FETCH)
def test_a_style_keeps_text_align_alone(html: str) -> None:
    """The checker refuses these (content/style_scan.py); the sanitiser drops them too:
    a style survives only on a table cell, and only its text-align."""
    cleaned = clean_fragment(html)
    styles = re.findall(r'style="([^"]*)"', cleaned)
    assert all(re.fullmatch(r"text-align:\s*[a-z]+;?", s) for s in styles), cleaned
    assert not re.search(r"url|ression|import|72l", cleaned.split(">", 1)[0], re.I), cleaned
