"""Score how single-source sentences that copy wording join a retold fact, on a generated dev set.

    /work/venv/bin/python -m bench.copiers [--stories N] [--seed S] [--before]

A retold fact (``same_fact``) gains the sentences of other articles that copy a clause from
one of its members and name one of its participants (``story._with_copiers``). The dev set is
made here, never taken from the seeds: each story has three articles. Articles a and b retell
one fact in two wordings (``bench.facts.ACTIONS``) about an organisation's officer and a
second participant ("Veltro Energy chief Talvik Osembe sent a letter to Mirela Varga ...").
Article a's sentence ends in an attribution naming the organisation (", Veltro Energy said
in a statement to reporters.", or the form c's sentence copies). Article c has one sentence
of one of these kinds:

- *copies the fact*: a clause of a's sentence naming the participants, inside a sentence
  that differs around it ("Investigators say ... sent a letter to Mirela Varga asking for
  help with the inquiry, months before ..."). It should join the fact.
- *copies with attribution*: the same, with a's attribution copied too. It should join.
- *stock attribution*: another fact altogether (other names), ending in the same stock
  attribution naming the organisation (a participant). It must not join.
- *according to* / *said after*: the same, cited as "according to X" or ", said X".

Printed per kind: the stories where a and b came out in one passage as a retold fact (the
copier rule's case) or by their wording (the sentence tier's: c joins or not by wording, the
copier rule is not involved), and among each how often c's sentence joined that passage.
``--before`` measures the rule before attributions were set apart (any participant name in
the copied stretch counted). CPU seconds are printed too.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence

from bench.facts import ACTIONS, ORGS, PEOPLE, PLACES
from tui.core import story as story_module
from tui.core.model import REWRITE, Article, Document
from tui.core.story import story_from_documents

#: Actions whose wordings name {a} first, with both participants (a clause to copy).
_COPYABLE = [0, 3, 5, 6, 7]
#: Other facts, with participants of their own, for the stock-attribution sentences.
_OTHER_FACTS = [
    "Agents detained forty people at a warehouse in {p} on Thursday",
    "A fire destroyed two warehouses near the port of {p} overnight",
    "Flooding closed the main road into {p} for a third day",
    "Prices at the shops of {p} rose for the sixth month in a row",
]
_FILLERS = [
    "The talks went on for weeks before anything was agreed by anyone involved.",
    "Lawyers for the groups said they would keep fighting the plan in the courts.",
    "The matter was the largest of its kind this year, local officials told the paper.",
    "Several details remain unclear and no date has been set for a decision.",
]
_ORG_ONLY = [o for o in ORGS if not o.startswith("the ")]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def story_case(rng: random.Random, kind: str) -> tuple[list[Document], str]:
    """Three articles and the start of article c's test sentence."""
    org = rng.choice(_ORG_ONLY)
    officer, other = rng.sample(PEOPLE, 2)
    p = rng.choice(PLACES)
    action = ACTIONS[rng.choice(_COPYABLE)]
    one, two = rng.sample(action, 2)
    subject = f"{org} chief {officer}"
    told = one.format(a=subject, b=other, p=p, n=17).removesuffix(".")
    cited = {
        "stock attribution": f"{org} said in a statement to reporters",
        "according to": f"according to {org} officials speaking to reporters",
        "said after": f"said {org} in a statement to reporters",
    }
    a_text = _cap(told) + f", {cited.get(kind, cited['stock attribution'])}."
    # b names the officer in other words, so a and b share no run of wording of their own.
    b_text = _cap(two.format(a=f"{officer} of {org}", b=other, p=p, n=17))
    if kind == "copies with attribution":
        if told.startswith(subject):
            told = "the officer " + told.removeprefix(subject).strip()
        c_text = (
            f"Months before any hearing, investigators say {told}, "
            f"{cited['stock attribution']}, a claim the board denies."
        )
    elif kind == "copies the fact":
        if told.startswith(subject):
            told = "the officer " + told.removeprefix(subject).strip()
        c_text = f"Investigators say {told}, months before the first hearing."
    else:
        fact = rng.choice(_OTHER_FACTS).format(p=rng.choice([x for x in PLACES if x != p]))
        c_text = f"{fact}, {cited[kind]}."
    fill = rng.sample(_FILLERS, 3)
    docs = [
        Document(k, f"{k}.txt", f"{text}\n\n{filler}", outlet=k.upper())
        for k, text, filler in zip("abc", (a_text, b_text, c_text), fill, strict=True)
    ]
    return docs, c_text[:40]


def _before(article: Article, copy: tuple[int, int], names: Sequence[str]) -> bool:
    """The rule before attributions were set apart: any participant named in the copy."""
    copied = article.text[copy[0] : copy[1]]
    return any(re.search(rf"\b{re.escape(n)}\b", copied) for n in names)


def run(stories: int, seed: int) -> dict[str, Counter[str]]:
    rng = random.Random(seed)
    kinds = [
        "copies the fact",
        "copies with attribution",
        "stock attribution",
        "according to",
        "said after",
    ]
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in kinds}
    for _ in range(stories):
        for kind in kinds:
            docs, c_start = story_case(rng, kind)
            story = story_from_documents(docs)
            fact = [p for p in story.passages if {m.article for m in p.members} >= {"a", "b"}]
            counts[kind]["stories"] += 1
            if not fact:
                continue
            tier = "fact" if fact[0].kind == REWRITE else "wording"
            counts[kind][tier] += 1
            if any(m.article == "c" and m.text.startswith(c_start) for m in fact[0].members):
                counts[kind][f"{tier} joined"] += 1
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--before", action="store_true", help="the rule before this change")
    args = parser.parse_args(argv)
    if args.before:
        story_module._names_participant = _before
    started = time.process_time()
    counts = run(args.stories, args.seed)
    cpu = time.process_time() - started
    print(
        f"{'kind':<24} {'stories':>7} {'a+b fact':>8} {'c joined':>8}"
        f" {'a+b wording':>11} {'c joined':>8}  c should join"
    )
    for kind, c in counts.items():
        should = "yes" if kind.startswith("copies") else "no"
        print(
            f"{kind:<24} {c['stories']:>7} {c['fact']:>8} {c['fact joined']:>8}"
            f" {c['wording']:>11} {c['wording joined']:>8}  {should}"
        )
    print(f"cpu {cpu:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
