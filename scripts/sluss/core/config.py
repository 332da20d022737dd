"""The portal's configuration, `sluss.yml`: what a region changes when it forks."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sluss.core.contacts import WEBMAIL_DOMAINS, is_mobile, phone_digits
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.kinds import ONE_LINE_REFUSED
from sluss.core.model import VOCABULARIES, Text, Vocabularies
from sluss.core.text import EMAIL, SLUG
from sluss.core.yamlpos import file_pos, yaml_lines

CONFIG_FILE = "sluss.yml"
# What turns the generated Markdown into HTML (`builder:`; `sluss build --builder`).
BUILDER_NAMES = ("mkdocs", "properdocs", "zensical")
# The web editor (`editor:`): the Git hosts it signs in to, and how staff sign in there.
# `token`: a personal access token pasted into the sign-in screen (no server needed);
# `pkce`: the host's own OAuth sign-in in the browser (GitLab, Gitea, Forgejo; needs the
# id of an OAuth application registered there, and no secret, so no server either).
EDITOR_BACKENDS = ("github", "gitlab", "gitea")
EDITOR_AUTH = ("token", "pkce")
# Days an idea may wait in a status before it is listed as waiting (`stale:`).
STALE_DEFAULTS: dict[str, int] = {"submitted": 30, "assessing": 90}


@dataclass(frozen=True)
class Option:
    """One setting of the `site:` section: its key, default and what it is for."""

    key: str
    default: str
    help: str


# The `site:` section, declared once: the reader, the defaults and the docs follow it.
SITE_OPTIONS = (
    Option("name", "Innovationssluss", "the portal's name, in every page title"),
    Option("region", "", "the region the sluice serves"),
    Option("repo_url", "", 'the content repository: "Redigera sidan" links point there'),
    Option("branch", "main", "the branch contributions go to"),
    Option("coordinator_email", "", "where contributors without an account write"),
)


# The `editor:` section, declared once like SITE_OPTIONS. The defaults shown here are
# the fallbacks; most are derived from `site.repo_url` and `site.branch` (`_editor`).
EDITOR_OPTIONS = (
    Option("backend", "", "the Git host: github, gitlab or gitea (also Forgejo)"),
    Option("repo", "", "the repository on that host, owner/name"),
    Option("branch", "main", "the branch the editor saves to"),
    Option("base_url", "", "a self-hosted GitLab, Gitea or Forgejo: its https address"),
    Option("app_id", "", "the OAuth application's id, for sign-in with pkce"),
    Option("auth", "token", "how staff sign in: token or pkce"),
)


@dataclass(frozen=True)
class EditorSettings:
    """Where the web editor at /admin/ reads and saves, and how staff sign in there.
    `backend` is '' when the host is unknown: the editor then only offers a sandbox."""

    backend: str = ""
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    app_id: str = ""
    auth: str = "token"


@dataclass(frozen=True)
class Rules:
    """`rules:` – the sluice's own rules, which `sluss check` warns about."""

    # An idea should not go on to testing with a smaller assessed need than this (1–5).
    min_need_for_testing: int | None = None


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
    editor: EditorSettings = EditorSettings()
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
    report = _Report(text)
    site = _section(raw, "site", dict, report)
    areas: dict[str, Text] = {}
    keywords: dict[str, tuple[str, ...]] = {}
    for key, labels in _section(raw, "areas", dict, report).items():
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
        editor=_editor(raw.get("editor"), site_values, report),
        areas=areas,
        function_mailboxes=_function_mailboxes(raw, report),
        function_phones=_function_phones(raw, report),
        stale=_stale(raw.get("stale"), report),
        rules=_rules(raw.get("rules"), report),
        builder=_builder(raw.get("builder"), report),
        keywords=keywords,
        synonyms=_synonyms(raw.get("synonyms"), report),
        federation=_federation(raw, report),
    )
    return config, report.problems


class _Report:
    """The problems found in sluss.yml, each at the line of the key it is about."""

    def __init__(self, text: str) -> None:
        self.problems: list[Diagnostic] = []
        self.lines = _key_lines(text)

    def __call__(self, problem: str, *keys: object) -> None:
        path = tuple(keys)
        while path and path not in self.lines:  # the nearest key that has a line
            path = path[:-1]
        line, column = self.lines.get(path, (1, 1))
        self.problems.append(diag(CONFIG_FILE, line, column, "config", problem=problem))


