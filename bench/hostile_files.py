"""Hostile content files: whatever lands in a collection folder, the checker must answer
with a diagnostic on that file and line. Each case has the diagnostic it expects.

The tests check every case (tests/test_check_hostile.py and tests/test_check_paths.py take
them through tests/support.py); bench/bench_check.py times the checker over all of them.
They live here so that the benchmarks import nothing from tests/.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

# The clean fixture repository's configuration and municipality: a repository to put
# hostile files in.
CLEAN = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "check" / "clean"

GOOD = (
    "---\n"
    "title: Sms-påminnelse om bygglov\n"
    "summary: Sökande får ett sms om vilka handlingar som saknas.\n"
    "municipality: skovde\n"
    "area: planning\n"
    "status: submitted\n"
    "submitted: 2026-05-12\n"
    "need: Många ansökningar om bygglov är ofullständiga och handläggningen dröjer.\n"
)  # front matter of a valid idea, still open: a case adds lines and the closing ---


def alias_bomb() -> str:
    """The "billion laughs": 9 levels of 9 aliases, 9**9 values if expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\nText.\n"


def deep_block(levels: int) -> str:
    keys = "".join("  " * i + f"k{i}:\n" for i in range(levels))
    return f"---\ntitle: Djup\n{keys}{'  ' * levels}v\n---\nText.\n"


