"""Building many small objects at once (a contact file's rows, an import's plan) without the
cyclic garbage collector stopping again and again to walk all of them."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def without_collection_pauses() -> Iterator[None]:
    """Build many small objects without the cyclic garbage collector pausing again and
    again to walk all of them (for 30,000 contacts it took more time than the work itself);
    collections resume afterwards, and collect whatever cycles were made meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def without_collections_until_exit() -> Iterator[None]:
    """For objects that live as long as the process: collections stay paused throughout, the
    nested pauses above included, and what was built is left to the process's end
    (gc.freeze, as cli.let_go does) instead of being walked once more when collections
    resume. A command whose process ends with the work (`coffeechat import`): a third of a
    second of a 30,000-row import into a full account. Django starting for a command
    (core.cli_support.setup_django): 55,000 objects, walked by about 90 collections (one of
    them full) as they were made, 40–50 ms of a 0.4 s start. Objects freed by their last
    reference still go at once; only cycles made meanwhile wait for the process to end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
