"""The memory work changes no value: compact representations hold what they replaced.

(Peak memory itself is measured by ``bench.memory`` and ``bench.engine``, never asserted.)
"""

from __future__ import annotations

import gc
import sys

from tui.core.aligning import build_index
from tui.core.loading import load_paths
from tui.core.seeds import SEEDS
from tui.core.settings import Settings
from tui.core.similarity import SentenceFeatures, Trigram, features
from tui.core.story import make_articles, story_from_documents

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


def test_no_sentence_features_outlive_the_index() -> None:
    # Facts and the export, where memory peaks, come after nearest: the index is gone by then
    # and nothing else (the cache of features learnt while cleaning) may keep its features.
    documents = load_paths([SEEDS]).documents
    alive: dict[str, int] = {}

    def count(stage: str) -> None:
        alive[stage] = sum(type(o) is SentenceFeatures for o in gc.get_objects())

    story_from_documents(documents, on_stage=count, settings=Settings(processes=1))
    assert alive["features/index"] > 0
    assert alive["facts"] == 0
