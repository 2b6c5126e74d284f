"""The compare view's body: two articles side by side, one block per row, scrolling as one.

Both columns live in one line-API widget, so they cannot drift apart: each row renders the
same number of lines on both sides (the shorter side is padded).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


def single_parts(segment: TextSegment, label: str, other: str) -> list[tuple[str, ...]]:
    """What a row only one side has says (after its paragraphs): whether any other article
    has it, each part with its shorter forms (longest first; "" drops it).

    "not in <other> · also in 3 others" for a passage the other side lacks but other
    articles carry; "only in <label>" for text no other article has, followed by the closest
    text the engine turned down when it names one ("only in <label> · nearest: <outlet> ¶2,
    0.62", as ``words.nearest_text`` says it): one wording for single-source text, with or
    without a candidate. The outlet names and the candidate's score stay (a header wraps
    rather than lose them); "also in", the reason a candidate was kept apart and the
    candidate's outlet and paragraph give way.
    """
    if segment.passage is not None:
        n = segment.outlets - 1
        others = words.count(n, "other")
        return [(f"not in {other}",), (f"also in {others}", f"in {others}", f"+{others}", "")]
    parts: list[tuple[str, ...]] = [(f"only in {label}",)]
    if segment.nearest:
        best = segment.nearest[0]
        forms = words.nearest_forms(best.label, best.paragraph, best.score)
        if best.kept_apart:
            parts.append((f"kept apart · {best.kept_apart}", "kept apart"))
        # Never said without its candidate: a bare "only in" reads as "nothing close", which
        # the engine did not find (the header wraps before it goes).
        parts.append(tuple(forms))
    return parts


def absent_forms(
    segment: TextSegment, label: str, article: str, *, continued: bool = False
) -> list[str]:
    """What the side lacking ``segment`` (article ``article``, called ``label``) says,
    longest first: "— not in Fox News", with the engine's nearest candidate in that article
    when it has one ("— not in Fox News · nearest ¶4, 0.41") and the other side's note does
    not already name it; short, the candidate without the outlet ("— nearest ¶4, 0.41", as
    a row ``continued`` from one that lacks the same side says it: the outlet was named on
    the first row of the run), then the outlet without the candidate."""
    named = segment.nearest[0] if segment.passage is None and segment.nearest else None
    shown = "" if continued else label
    for candidate in segment.nearest:
        if article and candidate.article == article and candidate is not named:
            where = (candidate.paragraph, candidate.score)
            forms = [words.absent_text(shown, *where), words.absent_text("", *where)]
            return list(dict.fromkeys([*forms, words.absent_text(shown)]))
    return [words.absent_text(shown)]


def meaning(row: Row) -> str:
    """What a shared row's two versions have in common, in a reader's words: the passage's
    kind, or "identical" when these two say the very same characters."""
    return meaning_forms(row)[0]


def meaning_forms(row: Row) -> list[str]:
    """``meaning``, longest first, for a header too narrow for it: the explanation gives way
    ("identical words", "rewrite · copy underlined"), then what the underline is."""
    if row.identical and _inside_other_words(row):
        return ["identical words, sentences differ", "identical words"]
    if row.identical:
        return ["identical"]
    if row.rewrite and row.nested:
        return [
            "rewrite: the same fact in other words · copy underlined",
            "rewrite · copy underlined",
            "rewrite",
        ]
    if row.rewrite:
        return ["rewrite: the same fact in other words", "rewrite"]
    # The passage's kind, as the passages view and the reports name it.
    return [row.segment.wording]


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


@dataclass(frozen=True)
class Part:
    """A piece of a row's header: its forms, longest first ("" leaves it out), and its
    style. ``lead`` goes before it when anything does, in ``lead_style`` (None: the header's,
    as the paragraphs are). ``end``: the passage id, right-aligned at the line's end."""

    forms: tuple[str, ...]
    style: RichStyle
    lead: str = " · "
    lead_style: RichStyle | None = None
    end: bool = False


def fit(parts: Sequence[Part], order: Sequence[int], width: int) -> list[int] | None:
    """Which form of each part puts the header on one ``width`` line (None: no way does).

    ``order`` is what gives way first: each entry moves that part to its next shorter
    form, and the first line that fits is taken; then the parts given way, the last to give
    way first, take back what room is left (a candidate dropped leaves room for the outlet
    name that had to go before it)."""
    chosen = [0] * len(parts)
    steps = iter(order)
    while _laid_out(parts, chosen, width) is None:
        index = next(steps, None)
        if index is None:
            return None
        chosen[index] = min(chosen[index] + 1, len(parts[index].forms) - 1)
    for index in reversed(dict.fromkeys(order)):
        while chosen[index] and _laid_out(parts, _less(chosen, index), width) is not None:
            chosen = _less(chosen, index)
    return chosen


def _less(chosen: list[int], index: int) -> list[int]:
    return [n - 1 if i == index else n for i, n in enumerate(chosen)]


