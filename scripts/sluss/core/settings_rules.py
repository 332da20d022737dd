"""Reading `sluss.yml`: where each key is (for messages at its line), and the rules that
several settings share: one line of plain text, a safe https address, a branch name.
`core/config.py` reads the file with these; so do the `editor:` and `federation:`
sections in modules of their own."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.kinds import ONE_LINE_REFUSED
from sluss.core.yamlpos import file_pos, yaml_lines

CONFIG_FILE = "sluss.yml"


@dataclass(frozen=True)
class Option:
    """One setting of the `site:` section: its key, default and what it is for."""

    key: str
    default: str
    help: str


class Report:
    """The problems found in sluss.yml, each at the line of the key it is about."""

    def __init__(self, text: str) -> None:
        self.problems: list[Diagnostic] = []
        self.lines = key_lines(text)

    def __call__(self, problem: str, *keys: object) -> None:
        path = tuple(keys)
        while path and path not in self.lines:  # the nearest key that has a line
            path = path[:-1]
        line, column = self.lines.get(path, (1, 1))
        self.problems.append(diag(CONFIG_FILE, line, column, "config", problem=problem))


def key_lines(text: str) -> dict[tuple[object, ...], tuple[int, int]]:
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
                    out.setdefault((*path, key_value(key)), at(key))
                    walk(value, (*path, key_value(key)))
        elif isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value, start=1):
                out.setdefault((*path, number), at(item))
                walk(item, (*path, number))

    if root is not None:
        walk(root, ())
    return out


def key_value(node: yaml.ScalarNode) -> object:
    """A key as the loader reads it (`1:` is the number 1, `care:` the text)."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except yaml.YAMLError:
        return node.value


# Characters that make one line of text something else: the same set as for one-line
# fields of content (control characters, separators, bidi controls such as U+202E).
HIDDEN = re.compile(f"[{ONE_LINE_REFUSED}]")
LABEL_MAX = 100  # characters in an area label
# A repository address: http(s), an ASCII host name (no user name, no look-alike
# letters), an optional port and a path of URL-safe characters; no query, no fragment.
REPO_URL = re.compile(
    r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?"
)
# A branch name that git accepts and that is safe in a URL path: letters, digits and
# `. _ / -`; no `..`, no `//`, not starting with `-`, `/` or `.`, not ending in `/`, `.`
# or `.lock`.
BRANCH = re.compile(r"(?!-|/|\.)(?!.*\.\.)(?!.*//)(?!.*(/|\.|\.lock)$)[A-Za-z0-9._/-]{1,100}")


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: hidden characters named, one line, not too long."""
    text = HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(value))
    return f"«{text if len(text) <= limit else text[: limit - 1] + '…'}»"


def hidden_character(value: str) -> str:
    """'' if the text has no hidden character, else which one (`U+202E`)."""
    found = HIDDEN.search(value)
    if not found:
        return ""
    ch = found.group()
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}{f' {name}' if name else ''}"


def one_line(value: object, where: str, max_length: int) -> str:
    """'' if `value` is one line of plain text, else what is wrong with it (Swedish)."""
    if not isinstance(value, str):
        return f"{where}: {shown(value)} är inte text – skriv en rad text"
    hidden = hidden_character(value)
    if hidden:
        return (
            f"{where}: {shown(value)} innehåller ett osynligt styrtecken ({hidden}) – "
            "skriv en rad vanlig text utan radbrytningar och styrtecken"
        )
    if not value.strip():
        return f"{where}: tom – skriv en rad text"
    if len(value) > max_length:
        return f"{where}: {len(value)} tecken är för långt – högst {max_length}"
    return ""


def https_problem(value: str) -> str:
    """'' if `value` is an https address with a plain host name and no query."""
    if not value.lower().startswith("https://"):
        return f"{shown(value)} – bara https:// är tillåtet (t.ex. https://gitlab.kommun.se)"
    host = value.split("://", 1)[1].split("/", 1)[0]
    if "@" in host or not REPO_URL.fullmatch(value):
        return (
            f"{shown(value)} är ingen tillåten adress – https:// och ett värdnamn med a–z, "
            "0–9, punkt och bindestreck, utan användarnamn, ? och #"
        )
    return ""


def section(raw: dict[str, Any], name: str, kind: type, report: Report) -> Any:
    """A top-level section of the expected shape; a wrong one is reported, not a crash."""
    value = raw.get(name)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        shape = "namn: värde / name: value" if kind is dict else "- värde / - value"
        report(f"{name}: {shape}", name)
        return kind()
    return value
