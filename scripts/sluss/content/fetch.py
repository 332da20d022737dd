"""A small file read from disk or from an address, within limits.

`sluss import publiccode` reads a file another organisation publishes. An address is
fetched only over https (plain http only on this machine's loopback, for tests), with
a time limit for the whole answer (a server that answers slowly, byte by byte, is cut
off too), a size limit, and no redirect to another host: what is read is what was
asked for.
"""

from __future__ import annotations

import ipaddress
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from http.client import HTTPMessage
from typing import IO

MAX_BYTES = 1_000_000
TIMEOUT_SECONDS = 10.0
_CHUNK = 64 * 1024
_LOOPBACK_NAMES = {"localhost"}


class FetchError(Exception):
    """Why a source could not be read: a Swedish message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_address(source: str) -> bool:
    return "://" in source or source.lower().startswith(("javascript:", "data:", "file:"))


def read_source(source: str, timeout: float | None = None) -> bytes:
    """The bytes of a file path or an address; `FetchError` says why not."""
    if is_address(source):
        return fetch(source, TIMEOUT_SECONDS if timeout is None else timeout)
    try:
        with open(source, "rb") as stream:
            return _limited(stream, source, deadline=None)
    except OSError as exc:
        raise FetchError(f"kan inte läsa {source}: {exc.strerror or exc}") from exc


def fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    allowed_address(url)
    handlers: list[urllib.request.BaseHandler] = [_SameHostRedirects(url)]
    if _loopback(urllib.parse.urlsplit(url).hostname or ""):
        handlers.append(urllib.request.ProxyHandler({}))  # this machine: never via a proxy
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": "sluss-import"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as answer:
            _refuse_announced_size(answer.headers, url)
            return _limited(answer, url, deadline, timeout)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} svarade med felkod {exc.code} ({exc.reason})") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _too_slow(url, timeout) from exc
        raise FetchError(f"{url} kunde inte hämtas: {exc.reason}") from exc
    except TimeoutError as exc:
        raise _too_slow(url, timeout) from exc
    except OSError as exc:  # a connection reset, a broken answer
        raise FetchError(f"{url} kunde inte hämtas: {exc}") from exc


def allowed_address(url: str) -> None:
    """Refuse every address but https, and http to this machine (tests serve there)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return
    if parts.scheme == "http" and _loopback(host):
        return
    raise FetchError(f"{url} är ingen https-adress – bara https-adresser hämtas")


def _loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same host, and only to an allowed address."""

    def __init__(self, url: str) -> None:
        self.host = urllib.parse.urlsplit(url).hostname

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).hostname != self.host:
            raise FetchError(f"{req.full_url} skickar vidare till en annan värd ({newurl})")
        allowed_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _refuse_announced_size(headers: Message, where: str) -> None:
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise _too_big(where)


def _limited(
    stream: IO[bytes], where: str, deadline: float | None, timeout: float = TIMEOUT_SECONDS
) -> bytes:
    """At most MAX_BYTES, read in parts so that the time limit holds for the whole."""
    # read1 returns what has arrived; read would wait for a whole part, byte by byte.
    read = getattr(stream, "read1", stream.read)
    parts: list[bytes] = []
    size = 0
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise _too_slow(where, timeout)
        part = read(_CHUNK)
        if not part:
            return b"".join(parts)
        size += len(part)
        if size > MAX_BYTES:
            raise _too_big(where)
        parts.append(part)


def _too_big(where: str) -> FetchError:
    return FetchError(f"{where} är större än {MAX_BYTES // 1_000_000} MB – inget lästes in")


def _too_slow(where: str, timeout: float) -> FetchError:
    return FetchError(f"{where} svarade inte inom {timeout:g} sekunder")
