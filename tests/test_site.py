"""The real site: the sample content built with the real MkDocs + Material.

Most tests read the one sample site the session builds (`sample_site` in conftest.py,
a copy of the repository built in a temporary folder, so the tests never touch the
developer's own docs/slussen/ or site/); the tests of long lists read the paged sample
(`paged_sample_site`, a build of its own: marked slow). A test that changes the content
or how it is built copies the sources and builds them itself (marked slow too).
"""

from __future__ import annotations

import html.parser
import json
import posixpath
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest

from support import (
    PAGE_SIZE,
    PREVIEW,
    ROOT,
    broken_links,
    build_portal,
    copy_portal,
    digest,
    drafts,
    html_pages,
    parse,
    published,
    search_fragments,
    search_records,
)

SITE_HOST = "innovationssluss-skaraborg.github.io"  # site_url in mkdocs.yml: the site itself


def front_matter_title(path: Path) -> str:
    match = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
    assert match, path
    return match.group(1).strip().strip("\"'")


# --- pages exist and link to each other ---------------------------------------------


SECTIONS = [
    "index.html",
    "slussen/idebank/index.html",
    "slussen/idebank/kommuner/index.html",
    "slussen/idebank/omraden/index.html",
    "slussen/utmaningar/index.html",
    "slussen/innovationer/index.html",
    "slussen/spridning/index.html",
    "slussen/utbildning/index.html",
    "slussen/stod/index.html",
    "slussen/kommuner/index.html",
    "slussen/laget/index.html",
    "slussen/taggar/index.html",
    "om-slussen/index.html",
    "bidra/index.html",
    "tillganglighet/index.html",
    "personuppgifter/index.html",
    "404.html",
]

ITEM_FOLDERS = {
    "ideas": "ideer",
    "challenges": "utmaningar",
    "innovations": "innovationer",
    "training": "utbildning",
    "support": "stod",
    "municipalities": "kommuner",
}


def test_every_section_page_exists_and_is_swedish(sample_site: Path) -> None:
    for page in SECTIONS:
        path = sample_site / "site" / page
        assert path.is_file(), page
        assert parse(path).lang == "sv", page


@pytest.mark.parametrize("collection", sorted(ITEM_FOLDERS))
def test_every_published_item_has_a_page_with_its_title(sample_site: Path, collection: str) -> None:
    items = published(collection)
    assert items, collection
    for source in items:
        page = (
            sample_site / "site" / "slussen" / ITEM_FOLDERS[collection] / source.stem / "index.html"
        )
        assert page.is_file(), source
        title = front_matter_title(source)
        assert html_escape(title) in page.read_text(encoding="utf-8"), (source, title)


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_every_section_is_reachable_from_the_navigation(sample_site: Path) -> None:
    start = parse(sample_site / "site" / "index.html")
    targets = {posixpath.normpath(url.split("#")[0]) for tag, url in start.links if tag == "a"}
    for section in (
        "slussen/idebank",
        "slussen/utmaningar",
        "slussen/innovationer",
        "slussen/spridning",
        "slussen/utbildning",
        "slussen/stod",
        "slussen/kommuner",
        "slussen/laget",
        "slussen/taggar",
        "om-slussen",
        "bidra",
        "tillganglighet",
        "personuppgifter",
    ):
        assert section in targets, section


