"""CPU time of each part of the facts stage and of each export, on one built story.

    .venv/bin/python -m bench.scale FOLDER [--repeat 3]

Builds the story in ``FOLDER`` (for example one ``bench.generate`` wrote) once, then times,
``--repeat`` times each with the collector paused as in the build, the parts of
``tui.core.analysis.analyse`` (finding quotes and figures, grouping them, the figure
emphasis, who had it first and the shared-text matrices) and the JSON and Markdown exports,
printing the least CPU time of each. Run it at two sizes to see which part grows faster than
the story. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.core.collector import collector_paused
from tui.core.dates import parse_date
from tui.core.exporting import to_json_bytes, to_markdown
from tui.core.figures import emphasis, find_figures, group_figures
from tui.core.loading import load_paths
from tui.core.outlets import provenance
from tui.core.quotes import find_quotes, group_quotes
from tui.core.story import story_from_documents


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    loaded = load_paths([args.folder])
    story = story_from_documents(loaded.documents, loaded.problems)
    articles, passages, facts = story.articles, story.passages, story.facts
    dates = {a.id: parse_date(a.date) for a in articles}

    def figures() -> object:
        seen: dict[str, tuple[object, ...]] = {}  # a fresh cache each time, as in the build
        return [find_figures(a, seen) for a in articles]  # type: ignore[arg-type]

    parts: list[tuple[str, Callable[[], object]]] = [
        ("find quotes", lambda: [find_quotes(a) for a in articles]),
        ("find figures", figures),
        ("group quotes", lambda: group_quotes(facts.quotes, passages)),
        ("group figures", lambda: group_figures(facts.figures, passages, articles)),
        ("figure emphasis", lambda: emphasis(facts.figure_groups, passages)),
        ("first seen + shared text", lambda: provenance(articles, passages, dates)),
        ("JSON export", lambda: to_json_bytes(story)),
        ("Markdown export", lambda: to_markdown(story)),
    ]
    members = sum(len(p.members) for p in passages)
    print(f"{len(articles)} articles, {len(passages)} passages, {members} members")
    for name, part in parts:
        best = float("inf")
        for _ in range(args.repeat):
            with collector_paused():
                started = time.process_time()
                part()
                best = min(best, time.process_time() - started)
        print(f"  {name:<26} {best:7.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