def _key_lines(text: str) -> dict[tuple[object, ...], tuple[int, int]]:
    """Line and column in sluss.yml of each key (and list item) down to three levels."""
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return {}
    breaks = yaml_lines(text)
    out: dict[tuple[object, ...], tuple[int, int]] = {}

    def at(node: yaml.Node) -> tuple[int, int]:
        line, column = file_pos(node.start_mark, breaks)
        return line - 1, column  # file_pos counts from the line after a front matter ---

    def walk(node: yaml.Node, path: tuple[object, ...]) -> None:
        if len(path) >= 3:
            return
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    out.setdefault((*path, _key_value(key)), at(key))
                    walk(value, (*path, _key_value(key)))
        elif isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value, start=1):
                out.setdefault((*path, number), at(item))
                walk(item, (*path, number))

    if root is not None:
        walk(root, ())
    return out


def _key_value(node: yaml.ScalarNode) -> object:
    """A key as the loader reads it (`1:` is the number 1, `care:` the text)."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except yaml.YAMLError:
        return node.value


# Characters that make one line of text something else: the same set as for one-line
# fields of content (control characters, separators, bidi controls such as U+202E).
_HIDDEN = re.compile(f"[{ONE_LINE_REFUSED}]")
LABEL_MAX = 100  # characters in an area label
# A repository address: http(s), an ASCII host name (no user name, no look-alike
# letters), an optional port and a path of URL-safe characters; no query, no fragment.
_REPO_URL = re.compile(
    r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?"
)
# A branch name that git accepts and that is safe in a URL path: letters, digits and
# `. _ / -`; no `..`, no `//`, not starting with `-`, `/` or `.`, not ending in `/`, `.`
# or `.lock`.
_BRANCH = re.compile(r"(?!-|/|\.)(?!.*\.\.)(?!.*//)(?!.*(/|\.|\.lock)$)[A-Za-z0-9._/-]{1,100}")


def _shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: hidden characters named, one line, not too long."""
    text = _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(value))
    return f"«{text if len(text) <= limit else text[: limit - 1] + '…'}»"


def _hidden(value: str) -> str:
    """'' if the text has no hidden character, else which one (`U+202E`)."""
    found = _HIDDEN.search(value)
    if not found:
        return ""
    ch = found.group()
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}{f' {name}' if name else ''}"


def _one_line(value: object, where: str, max_length: int) -> str:
    """'' if `value` is one line of plain text, else what is wrong with it (Swedish)."""
    if not isinstance(value, str):
        return f"{where}: {_shown(value)} är inte text – skriv en rad text"
    hidden = _hidden(value)
    if hidden:
        return (
            f"{where}: {_shown(value)} innehåller ett osynligt styrtecken ({hidden}) – "
            "skriv en rad vanlig text utan radbrytningar och styrtecken"
        )
    if not value.strip():
        return f"{where}: tom – skriv en rad text"
    if len(value) > max_length:
        return f"{where}: {len(value)} tecken är för långt – högst {max_length}"
    return ""


