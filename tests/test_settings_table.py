"""The README's table of environment variables is the registry in coffeechat.config, and every
variable the app's code names is declared there."""

from __future__ import annotations

import re
from pathlib import Path

from coffeechat import config

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "coffeechat"
HEADER = "| variable |"
# The names an app setting can have; CI_BROWSER_TESTS and the like belong to the tests.
APP_VARIABLE = re.compile(
    r"\b(?:COFFEECHAT_[A-Z0-9]+(?:_[A-Z0-9]+)*|DATABASE_URL|REDIS_URL|DJANGO_SECRET_KEY)\b"
)
REGENERATE = (
    "the README's table of variables is out of date; print the current one with: "
    ".venv/bin/python -c 'from coffeechat.config import settings_table_markdown as t; "
    'print(t(), end="")\''
)


def readme_table() -> str:
    """The table whose header starts with '| variable |', up to the first line that is not a row."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(HEADER)]
    assert len(starts) == 1, f"README.md should have one table starting with {HEADER!r}"
    table = []
    for line in lines[starts[0] :]:
        if not line.startswith("|"):
            break
        table.append(line)
    return "\n".join(table) + "\n"


def names_in(table: str) -> list[str]:
    return re.findall(r"^\| `([A-Z0-9_]+)` \|", table, re.MULTILINE)


def test_readme_lists_every_variable_in_the_registrys_order():
    assert names_in(readme_table()) == [v.name for v in config.VARIABLES], REGENERATE


def test_readme_table_is_the_rendered_registry():
    assert readme_table() == config.settings_table_markdown(), REGENERATE


def test_readme_says_proxy_count_defaults_to_one():
    row = next(line for line in readme_table().splitlines() if "`COFFEECHAT_PROXY_COUNT`" in line)
    assert row.endswith("| `1` |")
    assert config.value("COFFEECHAT_PROXY_COUNT", {}) == 1


def test_readme_documents_the_secret_key_alias():
    assert "`DJANGO_SECRET_KEY`" in readme_table()


def source_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "config.py" and "migrations" not in path.parts
    )


def test_every_variable_the_code_names_is_declared():
    declared = config.declared_names()
    undeclared = {
        f"{name} ({path.relative_to(ROOT)})"
        for path in source_files()
        for name in APP_VARIABLE.findall(path.read_text(encoding="utf-8"))
        if name not in declared
    }
    assert not undeclared, (
        f"declare these in coffeechat.config.VARIABLES and the README: {sorted(undeclared)}"
    )


def test_every_declared_variable_is_read_by_the_settings():
    settings = (PACKAGE / "settings.py").read_text(encoding="utf-8")
    config_text = (PACKAGE / "config.py").read_text(encoding="utf-8")
    unread = [
        v.name
        for v in config.VARIABLES
        # settings.py reads most by name; the composite helpers of config.py read the rest.
        if f'"{v.name}"' not in settings and f'value("{v.name}", environ)' not in config_text
    ]
    assert not unread, f"declared but never read: {unread}"


def test_settings_read_the_environment_only_through_the_registry():
    settings = (PACKAGE / "settings.py").read_text(encoding="utf-8")
    assert "os.environ" not in settings
    assert "getenv" not in settings
