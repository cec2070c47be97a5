"""The collector's pauses around work that makes many long-lived objects at once: each pause
ends with collections running again (a server left without them would keep every cycle)."""

from __future__ import annotations

import gc

import pytest

from coffeechat.lib.collection_pauses import (
    without_collection_pauses,
    without_collections_until_exit,
)
from tests.test_cli import run_python


@pytest.fixture
def collections_restored():
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()  # what a test set aside goes back to the collector
    if was_enabled:
        gc.enable()


def test_objects_made_while_starting_are_set_aside_and_collections_resume(collections_restored):
    gc.enable()
    frozen_before = gc.get_freeze_count()
    with without_collections_until_exit():
        assert not gc.isenabled()
        made = [[n] for n in range(5000)]  # lists: objects the collector tracks
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(made)


def test_a_pause_inside_a_pause_leaves_collections_off(collections_restored):
    gc.disable()
    with without_collections_until_exit(), without_collection_pauses():
        pass
    assert not gc.isenabled()  # the caller had turned them off, and keeps them off


def test_a_command_starts_django_with_its_objects_set_aside(tmp_path):
    probe = (
        "import gc\n"
        "from coffeechat.core.cli_support import setup_django\n"
        "setup_django(own_rows_only=True)\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    shown = run_python(tmp_path, probe).split()
    enabled, frozen = shown[0], int(shown[1])
    assert enabled == "True"
    # Every module and model of the apps: tens of thousands of objects no collection walks.
    assert frozen > 20_000
