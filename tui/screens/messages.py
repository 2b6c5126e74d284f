"""Where the reader's views ask to go: messages up to the app, which alone changes its
navigation state (``tui.viewmodels.navigation``) and hands the new state down."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.viewmodels.navigation import Compare, View


@dataclass
class OpenView(Message):
    """Show ``view`` as it was left (``back``: going back, by ``escape``)."""

    view: View
    back: bool = False


@dataclass
class GoBack(Message):
    """Back to the view shown before this one."""


@dataclass
class OpenArticle(Message):
    """The library on ``article``, its text cursor on the passage at ``offset``."""

    article: str
    offset: int | None = None


@dataclass
class OpenPair(Message):
    """Compare ``left`` with ``right`` (default: its closest partner), on ``passage``."""

    left: str
    right: str | None = None
    passage: str | None = None
    #: Where in ``left``'s text to land when no passage is named (a quote, a figure).
    offset: int | None = None


@dataclass
class OpenPassage(Message):
    """The passages view on ``passage``."""

    passage: str


@dataclass
class ChangeCompare(Message):
    """The compare view's state, changed in place (swapped, filtered, cursor moved)."""

    compare: Compare


@dataclass
class ChangeLibrary(Message):
    """The library's article or text cursor moved (the view shown stays as it is)."""

    article: str
    offset: int | None = None


@dataclass
class ChangeFacts(Message):
    """A fact view's cursor moved: the quotes' or figures' group, or the outlets' cell."""

    quote: str | None = None
    figure: str | None = None
    cell: tuple[str, str] | None = None


@dataclass
class ChangePassages(Message):
    """The passages view's cursor moved to ``passage`` (the view shown stays as it is)."""

    passage: str
