"""Reads coffeechat's configuration from the environment, without importing Django.

Every variable the app reads is declared once in VARIABLES, with its parser, its default and
what it means; settings.py reads them through it and the README's table is rendered from it.
A value that cannot be used raises ConfigError with one sentence that names the variable, and
the CLI prints that sentence instead of a traceback.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
import stat
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import platformdirs

LOCAL = "local"
SERVER = "server"
BOTH = "both"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
# Single sign-on: the one identity provider of each protocol, by its id in coffeechat's URLs
# (/accounts/sso/oidc/university/…, /accounts/sso/saml/university/…).
SSO_PROVIDER_ID = "university"
SSO_DEFAULT_NAME = "your university"
SUPPORTED_DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_COUNTRY_CODE = re.compile(r"[A-Z]{2,3}")
_DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


class ConfigError(Exception):
    """A configuration value that cannot be used; str() is the sentence shown to the user."""


# --- parsers ------------------------------------------------------------------------------
# A parser gets the variable's name and its text as set (never None) and returns the value,
# or None to mean "as if unset" (the declared default), or raises ConfigError.

Parser = Callable[[str, str], Any]


def parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}.")


def whole_number(minimum: int | None = None, maximum: int | None = None) -> Parser:
    """A parser for whole numbers within the given bounds; blank means the default."""

    def parse(name: str, raw: str) -> int | None:
        if raw.strip() == "":
            return None
        try:
            value = int(raw.strip())
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from None
        if minimum is not None and value < minimum:
            raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
        if maximum is not None and value > maximum:
            raise ConfigError(f"{name} must be at most {maximum}, not {value}.")
        return value

    return parse


def parse_text(name: str, raw: str) -> str | None:
    return raw.strip() or None


def parse_verbatim(name: str, raw: str) -> str | None:
    """Kept exactly as given: a password may begin or end with a space."""
    return raw or None


def parse_list(name: str, raw: str) -> list[str] | None:
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    return parts or None


def parse_mode(name: str, raw: str) -> str | None:
    value = raw.strip().lower()
    if value and value not in (LOCAL, SERVER):
        raise ConfigError(f"{name} must be 'local' or 'server', not {value!r}.")
    return value or None


def parse_folder(name: str, raw: str) -> Path | None:
    value = raw.strip()
    return Path(value).expanduser() if value else None


def parse_secret_key(name: str, raw: str) -> str | None:
    if len(raw) < 50:
        # The key itself is never echoed: it may be a real secret, only too short.
        raise ConfigError(f"{name} must be at least 50 characters long.")
    return raw


def parse_database_url(name: str, raw: str) -> dict[str, Any] | None:
    """PostgreSQL or a SQLite file, as Django's DATABASES entry; the password is never echoed."""
    url = raw.strip()
    if not url:
        return None
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ConfigError(
            f"{name} must start with postgres:// or sqlite:///, not {_redact(url)!r}."
        )
    if scheme == "sqlite":
        parts = urlsplit(url)
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        if not path or path == ":memory:":
            raise ConfigError(
                f"{name} for SQLite must name a file, like sqlite:////path/db.sqlite3."
            )
        return sqlite_database(Path(path))
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError:
        # The parser's own message can quote part of the password, so it is not repeated.
        raise ConfigError(
            f"{name} is malformed: {_redact(url)!r}; it should look like "
            "postgres://user:password@host:5432/database (percent-encode / # @ in a password)."
        ) from None
    if not config.get("NAME"):
        raise ConfigError(
            f"{name} must name a database, like postgres://user@host:5432/coffeechat; "
            f"got {_redact(url)!r}."
        )
    config["ENGINE"] = "django.db.backends.postgresql"
    config.setdefault("OPTIONS", {})
    config["OPTIONS"].setdefault("connect_timeout", 5)
    return config


def parse_redis_url(name: str, raw: str) -> str | None:
    url = raw.strip()
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"{name} must start with redis://, not {_redact(url)!r}.")
    return url or None


def parse_allowed_hosts(name: str, raw: str) -> list[str] | None:
    hosts = parse_list(name, raw)
    if hosts and "*" in hosts:
        raise ConfigError(f"{name} must name hosts; '*' is not accepted.")
    return hosts


