"""The `coffeechat` command, as a person runs it.

`--version` and `--help` run in-process with click's CliRunner (they must not set up Django).
Everything else runs the installed command in a subprocess with its own data folder, so each
test sees exactly what a user would: the exit code, stdout, stderr and the files left behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import coffeechat
from coffeechat.cli import cli

TIMEOUT = 60  # seconds; a fresh migrate takes a few, nothing should come close to this
OWNER = "marisol.quintero"  # the local owner's name comes from the login name
LINK_RE = re.compile(r"http://127\.0\.0\.1:(\d+)/accounts/link/\?token=([\w-]{20,})")
PASSWORD = "hunter2secret"
GARBAGE = b"This is not an SQLite database, it is someone's notes.\n" * 64


# --- helpers ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The test run's environment without coffeechat/Django settings, plus a fresh data dir."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COFFEECHAT_", "DJANGO_"))
        and key not in ("DATABASE_URL", "REDIS_URL", "PYTHONPATH")
    }
    env.update(
        COFFEECHAT_DATA_DIR=str(data_dir),
        LOGNAME=OWNER,
        USER=OWNER,
        PYTHONUNBUFFERED="1",
        BROWSER="true",  # should a browser ever be opened, open nothing
    )
    env.update(extra)
    return env


def run(
    data_dir: Path, *args: str, timeout: float = TIMEOUT, cwd: Path | None = None, **extra: str
):
    return subprocess.run(
        [sys.executable, "-m", "coffeechat", *args],
        env=command_env(data_dir, **extra),
        cwd=cwd or data_dir,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_python(data_dir: Path, code: str) -> str:
    """What a Python snippet prints, run as a command's own process would be (a fresh data
    folder, none of the test run's settings)."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env=command_env(data_dir),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    ).stdout


