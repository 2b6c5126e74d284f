"""The reader's navigation state: one immutable value, changed only by the functions here.

The app holds one ``Reader`` and hands it down to the views; a view that wants to go
somewhere asks the app (a message), and the app replaces its value with what one of these
functions returns. So every way into a view lands in the same place: opening a pair lands
on its first shared row (or on the passage asked for), switching back to a view finds it
as it was left, and browsing one view never moves another's cursor.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from tui.core.model import Story
from tui.viewmodels.pairing import Place, Side, closest_partner

View = Literal["library", "compare", "passages", "quotes", "figures", "outlets"]
VIEWS: tuple[View, ...] = ("library", "compare", "passages", "quotes", "figures", "outlets")
#: How many views ``escape`` can go back through.
HISTORY = 20


@dataclass(frozen=True, slots=True)
class Compare:
    """The compare view: which pair, in whose order, what is hidden, where the cursor is."""

    left: str | None = None
    right: str | None = None
    follow: Side = "left"
    hide_identical: bool = False
    shared_only: bool = False
    #: None: on the first shared row.
    place: Place | None = None

    def swapped(self) -> Compare:
        follow: Side = "right" if self.follow == "left" else "left"
        return replace(self, left=self.right, right=self.left, follow=follow)

    def reordered(self) -> Compare:
        return replace(self, follow="right" if self.follow == "left" else "left")


@dataclass(frozen=True, slots=True)
class Reader:
    view: View = "library"
    #: The library's article, and the text offset its text cursor is on (None: the top).
    article: str | None = None
    offset: int | None = None
    compare: Compare = field(default_factory=Compare)
    #: The passages view's passage (None: the first).
    passage: str | None = None
    #: The quotes and figures views' groups (None: the first); the outlets view's cell as
    #: (row outlet, column outlet) (None: the first row's first other outlet).
    quote: str | None = None
    figure: str | None = None
    cell: tuple[str, str] | None = None
    #: The views ``escape`` goes back through, most recent last (the library is the root).
    history: tuple[View, ...] = ()


def settled(state: Reader, story: Story) -> Reader:
    """``state`` with its articles made real ones of ``story`` (defaults where not)."""
    ids = [a.id for a in story.articles]
    article = state.article if state.article in ids else (ids[0] if ids else None)
    compare = state.compare
    left = compare.left if compare.left in ids else article
    right = compare.right
    if left is not None and (right not in ids or right == left):
        right = closest_partner(story, left)
    if (left, right) != (compare.left, compare.right):
        compare = replace(compare, left=left, right=right)
    passage = state.passage if state.passage in {p.id for p in story.passages} else None
    return replace(state, article=article, compare=compare, passage=passage)


def open_view(state: Reader, view: View, *, back: bool = False) -> Reader:
    """Show ``view`` as it was left; the view being left joins the history (unless ``back``)."""
    if view == state.view:
        return state
    history = list(state.history)
    if not back:
        if view in history:  # a loop back to a view cuts the loop
            del history[history.index(view) :]
        history.append(state.view)
        del history[:-HISTORY]
    return replace(state, view=view, history=tuple(history))


def go_back(state: Reader) -> Reader:
    """``escape``: the view shown before this one; the library when there is none."""
    history = list(state.history)
    while history and history[-1] == state.view:
        history.pop()
    view: View = history.pop() if history else "library"
    return open_view(replace(state, history=tuple(history)), view, back=True)


def open_article(state: Reader, article: str, offset: int | None = None) -> Reader:
    """The library on ``article``, its text cursor on the passage holding ``offset``."""
    return open_view(replace(state, article=article, offset=offset), "library")


def open_pair(
    state: Reader,
    story: Story,
    left: str,
    right: str | None = None,
    passage: str | None = None,
    offset: int | None = None,
) -> Reader:
    """Compare ``left`` with ``right`` (default: its closest partner), on ``passage``'s row,
    else on the row holding ``left``'s text at ``offset``, else on the first shared row.

    A pair opened on its own keeps what is hidden (the first shared row is always shown). A
    pair opened for a passage or a sentence (from the passages, quotes and figures views)
    shows every row: ``s`` or ``i`` could hide the very row asked for, and the cursor then
    landed on another one."""
    place = None
    if passage is not None:
        place = Place(passage=passage)
    elif offset is not None:
        place = Place(at=(left, offset))
    compare = replace(state.compare, left=left, right=right, follow="left", place=place)
    if place is not None:
        compare = replace(compare, shared_only=False, hide_identical=False)
    return open_view(settled(replace(state, compare=compare), story), "compare")


def open_passage(state: Reader, passage: str) -> Reader:
    return open_view(replace(state, passage=passage), "passages")


def step_article(compare: Compare, story: Story, side: Side, step: int) -> Compare:
    """The next (``step`` 1) or previous (-1) article on one side, never the other side's."""
    ids = [a.id for a in story.articles]
    if len(ids) < 2 or compare.left not in ids or compare.right not in ids:
        return compare
    current, other = (
        (compare.left, compare.right) if side == "left" else (compare.right, compare.left)
    )
    index = ids.index(current)
    while True:
        index = (index + step) % len(ids)
        if ids[index] != other:
            break
    if side == "left":
        return replace(compare, left=ids[index], place=None)
    return replace(compare, right=ids[index], place=None)
