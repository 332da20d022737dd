"""An allow-list sanitiser for the content of every built page (defence in depth).

The checker refuses code-running HTML in content files; this runs after MkDocs
over every page of the new site, so HTML that slipped past the checker still
cannot run a script. It cleans only the page's content, the part MkDocs renders
from Markdown (`<article class="md-content__inner md-typeset">…</article>` in
Material's layout); the theme's own header, navigation and scripts around it
are the theme's, and titles there are escaped by the generator.

What content may hold is what Material, Python-Markdown and our templates
produce there: headings with ids and permalinks, tables, lists, definition
lists, admonitions, details, images (our charts are SVG files shown with
<img>), spans and divs with classes and ARIA, the pager of a long list (<nav>
with `aria-current` on the page shown), the edit button's inline icon.
Gone: scripts, styles, event handlers, iframes, forms, objects, and URLs with
any scheme but http(s), mailto, tel and webcal (so no javascript:, data:,
vbscript:). Links keep their `rel`; nothing is added. Ids in the theme's own
namespace (`__config`, `__search`, …) go too: the theme's script finds its
configuration with `#__config`, and content comes first in the page, so
`{: #__config }` in Markdown would hand the theme a configuration of the
content's choosing (a search worker loaded from a data: URL, for one).
Images come from the site itself: an <img> whose src names another host loses
its src, since every visitor's browser would ask that host for it.

A builder's theme may write markup of its own at the very start of the article,
before the content: Zensical's theme puts the skip link's target there
(`<a id="__skip" tabindex="-1"></a>`, an id in the theme's namespace). The builder
names that lead (`sanitize_site(site, lead=…)`), and the content starts after it.
Content cannot forge it: the theme writes it first, and a lead written by content
under another builder is content like any other (its `__` id goes).

Cleaning is deterministic, so two builds stay byte-identical; on a page with
nothing to remove, the content means the same as before (only how it is written
can change, e.g. `&para;` becomes `¶`). A page that did lose markup is reported,
since the checker should have caught it.
"""

from __future__ import annotations

import functools
import html.parser
import re
from pathlib import Path

import nh3

START = '<article class="md-content__inner md-typeset">'
END = "</article>"
_SPACE = re.compile(r"\s*")

_TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup"),
    *("dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark"),
    "nav",  # the pager of a long list
    *("ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub"),
    *("summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr"),
    *("u", "ul", "var", "wbr"),
    *("svg", "path"),  # the edit button's icon
}
_ANY = {"class", "id", "lang", "dir", "title", "role", "tabindex"}
_ARIA = {"aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-current"}
_ATTRIBUTES = {
    "*": _ANY | _ARIA,
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope", "align", "style"},
    "td": {"colspan", "rowspan", "align", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "time": {"datetime"},
    "svg": {"xmlns", "viewBox", "width", "height", "focusable"},
    "path": {"d"},
}


# A scheme (https:, data:) or a host (//host, \\host as browsers read it) before the path.
_ELSEWHERE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[\\/]{2})")
# What a browser's URL parser drops before it reads a URL: leading and trailing C0
# controls and spaces, and every ASCII tab, line feed and carriage return inside
# (`h\tttps://host/`, `/\n/host/` ask that host).
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")


def browser_url(value: str) -> str:
    """A URL as a browser reads it (entities already decoded): without what the
    browser drops, so that its scheme and host can be tested."""
    return value.strip(_C0_AND_SPACE).translate(_TAB_OR_NEWLINE)


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """Drop ids the theme uses (all begin with two underscores) and images from other
    hosts; keep the rest."""
    if attribute == "id" and value.startswith("__"):
        return None
    if tag == "img" and attribute == "src" and _ELSEWHERE.match(browser_url(value)):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attribute_filter=_keep,
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    # Python-Markdown aligns table columns with style="text-align: …"; nothing else.
    filter_style_properties={"text-align"},
    url_schemes={"http", "https", "mailto", "tel", "webcal"},
    link_rel=None,
    strip_comments=True,
)


def clean_fragment(fragment: str) -> str:
    return _CLEANER.clean(fragment)


def content_span(page: str, lead: str = "") -> tuple[int, int] | None:
    """Start and end offsets of the page's content, or None for a page without one.

    The content runs from the theme's first <article …> tag, and the theme's `lead`
    right after it when the builder's theme writes one, to the last </article>:
    whatever the content itself holds, a fake end tag in it included, lies between.
    """
    start = page.find(START)
    end = page.rfind(END)
    if start < 0 or end < start:
        return None
    start += len(START)
    if lead:
        space = _SPACE.match(page, start)
        at = space.end() if space else start
        if page.startswith(lead, at) and at + len(lead) <= end:
            start = at + len(lead)
    return start, end


