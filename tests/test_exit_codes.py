"""One exit-code table for every `coffeechat` subcommand (docs/cli.md, from `coffeechat --help`):
0 done, 1 findings, 2 unusable command line or input, 3 unusable setting, 4 something the
command needs failed. Each row below is a person's mistake or mishap and the code it gets."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from coffeechat.cli import cli
from coffeechat.core.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_CODES,
    EXIT_CONFIG,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNAVAILABLE,
)
from tests.factories import make_contact
from tests.test_cli import free_port, run

JOB_ASK = "Hi Ada, could you refer me for the analyst job at your company? Thanks, Sam"


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="coffeechat")


def test_the_table_is_the_one_the_help_shows():
    shown = invoke("--help").output
    assert [code for code, _ in EXIT_CODES] == [0, 1, 2, 3, 4]
    for code, meaning in EXIT_CODES:
        assert f"{code}  {meaning}" in shown


def test_lint_of_a_clean_question_is_done():
    assert invoke("lint", "--question", "-", input="How did you get started?\n").exit_code == 0


def test_lint_that_finds_errors_exits_with_findings():
    assert invoke("lint", "-", input=JOB_ASK).exit_code == EXIT_FINDINGS


@pytest.mark.parametrize(
    "args",
    [
        ("lint", "-"),  # empty standard input
        ("lint", "no-such-file.txt"),
        ("import",),  # PATH missing: click's own usage error
        ("import", "no-such-file.csv"),
        ("frobnicate",),  # no such command
        ("serve", "--port", "99999"),
    ],
)
def test_unusable_command_lines_exit_with_bad_input(args):
    result = invoke(*args, input="")
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "Traceback" not in result.output


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ("export", "markdown"),  # the ZIP needs --output
        ("today", "--user", "nobody-by-that-name"),
        ("restore", "no-such-backup.zip"),
    ],
)
def test_requests_that_cannot_be_carried_out_exit_with_bad_input(args):
    result = invoke(*args)
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert result.output.startswith("Error: ")


def test_an_import_of_a_malformed_file_exits_with_bad_input(seeker, tmp_path):
    bad = tmp_path / "contacts.csv"
    bad.write_bytes(b'First Name,Last Name\n"Ada,Lovelace\n')
    result = invoke("import", str(bad), "--user", "seeker")
    assert result.exit_code == EXIT_BAD_INPUT, result.output


def test_sample_data_into_an_account_with_data_exits_with_bad_input(seeker):
    make_contact(seeker)
    result = invoke("sample-data", "--user", "seeker")
    assert result.exit_code == EXIT_BAD_INPUT, result.output


def test_an_export_over_an_existing_file_exits_with_bad_input(seeker, tmp_path):
    existing = tmp_path / "export.json"
    existing.write_text("keep me")
    result = invoke("export", "json", "--user", "seeker", "-o", str(existing))
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert existing.read_text() == "keep me"


def test_an_unusable_setting_exits_with_config(tmp_path):
    result = run(tmp_path, "today", COFFEECHAT_MODE="production")
    assert result.returncode == EXIT_CONFIG, result.stderr
    assert "COFFEECHAT_MODE" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_exits_with_unavailable(tmp_path):
    closed = f"postgres://nobody@127.0.0.1:{free_port()}/coffeechat"
    result = run(tmp_path, "today", DATABASE_URL=closed)
    assert result.returncode == EXIT_UNAVAILABLE, result.stderr
    assert "cannot be opened" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_successful_command_is_done(tmp_path):
    result = run(tmp_path, "today")
    assert result.returncode == EXIT_OK, result.stderr
