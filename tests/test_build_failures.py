"""A builder that stops on a page is reported as the builder's error and the page it was
on, with exit code 1 – never as an internal error of sluss."""

from __future__ import annotations

from pathlib import Path

import pytest
from sluss.build.failures import BuildFailed, output_message, page_in

from support import build_env, copy_portal, run_python

# `sluss build` with MkDocs' page renderer failing on one idea's page as Python-Markdown
# fails on 300 nested list levels: a RecursionError (the checker now refuses that body,
# so the failure is made here).
FAILING_BUILD = """
import sys
import mkdocs.structure.pages
from sluss import cli

render = mkdocs.structure.pages.Page.render

def failing(page, *args, **kwargs):
    if page.file.src_uri == sys.argv[1]:
        raise RecursionError("maximum recursion depth exceeded")
    return render(page, *args, **kwargs)

mkdocs.structure.pages.Page.render = failing
sys.exit(cli.main(["build", "."]))
"""


@pytest.mark.slow  # a whole build of the sample
def test_a_page_the_builder_fails_on_is_named_with_its_source(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    idea = sorted((root / "ideas").glob("*.md"))[0].stem
    page = f"slussen/ideer/{idea}.md"
    done = run_python(FAILING_BUILD, page, cwd=root, env=build_env(root))
    assert done.returncode == 1, done.stderr
    assert (
        f"sluss: Bygget stoppade på sidan {page} (från ideas/{idea}.md): "
        "RecursionError: maximum recursion depth exceeded"
    ) in done.stderr
    assert "internt fel" not in done.stderr and "Traceback" not in done.stderr
    assert not (root / "site").exists()


# The real renderer's RecursionError: a generated page changed after the checker passed
# it, to 400 HTML blocks of Markdown in each other (md_in_html recurses per level; the
# checker refuses more than 10 in a body).
DEEP_PAGE_BUILD = """
import sys
from pathlib import Path
from sluss.build.builders import build_site
from sluss.build.generate import generate
root = Path(".")
generate(root, quiet=True)
page = root / "docs" / sys.argv[1]
page.write_text(page.read_text() + "<div markdown>\\n" * 400 + "x\\n" + "</div>\\n" * 400)
sys.exit(0 if build_site(root, root / "site") else 1)
"""


@pytest.mark.slow  # a whole build of the sample
def test_the_real_renderer_failing_on_a_page_is_named_too(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    idea = sorted((root / "ideas").glob("*.md"))[0].stem
    page = f"slussen/ideer/{idea}.md"
    done = run_python(DEEP_PAGE_BUILD, page, cwd=root, env=build_env(root))
    assert done.returncode == 1, done.stderr
    assert f"sluss: Bygget stoppade på sidan {page} (från ideas/{idea}.md): RecursionError" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


def test_a_builder_in_its_own_process_names_the_page_from_its_log() -> None:
    log = (
        "INFO    -  Building documentation to directory: /tmp/x\n"
        "ERROR   -  Error reading page 'slussen/utmaningar/kö.md': boom\n"
    )
    assert page_in(log) == "slussen/utmaningar/kö.md"
    failed = BuildFailed("boom", page_in(log))
    assert failed.explained("ProperDocs") == (
        "sluss: Bygget stoppade på sidan slussen/utmaningar/kö.md (från challenges/kö.md): boom"
    )
    assert BuildFailed("Aborted with 1 warnings in strict mode!").explained("MkDocs") == (
        "sluss: MkDocs-bygget misslyckades: Aborted with 1 warnings in strict mode!"
    )


def test_a_traceback_in_a_builders_output_is_told_by_its_exception() -> None:
    output = (
        "ERROR   -  Error reading page 'slussen/ideer/x.md': maximum recursion depth exceeded\n"
        "Traceback (most recent call last):\n"
        '  File "/x/markdown/blockparser.py", line 110, in parseBlocks\n'
        "    if processor.test(parent, block) is not False:\n"
        "RecursionError: maximum recursion depth exceeded\n"
    )
    assert output_message(output) == "RecursionError: maximum recursion depth exceeded"
    assert page_in(output) == "slussen/ideer/x.md"
    warnings = "WARNING -  Doc file 'a.md' contains a link 'b.md'…\nAborted with 1 warnings!"
    assert output_message(warnings) == warnings
