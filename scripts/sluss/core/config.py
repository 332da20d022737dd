"""The portal's configuration, `sluss.yml`: what a region changes when it forks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sluss.core.contacts import WEBMAIL_DOMAINS, is_mobile, phone_digits
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.editor_settings import EditorSettings, read_editor
from sluss.core.federation_settings import RemotePortalSettings, read_federation_settings
from sluss.core.model import VOCABULARIES, Text, Vocabularies
from sluss.core.settings_rules import (
    BRANCH,
    CONFIG_FILE,
    LABEL_MAX,
    REPO_URL,
    Option,
    Report,
    hidden_character,
    one_line,
    section,
    shown,
)
from sluss.core.text import EMAIL, SLUG
from sluss.core.yamlpos import file_pos, yaml_lines

# What turns the generated Markdown into HTML (`builder:`; `sluss build --builder`).
BUILDER_NAMES = ("mkdocs", "properdocs", "zensical")
# Days an idea may wait in a status before it is listed as waiting (`stale:`).
STALE_DEFAULTS: dict[str, int] = {"submitted": 30, "assessing": 90}


# The `site:` section, declared once: the reader, the defaults and the docs follow it.
SITE_OPTIONS = (
    Option("name", "Innovationssluss", "the portal's name, in every page title"),
    Option("region", "", "the region the sluice serves"),
    Option("repo_url", "", 'the content repository: "Redigera sidan" links point there'),
    Option("branch", "main", "the branch contributions go to"),
    Option("coordinator_email", "", "where contributors without an account write"),
)


@dataclass(frozen=True)
class Rules:
    """`rules:` – the sluice's own rules, which `sluss check` warns about."""

    # An idea should not go on to testing with a smaller assessed need than this (1–5).
    min_need_for_testing: int | None = None


@dataclass(frozen=True)
class Config:
    name: str = SITE_OPTIONS[0].default
    region: str = SITE_OPTIONS[1].default
    repo_url: str = SITE_OPTIONS[2].default
    branch: str = SITE_OPTIONS[3].default
    coordinator_email: str = SITE_OPTIONS[4].default
    areas: dict[str, Text] = field(default_factory=dict)
    function_mailboxes: frozenset[str] = frozenset()
    # Mobile numbers that belong to a function (a duty phone), as dialled in Sweden
    # (`0701234567`): the only mobile numbers `contact.phone` and the texts may hold.
    function_phones: frozenset[str] = frozenset()
    stale: dict[str, int] = field(default_factory=lambda: dict(STALE_DEFAULTS))
    rules: Rules = field(default_factory=Rules)
    builder: str = BUILDER_NAMES[0]
    # Search: words people use for an area ("äldreomsorg" for care), and groups of words
    # that mean the same ("försörjningsstöd", "ekonomiskt bistånd"). See outputs/search.
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: tuple[tuple[str, ...], ...] = ()
    editor: EditorSettings = field(default_factory=EditorSettings)
    # Other sluices whose innovations and challenges this one fetches (content/federation).
    federation: tuple[RemotePortalSettings, ...] = ()

    @property
    def vocabularies(self) -> Vocabularies:
        return Vocabularies({**VOCABULARIES, "area": self.areas})

    def source_url(self, path: str) -> str:
        """Where a contributor edits a file of the repository, or '' if unknown."""
        if not self.repo_url:
            return ""
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{path}"

    def folder_url(self, folder: str) -> str:
        """A collection folder in the repository (where new files are added)."""
        if not self.repo_url or not folder:
            return ""
        return f"{self.repo_url.rstrip('/')}/tree/{self.branch}/{folder}"


def load_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    path = root / CONFIG_FILE
    if not path.is_file():
        return Config(), [diag(CONFIG_FILE, 1, 1, "config", problem="filen saknas / file missing")]
    text = ""
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        # The same mapping as for front matter (libyaml also breaks lines at U+2028),
        # which counts from line 2: sluss.yml starts at line 1.
        line, column = file_pos(mark, yaml_lines(text)) if mark else (2, 1)
        line -= 1
        last = max(1, text.count("\n") + (not text.endswith("\n")))
        if line > last:  # "end of stream": point at the last line
            line, column = last, 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return Config(), [diag(CONFIG_FILE, line, column, "config", problem=problem)]
    if not isinstance(raw, dict):
        return Config(), [diag(CONFIG_FILE, 1, 1, "config", problem="not a mapping")]
    report = Report(text)
    site = section(raw, "site", dict, report)
    areas: dict[str, Text] = {}
    keywords: dict[str, tuple[str, ...]] = {}
    for key, labels in section(raw, "areas", dict, report).items():
        area = _area(key, labels, report)
        if area is None:
            continue
        areas[str(key)] = area
        words = _words(labels.get("keywords"), f"areas.{key}.keywords", report, "areas", key)
        if words:
            keywords[str(key)] = words
    if not areas:
        report("areas: inget område – ange minst ett, t.ex. care: {sv: Vård och omsorg}", "areas")
    site_values = {o.key: _site_value(site, o, report) for o in SITE_OPTIONS}
    config = Config(
        **site_values,
        editor=read_editor(raw.get("editor"), site_values, report),
        areas=areas,
        function_mailboxes=_function_mailboxes(raw, report),
        function_phones=_function_phones(raw, report),
        stale=_stale(raw.get("stale"), report),
        rules=_rules(raw.get("rules"), report),
        builder=_builder(raw.get("builder"), report),
        keywords=keywords,
        synonyms=_synonyms(raw.get("synonyms"), report),
        federation=read_federation_settings(raw, report),
    )
    return config, report.problems


