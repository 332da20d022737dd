"""The network of sluices: other portals' open data fetched hostile by default.

Every server here is a thread on 127.0.0.1 playing one other portal, well or badly; the
limits are lowered so that each misbehaviour is seen within a second.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hostile_server import (
    Answer,
    RoutedHandler,
    redirect,
    send,
    send_json,
    sleep_then,
    stop,
    trickle,
)
from hostile_server import start as start_server
from sluss.cli import main
from sluss.content.check import check_repository
from sluss.content.federation import (
    CACHE_FOLDER,
    offline_report,
    read_federation,
    update_federation,
)
from sluss.content.remote_get import GetFailed, Limits, get
from sluss.content.remote_items import checked_items
from sluss.core.config import Config, load_config
from sluss.core.federation_settings import RemotePortalSettings
from sluss.outputs.open_data import DATA, catalog, open_data
from sluss.site.portal import Portal

from support import ROOT, TODAY

OWN_SITE = "https://sluss.example.se/"
LIMITS = Limits(seconds=0.5, max_bytes=20_000, allow_loopback_http=True)
FIRST_DAY = dt.date(2026, 12, 1)


# --- a pretend portal ----------------------------------------------------------------------


def record(base: str, item_id: str, **changes: Any) -> dict[str, Any]:
    """One item as `outputs/open_data.py` writes it."""
    out: dict[str, Any] = {
        "id": item_id,
        "url": f"{base}slussen/innovationer/{item_id}/",
        "title": f"Innovation {item_id}",
        "summary": "Digitala nycklar i hemtjänsten, prövat i två kommuner.",
        "tags": ["hemtjänst"],
        "owner": "vara",
        "owner_url": f"{base}slussen/kommuner/vara/",
        "area": "care",
        "stage": "pilot",
        "reuse": {"how": "Kontakta oss.", "license": "CC-BY-4.0"},
        "contact": {"role": "Samordnare", "email": "sluss@vara.se"},
        "body": "Text med <br> och a < b, som inte följer med.",
    }
    return out | changes


class _Handler(RoutedHandler):
    routes: ClassVar[dict[str, Answer]] = {}


def start() -> tuple[http.server.ThreadingHTTPServer, str]:
    return start_server(_Handler)


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.routes = {}
    httpd, url = start()
    yield url
    stop(httpd)


def portal(
    server: str,
    name: str,
    innovations: Answer,
    challenges: Answer | None = None,
    municipalities: Answer | None = None,
) -> str:
    """Serve one portal under /<name>/ and return its address."""
    base = f"{server}/{name}/"
    data = f"/{name}/slussen/data/"
    _Handler.routes[f"{data}innovationer.json"] = innovations
    _Handler.routes[f"{data}utmaningar.json"] = challenges or send_json([])
    _Handler.routes[f"{data}kommuner.json"] = municipalities or send_json(
        [record(base, "vara", url=f"{base}slussen/kommuner/vara/", name="Vara")]
    )
    return base


def config(*urls: str) -> Config:
    return Config(
        federation=tuple(
            RemotePortalSettings(f"region-{n}", f"Region {n}", "Län", url)
            for n, url in enumerate(urls, 1)
        )
    )


def fetch(root: Path, *urls: str, day: dt.date = FIRST_DAY, limits: Limits = LIMITS) -> Any:
    return update_federation(root, config(*urls), OWN_SITE, limits, day)


def good_portal(server: str, name: str = "bra", count: int = 2) -> str:
    base = f"{server}/{name}/"
    items = [record(base, f"innovation-{n}") for n in range(count)]
    return portal(server, name, send_json(items))


def one_warning(report: Any) -> str:
    assert len(report.warnings) == 1, report.warnings
    return str(report.warnings[0])


# --- a good portal ---------------------------------------------------------------------------


def test_a_good_portals_items_come_through(tmp_path: Path, server: str) -> None:
    base = good_portal(server)
    report = fetch(tmp_path, base)
    assert report.warnings == []
    [remote] = report.portals
    assert (remote.id, remote.name, remote.url, remote.fetched) == (
        "region-1",
        "Region 1",
        base,
        FIRST_DAY,
    )
    assert [i.id for i in remote.innovations] == ["innovation-0", "innovation-1"]
    item = remote.innovations[0]
    assert item.page_url == f"{base}slussen/innovationer/innovation-0/"
    assert (item.area, item.municipalities, item.municipality_names) == (
        "care",
        ("vara",),
        ("Vara",),
    )
    assert (item.license, item.state) == (
        "CC-BY-4.0",
        "pilot",
    )
    assert read_federation(tmp_path, config(base), OWN_SITE) == report.portals
    cached = (tmp_path / CACHE_FOLDER / "region-1.json").read_text(encoding="utf-8")
    assert "innovation-0" in cached
    assert "body" not in cached and "sluss@vara.se" not in cached  # only what pages need


# --- a server that misbehaves ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (sleep_then(send_json([])), "svarade inte inom 0.5 s"),
        (trickle(b"[" + b" " * 200 + b"]"), "svarade inte inom 0.5 s"),
        (trickle(b"[]", headers_too=True), "svarade inte inom 0.5 s"),
        (send(b"[" + b" " * 30_000 + b"]"), "filen är större än 0.02 MB"),
        (send(b"[" + b" " * 30_000 + b"]", length=False), "filen är större än 0.02 MB"),
        (send(b"[{'id': 1,"), "är inte giltig JSON"),
        (send(b"\xff\xfe[]"), "är inte giltig JSON"),
        (send_json({"id": "x"}), "är ingen lista av poster"),
        (send(b"", status=500), "svarade med felkod 500"),
    ],
    ids=[
        "no-answer",
        "slow-body",
        "slow-headers",
        "too-big",
        "too-big-unannounced",
        "invalid-json",
        "not-utf8",
        "not-a-list",
        "server-error",
    ],
)
def test_a_file_that_fails_as_a_whole(
    tmp_path: Path, server: str, answer: Answer, reason: str
) -> None:
    base = portal(server, "trasig", answer, answer, answer)
    started = time.monotonic()
    report = fetch(tmp_path, base)
    assert time.monotonic() - started < 2.5  # two files, each cut off at 0.5 s
    warning = one_warning(report)
    assert warning.startswith(f"Region 1 ({base}): {reason}")
    assert warning.endswith("inga poster visas (ingen sparad kopia)")
    assert report.portals == []


def test_a_failing_portal_falls_back_to_its_cached_copy(tmp_path: Path, server: str) -> None:
    base = good_portal(server)
    fetch(tmp_path, base)
    portal(server, "bra", sleep_then(send_json([])), send(b"", 503))
    report = fetch(tmp_path, base, day=FIRST_DAY + dt.timedelta(days=5))
    assert sorted(report.warnings) == [
        f"Region 1 ({base}): innovationer.json: svarade inte inom 0.5 s – "
        "visar kopian från 2026-12-01",
        f"Region 1 ({base}): utmaningar.json: svarade med felkod 503 – "
        "visar kopian från 2026-12-01",
    ]
    [remote] = report.portals
    assert [i.id for i in remote.innovations] == ["innovation-0", "innovation-1"]
    assert remote.fetched == FIRST_DAY


def test_one_good_file_is_kept_while_the_other_fails(tmp_path: Path, server: str) -> None:
    base = good_portal(server)
    fetch(tmp_path, base)
    portal(server, "bra", send_json([]), send(b"inte json"))
    later = FIRST_DAY + dt.timedelta(days=1)
    report = fetch(tmp_path, base, day=later)
    assert one_warning(report).endswith(
        "utmaningar.json: är inte giltig JSON – visar kopian från 2026-12-01"
    )
    [remote] = report.portals
    assert remote.innovations == ()  # the newest good copy: the list is empty now
    assert remote.fetched == FIRST_DAY  # the older of the two files


# --- items that are refused -------------------------------------------------------------------


def _bad(base: str) -> dict[str, dict[str, Any]]:
    return {
        "html-title": record(base, "html", title="<script>alert(1)</script>"),
        "html-summary": record(base, "img", summary='Se <img src=x onerror="alert(1)">'),
        "javascript-url": record(base, "js", owner_url="javascript:alert(1)"),
        "data-in-text": record(base, "data", area="data:text/html;base64,PHNjcmlwdD4="),
        "javascript-in-text": record(base, "jst", stage="JavaScript : alert(1)"),
        "bidi": record(base, "bidi", title="Faktura\u202egpj.exe"),
        "control": record(base, "ctrl", summary="rad\x1b[31m"),
        "no-summary": {k: v for k, v in record(base, "kort").items() if k != "summary"},
        "wrong-type": record(base, "typ", title=["en", "lista"]),
        "too-long": record(base, "lang", title="x" * 301),
        "not-a-slug": record(base, "Inte Ett Id"),
        "tags-not-a-list": record(base, "taggar", tags="hemtjänst"),
        "ours": record(OWN_SITE, "var-egen"),
        "elsewhere": record("https://annan.example.org/", "annan"),
    }


@pytest.mark.parametrize("case", list(_bad("http://x/")))
def test_a_bad_item_is_dropped_with_a_warning(tmp_path: Path, server: str, case: str) -> None:
    base = f"{server}/blandat/"
    bad = _bad(base)[case]
    portal(server, "blandat", send_json([record(base, "bra"), bad, "inte ett objekt"][:2]))
    report = fetch(tmp_path, base)
    warning = one_warning(report)
    assert warning.startswith(f"Region 1 ({base}): innovationer.json, post 2")
    assert warning.endswith("– posten visas inte")
    assert [i.id for i in report.portals[0].innovations] == ["bra"]


def test_text_that_only_resembles_an_address_is_kept(tmp_path: Path, server: str) -> None:
    base = f"{server}/prosa/"
    item = record(base, "prosa", summary="Data: fem kommuner, a < b och 3 > 2.\nRad två.")
    portal(server, "prosa", send_json([item]))
    report = fetch(tmp_path, base)
    assert report.warnings == []
    assert report.portals[0].innovations[0].summary.startswith("Data: fem kommuner")


def test_an_item_from_this_portal_is_named_as_such(tmp_path: Path, server: str) -> None:
    base = portal(server, "p", send_json([record(OWN_SITE, "var-egen")]))
    warning = one_warning(fetch(tmp_path, f"{server}/p/"))
    assert "ligger på den här portalen" in warning and base in warning


def test_duplicate_and_colliding_ids_drop_every_item_involved(tmp_path: Path, server: str) -> None:
    base = f"{server}/dubbel/"
    items = [
        record(base, "samma"),
        record(base, "samma", title="Den andra"),
        record(base, "a"),
        record(base, "b", url=f"{base}slussen/innovationer/a/"),
        record(base, "ensam"),
    ]
    portal(server, "dubbel", send_json(items))
    report = fetch(tmp_path, base)
    assert [i.id for i in report.portals[0].innovations] == ["ensam"]
    assert len(report.warnings) == 3
    assert "id «samma» används av flera poster" in report.warnings[0]


def test_many_bad_items_give_a_bounded_number_of_warnings(tmp_path: Path, server: str) -> None:
    base = f"{server}/massa/"
    items = [record(base, f"x{n}", title="<b>") for n in range(50)]
    portal(server, "massa", send_json(items))
    report = fetch(tmp_path, base, limits=Limits(0.5, 1_000_000, allow_loopback_http=True))
    assert len(report.warnings) == 11 and report.warnings[-1].endswith("40 poster till visas inte")


# --- addresses ---------------------------------------------------------------------------------


def test_a_redirect_to_another_host_is_refused(tmp_path: Path, server: str) -> None:
    port = server.rsplit(":", 1)[1]
    target = f"http://localhost:{port}/bra/slussen/data/innovationer.json"
    good_portal(server)
    portal(server, "vidare", redirect(target), redirect(target))
    warning = one_warning(fetch(tmp_path, f"{server}/vidare/"))
    assert "skickar vidare till en annan värd (localhost)" in warning


def test_a_redirect_on_the_same_host_is_followed(server: str) -> None:
    good_portal(server)
    _Handler.routes["/flyttad.json"] = redirect("/bra/slussen/data/innovationer.json")
    assert get(f"{server}/flyttad.json", LIMITS).startswith(b"[")


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://127.0.0.1:99999/x.json", "är ingen giltig adress"),
        ("/sökväg/å.json", "gav ett ogiltigt svar"),
        ("https://127.0.0.1/x.json", "kunde inte nås"),  # https on the same host: allowed
        ("ftp://127.0.0.1/x.json", "bara https"),
        ("/loop.json", "skickar vidare fler än 3 gånger"),
    ],
)
def test_odd_redirects_fail_cleanly(server: str, location: str, reason: str) -> None:
    _Handler.routes["/loop.json"] = redirect(location)
    with pytest.raises(GetFailed, match=reason):
        get(f"{server}/loop.json", LIMITS)


def test_no_cookies_a_named_agent_and_no_proxy_for_the_loopback(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # would fail if it were used
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    seen: list[tuple[str | None, str | None]] = []

    def with_cookie(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Set-Cookie", "spår=1; Path=/")
        h.send_header("Location", "/svar.json")
        h.send_header("Content-Length", "0")
        h.end_headers()

    def answer(h: http.server.BaseHTTPRequestHandler) -> None:
        seen.append((h.headers.get("Cookie"), h.headers.get("User-Agent")))
        send_json([])(h)

    _Handler.routes |= {"/kaka.json": with_cookie, "/svar.json": answer}
    assert get(f"{server}/kaka.json", LIMITS) == b"[]"
    [(cookie, agent)] = seen
    assert cookie is None and agent is not None and agent.startswith("sluss-federation/")


@pytest.mark.parametrize(
    "url",
    ["http://example.org/x.json", "ftp://example.org/x.json", "file:///etc/passwd"],
)
def test_only_https_is_fetched(url: str) -> None:
    with pytest.raises(GetFailed, match="bara https"):
        get(url, LIMITS)


def test_loopback_http_needs_the_explicit_flag(server: str) -> None:
    good_portal(server)
    with pytest.raises(GetFailed, match="bara https"):
        get(f"{server}/bra/slussen/data/innovationer.json", Limits())


def test_this_portal_in_its_own_list_is_left_out(tmp_path: Path) -> None:
    report = fetch(tmp_path, OWN_SITE)
    assert one_warning(report).endswith("är den här portalens egen adress – hämtas inte")


# --- no network ----------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed when the block ends: nothing listens


def test_no_network_at_all_is_said_once(tmp_path: Path) -> None:
    _Handler.routes = {}
    httpd, server = start()
    cached = good_portal(server)
    fetch(tmp_path, cached)
    stop(httpd)  # from here on, nothing answers at any portal's address
    closed = f"http://127.0.0.1:{_closed_port()}/"
    started = time.monotonic()
    report = fetch(tmp_path, cached, closed, closed)
    assert time.monotonic() - started < 2
    assert report.warnings == [
        "Nätverk av slussar: kunde inte nå någon av de 3 slussarna – finns det nät? "
        "Visar sparade kopior: Region 1 från 2026-12-01."
    ]
    assert [p.id for p in report.portals] == ["region-1"]


def test_no_network_and_no_copy(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{_closed_port()}/"
    report = fetch(tmp_path, closed)
    assert report.warnings == [
        "Nätverk av slussar: kunde inte nå den andra slussen – finns det nät? "
        "Ingen sparad kopia visas."
    ]


def test_offline_reads_only_the_cache(tmp_path: Path) -> None:
    _Handler.routes = {}
    httpd, server = start()
    cached = good_portal(server)
    fetch(tmp_path, cached)
    stop(httpd)
    report = offline_report(tmp_path, config(cached, "https://aldrig.example.se/"), OWN_SITE)
    assert [p.id for p in report.portals] == ["region-1"]
    assert report.warnings == [
        "Region 2 (https://aldrig.example.se/): ingen sparad kopia – slussen visas inte "
        "(kör sluss federation fetch)"
    ]


def test_the_cache_is_checked_again_when_read(tmp_path: Path, server: str) -> None:
    base = good_portal(server)
    fetch(tmp_path, base)
    path = tmp_path / CACHE_FOLDER / "region-1.json"
    cache = json.loads(path.read_text(encoding="utf-8"))
    cache["files"]["innovations"]["items"][0]["title"] = "<script>alert(1)</script>"
    path.write_text(json.dumps(cache), encoding="utf-8")
    [remote] = read_federation(tmp_path, config(base), OWN_SITE)
    assert [i.id for i in remote.innovations] == ["innovation-1"]
    moved = config("https://flyttad.example.se/")
    assert read_federation(tmp_path, moved, OWN_SITE) == []  # a copy of the old address


# --- nothing written but the cache ---------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith(CACHE_FOLDER)
    }


def test_nothing_is_written_outside_the_cache(tmp_path: Path, server: str) -> None:
    (tmp_path / "innovations").mkdir()
    (tmp_path / "innovations" / "egen.md").write_text("---\ntitle: Egen\n---\n", encoding="utf-8")
    (tmp_path / "sluss.yml").write_text("areas:\n  care: {sv: Vård}\n", encoding="utf-8")
    before = _tree(tmp_path)
    bad = f"{server}/trasig/"
    portal(server, "trasig", send(b"nej"))
    fetch(tmp_path, good_portal(server), bad)
    assert _tree(tmp_path) == before
    assert sorted(p.name for p in (tmp_path / CACHE_FOLDER).iterdir()) == [
        "region-1.json",
        "region-2.json",
    ]


# --- sluss.yml and the command ------------------------------------------------------------------


def test_the_settings_are_read_and_checked_with_lines(tmp_path: Path) -> None:
    (tmp_path / "sluss.yml").write_text(
        "areas:\n  care: {sv: Vård}\nfederation:\n"
        "  - {id: region-vast, name: Region Väst, region: VG, url: 'https://sluss.vast.se'}\n"
        "  - {id: region-vast, name: Igen, url: 'https://igen.se/'}\n"
        "  - {id: ost, name: Öst, url: 'http://ost.se/'}\n"
        "  - {id: syd, name: 'Syd\u202e', url: 'https://syd.se/'}\n"
        "  - {id: nord, url: 'https://nord.se/'}\n",
        encoding="utf-8",
    )
    loaded, problems = load_config(tmp_path)
    assert loaded.federation == (
        RemotePortalSettings("region-vast", "Region Väst", "VG", "https://sluss.vast.se/"),
    )
    messages = [(d.line, d.message("sv")) for d in problems]
    assert [line for line, _ in messages] == [5, 6, 7, 8]
    assert "finns redan" in messages[0][1]
    assert "bara https://" in messages[1][1]
    assert "U+202E" in messages[2][1]
    assert "name saknas" in messages[3][1]


def test_the_command_with_no_portals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sluss.yml").write_text("areas:\n  care: {sv: Vård}\n", encoding="utf-8")
    assert main(["federation", "fetch", "--root", str(tmp_path)]) == 0
    assert not (tmp_path / ".sluss-cache").exists()


def test_the_command_warns_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    closed = f"https://127.0.0.1:{_closed_port()}/"
    (tmp_path / "sluss.yml").write_text(
        f"areas:\n  care: {{sv: Vård}}\nfederation:\n  - {{id: a, name: A, url: '{closed}'}}\n",
        encoding="utf-8",
    )
    assert main(["federation", "fetch", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("varning") == 1 and "kunde inte nå den andra slussen" in err


# --- the open data catalogue -------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_portal() -> Portal:
    return Portal(check_repository(ROOT, today=TODAY), TODAY)


@pytest.mark.parametrize("file", ["innovationer.json", "utmaningar.json", "kommuner.json"])
def test_this_portals_own_export_passes_every_check(own_portal: Portal, file: str) -> None:
    """What a portal running this code publishes, another one accepts whole."""
    other = "https://annan.example.se/"
    data = json.loads(open_data(own_portal, other)[f"{DATA}/{file}"])
    records, problems = checked_items(data, file, other, OWN_SITE)
    assert problems == []
    assert [r["id"] for r in records] == [r["id"] for r in data] and records


def test_the_catalogue_names_the_other_portals_as_related(
    own_portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    node = catalog(own_portal, OWN_SITE)["@graph"][0]
    assert "dcterms:relation" not in node  # no federation: the file as before
    federated = dataclasses.replace(
        own_portal.config, federation=config("https://vast.se/").federation
    )
    monkeypatch.setattr(own_portal, "config", federated)
    node = catalog(own_portal, OWN_SITE)["@graph"][0]
    assert node["dcterms:relation"] == [{"@id": f"https://vast.se/{DATA}/catalog.jsonld"}]


# --- https -----------------------------------------------------------------------------------


@pytest.fixture
def silent_tls_port() -> Iterator[int]:
    """A port that accepts connections and then says nothing, not even TLS's hello."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def test_a_tls_server_that_never_answers_is_cut_off(silent_tls_port: int) -> None:
    started = time.monotonic()
    with pytest.raises(GetFailed, match=r"svarade inte inom 0\.5 s"):
        get(f"https://127.0.0.1:{silent_tls_port}/slussen/data/innovationer.json", LIMITS)
    assert time.monotonic() - started < 1.5


@pytest.fixture
def self_signed_server(tmp_path: Path) -> Iterator[str]:
    """An https server whose certificate no authority signed."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    _Handler.routes = {"/x.json": send_json([])}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}"
    stop(httpd)


def test_a_certificate_no_authority_signed_is_refused(self_signed_server: str) -> None:
    with pytest.raises(GetFailed, match="certifikatet godtogs inte"):
        get(f"{self_signed_server}/x.json", LIMITS)
