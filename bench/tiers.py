"""CPU time of each engine stage with the shared-wording tier off and on, in the same run.

    .venv/bin/python -m bench.tiers --articles 1000 --repeat 3

Builds one generated story (``bench.generate``), cleans it once, then builds the story from
the cleaned articles with ``Settings.shared_wording`` off and on, alternately, ``--repeat``
times each, and prints the best CPU time (``time.process_time``) of every stage for both.
The ratio compares like with like: same articles, same process, same machine load.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace

from bench.generate import generate_story, load_seed_story
from tui.core.settings import DEFAULT
from tui.core.story import make_articles, story_from_articles

STAGES = ("features/index", "align", "shared wording", "diff", "nearest")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.tiers", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    articles = make_articles(generate_story(args.articles, 0, args.words, load_seed_story()))
    configurations = {"tier off": replace(DEFAULT, shared_wording=False), "tier on": DEFAULT}
    best: dict[str, dict[str, float]] = {name: {} for name in configurations}
    for _ in range(args.repeat):
        for name, settings in configurations.items():
            seconds: dict[str, float] = {}
            clock = time.process_time()

            def finished(stage: str, seconds: dict[str, float] = seconds) -> None:
                nonlocal clock
                now = time.process_time()
                seconds[stage] = now - clock
                clock = now

            story_from_articles(articles, on_stage=finished, settings=settings)
            seconds["total"] = sum(seconds.values())
            for stage, value in seconds.items():
                best[name][stage] = min(best[name].get(stage, value), value)
    print(f"{args.articles} articles, best of {args.repeat} runs, CPU seconds")
    print("| stage | " + " | ".join(configurations) + " |")
    print("|---|" + "---|" * len(configurations))
    for stage in (*STAGES, "total"):
        print(f"| {stage} | " + " | ".join(f"{best[n][stage]:.2f}" for n in configurations) + " |")
    print(f"\ntier on / tier off: {best['tier on']['total'] / best['tier off']['total']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
