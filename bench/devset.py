"""A development set for the shared-wording tier, and how well the engine finds what it holds.

    .venv/bin/python -m bench.devset --stories 40

Every story is generated from its own vocabulary (nothing comes from the seeds): articles of
news-shaped sentences, made of real English function words and made-up content words and
names drawn with a Zipf-like skew, so common words repeat across articles the way they do in
news and rare ones do not. Into them it plants:

* **copies**: a stretch of 6-60 words taken from one article, starting and ending anywhere
  (mid-sentence, across sentence ends), planted inside a sentence of another article:
  verbatim, with small edits (a word changed, dropped or added every 8 or more words; case,
  quote style and punctuation changed), and in articles that are hard-wrapped (a line break
  every 60-80 characters; those are segmented without the cleaner, whose unwrapping is the
  input stage's job);
* **retold facts**: one fact (the same person, organisation, place and figure) told in two
  different sentence shapes in two articles;
* **swapped roles**: "X signed the accord with Y" / "Y signed the accord with X" and "X sued
  Y" / "Y sued X" (a relation that is not symmetric); also in
  the middle of a copy of three sentences that the other article runs into one long sentence
  ("S1. X signed ... Y ... S3." / "S1, and Y signed ... X ..., and s3"), with named and with
  unnamed parties: the copied sentences around it are shared wording, the swapped one is not;
* **coincidental figures**: the same figure counting the same kind of thing in two different
  places, made-up ones and well-known ones ("Madrid", "Paris");
* a swap of who sued whom as one clause of a longer sentence whose other clause both articles
  copy.

It reports, for the engine with the shared-wording tier off (``Settings.shared_wording``,
the sentence-level baseline, measured in the same run) and on:

* **recall** and **precision of shared characters** (letters and digits) over the copies, in
  the way of the PAN text-alignment measures: a character of a copy is found when it lies in a
  passage member whose passage also has a member in the copy's other article, covering the
  other side of the copy; a character of such a pair of members is precise when it lies inside a
  copy between those two articles, or inside the wording two targets share because both copy
  the same words of one source (the generator keeps each planted word's source word, so the
  gold holds, in each target, the span from the first to the last planted word of the source
  words both copies kept; without it a passage that rightly joins a source with two of its
  copies would count every character between the two copies as imprecise: "precision, copy
  pairs only" is that older figure). Retold facts, swapped roles and coincidental figures are
  left out of the character figures (they are neither copies nor noise to a copy finder) and
  counted on their own: how often each is joined in one passage, and in brackets how often
  in a passage of shared wording (the tier's own false joins of swapped roles and
  coincidental figures);
* **pieces per copy** (PAN's granularity): how many passages a found copy is cut into.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tui.core.model import REWRITE, SHARED_WORDING, Article, Story
from tui.core.segmenting import split_paragraphs, split_sentences
from tui.core.settings import DEFAULT, Settings
from tui.core.story import story_from_articles

FUNCTION_WORDS = (
    "the of and to a in that is was for on it with as he she at by from his her they "
    "be this have had not are but were which their an has been would said will who more "
    "after its also over than into about when there could two other some them only new"
).split()
#: Places English names often (2e-5 to 2e-4 per word in ``wordfreq``), for the coincidental
#: figures a name's rarity cannot tell apart.
WELL_KNOWN_PLACES = ("Madrid", "Paris", "London", "Berlin", "Chicago", "Moscow", "Sydney", "Texas")
_ONSETS = "b c d f g h k l m n p r s t v w br cr dr fl gr pl pr sk st tr".split()
_VOWELS = "a e i o u ai ea io ou".split()
_CODAS = ["", "", "n", "r", "s", "l", "t", "nd", "st", "rk"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    )


@dataclass
class Vocabulary:
    """One story's words: a Zipf-skewed draw of function and made-up content words."""

    words: list[str]
    weights: list[float]
    names: list[str]
    things: list[str]

    @classmethod
    def make(cls, rng: random.Random) -> Vocabulary:
        content = list(dict.fromkeys(_word(rng, rng.choice((1, 2, 2, 3))) for _ in range(900)))
        words = FUNCTION_WORDS + content
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(words))]
        names = [_word(rng, 2).capitalize() for _ in range(60)]
        things = [_word(rng, 2) + "s" for _ in range(30)]
        return cls(words, weights, names, things)

    def sentence(self, rng: random.Random) -> str:
        length = rng.randint(8, 30)
        words = rng.choices(self.words, self.weights, k=length)
        for _ in range(rng.randint(0, 2)):
            words[rng.randrange(length)] = rng.choice(self.names)
        if rng.random() < 0.3:
            words[rng.randrange(length)] = f"{rng.randint(10, 99_999):,}"
        if length > 12 and rng.random() < 0.5:
            words[rng.randrange(3, length - 3)] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."


