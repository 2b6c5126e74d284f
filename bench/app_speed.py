"""How fast the reader feels: first frame on the seeds, and key presses on a big story.

    .venv/bin/python -m bench.app_speed [--articles 1000] [--words 600] [--presses 30]

1. First frame: starts ``python -m tui`` (this checkout, seeds) on a pseudo-terminal of
   160x48 and waits until the library's summary line has been written to the terminal,
   then until the story is shown; the same for a folder of the big story's files (first
   frame only), and how long the reader takes to end when ``q`` is pressed mid-build.
2. Big story (``bench.generate``, deterministic): time until the library shows its first
   cleaned articles with the progress bar, until it shows all of them, and until alignment
   in the worker is done.
3. Key presses on the big story, headless (``App.run_test``): the time from a key press
   in compare (``d``, ``j``) and passages (``down``) until the screen is processed and
   fully composed again, as CPU time (the pilot's own sleeps are not the app's): median,
   90th percentile and worst, next to a key that does nothing as the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _spawn(args: Sequence[str]) -> tuple[subprocess.Popen[bytes], int, float]:
    """``python -m tui ARGS`` (this checkout's code) on a 160x48 pseudo-terminal."""
    command = [sys.executable, "-m", "tui", *args]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="160", LINES="48")
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True
    )
    os.close(slave)
    return process, master, start


#: The CPU time ``_wait_for`` read of the process it watched, by mark.
CPU_AT: dict[bytes, float] = {}


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) the process ``pid`` has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for(
    master: int, marks: Sequence[bytes], start: float, timeout: float, pid: int = 0
) -> list[float]:
    """Wall seconds from ``start`` until each of ``marks`` (in turn) reaches the terminal;
    with ``pid``, the process's CPU seconds then go to ``CPU_AT``."""
    seen = b""
    found: list[float] = []
    while len(found) < len(marks) and time.perf_counter() - start < timeout:
        ready, _, _ = select.select([master], [], [], 0.02)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
            while len(found) < len(marks) and marks[len(found)] in seen:
                if pid:
                    CPU_AT[marks[len(found)]] = _cpu_seconds(pid)
                found.append(time.perf_counter() - start)
    return found + [float("nan")] * (len(marks) - len(found))


def _stop(process: subprocess.Popen[bytes], master: int) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
    os.close(master)


def first_frame_seconds(
    args: Sequence[str] = (), timeout: float = 20.0, story: bool = True
) -> tuple[float, float, float]:
    """Wall time from spawning the reader until its first screen reaches the terminal (the
    summary line's "storydiff"), and (``story``) until the story is shown ("shared
    passage"); and the CPU time the reader had used by its first frame (the machine is
    shared: wall time includes waiting for a core)."""
    process, master, start = _spawn(args)
    marks = [b"storydiff", b"shared passage"] if story else [b"storydiff"]
    try:
        found = _wait_for(master, marks, start, timeout, pid=process.pid)
        first, shown = (*found, float("nan"))[:2]
    finally:
        _stop(process, master)
    return first, shown, CPU_AT.get(b"storydiff", float("nan"))


def quit_while_building_seconds(folder: Path, timeout: float = 120.0) -> float:
    """Wall time from pressing ``q`` while a big story is being aligned (its longest stage,
    once the progress line says "Aligning passages") until the process has ended."""
    process, master, start = _spawn([str(folder)])
    try:
        _wait_for(master, [b"storydiff", b"Aligning passages"], start, timeout)
        time.sleep(0.5)
        os.write(master, b"q")
        pressed = time.perf_counter()
        while process.poll() is None and time.perf_counter() - pressed < timeout:
            _wait_for(master, [b"\x00never"], time.perf_counter(), 0.05)  # keep draining
        return time.perf_counter() - pressed
    finally:
        _stop(process, master)


def write_folder(folder: Path, articles: int, words: int) -> Path:
    """The generated story as a folder of Markdown files with front matter."""
    from bench.generate import generate_story

    folder.mkdir(parents=True, exist_ok=True)
    for document in generate_story(articles, words=words):
        header = f"---\ntitle: {document.title}\noutlet: {document.outlet}\n---\n\n"
        (folder / f"{document.id}.md").write_text(header + document.raw, encoding="utf-8")
    return folder