def assert_one_clear_sentence(result, *phrases: str) -> None:
    """A failure a person can act on: non-zero exit, one line on stderr, no traceback."""
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    for phrase in phrases:
        assert phrase in lines[0], result.stderr


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict[str, str] | None = None):
    """(status, headers, body) without following redirects; error statuses are returned too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read().decode()


def session_cookie(headers) -> str:
    for header in headers.get_all("Set-Cookie") or []:
        name_value = header.split(";", 1)[0]
        if name_value.startswith("coffeechat_session="):
            return header
    raise AssertionError(f"no coffeechat_session cookie in {headers.get_all('Set-Cookie')}")


# --- in-process: no Django ----------------------------------------------------------------


def test_version_prints_the_package_version():
    result = CliRunner().invoke(cli, ["--version"], prog_name="coffeechat")
    assert result.exit_code == 0
    assert result.output.strip() == f"coffeechat, version {coffeechat.__version__}"


def test_help_lists_the_commands():
    result = CliRunner().invoke(cli, ["--help"], prog_name="coffeechat")
    assert result.exit_code == 0
    for command in ("serve", "manage", "login-link"):
        assert command in result.output


def test_version_and_help_work_even_when_the_configuration_is_broken(tmp_path):
    """They must not read settings: a broken data folder or URL cannot stop them."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for args in (["--version"], ["--help"]):
        result = run(
            blocker / "data",
            *args,
            cwd=tmp_path,
            DATABASE_URL="mysql://x/y",
            COFFEECHAT_MODE="bad",
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    assert coffeechat.__version__ in run(tmp_path, "--version").stdout


# --- serve: the happy path ----------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One real `coffeechat serve`, shared by the tests that talk to it; always stopped."""
    data_dir = tmp_path_factory.mktemp("served")
    port = free_port()
    out_path, err_path = data_dir / "stdout.txt", data_dir / "stderr.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "coffeechat", "serve", "--no-browser", "--port", str(port)],
            env=command_env(data_dir),
            cwd=data_dir,
            stdout=out,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        status = None
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            with contextlib.suppress(OSError):
                status = fetch(base + "/accounts/login/")[0]
                if status == 200:
                    break
            time.sleep(0.1)
        assert status == 200, (
            f"server did not answer 200 within 20 s (last {status}, exit {proc.poll()}):\n"
            + out_path.read_text()
            + err_path.read_text()
        )
        yield {
            "base": base,
            "port": port,
            "data_dir": data_dir,
            "stdout": out_path.read_text(),
            "stderr_path": err_path,
        }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_serve_prints_where_it_runs_and_a_login_link(server):
    stdout = server["stdout"]
    assert f"is running at {server['base']}/" in stdout
    assert str(server["data_dir"]) in stdout
    match = LINK_RE.search(stdout)
    assert match, stdout
    assert int(match.group(1)) == server["port"]
    assert "Traceback" not in server["stderr_path"].read_text()


def test_serve_login_link_logs_in_once(server):
    base = server["base"]
    match = LINK_RE.search(server["stdout"])
    assert match, server["stdout"]
    link = match.group(0)

    # Not logged in yet: the home page sends you to the login page.
    status, headers, _ = fetch(base + "/")
    assert status == 302
    assert "/accounts/login/" in headers["Location"]

    status, headers, _ = fetch(link)
    assert status == 302
    assert headers["Location"] == "/"
    cookie = session_cookie(headers)
    assert "httponly" in cookie.lower()
    assert headers["Referrer-Policy"] == "no-referrer"

    # The same link a second time does nothing but refuse.
    status, _, _ = fetch(link)
    assert status == 403

    status, _, body = fetch(base + "/", {"Cookie": cookie.split(";", 1)[0]})
    assert status == 200
    assert OWNER in body


def test_serve_refuses_other_host_names(server):
    login = server["base"] + "/accounts/login/"
    assert fetch(login, {"Host": "evil.example"})[0] == 400
    assert fetch(login, {"Host": f"evil.example:{server['port']}"})[0] == 400
    assert fetch(login, {"Host": f"localhost:{server['port']}"})[0] == 200


def test_login_link_command_prints_a_link_that_works_on_the_running_server(server):
    result = run(server["data_dir"], "login-link", "--port", str(server["port"]))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    match = LINK_RE.fullmatch(result.stdout.strip())
    assert match, result.stdout
    assert int(match.group(1)) == server["port"]
    assert match.group(0) not in server["stdout"]  # a new token, not the printed one

    status, headers, _ = fetch(match.group(0))
    assert status == 302
    cookie = session_cookie(headers).split(";", 1)[0]
    status, _, body = fetch(server["base"] + "/", {"Cookie": cookie})
    assert status == 200
    assert OWNER in body


# --- serve: refusals ----------------------------------------------------------------------


def test_serve_on_a_port_in_use_says_so_quickly(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = run(tmp_path, "serve", "--no-browser", "--port", str(port), timeout=20)
        elapsed = time.monotonic() - started
    assert_one_clear_sentence(result, "already in use", str(port))
    assert elapsed < 15


def test_serve_on_all_interfaces_is_refused_in_local_mode(tmp_path):
    port = free_port()
    result = run(tmp_path, "serve", "--no-browser", "--host", "0.0.0.0", "--port", str(port))
    assert_one_clear_sentence(result, "local mode", "0.0.0.0", "COFFEECHAT_MODE=server")
    # Nothing was started: the port is still free.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("0.0.0.0", port))


# --- configuration and database errors ----------------------------------------------------


def _serve_args() -> list[str]:
    return ["serve", "--no-browser", "--port", str(free_port())]


@pytest.mark.parametrize("url", ["mysql://x/y", f"postgres://u:{PASSWORD}@h:notaport/db"])
@pytest.mark.parametrize("command", ["serve", "manage check"])
def test_malformed_database_url_is_one_sentence_without_the_password(tmp_path, url, command):
    args = _serve_args() if command == "serve" else command.split()
    result = run(tmp_path, *args, DATABASE_URL=url)
    assert_one_clear_sentence(result, "DATABASE_URL")
    assert PASSWORD not in result.stderr + result.stdout
    assert not (tmp_path / "coffeechat.sqlite3").exists()


@pytest.mark.parametrize("command", ["serve", "manage check"])
def test_database_that_does_not_answer_is_reported_plainly(tmp_path, command):
    args = _serve_args() if command == "serve" else command.split()
    result = run(tmp_path, *args, DATABASE_URL="postgres://postgres@127.0.0.1:1/nothing")
    assert_one_clear_sentence(result, "cannot be opened", "'nothing'", "127.0.0.1:1")


@pytest.mark.parametrize("command", ["serve", "manage migrate", "login-link"])
def test_sqlite_file_that_is_not_a_database_is_reported_and_left_untouched(tmp_path, command):
    db_file = tmp_path / "coffeechat.sqlite3"
    db_file.write_bytes(GARBAGE)
    args = _serve_args() if command == "serve" else command.split()
    result = run(tmp_path, *args)
    assert_one_clear_sentence(result, "cannot be opened", str(db_file))
    assert db_file.read_bytes() == GARBAGE


# --- manage and the data folder -----------------------------------------------------------


def test_manage_check_passes_and_keeps_the_secret_key_private(tmp_path):
    result = run(tmp_path, "manage", "check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text()
    assert len(key.strip()) >= 50

    # A second run keeps the same key (sessions and login links survive restarts).
    assert run(tmp_path, "manage", "check").returncode == 0
    assert key_file.read_text() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_manage_migrate_then_showmigrations_and_wal(tmp_path):
    migrate = run(tmp_path, "manage", "migrate")
    assert migrate.returncode == 0, migrate.stderr
    assert "Applying accounts." in migrate.stdout

    shown = run(tmp_path, "manage", "showmigrations")
    assert shown.returncode == 0, shown.stderr
    assert re.search(r"^accounts$", shown.stdout, re.MULTILINE), shown.stdout
    assert re.search(r"^ \[X\] 0001_initial$", shown.stdout, re.MULTILINE), shown.stdout
    assert "[ ]" not in shown.stdout  # everything was applied

    db_file = tmp_path / "coffeechat.sqlite3"
    with contextlib.closing(sqlite3.connect(db_file)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_login_link_prints_a_link_with_a_token(tmp_path):
    result = run(tmp_path, "login-link", "--port", "8123")
    assert result.returncode == 0, result.stderr
    match = LINK_RE.fullmatch(result.stdout.strip())
    assert match, result.stdout
    assert match.group(1) == "8123"
    # A second call gives a different one-time token.
    again = LINK_RE.fullmatch(run(tmp_path, "login-link", "--port", "8123").stdout.strip())
    assert again, "second login-link printed no link"
    assert again.group(2) != match.group(2)


def test_serve_stopped_by_a_service_manager_says_so_and_exits_cleanly(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "coffeechat", "serve", "--no-browser", "--port", str(port)],
        env=command_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline and proc.poll() is None and status != 200:
            with contextlib.suppress(OSError):
                status = fetch(f"http://127.0.0.1:{port}/accounts/login/")[0]
            time.sleep(0.1)
        assert status == 200, f"server did not answer within 30 s (exit {proc.poll()})"
        proc.terminate()  # SIGTERM, as systemd stops a service
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert out.rstrip().endswith("Stopped."), out
    assert "Traceback" not in err, err
