"""The compare view's body: two articles side by side, one block per row, scrolling as one.

Both columns live in one line-API widget, so they cannot drift apart: each row renders the
same number of lines on both sides (the shorter side is padded).
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip

from tui.core.pairing import Cell, Row, RowKind, difference_starts
from tui.widgets.blocks import BlockView, inert, styled, text_strip, wrap
from tui.widgets.diffstyle import DIFF_CLASSES, DIFF_CSS, new_side_spans, old_side_spans

GUTTER = 2
SEPARATOR = " │ "


class CompareView(BlockView):
    DEFAULT_CSS = (
        """
    CompareView {
        & > .compare--header { color: $text-muted; }
        & > .compare--cursor { background: $accent 25%; color: $text; text-style: bold; }
        & > .compare--marker { color: $accent; text-style: bold; }
        & > .compare--only { color: $warning; text-style: bold; }
        & > .compare--moved { color: $secondary; text-style: bold; }
        & > .compare--empty { background: $panel 45%; }
        & > .compare--rule { color: $panel-lighten-2; }
"""
        + DIFF_CSS
        + """
    }
    """
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare--header",
        "compare--cursor",
        "compare--marker",
        "compare--only",
        "compare--moved",
        "compare--empty",
        "compare--rule",
        *DIFF_CLASSES,
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []
        self.labels: tuple[str, str] = ("", "")
        self.hide_identical = False
        self._visible: list[Row] = []

    def show(self, rows: list[Row], labels: tuple[str, str], hide_identical: bool) -> None:
        current = self.current_row
        self.rows, self.labels, self.hide_identical = rows, labels, hide_identical
        self._visible = [r for r in rows if not (hide_identical and r.identical)]
        cursor = 0
        if current is not None and current.passage is not None:
            for index, row in enumerate(self._visible):
                if row.passage == current.passage:
                    cursor = index
                    break
        self.reset(cursor)

    @property
    def visible_rows(self) -> list[Row]:
        return self._visible

    @property
    def current_row(self) -> Row | None:
        if 0 <= self.cursor < len(self._visible):
            return self._visible[self.cursor]
        return None

    def jump_difference(self, direction: int) -> bool:
        """Move to the next (1) or previous (-1) difference; False when there is none."""
        starts = difference_starts(self._visible)
        if direction > 0:
            later = [i for i in starts if i > self.cursor]
            target = later[0] if later else None
        else:
            earlier = [i for i in starts if i < self.cursor]
            target = earlier[-1] if earlier else None
        if target is None:
            return False
        self.move_to(target)
        self.scroll_to_cursor(top=True)
        return True

    def block_count(self) -> int:
        return len(self._visible)

    def _style(self, name: str) -> RichStyle:
        return self.get_component_rich_style(name)

    def render_block(self, index: int, width: int, selected: bool) -> list[Strip]:
        row = self._visible[index]
        base = self.rich_style
        column = max(8, (width - GUTTER - len(SEPARATOR)) // 2)
        header_style = (
            self._style("compare--cursor") if selected else self._style("compare--header")
        )
        left_head = self._header(row, row.left, self.labels[0], column, header_style)
        right_head = self._header(row, row.right, self.labels[1], column, header_style)
        left_body = self._body(row, row.left, column, old_side=True)
        right_body = self._body(row, row.right, column, old_side=False)
        height = max(len(left_body), len(right_body))
        empty = self._style("compare--empty")
        left_body += [Strip.blank(column, base if row.left else empty)] * (height - len(left_body))
        right_body += [Strip.blank(column, base if row.right else empty)] * (
            height - len(right_body)
        )
        marker = self._style("compare--marker")
        rule = self._style("compare--rule")
        gutter = Strip([Segment("▌ " if selected else "  ", marker)])
        sep = Strip([Segment(SEPARATOR, rule)])
        lines = [Strip.join([gutter, left_head, sep, right_head])]
        for left, right in zip(left_body, right_body, strict=True):
            lines.append(Strip.join([gutter, left, sep, right]))
        lines.append(Strip.join([Strip.blank(GUTTER, base), Strip.blank(column, base), sep]))
        return [line.adjust_cell_length(width, base) for line in lines]

    def _header(
        self, row: Row, cell: Cell | None, label: str, width: int, style: RichStyle
    ) -> Strip:
        if cell is None:
            return Strip.blank(width, style)
        segment = cell.segment
        parts = [Segment(segment.paragraph_label, style)]
        if row.kind is RowKind.SHARED:
            note = f" · {segment.passage}"
            if row.identical:
                note += " · identical"
            elif row.rewrite:
                note += " · rewrite: the same fact in other words"
            elif row.same_wording:
                note += " · same wording"
            parts.append(Segment(note, style))
            if cell.moved:
                parts.append(
                    Segment(" · ↕ told earlier here", style + self._style("compare--moved"))
                )
        else:
            only = text_strip(f" · only in {inert(label, newlines=False)}", width, style)
            parts.extend(only)
        return Strip(parts).crop(0, width).adjust_cell_length(width, style)

    def _body(self, row: Row, cell: Cell | None, width: int, old_side: bool) -> list[Strip]:
        if cell is None:
            return []
        text = cell.segment.text
        spans: list[tuple[int, int, RichStyle]] = []
        if row.kind is RowKind.SHARED:
            spans = (old_side_spans if old_side else new_side_spans)(row.ops, self._style)
        content = styled(text, spans)
        return wrap(content, width, self.rich_style)
