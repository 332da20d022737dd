"""`sluss serve`: the local preview, quick after every edit.

MkDocs' live-reload server serves the site and rebuilds only the pages whose Markdown
is newer than their HTML (its "dirty" builds). Around it a watcher polls the content:

1. an edit to an item first re-renders that item's own page, from the portal kept in
   memory (milliseconds), so the browser shows the edit after one small rebuild;
2. then everything is regenerated (lists, counts, similar items, open data) in a
   separate process, so that this work does not hold the interpreter lock the
   server's rebuild needs, and MkDocs rebuilds the pages that changed.

Generated files are written only while MkDocs is not building: a dirty build asks
twice whether a page changed (to read it, then to render it), and a file written in
between reaches the renderer unread. One lock, shared with the separate process,
covers every build and every write.

A change to sluss.yml, a commit, a new or deleted file only takes step 2. While step 2
finds errors in the content, every page served carries a banner naming them
(`preview_banner`), and browsers reload when it comes and goes.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import multiprocessing
import os
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sluss.build.generate import ContentErrors, Generated, generate
from sluss.build.mkdocs import CONFIG_FILE, in_folder, show_mkdocs_warnings
from sluss.build.preview_banner import Problems, with_banner
from sluss.build.sanitize import sanitize_site
from sluss.build.search import Search, SearchIndexFailed, index_preview
from sluss.content.check import check_item
from sluss.content.load import iter_content_files, read_file
from sluss.core.files import write_changed
from sluss.core.model import COLLECTIONS
from sluss.site.entry import GENERATED

POLL_SECONDS = 0.2
# Hand-written pages that include generated fragments (the start page) do not change
# themselves when a fragment does; they are touched so that a dirty build redoes them.
FRAGMENTS = f"{GENERATED}/_delar"

Stats = dict[Path, tuple[int, int]]


def serve_preview(root: Path, port: int, lang: str = "sv") -> None:
    """Generate, then serve until Ctrl+C. Raises ContentErrors before serving anything.
    MkDocs only: its server is the one made to clean and to check the host below
    (commands/serve.py refuses another builder)."""
    from mkdocs.commands.serve import serve

    generated = generate(root, lang)
    _index(root, generated)
    stop = threading.Event()
    handle, lock_file = tempfile.mkstemp(prefix="sluss-serve-", suffix=".lock")
    os.close(handle)
    lock = FileLock(Path(lock_file))
    problems = Problems.fresh()
    problems.clear()
    _build_under(lock)
    _answer_only_local_hosts(problems, lang)
    watcher = _Watcher(root, lang, generated, lock, problems)
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    print(f"sluss: förhandsvisning på {preview_url(root, port)} – avsluta med Ctrl+C")
    show_mkdocs_warnings()
    try:
        with in_folder(root):
            serve(
                str(root / CONFIG_FILE),
                dev_addr=f"127.0.0.1:{port}",
                livereload=True,
                build_type="dirty",
            )
    finally:
        stop.set()
        watcher.stop_full_pass()
        Path(lock_file).unlink(missing_ok=True)
        problems.remove()


@dataclass(frozen=True)
class FileLock:
    """One lock for the server's build thread, the watcher thread and the full-pass
    process: `flock` on a file (each holder opens it anew, so threads exclude each
    other too), which needs no cleanup when the preview is stopped with Ctrl+C."""

    path: Path

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with open(self.path, "a") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)


def _build_under(lock: FileLock) -> None:
    """Make the preview server's builds hold `lock` (MkDocs' serve looks its `build` up
    in its module on every rebuild), and clean the pages each build writes with the
    sanitiser of `sluss build`: the preview serves nothing a build would not."""
    import mkdocs.commands.build
    import mkdocs.commands.serve

    build = mkdocs.commands.build.build

    def locked(config: Any, *args: Any, **kwargs: Any) -> None:
        with lock.held():
            started = time.time() - 1  # file times may be a little coarse
            build(config, *args, **kwargs)
            for page in sanitize_site(Path(config["site_dir"]), since=started):
                print(f"sluss: varning: otillåten HTML togs bort ur {page}", file=sys.stderr)

    mkdocs.commands.serve.build = locked  # type: ignore[attr-defined]


LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
RUNNING: list[Any] = []  # the preview server of this process, once it has started


def reload_browsers() -> None:
    """Make every open page of the preview reload, as after a rebuild: MkDocs' pages ask
    the server for its "epoch" and reload when it is newer than theirs. MkDocs 1.6 (as
    pinned) has no public call for this, nor a rebuild to hang it on: when the content
    has an error, nothing is regenerated."""
    from mkdocs.livereload import _timestamp

    for server in RUNNING:
        with server._epoch_cond:
            if server._visible_epoch == server._wanted_epoch:  # else a rebuild reloads
                server._wanted_epoch = server._visible_epoch = _timestamp()
                server._epoch_cond.notify_all()


def local_host(host: str, port: int) -> bool:
    """Whether a request's `Host:` names this machine's preview: 127.0.0.1, localhost or
    [::1], with the preview's port (a browser leaves out only port 80)."""
    name, _, given = host.strip().lower().rpartition(":")
    if not name or "]" in given:  # no port (an IPv6 address without one too)
        name, given = host.strip().lower(), "80"
    return name in LOCAL_HOSTS and given == str(port)


def _answer_only_local_hosts(problems: Problems, lang: str) -> None:
    """MkDocs' preview server, as its serve looks it up, replaced by `local_server`."""
    import mkdocs.commands.serve

    mkdocs.commands.serve.LiveReloadServer = local_server(problems, lang)  # type: ignore[attr-defined]


