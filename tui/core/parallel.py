"""Split the engine's per-item work over processes, when there is enough of it.

Only work whose result does not depend on how it is split goes through here (each document
cleaned on its own, each candidate pair scored on its own, each passage diffed on its own),
so a story is the same built in one process or in several;
``tests/test_speed_equivalence.py`` compares the exports.

Workers are forked: they inherit what the engine already built (the sentence index, the
candidate pairs) instead of receiving it pickled, which at 1,000 articles would cost more
than scoring it. Forking is only safe from a single-threaded process, so a story built in a
thread (the reader builds it in a worker thread), in a daemonic process, or where fork does
not exist, stays in this process, as does a small story (``Settings.parallel_min_sentences``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from tui.core.settings import Settings

Item = TypeVar("Item")
Result = TypeVar("Result")

#: What forked workers read: the function to call and the state it shares, set just before
#: the workers are forked and cleared afterwards.
_SHARED: tuple[Callable[[Any, Any], Any], Any] | None = None
#: About how many sentences a news article has, to weigh documents (or files) against
#: ``Settings.parallel_min_sentences`` before they are segmented.
SENTENCES_PER_DOCUMENT = 30


def processes_for(settings: Settings, size: int) -> int:
    """How many processes should share work on a story of ``size`` sentences (1: this one)."""
    if size < settings.parallel_min_sentences:
        return 1
    wanted = settings.processes or _usable_cores()
    if wanted <= 1 or not fork_is_safe():
        return 1
    return wanted


def _usable_cores() -> int:
    """The cores this process may run on (its affinity mask: a container's or taskset's
    limit, which ``os.cpu_count`` ignores)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """Whether this process can fork workers: fork exists, and no other thread runs (a
    forked child gets a copy of every lock, held or not, and only the forking thread)."""
    # Imported here, with the pool below: a small story, which stays in this process, does
    # not pay the 15-20 ms of CPU it takes to import multiprocessing and the pool.
    import multiprocessing

    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
        # A pool's own worker (an archive job's, say) does not start a pool in turn.
        and multiprocessing.parent_process() is None
    )


def _call(item: Any) -> Any:
    assert _SHARED is not None, "called outside map_forked"
    function, shared = _SHARED
    return function(shared, item)


def map_forked(
    function: Callable[[Any, Item], Result],
    shared: Any,
    items: Sequence[Item],
    processes: int,
    chunksize: int = 1,
) -> list[Result]:
    """``[function(shared, item) for item in items]``, in order, computed by ``processes``
    forked workers that inherit ``shared`` (only the items and results are pickled)."""
    return list(iter_forked(function, shared, items, processes, chunksize))


def each_forked(
    function: Callable[[Item], Result], items: Sequence[Item], processes: int
) -> Iterator[Result]:
    """``function(item)`` for each of ``items``, in order; with ``processes`` > 1 computed by
    forked workers four chunks of items each, a chunk's results yielded as soon as it is done
    (the caller works on them while the workers do the next chunks)."""
    if processes <= 1:
        yield from map(function, items)
        return
    chunks = [items[a:b] for a, b in ranges(len(items), 4 * processes)]
    for done in iter_forked(_each, function, chunks, processes):
        yield from done


def _each(function: Callable[[Item], Result], chunk: Sequence[Item]) -> list[Result]:
    return [function(item) for item in chunk]


def iter_forked(
    function: Callable[[Any, Item], Result],
    shared: Any,
    items: Sequence[Item],
    processes: int,
    chunksize: int = 1,
) -> Iterator[Result]:
    """``map_forked``, each result yielded in order as soon as it is there: this process can
    work on the first results while the workers compute the rest."""
    global _SHARED
    if processes <= 1 or len(items) <= 1:
        yield from (function(shared, item) for item in items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _SHARED = (function, shared)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            yield from pool.map(_call, items, chunksize=chunksize)
    finally:
        _SHARED = None


@contextmanager
def forked_call(
    function: Callable[[Any], Result], shared: Any, processes: int
) -> Iterator[Callable[[], Result]]:
    """``function(shared)`` computed by one forked worker while this process goes on with
    other work: the context gives a call that waits for the result. With ``processes`` ≤ 1
    the call computes it here."""
    global _SHARED
    if processes <= 1:
        yield lambda: function(shared)
        return
    # The worker inherits the function and ``shared``: nothing but the result is pickled.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _SHARED = (_apply, (function, shared))
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            yield pool.submit(_call, None).result
    finally:
        _SHARED = None


def _apply(call: tuple[Callable[[Any], Result], Any], _: None) -> Result:
    function, shared = call
    return function(shared)


def parts_for(processes: int) -> int:
    """How many ranges to cut work into for ``processes``: two per worker, so one slow range
    does not leave a core idle; one when the work stays in this process."""
    return 2 * processes if processes > 1 else 1


def ranges(count: int, parts: int) -> list[tuple[int, int]]:
    """``count`` items cut into ``parts`` consecutive ranges (start, stop) of near-equal size."""
    parts = max(1, min(parts, count))
    return [(count * k // parts, count * (k + 1) // parts) for k in range(parts)]
