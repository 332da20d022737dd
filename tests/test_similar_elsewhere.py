"""The "Liknande i andra regioner" sections: other portals' items alike ours, from the cache.

A copy of the sample portal names two other portals in its sluss.yml; their open data
is written straight into the cache (as `sluss federation fetch` leaves it), and the
pages are generated from that copy by the real path (`published_view`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.build.generate import published_view
from sluss.content.check import check_repository
from sluss.content.federation import _write_cache
from sluss.content.similar import SimilarityIndex
from sluss.core.federation_settings import RemotePortalSettings
from sluss.outputs.registry import Environment
from sluss.site.network import LIMIT, THRESHOLD, shared_fields

from support import ROOT, TODAY, copy_portal

PAIRS = Path(__file__).parent / "data" / "similar_pairs.yml"  # tests/test_similar.py's
HALLAND = RemotePortalSettings(
    "halland", "Innovationssluss Halland", "Halland", "https://sluss.halland.example/"
)
DALARNA = RemotePortalSettings("dalarna", "Dalasluss", "Dalarna", "https://sluss.dalarna.example/")
# What the federation lets through (it refuses HTML): Markdown that must stay text.
HOSTILE_TITLE = "**fet** [länk](javascript:alert(1)) {: onclick=x } &amp; _kursiv_ `kod`"


def innovation(
    portal: RemotePortalSettings, item_id: str, title: str, summary: str, *tags: str
) -> dict[str, Any]:
    """One innovation as this portal's open data writes it (what the cache keeps of it)."""
    return {
        "id": item_id,
        "url": f"{portal.url}slussen/innovationer/{item_id}/",
        "title": title,
        "summary": summary,
        "tags": list(tags),
        "owner": "kungsbacka",
        "area": "care",
        "stage": "pilot",
    }


def challenge(
    portal: RemotePortalSettings, item_id: str, title: str, summary: str, *tags: str
) -> dict[str, Any]:
    return {
        "id": item_id,
        "url": f"{portal.url}slussen/utmaningar/{item_id}/",
        "title": title,
        "summary": summary,
        "tags": list(tags),
        "municipalities": ["kungsbacka"],
        "area": "care",
        "status": "open",
    }


def _locks(portal: RemotePortalSettings, n: int) -> dict[str, Any]:
    """The sample's `nyckelfri-hemtjanst` as another region would describe it."""
    return innovation(
        portal,
        f"digitala-las-{n}",
        f"Digitala lås i hemtjänsten, etapp {n}",
        "Personalen i hemtjänsten öppnar brukarnas dörrar med telefonen i stället för att "
        "hämta nycklar, och nyckelhanteringen tar mindre tid.",
        "hemtjänst",
        "digitala-lås",
    )


# Unrelated innovations: a network is mostly about other things, and the words of the
# alike ones must stay rare in it, as they are in a real one.
OTHER_THINGS = [
    ("Robotgräsklippare i parkerna", "Robotar klipper gräset i stadsparkerna om natten.", "park"),
    ("Solceller på skolornas tak", "Skolorna producerar egen el med solpaneler.", "energi"),
    ("Läxhjälp via chatt", "Elever får hjälp med matematik av studenter på kvällen.", "skola"),
    ("Elcyklar till hemtjänsten", "Personalen cyklar mellan besöken i tätorten.", "transport"),
    ("Sensorer i soptunnorna", "Tömningen planeras efter hur fulla kärlen är.", "avfall"),
    (
        "Digital bokning av lokaler",
        "Föreningar bokar idrottshallar och möteslokaler på webben.",
        "fritid",
    ),
    ("Vattenmätare som larmar", "Läckor upptäcks tidigt genom fjärravlästa mätare.", "vatten"),
    ("Lånecyklar vid stationen", "Pendlare lånar en cykel för sista biten till jobbet.", "resor"),
    ("Språkcafé på biblioteket", "Nyanlända övar svenska med volontärer varje vecka.", "bibliotek"),
    ("Matsvinn i skolköket", "Skolköken väger svinnet och anpassar portionerna.", "mat"),
]


def others(portal: RemotePortalSettings) -> list[dict[str, Any]]:
    return [
        innovation(portal, f"annat-{n}", title, summary, tag)
        for n, (title, summary, tag) in enumerate(OTHER_THINGS)
    ]