def parse_ip_address(name: str, raw: str) -> str | None:
    """waitress compares the peer's address as text, so a host name would never match."""
    value = raw.strip()
    if not value or value == "*":
        return value or None
    try:
        return str(ipaddress.ip_address(value))  # the form the peer's address arrives in
    except ValueError:
        raise ConfigError(
            f"{name} must be the proxy's IP address, like 127.0.0.1, not {value!r}."
        ) from None


def parse_time_zone(name: str, raw: str) -> str | None:
    # zoneinfo directly: coffeechat.lib and coffeechat.config are independent layers.
    value = raw.strip()
    if not value:
        return None
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a region's folder ("Europe") or a name too long for the file system.
        raise ConfigError(
            f"{name} must be a time zone name like Europe/Berlin, not {value!r}."
        ) from None
    return value


def parse_country(name: str, raw: str) -> str | None:
    # Only the shape is checked: asking the holidays package costs 0.15 s on every command,
    # and a code it does not know just means weekends without holidays.
    value = raw.strip().upper()
    if not value:
        return None
    if not (value.isascii() and _COUNTRY_CODE.fullmatch(value)):
        raise ConfigError(
            f"{name} must be a country code of 2 or 3 letters, like US or GB, not {raw.strip()!r}."
        )
    return value


def parse_email(name: str, raw: str) -> str | None:
    value = raw.strip()
    if value and "@" not in value:
        raise ConfigError(
            f"{name} must be an email address like coffeechat@example.edu, not {value!r}."
        )
    return value or None


def parse_https_url(name: str, raw: str) -> str | None:
    """An https:// address with a host: where the identity provider is reached over TLS."""
    url = raw.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname or parts.username is not None:
        raise ConfigError(
            f"{name} must be an https:// address, like https://login.example.edu/, not {url!r}."
        )
    return url


def parse_email_domains(name: str, raw: str) -> list[str] | None:
    domains = [domain.lower() for domain in parse_list(name, raw) or []]
    for domain in domains:
        if not _DOMAIN.fullmatch(domain):
            raise ConfigError(
                f"{name} must list email domains like example.edu, separated by commas, "
                f"not {domain!r}."
            )
    return domains or None


# --- the registry -------------------------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """One environment variable: how it is read, its default, what it means and for which mode."""

    name: str
    parse: Parser
    default: Any
    meaning: str  # one line of Markdown, shown in the README's table
    used_in: str = BOTH  # LOCAL, SERVER or BOTH
    shown_default: str | None = None  # the default in words, when it is not a plain value
    aliases: tuple[str, ...] = ()  # other names read when this one is unset or empty

    def lookup(self, environ: Mapping[str, str] = os.environ) -> tuple[str, str | None]:
        """The name that is set, and its text (None when no name is set)."""
        for name in (self.name, *self.aliases):
            if environ.get(name):
                return name, environ[name]
        return self.name, environ.get(self.name)

    def read(self, environ: Mapping[str, str] = os.environ) -> Any:
        name, raw = self.lookup(environ)
        if raw is None:
            return self.default
        value = self.parse(name, raw)
        return self.default if value is None else value

    @property
    def default_text(self) -> str:
        if self.shown_default is not None:
            return self.shown_default
        if isinstance(self.default, bool):
            return "`true`" if self.default else "`false`"
        return f"`{self.default}`"


_WITH_PROXY = "with `COFFEECHAT_BEHIND_PROXY`"

