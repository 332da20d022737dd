"""Whatever builds the HTML – MkDocs, ProperDocs or Zensical – the site keeps the same
promises: the same pages, edit links to the repository, a working skip link and Swedish
labels, content cleaned of anything that could run a script, the portal's own search (over
Pagefind's index, with the theme's search off), no request to another host,
nothing for axe-core to find on any page type, and no Nu Html Checker error but the
theme's own known ones (listed per builder below and in docs/tillganglighet.md).

The sample is built once per builder. A builder whose package is not installed is
skipped, with the command that installs it: `make compat` installs both and runs these.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import (
    ITEM,
    KEYBOARD_SETUP,
    LEFT_OVER,
    SEARCH_BUTTON,
    Session,
    axe_violations,
    broken_links,
    build_env,
    build_hostile,
    copy_portal,
    describe,
    digest,
    keyboard_problems,
    needs_chromium,
    needs_java_and_vnu,
    page_of_type,
    run_sluss,
    search_in_dialog,
    serve,
    site_prefix,
    skip_link_problems,
    vnu_messages,
    walk,
)

pytestmark = [pytest.mark.compat, pytest.mark.slow]

OTHERS = ["properdocs", "zensical"]  # MkDocs builds the shared `sample_site`
REPO = "https://github.com/innovationssluss-skaraborg/portal"

# Errors of the Nu Html Checker in the theme's own markup, per builder: (message, the
# markup it is about). Each comes from the theme's base.html, outside every block an
# override could replace. The same list, in Swedish, is in docs/tillganglighet.md.
THEME_ERRORS: dict[str, list[tuple[str, str]]] = {
    # Material's toggles for the drawer and search: autocomplete="off" on a checkbox.
    "properdocs": [
        (
            r"^Attribute “autocomplete” is only allowed when the input type is ",
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        ),
    ],
    # The same two, and Zensical's overlay: a label for the drawer's checkbox that is
    # hidden from assistive technology.
    "zensical": [
        (
            r"^Attribute “autocomplete” is only allowed when the input type is ",
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        ),
        (
            r"^The “aria-hidden” attribute must not be used on any “label” element that is "
            r"associated with a labelable element\.$",
            r'<label class="md-overlay" for="__drawer" aria-hidden="true">',
        ),
    ],
}

PAGE_TYPES = {
    "start": "",
    "idébank": "slussen/idebank/",
    "idé": ITEM + "slussen/ideer",
    "innovation": ITEM + "slussen/innovationer",
    "lista per kommun": "slussen/idebank/kommuner/",
    "läget": "slussen/laget/",
    "spridning": "slussen/spridning/",
    "taggar": "slussen/taggar/",
    "öppna data": "slussen/data/",
    "kommun": ITEM + "slussen/kommuner",
    "utbildningsmodul": ITEM + "slussen/utbildning",
    "stödaktör": ITEM + "slussen/stod",
}
# Swedish texts of the theme that every page of the MkDocs build shows.
SWEDISH = ['lang="sv"', 'aria-label="Sidhuvud"', "Byt till mörkt läge", "Tillbaka till toppen"]


def installed(name: str) -> Any:
    """The builder as a pytest parameter, skipped when its package is missing."""
    missing = importlib.util.find_spec(name) is None
    reason = f"{name} är inte installerat: `make compat` (pip install -e '.[{name}]')"
    return pytest.param(name, marks=pytest.mark.skipif(missing, reason=reason))


@pytest.fixture(scope="module", params=[installed(name) for name in OTHERS])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built by one builder (module-wide, so once per builder): its site."""
    name: str = request.param
    root = copy_portal(tmp_path_factory.mktemp(name) / "portal")
    result = run_sluss(
        "build", "--builder", name, "--site-dir", root / "site", cwd=root, env=build_env(root)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The sanitiser removes nothing from clean content, whatever theme wraps it.
    assert "otillåten HTML" not in result.stderr, result.stderr
    return root / "site"


def builder_of(site: Path) -> str:
    return site.parent.parent.name.rstrip("0123456789")  # mktemp's folder: `zensical0`


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def theme_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if "md-content__inner" in text_of(p)]


def text_of(page: Path) -> str:
    return page.read_text(encoding="utf-8")


# --- the same site ------------------------------------------------------------------------


def test_the_same_pages_as_mkdocs(built: Path, sample_site: Path) -> None:
    assert pages(built) == pages(sample_site / "site")


EDIT = re.compile(r'<a href="([^"]*)" title="Redigera sidan" class="md-content__button')


def test_all_internal_links_and_anchors_resolve(built: Path) -> None:
    """MkDocs and ProperDocs stop on a broken link (strict); Zensical does not check: the
    built site is checked here, link by link, anchors too."""
    broken = broken_links(built)
    assert not broken, "\n".join(broken[:20])