def _area(key: object, labels: object, report: _Report) -> Text | None:
    """One area of `areas:`: its id checked like a content id, its labels one line each.
    A wrong id or Swedish label leaves the area out; a wrong English one uses the Swedish."""
    if not isinstance(key, str) or not SLUG.fullmatch(key):
        report(
            f"areas: id {_shown(key)} är inte tillåtet – ett område skrivs som ett id i "
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
    wrong = _one_line(labels["sv"], f"areas.{key}.sv", LABEL_MAX)
    if wrong:
        report(wrong, "areas", key, "sv")
        return None
    english = labels.get("en")
    if english is not None:
        wrong = _one_line(english, f"areas.{key}.en", LABEL_MAX)
        if wrong:
            report(f"{wrong} (den svenska används)", "areas", key, "en")
            english = None
    return Text(labels["sv"].strip(), (english or labels["sv"]).strip())


def _site_value(site: dict[str, Any], option: Option, report: _Report) -> str:
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
    hidden = _hidden(text)
    if hidden:
        return f"{_shown(text)} innehåller ett osynligt styrtecken ({hidden})"
    if key == "repo_url":
        scheme = text.split(":", 1)[0].lower() if ":" in text else ""
        if scheme not in ("http", "https"):
            return (
                f"{_shown(text)} är ingen webbadress – bara http:// och https:// är "
                "tillåtna (t.ex. https://github.com/organisation/portal)"
            )
        host = text.split("://", 1)[-1].split("/", 1)[0]
        if "@" in host:
            return (
                f"{_shown(text)} har ett användarnamn före @ – skriv adressen utan det "
                "(https://värd/sökväg)"
            )
        if not _REPO_URL.fullmatch(text):
            return (
                f"{_shown(text)} är ingen tillåten adress – https:// och ett värdnamn med "
                "a–z, 0–9, punkt och bindestreck, sedan en sökväg utan mellanslag, ? och #"
            )
    elif key == "branch" and not _BRANCH.fullmatch(text):
        return (
            f"{_shown(text)} är inget tillåtet grennamn – bokstäver a–z, siffror och . _ / -, "
            "utan mellanslag och .., inte först - eller . (t.ex. main)"
        )
    elif key == "coordinator_email" and not (len(text) <= 254 and EMAIL.fullmatch(text)):
        return f"{_shown(text)} är ingen e-postadress (t.ex. innovation@kommun.se)"
    elif key in ("name", "region") and ("\n" in text or len(text) > 200):
        return "skriv en rad text, högst 200 tecken"
    return ""


def _section(raw: dict[str, Any], name: str, kind: type, report: _Report) -> Any:
    """A top-level section of the expected shape; a wrong one is reported, not a crash."""
    value = raw.get(name)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        shape = "namn: värde / name: value" if kind is dict else "- värde / - value"
        report(f"{name}: {shape}", name)
        return kind()
    return value


def _function_mailboxes(raw: dict[str, Any], report: _Report) -> frozenset[str]:
    """`function_mailboxes:` – addresses a function answers at. Each is one e-mail address
    at an organisation's domain: a webmail address is a person's, whoever lists it."""
    found: set[str] = set()
    for number, value in enumerate(_section(raw, "function_mailboxes", list, report), 1):
        wrong = _one_line(value, "function_mailboxes", 254)
        text = value.strip().lower() if not wrong else ""
        if text and not EMAIL.fullmatch(text):
            wrong = (
                f"function_mailboxes: {_shown(value)} är ingen e-postadress "
                "(t.ex. innovation@kommun.se)"
            )
        elif text.rpartition("@")[2] in WEBMAIL_DOMAINS:
            wrong = (
                f"function_mailboxes: {_shown(value)} är en webbmejladress, som tillhör en "
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


def _function_phones(raw: dict[str, Any], report: _Report) -> frozenset[str]:
    """`function_phones:` – mobile numbers that belong to a function (a duty phone, an
    on-call number), not to a person. Only a mobile number listed here is accepted in
    `contact.phone`; the list is in sluss.yml so that whoever reviews the configuration
    vouches for each number once, not every file that uses it."""
    found: set[str] = set()
    for number, value in enumerate(_section(raw, "function_phones", list, report), 1):
        wrong = _one_line(value, "function_phones", 40)
        if isinstance(value, int):  # YAML reads 0701112233 as a number (an octal one)
            wrong = 'function_phones: skriv numret inom citattecken, t.ex. "070-111 22 33"'
        if not wrong and not (_PHONE.fullmatch(value.strip()) and is_mobile(value)):
            wrong = (
                f"function_phones: {_shown(value)} är inget mobilnummer (t.ex. 070-123 45 67)"
                " – växelnummer och fasta nummer behöver inte stå här"
            )
        if wrong:
            report(f"{wrong} (numret används inte)", "function_phones", number)
        else:
            found.add(phone_digits(value))
    return frozenset(found)


def _words(raw: object, where: str, report: _Report, *keys: object) -> tuple[str, ...]:
    """A list of search words (each one line of text); anything else is reported."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(w, str) and w.strip() and "\n" not in w and len(w) <= 100 for w in raw
    ):
        report(f"{where}: [ord, ord, …]", *keys)
        return ()
    return tuple(dict.fromkeys(w.strip() for w in raw))


def _synonyms(raw: object, report: _Report) -> tuple[tuple[str, ...], ...]:
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


def _federation(raw: dict[str, Any], report: _Report) -> tuple[RemotePortalSettings, ...]:
    """`federation:` – other sluices, each `id`, `name`, `region` and an https `url`. A
    wrong entry is reported and left out: a mistake in one never stops the build."""
    portals: list[RemotePortalSettings] = []
    for number, entry in enumerate(_section(raw, "federation", list, report), 1):
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
                f"{where}: id {_shown(entry['id'])} finns redan – varje sluss behöver ett eget id"
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
            return f"{where}: {_shown(key)} är ingen känd nyckel – kända är {known}"
    for key in ("id", "name", "url"):
        if entry.get(key) in (None, ""):
            return f"{where}: {key} saknas"
    slug = entry["id"]
    if not isinstance(slug, str) or len(slug) > 60 or not SLUG.fullmatch(slug):
        return f"{where}: id {_shown(slug)} – skriv a–z, 0–9 och bindestreck (t.ex. region-vast)"
    for key, limit in (("name", 100), ("region", 100)):
        if entry.get(key) not in (None, ""):
            wrong = _one_line(entry[key], f"{where}: {key}", limit)
            if wrong:
                return wrong
    if not isinstance(entry["url"], str):
        return f"{where}: url {_shown(entry['url'])} är inte text"
    if not entry["url"].lower().startswith("https://"):
        return (
            f"{where}: url {_shown(entry['url'])} – bara https:// (t.ex. https://sluss.region.se/)"
        )
    wrong = _https_problem(entry["url"])
    return f"{where}: url {wrong}" if wrong else ""


def _builder(raw: object, report: _Report) -> str:
    """`builder:` – one of BUILDER_NAMES; MkDocs when left out."""
    if raw is None:
        return BUILDER_NAMES[0]
    if raw not in BUILDER_NAMES:
        report(f"builder: {', '.join(BUILDER_NAMES)}?", "builder")
        return BUILDER_NAMES[0]
    return str(raw)


def _stale(raw: object, report: _Report) -> dict[str, int]:
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


def _rules(raw: object, report: _Report) -> Rules:
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


# A repository on a Git host: two or more path segments of letters, digits and `. _ -`
# (GitLab has subgroups: group/subgroup/project); no `..`, no segment that starts with `.`.
_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9._-]*"
_REPO = re.compile(rf"(?!.*\.\.){_SEGMENT}(/{_SEGMENT})+")
# An OAuth application id: GitLab's are 64 hex digits, Gitea's and Forgejo's UUIDs.
_APP_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
# The hosts whose kind the address tells (a self-hosted one names `editor.backend`).
_KNOWN_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "codeberg.org": "gitea"}


def _editor(raw: object, site: dict[str, str], report: _Report) -> EditorSettings:
    """`editor:` – each value checked; a wrong one is reported and its default used.
    What is left out comes from `site.repo_url` and `site.branch`."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        report("editor: namn: värde / name: value", "editor")
        raw = {}
    for key in raw:
        if key not in {o.key for o in EDITOR_OPTIONS}:
            known = ", ".join(o.key for o in EDITOR_OPTIONS)
            report(f"editor.{_shown(key)}: okänd inställning – kända är {known}", "editor", key)
    derived = _derived_editor(site)
    values = {
        o.key: _editor_value(raw, o.key, getattr(derived, o.key), report) for o in EDITOR_OPTIONS
    }
    if "base_url" not in raw and "backend" in raw and not values["base_url"]:
        values["base_url"] = _own_host(site["repo_url"])  # a host named by `backend` only
    if "auth" not in raw and values["app_id"] and values["backend"] in ("gitlab", "gitea"):
        values["auth"] = "pkce"  # an application id says that sign-in through the host is meant
    return _consistent(EditorSettings(**values), raw, report)


def _derived_editor(site: dict[str, str]) -> EditorSettings:
    """The editor's settings that `site.repo_url` and `site.branch` imply."""
    parts = urllib.parse.urlsplit(site["repo_url"])
    host = parts.netloc.lower()
    backend = _KNOWN_HOSTS.get(host, "gitlab" if "gitlab" in host else "")
    if not backend and any(name in host for name in ("gitea", "forgejo")):
        backend = "gitea"
    repo = parts.path.strip("/").removesuffix(".git")
    return EditorSettings(
        backend=backend,
        repo=repo if _REPO.fullmatch(repo) else "",  # not owner/name: the sandbox
        branch=site["branch"],
        base_url=_own_host(site["repo_url"]) if backend else "",
    )


def _own_host(repo_url: str) -> str:
    """The editor knows github.com's and gitlab.com's addresses; any other host (Codeberg
    too: the editor's Gitea default is gitea.com) is named by `base_url`."""
    parts = urllib.parse.urlsplit(repo_url)
    if parts.scheme != "https" or parts.netloc.lower() in ("", "github.com", "gitlab.com"):
        return ""
    return f"https://{parts.netloc}"


def _editor_value(raw: dict[Any, Any], key: str, default: str, report: _Report) -> str:
    value = raw.get(key)
    if value in (None, ""):
        return default
    wrong = _editor_problem(key, value)
    if wrong:
        shown = f"«{default}»" if default else "inget värde"
        report(f"editor.{key}: {wrong} ({shown} används)", "editor", key)
        return default
    return str(value)


def _editor_problem(key: str, value: object) -> str:
    """What is wrong with the `editor:` value (Swedish), '' if nothing."""
    if not isinstance(value, str):
        return f"{_shown(value)} är inte text – skriv en rad text"
    hidden = _hidden(value)
    if hidden:
        return f"{_shown(value)} innehåller ett osynligt styrtecken ({hidden})"
    if key == "backend" and value not in EDITOR_BACKENDS:
        return f"{_shown(value)} – skriv {', '.join(EDITOR_BACKENDS)} (gitea gäller även Forgejo)"
    if key == "auth" and value not in EDITOR_AUTH:
        return f"{_shown(value)} – skriv token eller pkce"
    if key == "repo" and not (len(value) <= 200 and _REPO.fullmatch(value)):
        return (
            f"{_shown(value)} är inget förråd – skriv ägare/namn (t.ex. kommun/portal) med "
            "a–z, siffror och . _ -, utan .."
        )
    if key == "branch" and not _BRANCH.fullmatch(value):
        return (
            f"{_shown(value)} är inget tillåtet grennamn – bokstäver a–z, siffror och . _ / -, "
            "utan mellanslag och .., inte först - eller . (t.ex. main)"
        )
    if key == "app_id" and not _APP_ID.fullmatch(value):
        return f"{_shown(value)} är inget applikations-id – bara a–z, 0–9, - och _"
    if key == "base_url":
        return _https_problem(value)
    return ""


def _https_problem(value: str) -> str:
    """'' if `value` is an https address with a plain host name and no query."""
    if not value.lower().startswith("https://"):
        return f"{_shown(value)} – bara https:// är tillåtet (t.ex. https://gitlab.kommun.se)"
    host = value.split("://", 1)[1].split("/", 1)[0]
    if "@" in host or not _REPO_URL.fullmatch(value):
        return (
            f"{_shown(value)} är ingen tillåten adress – https:// och ett värdnamn med a–z, "
            "0–9, punkt och bindestreck, utan användarnamn, ? och #"
        )
    return ""


def _consistent(editor: EditorSettings, raw: dict[Any, Any], report: _Report) -> EditorSettings:
    """Settings that are each right but do not fit together: the sign-in falls back to a
    token, which works on every host."""
    if editor.auth != "pkce":
        return editor
    key = "auth" if "auth" in raw else "app_id"
    if editor.backend not in ("gitlab", "gitea"):
        report(
            "editor.auth: pkce fungerar bara med gitlab och gitea – på GitHub loggar man in "
            "med en token (token används)",
            "editor",
            key,
        )
        return dataclasses.replace(editor, auth="token")
    if not editor.app_id:
        report(
            "editor.auth: pkce behöver editor.app_id, id:t för OAuth-applikationen som "
            "registrerats hos Git-värden (token används)",
            "editor",
            key,
        )
        return dataclasses.replace(editor, auth="token")
    return editor


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
