"""Servers on 127.0.0.1 that misbehave on purpose, for the tests of everything that reads
from the network (the federation, `sluss import publiccode`). A test subclasses
`RoutedHandler` with its own `routes` (path → answer) and builds the answers from the
pieces below: a body, silence, a byte at a time, a redirect.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
import time
from collections.abc import Callable
from typing import ClassVar

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


class RoutedHandler(http.server.BaseHTTPRequestHandler):
    """Each path's answer from `routes` (a subclass's own), 404 for any other; silent."""

    routes: ClassVar[dict[str, Answer]] = {}

    def do_GET(self) -> None:  # the name http.server calls
        answer = self.routes.get(self.path)
        if answer is None:
            self.send_error(404)
        else:
            answer(self)

    def log_message(self, *args: object) -> None:
        pass


def start(handler: type[RoutedHandler]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A server on a free loopback port, answering in threads; and its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def stop(httpd: http.server.ThreadingHTTPServer) -> None:
    httpd.shutdown()
    httpd.server_close()


def send(body: bytes, status: int = 200, length: bool = True) -> Answer:
    def answer(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        if length:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return answer


def send_json(data: object) -> Answer:
    return send(json.dumps(data).encode())


def sleep_then(answer: Answer, seconds: float = 2) -> Answer:
    def slow(h: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # the client gave up, as it should
            answer(h)

    return slow


def trickle(body: bytes, headers_too: bool = False) -> Answer:
    """One byte every 50 ms: never silent long enough for a per-read time limit."""

    def answer(h: http.server.BaseHTTPRequestHandler) -> None:
        head = f"HTTP/1.0 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        data = head + body if headers_too else body
        if not headers_too:
            h.wfile.write(head)
        try:
            for byte in data:
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    return answer


def redirect(location: str) -> Answer:
    def answer(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return answer
