"""Content files → items, with the line and column of every key and value.

The loader never raises on content: whatever a file holds, it returns either
an `Item` or diagnostics (often both). YAML goes through libyaml's composer
(no Python objects are built from tags), and this module turns the node tree
into plain values itself, with a budget against alias bombs.

Most files are plain: a mapping of core-typed values, each key once. Those get
their values from one quick walk that records no positions; the lines and
columns, needed only for a diagnostic, are found when first asked for, by
reading the marks libyaml put on the nodes (`_located`): no values are built
again. The checker asks right after reading a file, so the nodes of the file
read last are kept for that (one file's worth); any other file is composed
again, by libyaml. Anything else (a tag, a duplicate key, a merge key, deep
nesting, too many values) goes straight to the positioned walk, which is the one
that reports it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.model import COLLECTIONS, Text
from sluss.core.yamlpos import file_pos, yaml_lines

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 20_000  # values after alias expansion; real files have < 500
MAX_DEPTH = 32
# The quick walk leaves anything deeper to the positioned one; real files are 3 deep.
QUICK_DEPTH = 8

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Pos:
    line: int
    column: int


@dataclass
class Positions:
    """Where each value and key of a file stands, and its scalars as written."""

    values: dict[Key, Pos] = field(default_factory=dict)
    keys: dict[Key, Pos] = field(default_factory=dict)
    raw: dict[Key, str] = field(default_factory=dict)


@dataclass
class Item:
    collection: str
    id: str
    path: str  # relative to the root, forward slashes
    data: dict[str, Any]
    body: str
    body_line: int  # the file line where the body starts
    text: str  # the whole file, decoded, LF line ends
    readable: bool = True  # False when the front matter could not be read
    front: tuple[int, int] = (0, 0)  # where the front matter is in `text`
    where: Positions | None = field(default=None, repr=False, compare=False)

    @property
    def draft(self) -> bool:
        return self.data.get("draft") is True

    @property
    def source(self) -> str:
        """The front matter as YAML reads it (a slice when needed: not kept twice)."""
        return self.text[self.front[0] : self.front[1]]

    @property
    def values(self) -> dict[Key, Pos]:
        return self.positions().values

    @property
    def keys(self) -> dict[Key, Pos]:
        return self.positions().keys

    @property
    def raw(self) -> dict[Key, str]:
        return self.positions().raw

    def positions(self) -> Positions:
        """The positions, from libyaml's marks the first time they are needed."""
        if self.where is None:
            self.where = _located(self)
        return self.where

    def pos(self, key: Key) -> Pos:
        """Where a value stands; for a missing one, its nearest written parent."""
        values = self.values
        while key:
            if key in values:
                return values[key]
            key = key[:-1]
        return Pos(1, 1)

    def key_pos(self, key: Key) -> Pos:
        return self.keys.get(key) or self.pos(key)


class _Timestamp(str):
    """A YAML timestamp libyaml could not turn into a date: kept as written."""


# Tags a content file may carry (all resolved implicitly from plain values).
_CORE = "tag:yaml.org,2002:"
_STR, _INT, _TIMESTAMP, _MAP, _SEQ = (_CORE + t for t in ("str", "int", "timestamp", "map", "seq"))
_CONSTRUCTOR = yaml.SafeLoader("")  # only its scalar constructors are used
# PyYAML's own constructors, called without construct_object's cache of every node.
_SCALARS: dict[str, Callable[[yaml.SafeLoader, Any], Any]] = {
    _CORE + t: yaml.SafeLoader.yaml_constructors[_CORE + t]
    for t in ("int", "float", "bool", "null")
}
_ALLOWED_TAGS = {_STR, _TIMESTAMP, *_SCALARS}
_IMPLICIT = yaml.SafeLoader.yaml_implicit_resolvers  # first character → (tag, pattern)


# The tag of a plain value depends on its text alone, and most short texts (field
# names, dates, statuses, tags) come back in every file: remembered, up to a bound.
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX, _RESOLVED_LENGTH = 20_000, 32


