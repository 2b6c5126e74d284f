"""The compare view's body: two articles side by side, one block per row, scrolling as one.

Both columns live in one line-API widget, so they cannot drift apart: each row renders the
same number of lines on both sides (the shorter side is padded).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip

from tui.core import words
from tui.viewmodels.pairing import (
    Cell,
    Place,
    Row,
    RowKind,
    cursor_row,
    difference_position,
    difference_starts,
    shared_indices,
    shown_rows,
    step,
)
from tui.viewmodels.pairing import Segment as TextSegment
from tui.widgets.blocks import BlockView, inert, styled, tstyle, wrap
from tui.widgets.diffstyle import DIFF_CLASSES, DIFF_CSS, new_side_spans, old_side_spans

GUTTER = 2
SEPARATOR = " │ "


def paragraphs(segment: TextSegment) -> str:
    """ "¶3" or "¶3–5": where a segment is in its article, as a reader counts paragraphs."""
    if segment.first_paragraph == segment.last_paragraph:
        return f"¶{segment.first_paragraph}"
    return f"¶{segment.first_paragraph}–{segment.last_paragraph}"


def moved_notes(cell: Cell) -> list[str]:
    """What a moved cell's header says, longest first: "↕ moved before ¶7" (this side tells
    it before its ¶7, where a passage an earlier row showed is: like every ¶ of a header, a
    paragraph of this side), then "↕ moved" where the header has no room for the paragraph;
    [""] for a cell that did not move."""
    if not cell.moved:
        return [""]
    if cell.before:
        return [f"↕ moved before ¶{cell.before}", "↕ moved"]
    return ["↕ moved"]


def single_label(segment: TextSegment, label: str, other: str) -> str:
    """What a row only one side has says: whether any other article has it.

    "not in <other> · also in 3 others" for a passage the other side lacks but other
    articles carry; "only in <label>" for text no other article has, followed by the closest
    text the engine turned down when it names one ("only in <label> · nearest: <outlet> ¶2,
    0.62"): one wording for single-source text, with or without a candidate.
    """
    if segment.passage is not None:
        others = words.count(segment.outlets - 1, "other")
        return f"not in {inert(other, newlines=False)} · also in {others}"
    if segment.nearest:
        best = segment.nearest[0]
        note = words.nearest_text(
            best.label, best.paragraph, best.score, best.kept_apart, only_in=label
        )
        return inert(note, newlines=False)
    return f"only in {inert(label, newlines=False)}"


def absent(segment: TextSegment, label: str, article: str, *, continued: bool = False) -> str:
    """What the side lacking ``segment`` (article ``article``, called ``label``) says: "— not
    in Fox News", with the engine's nearest candidate in that article when it has one
    ("— not in Fox News · nearest ¶4, 0.41") and the other side's note does not already name
    it. A row ``continued`` from one that lacks the same side says only "—" (and its
    candidate): the outlet was named on the first row of the run."""
    named = segment.nearest[0] if segment.passage is None and segment.nearest else None
    shown = "" if continued else label
    for candidate in segment.nearest:
        if article and candidate.article == article and candidate is not named:
            return words.absent_text(shown, candidate.paragraph, candidate.score)
    return words.absent_text(shown)


def meaning(row: Row) -> str:
    """What a shared row's two versions have in common, in a reader's words: the passage's
    kind, or "identical" when these two say the very same characters."""
    if row.identical and _inside_other_words(row):
        return "identical words, sentences differ"
    if row.identical:
        return "identical"
    if row.rewrite and row.nested:
        return "rewrite: the same fact in other words · copy underlined"
    if row.rewrite:
        return "rewrite: the same fact in other words"
    # The passage's kind, as the passages view and the reports name it.
    return row.segment.wording


def _inside_other_words(row: Row) -> bool:
    """Whether the row's shared words sit inside sentences that go on differently."""
    return any(
        cell is not None and (cell.head or cell.tail or cell.segment.partial)
        for cell in (row.left, row.right)
    )


def warning_text(disagreements: tuple[str, ...]) -> str:
    """ "≠ figures differ: 5-2 / 4-3; one says not: …": what two matching versions say
    differently, marked so that it reads as a warning without colour."""
    return "≠ " + "; ".join(disagreements)


class CompareView(BlockView):
    DEFAULT_CSS = (
        """
    CompareView {
        & > .compare--header { color: $text-muted; }
        & > .compare--cursor { background: $accent 25%; color: $text; text-style: bold; }
        & > .compare--marker { color: $accent; text-style: bold; }
        & > .compare--meaning { color: $text; text-style: bold; }
        & > .compare--only { color: $text-warning; }
        & > .compare--moved { color: $text-primary; text-style: bold; }
        & > .compare--id { color: $text-muted; }
        & > .compare--empty { background: $panel 45%; }
        & > .compare--absent { color: $text-muted; text-style: italic; }
        & > .compare--rule { color: $panel-lighten-2; }
        & > .compare--nested { color: $text-primary; text-style: underline; }
        & > .compare--warning { color: $text-error; text-style: bold; }
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
        "compare--meaning",
        "compare--only",
        "compare--moved",
        "compare--id",
        "compare--empty",
        "compare--absent",
        "compare--rule",
        "compare--nested",
        "compare--warning",
        *DIFF_CLASSES,
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []
        self.labels: tuple[str, str] = ("", "")
        #: The two articles' ids (to find a one-sided row's nearest candidate on the other).
        self.articles: tuple[str, str] = ("", "")
        self.hide_identical = False
        self.shared_only = False
        self._shown: list[int] = []
        self._visible: list[Row] = []

    def show(
        self,
        rows: list[Row],
        labels: tuple[str, str],
        *,
        articles: tuple[str, str] = ("", ""),
        hide_identical: bool = False,
        shared_only: bool = False,
        place: Place | None = None,
    ) -> None:
        """Lay out ``rows`` with the cursor on ``place`` (else the first shared row), at the
        top of the view."""
        self.rows, self.labels, self.articles = rows, labels, articles
        self.hide_identical, self.shared_only = hide_identical, shared_only
        self._shown = shown_rows(rows, hide_identical=hide_identical, shared_only=shared_only)
        self._visible = [rows[i] for i in self._shown]
        self.reset(cursor_row(rows, self._shown, place))
        # Before the first layout (or while its scrollbars are still being worked out) the
        # view cannot scroll there yet: do it again once the screen has refreshed.
        self.call_after_refresh(self._cursor_to_top)

    def go_to(self, place: Place | None) -> None:
        """Put the cursor on ``place`` (else the first shared row), unless it is there."""
        target = cursor_row(self.rows, self._shown, place)
        if target != self.cursor and self._visible:
            self.move_to(target)
            self.scroll_to_cursor(top=True)

    def _cursor_to_top(self) -> None:
        if self._starts and 0 <= self.cursor < len(self._starts):
            start, _ = self.block_span(self.cursor)
            # force: the vertical scrollbar may not be known to be needed yet.
            self.scroll_to(y=start, animate=False, immediate=True, force=True)

    @property
    def visible_rows(self) -> list[Row]:
        return self._visible

    @property
    def current_row(self) -> Row | None:
        if 0 <= self.cursor < len(self._visible):
            return self._visible[self.cursor]
        return None

    def position(self) -> tuple[int | None, int]:
        """The cursor's difference (counted from 1, None between differences) and the total."""
        return difference_position(self._visible, self.cursor)

    # -- moving: from the cursor, or from the screen when the cursor was scrolled away ------

    def _on_screen_rows(self) -> tuple[int, int] | None:
        """First and last row with a line on screen (None before the first layout)."""
        if not self._starts:
            return None
        top = round(self.scroll_y)
        bottom = min(top + max(1, self.scrollable_content_region.height), self._total) - 1
        first, last = self.block_at_line(top), self.block_at_line(bottom)
        # A row cut off at the top counts only if no other row starts on screen.
        if self._starts[first] < top and first < last:
            first += 1
        return first, last

    def cursor_on_screen(self) -> bool:
        seen = self._on_screen_rows()
        return seen is None or seen[0] <= self.cursor <= seen[1]

    def action_cursor(self, delta: int) -> None:
        seen = self._on_screen_rows()
        if seen is not None and not self.cursor_on_screen():
            # After a mouse scroll: start from what is on screen, not yank the view back.
            self.move_to(seen[0] if delta > 0 else seen[1])
            return
        super().action_cursor(delta)

    def _jump(self, starts: list[int], direction: int) -> bool:
        seen = self._on_screen_rows()
        if seen is not None and not self.cursor_on_screen():
            target = step(starts, seen[0], direction, inclusive=True)
        else:
            target = step(starts, self.cursor, direction)
        if target is None:
            return False
        self.move_to(target)
        self.scroll_to_cursor(top=True)
        return True

    def jump_difference(self, direction: int) -> bool:
        """Move to the next (1) or previous (-1) difference; False when there is none."""
        return self._jump(difference_starts(self._visible), direction)

    def jump_shared(self, direction: int) -> bool:
        """Move to the next (1) or previous (-1) shared row; False when there is none."""
        return self._jump(shared_indices(self._visible), direction)

    def block_count(self) -> int:
        return len(self._visible)

    def _style(self, name: str) -> RichStyle:
        return self.get_component_rich_style(name)

    def _ink(self, name: str) -> RichStyle:
        """A component's colour and text style only, to lay over a header (or the cursor)
        without replacing its background."""
        style = self._style(name)
        return RichStyle(
            color=style.color, bold=style.bold, italic=style.italic, underline=style.underline
        )

    def render_block(self, index: int, width: int, selected: bool) -> list[Strip]:
        row = self._visible[index]
        base = self.base_style
        column = max(8, (width - GUTTER - len(SEPARATOR)) // 2)
        header_style = (
            self._style("compare--cursor") if selected else self._style("compare--header")
        )
        before = self._visible[index - 1] if index > 0 else None
        left_head = self._header(row, before, row.left, self.labels[0], column, header_style)
        right_head = self._header(row, before, row.right, self.labels[1], column, header_style)
        if len(left_head) > 1 and row.left is not None and row.left.moved:
            # A moved passage's left header ("¶2 · ↕ moved before ¶4 · close wording · 3
            # outlets") too long for one line says the row's meaning on the right instead,
            # when both then fit on one line (the cursor's highlight one line on each side).
            left_one = self._header(
                row, before, row.left, self.labels[0], column, header_style, explain=False
            )
            right_one = self._header(
                row, before, row.right, self.labels[1], column, header_style, explain=True
            )
            if len(left_one) == len(right_one) == 1:
                left_head, right_head = left_one, right_one
        # A header too long for its column wraps at a word (never cut mid-word). Each side's
        # text follows its own header: padding the shorter header to the longer one's height
        # put a blank line between "¶1 · shared wording" and its text when the other side's
        # header wrapped (as "↕ moved: told before ¶1 here" and the id did at 80 columns).
        # The shorter side is padded below its text instead.
        left_side = left_head + self._body(row, row.left, column, old_side=True)
        right_side = right_head + self._body(row, row.right, column, old_side=False)
        height = max(len(left_side), len(right_side))
        empty = self._style("compare--empty")
        left_side += [Strip.blank(column, base if row.left else empty)] * (height - len(left_side))
        right_side += [Strip.blank(column, base if row.right else empty)] * (
            height - len(right_side)
        )
        marker = self._style("compare--marker")
        rule = self._style("compare--rule")
        gutter = Strip([Segment("▌ " if selected else "  ", marker)])
        sep = Strip([Segment(SEPARATOR, rule)])
        lines = [
            Strip.join([gutter, left, sep, right])
            for left, right in zip(left_side, right_side, strict=True)
        ]
        lines.append(Strip.join([Strip.blank(GUTTER, base), Strip.blank(column, base), sep]))
        return [line.adjust_cell_length(width, base) for line in lines]

    def _header(
        self,
        row: Row,
        before: Row | None,
        cell: Cell | None,
        label: str,
        width: int,
        style: RichStyle,
        explain: bool | None = None,
    ) -> list[Strip]:
        """``cell``'s header: its paragraphs, whether it moved, and (``explain``: by default
        on the left side) what the row is; the passage id at the right side's end."""
        if cell is None:
            # The side a one-sided row lacks: said in words, so that its empty box does not
            # read as text that failed to show.
            if row.left is None and row.right is None:
                return [Strip.blank(width, style)]
            left = row.left is None
            article = self.articles[0] if left else self.articles[1]
            continued = before is not None and before.kind is row.kind
            text = inert(absent(row.segment, label, article, continued=continued), newlines=False)
            content = Content.assemble((text, tstyle(style + self._ink("compare--absent"))))
            return wrap(content, width, style)
        segment = cell.segment
        head: list[tuple[str, RichStyle]] = [(paragraphs(segment), style)]
        rest: list[tuple[str, RichStyle]] = []
        notes = [""]
        tag = ""
        if row.kind is RowKind.SHARED:
            notes = moved_notes(cell)
            if explain is None:
                explain = cell is row.left
            if explain:
                # What the row is, said once (on the left); the passage id goes small at the
                # end of the right side's header, for the palette and the passages view.
                # As loud as a single-source row's note (never quieter): bold, full text.
                said = style + self._ink("compare--meaning")
                rest += [(" · ", style), (meaning(row), said)]
                if segment.outlets > 2:
                    rest.append((f" · {segment.outlets} outlets", said))
                if row.disagreements:
                    warning = style + self._ink("compare--warning")
                    rest += [(" · ", style), (warning_text(row.disagreements), warning)]
            if cell is row.right and segment.passage:
                tag = segment.passage
        else:
            only = style + self._ink("compare--only")
            other = self.labels[1] if cell is row.left else self.labels[0]
            rest.append((" · ", style))
            rest.append((single_label(segment, label, other), only))
        moved = style + self._ink("compare--moved")
        # The header on one line, so that both sides' headers (and the cursor's highlight)
        # are one line tall: the moved note in full with the id, then without the id (Enter
        # opens the passage, the passages view lists it), then the note short. A header that
        # fits no way wraps at a word, in full.
        tried = [(note, shown) for note in notes for shown in dict.fromkeys((tag, ""))]
        for note, shown in tried:
            parts = [*head, *([(" · ", style), (note, moved)] if note else []), *rest]
            used = sum(cell_len(text) for text, _ in parts)
            if not shown and used <= width:
                strip = Strip([Segment(inert(text, newlines=False), s) for text, s in parts])
                return [strip.adjust_cell_length(width, style)]
            if shown and used + 1 + cell_len(shown) + 1 <= width:
                # The id right-aligned on the header's one line.
                parts.append((" " * (width - used - cell_len(shown) - 1), style))
                parts.append((f"{shown} ", style + self._ink("compare--id")))
                strip = Strip([Segment(inert(text, newlines=False), s) for text, s in parts])
                return [strip.adjust_cell_length(width, style)]
        note = notes[0]
        parts = [*head, *([(" · ", style), (note, moved)] if note else []), *rest]
        if tag:
            parts.append((f" {tag}", style + self._ink("compare--id")))
        content = Content.assemble(*((inert(text, newlines=False), tstyle(s)) for text, s in parts))
        return wrap(content, width, style)

    def _body(self, row: Row, cell: Cell | None, width: int, old_side: bool) -> list[Strip]:
        if cell is None:
            return []
        spans: list[tuple[int, int, RichStyle]] = []
        if row.kind is RowKind.SHARED:
            spans = (old_side_spans if old_side else new_side_spans)(row.ops, self._style)
        both = row.nested
        if both:
            # A rewrite shows no word diff: the wording both sides copy is what is underlined.
            start = cell.segment.start
            nested = self._ink("compare--nested")
            spans += [
                (s - start, e - start, nested) for p, s, e in cell.segment.nested if p in both
            ]
        shift = len(cell.head)
        spans = [(s + shift, e + shift, style) for s, e, style in spans]
        content = self.mark(styled(f"{cell.head}{cell.segment.text}{cell.tail}", spans))
        return wrap(content, width, self.base_style)

    def block_text(self, index: int) -> str:
        row = self._visible[index]
        return "\n".join(c.segment.text for c in (row.left, row.right) if c is not None)
