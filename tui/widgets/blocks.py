"""A line-API view of a list of blocks (paragraphs, compare rows, passage versions).

Each block renders to a few ``Strip`` lines at the current width; the lines are cached and
only rebuilt when the width, the theme or the data change, so scrolling and moving the
cursor cost one ``render_line`` per visible line (the toolong approach: no huge ``Static``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import ClassVar, Protocol

from rich._wrap import divide_line
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

#: Characters a terminal would act on instead of showing: C0/C1 controls (ESC starts ANSI
#: sequences) and the bidirectional overrides that can reorder the rest of the screen.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛
    if code == 0x7F:
        return "␡"
    return "\ufffd"


def inert(text: str, newlines: bool = True) -> str:
    """``text`` with every control character made visible, one character for one.

    Offsets into the text stay valid, so diff spans still line up after this.
    """
    text = _UNSAFE.sub(_visible, text)
    return text if newlines else text.replace("\n", " ")


def literal(text: str | None, default: str = "?") -> Content:
    """Untrusted text as inert one-line ``Content``: no markup parsing, no control characters."""
    if text is None:
        return Content(default)
    return Content(inert(text, newlines=False))


def tstyle(style: RichStyle) -> Style:
    """A Rich style (from a component class) as a Textual ``Content`` style."""
    return Style.from_rich_style(style)


def styled(text: str, spans: list[tuple[int, int, RichStyle]]) -> Content:
    """Literal ``text`` with rich styles laid over character ranges."""
    content = Content(inert(text))
    for start, end, style in spans:
        if end > start:
            content = content.stylize(Style.from_rich_style(style), start, end)
    return content


def wrap(content: Content, width: int, base: RichStyle) -> list[Strip]:
    """``content`` folded to ``width`` cells, each line padded to exactly ``width`` cells."""
    width = max(1, width)
    lines = content.wrap(width) if content.plain else [Content("")]
    base_style = Style.from_rich_style(base)
    strips = []
    for line in lines:
        strip = Strip(line.render_segments(base_style), line.cell_length)
        strips.append(strip.adjust_cell_length(width, base))
    return strips or [Strip.blank(width, base)]


def wrapped_height(plain: str, width: int) -> int:
    """How many lines ``wrap`` folds literal text ``plain`` into, without building them.

    It counts the fold points ``Content.wrap`` uses (``rich``'s ``divide_line``, per line),
    which costs a fraction of wrapping and rendering styled text.
    """
    width = max(1, width)
    if not plain:
        return 1
    return sum(len(divide_line(line, width, fold=True)) + 1 for line in plain.split("\n"))


def text_strip(text: str, width: int, style: RichStyle) -> Strip:
    """One line of literal text, cropped or padded to ``width`` cells."""
    content = Content(inert(text, newlines=False)).truncate(width, ellipsis=True)
    return Strip([Segment(content.plain, style)]).adjust_cell_length(width, style)


def highlight(content: Content, query: str, style: RichStyle) -> Content:
    """``content`` with every case-insensitive occurrence of ``query`` styled as a match."""
    if not query:
        return content
    for match in re.finditer(re.escape(query), content.plain, re.IGNORECASE):
        content = content.stylize(tstyle(style), match.start(), match.end())
    return content


class _Searching(Protocol):
    searched: str

    def search(self, query: str) -> list[int]: ...

    def jump_match(self, direction: int, *, inclusive: bool = False) -> bool: ...

    def matches_end(self, direction: int) -> None: ...

    def notify(self, message: str, *, timeout: float | None = None) -> None: ...


class SearchKeys:
    """The keys of a view ``/`` searches (``n``/``N`` step, Esc clears), mixed into
    ``BlockView`` and the fact views' ``FactVersions``."""

    def action_match(self: _Searching, direction: int) -> None:
        if not self.searched:
            self.notify("Nothing searched: press / to search", timeout=2)
        elif not self.jump_match(direction):
            self.matches_end(direction)

    def action_clear_search(self: _Searching) -> None:
        self.search("")

    def check_action(self: _Searching, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Esc clears a search; with none, it goes on to the screen (back).
        return bool(self.searched) if action == "clear_search" else True


class BlockView(SearchKeys, ScrollView, can_focus=True):
    """Scrolls a list of blocks; an optional cursor selects one block at a time.

    Layout is lazy: only each block's *height* is needed up front (to place blocks and size
    the scroll area); a block's lines are rendered when one of them is first drawn and then
    cached until the width, the styles or the data change. A subclass that can tell a
    block's height without rendering it (``block_height``) makes showing new data cost
    little more than what is on screen, however many blocks there are.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home,g", "edge(0)", "Top", show=False),
        Binding("end,G", "edge(1)", "Bottom", show=False),
        Binding("n", "match(1)", "Next match", show=False, tooltip="Next search match"),
        Binding("N", "match(-1)", "Prev match", show=False, tooltip="Previous search match"),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]
    DEFAULT_CSS = """
    BlockView {
        scrollbar-gutter: stable;
        background: $surface;
        &:focus { background-tint: $foreground 3%; }
        & > .blocks--match { background: $warning 45%; color: $text; text-style: bold; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"blocks--cursor", "blocks--dim", "blocks--match"}

    #: A maximized pane would hide the titles that say what it shows.
    ALLOW_MAXIMIZE = False
    #: Whether the view has a block cursor (False: the arrow keys just scroll).
    has_cursor: ClassVar[bool] = True
    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CursorMoved(Message):
        def __init__(self, view: BlockView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

        @property
        def control(self) -> BlockView:
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: Rendered lines of the blocks drawn so far at ``_width``, by block index.
        self._rendered: dict[int, list[Strip]] = {}
        self._heights: list[int] = []
        self._starts: list[int] = []
        self._total = 0
        self._width = -1
        #: What ``/`` searched for ("" for no search): matches are highlighted.
        self.searched = ""
        self._base_style: RichStyle | None = None
        #: The colour the scrollbar is painted in while there is nothing to scroll.
        self._gutter: Color | None = None

    # -- for subclasses -------------------------------------------------------------------

    def block_count(self) -> int:
        return 0

    def render_block(self, index: int, width: int, selected: bool) -> list[Strip]:
        return []

    def block_text(self, index: int) -> str:
        """The text a search looks for in block ``index``."""
        return ""

    def mark(self, content: Content) -> Content:
        """``content`` with the search's matches highlighted (for ``render_block``)."""
        return highlight(content, self.searched, self.get_component_rich_style("blocks--match"))

    # -- search ---------------------------------------------------------------------------

    class Searched(Message):
        """The search or the match under the cursor changed."""

    def search(self, query: str) -> list[int]:
        """Highlight ``query`` (case-insensitive; "" clears); the blocks that hold it."""
        self.searched = query
        self.notify_style_update()  # drop every rendered block: they show the matches
        self.post_message(self.Searched())
        return self.matching_blocks()

    def matching_blocks(self) -> list[int]:
        if not self.searched:
            return []
        query = self.searched.casefold()
        return [i for i in range(self.block_count()) if query in self.block_text(i).casefold()]

    def match_position(self) -> tuple[int | None, int]:
        """Which match block (from 1) the cursor is on, if any, and how many there are."""
        blocks = self.matching_blocks()
        number = blocks.index(self.cursor) + 1 if self.cursor in blocks else None
        return number, len(blocks)

    def jump_match(self, direction: int, *, inclusive: bool = False) -> bool:
        """To the next (1) or previous (-1) block holding the search; False if none."""
        blocks = self.matching_blocks()
        if direction > 0:
            later = [i for i in blocks if i > self.cursor or (inclusive and i == self.cursor)]
            target = later[0] if later else None
        else:
            earlier = [i for i in blocks if i < self.cursor or (inclusive and i == self.cursor)]
            target = earlier[-1] if earlier else None
        if target is None:
            return False
        self.move_to(target)
        self.scroll_to_cursor(top=True)
        self.post_message(self.Searched())
        return True

    class MatchesEnd(Message):
        """``n``/``N`` found no further match in this view (a screen may look further)."""

        def __init__(self, view: BlockView, direction: int) -> None:
            super().__init__()
            self.view = view
            self.direction = direction

    def matches_end(self, direction: int) -> None:
        """No further match in this view that way: say so (a screen may look further)."""
        self.post_message(self.MatchesEnd(self, direction))

    def block_height(self, index: int, width: int) -> int:
        """How many lines ``render_block(index, width, ...)`` returns.

        This default renders the block (and keeps the lines); override it when the height
        can be found more cheaply. It must agree with ``render_block``.
        """
        lines = self.render_block(index, width, self._selected(index))
        self._rendered[index] = lines
        return len(lines)

    # -- layout and rendering -------------------------------------------------------------

    def reset(self, cursor: int = 0) -> None:
        """The data changed: lay out again and put the cursor on ``cursor``."""
        self._width = -1
        self.set_reactive(BlockView.cursor, max(0, min(cursor, self.block_count() - 1)))
        self._layout()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.scroll_to_cursor(top=True)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._width = -1
        self.refresh()

    @property
    def base_style(self) -> RichStyle:
        """The view's own ``rich_style``, kept until its styles change (a theme, focus):
        ``rich_style`` walks every ancestor's styles each time it is read, and drawing a
        screen reads it for every line."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        self._paint_gutter()  # a new height alone can make the blocks fit, or not

    def _layout(self, width: int | None = None) -> None:
        """Lay the blocks out at ``width`` (the view's, by default) if it has changed."""
        if width is None:
            width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._rendered = {}
        self._heights = [self.block_height(index, width) for index in range(self.block_count())]
        self._place()

    def _place(self) -> None:
        """Block start lines and the scroll area from the block heights."""
        starts: list[int] = []
        total = 0
        for height in self._heights:
            starts.append(total)
            total += height
        self._starts, self._total = starts, total
        size = Size(self._width, total)
        if size != self.virtual_size:
            # Only this view's scroll area changes: its scrollbars follow, and it is
            # repainted, without a layout pass of the whole screen (which repaints every
            # widget on it: 40-140 ms a key press in the passages view at 1,000 articles).
            # Textual 8 has no public way to do this: assigning ``virtual_size`` (a
            # ``layout=True`` reactive) asks for that layout pass, and ``ScrollView`` only
            # syncs its scrollbars (``_scroll_update``) from a layout's ``_size_updated``.
            # So the one private call of the reader's views stays here, in this method.
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
        self._paint_gutter()

    def _paint_gutter(self) -> None:
        """In a view styled ``overflow-y: scroll``, draw the scrollbar as the view's blank
        background while everything fits, as the stable gutter of a hidden bar looks.

        A view whose data changes on every key press (the passages view's versions) keeps
        its bar: one that came and went as data longer and shorter than the pane was shown
        asked for a layout pass of the whole screen each time (``show_vertical_scrollbar``
        and the bar's ``display`` are ``layout=True``), 25 ms of CPU at 1,000 articles. A bar
        with nothing to scroll is drawn in ``scrollbar-background`` alone.
        """
        if self.styles.overflow_y != "scroll":
            return
        fits = self._total <= self.scrollable_content_region.height
        gutter = self.background_colors[1] if fits else None
        if gutter != self._gutter:
            self._gutter = gutter
            styles = self.styles
            styles.scrollbar_background = gutter
            styles.scrollbar_background_hover = gutter
            styles.scrollbar_background_active = gutter

    def _selected(self, index: int) -> bool:
        return self.has_cursor and index == self.cursor

    def _block_lines(self, index: int) -> list[Strip]:
        lines = self._rendered.get(index)
        if lines is None:
            lines = self.render_block(index, self._width, self._selected(index))
            self._rendered[index] = lines
            if len(lines) != self._heights[index]:
                # block_height disagreed with render_block: trust the rendered lines.
                self._heights[index] = len(lines)
                self._place()
        return lines

    def _rerender(self, index: int) -> None:
        if self._width <= 0 or not 0 <= index < len(self._starts):
            return
        self._rendered.pop(index, None)
        self._block_lines(index)
        self.refresh()

    def line(self, y: int) -> Strip:
        """Laid-out line ``y`` of the whole view (rendering its block if need be)."""
        self._layout()
        return self._line(y)

    def _line(self, y: int) -> Strip:
        if not 0 <= y < self._total:
            return Strip.blank(max(0, self._width), self.base_style)
        index = self.block_at_line(y)
        lines = self._block_lines(index)
        offset = y - self._starts[index]
        return lines[offset] if offset < len(lines) else Strip.blank(self._width, self.base_style)

    def render_line(self, y: int) -> Strip:
        # The width once per line: ``scrollable_content_region`` is computed on each read.
        width = self.scrollable_content_region.width
        self._layout(width)
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        background = self.base_style
        if index >= self._total:
            return Strip.blank(width, background)
        return self._line(index).crop_extend(scroll_x, scroll_x + width, background)

    def block_span(self, index: int) -> tuple[int, int]:
        """First line and line count of block ``index``."""
        self._layout()
        return self._starts[index], self._heights[index]

    def block_at_line(self, line: int) -> int:
        return max(0, bisect_right(self._starts, line) - 1)

    def line_text(self, line: int) -> str:
        """The plain text of one laid-out line (for tests and searching)."""
        self._layout()
        return self.line(line).text if 0 <= line < self._total else ""

    @property
    def line_count(self) -> int:
        self._layout()
        return self._total

    @property
    def rendered_blocks(self) -> int:
        """How many blocks have been rendered at the current width (lazy layout's cost)."""
        return len(self._rendered)

    def visible_lines(self) -> list[Strip]:
        """The laid-out lines currently in view (what the user sees, top to bottom)."""
        self._layout()
        top = round(self.scroll_y)
        bottom = min(self._total, top + self.scrollable_content_region.height)
        return [self.line(y) for y in range(top, bottom)]

    # -- cursor ---------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if old != new:
            self._rerender(old)
        self._rerender(new)
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved(self, new))

    def scroll_to_cursor(self, top: bool = False) -> None:
        if not self.has_cursor or not self._starts:
            return
        start, height = self.block_span(self.cursor)
        view = self.scrollable_content_region.height
        if top or start < self.scroll_y or height > view:
            self.scroll_to(y=start, animate=False, immediate=True)
        elif start + height > self.scroll_y + view:
            self.scroll_to(y=start + height - view, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        count = self.block_count()
        if count:
            self.cursor = max(0, min(index, count - 1))

    def action_cursor(self, delta: int) -> None:
        if not self.has_cursor:
            self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)
            return
        start, height = self.block_span(self.cursor) if self._starts else (0, 0)
        view = self.scrollable_content_region.height
        # A block taller than the screen scrolls through before the cursor leaves it.
        if delta > 0 and start + height > self.scroll_y + view and height > view:
            self.scroll_to(y=self.scroll_y + view // 2, animate=False, immediate=True)
            return
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        view = max(1, self.scrollable_content_region.height - 1)
        target = self.scroll_y + direction * view
        self.scroll_to(y=target, animate=False, immediate=True)
        if self.has_cursor and self._starts:
            self.move_to(self.block_at_line(round(self.scroll_y)))

    def action_edge(self, end: int) -> None:
        if self.has_cursor:
            self.move_to(self.block_count() - 1 if end else 0)
        else:
            self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if self.has_cursor and self._starts:
            offset = event.get_content_offset(self)
            if offset is not None:
                self.move_to(self.block_at_line(round(self.scroll_y) + offset.y))
