"""docs/architecture.md cannot drift: its list of layers is the import-linter contract's."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return layers


def _documented_layers() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## The layers", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


def _normalized(line: str) -> frozenset[str]:
    return frozenset(part.strip() for part in line.split("|"))


def test_the_documented_layers_are_the_contracts():
    documented = [_normalized(line) for line in _documented_layers()]
    assert documented == [_normalized(line) for line in _contract_layers()]


def test_every_app_is_in_a_layer():
    apps = {
        f"coffeechat.{path.parent.name}"
        for path in (ROOT / "src" / "coffeechat").glob("*/__init__.py")
    }
    layered = set().union(*(_normalized(line) for line in _contract_layers()))
    assert apps <= layered, f"apps in no layer: {sorted(apps - layered)}"
