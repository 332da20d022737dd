"""One GET of another portal's file, hostile by default.

The federation reads files that other organisations' servers send, every build. A
server may be down, slow on purpose, huge, or redirect elsewhere; none of that may hang
or fill the build. So, with `http.client` directly (no `urllib` opener, whose time
limit holds per read of the socket, not for the whole answer):

- https only; plain http only to this machine's loopback and only when the caller says
  so (`allow_loopback_http`, which the tests pass and `sluss.yml` cannot);
- one deadline for everything (connecting, the headers, the body): a watchdog shuts the
  socket when it passes, so a server that answers one byte a second is cut off too;
- at most `max_bytes`, read in parts; an announced larger size is refused before reading;
- redirects only to the same host (and scheme rules), at most a few;
- no cookies (nothing stores or sends them), a User-Agent that names sluss;
- the environment's https proxy for other hosts, never for the loopback.
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

USER_AGENT = "sluss-federation/1 (Innovationssluss; +https://github.com/innovationssluss-skaraborg)"
_CHUNK = 64 * 1024
_MAX_REDIRECTS = 3
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Limits:
    seconds: float = 10.0  # for the whole answer, headers and body
    # 5 000 items (remote_items.MAX_ITEMS) of this portal's export average 3.6 KB each:
    # 18 MB; room for longer texts, still a bound on what one file may take.
    max_bytes: int = 25_000_000
    allow_loopback_http: bool = False  # tests only


class GetFailed(Exception):
    """Why a file could not be read: a short Swedish reason, and whether the network
    itself was unreachable (no connection at all), which is said once for all portals."""

    def __init__(self, reason: str, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable


def get(url: str, limits: Limits) -> bytes:
    """The body of a 200 answer to GET `url`; `GetFailed` says why not."""
    deadline = time.monotonic() + limits.seconds
    for _ in range(_MAX_REDIRECTS + 1):
        _refuse_scheme(url, limits)
        location = _get_once(url, limits, deadline)
        if isinstance(location, bytes):
            return location
        target = urllib.parse.urljoin(url, location)
        if _host(target) != _host(url):
            raise GetFailed(f"skickar vidare till en annan värd ({_host(target) or target})")
        url = target
    raise GetFailed(f"skickar vidare fler än {_MAX_REDIRECTS} gånger")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def _refuse_scheme(url: str, limits: Limits) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and limits.allow_loopback_http and is_loopback(_host(url)):
        return
    raise GetFailed("är ingen https-adress – bara https-adresser hämtas")


def _get_once(url: str, limits: Limits, deadline: float) -> bytes | str:
    """The body, or the Location of a redirect."""
    try:
        connection = _connection(url, max(0.01, deadline - time.monotonic()))
    except ValueError as exc:  # a port out of range
        raise GetFailed("är ingen giltig adress") from exc
    watchdog = _Watchdog(connection, deadline)
    try:
        return _exchange(connection, url, limits, deadline)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _failure(exc, limits, deadline) from exc
    finally:
        watchdog.cancel()
        connection.close()


def _failure(exc: Exception, limits: Limits, deadline: float) -> GetFailed:
    if time.monotonic() >= deadline or isinstance(exc, TimeoutError):
        return GetFailed(f"svarade inte inom {limits.seconds:g} s")
    # e.g. a redirect to an address that is not ASCII (a certificate error is both)
    if isinstance(exc, ValueError) and not isinstance(exc, OSError):
        return GetFailed(f"gav ett ogiltigt svar ({type(exc).__name__})")
    unreachable = isinstance(exc, (ConnectionRefusedError, socket.gaierror)) or (
        isinstance(exc, OSError) and exc.errno in _NO_ROUTE
    )
    return GetFailed(f"kunde inte nås ({_reason(exc)})", unreachable)


# No route to the host or no network at all: the machine is offline.
_NO_ROUTE = {errno.ENETUNREACH, errno.EHOSTUNREACH}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "certifikatet godtogs inte"
    if isinstance(exc, socket.gaierror):
        return "namnet finns inte eller inget nät"
    if isinstance(exc, ConnectionRefusedError):
        return "anslutningen nekades"
    return type(exc).__name__


def _exchange(
    connection: http.client.HTTPConnection, url: str, limits: Limits, deadline: float
) -> bytes | str:
    parts = urllib.parse.urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # No Accept-Encoding: a compressed answer could grow past the size limit unseen.
    connection.request(
        "GET", path, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    answer = connection.getresponse()
    if answer.status in _REDIRECTS:
        location = answer.getheader("Location", "")
        if not location:
            raise GetFailed(f"skickar vidare utan adress (felkod {answer.status})")
        return location
    if answer.status != 200:
        raise GetFailed(f"svarade med felkod {answer.status}")
    length = answer.getheader("Content-Length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        raise _too_big(limits)
    return _body(answer, limits, deadline)


def _body(answer: http.client.HTTPResponse, limits: Limits, deadline: float) -> bytes:
    """At most `max_bytes`; read1 returns what has arrived, so the deadline is checked
    between parts however slowly they come."""
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() >= deadline:
            raise GetFailed(f"svarade inte inom {limits.seconds:g} s")
        part = answer.read1(_CHUNK)
        if not part:
            if time.monotonic() >= deadline:  # the watchdog closed it: not the whole file
                raise GetFailed(f"svarade inte inom {limits.seconds:g} s")
            return b"".join(parts)
        size += len(part)
        if size > limits.max_bytes:
            raise _too_big(limits)
        parts.append(part)


def _too_big(limits: Limits) -> GetFailed:
    return GetFailed(f"filen är större än {limits.max_bytes / 1_000_000:g} MB")


def _connection(url: str, seconds: float) -> http.client.HTTPConnection:
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "", parts.port
    if parts.scheme == "http":  # only the loopback gets here: never via a proxy
        return http.client.HTTPConnection(host, port, timeout=seconds)
    context = ssl.create_default_context()
    proxy = _proxy(host)
    if proxy is None:
        return http.client.HTTPSConnection(host, port, timeout=seconds, context=context)
    connection = http.client.HTTPSConnection(
        proxy.hostname or "", proxy.port or 8080, timeout=seconds, context=context
    )
    connection.set_tunnel(host, port or 443)
    return connection


def _proxy(host: str) -> urllib.parse.SplitResult | None:
    """The environment's proxy for https (a municipality's network often needs one)."""
    if is_loopback(host) or urllib.request.proxy_bypass(host):
        return None
    address = urllib.request.getproxies().get("https", "")
    return urllib.parse.urlsplit(address) if address else None


class _Watchdog:
    """At the deadline, shut the connection's socket: that wakes the thread blocked
    reading it, however slowly the server sends. While the socket is still being
    connected (its own time limit holds then), look again shortly."""

    def __init__(self, connection: http.client.HTTPConnection, deadline: float) -> None:
        self.connection = connection
        self.cancelled = threading.Event()
        self.timer: threading.Timer | None = None
        self._schedule(max(0.0, deadline - time.monotonic()))

    def _schedule(self, seconds: float) -> None:
        self.timer = threading.Timer(seconds, self._cut)
        self.timer.daemon = True
        self.timer.start()

    def _cut(self) -> None:
        if self.cancelled.is_set():
            return
        sock = self.connection.sock
        if sock is None:
            self._schedule(0.05)
            return
        with contextlib.suppress(OSError):  # closed already
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self.cancelled.set()
        if self.timer is not None:
            self.timer.cancel()  # no thread left waiting for a deadline that is moot
