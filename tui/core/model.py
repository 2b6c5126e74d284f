"""The plain, immutable data that every stage hands to the next and the app renders.

Offsets are always character offsets into ``Article.text`` (the cleaned body), so
``article.text[start:end]`` is exactly what a span shows.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.analysis import Analysis

from tui.core.analytics import Analytics


@dataclass(frozen=True, slots=True)
class Problem:
    """One input that could not be used (or only partly), told in one line."""

    source: str
    message: str
    #: True for a line that only informs (a file read as Windows-1252, subfolders not
    #: read): nothing was lost, so ``--strict`` does not count it.
    notice: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded article before cleaning: raw text plus what the file itself says about it."""

    id: str
    source: str
    raw: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    #: Furniture already taken out by the loader (for example by an HTML extractor).
    removed: tuple[str, ...] = ()
    #: True when the title, date and so on came from structured metadata, so the cleaner
    #: must not look for a title line in the text.
    structured: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # Pickled as a call with its fields: a frozen slotted class's default state is set
        # back field by field, and the pool's workers send back every article's spans.
        return Span, (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    #: Zero-based index of the paragraph the sentence sits in.
    paragraph: int

    def __reduce__(self) -> tuple[type[Sentence], tuple[int, int, int]]:
        # As ``Span.__reduce__``.
        return Sentence, (self.start, self.end, self.paragraph)


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str
    title: str | None
    outlet: str | None
    date: str | None
    text: str
    removed: tuple[str, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    url: str | None = None
    author: str | None = None
    #: Where each of ``removed`` was taken out: the offset in ``text`` it stood before
    #: (``len(text)`` at the end, and for furniture a loader removed without saying where).
    removed_at: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        """The name a reader knows the article by: its outlet, else its file name."""
        return self.outlet or self.id

    @property
    def word_count(self) -> int:
        from tui.core.segmenting import count_words  # segmenting builds on this module

        return count_words(self.text)

    def paragraph_at(self, offset: int) -> int:
        """The one-based number of the paragraph holding ``offset`` (the paragraph before it,
        between two)."""
        return max(1, bisect_right([p.start for p in self.paragraphs], offset))


@dataclass(frozen=True, slots=True)
class Member:
    """One article's version of a shared passage."""

    article: str
    start: int
    end: int
    text: str
    #: Indices (into ``Article.sentences``) of the sentences the member covers (touches,
    #: for shared wording that starts or ends inside a sentence).
    first_sentence: int
    last_sentence: int


@dataclass(frozen=True, slots=True)
class Nearest:
    """The closest text another article has to a single-source run, and what it lacks."""

    article: str
    start: int
    end: int
    #: The sentence matcher's similarity of the run's closest sentence and this candidate,
    #: 0..1, rounded down to thousandths.
    score: float
    #: The run's rare words (names, figures) the candidate does not have, rarest first.
    missing: tuple[str, ...] = ()
    #: For the best candidate, what kept it apart when it is alike enough to match:
    #: "names in another order", "another name: Madrid / Paris", "figures differ: 17 / 21",
    #: "already in passage p3" (it matched, but joined another passage); empty when it is
    #: simply not alike enough, and for the other candidates.
    kept_apart: str = ""

    def __reduce__(
        self,
    ) -> tuple[type[Nearest], tuple[str, int, int, float, tuple[str, ...], str]]:
        # As ``Span.__reduce__``: the nearest stage's workers send back every run.
        fields = (self.article, self.start, self.end, self.score, self.missing)
        return Nearest, (*fields, self.kept_apart)


@dataclass(frozen=True, slots=True)
class Unique:
    """A run of text found in one article only (whole sentences, or what is left of one
    beside shared wording)."""

    article: str
    start: int
    end: int
    text: str
    #: Indices (into ``Article.sentences``) of the first and last sentence the run touches.
    first_sentence: int
    last_sentence: int
    #: The closest candidate in other articles, best first (empty when none shares a word).
    nearest: tuple[Nearest, ...] = ()

    def __reduce__(
        self,
    ) -> tuple[type[Unique], tuple[str, int, int, str, int, int, tuple[Nearest, ...]]]:
        # As ``Span.__reduce__``: the nearest stage's workers send back every run.
        fields = (self.article, self.start, self.end, self.text, self.first_sentence)
        return Unique, (*fields, self.last_sentence, self.nearest)


@dataclass(frozen=True, slots=True)
class Remnant:
    """What is left of a sentence beside a passage's member ("grant." after a copied
    clause): a few words that hold no figure, name, denial or quotation the passage's other
    versions lack. Shown with that passage, not counted as a single-source passage."""

    article: str
    start: int
    end: int
    text: str
    #: The passage whose member in this article shares the remnant's sentence.
    passage: str


class Change(Enum):
    EQUAL = "equal"
    REPLACE = "replace"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of a word diff between a base text ``a`` and another text ``b``.

    ``a_start:a_end`` and ``b_start:b_end`` are offsets into the two texts. ``minor`` is
    True when the run differs only in punctuation, quote style, hyphenation, spacing or
    case, not in wording.
    """

    change: Change
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    minor: bool = False

    def __reduce__(self) -> tuple[type[DiffOp], tuple[Change, int, int, int, int, bool]]:
        # Workers send diffs back pickled (``story._passages``): the fields as arguments
        # pickle in a third of the time of the slots' state a dataclass writes by default.
        return DiffOp, (self.change, self.a_start, self.a_end, self.b_start, self.b_end, self.minor)


SAME_WORDING = "same wording"
CLOSE_WORDING = "close wording"
REWRITE = "rewrite"
#: Wording copied at any boundary: a clause inside otherwise different sentences, or a run
#: across sentences; its members cover exactly the shared words.
SHARED_WORDING = "shared wording"

#: Why a passage's base is its base (``Passage.base_is``): more members say its exact words
#: than any other wording's;
BASE_MOST_COMMON = "most common"
#: no wording is most common, and the others differ from it least;
BASE_CLOSEST = "closest"
#: versions tie on that (two outlets, two wordings: each differs from the other as much),
#: and it was published first;
BASE_EARLIEST = "earliest"
#: likewise, but some of them are undated: it is the earliest of those with a date;
BASE_EARLIEST_DATED = "earliest dated"
#: they tie and no date tells them apart: it is the first of them in the story's order.
BASE_FIRST = "first listed"


@dataclass(frozen=True, slots=True)
class Passage:
    """Text shared by two or more articles: one member per article."""

    id: str
    similarity: float
    members: tuple[Member, ...]
    #: Index into ``members`` of the version the others are diffed against.
    base: int
    #: ``diffs[i]`` is the word diff from ``members[base]`` to ``members[i]``.
    diffs: tuple[tuple[DiffOp, ...], ...]
    #: True when every member says the same words (differences are minor or none).
    same_wording: bool
    #: How the members relate: ``SAME_WORDING``, ``CLOSE_WORDING`` (a quote or sentence with
    #: words changed) or ``REWRITE`` (one fact told in other words, e.g. around one figure).
    kind: str = "close wording"
    #: What a rewrite's members have in common (names, figures), readable; empty otherwise.
    evidence: tuple[str, ...] = ()
    #: For shared wording inside the sentences of another passage: that passage's id. A member
    #: in one of the parent's articles lies inside the parent's member there, so its text is
    #: already counted there (the article's share) and single-source runs never touch it.
    within: str | None = None
    #: Of a passage ``within`` another, the articles whose members lie outside the parent (they
    #: were single-source text: a clause Fox News copies from a sentence NewsNation's rewrite
    #: holds); empty when every member is inside it.
    outside: tuple[str, ...] = ()
    #: What the members say differently although their wording matches ("figures differ:
    #: 5-2 / 4-3", "one says not: would sign / would not sign"), readable; empty when they
    #: agree (``tui.core.disagreements``).
    disagreements: tuple[str, ...] = ()
    #: Why ``base`` is the base: ``BASE_MOST_COMMON``, ``BASE_CLOSEST``, ``BASE_EARLIEST``,
    #: ``BASE_EARLIEST_DATED`` or ``BASE_FIRST``; empty when not known (a passage made by hand).
    base_is: str = ""

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(m.article for m in self.members)

    def member_for(self, article_id: str) -> Member | None:
        for member in self.members:
            if member.article == article_id:
                return member
        return None

    def inside_parent(self, article_id: str) -> bool:
        """Whether this passage's member in ``article_id`` lies inside the member of the
        passage it is ``within`` (its text counted there already)."""
        return self.within is not None and article_id not in self.outside


@dataclass(frozen=True, slots=True)
class ArticleStats:
    words: int
    #: Share of the article's sentence characters that lie in shared passages, 0..1.
    shared: float
    unique_passages: int
    shared_passages: int


@dataclass(frozen=True)
class Story:
    """The finished result of the engine: what the app shows and export writes."""

    articles: tuple[Article, ...]
    passages: tuple[Passage, ...]
    unique: tuple[Unique, ...]
    problems: tuple[Problem, ...] = ()
    stats: dict[str, ArticleStats] = field(default_factory=dict)
    #: Quotes, figures, dates and shared text (``tui.core.analysis``), as the engine's build
    #: computed them; None while the story is still being built, or for one put together by
    #: hand (``facts`` computes it once then).
    analysis: Analysis | None = None
    analytics: Analytics = field(default_factory=Analytics)
    #: The rest of a shared sentence (``Remnant``): not in ``unique``, shown with its passage.
    remnants: tuple[Remnant, ...] = ()

    @cached_property
    def _by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    @cached_property
    def facts(self) -> Analysis:
        """The story's analysis: the build's, or (for a story put together by hand) computed
        on first use and kept, never again."""
        if self.analysis is not None:
            return self.analysis
        from tui.core.analysis import analyse  # analysis imports this module

        return analyse(self.articles, self.passages)

    def article(self, article_id: str) -> Article:
        """The article with this id (``KeyError`` if there is none)."""
        return self._by_id[article_id]

    @cached_property
    def _passages_by_id(self) -> dict[str, Passage]:
        return {passage.id: passage for passage in self.passages}

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id (``KeyError`` if there is none)."""
        return self._passages_by_id[passage_id]

    @cached_property
    def _remnants_by_passage(self) -> dict[str, list[Remnant]]:
        found: dict[str, list[Remnant]] = {}
        for remnant in self.remnants:
            found.setdefault(remnant.passage, []).append(remnant)
        return found

    def remnants_of(self, passage_id: str) -> list[Remnant]:
        """The rests of this passage's shared sentences (``Remnant``), in article order."""
        return self._remnants_by_passage.get(passage_id, [])

    def rest_note(self, passage_id: str) -> str:
        """ "rest of a shared sentence: Metro Daily “grant.”", as every view and report
        says it, or "" when the passage has none."""
        rests = [
            f"{self.article(r.article).label} “{' '.join(r.text.split())}”"
            for r in self.remnants_of(passage_id)
        ]
        return "rest of a shared sentence: " + " · ".join(rests) if rests else ""

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.label for a in self.articles}))
