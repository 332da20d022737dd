"""The builders that turn the generated Markdown into HTML: MkDocs, ProperDocs, Zensical.

Everything else is the same whichever builds: the generator writes the Markdown before,
and the sanitiser runs over the finished HTML after. A builder only ever writes into a
fresh folder, which replaces `site_dir` when the build and the sanitiser have succeeded;
a failed build leaves the previous site untouched and no fresh folder behind, and a full
or read-only disk is said as such (with the room the site needs), never as a bug.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sluss.build.failures import (
    BuildFailed,
    builder_error,
    output_message,
    page_in,
    pages_failed,
)
from sluss.build.mkdocs import CONFIG_FILE, in_folder, show_mkdocs_warnings
from sluss.build.sanitize import sanitize_site
from sluss.build.search import Search, SearchIndexFailed, index_site
from sluss.build.timings import Timings
from sluss.core.files import disk_message, is_disk_error, size_text, tree_size

DEFAULT = "mkdocs"


@dataclass(frozen=True)
class Builder:
    name: str  # as written after --builder and in sluss.yml
    label: str  # as a person reads it
    module: str  # the Python package that must be installed
    extra: str  # the pyproject extra that installs it ('' when always installed)
    run: Callable[[Path, Path], None]  # (portal root, fresh folder) → HTML in the folder
    # The theme's own markup at the start of every article, before the content: the
    # sanitiser leaves it to the theme (see sluss.build.sanitize).
    lead: str = ""

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def missing(self) -> str:
        """What to do when it is not installed (in Swedish, with the command)."""
        command = f"pip install -e '.[{self.extra}]'" if self.extra else "pip install -e ."
        return (
            f"sluss: byggverktyget {self.label} är inte installerat. Installera det med: {command}"
        )


def _mkdocs(root: Path, out: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    show_mkdocs_warnings()
    with pages_failed() as pages:
        try:
            with in_folder(root):
                build(load_config(str(root / CONFIG_FILE), strict=True, site_dir=str(out)))
        except (MkDocsException, SystemExit) as exc:
            raise BuildFailed(str(exc), pages[-1] if pages else "") from exc
        except OSError:
            raise  # a full or read-only disk: build_site says so
        except Exception as exc:  # raised by the renderer on a page, not a bug of sluss
            raise BuildFailed(builder_error(exc), pages[-1] if pages else "") from exc


def _properdocs(root: Path, out: Path) -> None:
    """ProperDocs is MkDocs 1.6 continued by its former maintainers. It runs in a process
    of its own: it redirects every `mkdocs` import (Material's too) to itself, for good."""
    _run([sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(out)], root)


# Zensical's theme has a search of its own, which is on unless the configuration turns it
# off (`plugins: []` in mkdocs.yml does not): a second search box in the header, and its
# index (search.json) fetched on every page. The portal's search is Pagefind's, the same
# whichever builder made the HTML.
ZENSICAL_SETTINGS = {"plugins": {"search": {"enabled": False}}}


@contextlib.contextmanager
def zensical_config(root: Path, site_dir: str = "") -> Iterator[str]:
    """A configuration file for Zensical beside mkdocs.yml, which it inherits, with
    ZENSICAL_SETTINGS (and `site_dir` when given); its name, while it exists. Each run
    gets a file of its own, so two runs in one folder do not meet."""
    handle, name = tempfile.mkstemp(prefix=".sluss-zensical-", suffix=".yml", dir=root)
    os.close(handle)
    config = Path(name)
    settings: dict[str, object] = {"INHERIT": CONFIG_FILE, **ZENSICAL_SETTINGS}
    if site_dir:
        settings["site_dir"] = site_dir
    config.write_text(json.dumps(settings, indent=2) + "\n", "utf-8")  # JSON is YAML
    try:
        yield config.name
    finally:
        config.unlink(missing_ok=True)


def _zensical(root: Path, out: Path) -> None:
    """Zensical reads mkdocs.yml but takes no output folder on its command line, and wants
    one inside the project: its configuration (`zensical_config`) names a folder there,
    whose contents then move to `out`."""
    inside = Path(tempfile.mkdtemp(prefix=".sluss-zensical-", dir=root))
    try:
        with zensical_config(root, inside.name) as config:
            _run([sys.executable, "-m", "zensical", "build", "--strict", "-f", config], root)
        for entry in inside.iterdir():
            shutil.move(entry, out / entry.name)
    finally:
        shutil.rmtree(inside, ignore_errors=True)


def _run(command: list[str], root: Path) -> None:
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        raise BuildFailed(output_message(output), page_in(output))


BUILDERS = {
    b.name: b
    for b in (
        Builder("mkdocs", "MkDocs", "mkdocs", "", _mkdocs),
        Builder("properdocs", "ProperDocs", "properdocs", "properdocs", _properdocs),
        # Zensical's theme puts the skip link's target there (Material's links to the
        # first heading instead).
        Builder(
            "zensical",
            "Zensical",
            "zensical",
            "zensical",
            _zensical,
            lead='<a id="__skip" tabindex="-1"></a>',
        ),
    )
}


# A fresh folder is `<site_dir>.<8 characters of mkdtemp>` beside site_dir, with this
# marker inside, locked (flock) for as long as its build runs. A killed build leaves its
# folder behind, marker unlocked; the next build removes it. Nothing else is ever removed:
# only folders by that name, beside site_dir, with the marker in them and its lock free
# (another build of the same site may be running), or empty.
MARKER = ".sluss-bygge"
_RANDOM = re.compile(r"[a-z0-9_]{8}")


def is_fresh_folder(path: Path, site_dir: Path) -> bool:
    """Whether `path` is by its name and place a fresh folder of a build of site_dir."""
    prefix = site_dir.name + "."
    return (
        path.parent == site_dir.parent
        and path.name.startswith(prefix)
        and _RANDOM.fullmatch(path.name[len(prefix) :]) is not None
        and path.is_dir()
        and not path.is_symlink()
    )


def remove_stale_builds(site_dir: Path) -> list[Path]:
    """Remove the fresh folders that killed builds of site_dir left; those removed."""
    removed = []
    try:
        candidates = sorted(site_dir.parent.glob(glob.escape(site_dir.name) + ".*"))
    except OSError:
        return []
    for path in candidates:
        if not is_fresh_folder(path, site_dir):
            continue
        marker = path / MARKER
        if not marker.is_file() or marker.is_symlink():
            with contextlib.suppress(OSError):
                path.rmdir()  # killed before its marker was written: empty, or kept
                removed.append(path)
            continue
        try:
            with open(marker, "rb") as held:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(path)
                removed.append(path)
        except OSError:
            continue  # a build that is running now, or not ours to remove
    return removed


def build_site(
    root: Path,
    site_dir: Path,
    timings: Timings | None = None,
    builder: str = DEFAULT,
    search: Search | None = None,
) -> bool:
    """Build, sanitise, index for search (when `search` is given) and swap in the site;
    False (and why, in Swedish) on failure. Whatever fails, no fresh folder is left."""
    chosen = BUILDERS[builder]
    if not chosen.available():
        print(chosen.missing(), file=sys.stderr)
        return False
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    fresh: Path | None = None
    lock = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(site_dir)
        fresh = Path(tempfile.mkdtemp(prefix=site_dir.name + ".", dir=site_dir.parent))
        lock = open(fresh / MARKER, "wb")  # noqa: SIM115 - held until the swap
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _build_into(root, fresh, chosen, timings or Timings(), search):
            return False
        _swap(fresh, site_dir)
        fresh = None
        (site_dir / MARKER).unlink(missing_ok=True)
        return True
    except OSError as exc:
        if not is_disk_error(exc):
            raise
        print(disk_message(exc, site_dir.parent, site_dir, _room(site_dir, fresh)), file=sys.stderr)
        if site_dir.is_dir():
            print("sluss: förra versionen av webbplatsen ligger kvar orörd.", file=sys.stderr)
        return False
    finally:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        if lock is not None:
            lock.close()


def _room(site_dir: Path, fresh: Path | None) -> str:
    """How much room a build needs: as much as the previous site (which stays until the
    new one is whole), else more than the fresh folder held when the disk was full."""
    previous, partial = tree_size(site_dir), tree_size(fresh)
    if previous > partial:
        return (
            f"Bygget behöver omkring {size_text(previous)} ledigt utrymme – lika mycket som "
            "förra versionen av webbplatsen, som ligger kvar tills den nya är klar."
        )
    return (
        f"Bygget behöver mer än {size_text(partial)} ledigt utrymme – så mycket hann det "
        "skriva innan disken tog slut."
    )


def _build_into(
    root: Path, fresh: Path, chosen: Builder, timings: Timings, search: Search | None
) -> bool:
    try:
        with timings.stage(chosen.name):
            chosen.run(root, fresh)
    except BuildFailed as exc:
        _disk_full_check(fresh)
        print(exc.explained(chosen.label), file=sys.stderr)
        print("sluss: förra versionen av webbplatsen ligger kvar orörd.", file=sys.stderr)
        return False
    with timings.stage("sanitize"):
        for page in sanitize_site(fresh, chosen.lead):
            print(f"sluss: varning: otillåten HTML togs bort ur {page}", file=sys.stderr)
    if search is not None:
        try:
            with timings.stage("search"):
                index_site(fresh, search, chosen.lead)
        except SearchIndexFailed as exc:
            _disk_full_check(fresh)
            print(f"sluss: sökindexet kunde inte byggas (Pagefind): {exc}", file=sys.stderr)
            print("sluss: förra versionen av webbplatsen ligger kvar orörd.", file=sys.stderr)
            return False
    fresh.chmod(0o755)
    return True


def _disk_full_check(fresh: Path) -> None:
    """A builder in a process of its own (ProperDocs, Zensical, Pagefind) reports a full
    or read-only disk only in its own words: ask the disk whether it was that."""
    try:
        probe = fresh / ".sluss-prov"
        with open(probe, "wb") as file:
            file.write(b"\0" * 65536)
            file.flush()
            os.fsync(file.fileno())
        probe.unlink()
    except OSError as exc:
        if is_disk_error(exc):
            raise  # build_site says so


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` in site_dir's place; the previous site stays if that fails."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    try:
        fresh.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
