"""`sluss import publiccode`: a publiccode.yml made a draft innovation.

Another organisation's software, described in publiccode.yml (standard 0.2–0.4), becomes
`innovations/<slug>.md` with `draft: true`: the title, summary, body, the `software:`
block and tags from what the file says, and a list of the portal's required fields it
cannot say (owner, area, evidence …) for a person to fill in. A draft is checked like
any file, so `sluss check` names those fields until they are filled.

The file is someone else's text: it is read with YAML's safe loader, every string is
searched for control and bidi characters (refused: they hide what a text says), the
addresses must be http(s), and the description enters the body as escaped plain text,
so HTML in it shows as text. Nothing is written unless all of that passed, the draft
loads, and the checker finds nothing wrong in it but the fields left to fill in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sluss.content.check import check_item
from sluss.content.form_answers import IntakeError
from sluss.content.intake import shorten, write_new
from sluss.content.load import parse_text
from sluss.content.new_item import scalar, to_fill_in
from sluss.content.repository import Repository
from sluss.core.diagnostics import format_text
from sluss.core.kinds import BIDI_CONTROLS
from sluss.core.model import INNOVATIONS, VOCABULARIES, max_length
from sluss.core.publiccode import VERSIONS, WEB_ADDRESS, problems
from sluss.core.text import SPDX, TAG, md, slugify, today_in_sweden

LANGUAGES = ("sv", "en")  # which description is taken, first found
LANGUAGE_NAMES = {"sv": "svenska", "en": "engelska"}
MAX_VALUES = 20_000  # strings and containers after aliases; real files have < 300
# The model's limits, so that the draft holds what the checker accepts.
SUMMARY_MAX = max_length(INNOVATIONS.field("summary"))
TITLE_MAX = max_length(INNOVATIONS.field("title"))
TAG_MAX = max_length(INNOVATIONS.field("tags").item)  # type: ignore[union-attr]
PLATFORM_MAX = max_length(INNOVATIONS.field("software").member("platforms").item)  # type: ignore[union-attr]
# C0 and C1 controls but line feed and tab, and the bidi controls (core/kinds.py).
_HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff{BIDI_CONTROLS}]")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, as content/load.py


class PubliccodeError(Exception):
    """Why a publiccode.yml gives no draft: a Swedish message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- reading the file --------------------------------------------------------------------


def read_publiccode(raw: bytes, where: str) -> dict[str, Any]:
    """The file's mapping, or `PubliccodeError` naming what makes it unusable."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PubliccodeError(f"{where} är inte UTF-8-text (byte {exc.start})") from exc
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader: no Python objects
    except yaml.YAMLError as exc:
        raise PubliccodeError(f"{where} är inte giltig YAML: {_yaml_place(exc)}") from exc
    if not isinstance(data, dict):
        raise PubliccodeError(f"{where} är ingen publiccode.yml: den är inte en YAML-mappning")
    refuse_hidden_characters(data)
    version = str(data.get("publiccodeYmlVersion") or "")
    if version not in VERSIONS:
        shown = f"«{shorten(version, 20)}»" if version else "saknas"
        raise PubliccodeError(
            f"publiccodeYmlVersion {shown}: bara version 0.2–0.4 av standarden kan läsas in"
        )
    if not _text(data.get("name")):
        raise PubliccodeError("name saknas: programmets namn är det enda som alltid krävs")
    for key in ("url", "landingURL"):
        value = data.get(key)
        if value is not None and not (isinstance(value, str) and WEB_ADDRESS.match(value)):
            raise PubliccodeError(f"{key} ska vara en http- eller https-adress, inte «{value}»")
    return data


def _refuse_other_schemes(text: Mapping[str, Any], where: str) -> None:
    value = text.get("documentation")
    if value is not None and not (isinstance(value, str) and WEB_ADDRESS.match(value)):
        raise PubliccodeError(f"{where} ska vara en http- eller https-adress, inte «{value}»")


def _yaml_place(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "okänt fel"
    return f"rad {mark.line + 1}, kolumn {mark.column + 1}: {problem}" if mark else problem


def refuse_hidden_characters(data: object) -> None:
    """Every key and string, with a budget: aliases may make a small file a huge tree."""
    for count, (path, text) in enumerate(_strings(data, "")):
        if count > MAX_VALUES:
            raise PubliccodeError(f"filen har fler än {MAX_VALUES} värden – den läses inte in")
        found = _HIDDEN.search(text)
        if found:
            raise PubliccodeError(
                f"{path or 'en nyckel'} innehåller det dolda tecknet U+{ord(found.group()):04X} "
                "(styr- eller riktningstecken döljer vad texten säger) – inget lästes in"
            )


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            yield inner, str(key)
            yield from _strings(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    else:
        yield path, ""  # a number or a date: nothing hidden, but it counts


def description(data: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The description in Swedish, else English, with its language code."""
    texts = data.get("description")
    if isinstance(texts, dict):
        for lang in LANGUAGES:
            if isinstance(texts.get(lang), dict):
                _refuse_other_schemes(texts[lang], f"description.{lang}.documentation")
                return lang, texts[lang]
    raise PubliccodeError("description saknas på svenska (sv) och engelska (en)")


