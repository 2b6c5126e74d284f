"""How alike two sentences are, in [0, 1], weighting rare words, names and numbers most.

Matching normalises what a reader would not call a difference: Unicode compatibility forms
(NFKC), curly quotes, dashes, non-breaking spaces, case, thousands separators. Words are
stemmed so that "investigators" meets "investigation".

A pair of sentences is described by eight symmetric features (``pair_features``): weighted
word overlap, where each word counts by how rare it is in the collection (inverse document
frequency over sentences), so "the" counts for little and "Bessent" or "2,290" for a lot, and
a figure given at a coarser precision ("about 2,300" for "2,290") counts as a partial match,
and its square (the odds of a paraphrase rise faster than linearly near full overlap);
character-level similarity (rapidfuzz), of the whole texts and of the shorter text against its
best-matching stretch of the longer; overlap of three-word runs; the difference in length; and
two kinds of evidence against: figures that disagree, and a negation on one side only.

A logistic model combines them. Its coefficients were fitted by ``bench/msrp.py`` on the
Microsoft Research Paraphrase Corpus training split (news sentences from different outlets,
labelled paraphrase or not), never on the seed articles; the probability is rescaled so that a
sentence compared with itself scores exactly 1.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import snowballstemmer
from rapidfuzz.fuzz import partial_ratio as _partial_ratio
from rapidfuzz.fuzz import ratio as _char_ratio

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:'\w+)*")
#: One stemmer per thread: a Snowball stemmer keeps its state in the instance, so two threads
#: sharing one (a Dask worker with several threads) corrupt each other's words.
_STEMMERS = threading.local()
_NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without"}
)

#: Two figures count as the same reported number when the more precise one, rounded to the
#: precision of the other ("2,290" to hundreds), gives the other ("2,300"), and they differ
#: by at most this share.
NUMBER_TOLERANCE = 0.1


def normalise(text: str) -> str:
    """The matching form of a text: NFKC, straight quotes, plain hyphens, lower case."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD).lower()


@dataclass(frozen=True, slots=True)
class Number:
    """A figure in a sentence and the precision it was given at (1 for "2,290", 100 for "2,300")."""

    value: float
    unit: float


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """Everything about one sentence that pair scoring needs, computed once per sentence."""

    #: Normalised, stemmed word tokens.
    words: frozenset[str]
    #: The figures the sentence reports.
    numbers: tuple[Number, ...]
    #: The normalised text, spaces collapsed (for character-level similarity).
    text: str
    #: Runs of three adjacent stemmed tokens.
    trigrams: frozenset[tuple[str, str, str]]
    #: How many word tokens the sentence has.
    length: int
    #: Whether the sentence contains a negation ("not", "didn't", "never", ...).
    negated: bool
    #: The quotation the sentence mostly consists of, without its attribution ("..., Noem
    #: wrote, thanking Bessent"), when there is one: outlets attribute one quote differently.
    quote: SentenceFeatures | None = None
    #: Each figure the sentence reports (not years or small counts) with the words around it.
    figures: tuple[tuple[float, frozenset[str]], ...] = ()
    #: The days and months the sentence names ("monday", "feb"): when its figures were counted.
    when: frozenset[str] = frozenset()


def _number(token: str) -> Number | None:
    """The value and precision of a numeric token, or None for a word."""
    if not token[0].isdigit():
        return None
    plain = token.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    if "." in plain:
        unit = 10.0 ** -len(plain.rsplit(".", 1)[1])
    elif "," not in token and len(plain) == 4 and 1900 <= value < 2100:
        unit = 1.0  # a year: "2000" is not a round figure
    else:
        unit = 10.0 ** (len(plain) - len(plain.rstrip("0"))) if value else 1.0
    return Number(value, unit)


def _raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


_STEMS: dict[str, str] = {}


def _stem(token: str) -> str:
    stem = _STEMS.get(token)
    if stem is None:
        if token[0].isdigit():
            stem = token.replace(",", "")
        else:
            stemmer = getattr(_STEMMERS, "english", None)
            if stemmer is None:
                stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
            stem = stemmer.stemWord(token.removesuffix("'s"))
        if len(_STEMS) < 200_000:  # a vocabulary, not a leak: bounded
            _STEMS[token] = stem
    return stem


def tokens(text: str) -> list[str]:
    """Normalised, stemmed word tokens (numbers lose their thousands separators)."""
    return [_stem(token) for token in _raw_tokens(text)]


_QUOTE = re.compile(r'"([^"]+)"')
#: A quotation is compared on its own when it makes up at least this share of its sentence.
QUOTE_SHARE = 0.5


