"""Runs the `coffeechat` command with its clock at a given moment (and ticking from there), so
that a server a test starts in another process lives on the same clock as the test itself.

    python tests/frozen_command.py 2026-12-02T23:30:00+00:00 serve --no-browser --port 8123
"""

from __future__ import annotations

import sys
from datetime import datetime

import time_machine


def main() -> None:
    moment = datetime.fromisoformat(sys.argv[1])
    sys.argv = ["coffeechat", *sys.argv[2:]]
    with time_machine.travel(moment, tick=True):
        from coffeechat.cli import main as coffeechat

        coffeechat()


if __name__ == "__main__":
    main()
