"""Who had it first and who shares text with whom, from the passages and the dates.

First seen. For each shared passage, its members' articles in publication order (``dates``);
articles whose order is not known (the same day, one without a time) share a place, and
undated ones are listed apart: "unknown" is never placed first or last.

Shared text, directional. ``chars[a, b]`` is how many characters of a's text lie in passages
that b also carries, so ``share(a, b) = chars[a, b] / total[a]`` is the share of a's text found
in b and ``share(b, a)`` the share of b's found in a: a wire story copied whole into a short
item is 90% of the item but 20% of the wire story. It is computed for articles (the library's
"most shared with") and for outlets (several articles of one outlet count together, a passage
once per outlet), as two products of passage incidence matrices (numpy), which costs far less
than a pass over every pair of members of every passage (5 million pairs at 1,000 articles).
The matrices are dense: n² numbers (1,000 articles: 8 MB).

Outlet order. Outlets are ordered so that those sharing the most text sit together: average-
linkage agglomerative clustering on max(share(a, b), share(b, a)), the leaves of the tree
read left to right, in O(n²) time by the nearest-neighbour chain. Beyond ``MAX_ORDERED``
outlets the n² matrix itself costs too much and the order is by shared text, most first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from tui.core.dates import When
from tui.core.model import Article, Passage

#: Outlets beyond this many are ordered by how much they share, not clustered.
MAX_ORDERED = 2000


@dataclass(frozen=True, slots=True)
class FirstSeen:
    """When each outlet carrying one passage published it."""

    passage: str
    #: The article(s) that published it first (several when their order is not known); empty
    #: when no member is dated.
    first: tuple[str, ...]
    #: The dated members, earliest first; members whose order is not known share a tuple.
    order: tuple[tuple[str, ...], ...]
    undated: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Partner:
    """Who an article shares the most text with (by the share of its own text)."""

    #: The articles tied for the most, in story order.
    others: tuple[str, ...]
    #: Share of this article's text found in each of them (the same for all of them).
    share: float
    #: Share of each one's text found in this article, in ``others``' order.
    back: tuple[float, ...]


@dataclass(frozen=True, eq=False)
class SharedText:
    """The directional matrix of shared text between every pair of ``names``."""

    #: Article ids or outlet labels, in the matrix's order.
    names: tuple[str, ...]
    #: ``chars[i, j]``: characters of names[i]'s text in passages names[j] also carries.
    chars: NDArray[np.float64]
    #: Each one's sentence characters.
    totals: tuple[int, ...]
    #: ``names`` reordered so that those sharing the most sit together (outlets; the
    #: articles' matrix keeps the story's order).
    order: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows", {name: i for i, name in enumerate(self.names)})

    def __eq__(self, other: object) -> bool:
        # By value (two builds of one story are equal), the matrix compared as a whole.
        if not isinstance(other, SharedText):
            return NotImplemented
        return (self.names, self.totals, self.order) == (
            other.names,
            other.totals,
            other.order,
        ) and bool(np.array_equal(self.chars, other.chars))

    __hash__ = None  # type: ignore[assignment]

    def index(self, name: str) -> int:
        return self._rows[name]  # type: ignore[attr-defined]

    def share(self, a: str, b: str) -> float:
        """The share of a's text found in b (0 for a with itself)."""
        i, j = self.index(a), self.index(b)
        if i == j or not self.totals[i]:
            return 0.0
        return min(1.0, float(self.chars[i, j]) / self.totals[i])


@dataclass(frozen=True)
class Provenance:
    dates: dict[str, When | None]
    first_seen: dict[str, FirstSeen]
    articles: SharedText
    outlets: SharedText
    #: Per article: who it shares the most text with, or None when it shares none.
    most_shared: dict[str, Partner | None]


def first_seen(passage: Passage, dates: dict[str, When | None]) -> FirstSeen:
    """Members by day; within a day by time when every member dated that day has one,
    else the day's members share one place (their order is not known)."""
    by_day: dict[date, list[tuple[When, str]]] = {}
    undated = []
    for member in passage.members:
        when = dates.get(member.article)
        if when is None:
            undated.append(member.article)
        else:
            by_day.setdefault(when.day, []).append((when, member.article))
    tiers: list[tuple[str, ...]] = []
    for day in sorted(by_day):
        members = sorted(by_day[day], key=lambda pair: (pair[0].moment, pair[1]))
        if not all(when.timed for when, _ in members):
            tiers.append(tuple(article for _, article in members))
            continue
        for when, article in members:
            if tiers and tiers[-1] and dates[tiers[-1][-1]] == when:
                tiers[-1] += (article,)
            else:
                tiers.append((article,))
    return FirstSeen(passage.id, tiers[0] if tiers else (), tuple(tiers), tuple(undated))


