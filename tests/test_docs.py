"""Docs that cannot drift: the README's commands are CI's, and docs/cli.md is the real --help."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coffeechat.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def render_cli_reference() -> str:
    runner = CliRunner()
    parts = [
        "# The `coffeechat` command\n\n",
        "Generated from `--help`; a test keeps it current.\n",
    ]
    commands = [[]] + [[name] for name in cli.list_commands(None) if name != "manage"]
    for args in commands:
        result = runner.invoke(cli, [*args, "--help"], prog_name="coffeechat", terminal_width=100)
        assert result.exit_code == 0, result.output
        title = " ".join(["coffeechat", *args])
        parts.append(f"\n## {title}\n\n```text\n{result.output.rstrip()}\n```\n")
    return "".join(parts)


def test_cli_reference_matches_the_help_text():
    expected = render_cli_reference()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/cli.md is out of date; regenerate it with: "
        ".venv/bin/python -c 'from tests.test_docs import render_cli_reference as r; "
        'open("docs/cli.md", "w").write(r())\''
    )


def test_readme_test_command_is_the_one_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 run.py test" in readme
    assert "python3 run.py test" in ci
    assert "python3 run.py          #" in readme
