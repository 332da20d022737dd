"""The portal's configuration, `sluss.yml`: what a region changes when it forks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.model import VOCABULARIES, Text, Vocabularies
from sluss.core.yamlpos import file_pos, yaml_lines

CONFIG_FILE = "sluss.yml"
# What turns the generated Markdown into HTML (`builder:`; `sluss build --builder`).
BUILDER_NAMES = ("mkdocs", "properdocs", "zensical")
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


@dataclass(frozen=True)
class Config:
    name: str = SITE_OPTIONS[0].default
    region: str = SITE_OPTIONS[1].default
    repo_url: str = SITE_OPTIONS[2].default
    branch: str = SITE_OPTIONS[3].default
    coordinator_email: str = SITE_OPTIONS[4].default
    areas: dict[str, Text] = field(default_factory=dict)
    function_mailboxes: frozenset[str] = frozenset()
    stale: dict[str, int] = field(default_factory=lambda: dict(STALE_DEFAULTS))
    builder: str = BUILDER_NAMES[0]
    # Search: words people use for an area ("äldreomsorg" for care), and groups of words
    # that mean the same ("försörjningsstöd", "ekonomiskt bistånd"). See outputs/search.
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: tuple[tuple[str, ...], ...] = ()

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
    problems: list[Diagnostic] = []
    site = _section(raw, "site", dict, problems)
    areas: dict[str, Text] = {}
    keywords: dict[str, tuple[str, ...]] = {}
    for key, labels in _section(raw, "areas", dict, problems).items():
        if isinstance(labels, dict) and isinstance(labels.get("sv"), str):
            areas[str(key)] = Text(labels["sv"], str(labels.get("en") or labels["sv"]))
            words = _words(labels.get("keywords"), f"areas.{key}.keywords", problems)
            if words:
                keywords[str(key)] = words
        else:
            problems.append(diag(CONFIG_FILE, 1, 1, "config", problem=f"areas.{key}: sv/en?"))
    if not areas:
        problems.append(diag(CONFIG_FILE, 1, 1, "config", problem="areas is empty"))
    config = Config(
        **{o.key: _site_value(site, o, problems) for o in SITE_OPTIONS},
        areas=areas,
        function_mailboxes=frozenset(
            str(m).lower()
            for m in _section(raw, "function_mailboxes", list, problems)
            if isinstance(m, str)
        ),
        stale=_stale(raw.get("stale"), problems),
        builder=_builder(raw.get("builder"), problems),
        keywords=keywords,
        synonyms=_synonyms(raw.get("synonyms"), problems),
    )
    return config, problems


def _site_value(site: dict[str, Any], option: Option, problems: list[Diagnostic]) -> str:
    """A `site:` value as text; a list or a mapping is reported and the default used."""
    value = site.get(option.key)
    if isinstance(value, (dict, list)):
        problems.append(diag(CONFIG_FILE, 1, 1, "config", problem=f"site.{option.key}: text"))
        return option.default
    return str(value) if value not in (None, "") else option.default


def _section(raw: dict[str, Any], name: str, kind: type, problems: list[Diagnostic]) -> Any:
    """A top-level section of the expected shape; a wrong one is reported, not a crash."""
    value = raw.get(name)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        shape = "namn: värde / name: value" if kind is dict else "- värde / - value"
        problems.append(diag(CONFIG_FILE, 1, 1, "config", problem=f"{name}: {shape}"))
        return kind()
    return value


def _words(raw: object, where: str, problems: list[Diagnostic]) -> tuple[str, ...]:
    """A list of search words (each one line of text); anything else is reported."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(w, str) and w.strip() and "\n" not in w and len(w) <= 100 for w in raw
    ):
        problems.append(diag(CONFIG_FILE, 1, 1, "config", problem=f"{where}: [ord, ord, …]"))
        return ()
    return tuple(dict.fromkeys(w.strip() for w in raw))


def _synonyms(raw: object, problems: list[Diagnostic]) -> tuple[tuple[str, ...], ...]:
    """`synonyms:` – groups of two or more words or phrases that mean the same."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(diag(CONFIG_FILE, 1, 1, "config", problem="synonyms: - [ord, ord]"))
        return ()
    groups = []
    for number, group in enumerate(raw, start=1):
        words = _words(group, f"synonyms, grupp {number}", problems)
        if len(words) == 1:
            problems.append(
                diag(CONFIG_FILE, 1, 1, "config", problem=f"synonyms, grupp {number}: två ord?")
            )
        elif words:
            groups.append(words)
    return tuple(groups)


def _builder(raw: object, problems: list[Diagnostic]) -> str:
    """`builder:` – one of BUILDER_NAMES; MkDocs when left out."""
    if raw is None:
        return BUILDER_NAMES[0]
    if raw not in BUILDER_NAMES:
        problems.append(
            diag(CONFIG_FILE, 1, 1, "config", problem=f"builder: {', '.join(BUILDER_NAMES)}?")
        )
        return BUILDER_NAMES[0]
    return str(raw)


def _stale(raw: object, problems: list[Diagnostic]) -> dict[str, int]:
    """`stale:` – days per idea status; the defaults when the section is left out."""
    if raw is None:
        return dict(STALE_DEFAULTS)
    if not isinstance(raw, dict):
        problems.append(diag(CONFIG_FILE, 1, 1, "config", problem="stale: status: dagar / days"))
        return dict(STALE_DEFAULTS)
    out: dict[str, int] = {}
    for status, days in raw.items():
        if str(status) not in VOCABULARIES["idea_status"]:
            allowed = ", ".join(VOCABULARIES["idea_status"])
            problems.append(
                diag(CONFIG_FILE, 1, 1, "config", problem=f"stale.{status}: {allowed}?")
            )
        elif isinstance(days, bool) or not isinstance(days, int) or days < 1:
            problems.append(diag(CONFIG_FILE, 1, 1, "config", problem=f"stale.{status}: 1, 2, …?"))
        else:
            out[str(status)] = days
    return out


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