VARIABLES: tuple[Variable, ...] = (
    Variable(
        "COFFEECHAT_MODE",
        parse_mode,
        LOCAL,
        "`local` (one person, on this computer) or `server`",
    ),
    Variable(
        "COFFEECHAT_DATA_DIR",
        parse_folder,
        None,
        "folder for the database, key and uploads",
        shown_default="your user data folder",
    ),
    Variable(
        "DATABASE_URL",
        parse_database_url,
        None,
        "`postgres://…` or `sqlite:////absolute/path.sqlite3`",
        shown_default="SQLite in the data folder",
    ),
    Variable(
        "COFFEECHAT_ALLOWED_HOSTS",
        parse_allowed_hosts,
        (),
        "comma-separated host names the server answers to (`*` is refused)",
        used_in=SERVER,
        shown_default="— (required)",
    ),
    Variable(
        "COFFEECHAT_SECRET_KEY",
        parse_secret_key,
        None,
        "the secret key, 50+ characters, the same on every process; "
        "`DJANGO_SECRET_KEY` is accepted too",
        shown_default="generated once in the data folder",
        aliases=("DJANGO_SECRET_KEY",),
    ),
    Variable(
        "COFFEECHAT_HTTPS",
        parse_bool,
        True,
        "cookies marked Secure, HTTPS redirect, HSTS",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_SSL_REDIRECT",
        parse_bool,
        True,
        "redirect plain HTTP to HTTPS (only with `COFFEECHAT_HTTPS`)",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_BEHIND_PROXY",
        parse_bool,
        False,
        "trust `X-Forwarded-Proto` and `X-Forwarded-For` from the reverse proxy",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_TRUSTED_PROXY",
        parse_ip_address,
        "127.0.0.1",
        f"IP address of the reverse proxy whose headers are trusted ({_WITH_PROXY})",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_PROXY_COUNT",
        whole_number(minimum=1),
        1,
        f"reverse proxies in front, for the client address ({_WITH_PROXY}; at least 1)",
        used_in=SERVER,
    ),
    Variable(
        "REDIS_URL",
        parse_redis_url,
        None,
        "`redis://…`: a cache shared by every server process",
        used_in=SERVER,
        shown_default="in-process memory",
    ),
    Variable(
        "COFFEECHAT_LOGIN_FAILURE_LIMIT",
        whole_number(minimum=1),
        5,
        "failed logins for one username, from any address, before a 15-minute pause",
    ),
    Variable(
        "COFFEECHAT_LOGIN_ADDRESS_FAILURE_LIMIT",
        whole_number(minimum=1),
        20,
        "failed logins from one address, whatever the usernames, before a 15-minute pause",
    ),
    Variable(
        "COFFEECHAT_LOGIN_SITE_FAILURE_LIMIT",
        whole_number(minimum=1),
        100,
        "failed logins on the whole site within 5 minutes before logging in pauses "
        "for the rest of those 5 minutes",
    ),
    Variable(
        "COFFEECHAT_SIGNUP_LIMIT",
        whole_number(minimum=1),
        20,
        "sign-up attempts from one address per hour",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_LOGIN_LINK_MINUTES",
        whole_number(minimum=1),
        60,
        "minutes the one-time login link stays valid, unless used",
        used_in=LOCAL,
    ),
    Variable(
        "COFFEECHAT_TIME_ZONE",
        parse_time_zone,
        "UTC",
        "time zone for dates shown without one and for new accounts, like `Europe/Berlin`",
    ),
    Variable(
        "COFFEECHAT_HOLIDAY_COUNTRY",
        parse_country,
        "US",
        "country whose public holidays are not business days, for new accounts, like `GB`",
    ),
    Variable(
        "COFFEECHAT_FOCUS_LIMIT",
        whole_number(minimum=1),
        5,
        "organizations in focus at once before the LAMP list warns",
    ),
    Variable(
        "COFFEECHAT_MAX_UPLOAD_BYTES",
        whole_number(minimum=1024),
        10 * 1024 * 1024,
        "largest file accepted for upload or import, in bytes",
    ),
    Variable(
        "COFFEECHAT_SMTP_HOST",
        parse_text,
        "",
        "SMTP server for sending email",
        shown_default="none: email is not sent",
    ),
    Variable(
        "COFFEECHAT_SMTP_PORT",
        whole_number(minimum=1, maximum=65535),
        587,
        "SMTP server's port",
    ),
    Variable(
        "COFFEECHAT_SMTP_USER",
        parse_text,
        "",
        "user name for the SMTP server",
        shown_default="none",
    ),
    Variable(
        "COFFEECHAT_SMTP_PASSWORD",
        parse_verbatim,
        "",
        "password for the SMTP server",
        shown_default="none",
    ),
    Variable(
        "COFFEECHAT_SMTP_TLS",
        parse_bool,
        True,
        "talk to the SMTP server over TLS (STARTTLS)",
    ),
    Variable(
        "COFFEECHAT_FROM_EMAIL",
        parse_email,
        "coffeechat@localhost",
        "sender address of the email coffeechat sends",
    ),
    Variable(
        "COFFEECHAT_OIDC_SERVER_URL",
        parse_https_url,
        None,
        "your identity provider's OpenID Connect address (its issuer); with the client ID and "
        "secret, turns on signing in with it ([single sign-on](docs/single-sign-on.md))",
        used_in=SERVER,
        shown_default="none: no OpenID Connect",
    ),
    Variable(
        "COFFEECHAT_OIDC_CLIENT_ID",
        parse_text,
        None,
        "the client ID coffeechat is registered under at the identity provider",
        used_in=SERVER,
        shown_default="none",
    ),
    Variable(
        "COFFEECHAT_OIDC_CLIENT_SECRET",
        parse_verbatim,
        None,
        "the client secret that goes with the client ID",
        used_in=SERVER,
        shown_default="none",
    ),
    Variable(
        "COFFEECHAT_OIDC_NAME",
        parse_text,
        SSO_DEFAULT_NAME,
        "who signs people in, as the login page's button says it: “Sign in with …”",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_SAML_METADATA_URL",
        parse_https_url,
        None,
        "address of your identity provider's SAML metadata; with its entity ID, turns on "
        "signing in with SAML",
        used_in=SERVER,
        shown_default="none: no SAML",
    ),
    Variable(
        "COFFEECHAT_SAML_ENTITY_ID",
        parse_text,
        None,
        "the identity provider's entity ID, as its metadata names it",
        used_in=SERVER,
        shown_default="none",
    ),
    Variable(
        "COFFEECHAT_SAML_NAME",
        parse_text,
        SSO_DEFAULT_NAME,
        "who signs people in with SAML, as the login page's button says it",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS",
        parse_email_domains,
        (),
        "comma-separated email domains the identity provider speaks for, like `example.edu`: "
        "its addresses there count as verified even when it does not say so",
        used_in=SERVER,
        shown_default="none",
    ),
    Variable(
        "COFFEECHAT_SSO_CONNECT_BY_EMAIL",
        parse_bool,
        False,
        "a first single sign-on with a verified email address enters the one existing "
        "account of that address (not a staff account; its password stops working) instead of "
        "making a new account",
        used_in=SERVER,
    ),
    Variable(
        "COFFEECHAT_STATIC_ROOT",
        parse_text,
        None,
        "folder `coffeechat manage collectstatic` fills, for a web server to serve",
        used_in=SERVER,
        shown_default="none: served from the package",
    ),
    Variable(
        "COFFEECHAT_DEBUG",
        parse_bool,
        False,
        "Django's debug pages, for development only",
    ),
)

