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