def _area(key: object, labels: object, report: Report) -> Text | None:
    """One area of `areas:`: its id checked like a content id, its labels one line each.
    A wrong id or Swedish label leaves the area out; a wrong English one uses the Swedish."""
    if not isinstance(key, str) or not SLUG.fullmatch(key):
        report(
            f"areas: id {shown(key)} är inte tillåtet – ett område skrivs som ett id i "
            "innehållet: små bokstäver a–z, siffror och bindestreck (t.ex. vard-och-omsorg)",
            "areas",
            key,
        )
        return None
    if not isinstance(labels, dict) or "sv" not in labels:
        report(
            f"areas.{key}: namnet saknas – skriv {key}: {{sv: namn på svenska, "
            "en: namn på engelska}",
            "areas",
            key,
        )
        return None
    wrong = one_line(labels["sv"], f"areas.{key}.sv", LABEL_MAX)
    if wrong:
        report(wrong, "areas", key, "sv")
        return None
    english = labels.get("en")
    if english is not None:
        wrong = one_line(english, f"areas.{key}.en", LABEL_MAX)
        if wrong:
            report(f"{wrong} (den svenska används)", "areas", key, "en")
            english = None
    return Text(labels["sv"].strip(), (english or labels["sv"]).strip())


def _site_value(site: dict[str, Any], option: Option, report: Report) -> str:
    """A `site:` value as text; a list, a mapping or a value its rule refuses is reported
    and the default used."""
    value = site.get(option.key)
    if isinstance(value, (dict, list)):
        report(
            f"site.{option.key}: en lista eller tabell – skriv en rad text "
            f"({f'«{option.default}»' if option.default else 'inget värde'} används)",
            "site",
            option.key,
        )
        return option.default
    if value in (None, ""):
        return option.default
    text = str(value)
    wrong = _site_problem(option.key, text)
    if wrong:
        default = f"«{option.default}»" if option.default else "inget värde"
        report(f"site.{option.key}: {wrong} ({default} används)", "site", option.key)
        return option.default
    return text


def _site_problem(key: str, text: str) -> str:
    """What is wrong with the `site:` value `text` (Swedish), '' if nothing."""
    hidden = hidden_character(text)
    if hidden:
        return f"{shown(text)} innehåller ett osynligt styrtecken ({hidden})"
    if key == "repo_url":
        scheme = text.split(":", 1)[0].lower() if ":" in text else ""
        if scheme not in ("http", "https"):
            return (
                f"{shown(text)} är ingen webbadress – bara http:// och https:// är "
                "tillåtna (t.ex. https://github.com/organisation/portal)"
            )
        host = text.split("://", 1)[-1].split("/", 1)[0]
        if "@" in host:
            return (
                f"{shown(text)} har ett användarnamn före @ – skriv adressen utan det "
                "(https://värd/sökväg)"
            )
        if not REPO_URL.fullmatch(text):
            return (
                f"{shown(text)} är ingen tillåten adress – https:// och ett värdnamn med "
                "a–z, 0–9, punkt och bindestreck, sedan en sökväg utan mellanslag, ? och #"
            )
    elif key == "branch" and not BRANCH.fullmatch(text):
        return (
            f"{shown(text)} är inget tillåtet grennamn – bokstäver a–z, siffror och . _ / -, "
            "utan mellanslag och .., inte först - eller . (t.ex. main)"
        )
    elif key == "coordinator_email" and not (len(text) <= 254 and EMAIL.fullmatch(text)):
        return f"{shown(text)} är ingen e-postadress (t.ex. innovation@kommun.se)"
    elif key in ("name", "region") and ("\n" in text or len(text) > 200):
        return "skriv en rad text, högst 200 tecken"
    return ""


def _function_mailboxes(raw: dict[str, Any], report: Report) -> frozenset[str]:
    """`function_mailboxes:` – addresses a function answers at. Each is one e-mail address
    at an organisation's domain: a webmail address is a person's, whoever lists it."""
    found: set[str] = set()
    for number, value in enumerate(section(raw, "function_mailboxes", list, report), 1):
        wrong = one_line(value, "function_mailboxes", 254)
        text = value.strip().lower() if not wrong else ""
        if text and not EMAIL.fullmatch(text):
            wrong = (
                f"function_mailboxes: {shown(value)} är ingen e-postadress "
                "(t.ex. innovation@kommun.se)"
            )
        elif text.rpartition("@")[2] in WEBMAIL_DOMAINS:
            wrong = (
                f"function_mailboxes: {shown(value)} är en webbmejladress, som tillhör en "
                "person – ange kommunens eller organisationens funktionsbrevlåda"
            )
        if wrong:
            report(f"{wrong} (adressen används inte)", "function_mailboxes", number)
        else:
            found.add(text)
    return frozenset(found)


