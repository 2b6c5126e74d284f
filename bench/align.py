"""CPU time and memory of the align stage's candidate search and scoring, on its own.

    .venv/bin/python -m bench.align --articles 1000

Builds a generated story's sentence index in one process, then times (CPU seconds, best of
``--repeat`` runs) the probes, the candidate pairs and ``_scored_matches`` (candidates and
scoring together, every match built as the clustering reads it), and measures with
``tracemalloc`` the index's size and the peak that ``_scored_matches`` adds above it.
A benchmark, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections import deque

from bench.generate import generate_story
from tui.core.aligning import (
    SentenceIndex,
    _candidate_pairs,
    _probes,
    _scored_matches,
    build_index,
)
from tui.core.settings import Settings
from tui.core.story import make_articles


def built_matches(index: SentenceIndex) -> int:
    """Run ``_scored_matches`` and build every match it yields (its matches come as a lazy
    iterator, beside the vetoes: consuming the pair of them built none); their number."""
    matches, _ = _scored_matches(index)
    counted = deque(enumerate(matches, 1), maxlen=1)
    return counted[0][0] if counted else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    settings = Settings(processes=1)
    articles = make_articles(generate_story(args.articles, seed=args.seed), settings=settings)
    gc.disable()  # as in the engine's build (``collector_paused``)
    tracemalloc.start()
    index = build_index(articles, settings)
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    count = built_matches(index)
    peak = tracemalloc.get_traced_memory()[1] - size
    tracemalloc.stop()
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, run in (
            ("probes", lambda: _probes(index)),
            ("probes + candidate pairs", lambda: _candidate_pairs(index)),
            ("candidates + scoring", lambda: built_matches(index)),
        ):
            start = time.process_time()
            run()
            best[name] = min(best.get(name, 1e9), time.process_time() - start)
    print(f"{args.articles} articles, {len(index.features):,} sentences, {count:,} matches")
    for name, seconds in best.items():
        print(f"  {name:26} {seconds:6.2f} s CPU")
    print(f"  index (tracemalloc)        {size / 1e6:6.1f} MB")
    print(f"  align peak above index     {peak / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
