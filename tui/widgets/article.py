"""The library's text pane: one article, shared passages tinted by how many outlets carry them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.strip import Strip

from tui.core.model import Article, Story
from tui.viewmodels.pairing import Segment as TextSegment
from tui.viewmodels.pairing import edges, segments
from tui.widgets.blocks import BlockView, inert, literal, styled, tstyle, wrap

GUTTER = 4
#: The kinds of block the text cursor stops at.
_STOPS = ("segment", "furniture")


@dataclass(frozen=True, slots=True)
class _Block:
    kind: str  # "header", "segment", "furniture"
    text: str = ""
    segment: TextSegment | None = None
    outlets: int = 1
    new_paragraph: bool = False
    #: The article's text touching the segment that no segment holds ("." after a copy).
    head: str = ""
    tail: str = ""


class ArticleView(BlockView):
    """Scrolls one article's cleaned text, block by block (title, then passage by passage).

    While the view has focus a cursor marks one passage (a reversed bar in the margin):
    ``j``/``k`` move it passage by passage, a click puts it on a passage, and ``Enter``
    asks for the passage (``Chosen``). The title and the furniture heading are skipped.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "Open passage",
            id="library.text.open",
            tooltip="In the text: open the passage under the cursor in the passages view",
        ),
    ]

    class Chosen(Message):
        """``Enter`` on a passage of the text (shared or single-source)."""

        def __init__(self, view: ArticleView, segment: TextSegment) -> None:
            super().__init__()
            self.view = view
            self.segment = segment

        @property
        def control(self) -> ArticleView:
            return self.view

    DEFAULT_CSS = """
    ArticleView {
        & > .article--title { text-style: bold; color: $text; }
        & > .article--meta { color: $text-muted; }
        & > .share--2 { background: $accent 18%; }
        & > .share--3 { background: $accent 32%; }
        & > .share--many { background: $accent 40%; }
        & > .gutter--shared { color: $text-accent; text-style: bold; }
        & > .gutter--single { color: $text-muted; }
        & > .gutter--target { color: $text-accent; text-style: bold; }
        & > .article--target { background: $secondary 20%; }
        & > .article--nested { color: $text-primary; text-style: underline; }
        & > .furniture { color: $text-muted; text-style: italic strike; }
        & > .furniture--title { color: $text-muted; text-style: bold; }
        & > .article--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title",
        "article--meta",
        "share--2",
        "share--3",
        "share--many",
        "gutter--shared",
        "gutter--single",
        "gutter--target",
        "article--target",
        "article--nested",
        "furniture",
        "furniture--title",
        "article--cursor",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story: Story | None = None
        self.article: Article | None = None
        self.show_furniture = False
        self._blocks: list[_Block] = []
        #: The blocks the cursor stops at: passages and furniture, not the headings.
        self._stops: list[int] = []
        #: The block a reader was sent to (``reveal``), marked until another article shows.
        self.target: int | None = None

    def show(self, story: Story, article: Article | None, furniture: bool | None = None) -> None:
        # The same article again (furniture shown or hidden): the cursor stays on its passage.
        keep = self.current_segment if article is self.article else None
        if article is not self.article:
            self.target = None
        self.story, self.article = story, article
        if furniture is not None:
            self.show_furniture = furniture
        self._blocks = self._make_blocks()
        self._stops = [i for i, b in enumerate(self._blocks) if b.kind in _STOPS]
        at = next((i for i, b in enumerate(self._blocks) if keep and b.segment == keep), 0)
        self.reset(at)
        if self.target is not None:
            self._scroll_to_block(self.target)

    # -- the passage cursor ---------------------------------------------------------------

    @property
    def current_segment(self) -> TextSegment | None:
        """The passage under the cursor (None on the title or the furniture)."""
        if 0 <= self.cursor < len(self._blocks):
            return self._blocks[self.cursor].segment
        return None

    def move_to(self, index: int) -> None:
        """Put the cursor on the stop nearest ``index`` in the direction it moves.

        Before the first passage (the title) the cursor stays on the first passage and the
        view scrolls to the top, so the title can still be read.
        """
        stops = self._stops
        if not stops:
            return
        if index < stops[0]:
            self.cursor = stops[0]
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        if index >= self.cursor:
            place = min(bisect_left(stops, index), len(stops) - 1)
        else:
            place = max(bisect_right(stops, index) - 1, 0)
        self.cursor = stops[place]

    def on_focus(self, event: events.Focus) -> None:
        if self._stops and self.cursor not in self._stops:
            # The first passage on screen, so that focusing does not scroll the text.
            top = self.block_at_line(round(self.scroll_y))
            place = min(bisect_left(self._stops, top), len(self._stops) - 1)
            self.set_reactive(BlockView.cursor, self._stops[place])
        self._rerender(self.cursor)

    def on_blur(self, event: events.Blur) -> None:
        self._rerender(self.cursor)

    def action_choose(self) -> None:
        segment = self.current_segment
        if segment is not None and self.has_focus:
            self.post_message(self.Chosen(self, segment))

    def reveal(self, offset: int) -> bool:
        """Mark the passage holding text offset ``offset`` and scroll it near the top.

        Returns False when no passage of the shown article holds that offset.
        """
        for index, block in enumerate(self._blocks):
            segment = block.segment
            if segment is not None and segment.start <= offset < segment.end:
                old, self.target = self.target, index
                if old is not None:
                    self._rerender(old)
                self._rerender(index)
                self.set_reactive(BlockView.cursor, index)  # j/k and Enter go on from here
                self._rerender(index)
                self._scroll_to_block(index)
                return True
        return False

    def _scroll_to_block(self, index: int) -> None:
        def scroll() -> None:
            if 0 <= index < self.block_count():
                start, _ = self.block_span(index)
                self.scroll_to(y=max(0, start - 1), animate=False, immediate=True, force=True)

        # Now if the view is laid out, and again once the screen it is on has been laid out
        # (a view on a screen being switched to is given its size then, which resets it).
        if self.scrollable_content_region.width > 0:
            scroll()
        self.call_after_refresh(scroll)

    def _make_blocks(self) -> list[_Block]:
        story, article = self.story, self.article
        if story is None or article is None:
            return []
        blocks = [_Block("header")]
        counts = {p.id: len(p.members) for p in story.passages}
        # The removed furniture where the cleaner took it out (a block without a known
        # place at the end), in the order it was removed.
        end = len(article.text)
        places = [*article.removed_at, *[end] * (len(article.removed) - len(article.removed_at))]
        furniture = sorted(
            zip(places, range(len(article.removed)), article.removed, strict=True)
            if self.show_furniture
            else ()
        )
        waiting = 0
        paragraph = 0
        found = segments(story, article)
        for segment, (head, tail) in zip(found, edges(article.text, found), strict=True):
            while waiting < len(furniture) and furniture[waiting][0] <= segment.start:
                blocks.append(_Block("furniture", text=furniture[waiting][2]))
                waiting += 1
            outlets = counts.get(segment.passage, 1) if segment.passage else 1
            blocks.append(
                _Block(
                    "segment",
                    segment=segment,
                    outlets=outlets,
                    new_paragraph=segment.first_paragraph != paragraph,
                    head=head,
                    tail=tail,
                )
            )
            paragraph = segment.last_paragraph
        blocks.extend(_Block("furniture", text=text) for _, _, text in furniture[waiting:])
        return blocks

    def block_text(self, index: int) -> str:
        block = self._blocks[index]
        return block.segment.text if block.segment is not None else block.text

    def block_count(self) -> int:
        return len(self._blocks)

    def render_block(self, index: int, width: int, selected: bool) -> list[Strip]:
        block = self._blocks[index]
        base = self.base_style
        article = self.article
        assert article is not None
        if block.kind == "header":
            title = self.get_component_rich_style("article--title")
            meta = self.get_component_rich_style("article--meta")
            heading = literal(article.title, "(untitled)").stylize_before(tstyle(title))
            lines = wrap(heading, width, base)
            facts = " · ".join(
                part
                for part in (
                    article.label,
                    article.date or "date unknown",
                    f"by {article.author}" if article.author else "",
                    f"{article.word_count} words",
                    article.url or article.id,
                )
                if part
            )
            lines += wrap(literal(facts).stylize_before(tstyle(meta)), width, base)
            return [*lines, Strip.blank(width, base)]
        marked = selected and self.has_focus
        cursor = self.get_component_rich_style("article--cursor")
        if block.kind == "furniture":
            # As it was: one line for each line removed (never joined into one paragraph),
            # dimmed and struck, "cut" in the margin.
            style = self.get_component_rich_style("furniture")
            text = self.mark(Content(inert(block.text)).stylize_before(tstyle(style)))
            body = wrap(text, width - GUTTER, base)
            margin = self.get_component_rich_style("gutter--single")
            lines = [Strip.blank(width, base)] if index > 1 else []
            for number, line in enumerate(body):
                glyph = "cut" if number == 0 else ""
                pad = Strip(
                    [
                        Segment(glyph.ljust(GUTTER - 1), (margin + cursor) if marked else margin),
                        Segment(" ", base),
                    ]
                )
                lines.append(Strip.join([pad, line]))
            return lines
        segment = block.segment
        assert segment is not None
        if block.outlets > 1:
            tint = {2: "share--2", 3: "share--3"}.get(block.outlets, "share--many")
            text_style = self.get_component_rich_style(tint)
            gutter_style = self.get_component_rich_style("gutter--shared")
            mark = f"{block.outlets}×"
        else:
            text_style = base
            gutter_style = self.get_component_rich_style("gutter--single")
            mark = "1×"
        spans = []
        if segment.nested:
            # Shared wording nested in a rewrite's sentence: the words copied, underlined.
            nested = self.get_component_rich_style("article--nested", partial=True)
            shift = segment.start - len(block.head)
            spans = [(s - shift, e - shift, nested) for _, s, e in segment.nested]
        content = styled(f"{block.head}{segment.text}{block.tail}", spans)
        bar = "│" if block.outlets > 1 else ""
        if index == self.target:
            # The passage the reader came here for (from the passages view): tinted, with a
            # pointer in the margin, whatever its share.
            text_style = text_style + self.get_component_rich_style("article--target")
            gutter_style = self.get_component_rich_style("gutter--target")
            mark, bar = f"▶{mark}", "┃"
        if block.outlets > 1 or index == self.target:
            content = content.stylize_before(tstyle(text_style))
        # Shared text is tinted as a whole block, padding included, so it reads as one passage.
        body = wrap(self.mark(content), width - GUTTER, text_style)
        lines = []
        if marked:
            # The cursor: the margin as a reversed bar down the whole passage.
            gutter_style = gutter_style + cursor
        for number, line in enumerate(body):
            glyph = mark if number == 0 else bar
            gutter = Strip([Segment(glyph.ljust(GUTTER - 1), gutter_style), Segment(" ", base)])
            lines.append(Strip.join([gutter.adjust_cell_length(GUTTER, base), line]))
        if block.new_paragraph and index > 1:
            lines.insert(0, Strip.blank(width, base))
        return lines
