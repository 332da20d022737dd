"""The loader and checker under attack: property-based tests with Hypothesis.

Valid sample files are mutated (keys deleted, duplicated, retyped; random YAML scalars,
unicode, tabs, anchors and aliases, tags, deep nesting, truncation), bodies are random
HTML and Markdown with very long lines, and files are random bytes, symbolic links and
material paths that try to leave the repository. Whatever comes in, `check_repository`

- never raises,
- puts every diagnostic on a real line and column of a real file,
- never runs what a YAML tag asks for, and never accepts a path that leaves the repository.

How fast the checker is belongs to bench/bench_check.py, which times it beside its
floor; no example here has a deadline (a timing on a shared machine is no test).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sluss.content.check import check_repository
from sluss.content.load import MAX_DEPTH, MAX_NODES
from sluss.core.diagnostics import ERROR, Diagnostic

from support import FIXTURES, TODAY, Walks, assert_paths_agree, materialise, resolved_alike

PROFILE = settings(
    deadline=None,  # how fast is measured in bench/bench_check.py, never asserted here
    max_examples=int(os.environ.get("SLUSS_FUZZ_EXAMPLES", "120")),  # more: a deeper hunt
    database=None,  # nothing written into the working tree
    derandomize=os.environ.get("SLUSS_FUZZ_RANDOM") is None,  # CI: the same examples each run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Every property below is marked slow: a search of PROFILE's examples, each a whole check.
CLEAN = FIXTURES / "clean"
SAMPLES = sorted(
    (p.parent.name, p.read_text(encoding="utf-8"))
    for p in CLEAN.glob("*/*.md")
    if p.parent.name != "docs"
)
PWNED = "pwned-by-yaml"
SECRET = "Hemlig kurs utanför förrådet"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The clean fixture repository, beside an outside folder with a secret file."""
    base = tmp_path_factory.mktemp("fuzz")
    outside = base / "outside"
    outside.mkdir()
    (outside / "hemlig.md").write_text(f"---\ntitle: {SECRET}\n---\nHemligt.\n", encoding="utf-8")
    root = materialise(CLEAN, base / "repo")
    os.symlink("../outside/hemlig.md", root / "docs" / "material" / "ut.md")
    os.symlink("rutin.md", root / "docs" / "material" / "in.md")
    os.symlink("slinga.md", root / "docs" / "material" / "slinga.md")
    cwd = Path.cwd()
    os.chdir(base)  # where an executed `touch` would land
    yield root
    os.chdir(cwd)


def check_with(root: Path, files: dict[str, str | bytes]) -> list[Diagnostic]:
    """Write `files` into the repository, check it (and where every diagnostic points),
    take them away again."""
    written = []
    try:
        for rel, content in files.items():
            path = root / rel
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
            written.append(path)
        diagnostics = check_repository(root, today=TODAY).diagnostics
        assert_well_placed(root, diagnostics)
        return diagnostics
    finally:
        for path in written:
            path.unlink()


def file_lines(data: bytes) -> list[str]:
    """A file's lines as the loader counts them (LF, CRLF and CR; raw LF when undecodable)."""
    try:
        if b"\x00" in data:
            raise UnicodeDecodeError("utf-8", data, 0, 1, "binary")
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [line.decode("utf-8", errors="replace") for line in data.split(b"\n")]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_well_placed(root: Path, diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert not d.path.startswith("/") and ".." not in d.path.split("/"), d
        path = root / d.path
        assert path.is_symlink() or path.is_file(), d
        assert d.line >= 1 and d.column >= 1, d
        if not path.is_file() or (path.is_symlink() and (d.line, d.column) == (1, 1)):
            continue
        lines = file_lines(path.read_bytes())
        assert d.line <= len(lines), (d, len(lines))
        assert d.column <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1][:200])
        d.message("sv"), d.message("en"), d.hint("sv")  # every message can be written