def features(text: str) -> SentenceFeatures:
    """The features of one sentence (compute once, compare many times)."""
    normal = normalise(text)
    quote = None
    spans = [m.group(1) for m in _QUOTE.finditer(normal)]
    if spans:
        inner = max(spans, key=len)
        outside = normal.replace(inner, "", 1)
        if len(inner) >= QUOTE_SHARE * len(normal.strip()) and _TOKEN.search(outside):
            quote = features(inner)
    raw = _TOKEN.findall(normal)
    words = [_stem(token) for token in raw]
    numbers = tuple(n for n in (_number(token) for token in raw) if n is not None)
    negated = any(token in _NEGATIONS or token.endswith("n't") for token in raw)
    return SentenceFeatures(
        words=frozenset(words),
        numbers=numbers,
        text=" ".join(normal.split()),
        trigrams=frozenset(zip(words, words[1:], words[2:], strict=False)),
        length=len(words),
        negated=negated,
        quote=quote,
        figures=_figures(raw, words, _acronyms(text)) if numbers else (),
        when=frozenset(_WHEN[t] for t in raw if t in _WHEN) if numbers else frozenset(),
    )


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
#: Day and month names and their abbreviations, each mapped to one form ("tues" -> "tue").
_WHEN = {
    **{name: name[:3] for name in (*_DAYS, *_MONTHS) if name != "may"},
    **{name[:3]: name[:3] for name in (*_DAYS, *_MONTHS) if name[:3] not in ("mar", "may")},
    "tues": "tue",
    "thur": "thu",
    "thurs": "thu",
    "sept": "sep",
}


#: How many words on each side of a figure say what the figure counts.
FIGURE_CONTEXT = 8
#: Figures below this are counts too small to identify a fact ("two agencies").
MIN_FIGURE = 10


_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the)?\s*[A-Z][a-z]+)+")
_SMALL_WORDS = frozenset({"of", "and", "for", "the"})


def _acronyms(text: str) -> frozenset[str]:
    """The initials of each multi-word name: "Internal Revenue Service" gives "irs"."""
    found = set()
    for name in _NAME.findall(text):
        initials = "".join(w[0] for w in name.split() if w not in _SMALL_WORDS).lower()
        if len(initials) >= 2:
            found.add(_stem(initials))
    return frozenset(found)


def _figures(
    raw: list[str], words: list[str], names: frozenset[str]
) -> tuple[tuple[float, frozenset[str]], ...]:
    """Each figure (not a year or a small count) with the words around it and the sentence's
    acronyms, so "the IRS has 2,290" meets "the Internal Revenue Service ... has 2,290"."""
    found = []
    for position, token in enumerate(raw):
        number = _number(token)
        if number is None or number.value < MIN_FIGURE:
            continue
        if "," not in token and len(token) == 4 and 1900 <= number.value < 2100:
            continue  # a year says when, not how many
        around = (
            words[max(0, position - FIGURE_CONTEXT) : position]
            + words[position + 1 : position + 1 + FIGURE_CONTEXT]
        )
        found.append((number.value, frozenset(w for w in around if not w[0].isdigit()) | names))
    return tuple(found)


#: Two reported figures count as one fact told differently when they are this close
#: ("2,100", "2,290" and "about 2,300" investigators) ...
FIGURE_TOLERANCE = 0.1
#: ... and the words around them overlap this much (IDF-weighted overlap coefficient: the
#: shared weight over the smaller context's weight).
FIGURE_CONTEXT_OVERLAP = 0.35


def same_reported_figure(a: SentenceFeatures, b: SentenceFeatures, weights: Weights) -> bool:
    """Whether two sentences report one figure about the same thing, however worded.

    Outlets rewrite a fact around its number: "the IRS has approximately 2,100 criminal
    investigators" and "the IRS has 2,290 law enforcement officers in its criminal
    investigation unit" share few words overall, but their figures are within
    ``FIGURE_TOLERANCE`` of each other and the words around the figures agree. Figures
    counted on different days ("1,200 arrests on Monday", "1,100 arrests on Tuesday") are
    different facts.
    """
    if a.when and b.when and a.when.isdisjoint(b.when):
        return False
    for x, around_x in a.figures:
        for y, around_y in b.figures:
            if abs(x - y) > FIGURE_TOLERANCE * max(x, y):
                continue
            smaller = min(weights.total(around_x), weights.total(around_y))
            shared = weights.total(around_x & around_y)
            if smaller and shared >= FIGURE_CONTEXT_OVERLAP * smaller:
                return True
    return False


