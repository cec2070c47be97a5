"""The `coffeechat` command: serve the app, pass commands through to Django, print login links.

Django is imported lazily so `--help` and `--version` stay fast, and configuration errors
become one clear sentence instead of a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import os
import signal
import subprocess
import sys
import threading
import time

import click

from coffeechat import __version__
from coffeechat.config import LOOPBACK_HOSTS, ConfigError
from coffeechat.core.cli_support import (
    EXIT_CONFIG,
    EXIT_UNAVAILABLE,
    UserFacingError,
    check_database,
    exit_codes_help,
    migrate,
    setup_django,
)
from coffeechat.core.faults import machine_fault
from coffeechat.core.private_files import private_umask


def base_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


class LazyGroup(click.Group):
    """A group whose domain commands are imported when one of them is run or listed, so each
    command pays only for its own imports (`today` never loads the etiquette rules)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}

    def add_lazy_command(self, name: str, target: str) -> None:
        """target is "module:attribute", imported on first use."""
        self.lazy_commands[name] = target

    def list_commands(self, ctx) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx, name: str):
        if name not in self.commands and name in self.lazy_commands:
            module, attribute = self.lazy_commands[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=exit_codes_help(),
)
@click.version_option(__version__, "--version", prog_name="coffeechat")
def cli() -> None:
    """coffeechat: a private workspace for informational interviews."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-browser", is_flag=True, help="Do not open a web browser.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--no-worker",
    is_flag=True,
    help="Do not start the background worker (run `coffeechat worker` yourself).",
)
def serve(host: str, port: int, no_browser: bool, threads: int, no_worker: bool) -> None:
    """Bring the database up to date and run coffeechat's web server."""
    setup_django()
    from django.conf import settings

    if settings.LOCAL_MODE and host.strip("[]") not in LOOPBACK_HOSTS:
        raise UserFacingError(
            f"In local mode coffeechat only listens on this computer (127.0.0.1), not {host}; "
            "set COFFEECHAT_MODE=server to serve other people."
        )
    server = bind_server(host, port, threads)
    check_database()
    migrate()
    tidy_data_folder()
    url = base_url(host, port)
    click.echo(f"coffeechat {__version__} is running at {url}/ (press Ctrl+C to stop)")
    click.echo(f"Your data is in {settings.DATA_DIR}")
    if settings.LOCAL_MODE:
        link = url + issue_login_link()
        click.echo(f"Open this link to log in (it works once, for the next hour):\n  {link}")
        if not no_browser:
            import webbrowser

            webbrowser.open(link)
    background = None if no_worker else start_worker()
    signal.signal(signal.SIGTERM, _stop_on_terminate)  # a service manager's stop: tidy up too
    freeze_startup_objects()
    try:
        # Returns on Ctrl+C or a service manager's stop: waitress takes the KeyboardInterrupt
        # itself, unless it comes before or after its loop.
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        stop_worker(background)
    click.echo("Stopped.")


@cli.command()
@click.option("--once", is_flag=True, help="Run the work waiting now, then stop.")
@click.option(
    "--interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0.1, 60),
    help="Seconds between looks for new work.",
)
@click.option("--parent", type=int, default=0, hidden=True)
def worker(once: bool, interval: float, parent: int) -> None:
    """Run background work, such as imports of thousands of contacts. `coffeechat serve`
    starts one beside itself; on a server with several web processes, run one or more."""
    if parent:
        _stop_with_parent(parent)
    setup_django()
    check_database()
    migrate()
    from django.core.management import call_command

    from coffeechat.people.import_tasks import requeue_orphans

    requeue_orphans()
    call_command("db_worker", batch=once, interval=interval, startup_delay=False, verbosity=0)


def freeze_startup_objects() -> None:
    """Load every view now, then keep what start-up made out of the garbage collector's
    sight: a full collection then walks the objects requests make, ~10 ms, instead of all
    ~120,000 of Django and the app, ~45 ms that stalled every thread's request."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — imports every view module
    gc.collect()
    gc.freeze()


def tidy_data_folder() -> None:
    """What a killed command or an abandoned upload left: work folders of a backup or restore
    stopped half-way, and uploaded files nobody confirmed within a day."""
    from django.conf import settings

    from coffeechat.exports.backup import remove_stale_work_folders
    from coffeechat.people.import_files import expire_pending

    remove_stale_work_folders(settings.DATA_DIR)
    expire_pending()


def _stop_with_parent(parent: int) -> None:
    """A worker started by `serve` stops when serve is gone, however it ended (even killed):
    it finishes the task in hand and exits, instead of running on unseen."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def start_worker() -> subprocess.Popen | None:
    """`coffeechat worker` in a process of its own beside the web server, so a long import
    neither waits for nor slows the pages (Python runs one thread at a time per process)."""
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "coffeechat", "worker", "--parent", str(os.getpid())],
            stdin=subprocess.DEVNULL,
        )
    except OSError as exc:
        click.echo(f"Background work will wait: the worker did not start ({exc}).", err=True)
        return None