def _order(
    names: Sequence[str], matrix: NDArray[np.float64], totals: NDArray[np.float64]
) -> tuple[str, ...]:
    """Average-linkage clustering read leaf by leaf, in O(n²): the nearest-neighbour chain.

    From any cluster, follow each one's most similar cluster until two are each other's
    most similar (a reciprocal pair), merge those and go on from the chain that is left.
    Average linkage is reducible, so this makes the same tree as merging the globally most
    similar pair each time (O(n³)), visiting O(n) clusters with one O(n) row each.
    """
    n = len(names)
    safe = np.where(totals > 0, totals, 1.0)
    share = matrix / safe[:, None]
    if n > MAX_ORDERED or n < 3:
        rank = sorted(range(n), key=lambda i: (-share[i].sum(), names[i]))
        return tuple(names[i] for i in rank)
    similarity = np.maximum(share, share.T).astype(np.float64)
    np.fill_diagonal(similarity, -np.inf)
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    sizes = np.ones(n)
    #: Clusters that may still merge (not merged into another, not left with no partner).
    active = np.ones(n, dtype=bool)
    chain: list[int] = []
    while True:
        if not chain:
            left = np.flatnonzero(active)
            if len(left) == 0:
                break
            chain.append(int(left[0]))
        top = chain[-1]
        row = np.where(active, similarity[top], -np.inf)
        row[top] = -np.inf
        nearest = int(row.argmax())
        if row[nearest] <= 0:  # shares nothing with any cluster left: a group of its own
            active[top] = False
            chain.pop()
            continue
        if len(chain) > 1 and row[chain[-2]] == row[nearest]:
            nearest = chain[-2]  # a tie with the one it came from: a reciprocal pair
        if len(chain) < 2 or nearest != chain[-2]:
            chain.append(nearest)
            continue
        chain.pop()
        chain.pop()
        i, j = min(top, nearest), max(top, nearest)
        # Average linkage: the merged cluster's similarity is the size-weighted mean.
        merged = (similarity[i] * sizes[i] + similarity[j] * sizes[j]) / (sizes[i] + sizes[j])
        similarity[i, :] = merged
        similarity[:, i] = merged
        similarity[i, i] = -np.inf
        active[j] = False
        sizes[i] += sizes[j]
        clusters[i] = clusters[i] + clusters.pop(j)
    groups = sorted(clusters.values(), key=lambda c: (-len(c), names[c[0]]))
    return tuple(names[i] for group in groups for i in group)


def _matrix(
    names: Sequence[str],
    rows: list[int],
    columns: list[int],
    lengths: list[int],
    totals: list[int],
    *,
    ordered: bool = True,
) -> SharedText:
    """The matrix from one entry per passage member: its owner's row, passage, length;
    ``order`` clustered when ``ordered``, else ``names`` as given.

    ``matrix[i, j]`` sums, over the passages both rows are in, row i's characters in them:
    the product of the (rows × passages) incidence matrices, added up passage by passage,
    so memory is the (rows × rows) result and not two dense rows × passages matrices (at
    6,000 articles and 20,000 passages those took 2 GB each).
    """
    matrix = np.zeros((len(names), len(names)))
    if rows:
        row_of = np.asarray(rows, dtype=np.int64)
        passage_of = np.asarray(columns, dtype=np.int64)
        size = np.asarray(lengths, dtype=np.float64)
        # One entry per (passage, row): a row's members of one passage added up.
        by_passage = np.lexsort((row_of, passage_of))
        row_of, passage_of, size = row_of[by_passage], passage_of[by_passage], size[by_passage]
        key = passage_of * len(names) + row_of
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        size = np.add.reduceat(size, first)
        row_of, passage_of = row_of[first], passage_of[first]
        bounds = np.flatnonzero(np.r_[True, passage_of[1:] != passage_of[:-1], True])
        for start, end in itertools.pairwise(bounds.tolist()):
            if end - start > 1:
                here = row_of[start:end]
                matrix[np.ix_(here, here)] += size[start:end, None]
    np.fill_diagonal(matrix, 0.0)
    matrix.flags.writeable = False
    order = _order(names, matrix, np.asarray(totals, dtype=np.float64)) if ordered else names
    return SharedText(tuple(names), matrix, tuple(totals), tuple(order))


def provenance(
    articles: Sequence[Article], passages: Sequence[Passage], dates: dict[str, When | None]
) -> Provenance:
    ids = [a.id for a in articles]
    totals = [sum(s.end - s.start for s in a.sentences) for a in articles]
    position = {a: i for i, a in enumerate(ids)}
    members = [
        (position[m.article], c, m.end - m.start) for c, p in enumerate(passages) for m in p.members
    ]
    rows = [m[0] for m in members]
    columns = [m[1] for m in members]
    lengths = [m[2] for m in members]
    # Only the outlets are shown as a heat map: the articles keep the story's order.
    by_article = _matrix(ids, rows, columns, lengths, totals, ordered=False)
    labels = sorted({a.label for a in articles})
    row = {label: i for i, label in enumerate(labels)}
    outlet_totals = [0] * len(labels)
    for article, total in zip(articles, totals, strict=True):
        outlet_totals[row[article.label]] += total
    outlet_of = [row[a.label] for a in articles]
    by_outlet = _matrix(labels, [outlet_of[r] for r in rows], columns, lengths, outlet_totals)
    most: dict[str, Partner | None] = {}
    matrix = by_article.chars
    for i, article_id in enumerate(ids):
        top = float(matrix[i].max()) if len(ids) > 1 else 0.0
        if top <= 0 or not totals[i]:
            most[article_id] = None
            continue
        others = tuple(ids[j] for j in np.flatnonzero(matrix[i] == top))
        back = tuple(by_article.share(o, article_id) for o in others)
        most[article_id] = Partner(others, min(1.0, top / totals[i]), back)
    return Provenance(
        dates=dates,
        first_seen={p.id: first_seen(p, dates) for p in passages},
        articles=by_article,
        outlets=by_outlet,
        most_shared=most,
    )
