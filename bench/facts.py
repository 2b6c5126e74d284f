"""Score the fact-retold tier (``similarity.same_fact``) on a generated dev set.

    /work/venv/bin/python -m bench.facts [--pairs N] [--seed S] [--fit]

The dev set is made here, never taken from the seeds: invented and real-looking participants
(people, organisations, places) take part in actions, each action told in several wordings.
Positives are one fact told in two wordings; negatives share the participants but report
another fact ("Osembe met Varga" / "Osembe criticised Varga"), or report the same count about
another place ("17 people were wounded in Kabul" / "... in Madrid"). Every pair is judged as
the engine judges it: a wording match (``match_score``) or a fact match (``same_fact``),
with word weights from all the dev set's sentences. Printed: recall and false-positive rate of
each tier and of the two together, and which negatives were joined, to read.

``--fit`` refits the fact tier's two thresholds (``Settings.fact_min_names``,
``Settings.fact_action_overlap``) by 10-fold cross-validation: on nine folds of the pairs the
grid point with the best accuracy of the two tiers together is chosen (ties: the one nearest
the deployed values), and measured on the tenth; printed before (deployed constants) and
after (held-out decisions), then the point chosen on all pairs.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import replace

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
#: Organisations whose names are common enough in English to count only in part as a
#: participant (``Settings.fact_unique_frequency`` .. ``fact_name_frequency``).
KNOWN_ORGS = ["the IMF", "the Kremlin", "FEMA", "OPEC", "Interpol", "Gazprom", "Unicef", "OSHA"]
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


#: Wordings of some actions that name only the second participant ("{b} was sued over
#: unpaid royalties"), by the action's index in ``ACTIONS``: a fact retold with one
#: participant left out.
ONE_NAMED = {
    0: "{b} received a letter asking for help with the inquiry.",
    1: "{b} will be acquired in a deal worth ${n} million.",
    3: "{b} is being sued over royalties that were never paid.",
    7: "{b} was named the new chief executive.",
    5: "{b} was criticised for holding back the report.",
}


#: What one story is about: both sentences of a "same story" pair mention it.
TOPICS = ["pipeline dispute", "royalties row", "border inquiry", "harbour contract", "tax probe"]


#: A cost and a duration told three ways ({a} a participant, {p} a place, {n} millions, {m}
#: months): the words around each figure differ, the two figures and the name agree.
COST_AND_TIME = [
    "{a} put the cost of the {p} repairs at ${n} million and said the work would take {m} months.",
    "Fixing the {p} bridge is expected to run to ${n} million, {a} told reporters, with crews "
    "needing roughly {m} months to finish.",
    "According to {a}, the bill for the repair work in {p} should come to some ${n} million, "
    "spread over {m} months.",
]
#: The same two figures and participant in other facts.
COST_OTHER_FACT = [
    "{a} turned down a ${n} million loan from the {p} council that would have run for {m} months.",
    "{a} said the {p} ferry had lost ${n} million over the last {m} months.",
]


def _cost(template: str, a: str, p: str, n: float, m: int) -> str:
    return template.format(a=a, p=p, n=f"{n:g}", m=m)


def cost_pairs(count: int, seed: int) -> list[tuple[str, str, int, str]]:
    """Pairs of two-figure facts (drawn apart from ``dev_set``'s, so those stay as they
    were): a cost and a duration retold; the same figures in another fact, in another
    place."""
    rng = random.Random(f"cost-{seed}")
    pairs = []
    for _ in range(count):
        a = rng.choice(PEOPLE)
        p, other_place = rng.sample(PLACES, 2)
        n = rng.choice([12.5, 18.5, 42, 250, 1.2])
        m = rng.choice([14, 18, 30, 40])
        one, two = rng.sample(COST_AND_TIME, 2)
        pairs.append((_cost(one, a, p, n, m), _cost(two, a, p, n, m), 1, "two figures"))
        pairs.append(
            (
                _cost(one, a, p, n, m),
                _cost(rng.choice(COST_OTHER_FACT), a, p, n, m),
                0,
                "two figures, other fact",
            )
        )
        pairs.append(
            (
                _cost(one, a, p, n, m),
                _cost(two, a, other_place, n, m),
                0,
                "two figures, other place",
            )
        )
    return pairs


def _amid(template: str, topic: str, a: str, b: str, p: str, n: int) -> str:
    """A sentence of ``template`` told amid the story's topic and place."""
    return _fill(template, a, b, p, n).removesuffix(".") + f", amid the {p} {topic}."


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
        # A fact retold with one participant left out; another fact about that participant.
        one_named = rng.choice(sorted(ONE_NAMED))
        other = rng.choice([k for k in range(len(ACTIONS)) if k != one_named])
        full = rng.choice(ACTIONS[one_named])
        pairs.append(
            (_fill(full, a, b, p, n), _fill(ONE_NAMED[one_named], a, b, p, n), 1, "one named")
        )
        pairs.append(
            (
                _fill(rng.choice(ACTIONS[other]), a, b, p, n),
                _fill(ONE_NAMED[one_named], a, b, p, n),
                0,
                "one named, other fact",
            )
        )
        # A well-known organisation (a name that counts in part) with a rare one.
        org = rng.choice(KNOWN_ORGS)
        one, two = rng.sample(ACTIONS[first], 2)
        pairs.append((_fill(one, org, b, p, n), _fill(two, org, b, p, n), 1, "known org"))
        pairs.append(
            (
                _fill(one, org, b, p, n),
                _fill(rng.choice(ACTIONS[second]), org, b, p, n),
                0,
                "known org, other fact",
            )
        )
        # One story's sentences share its place and topic: the same fact retold, and another
        # fact about the same participants, each told amid the story's topic.
        topic = rng.choice(TOPICS)
        one, two = rng.sample(ACTIONS[first], 2)
        elsewhere = [ONE_NAMED[k] for k in sorted(ONE_NAMED) if k != first]
        amid = rng.choice(elsewhere), rng.choice(ACTIONS[second])
        pairs.append(
            (_amid(one, topic, a, b, p, n), _amid(two, topic, a, b, p, n), 1, "same story")
        )
        pairs.append(
            (
                _amid(one, topic, a, b, p, n),
                _amid(amid[rng.randrange(2)], topic, a, b, p, n),
                0,
                "same story, other fact",
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


FOLDS = 10
#: The grid the two fact thresholds are refitted over.
MIN_NAMES = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5)
ACTION_OVERLAP = tuple(round(0.02 * k, 2) for k in range(26))


def _rates(decided: Sequence[bool], pairs: Sequence[tuple[str, str, int, str]]) -> str:
    positives = [d for d, p in zip(decided, pairs, strict=True) if p[2]]
    negatives = [d for d, p in zip(decided, pairs, strict=True) if not p[2]]
    right = sum(d == bool(p[2]) for d, p in zip(decided, pairs, strict=True))
    return (
        f"accuracy {right / len(pairs):.3f}  recall {sum(positives) / len(positives):.3f}"
        f"  FPR {sum(negatives) / len(negatives):.3f}"
    )


def fit(pairs: Sequence[tuple[str, str, int, str]], seed: int) -> None:
    """Refit ``fact_min_names`` and ``fact_action_overlap`` by cross-validation (see above)."""
    table = {text: sim.features(text) for pair in pairs for text in pair[:2]}
    weights = sim.Weights(table.values(), DEFAULT.prior_sentences)
    wording = [sim.match_score(table[a], table[b], weights) is not None for a, b, _, _ in pairs]
    grid: dict[tuple[float, float], list[bool]] = {}
    for names in MIN_NAMES:
        for action in ACTION_OVERLAP:
            settings = replace(DEFAULT, fact_min_names=names, fact_action_overlap=action)
            grid[(names, action)] = [
                w or sim.same_fact(table[a], table[b], weights, settings) is not None
                for w, (a, b, _, _) in zip(wording, pairs, strict=True)
            ]
    deployed = (DEFAULT.fact_min_names, DEFAULT.fact_action_overlap)
    before = [
        w or sim.same_fact(table[a], table[b], weights) is not None
        for w, (a, b, _, _) in zip(wording, pairs, strict=True)
    ]
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    fold = [0] * len(pairs)
    for position, i in enumerate(order):
        fold[i] = position % FOLDS

    def best(rows: Sequence[int]) -> tuple[float, float]:
        def key(point: tuple[float, float]) -> tuple[int, float]:
            right = sum(grid[point][i] == bool(pairs[i][2]) for i in rows)
            distance = abs(point[0] - deployed[0]) + abs(point[1] - deployed[1])
            return right, -distance

        return max(grid, key=key)

    held_out = [False] * len(pairs)
    chosen = []
    for k in range(FOLDS):
        point = best([i for i in range(len(pairs)) if fold[i] != k])
        chosen.append(point)
        for i in range(len(pairs)):
            if fold[i] == k:
                held_out[i] = grid[point][i]
    print()
    print(f"Fact thresholds, {FOLDS}-fold CV over {len(pairs)} pairs (both tiers together):")
    print(f"  before: deployed {deployed}           {_rates(before, pairs)}")
    print(f"  after: refitted on 9 folds (held out) {_rates(held_out, pairs)}")
    print(f"  chosen per fold: {sorted(set(chosen))}")
    point = best(range(len(pairs)))
    print(f"  on all pairs: fact_min_names = {point[0]}, fact_action_overlap = {point[1]}")
    print(f"                {_rates(grid[point], pairs)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=300, help="facts to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=5, help="joined negatives to print")
    parser.add_argument("--fit", action="store_true", help="refit the fact thresholds by CV")
    args = parser.parse_args(argv)
    score(dev_set(args.pairs, args.seed), args.show)
    print()
    # Two-figure facts, weighed apart (their words would change the weights above).
    score(cost_pairs(args.pairs, args.seed), args.show)
    if args.fit:
        fit(dev_set(args.pairs, args.seed), args.seed)
    return 0


def score(pairs: Sequence[tuple[str, str, int, str]], show: int) -> None:
    """Print the share of each kind of pairs each tier joins (and ``show`` joined negatives)."""
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
        if _label == 0 and (wording or fact) and shown < show:
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


if __name__ == "__main__":
    sys.exit(main())