HALLAND_DATA = {
    "innovations": [
        _locks(HALLAND, 1),
        *others(HALLAND),
        innovation(
            HALLAND,
            "nyckelfritt",
            "Nyckelfri hemtjänst med digitala lås",
            "Tjänstetelefonen öppnar brukarnas digitala lås: ingen nyckelknippa i hemtjänsten.",
            "hemtjänst",
        ),
    ],
    "challenges": [
        challenge(
            HALLAND,
            "nycklar-i-hemtjansten",
            "Nycklarna i hemtjänsten tar tid",
            "Hemtjänsten lägger mycket tid på att hämta och lämna nycklar, "
            "och vid larm blir det omvägar.",
            "hemtjänst",
        ),
        challenge(
            HALLAND,
            "farlig",
            HOSTILE_TITLE,
            "Hemtjänsten lägger tid på att hämta, lämna och kvittera nycklar, "
            "och vid larm blir det omvägar för att hämta rätt nyckel.",
            "hemtjänst",
            "välfärdsteknik",
        ),
        challenge(
            HALLAND,
            "simhall",
            "För få simhallstider",
            "Skolorna får inte tider i simhallen för simundervisning.",
            "skola",
        ),
    ],
    "municipalities": [
        {
            "id": "kungsbacka",
            "url": f"{HALLAND.url}slussen/kommuner/kungsbacka/",
            "title": "Kungsbacka",
            "summary": "En kommun.",
        }
    ],
}
# More alike innovations than a page shows: the list stops at LIMIT.
DALARNA_DATA = {
    "innovations": [*(_locks(DALARNA, n) for n in range(2, 9)), *others(DALARNA)],
    "challenges": [],
    "municipalities": [],
}


def write_cache(
    root: Path, portal: RemotePortalSettings, files: dict[str, list[dict[str, Any]]]
) -> None:
    fetched = dt.date(2026, 12, 1).isoformat()
    cache = {
        "url": portal.url,
        "files": {k: {"fetched": fetched, "items": v} for k, v in files.items()},
    }
    _write_cache(root, portal, cache)


def with_network(root: Path, *portals: RemotePortalSettings) -> None:
    lines = [
        f"  - {{id: {p.id}, name: {p.name}, region: {p.region}, url: '{p.url}'}}" for p in portals
    ]
    with (root / "sluss.yml").open("a", encoding="utf-8") as config:
        config.write("\nfederation:\n" + "\n".join(lines) + "\n")


def environment(root: Path) -> Environment:
    return published_view(root, warn=False).env


@pytest.fixture(scope="module")
def networked(tmp_path_factory: pytest.TempPathFactory) -> Environment:
    root = copy_portal(tmp_path_factory.mktemp("networked"))
    with_network(root, HALLAND, DALARNA)
    write_cache(root, HALLAND, HALLAND_DATA)
    write_cache(root, DALARNA, DALARNA_DATA)
    return environment(root)


def page(env: Environment, collection: str, item_id: str) -> str:
    entry = env.portal.get(collection, item_id)
    assert entry is not None
    return env.renderer.item_page(entry)


def section(text: str) -> str:
    """The "Liknande i andra regioner" section of a page ('' when it has none)."""
    start = text.find("## Liknande i andra regioner")
    if start < 0:
        return ""
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_an_innovation_lists_the_remote_innovation_about_the_same_thing(
    networked: Environment,
) -> None:
    found = section(page(networked, "innovations", "nyckelfri-hemtjanst"))
    assert (
        "- [Nyckelfri hemtjänst med digitala lås]"
        "(https://sluss.halland.example/slussen/innovationer/nyckelfritt/)"
        " – Innovationssluss Halland (Halland) · Kungsbacka"
    ) in found
    assert "Robotgräsklippare" not in found
    # Said to be other regions', with the regions' names.
    assert "från andra regioners innovationsslussar (" in found
    assert "Halland" in found.split("\n")[2] and "Dalarna" in found.split("\n")[2]


def test_at_most_five_with_their_count(networked: Environment) -> None:
    found = section(page(networked, "innovations", "nyckelfri-hemtjanst"))
    lines = [line for line in found.splitlines() if line.startswith("- [")]
    assert len(lines) == LIMIT
    assert f"{LIMIT} innovationer från andra regioners" in found


def test_a_challenge_lists_the_remote_challenge_about_the_same_thing(
    networked: Environment,
) -> None:
    found = section(page(networked, "challenges", "nyckelhantering-hemtjanst"))
    assert "(https://sluss.halland.example/slussen/utmaningar/nycklar-i-hemtjansten/)" in found
    assert "2 utmaningar från andra regioners innovationsslussar (Halland)" in found
    assert "simhall" not in found and "innovationer/" not in found


def test_an_unrelated_item_has_no_section(networked: Environment) -> None:
    assert section(page(networked, "innovations", "makerspace-pa-biblioteket")) == ""


