"""How often the disagreement warning fires on real news pairs, and on what.

    /work/venv/bin/python -m bench.disagreements [--msrp PATH] [--pairs N] [--show N]

Each MSRP train pair (two outlets' sentences, labelled paraphrase or not) is built as a
story of two one-sentence articles with the engine; for the pairs the engine joins into one
close-wording or same-wording passage it counts those with a warning, by label and by cause
(figures, a denial: "one says …", opposite words), and prints ``--show`` of them, drawn at
random, to read by hand.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.msrp import MSRP_PATH, read_pairs
from tui.core.model import REWRITE, Document
from tui.core.story import story_from_documents


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--msrp", type=Path, default=MSRP_PATH)
    parser.add_argument("--pairs", type=int, default=0, help="only the first N pairs (0: all)")
    parser.add_argument("--show", type=int, default=20, help="flagged pairs to print")
    args = parser.parse_args(argv)
    pairs = read_pairs(args.msrp)
    if args.pairs:
        pairs = pairs[: args.pairs]
    joined: Counter[int] = Counter()
    flagged: Counter[tuple[int, str]] = Counter()
    shown: list[tuple[int, str, str, tuple[str, ...]]] = []
    started = time.process_time()
    for pair in pairs:
        documents = [
            Document(id=k, source=f"{k}.txt", raw=text, structured=True)
            for k, text in (("a", pair.first), ("b", pair.second))
        ]
        story = story_from_documents(documents)
        passages = [
            p for p in story.passages if len(p.members) == 2 and p.kind != REWRITE and not p.within
        ]
        if not passages:
            continue
        joined[pair.label] += 1
        said = tuple(d for p in passages for d in p.disagreements)
        if said:
            causes = {d.split(":")[0].split()[0] for d in said}
            for cause in causes:
                flagged[pair.label, cause] += 1
            flagged[pair.label, "any"] += 1
            shown.append((pair.label, pair.first, pair.second, said))
    cpu = time.process_time() - started
    print(f"{len(pairs)} MSRP train pairs, {cpu:.1f} s CPU")
    for label, name in ((1, "paraphrases"), (0, "non-paraphrases")):
        total = joined[label]
        line = ", ".join(
            f"{cause} {flagged[label, cause]}" for cause in ("any", "figures", "one", "opposite")
        )
        print(f"{name}: {total} joined into one passage; warned: {line}")
    for label, first, second, said in random.Random(0).sample(shown, min(args.show, len(shown))):
        print(f"\n[{label}] {'; '.join(said)}\n  a: {first}\n  b: {second}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
