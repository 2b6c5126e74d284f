"""Pair counts computed once when the story is built: how many passages two articles share.

The palette lists an article's partners with these counts. Who an article shares the most
*text* with (the library's "most shared with", directional, ties included) is not counted
here but in ``tui.core.outlets`` (``Provenance.most_shared``), the one place the shared-text
figures come from, so the library, compare's default partner, the Outlets view and the
exports agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.model import Article, Passage


@dataclass(frozen=True)
class Analytics:
    #: article -> other article -> passages the two share (pairs sharing none are absent).
    pair_counts: Mapping[str, Mapping[str, int]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def shared(self, article: str, other: str) -> int:
        """How many passages ``article`` and ``other`` both carry."""
        return self.pair_counts.get(article, {}).get(other, 0)


def count_pairs(articles: Sequence[Article], passages: Sequence[Passage]) -> Analytics:
    """Pair counts in one pass over the passages."""
    known = {a.id for a in articles}
    counts: dict[str, Counter[str]] = {a.id: Counter() for a in articles}
    for passage in passages:
        ids = [i for i in dict.fromkeys(m.article for m in passage.members) if i in known]
        for article in ids:
            counts[article].update(ids)  # counts the article itself too: dropped below
    pair_counts: dict[str, Mapping[str, int]] = {}
    for article, row in counts.items():
        row.pop(article, None)
        if row:
            pair_counts[article] = MappingProxyType(dict(row))
    return Analytics(MappingProxyType(pair_counts))
