"""The one-line summary at the top of every view, fitted to the terminal's width."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

#: A fact on the summary line: one wording, or (full, short) for a narrow terminal (a short
#: form "" leaves the fact out there).
Fact = str | Content | tuple[str | Content, str | Content]

SEPARATOR = Content(" · ")


def fitted(head: Content, facts: Sequence[Fact], width: int) -> Content:
    """``head`` (the view and the position, always whole), then the facts in full if they fit
    in ``width`` cells, else in their short forms, else as many short ones as fit and "…"."""
    if not facts:
        return head
    full = [f[0] if isinstance(f, tuple) else f for f in facts]
    short = [s for f in facts if (s := f[1] if isinstance(f, tuple) else f)]
    for wording in (full, short):
        line = Content.assemble(head, "   ", SEPARATOR.join(wording))
        if line.cell_length <= width:
            return line
    for count in range(len(short) - 1, 0, -1):
        line = Content.assemble(head, "   ", SEPARATOR.join(short[:count]), " …")
        if line.cell_length <= width:
            return line
    return head


class SummaryLine(Static):
    """Draws ``fitted`` anew at each width. It is one line, always: a new summary only
    repaints it (no layout pass on each key press)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="summary", markup=False)
        self._head = Content()
        self._facts: tuple[Fact, ...] = ()

    def show(self, head: Content, facts: Sequence[Fact]) -> None:
        self._head, self._facts = head, tuple(facts)
        self.refresh()

    def render(self) -> Content:
        return fitted(self._head, self._facts, self.content_size.width)