def assert_nothing_ran(root: Path) -> None:
    assert not (root.parent / PWNED).exists() and not (root / PWNED).exists()


# --- strategies ----------------------------------------------------------------------------

TAGS = [
    *("!!python/object/apply:os.system", "!!python/object:os.system", "!!python/name:os.system"),
    *("!!python/module:os", "!!python/tuple", "!!binary", "!!set", "!!omap", "!!pairs", "!!str"),
    *("!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp", "!!merge", "!"),
    *("!foo", "!<tag:yaml.org,2002:str>", "!<!bar>", "!e!x", "!!python/object/new:os.system"),
]
SCALARS = [
    *("~", "null", "Null", "yes", "no", "on", "off", "y", "n", "true", "False", "0", "-0"),
    *("0127", "0o17", "0x1F", "1_000", "1e400", "-.inf", ".nan", "2026-02-30", "2026-13-01"),
    *("2026-05-12T25:00", "2026-05-12 09:00:00+14:00", "'", '"', "''", '""', "'a''b'"),
    *("|", ">", "|-", ">+", "[", "]", "{", "}", "[a, b", "{a: 1", "*", "&", "? x", "- x"),
    *("%", "@", "`", "#", "a: b: c", "a #b", "--- x", "... x", "\\", '"\\x41\\u00e5\\0"'),
    *(f"[touch {PWNED}]", f'["touch {PWNED}"]', "*nope", "&a x", "<<", "<<: *a"),
]
UNICODE = ["\t", "\u00a0", "\u200b", "\u202e", "\ufeff", "\u2028", "\u2029", "\x85", "\r"]
UNICODE += ["\x1b", "\x7f", "\ud7ff", "\U0001f600", "å", "\u0301", "\x0c", "\x0b", "\x00"]


def scalar() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SCALARS),
        st.text(max_size=30),
        st.integers().map(str),
        st.floats(allow_nan=True).map(repr),
        st.dates().map(str),
        st.builds(lambda t, v: f"{t} {v}", st.sampled_from(TAGS), st.sampled_from(SCALARS)),
    )


def nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


def block_nested(depth: int) -> str:
    return "".join("\n" + "  " * (i + 1) + f"k{i}:" for i in range(depth)) + " x"


def _at(draw: st.DrawFn, lines: list[str], extra: int = 0) -> int:
    return draw(st.integers(0, max(0, len(lines) - 1 + extra)))


def _change(draw: st.DrawFn, lines: list[str], how: Callable[[str], str]) -> list[str]:
    if not lines:
        return lines
    i = _at(draw, lines)
    return [*lines[:i], how(lines[i]), *lines[i + 1 :]]


def delete(draw: st.DrawFn, lines: list[str]) -> list[str]:
    i = _at(draw, lines)
    return lines[:i] + lines[i + 1 :]


def duplicate(draw: st.DrawFn, lines: list[str]) -> list[str]:
    i = _at(draw, lines, 1)
    return [*lines[:i], draw(st.sampled_from(lines or [""])), *lines[i:]]


