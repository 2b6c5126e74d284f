"""Score the fact-retold tier (``similarity.same_fact``) on a generated dev set.

    /work/venv/bin/python -m bench.facts [--pairs N] [--seed S]

The dev set is made here, never taken from the seeds: invented and real-looking participants
(people, organisations, places) take part in actions, each action told in several wordings.
Positives are one fact told in two wordings; negatives share the participants but report
another fact ("Osembe met Varga" / "Osembe criticised Varga"), or report the same count about
another place ("17 people were wounded in Kabul" / "... in Madrid"). Every pair is judged as
the engine judges it: a wording match (``match_score``) or a fact match (``same_fact``),
with word weights from all the dev set's sentences. Printed: recall and false-positive rate of
each tier and of the two together, and which negatives were joined, to read.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence

from tui.core import similarity as sim
from tui.core.settings import DEFAULT

PEOPLE = [
    "Talvik Osembe",
    "Mirela Varga",
    "Johan Kestrel",
    "Anita Ruzicka",
    "Priya Venkataraman",
    "Oleksandr Hnatyuk",
    "Siobhan Carrow",
    "Tomasz Wierzba",
    "Kwame Asante-Boadu",
    "Lucia Ferrandiz",
    "Henrik Aalto",
    "Dalia Mourad",
]
ORGS = [
    "Norvane Holdings",
    "the Kelbridge Institute",
    "Strathmore Capital",
    "Veltro Energy",
    "the Ardent Foundation",
    "Pellinor Group",
    "Quillfeather Media",
    "Brackwater Mining",
]
PLACES = ["Qeshlan", "Tarvik", "Ostrava", "Kandahar", "Pamplona", "Trondheim", "Mosul", "Lviv"]

#: Each action in several wordings: {a}, {b} people or organisations, {p} a place, {n} a count.
ACTIONS = [
    [
        "{a} sent a letter to {b} asking for help with the inquiry.",
        "In a letter, {a} asked {b} to assist with the inquiry.",
        "{a} wrote to {b} requesting assistance with the investigation.",
    ],
    [
        "{a} agreed to buy {b} for {n} million dollars.",
        "{b} will be acquired by {a} in a deal worth ${n} million.",
        "{a} struck a ${n} million deal to take over {b}.",
    ],
    [
        "{a} resigned from the board of {b} on Tuesday.",
        "{a} stepped down as a director of {b} on Tuesday.",
        "On Tuesday {a} quit the board of {b}.",
    ],
    [
        "{a} sued {b} over unpaid royalties.",
        "{a} filed a lawsuit against {b}, claiming royalties were never paid.",
        "{a} has taken {b} to court over royalties it says it is owed.",
    ],
    [
        "{n} people were wounded in an explosion in {p}, said {a}.",
        "An explosion in {p} wounded {n} people, according to {a}.",
        "{a} said the blast in {p} left {n} people injured.",
    ],
    [
        "{a} met {b} in {p} to discuss the pipeline.",
        "{a} and {b} held talks on the pipeline in {p}.",
        "In {p}, {a} sat down with {b} for talks about the pipeline.",
    ],
    [
        "{a} criticised {b} for delaying the report.",
        "{a} accused {b} of holding back the report.",
        "{a} attacked {b} over the late report.",
    ],
    [
        "{a} appointed {b} as chief executive.",
        "{b} was named chief executive by {a}.",
        "{a} has chosen {b} to be its new chief executive.",
    ],
]


def _fill(template: str, a: str, b: str, p: str, n: int) -> str:
    text = template.format(a=a, b=b, p=p, n=n)
    return text[0].upper() + text[1:]


def dev_set(count: int, seed: int) -> list[tuple[str, str, int, str]]:
    """(sentence, sentence, label, kind) pairs: retold facts, other facts, other places."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        a, b = rng.sample(PEOPLE + ORGS, 2)
        p, other_place = rng.sample(PLACES, 2)
        n = rng.choice([17, 23, 140, 863, 1200])
        first, second = rng.sample(range(len(ACTIONS)), 2)
        one, two = rng.sample(ACTIONS[first], 2)
        pairs.append((_fill(one, a, b, p, n), _fill(two, a, b, p, n), 1, "retold"))
        pairs.append(
            (
                _fill(one, a, b, p, n),
                _fill(rng.choice(ACTIONS[second]), a, b, p, n),
                0,
                "other fact",
            )
        )
        c = rng.choice([x for x in PEOPLE + ORGS if x not in (a, b)])
        pairs.append(
            (
                _fill(ACTIONS[4][0], a, b, p, n),
                _fill(ACTIONS[4][1], c, b, other_place, n),
                0,
                "other place",
            )
        )
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=300, help="facts to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=5, help="joined negatives to print")
    args = parser.parse_args(argv)
    pairs = dev_set(args.pairs, args.seed)
    table = {text: sim.features(text) for pair in pairs for text in pair[:2]}
    weights = sim.Weights(table.values(), DEFAULT.prior_sentences)
    counts: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    shown = 0
    for first, second, _label, kind in pairs:
        a, b = table[first], table[second]
        wording = sim.match_score(a, b, weights) is not None
        fact = not wording and sim.same_fact(a, b, weights) is not None
        totals[kind] = totals.get(kind, 0) + 1
        for tier, joined in (("wording", wording), ("fact", fact), ("either", wording or fact)):
            counts[(kind, tier)] = counts.get((kind, tier), 0) + joined
        if kind != "retold" and (wording or fact) and shown < args.show:
            shown += 1
            print(f"joined ({kind}): {first} | {second}")
    print()
    print(f"{'pairs':<14} {'n':>5} {'wording':>8} {'fact':>6} {'either':>7}")
    for kind, n in totals.items():
        print(
            f"{kind:<14} {n:>5}"
            + "".join(
                f" {counts[(kind, t)] / n:>{w}.3f}"
                for t, w in (("wording", 8), ("fact", 6), ("either", 7))
            )
        )
    print("(retold: share joined = recall; other fact / other place: share joined = FPR)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