# --- the draft ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """The draft's text, and what a person must still fill in."""

    title: str
    text: str
    language: str
    to_fill: list[str]
    warnings: list[str]


def draft(data: Mapping[str, Any], repo: Repository) -> Draft:
    lang, text = description(data)
    values = _front(data, lang, text)
    software, software_missing = _software(data, text)
    to_fill = [*to_fill_in(INNOVATIONS, values), *software_missing]
    used = _used_by(data, repo)
    lines = ["---", f"# Inläst från publiccode.yml med sluss import publiccode ({lang})."]
    lines.append("# Fyll i själv: " + ", ".join(to_fill))
    lines += [f"# Används av {name} ({mid}): owner eller adopters?" for name, mid in used if mid]
    lines += [f"{name}: {scalar(value)}" for name, value in values.items()]
    if software:
        lines.append("software:")
        lines += [f"  {name}: {scalar(value)}" for name, value in software.items()]
    lines += ["---", _body(text, lang, [name for name, _ in used])]
    title = str(values["title"])
    return Draft(title, "\n".join(lines), lang, to_fill, problems(data))


def _front(data: Mapping[str, Any], lang: str, text: Mapping[str, Any]) -> dict[str, object]:
    localised = text.get("localisedName")
    name = localised if _text(localised) and lang == "sv" else data["name"]
    values: dict[str, object] = {"title": shorten(str(name), TITLE_MAX)}
    summary = _plain(text.get("shortDescription")) or _plain(text.get("longDescription"))
    if len(summary) >= 10:  # the model's least; a shorter one is left to fill in
        values["summary"] = shorten(summary, SUMMARY_MAX)
    values["draft"] = True
    tags = _tags(data.get("categories"))
    if tags:
        values["tags"] = tags
    return values


def _software(
    data: Mapping[str, Any], text: Mapping[str, Any]
) -> tuple[dict[str, object], list[str]]:
    """The `software:` block from what the file says, and the members it cannot fill."""
    wanted: dict[str, object] = {
        "repository": _https(data.get("url")),
        "license": _license(data.get("legal")),
        "platforms": _platforms(data.get("platforms")),
        "development_status": _known(data.get("developmentStatus"), "development_status"),
        "software_type": _known(data.get("softwareType"), "software_type"),
        "landing_url": _https(data.get("landingURL")),
        "documentation": _https(text.get("documentation")),
    }
    member = INNOVATIONS.field("software")
    assert member is not None
    required = [f.name for f in member.fields if f.required]
    missing = [f"software.{name}" for name in required if not wanted[name]]
    return {k: v for k, v in wanted.items() if v}, missing


