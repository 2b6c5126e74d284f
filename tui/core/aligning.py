"""Group matching sentences of all articles into shared passages, whatever their order.

1. Every sentence gets its features (normalised, stemmed words and numbers).
2. Candidates come from an inverted index over the rarer words: two sentences are compared
   only when they share words that carry enough weight, so the work grows with the number
   of sentences, not with its square. When a fact is told by hundreds of articles, a
   sentence reads only a window of each long posting list and is scored against its
   strongest candidates only (``POSTING_WINDOW``, ``MAX_CANDIDATES``): enough to join it to
   the others, without comparing every copy with every other copy.
3. A pair of sentences from different articles is a match when its similarity reaches
   ``MATCH_THRESHOLD``, or when both report the same figure about the same thing (a close
   rewrite of one fact: ``similarity.same_reported_figure``). Matches join into clusters
   greedily, strongest first, never putting two sentences of one article in the same
   cluster, so a cluster cannot chain across unrelated facts.
4. Clusters whose sentences follow each other in every member article merge into one
   multi-sentence passage; the rest of each article is single-source text.

Articles are processed in a fixed order (by id) and ties are broken by ids and offsets, so
the result does not depend on the order the files were given in.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.model import Article
from tui.core.similarity import (
    FIGURE_TOLERANCE,
    SentenceFeatures,
    Weights,
    features,
    match_score,
    same_reported_figure,
    similarity,
)

#: Similarity at which two sentences count as the same passage: the threshold that maximises
#: accuracy on the MSRP training split (0.567, `python bench/msrp.py`; see README).
MATCH_THRESHOLD = 0.57
#: Sentences with fewer word tokens than this are too short to match reliably on their own.
MIN_TOKENS = 4
#: A word found in more than this share of sentences is too common to propose candidates.
MAX_POSTING_SHARE = 0.05
#: Postings are never cut below this many sentences, so small stories use every word.
MIN_POSTING_CAP = 50
#: Candidates must share at least this share of the smaller sentence's weight.
MIN_CANDIDATE_OVERLAP = 0.2

SentenceKey = tuple[int, int]  # (article index, sentence index)

# Work bounds, so that time grows with the number of sentences and not with its square when
# hundreds of articles tell the same fact. Small stories (the seeds, a few dozen articles)
# never reach them, so there every candidate the index proposes is scored.

#: A posting list of up to ``MIN_POSTING_CAP`` sentences is read in full; in a longer one
#: (a fact told by many articles) a sentence is compared with this many later sentences only
#: (postings are in article-id order), enough to join it to the others that tell the fact.
POSTING_WINDOW = 16
#: A sentence is scored against at most this many candidates: those sharing the most weight.
MAX_CANDIDATES = 16
#: A cluster's similarity is the mean over all pairs of its members up to this many pairs,
#: beyond it the mean over a fixed, evenly spread sample of this many pairs.
MAX_SIMILARITY_PAIRS = 120


@dataclass(frozen=True, slots=True)
class Cluster:
    """Sentences of different articles that tell the same thing, one sentence per article."""

    #: article index -> (first sentence index, last sentence index)
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


def build_index(articles: Sequence[Article]) -> SentenceIndex:
    """Features of every sentence (computed once per distinct sentence text) and word weights."""
    keys: list[SentenceKey] = []
    table: list[SentenceFeatures] = []
    seen: dict[str, SentenceFeatures] = {}
    for a, article in enumerate(articles):
        text = article.text
        for s, sentence in enumerate(article.sentences):
            piece = text[sentence.start : sentence.end]
            found = seen.get(piece)
            if found is None:
                found = seen[piece] = features(piece)
            keys.append((a, s))
            table.append(found)
    return SentenceIndex(keys, table, Weights(table))


def _candidate_pairs(index: SentenceIndex) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of sentences of different articles worth scoring (by position)."""
    keys, table = index.keys, index.features
    cap = max(MIN_POSTING_CAP, int(MAX_POSTING_SHARE * len(table)))
    lengths: dict[str, int] = defaultdict(int)
    for feats in table:
        for word in feats.words:
            lengths[word] += 1
    weight = {word: index.weights[word] for word in lengths}
    totals = [sum(weight[w] for w in feats.words) for feats in table]
    # Postings of the words rare enough to propose candidates, over sentences long enough to
    # match; ``probes[i]`` lists (word weight, posting, position of sentence i in it).
    postings: dict[str, list[int]] = {}
    probes: list[list[tuple[float, list[int], int, int]]] = [[] for _ in table]
    for i, feats in enumerate(table):
        if len(feats.words) < MIN_TOKENS:
            continue
        for word in feats.words:
            if lengths[word] > cap:
                continue
            posting = postings.get(word)
            if posting is None:
                posting = postings[word] = []
            window = lengths[word] if lengths[word] <= MIN_POSTING_CAP else POSTING_WINDOW
            probes[i].append((weight[word], posting, len(posting) + 1, window))
            posting.append(i)
    # 0.2 * min(a, b) == min(0.2 * a, 0.2 * b) exactly: scaling keeps the order of floats.
    needed = [MIN_CANDIDATE_OVERLAP * total for total in totals]
    article_of = [key[0] for key in keys]
    pairs: list[tuple[int, int]] = []
    for i, probe in enumerate(probes):
        if not probe:
            continue
        article = article_of[i]
        shared: dict[int, float] = {}
        get = shared.get
        for word_weight, posting, after, window in probe:
            for j in posting[after : after + window]:
                if article_of[j] != article:
                    shared[j] = get(j, 0.0) + word_weight
        own = needed[i]
        found = [
            (overlap, j) for j, overlap in shared.items() if overlap >= own or overlap >= needed[j]
        ]
        if len(found) > MAX_CANDIDATES:
            found.sort(key=lambda c: (-c[0], c[1]))
            del found[MAX_CANDIDATES:]
        pairs.extend((i, j) for _, j in found)
    return pairs


