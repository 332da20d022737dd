"""A copy of the portal without `.git` (a downloaded zip): `sluss check`, `build` and
`serve` say once that dates come from the files only, never a traceback or nothing.
(`sluss serve` is in tests/test_serve_banner.py, which runs one.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from sluss.content.history import no_git_warning

from support import build_env, copy_portal, git, run_sluss

WARNING = no_git_warning("sv")


def test_check_without_git_warns_once(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "zip")
    done = run_sluss("check", cwd=root, env=build_env(root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == WARNING + "\n"
    assert "inga fel" in done.stdout


def test_check_stale_without_git_warns_once(tmp_path: Path) -> None:
    """--stale reads the history itself: still one warning, not two."""
    root = copy_portal(tmp_path / "zip")
    done = run_sluss("check", "--stale", "--lang", "en", cwd=root, env=build_env(root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == no_git_warning("en") + "\n"


def test_check_in_a_repository_says_nothing(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "clone")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Innehåll")
    done = run_sluss("check", cwd=root, env=build_env(root))
    assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.slow  # a whole build of the sample
def test_build_without_git_warns_once(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "zip")
    done = run_sluss("build", cwd=root, env=build_env(root))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("inget Git-förråd") == 1, done.stderr
    assert WARNING in done.stderr and "Traceback" not in done.stderr
    assert (root / "site" / "index.html").is_file()
