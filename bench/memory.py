"""Where the memory of one story's build and export goes: tracemalloc per stage, top lines.

    .venv/bin/python -m bench.memory FOLDER [--processes 1] [--top 12] [--no-trace]

Loads ``FOLDER`` (for example one ``bench.generate`` wrote), builds the story and exports it
to JSON, and prints for every stage the peak of Python allocations during it, what is still
allocated when it ends, and the lines (file:line) that hold the most at that point
(``tracemalloc`` snapshots, one frame each). With ``--no-trace`` only the maximum resident
memory of this process and of its largest worker is printed (``resource.getrusage``), the
figure to compare with the README's target, and this process's maximum so far at the end of
each stage (which stage raised it). A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from tui.core.exporting import to_json_chunks, write_atomic
from tui.core.loading import load_paths
from tui.core.settings import DEFAULT
from tui.core.story import story_from_documents

MB = 1024 * 1024


def _top(snapshot: tracemalloc.Snapshot, limit: int) -> list[str]:
    lines = []
    for stat in snapshot.statistics("lineno")[:limit]:
        frame = stat.traceback[0]
        where = f"{frame.filename.split('/tui/')[-1]}:{frame.lineno}"
        lines.append(f"    {stat.size / MB:7.1f} MB {stat.count:9,d}  {where}")
    return lines


def _resident() -> float:
    """This process's resident memory now, in MB (Linux; 0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return pages * resource.getpagesize() / MB


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--processes", type=int, default=DEFAULT.processes)
    parser.add_argument("--top", type=int, default=10, help="lines listed per stage")
    parser.add_argument("--no-trace", action="store_true", help="only the maximum RSS")
    args = parser.parse_args(argv)
    settings = dataclasses.replace(DEFAULT, processes=args.processes)
    trace = not args.no_trace
    out = Path(tempfile.mkdtemp(prefix="storydiff-memory-"))
    gc.collect()
    if trace:
        tracemalloc.start(1)
    started = time.process_time()
    lines: list[str] = []

    def finished(stage: str) -> None:
        if not trace:
            most = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            lines.append(f"{stage}: max RSS so far {most:.0f} MB, now {_resident():.0f} MB")
            return
        current, peak = tracemalloc.get_traced_memory()
        lines.append(f"{stage}: peak {peak / MB:.1f} MB, held at the end {current / MB:.1f} MB")
        lines.extend(_top(tracemalloc.take_snapshot(), args.top))
        tracemalloc.reset_peak()

    loaded = load_paths([args.folder])
    finished("load")
    story = story_from_documents(
        loaded.documents, loaded.problems, on_stage=finished, settings=settings
    )
    write_atomic(out / "story.json", to_json_chunks(story), overwrite=True)
    finished("export")
    cpu = time.process_time() - started
    if trace:
        tracemalloc.stop()
    print("\n".join(lines))
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"processes={args.processes}: CPU {cpu:.1f} s here; max RSS {me.ru_maxrss / 1024:.0f} MB"
        f" here, {workers.ru_maxrss / 1024:.0f} MB the largest worker",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