def retype(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """Any value for a key: other types, tags, anchors, aliases, broken syntax."""
    value = draw(scalar())

    def how(line: str) -> str:
        key, colon, _ = line.partition(":")
        return f"{key}: {value}" if colon else f"{line} {value}"

    return _change(draw, lines, how)


def stray(draw: st.DrawFn, lines: list[str]) -> list[str]:
    i = _at(draw, lines, 1)
    return [*lines[:i], draw(scalar()), *lines[i:]]


def indent(draw: st.DrawFn, lines: list[str]) -> list[str]:
    space = draw(st.sampled_from(["", " ", "  ", "\t", "    ", " \t"]))
    return _change(draw, lines, lambda line: space + line.lstrip())


def unicode(draw: st.DrawFn, lines: list[str]) -> list[str]:
    char = draw(st.sampled_from(UNICODE) | st.characters())
    where = draw(st.floats(0, 1))

    def how(line: str) -> str:
        cut = int(len(line) * where)
        return line[:cut] + char + line[cut:]

    return _change(draw, lines, how)


def alias(draw: st.DrawFn, lines: list[str]) -> list[str]:
    use = draw(st.sampled_from(["<<: *a", "title: *a", "summary: *a", "tags: [*a, *a]", "*a: x"]))
    return [*lines[:1], "base: &a {title: x, summary: y}", use, *lines[1:]]


def nest(draw: st.DrawFn, lines: list[str]) -> list[str]:
    flow = "title: " + nested(draw(st.integers(1, 200)))
    block = "contact:" + block_nested(draw(st.integers(1, MAX_DEPTH + 8)))
    return [*lines[:1], flow, block, *lines[1:]]


def truncate(draw: st.DrawFn, lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    return text[: draw(st.integers(0, len(text)))].split("\n")


OPS = [delete, duplicate, retype, stray, indent, unicode, alias, nest, truncate]


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, str]:
    """A valid sample file (collection, text) with a few mutations in its front matter."""
    collection, text = draw(st.sampled_from(SAMPLES))
    _, front, body = text.split("---\n", 2)
    lines = front.rstrip("\n").split("\n")
    for op in draw(st.lists(st.sampled_from(OPS), min_size=1, max_size=4)):
        lines = op(draw, lines)
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return collection, ("---\n" + "\n".join(lines) + "\n---\n" + body).replace("\n", ending)


FRAGMENTS = [
    *("<script>alert(1)</script>", '<a href="javascript:x">', "<img src=x onerror=y>", "<svg"),
    *("```", "~~~", "```python", "    ", "\t", '--8<-- "x.md"', ";--8<--", "<!--", "-->"),
    *("**", "__", "[x](", "](", "[x]: ", "<", ">", "&#x6a;", "&lt;", "| a | b |", "|---|"),
    *("---", "...", "\n", "\r\n", "\r", "\n\n", "# ", "> ", "- ", "1. ", "<div markdown>"),
    *("19121212-1212", "121212+1212", "anna.andersson@skovde.se", "070-123 45 67"),
    *("+46 70 123 45 67", "javascript:", "data:", "JaVaScRiPt :", "on", "=", '"', "'", "\x00"),
    *(" onload=", "<a", "\u2028", "\ufeff", "å", "\\", "`", "{: .class }", "*[HTML]: x"),
    *("121212\u20131212", "1212\u200b12 1212", "anna&#64;gmail.com", "(070) 123 45 67"),
    *("+46 (0)70-123 45 67", "\u2011", "\u2212", "\u00a0"),
]
BODIES = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=80).map("".join),
    st.builds(
        lambda piece, n, tail: piece * n + tail,
        st.sampled_from(["x", "a ", "<", "[", "<a href=", "`", "|", "*", "1", "@a.se "]),
        st.integers(1_000, 60_000),
        st.sampled_from(FRAGMENTS),
    ),
)


# --- properties ------------------------------------------------------------------------------


@pytest.mark.slow
@PROFILE
@given(case=mutated_file())
def test_mutated_front_matter_never_breaks_the_checker(repo: Path, case: tuple[str, str]) -> None:
    collection, text = case
    rel = f"{collection}/fuzz.md"
    check_with(repo, {rel: text})
    assert_nothing_ran(repo)


@pytest.mark.slow
def test_both_walks_read_mutated_front_matter_alike(walks: Walks) -> None:
    """The quick walk gives exactly what the positioned walk gives, or leaves it to it;
    and over all the examples, both walks ran."""

    @PROFILE
    @given(case=mutated_file())
    def agree(case: tuple[str, str]) -> None:
        collection, text = case
        assert_paths_agree(text.replace("\r\n", "\n"), f"{collection}/fuzz.md")

    agree()
    assert walks.quick > 0 and walks.positioned > 0, (walks.quick, walks.positioned)


