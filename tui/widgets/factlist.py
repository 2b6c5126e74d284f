"""The fact views' stacked versions: an ``OptionList`` that ``/`` can search.

It holds each version's ``Content`` as drawn and redraws them with the search's matches
marked, so searching behaves as in the line-API views (``BlockView``): the cursor goes to
the first version with a match, ``n``/``N`` step through them, Esc clears. Compact, it
draws every version but the highlighted one in its brief form (one line), so a short
terminal shows more than one version at a time.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.blocks import SearchKeys

#: How a match is drawn (bold, a cue besides colour, as ``BlockView``'s ``blocks--match``).
#: An opaque background: a translucent one mixes with the highlighted row's and the marks'
#: tints under it and falls below 4.5:1 (tests/test_contrast.py).
MATCH = "bold $text on $warning-muted"


def mark(content: Content, query: str) -> Content:
    """``content`` with every case-insensitive occurrence of ``query`` drawn as a match."""
    if not query:
        return content
    for found in re.finditer(re.escape(query), content.plain, re.IGNORECASE):
        content = content.stylize(MATCH, found.start(), found.end())
    return content


class FactVersions(SearchKeys, OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        # The reader's keys elsewhere (``StretchTable``, ``BlockView``), beside the arrows.
        Binding("k", "cursor_up", "Up", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("n", "match(1)", "Next match", show=False, tooltip="Next search match"),
        Binding("N", "match(-1)", "Prev match", show=False, tooltip="Previous search match"),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    class MatchesEnd(Message):
        """``n``/``N`` (or a new search) found no further match among these versions: the
        screen looks in the other groups."""

        def __init__(self, view: FactVersions, direction: int) -> None:
            super().__init__()
            self.view = view
            self.direction = direction

        @property
        def control(self) -> FactVersions:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What ``/`` searched for ("" for no search).
        self.searched = ""
        #: Each version as (prompt, brief prompt, option id).
        self._prompts: list[tuple[Content, Content, str]] = []
        self._compact = False
        #: The version drawn in full while compact (the highlighted one).
        self._expanded: int | None = None

    def show_versions(self, prompts: list[tuple[Content, Content, str]]) -> None:
        """One option per (prompt, brief prompt, id), a line between them unless compact;
        the cursor on the first."""
        self._prompts = prompts
        self._redraw(0)

    def set_compact(self, compact: bool) -> None:
        if compact != self._compact:
            self._compact = compact
            self._redraw(self.highlighted)

    def _shown(self, index: int) -> Content:
        full, brief, _ = self._prompts[index]
        prompt = brief if self._compact and index != self._expanded else full
        return mark(prompt, self.searched)

    def _redraw(self, highlighted: int | None) -> None:
        self.clear_options()
        if self._prompts and highlighted is not None:
            highlighted = max(0, min(highlighted, len(self._prompts) - 1))
        self._expanded = highlighted
        options: list[Option | None] = []
        for index, (_, _, option_id) in enumerate(self._prompts):
            option = Option(self._shown(index), id=option_id)
            options += [None, option] if options and not self._compact else [option]
        self.add_options(options)
        if self._prompts and highlighted is not None:
            self.highlighted = highlighted

    def watch_highlighted(self, highlighted: int | None) -> None:
        # Expanded before the base class scrolls to it, so it scrolls to its full height.
        if self._compact and highlighted != self._expanded:
            before, self._expanded = self._expanded, highlighted
            for index in (before, highlighted):
                if index is not None and index < self.option_count:
                    self.replace_option_prompt_at_index(index, self._shown(index))
        super().watch_highlighted(highlighted)

    # -- search (the same calls as ``BlockView``'s, for the search bar) -------------------

    def search(self, query: str) -> list[int]:
        """Mark ``query`` (case-insensitive; "" clears); the versions that hold it."""
        self.searched = query
        self._redraw(self.highlighted)
        return self.matching_blocks()

    def matching_blocks(self) -> list[int]:
        if not self.searched:
            return []
        query = self.searched.casefold()
        return [i for i, (p, _, _) in enumerate(self._prompts) if query in p.plain.casefold()]

    def jump_match(self, direction: int, *, inclusive: bool = False) -> bool:
        """To the next (1) or previous (-1) version holding the search; False if none."""
        blocks = self.matching_blocks()
        here = self.highlighted if self.highlighted is not None else -1
        if direction > 0:
            later = [i for i in blocks if i > here or (inclusive and i == here)]
            target = later[0] if later else None
        else:
            earlier = [i for i in blocks if i < here or (inclusive and i == here)]
            target = earlier[-1] if earlier else None
        if target is None:
            return False
        self.highlighted = target
        return True

    def matches_end(self, direction: int) -> None:
        self.post_message(self.MatchesEnd(self, direction))
