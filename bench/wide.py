"""Wording copied out of a widely shared sentence, on a generated dev set.

    /work/venv/bin/python -m bench.wide [--stories N] [--seed S]

A sentence that many outlets carry whole (a quote in six of them) is one sentence passage;
an outlet that quotes a piece of it inside a sentence of its own shares that wording with
every one of them. The first shared-wording search reads one member of such a passage
(more than ``Settings.absorb_max_members``: searching them all costs a search per member),
and the copy is then looked for in the passage's other members
(``story._copied_out_of_passages``).

Each story is made with ``bench.devset``'s vocabulary (nothing from the seeds): 7 to 12
articles of 4 to 7 paragraphs; one sentence, verbatim or with a small edit in some of them,
carried whole by 5 to all but two of them (``wide``); one other article holds a stretch of
6 to 20 of its words inside a sentence of its own (``fragment``), the last a sentence of its
own with five of the shared sentence's words put in at random places (``control``: shared
words, no copied run). Printed, per kind: the share of stories where the outlet's sentence
is joined with the wide passage, and the share of the (wide member, outlet) pairs a passage
joins: what a reader comparing any two of the outlets sees.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bench.devset import Vocabulary, _edit, article_from_text
from tui.core.model import Article, Story
from tui.core.settings import DEFAULT
from tui.core.story import story_from_articles


@dataclass
class WideStory:
    articles: list[Article]
    #: The articles carrying the shared sentence whole.
    wide: list[str]
    #: (article, start, end) of the fragment and of the control sentence.
    fragment: tuple[str, int, int]
    control: tuple[str, int, int]


def make_story(rng: random.Random) -> WideStory:
    vocabulary = Vocabulary.make(rng)
    count = rng.randint(7, 12)
    shared = vocabulary.sentence(rng)
    while len(shared.split()) < 14:
        shared = vocabulary.sentence(rng)
    words = shared.split()
    wide = rng.randint(5, count - 2)
    texts: list[list[str]] = []
    for n in range(count):
        paragraphs = [
            " ".join(vocabulary.sentence(rng) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(4, 7))
        ]
        if n < wide:
            carried = " ".join(_edit(words, rng)[0]) if rng.random() < 0.3 else shared
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), carried)
        texts.append(paragraphs)
    length = rng.randint(6, min(20, len(words) - 2))
    first = rng.randrange(len(words) - length + 1)
    piece = " ".join(words[first : first + length]).rstrip(".,")
    before = vocabulary.sentence(rng)[:-1].split()[: rng.randint(3, 8)]
    after = vocabulary.sentence(rng)[:-1].lower().split()[: rng.randint(3, 8)]
    fragment = " ".join([*before, piece, *after]) + "."
    own = vocabulary.sentence(rng)[:-1].split()
    for word in rng.sample(words, 5):
        own.insert(rng.randrange(len(own) + 1), word.strip(".,"))
    control = " ".join(own) + "."
    marked = {wide: fragment, wide + 1: control}
    articles = []
    spans = {}
    for n, paragraphs in enumerate(texts):
        identifier = f"w{n:02d}"
        if n in marked:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), marked[n])
        text = "\n\n".join(paragraphs)
        if n in marked:
            start = text.index(marked[n])
            spans[n] = (identifier, start, start + len(marked[n]))
        articles.append(article_from_text(identifier, text))
    return WideStory(articles, [f"w{n:02d}" for n in range(wide)], spans[wide], spans[wide + 1])


def joined(story: Story, wide: Sequence[str], place: tuple[str, int, int]) -> set[str]:
    """The wide articles a passage joins with the text at ``place``."""
    article, start, end = place
    found: set[str] = set()
    for passage in story.passages:
        member = passage.member_for(article)
        if member is None or not (member.start < end and start < member.end):
            continue
        found |= {m.article for m in passage.members} & set(wide)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.wide", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--stories", type=int, default=100, help="stories to generate")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    stories = [make_story(rng) for _ in range(args.stories)]
    kinds = ("fragment", "control")
    stories_joined = dict.fromkeys(kinds, 0)
    pairs_joined = dict.fromkeys(kinds, 0)
    pairs = sum(len(dev.wide) for dev in stories)
    cpu = time.process_time()
    for dev in stories:
        story = story_from_articles(dev.articles, settings=DEFAULT)
        for kind, place in zip(kinds, (dev.fragment, dev.control), strict=True):
            found = joined(story, dev.wide, place)
            stories_joined[kind] += bool(found)
            pairs_joined[kind] += len(found)
    cpu = time.process_time() - cpu
    print(
        f"{len(stories)} stories of {min(len(s.articles) for s in stories)}-"
        f"{max(len(s.articles) for s in stories)} articles, the shared sentence in "
        f"{min(len(s.wide) for s in stories)}-{max(len(s.wide) for s in stories)} of them"
    )
    print("| outlet's sentence | stories joined | (wide member, outlet) pairs joined |")
    print("|---|---|---|")
    for kind in kinds:
        print(
            f"| {kind} | {stories_joined[kind] / len(stories):.2f} "
            f"| {pairs_joined[kind] / pairs:.2f} |"
        )
    print(f"CPU {cpu:.2f} s (building the stories)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
