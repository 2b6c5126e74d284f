"""Story analytics computed once when the story is built: who shares how much with whom.

The reader's views only look these up (a 1,000-article story takes a fraction of a second
to count, so it is done once, in the build, not on every key press).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.model import Article, Passage


@dataclass(frozen=True, slots=True)
class Partners:
    """The articles one article shares most passages with: all of them, when tied."""

    #: Passages shared with each of ``articles`` (at least 1).
    count: int
    #: The tied partners, in the story's article order.
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Analytics:
    #: article -> other article -> passages the two share (pairs sharing none are absent).
    pair_counts: Mapping[str, Mapping[str, int]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: article -> its top partners; absent when the article shares no passage.
    partners: Mapping[str, Partners] = field(default_factory=lambda: MappingProxyType({}))

    def shared(self, article: str, other: str) -> int:
        """How many passages ``article`` and ``other`` both carry."""
        return self.pair_counts.get(article, {}).get(other, 0)


def count_partners(articles: Sequence[Article], passages: Sequence[Passage]) -> Analytics:
    """Pair counts and top partners in one pass over the passages."""
    order = {a.id: index for index, a in enumerate(articles)}
    counts: dict[str, Counter[str]] = {a.id: Counter() for a in articles}
    for passage in passages:
        ids = [i for i in dict.fromkeys(m.article for m in passage.members) if i in order]
        for article in ids:
            counts[article].update(ids)  # counts the article itself too: dropped below
    pair_counts: dict[str, Mapping[str, int]] = {}
    partners: dict[str, Partners] = {}
    for article, row in counts.items():
        row.pop(article, None)
        if not row:
            continue
        pair_counts[article] = MappingProxyType(dict(row))
        top = max(row.values())
        tied = sorted((other for other, n in row.items() if n == top), key=order.__getitem__)
        partners[article] = Partners(top, tuple(tied))
    return Analytics(MappingProxyType(pair_counts), MappingProxyType(partners))
