"""Group matching sentences of all articles into shared passages, whatever their order.

1. Every sentence gets its features (normalised, stemmed words and numbers).
2. Candidates come from an inverted index over the rarer words: two sentences are compared
   only when they share words that carry enough weight, so the work grows with the number
   of sentences, not with its square.
3. A pair of sentences from different articles is a match when its similarity reaches
   ``MATCH_THRESHOLD``. Matches join into clusters greedily, strongest first, never putting
   two sentences of one article in the same cluster, so a cluster cannot chain across
   unrelated facts.
4. Clusters whose sentences follow each other in every member article merge into one
   multi-sentence passage; the rest of each article is single-source text.

Articles are processed in a fixed order (by id) and ties are broken by ids and offsets, so
the result does not depend on the order the files were given in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.model import Article
from tui.core.similarity import SentenceFeatures, Weights, features, similarity

#: Similarity at which two sentences count as the same passage (chosen on MSRP: see README).
MATCH_THRESHOLD = 0.5
#: Sentences with fewer word tokens than this are too short to match reliably on their own.
MIN_TOKENS = 4
#: A word found in more than this share of sentences is too common to propose candidates.
MAX_POSTING_SHARE = 0.05
#: Postings are never cut below this many sentences, so small stories use every word.
MIN_POSTING_CAP = 50
#: Candidates must share at least this share of the smaller sentence's weight.
MIN_CANDIDATE_OVERLAP = 0.2

SentenceKey = tuple[int, int]  # (article index, sentence index)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Sentences of different articles that tell the same thing, one sentence per article."""

    #: article index -> (first sentence index, last sentence index)
    spans: dict[int, tuple[int, int]]
    similarity: float


def _sentence_features(articles: Sequence[Article]) -> dict[SentenceKey, SentenceFeatures]:
    table: dict[SentenceKey, SentenceFeatures] = {}
    for a, article in enumerate(articles):
        for s, sentence in enumerate(article.sentences):
            table[(a, s)] = features(article.text[sentence.start : sentence.end])
    return table


def _candidate_pairs(
    table: dict[SentenceKey, SentenceFeatures], weights: Weights
) -> set[tuple[SentenceKey, SentenceKey]]:
    cap = max(MIN_POSTING_CAP, int(MAX_POSTING_SHARE * len(table)))
    postings: dict[str, list[SentenceKey]] = defaultdict(list)
    for key in sorted(table):
        for word in table[key].words:
            postings[word].append(key)
    pairs: set[tuple[SentenceKey, SentenceKey]] = set()
    for key in sorted(table):
        mine = table[key]
        if len(mine.words) < MIN_TOKENS:
            continue
        own_weight = sum(weights[w] for w in mine.words)
        shared: dict[SentenceKey, float] = defaultdict(float)
        for word in mine.words:
            posting = postings[word]
            if len(posting) > cap:
                continue
            weight = weights[word]
            for other in posting:
                if other[0] != key[0] and other > key:
                    shared[other] += weight
        for other, weight in shared.items():
            other_weight = sum(weights[w] for w in table[other].words)
            if weight >= MIN_CANDIDATE_OVERLAP * min(own_weight, other_weight):
                pairs.add((key, other))
    return pairs


def _scored_matches(
    table: dict[SentenceKey, SentenceFeatures], weights: Weights
) -> list[tuple[float, SentenceKey, SentenceKey]]:
    matches = []
    for left, right in _candidate_pairs(table, weights):
        if len(table[right].words) < MIN_TOKENS:
            continue
        score = similarity(table[left], table[right], weights)
        if score >= MATCH_THRESHOLD:
            matches.append((score, left, right))
    matches.sort(key=lambda m: (-m[0], m[1], m[2]))
    return matches


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
        target = clusters[a]  # type: ignore[index]
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


def align(articles: Sequence[Article]) -> list[Cluster]:
    """Clusters of matching text across ``articles`` (which must be sorted by id)."""
    table = _sentence_features(articles)
    weights = Weights(table.values())
    groups = _merge_adjacent(_greedy_clusters(_scored_matches(table, weights)), articles)
    clusters = []
    for spans in groups:
        texts = {
            a: features(
                articles[a].text[
                    articles[a].sentences[first].start : articles[a].sentences[last].end
                ]
            )
            for a, (first, last) in spans.items()
        }
        keys = sorted(texts)
        scores = [
            similarity(texts[x], texts[y], weights)
            for i, x in enumerate(keys)
            for y in keys[i + 1 :]
        ]
        clusters.append(Cluster(spans, round(sum(scores) / len(scores), 3)))
    return clusters
