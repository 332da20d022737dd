"""Full and read-only disks, and kills: `sluss build` says what failed in Swedish and
exits 1, leaves no fresh `site.*` folder behind and the previous site as it was; a
fresh folder that a killed build left is removed by the next build, and nothing else.

The disks are small tmpfs file systems mounted by the test (it runs as root in CI);
where mounting is not permitted, the tests that need one are skipped and say why."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import build_env, copy_portal, digest, run_sluss, start_sluss


def _mount(folder: Path, size: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"kan inte montera ett tmpfs här (behövs för disktesterna): {done.stderr}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[Path, list[int]]]:
    """A folder on a tmpfs whose size the test sets by calling `mount(size)`."""
    folder = tmp_path / "disk"
    mounted: list[int] = []
    yield folder, mounted
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def mount(disk: tuple[Path, list[int]], size: int) -> Path:
    folder, mounted = disk
    _mount(folder, size)
    mounted.append(size)
    return folder


def leftovers(folder: Path, name: str = "site") -> list[str]:
    return sorted(p.name for p in folder.glob(f"{name}.*"))


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return run_sluss("build", "--site-dir", site, cwd=root, env=build_env(root))


def fill(folder: Path, leave: int) -> None:
    """Fill the disk under `folder` until `leave` bytes are free."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    with open(folder / "fyllnad", "wb") as file:
        chunk = b"\0" * (1 << 20)
        remaining = max(0, free - leave)
        while remaining > 0:
            file.write(chunk[: min(len(chunk), remaining)])
            remaining -= min(len(chunk), remaining)


@pytest.mark.slow
def test_a_full_disk_is_said_in_swedish_and_leaves_the_old_site(
    tmp_path: Path, small_disk: tuple[Path, list[int]]
) -> None:
    root = copy_portal(tmp_path / "repo")
    disk = mount(small_disk, 64 << 20)
    site = disk / "site"
    first = build(root, site)
    assert first.returncode == 0, first.stdout + first.stderr
    before = digest(site)
    fill(disk, 1 << 20)
    second = build(root, site)
    assert second.returncode == 1, second.stdout + second.stderr
    assert "internt fel" not in second.stderr
    assert f"disken är full – {site} kunde inte skrivas" in second.stderr
    assert "Bygget behöver omkring" in second.stderr and "MB ledigt utrymme" in second.stderr
    assert "förra versionen av webbplatsen ligger kvar orörd" in second.stderr
    assert leftovers(disk) == []
    assert digest(site) == before


@pytest.mark.slow
def test_a_full_disk_on_a_first_build_says_how_much_was_written(
    tmp_path: Path, small_disk: tuple[Path, list[int]]
) -> None:
    root = copy_portal(tmp_path / "repo")
    disk = mount(small_disk, 2 << 20)
    done = build(root, disk / "site")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "disken är full" in done.stderr and "Bygget behöver mer än" in done.stderr
    assert "internt fel" not in done.stderr
    assert list(disk.iterdir()) == []


@pytest.mark.slow
def test_a_read_only_disk_is_said_in_swedish_and_leaves_the_old_site(
    tmp_path: Path, small_disk: tuple[Path, list[int]]
) -> None:
    root = copy_portal(tmp_path / "repo")
    disk = mount(small_disk, 64 << 20)
    site = disk / "site"
    assert build(root, site).returncode == 0
    before = digest(site)
    remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip(f"kan inte göra tmpfs skrivskyddat här: {remount.stderr!r}")
    done = build(root, site)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "internt fel" not in done.stderr
    assert f"disken är skrivskyddad – {site} kunde inte skrivas" in done.stderr
    assert leftovers(disk) == []
    assert digest(site) == before