def local_server(problems: Problems, lang: str) -> Any:
    """MkDocs' live-reload server answers any `Host:`, so a page on another site could
    reach it through a name that resolves to 127.0.0.1 (DNS rebinding); and a path with
    a NUL in it fails as its 500. This subclass refuses other hosts (421), answers such
    paths 404, and puts the banner of the content's errors (`problems`) on every page."""
    from mkdocs.livereload import LiveReloadServer

    class LocalServer(LiveReloadServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            RUNNING.append(self)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            page = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
            return with_banner(page, problems.read(), lang)

        def serve_request(self, environ: Any, start_response: Any) -> Any:
            if not local_host(environ.get("HTTP_HOST", ""), self.server_port):
                start_response(
                    "421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")]
                )
                return ["Förhandsvisningen svarar bara på 127.0.0.1 och localhost.\n".encode()]
            if "\0" in environ.get("PATH_INFO", ""):
                start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"Sidan finns inte.\n"]
            return super().serve_request(environ, start_response)

    return LocalServer


def preview_url(root: Path, port: int) -> str:
    """MkDocs serves the site under the path of `site_url` (e.g. /portal/)."""
    from mkdocs.config import load_config

    with in_folder(root):
        site_url = load_config(str(root / CONFIG_FILE)).site_url or ""
    return f"http://127.0.0.1:{port}{urllib.parse.urlsplit(site_url).path or '/'}"


def _stats(root: Path) -> Stats:
    """What the generator reads: content files, sluss.yml and Git's index (a commit
    changes dates and timelines), by time and size."""
    paths = [p for _, p in iter_content_files(root)] + [root / "sluss.yml", root / ".git/index"]
    out = {}
    for path in paths:
        with contextlib.suppress(OSError):
            stat = path.stat()
            out[path] = (stat.st_mtime_ns, stat.st_size)
    return out


class _Watcher:
    def __init__(
        self,
        root: Path,
        lang: str,
        generated: Generated,
        lock: FileLock | None = None,
        problems: Problems | None = None,
    ) -> None:
        self.root, self.lang, self.generated = root, lang, generated
        self.lock = lock or FileLock(Path(tempfile.gettempdir()) / f"sluss-{os.getpid()}.lock")
        self.problems = problems
        self.full: multiprocessing.process.BaseProcess | None = None
        self.pending = False

    def run(self, stop: threading.Event) -> None:
        seen = _stats(self.root)
        shown = self._problems_now()
        while not stop.wait(POLL_SECONDS):
            problems = self._problems_now()
            if problems != shown:  # the banner comes or goes: show it
                shown = problems
                reload_browsers()
            now = _stats(self.root)
            if now != seen:
                changed = sorted(p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p))
                seen = now
                print("sluss: innehållet ändrades – genererar sidorna på nytt")
                self.quick_pass(changed)
                self.pending = True
            if self.pending and not (self.full and self.full.is_alive()):
                self.pending = False
                self.start_full_pass()

    def _problems_now(self) -> list[dict[str, object]]:
        return self.problems.read() if self.problems else []

    def quick_pass(self, changed: list[Path]) -> None:
        """Re-render the edited items' own pages now; skipped (the full pass follows
        anyway) for anything but edits to existing, valid content files."""
        try:
            files = {}
            for path in changed:
                page = self._item_page(path)
                if page is None:
                    return
                files[page[0]] = page[1]
            with self.lock.held():
                write_changed(self.root / "docs", files)
        except Exception:  # an optimisation only: never stop the preview over it
            if os.environ.get("SLUSS_DEBUG"):
                logging.getLogger("sluss").exception("quick pass")

    def _item_page(self, path: Path) -> tuple[str, str] | None:
        collection = path.parent.name
        if collection not in COLLECTIONS or not path.is_file():
            return None
        item, problems = read_file(self.root, collection, path)
        repo, portal = self.generated.repo, self.generated.env.portal
        if item is None or item.draft or portal.get(collection, item.id) is None:
            return None
        if problems or check_item(repo, item):
            return None  # the full pass prints what is wrong
        entry = portal.replace(item)
        return entry.page, self.generated.env.renderer.item_page(entry)

    def start_full_pass(self) -> None:
        before = _fragment_times(self.root)
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no lock shared
        self.full = context.Process(
            target=_full_pass, args=(self.root, self.lang, before, self.lock, self.problems)
        )
        self.full.start()

    def stop_full_pass(self) -> None:
        if self.full and self.full.is_alive():
            self.full.terminate()


def _index(root: Path, generated: Generated, serving: bool = False) -> None:
    """The preview's search index; without it the preview works, only its search not.
    Not under the lock: it takes seconds at scale, and no builder's server is ever
    without a whole index (see index_preview)."""
    try:
        index_preview(root, Search.of(generated.env.portal), serving)
    except SearchIndexFailed as exc:
        print(f"sluss: förhandsvisningen söker inte: {exc}", file=sys.stderr)


def _full_pass(
    root: Path,
    lang: str,
    fragments_before: dict[Path, int],
    lock: FileLock,
    problems: Problems | None = None,
) -> None:
    try:
        # The history's warning (no Git, a shallow clone) was said at the start.
        generated = generate(root, lang, write_lock=lock.held(), warn=False)
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        if problems:
            problems.write(errors.repo.diagnostics, lang)
        return
    if problems:
        problems.clear()
    _index(root, generated, serving=True)
    with lock.held():
        if _fragment_times(root) == fragments_before:
            return
        for page in (root / "docs").glob("*.md"):
            with contextlib.suppress(OSError):
                if FRAGMENTS in page.read_text(encoding="utf-8"):
                    page.touch()


def _fragment_times(root: Path) -> dict[Path, int]:
    folder = root / "docs" / FRAGMENTS
    return {p: p.stat().st_mtime_ns for p in folder.glob("*.md")} if folder.is_dir() else {}