@pytest.mark.slow
@PROFILE
@given(value=scalar() | st.text())
def test_the_resolver_gives_pyyamls_tags(value: str) -> None:
    assert resolved_alike(value)


@pytest.mark.slow
@PROFILE
@given(body=BODIES, collection=st.sampled_from([c for c, _ in SAMPLES]))
def test_random_bodies_never_break_the_checker(repo: Path, body: str, collection: str) -> None:
    text = next(t for c, t in SAMPLES if c == collection).split("---\n", 2)
    check_with(repo, {f"{collection}/fuzz.md": "---\n" + text[1] + "---\n" + body})


@pytest.mark.slow
@PROFILE
@given(data=st.binary(max_size=2_000), prefix=st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf"]))
def test_random_bytes_never_break_the_checker(repo: Path, data: bytes, prefix: bytes) -> None:
    check_with(repo, {"ideas/fuzz.md": prefix + data})


@pytest.mark.slow
@PROFILE
@given(
    tag=st.sampled_from(TAGS) | st.text(min_size=1, max_size=12).map(lambda t: "!" + t),
    value=st.sampled_from([f'["touch {PWNED}"]', f"touch {PWNED}", "{}", "x", "", "[1, 2]"]),
    key=st.sampled_from(["title", "summary", "tags", "contact", "x"]),
    on_key=st.booleans(),
)
def test_yaml_tags_never_run(repo: Path, tag: str, value: str, key: str, on_key: bool) -> None:
    line = f"{tag} {key}: {value}" if on_key else f"{key}: {tag} {value}"
    diagnostics = check_with(repo, {"ideas/fuzz.md": f"---\ntitle: Idé\n{line}\n---\nText.\n"})
    assert_nothing_ran(repo)
    if tag.startswith("!!python"):
        assert any(d.code in ("yaml-tag", "yaml-syntax") for d in diagnostics), diagnostics


@pytest.mark.slow
@PROFILE
@given(width=st.integers(2, 12), depth=st.integers(2, 12), merge=st.booleans())
def test_alias_bombs_are_refused(repo: Path, width: int, depth: int, merge: bool) -> None:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, depth):
        aliases = ", ".join([f"*a{i - 1}"] * width)
        lines.append(f"a{i}: &a{i} {{<<: *a{i - 1}}}" if merge else f"a{i}: &a{i} [{aliases}]")
    text = "---\ntitle: Idé\n" + "\n".join(lines) + "\n---\nText.\n"
    diagnostics = check_with(repo, {"ideas/fuzz.md": text})
    if not merge and width**depth > MAX_NODES:
        assert any(d.code == "yaml-aliases" for d in diagnostics), diagnostics


SEGMENTS = ["..", ".", "", "docs", "material", "rutin.md", "ut.md", "in.md", "slinga.md"]
SEGMENTS += ["outside", "hemlig.md", "~", "%2e%2e", "..\\..", "\x00", "a" * 300, "ä", " "]


@pytest.mark.slow
@PROFILE
@given(
    segments=st.lists(st.sampled_from(SEGMENTS) | st.text(max_size=8), min_size=1, max_size=8),
    separator=st.sampled_from(["/", "\\", "//"]),
    start=st.sampled_from(["", "/", "./", "../", "file://", "C:\\", "//server/", "~/"]),
)
def test_material_paths_never_leave_the_repository(
    repo: Path, segments: list[str], separator: str, start: str
) -> None:
    value = start + separator.join(segments)
    text = next(t for c, t in SAMPLES if c == "training")
    written = json.dumps(value, ensure_ascii=True)
    text = text.replace("path: docs/material/rutin.md", f"path: {written}")
    line = text.split("\n").index(f"    path: {written}") + 1
    diagnostics = check_with(repo, {"training/fuzz.md": text})
    if value and not any(d.line == line and d.path == "training/fuzz.md" for d in diagnostics):
        # Accepted: then it is a file inside the repository, links followed. (An empty
        # path is no path: the entry is reported as having neither url nor path.)
        target = Path(os.path.realpath(repo / value))
        assert target.is_relative_to(Path(os.path.realpath(repo))) and target.is_file(), value


