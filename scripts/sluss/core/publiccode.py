"""The rules of the publiccode.yml standard (versions 0.2 to 0.4) that a file must keep.

publiccode.yml describes public-sector software for catalogues such as Developers
Italia and offentligkod.se. These are the standard's mandatory keys, its enumerated
values and its lengths (docs/standard/schema.core.rst of publiccodeyml/publiccode.yml),
written once: the portal's own publiccode.yml is held to them by the tests, and a file
read or written for an innovation can be held to them too. Country sections (`it:`)
and recommendations are not checked. Each problem is a Swedish sentence naming the key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from sluss.core.kinds import WEB_SCHEME
from sluss.core.model import VOCABULARIES

VERSIONS = ("0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0")
# The standard's developmentStatus and softwareType: the model's vocabularies hold them
# with their Swedish labels (an innovation's `software:` block), written once there.
DEVELOPMENT_STATUS = tuple(VOCABULARIES["development_status"])
SOFTWARE_TYPES = tuple(VOCABULARIES["software_type"])
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
# The standard's controlled vocabulary of categories (docs/standard/categories-list.rst).
_CATEGORY_WORDS = """
    accounting agile-project-management applicant-tracking application-development
    appointment-scheduling backup billing-and-invoicing blog budgeting
    business-intelligence business-process-management cad call-center-management
    cloud-management collaboration communications compliance-management
    contact-management content-management crm customer-service-and-support
    data-analytics data-collection data-visualization design design-system
    digital-asset-management digital-citizenship document-management donor-management
    e-commerce e-signature educational-content email-management email-marketing
    employee-management enterprise-project-management enterprise-social-networking erp
    event-management facility-management feedback-and-reviews-management
    financial-reporting fleet-management fundraising gamification
    geographic-information-systems grant-management graphic-design help-desk hr ide
    identity-management instant-messaging inventory-management it-asset-management
    it-development it-management it-security it-service-management knowledge-management
    learning-management-system marketing mind-mapping mobile-marketing mobile-payment
    network-management office online-booking online-community payment-gateway payroll
    predictive-analysis procurement productivity-suite project-collaboration
    project-management property-management real-estate-management remote-support
    resource-management sales-management seo service-desk social-media-management survey
    talent-management task-management taxes-management test-management time-management
    time-tracking translation video-conferencing video-editing visitor-management voip
    warehouse-management web-collaboration web-conferencing website-builder
    whistleblowing workflow-management
