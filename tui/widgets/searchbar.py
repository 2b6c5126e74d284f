"""``/``: a one-line search box over a view's text; Enter searches, Esc closes it."""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.core.words import count
from tui.widgets.blocks import inert


class Searchable(Protocol):
    """What ``/`` searches: ``BlockView`` (article, compare, passages) and the fact views'
    ``FactVersions``."""

    searched: str

    def search(self, query: str) -> list[int]: ...

    def jump_match(self, direction: int, *, inclusive: bool = False) -> bool: ...

    def matches_end(self, direction: int) -> None: ...

    def focus(self, scroll_visible: bool = True) -> object: ...


class SearchBar(Input):
    ALLOW_MAXIMIZE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False),
    ]
    DEFAULT_CSS = """
    SearchBar { dock: bottom; margin-bottom: 1; border: tall $accent; }
    """

    def __init__(self, view: Searchable) -> None:
        super().__init__(value=view.searched, placeholder="Search this view's text (Enter; Esc)")
        self.view = view

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        found = self.view.search(query)
        self.action_close()
        if not query:
            return
        if found:
            # From the cursor down; when every match lies above it, to the nearest above.
            above = not self.view.jump_match(1, inclusive=True)
            if above:
                self.view.jump_match(-1)
            where = count(len(found), "place") + (", above" if above else "")
            self.notify(
                f"“{inert(query)}”: {where} · n/N next/previous · Esc clears",
                timeout=3,
                markup=False,
            )
        else:
            # Not here: the screen may look further (the passages view: other passages).
            self.view.matches_end(1)

    def action_close(self) -> None:
        self.view.focus()
        self.remove()
