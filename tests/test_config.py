"""coffeechat.config: every environment value is parsed plainly or refused with one sentence.

These tests pass explicit ``environ`` dicts, so they never depend on (or change) the
environment of the test run, and they need neither Django's database nor its settings. The
last ones run the real command in a subprocess, to see what a person sees.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from coffeechat import config
from coffeechat.config import ConfigError
from tests.test_cli import assert_one_clear_sentence, command_env, free_port, run

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


# --- the registry -------------------------------------------------------------------------


def test_every_variable_is_declared_once():
    names = [name for v in config.VARIABLES for name in (v.name, *v.aliases)]
    assert len(names) == len(set(names))
    assert config.declared_names() == set(names)


def test_every_variable_has_its_default_when_unset():
    for variable in config.VARIABLES:
        assert variable.read({}) == variable.default, variable.name
        assert config.value(variable.name, {}) == variable.default, variable.name


def test_every_variable_has_a_mode_and_a_one_line_meaning():
    for variable in config.VARIABLES:
        assert variable.used_in in (config.LOCAL, config.SERVER, config.BOTH), variable.name
        assert variable.meaning.strip() == variable.meaning, variable.name
        for text in (variable.meaning, variable.default_text):
            assert text and "\n" not in text and "|" not in text, variable.name


def test_a_plain_default_is_shown_as_the_value_it_is():
    assert config.variable("COFFEECHAT_PROXY_COUNT").default_text == "`1`"
    assert config.variable("COFFEECHAT_HTTPS").default_text == "`true`"
    assert config.variable("COFFEECHAT_DEBUG").default_text == "`false`"
    assert config.variable("COFFEECHAT_TIME_ZONE").default_text == "`UTC`"


def test_an_undeclared_variable_cannot_be_read():
    with pytest.raises(KeyError, match="COFFEECHAT_NOPE is not declared"):
        config.value("COFFEECHAT_NOPE", {})


def test_the_settings_table_has_a_row_per_variable_in_order():
    lines = config.settings_table_markdown().splitlines()
    assert lines[0] == "| variable | mode | meaning | default |"
    rows = lines[2:]
    assert [row.split(" | ")[0] for row in rows] == [f"| `{v.name}`" for v in config.VARIABLES]
    assert all(row.count("|") == 5 for row in rows)


# --- values read through the registry -----------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, 1), ({"COFFEECHAT_PROXY_COUNT": ""}, 1), ({"COFFEECHAT_PROXY_COUNT": " 2 "}, 2)],
)
def test_proxy_count_defaults_to_one(environ, expected):
    assert config.value("COFFEECHAT_PROXY_COUNT", environ) == expected


def test_proxy_count_refuses_zero():
    with pytest.raises(ConfigError) as info:
        config.value("COFFEECHAT_PROXY_COUNT", {"COFFEECHAT_PROXY_COUNT": "0"})
    assert str(info.value) == "COFFEECHAT_PROXY_COUNT must be at least 1, not 0."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Europe/Berlin", "Europe/Berlin"), (" Asia/Kolkata ", "Asia/Kolkata"), ("", "UTC")],
)
def test_time_zone_names_are_accepted(raw, expected):
    assert config.value("COFFEECHAT_TIME_ZONE", {"COFFEECHAT_TIME_ZONE": raw}) == expected


def test_time_zone_unknown_name_is_one_sentence():
    with pytest.raises(ConfigError) as info:
        config.value("COFFEECHAT_TIME_ZONE", {"COFFEECHAT_TIME_ZONE": "Mars/Base"})
    assert str(info.value) == (
        "COFFEECHAT_TIME_ZONE must be a time zone name like Europe/Berlin, not 'Mars/Base'."
    )


@pytest.mark.parametrize("raw", ["Europe", "../etc/passwd", "/etc/localtime", "x" * 300])
def test_time_zone_refuses_what_is_not_a_zone(raw):
    # "Europe" is a folder of zones and a long name is too long for a file name: both are
    # OSErrors inside zoneinfo, and must still come out as the sentence.
    with pytest.raises(ConfigError, match="^COFFEECHAT_TIME_ZONE must be a time zone name"):
        config.value("COFFEECHAT_TIME_ZONE", {"COFFEECHAT_TIME_ZONE": raw})


@pytest.mark.parametrize(
    ("raw", "expected"), [(" gb ", "GB"), ("de", "DE"), ("", "US"), ("  ", "US"), ("USA", "USA")]
)
def test_holiday_country_is_a_code_of_letters(raw, expected):
    environ = {"COFFEECHAT_HOLIDAY_COUNTRY": raw}
    assert config.value("COFFEECHAT_HOLIDAY_COUNTRY", environ) == expected


@pytest.mark.parametrize("raw", ["U.S.", "G", "UNITED", "1A", "ÄÖ", "en-GB"])
def test_holiday_country_refuses_other_text(raw):
    with pytest.raises(ConfigError) as info:
        config.value("COFFEECHAT_HOLIDAY_COUNTRY", {"COFFEECHAT_HOLIDAY_COUNTRY": raw})
    assert str(info.value) == (
        "COFFEECHAT_HOLIDAY_COUNTRY must be a country code of 2 or 3 letters, like US or GB, "
        f"not {raw!r}."
    )


def test_reading_the_settings_does_not_import_the_holidays_package(tmp_path):
    """Loading every country's holidays costs 0.15 s, on every command."""
    code = "import sys, coffeechat.settings; print('holidays' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=command_env(tmp_path, COFFEECHAT_HOLIDAY_COUNTRY="gb"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", "127.0.0.1"), (" 10.0.0.5 ", "10.0.0.5"), ("0:0:0:0:0:0:0:1", "::1"), ("*", "*")],
)
def test_trusted_proxy_is_an_ip_address(raw, expected):
    environ = {"COFFEECHAT_TRUSTED_PROXY": raw}
    assert config.value("COFFEECHAT_TRUSTED_PROXY", environ) == expected