@dataclass(frozen=True)
class Copy:
    """Characters ``source_start:source_end`` of article ``source`` planted, possibly edited,
    at ``target_start:target_end`` of article ``target``."""

    source: str
    source_start: int
    source_end: int
    target: str
    target_start: int
    target_end: int
    edited: bool
    wrapped: bool
    #: Each word of the source stretch the planted text keeps (not changed or dropped): its
    #: span in the source and in the target (``source_start, source_end, target_start,
    #: target_end``).
    words: tuple[tuple[int, int, int, int], ...] = ()


#: A copy as planned, in the source's original offsets: source, start, end, target, edited,
#: and each kept word's span in the source and in the planted text.
Planned = tuple[int, int, int, int, bool, tuple[tuple[int, int, int, int], ...]]


@dataclass
class DevStory:
    articles: list[Article]
    copies: list[Copy] = field(default_factory=list)
    #: (kind, article, start, end, article, start, end): pairs a copy finder should not report
    #: as copies: "retold", "swapped", "figure".
    pairs: list[tuple[str, str, int, int, str, int, int]] = field(default_factory=list)
    #: (article, start, end): planted text around a pair, shared but neither copy nor noise
    #: (the copied sentences around a swap in the middle of a copy): left out of precision.
    context: list[tuple[str, int, int]] = field(default_factory=list)


def _edit(words: list[str], rng: random.Random) -> tuple[list[str], list[int | None]]:
    """Small edits a subeditor makes: a word changed, dropped or added every 8+ words, and
    case, quote style and punctuation changed; with, for each word out, the index of the
    word of ``words`` it is (``None`` for a word changed or added)."""
    out = list(words)
    origin: list[int | None] = list(range(len(words)))
    position = rng.randint(3, 8)
    while position < len(out) - 2:
        change = rng.choice(("swap", "drop", "add"))
        if change == "swap":
            out[position] = _word(rng, 2)
            origin[position] = None
        elif change == "drop":
            del out[position]
            del origin[position]
        else:
            out.insert(position, rng.choice(FUNCTION_WORDS))
            origin.insert(position, None)
        position += rng.randint(8, 14)
    if rng.random() < 0.5:
        k = rng.randrange(len(out))
        out[k] = out[k].upper()
    if rng.random() < 0.5:
        k = rng.randrange(len(out))
        out[k] = f"“{out[k]}”"
    return out, origin


def article_from_text(identifier: str, text: str) -> Article:
    """An article of ``text`` as it is, segmented but not cleaned."""
    paragraphs = split_paragraphs(text)
    return Article(
        identifier,
        f"{identifier}.txt",
        None,
        identifier.upper(),
        None,
        text,
        (),
        tuple(paragraphs),
        tuple(split_sentences(text, paragraphs)),
    )