def stop_worker(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _stop_on_terminate(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once is enough; let the tidying finish
    raise KeyboardInterrupt


def bind_server(host: str, port: int, threads: int):
    from django.conf import settings
    from waitress import create_server

    from coffeechat.core.request_guard import body_limit
    from coffeechat.wsgi import application

    proxy = {}
    if settings.BEHIND_PROXY:
        proxy = {
            "trusted_proxy": settings.TRUSTED_PROXY,
            "trusted_proxy_count": settings.PROXY_COUNT,
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
        }
    try:
        return create_server(
            application,
            host=host.strip("[]"),
            port=port,
            threads=threads,
            ident="coffeechat",
            clear_untrusted_proxy_headers=True,
            # Bodies larger than this are refused before the app is called; the app refuses
            # smaller ones over its own limit with a page in words.
            max_request_body_size=2 * body_limit(),
            **proxy,
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserFacingError(
                f"Port {port} on {host} is already in use; stop the other program "
                f"or choose another port with --port.",
                exit_code=EXIT_UNAVAILABLE,
            ) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise UserFacingError(
                f"Not allowed to listen on port {port}; choose a port above 1023 with --port.",
                exit_code=EXIT_UNAVAILABLE,
            ) from None
        raise UserFacingError(
            f"Cannot listen on {host}:{port}: {exc.strerror or exc}.", exit_code=EXIT_UNAVAILABLE
        ) from None


def issue_login_link() -> str:
    from coffeechat.accounts.local import ensure_owner, login_link_path

    return login_link_path(ensure_owner())


@cli.command("login-link")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def login_link(host: str, port: int) -> None:
    """Print a new one-time login link for the local owner."""
    setup_django()
    from django.conf import settings

    if not settings.LOCAL_MODE:
        raise UserFacingError(
            "Login links are for local mode; on a server, log in with a password."
        )
    check_database()
    migrate()
    click.echo(base_url(host, port) + issue_login_link())


@cli.command(
    context_settings={
        "ignore_unknown_options": True,
        "allow_extra_args": True,
        "help_option_names": [],
    }
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command, for example: coffeechat manage createsuperuser."""
    setup_django()
    if args and args[0] not in ("help", "--help", "-h", "version", "--version"):
        check_database()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["coffeechat manage", *args])


def _add_domain_commands() -> None:
    cli.add_lazy_command("import", "coffeechat.people.commands:import_command")
    cli.add_lazy_command("export", "coffeechat.exports.commands:export")
    cli.add_lazy_command("lint", "coffeechat.outreach.lint_command:lint")
    cli.add_lazy_command("draft", "coffeechat.outreach.draft_commands:draft")
    cli.add_lazy_command("today", "coffeechat.today.commands:today_command")
    cli.add_lazy_command("backup", "coffeechat.exports.backup_commands:backup")
    cli.add_lazy_command("restore", "coffeechat.exports.backup_commands:restore")
    cli.add_lazy_command("sample-data", "coffeechat.sample_data.commands:sample_data_command")
    cli.add_lazy_command("center-admin", "coffeechat.center.commands:center_admin_command")


_add_domain_commands()


def main() -> None:
    private_umask()  # before the data folder, the database or any upload is created
    try:
        cli(prog_name="coffeechat")
    except ConfigError as exc:  # raised while reading settings outside setup_django
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_CONFIG)
    except Exception as exc:
        # Faults of the machine, from any command: one sentence, nothing half-written (every
        # command writes in one transaction, files through a temporary name).
        sentence = machine_fault(exc)
        if sentence is None:
            raise
        click.echo(f"Error: {sentence}", err=True)
        sys.exit(EXIT_UNAVAILABLE)
    finally:
        let_go()


def let_go() -> None:
    """The process is ending: close the database connections now (SQLite folds its log back
    into the file, PostgreSQL ends the session cleanly), then leave the objects the command
    made to the operating system, which takes back the memory at once, instead of having
    Python free them one by one: 70-80 ms of every command, a sixth of `coffeechat today`."""
    if "django.db" in sys.modules:  # only a command that started Django has connections
        from django.conf import settings
        from django.db import DatabaseError, connections

        if settings.configured:
            with contextlib.suppress(DatabaseError):  # a server gone away: nothing to close
                connections.close_all()
    gc.freeze()
