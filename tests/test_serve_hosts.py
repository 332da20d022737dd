"""`sluss serve` answers only requests for 127.0.0.1 and localhost at its port (a page
on another site cannot reach it through DNS rebinding), and a bad path is a 404."""

from __future__ import annotations

import http.client
import os
import signal
from pathlib import Path

import pytest

from support import copy_portal, fetch, free_port, start_sluss, wait_for


def request(port: int, path: str, host: str) -> tuple[int, str]:
    """A raw GET with exactly this `Host:` header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_local_host_names_only_this_machine_at_its_port() -> None:
    from sluss.build.preview import local_host

    for host in ("127.0.0.1:8000", "localhost:8000", "LocalHost:8000", "[::1]:8000"):
        assert local_host(host, 8000), host
    for host in (
        "",
        "127.0.0.1",
        "localhost",
        "[::1]",
        "127.0.0.1:8001",
        "evil.example:8000",
        "localhost.evil.example:8000",
        "127.0.0.1.nip.io:8000",
        "localhost:8000:8000",
        "user@localhost:8000",
    ):
        assert not local_host(host, 8000), host
    assert local_host("localhost", 80) and local_host("[::1]", 80)


@pytest.mark.slow  # the preview builds the whole site first
def test_serve_refuses_other_hosts_and_answers_bad_paths_404(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "repo")
    port = free_port()
    process = start_sluss("serve", "--port", str(port), cwd=root)
    try:
        home = f"http://127.0.0.1:{port}/portal/"
        assert wait_for(lambda: "<html" in fetch(home), 120), "the preview never came up"
        assert request(port, "/portal/", f"localhost:{port}")[0] == 200
        for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", ""):
            status, text = request(port, "/portal/", host)
            assert status == 421, host
            assert "svarar bara på 127.0.0.1 och localhost" in text
            assert "<html" not in text
        assert request(port, "/livereload/1/1", "rebind.example")[0] == 421
        for path in ("/%00/", "/portal/%00/", "/portal/slussen/%00.html"):
            assert request(port, path, f"127.0.0.1:{port}")[0] == 404, path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "Traceback" not in output
