"""What the benchmarks share to set up and run coffeechat: a fresh data folder's environment, a
PostgreSQL database made and dropped for one run, `coffeechat serve` as a child process on a
free port of 127.0.0.1 (and never another address), and small measuring helpers.

Used by bench/run.py, bench/load_smoke.py and bench/load.py.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from http_session import HOST, Browser, coffeechat_command

PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")
SERVER_PROBLEMS = re.compile(r"Traceback|ERROR|Internal Server Error|Task queue depth|Exception")


# --- Environment and databases ----------------------------------------------------------------


def postgres_url(database: str) -> str:
    """The URL of a database on the server BENCH_POSTGRES_ADMIN points to."""
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database


def reset_postgres(database: str, drop_only: bool = False) -> bool:
    """Drop the database (closing its connections) and, unless drop_only, create it empty.
    False when PostgreSQL cannot be reached."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            if not drop_only:
                conn.execute(f"CREATE DATABASE {database}")
        return True
    except Exception:  # any failure means: no PostgreSQL here, skip it
        return False


def base_env(data_dir: str) -> dict:
    """The caller's environment without coffeechat's settings, then a fresh data folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COFFEECHAT_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env["COFFEECHAT_DATA_DIR"] = data_dir
    env["DJANGO_SETTINGS_MODULE"] = "coffeechat.settings"  # never a test settings module
    return env


def server_mode_env(env: dict) -> dict:
    """Server mode on loopback: 127.0.0.1 the only host, a random secret key, plain HTTP (no
    redirect to HTTPS, no Secure cookies, since nothing here terminates TLS)."""
    return {
        **env,
        "COFFEECHAT_MODE": "server",
        "COFFEECHAT_ALLOWED_HOSTS": HOST,
        "COFFEECHAT_HTTPS": "false",
        "COFFEECHAT_SECRET_KEY": secrets.token_urlsafe(64),
    }


# --- The server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """`coffeechat serve` as a child process on 127.0.0.1; its output goes to a log file."""

    def __init__(
        self,
        env: dict,
        port: int,
        threads: int,
        log_path: Path,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.env, self.port, self.threads, self.log_path = env, port, threads, log_path
        self.extra_args = tuple(extra_args)
        self.process: subprocess.Popen | None = None

    def start(self, ready_within: float = 180.0) -> None:
        command = [*coffeechat_command(), "serve", "--host", HOST, "--port", str(self.port)]
        command += ["--no-browser", "--threads", str(self.threads), *self.extra_args]
        with open(self.log_path, "wb") as log_file:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log_file, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited at once:\n{self.log_tail()}")
            probe = Browser(self.port, timeout=30)
            try:
                if probe.get("/accounts/login/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.25)  # not listening yet
            finally:
                probe.close()
        raise RuntimeError(f"the server did not answer within {ready_within:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # serve stops cleanly on Ctrl+C; then harder, by this process's own id only
        for stop, grace in ((signal.SIGINT, 15), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            self.process.send_signal(stop)
            try:
                self.process.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue

    def rss_mb(self) -> float | None:
        return rss_mb(self.process.pid)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.process.pid)

    def workers(self) -> list[int]:
        """The processes serve started: its background worker (`coffeechat worker`)."""
        found = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            found += [int(pid) for pid in task.read_text().split()]
        return found

    def log_mark(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def problems_since(self, mark: int) -> list[str]:
        """Lines of the server's log since mark that name an error or a full task queue."""
        with open(self.log_path, "rb") as log_file:
            log_file.seek(mark)
            text = log_file.read().decode("utf-8", "replace")
        return [line for line in text.splitlines() if SERVER_PROBLEMS.search(line)]

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text("utf-8", "replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory now (VmRSS), or the most the process has held (VmHWM), in MB."""
    try:
        found = re.search(rf"{field}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return None
    return round(int(found.group(1)) / 1024, 1) if found else None


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- Measuring and reporting ------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float | None:
    """Nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(len(ordered) * share) - 1)], 1)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())
