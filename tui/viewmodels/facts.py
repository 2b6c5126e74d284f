"""The fact views' models: what the Quotes, Figures and Outlets views list, in what order, and
where Enter takes the reader in compare. Pure: the engine's ``Story.analysis`` in, plain data
out; the widgets only draw it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.figures import FigureGroup
from tui.core.model import Story
from tui.core.outlets import SharedText
from tui.core.quotes import QuoteGroup, QuoteVersion


@dataclass(frozen=True, slots=True)
class Target:
    """Where Enter opens compare: the pair, and the passage (or else the offset in ``left``)."""

    left: str
    right: str | None
    passage: str | None = None
    offset: int | None = None


def shared_passage(story: Story, left: str, offset: int, right: str | None) -> str | None:
    """The shared passage whose ``left`` member holds ``offset`` and that ``right`` carries."""
    if right is None:
        return None
    for passage in story.passages:
        member = passage.member_for(left)
        inside = member is not None and member.start <= offset < member.end
        if inside and passage.member_for(right) is not None:
            return passage.id
    return None


def _target(story: Story, left: str, offset: int, right: str | None) -> Target:
    passage = shared_passage(story, left, offset, right)
    return Target(left, right, passage, None if passage is not None else offset)


# --- quotes ----------------------------------------------------------------------------------


def quote_groups(story: Story) -> tuple[QuoteGroup, ...]:
    """Most widely carried first (the engine's order), quotes one outlet gives last."""
    return story.facts.quote_groups


def quote_target(story: Story, group: QuoteGroup, version: QuoteVersion) -> Target:
    """Compare the fullest version's article with this version's, at the quote."""
    base = group.versions[0].quote
    right: str | None = version.quote.article
    if right == base.article:
        right = next((a for a in group.articles if a != base.article), None)
    return _target(story, base.article, base.start, right)


# --- figures ---------------------------------------------------------------------------------


def figure_groups(story: Story) -> tuple[FigureGroup, ...]:
    """Disagreements first, then agreements, then figures one outlet gives (the engine's)."""
    return story.facts.figure_groups


def figure_values(story: Story, group: FigureGroup) -> str:
    """ "2,100 (NewsNation) · 2,290 (The Epoch Times, Breitbart News) · about 2,300 (…)"."""
    parts = []
    for value in group.values:
        outlets = ", ".join(dict.fromkeys(story.article(a).label for a in value.articles))
        parts.append(f"{value.text} ({outlets})")
    return " · ".join(parts)


def figure_target(story: Story, group: FigureGroup, index: int) -> Target:
    """Compare the figure's article with one that gives another value (else any other of the
    group, else its closest partner), at the figure's sentence."""
    figure = group.figures[index]
    others = [f for f in group.figures if f.article != figure.article]
    differing = [f for f in others if f.value != figure.value]
    right = (differing or others)[0].article if others else None
    return _target(story, figure.article, figure.start, right)


# --- outlets ---------------------------------------------------------------------------------

#: Shade glyphs by heat level: readable without colour, the number beside them says it exactly.
SHADES = (" ", "░", "▒", "▓", "█")
#: A share below each bound gets that level (0: nothing shared).
LEVELS = (0.10, 0.30, 0.60)

ORDERS = ("clustered", "name", "most shared")
#: The heat map shows at most this many outlets, those whose text is found the most in the
#: others' (a 40-column map is already wider than a terminal; thousands of outlets would be
#: millions of cells, one ``share`` each). The JSON export has them all.
MAX_SHOWN = 40


def shown_outlets(matrix: SharedText) -> frozenset[str]:
    """The outlets the heat map shows: all, or the ``MAX_SHOWN`` sharing the most."""
    names = matrix.names
    if len(names) <= MAX_SHOWN:
        return frozenset(names)
    rank = sorted(range(len(names)), key=lambda i: (-matrix.sums[i], names[i]))
    return frozenset(names[i] for i in rank[:MAX_SHOWN])


def level(share: float) -> int:
    if share <= 0:
        return 0
    return 1 + sum(share >= bound for bound in LEVELS)


def outlet_order(matrix: SharedText, how: str, column: str | None = None) -> tuple[str, ...]:
    """The outlets' order in the heat map (rows and columns alike, so the diagonal stays):
    ``clustered`` (those that copy each other side by side), ``name``, ``most shared`` (the
    share of its text found anywhere, summed), or by one ``column`` (whose text holds the
    largest share of each row's); at most ``MAX_SHOWN`` of them (``shown_outlets``)."""
    keep = shown_outlets(matrix)
    return tuple(n for n in _outlet_order(matrix, how, column, keep) if n in keep)


def _outlet_order(
    matrix: SharedText, how: str, column: str | None, keep: frozenset[str]
) -> tuple[str, ...]:
    names = matrix.names if len(keep) == len(matrix.names) else tuple(sorted(keep))
    if column is not None and column in names:
        return tuple(sorted(names, key=lambda n: (-matrix.share(n, column), n.casefold())))
    if how == "name":
        return tuple(sorted(names, key=str.casefold))
    if how == "most shared":
        if matrix.dense:
            total = {n: sum(matrix.share(n, m) for m in matrix.names) for n in names}
        else:  # each pair on demand would be n² look-ups: the row sums (shares unclipped)
            at = {n: matrix.index(n) for n in names}
            total = {
                n: matrix.sums[i] / matrix.totals[i] if matrix.totals[i] else 0.0
                for n, i in at.items()
            }
        return tuple(sorted(names, key=lambda n: (-total[n], n.casefold())))
    return matrix.order


def busiest_cell(matrix: SharedText, order: tuple[str, ...]) -> tuple[str, str]:
    """The shown pair of outlets where the row's share in the column is largest (the first
    such in ``order``): where the heat map opens, rather than on a cell that may be 0%."""
    if len(order) < 2:
        return (order[0], order[0])
    pairs = [(row, column) for row in order for column in order if row != column]
    return max(pairs, key=lambda pair: matrix.share(*pair))


def outlet_pair(story: Story, row: str, column: str) -> Target | None:
    """The two articles of these outlets that share the most text (row's share first)."""
    articles = story.facts.provenance.articles
    lefts = [a.id for a in story.articles if a.label == row]
    rights = [a.id for a in story.articles if a.label == column]
    best: tuple[float, str, str] | None = None
    for left in lefts:
        for right in rights:
            if left == right:
                continue
            chars = articles.chars_at(articles.index(left), articles.index(right))
            if best is None or chars > best[0]:
                best = (chars, left, right)
    if best is None:
        return None
    return Target(best[1], best[2])


def pair_chars(matrix: SharedText, row: str, column: str) -> int:
    return matrix.pair_chars(row, column)
