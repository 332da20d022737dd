"""The network of sluices: other portals' innovations and challenges, with no server.

Each portal in `federation:` (sluss.yml) publishes its open data like this one does.
`update_federation` fetches `<url>slussen/data/innovationer.json`, `utmaningar.json`
and `kommuner.json` (for the municipalities' names) of each (`remote_get`: https, time
and size limits, same-host redirects), checks every item (`remote_items`) and keeps
the last good copy of each file in the cache,
`.sluss-cache/federation/<id>.json` (git-ignored), with the date it was fetched. A file
that cannot be read or is no export leaves the last good copy in place, and the warning
says from which date. Nothing is written anywhere else: not into the content folders,
not into this portal's own open data.

`read_federation` is the seam for the pages: it reads the cache only, never the
network, so that the outputs stay pure (the same cache gives the same bytes) and a build
with no network still builds. `sluss build` updates the cache first, then generates.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sluss.content.remote_get import GetFailed, Limits, get
from sluss.content.remote_items import RemoteItem, checked_items, item_of
from sluss.core.config import Config
from sluss.core.federation_settings import RemotePortalSettings
from sluss.core.files import write_changed
from sluss.core.text import today_in_sweden

CACHE_FOLDER = ".sluss-cache/federation"
DATA_PATH = "slussen/data/"
# The collection as it is called here → its file on every portal.
# Municipalities only for their names: the items name them by id.
FILES = {
    "innovations": "innovationer.json",
    "challenges": "utmaningar.json",
    "municipalities": "kommuner.json",
}
MAX_ITEM_WARNINGS = 10  # per file: a hostile file must not drown every other message
_WORKERS = 4  # portals fetched at once: a slow one does not hold up the others


@dataclass(frozen=True)
class RemotePortal:
    """Another sluice as the pages may show it: from the cache, each file's last good copy."""

    id: str
    name: str
    region: str
    url: str
    fetched: dt.date | None  # the older of the two files' fetch dates; None: never fetched
    innovations: tuple[RemoteItem, ...] = ()
    challenges: tuple[RemoteItem, ...] = ()


