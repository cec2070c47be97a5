"""Reads coffeechat's configuration from the environment, without importing Django.

Each helper parses one value and raises ConfigError with a sentence a person can act on;
settings.py composes them, and the CLI prints the sentence instead of a traceback.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

LOCAL = "local"
SERVER = "server"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
SUPPORTED_DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A configuration value that cannot be used; str() is the sentence shown to the user."""


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}.")


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] = os.environ,
    minimum: int | None = None,
) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name, "")
    return [part.strip() for part in raw.split(",") if part.strip()]


def mode(environ: Mapping[str, str] = os.environ) -> str:
    value = environ.get("COFFEECHAT_MODE", LOCAL).strip().lower() or LOCAL
    if value not in (LOCAL, SERVER):
        raise ConfigError(f"COFFEECHAT_MODE must be 'local' or 'server', not {value!r}.")
    return value


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The folder that holds the SQLite database, the secret key and uploads."""
    override = environ.get("COFFEECHAT_DATA_DIR", "").strip()
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("coffeechat", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"The data folder {path} cannot be created ({exc.strerror or exc})."
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigError(f"The data folder {path} is not writable.")
    return path


def secret_key(folder: Path, environ: Mapping[str, str] = os.environ) -> str:
    """Use DJANGO_SECRET_KEY when given; otherwise create one once, readable by the owner only."""
    given = environ.get("COFFEECHAT_SECRET_KEY") or environ.get("DJANGO_SECRET_KEY")
    if given:
        if len(given) < 50:
            raise ConfigError("COFFEECHAT_SECRET_KEY must be at least 50 characters long.")
        return given
    key_file = folder / "secret_key"
    try:
        # O_EXCL makes creation atomic: two processes starting at once never overwrite.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise ConfigError(f"The secret key file {key_file} cannot be written ({exc}).") from None
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    try:
        mode_bits = stat.S_IMODE(key_file.stat().st_mode)
        if mode_bits & 0o077:
            os.chmod(key_file, 0o600)
        key = key_file.read_text().strip()
    except OSError as exc:
        raise ConfigError(f"The secret key file {key_file} cannot be read ({exc}).") from None
    if len(key) < 50:
        raise ConfigError(
            f"The secret key file {key_file} is damaged; delete it to make a new one."
        )
    return key


def sqlite_database(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA temp_store=MEMORY;"
                "PRAGMA mmap_size=134217728;"
                "PRAGMA cache_size=-20000;"
            ),
        },
        "TEST": {"NAME": None},
    }


def database(folder: Path, environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """DATABASE_URL when set (PostgreSQL or SQLite), otherwise SQLite in the data folder."""
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        return sqlite_database(folder / "coffeechat.sqlite3")
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ConfigError(
            f"DATABASE_URL must start with postgres:// or sqlite:///, not {_redact(url)!r}."
        )
    if scheme == "sqlite":
        parts = urlsplit(url)
        name = parts.path[1:] if parts.path.startswith("/") else parts.path
        if not name or name == ":memory:":
            raise ConfigError(
                "DATABASE_URL for SQLite must name a file, like sqlite:////path/db.sqlite3."
            )
        return sqlite_database(Path(name))
    import dj_database_url

    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError:
        # The parser's own message can quote part of the password, so it is not repeated.
        raise ConfigError(
            f"DATABASE_URL is malformed: {_redact(url)!r}; it should look like "
            "postgres://user:password@host:5432/database (percent-encode / # @ in a password)."
        ) from None
    if not config.get("NAME"):
        raise ConfigError(
            f"DATABASE_URL must name a database, like postgres://user@host:5432/coffeechat; "
            f"got {_redact(url)!r}."
        )
    config["ENGINE"] = "django.db.backends.postgresql"
    config.setdefault("OPTIONS", {})
    config["OPTIONS"].setdefault("connect_timeout", 5)
    return config


def _redact(url: str) -> str:
    """Hide the password of a URL before echoing it back, even in a URL that does not parse:
    everything between the first ':' after '://' and the last '@' is replaced."""
    scheme, separator, rest = url.partition("://")
    if not separator or "@" not in rest:
        return url
    userinfo, _, hostpart = rest.rpartition("@")
    user, has_password, _ = userinfo.partition(":")
    return f"{scheme}://{user}{':***' if has_password else ''}@{hostpart}"


def allowed_hosts(run_mode: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    """Loopback names only in local mode (DNS rebinding); the configured names in server mode."""
    if run_mode == LOCAL:
        return list(LOOPBACK_HOSTS)
    hosts = env_list("COFFEECHAT_ALLOWED_HOSTS", environ)
    if not hosts:
        raise ConfigError(
            "COFFEECHAT_ALLOWED_HOSTS must list the server's host names in server mode, "
            "for example coffeechat.example.edu."
        )
    if "*" in hosts:
        raise ConfigError("COFFEECHAT_ALLOWED_HOSTS must name hosts; '*' is not accepted.")
    return hosts


def cache(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Redis when REDIS_URL is set (shared by every server process), else local memory."""
    url = environ.get("REDIS_URL", "").strip()
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"REDIS_URL must start with redis://, not {_redact(url)!r}.")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
