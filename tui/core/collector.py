"""Pause Python's cyclic garbage collector while the engine makes many objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a story is built or exported.

    The engine makes hundreds of thousands of small objects that are kept (features, spans,
    members; an export's dicts and lines) and no reference cycles, so every full collection
    walks them all for nothing: on a 1,000-article story that was about a sixth of the time
    of the build, and a third of the JSON export's. Reference counting still frees everything
    as usual, and the collector is switched back on (if it was on) afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
