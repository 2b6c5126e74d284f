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
read left to right. Beyond ``MAX_ORDERED`` outlets that costs too much and the order is by
shared text, most first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from tui.core.dates import When
from tui.core.model import Article, Passage

#: Outlets beyond this many are ordered by how much they share, not clustered.
MAX_ORDERED = 300


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
    #: ``names`` reordered so that those sharing the most sit together.
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


def _shared(member_of: NDArray[np.float64], chars: NDArray[np.float64]) -> NDArray[np.float64]:
    matrix = chars @ member_of.T
    np.fill_diagonal(matrix, 0.0)
    matrix.flags.writeable = False
    return matrix


def _order(
    names: Sequence[str], matrix: NDArray[np.float64], totals: NDArray[np.float64]
) -> tuple[str, ...]:
    n = len(names)
    safe = np.where(totals > 0, totals, 1.0)
    share = matrix / safe[:, None]
    if n > MAX_ORDERED or n < 3:
        rank = sorted(range(n), key=lambda i: (-share[i].sum(), names[i]))
        return tuple(names[i] for i in rank)
    similarity = np.maximum(share, share.T).astype(np.float64)
    np.fill_diagonal(similarity, -1.0)
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while len(clusters) > 1:
        masked = np.where(alive[:, None] & alive[None, :], similarity, -1.0)
        i, j = divmod(int(masked.argmax()), n)
        if masked[i, j] <= 0:
            break
        # Average linkage: the merged cluster's similarity is the size-weighted mean.
        merged = (similarity[i] * sizes[i] + similarity[j] * sizes[j]) / (sizes[i] + sizes[j])
        similarity[i, :] = merged
        similarity[:, i] = merged
        similarity[i, i] = -1.0
        alive[j] = False
        sizes[i] += sizes[j]
        clusters[i] = clusters[i] + clusters.pop(j)
    groups = sorted(clusters.values(), key=lambda c: (-len(c), names[c[0]]))
    return tuple(names[i] for group in groups for i in group)


def _matrix(
    names: Sequence[str],
    rows: list[int],
    columns: list[int],
    lengths: list[int],
    passages: int,
    totals: list[int],
) -> SharedText:
    """The matrix from one entry per passage member: its owner's row, passage, length."""
    member_of = np.zeros((len(names), passages))
    chars = np.zeros((len(names), passages))
    member_of[rows, columns] = 1.0
    np.add.at(chars, (rows, columns), lengths)
    matrix = _shared(member_of, chars)
    order = _order(names, matrix, np.asarray(totals, dtype=np.float64))
    return SharedText(tuple(names), matrix, tuple(totals), order)


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
    by_article = _matrix(ids, rows, columns, lengths, len(passages), totals)
    labels = sorted({a.label for a in articles})
    row = {label: i for i, label in enumerate(labels)}
    outlet_totals = [0] * len(labels)
    for article, total in zip(articles, totals, strict=True):
        outlet_totals[row[article.label]] += total
    outlet_of = [row[a.label] for a in articles]
    by_outlet = _matrix(
        labels, [outlet_of[r] for r in rows], columns, lengths, len(passages), outlet_totals
    )
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