def test_item_pages_are_not_listed_in_the_navigation(sample_site: Path) -> None:
    start = (sample_site / "site" / "index.html").read_text(encoding="utf-8")
    nav = start[start.find('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.find("</nav>")]
    assert "slussen/ideer/" not in nav


def test_all_internal_links_and_anchors_resolve(sample_site: Path) -> None:
    broken = broken_links(sample_site / "site")
    assert not broken, "\n".join(broken[:20])


def page_links(sample_site: Path, page: str) -> set[str]:
    path = sample_site / "site" / page
    out = set()
    for tag, url in parse(path).links:
        if tag == "a" and not urllib.parse.urlsplit(url).scheme:
            resolved = (path.parent / url.split("#")[0]).resolve()
            out.add(resolved.relative_to((sample_site / "site").resolve()).as_posix())
    return out


def test_an_idea_links_to_its_municipality_challenge_and_innovation(sample_site: Path) -> None:
    ideas = {p.stem: p.read_text(encoding="utf-8") for p in published("ideas")}
    with_all = [
        stem
        for stem, text in ideas.items()
        if re.search(r"^challenge:", text, re.M) and re.search(r"^innovation:", text, re.M)
    ]
    assert with_all, "the sample content needs an idea with a challenge and an innovation"
    stem = with_all[0]
    text = ideas[stem]
    links = page_links(sample_site, f"slussen/ideer/{stem}/index.html")
    for field, folder in (
        ("municipality", "kommuner"),
        ("challenge", "utmaningar"),
        ("innovation", "innovationer"),
    ):
        match = re.search(rf"^{field}:\s*(\S+)", text, re.M)
        assert match
        assert f"slussen/{folder}/{match.group(1)}" in links, (field, links)
    # …and the municipality's page links back to the idea.
    municipality = re.search(r"^municipality:\s*(\S+)", text, re.M)
    assert municipality
    back = page_links(sample_site, f"slussen/kommuner/{municipality.group(1)}/index.html")
    assert f"slussen/ideer/{stem}" in back


def test_the_idea_bank_is_a_board_with_a_column_per_status(sample_site: Path) -> None:
    page = (sample_site / "site/slussen/idebank/index.html").read_text(encoding="utf-8")
    assert 'class="sluss-board"' in page
    for status in ("Inkommen", "Under bedömning", "Testas", "Införd", "Vilande", "Avslutad"):
        assert re.search(rf"<h2[^>]*>{status} \(\d+\)", page), status


def test_an_item_page_edit_link_points_at_its_source_file(sample_site: Path) -> None:
    stem = published("ideas")[0].stem
    page = (sample_site / f"site/slussen/ideer/{stem}/index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="https://[^"]+/edit/main/ideas/{stem}\.md"', page)


def test_status_page_has_charts_with_table_alternatives(sample_site: Path) -> None:
    page = (sample_site / "site/slussen/laget/index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img alt="([^"]+)"[^>]*src="([^"]+\.svg)"', page)
    assert len(images) == 4  # funnel, per status, need grid, per quarter
    for alt, src in images:
        assert alt.strip()
        svg = (sample_site / "site/slussen/laget" / src).resolve()
        assert svg.is_file() and "<title>" in svg.read_text(encoding="utf-8")
    assert page.count("<table>") >= 3


# --- privacy and drafts ------------------------------------------------------------------


def test_no_page_loads_anything_from_another_host(sample_site: Path) -> None:
    offenders = []
    for page in html_pages(sample_site / "site"):
        for tag, url in parse(page).links:
            host = urllib.parse.urlsplit(url).netloc
            if host and host != SITE_HOST and tag != "a":
                offenders.append(f"{page.name}: <{tag}> {url}")
    assert not offenders, offenders[:10]


def test_drafts_leak_nowhere(sample_site: Path) -> None:
    found = drafts()
    assert len(found) >= 2, "the sample content needs drafts"
    site_text = {
        p: p.read_text(encoding="utf-8", errors="replace")
        for p in (sample_site / "site").rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".svg", ".txt")
    }
    site_text |= search_fragments(sample_site / "site")
    assert any(p.suffix == ".pf_fragment" for p in site_text)
    assert any(p.name == "sitemap.xml" for p in site_text)
    for draft in found:
        title = front_matter_title(draft)
        for path, text in site_text.items():
            assert title not in text, (draft.name, path)
            assert f"/{draft.stem}/" not in text, (draft.name, path)
        assert not list((sample_site / "site").rglob(draft.stem)), draft


# --- the build as a process -----------------------------------------------------------------


@pytest.mark.slow
def test_two_builds_in_two_processes_give_identical_files(
    tmp_path: Path, sample_site: Path
) -> None:
    """`sluss build` again, in another process and another folder, on a copy of the built
    sample (sources, generated pages, site): every file of the site has the same bytes
    (Pagefind's filter index the same bytes in another order: see `digest`), and the
    generator rewrote none of its pages (it writes only what changed)."""
    root = tmp_path / "again"
    shutil.copytree(sample_site, root, symlinks=True)  # keeps the files' times
    generated = sorted(p for p in (root / "docs/slussen").rglob("*") if p.is_file())
    assert generated, "the first build generated no pages"
    mtimes = {p: p.stat().st_mtime_ns for p in generated}
    result = build_portal(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert digest(root / "site", search=True) == digest(sample_site / "site", search=True)
    assert {p: p.stat().st_mtime_ns for p in generated} == mtimes
    assert "genererade filer uppdaterade" not in result.stdout


def test_a_content_error_stops_the_build_and_keeps_the_old_site(
    tmp_path: Path, sample_site: Path
) -> None:
    root = copy_portal(tmp_path / "repo")
    shutil.copytree(sample_site / "site", root / "site")
    before = digest(root / "site")
    idea = next((root / "ideas").glob("*.md"))
    idea.write_text(idea.read_text(encoding="utf-8").replace("status:", "statsu:", 1))
    result = build_portal(root)
    assert result.returncode == 1
    assert f"ideas/{idea.name}:" in result.stderr
    assert "error[unknown-field]" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(root / "site") == before


@pytest.mark.slow
def test_a_broken_link_fails_the_build_and_keeps_the_old_site(
    tmp_path: Path, sample_site: Path
) -> None:
    root = copy_portal(tmp_path / "repo")
    shutil.copytree(sample_site / "site", root / "site")
    before = digest(root / "site")
    page = root / "docs" / "bidra.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Trasig](finns-inte.md)\n")
    result = build_portal(root)
    assert result.returncode == 1
    assert "finns-inte.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(root / "site") == before
    assert not list(root.glob("site.*")), "the half-built folder is cleaned up"


@pytest.mark.slow
def test_titles_and_summaries_are_always_escaped(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    idea = sorted((root / "ideas").glob("*.md"))[0]
    hostile_title = "Farlig <script>alert(1)</script> *fet* [länk](javascript:alert(2)) | rör"
    hostile_summary = "Sammanfattning med <img src=x onerror=alert(3)> och _kursiv_ text här."
    lines = idea.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            lines[i] = "title: " + json_string(hostile_title)
        elif line.startswith("summary:"):
            lines[i] = "summary: " + json_string(hostile_summary)
    idea.write_text("\n".join(lines), encoding="utf-8")
    result = build_portal(root)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (root / "site/slussen/ideer" / idea.stem / "index.html").read_text(encoding="utf-8")
    assert "Farlig &lt;script&gt;alert(1)&lt;/script&gt; *fet*" in page
    for path in (root / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "onerror=alert" not in text.replace("onerror=alert(3)&gt;", ""), path
        assert 'href="javascript:' not in text, path


def json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# --- long lists and search at scale ------------------------------------------------


class Pager(html.parser.HTMLParser):
    """The pagers of a page (<nav class="sluss-pager">): their labels, and every link in
    them with its aria-current."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.links: list[tuple[str, str | None]] = []
        self.inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and "sluss-pager" in (values.get("class") or ""):
            self.labels.append(values.get("aria-label") or "")
            self.inside = 1
        elif self.inside and tag == "nav":
            self.inside += 1
        elif self.inside and tag == "a":
            self.links.append((values.get("href") or "", values.get("aria-current")))

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == "nav":
            self.inside -= 1


def pager(path: Path) -> Pager:
    found = Pager()
    found.feed(path.read_text(encoding="utf-8"))
    return found


def list_pages(site: Path, folder: str) -> list[Path]:
    """The pages of one long list, in order (index.html, sida-2/, sida-3/, …)."""
    first = site / folder / "index.html"
    rest = sorted((site / folder).glob("sida-*/index.html"), key=lambda p: int(p.parent.name[5:]))
    return [first, *rest] if first.is_file() else []


def idea_links(site: Path, page: Path) -> set[str]:
    out = set()
    for tag, url in parse(page).links:
        if tag == "a" and not urllib.parse.urlsplit(url).scheme:
            target = (page.parent / url.split("#")[0]).resolve()
            rel = target.relative_to(site.resolve()).as_posix()
            if rel.startswith("slussen/ideer/"):
                out.add(rel.removeprefix("slussen/ideer/").strip("/"))
    return out


def many_ideas(root: Path) -> set[str]:
    drafted = {p.stem for p in drafts()}
    return {p.stem for p in (root / "ideas").glob("*.md") if p.stem not in drafted}


@pytest.mark.slow
def test_long_lists_are_split_into_pages_with_a_pager(paged_sample_site: Path) -> None:
    site = paged_sample_site / "site"
    folders = sorted({p.parent.relative_to(site).as_posix() for p in site.rglob("sida-2")})
    assert any(f.startswith("slussen/idebank/status/") for f in folders), folders
    assert any(f.startswith("slussen/idebank/kommun/") for f in folders), folders
    assert "slussen/taggar/exempel" in folders, folders
    for folder in folders:
        pages = list_pages(site, folder)
        assert len(pages) >= 2, folder
        for number, page in enumerate(pages, start=1):
            found = pager(page)
            assert found.labels == ["Sidor", "Sidor, längst ned"], page
            current = [href for href, mark in found.links if mark == "page"]
            assert len(current) == 2, page  # the page shown, marked in both pagers
            assert (page.parent / current[0]).resolve() == page.parent.resolve(), page
            text = page.read_text(encoding="utf-8")
            assert f"sida {number} av {len(pages)}" in text or number == 1, page
            assert ('rel="prev"' in text) == (number > 1), page
            assert ('rel="next"' in text) == (number < len(pages)), page
    assert not broken_links(site), broken_links(site)[:20]


@pytest.mark.slow
def test_every_idea_is_reachable_from_its_lists(paged_sample_site: Path) -> None:
    """Through the board and the status lists, through the municipality lists, and
    through the area lists: every idea, and no list page holds more than PAGE_SIZE."""
    site = paged_sample_site / "site"
    everything = many_ideas(paged_sample_site)
    assert len(everything) > 4 * PAGE_SIZE
    for grouping in ("status", "kommun", "omrade"):
        reached: set[str] = set()
        for folder in sorted((site / "slussen/idebank" / grouping).iterdir()):
            for page in list_pages(site, folder.relative_to(site).as_posix()):
                found = idea_links(site, page)
                assert len(found) <= PAGE_SIZE, page
                reached |= found
        overview = {"status": "", "kommun": "kommuner/", "omrade": "omraden/"}[grouping]
        reached |= idea_links(site, site / f"slussen/idebank/{overview}index.html")
        assert reached >= everything, (grouping, sorted(everything - reached)[:5])


@pytest.mark.slow
def test_overviews_show_the_first_rows_and_link_to_the_rest(paged_sample_site: Path) -> None:
    site = paged_sample_site / "site"
    board = (site / "slussen/idebank/index.html").read_text(encoding="utf-8")
    columns = re.findall(r'<section class="sluss-board__column">(.*?)</section>', board, re.S)
    assert len(columns) == 6
    for column in columns:
        count = int(re.search(r"<h2[^>]*>[^<]*\((\d+)\)", column).group(1))  # type: ignore[union-attr]
        items = column.count("<li>")
        assert items == min(count, PREVIEW), column[:200]
        assert ("Visa alla" in column) == (count > PREVIEW), column[:200]
    municipality = (site / "slussen/kommuner/falkoping/index.html").read_text(encoding="utf-8")
    assert "Visa alla" in municipality
    assert "../../idebank/kommun/falkoping/" in municipality


@pytest.mark.slow
def test_list_pages_are_left_out_of_the_search_index(paged_sample_site: Path) -> None:
    urls = set(search_records(paged_sample_site / "site"))
    assert "/slussen/ideer/digitala-las-i-hemtjansten/" in urls
    for folder in ("idebank/status/", "idebank/kommun/", "taggar/exempel/", "spridning/tabell"):
        assert not [u for u in urls if u.startswith(f"/slussen/{folder}")], folder


def test_item_pages_are_indexed_with_their_facts_and_text(sample_site: Path) -> None:
    """Title, summary, municipality, tags and body text of an idea are in the index, and
    its filters are its type, status, municipality, area and tags; no dates."""
    records = search_records(sample_site / "site")
    for source in published("ideas"):
        text = source.read_text(encoding="utf-8")
        record = records[f"/slussen/ideer/{source.stem}/"]
        assert record["meta"]["title"] == front_matter_title(source)
        summary = re.search(r"^summary:\s*(.+)$", text, re.M).group(1).strip().strip("\"'")  # type: ignore[union-attr]
        assert summary in record["content"]
        municipality = re.search(r"^municipality:\s*(\S+)", text, re.M).group(1)  # type: ignore[union-attr]
        name = front_matter_title(ROOT / "municipalities" / f"{municipality}.md")
        # "Lidköping" of "Lidköpings kommun" (and its partners' names)
        shorts = [k for k in record["filters"]["Kommun"] if name.startswith(k[:-1])]
        assert shorts and shorts[0] in record["content"], (name, record["filters"])
        assert record["filters"]["Typ"] == ["Idé"]
        assert record["meta"]["typ"] == "Idé" and record["meta"]["status"]
        body = text.split("\n---\n", 1)[1].split()
        assert " ".join(w for w in body[:3] if w.isalpha()) in record["content"], body[:3]
        tags = re.search(r"^tags:\s*\[(.*)\]", text, re.M).group(1)  # type: ignore[union-attr]
        assert sorted(record["filters"]["Tagg"]) == sorted(t.strip() for t in tags.split(","))
        assert not re.search(r"\d{4}-\d{2}-\d{2}", record["content"]), record["content"]


def test_generated_pages_are_not_too_large(sample_site: Path) -> None:
    sizes = {p: p.stat().st_size for p in html_pages(sample_site / "site")}
    assert max(sizes.values()) < 300_000, max(sizes, key=sizes.__getitem__)
