"""Time and memory of each engine stage on the seeds and on generated stories of growing size.

    .venv/bin/python -m bench.engine --sizes 5,100,1000

For the seeds and for each generated story (``bench.generate``, written to a temporary folder
and loaded from there like any user folder) it prints:

* time per stage (load, clean+segment, features/index, align, diff, export), the total, and
  the time per 1,000 words, so near-linear growth is visible: wall clock, and CPU seconds
  (this process and its worker processes: the figure to compare on a shared machine);
* each stage's growth exponent between consecutive sizes, log(t2/t1) / log(n2/n1) over CPU
  seconds and article counts (1 is linear);
* a floor measured in the same run: reading every file and splitting it into words
  (``str.split``, ``re.findall``), and the engine's CPU time as a multiple of it, a ratio
  that a busy machine changes less than the seconds;
* memory per stage: the peak of Python allocations during the stage (``tracemalloc``, in a
  second, separate run because tracing slows allocation-heavy code 2-3x), and the process's
  maximum resident set size (``resource.getrusage``) after the timed run;
* the naive baseline: every sentence compared with every sentence of the other articles with
  the same match decision (``match_score``) the aligner uses, in the same process. When there
  are more pairs than ``--naive-limit``, a fixed random sample of ``--naive-sample`` pairs is
  timed and the time for all pairs extrapolated; the output says which.

Times of small stories are the best of several runs (the first run also pays for imports and
regular-expression compilation); the largest story is run once. This is a benchmark, not a
test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import math
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import generate_story, load_seed_story, write_story
from tui.core.aligning import build_index
from tui.core.exporting import to_json_chunks, to_markdown_chunks, write_atomic
from tui.core.loading import load_paths
from tui.core.model import Story
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import match_score
from tui.core.story import SEEDS, story_from_documents

STAGES = (
    "load",
    "clean+segment",
    "features/index",
    "align",
    "shared wording",
    "diff",
    "nearest",
    "facts",
    "export",
)
#: Stories with fewer words than this are timed as the best of ``--repeats`` runs (and the
#: first, which pays for imports).
SMALL_WORDS = 100_000
SMALL_REPEATS = 5


@dataclass
class Measure:
    """One run of the pipeline: seconds per stage, and bytes per stage when traced."""

    seconds: dict[str, float] = field(default_factory=dict)
    #: CPU seconds of this process and of the worker processes that ended during the stage.
    cpu: dict[str, float] = field(default_factory=dict)
    peak: dict[str, int] = field(default_factory=dict)
    story: Story | None = None


def _cpu() -> float:
    """CPU seconds of this process and of its ended children (the engine's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_pipeline(folder: Path, out: Path, trace: bool, settings: Settings = DEFAULT) -> Measure:
    """Load ``folder``, build the story and export it to ``out``, measuring every stage."""
    measure = Measure()
    gc.collect()
    if trace:
        tracemalloc.start()
    clock = time.perf_counter()
    cpu = _cpu()

    def finished(stage: str) -> None:
        nonlocal clock, cpu
        now = time.perf_counter()
        measure.seconds[stage] = now - clock
        measure.cpu[stage] = _cpu() - cpu
        if trace:
            measure.peak[stage] = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
        clock = time.perf_counter()
        cpu = _cpu()

    loaded = load_paths([folder], settings=settings)
    finished("load")
    story = story_from_documents(
        loaded.documents, loaded.problems, on_stage=finished, settings=settings
    )
    write_atomic(out / "story.json", to_json_chunks(story), overwrite=True)
    write_atomic(out / "story.md", to_markdown_chunks(story), overwrite=True)
    finished("export")
    if trace:
        tracemalloc.stop()
    measure.story = story
    return measure


@dataclass
class Naive:
    pairs: int
    timed_pairs: int
    seconds: float

    @property
    def extrapolated(self) -> bool:
        return self.timed_pairs < self.pairs


def naive_all_pairs(story: Story, limit: int, sample: int, seed: int = 0) -> Naive:
    """Time the aligner's match decision (``match_score``) on every cross-article sentence
    pair, or on a sample of them."""
    index = build_index(story.articles)
    sentences = list(zip(index.keys, index.features, strict=True))
    n = len(sentences)
    per_article: dict[int, int] = {}
    for (article, _), _ in sentences:
        per_article[article] = per_article.get(article, 0) + 1
    total = (n * n - sum(c * c for c in per_article.values())) // 2
    weights = index.weights
    if total <= limit:
        start = time.perf_counter()
        for i, ((a, _), left) in enumerate(sentences):
            for (b, _), right in sentences[i + 1 :]:
                if a != b:
                    match_score(left, right, weights, index.settings)
        return Naive(total, total, time.perf_counter() - start)
    rng = random.Random(seed)
    chosen: list[tuple[int, int]] = []
    while len(chosen) < sample:
        i, j = rng.randrange(n), rng.randrange(n)
        if sentences[i][0][0] != sentences[j][0][0]:
            chosen.append((i, j))
    start = time.perf_counter()
    for i, j in chosen:
        match_score(sentences[i][1], sentences[j][1], weights, index.settings)
    elapsed = time.perf_counter() - start
    return Naive(total, sample, elapsed * total / sample)


@dataclass
class Case:
    name: str
    folder: Path
    articles: int = 0
    words: int = 0
    sentences: int = 0
    passages: int = 0
    best: Measure = field(default_factory=Measure)
    traced: Measure = field(default_factory=Measure)
    rss_mb: float = 0.0
    worker_rss_mb: float = 0.0
    naive: Naive | None = None
    #: CPU seconds to read every file and split it into words (the floor).
    floor: float = 0.0


def _max_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss * scale / 2**20


def read_floor(folder: Path, repeats: int = 3) -> float:
    """CPU seconds, best of ``repeats``, to read every file under ``folder`` and split it
    into words twice (on spaces, and into runs of word characters)."""
    best = math.inf
    for _ in range(repeats):
        start = time.process_time()
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                text.split()
                _WORD.findall(text)
        best = min(best, time.process_time() - start)
    return best


_WORD = re.compile(r"\w+")


def measure_case(case: Case, args: argparse.Namespace, say: Callable[[str], None]) -> None:
    settings = Settings(processes=args.processes)
    case.floor = read_floor(case.folder)
    with tempfile.TemporaryDirectory(prefix="storydiff-bench-out-") as tmp:
        out = Path(tmp)
        first = run_pipeline(case.folder, out, trace=False, settings=settings)
        story = first.story
        assert story is not None
        case.articles = len(story.articles)
        case.words = sum(a.word_count for a in story.articles)
        case.sentences = sum(len(a.sentences) for a in story.articles)
        case.passages = len(story.passages)
        runs = [first]
        if case.words < SMALL_WORDS:
            runs += [
                run_pipeline(case.folder, out, trace=False, settings=settings)
                for _ in range(args.repeats)
            ]
        best = min(runs, key=lambda m: sum(m.cpu.values()))
        best.story = None
        case.best = best
        case.rss_mb = _max_rss_mb()
        case.worker_rss_mb = _max_rss_mb(resource.RUSAGE_CHILDREN)
        say(
            f"  {case.name}: {sum(best.seconds.values()):.3f} s wall,"
            f" {sum(best.cpu.values()):.3f} s CPU"
            f" (the process's first build: {sum(first.cpu.values()):.3f} s CPU)"
        )
        if not args.no_trace:
            case.traced = run_pipeline(case.folder, out, trace=True, settings=settings)
            case.traced.story = None
        if not args.no_naive:
            case.naive = naive_all_pairs(story, args.naive_limit, args.naive_sample, args.seed)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _milliseconds(seconds: float) -> str:
    """Milliseconds, to a tenth below 100 (the seeds' stages take a few)."""
    return f"{seconds * 1000:.1f}" if seconds < 0.1 else f"{seconds * 1000:.0f}"


def _exponent(t1: float, t2: float, span: float) -> str:
    """log(t2 / t1) / span, where span is log(n2 / n1)."""
    return f"{math.log(t2 / t1) / span:.2f}" if t1 > 0 and t2 > 0 else "-"


def report(cases: Sequence[Case], args: argparse.Namespace) -> str:
    out = []
    rows = []
    for c in cases:
        total = sum(c.best.seconds.values())
        rows.append(
            [
                c.name,
                str(c.articles),
                f"{c.words:,}",
                f"{c.sentences:,}",
                *(f"{c.best.seconds[s] * 1000:.0f}" for s in STAGES),
                f"{total * 1000:.0f}",
                f"{total * 1000 / (c.words / 1000):.1f}",
            ]
        )
    out.append(
        "Time per stage, milliseconds (wall clock; small stories: the run of least CPU of "
        f"{args.repeats + 1} runs, others: one run; processes: {args.processes or 'all cores'})"
    )
    out.append(
        _table(["story", "articles", "words", "sentences", *STAGES, "total", "ms/1k words"], rows)
    )
    rows = []
    for c in cases:
        total = sum(c.best.cpu.values())
        rows.append(
            [
                c.name,
                *(_milliseconds(c.best.cpu[s]) for s in STAGES),
                _milliseconds(total),
                f"{c.floor * 1000:.0f}",
                f"{total / c.floor:.0f}x" if c.floor > 0 else "-",
                f"{c.rss_mb:.0f}",
                f"{c.worker_rss_mb:.0f}",
            ]
        )
    out.append("")
    out.append(
        "CPU time per stage, milliseconds (this process and its workers), against the floor"
        " measured in the same run (read every file, split it into words); max RSS of this"
        " process and of the largest worker so far, MB"
    )
    out.append(
        _table(["story", *STAGES, "total", "floor", "x floor", "max RSS", "worker RSS"], rows)
    )
    generated = [c for c in cases if c.name != "seeds"]
    rows = []
    for small, big in itertools.pairwise(generated):
        if small.articles <= 0 or big.articles <= small.articles:
            continue
        span = math.log(big.articles / small.articles)
        rows.append(
            [
                f"{small.articles} -> {big.articles}",
                *(_exponent(small.best.cpu[s], big.best.cpu[s], span) for s in STAGES),
                _exponent(sum(small.best.cpu.values()), sum(big.best.cpu.values()), span),
            ]
        )
    if rows:
        out.append("")
        out.append("Growth exponent of each stage's CPU time between sizes (1 = linear)")
        out.append(_table(["articles", *STAGES, "total"], rows))
    if not args.no_trace:
        rows = []
        for c in cases:
            rows.append(
                [
                    c.name,
                    *(f"{c.traced.peak[s] / 2**20:.1f}" for s in STAGES),
                    f"{max(c.traced.peak.values()) / 2**20:.1f}",
                    f"{c.rss_mb:.0f}",
                ]
            )
        out.append("")
        out.append(
            "Memory: peak Python allocations during each stage, MB (tracemalloc, separate run),"
            " and the process's max RSS, MB (getrusage, after the timed runs; it only grows)"
        )
        out.append(_table(["story", *STAGES, "peak", "max RSS"], rows))
    rows = []
    for c in cases:
        if c.naive is None:
            continue
        engine = c.best.seconds["features/index"] + c.best.seconds["align"]
        naive = c.best.seconds["features/index"] + c.naive.seconds
        how = (
            f"extrapolated from {c.naive.timed_pairs:,} sampled pairs"
            if c.naive.extrapolated
            else "all pairs timed"
        )
        rows.append(
            [
                c.name,
                f"{c.naive.pairs:,}",
                f"{naive:.2f}",
                f"{engine:.2f}",
                f"{naive / engine:.1f}x",
                how,
            ]
        )
    if not rows:
        return "\n".join(out)
    out.append("")
    out.append(
        "Against a naive all-pairs comparison (features + match_score() on every cross-article"
        " sentence pair) vs the engine's features/index + align, seconds"
    )
    out.append(_table(["story", "pairs", "naive s", "engine s", "ratio", "naive timing"], rows))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.engine", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--sizes", default="5,100,1000", help="generated story sizes (articles)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--words", type=int, default=600, help="words per generated article")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="Settings.processes: 0 every core (default), 1 a single process",
    )
    parser.add_argument("--no-naive", action="store_true", help="skip the naive all-pairs timing")
    parser.add_argument(
        "--repeats",
        type=int,
        default=SMALL_REPEATS,
        help="runs after the first of each small story; the least CPU is reported (a busy"
        " machine needs more)",
    )
    parser.add_argument(
        "--naive-limit", type=int, default=300_000, help="time all naive pairs up to this many"
    )
    parser.add_argument(
        "--naive-sample", type=int, default=30_000, help="pairs to time beyond the limit"
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes a comma-separated list of article counts, e.g. 5,100,1000")

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    cases = []
    with tempfile.TemporaryDirectory(prefix="storydiff-bench-") as tmp:
        seeds = load_seed_story()
        case_list = [Case("seeds", SEEDS)]
        for size in sizes:
            folder = Path(tmp) / f"story{size}"
            write_story(generate_story(size, args.seed, args.words, seeds), folder)
            case_list.append(Case(f"generated {size}", folder))
        say(f"python {sys.version.split()[0]}, measuring {len(case_list)} stories")
        for case in case_list:
            measure_case(case, args, say)
            cases.append(case)
    print(report(cases, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
