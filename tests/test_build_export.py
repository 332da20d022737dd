"""`sluss build` and `sluss export` publish the same open data, feeds and calendars:
both ask the one registry of outputs, from the same repository and Git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from support import copy_portal, git, run_sluss

pytestmark = pytest.mark.slow  # a whole MkDocs build

EPOCH = "1796256000"  # 2026-12-01: the build date
IDEA = "ideas/bokbuss-med-skaparlabb.md"


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal with two commits: the second moves one idea to a new status."""
    root = copy_portal(tmp_path_factory.mktemp("portal") / "portal")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start", when="2026-03-02")
    path = root / IDEA
    text = path.read_text(encoding="utf-8")
    assert "status: submitted\n" in text
    path.write_text(text.replace("status: submitted\n", "status: assessing\n"), "utf-8")
    git(root, "commit", "-q", "-am", "bedöms", when="2026-04-06")
    return root


def published(folder: Path) -> dict[str, bytes]:
    """Every open-data, feed and calendar file under `folder`, by its site path (the
    pages about them, `index.html`, are the build's alone)."""
    kinds = ("slussen/data/", "slussen/feeds/", "slussen/kalender/")
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.suffix != ".html"
        and p.relative_to(folder).as_posix().startswith(kinds)
    }


def test_build_and_export_publish_the_same_bytes(portal: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    built = run_sluss("build", "--site-dir", str(tmp_path / "site"), cwd=portal, env=env)
    assert built.returncode == 0, built.stderr
    assert "Material for MkDocs får rättningar bara till 2027-05-05" in built.stderr
    exported = run_sluss("export", "--out", str(tmp_path / "export"), cwd=portal, env=env)
    assert exported.returncode == 0, exported.stderr

    site, export = published(tmp_path / "site"), published(tmp_path / "export")
    assert set(export) == set(site)
    assert {"slussen/data/ideer.json", "slussen/feeds/statusandringar.atom"} <= set(export)
    assert [path for path in export if export[path] != site[path]] == []
    # Both read the history: the commit that moved the idea is in the feed.
    feed = export["slussen/feeds/statusandringar.atom"].decode("utf-8")
    assert "2026-04-06" in feed and "bokbuss-med-skaparlabb" in feed


def test_export_stops_on_content_errors_and_writes_nothing(portal: Path, tmp_path: Path) -> None:
    broken = copy_portal(tmp_path / "broken", root=portal)
    (broken / IDEA).write_text("---\ntitle: [\n---\n", encoding="utf-8")
    out = tmp_path / "export"
    done = run_sluss("export", "--out", str(out), cwd=broken)
    assert done.returncode == 1
    assert "bokbuss-med-skaparlabb.md" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_no_git_needed_for_an_export(portal: Path, tmp_path: Path) -> None:
    """Without a repository the feeds fall back to the files' dates; nothing fails."""
    plain = copy_portal(tmp_path / "plain", root=portal)
    done = run_sluss("export", "--out", str(tmp_path / "export"), cwd=plain)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "export/slussen/feeds/statusandringar.atom").is_file()
    assert subprocess.run(["git", "-C", str(plain), "rev-parse"], capture_output=True).returncode
