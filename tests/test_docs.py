"""Docs that cannot drift: the README's commands are CI's, and docs/cli.md is the real --help."""

from __future__ import annotations

import re
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


# docs/career-center.md names commands, options, settings and pages a center's staff will type:
# each must exist.
CAREER_CENTER = ROOT / "docs" / "career-center.md"
COMMAND_LINE = re.compile(r"(?:bin/|`)coffeechat ([a-z][a-z-]*)([^`\n']*)")
SETTING = re.compile(r"\b(?:COFFEECHAT_[A-Z_]+|DATABASE_URL|REDIS_URL|DJANGO_[A-Z_]+)\b")
LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")


def test_career_center_guide_names_only_real_commands_and_options():
    from django.core.management import get_commands

    text = CAREER_CENTER.read_text(encoding="utf-8")
    found = COMMAND_LINE.findall(text)
    assert {"serve", "worker", "center-admin", "manage"} <= {name for name, _ in found}
    for name, rest in found:
        command = cli.get_command(None, name)
        assert command is not None, f"coffeechat {name} does not exist"
        words = rest.split()
        if name == "manage":
            assert words and words[0] in get_commands(), f"coffeechat manage {rest}"
            continue
        known = {opt for param in command.params for opt in param.opts}
        for option in (word for word in words if word.startswith("--")):
            assert option in known, f"coffeechat {name} has no option {option}"


def test_career_center_guide_names_only_declared_settings():
    from coffeechat.config import declared_names

    named = set(SETTING.findall(CAREER_CENTER.read_text(encoding="utf-8")))
    assert named - {"DJANGO_SETTINGS_MODULE"} <= declared_names(), named - declared_names()


def test_career_center_guide_links_to_files_that_exist():
    for target in LINK.findall(CAREER_CENTER.read_text(encoding="utf-8")):
        if "://" not in target:
            assert (CAREER_CENTER.parent / target).exists(), target