def test_hostile_strings_stay_text(networked: Environment) -> None:
    found = section(page(networked, "challenges", "nyckelhantering-hemtjanst"))
    assert "(https://sluss.halland.example/slussen/utmaningar/farlig/)" in found
    for escaped in (r"\*\*fet\*\*", r"\[länk\](javascript", r"\{: onclick=x \}", "&amp;amp;"):
        assert escaped in found
    assert "](javascript:" not in found.replace(r"\](javascript:", "")
    assert "**fet**" not in found.replace(r"\*\*fet\*\*", "")


def test_an_address_cannot_end_the_link_early() -> None:
    from sluss.content.federation import RemotePortal
    from sluss.content.remote_items import RemoteItem
    from sluss.site.network import RemoteMatch

    item = RemoteItem("x", "X", "Y", 'https://a.example/slussen/x (y)/"<z>')
    url = RemoteMatch(item, RemotePortal("a", "A", "", "https://a.example/", None), 1.0).url
    assert not set(url) & set(' ()<>"')


def test_no_network_no_section(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "alone")
    env = environment(root)
    assert env.network == ()
    assert section(page(env, "innovations", "nyckelfri-hemtjanst")) == ""
    assert "andra regioner" not in page(env, "challenges", "nyckelhantering-hemtjanst")


def test_a_network_portal_never_fetched_shows_nothing(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "unfetched")
    with_network(root, HALLAND)  # named in sluss.yml, but no cache
    assert section(page(environment(root), "innovations", "nyckelfri-hemtjanst")) == ""


def test_the_threshold_holds_on_the_fields_every_portal_publishes() -> None:
    """The labelled pairs of tests/test_similar.py, reduced to title, summary and tags:
    what a remote item has. The page threshold keeps its precision (a link to another
    region's page should never be a wrong one); recall drops a little without bodies."""
    data: dict[str, Any] = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    repo = check_repository(ROOT, today=TODAY)
    docs = [
        (f"{name}/{item.id}", published_fields(item.data))
        for name in ("ideas", "innovations")
        for item in repo.items[name].values()
    ]
    docs += [(f"new/{key}", published_fields(text)) for key, text in data["texts"].items()]
    pairs = [tuple(p) for p in data["pairs"]]
    index = SimilarityIndex(docs)
    found = [(index.score(a, b) >= THRESHOLD, label == "similar") for a, b, label in pairs]
    precision = sum(f and s for f, s in found) / max(sum(f for f, _ in found), 1)
    recall = sum(f and s for f, s in found) / max(sum(s for _, s in found), 1)
    print(f"\ntitle, summary, tags (≥ {THRESHOLD}): precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.95 and recall >= 0.8


def published_fields(data: dict[str, Any]) -> Mapping[str, str]:
    return shared_fields(
        str(data.get("title") or ""), str(data.get("summary") or ""), data.get("tags")
    )


def test_an_edited_item_is_compared_as_it_now_reads(tmp_path: Path) -> None:
    """The preview puts an edited item in place (`Portal.replace`) and renders its page
    again with the same renderer: the index must not answer for the old text."""
    root = copy_portal(tmp_path / "edited")
    with_network(root, HALLAND)
    write_cache(root, HALLAND, HALLAND_DATA)
    env = environment(root)
    before = page(env, "innovations", "makerspace-pa-biblioteket")
    entry = env.portal.get("innovations", "makerspace-pa-biblioteket")
    assert entry is not None and section(before) == ""
    data = entry.item.data | {"title": "Nyckelfri hemtjänst med digitala lås", "tags": []}
    data["summary"] = "Tjänstetelefonen öppnar brukarnas digitala lås i hemtjänsten."
    env.portal.replace(dataclasses.replace(entry.item, data=data))
    after = section(page(env, "innovations", "makerspace-pa-biblioteket"))
    assert "slussen/innovationer/nyckelfritt/" in after


def test_an_edit_of_the_body_alone_keeps_the_index(networked: Environment) -> None:
    """Making the index of a large network takes seconds: a body edit in the preview
    must not pay for it again, since the body is not compared."""
    entry = networked.portal.get("innovations", "nyckelfri-hemtjanst")
    assert entry is not None
    elsewhere = networked.renderer.elsewhere
    before = elsewhere.matches(entry)
    index = elsewhere._index_for(entry)
    edited = networked.portal.replace(dataclasses.replace(entry.item, body="Ny text."))
    try:
        assert elsewhere._index_for(edited) is index
        assert elsewhere.matches(edited) == before
    finally:
        networked.portal.replace(entry.item)  # the module's other tests share the portal