# Positions are few (lines × columns of a front matter) and come back in every file; a
# Pos is frozen, so one instance serves them all and is not made again, up to a bound.
_POS: dict[tuple[int, int], Pos] = {}
_POS_MAX = 20_000


def forget_resolved_tags() -> None:
    """Start cold, as a benchmark's repeated runs must: also the positions remembered."""
    _RESOLVED.clear()
    _POS.clear()


class _Loader(yaml.CSafeLoader):
    """libyaml's parser and composer with PyYAML's safe tags, resolved in less Python.

    The composer asks for the tag of every value; `Resolver.resolve` answers the same
    with list copies and path-resolver checks no content file needs (PyYAML's safe
    resolver has no path resolvers, so descending and ascending do nothing either).
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not ScalarNode:
            return _SEQ if kind is SequenceNode else _MAP
        if not implicit[0]:  # quoted, or tagged `!`
            return _STR
        tag = _RESOLVED.get(value)
        if tag is None:
            tag = _STR
            for implicit_tag, pattern in _IMPLICIT.get(value[:1], ()):
                if pattern.match(value):
                    tag = str(implicit_tag)
                    break
            if len(value) <= _RESOLVED_LENGTH and len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[value] = tag
        return tag


class _Walk:
    """One positioned walk: values seen so far, libyaml's lines → file lines, findings."""

    def __init__(self, path: str, lines: list[tuple[int, int]] | None) -> None:
        self.path = path
        self.nodes = 0
        self.lines = lines
        self.where = Positions()
        self.problems: list[Diagnostic] = []


