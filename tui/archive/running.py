"""Run one stage's tasks on Dask, with a progress bar on stderr.

Without a client, the tasks run on this machine's cores in worker processes (Dask's
"processes" scheduler: nothing to start, and the engine's pure-Python work is not held back by
the GIL). With a ``distributed.Client`` (``--scheduler tcp://HOST:8786``, or a
``LocalCluster`` in the tests) the same tasks run on the cluster's workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, redirect_stdout
from typing import Any

import dask
from dask.diagnostics import ProgressBar


@contextmanager
def local_pool() -> Iterator[Executor]:
    """Worker processes for one build, one per core, started once for all its stages."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context) as pool:
        yield pool


def run_stage(
    label: str,
    func: Callable[..., Any],
    calls: Sequence[tuple[Any, ...]],
    client: Any | None = None,
    pool: Executor | None = None,
) -> list[Any]:
    """``[func(*args) for args in calls]``, computed in parallel on ``client``'s cluster, else
    in ``pool``'s processes; results in call order."""
    if not calls:
        return []
    print(f"storydiff archive: {label}: {len(calls)} tasks", file=sys.stderr)
    tasks = [dask.delayed(func, pure=False)(*args) for args in calls]
    if client is None:
        # chunksize=1: one task per round trip, so the bar moves as each task finishes.
        with ProgressBar(out=sys.stderr, dt=0.5):
            return list(dask.compute(*tasks, scheduler="processes", pool=pool, chunksize=1))
    from distributed import progress

    futures = client.compute(tasks)
    # distributed's text bar writes to stdout; stdout stays free for the user's data.
    with redirect_stdout(sys.stderr):
        progress(futures)
        print(file=sys.stderr)
    return list(client.gather(futures))


def connect(address: str) -> Any:
    """A client of the Dask scheduler at ``address`` (``tcp://HOST:8786``)."""
    from distributed import Client

    return Client(address, timeout="10s")
