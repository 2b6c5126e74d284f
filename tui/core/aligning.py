"""Group matching sentences of all articles into shared passages, whatever their order.

1. Every sentence gets its features (normalised, stemmed words and numbers).
2. Candidates come from an inverted index over the rarer words: two sentences are compared
   only when they share words that carry enough weight, so the work grows with the number
   of sentences, not with its square. When a fact is told by hundreds of articles, a
   sentence reads only a window of each long posting list and is scored against its
   strongest candidates only (``Settings.posting_window``, ``Settings.max_candidates``):
   enough to join it to the others, without comparing every copy with every other copy.
3. A pair of sentences from different articles is a match when its similarity reaches
   ``Settings.match_threshold`` and word order does not swap its roles (a *wording*
   match), or else when it retells one specific fact: the same participants, the same
   action or an agreeing figure, nothing against (``similarity.same_fact``; a *fact* match,
   which says what the two share). Matches join into clusters greedily, strongest first,
   wording before facts, never putting two sentences of one article in the same cluster,
   so a cluster cannot chain across unrelated facts. A cluster keeps why it matched:
   ``reason`` "fact" when the fact tier joined any of its members, with its ``evidence``.
4. Clusters whose sentences follow each other in every member article merge into one
   multi-sentence passage; the rest of each article is single-source text.

Articles are processed in a fixed order (by id) and ties are broken by ids and offsets, so
the result does not depend on the order the files were given in.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance.Levenshtein import normalized_similarity as _word_levenshtein
from rapidfuzz.fuzz import partial_ratio as _partial_ratio
from rapidfuzz.fuzz import ratio as _char_ratio
from rapidfuzz.process import cpdist

from tui.core.model import Article
from tui.core.parallel import map_forked, parts_for, processes_for, ranges
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import (
    _CHEAP_MODEL,
    _CONJUNCTIONS,
    _MODEL_MAX,
    _STRETCH_HIGH,
    _STRETCH_LOW,
    MODEL,
    ORDER_MODEL,
    ORDER_WEIGHT,
    SentenceFeatures,
    Trigram,
    Weights,
    _number_agreement,
    _sigmoid,
    features,
    in_active_voice,
    match_verdict,
    name_replaced,
    named_roles_differ,
    same_fact,
    similarity,
)

SentenceKey = tuple[int, int]  # (article index, sentence index)


@dataclass(frozen=True, slots=True)
class Cluster:
    spans: dict[int, tuple[int, int]]
    similarity: float
    #: Why the members matched: "wording" (sentence matcher) or "fact" (only the fact-retold
    #: tier joined them)
    reason: str = "wording"
    #: What the fact tier saw in common, readable: ("Bessent", "IRS", "2,290 ~ 2,300 investigators")
    evidence: tuple[str, ...] = ()


@dataclass(slots=True)
class SentenceIndex:
    """Every sentence's features, in key order, with the story's word weights."""

    keys: list[SentenceKey]
    features: list[SentenceFeatures]
    weights: Weights
    settings: Settings = DEFAULT


class FeatureCache:
    """The features of sentence texts, each computed once with ``settings``, their trigram
    tuples shared (one tuple per distinct trigram: the sentences of a story share half of
    theirs)."""

    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings
        self._by_text: dict[str, SentenceFeatures] = {}
        self._trigrams: dict[Trigram, Trigram] = {}

    def __call__(self, text: str) -> SentenceFeatures:
        found = self._by_text.get(text)
        if found is None:
            found = self._by_text[text] = features(text, self.settings, self._trigrams)
        return found

    def learn(self, article: Article) -> None:
        """An ``on_article`` for ``story.make_articles``: while forked workers clean later
        documents, this process computes the features of the articles they sent back,
        instead of all of them once the workers are done."""
        for sentence in article.sentences:
            self(article.text[sentence.start : sentence.end])

    def clear(self) -> None:
        """Forget every text's features (an index built from them keeps its own)."""
        self._by_text.clear()
        self._trigrams.clear()


def build_index(
    articles: Sequence[Article], settings: Settings = DEFAULT, cache: FeatureCache | None = None
) -> SentenceIndex:
    """Features of every sentence (from ``cache``, made with ``settings``, or a new one) and
    word weights."""
    cache = FeatureCache(settings) if cache is None else cache
    keys: list[SentenceKey] = []
    table: list[SentenceFeatures] = []
    for a, article in enumerate(articles):
        text = article.text
        for s, sentence in enumerate(article.sentences):
            keys.append((a, s))
            table.append(cache(text[sentence.start : sentence.end]))
    return SentenceIndex(keys, table, Weights(table, settings.prior_sentences or None), settings)


@dataclass(slots=True)
class _Probes:
    """What candidate search reads, as flat arrays: one row per probe, a word of sentence i
    rare enough to propose candidates (its sentence, its weight, and the stretch of the
    concatenated posting lists it reads: the later sentences of that word's posting, at most
    a window of them); the overlap each sentence needs; each sentence's article.

    Arrays of numbers instead of a list of tuples per sentence: about a tenth of the memory,
    and ``_candidates_in`` sums the overlaps of a block of sentences in a few array
    operations (in the same order as a loop would, so to the same floats)."""

    sentence: NDArray[np.int64]
    weight: NDArray[np.float64]
    start: NDArray[np.int64]
    length: NDArray[np.int64]
    #: The probes of sentence i are rows ``first[i]:first[i + 1]``.
    first: NDArray[np.int64]
    postings: NDArray[np.int64]
    needed: NDArray[np.float64]
    article_of: NDArray[np.int64]
    max_candidates: int