class _Refused(Exception):
    """A value that cannot be turned into data; carries its diagnostic."""

    def __init__(self, code: str, mark: yaml.Mark | None, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.mark = mark
        self.args_ = args
        tag = args.get("tag")
        if isinstance(tag, str) and tag.startswith(_CORE):  # as written: !!python/…
            self.args_["tag"] = "!!" + tag.removeprefix(_CORE)


class _Unusual(Exception):
    """Something the quick walk leaves to the positioned walk, which reports it."""


def iter_content_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(collection, path) for every file in the collection folders, sorted."""
    for collection, path, _ in content_files(root):
        yield collection, path


def content_files(root: Path) -> Iterator[tuple[str, Path, str]]:
    """(collection, path, path relative to the root) for every file, sorted.

    The relative path (forward slashes) is put together from the names, which is much
    cheaper than `relative` for every file.
    """
    for name in sorted(COLLECTIONS):
        folder = root / name
        if not folder.is_dir():
            continue
        top = os.fspath(folder)
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            prefix = name + dirpath[len(top) :].replace(os.sep, "/") + "/"
            for filename in sorted(filenames):
                yield name, Path(dirpath, filename), prefix + filename


def relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_file(root: Path, collection: str, path: Path) -> tuple[Item | None, list[Diagnostic]]:
    return read_content(root, collection, path, relative(root, path), path.parent.is_symlink())


def read_content(
    root: Path, collection: str, path: Path, rel: str, in_link: bool
) -> tuple[Item | None, list[Diagnostic]]:
    """Read one file; `in_link` says its folder is a symbolic link (one question a folder)."""
    status = os.lstat(path)
    if in_link or stat.S_ISLNK(status.st_mode):
        problem = _check_link(root, path, rel)
        if problem:
            return None, [problem]
        status = path.stat()
    size = status.st_size
    if size == 0:
        return None, [diag(rel, 1, 1, "file-empty")]
    if size > MAX_FILE_BYTES:
        return None, [diag(rel, 1, 1, "file-too-large", size=f"{size / 1_000_000:.1f} MB")]
    data = path.read_bytes()
    text_or_problem = _decode(data, rel)
    if isinstance(text_or_problem, Diagnostic):
        return None, [text_or_problem]
    return parse_text(text_or_problem, rel, collection, path.stem)


def _check_link(root: Path, path: Path, rel: str) -> Diagnostic | None:
    """A file (or its folder) that is a link must lead to a file inside the repository."""
    if not path.is_symlink() and not path.parent.is_symlink():
        return None
    target = Path(os.path.realpath(path))
    if not target.exists():
        return diag(rel, 1, 1, "symlink-broken")
    try:
        target.relative_to(Path(os.path.realpath(root)))
    except ValueError:
        link = path if path.is_symlink() else path.parent
        return diag(rel, 1, 1, "symlink-outside", target=os.readlink(link))
    return None


def _decode(data: bytes, rel: str) -> str | Diagnostic:
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        return diag(rel, line, column, "file-binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        return diag(rel, line, column, "file-not-utf8", byte=f"0x{data[exc.start]:02X}")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, offset) + 1, len(prefix) + 1


_FENCE = re.compile(r"^---[ \t]*$")
# The first line after the opening one that closes the front matter (lines end at \n only).
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def parse_text(
    text: str, rel: str, collection: str, item_id: str, quick: bool = True
) -> tuple[Item | None, list[Diagnostic]]:
    """Split front matter and body, and turn the front matter into data.

    `quick=False` takes the positioned walk for every file (the tests compare both).
    """
    global _LAST_READ
    if not text or text.isspace():
        return None, [diag(rel, 1, 1, "file-empty")]
    first_end = text.find("\n")
    if not _FENCE.match(text if first_end < 0 else text[:first_end]):
        return None, [diag(rel, 1, 1, "front-matter-missing")]
    end = _END.search(text, first_end + 1) if first_end >= 0 else None
    if end is None:
        return None, [diag(rel, 1, 1, "front-matter-unterminated")]
    front = (first_end + 1, max(first_end + 1, end.start() - 1))
    source = text[front[0] : front[1]]
    item = Item(
        collection=collection,
        id=item_id,
        path=rel,
        data={},
        body=text[end.end() + 1 :],
        body_line=text.count("\n", 0, end.start()) + 2,
        text=text,
        front=front,
    )
    if quick:
        try:
            node = yaml.compose(source, Loader=_Loader)
            if isinstance(node, MappingNode):
                item.data = _quick_mapping(node, [0], 1)
                _LAST_READ = (item, node)  # one tuple: no half-updated pair between threads
                return item, []
        except (yaml.YAMLError, _Unusual):
            pass  # the positioned walk says what it is
    data, problems, item.where = _positioned(source, rel)
    if data is None:
        item.readable = False
    else:
        item.data = data
    return item, problems


# The item the quick walk read last and its nodes: the checker looks for a diagnostic's
# position right after reading the file, and then needs no second parse. Only one: the
# nodes of every file would take more memory than all the items.
_LAST_READ: tuple[Item, MappingNode] | None = None


def _located(item: Item) -> Positions:
    """The positions of a file the quick walk read, from the marks of its nodes."""
    last = _LAST_READ
    if last is not None and last[0] is item:
        node: yaml.Node | None = last[1]
    else:
        try:
            node = yaml.compose(item.source, Loader=_Loader)  # as the quick walk did
        except yaml.YAMLError:
            node = None
    if not isinstance(node, MappingNode):  # not a file the quick walk read
        return _positioned(item.source, item.path)[2]
    marks = _Marks(yaml_lines(item.source))
    marks.mapping(node, ())
    return marks.where


class _Marks:
    """Positions recorded as `_mapping` and `_value` record them, and nothing else.

    Only for what the quick walk read: no tag to refuse, no duplicate key (so the first
    position of a key is its only one), the values already counted and not too deep.
    """

    def __init__(self, lines: list[tuple[int, int]] | None) -> None:
        self.lines = lines
        self.where = Positions()

    def at(self, mark: yaml.Mark) -> Pos:
        if self.lines is None:
            line, column = mark.line + 2, mark.column + 1
        else:
            line, column = file_pos(mark, self.lines)
        found = _POS.get((line, column))
        if found is None:
            found = Pos(line, column)
            if len(_POS) < _POS_MAX:
                _POS[line, column] = found
        return found

    def mapping(self, node: MappingNode, key: Key) -> None:
        keys = self.where.keys
        for key_node, value_node in node.value:
            child = (*key, key_node.value)
            keys[child] = self.at(key_node.start_mark)
            self.value(value_node, child)

    def value(self, node: yaml.Node, key: Key) -> None:
        self.where.values[key] = self.at(node.start_mark)
        if isinstance(node, ScalarNode):
            self.where.raw[key] = node.value
        elif isinstance(node, MappingNode):
            self.mapping(node, key)
        else:
            for i, child in enumerate(node.value):
                self.value(child, (*key, i))


def _positioned(source: str, rel: str) -> tuple[dict[str, Any] | None, list[Diagnostic], Positions]:
    """The front matter's data (None if unreadable), its diagnostics and its positions."""
    walk = _Walk(rel, yaml_lines(source))
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # an unclosed quote or bracket: show where it opens
        line, column = file_pos(mark, walk.lines)
        problem = diag(rel, line, column, "yaml-syntax", **explain_yaml_error(exc, source))
        return None, [problem], walk.where
    except yaml.reader.ReaderError as exc:  # a control character: its offset is known
        line, column = _offset_pos(source, exc.position)
        problem = diag(rel, line, column, "yaml-syntax", **explain_yaml_error(exc, source))
        return None, [problem], walk.where
    except yaml.YAMLError as exc:  # unmarked errors: rare, but never a traceback
        return None, [diag(rel, 2, 1, "yaml-syntax", **explain_yaml_error(exc, source))], walk.where
    if node is None:
        return {}, [], walk.where
    if not isinstance(node, yaml.MappingNode):
        found = (
            Text("en lista", "a list")
            if isinstance(node, yaml.SequenceNode)
            else Text("ett ensamt värde", "a single value")
        )
        line, column = file_pos(node.start_mark, walk.lines)
        problem = diag(rel, line, column, "front-matter-not-mapping", found=found)
        return None, [problem], walk.where
    try:
        data = _mapping(node, (), walk, 0)
    except _Refused as refused:
        line, column = file_pos(refused.mark, walk.lines)
        problem = diag(rel, line, column, refused.code, **refused.args_)
        return None, [*walk.problems, problem], walk.where
    return data, walk.problems, walk.where


def _offset_pos(source: str, position: int) -> tuple[int, int]:
    """The file line and column of a UTF-8 byte offset into the front matter (libyaml's)."""
    offset = len(source.encode("utf-8")[: max(0, position)].decode("utf-8", errors="ignore"))
    return source.count("\n", 0, offset) + 2, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _value(node: yaml.Node, key: Key, walk: _Walk, depth: int) -> Any:
    walk.nodes += 1
    if walk.nodes > MAX_NODES:
        raise _Refused("yaml-aliases", node.start_mark, limit=MAX_NODES)
    if depth > MAX_DEPTH:
        raise _Refused("yaml-too-deep", node.start_mark, limit=MAX_DEPTH)
    walk.where.values.setdefault(key, Pos(*file_pos(node.start_mark, walk.lines)))
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, key, walk, depth + 1)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:  # e.g. !!python/object/apply:os.system [...]
            raise _Refused("yaml-tag", node.start_mark, tag=node.tag)
        return [_value(child, (*key, i), walk, depth + 1) for i, child in enumerate(node.value)]
    if node.tag not in _ALLOWED_TAGS:
        raise _Refused("yaml-tag", node.start_mark, tag=node.tag)
    walk.where.raw[key] = str(node.value)
    return _scalar(node)