"""
CATEGORIES = frozenset(_CATEGORY_WORDS.split())
SHORT_DESCRIPTION_MAX = 150
LONG_DESCRIPTION = (150, 10000)
# BCP 47: a primary language subtag, then optional subtags.
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
WEB_ADDRESS = re.compile(WEB_SCHEME + r"[^\s/]+\S*$")


def problems(data: object) -> list[str]:
    """Every rule `data` (a parsed publiccode.yml) breaks; empty when it keeps them all."""
    if not isinstance(data, Mapping):
        return ["filen är inte en samling nycklar och värden (YAML-mappning)"]
    return list(_problems(data))


def _problems(d: Mapping[str, Any]) -> Iterator[str]:
    version = str(d.get("publiccodeYmlVersion", ""))
    if version not in VERSIONS:
        yield f"publiccodeYmlVersion är {version or 'tom'}; läsbara versioner är 0.2–0.4"
    for key in ("name", "url"):
        if not _text(d.get(key)):
            yield f"{key} saknas"
    if _text(d.get("url")) and not WEB_ADDRESS.match(d["url"]):
        yield "url ska vara en http- eller https-adress till källkoden"
    if d.get("landingURL") is not None and not WEB_ADDRESS.match(str(d["landingURL"])):
        yield "landingURL ska vara en http- eller https-adress"
    if d.get("releaseDate") is not None and not _date(d["releaseDate"]):
        yield "releaseDate ska vara ett datum ÅÅÅÅ-MM-DD"
    if not _strings(d.get("platforms"), allow_one=True):
        yield "platforms saknas (till exempel web)"
    yield from _categories(d.get("categories"))
    yield from _choice(d, "developmentStatus", DEVELOPMENT_STATUS)
    yield from _choice(d, "softwareType", SOFTWARE_TYPES)
    yield from _description(d.get("description"))
    legal = d.get("legal")
    if not isinstance(legal, Mapping) or not _text(legal.get("license")):
        yield "legal.license saknas (en SPDX-licens, till exempel EUPL-1.2)"
    yield from _maintenance(d.get("maintenance"))
    yield from _localisation(d.get("localisation"))


def _categories(categories: object) -> Iterator[str]:
    if categories is None:
        return
    if not _strings(categories):
        yield "categories ska vara en lista med ord"
        return
    assert isinstance(categories, list)
    unknown = sorted(str(c) for c in categories if c not in CATEGORIES)
    if unknown:
        yield f"categories: {', '.join(unknown)} finns inte i standardens lista"


def _description(description: object) -> Iterator[str]:
    if not isinstance(description, Mapping) or not description:
        yield "description saknas: minst ett språk, till exempel description.sv"
        return
    for lang, text in description.items():
        where = f"description.{lang}"
        if not _LANGUAGE.match(str(lang)):
            yield f"{where}: {lang} är ingen språkkod (BCP 47, till exempel sv eller en)"
        if not isinstance(text, Mapping):
            yield f"{where} ska innehålla shortDescription, longDescription och features"
            continue
        short = text.get("shortDescription")
        if not isinstance(short, str) or not short.strip():
            yield f"{where}.shortDescription saknas"
        elif len(short.strip()) > SHORT_DESCRIPTION_MAX:
            yield f"{where}.shortDescription är längre än {SHORT_DESCRIPTION_MAX} tecken"
    if not any(_long_enough(t) for t in description.values() if isinstance(t, Mapping)):
        low, high = LONG_DESCRIPTION
        yield f"longDescription saknas eller är inte {low}–{high} tecken i något språk"
    if not any(_strings(t.get("features")) for t in description.values() if isinstance(t, Mapping)):
        yield "features saknas: en lista med vad programmet gör, i minst ett språk"


def _maintenance(maintenance: object) -> Iterator[str]:
    if not isinstance(maintenance, Mapping):
        yield "maintenance saknas"
        return
    kind = maintenance.get("type")
    if kind not in MAINTENANCE_TYPES:
        yield f"maintenance.type är {kind!r}; tillåtet: {', '.join(MAINTENANCE_TYPES)}"
    contacts = maintenance.get("contacts")
    if kind in ("internal", "community") and not _named(contacts):
        yield f"maintenance.contacts krävs när maintenance.type är {kind}, var och en med name"
    contractors = maintenance.get("contractors")
    if kind == "contract" and not _named(contractors, also="until"):
        yield "maintenance.contractors krävs när maintenance.type är contract (name och until)"
    if kind != "contract" and contractors:
        yield "maintenance.contractors får bara finnas när maintenance.type är contract"


def _localisation(localisation: object) -> Iterator[str]:
    if not isinstance(localisation, Mapping):
        yield "localisation saknas"
        return
    if not isinstance(localisation.get("localisationReady"), bool):
        yield "localisation.localisationReady ska vara true eller false"
    languages = localisation.get("availableLanguages")
    tags = languages if isinstance(languages, list) and _strings(languages) else []
    if not tags or not all(_LANGUAGE.match(x) for x in tags):
        yield "localisation.availableLanguages ska lista språkkoder, till exempel [sv, en]"


def _choice(d: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> Iterator[str]:
    if d.get(key) not in allowed:
        yield f"{key} är {d.get(key)!r}; tillåtet: {', '.join(allowed)}"


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _strings(value: object, allow_one: bool = False) -> bool:
    if allow_one and _text(value):
        return True
    return isinstance(value, list) and bool(value) and all(_text(x) for x in value)


def _named(entries: object, also: str = "") -> bool:
    return (
        isinstance(entries, list)
        and bool(entries)
        and all(
            isinstance(e, Mapping) and _text(e.get("name")) and (not also or e.get(also))
            for e in entries
        )
    )


def _date(value: object) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)))


def _long_enough(text: Mapping[str, Any]) -> bool:
    value = text.get("longDescription")
    low, high = LONG_DESCRIPTION
    return isinstance(value, str) and low <= len(value.strip()) <= high