LINK_TARGETS = [
    *("../../outside/hemlig.md", "/etc/passwd", "/dev/zero", "/proc/self/environ", "b.md"),
    *("a.md", "sms-paminnelse-bygglov.md", "finns-inte.md", "../ideas", ".", "/"),
    *("../municipalities/hjo.md", "../docs/material/ut.md", "../docs/material/in.md"),
]


@pytest.mark.slow
@PROFILE
@given(links=st.dictionaries(st.sampled_from(["a.md", "b.md", "c.md", "D.md", "e.txt"]),
                             st.sampled_from(LINK_TARGETS), min_size=1, max_size=4))  # fmt: skip
def test_symbolic_links_never_read_outside_the_repository(
    repo: Path, links: dict[str, str]
) -> None:
    made = []
    try:
        for name, target in links.items():
            os.symlink(target, repo / "ideas" / name)
            made.append(repo / "ideas" / name)
        result = check_repository(repo, today=TODAY)
    finally:
        for path in made:
            path.unlink()
    for items in result.items.values():
        for item in items.values():
            assert SECRET not in item.text, item.path
    for name, target in links.items():
        real = Path(os.path.realpath(repo / "ideas" / target))
        outside = not real.is_relative_to(Path(os.path.realpath(repo)))
        if outside and name.endswith(".md") and not real.is_dir():  # a folder is not read
            assert any(
                d.path == f"ideas/{name}" and d.code == "symlink-outside" and d.level == ERROR
                for d in result.diagnostics
            ), (name, target, result.diagnostics)


CONFIG = (CLEAN / "sluss.yml").read_text(encoding="utf-8")


@st.composite
def mutated_config(draw: st.DrawFn) -> str:
    lines = CONFIG.split("\n")
    for op in draw(st.lists(st.sampled_from(OPS), min_size=1, max_size=4)):
        lines = op(draw, lines)
    return "\n".join(lines)


@pytest.mark.slow
@PROFILE
@example(text=CONFIG.replace("site:\n", "site: [1]\nx:\n", 1))
@given(text=mutated_config())
def test_mutated_configuration_never_breaks_the_checker(repo: Path, text: str) -> None:
    config = repo / "sluss.yml"
    saved = config.read_bytes()
    try:
        config.write_text(text, encoding="utf-8")
        diagnostics = check_repository(repo, today=TODAY).diagnostics
        assert_well_placed(repo, diagnostics)
    finally:
        config.write_bytes(saved)
    assert_nothing_ran(repo)


@pytest.mark.parametrize("value", ["!!bool touch", "!!int", "!!float ''"])
def test_a_tag_that_cannot_make_its_value_is_reported(repo: Path, value: str) -> None:
    diagnostics = check_with(repo, {"ideas/fuzz.md": f"---\ntitle: {value}\n---\nText.\n"})
    assert any(d.path == "ideas/fuzz.md" for d in diagnostics)


def test_a_collection_folder_linked_outside_is_refused(repo: Path) -> None:
    saved = repo / "training.saved"
    (repo / "training").rename(saved)
    try:
        os.symlink("../outside", repo / "training")
        result = check_repository(repo, today=TODAY)
    finally:
        (repo / "training").unlink()
        saved.rename(repo / "training")
    assert "hemlig" not in result.items.get("training", {})
    assert any(d.code == "symlink-outside" for d in result.diagnostics)


def test_the_fixture_repository_is_clean(repo: Path) -> None:
    """The properties start from valid files: the unmutated repository has no error."""
    assert [d for d in check_repository(repo, today=TODAY).diagnostics if d.level == ERROR] == []
