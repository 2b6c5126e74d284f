"""What the fact-checker's analyses (quotes, figures, dates, shared text) add to a build.

    .venv/bin/python -m bench.analyses --articles 1000 --repeat 3

Builds a generated story (``bench.generate``) ``--repeat`` times and reports the CPU time of
the "facts" stage against the rest of the build (clean, segment, index, align, diff), per run
and as the median share, measured in the same process. The target is at most 10%. A
benchmark, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence

from bench.generate import generate_story, load_seed_story
from tui.core.story import story_from_documents


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.analyses", description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    documents = generate_story(args.articles, args.seed, 600, load_seed_story())
    shares = []
    seconds: dict[str, float] = {}
    clock = 0.0

    def finished(stage: str) -> None:
        nonlocal clock
        now = time.process_time()
        seconds[stage] = now - clock
        clock = now

    for run in range(args.repeat):
        seconds.clear()
        clock = time.process_time()
        story = story_from_documents(documents, on_stage=finished)
        facts = seconds.pop("facts")
        rest = sum(seconds.values())
        shares.append(facts / rest)
        print(
            f"run {run + 1}: build without facts {rest:.2f} s CPU, facts {facts:.2f} s "
            f"(+{facts / rest:.1%}); {len(story.articles)} articles"
        )
    print(f"median: facts add {statistics.median(shares):.1%} to the build")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