def _mapping(node: yaml.MappingNode, key: Key, walk: _Walk, depth: int) -> dict[str, Any]:
    if node.tag != _MAP:
        raise _Refused("yaml-tag", node.start_mark, tag=node.tag)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]` or `{a: 1}: x`
            raise _Refused("yaml-syntax", key_node.start_mark, **_COMPLEX_KEY)
        if key_node.tag not in _ALLOWED_TAGS and key_node.tag != _CORE + "merge":
            raise _Refused("yaml-tag", key_node.start_mark, tag=key_node.tag)
        name = str(key_node.value)
        child: Key = (*key, name)
        line, column = file_pos(key_node.start_mark, walk.lines)
        if name in out:
            walk.problems.append(diag(walk.path, line, column, "duplicate-key", field=name))
        walk.where.keys[child] = Pos(line, column)
        walk.where.values.pop(child, None)  # the last duplicate wins, like YAML
        out[name] = _value(value_node, child, walk, depth)
    return out


def _quick_value(node: yaml.Node, nodes: list[int], depth: int) -> Any:
    """The value `_value` gives, when it would give one without any diagnostic."""
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag not in _ALLOWED_TAGS:
            raise _Unusual
        return _scalar(node)
    if isinstance(node, MappingNode):
        return _quick_mapping(node, nodes, depth + 1)
    if node.tag != _SEQ:
        raise _Unusual
    _count(node, nodes, depth)
    return [_quick_value(child, nodes, depth + 1) for child in node.value]


def _quick_mapping(node: yaml.MappingNode, nodes: list[int], depth: int) -> dict[str, Any]:
    if node.tag != _MAP:
        raise _Unusual
    _count(node, nodes, depth)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        # A merge key (<<), a duplicate, a tagged or complex key: the positioned walk's.
        if not isinstance(key_node, ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
            raise _Unusual
        name = key_node.value
        if name in out:
            raise _Unusual
        out[name] = _quick_value(value_node, nodes, depth)
    return out


def _count(node: yaml.Node, nodes: list[int], depth: int) -> None:
    """Count a collection's values before walking them, as `_value` counts each one.

    The total is the same, so a file over MAX_NODES (an alias bomb) is left to the
    positioned walk, which reports it, before much of it is expanded here.
    """
    nodes[0] += len(node.value)
    if nodes[0] > MAX_NODES or depth > QUICK_DEPTH:
        raise _Unusual


def _scalar(node: yaml.Node) -> Any:
    value = str(node.value)
    if node.tag == _TIMESTAMP:
        return _timestamp(value)
    if node.tag == _STR:
        return value
    if node.tag == _INT and value.isascii() and value.isdigit() and value[0] != "0":
        return int(value)  # what construct_yaml_int makes of a plain decimal, sooner
    try:
        return _SCALARS[node.tag](_CONSTRUCTOR, node)
    except (ValueError, OverflowError, KeyError, IndexError, TypeError, yaml.YAMLError):
        return value  # e.g. `!!bool touch`: the checker reports the wrong type


def _timestamp(raw: str) -> dt.date | dt.datetime | str:
    """Dates stay dates; an impossible one (2026-02-30) stays text for the checker."""
    try:
        if len(raw) == 10:
            return dt.date.fromisoformat(raw)
        return dt.datetime.fromisoformat(raw.replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError:
        return _Timestamp(raw)


# --- Explanations of libyaml's messages, in Swedish and English -------------

_YAML_ADVICE: tuple[tuple[str, Text, Text], ...] = (
    (
        "cannot start any token",
        Text(
            "ett tecken som inte får inleda ett värde (ofta tabb, @ eller `)",
            "a character that cannot start a value (often a tab, @ or `)",
        ),
        Text(
            "Använd mellanslag i stället för tabb, och sätt värden som börjar med @ eller ` "
            "inom citattecken.",
            "Indent with spaces, not tabs, and quote values starting with @ or `.",
        ),
    ),
    (
        "mapping values are not allowed",
        Text("ett kolon på fel ställe", "a colon in the wrong place"),
        Text(
            'Sätt värdet inom citattecken om det innehåller ": ", t.ex. title: "Idé: bättre x", '
            "och kontrollera att raden har samma indrag som fälten omkring den.",
            'Quote the value if it contains ": ", e.g. title: "Idea: better x", '
            "and check that the line is indented like the fields around it.",
        ),
    ),
    (
        "could not find expected ':'",
        Text("ett fältnamn utan kolon", "a field name without a colon"),
        Text(
            "Skriv varje fält som namn: värde, och kontrollera indraget på raden.",
            "Write each field as name: value, and check the line's indentation.",
        ),
    ),
    (
        "did not find expected key",
        Text(
            "fel indrag eller ett värde som inte hör till något fält",
            "wrong indentation or a value that belongs to no field",
        ),
        Text(
            "Kontrollera att raden har samma indrag som fälten omkring den.",
            "Check that the line is indented like the fields around it.",
        ),
    ),
    (
        "did not find expected '-' indicator",
        Text("fel indrag i en lista", "wrong indentation in a list"),
        Text(
            "Listans rader ska börja med - och ha samma indrag.",
            "A list's lines start with - and share one indentation.",
        ),
    ),
    (
        "found unexpected end of stream",
        Text(
            "texten tar slut mitt i ett värde (ett citattecken eller en parentes stängs aldrig)",
            "the text ends inside a value (a quote or bracket is never closed)",
        ),
        Text("Stäng citattecknet eller parentesen.", "Close the quote or bracket."),
    ),
    (
        "found unknown escape character",
        Text(
            "ett okänt \\-tecken inom dubbla citattecken",
            "an unknown \\ escape inside double quotes",
        ),
        Text(
            "Använd enkla citattecken eller skriv \\\\ för ett bakstreck.",
            "Use single quotes, or write \\\\ for a backslash.",
        ),
    ),
    (
        "found undefined alias",
        Text(
            "ett alias (*namn) utan motsvarande ankare (&namn)",
            "an alias (*name) without its anchor (&name)",
        ),
        Text("Skriv ut värdet i stället för att använda *.", "Write the value out instead of *."),
    ),
    (
        "control characters are not allowed",
        Text("ett osynligt styrtecken", "an invisible control character"),
        Text(
            "Ta bort tecknet; det följer ofta med när text klistras in från ett annat program.",
            "Remove the character; it often comes along when text is pasted from another program.",
        ),
    ),
    (
        "exceeded maximum nesting depth",
        Text("för djup nästling av [ ] eller { }", "[ ] or { } nested too deep"),
        Text("Förenkla värdet; inget fält är så djupt.", "Simplify it; no field is that deep."),
    ),
)