def test_the_same_edit_links_as_mkdocs(built: Path, sample_site: Path) -> None:
    """Every page links to the same file in the repository as with MkDocs (generated
    pages to their content file), or, like there, to none."""
    mkdocs = sample_site / "site"
    differ = {
        rel: (EDIT.findall(text_of(built / rel)), EDIT.findall(text_of(mkdocs / rel)))
        for rel in pages(mkdocs)
        if EDIT.findall(text_of(built / rel)) != EDIT.findall(text_of(mkdocs / rel))
    }
    assert not differ, differ
    items = sorted(built.glob("slussen/ideer/*/index.html"))
    assert items
    for item in items:
        assert EDIT.findall(text_of(item)) == [f"{REPO}/edit/main/ideas/{item.parent.name}.md"]


SKIP = re.compile(r'<a href="#([^"]+)" class="md-skip">\s*([^<]*?)\s*</a>')


def test_the_skip_link_and_swedish_labels_on_every_page(built: Path, sample_site: Path) -> None:
    """Where MkDocs gives a page a skip link, so does the builder, in Swedish, and its
    target is in the page's content (the sanitiser must not have taken its id)."""
    problems = []
    for page in theme_pages(built):
        rel = page.relative_to(built).as_posix()
        text = text_of(page)
        problems += [f"{rel}: saknar {label}" for label in SWEDISH if label not in text]
        skip = SKIP.search(text)
        if SKIP.search(text_of(sample_site / "site" / rel)) and not skip:
            problems.append(f"{rel}: ingen länk Gå till innehållet")
        if skip and skip[2] != "Gå till innehållet":
            problems.append(f"{rel}: länken heter {skip[2]!r}")
        if skip:
            content = text[text.index('<article class="md-content__inner') :]
            if f'id="{skip[1]}"' not in content:
                problems.append(f"{rel}: Gå till innehållet leder till #{skip[1]}, som saknas")
    assert len(theme_pages(built)) > 100
    assert not problems, "\n".join(problems)


# --- hostile content ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The hostile content of test_browser.py, built by the same builder."""
    name = builder_of(built)
    root = copy_portal(tmp_path_factory.mktemp(f"hostile-{name}") / "portal")
    return build_hostile(root, name)


def test_hostile_content_is_cleaned(hostile: tuple[Path, str, str]) -> None:
    site, item, stderr = hostile
    assert f"otillåten HTML togs bort ur {item}index.html" in stderr
    assert stderr.count("otillåten HTML") == 1, stderr  # the clean pages lost nothing
    html = text_of(site / item / "index.html")
    article = html[html.index('<article class="md-content__inner') : html.rindex("</article>")]
    for left in (r"<(script|iframe|form|style|object|base|math|noscript)\b", r"<[^<>]*\son\w+\s*="):
        assert not re.search(left, article, re.I), left
    assert not re.search(r"(href|src)=\"\s*(javascript|data):", article, re.I)
    assert not re.search(r'\bid="__config"', article)  # the theme's configuration is its own
    assert "tracker.example" not in article


# --- in the browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def visit(built: Path, browser: Any) -> Iterator[Session]:
    with serve(built, site_prefix(built.parent), max_age=600) as base_url:
        visiting = Session(browser, base_url)
        yield visiting
        visiting.close()


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("page_type", sorted(PAGE_TYPES))
def test_axe_finds_nothing_and_no_other_host_is_asked(
    page_type: str, built: Path, visit: Session
) -> None:
    page = visit.open(page_of_type(built, PAGE_TYPES[page_type]))
    assert page.evaluate("document.documentElement.lang") == "sv"
    violations = axe_violations(page)
    page.wait_for_load_state("networkidle")
    foreign, visit.foreign = visit.foreign, []
    errors, visit.errors = visit.errors, []
    assert not violations, describe(f"{page_type} ({page.url})", violations)
    assert not foreign, "förfrågningar till andra värdar:\n" + "\n".join(foreign)
    assert not errors, "skriptfel:\n" + "\n".join(errors)


# Walked by keyboard, and checked again in the dark scheme and at a phone's width.
SELECTION = ["start", "idé", "innovation", "spridning"]


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("page_type", SELECTION)
def test_keyboard_reaches_everything_and_the_skip_link_works(
    page_type: str, built: Path, visit: Session
) -> None:
    """As with MkDocs: Tab reaches every control with a visible focus, on screen, and the
    skip link comes first and moves the focus into the content."""
    page = visit.open(page_of_type(built, PAGE_TYPES[page_type]))
    expected = page.evaluate(KEYBOARD_SETUP)
    stops = walk(page, len(expected) + 40)
    problems = keyboard_problems(page, expected, stops) + skip_link_problems(page, stops)
    assert not problems, f"{page_type} ({page.url}):\n" + "\n".join(problems)


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("page_type", SELECTION)
@pytest.mark.parametrize(("width", "scheme"), [(1280, "dark"), (375, "light"), (375, "dark")])
def test_axe_finds_nothing_in_the_dark_and_on_a_phone(
    page_type: str, width: int, scheme: str, built: Path, visit: Session
) -> None:
    page = visit.open(page_of_type(built, PAGE_TYPES[page_type]), width=width, scheme=scheme)
    if width == 375:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "rullar i sidled"
    violations = axe_violations(page)
    assert not violations, describe(f"{page_type}, {width} px, {scheme} ({page.url})", violations)


