"""publiccode.yml both ways: the export of innovations that are software, and
`sluss import publiccode`, which makes a draft innovation of another's file.

The fixtures in tests/fixtures/publiccode/ are written for these tests in the shapes
municipalities publish: 0.2 with the Italian `it:` section and an English description,
0.3 in Swedish, 0.4 with both languages and `organisation`, and a minimal file after
the standard's own minimal example.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from hostile_server import Answer, RoutedHandler, redirect, send, sleep_then, start, stop, trickle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sluss.commands import import_publiccode as command
from sluss.content import fetch
from sluss.content.check import check_repository
from sluss.content.load import parse_text
from sluss.content.publiccode_import import PubliccodeError, import_publiccode
from sluss.core.publiccode import problems
from sluss.outputs.publiccode import long_description, publiccode_files, publiccode_of
from sluss.outputs.registry import data_outputs
from sluss.site.entry import Entry
from sluss.site.portal import Portal

from support import ROOT, TODAY, copy_portal, run_sluss

FIXTURES = ROOT / "tests" / "fixtures" / "publiccode"
SITE = "https://innovationssluss-skaraborg.github.io/portal/"
SAMPLE = "slussen/data/publiccode/digital-felanmalan-gata-park.yml"  # the one with software
TO_FILL = ["owner", "area", "stage", "started", "evidence.level", "reuse.how", "contact.email"]
# What a person writes for the fields the import leaves empty.
FILLED = {
    "owner": "skovde",
    "area": "administration",
    "stage": "pilot",
    "started": dt.date(2026, 1, 12),
    "evidence": {"level": "none"},
    "reuse": {"how": "Kontakta ägaren och installera programmet från källkoden."},
    "contact": {"email": "innovation@skovde.se", "role": "Innovationssamordnare"},
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_portal(tmp_path / "repo")


def innovations(root: Path) -> dict[str, bytes]:
    """Every file in innovations/, hidden ones too: a refusal must leave it as it was."""
    return {p.name: p.read_bytes() for p in sorted((root / "innovations").iterdir())}


def run(
    root: Path, capsys: pytest.CaptureFixture[str], source: Path | str, dry_run: bool = False
) -> tuple[int, str, str]:
    code = command.run(root, str(source), dry_run)
    out, err = capsys.readouterr()
    return code, out, err


def new_file(root: Path, before: dict[str, bytes]) -> tuple[str, dict[str, Any], str]:
    """The one file the import added: its name, front matter and body."""
    (name,) = set(innovations(root)) - set(before)
    text = (root / "innovations" / name).read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return name, yaml.safe_load(front), body


def errors_of(root: Path, name: str) -> list[str]:
    repo = check_repository(root, TODAY)
    path = f"innovations/{name}"
    return [f"{d.code}: {d.message('sv')}" for d in repo.diagnostics if d.path == path]


# --- import ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "language", "title"),
    [
        ("v02-it-engelska.yml", "engelska", "Prenota Sportello"),
        ("v03-svenska.yml", "svenska", "Skolskjutsplaneraren"),
        ("v04-sv-en-organisation.yml", "svenska", "Lokalbokning"),
        ("minimal.yml", "engelska", "Mottagningsregister"),
    ],
)
def test_each_shape_becomes_a_draft_that_passes_once_filled_in(
    root: Path, capsys: pytest.CaptureFixture[str], fixture: str, language: str, title: str
) -> None:
    before = innovations(root)
    code, out, err = run(root, capsys, FIXTURES / fixture)
    assert (code, err) == (0, "")
    assert f"beskrivningen på {language}" in out
    assert "Fyll i själv: " + ", ".join(TO_FILL) in out
    name, front, body = new_file(root, before)
    source = yaml.safe_load((FIXTURES / fixture).read_text(encoding="utf-8"))
    assert front["draft"] is True and front["title"] == title
    assert front["software"]["license"] == source["legal"]["license"]
    assert "## Vad är det?" in body
    # A draft is checked like any file: it fails on exactly the fields left to fill in.
    assert {e.split(":")[0] for e in errors_of(root, name)} == {"missing-field"}
    path = root / "innovations" / name
    path.write_text(
        "---\n"
        + yaml.safe_dump({**front, **FILLED, "draft": False}, allow_unicode=True)
        + "---\n"
        + body,
        encoding="utf-8",
    )
    assert errors_of(root, name) == []


def test_used_by_names_are_matched_to_municipalities(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = innovations(root)
    run(root, capsys, FIXTURES / "v03-svenska.yml")
    name, _, body = new_file(root, before)
    text = (root / "innovations" / name).read_text(encoding="utf-8")
    assert "# Används av Skövde kommun (skovde)" in text
    assert "# Används av Hjo kommun (hjo)" in text
    assert "Exempelby kommun (" not in text  # no municipality of that name here
    assert "- Exempelby kommun" in body


def test_html_in_the_description_stays_text(
    root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = yaml.safe_load((FIXTURES / "v04-sv-en-organisation.yml").read_text("utf-8"))
    del data["description"]["sv"]  # the English text, with its <script>, is taken
    source = tmp_path / "publiccode.yml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = innovations(root)
    code, _, err = run(root, capsys, source)
    assert (code, err) == (0, "")
    _, front, body = new_file(root, before)
    assert front["title"] == "Bokningsportal för lokaler"  # name: localisedName is English
    assert "<script" not in body and "&lt;script&gt;" in body
    assert "<b>" not in body


def test_same_name_gets_a_number_never_overwrites(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert run(root, capsys, FIXTURES / "minimal.yml")[0] == 0
    assert (root / "innovations" / "mottagningsregister.md").exists()
    assert (root / "innovations" / "mottagningsregister-2.md").exists()


def test_dry_run_prints_and_writes_nothing(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = innovations(root)
    code, out, _ = run(root, capsys, FIXTURES / "minimal.yml", dry_run=True)
    assert code == 0 and "inget skrevs" in out and "draft: true" in out
    assert innovations(root) == before


def test_command_line(root: Path) -> None:
    done = run_sluss("import", "publiccode", str(FIXTURES / "minimal.yml"), cwd=root)
    assert done.returncode == 0, done.stderr
    assert "skapade utkastet innovations/mottagningsregister.md" in done.stdout


# --- refusals ----------------------------------------------------------------------------

MINIMAL = (FIXTURES / "minimal.yml").read_text(encoding="utf-8")


def _replace(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


REFUSED = {
    "not YAML": ("name: [unclosed\n  - : :", "är inte giltig YAML: rad"),
    "a list": ("- publiccodeYmlVersion: '0.4'\n", "den är inte en YAML-mappning"),
    "a string": ("just some text\n", "den är inte en YAML-mappning"),
    "no version": (
        _replace('publiccodeYmlVersion: "0.4"', ""),
        "publiccodeYmlVersion saknas: bara version 0.2–0.4",
    ),
    "unknown version": (
        _replace('publiccodeYmlVersion: "0.4"', 'publiccodeYmlVersion: "1.0"'),
        "publiccodeYmlVersion «1.0»",
    ),
    "no name": (_replace("name: Mottagningsregister", ""), "name saknas"),
    "javascript url": (
        _replace(
            'url: "https://git.example.org/kommun/mottagningsregister.git"',
            'url: "javascript:alert(1)"',
        ),
        "url ska vara en http- eller https-adress",
    ),
    "ftp landing page": (
        MINIMAL + 'landingURL: "ftp://example.org/pub"\n',
        "landingURL ska vara en http- eller https-adress",
    ),
    "javascript documentation": (
        _replace("    features:", '    documentation: "javascript:alert(1)"\n    features:'),
        "description.en.documentation ska vara en http- eller https-adress",
    ),
    "bidi control": (
        _replace("name: Mottagningsregister", 'name: "Mottagning\\u202Eexe.gpj"'),
        "name innehåller det dolda tecknet U+202E",
    ),
    "control character": (  # YAML's \\a is the bell, U+0007: valid YAML, refused text
        _replace("A register of the reception desks", '"A register\\a of desks."\n    x:'),
        "description.en.shortDescription innehåller det dolda tecknet U+0007",
    ),
    "not UTF-8": (MINIMAL.replace("Mottagningsregister", "Mottagningsregister\udcff"), "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_files_are_refused_and_nothing_is_written(
    root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    text, message = REFUSED[case]
    source = tmp_path / "publiccode.yml"
    source.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = innovations(root)
    code, out, err = run(root, capsys, source)
    assert code == 1 and out == ""
    assert message in err
    assert innovations(root) == before


def test_a_file_over_the_limit_is_refused(
    root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "publiccode.yml"
    source.write_text(MINIMAL + "#" * fetch.MAX_BYTES, encoding="utf-8")
    before = innovations(root)
    code, _, err = run(root, capsys, source)
    assert code == 1 and "större än 1 MB" in err
    assert innovations(root) == before


def test_aliases_cannot_make_a_small_file_huge(root: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        before = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{before}, *{before}, *{before}, *{before}, *{before}]\n"
    repo = check_repository(root, TODAY)
    with pytest.raises(Exception, match="fler än 20000 värden"):
        import_publiccode(repo, MINIMAL.encode() + bomb.encode(), "bomb.yml", write=False)


# --- addresses ---------------------------------------------------------------------------


class _Handler(RoutedHandler):
    routes: ClassVar[dict[str, Answer]] = {}


@pytest.fixture
def server() -> Iterator[str]:
    """A server on the loopback only, with the answers the tests need."""
    httpd, base = start(_Handler)
    port = httpd.server_address[1]
    body = MINIMAL.encode()
    _Handler.routes = {
        "/publiccode.yml": send(body),
        "/sov.yml": sleep_then(send(body)),
        "/droppar.yml": trickle(body[:40]),
        "/skrap.yml": send(bytes(range(256)) * 10),
        "/saknas.yml": send(b"", 404),
        "/stor.yml": send(b"#" * (fetch.MAX_BYTES + 1)),
        "/vidare.yml": redirect(f"http://localhost:{port}/publiccode.yml"),
        "/samma.yml": redirect(f"http://127.0.0.1:{port}/publiccode.yml"),
    }
    yield base
    stop(httpd)


@pytest.mark.parametrize("path", ["/publiccode.yml", "/samma.yml"])
def test_import_from_an_address(
    root: Path, capsys: pytest.CaptureFixture[str], server: str, path: str
) -> None:
    code, _, err = run(root, capsys, server + path)
    assert (code, err) == (0, "")
    assert (root / "innovations" / "mottagningsregister.md").exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/sov.yml", "svarade inte inom 0.5 s"),
        ("/droppar.yml", "svarade inte inom 0.5 s"),
        ("/skrap.yml", "är inte UTF-8-text"),
        ("/saknas.yml", "svarade med felkod 404"),
        ("/stor.yml", "större än 1 MB"),
        ("/vidare.yml", "skickar vidare till en annan värd"),
    ],
)
def test_bad_answers_are_refused(
    root: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: str,
    path: str,
    message: str,
) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 0.5)
    before = innovations(root)
    started = time.monotonic()
    code, _, err = run(root, capsys, server + path)
    assert code == 1 and message in err
    assert time.monotonic() - started < 3
    assert innovations(root) == before


@pytest.mark.parametrize(
    "address",
    ["http://example.org/publiccode.yml", "file:///etc/passwd", "javascript:alert(1)"],
)
def test_only_https_addresses_are_fetched(
    root: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    code, _, err = run(root, capsys, address)
    assert code == 1 and "bara https-adresser hämtas" in err


def test_an_address_that_does_not_answer(
    root: Path, capsys: pytest.CaptureFixture[str], server: str
) -> None:
    closed = server.rsplit(":", 1)[0] + ":9"  # the discard port: nothing listens
    code, _, err = run(root, capsys, closed + "/publiccode.yml")
    assert code == 1 and "kunde inte nås" in err


# --- export ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def portal() -> Portal:
    return Portal(check_repository(ROOT, today=TODAY), dt.date(2026, 11, 18))


@pytest.mark.parametrize("site_url", ["", SITE])
def test_every_exported_file_keeps_the_standard(portal: Portal, site_url: str) -> None:
    files = publiccode_files(portal, site_url)
    assert SAMPLE in files
    for path, text in files.items():
        assert problems(yaml.safe_load(text)) == [], path


def test_export_says_what_the_innovation_says(portal: Portal) -> None:
    text = publiccode_files(portal, SITE)[
        "slussen/data/publiccode/digital-felanmalan-gata-park.yml"
    ]
    data = yaml.safe_load(text)
    assert data["publiccodeYmlVersion"] == "0.4"
    assert data["landingURL"] == SITE + "slussen/innovationer/digital-felanmalan-gata-park/"
    assert data["usedBy"] == ["Tidaholms kommun"]
    assert data["categories"] == ["digital-citizenship"]  # the tag e-tjänst
    (contact,) = data["maintenance"]["contacts"]
    assert contact["name"] == "Innovationssamordnare, Tidaholms kommun"  # a role, no person
    assert data["description"]["sv"]["longDescription"].startswith("Påhittat exempel")


def test_short_body_is_padded_with_what_the_file_says(portal: Portal) -> None:
    entry = next(e for e in portal.entries["innovations"] if e.get("software"))
    short = Entry(dataclasses.replace(entry.item, body="Kort text."), entry.page)
    text = long_description(portal, short)
    assert text.startswith(entry.summary) and "Så återanvänder ni den: " in text
    assert "Förutsättningar:" in text and "Kort text." in text
    assert "Tidaholms kommun står bakom" in text and "licensen EUPL-1.2" in text


def test_the_thinnest_innovation_still_keeps_the_standard(portal: Portal) -> None:
    # The model's least: a summary and a way to reuse of ten characters, a word of body.
    entry = next(e for e in portal.entries["innovations"] if e.get("software"))
    data = {**entry.data, "title": "App", "summary": "Ett verktyg", "reuse": {"how": "Installera"}}
    data.pop("evidence")
    thin = Entry(dataclasses.replace(entry.item, data=data, body="Kort."), entry.page)
    made = publiccode_of(portal, thin, SITE)
    assert problems(made) == []


def test_only_published_innovations_with_software_are_exported(portal: Portal) -> None:
    with_software = {e.id for e in portal.entries["innovations"] if e.get("software")}
    made = {Path(p).stem for p in publiccode_files(portal, "")}
    assert made == with_software


def test_round_trip_keeps_name_url_and_license(
    portal: Portal, root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = publiccode_files(portal, SITE)[
        "slussen/data/publiccode/digital-felanmalan-gata-park.yml"
    ]
    exported = yaml.safe_load(text)
    source = tmp_path / "publiccode.yml"
    source.write_text(text, encoding="utf-8")
    before = innovations(root)
    assert run(root, capsys, source)[0] == 0
    name, front, _ = new_file(root, before)
    assert front["title"] == exported["name"]
    assert front["software"]["repository"] == exported["url"]
    assert front["software"]["license"] == exported["legal"]["license"]
    text = (root / "innovations" / name).read_text(encoding="utf-8")
    assert "# Används av Tidaholms kommun (tidaholm)" in text


def test_categories_outside_the_standards_list_are_a_problem() -> None:
    data = yaml.safe_load(MINIMAL)
    assert problems(data) == []
    found = problems({**data, "categories": ["online-booking", "kommunal-magi"]})
    assert found == ["categories: kommunal-magi finns inte i standardens lista"]


def test_the_draft_loads(root: Path) -> None:
    repo = check_repository(root, TODAY)
    done = import_publiccode(repo, (FIXTURES / "v03-svenska.yml").read_bytes(), "x", write=False)
    item, read_problems = parse_text(done.draft.text, "innovations/x.md", "innovations", "x")
    assert item is not None and read_problems == [] and item.draft


# Any value where the standard expects another kind: a message or a draft, never a crash.
_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_KEYS = ["url", "landingURL", "platforms", "categories", "usedBy", "legal", "developmentStatus"]
_TEXT_KEYS = ["localisedName", "shortDescription", "longDescription", "features", "documentation"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(_KEYS + _TEXT_KEYS), _ANY)
def test_any_value_gives_a_message_or_a_draft(root: Path, key: str, value: object) -> None:
    data = yaml.safe_load(MINIMAL)
    place = data["description"]["en"] if key in _TEXT_KEYS else data
    place[key] = value
    repo = check_repository(root, TODAY)
    try:
        done = import_publiccode(repo, yaml.safe_dump(data).encode(), "x.yml", write=False)
    except PubliccodeError as exc:
        assert exc.message
    else:
        assert "draft: true" in done.draft.text


def test_sluss_export_writes_the_files_too() -> None:
    assert "publiccode" in {o.name for o in data_outputs()}


def test_what_does_not_fit_the_model_is_left_to_fill_in(
    root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = _replace('url: "https://', 'url: "http://').replace("development\n", "alpha\n")
    source = tmp_path / "publiccode.yml"
    source.write_text(text, encoding="utf-8")
    code, out, err = run(root, capsys, source)
    assert (code, err) == (0, "")
    assert "software.repository, software.development_status" in out
    assert "obs: filen följer inte standarden här: developmentStatus är 'alpha'" in out