_COMPLEX_KEY = {
    "problem_sv": "ett fältnamn som är en lista eller har egna fält",
    "problem_en": "a field name that is a list or has fields of its own",
    "advice_sv": "Skriv fältnamnet som ett ord följt av kolon, t.ex. title: Min idé.",
    "advice_en": "Write the field name as a word followed by a colon, e.g. title: My idea.",
}
_TAB = (
    Text("tabbtecken i front matter", "a tab character in the front matter"),
    Text(
        "YAML tillåter inte tabb för indrag: ersätt tabbarna med mellanslag.",
        "YAML does not allow tabs for indentation: replace them with spaces.",
    ),
)
_OTHER = (
    Text("fel i YAML", "YAML error"),
    Text(
        "Kontrollera raden mot Fältreferensen; sätt text med specialtecken inom citattecken.",
        "Check the line against the field reference; quote text with special characters.",
    ),
)


def explain_yaml_error(exc: yaml.YAMLError, source: str) -> dict[str, str]:
    """Arguments for a `yaml-syntax` diagnostic: what went wrong and how to fix it."""
    problem = str(getattr(exc, "problem", None) or exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    lines = source.split("\n")
    if mark is not None and "\t" in lines[min(mark.line, len(lines) - 1)]:
        what, advice = _TAB
    else:
        what, advice = next(((w, a) for needle, w, a in _YAML_ADVICE if needle in problem), _OTHER)
    return {
        "problem_sv": f"{what.sv} ({problem})",
        "problem_en": f"{what.en} ({problem})",
        "advice_sv": advice.sv,
        "advice_en": advice.en,
    }