def _candidate_pairs(index: SentenceIndex) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of sentences of different articles worth scoring (by position)."""
    probes = _probes(index)
    width = len(probes.needed)
    keys = _sorted_unique(_candidates_in(probes, 0, width))
    return list(zip(*(part.tolist() for part in np.divmod(keys, width)), strict=True))


def _probes(index: SentenceIndex) -> _Probes:
    """The inverted index of the rarer words, as ``_candidates_in`` reads it."""
    keys, table, settings = index.keys, index.features, index.settings
    # Each wording's words in order, as numbers: numbered in the order of the words, so
    # probes come in word order (a frozenset's order changes with the process's hash seed).
    ordered: dict[int, list[str]] = {}
    for feats in table:
        if id(feats) not in ordered:
            ordered[id(feats)] = sorted(feats.words)
    vocabulary = sorted({word for words in ordered.values() for word in words})
    number = {word: n for n, word in enumerate(vocabulary)}
    numbered = {key: [number[w] for w in words] for key, words in ordered.items()}
    # Exact sums (float sums in another order can differ in the last bit), once per wording.
    weight = np.array([index.weights[word] for word in vocabulary], np.float64)
    totals: dict[int, float] = {}
    sentence: list[int] = []
    word: list[int] = []
    for i, feats in enumerate(table):
        words = numbered[id(feats)]
        if id(feats) not in totals:
            totals[id(feats)] = math.fsum(weight[words].tolist())
        sentence.extend([i] * len(words))
        word.extend(words)
    of_sentence = np.array(sentence, np.int64)
    word_of = np.array(word, np.int64)
    lengths = np.bincount(word_of, minlength=len(vocabulary))
    # Postings of the words rare enough to propose candidates, over sentences long enough to
    # match, in sentence order. A probe of sentence i reads the sentences after i in its
    # word's posting.
    cap = max(settings.min_posting_cap, int(settings.max_posting_share * len(table)))
    sizes_of = np.array([len(feats.words) for feats in table], np.int64)
    kept = (lengths[word_of] <= cap) & (sizes_of[of_sentence] >= settings.min_tokens)
    of_sentence, word_of = of_sentence[kept], word_of[kept]
    # Postings numbered in the order their words first propose: the concatenated postings.
    proposing, first_use = np.unique(word_of, return_index=True)
    slot_of = np.zeros(len(vocabulary), np.int64)
    slot_of[proposing[np.argsort(first_use, kind="stable")]] = np.arange(len(proposing))
    slot = slot_of[word_of]
    by_slot = np.argsort(slot, kind="stable")
    sizes = np.bincount(slot, minlength=len(proposing))
    base = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    # Where each probe stands in its posting, plus one: where its reading starts.
    after = np.empty(len(slot), np.int64)
    after[by_slot] = np.arange(len(slot)) - base[slot[by_slot]] + 1
    small = lengths[word_of] <= settings.min_posting_cap
    windows = np.where(small, lengths[word_of], settings.posting_window)
    # 0.2 * min(a, b) == min(0.2 * a, 0.2 * b) exactly: scaling keeps the order of floats.
    needed = [settings.min_candidate_overlap * totals[id(feats)] for feats in table]
    return _Probes(
        sentence=of_sentence,
        weight=weight[word_of],
        start=base[slot] + after,
        length=np.clip(sizes[slot] - after, 0, windows),
        first=np.searchsorted(of_sentence, np.arange(len(table) + 1)).astype(np.int64),
        postings=of_sentence[by_slot],
        needed=np.array(needed, np.float64),
        article_of=np.array([key[0] for key in keys], np.int64),
        max_candidates=settings.max_candidates,
    )


#: Sentences whose candidates ``_candidates_in`` finds in one go (bounds its arrays' memory:
#: a block reads about 150 posting entries per sentence).
CANDIDATE_BLOCK = 2048


def _candidates_in(found_by: _Probes, start: int, stop: int) -> NDArray[np.int64]:
    """The candidate pairs (i, j) of the sentences i in ``range(start, stop)``, each as
    ``i * sentences + j``, unordered.

    A pair is a candidate when the weights of the words that propose it (each probe of i
    that reads j, j in another article) sum to the overlap i or j needs; a sentence keeps
    its ``max_candidates`` strongest (ties: the earlier j). Each pair's weights are summed
    in probe order, then posting order (``np.bincount`` adds its inputs in order), so the
    sums are the floats a loop over the probes gives.
    """
    blocks = [
        _candidates_block(found_by, low, min(stop, low + CANDIDATE_BLOCK))
        for low in range(start, stop, CANDIDATE_BLOCK)
    ]
    return np.concatenate(blocks) if blocks else np.zeros(0, np.int64)


def _candidates_block(found_by: _Probes, start: int, stop: int) -> NDArray[np.int64]:
    rows = slice(int(found_by.first[start]), int(found_by.first[stop]))
    length = found_by.length[rows]
    count = int(length.sum())
    if count == 0:
        return np.zeros(0, np.int64)
    # Every posting entry each probe reads, in order: probe by probe, then along the posting.
    probe = np.repeat(np.arange(rows.start, rows.stop), length)
    step = np.arange(count) - np.repeat(np.cumsum(length) - length, length)
    j = found_by.postings[found_by.start[probe] + step]
    i = found_by.sentence[probe]
    article_of = found_by.article_of
    other = article_of[j] != article_of[i]
    i, j, w = i[other], j[other], found_by.weight[probe][other]
    width = len(article_of)
    pair, where = np.unique((i - start) * width + j, return_inverse=True)
    overlap = np.bincount(where.ravel(), weights=w, minlength=len(pair))
    i, j = pair // width + start, pair % width
    needed = found_by.needed
    enough = (overlap >= needed[i]) | (overlap >= needed[j])
    i, j, overlap, pair = i[enough], j[enough], overlap[enough], pair[enough]
    most = found_by.max_candidates
    if len(i) and np.bincount(i - start).max() > most:
        # Strongest first within each sentence, ties by j; keep the first ``most``.
        order = np.lexsort((j, -overlap, i))
        ranked = i[order]
        head = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        rank = np.arange(len(ranked)) - np.repeat(head, np.diff(np.r_[head, len(ranked)]))
        pair = pair[order[rank < most]]
    return pair + start * width


def _figure_buckets(index: SentenceIndex) -> dict[int, list[int]]:
    """The sentences (by position) reporting a figure, by figure bucket."""
    step = math.log1p(index.settings.figure_tolerance)
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, feats in enumerate(index.features):
        for figure in feats.figures:
            bucket = buckets[round(math.log(figure.value) / step)]
            if not bucket or bucket[-1] != i:
                bucket.append(i)
    return buckets


def _figure_pairs_in(
    index: SentenceIndex, buckets: dict[int, list[int]], start: int, stop: int
) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of sentences of different articles that report close figures,
    for the sentences i in ``range(start, stop)``.

    Such sentences may share too few words for the word index to propose them, yet tell one
    fact ("2,100 criminal investigators", "2,290 law enforcement officers"). Figures go into
    buckets a tolerance wide; a sentence looks in its figure's bucket and the two beside it.
    """
    step = math.log1p(index.settings.figure_tolerance)
    article_of = [key[0] for key in index.keys]
    pairs: set[tuple[int, int]] = set()
    for i in range(start, stop):
        feats = index.features[i]
        for figure in feats.figures:
            middle = round(math.log(figure.value) / step)
            for near in (middle - 1, middle, middle + 1):
                bucket = buckets.get(near, [])
                start = bisect_right(bucket, i)
                pairs.update(
                    (i, j)
                    for j in bucket[start : start + index.settings.posting_window]
                    if article_of[j] != article_of[i]
                )
    return pairs


#: A match: (rank, left, right, evidence). Wording matches rank by similarity and carry no
#: evidence; fact matches rank below every wording match and say what they share.
Match = tuple[float, SentenceKey, SentenceKey, tuple[str, ...]]


#: Matches turned into tuples at a time by ``_scored_matches``: the sorted arrays stay whole,
#: the tuples of only one slice are alive (all of them at once: about 90 MB at 1,000 articles).
MATCH_SLICE = 16384


#: Each sentence a veto kept from matching another (``similarity.match_verdict``), with
#: those others.
Vetoes = dict[SentenceKey, list[SentenceKey]]


