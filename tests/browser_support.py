"""What the browser and HTML-validity tests share: the built sample site, a loopback
server for it, Debian's Chromium, and the project-local tools in `.tools/`.

Nothing here downloads anything: Chromium comes from Debian (`make browser-deps`),
Playwright is pointed at /usr/bin/chromium, and axe-core and vnu-jar are npm
packages installed into `.tools/checkers/` by the same make target.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import mimetypes
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_site import EPOCH, sluss

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / ".tools" / "checkers" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
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

IN_CI = os.environ.get("CI", "").lower() == "true"
HOW = "run `make browser-deps` (as root it installs them)"


def needs(available: bool, what: str) -> pytest.MarkDecorator:
    """Skip when a tool is missing on a developer's machine; in CI, never skip: fail."""
    return pytest.mark.skipif(not available and not IN_CI, reason=f"{what} saknas: {HOW}")


needs_chromium = needs(Path(CHROMIUM).is_file(), f"Chromium ({CHROMIUM})")
needs_java_and_vnu = needs(bool(shutil.which("java")) and VNU_JAR.is_file(), "Java och vnu.jar")


@functools.cache
def axe_source() -> str:
    """axe-core from `.tools/checkers/` (the audit's version), else the one Python ships."""
    if AXE_JS.is_file():
        return AXE_JS.read_text(encoding="utf-8")
    if IN_CI:
        raise FileNotFoundError(f"{AXE_JS}: {HOW}")
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# --- building the sample site ---------------------------------------------------------------


def run_sluss(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return sluss(root, *args, epoch=EPOCH)


def build_sample_site(root: Path) -> Path:
    """Copy the portal's sources to `root`, build it, and return the site folder."""
    from sluss.build.generate import copy_sources

    copy_sources(REPO, root)
    result = run_sluss(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def site_prefix(root: Path) -> str:
    """The path part of `site_url` in mkdocs.yml: the site's pages live under it."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.M)
    path = urllib.parse.urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def page_path(site: Path, page: Path) -> str:
    """A page file's URL path below the site's prefix: `slussen/laget/`, ``, `404.html`."""
    rel = page.relative_to(site).as_posix()
    return "" if rel == "index.html" else rel.removesuffix("index.html")


# --- serving it on the loopback address -------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """The site folder below `prefix`, like a static host: 404.html with status 404."""

    site = Path()
    prefix = "/"

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
        self._send(200, target.read_bytes(), ctype, {}, head)

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


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser that hung up
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(site: Path, prefix: str) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1 below `prefix`; yield the site's base URL."""
    handler = type("Handler", (_Handler,), {"site": site, "prefix": prefix})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