def make_story(rng: random.Random, articles: int = 5, copies: int = 6) -> DevStory:
    """One story: ``articles`` articles of 4-7 paragraphs and ``copies`` planted copies."""
    vocabulary = Vocabulary.make(rng)
    texts = [
        "\n\n".join(
            " ".join(vocabulary.sentence(rng) for _ in range(rng.randint(2, 5)))
            for _ in range(rng.randint(4, 7))
        )
        for _ in range(articles)
    ]
    words = [[m.span() for m in re.finditer(r"\S+", text)] for text in texts]
    # Insertions per article: (position in the original text, text, label); labelled spans
    # are kept in original offsets and moved once every insertion is made.
    inserts: list[list[tuple[int, str, str]]] = [[] for _ in texts]
    sources: list[list[tuple[int, int]]] = [[] for _ in texts]
    planned: list[Planned] = []
    for number in range(copies):
        source, target = rng.sample(range(articles), 2)
        length = rng.randint(6, 60)
        first = rng.randrange(0, max(1, len(words[source]) - length))
        last = min(len(words[source]), first + length) - 1
        start, end = words[source][first][0], words[source][last][1]
        stretch = texts[source][start:end].split()
        edited = number % 2 == 1
        out, origin = _edit(stretch, rng) if edited else (stretch, list(range(len(stretch))))
        planted = " ".join(out)
        aligned = []
        at = 0
        for word, k in zip(out, origin, strict=True):
            if k is not None:
                aligned.append((*words[source][first + k], at, at + len(word)))
            at += len(word) + 1
        sources[source].append((start, end))
        planned.append((source, start, end, target, edited, tuple(aligned)))
        inserts[target].append((_free_boundary(words[target], sources[target], rng), planted, ""))
    place, other_place, person, org, a, b = rng.sample(vocabulary.names, 6)
    thing = rng.choice(vocabulary.things)
    figure = f"{rng.randint(100, 9_999):,}"
    extras = [
        (
            "retold",
            f"{person} of the {org} said {figure} {thing} were found in {place}.",
            f"In {place}, investigators found {figure} {thing}, according to {person}, "
            f"who works for the {org}.",
        ),
        (
            "swapped",
            f"{a} signed the accord with {b} on the last day of the talks in {place}.",
            f"{b} signed the accord with {a} on the last day of the talks in {place}.",
        ),
        (
            "figure",
            f"At least {figure} {thing} were reported missing in {place} last week.",
            f"At least {figure} {thing} were reported missing in {other_place} last month.",
        ),
        # The shapes that hide a swap or a figure's place: honorifics (whose full stops end no
        # sentence), a swapped name that opens the sentence, "X and Y", and a source that
        # "told the <outlet>".
        (
            "swapped",
            f"Mr. {a} signed the accord with Ms. {b} on the last day of the talks in {place}.",
            f"Ms. {b} signed the accord with Mr. {a} on the last day of the talks in {place}.",
        ),
        (
            "swapped",
            f"{a} and {org} signed the accord with {b} on the last day of the talks.",
            f"{b} and {org} signed the accord with {a} on the last day of the talks.",
        ),
        (
            "figure",
            f"Police in {place} told the {org} that at least {figure} {thing} were missing.",
            f"Police in {other_place} told the {org} that at least {figure} {thing} were missing.",
        ),
    ]
    # A swap in the middle of a copy that one side runs into one long sentence; "[...]" marks
    # the swapped part, the pair's span.
    them, us = (f"the {rng.choice(vocabulary.things)}" for _ in range(2))
    for x, y in ((a, b), (them, us)):
        before, after = (vocabulary.sentence(rng)[:-1] for _ in range(2))
        tail = f"{rng.choice(vocabulary.things)} on the last day of the talks in {place}"
        extras.append(
            (
                "swapped",
                f"{before}. [{x[0].upper()}{x[1:]} signed the accord with {y} {tail}.] {after}.",
                f"{before}, and [{y} signed the accord with {x} {tail}], and "
                f"{after[0].lower()}{after[1:]}.",
            )
        )
    # An asymmetric relation too: swapping who signed with whom may be read as a paraphrase,
    # swapping who sued whom may not.
    sued = f"sued {{}} over the accord it signed in {place} last year"
    extras.append(("swapped", f"{a} {sued.format(b)}.", f"{b} {sued.format(a)}."))
    # The same swap as one clause of a longer sentence whose other clause (6-10 words) both
    # articles copy, before or after it: the copy is shared wording, the swap no retold fact.
    copied = " ".join(vocabulary.sentence(rng)[:-1].split()[: rng.randint(6, 10)])
    lower = f"{copied[0].lower()}{copied[1:]}"
    extras += [
        (
            "swapped",
            f"{copied}. [{a} {sued.format(b)}.]",
            f"[{b} {sued.format(a)}], and {lower}.",
        ),
        (
            "swapped",
            f"[{a} {sued.format(b)}.] {copied}.",
            f"{copied}, and [{b} {sued.format(a)}].",
        ),
    ]
    # Coincidental figures in well-known places, which English names often: a name's rarity
    # alone does not tell these apart.
    city, other_city = rng.sample(WELL_KNOWN_PLACES, 2)
    extras += [
        (
            "figure",
            f"At least {figure} {thing} were reported missing in {city} last week.",
            f"At least {figure} {thing} were reported missing in {other_city} last month.",
        ),
        (
            "figure",
            f"Police in {city} told the {org} that at least {figure} {thing} were missing.",
            f"Police in {other_city} told the {org} that at least {figure} {thing} were missing.",
        ),
    ]
    for number, (kind, one, two) in enumerate(extras):
        for article, sentence, side in zip(
            rng.sample(range(articles), 2), (one, two), "01", strict=True
        ):
            starts = [0] + [m.end() for m in re.finditer("\n\n", texts[article])]
            free = [p for p in starts if not any(s < p < e for s, e in sources[article])]
            mark = sentence.find("[")
            if mark >= 0:
                close = sentence.index("]")
                sentence = sentence.replace("[", "").replace("]", "")
                label = f"{kind}:{number}:{side}:{mark}:{close - 1}"
            else:
                label = f"{kind}:{number}:{side}:0:{len(sentence)}"
            inserts[article].append((rng.choice(free), sentence, label))
    return _assemble(texts, inserts, planned, extras, rng)