def clean_page(page: str, lead: str = "") -> tuple[str, bool]:
    """The page with its content cleaned, and whether anything was removed."""
    span = content_span(page, lead)
    if span is None:
        return page, False
    start, end = span
    before = page[start:end]
    after = clean_fragment(before)
    removed = not _plainly_allowed(before) and _events(before) != _events(after)
    return page[:start] + after + page[end:], removed


def sanitize_site(site: Path, lead: str = "", since: float | None = None) -> list[str]:
    """Clean every page of a built site in place; the pages that lost markup. `lead`:
    the theme's own markup at the start of every article, if its builder writes one;
    `since`: only the pages written since then (a preview's rebuild)."""
    lost = []
    for path in sorted(site.rglob("*.html")):
        if since is not None and path.stat().st_mtime < since:
            continue
        text = path.read_text(encoding="utf-8")
        cleaned, removed = clean_page(text, lead)
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")
        if removed:
            lost.append(path.relative_to(site).as_posix())
    return lost


# --- did cleaning remove anything? ---------------------------------------------------------

# Comparing what a fragment means before and after cleaning takes Python's HTML parser
# twice per page, six times the cleaning itself; at 10 000 pages that is most of a
# minute. Nearly every page holds only allowed markup, which a quick scan can prove:
# every `<` opens or closes a tag of the allow-list, every attribute is allowed on its
# tag with a value the cleaner keeps. Anything else – a comment, a `<` in an attribute,
# an entity in a value, an unknown tag – takes the exact comparison. (Tags the cleaner
# only closes or balances are not losses, and are not reported either way.)
_ATTRIBUTE_LIST = r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
_TAG = re.compile(rf"<(/?)([a-zA-Z][a-zA-Z0-9-]*)({_ATTRIBUTE_LIST})\s*/?>")
_TAG_TEXT = re.compile(rf"</?[a-zA-Z][a-zA-Z0-9-]*{_ATTRIBUTE_LIST}\s*/?>")
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_ALLOWED = {tag: {a.lower() for a in _ANY | _ARIA | _ATTRIBUTES.get(tag, set())} for tag in _TAGS}
_CONTROL = re.compile(r"[\x00-\x20]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_SCHEMES = {"http", "https", "mailto", "tel", "webcal"}
_TEXT_ALIGN = re.compile(r"\s*text-align:\s*[a-z]+;?\s*")


def _plainly_allowed(fragment: str) -> bool:
    """True when the cleaner certainly removes nothing from `fragment` (see above)."""
    tags = _TAG_TEXT.findall(fragment)
    return len(tags) == fragment.count("<") and all(map(_tag_allowed, tags))


@functools.lru_cache(maxsize=1 << 16)
def _tag_allowed(text: str) -> bool:
    """One tag as written; the same tags recur on every page, hence the cache."""
    match = _TAG.fullmatch(text)
    if match is None:
        return False
    closing, tag, attributes = match[1], match[2].lower(), match[3]
    if tag not in _ALLOWED or (closing and attributes.strip()):
        return False
    for attribute in _ATTR.finditer(attributes):
        name = attribute[1].lower()
        value = attribute[2] or attribute[3] or attribute[4] or ""
        if name not in _ALLOWED[tag] or "&" in value or _keep(tag, name, value) is None:
            return False
        # URL parsers drop tabs, newlines and spaces: `java\nscript:` is javascript:.
        url = _CONTROL.sub("", value) if name in ("href", "src") else ""
        scheme = _SCHEME.match(url)
        if scheme and scheme[1].lower() not in _URL_SCHEMES:
            return False
        if name == "style" and not _TEXT_ALIGN.fullmatch(value):
            return False
    return True


_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
Event = tuple[str, ...]


class _Events(html.parser.HTMLParser):
    """A fragment as what it means: tags, attributes, text (comments mean nothing)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = sorted((name, _attr_value(name, value or "")) for name, value in attrs)
        self.events.append(("start", tag, *(f"{name}={value}" for name, value in values)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:  # <path/> in SVG: start and end
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            data = self.events.pop()[1] + data
        self.events.append(("text", data))


def _attr_value(name: str, value: str) -> str:
    return "".join(value.split()).rstrip(";") if name == "style" else value


def _events(fragment: str) -> list[Event]:
    parser = _Events()
    parser.feed(fragment)
    parser.close()
    return parser.events