@pytest.mark.slow
def test_a_full_disk_for_the_generated_pages_leaves_no_half_written_file(
    tmp_path: Path, small_disk: tuple[Path, list[int]]
) -> None:
    """docs/slussen/ on a disk with room for the sources and a little more: the generator
    stops with a Swedish message, and every file it wrote is whole."""
    reference = copy_portal(tmp_path / "reference")
    assert build(reference, tmp_path / "reference-site").returncode == 0
    sources = copy_portal(tmp_path / "sources")
    need = sum((p.stat().st_size // 4096 + 1) * 4096 for p in sources.rglob("*") if p.is_file())
    disk = mount(small_disk, need + (1 << 20))
    root = disk / "repo"
    shutil.copytree(sources, root)
    done = build(root, tmp_path / "site")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "internt fel" not in done.stderr
    assert "disken är full –" in done.stderr
    assert "De genererade filerna behöver omkring" in done.stderr
    generated = root / "docs" / "slussen"
    written = [p for p in generated.rglob("*") if p.is_file()]
    assert written, "nothing was written before the disk was full"
    assert not [p for p in written if p.name.endswith(".sluss-tmp")]
    for path in written:
        expected = reference / "docs" / "slussen" / path.relative_to(generated)
        assert path.read_bytes() == expected.read_bytes(), path
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_the_next_build_removes_what_a_killed_build_left(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    out = tmp_path / "out"
    site = out / "site"
    # Folders that only look like a build's: not removed.
    (out / "site.abcdefgh").mkdir(parents=True)
    (out / "site.abcdefgh" / "egen.txt").write_text("min\n")
    (out / "site.backup").mkdir()
    (out / "site.backup" / ".sluss-bygge").write_text("")
    (out / "site.12345678").symlink_to(out / "site.backup")
    process = start_sluss("build", "--site-dir", str(site), cwd=root, env=build_env(root))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        fresh = [p for p in out.glob("site.*") if (p / ".sluss-bygge").is_file()]
        if any(p.name not in ("site.backup", "site.12345678") for p in fresh):
            break
        time.sleep(0.05)
    time.sleep(1.5)  # well into the builder's writing
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    left = set(leftovers(out)) - {"site.abcdefgh", "site.backup", "site.12345678"}
    assert left, "the killed build left nothing to clean: killed too late?"
    done = build(root, site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert leftovers(out) == ["site.12345678", "site.abcdefgh", "site.backup"]
    assert (out / "site.abcdefgh" / "egen.txt").read_text() == "min\n"
    assert (site / "index.html").is_file()
    assert not (site / ".sluss-bygge").exists()


def test_a_running_build_s_fresh_folder_is_not_removed(tmp_path: Path) -> None:
    """Two builds of one site at once: the second leaves the first's folder alone while
    its marker is locked, and removes it once the lock is gone (killed)."""
    from sluss.build.builders import MARKER, remove_stale_builds

    site = tmp_path / "site"
    running = tmp_path / "site.abc_1234"
    running.mkdir()
    (running / "index.html").write_text("halv")
    empty = tmp_path / "site.zzzzzzzz"
    empty.mkdir()
    with open(running / MARKER, "wb") as marker:
        fcntl.flock(marker, fcntl.LOCK_EX)
        assert remove_stale_builds(site) == [empty]
        assert running.is_dir()
    assert remove_stale_builds(site) == [running]
    assert not running.exists()


def test_write_changed_replaces_a_file_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a failed write the old file is kept as it was and no temporary file stays."""
    import errno

    from sluss.core import files
    from sluss.core.files import WriteFailed, write_changed

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("gammal\n")
    assert write_changed(tmp_path, {"a/x.md": "ny\n"}) == 1
    assert (tmp_path / "a" / "x.md").read_text() == "ny\n"

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    with pytest.raises(WriteFailed) as failed:
        write_changed(tmp_path, {"a/x.md": "nyare\n"})
    message = failed.value.message()
    assert message.startswith(f"sluss: disken är full – {tmp_path / 'a' / 'x.md'} kunde inte")
    assert "De genererade filerna behöver omkring 1 kB." in message
    assert (tmp_path / "a" / "x.md").read_text() == "ny\n"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["x.md"]


def test_sizes_are_written_the_swedish_way() -> None:
    from sluss.core.files import size_text

    assert [size_text(n) for n in (0, 820_000, 1_500_000, 17_000_000)] == [
        "1 kB",
        "820 kB",
        "1,5 MB",
        "17 MB",
    ]
