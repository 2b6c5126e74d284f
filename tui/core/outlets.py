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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from tui.core.dates import When
from tui.core.model import Article, Member, Passage

#: Up to this many articles or outlets the shared-text matrix is dense (n² float64: 32 MB
#: at 2,000, and the JSON export writes the outlets' rows whole, 4 million integers); above
#: it only each one's ``TOP_PARTNERS`` largest cells and row sum are kept (and exported),
#: any other pair is computed when asked for. The reader's heat map and the HTML report
#: show at most a few dozen outlets, so they lose nothing that they show.
MAX_DENSE = 2000
#: Outlets beyond this many are ordered by how much they share, not clustered (clustering
#: needs the dense matrix).
MAX_ORDERED = MAX_DENSE
#: Above ``MAX_DENSE``: the partners kept (and exported) for each one, those that hold the
#: most of its text. 20 pairs per outlet: 10,000 outlets export in about 10 MB of JSON.
TOP_PARTNERS = 20


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
    """The directional shared text between every pair of ``names``: dense up to
    ``MAX_DENSE`` names, above it each one's ``top`` partners, any pair on demand."""

    #: Article ids or outlet labels, in the matrix's order.
    names: tuple[str, ...]
    #: ``chars[i, j]``: characters of names[i]'s text in passages names[j] also carries;
    #: None above ``MAX_DENSE`` names (``pair_chars`` gives any pair).
    chars: NDArray[np.float64] | None
    #: Each one's sentence characters.
    totals: tuple[int, ...]
    #: ``names`` reordered so that those sharing the most sit together (outlets; the
    #: articles' matrix keeps the story's order).
    order: tuple[str, ...]
    #: Per name, the sum of its row: its characters found in each other one, added up.
    sums: tuple[int, ...] = ()
    #: Above ``MAX_DENSE``: per name, its ``TOP_PARTNERS`` partners sharing the most of its
    #: text as (index, chars), most first (ties: lower index first); empty when dense.
    top: tuple[tuple[tuple[int, int], ...], ...] = ()
    #: The incidence ``pair_chars`` reads when there is no dense matrix: row i's passages
    #: are ``passages[start[i]:start[i + 1]]`` (ascending), its characters in each ``sizes``.
    start: NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    passages: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    sizes: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows", {name: i for i, name in enumerate(self.names)})

    @property
    def dense(self) -> bool:
        return self.chars is not None

    def __eq__(self, other: object) -> bool:
        # By value (two builds of one story are equal), the matrix compared as a whole.
        if not isinstance(other, SharedText):
            return NotImplemented
        if (self.names, self.totals, self.order, self.sums, self.top) != (
            other.names,
            other.totals,
            other.order,
            other.sums,
            other.top,
        ):
            return False
        if self.chars is None or other.chars is None:
            return self.chars is other.chars and all(
                np.array_equal(x, y)
                for x, y in (
                    (self.start, other.start),
                    (self.passages, other.passages),
                    (self.sizes, other.sizes),
                )
            )
        return bool(np.array_equal(self.chars, other.chars))

    __hash__ = None  # type: ignore[assignment]

    def index(self, name: str) -> int:
        return self._rows[name]  # type: ignore[attr-defined]

    def chars_at(self, i: int, j: int) -> float:
        """``chars[i, j]`` by index (0 for one with itself)."""
        if i == j:
            return 0.0
        if self.chars is not None:
            return float(self.chars[i, j])
        return _cell(self.start, self.passages, self.sizes, i, j)

    def pair_chars(self, a: str, b: str) -> int:
        """Characters of a's text in passages b also carries."""
        return int(np.rint(self.chars_at(self.index(a), self.index(b))))

    def share(self, a: str, b: str) -> float:
        """The share of a's text found in b (0 for a with itself)."""
        i, j = self.index(a), self.index(b)
        if i == j or not self.totals[i]:
            return 0.0
        return min(1.0, self.chars_at(i, j) / self.totals[i])


@dataclass(frozen=True)
class Provenance:
    dates: dict[str, When | None]
    first_seen: dict[str, FirstSeen]
    articles: SharedText
    outlets: SharedText
    #: Per article: who it shares the most text with, or None when it shares none.
    most_shared: dict[str, Partner | None]


def _cell(
    start: NDArray[np.int64],
    passages: NDArray[np.int64],
    sizes: NDArray[np.int64],
    i: int,
    j: int,
) -> float:
    """``chars[i, j]`` from the incidence: row i's characters in the passages j also carries."""
    mine = slice(int(start[i]), int(start[i + 1]))
    theirs = passages[int(start[j]) : int(start[j + 1])]
    both = np.isin(passages[mine], theirs, assume_unique=True)
    return float(sizes[mine][both].sum())