def _scored_matches(index: SentenceIndex) -> tuple[Iterator[Match], Vetoes]:
    """Every candidate pair that matches, strongest first (see ``Match``), and the vetoed
    pairs among the candidates.

    Two passes, each by forked workers on a big story (``tui.core.parallel``): the candidate
    pairs (i, j) of consecutive ranges of sentences i, then each distinct pair of wordings
    among them scored once, in consecutive ranges of those (a range of sentences would score
    again a pair of wordings another range also has: a tenth more at 1,000 articles). A
    pair's candidacy and score depend on the pair and the index alone, so the matches are
    the same however the work is split.
    """
    count = len(index.features)
    processes = processes_for(index.settings, count)
    # Two ranges per worker (later sentences have fewer later candidates).
    parts = parts_for(processes)
    found = (index, _probes(index), _figure_buckets(index))
    # Each range's keys are sorted and come before the next range's: all of them, sorted.
    keys = np.concatenate(map_forked(_keys_in, found, ranges(count, parts), processes))
    del found
    i, j = np.divmod(keys, count)
    del keys
    wordings = _wordings(index)
    kinds = int(wordings.max()) + 1 if len(wordings) else 1
    _, first, which = np.unique(
        wordings[i] * kinds + wordings[j], return_index=True, return_inverse=True
    )
    pairs = (index, PairTable(index.features, index.weights, index.settings), i[first], j[first])
    scored = map_forked(_score_pairs, pairs, ranges(len(first), parts), processes)
    del pairs
    evidence = [why for part in scored for why in part.evidence]
    offsets = np.cumsum([0] + [len(part.evidence) for part in scored[:-1]])
    why = np.concatenate([part.why + offset for part, offset in zip(scored, offsets, strict=True)])
    rank = np.concatenate([part.rank for part in scored])[which.ravel()]
    vetoed = np.concatenate([part.vetoed for part in scored])[which.ravel()]
    del scored
    named = index.keys
    vetoes: Vetoes = {}
    for a, b in zip(i[vetoed].tolist(), j[vetoed].tolist(), strict=True):
        vetoes.setdefault(named[a], []).append(named[b])
        vetoes.setdefault(named[b], []).append(named[a])
    del vetoed
    matched = ~np.isnan(rank)
    rank, i, j, why = rank[matched], i[matched], j[matched], why[which.ravel()][matched]
    del which, matched
    # Strongest first, ties by keys (positions follow key order): the order of the tuples
    # (minus rank, i, j), as sorting them would give.
    order = np.lexsort((j, i, -rank))
    rank, i, j, why = rank[order], i[order], j[order], why[order]
    del order
    return _match_tuples(rank, i, j, why, evidence, named), vetoes


def _match_tuples(
    rank: NDArray[np.float64],
    i: NDArray[np.int64],
    j: NDArray[np.int64],
    why: NDArray[np.int64],
    evidence: list[tuple[str, ...]],
    named: list[SentenceKey],
) -> Iterator[Match]:
    """The sorted matches as ``Match`` tuples, a slice at a time."""
    for low in range(0, len(rank), MATCH_SLICE):
        part = slice(low, low + MATCH_SLICE)
        yield from zip(
            rank[part].tolist(),
            [named[a] for a in i[part].tolist()],
            [named[b] for b in j[part].tolist()],
            [evidence[e] for e in why[part].tolist()],
            strict=True,
        )


def _wordings(index: SentenceIndex) -> NDArray[np.int64]:
    """Each sentence's wording: sentences with the same text share one features object,
    and one number here."""
    numbers: dict[int, int] = {}
    return np.array([numbers.setdefault(id(f), len(numbers)) for f in index.features], np.int64)


@dataclass(slots=True)
class _Scored:
    """A range of pairs of wordings scored: each one's rank (NaN: no match) and which of
    ``evidence`` it carries (0: none)."""

    rank: NDArray[np.float64]
    why: NDArray[np.int64]
    evidence: list[tuple[str, ...]]
    #: Whether a veto made the pair no match (``similarity.match_verdict``).
    vetoed: NDArray[np.bool_]


def _keys_in(
    found: tuple[SentenceIndex, _Probes, dict[int, list[int]]], span: tuple[int, int]
) -> NDArray[np.int64]:
    """The candidate pairs of the sentences i in ``range(*span)``, each as
    ``i * sentences + j``, sorted, each once."""
    index, probes, buckets = found
    width = len(index.features)
    keys = _candidates_in(probes, *span)
    figures = [i * width + j for i, j in _figure_pairs_in(index, buckets, *span)]
    return _sorted_unique(np.concatenate((keys, np.array(figures, np.int64))))


