"""A small file read from disk or from an address, within limits.

`sluss import publiccode` reads a file another organisation publishes. An address is
fetched by the federation's one hostile-by-default GET (`remote_get`): https only
(plain http only on this machine's loopback), one time limit for the whole answer (a
server that answers byte by byte is cut off too), a size limit, and no redirect to
another host, so what is read is what was asked for.
"""

from __future__ import annotations

from typing import IO

from sluss.content.remote_get import GetFailed, Limits, get

MAX_BYTES = 1_000_000
TIMEOUT_SECONDS = 10.0
_CHUNK = 64 * 1024


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
            return _limited(stream, source)
    except OSError as exc:
        raise FetchError(f"kan inte läsa {source}: {exc.strerror or exc}") from exc


def fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    # A person imports from their own machine's server too (and the tests serve there).
    limits = Limits(seconds=timeout, max_bytes=MAX_BYTES, allow_loopback_http=True)
    try:
        return get(url, limits)
    except GetFailed as failed:
        raise FetchError(f"{url}: {failed.reason}") from failed


def _limited(stream: IO[bytes], where: str) -> bytes:
    """At most MAX_BYTES of a file on disk."""
    parts: list[bytes] = []
    size = 0
    while part := stream.read(_CHUNK):
        size += len(part)
        if size > MAX_BYTES:
            raise FetchError(f"{where} är större än {MAX_BYTES // 1_000_000} MB – inget lästes in")
        parts.append(part)
    return b"".join(parts)