@pytest.mark.browser
@needs_chromium
def test_the_menu_opens_by_keyboard_in_a_narrow_window(built: Path, visit: Session) -> None:
    page = visit.open("slussen/laget/", width=1000)
    menu = page.locator("button.sluss-header-button-__drawer")
    assert menu.is_visible() and menu.evaluate("el => el.tabIndex >= 0")
    menu.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked"), "menyn öppnas inte"


@pytest.mark.browser
@needs_chromium
def test_search_finds_an_idea(built: Path, visit: Session) -> None:
    """The portal's search, as with MkDocs: the header's button opens the dialog, which
    finds an idea in Pagefind's index (made from the finished site whichever builder
    made it); the results pass axe. The theme's own search is off: no second search in
    the header, and nothing asks for the theme's index or its worker."""
    page = visit.open(None)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    visit.goto(page, page_of_type(built, PAGE_TYPES["öppna data"]))  # a page naming no idea
    assert page.locator(SEARCH_BUTTON).count() == 1
    assert page.locator('.md-search, [data-md-component="search"], [for="__search"]').count() == 0
    titles = [r["title"] for r in search_in_dialog(page, "bokbuss")]
    assert "Bokbuss med ett litet skaparlabb" in titles, titles
    violations = axe_violations(page)
    assert not violations, describe(f"sökresultat ({page.url})", violations)
    theirs = [u for u in asked if "search.json" in u or "/workers/search" in u]
    assert not theirs, theirs
    foreign, visit.foreign = visit.foreign, []
    errors, visit.errors = visit.errors, []
    assert not foreign, "förfrågningar till andra värdar:\n" + "\n".join(foreign)
    assert not errors, "skriptfel:\n" + "\n".join(errors)


@pytest.mark.browser
@needs_chromium
def test_hostile_content_cannot_run_script(hostile: tuple[Path, str, str], browser: Any) -> None:
    site, item, _ = hostile
    with serve(site, site_prefix(site.parent)) as base_url:
        visiting = Session(browser, base_url)
        page = visiting.open(item)
        page.mouse.move(200, 400)
        page.keyboard.press("Tab")
        assert page.evaluate("window.pwned") is None
        assert page.evaluate(LEFT_OVER) == []
        assert "Lokaler <img src=x" in page.inner_text("body")  # shown, as text
        page.wait_for_load_state("networkidle")
        visiting.close()
    assert not visiting.foreign, visiting.foreign


# --- the Nu Html Checker --------------------------------------------------------------------


def is_theme_error(name: str, message: dict[str, str]) -> bool:
    return any(
        re.search(text, message.get("message", ""))
        and re.search(markup, message.get("extract", ""))
        for text, markup in THEME_ERRORS[name]
    )


@needs_java_and_vnu
def test_vnu_finds_only_the_known_errors_of_the_theme(built: Path) -> None:
    name = builder_of(built)
    messages = vnu_messages(pages_of(built))
    other = [m for m in messages if not is_theme_error(name, m)]
    listing = [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()}"
        for m in other[:30]
    ]
    assert not other, f"vnu: {len(other)} fel\n" + "\n".join(listing)
    # Every known error is still there, on every page of the theme: the list is exact.
    for text, markup in THEME_ERRORS[name]:
        where = {
            m["url"]
            for m in messages
            if re.search(text, m.get("message", "")) and re.search(markup, m.get("extract", ""))
        }
        assert len(where) == len(theme_pages(built)), (text, len(where))


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- choosing a builder ------------------------------------------------------------------------


def test_a_missing_builder_is_named_and_leaves_the_site_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sluss import cli
    from sluss.build import builders

    root = copy_portal(tmp_path / "portal")
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>förra versionen</p>\n", encoding="utf-8")
    before = digest(site)
    gone = dataclasses.replace(builders.BUILDERS["zensical"], module="sluss_inget_sadant_paket")
    monkeypatch.setitem(builders.BUILDERS, "zensical", gone)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", build_env(root)["SOURCE_DATE_EPOCH"])
    assert cli.main(["build", str(root), "--builder", "zensical"]) == 1
    err = capsys.readouterr().err
    assert "byggverktyget Zensical är inte installerat" in err, err
    assert "pip install -e '.[zensical]'" in err
    assert digest(site) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site"]


def test_an_unknown_builder_in_sluss_yml_is_a_config_error(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "portal")
    config = root / "sluss.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nbuilder: foo\n", encoding="utf-8")
    result = run_sluss("check", cwd=root, env=build_env(root))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "builder: mkdocs, properdocs, zensical?" in result.stdout + result.stderr
