"""The one-line summary at the top of every view, fitted to the terminal's width."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

#: A fact on the summary line: one wording, or (full, short, ...) wordings, each shorter, for
#: narrower terminals (a form "" leaves the fact out there; a fact short of forms keeps its
#: last).
Fact = str | Content | tuple[str | Content, ...]

SEPARATOR = Content(" · ")


def form(fact: Fact, tier: int) -> str | Content:
    if isinstance(fact, tuple):
        return fact[min(tier, len(fact) - 1)]
    return fact


def fitted(head: Content, facts: Sequence[Fact], width: int) -> Content:
    """``head`` (the view and the position, always whole), then the facts in the first of
    their forms (full, short, ...) that fits in ``width`` cells, else as many of the
    shortest as fit and "…"."""
    if not facts:
        return head
    tiers = max(len(f) if isinstance(f, tuple) else 1 for f in facts)
    for tier in range(tiers):
        wording = [w for f in facts if (w := form(f, tier))]
        line = Content.assemble(head, "   ", SEPARATOR.join(wording))
        if line.cell_length <= width:
            return line
    for count in range(len(wording) - 1, 0, -1):
        line = Content.assemble(head, "   ", SEPARATOR.join(wording[:count]), " …")
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