def _free_boundary(
    spans: list[tuple[int, int]], taken: list[tuple[int, int]], rng: random.Random
) -> int:
    """A word start of an article that lies inside no source stretch of it (mid-sentence)."""
    while True:
        position = spans[rng.randrange(1, len(spans))][0]
        if not any(start < position < end for start, end in taken):
            return position


def _assemble(
    texts: list[str],
    inserts: list[list[tuple[int, str, str]]],
    planned: list[Planned],
    extras: list[tuple[str, str, str]],
    rng: random.Random,
) -> DevStory:
    ids = [f"dev{n}" for n in range(len(texts))]
    wrapped = [rng.random() < 0.3 for _ in texts]
    final: list[str] = []
    placed: list[list[tuple[int, int, str]]] = []  # per article: new start, new end, label
    shifts: list[list[tuple[int, int]]] = []  # per article: (original position, length added)
    for a, text in enumerate(texts):
        out: list[str] = []
        cursor = added = 0
        here: list[tuple[int, int, str]] = []
        moved: list[tuple[int, int]] = []
        for _, (position, planted, label) in sorted(
            enumerate(inserts[a]), key=lambda item: (item[1][0], item[0])
        ):
            out.append(text[cursor:position])
            cursor = position
            new_start = position + added
            out.append(planted + " ")
            here.append((new_start, new_start + len(planted), label))
            added += len(planted) + 1
            moved.append((position, len(planted) + 1))
        out.append(text[cursor:])
        final.append("".join(out))
        placed.append(here)
        shifts.append(moved)

    def moved_to(a: int, offset: int) -> int:
        return offset + sum(n for position, n in shifts[a] if position <= offset)

    story = DevStory([])
    targets_of = [[(s, e) for s, e, label in placed[a] if not label] for a in range(len(texts))]
    # Copies were planted into each target in the order planned; ``rank`` maps that order
    # to the order of the planted texts in the article.
    order = {
        a: [
            k
            for k, _ in sorted(
                ((k, ins) for k, ins in enumerate(inserts[a]) if not ins[2]),
                key=lambda item: (item[1][0], item[0]),
            )
        ]
        for a in range(len(texts))
    }
    rank = {a: {k: r for r, k in enumerate(order[a])} for a in order}
    seen = {a: 0 for a in range(len(texts))}
    for source, start, end, target, edited, aligned in planned:
        k = seen[target]
        seen[target] += 1
        t_start, t_end = targets_of[target][rank[target][k]]
        story.copies.append(
            Copy(
                ids[source],
                moved_to(source, start),
                moved_to(source, end - 1) + 1,
                ids[target],
                t_start,
                t_end,
                edited,
                wrapped[target],
                tuple(
                    (
                        moved_to(source, w_start),
                        moved_to(source, w_end - 1) + 1,
                        t_start + p_start,
                        t_start + p_end,
                    )
                    for w_start, w_end, p_start, p_end in aligned
                ),
            )
        )
    for number, (kind, _one, _two) in enumerate(extras):
        ends = []
        for a in range(len(texts)):
            for s, e, label in placed[a]:
                if label.startswith(f"{kind}:{number}:"):
                    side, first, last = label.split(":")[2:]
                    ends.append((side, ids[a], s + int(first), s + int(last)))
                    if (int(first), int(last)) != (0, e - s):
                        story.context.append((ids[a], s, e))
        ends.sort()
        (_, a_id, s1, e1), (_, b_id, s2, e2) = ends
        story.pairs.append((kind, a_id, s1, e1, b_id, s2, e2))
    for a, text in enumerate(final):
        if wrapped[a]:
            # Hard wrapping turns spaces into line breaks: offsets do not move.
            paragraphs = [
                "\n".join(
                    textwrap.wrap(
                        p, rng.randint(60, 80), break_long_words=False, break_on_hyphens=False
                    )
                )
                for p in text.split("\n\n")
            ]
            wrapped_text = "\n\n".join(paragraphs)
            assert len(wrapped_text) == len(text)
            text = wrapped_text
        story.articles.append(article_from_text(ids[a], text))
    return story


