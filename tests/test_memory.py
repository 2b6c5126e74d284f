"""The memory work changes no value: compact representations hold what they replaced.

(Peak memory itself is measured by ``bench.memory`` and ``bench.engine``, never asserted.)
"""

from __future__ import annotations

import sys

from tui.core.aligning import build_index
from tui.core.loading import load_paths
from tui.core.seeds import SEEDS
from tui.core.similarity import Trigram, features
from tui.core.story import make_articles

LONG = (
    "Homeland Security Secretary Kristi Noem asked Treasury Secretary Scott Bessent on "
    "Monday to let the IRS help find and arrest immigrants living in the country illegally."
)


def test_features_with_shared_trigrams_equal_those_without() -> None:
    trigrams: dict[Trigram, Trigram] = {}
    first = features(LONG, trigrams=trigrams)
    second = features(LONG.replace("Monday", "Tuesday"), trigrams=trigrams)
    assert first == features(LONG)
    assert second == features(LONG.replace("Monday", "Tuesday"))
    # The trigrams both sentences have are one tuple each.
    mine = {t: t for t in first.trigrams}
    shared = [t for t in second.trigrams if t in mine]
    assert shared
    assert all(mine[t] is t for t in shared)


def test_sentence_sets_are_no_larger_than_their_words_need() -> None:
    made = features(LONG)
    # A set grown one word at a time (frozenset of a list) keeps a table twice as large.
    assert sys.getsizeof(made.words) <= sys.getsizeof(frozenset(set(made.sequence)))
    assert sys.getsizeof(made.trigrams) <= sys.getsizeof(frozenset(set(made.trigrams)))
    plain = features("the rain fell on the plain all day")
    assert plain.initials is plain.when is features("a dog barked").initials


def test_the_index_keeps_one_tuple_per_distinct_trigram() -> None:
    articles = sorted(make_articles(load_paths([SEEDS]).documents), key=lambda a: a.id)
    index = build_index(articles)
    first: dict[Trigram, Trigram] = {}
    for feats in index.features:
        for group in (feats.trigrams, feats.quote.trigrams if feats.quote else ()):
            for trigram in group:
                assert first.setdefault(trigram, trigram) is trigram
