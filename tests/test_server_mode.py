"""A career center's server: behind a TLS proxy, scheme and client address come from it."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.test_cli import command_env, fetch, free_port

HOST = "cc.example.edu"
SERVER_ENV = {
    "COFFEECHAT_MODE": "server",
    "COFFEECHAT_ALLOWED_HOSTS": HOST,
    "COFFEECHAT_SECRET_KEY": "k" * 64,
    "COFFEECHAT_BEHIND_PROXY": "true",
}


@pytest.fixture
def proxied_server(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "coffeechat", "serve", "--no-browser", "--port", str(port)],
        env=command_env(tmp_path, **SERVER_ENV),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                fetch(base + "/accounts/login/", {"Host": HOST})
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stdout.read())
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start within 30 seconds")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_requests_the_proxy_marks_as_https_are_served(proxied_server):
    status, _, body = fetch(
        proxied_server + "/accounts/login/", {"Host": HOST, "X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert "Log in" in body


def test_plain_http_is_redirected_to_https(proxied_server):
    status, headers, _ = fetch(proxied_server + "/accounts/login/", {"Host": HOST})
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/accounts/login/"
