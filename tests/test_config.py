"""coffeechat.config: every environment value is parsed plainly or refused with one sentence.

These tests pass explicit ``environ`` dicts, so they never depend on (or change) the
environment of the test run, and they need neither Django's database nor its settings.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs
import pytest

from coffeechat import config
from coffeechat.config import ConfigError

# --- env_bool -----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "Yes", " on ", "true\n"])
def test_env_bool_true_spellings(raw):
    assert config.env_bool("COFFEECHAT_DEBUG", False, {"COFFEECHAT_DEBUG": raw}) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "NO", " off ", ""])
def test_env_bool_false_spellings(raw):
    assert config.env_bool("COFFEECHAT_DEBUG", True, {"COFFEECHAT_DEBUG": raw}) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_missing_gives_default(default):
    assert config.env_bool("COFFEECHAT_DEBUG", default, {"OTHER": "1"}) is default


def test_env_bool_refuses_other_words_with_a_sentence():
    with pytest.raises(ConfigError) as info:
        config.env_bool("COFFEECHAT_DEBUG", False, {"COFFEECHAT_DEBUG": "maybe"})
    assert str(info.value) == "COFFEECHAT_DEBUG must be true or false, not 'maybe'."


# --- env_int ------------------------------------------------------------------------------


def test_env_int_parses_whole_numbers_with_spaces():
    assert config.env_int("COFFEECHAT_SMTP_PORT", 587, {"COFFEECHAT_SMTP_PORT": " 2525 "}) == 2525


def test_env_int_negative_without_minimum():
    assert config.env_int("N", 1, {"N": "-3"}) == -3


@pytest.mark.parametrize("environ", [{}, {"N": ""}, {"N": "   "}])
def test_env_int_missing_or_blank_gives_default(environ):
    assert config.env_int("N", 42, environ) == 42


@pytest.mark.parametrize("raw", ["4.5", "ten", "1e3", "0x10"])
def test_env_int_refuses_non_integers_with_a_sentence(raw):
    with pytest.raises(ConfigError) as info:
        config.env_int("COFFEECHAT_SMTP_PORT", 587, {"COFFEECHAT_SMTP_PORT": raw})
    assert str(info.value) == f"COFFEECHAT_SMTP_PORT must be a whole number, not {raw!r}."


def test_env_int_refuses_values_below_minimum():
    environ = {"COFFEECHAT_LOGIN_FAILURE_LIMIT": "0"}
    with pytest.raises(ConfigError) as info:
        config.env_int("COFFEECHAT_LOGIN_FAILURE_LIMIT", 5, environ, minimum=1)
    assert str(info.value) == "COFFEECHAT_LOGIN_FAILURE_LIMIT must be at least 1, not 0."


def test_env_int_accepts_the_minimum_itself():
    assert config.env_int("N", 5, {"N": "1"}, minimum=1) == 1


# --- env_list -----------------------------------------------------------------------------


def test_env_list_splits_strips_and_drops_empty_parts():
    environ = {"HOSTS": " a.example ,b.example,, , c.example,"}
    assert config.env_list("HOSTS", environ) == ["a.example", "b.example", "c.example"]


@pytest.mark.parametrize("environ", [{}, {"HOSTS": ""}, {"HOSTS": " , ,"}])
def test_env_list_missing_or_empty_is_empty(environ):
    assert config.env_list("HOSTS", environ) == []


# --- mode ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, config.LOCAL),
        ({"COFFEECHAT_MODE": ""}, config.LOCAL),
        ({"COFFEECHAT_MODE": "  "}, config.LOCAL),
        ({"COFFEECHAT_MODE": "local"}, config.LOCAL),
        ({"COFFEECHAT_MODE": "server"}, config.SERVER),
        ({"COFFEECHAT_MODE": " Server "}, config.SERVER),
    ],
)
def test_mode(environ, expected):
    assert config.mode(environ) == expected


def test_mode_refuses_unknown_modes():
    with pytest.raises(ConfigError) as info:
        config.mode({"COFFEECHAT_MODE": "production"})
    assert str(info.value) == "COFFEECHAT_MODE must be 'local' or 'server', not 'production'."


# --- data_dir -----------------------------------------------------------------------------


def test_data_dir_override_is_created_when_missing(tmp_path):
    wanted = tmp_path / "deep" / "er" / "data"
    assert not wanted.exists()
    folder = config.data_dir({"COFFEECHAT_DATA_DIR": str(wanted)})
    assert folder == wanted
    assert wanted.is_dir()


def test_data_dir_override_existing_folder_is_used(tmp_path):
    (tmp_path / "keep.txt").write_text("kept")
    assert config.data_dir({"COFFEECHAT_DATA_DIR": f"  {tmp_path}  "}) == tmp_path
    assert (tmp_path / "keep.txt").read_text() == "kept"


def test_data_dir_override_expands_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = config.data_dir({"COFFEECHAT_DATA_DIR": "~/coffee-data"})
    assert folder == tmp_path / "coffee-data"
    assert folder.is_dir()


def test_data_dir_default_is_the_platform_user_data_folder(tmp_path, monkeypatch):
    calls = []

    def fake_user_data_dir(appname, *args, **kwargs):
        calls.append(appname)
        return str(tmp_path / "platform" / appname)

    monkeypatch.setattr(platformdirs, "user_data_dir", fake_user_data_dir)
    folder = config.data_dir({})
    assert calls == ["coffeechat"]
    assert folder == tmp_path / "platform" / "coffeechat"
    assert folder.is_dir()


def test_data_dir_under_a_regular_file_is_a_config_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    wanted = blocker / "data"
    with pytest.raises(ConfigError) as info:
        config.data_dir({"COFFEECHAT_DATA_DIR": str(wanted)})
    message = str(info.value)
    assert str(wanted) in message
    assert "cannot be created" in message
    assert blocker.read_text() == "not a folder"


# --- secret_key ---------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_secret_key_is_generated_once_and_persisted_owner_only(tmp_path):
    key = config.secret_key(tmp_path, {})
    key_file = tmp_path / "secret_key"
    assert key_file.is_file()
    assert len(key) >= 50
    assert key_file.read_text().strip() == key
    assert _mode(key_file) == 0o600

    again = config.secret_key(tmp_path, {})
    assert again == key
    assert _mode(key_file) == 0o600


def test_secret_key_differs_between_data_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert config.secret_key(tmp_path / "a", {}) != config.secret_key(tmp_path / "b", {})


def test_secret_key_file_with_loose_permissions_is_tightened(tmp_path):
    key_file = tmp_path / "secret_key"
    existing = "k" * 60
    key_file.write_text(existing + "\n")
    os.chmod(key_file, 0o644)
    assert config.secret_key(tmp_path, {}) == existing
    assert _mode(key_file) == 0o600


@pytest.mark.parametrize("name", ["COFFEECHAT_SECRET_KEY", "DJANGO_SECRET_KEY"])
def test_secret_key_given_in_environment_is_used_and_nothing_written(tmp_path, name):
    given = "g" * 50
    assert config.secret_key(tmp_path, {name: given}) == given
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_too_short_given_key_is_refused_without_echoing_it(tmp_path):
    short = "tooshort-but-secret"
    with pytest.raises(ConfigError) as info:
        config.secret_key(tmp_path, {"COFFEECHAT_SECRET_KEY": short})
    message = str(info.value)
    assert "at least 50 characters" in message
    assert short not in message


@pytest.mark.parametrize("content", ["short", "", "   \n"])
def test_secret_key_damaged_file_is_a_config_error_and_left_alone(tmp_path, content):
    key_file = tmp_path / "secret_key"
    key_file.write_text(content)
    with pytest.raises(ConfigError) as info:
        config.secret_key(tmp_path, {})
    message = str(info.value)
    assert str(key_file) in message
    assert "damaged" in message
    assert key_file.read_text() == content


def test_secret_key_in_missing_folder_cannot_be_written(tmp_path):
    with pytest.raises(ConfigError) as info:
        config.secret_key(tmp_path / "missing", {})
    assert "cannot be written" in str(info.value)


def test_secret_key_path_that_is_a_folder_cannot_be_read(tmp_path):
    (tmp_path / "secret_key").mkdir()
    with pytest.raises(ConfigError) as info:
        config.secret_key(tmp_path, {})
    assert "cannot be read" in str(info.value)


# --- database -----------------------------------------------------------------------------


def _assert_tuned_sqlite(db: dict, path: Path) -> None:
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(path)
    options = db["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5  # seconds to wait on a busy database before failing
    init = options["init_command"].replace(" ", "").lower()
    assert "pragmajournal_mode=wal;" in init
    assert "pragmasynchronous=normal;" in init
    assert "pragmaforeign_keys=on;" in init


@pytest.mark.parametrize("environ", [{}, {"DATABASE_URL": ""}, {"DATABASE_URL": "   "}])
def test_database_default_is_tuned_sqlite_in_the_data_folder(tmp_path, environ):
    _assert_tuned_sqlite(config.database(tmp_path, environ), tmp_path / "coffeechat.sqlite3")


def test_database_sqlite_url_names_a_file(tmp_path):
    path = tmp_path / "elsewhere" / "db.sqlite3"
    db = config.database(tmp_path, {"DATABASE_URL": f"sqlite:///{path}"})
    _assert_tuned_sqlite(db, path)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_database_sqlite_url_without_a_file_is_refused(tmp_path, url):
    with pytest.raises(ConfigError, match="must name a file"):
        config.database(tmp_path, {"DATABASE_URL": url})


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
def test_database_postgres_url_is_parsed(tmp_path, scheme):
    url = f"{scheme}://alice:s3cr3t@db.example.edu:5433/coffee"
    db = config.database(tmp_path, {"DATABASE_URL": url})
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["NAME"] == "coffee"
    assert db["HOST"] == "db.example.edu"
    assert int(db["PORT"]) == 5433
    assert db["USER"] == "alice"
    assert db["PASSWORD"] == "s3cr3t"
    # A server that does not answer must not hang the command forever.
    assert 0 < db["OPTIONS"]["connect_timeout"] <= 30


def test_database_postgres_url_keeps_query_options(tmp_path):
    url = "postgres://alice@db.example.edu/coffee?sslmode=require"
    db = config.database(tmp_path, {"DATABASE_URL": url})
    assert db["OPTIONS"]["sslmode"] == "require"
    assert db["NAME"] == "coffee"


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("mysql://x/y", "must start with postgres://"),
        ("mysql://bob:hunter2pass@db.example/coffee", "must start with postgres://"),
        ("not a url", "must start with postgres://"),
        ("postgres://u@h:notaport/db", "malformed"),
        ("postgres://bob:hunter2pass@h:notaport/db", "malformed"),
        ("postgres://bob:hunter2pass@h:99999/db", "malformed"),
        ("postgres://bob:hunter2pass@db.example:5432", "must name a database"),
        ("postgres://bob:hunter2pass@db.example:5432/", "must name a database"),
    ],
)
def test_database_malformed_urls_are_one_sentence_without_the_password(tmp_path, url, phrase):
    with pytest.raises(ConfigError) as info:
        config.database(tmp_path, {"DATABASE_URL": url})
    message = str(info.value)
    assert message.startswith("DATABASE_URL")
    assert phrase in message
    assert "\n" not in message
    assert "hunter2pass" not in message


@pytest.mark.parametrize(
    "url",
    [
        # Passwords pasted without percent-encoding: the URL cannot be parsed, and the error
        # must still not show the password to whoever reads the terminal or the log.
        "postgres://bob:hunter2pass@[db.example/coffee",
        "postgres://bob:hunter2#pass@db.example/coffee",
        "postgres://bob:hunter2/pass@db.example/coffee",
    ],
)
def test_database_unparseable_url_does_not_echo_the_password(tmp_path, url):
    with pytest.raises(ConfigError) as info:
        config.database(tmp_path, {"DATABASE_URL": url})
    assert "hunter2" not in str(info.value)


# --- allowed_hosts ------------------------------------------------------------------------


def test_allowed_hosts_local_mode_is_loopback_only_even_when_configured():
    environ = {"COFFEECHAT_ALLOWED_HOSTS": "evil.example,*"}
    hosts = config.allowed_hosts(config.LOCAL, environ)
    assert "127.0.0.1" in hosts
    assert "localhost" in hosts
    assert "evil.example" not in hosts
    assert "*" not in hosts
    assert set(hosts) <= {"127.0.0.1", "localhost", "[::1]", "::1"}


def test_allowed_hosts_server_mode_uses_the_configured_names():
    environ = {"COFFEECHAT_ALLOWED_HOSTS": " chat.example.edu , .example.org "}
    hosts = config.allowed_hosts(config.SERVER, environ)
    assert hosts == ["chat.example.edu", ".example.org"]


@pytest.mark.parametrize("environ", [{}, {"COFFEECHAT_ALLOWED_HOSTS": " , "}])
def test_allowed_hosts_server_mode_requires_names(environ):
    with pytest.raises(ConfigError, match="COFFEECHAT_ALLOWED_HOSTS must list"):
        config.allowed_hosts(config.SERVER, environ)


@pytest.mark.parametrize("value", ["*", "chat.example.edu, *"])
def test_allowed_hosts_server_mode_refuses_wildcard(value):
    with pytest.raises(ConfigError, match=r"'\*' is not accepted"):
        config.allowed_hosts(config.SERVER, {"COFFEECHAT_ALLOWED_HOSTS": value})


# --- cache --------------------------------------------------------------------------------


@pytest.mark.parametrize("environ", [{}, {"REDIS_URL": ""}, {"REDIS_URL": "  "}])
def test_cache_without_redis_is_local_memory(environ):
    assert config.cache(environ) == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.mark.parametrize(
    "url", ["redis://localhost:6379/0", "rediss://cache.example:6380/1", "unix:///run/r.sock"]
)
def test_cache_with_redis_url(url):
    assert config.cache({"REDIS_URL": f" {url} "}) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
    }


def test_cache_refuses_other_schemes_without_the_password():
    with pytest.raises(ConfigError) as info:
        config.cache({"REDIS_URL": "http://bob:hunter2pass@cache.example:6379"})
    message = str(info.value)
    assert "REDIS_URL must start with redis://" in message
    assert "hunter2pass" not in message
