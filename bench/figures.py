"""Score the figure groups (``tui.core.figures``) on generated stories.

    /work/venv/bin/python -m bench.figures [--stories N] [--seed S] [--show K]

Each story has three to five articles reporting, each in its own words (one wording per
article, drawn from several), a project's cost, how long its work lasts, and how many people
something concerns; an article sometimes gives another value of one of them (a planted
disagreement: 4-30% off, or a round value of the same figure, which is no disagreement). Some
articles also report other quantities of the same kind: a much smaller sum for something
else said with the same verb ("New lighting will cost $2 million"), a sum close to the
project's for something else ("$45 million on a park"), a count of other people in another
place. Nothing here is taken from the seeds.

Printed: over pairs of figures in two articles, the share of those of one quantity that are
in one group (recall) and the share of those in one group that are of one quantity
(precision); the planted disagreements flagged; and the groups flagged as disagreeing that
mix two quantities (false disagreements), with ``--show`` of them printed to read.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.figures import DISAGREE
from tui.core.model import Document
from tui.core.story import story_from_documents

PROJECTS = [
    ("bridge repair", "repairs"),
    ("library expansion", "expansion"),
    ("water plant upgrade", "upgrade"),
    ("stadium renovation", "renovation"),
    ("rail line extension", "extension"),
    ("school rebuild", "rebuild"),
]
PLACES = ["Riverton", "Ashford", "Kelby", "Marlow", "Dunmore", "Penhallow", "Oakridge"]
MONTHS = ["March", "April", "June", "September", "October"]
COST = [
    "The {p} will cost ${v} million, most of it paid for by a state grant.",
    "The {p} carries a price tag of ${v} million, most of it covered by the state.",
    "Officials put the cost of the {p} at ${v} million.",
    "The city expects to spend ${v} million on the {p}, according to the budget office.",
    "The council approved ${v} million for the {p} on Tuesday night.",
    # Written close up, as British and wire copy does.
    "The {p} will cost ${v}m, most of it paid for by a state grant.",
]
DURATION = [
    "Work is expected to begin in {m} and last about {v} months.",
    "Crews should start in {m} and wrap up roughly {v} months later.",
    "The city expects the work to take about {v} months once it starts in {m}.",
    "The {p} is scheduled to take {v} months, starting in {m}.",
]
PEOPLE = [
    "About {v} residents signed a petition against the {p} in {c}.",
    "A petition opposing the {p} drew roughly {v} signatures from {c} residents.",
    "Some {v} people in {c} have signed a petition over the {p}.",
]
#: A measured length, often under 10 and with a decimal, spelled three ways: a small figure
#: with a unit of measure still says how much (drawn from a generator of its own, so the
#: other quantities' values stay as they were without it).
LENGTH = [
    "The {p} covers {v} km of roadway.",
    "Crews will resurface {v} kilometres of road as part of the {p}.",
    "The {p} spans {v} kilometers of streets, officials said.",
    "The {p} covers a {v}km stretch of roadway.",
]
#: Other quantities of the same kinds: never one of the three above.
OTHER = [
    ("money_small", "New lighting along the river will also cost ${v} million."),
    ("money_close", "Separately, the city will spend ${v} million on a new waterfront park."),
    ("people_other", "In {o}, about {v} residents signed a petition over parking fees."),
    ("duration_other", "The old span took {v} months to build in the 1960s."),
]


@dataclass(frozen=True)
class Planted:
    article: str
    value: float
    quantity: str


def _story(rng: random.Random, n: int) -> tuple[list[Document], list[Planted], set[str]]:
    project, _ = rng.choice(PROJECTS)
    city, other_city = rng.sample(PLACES, 2)
    month = rng.choice(MONTHS)
    cost = rng.randint(12, 95)
    months = rng.randint(10, 30)
    people = rng.randint(120, 990) * 10
    truth = {"cost": float(cost) * 1e6, "duration": float(months), "people": float(people)}
    ids = [f"s{rng.randrange(10**9)}-{k}" for k in range(n)]
    measured = random.Random(ids[0])
    truth["length"] = round(measured.uniform(1.5, 9.5), 1)
    length_off = measured.randrange(n) if measured.random() < 0.3 else None
    disputed: set[str] = set()
    # One quantity per story may be disputed: one article gives another value.
    dispute = rng.choice(["cost", "duration", "people", None])
    off_article = rng.randrange(n)
    documents, planted = [], []
    cost_forms = rng.sample(COST, k=min(n, len(COST)))
    for k, article in enumerate(ids):
        values = dict(truth)
        if dispute is not None and k == off_article:
            shift = rng.choice([-1, 1]) * rng.uniform(0.04, 0.3)
            value = values[dispute] * (1 + shift)
            values[dispute] = round(value / 1e6) * 1e6 if dispute == "cost" else round(value)
            if _beyond_rounding(values[dispute], truth[dispute]):
                disputed.add(dispute)
        if k == length_off:
            values["length"] = round(truth["length"] * (1 + measured.choice([-1, 1]) * 0.2), 1)
            disputed.add("length")
        sentences = [f"{city} council backs {project} plan."]
        parts = [
            ("cost", cost_forms[k % len(cost_forms)].format(p=project, v=_v(values["cost"]))),
            ("duration", rng.choice(DURATION).format(p=project, m=month, v=_v(values["duration"]))),
            ("people", rng.choice(PEOPLE).format(p=project, c=city, v=_v(values["people"]))),
        ]
        rng.shuffle(parts)
        parts.append(("length", measured.choice(LENGTH).format(p=project, v=_v(values["length"]))))
        if measured.random() < 0.3:  # another length, for something else
            values["length_other"] = round(values["length"] + measured.choice([-1.5, 1.5, 2.5]), 1)
            sentence = f"A separate bike path of {_v(values['length_other'])} km opened last year."
            parts.insert(measured.randrange(len(parts) + 1), ("length_other", sentence))
        if rng.random() < 0.6:
            kind, form = rng.choice(OTHER)
            if kind == "money_small":
                other = float(rng.randint(1, 5)) * 1e6
            elif kind == "money_close":
                other = float(cost + rng.choice([-3, -2, 2, 3])) * 1e6
            elif kind == "people_other":
                other = float(values["people"] + rng.choice([-30, 30, 40]))
            else:
                other = float(values["duration"] + rng.choice([-2, 2, 3]))
            if other not in values.values():  # one value, one quantity, in an article
                sentence = form.format(o=other_city, v=_v(other))
                parts.insert(rng.randrange(len(parts) + 1), (kind, sentence))
                values[kind] = other
        for quantity, sentence in parts:
            planted.append(Planted(article, values[quantity], quantity))
            sentences.append(sentence)
        documents.append(
            Document(article, f"{article}.txt", "\n\n".join(sentences), outlet=f"Outlet {k}")
        )
    return documents, planted, disputed


def _beyond_rounding(x: float, y: float) -> bool:
    """Whether two values written plainly ("$48 million", "about 20") cannot be one number
    given at two precisions: neither, rounded to the other's trailing zeros, is the other."""

    def precision(value: float) -> float:
        digits = str(int(value))
        return 10.0 ** (len(digits) - len(digits.rstrip("0")))

    coarse = max(precision(x), precision(y))
    return round(x / coarse) != round(y / coarse)


