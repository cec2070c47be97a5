#!/usr/bin/env python3
"""Install coffeechat into .venv when needed, then run it or its tests.

    python3 run.py                 install (first time) and start the app
    python3 run.py serve --port 9000
    python3 run.py test [-k ...]   install with test tools and run the whole test suite

Needs only Python 3.11 or newer; everything else is installed into .venv beside this file.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def fail(message: str) -> None:
    print(f"Error: {message}", file=sys.stderr)
    sys.exit(2)


def ensure_venv() -> None:
    if PYTHON.exists():
        return
    print("Creating .venv …", flush=True)
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except (OSError, subprocess.CalledProcessError) as exc:
        fail(
            f"could not create a virtual environment in {VENV} ({exc}); on Debian or Ubuntu, "
            "install the python3-venv package first."
        )


def ensure_installed(extra: str) -> None:
    """pip install -e .[extra], skipped when pyproject.toml has not changed since last time."""
    fingerprint = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    target = f".[{extra}]" if extra else "."
    what = f"coffeechat with {extra} tools" if extra else "coffeechat"
    print(f"Installing {what} into .venv …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if subprocess.run([*pip, "--upgrade", "pip"], cwd=ROOT).returncode != 0:
        fail("pip could not be upgraded; check the network connection to the package index.")
    if subprocess.run([*pip, "--editable", target], cwd=ROOT).returncode != 0:
        fail("installing coffeechat's dependencies failed; the messages above say why.")
    stamp.write_text(fingerprint)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 — run.py may be started by an older Python
        fail(f"coffeechat needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    command, rest = (argv[0], argv[1:]) if argv else ("serve", [])
    ensure_venv()
    if command == "test":
        ensure_installed("test")
        return subprocess.run([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT).returncode
    ensure_installed("")
    args = [command, *rest]
    try:
        return subprocess.run([str(PYTHON), "-m", "coffeechat", *args], cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
