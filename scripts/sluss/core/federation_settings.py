"""The `federation:` section of `sluss.yml`: the other sluices whose open data this one
reads (content/federation.py fetches it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sluss.core.settings_rules import Report, https_problem, one_line, section, shown
from sluss.core.text import SLUG


@dataclass(frozen=True)
class RemotePortalSettings:
    """One other sluice in `federation:`: its open data is read from
    `<url>slussen/data/innovationer.json` and `utmaningar.json`."""

    id: str
    name: str
    region: str
    url: str  # https, always ending in one /


# The keys of one `federation:` entry; `region` may be left out.
FEDERATION_KEYS = ("id", "name", "region", "url")


def read_federation_settings(
    raw: dict[str, Any], report: Report
) -> tuple[RemotePortalSettings, ...]:
    """`federation:` – other sluices, each `id`, `name`, `region` and an https `url`. A
    wrong entry is reported and left out: a mistake in one never stops the build."""
    portals: list[RemotePortalSettings] = []
    for number, entry in enumerate(section(raw, "federation", list, report), 1):
        where = f"federation, post {number}"
        if not isinstance(entry, dict):
            report(
                f"{where}: id: …, name: …, region: …, url: https://… (används inte)",
                "federation",
                number,
            )
            continue
        wrong = _federation_problem(entry, where)
        if not wrong and any(p.id == entry["id"] for p in portals):
            wrong = (
                f"{where}: id {shown(entry['id'])} finns redan – varje sluss behöver ett eget id"
            )
        if wrong:
            report(f"{wrong} (slussen hämtas inte)", "federation", number)
            continue
        url = str(entry["url"]).rstrip("/") + "/"
        region = str(entry.get("region") or "")
        portals.append(RemotePortalSettings(entry["id"], entry["name"], region, url))
    return tuple(portals)


def _federation_problem(entry: dict[Any, Any], where: str) -> str:
    """What is wrong with one `federation:` entry (Swedish), '' if nothing."""
    for key in entry:
        if key not in FEDERATION_KEYS:
            known = ", ".join(FEDERATION_KEYS)
            return f"{where}: {shown(key)} är ingen känd nyckel – kända är {known}"
    for key in ("id", "name", "url"):
        if entry.get(key) in (None, ""):
            return f"{where}: {key} saknas"
    slug = entry["id"]
    if not isinstance(slug, str) or len(slug) > 60 or not SLUG.fullmatch(slug):
        return f"{where}: id {shown(slug)} – skriv a–z, 0–9 och bindestreck (t.ex. region-vast)"
    for key, limit in (("name", 100), ("region", 100)):
        if entry.get(key) not in (None, ""):
            wrong = one_line(entry[key], f"{where}: {key}", limit)
            if wrong:
                return wrong
    if not isinstance(entry["url"], str):
        return f"{where}: url {shown(entry['url'])} är inte text"
    if not entry["url"].lower().startswith("https://"):
        return (
            f"{where}: url {shown(entry['url'])} – bara https:// (t.ex. https://sluss.region.se/)"
        )
    wrong = https_problem(entry["url"])
    return f"{where}: url {wrong}" if wrong else ""
