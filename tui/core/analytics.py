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
    """Which passages each article carries, from which any pair's count is read.

    Dense pair counts (a dict per article, a count per partner) held 25 MB at 1,000
    articles, more than any other part of the finished story, and grow with the square of
    the story; this incidence is one entry per passage member.
    """

    #: article -> indices of the passages it carries, each once, ascending.
    carries: Mapping[str, tuple[int, ...]] = field(default_factory=lambda: MappingProxyType({}))
    #: passage index -> the articles it carries, each once, in member order.
    members: tuple[tuple[str, ...], ...] = ()

    def shared(self, article: str, other: str) -> int:
        """How many passages ``article`` and ``other`` both carry."""
        if article == other:
            return 0
        return len(set(self.carries.get(article, ())).intersection(self.carries.get(other, ())))

    def partners(self, article: str) -> Mapping[str, int]:
        """``shared(article, other)`` for every other article that shares a passage with it."""
        row: Counter[str] = Counter()
        for passage in self.carries.get(article, ()):
            row.update(self.members[passage])
        row.pop(article, None)
        return row


def count_pairs(articles: Sequence[Article], passages: Sequence[Passage]) -> Analytics:
    """The incidence of articles and passages, in one pass over the passages."""
    known = {a.id for a in articles}
    carries: dict[str, list[int]] = {a.id: [] for a in articles}
    members = []
    for number, passage in enumerate(passages):
        ids = tuple(i for i in dict.fromkeys(m.article for m in passage.members) if i in known)
        members.append(ids)
        for article in ids:
            carries[article].append(number)
    return Analytics(
        MappingProxyType({a: tuple(row) for a, row in carries.items() if row}), tuple(members)
    )