def big_valid(size: int) -> str:
    paragraph = "Idén beskrivs här i detalj, med bakgrund, förslag och vad som hänt. " * 12
    return GOOD + "---\n" + (paragraph + "\n\n") * (size // (len(paragraph) + 2))


PWNED = "pwned-by-yaml"

# name -> (content, expected code, expected line, expected column or None)
HOSTILE: dict[str, tuple[str | bytes | Callable[[Path], None], str, int, int | None]] = {
    "unclosed-quote": (
        '---\ntitle: "Idé om bygglov\nsummary: x\n---\nText.\n',
        "yaml-syntax",
        2,
        8,
    ),
    "bad-indentation": (
        "---\ntitle: Idé om bygglov\n  summary: x\n---\nText.\n",
        "yaml-syntax",
        3,
        10,
    ),
    "colon-in-value": ("---\ntitle: key: value: other\n---\nText.\n", "yaml-syntax", 2, 11),
    "alias-bomb": (alias_bomb(), "yaml-aliases", 2, 8),
    "list": ("---\n- title\n- summary\n---\nText.\n", "front-matter-not-mapping", 2, 1),
    "scalar": ("---\nJust a sentence.\n---\nText.\n", "front-matter-not-mapping", 2, 1),
    "tabs": ("---\ntitle: Idé\ncontact:\n\temail: a@skovde.se\n---\n", "yaml-syntax", 4, 1),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "file-binary", 3, 1),
    "latin1": (
        "---\ntitle: Idé\nsummary: På svenska\n---\n".encode("latin-1"),
        "file-not-utf8",
        2,
        10,
    ),
    "empty": ("", "file-empty", 1, 1),
    "whitespace": (" \n\t\n   \n", "file-empty", 1, 1),
    "bom-crlf": (
        ("\ufeff" + GOOD + "vikt: 3\n---\nText.\n").replace("\n", "\r\n").encode("utf-8"),
        "unknown-field",
        9,
        1,
    ),
    "only-dashes": ("---\n", "front-matter-unterminated", 1, 1),
    "unterminated": (
        "---\ntitle: Idé om bygglov\n\nText utan slut.\n",
        "front-matter-unterminated",
        1,
        1,
    ),
    "python-tag": (
        f'---\ntitle: Idé om bygglov\nsummary: !!python/object/apply:os.system ["touch {PWNED}"]\n'
        "---\nText.\n",
        "yaml-tag",
        3,
        10,
    ),
    "python-tag-mapping": (
        "---\ntitle: !!python/object:os.system {}\n---\nText.\n",
        "yaml-tag",
        2,
        8,
    ),
    "python-tag-key": ("---\n!!python/name:os.system x: 1\n---\nText.\n", "yaml-tag", 2, 1),
    "custom-tag": ("---\ntitle: !foo Idé om bygglov\n---\nText.\n", "yaml-tag", 2, 8),
    "symlink-outside": (
        lambda p: os.symlink(p.parent.parent.parent / "secret.md", p),
        "symlink-outside",
        1,
        1,
    ),
    "symlink-broken": (lambda p: os.symlink("finns-inte.md", p), "symlink-broken", 1, 1),
    "five-mb": ("---\ntitle: Stor\n---\n" + "x" * 5_000_000, "file-too-large", 1, 1),
    "deep-flow": (
        "---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\nText.\n",
        "yaml-syntax",
        2,
        None,
    ),
    "deep-block": (deep_block(200), "yaml-too-deep", 37, 69),  # k34: deeper than 32
    "duplicate-keys": (GOOD + "title: Igen\n---\nText.\n", "duplicate-key", 9, 1),
    "list-key": ("---\ntitle: Idé om bygglov\n? [a, b]\n: c\n---\nText.\n", "yaml-syntax", 3, 3),
    "int-key": (GOOD + "1: x\n---\nText.\n", "unknown-field", 9, 1),
    "null-required": (
        "---\ntitle: null\nsummary: ~\nmunicipality:\narea: planning\n---\nText.\n",
        "missing-field",
        2,
        1,
    ),
    "long-lines": (
        "---\ntitle: "
        + "x" * 200_000
        + "\n---\n"
        + "y" * 300_000
        + "\n<"
        + " " * 100_000
        + "\n<a href="
        + " " * 100_000
        + "\n[x]("
        + " " * 100_000
        + "\n",
        "too-long",
        2,
        8,
    ),
    # Beyond what the site's Markdown renderer builds in time (content/markdown_limits.py):
    # 20 KB of `[` took 64 s to build, 300 nested list levels a RecursionError.
    "brackets": (GOOD + "---\nText.\n\n" + "[" * 20_000 + "\n", "markdown-openers", 12, 1),
    "images": (GOOD + "---\n" + "![" * 5_000 + "\n", "markdown-openers", 10, 1),
    "angles": (GOOD + "---\n" + "<a " * 5_000 + "\n", "markdown-openers", 10, 1),
    "emphasis": (GOOD + "---\n" + "*a" * 50_000 + "\n", "markdown-openers", 10, 1),
    "brackets-in-paragraphs": (
        GOOD + "---\n" + ("[" * 300 + "\n\n") * 10,
        "markdown-openers-body",
        16,
        1,
    ),
    "nested-list": (
        GOOD + "---\n" + "".join("    " * k + "- a\n" for k in range(300)),
        "markdown-nesting",
        20,
        1,
    ),
    "open-tags": (
        GOOD + "---\n" + "x <a " * 100 + "\n\n" + "Text. " * 100_000 + "\n",
        "markdown-unclosed-tags",
        10,
        1,
    ),
    "nested-markdown-blocks": (  # md_in_html: 400 levels were a RecursionError
        GOOD + "---\n" + "<div markdown>\n" * 400 + "x\n" + "</div>\n" * 400,
        "markdown-nesting",
        20,
        1,
    ),
    "nested-quote": (GOOD + "---\n" + ">" * 20_000 + " a\n", "markdown-nesting", 10, 1),
    "line-separator": (
        GOOD.replace("need: Många", 'need: "Många\u2028').replace("dröjer.", 'dröjer."')
        + "vikt: 3\n---\nText.\n",
        "unknown-field",
        9,
        1,
    ),
    "control-char": ("---\ntitle: Idé\nsummary: a\x1bb\n---\nText.\n", "yaml-syntax", 3, 11),
    "nul-in-path": (
        "---\ntitle: Idé om bygglov\nsummary: x\nreuse:\n  documents:\n"
        '    - {title: Nul, path: "a\\0b"}\n---\nText.\n',
        "control-character",  # a one-line field: refused before the path is looked up
        6,
        26,
    ),
    # Script and other hosts through attribute lists and encoded addresses (issue 18).
    "attribute-list-title": (
        GOOD.replace(
            "title: Sms-påminnelse om bygglov", """title: 'Test {: autofocus onfocus="x" }'"""
        )
        + "---\nText.\n",
        "dangerous-attribute",
        2,
        27,
    ),
    "attribute-list-body": (
        GOOD + '---\nText.\n{: autofocus onfocus="x" onmouseover="y" }\n',
        "dangerous-attribute",
        11,
        14,
    ),
    "entity-script": (GOOD + '---\n<a href="jav&#x61;script:x">a</a>\n', "dangerous-url", 10, 10),
    "tab-script": (GOOD + "---\n[a](java&#9;script:x)\n", "dangerous-url", 10, 5),
    "remote-image-tab": (
        GOOD + "---\n![a](h&#9;ttps://tracker.example/p.gif)\n",
        "remote-resource",
        10,
        6,
    ),
    "remote-image-newline": (
        GOOD + '---\n<img src="/&#10;/tracker.example/p.gif">\n',
        "remote-resource",
        10,
        11,
    ),
    # A style that fetches from another host (or runs code in old browsers), encoded too.
    "style-url-attribute-list": (
        GOOD + '---\nText {: style="background:url(https://evil.example/x.png)" }\n',
        "style-resource",
        10,
        9,
    ),
    "style-url-title": (
        GOOD.replace(
            "title: Sms-påminnelse om bygglov",
            """title: 'Test {: style="background:url(//evil.example/x.png)" }'""",
        )
        + "---\nText.\n",
        "style-resource",
        2,
        17,
    ),
    "style-url-css-escape": (
        GOOD + '---\n<p style="background:u\\72l(//evil.example/x.png)">x</p>\n',
        "style-resource",
        10,
        4,
    ),
    "style-url-entity": (
        GOOD + '---\n<p style="&#117;rl(https://evil.example/x.png)">x</p>\n',
        "style-resource",
        10,
        4,
    ),
    # "Trojan Source": an override makes `gpj.exe` show as `exe.jpg`.
    "bidi-body": (GOOD + "---\nLadda ner [faktura\u202egpj.exe](a.md).\n", "bidi-in-body", 10, 19),
}
# Files that must be read without any error: hostile only in size or encoding.
VALID = {"big-valid": big_valid(900_000)}


def make_repo(root: Path) -> Path:
    (root / "municipalities").mkdir(parents=True)
    (root / "ideas").mkdir()
    (root / "innovations").mkdir()
    (root / "sluss.yml").write_bytes((CLEAN / "sluss.yml").read_bytes())
    (root / "municipalities" / "skovde.md").write_bytes(
        (CLEAN / "municipalities" / "skovde.md").read_bytes()
    )
    (root.parent / "secret.md").write_text(GOOD + "---\nHemligt.\n", encoding="utf-8")
    return root


def folder(name: str) -> str:
    return "innovations" if name == "nul-in-path" else "ideas"


def write(root: Path, name: str, content: str | bytes | Callable[[Path], None]) -> Path:
    path = root / folder(name) / f"{name}.md"
    if callable(content):
        content(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