def _sorted_unique(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """``np.unique(values)``, by sorting: numpy 2's hash table is 15x slower on a million
    keys, and its first call imports ``numpy.ma`` (10 ms of CPU, once per process)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


#: The readings (``similarity._readings``) of a quoted pair that reached the threshold, by
#: pair: each reading's two features, its linear score and whether ``name_replaced`` may
#: hold of it (``PairTable._replaced_possible``), in the order they are read.
Readings = dict[int, list[tuple[SentenceFeatures, SentenceFeatures, float, bool]]]

#: Pairs ``PairTable`` scores in one go (its arrays hold about 40 entries per pair).
PAIR_BLOCK = 4096

#: Pairs ``_score_pairs`` asks ``PairTable.verdicts`` about at a time (its vetoes' and fact
#: tier's prefilters enumerate every name and heavy word of every pair it is given).
SCORE_BLOCK = 8 * PAIR_BLOCK

#: ``PairTable.verdicts``: a pair surely no wording match nor veto, one whose similarity
#: surely reaches the threshold (its vetoes not yet known), or one the matcher is asked
#: about.
MISSED, REACHED, ASK = 0, 1, 2


class PairTable:
    """Sentences as arrays, for scoring many candidate pairs at once (``verdicts``) before
    any Python call per pair.

    For each reading of a pair (the whole sentences, their quotations), every feature but
    ``best_stretch`` is computed here to the float ``match_verdict`` computes: the words
    feature's exact sum (``math.fsum``) as a sum of integers (every word weight is a whole
    multiple of one power of two), the figures' agreement, the characters and word edits by
    rapidfuzz's own scorers, the linear score summed in ``logit``'s order; then its bounds
    on ``best_stretch`` in its order, and the stretch itself where they do not settle it.
    Most candidates miss the threshold in every reading, most matches reach it at the least
    stretch; only the vetoes of the matches, and the fact tier, cost a Python call."""

    def __init__(
        self, sentences: Sequence[SentenceFeatures], weights: Weights, settings: Settings
    ) -> None:
        # One row per wording: sentences with the same text share one features object.
        rows: dict[int, int] = {}
        distinct: list[SentenceFeatures] = []
        for sentence in sentences:
            if rows.setdefault(id(sentence), len(distinct)) == len(distinct):
                distinct.append(sentence)
        self.row = np.array([rows[id(sentence)] for sentence in sentences], np.int64)
        # Then the quotations they are also read by (``similarity._readings``).
        for sentence in list(distinct):
            if sentence.quote is not None and id(sentence.quote) not in rows:
                rows[id(sentence.quote)] = len(distinct)
                distinct.append(sentence.quote)
        self.quote = np.array(
            [-1 if s.quote is None else rows[id(s.quote)] for s in distinct], np.int64
        )
        self.features = distinct
        rare = settings.fact_name_frequency
        self.threshold = settings.match_threshold
        get = weights._relative.get
        self.words = _Sets([s.words for s in distinct])
        # Word weights (at most 1) as whole multiples of 2 ** -scale, the lowest one's last
        # bit: their sums are exact in uint64, up to 63 words at a scale of at most 58.
        relative = [get(w, 1.0) for w in self.words.vocabulary]
        lowest = min(relative, default=1.0)
        self.scale = 53 - math.frexp(lowest)[1] if lowest > 0 else 0
        units = [math.ldexp(w, self.scale) for w in relative]
        self.exact = lowest > 0 and max(relative, default=0.0) <= 1.0 and self.scale <= 58
        self.units = np.array(units, np.float64).astype(np.uint64) if self.exact else None
        self.trigrams = _Sets([s.trigrams for s in distinct])
        # What the name and order vetoes and the fact tier read first, as sets numbered as
        # the words are (``_replaced_possible``, ``_roles_possible``, ``_fact_possible``).
        number = {word: n for n, word in enumerate(self.words.vocabulary)}
        veto_rare = settings.name_veto_frequency
        # ``Weights.heavy``: the words of relative weight ``ORDER_WEIGHT`` and more.
        heavy = np.array(relative, np.float64) >= ORDER_WEIGHT
        self.heavy = self.words.kept(heavy[self.words.item], [s.where for s in distinct])
        self.names = _Sets(
            [frozenset([stem for stem, _, _ in s.names]) for s in distinct],
            number,
            [s.where for s in distinct],
        )
        self.veto_names = _Sets(
            [frozenset([stem for stem, _, f in s.names if f < veto_rare]) for s in distinct],
            number,
        )
        self.fact_names = _Sets(
            [frozenset([stem for stem, _, f in s.names if f < rare]) for s in distinct], number
        )
        self.acronyms = _Sets([s.initials for s in distinct], number)
        self.when = _Sets([s.when for s in distinct], number)
        self.figure_values = _Sets([frozenset([f.value for f in s.figures]) for s in distinct])
        # Each wording's coordinations ("X and Y" as (X, Y)), and each one the other way
        # round: ``_conjuncts_as_in`` reorders one of them only when the other gives it so.
        coordinations = [
            _coordinations(s.sequence) if not _CONJUNCTIONS.isdisjoint(s.words) else _NO_PAIRS
            for s in distinct
        ]
        pairs: dict[Any, int] = {}
        self.coordinations = _Sets([given for given, _ in coordinations], pairs)
        self.reversed = _Sets([turned for _, turned in coordinations], pairs)
        self.settings = settings
        self.total = np.array([weights.total(s.words) for s in distinct], np.float64)
        self.length = np.array([s.length for s in distinct], np.int64)
        self.negated = np.array([s.negated for s in distinct], bool)
        # A passive with its agent is read in the active voice (``in_active_voice``): its
        # words' order there is not the order ``heavy`` and ``names`` hold.
        self.passive = np.array([in_active_voice(s) is not s for s in distinct], bool)
        self.numbered = np.array([bool(s.numbers) for s in distinct], bool)
        self.numbers = [s.numbers for s in distinct]
        self.chars = np.array([len(s.text) for s in distinct], np.int64)
        self.plain = np.array(
            [len(s.words) <= 63 and bool(s.trigrams) for s in distinct],
            bool,
        )
        self.texts = [s.text for s in distinct]
        self.sequences = [s.sequence for s in distinct]
        target = self.threshold * _MODEL_MAX
        self.logit = math.log(target / (1.0 - target)) if 0.0 < target < 1.0 else math.nan

    def verdicts(
        self, x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> tuple[
        NDArray[np.int64],
        NDArray[np.float64],
        NDArray[np.float64],
        Readings,
        NDArray[np.bool_],
        NDArray[np.bool_],
        NDArray[np.bool_],
    ]:
        """For the pairs of sentences (by position) ``(x[n], y[n])``: each one's verdict
        (``MISSED``, ``REACHED``, ``ASK``); for those it reached, the words feature of the
        whole sentences and the linear score ``match_verdict`` ranks them by (before the
        sigmoid), and for a pair with a quotation each of its readings that reached the
        threshold with its score and whether ``name_replaced`` may hold of it, in the order
        of ``similarity._readings``; whether ``same_fact`` surely says None
        (``_fact_possible``); and, for the pairs it reached, whether ``name_replaced`` may
        hold of the whole sentences and whether ``named_roles_differ`` may
        (``_replaced_possible``, ``_roles_possible``: where False, surely not)."""
        x, y = self.row[x], self.row[y]
        no_fact = ~self._fact_possible(x, y)
        verdict = np.full(len(x), ASK, np.int64)
        words = np.zeros(len(x), np.float64)
        none = np.zeros(len(x), bool)
        if not self.exact or math.isnan(self.logit):
            return verdict, words, words, {}, no_fact, none, none
        # Every reading of every pair: the whole sentences, then (``_readings``) the
        # quotations, then each sentence against the other's quotation.
        quote_x, quote_y = self.quote[x], self.quote[y]
        one = np.flatnonzero((quote_x >= 0) | (quote_y >= 0))
        both = np.flatnonzero((quote_x >= 0) & (quote_y >= 0))
        inner_x = np.where(quote_x >= 0, quote_x, x)
        inner_y = np.where(quote_y >= 0, quote_y, y)
        pair = np.concatenate((np.arange(len(x)), one, both, both))
        left = np.concatenate((x, inner_x[one], x[both], inner_x[both]))
        right = np.concatenate((y, inner_y[one], inner_y[both], y[both]))
        said = np.full(len(pair), ASK, np.int64)
        seen = np.zeros(len(pair), np.float64)
        score = np.zeros(len(pair), np.float64)
        plain = np.flatnonzero(self.plain[left] & self.plain[right])
        for low in range(0, len(plain), PAIR_BLOCK):
            part = plain[low : low + PAIR_BLOCK]
            said[part], seen[part], score[part] = self._verdicts(left[part], right[part])
        words[:] = seen[: len(x)]
        asked = np.bincount(pair, said == ASK, len(x)) > 0
        reached = np.bincount(pair, said == REACHED, len(x)) > 0
        verdict = np.where(asked, ASK, np.where(reached, REACHED, MISSED))
        # The vetoes of the readings that reached the threshold, of pairs that did.
        kept = (said == REACHED) & ~asked[pair]
        replaced = np.zeros(len(pair), bool)
        roles = np.zeros(len(x), bool)
        at = np.flatnonzero(kept)
        replaced[at] = self._replaced_possible(left[at], right[at])
        at = np.flatnonzero(verdict == REACHED)
        roles[at] = self._roles_possible(x[at], y[at])
        # Those of quoted pairs, by pair (a pair's later readings are later rows): the
        # other pairs have one reading, the first rows.
        readings: Readings = defaultdict(list)
        features = self.features
        kept[: len(x)] &= (quote_x >= 0) | (quote_y >= 0)
        for n, a, b, z, may in zip(
            *(part[kept].tolist() for part in (pair, left, right, score, replaced)), strict=True
        ):
            readings[n].append((features[a], features[b], z, may))
        return verdict, words, score[: len(x)], readings, no_fact, replaced[: len(x)], roles

    def _replaced_possible(self, x: NDArray[np.int64], y: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether ``name_replaced`` may hold of the pairs of rows ``(x[n], y[n])`` (where
        False, it surely does not): ``replaced_name`` needs names on both sides and either
        a figure both give or, on each side, a name rarer than ``name_veto_frequency``
        that the other sentence has neither among its words nor as initials."""
        replaced = np.zeros(len(x), bool)
        if self.settings.name_veto_frequency <= 0.0:
            return replaced
        named = np.flatnonzero((self.names.sizes(x) > 0) & (self.names.sizes(y) > 0))
        a, b = x[named], y[named]
        figure = self.figure_values.count_within(self.figure_values, a, b) > 0
        written = (self.words, self.acronyms)
        only_a = self.veto_names.count_outside(written, a, b) > 0
        only_b = self.veto_names.count_outside(written, b, a) > 0
        replaced[named] = figure | (only_a & only_b)
        return replaced

    def _roles_possible(self, x: NDArray[np.int64], y: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether ``named_roles_differ`` may hold of the pairs of rows ``(x[n], y[n])``
        (where False, it surely does not). ``roles_differ`` is False when the heavy words
        the two share come in one order (``order_features`` all 0: the order model's
        intercept alone, not below the veto) unless one gives a coordination the other
        gives the other way round ("X and Y" / "Y and X": ``_conjuncts_as_in`` reorders
        it), and neither is a passive read in the active voice (``in_active_voice``);
        ``named_clauses`` is None unless each names two or more, they share two or more,
        and the shared names come in another order (or one is not among a sentence's
        words)."""
        veto = self.settings.order_veto
        if veto <= 0.0:
            return np.zeros(len(x), bool)
        if _sigmoid(ORDER_MODEL[0]) < veto:
            return np.ones(len(x), bool)  # the intercept alone is a veto
        # A heavy word always has a position: a sentence's words are the keys of its ``where``
        # (``similarity.features``), so none is unplaced.
        _, _, backwards = self.heavy.out_of_order(x, y)
        roles = backwards | (self.coordinations.count_within(self.reversed, x, y) > 0)
        roles |= self.passive[x] | self.passive[y]
        several = np.flatnonzero((self.names.sizes(x) >= 2) & (self.names.sizes(y) >= 2))
        shared, unplaced, backwards = self.names.out_of_order(x[several], y[several])
        roles[several] |= (shared >= 2) & (unplaced | backwards)
        return roles

    def _fact_possible(self, x: NDArray[np.int64], y: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether ``same_fact`` may find a fact in the pairs of rows ``(x[n], y[n])``
        (where False, it surely says None): ``fact_verdict``'s first tests, that they share
        a rare name (or one's initials), agree on negation and on the days they give, and
        share ``fact_min_names`` names unless both give figures. Each name shared counts
        once at most here (twice in ``fact_verdict`` never)."""
        known = (self.fact_names, self.acronyms)
        rare_x = self.fact_names.sizes(x)
        shared = rare_x - self.fact_names.count_outside(known, x, y)
        shared += self.fact_names.count_within(self.acronyms, y, x)
        days = (self.when.sizes(x) > 0) & (self.when.sizes(y) > 0)
        days &= self.when.count_within(self.when, x, y) == 0
        figured = (self.figure_values.sizes(x) > 0) & (self.figure_values.sizes(y) > 0)
        return (
            (shared > 0)
            & (self.negated[x] == self.negated[y])
            & ~days
            & (figured | (shared >= self.settings.fact_min_names))
        )

    def _verdicts(
        self, x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
        """``verdicts`` of pairs read whole: ``match_verdict``'s bounds on ``best_stretch``
        in its order, each decision with a margin far above rounding (the sigmoid and the
        division come after)."""
        words, linear, characters = self._linear(x, y)
        logit = self.logit
        verdict = np.full(len(x), ASK, np.int64)
        verdict[linear + _STRETCH_HIGH < logit - 1e-9] = MISSED
        score = linear + _STRETCH_LOW
        verdict[score > logit + 1e-9] = REACHED
        # Below the threshold at the least stretch: ``_least_stretch``'s floor, then the
        # stretch itself.
        middle = np.flatnonzero((verdict == ASK) & (score < logit - 1e-9))
        sizes = np.sort(np.stack((self.chars[x[middle]], self.chars[y[middle]])), axis=0)
        n, m = sizes[0], sizes[1]
        common = np.round(characters[middle] * (n + m) / 2).astype(np.int64)
        pieces = -(-m // np.maximum(n, 1))
        most = np.maximum(common - (m - n), -(-common // pieces))
        least = np.where(n > 0, np.maximum(0.0, most / np.maximum(n, 1) - 1e-9), 0.0)
        bound = linear[middle] + np.maximum(MODEL[-1] * least, MODEL[-1])
        verdict[middle[bound < logit - 1e-9]] = MISSED
        middle = middle[bound >= logit - 1e-9]
        stretch = cpdist(
            [self.texts[k] for k in x[middle].tolist()],
            [self.texts[k] for k in y[middle].tolist()],
            scorer=_partial_ratio,
            dtype=np.float64,
        )
        score[middle] = linear[middle] + MODEL[-1] * (stretch / 100)
        verdict[middle[score[middle] > logit + 1e-9]] = REACHED
        verdict[middle[score[middle] < logit - 1e-9]] = MISSED
        return verdict, words, score

    def _linear(
        self, x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """The words feature, the linear score of every feature but ``best_stretch`` (-inf
        where ``_linear_most`` misses the threshold), and the characters feature of pairs
        read whole."""
        assert self.units is not None
        pair, at = self.words.shared(x, y)
        # Sums of whole numbers, each below 2 ** 64: exact however they are summed (a
        # difference of running sums is exact modulo 2 ** 64), then rounded once, as fsum.
        running = np.zeros(len(at) + 1, np.uint64)
        np.cumsum(self.units[self.words.item[at]], out=running[1:])
        ends = np.concatenate(([0], np.cumsum(np.bincount(pair, minlength=len(x)))))
        exact = running[ends[1:]] - running[ends[:-1]]
        common = np.ldexp(exact.astype(np.float64), -self.scale)
        close = np.zeros(len(x), np.int64)
        unmatched = np.zeros(len(x), np.int64)
        numbers = self.numbers
        for k in np.flatnonzero(self.numbered[x] & self.numbered[y]).tolist():
            close[k], unmatched[k] = _number_agreement(numbers[x[k]], numbers[y[k]])
        common = common + 0.25 * close
        total = self.total[x] + self.total[y]
        words = np.where(
            total > 0, np.minimum(1.0, 2 * common / np.where(total > 0, total, 1.0)), 0.0
        )
        characters = (
            cpdist(
                [self.texts[n] for n in x.tolist()],
                [self.texts[n] for n in y.tolist()],
                scorer=_char_ratio,
                dtype=np.float64,
            )
            / 100
        )
        lengths = np.abs(self.length[x] - self.length[y]) / 10
        figures = (unmatched > 0).astype(np.float64)
        negation = (self.negated[x] != self.negated[y]).astype(np.float64)
        c1, c2, c3, c4, c5, c6, c7, c8 = _CHEAP_MODEL
        # ``_linear_most``: trigrams and word edits at their most. Most pairs miss even so
        # (a margin far above rounding: the bound sums its terms in another order).
        p = np.minimum(self.length[x], self.length[y])
        q = np.maximum(self.length[x], self.length[y])
        most = (
            MODEL[0]
            + c1 * words
            + c2 * characters
            + max(0.0, c3)
            + c4 * lengths
            + c5 * figures
            + c6 * negation
            + c7 * words * words
            + np.maximum(0.0, c8 * words * np.where(q > 0, p / np.maximum(q, 1), 1.0))
        )
        linear = np.full(len(x), -math.inf)
        near = np.flatnonzero(most + _STRETCH_HIGH >= self.logit - 1e-6)
        x, y = x[near], y[near]
        shared = np.bincount(self.trigrams.shared(x, y)[0], minlength=len(x))
        trigrams = 2 * shared / (self.trigrams.sizes(x) + self.trigrams.sizes(y))
        edits = cpdist(
            [self.sequences[n] for n in x.tolist()],
            [self.sequences[n] for n in y.tolist()],
            scorer=_word_levenshtein,
            dtype=np.float64,
        )
        words_near = words[near]
        # ``logit``'s order: the products summed from the first, then the intercept.
        total = c1 * words_near + c2 * characters[near]
        for term in (
            c3 * trigrams,
            c4 * lengths[near],
            c5 * figures[near],
            c6 * negation[near],
            c7 * (words_near * words_near),
            c8 * (words_near * edits),
        ):
            total = total + term
        linear[near] = MODEL[0] + total
        return words, linear, characters


_NO_PAIRS: tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]] = (
    frozenset(),
    frozenset(),
)


def _coordinations(
    sequence: tuple[str, ...],
) -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    """The words either side of each conjunction of ``sequence`` (``_conjuncts_as_in``'s
    ``given``), and each such pair the other way round."""
    given = [
        (sequence[i - 1], sequence[i + 1])
        for i in range(1, len(sequence) - 1)
        if sequence[i] in _CONJUNCTIONS
    ]
    return frozenset(given), frozenset([(b, a) for a, b in given])


class _Sets:
    """Sets of items (words, trigrams) of each wording as sorted numbers, to count what two
    wordings share.

    Families of sets that are to be compared with each other (``within``) take one
    ``number`` that already numbers every item of all of them. With ``where``, each item
    carries its position in its wording (``where[row][item]``, -1 when it has none)."""

    def __init__(
        self,
        sets: Sequence[frozenset[Any]],
        number: dict[Any, int] | None = None,
        where: Sequence[dict[Any, int]] | None = None,
    ) -> None:
        number = {} if number is None else number
        items: list[int] = []
        first = [0]
        for members in sets:
            if members:  # most sets of names, days and coordinations are empty
                items.extend(sorted([number.setdefault(m, len(number)) for m in members]))
            first.append(len(items))
        self.vocabulary = list(number)
        self.first = np.array(first, np.int64)
        self.item = np.array(items, np.int64)
        self.width = max(1, len(number))
        row = np.repeat(np.arange(len(sets), dtype=np.int64), np.diff(self.first))
        #: Each set's items as ``row * width + item``: sorted.
        self.keys = row * self.width + self.item
        if where is not None:
            self._place(row, where)

    def _place(self, row: NDArray[np.int64], where: Sequence[dict[Any, int]]) -> None:
        vocabulary = self.vocabulary
        self.position = np.array(
            [
                where[r].get(vocabulary[n], -1)
                for r, n in zip(row.tolist(), self.item.tolist(), strict=True)
            ],
            np.int64,
        )

    def kept(self, keep: NDArray[np.bool_], where: Sequence[dict[Any, int]]) -> _Sets:
        """The items ``keep`` says of each set (by place in ``item``), numbered alike, with
        their positions in ``where``."""
        rows = len(self.first) - 1
        row = np.repeat(np.arange(rows, dtype=np.int64), np.diff(self.first))[keep]
        subset = object.__new__(_Sets)
        subset.vocabulary, subset.width = self.vocabulary, self.width
        subset.item, subset.keys = self.item[keep], self.keys[keep]
        counts = np.bincount(row, minlength=rows)
        subset.first = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        subset._place(row, where)
        return subset

    def sizes(self, rows: NDArray[np.int64]) -> NDArray[np.int64]:
        return self.first[rows + 1] - self.first[rows]

    def _enumerated(self, x: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Every item of each set ``x[n]``: its n and its place in ``item``, in the order of n."""
        counts = self.sizes(x)
        pair = np.repeat(np.arange(len(x)), counts)
        at = np.repeat(self.first[x] - np.cumsum(counts) + counts, counts) + np.arange(len(pair))
        return pair, at

    def _holds(
        self, other: _Sets, y: NDArray[np.int64], pair: NDArray[np.int64], at: NDArray[np.int64]
    ) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
        """Whether set ``y[pair[k]]`` of ``other`` (numbered alike) holds item ``at[k]`` of
        this family, and where in ``other.item`` when it does."""
        item = self.item[at]
        if not len(other.keys):
            return np.zeros(len(at), bool), at
        # Items numbered after ``other`` was made are in none of its sets.
        query = y[pair] * other.width + np.minimum(item, other.width - 1)
        found = np.minimum(np.searchsorted(other.keys, query), len(other.keys) - 1)
        return (other.keys[found] == query) & (item < other.width), found

    def within(
        self, other: _Sets, x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """The items of set ``x[n]`` that set ``y[n]`` of ``other`` (numbered alike) also
        holds: for each, its n and its places in ``item`` and in ``other.item``, in the
        order of n."""
        pair, at = self._enumerated(x)
        hit, found = self._holds(other, y, pair, at)
        return pair[hit], at[hit], found[hit]

    def count_within(
        self, other: _Sets, x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """How many items of set ``x[n]`` set ``y[n]`` of ``other`` also holds."""
        return np.bincount(self.within(other, x, y)[0], minlength=len(x))

    def count_outside(
        self, others: Sequence[_Sets], x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """How many items of set ``x[n]`` none of the sets ``y[n]`` of ``others`` holds."""
        pair, at = self._enumerated(x)
        held = np.zeros(len(at), bool)
        for other in others:
            held |= self._holds(other, y, pair, at)[0]
        return np.bincount(pair[~held], minlength=len(x))

    def out_of_order(
        self, x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.bool_]]:
        """For the items sets ``x[n]`` and ``y[n]`` share (``where`` given): how many, whether
        any lacks a position in either, and whether, taken in the order of their positions
        in ``x[n]``, their positions in ``y[n]`` ever go back."""
        pair, at, found = self.within(self, x, y)
        mine, theirs = self.position[at], self.position[found]
        count = np.bincount(pair, minlength=len(x))
        unplaced = np.zeros(len(x), bool)
        unplaced[pair[(mine < 0) | (theirs < 0)]] = True
        order = np.lexsort((mine, pair))
        pair, theirs = pair[order], theirs[order]
        back = (pair[1:] == pair[:-1]) & (theirs[1:] < theirs[:-1])
        backwards = np.zeros(len(x), bool)
        backwards[pair[1:][back]] = True
        return count, unplaced, backwards

    def shared(
        self, x: NDArray[np.int64], y: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The items sets ``x[n]`` and ``y[n]`` share: for each, its n and its place in
        ``item``."""
        sizes_x, sizes_y = self.sizes(x), self.sizes(y)
        swap = sizes_y < sizes_x
        small, other = np.where(swap, y, x), np.where(swap, x, y)
        counts = np.minimum(sizes_x, sizes_y)
        pair = np.repeat(np.arange(len(x)), counts)
        at = np.repeat(self.first[small] - np.cumsum(counts) + counts, counts) + np.arange(
            len(pair)
        )
        query = other[pair] * self.width + self.item[at]
        if not len(self.keys):
            return pair[:0], at[:0]
        found = np.minimum(np.searchsorted(self.keys, query), len(self.keys) - 1)
        hit = self.keys[found] == query
        return pair[hit], at[hit]


def _score_pairs(
    pairs: tuple[SentenceIndex, PairTable, NDArray[np.int64], NDArray[np.int64]],
    span: tuple[int, int],
) -> _Scored:
    """Whether and how strongly the pairs of sentences ``(i[n], j[n])``, n in
    ``range(*span)``, match (each stands for its pair of wordings: a pair's match and rank
    depend on its two features objects alone)."""
    index, table, i, j = pairs
    start, stop = span
    ranks = [math.nan] * (stop - start)
    why = [0] * len(ranks)
    vetoed = [False] * len(ranks)
    evidence: list[tuple[str, ...]] = [()]
    # A block at a time: the table's arrays for a pair (its readings, its words, names and
    # heavy words enumerated) are a few hundred bytes each, tens of MB for a whole range.
    for low in range(start, stop, SCORE_BLOCK):
        high = min(stop, low + SCORE_BLOCK)
        _score_block(
            index, table, i[low:high], j[low:high], low - start, ranks, why, vetoed, evidence
        )
    return _Scored(
        np.array(ranks, np.float64), np.array(why, np.int64), evidence, np.array(vetoed, bool)
    )


def _score_block(
    index: SentenceIndex,
    table: PairTable,
    x: NDArray[np.int64],
    y: NDArray[np.int64],
    base: int,
    ranks: list[float],
    why: list[int],
    vetoed: list[bool],
    evidence: list[tuple[str, ...]],
) -> None:
    """``_score_pairs`` of the pairs ``(x[n], y[n])``, written at ``base + n``."""
    features, weights, settings = index.features, index.weights, index.settings
    verdict, words, scores, readings, no_fact, replaced, roles = table.verdicts(x, y)
    asked = np.flatnonzero((verdict != MISSED) | ~no_fact)
    for n, a, b, said, unnamed in zip(
        asked.tolist(),
        x[asked].tolist(),
        y[asked].tolist(),
        verdict[asked].tolist(),
        no_fact[asked].tolist(),
        strict=True,
    ):
        left, right = features[a], features[b]
        if said == REACHED:
            # The rest of ``match_verdict`` for the readings that reached the threshold:
            # the best one no name veto stops, then the order veto.
            best = None
            whole = ((left, right, scores[n], replaced[n]),)
            for reading_a, reading_b, score, may in readings.get(n) or whole:
                if not (may and name_replaced(reading_a, reading_b, settings)):
                    best = max(best or 0.0, min(1.0, _sigmoid(score) / _MODEL_MAX))
            if best is None or (
                roles[n] and named_roles_differ(left, right, weights, settings.order_veto, words[n])
            ):
                vetoed[base + n] = True
            else:
                ranks[base + n] = best
            continue
        if said == ASK:
            found, veto = match_verdict(left, right, weights, settings)
            if found is not None:
                ranks[base + n] = found
                continue
            if veto:
                # Evidence against: not a retold fact either.
                vetoed[base + n] = True
                continue
        if unnamed:
            continue
        fact = same_fact(left, right, weights, settings)
        if fact is not None:
            # Below every wording match; among facts, the stronger first.
            ranks[base + n] = 0.01 * fact.strength
            why[base + n] = len(evidence)
            evidence.append(fact.evidence)


@dataclass(slots=True)
class _Group:
    """A cluster being built: one sentence per article, and what the fact tier saw, if it
    joined any of them."""

    members: dict[int, int]
    evidence: list[str]
    fact: bool


def _greedy_clusters(matches: Iterable[Match], vetoes: Vetoes) -> list[_Group]:
    """Union matches strongest first, keeping at most one sentence per article in a cluster,
    and no two sentences a veto kept apart: a third sentence like both ("A signed with B" /
    "B signed with A", each close to "A and B signed") does not chain them into one.

    Wording matches come first; a fact match only joins sentences that no wording match
    has placed, or fact clusters. A sentence no wording match placed joins a passage matched
    on its wording only when it retells the fact with every sentence of it (complete link:
    two outlets copy a sentence, a third retells it), and the passage is then a retold fact;
    a fact never merges two passages matched on their wording.

    A union-find over the clusters in the order they were made: a cluster keeps its place
    (and the older of two merged clusters the place of both) while its articles' table is
    merged small into large, and its sentences are chained in the order they joined, so
    the clusters, their members' order and their evidence are the same as merging each
    pair in turn, without its cost: whether two clusters share an article or a vetoed pair
    is read from the smaller one, a pair found to share one is remembered (clusters only
    grow, so they stay in conflict), and a merge relabels nobody. A story with one fact told
    by most of its articles would otherwise make every rejected merge pay for its biggest
    cluster.
    """
    cluster_of: dict[SentenceKey, int] = {}
    parent: list[int] = []
    members: list[dict[int, int]] = []  # article -> sentence of each root, small into large
    evidence: list[list[str]] = []
    fact: list[bool] = []
    head: list[SentenceKey] = []
    tail: list[SentenceKey] = []
    following: dict[SentenceKey, SentenceKey] = {}  # the sentence that joined a cluster next
    conflicts: set[tuple[int, int]] = set()

    def root(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def new_cluster(first: SentenceKey) -> int:
        c = len(parent)
        parent.append(c)
        members.append({first[0]: first[1]})
        evidence.append([])
        fact.append(False)
        head.append(first)
        tail.append(first)
        cluster_of[first] = c
        return c

    def add(c: int, key: SentenceKey) -> None:
        members[c][key[0]] = key[1]
        following[tail[c]] = key
        tail[c] = key
        cluster_of[key] = c

    def vetoed_in(key: SentenceKey, c: int) -> bool:
        """Whether a veto keeps sentence ``key`` out of cluster ``c``."""
        for other in vetoes.get(key, ()):
            placed = cluster_of.get(other)
            if placed is not None and root(placed) == c:
                return True
        return False

    def note(c: int, found: Sequence[str], is_fact: bool) -> None:
        if is_fact:
            fact[c] = True
        kept = evidence[c]
        kept.extend(e for e in found if e not in kept)

    # Each sentence's fact matches, with what they share (``_facts_read``), for a sentence to
    # join a passage matched on its wording (``retells_all``).
    facts: dict[SentenceKey, dict[SentenceKey, tuple[str, ...]]] = {}

    def retells_all(key: SentenceKey, c: int) -> list[str] | None:
        """What sentence ``key`` shares with each sentence of cluster ``c`` when it retells
        the fact with every one, else None."""
        mine = facts.get(key, {})
        found: list[str] = []
        member: SentenceKey | None = head[c]
        while member is not None:
            shared = mine.get(member)
            if shared is None:
                return None
            found.extend(e for e in shared if e not in found)
            member = None if member == tail[c] else following[member]
        return found

    for _score, left, right, why in _facts_read(matches, facts):
        x, y = cluster_of.get(left), cluster_of.get(right)
        a = None if x is None else root(x)
        b = None if y is None else root(y)
        if a is not None and a == b:
            continue
        if why and ((a is not None and not fact[a]) or (b is not None and not fact[b])):
            # A retold fact never merges passages matched on their wording; a sentence no
            # wording match placed joins one only if it retells it with all of its sentences.
            if a is not None and b is not None:
                continue
            c, loose = (a, right) if a is not None else (b, left)
            assert c is not None
            if loose[0] in members[c] or vetoed_in(loose, c):
                continue
            found = retells_all(loose, c)
            if found is not None:
                add(c, loose)
                note(c, found, True)
            continue
        if a is None and b is None:
            c = new_cluster(left)
            add(c, right)
            note(c, why, bool(why))
            continue
        if a is None:
            a, b, left, right = b, None, right, left
        assert a is not None
        if b is None:
            if right[0] not in members[a] and not vetoed_in(right, a):
                add(a, right)
                note(a, why, bool(why))
            continue
        pair = (a, b) if a < b else (b, a)
        if pair in conflicts:
            continue
        mine, theirs = members[a], members[b]
        small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        into = b if small is mine else a
        if any(article in large for article in small) or any(
            vetoed_in(key, into) for key in small.items()
        ):
            conflicts.add(pair)
            continue
        large.update(small)
        members[a], members[b] = large, {}
        parent[b] = a
        following[tail[a]] = head[b]
        tail[a] = tail[b]
        note(a, why, bool(why))
        note(a, evidence[b], fact[b])
    groups = []
    for c in range(len(parent)):
        if parent[c] != c:
            continue
        ordered: dict[int, int] = {}
        key: SentenceKey | None = head[c]
        while key is not None:
            ordered[key[0]] = key[1]
            key = None if key == tail[c] else following[key]
        groups.append(_Group(ordered, evidence[c], fact[c]))
    return groups


def _facts_read(
    matches: Iterable[Match], facts: dict[SentenceKey, dict[SentenceKey, tuple[str, ...]]]
) -> Iterator[Match]:
    """``matches`` in their order; by the first fact match yielded, ``facts`` holds every
    fact match's two sentences, both ways, with what they share. Fact matches rank below
    every wording match, so the matches read ahead then are (nearly) all facts: few."""
    stream = iter(matches)
    for match in stream:
        if not match[3]:
            yield match
            continue
        rest = [match, *stream]
        for _, one, other, shared in rest:
            if shared:
                facts.setdefault(one, {})[other] = shared
                facts.setdefault(other, {})[one] = shared
        yield from rest
        return


def _note(group: _Group, evidence: tuple[str, ...], fact: bool | None = None) -> None:
    """Record that the fact tier joined (part of) a group, and what it saw in common."""
    if fact or (fact is None and evidence):
        group.fact = True
    group.evidence.extend(e for e in evidence if e not in group.evidence)


def _merge_adjacent(
    clusters: list[_Group], articles: Sequence[Article]
) -> list[tuple[dict[int, tuple[int, int]], _Group]]:
    """Join clusters that continue each other, sentence after sentence, in every member."""
    spans = [{a: (s, s) for a, s in c.members.items()} for c in clusters]
    by_start: dict[tuple[tuple[int, int], ...], int] = {
        tuple(sorted((a, s) for a, (s, _) in c.items())): i for i, c in enumerate(spans)
    }
    merged: list[tuple[dict[int, tuple[int, int]], _Group]] = []
    absorbed: set[int] = set()
    order = sorted(range(len(spans)), key=lambda i: sorted(spans[i].items()))
    for index in order:
        if index in absorbed:
            continue
        current = dict(spans[index])
        why = _Group({}, list(clusters[index].evidence), clusters[index].fact)
        while True:
            following = tuple(sorted((a, last + 1) for a, (_, last) in current.items()))
            nxt = by_start.get(following)
            if nxt is None or nxt in absorbed or nxt == index:
                break
            if any(
                last + 1 >= len(articles[a].sentences)
                or articles[a].sentences[last + 1].paragraph
                != articles[a].sentences[last].paragraph
                for a, (_, last) in current.items()
            ):
                break
            absorbed.add(nxt)
            current = {a: (first, spans[nxt][a][1]) for a, (first, _) in current.items()}
            _note(why, tuple(clusters[nxt].evidence), clusters[nxt].fact)
        merged.append((current, why))
    return merged


def _span_features(
    article: Article, first: int, last: int, index: SentenceIndex, offset: int
) -> SentenceFeatures:
    if first == last:
        return index.features[offset + first]
    text = article.text[article.sentences[first].start : article.sentences[last].end]
    return features(text, index.settings)


def _sampled_pairs(count: int, limit: int) -> list[tuple[int, int]]:
    """All pairs of ``count`` items, or ``limit`` of them spread evenly."""
    total = count * (count - 1) // 2
    if total <= limit:
        return [(i, j) for i in range(count) for j in range(i + 1, count)]
    pairs = []
    row, row_start = 0, 0  # pairs (row, row+1..count-1) are numbered row_start, row_start+1, ...
    for t in range(limit):
        k = t * total // limit
        while k >= row_start + count - 1 - row:
            row_start += count - 1 - row
            row += 1
        pairs.append((row, row + 1 + k - row_start))
    return pairs


def cluster_groups(
    index: SentenceIndex, articles: Sequence[Article]
) -> list[tuple[dict[int, tuple[int, int]], _Group]]:
    """Matching sentences joined into clusters and merged into multi-sentence passages."""
    return _merge_adjacent(_greedy_clusters(*_scored_matches(index)), articles)


def score_groups(
    groups: list[tuple[dict[int, tuple[int, int]], _Group]],
    index: SentenceIndex,
    articles: Sequence[Article],
) -> list[Cluster]:
    """Each group with its similarity: the mean over (a sample of) pairs of its members.

    The pairs of all groups are listed first, then each distinct pair of features objects
    is scored once for the whole story (sentences with the same text share one), by forked
    workers on a big story: a score depends on the pair alone."""
    offsets = []
    position = 0
    for article in articles:
        offsets.append(position)
        position += len(article.sentences)
    # Keyed by ids: every features object numbered stays alive in ``distinct``.
    number: dict[tuple[int, int], int] = {}
    distinct: list[tuple[SentenceFeatures, SentenceFeatures]] = []
    sampled: list[list[int]] = []
    for spans, _ in groups:
        keys = sorted(spans)
        members: dict[int, SentenceFeatures] = {}
        scores = []
        for x, y in _sampled_pairs(len(keys), index.settings.max_similarity_pairs):
            for member in (keys[x], keys[y]):
                if member not in members:
                    first, last = spans[member]
                    members[member] = _span_features(
                        articles[member], first, last, index, offsets[member]
                    )
            pair = (members[keys[x]], members[keys[y]])
            scores.append(number.setdefault((id(pair[0]), id(pair[1])), len(distinct)))
            if scores[-1] == len(distinct):
                distinct.append(pair)
        sampled.append(scores)
    processes = processes_for(index.settings, len(index.features))
    parts = ranges(len(distinct), parts_for(processes))
    scored = [
        score
        for part in map_forked(_similarities, (distinct, index.weights), parts, processes)
        for score in part
    ]
    clusters = []
    for (spans, why), scores in zip(groups, sampled, strict=True):
        reason = "fact" if why.fact else "wording"
        mean = round(sum(scored[n] for n in scores) / len(scores), 3)
        clusters.append(Cluster(spans, mean, reason, tuple(why.evidence)))
    return clusters


def _similarities(
    pairs: tuple[list[tuple[SentenceFeatures, SentenceFeatures]], Weights], span: tuple[int, int]
) -> list[float]:
    """The similarity of each pair of ``distinct`` in ``range(*span)``."""
    distinct, weights = pairs
    return [similarity(left, right, weights) for left, right in distinct[span[0] : span[1]]]


def align(
    articles: Sequence[Article], index: SentenceIndex | None = None, settings: Settings = DEFAULT
) -> list[Cluster]:
    """Clusters of matching text across ``articles`` (which must be sorted by id)."""
    if index is None:
        index = build_index(articles, settings)
    return score_groups(cluster_groups(index, articles), index, articles)