def first_seen(passage: Passage, dates: dict[str, When | None]) -> FirstSeen:
    """Members by day; within a day by time when every member dated that day has one,
    else the day's members share one place (their order is not known)."""
    tiers, undated = publication_order([m.article for m in passage.members], dates)
    return FirstSeen(passage.id, tiers[0] if tiers else (), tiers, undated)


def publication_order(
    articles: Sequence[str], dates: dict[str, When | None]
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """``articles`` in the order they were published, as ``FirstSeen.order`` gives it (those
    whose order is not known share a tuple), and the undated ones."""
    by_day: dict[date, list[tuple[When, str]]] = {}
    undated = []
    for article in articles:
        when = dates.get(article)
        if when is None:
            undated.append(article)
        else:
            by_day.setdefault(when.day, []).append((when, article))
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
    return tuple(tiers), tuple(undated)


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
    # In place (numpy copies the transpose it overlaps): one n × n array fewer alive.
    similarity = np.maximum(share, share.T, out=share)
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


#: Expanded (row, member) entries per block of rows (each int64 array of them 8 MB; a block
#: holds about seven such arrays at once).
_BLOCK_ENTRIES = 1_000_000
#: Cells per dense block of rows (float64: 32 MB).
_BLOCK_CELLS = 4_000_000
#: A passage carried by at least one row in this many (and by ``_WIDE_MIN`` rows) is added
#: to the blocks by a matrix product instead of being expanded: expanding it costs its
#: members squared, which grows with the square of the story (a fact told by most of 10,000
#: articles), the product n² multiply-adds per passage, about a hundred times cheaper each.
#: Its two (wide passages × n) matrices hold at most 16 cells per member.
_WIDE_SHARE = 16
_WIDE_MIN = 64


def _incidence(
    n: int, rows: list[int], columns: list[int], lengths: list[int]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """One entry per (row, passage), a row's members of one passage added up, sorted by row
    then passage: (row, passage, chars)."""
    row_of = np.asarray(rows, dtype=np.int64)
    passage_of = np.asarray(columns, dtype=np.int64)
    size = np.asarray(lengths, dtype=np.int64)
    if not len(row_of):
        return row_of, passage_of, size
    by_row = np.lexsort((passage_of, row_of))
    row_of, passage_of, size = row_of[by_row], passage_of[by_row], size[by_row]
    key = row_of * (int(passage_of.max()) + 1) + passage_of
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    return row_of[first], passage_of[first], np.add.reduceat(size, first)


def _blocks(
    n: int,
    row_of: NDArray[np.int64],
    passage_of: NDArray[np.int64],
    size: NDArray[np.int64],
) -> Iterator[tuple[int, NDArray[np.float64]]]:
    """The matrix a block of rows at a time: (first row, ``chars[rows, :]``), the diagonal 0.

    Row i is the sum, over i's passages, of i's characters in each at every member of it.
    A block is one ``bincount`` of the (row, member) entries its passages expand to, plus a
    product for the wide passages, so memory is a block, never n × n.
    """
    start_of_row = np.searchsorted(row_of, np.arange(n + 1))
    # The same entries by passage: who is in each and with how many characters.
    members = row_of[np.argsort(passage_of, kind="stable")]
    count = np.bincount(passage_of, minlength=int(passage_of.max()) + 1 if len(passage_of) else 0)
    passage_start = np.r_[0, np.cumsum(count)].astype(np.int64)
    # Wide passages: (wide passage, row) matrices of each row's characters and of who is in
    # it, multiplied per block. The cells are whole numbers far below 2**53, so the product's
    # sums are exact in any order: the same matrix as expanding them.
    wide = count >= max(_WIDE_MIN, -(-n // _WIDE_SHARE))
    wide_of = np.cumsum(wide) - 1
    entry_wide = wide[passage_of]
    at_wide = (wide_of[passage_of[entry_wide]], row_of[entry_wide])
    chars_in = np.zeros((int(wide.sum()), n))
    chars_in[at_wide] = size[entry_wide]
    carried = np.zeros_like(chars_in)
    carried[at_wide] = 1.0
    expand = np.where(entry_wide, 0, count[passage_of])
    # Entries each row expands to, so that blocks stay near _BLOCK_ENTRIES.
    per_row = np.bincount(row_of, weights=expand, minlength=n)
    cumulative = np.r_[0, np.cumsum(per_row)]
    most_rows = max(1, _BLOCK_CELLS // max(n, 1))
    first = 0
    while first < n:
        last = int(np.searchsorted(cumulative, cumulative[first] + _BLOCK_ENTRIES, side="right"))
        last = min(n, max(first + 1, last - 1), first + most_rows)
        lo, hi = int(start_of_row[first]), int(start_of_row[last])
        counts = expand[lo:hi]
        total = int(counts.sum())
        local = np.repeat(row_of[lo:hi] - first, counts)
        offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        at = np.repeat(passage_start[passage_of[lo:hi]], counts) + offsets
        cells = local * n + members[at]
        del local, offsets  # a block's peak: these, ``at``, ``cells`` and the weights
        # The product (zeros when no passage is wide), then the expanded entries added in
        # place: two passes over the block fewer than a ``bincount`` of its size added to it.
        block = chars_in[:, first:last].T @ carried
        np.add.at(block.reshape(-1), cells, np.repeat(size[lo:hi], counts).astype(np.float64))
        here = np.arange(last - first)
        block[here, here + first] = 0.0
        yield first, block
        first = last


#: ``_tops`` reads each row's maximum in this many column ranges per partner kept.
_RANGES_PER_PARTNER = 4


def _tops(block: NDArray[np.float64], k: int) -> list[tuple[tuple[int, int], ...]]:
    """Per row of ``block``, its k largest nonzero cells as (index, chars), most first, ties
    by index.

    Only cells that may be among them are sorted: the k-th largest of the rows' maxima in
    ``_RANGES_PER_PARTNER`` × k column ranges is k cells' value, so no more than the k-th
    largest cell, and every cell below it is left out, in one pass over the block (a
    partition of whole rows took most of the time at 10,000 names).
    """
    rows, n = block.shape
    if not rows or not n or k <= 0:
        return [() for _ in range(rows)]
    parts = _RANGES_PER_PARTNER * k
    if n > parts:
        most = np.maximum.reduceat(block, np.arange(0, n, -(-n // parts)), axis=1)
        floor = np.partition(most, most.shape[1] - k, axis=1)[:, most.shape[1] - k]
    else:
        floor = block.min(axis=1)
    r, c = np.nonzero(block >= floor[:, None])
    v = block[r, c]
    r, c, v = r[v > 0], c[v > 0], v[v > 0]
    by_rank = np.lexsort((c, -v, r))
    r, c, v = r[by_rank], c[by_rank], v[by_rank]
    bounds = np.searchsorted(r, np.arange(rows + 1)).tolist()
    cells = list(zip(c.tolist(), v.astype(np.int64).tolist(), strict=True))
    return [tuple(cells[a : min(b, a + k)]) for a, b in itertools.pairwise(bounds)]


def _matrix(
    names: Sequence[str],
    rows: list[int],
    columns: list[int],
    lengths: list[int],
    totals: list[int],
    *,
    ordered: bool = True,
    partners: dict[str, Partner | None] | None = None,
) -> SharedText:
    """The matrix from one entry per passage member: its owner's row, passage, length;
    ``order`` clustered when ``ordered``, else ``names`` as given; with ``partners``, each
    name's ``Partner`` filled in (its row's largest cells, and those partners' columns).

    ``matrix[i, j]`` sums, over the passages both rows are in, row i's characters in them.
    It is made a block of rows at a time (``_blocks``); up to ``MAX_DENSE`` names the blocks
    are kept as one dense matrix, above it only each row's sum and ``TOP_PARTNERS`` largest
    cells, and the (rows × passages) incidence that gives any other pair: at 10,000 outlets
    the dense float64 matrix alone took 800 MB and its JSON rows about a gigabyte.
    """
    n = len(names)
    dense = n <= MAX_DENSE
    row_of, passage_of, size = _incidence(n, rows, columns, lengths)
    start = np.searchsorted(row_of, np.arange(n + 1)).astype(np.int64)
    matrix = np.zeros((n, n)) if dense else None
    # A row's sum: its characters in each of its passages once per other row in it.
    others = np.bincount(passage_of)[passage_of] - 1 if len(passage_of) else passage_of
    sums = np.rint(np.bincount(row_of, weights=size * others, minlength=n)).astype(np.int64)
    top: list[tuple[tuple[int, int], ...]] = []
    for first, block in _blocks(n, row_of, passage_of, size):
        last = first + len(block)
        if matrix is not None:
            matrix[first:last] = block
            continue
        tops = _tops(block, TOP_PARTNERS)
        top += tops
        if partners is None:
            continue
        # A row's largest cells are the first of its top ones, unless all of those tie.
        for k, best in enumerate(tops):
            i = first + k
            most = float(best[0][1]) if best else 0.0
            tied = [j for j, chars in best if chars == most]
            if len(tied) == TOP_PARTNERS:
                tied = np.flatnonzero(block[k] == most).tolist()
            back = [_cell(start, passage_of, size, j, i) for j in tied] if most > 0 else []
            partners[names[i]] = _partner(i, most, tied, back, names, totals)
    if matrix is not None and partners is not None:
        for i, name in enumerate(names):
            row = matrix[i]
            most = 0.0 if n < 2 else float(row.max())
            tied = np.flatnonzero(row == most).tolist() if most > 0 else []
            back = matrix[tied, i].tolist()
            partners[name] = _partner(i, most, tied, back, names, totals)
    totals_array = np.asarray(totals, dtype=np.float64)
    if not ordered:
        order: Sequence[str] = names
    elif matrix is not None:
        order = _order(names, matrix, totals_array)
    else:
        safe = np.where(totals_array > 0, totals_array, 1.0)
        share_sums = sums / safe
        order = tuple(names[i] for i in sorted(range(n), key=lambda i: (-share_sums[i], names[i])))
    if matrix is not None:
        matrix.flags.writeable = False
        return SharedText(tuple(names), matrix, tuple(totals), tuple(order), tuple(sums.tolist()))
    return SharedText(
        tuple(names),
        None,
        tuple(totals),
        tuple(order),
        tuple(sums.tolist()),
        tuple(top),
        start,
        passage_of,
        size,
    )


def _partner(
    i: int,
    most: float,
    tied: Sequence[int],
    back: Sequence[float],
    names: Sequence[str],
    totals: Sequence[int],
) -> Partner | None:
    """Row i's partner: the names ``tied`` holding its largest cell ``most``; ``back`` is
    each one's characters in passages i also carries."""
    if most <= 0 or not totals[i]:
        return None
    shares = tuple(
        min(1.0, float(chars) / totals[j]) if j != i and totals[j] else 0.0
        for j, chars in zip(tied, back, strict=True)
    )
    return Partner(tuple(names[j] for j in tied), min(1.0, most / totals[i]), shares)


def _sentence_chars(article: Article, member: Member) -> int:
    """The characters of ``article``'s sentences in ``member``: one running over several
    sentences holds the spaces between them too, which the article's total (the sum of its
    sentences) leaves out, so counting them could share more text than the article has."""
    return sum(
        min(member.end, s.end) - max(member.start, s.start)
        for s in article.sentences[member.first_sentence : member.last_sentence + 1]
        if s.start < member.end and member.start < s.end
    )


def _shared_between(
    articles: Sequence[Article], passages: Sequence[Passage], position: dict[str, int]
) -> list[tuple[int, int, int]]:
    """One entry per passage member (its article's row, a column, its characters) such that
    two rows share a column once for each passage that shares text between them.

    A nested passage's members inside its parent are shared by the parent already: counted
    again, they would be shared twice. So a nested passage with members outside its parent
    (a clause copied from the parent's text into single-source text) shares its outside
    members with each other, and each with every inside member, a column a pair; one with
    none outside adds nothing."""

    def entry(member: Member, column: int) -> tuple[int, int, int]:
        a = position[member.article]
        return (a, column, _sentence_chars(articles[a], member))

    found: list[tuple[int, int, int]] = []
    column = len(passages)  # the pairs' columns come after the passages'
    for c, passage in enumerate(passages):
        if passage.within is None:
            found += [entry(m, c) for m in passage.members]
            continue
        inside = [m for m in passage.members if passage.inside_parent(m.article)]
        outside = [m for m in passage.members if not passage.inside_parent(m.article)]
        if len(outside) >= 2:
            found += [entry(m, c) for m in outside]
        for x in inside:
            for y in outside:
                found += [entry(x, column), entry(y, column)]
                column += 1
    return found


def provenance(
    articles: Sequence[Article], passages: Sequence[Passage], dates: dict[str, When | None]
) -> Provenance:
    ids = [a.id for a in articles]
    totals = [sum(s.end - s.start for s in a.sentences) for a in articles]
    position = {a: i for i, a in enumerate(ids)}
    members = _shared_between(articles, passages, position)
    rows = [m[0] for m in members]
    columns = [m[1] for m in members]
    lengths = [m[2] for m in members]
    # Only the outlets are shown as a heat map: the articles keep the story's order.
    most: dict[str, Partner | None] = {}
    by_article = _matrix(ids, rows, columns, lengths, totals, ordered=False, partners=most)
    labels = sorted({a.label for a in articles})
    row = {label: i for i, label in enumerate(labels)}
    outlet_totals = [0] * len(labels)
    for article, total in zip(articles, totals, strict=True):
        outlet_totals[row[article.label]] += total
    outlet_of = [row[a.label] for a in articles]
    by_outlet = _matrix(labels, [outlet_of[r] for r in rows], columns, lengths, outlet_totals)
    return Provenance(
        dates=dates,
        first_seen={p.id: first_seen(p, dates) for p in passages},
        articles=by_article,
        outlets=by_outlet,
        most_shared={a: most.get(a) for a in ids},
    )