async def _big_story(articles: int, words: int, presses: int) -> dict[str, float | int | str]:
    from textual.widgets import DataTable

    from bench.generate import generate_story
    from tui.app import StorydiffApp
    from tui.widgets.compare import CompareView

    documents = generate_story(articles, words=words)
    figures: dict[str, float | int | str] = {"articles": articles}
    app = StorydiffApp(documents=documents)
    start = time.perf_counter()
    async with app.run_test(size=(160, 48)) as pilot:
        table = app.screen.query_one("#articles", DataTable)
        while table.row_count == 0:
            await pilot.pause(0.01)
        figures["library_with_progress_s"] = time.perf_counter() - start
        while table.row_count < articles and app.aligning:
            await pilot.pause(0.01)
        figures["library_all_articles_s"] = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        figures["aligned_s"] = time.perf_counter() - start
        figures["passages"] = len(app.story.passages)
        figures["single_source"] = len(app.story.unique)

        async def timed(keys: Sequence[str]) -> list[float]:
            # CPU time of the process from the key press until the screen is composed again.
            # The pilot sleeps between steps (a no-op key costs ~65 ms of wall time, almost all
            # idle), so wall time would measure the harness; CPU time measures the app's work.
            times = []
            for number in range(presses):
                key = keys[number % len(keys)]
                began = time.process_time()
                await pilot.press(key)
                await pilot.pause()
                app.screen._compositor.render_update(full=True)
                times.append(time.process_time() - began)
            return times

        idle = await timed(["z"])
        figures["no_op_key_median_ms"] = statistics.median(idle) * 1000
        began = time.perf_counter()
        await pilot.press("2")
        await pilot.pause()
        figures["open_compare_s"] = time.perf_counter() - began
        rows = len(app.screen.query_one(CompareView).visible_rows)
        figures["compare_rows"] = rows
        compare = await timed(["d", "j", "j", "D"])
        figures["compare_key_median_ms"] = statistics.median(compare) * 1000
        figures["compare_key_p90_ms"] = statistics.quantiles(compare, n=10)[-1] * 1000
        figures["compare_key_max_ms"] = max(compare) * 1000
        swap = await timed(["x"])
        figures["compare_swap_median_ms"] = statistics.median(swap) * 1000
        began = time.perf_counter()
        await pilot.press("3")
        await pilot.pause()
        figures["open_passages_s"] = time.perf_counter() - began
        passages = await timed(["down"])
        figures["passages_key_median_ms"] = statistics.median(passages) * 1000
        figures["passages_key_p90_ms"] = statistics.quantiles(passages, n=10)[-1] * 1000
        figures["passages_key_max_ms"] = max(passages) * 1000
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args(argv)
    frames = [first_frame_seconds() for _ in range(3)]
    shown = ", ".join(f"{f:.2f}/{t:.2f}/{c:.2f}" for f, t, c in frames)
    print(
        f"seeds: first frame {min(frames)[0]:.2f} s wall, {min(c for _, _, c in frames):.2f} s"
        f" CPU; story shown {min(t for _, t, _ in frames):.2f} s"
        f" (3 runs, wall/story/CPU: {shown})"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = write_folder(Path(scratch) / "story", args.articles, args.words)
        frames = [first_frame_seconds([str(folder)], story=False) for _ in range(3)]
        shown = ", ".join(f"{f:.2f}/{c:.2f}" for f, _, c in frames)
        print(
            f"{args.articles}-article folder: first frame {min(frames)[0]:.2f} s wall,"
            f" {min(c for _, _, c in frames):.2f} s CPU (3 runs, wall/CPU: {shown})"
        )
        quits = [quit_while_building_seconds(folder) for _ in range(3)]
        shown = ", ".join(f"{q:.2f}" for q in quits)
        print(f"q while building: exited after {max(quits):.2f} s (worst of 3: {shown})")
    figures = asyncio.run(_big_story(args.articles, args.words, args.presses))
    for name, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name}: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
