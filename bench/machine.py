"""The machine a benchmark runs on: its description for bench/RESULTS.md, Debian's
Chromium and the flags it runs with, and a static host for a built site on the
loopback address.

The tests use the same Chromium flags and host (tests/support.py takes them from
here), so a page the benchmarks weigh is served and opened as the tests open it.
Nothing here imports from tests/.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import os
import platform
import posixpath
import shutil
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent  # the portal this benchmark is in


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe() -> str:
    return (
        f"{os.cpu_count()} CPUs (`nproc`), {platform.machine()}, {cpu_model()}, "
        f"Python {sys.version.split()[0]}"
    )


def thousands(n: int) -> str:
    """10 000 with a narrow no-break space, as Swedish and SI style write it."""
    return f"{n:,}".replace(",", "\u202f")


# --- Debian's Chromium ------------------------------------------------------------------------

# Playwright drives this binary; it never downloads a browser of its own.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no name but the loopback address resolves inside Chromium.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


# --- a static host on the loopback address ----------------------------------------------------


# What a static host compresses when the browser accepts gzip (GitHub Pages does so for
# text, scripts, JSON and SVG): the types below, and Pagefind's files by their names.
# Pagefind's index files (.pf_*) and its wasm (.pagefind) are gzip streams already: a
# body that starts with gzip's magic bytes goes out as it is, never compressed twice.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
COMPRESSED_SUFFIXES = (".js", ".mjs", ".json", ".pagefind", ".webmanifest", ".xml")
GZIP_MAGIC = b"\x1f\x8b"


def compressible(name: str, ctype: str, body: bytes) -> bool:
    """Whether a static host would send `body` gzip-compressed (to a browser that accepts it)."""
    if body.startswith(GZIP_MAGIC) or len(body) < 32:
        return False
    return (
        ctype.startswith(COMPRESSED_TYPES) or name.endswith(COMPRESSED_SUFFIXES) or (".pf_" in name)
    )


class _Handler(http.server.BaseHTTPRequestHandler):
    """The site folder below `prefix`, like a static host: 404.html with status 404,
    and (with `gzip`) compressed text for a browser that accepts it."""

    site = Path()
    prefix = "/"
    max_age = 0
    compress = False  # gzip, as a static host does
    sent: list[tuple[str, int]] | None = None  # (path, body bytes) of every answer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = self._file(path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self._send(301, b"", "text/plain", {"Location": path + "/"}, head)
                return
            target = target / "index.html"
        if target is None or not target.is_file():
            self._send(404, (self.site / "404.html").read_bytes(), "text/html", {}, head)
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        headers = {}
        if self.max_age and ctype != "text/html":
            headers["Cache-Control"] = f"max-age={self.max_age}"
        body = target.read_bytes()
        if self.compress:
            headers["Vary"] = "Accept-Encoding"
            accepted = self.headers.get("Accept-Encoding", "")
            if "gzip" in accepted and compressible(target.name, ctype, body):
                packed = gzip.compress(body, compresslevel=6, mtime=0)
                if len(packed) < len(body):
                    body, headers["Content-Encoding"] = packed, "gzip"
        self._send(200, body, ctype, headers, head)

    def _file(self, path: str) -> Path | None:
        if path + "/" == self.prefix:
            return self.site  # a folder: redirected to the prefix with its slash
        if not path.startswith(self.prefix):
            return None
        return self.site / posixpath.normpath("/" + path.removeprefix(self.prefix)).lstrip("/")

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str], head: bool
    ) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if ctype.startswith("text/") or ctype.endswith("json") else ""
        self.send_header("Content-Type", ctype + charset)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)
        if self.sent is not None:
            self.sent.append((self.path, 0 if head else len(body)))


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser that hung up
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(
    site: Path,
    prefix: str = "/",
    max_age: int = 0,
    gzip: bool = False,
    sent: list[tuple[str, int]] | None = None,
) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1 below `prefix`; yield the site's base URL.

    `max_age` (seconds) lets a browser keep everything but the pages in its cache, as a
    static host would; 0 sends no caching header at all. `gzip` compresses what a static
    host compresses (see `compressible`) when the browser accepts it, so that the bytes
    a browser counts are the bytes a visitor would transfer. `sent`, a list, receives
    (path, bytes of the body as sent) for every answer, in the order they were sent."""
    options = {"site": site, "prefix": prefix, "max_age": max_age, "compress": gzip, "sent": sent}
    handler = type("Handler", (_Handler,), options)
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def copy_portal(target: Path, root: Path = CHECKOUT) -> Path:
    """A portal's sources copied to `target` (this checkout's by default): configuration,
    hand-written pages, theme and content, without the generated pages (docs/slussen/)
    or a built site, so that a benchmark or a test builds from the sources alone."""
    from sluss.core.model import COLLECTIONS

    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "sluss.yml", "docs", "overrides", *sorted(COLLECTIONS)):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("slussen"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target