_BY_NAME = {variable.name: variable for variable in VARIABLES}


def variable(name: str) -> Variable:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"{name} is not declared in coffeechat.config.VARIABLES") from None


def value(name: str, environ: Mapping[str, str] = os.environ) -> Any:
    """The value of a declared variable: parsed, or its default when unset or blank."""
    return variable(name).read(environ)


def declared_names() -> set[str]:
    """Every name the app reads, aliases included."""
    return {name for v in VARIABLES for name in (v.name, *v.aliases)}


def settings_table_markdown() -> str:
    """The README's table of variables, in the registry's order."""
    lines = ["| variable | mode | meaning | default |", "|---|---|---|---|"]
    lines += [f"| `{v.name}` | {v.used_in} | {v.meaning} | {v.default_text} |" for v in VARIABLES]
    return "\n".join(lines) + "\n"


# --- typed helpers ------------------------------------------------------------------------


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    return default if raw is None else parse_bool(name, raw)


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] = os.environ,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    raw = environ.get(name)
    parsed = None if raw is None else whole_number(minimum, maximum)(name, raw)
    return default if parsed is None else parsed


def env_list(name: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    return parse_list(name, environ.get(name, "")) or []


def mode(environ: Mapping[str, str] = os.environ) -> str:
    return value("COFFEECHAT_MODE", environ)


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The folder that holds the SQLite database, the secret key and uploads."""
    path = value("COFFEECHAT_DATA_DIR", environ) or Path(
        platformdirs.user_data_dir("coffeechat", appauthor=False)
    )
    remedy = "set COFFEECHAT_DATA_DIR to a folder you can write to"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"The data folder {path} cannot be created ({exc.strerror or exc}); {remedy}."
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigError(f"The data folder {path} is not writable; {remedy}.")
    return path


def secret_key(folder: Path, environ: Mapping[str, str] = os.environ) -> str:
    """COFFEECHAT_SECRET_KEY (or DJANGO_SECRET_KEY) when given; otherwise one created once in
    the data folder, readable by the owner only."""
    given = value("COFFEECHAT_SECRET_KEY", environ)
    if given:
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
        # One connection per server thread, kept between requests: opening one costs the
        # six PRAGMAs above and starts with a cold page cache on every request.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": None},
    }


def database(folder: Path, environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """DATABASE_URL when set (PostgreSQL or SQLite), otherwise SQLite in the data folder."""
    return value("DATABASE_URL", environ) or sqlite_database(folder / "coffeechat.sqlite3")


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
        return list(LOOPBACK_HOSTS)  # COFFEECHAT_ALLOWED_HOSTS is not even read
    hosts = list(value("COFFEECHAT_ALLOWED_HOSTS", environ))
    if not hosts:
        raise ConfigError(
            "COFFEECHAT_ALLOWED_HOSTS must list the server's host names in server mode, "
            "for example coffeechat.example.edu."
        )
    return hosts


def cache(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Redis when REDIS_URL is set (shared by every server process), else local memory."""
    url = value("REDIS_URL", environ)
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


# SAML attributes read for a new account: the default names of django-allauth, plus those of
# eduPerson and Microsoft that universities' identity providers release.
SAML_ATTRIBUTES = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id"],
    "email": [
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    ],
    "email_verified": ["http://schemas.auth0.com/email_verified"],
    "username": [
        "urn:oid:0.9.2342.19200300.100.1.1",
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
        "http://schemas.auth0.com/nickname",
    ],
    "first_name": [
        "urn:oid:2.5.4.42",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
    ],
    "last_name": [
        "urn:oid:2.5.4.4",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
    ],
}


