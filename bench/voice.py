"""Who did what to whom across the active and the passive voice, on generated pairs.

    /work/venv/bin/python -m bench.voice [--pairs N] [--seed S] [--show K]

Each pair is two one-sentence articles built into a story as the engine builds any story;
the pair counts as joined when one passage of sentences holds both, or one of shared wording
that covers three quarters of each. Eleven kinds of pair, each
from made-up names, verbs and adjuncts (nothing from the seeds):

- ``voice paraphrase``: "A was acquired by B on Monday." / "B acquired A on Monday." (one fact);
- ``voice swap``: "A was acquired by B on Monday." / "A acquired B on Monday." (two facts);
- ``passive swap``: "A was acquired by B …" / "B was acquired by A …" (two facts);
- ``active swap``: "A acquired B …" / "B acquired A …" (two facts; the order model's own case);
- ``passive copy``: one passive sentence and the same with an attribution added (one fact);
- ``fronted paraphrase`` / ``fronted swap``: the voice paraphrase and swap after a fronted
  adjunct ("On Friday, A was acquired by B." / "On Friday, B acquired A.");
- ``adjunct moved``: "A was acquired by B on Monday." / "A was acquired on Monday by B." (one
  fact, both passive);
- ``attribution moved``: "Officials said A was acquired by B …" / "A was acquired by B …,
  officials said." (one fact);
- ``time fronted`` / ``time fronted swap``: "B acquired A on Monday after a long dispute." /
  "On Monday, B acquired A after a long dispute." (one fact) or "… A acquired B …" (two): a
  time phrase taken from the middle of the sentence to its front.

Printed: the share of each kind joined (for one fact, higher is better; for two, lower).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence

from tui.core.model import SHARED_WORDING, Document
from tui.core.story import story_from_documents

NAMES = [
    "Tarvo Energy",
    "Lindmark Grid",
    "Kestrel Bank",
    "Orlen Rail",
    "Mayor Ana Ruiz",
    "Governor Paul Hedley",
    "the Harwick council",
    "the Dovecote Union",
    "Senator Ilse Brandt",
    "Marlow United",
    "the Quarry Workers Guild",
    "Halvard Shipping",
]
#: (past tense, participle)
VERBS = [
    ("acquired", "acquired"),
    ("bought", "bought"),
    ("sued", "sued"),
    ("criticised", "criticised"),
    ("endorsed", "endorsed"),
    ("defeated", "defeated"),
    ("beat", "beaten"),
    ("hired", "hired"),
    ("fined", "fined"),
    ("overtook", "overtaken"),
    ("praised", "praised"),
    ("replaced", "replaced"),
    ("chose", "chosen"),
    ("warned", "warned"),
]
ADJUNCTS = [
    "on Monday",
    "in a statement on Tuesday",
    "after a long dispute",
    "last week",
    "in Brussels on Friday",
    "for the second time this year",
]
FRONTS = ["On Friday", "After a long debate", "In Brussels", "For the second time this year"]
TIMES = ["on Monday", "on Friday", "last March", "in January", "on Feb. 7"]
TAILS = ["after a long dispute", "in Brussels", "for the second time this year", "at the summit"]
KINDS = (
    "voice paraphrase",
    "voice swap",
    "passive swap",
    "active swap",
    "passive copy",
    "fronted paraphrase",
    "fronted swap",
    "adjunct moved",
    "attribution moved",
    "time fronted",
    "time fronted swap",
)
ONE_FACT = frozenset(
    {
        "voice paraphrase",
        "passive copy",
        "fronted paraphrase",
        "adjunct moved",
        "attribution moved",
        "time fronted",
    }
)


def _capital(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def pair(rng: random.Random, kind: str) -> tuple[str, str]:
    """Two sentences of ``kind``."""
    a, b = rng.sample(NAMES, 2)
    past, participle = rng.choice(VERBS)
    adjunct = rng.choice(ADJUNCTS)
    passive = f"{a} was {participle} by {b} {adjunct}."
    if kind == "voice paraphrase":
        other = f"{b} {past} {a} {adjunct}."
    elif kind == "voice swap":
        other = f"{a} {past} {b} {adjunct}."
    elif kind == "passive swap":
        other = f"{b} was {participle} by {a} {adjunct}."
    elif kind == "active swap":
        passive, other = f"{a} {past} {b} {adjunct}.", f"{b} {past} {a} {adjunct}."
    elif kind in ("fronted paraphrase", "fronted swap"):
        front = rng.choice(FRONTS)
        passive = f"{front}, {a} was {participle} by {b}."
        doer, done = (b, a) if kind == "fronted paraphrase" else (a, b)
        other = f"{front}, {doer} {past} {done}."
    elif kind == "adjunct moved":
        other = f"{a} was {participle} {adjunct} by {b}."
    elif kind in ("time fronted", "time fronted swap"):
        time, tail = rng.choice(TIMES), rng.choice(TAILS)
        passive = f"{b} {past} {a} {time} {tail}."
        doer, done = (b, a) if kind == "time fronted" else (a, b)
        other = f"{_capital(time)}, {doer} {past} {done} {tail}."
    elif kind == "attribution moved":
        passive = f"Officials said {a} was {participle} by {b} {adjunct}."
        other = f"{a} was {participle} by {b} {adjunct}, officials said."
    else:
        other = f"{a} was {participle} by {b} {adjunct}, officials said."
    return _capital(passive), _capital(other)


def joined(first: str, second: str) -> bool:
    """Whether the engine puts the two sentences, each an article, in one passage of
    sentences (same or close wording, or a rewrite) or of shared wording that covers three
    quarters of each: an adjunct both copy ("… Senator Ilse Brandt for the second time this
    year") is shared wording, no claim that the two tell one fact."""
    story = story_from_documents(
        [
            Document(id="x", source="x.txt", raw=first, structured=True),
            Document(id="y", source="y.txt", raw=second, structured=True),
        ]
    )
    length = {"x": len(first), "y": len(second)}
    return any(
        len({m.article for m in p.members}) == 2
        and (
            p.kind != SHARED_WORDING
            or all(4 * (m.end - m.start) >= 3 * length[m.article] for m in p.members)
        )
        for p in story.passages
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=60, help="pairs of each kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="wrong decisions printed per kind")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"{args.pairs} pairs of each kind (seed {args.seed})")
    for kind in KINDS:
        wrong = []
        count = 0
        for _ in range(args.pairs):
            first, second = pair(rng, kind)
            together = joined(first, second)
            count += together
            if together != (kind in ONE_FACT):
                wrong.append(f"{first} | {second}")
        want = "one fact: joined is right" if kind in ONE_FACT else "two facts: joined is wrong"
        print(f"{kind:18} joined {count / args.pairs:.3f} ({want})")
        for line in wrong[: args.show]:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
