"""Personas: the seeker owns data, the coach helps seekers, the stranger must see nothing.

Every test runs on a frozen clock (time-machine), so the suite is the same at noon and at
midnight. By default it is late evening in UTC, when Auckland is already on the next day and
Los Angeles still on the same one; `--frozen-at` runs the suite at another moment (CI runs it
at 23:30 and at 00:30 UTC), and a test that needs its own moment says so with
`@pytest.mark.frozen_at("2026-11-11T09:00:00+00:00")`. The clock ticks from there, so rows
made one after another still get increasing times.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from tests.factories import make_user

DEFAULT_MOMENT = "2026-12-02T23:30:00+00:00"  # a Wednesday; Thursday in Auckland


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--frozen-at",
        default=DEFAULT_MOMENT,
        help=f"the moment every test starts at, ISO 8601 with offset (default {DEFAULT_MOMENT})",
    )


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "frozen_at(moment): start the test's clock at this ISO 8601 moment instead"
    )
    moment = _moment(config.getoption("--frozen-at"))
    config.stash[FROZEN_AT] = moment


FROZEN_AT = pytest.StashKey[datetime]()


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise pytest.UsageError(
            f"--frozen-at needs a moment with its offset, like {DEFAULT_MOMENT}"
        )
    return moment


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """The clock every test runs on; the fixture's value lets a test move it (`.shift()`)."""
    marker = request.node.get_closest_marker("frozen_at")
    moment = _moment(marker.args[0]) if marker else request.config.stash[FROZEN_AT]
    with time_machine.travel(moment, tick=True) as traveller:
        yield traveller


@pytest.fixture
def seeker(db):
    return make_user("seeker", email="seeker@example.com")


@pytest.fixture
def coach(db):
    return make_user("coach", email="coach@example.com")


@pytest.fixture
def stranger(db):
    return make_user("stranger", email="stranger@example.com")


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client