def _laid_out(
    parts: Sequence[Part], chosen: Sequence[int], width: int | None
) -> list[tuple[str, RichStyle]] | None:
    """The header's texts with these forms, or None when they do not fit ``width`` (no
    ``width``: the id follows the rest after a space, for a header that wraps)."""
    line: list[tuple[str, RichStyle]] = []
    tag: tuple[str, RichStyle] | None = None
    for part, n in zip(parts, chosen, strict=True):
        text = part.forms[n]
        if not text:
            continue
        if part.end:
            tag = (text, part.style)
            continue
        if line and part.lead:
            line.append((part.lead, part.lead_style or parts[0].style))
        line.append((text, part.style))
    used = sum(cell_len(text) for text, _ in line)
    if width is None:
        return [*line, (f" {tag[0]}", tag[1])] if tag else line
    if tag is not None:
        # The id right-aligned on the header's one line.
        if used + 1 + cell_len(tag[0]) + 1 > width:
            return None
        gap = " " * (width - used - cell_len(tag[0]) - 1)
        return [*line, (gap, parts[0].style), (f"{tag[0]} ", tag[1])]
    return line if used <= width else None


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
        left_head, left_lost = self._header(row, before, row.left, 0, column, header_style)
        right_head, right_lost = self._header(row, before, row.right, 1, column, header_style)
        if left_lost and row.left is not None and row.left.moved:
            # A moved passage's left header ("¶2 · ↕ moved before ¶4 · close wording · 3
            # outlets") that had to give way says the row's meaning on the right instead,
            # when that keeps more of it on one line on each side.
            left_one, left_gone = self._header(
                row, before, row.left, 0, column, header_style, explain=False
            )
            right_one, right_gone = self._header(
                row, before, row.right, 1, column, header_style, explain=True
            )
            now = (max(len(left_head), len(right_head)), left_lost + right_lost)
            if (max(len(left_one), len(right_one)), left_gone + right_gone) < now:
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
        side: int,
        width: int,
        style: RichStyle,
        explain: bool | None = None,
    ) -> tuple[list[Strip], int]:
        """``cell``'s header (on ``side``, 0 the left): its paragraphs, whether it moved, and
        (``explain``: by default on the left side) what the row is; the passage id at the
        right side's end. One line where its parts can give way to fit, in this order: a
        meaning's explanation, the id (Enter opens the passage, the passages view lists it),
        where a moved passage was, the outlet count, then what an underline is; a one-sided
        row's "also in", then its candidate (the outlet, then all but the score). Also how
        many parts gave way (0: the header in full)."""
        parts, order = self._header_parts(row, before, cell, side, style, explain)
        chosen = fit(parts, order, width)
        if chosen is not None:
            line = _laid_out(parts, chosen, width) or []
            strip = Strip([Segment(inert(text, newlines=False), s) for text, s in line])
            return [strip.adjust_cell_length(width, style)], sum(map(bool, chosen))
        # A header that fits no way wraps at a word, in full.
        line = _laid_out(parts, [0] * len(parts), None) or []
        content = Content.assemble(*((inert(text, newlines=False), tstyle(s)) for text, s in line))
        return wrap(content, width, style), 0

    def _header_parts(
        self,
        row: Row,
        before: Row | None,
        cell: Cell | None,
        side: int,
        style: RichStyle,
        explain: bool | None,
    ) -> tuple[list[Part], list[int]]:
        """A header's parts and the order they give way in (see ``fit``)."""
        if cell is None:
            # The side a one-sided row lacks: said in words, so that its empty box does not
            # read as text that failed to show.
            if row.left is None and row.right is None:
                return [Part(("",), style)], []
            article = self.articles[side]
            continued = before is not None and before.kind is row.kind
            forms = absent_forms(row.segment, self.labels[side], article, continued=continued)
            return [Part(tuple(forms), style + self._ink("compare--absent"))], [0, 0]
        segment = cell.segment
        parts = [Part((paragraphs(segment),), style)]
        if row.kind is not RowKind.SHARED:
            only = style + self._ink("compare--only")
            other = self.labels[1 - side]
            said = single_parts(segment, self.labels[side], other)
            # One note: its own " · " in its colour, as the note's first is not.
            parts += [Part(f, only, lead_style=only if n else None) for n, f in enumerate(said)]
            # "also in" or the candidate (its outlet, its paragraph), then a kept-apart reason.
            last = len(parts) - 1
            return parts, [last, last, last, last - 1, last]
        if explain is None:
            explain = cell is row.left
        # What the row is, said once (on the left); the passage id goes small at the end of
        # the right side's header, for the palette and the passages view. As loud as a
        # single-source row's note (never quieter): bold, full text.
        loud = style + self._ink("compare--meaning")
        many = explain and segment.outlets > 2
        tagged = cell is row.right and segment.passage is not None
        parts += [
            Part(tuple(moved_notes(cell)), style + self._ink("compare--moved")),  # 1
            Part(tuple(meaning_forms(row)) if explain else ("",), loud),  # 2
            Part((f"{segment.outlets} outlets", "") if many else ("",), loud, lead_style=loud),
            Part(
                (warning_text(row.disagreements),) if explain and row.disagreements else ("",),
                style + self._ink("compare--warning"),
            ),
            Part(
                (segment.passage or "", "") if tagged else ("",),
                style + self._ink("compare--id"),
                end=True,
            ),  # 5
        ]
        # The meaning's explanation, the id, where it moved, the outlets, what an underline is.
        return parts, [2, 5, 1, 3, 2]

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