def test_trusted_proxy_refuses_a_host_name():
    # waitress compares the peer's address as text: a name would silently never be trusted.
    with pytest.raises(ConfigError) as info:
        config.value("COFFEECHAT_TRUSTED_PROXY", {"COFFEECHAT_TRUSTED_PROXY": "proxy.local"})
    assert str(info.value) == (
        "COFFEECHAT_TRUSTED_PROXY must be the proxy's IP address, like 127.0.0.1, "
        "not 'proxy.local'."
    )


def test_smtp_port_must_be_a_port():
    with pytest.raises(ConfigError) as info:
        config.value("COFFEECHAT_SMTP_PORT", {"COFFEECHAT_SMTP_PORT": "70000"})
    assert str(info.value) == "COFFEECHAT_SMTP_PORT must be at most 65535, not 70000."


def test_smtp_password_is_kept_exactly():
    environ = {"COFFEECHAT_SMTP_PASSWORD": " spaced out "}
    assert config.value("COFFEECHAT_SMTP_PASSWORD", environ) == " spaced out "


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", "coffeechat@localhost"),
        (" Career Center <cc@example.edu> ", "Career Center <cc@example.edu>"),
    ],
)
def test_from_email(raw, expected):
    assert config.value("COFFEECHAT_FROM_EMAIL", {"COFFEECHAT_FROM_EMAIL": raw}) == expected


def test_from_email_must_be_an_address():
    with pytest.raises(ConfigError, match="^COFFEECHAT_FROM_EMAIL must be an email address"):
        config.value("COFFEECHAT_FROM_EMAIL", {"COFFEECHAT_FROM_EMAIL": "careers"})


@pytest.mark.parametrize(("raw", "expected"), [("", None), (" /srv/static ", "/srv/static")])
def test_static_root(raw, expected):
    assert config.value("COFFEECHAT_STATIC_ROOT", {"COFFEECHAT_STATIC_ROOT": raw}) == expected


def test_data_dir_error_names_the_variable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="set COFFEECHAT_DATA_DIR to a folder you can write to"):
        config.data_dir({"COFFEECHAT_DATA_DIR": str(blocker / "data")})


def test_secret_key_alias_too_short_names_the_alias(tmp_path):
    with pytest.raises(ConfigError) as info:
        config.secret_key(tmp_path, {"DJANGO_SECRET_KEY": "short"})
    assert str(info.value) == "DJANGO_SECRET_KEY must be at least 50 characters long."


def test_secret_key_own_name_wins_and_an_empty_one_falls_back_to_the_alias(tmp_path):
    ours, django = "o" * 50, "d" * 50
    both = {"COFFEECHAT_SECRET_KEY": ours, "DJANGO_SECRET_KEY": django}
    assert config.secret_key(tmp_path, both) == ours
    fallback = {"COFFEECHAT_SECRET_KEY": "", "DJANGO_SECRET_KEY": django}
    assert config.secret_key(tmp_path, fallback) == django
    assert not (tmp_path / "secret_key").exists()


# --- as a person sees it ------------------------------------------------------------------


@pytest.mark.parametrize("command", [["manage", "check"], ["serve", "--no-browser"]])
def test_unknown_time_zone_stops_a_command_with_one_sentence(tmp_path, command):
    if command[0] == "serve":
        command = [*command, "--port", str(free_port())]
    result = run(tmp_path, *command, COFFEECHAT_TIME_ZONE="Mars/Base")
    assert_one_clear_sentence(result, "COFFEECHAT_TIME_ZONE", "'Mars/Base'")