@dataclass
class FederationReport:
    """What `update_federation` did: the portals as now cached, and the warnings."""

    portals: list[RemotePortal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def cache_folder(root: Path) -> Path:
    return root / CACHE_FOLDER


def today() -> dt.date:
    return today_in_sweden()


# --- the seam for the pages --------------------------------------------------------------


def read_federation(root: Path, config: Config, site_url: str) -> list[RemotePortal]:
    """Every configured portal from the cache (no network); one never fetched is left out."""
    out = []
    for settings in config.federation:
        if _is_ourselves(settings, site_url):
            continue
        cached = _read_cache(root, settings, site_url)
        if cached is not None:
            out.append(_portal(settings, cached))
    return out


# --- fetching ------------------------------------------------------------------------------


def update_federation(
    root: Path,
    config: Config,
    site_url: str,
    limits: Limits | None = None,
    fetch_date: dt.date | None = None,
) -> FederationReport:
    """Fetch every portal, keep each good file in the cache, and say what went wrong."""
    limits = limits or Limits()
    fetch_date = fetch_date or today()
    portals = [p for p in config.federation if not _is_ourselves(p, site_url)]
    report = FederationReport(
        warnings=[_ourselves_warning(p) for p in config.federation if p not in portals]
    )

    def one(settings: RemotePortalSettings) -> _Outcome:
        return _update_portal(root, settings, site_url, limits, fetch_date)

    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        outcomes = list(pool.map(one, portals))
    report.warnings += _warnings(outcomes)
    report.portals = [_portal(o.settings, o.cache) for o in outcomes if o.cache is not None]
    return report


def offline_report(root: Path, config: Config, site_url: str) -> FederationReport:
    """The cache only, for a build without network (`--offline`): what it will show."""
    portals = read_federation(root, config, site_url)
    shown = {p.id for p in portals}
    warnings = [
        f"{_who(p)}: ingen sparad kopia – slussen visas inte (kör sluss federation fetch)"
        for p in config.federation
        if p.id not in shown
    ]
    return FederationReport(portals=portals, warnings=warnings)


@dataclass
class _Failure:
    file: str
    reason: str
    unreachable: bool


@dataclass
class _Outcome:
    settings: RemotePortalSettings
    cache: dict[str, Any] | None  # the portal's cache after this fetch
    failures: list[_Failure] = field(default_factory=list)
    item_warnings: list[str] = field(default_factory=list)


def _update_portal(
    root: Path,
    settings: RemotePortalSettings,
    site_url: str,
    limits: Limits,
    fetch_date: dt.date,
) -> _Outcome:
    cache = _read_cache(root, settings, site_url) or {"url": settings.url, "files": {}}
    outcome = _Outcome(settings, None)
    changed = False
    for collection, file in FILES.items():
        try:
            records, problems = _fetch_file(settings, file, site_url, limits)
        except GetFailed as exc:
            outcome.failures.append(_Failure(file, exc.reason, exc.unreachable))
            continue
        except ValueError as exc:  # not JSON, or no list of records
            outcome.failures.append(_Failure(file, str(exc), False))
            continue
        outcome.item_warnings += _capped(problems)
        cache["files"][collection] = {"fetched": fetch_date.isoformat(), "items": records}
        changed = True
    if changed:
        _write_cache(root, settings, cache)
    outcome.cache = cache if cache["files"] else None
    return outcome


def _fetch_file(
    settings: RemotePortalSettings, file: str, site_url: str, limits: Limits
) -> tuple[list[dict[str, Any]], list[str]]:
    body = get(settings.url + DATA_PATH + file, limits)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise ValueError("är inte giltig JSON") from exc
    return checked_items(data, file, settings.url, _base(site_url))  # ValueError: no export


def _capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_ITEM_WARNINGS:
        return problems
    rest = len(problems) - MAX_ITEM_WARNINGS
    return [*problems[:MAX_ITEM_WARNINGS], f"… och {rest} poster till visas inte"]


# --- the cache -----------------------------------------------------------------------------


def _read_cache(root: Path, settings: RemotePortalSettings, site_url: str) -> dict[str, Any] | None:
    """The portal's cache, each file checked again (the folder is only git-ignored, not
    trusted); None when there is none, it is unreadable, or for another address."""
    try:
        cache = json.loads((cache_folder(root) / f"{settings.id}.json").read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(cache, dict) or cache.get("url") != settings.url:
        return None  # the portal moved: its old copy is not its current data
    files: dict[str, Any] = {}
    for collection, file in FILES.items():
        entry = (cache.get("files") or {}).get(collection)
        checked = _checked_entry(entry, file, settings.url, site_url)
        if checked is not None:
            files[collection] = checked
    return {"url": settings.url, "files": files} if files else None


def _checked_entry(entry: object, file: str, url: str, site_url: str) -> dict[str, Any] | None:
    if not isinstance(entry, dict):
        return None
    try:
        fetched = dt.date.fromisoformat(str(entry.get("fetched")))
        records, _ = checked_items(entry.get("items"), file, url, _base(site_url))
    except ValueError:
        return None
    return {"fetched": fetched.isoformat(), "items": records}


def _write_cache(root: Path, settings: RemotePortalSettings, cache: dict[str, Any]) -> None:
    """Written whole beside its place and renamed over it (core/files.py)."""
    text = json.dumps(cache, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_changed(cache_folder(root), {f"{settings.id}.json": text})


def _portal(settings: RemotePortalSettings, cache: dict[str, Any]) -> RemotePortal:
    files = cache["files"]
    dates = [dt.date.fromisoformat(f["fetched"]) for f in files.values()]
    names = {
        r["id"]: r.get("name") or r["title"]
        for r in files.get("municipalities", {}).get("items", [])
    }

    def items(collection: str) -> tuple[RemoteItem, ...]:
        return tuple(item_of(r, names) for r in files.get(collection, {}).get("items", []))

    return RemotePortal(
        id=settings.id,
        name=settings.name,
        region=settings.region,
        url=settings.url,
        fetched=min(dates) if dates else None,
        innovations=items("innovations"),
        challenges=items("challenges"),
    )


# --- warnings ------------------------------------------------------------------------------


def _who(settings: RemotePortalSettings) -> str:
    return f"{settings.name} ({settings.url})"


def _warnings(outcomes: list[_Outcome]) -> list[str]:
    """One warning per problem, each naming its portal. When not one portal could be
    reached, the network is gone: that is said once, not once per portal."""
    if outcomes and all(
        len(o.failures) == len(FILES) and all(f.unreachable for f in o.failures) for o in outcomes
    ):
        return [_no_network(outcomes)]
    out: list[str] = []
    for o in outcomes:
        out += _failure_warnings(o)
        out += [f"{_who(o.settings)}: {w}" for w in o.item_warnings]
    return out


def _failure_warnings(outcome: _Outcome) -> list[str]:
    """Both files failing for the same reason (the server is down) is one warning."""
    by_reason: dict[str, list[str]] = {}
    for failure in outcome.failures:
        by_reason.setdefault(failure.reason, []).append(failure.file)
    out = []
    for reason, files in by_reason.items():
        which = "" if len(files) == len(FILES) else f"{' och '.join(files)}: "
        fallback = _fallback(outcome, files)
        out.append(f"{_who(outcome.settings)}: {which}{reason} – {fallback}")
    return out


def _fallback(outcome: _Outcome, files: list[str]) -> str:
    collections = [c for c, f in FILES.items() if f in files]
    kept = (outcome.cache or {}).get("files", {})
    dates = sorted({kept[c]["fetched"] for c in collections if c in kept})
    if not dates:
        return "inga poster visas (ingen sparad kopia)"
    return f"visar kopian från {' och '.join(dates)}"


def _no_network(outcomes: list[_Outcome]) -> str:
    shown = [
        f"{o.settings.name} från {min(f['fetched'] for f in o.cache['files'].values())}"
        for o in outcomes
        if o.cache is not None
    ]
    copies = f"visar sparade kopior: {', '.join(shown)}" if shown else "ingen sparad kopia visas"
    which = "den andra slussen" if len(outcomes) == 1 else f"någon av de {len(outcomes)} slussarna"
    return (
        f"Nätverk av slussar: kunde inte nå {which} – finns det nät? "
        f"{copies[0].upper()}{copies[1:]}."
    )


def _is_ourselves(settings: RemotePortalSettings, site_url: str) -> bool:
    return bool(site_url) and settings.url.rstrip("/") == site_url.rstrip("/")


def _ourselves_warning(settings: RemotePortalSettings) -> str:
    return f"{_who(settings)}: är den här portalens egen adress – hämtas inte"


def _base(site_url: str) -> str:
    return site_url.rstrip("/") + "/" if site_url else ""