def dev_stories(count: int, seed: int = 0) -> list[DevStory]:
    rng = random.Random(seed)
    return [make_story(rng) for _ in range(count)]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _alnum(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


@dataclass
class Scores:
    found: int = 0
    gold: int = 0
    precise: int = 0
    detected: int = 0
    #: Precise against the copies' pairs alone, as if two targets of one source shared
    #: nothing.
    pairwise_precise: int = 0
    #: The same, over passages that are not rewrites (the figure rule's joins left out).
    worded_precise: int = 0
    worded_detected: int = 0
    pieces: list[int] = field(default_factory=list)
    missed: int = 0
    joined: dict[str, list[bool]] = field(default_factory=dict)
    #: The same, joined by a passage of shared wording.
    joined_shared: dict[str, list[bool]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.precise / self.detected if self.detected else 1.0

    @property
    def pairwise_precision(self) -> float:
        return self.pairwise_precise / self.detected if self.detected else 1.0

    @property
    def worded_precision(self) -> float:
        return self.worded_precise / self.worded_detected if self.worded_detected else 1.0

    @property
    def granularity(self) -> float:
        return sum(self.pieces) / len(self.pieces) if self.pieces else 0.0


Gold = dict[tuple[str, str], set[tuple[str, int]]]


def _copy_gold(copies: Sequence[Copy], text: dict[str, str]) -> Gold:
    """Per pair of articles, the characters (article, offset) of the copies between them."""
    gold: Gold = {}
    for c in copies:
        found = gold.setdefault(_pair(c.source, c.target), set())
        found |= {(c.source, i) for i in _alnum(text[c.source], c.source_start, c.source_end)}
        found |= {(c.target, i) for i in _alnum(text[c.target], c.target_start, c.target_end)}
    return gold


def _shared_gold(copies: Sequence[Copy], text: dict[str, str], pairwise: Gold) -> Gold:
    """``pairwise`` with the wording two targets share because both copy the same words of
    one source: in each target, from the first to the last planted word of those source
    words (edits between them included, as a copy's own are)."""
    gold = {key: set(chars) for key, chars in pairwise.items()}
    for c, d in itertools.combinations(copies, 2):
        if c.source != d.source or c.target == d.target:
            continue
        common = {w[0] for w in c.words} & {w[0] for w in d.words}
        if not common:
            continue
        found = gold.setdefault(_pair(c.target, d.target), set())
        for copy in (c, d):
            spans = [
                (t_start, t_end) for s_start, _, t_start, t_end in copy.words if s_start in common
            ]
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            found |= {(copy.target, i) for i in _alnum(text[copy.target], start, end)}
    return gold


def score(dev: DevStory, story: Story, scores: Scores, only: str | None = None) -> None:
    """Add ``story``'s figures against ``dev``'s plants to ``scores``.

    ``only`` restricts to copies that are (``"edited"``, ``"wrapped"``) or are not
    (``"verbatim"``) edited."""
    text = {a.id: a.text for a in story.articles}
    copies = [
        c
        for c in dev.copies
        if only is None
        or (only == "edited" and c.edited)
        or (only == "verbatim" and not c.edited)
        or (only == "wrapped" and c.wrapped)
    ]
    pairwise = _copy_gold(dev.copies, text)
    gold = _shared_gold(dev.copies, text, pairwise)
    ignored: set[tuple[str, int]] = set()
    for _kind, a, s1, e1, b, s2, e2 in dev.pairs:
        ignored |= {(a, i) for i in range(s1, e1)} | {(b, i) for i in range(s2, e2)}
    for a, start, end in dev.context:
        ignored |= {(a, i) for i in range(start, end)}
    # Characters of each article joined with each other article.
    joined: dict[tuple[str, str], set[tuple[str, int]]] = {}
    worded: dict[tuple[str, str], set[tuple[str, int]]] = {}
    members_of: dict[tuple[str, str], list[tuple[str, int, int, str]]] = {}
    for passage in story.passages:
        if passage.kind != REWRITE:
            for x in passage.members:
                for y in passage.members:
                    if x.article < y.article:
                        chars = worded.setdefault((x.article, y.article), set())
                        chars |= {(x.article, i) for i in _alnum(text[x.article], x.start, x.end)}
                        chars |= {(y.article, i) for i in _alnum(text[y.article], y.start, y.end)}
        for x in passage.members:
            for y in passage.members:
                if x.article < y.article:
                    key = (x.article, y.article)
                    chars = joined.setdefault(key, set())
                    chars |= {(x.article, i) for i in _alnum(text[x.article], x.start, x.end)}
                    chars |= {(y.article, i) for i in _alnum(text[y.article], y.start, y.end)}
                    members_of.setdefault(key, []).append((x.article, x.start, x.end, passage.id))
                    members_of.setdefault(key, []).append((y.article, y.start, y.end, passage.id))
    if only is None:
        for key, chars in joined.items():
            counted = chars - ignored
            scores.detected += len(counted)
            scores.precise += len(counted & gold.get(key, set()))
            scores.pairwise_precise += len(counted & pairwise.get(key, set()))
        for key, chars in worded.items():
            counted = chars - ignored
            scores.worded_detected += len(counted)
            scores.worded_precise += len(counted & gold.get(key, set()))
    for c in copies:
        key = _pair(c.source, c.target)
        mine = {(c.source, i) for i in _alnum(text[c.source], c.source_start, c.source_end)}
        mine |= {(c.target, i) for i in _alnum(text[c.target], c.target_start, c.target_end)}
        found = mine & joined.get(key, set())
        scores.gold += len(mine)
        scores.found += len(found)
        pieces = {
            pid
            for article, start, end, pid in members_of.get(key, [])
            if article == c.target and start < c.target_end and c.target_start < end
        }
        if found:
            scores.pieces.append(len(pieces))
        else:
            scores.missed += 1
    if only is None:
        for kind, a, s1, e1, b, s2, e2 in dev.pairs:
            together = [
                p.kind
                for p in story.passages
                if (m := p.member_for(a)) is not None
                and (n := p.member_for(b)) is not None
                and m.start < e1
                and s1 < m.end
                and n.start < e2
                and s2 < n.end
            ]
            scores.joined.setdefault(kind, []).append(bool(together))
            scores.joined_shared.setdefault(kind, []).append(SHARED_WORDING in together)


def measure(stories: Sequence[DevStory], settings: Settings, only: str | None = None) -> Scores:
    scores = Scores()
    for dev in stories:
        score(dev, story_from_articles(dev.articles, settings=settings), scores, only)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.devset", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--stories", type=int, default=40, help="stories to generate")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    args = parser.parse_args(argv)
    stories = dev_stories(args.stories, args.seed)
    copies = sum(len(s.copies) for s in stories)
    print(
        f"{len(stories)} stories, {sum(len(s.articles) for s in stories)} articles, "
        f"{copies} planted copies of 6-60 words (half edited), "
        f"{sum(c.wrapped for s in stories for c in s.copies)} into hard-wrapped articles"
    )
    rows = []
    for name, settings in (
        ("sentence tier only (baseline)", replace(DEFAULT, shared_wording=False)),
        ("with shared wording", DEFAULT),
    ):
        every = measure(stories, settings)
        parts = {
            only: measure(stories, settings, only) for only in ("verbatim", "edited", "wrapped")
        }
        joined = {
            kind: f"{sum(v) / len(v):.2f} ({sum(every.joined_shared[kind]) / len(v):.2f})"
            for kind, v in every.joined.items()
        }
        rows.append(
            f"| {name} | {every.recall:.3f} | {parts['verbatim'].recall:.3f} | "
            f"{parts['edited'].recall:.3f} | {parts['wrapped'].recall:.3f} | "
            f"{every.precision:.3f} | {every.pairwise_precision:.3f} | "
            f"{every.worded_precision:.3f} | "
            f"{every.granularity:.2f} | {every.missed} | "
            f"{joined['retold']} | {joined['swapped']} | {joined['figure']} |"
        )
    print(
        "| engine | recall | verbatim | edited | wrapped | precision | precision, copy pairs "
        "only | precision without rewrites | pieces per copy | "
        "copies missed | retold joined (as shared wording) | swapped joined (as shared "
        "wording) | figure joined (as shared wording) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
