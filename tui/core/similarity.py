"""How alike two sentences are, in [0, 1], weighting rare words, names and numbers most.

Matching normalises what a reader would not call a difference: Unicode compatibility forms
(NFKC), curly quotes, dashes, non-breaking spaces, case, thousands separators. Words are
stemmed so that "investigators" meets "investigation". Each word counts by how rare it is
in the story (inverse document frequency over sentences), so "the" counts for little and
"Bessent" or "2,290" for a lot. Numbers within a few percent of each other ("2,290" and
"about 2,300") count as a partial match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

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
_STEMMER = snowballstemmer.stemmer("english")

#: How close two numbers must be (relative difference) to count as the same reported figure.
NUMBER_TOLERANCE = 0.1


def normalise(text: str) -> str:
    """The matching form of a text: NFKC, straight quotes, plain hyphens, lower case."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD).lower()


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    words: frozenset[str]
    numbers: tuple[float, ...]
    folded: str


def _number(token: str) -> float | None:
    if not token[0].isdigit():
        return None
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


def tokens(text: str) -> list[str]:
    """Normalised, stemmed word tokens (numbers lose their thousands separators)."""
    out: list[str] = []
    for token in _TOKEN.findall(normalise(text)):
        if token[0].isdigit():
            out.append(token.replace(",", ""))
        else:
            out.append(_STEMMER.stemWord(token.removesuffix("'s")))
    return out


def features(text: str) -> SentenceFeatures:
    words = tokens(text)
    numbers = tuple(n for n in (_number(w) for w in words) if n is not None)
    return SentenceFeatures(frozenset(words), numbers, " ".join(words))


class Weights:
    """Inverse document frequency of each token over a collection of sentences."""

    def __init__(self, sentences: Iterable[SentenceFeatures]) -> None:
        df: Counter[str] = Counter()
        count = 0
        for sentence in sentences:
            df.update(sentence.words)
            count += 1
        self.count = count
        self._df = df
        self._unseen = math.log((count + 1) / 0.5)

    def __getitem__(self, token: str) -> float:
        df = self._df.get(token)
        if df is None:
            return self._unseen
        return math.log((self.count + 1) / (df + 0.5))

    def document_frequency(self, token: str) -> int:
        return self._df.get(token, 0)


def _close_numbers(a: tuple[float, ...], b: tuple[float, ...]) -> int:
    """How many numbers of ``a`` have an unequal but close partner in ``b``."""
    close = 0
    for x in a:
        if x in b:
            continue
        if any(y and abs(x - y) / max(abs(x), abs(y)) <= NUMBER_TOLERANCE for y in b):
            close += 1
    return close


def similarity(a: SentenceFeatures, b: SentenceFeatures, weights: Weights) -> float:
    """Weighted Dice overlap of the two sentences' words, with partial credit for close numbers."""
    shared = a.words & b.words
    total = sum(weights[w] for w in a.words) + sum(weights[w] for w in b.words)
    if total <= 0:
        return 0.0
    overlap = 2 * sum(weights[w] for w in shared)
    close = min(_close_numbers(a.numbers, b.numbers), _close_numbers(b.numbers, a.numbers))
    if close:
        overlap += close * weights._unseen
    return min(1.0, overlap / total)
