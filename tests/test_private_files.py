"""On a shared computer, what coffeechat keeps is its owner's alone: after `coffeechat serve`
starts, whatever the umask it was started with, the data folder is 0700 and every file in it
(the database and its WAL, the secret key, uploads) 0600, files left readable by an older
version included. And the real server answers HEAD without a body."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_cli import command_env, fetch, free_port


def _loose_umask() -> None:
    os.umask(0o022)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("private") / "data"
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    # What an older version, or a copy made with another umask, left behind.
    uploads = data_dir / "uploads" / "imports"
    uploads.mkdir(parents=True)
    os.chmod(data_dir / "uploads", 0o755)
    os.chmod(uploads, 0o755)
    left = uploads / "0123abcd.csv"
    left.write_text("First Name,Last Name\nAda,Lovelace\n")
    os.chmod(left, 0o644)
    port = free_port()
    log = data_dir.parent / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "coffeechat", "serve", "--no-browser", "--port", str(port)],
            env=command_env(data_dir),
            cwd=data_dir.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_loose_umask,  # the umask a careless shell would give
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            with contextlib.suppress(OSError):
                status = fetch(base + "/accounts/login/")[0]
                if status == 200:
                    break
            time.sleep(0.1)
        assert status == 200, log.read_text()
        yield {"data_dir": data_dir, "port": port}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_the_data_folder_and_everything_in_it_is_the_owners_alone(served):
    data_dir = served["data_dir"]
    assert _mode(data_dir) == 0o700
    seen = []
    for root, folders, files in os.walk(data_dir):
        for name in folders:
            assert _mode(Path(root, name)) & 0o077 == 0, Path(root, name)
        for name in files:
            path = Path(root, name)
            seen.append(path.name)
            assert _mode(path) & 0o077 == 0, f"{path} is {oct(_mode(path))}"
    for expected in ("coffeechat.sqlite3", "coffeechat.sqlite3-wal", "secret_key", "0123abcd.csv"):
        assert expected in seen
    assert _mode(data_dir / "coffeechat.sqlite3") == 0o600


def test_head_has_no_body_so_the_next_response_on_the_connection_is_read_right(served):
    request = (
        "HEAD /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        "GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", served["port"]), timeout=10) as sock:
        sock.sendall(request.encode())
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, rest = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert int(_header(head, b"content-length")) > 0  # the length GET's body would have
    assert rest.startswith(b"HTTP/1.1 200"), rest[:80]
    assert b"private" in _header(head, b"cache-control")


def _header(block: bytes, name: bytes) -> bytes:
    for line in block.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return b""
