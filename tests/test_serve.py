"""`sluss serve`: a real preview server that regenerates when content changes."""

from __future__ import annotations

import os
import signal
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import (
    copy_portal,
    fetch,
    free_port,
    search_fragments,
    start_sluss,
    wait_for,
)


@pytest.mark.slow  # the preview builds the whole site first
def test_serve_regenerates_a_changed_idea(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    port = free_port()
    process = start_sluss("serve", "--port", str(port), cwd=root)
    try:
        idea = sorted((root / "ideas").glob("*.md"))[0]
        url = f"http://127.0.0.1:{port}/portal/slussen/ideer/{idea.stem}/"
        assert wait_for(lambda: "<html" in fetch(url), 120), "the preview never came up"
        text = idea.read_text(encoding="utf-8")
        lines = text.split("\n")
        title_line = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        lines[title_line] = "title: En helt ny rubrik från testet"
        idea.write_text("\n".join(lines), encoding="utf-8")
        assert wait_for(lambda: "En helt ny rubrik från testet" in fetch(url), 60)
        # The page is served with MkDocs' live-reload script, so the browser reloads it.
        assert "livereload" in fetch(url)
        # The preview searches too, and finds the new title once the full pass is done.
        assert '"languages"' in fetch(
            f"http://127.0.0.1:{port}/portal/pagefind/pagefind-entry.json"
        )
        # (While serving, the old index files stay beside the new: search the fragments.)
        assert wait_for(
            lambda: any(
                "En helt ny rubrik" in text and f"/slussen/ideer/{idea.stem}/" in text
                for text in search_fragments(root / "docs").values()
            ),
            60,
        )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "förhandsvisning på http://127.0.0.1:" in output
    assert "/portal/" in output
    assert "Traceback" not in output


def test_check_item_judges_one_edited_item_against_the_rest(tmp_path: Path) -> None:
    """The preview's quick pass re-renders an edited item only when `check_item` finds
    no error in it; anything else waits for the full regeneration."""
    from sluss.content.check import check_item, check_repository
    from sluss.content.load import read_file

    root = copy_portal(tmp_path / "repo")
    repo = check_repository(root)
    path = root / "ideas" / "gemensam-ruttplanering-nattpatrull.md"
    item, problems = read_file(root, "ideas", path)
    assert item is not None and not problems
    assert check_item(repo, item) == []

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("municipality: gullspang", "municipality: ingenstans"))
    item, _ = read_file(root, "ideas", path)
    assert item is not None
    assert [d.code for d in check_item(repo, item)] == ["unresolved-ref"]

    path.write_text(text.replace("status: testing", "status: testas"))
    item, _ = read_file(root, "ideas", path)
    assert item is not None
    assert [d.code for d in check_item(repo, item)] == ["not-in-vocabulary"]


def test_quick_pass_renders_the_edited_item_from_the_kept_portal(tmp_path: Path) -> None:
    """What the preview writes first after an edit: the item's own page, new title and
    all, from the portal in memory (the full regeneration follows in its own process)."""
    from sluss.build.generate import generate
    from sluss.build.preview import _Watcher

    root = copy_portal(tmp_path / "repo")
    generated = generate(root, quiet=True)
    assert generated is not None
    path = root / "ideas" / "gemensam-ruttplanering-nattpatrull.md"
    page = root / "docs/slussen/ideer/gemensam-ruttplanering-nattpatrull.md"
    before = page.read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Gemensam", "title: Snabbt omskriven"), encoding="utf-8")

    _Watcher(root, "sv", generated).quick_pass([path])
    after = page.read_text(encoding="utf-8")
    assert "Snabbt omskriven ruttplanering" in after and after != before
    entry = generated.env.portal.get("ideas", "gemensam-ruttplanering-nattpatrull")
    assert entry is not None and entry.title.startswith("Snabbt omskriven")

    # An edit with an error is left to the full pass, which reports it.
    path.write_text(text.replace("status: testing", "status: testas"), encoding="utf-8")
    _Watcher(root, "sv", generated).quick_pass([path])
    assert page.read_text(encoding="utf-8") == after


@pytest.mark.slow  # the whole site is built with the other builder first
@pytest.mark.parametrize("builder", ["properdocs", "zensical"])
def test_another_builders_preview_is_built_cleaned_and_local(tmp_path: Path, builder: str) -> None:
    """ProperDocs' and Zensical's own servers neither clean pages nor refuse other hosts:
    their preview is the site `sluss build --builder` makes, served by the MkDocs
    preview's local-only server, rebuilt after an edit (issues 16 and 18)."""
    root = copy_portal(tmp_path / "repo")
    page = root / "docs" / "om-slussen.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n<img src="x.png" onerror="alert(1)" alt="ett">\n', encoding="utf-8")
    idea = sorted((root / "ideas").glob("*.md"))[0]
    port = free_port()
    before = set(Path(tempfile.gettempdir()).glob("sluss-serve-site-*"))
    process = start_sluss("serve", "--builder", builder, "--port", str(port), cwd=root)
    try:
        base = f"http://127.0.0.1:{port}/portal/"
        assert wait_for(lambda: 'alt="ett"' in fetch(base + "om-slussen/"), 240), "no preview"
        assert "onerror" not in fetch(base + "om-slussen/")
        generator = "zensical" if builder == "zensical" else "properdocs"
        assert generator in fetch(base).lower()
        request = urllib.request.Request(base, headers={"Host": f"evil.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 421
        idea.write_text(
            idea.read_text(encoding="utf-8").replace("title: ", "title: Omskriven ", 1), "utf-8"
        )
        url = f"{base}slussen/ideer/{idea.stem}/"
        assert wait_for(lambda: "Omskriven " in fetch(url), 240), "no rebuild after the edit"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert "förhandsvisning byggd med" in output and "Traceback" not in output
    assert set(Path(tempfile.gettempdir()).glob("sluss-serve-site-*")) <= before  # removed


@pytest.mark.slow  # the preview builds the whole site first
def test_serve_cleans_what_it_serves_as_the_build_does(tmp_path: Path) -> None:
    """A hand-written page with HTML that runs code: the preview serves it cleaned, after
    its first build and after a rebuild, as `sluss build` would (issue 18)."""
    root = copy_portal(tmp_path / "repo")
    page = root / "docs" / "om-slussen.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n<img src="x.png" onerror="alert(1)" alt="ett">\n', encoding="utf-8")
    port = free_port()
    process = start_sluss("serve", "--port", str(port), cwd=root)
    try:
        url = f"http://127.0.0.1:{port}/portal/om-slussen/"
        assert wait_for(lambda: 'alt="ett"' in fetch(url), 120), "the preview never came up"
        assert "onerror" not in fetch(url)
        page.write_text(
            text
            + '\n<img src="h&#9;ttps://tracker.example/p.gif" alt="två">\n<script>x</script>\n',
            encoding="utf-8",
        )
        assert wait_for(lambda: 'alt="två"' in fetch(url), 60)
        served = fetch(url)
        article = served[served.index('<article class="md-content__inner') :]
        assert "tracker.example" not in served
        assert "<script>x</script>" not in article
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "otillåten HTML togs bort ur om-slussen/index.html" in output
    assert "Traceback" not in output