# A phone number as written: digits, an optional + first, spaces, hyphens, dots, slashes
# and one (0); at least seven digits.
_PHONE = re.compile(r"\+?[0-9 ()./-]{7,40}")


def _function_phones(raw: dict[str, Any], report: Report) -> frozenset[str]:
    """`function_phones:` – mobile numbers that belong to a function (a duty phone, an
    on-call number), not to a person. Only a mobile number listed here is accepted in
    `contact.phone`; the list is in sluss.yml so that whoever reviews the configuration
    vouches for each number once, not every file that uses it."""
    found: set[str] = set()
    for number, value in enumerate(section(raw, "function_phones", list, report), 1):
        wrong = one_line(value, "function_phones", 40)
        if isinstance(value, int):  # YAML reads 0701112233 as a number (an octal one)
            wrong = 'function_phones: skriv numret inom citattecken, t.ex. "070-111 22 33"'
        if not wrong and not (_PHONE.fullmatch(value.strip()) and is_mobile(value)):
            wrong = (
                f"function_phones: {shown(value)} är inget mobilnummer (t.ex. 070-123 45 67)"
                " – växelnummer och fasta nummer behöver inte stå här"
            )
        if wrong:
            report(f"{wrong} (numret används inte)", "function_phones", number)
        else:
            found.add(phone_digits(value))
    return frozenset(found)


def _words(raw: object, where: str, report: Report, *keys: object) -> tuple[str, ...]:
    """A list of search words (each one line of text); anything else is reported."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(w, str) and w.strip() and "\n" not in w and len(w) <= 100 for w in raw
    ):
        report(f"{where}: [ord, ord, …]", *keys)
        return ()
    return tuple(dict.fromkeys(w.strip() for w in raw))


def _synonyms(raw: object, report: Report) -> tuple[tuple[str, ...], ...]:
    """`synonyms:` – groups of two or more words or phrases that mean the same."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        report("synonyms: - [ord, ord]", "synonyms")
        return ()
    groups = []
    for number, group in enumerate(raw, start=1):
        words = _words(group, f"synonyms, grupp {number}", report, "synonyms", number)
        if len(words) == 1:
            report(f"synonyms, grupp {number}: två ord?", "synonyms", number)
        elif words:
            groups.append(words)
    return tuple(groups)


def _builder(raw: object, report: Report) -> str:
    """`builder:` – one of BUILDER_NAMES; MkDocs when left out."""
    if raw is None:
        return BUILDER_NAMES[0]
    if raw not in BUILDER_NAMES:
        report(f"builder: {', '.join(BUILDER_NAMES)}?", "builder")
        return BUILDER_NAMES[0]
    return str(raw)


def _stale(raw: object, report: Report) -> dict[str, int]:
    """`stale:` – days per idea status; the defaults when the section is left out."""
    if raw is None:
        return dict(STALE_DEFAULTS)
    if not isinstance(raw, dict):
        report("stale: status: dagar / days", "stale")
        return dict(STALE_DEFAULTS)
    out: dict[str, int] = {}
    for status, days in raw.items():
        if str(status) not in VOCABULARIES["idea_status"]:
            allowed = ", ".join(VOCABULARIES["idea_status"])
            report(f"stale.{status}: {allowed}?", "stale", status)
        elif isinstance(days, bool) or not isinstance(days, int) or days < 1:
            report(f"stale.{status}: 1, 2, …?", "stale", status)
        else:
            out[str(status)] = days
    return out


def _rules(raw: object, report: Report) -> Rules:
    """`rules:` – optional; an unknown rule or a score outside 1–5 is reported."""
    if raw is None:
        return Rules()
    if not isinstance(raw, dict):
        report("rules: regel: värde, t.ex. min_need_for_testing: 3", "rules")
        return Rules()
    need = raw.get("min_need_for_testing")
    for key in raw:
        if key != "min_need_for_testing":
            report(f"rules.{key}: okänd regel – menade du min_need_for_testing?", "rules", key)
    if need is None:
        return Rules()
    if isinstance(need, bool) or not isinstance(need, int) or not 1 <= need <= 5:
        report(
            "rules.min_need_for_testing: ett heltal från 1 till 5 (bedömningens behov)",
            "rules",
            "min_need_for_testing",
        )
        return Rules()
    return Rules(min_need_for_testing=need)


def read_site_url(root: Path) -> str:
    """`site_url` of mkdocs.yml ('' when missing); MkDocs' own tags are ignored."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return ""
    value = config.get("site_url") if isinstance(config, dict) else None
    return str(value) if value else ""