def _figure_pairs(index: SentenceIndex) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of sentences of different articles that report close figures.

    Such sentences may share too few words for the word index to propose them, yet tell one
    fact ("2,100 criminal investigators", "2,290 law enforcement officers"). Figures go into
    buckets a tolerance wide; a sentence looks in its figure's bucket and the two beside it.
    """
    step = math.log1p(FIGURE_TOLERANCE)
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, feats in enumerate(index.features):
        for value, _ in feats.figures:
            bucket = buckets[round(math.log(value) / step)]
            if not bucket or bucket[-1] != i:
                bucket.append(i)
    article_of = [key[0] for key in index.keys]
    pairs: set[tuple[int, int]] = set()
    for i, feats in enumerate(index.features):
        for value, _ in feats.figures:
            middle = round(math.log(value) / step)
            for near in (middle - 1, middle, middle + 1):
                bucket = buckets.get(near, [])
                start = bisect_right(bucket, i)
                pairs.update(
                    (i, j)
                    for j in bucket[start : start + POSTING_WINDOW]
                    if article_of[j] != article_of[i]
                )
    return sorted(pairs)


def _scored_matches(index: SentenceIndex) -> list[tuple[float, SentenceKey, SentenceKey]]:
    keys, table, weights = index.keys, index.features, index.weights
    scores: dict[tuple[int, int], float | None] = {}
    found: list[tuple[float, int, int]] = []
    pairs = set(_candidate_pairs(index))
    pairs.update(_figure_pairs(index))
    for i, j in sorted(pairs):
        left, right = table[i], table[j]
        # Sentences with the same text share one features object: score each pair of texts once.
        pair = (id(left), id(right))
        if pair in scores:
            score = scores[pair]
        else:
            score = scores[pair] = match_score(left, right, weights, MATCH_THRESHOLD)
        if score is not None:
            found.append((-score, i, j))
        elif left.figures and right.figures and same_reported_figure(left, right, weights):
            found.append((0.0, i, j))  # a close rewrite ranks below every wording match
    # Strongest first, ties by keys: positions follow key order, so plain tuples sort right.
    found.sort()
    return [(-negative, keys[i], keys[j]) for negative, i, j in found]


def _greedy_clusters(
    matches: list[tuple[float, SentenceKey, SentenceKey]],
) -> list[dict[int, int]]:
    """Union matches strongest first, keeping at most one sentence per article in a cluster."""
    cluster_of: dict[SentenceKey, int] = {}
    clusters: list[dict[int, int] | None] = []
    for _score, left, right in matches:
        a, b = cluster_of.get(left), cluster_of.get(right)
        if a is not None and a == b:
            continue
        if a is None and b is None:
            cluster_of[left] = cluster_of[right] = len(clusters)
            clusters.append({left[0]: left[1], right[0]: right[1]})
            continue
        if a is None:
            a, b, left, right = b, None, right, left
        assert a is not None
        target = clusters[a]
        assert target is not None
        if b is None:
            if right[0] not in target:
                target[right[0]] = right[1]
                cluster_of[right] = a
            continue
        other = clusters[b]
        assert other is not None
        if target.keys() & other.keys():
            continue
        target.update(other)
        for article, sentence in other.items():
            cluster_of[(article, sentence)] = a
        clusters[b] = None
    return [c for c in clusters if c is not None]


def _merge_adjacent(
    clusters: list[dict[int, int]], articles: Sequence[Article]
) -> list[dict[int, tuple[int, int]]]:
    """Join clusters that continue each other, sentence after sentence, in every member."""
    spans = [{a: (s, s) for a, s in c.items()} for c in clusters]
    by_start: dict[tuple[tuple[int, int], ...], int] = {
        tuple(sorted((a, s) for a, (s, _) in c.items())): i for i, c in enumerate(spans)
    }
    merged: list[dict[int, tuple[int, int]]] = []
    absorbed: set[int] = set()
    order = sorted(range(len(spans)), key=lambda i: sorted(spans[i].items()))
    for index in order:
        if index in absorbed:
            continue
        current = dict(spans[index])
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
        merged.append(current)
    return merged


def _span_features(
    article: Article, first: int, last: int, index: SentenceIndex, offset: int
) -> SentenceFeatures:
    if first == last:
        return index.features[offset + first]
    return features(article.text[article.sentences[first].start : article.sentences[last].end])


def _sampled_pairs(count: int) -> list[tuple[int, int]]:
    """All pairs of ``count`` items, or ``MAX_SIMILARITY_PAIRS`` of them spread evenly."""
    total = count * (count - 1) // 2
    if total <= MAX_SIMILARITY_PAIRS:
        return [(i, j) for i in range(count) for j in range(i + 1, count)]
    pairs = []
    row, row_start = 0, 0  # pairs (row, row+1..count-1) are numbered row_start, row_start+1, ...
    for t in range(MAX_SIMILARITY_PAIRS):
        k = t * total // MAX_SIMILARITY_PAIRS
        while k >= row_start + count - 1 - row:
            row_start += count - 1 - row
            row += 1
        pairs.append((row, row + 1 + k - row_start))
    return pairs


def cluster_groups(
    index: SentenceIndex, articles: Sequence[Article]
) -> list[dict[int, tuple[int, int]]]:
    """Matching sentences joined into clusters and merged into multi-sentence passages."""
    return _merge_adjacent(_greedy_clusters(_scored_matches(index)), articles)


def score_groups(
    groups: list[dict[int, tuple[int, int]]], index: SentenceIndex, articles: Sequence[Article]
) -> list[Cluster]:
    """Each group with its similarity: the mean over (a sample of) pairs of its members."""
    offsets = []
    position = 0
    for article in articles:
        offsets.append(position)
        position += len(article.sentences)
    clusters = []
    for spans in groups:
        keys = sorted(spans)
        texts: dict[int, SentenceFeatures] = {}
        scores = []
        for x, y in _sampled_pairs(len(keys)):
            for member in (keys[x], keys[y]):
                if member not in texts:
                    first, last = spans[member]
                    texts[member] = _span_features(
                        articles[member], first, last, index, offsets[member]
                    )
            scores.append(similarity(texts[keys[x]], texts[keys[y]], index.weights))
        # Stand-in until the fact tier keeps its own reasons: when no pair of members reaches
        # the wording threshold, only the figure rule can have joined them.
        reason = "wording" if max(scores) >= MATCH_THRESHOLD else "fact"
        clusters.append(Cluster(spans, round(sum(scores) / len(scores), 3), reason))
    return clusters


def align(articles: Sequence[Article], index: SentenceIndex | None = None) -> list[Cluster]:
    """Clusters of matching text across ``articles`` (which must be sorted by id)."""
    if index is None:
        index = build_index(articles)
    return score_groups(cluster_groups(index, articles), index, articles)