class Weights:
    """Inverse document frequency of each token over a collection of sentences.

    Weights are divided by the weight of a word never seen, so they lie in (0, 1] whatever the
    size of the collection: a five-article story and a corpus of thousands of sentences give
    comparable scores.
    """

    def __init__(self, sentences: Iterable[SentenceFeatures]) -> None:
        df: Counter[str] = Counter()
        count = 0
        for sentence in sentences:
            df.update(sentence.words)
            count += 1
        self.count = count
        self._unseen = math.log((count + 1) / 0.5)
        self._relative = {
            token: math.log((count + 1) / (n + 0.5)) / self._unseen for token, n in df.items()
        }
        self._totals: dict[frozenset[str], float] = {}

    def __getitem__(self, token: str) -> float:
        """The weight of ``token``: its IDF, in nats."""
        return self._relative.get(token, 1.0) * self._unseen

    def total(self, words: frozenset[str]) -> float:
        """The summed relative weight of a set of words (memoised: sentences recur)."""
        total = self._totals.get(words)
        if total is None:
            get = self._relative.get
            total = self._totals[words] = sum(get(w, 1.0) for w in words)
        return total


def _close(x: Number, y: Number) -> bool:
    """Whether two unequal figures are one number given at two precisions."""
    if x.value == y.value:
        return True
    if x.unit == y.unit:
        return False
    fine, coarse = (x, y) if x.unit < y.unit else (y, x)
    rounded = round(fine.value / coarse.unit) * coarse.unit
    if abs(rounded - coarse.value) > 1e-9 * max(1.0, abs(coarse.value)):
        return False
    return abs(x.value - y.value) <= NUMBER_TOLERANCE * max(abs(x.value), abs(y.value))


def _number_agreement(a: tuple[Number, ...], b: tuple[Number, ...]) -> tuple[int, int]:
    """(close but unequal pairs, numbers with no equal or close partner), counted both ways."""
    if not a or not b:
        return 0, 0
    close = unmatched = 0
    for mine, theirs in ((a, b), (b, a)):
        values = {n.value for n in theirs}
        for x in mine:
            if x.value in values:
                continue
            if any(_close(x, y) for y in theirs):
                close += 1
            else:
                unmatched += 1
    return close, unmatched


#: Names of the pair features, in the order ``pair_features`` returns them.
FEATURE_NAMES = (
    "words",
    "characters",
    "trigrams",
    "length_difference",
    "numbers_differ",
    "negation_differs",
    "words_squared",
    "best_stretch",
)


def pair_features(a: SentenceFeatures, b: SentenceFeatures, weights: Weights) -> tuple[float, ...]:
    """The symmetric features of a pair of sentences (see ``FEATURE_NAMES``).

    - words: Dice overlap of the word sets, each word weighted by its relative IDF; a figure
      given at two precisions ("2,290", "about 2,300") counts as half a shared rare word;
    - characters: rapidfuzz ``ratio`` of the normalised texts (spelling, punctuation, order);
    - trigrams: Dice overlap of runs of three words;
    - length_difference: how many more words one sentence has than the other, in tens;
    - numbers_differ: 1 when both give figures and one of them has no equal or close partner;
    - negation_differs: 1 when only one of the two is negated;
    - words_squared: the words feature squared;
    - best_stretch: rapidfuzz ``partial_ratio``, the character similarity of the shorter text
      to the stretch of the longer one it matches best (it counts *against*, given the
      characters feature: one sentence found nearly whole inside a longer one means the longer
      adds a clause, new information).
    """
    return (*_cheap_features(a, b, weights), _best_stretch(a, b))


def _best_stretch(a: SentenceFeatures, b: SentenceFeatures) -> float:
    return _partial_ratio(a.text, b.text) / 100


def _cheap_features(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights
) -> tuple[float, ...]:
    """Every pair feature but the last, ``best_stretch``, which costs more than all the rest."""
    get = weights._relative.get
    common = math.fsum([get(w, 1.0) for w in a.words & b.words])  # exact: order-independent
    close, unmatched = _number_agreement(a.numbers, b.numbers)
    common += 0.25 * close  # each close pair is counted once from each side
    total = weights.total(a.words) + weights.total(b.words)
    words = min(1.0, 2 * common / total) if total > 0 else 0.0
    if a.trigrams or b.trigrams:
        trigrams = 2 * len(a.trigrams & b.trigrams) / (len(a.trigrams) + len(b.trigrams))
    else:
        trigrams = 1.0 if a.words == b.words else 0.0
    return (
        words,
        _char_ratio(a.text, b.text) / 100,
        trigrams,
        abs(a.length - b.length) / 10,
        1.0 if unmatched else 0.0,
        1.0 if a.negated != b.negated else 0.0,
        words * words,
    )


