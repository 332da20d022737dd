"""Links in bodies that `mkdocs build --strict` refuses are reported by `sluss check` and
`sluss build` first, with the file and line, as the checker reports everything else."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from sluss.content.body_links import heading_ids, links_in

from support import build_env, copy_portal, run_sluss

IDEA = "app-for-lediga-lokaler"  # an idea of the sample; its page is slussen/ideer/<id>.md

# Each link the strict build refuses (as MkDocs 1.6 said on a copy of the sample), and
# the code it gets.
BROKEN = [
    ("[a](finns-inte.md)", "link-missing"),  # from slussen/ideer/: no such idea
    ("[b](#finns-inte)", "link-anchor"),  # not on the idea's own page
    ("[c](../innovationer/finns-inte.md#x)", "link-missing"),
    (f"[d](../ideer/{IDEA}.md#nope)", "link-anchor"),
    ("[e](finns-inte/)", "link-no-file"),  # MkDocs: an unrecognized relative link
    ("![f](bild.png)", "link-no-file"),
    ("[g](../../../utanfor.md)", "link-missing"),  # outside docs/
]


def _with_body(root: Path, body: str) -> tuple[Path, int]:
    """The idea with `body` appended; the file line where it starts."""
    path = root / "ideas" / f"{IDEA}.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + body, encoding="utf-8")
    return path, text.count("\n") + 1


def test_check_reports_what_the_strict_build_refuses(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    _, first = _with_body(root, "\n\n".join(link for link, _ in BROKEN) + "\n")
    done = run_sluss("check", "--format", "json", cwd=root, env=build_env(root))
    assert done.returncode == 1
    found = [(d["path"], d["line"], d["code"]) for d in json.loads(done.stdout)]
    expected = [(f"ideas/{IDEA}.md", first + 2 * k, code) for k, (_, code) in enumerate(BROKEN)]
    assert found == expected


def test_build_stops_with_the_file_and_line_before_the_builder(tmp_path: Path) -> None:
    """An anchor of another idea's page is known only from the page rendered: `sluss
    build` judges it against the generated page, before MkDocs would stop on it."""
    root = copy_portal(tmp_path / "repo")
    other = sorted(p.stem for p in (root / "ideas").glob("*.md") if p.stem != IDEA)[0]
    _, first = _with_body(root, f"[x](../ideer/{other}.md#finns-inte)\n")
    done = run_sluss("build", cwd=root, env=build_env(root))
    assert done.returncode == 1, done.stderr
    assert f"ideas/{IDEA}.md:{first}:5: error[link-anchor]" in done.stderr
    assert "bygget avbröts" in done.stderr and "MkDocs" not in done.stderr


@pytest.mark.slow  # a whole build of the sample
def test_links_that_work_pass_the_check_and_the_strict_build(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    other = sorted(p.stem for p in (root / "ideas").glob("*.md") if p.stem != IDEA)[0]
    innovation = sorted((root / "innovations").glob("*.md"))[0].stem
    _with_body(
        root,
        "[a](#egen-rubrik) [b](#bedomning-i-slussen)\n\n## Egen rubrik\n\n"
        f"[c](../innovationer/{innovation}.md) [d](../ideer/{other}.md#bedomning-i-slussen)\n\n"
        "[e](../../om-slussen.md) [f](../idebank/index.md) [g](https://example.se/x)\n\n"
        "![logo](../../assets/images/logo.svg) [h](mailto:innovation@skovde.se)\n\n"
        "`[kod](finns-inte.md)`\n\n```\n[kod](finns-inte.md)\n```\n\n[ref]: ../../bidra.md\n",
    )
    checked = run_sluss("check", cwd=root, env=build_env(root))
    assert checked.returncode == 0, checked.stdout
    built = run_sluss("build", cwd=root, env=build_env(root))
    assert built.returncode == 0, built.stderr


def test_links_are_found_outside_code_only() -> None:
    text = 'a [x](y.md) `[z](w.md)` ![i](<b c.png> "t")\n```\n[k](k.md)\n```\n[r]: s.md\n'
    text += '[^1]: En fotnot, ingen länk.\n[t]: t.md "Titel"\n'
    assert [(link.target, text[link.offset]) for link in links_in(text)] == [
        ("y.md", "y"),
        ("b c.png", "<"),
        ("s.md", "s"),
        ("t.md", "t"),
    ]


def test_heading_ids_are_the_sites() -> None:
    """The ids are those Python-Markdown's toc gives the same headings."""
    headings = ["Så gick det till", "Så gick det till", "Vad kostar det? (2026)", "__config"]
    headings += ["**Fet** och `kod`", "Å ä ö -- x", "Länk [hit](x.md)"]
    text = "\n\n".join(f"## {h}" for h in headings) + "\n"
    md = markdown.Markdown(extensions=["toc"])
    html = md.convert(text)
    real = [part.split('"', 1)[0] for part in html.split(' id="')[1:]]
    assert [ident for _, ident in heading_ids(text)] == real