def _v(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:g}"
    return f"{value:g}" if value != int(value) else f"{value:,.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    same = same_found = grouped = grouped_right = 0
    planted_disputes = found_disputes = 0
    false_disputes: list[str] = []
    for _ in range(args.stories):
        documents, planted, disputed = _story(rng, rng.randint(3, 5))
        story = story_from_documents(documents)
        where = {(p.article, p.value): p.quantity for p in planted}
        group_of: dict[tuple[str, float], int] = {}
        for n, group in enumerate(story.facts.figure_groups):
            for figure in group.figures:
                group_of.setdefault((figure.article, figure.value), n)
            quantities = {where.get((f.article, f.value)) for f in group.figures}
            if group.status == DISAGREE:
                if len(quantities) > 1:
                    false_disputes.append(
                        " | ".join(f"{v.text} ({','.join(v.articles)})" for v in group.values)
                    )
                elif quantities & disputed:
                    found_disputes += 1
        planted_disputes += len(disputed)
        for x, y in itertools.combinations(planted, 2):
            if x.article == y.article:
                continue
            together = (x.article, x.value) in group_of and group_of[(x.article, x.value)] == (
                group_of.get((y.article, y.value))
            )
            if x.quantity == y.quantity:
                same += 1
                same_found += together
            if together:
                grouped += 1
                grouped_right += x.quantity == y.quantity
    print(f"stories {args.stories} (seed {args.seed})")
    print(f"pairs of one quantity grouped (recall): {same_found / max(1, same):.3f} of {same}")
    print(
        f"pairs grouped of one quantity (precision): {grouped_right / max(1, grouped):.3f}"
        f" of {grouped}"
    )
    print(f"planted disagreements flagged: {found_disputes} of {planted_disputes}")
    print(f"false disagreements (two quantities in one group): {len(false_disputes)}")
    for line in false_disputes[: args.show]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