#: The features of a sentence compared with itself.
IDENTICAL = (1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0)

#: Logistic model over ``pair_features``: intercept first, then one coefficient per feature.
#: Fitted by ``bench/msrp.py --fit`` (ridge-penalised logistic regression) on all 4,076 pairs
#: of the MSRP training split; the cross-validated figures that bench prints refit them on
#: nine folds at a time. Nothing here was fitted to the seed articles. Given the same words and
#: characters, trigrams and the best stretch count *against*: a long run of identical words
#: beside a difference, or one sentence found nearly whole inside the other, marks a clause
#: added or dropped (new information), where scattered differences are rewording.
MODEL: tuple[float, ...] = (
    -3.4371,
    2.5855,
    5.9232,
    -2.2886,
    -1.4742,
    -0.6007,
    -1.2225,
    3.7586,
    -2.3643,
)


def logit(vector: Sequence[float], model: Sequence[float]) -> float:
    """The linear score of a feature vector under a logistic model (intercept first)."""
    return model[0] + sum(c * x for c, x in zip(model[1:], vector, strict=True))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def score(vector: Sequence[float], model: Sequence[float]) -> float:
    """Probability of a paraphrase, rescaled so that identical sentences score 1."""
    return min(1.0, _sigmoid(logit(vector, model)) / _sigmoid(logit(IDENTICAL, model)))


def pair_vectors(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights
) -> list[tuple[float, ...]]:
    """Features of the two sentences, then of their quotations without attribution, if any."""
    return [pair_features(x, y, weights) for x, y in _readings(a, b)]


def best_score(vectors: Iterable[Sequence[float]], model: Sequence[float]) -> float:
    """The score of the best-matching reading of a pair (whole sentences or their quotes)."""
    return max(score(vector, model) for vector in vectors)


_MODEL_MAX = _sigmoid(logit(IDENTICAL, MODEL))
#: The most and the least ``best_stretch`` (in [0, 1]) can add to a pair's linear score.
_STRETCH_HIGH = max(0.0, MODEL[-1])
_STRETCH_LOW = min(0.0, MODEL[-1])


def _readings(
    a: SentenceFeatures, b: SentenceFeatures
) -> list[tuple[SentenceFeatures, SentenceFeatures]]:
    """The two sentences, then their quotations without attribution, if any."""
    pairs = [(a, b)]
    if a.quote is not None or b.quote is not None:
        qa, qb = a.quote or a, b.quote or b
        pairs.append((qa, qb))
        if a.quote is not None and b.quote is not None:
            pairs += [(a, qb), (qa, b)]
    return pairs


def similarity(a: SentenceFeatures, b: SentenceFeatures, weights: Weights) -> float:
    """How alike two sentences are, in [0, 1] (1 for the same words in the same order).

    A sentence that is mostly a quotation is also compared by its quotation alone, and the
    better reading counts: "'...,' Noem wrote, thanking Bessent" still matches the bare quote.
    """
    best = max(_sigmoid(logit(vector, MODEL)) for vector in pair_vectors(a, b, weights))
    return min(1.0, best / _MODEL_MAX)


def match_score(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights, threshold: float
) -> float | None:
    """None when the pair's similarity is below ``threshold``; else a score to rank it by.

    The costliest feature, ``best_stretch``, lies in [0, 1], so the others bound the score
    from both sides. A pair whose upper bound misses the threshold is rejected, and one whose
    lower bound reaches it is accepted and ranked by that bound, both without computing it;
    only pairs in between pay for it (and get their exact similarity). The decision is
    always exactly ``similarity(a, b, weights) >= threshold``.
    """
    best: float | None = None
    for x, y in _readings(a, b):
        cheap = _cheap_features(x, y, weights)
        linear = MODEL[0] + sum(c * f for c, f in zip(MODEL[1:-1], cheap, strict=True))
        if _sigmoid(linear + _STRETCH_HIGH) / _MODEL_MAX < threshold:
            continue
        low = _sigmoid(linear + _STRETCH_LOW) / _MODEL_MAX
        if low < threshold:
            low = _sigmoid(linear + MODEL[-1] * _best_stretch(x, y)) / _MODEL_MAX
        if low >= threshold:
            best = max(best or 0.0, min(1.0, low))
    return best