def _platforms(value: object) -> list[str] | None:
    """A list of short names; the standard also allows one name on its own."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names:
        return None
    fits = all(_text(n) and len(n) <= PLATFORM_MAX for n in names)
    return [" ".join(n.split()) for n in names] if fits else None


def _https(value: object) -> str | None:
    # The model takes https only; an http address is left for a person to check.
    return value if isinstance(value, str) and value.startswith("https://") else None


def _license(legal: object) -> str | None:
    value = legal.get("license") if isinstance(legal, dict) else None
    return value if isinstance(value, str) and SPDX.match(value) else None


def _known(value: object, vocabulary: str) -> str | None:
    return value if isinstance(value, str) and value in VOCABULARIES[vocabulary] else None


def _tags(categories: object) -> list[str]:
    found = categories if isinstance(categories, list) else []
    tags = [c for c in found if isinstance(c, str) and TAG.match(c) and len(c) <= TAG_MAX]
    return list(dict.fromkeys(tags))


def _used_by(data: Mapping[str, Any], repo: Repository) -> list[tuple[str, str]]:
    """Each name in usedBy, with the id of the repository's municipality of that name."""
    used = data.get("usedBy")
    names = used if isinstance(used, list) else []
    known = _municipality_names(repo)
    return [(" ".join(n.split()), known.get(_name_key(n), "")) for n in names if _text(n)]


def _municipality_names(repo: Repository) -> dict[str, str]:
    """Lower-case names → id: "tidaholms kommun", "tidaholm" and "tidaholms"."""
    out: dict[str, str] = {}
    for item in repo.items.get("municipalities", {}).values():
        for name in (item.data.get("title"), item.data.get("name"), item.id):
            if isinstance(name, str):
                out[_name_key(name)] = item.id
    return out


def _name_key(name: str) -> str:
    key = " ".join(name.lower().split()).removesuffix(" kommun")
    return key.removesuffix("s") if key.endswith("s") and len(key) > 3 else key


def _body(text: Mapping[str, Any], lang: str, used_by: list[str]) -> str:
    note = f"*Utkast inläst från publiccode.yml; beskrivningen är på {LANGUAGE_NAMES[lang]}.*"
    parts = [note, "", "## Vad är det?", ""]
    long = text.get("longDescription")
    paragraphs = long.split("\n\n") if isinstance(long, str) else []
    parts += [line for p in paragraphs if p.strip() for line in (md(p), "")]
    listed = text.get("features")
    features = [f for f in listed if _text(f)] if isinstance(listed, list) else []
    if features:
        parts += ["## Vad programmet gör", "", *(f"- {md(f)}" for f in features), ""]
    if used_by:
        parts += ["## Används av (enligt publiccode.yml)", ""]
        parts += [*(f"- {md(name)}" for name in used_by), ""]
    return "\n".join(parts)


def _plain(value: object) -> str:
    """One line of text; the pages escape it, so HTML in it shows as text."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


# --- writing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    path: Path
    draft: Draft


def import_publiccode(
    repo: Repository, raw: bytes, where: str, *, write: bool = True, today: dt.date | None = None
) -> Imported:
    """Read one publiccode.yml and write its draft innovation; `PubliccodeError` says why
    not, and then nothing was written."""
    made = draft(read_publiccode(raw, where), repo)
    folder = repo.root / INNOVATIONS.name
    slug = free_slug(repo, folder, made.title)
    _refuse_other_errors(repo, made, slug, today or today_in_sweden())
    path = folder / f"{slug}.md"
    if write:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            write_new(path, made.text)
        except IntakeError as exc:
            raise PubliccodeError(exc.message) from exc
    return Imported(path, made)


def free_slug(repo: Repository, folder: Path, title: str) -> str:
    """The title's slug, or with -2, -3 … when taken: never overwrite."""
    slug = slugify(title)
    taken = set(repo.items.get(INNOVATIONS.name, {})) | {p.stem for p in folder.glob("*.md")}
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _refuse_other_errors(repo: Repository, made: Draft, slug: str, today: dt.date) -> None:
    """The checker may find the fields left to fill in, nothing else."""
    rel = f"{INNOVATIONS.name}/{slug}.md"
    item, read_problems = parse_text(made.text, rel, INNOVATIONS.name, slug)
    found = [*read_problems, *(check_item(repo, item, today) if item is not None else [])]
    other = [d for d in found if d.code != "missing-field"]
    if item is None or other:
        raise PubliccodeError(
            "Utkastet skulle få fel i kontrollen, så inget skrevs:\n" + format_text(other, "sv")
        )