def _all_or_none(environ: Mapping[str, str], *names: str) -> bool:
    """True when every one of the names is set, False when none is; one set without the
    others is a mistake, said in one sentence."""
    given = [name for name in names if value(name, environ)]
    if given and len(given) < len(names):
        missing = [name for name in names if name not in given]
        raise ConfigError(
            f"{' and '.join(missing)} must be set too when {given[0]} is, "
            "for signing in with your identity provider."
        )
    return bool(given)


def single_sign_on(run_mode: str, environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """django-allauth's SOCIALACCOUNT_PROVIDERS for the identity providers configured: none in
    local mode (the variables are not even read), OpenID Connect and SAML on a server when
    their variables are set. An empty dict means passwords only, as without single sign-on."""
    if run_mode == LOCAL:
        return {}
    domains = list(value("COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS", environ))
    providers: dict[str, Any] = {}
    oidc = (
        "COFFEECHAT_OIDC_SERVER_URL",
        "COFFEECHAT_OIDC_CLIENT_ID",
        "COFFEECHAT_OIDC_CLIENT_SECRET",
    )
    if _all_or_none(environ, *oidc):
        app = {
            "provider_id": SSO_PROVIDER_ID,
            "name": value("COFFEECHAT_OIDC_NAME", environ),
            "client_id": value("COFFEECHAT_OIDC_CLIENT_ID", environ),
            "secret": value("COFFEECHAT_OIDC_CLIENT_SECRET", environ),
            "settings": {
                "server_url": value("COFFEECHAT_OIDC_SERVER_URL", environ),
                "oauth_pkce_enabled": True,
                "verified_email": domains,
            },
        }
        providers["openid_connect"] = {"APPS": [app]}
    saml = ("COFFEECHAT_SAML_METADATA_URL", "COFFEECHAT_SAML_ENTITY_ID")
    if _all_or_none(environ, *saml):
        app = {
            "name": value("COFFEECHAT_SAML_NAME", environ),
            "client_id": SSO_PROVIDER_ID,  # the organization slug of allauth's SAML addresses
            "settings": {
                "idp": {
                    "metadata_url": value("COFFEECHAT_SAML_METADATA_URL", environ),
                    "entity_id": value("COFFEECHAT_SAML_ENTITY_ID", environ),
                },
                "attribute_mapping": SAML_ATTRIBUTES,
                "verified_email": domains,
            },
        }
        providers["saml"] = {"APPS": [app]}
    return providers
