"""The library's text pane: one article, shared passages tinted by how many outlets carry them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual.strip import Strip

from tui.core.model import Article, Story
from tui.core.pairing import Segment as TextSegment
from tui.core.pairing import segments
from tui.widgets.blocks import BlockView, literal, styled, text_strip, tstyle, wrap

GUTTER = 4


@dataclass(frozen=True, slots=True)
class _Block:
    kind: str  # "header", "segment", "furniture-title", "furniture"
    text: str = ""
    segment: TextSegment | None = None
    outlets: int = 1
    new_paragraph: bool = False


class ArticleView(BlockView):
    """Scrolls one article's cleaned text, block by block (title, then passage by passage)."""

    has_cursor = False
    DEFAULT_CSS = """
    ArticleView {
        & > .article--title { text-style: bold; color: $text; }
        & > .article--meta { color: $text-muted; }
        & > .share--2 { background: $accent 18%; }
        & > .share--3 { background: $accent 32%; }
        & > .share--many { background: $accent 46%; }
        & > .gutter--shared { color: $text-accent; text-style: bold; }
        & > .gutter--single { color: $text-disabled; }
        & > .gutter--target { color: $text-accent; text-style: bold; }
        & > .article--target { background: $secondary 20%; }
        & > .furniture { color: $text-disabled; text-style: italic strike; }
        & > .furniture--title { color: $text-muted; text-style: bold; }
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
        "furniture",
        "furniture--title",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story: Story | None = None
        self.article: Article | None = None
        self.show_furniture = False
        self._blocks: list[_Block] = []
        #: The block a reader was sent to (``reveal``), marked until another article shows.
        self.target: int | None = None

    def show(self, story: Story, article: Article | None, furniture: bool | None = None) -> None:
        if article is not self.article:
            self.target = None
        self.story, self.article = story, article
        if furniture is not None:
            self.show_furniture = furniture
        self._blocks = self._make_blocks()
        self.reset()
        if self.target is not None:
            self._scroll_to_block(self.target)

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
        paragraph = 0
        for segment in segments(story, article):
            outlets = counts.get(segment.passage, 1) if segment.passage else 1
            blocks.append(
                _Block(
                    "segment",
                    segment=segment,
                    outlets=outlets,
                    new_paragraph=segment.first_paragraph != paragraph,
                )
            )
            paragraph = segment.last_paragraph
        if self.show_furniture:
            count = len(article.removed)
            title = f"Removed page furniture ({count} block{'s' if count != 1 else ''})"
            blocks.append(_Block("furniture-title", text=title))
            blocks.extend(_Block("furniture", text=text) for text in article.removed)
        return blocks

    def block_count(self) -> int:
        return len(self._blocks)

    def render_block(self, index: int, width: int, selected: bool) -> list[Strip]:
        block = self._blocks[index]
        base = self.rich_style
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
                    f"{article.word_count} words",
                    article.id,
                )
                if part
            )
            lines += wrap(literal(facts).stylize_before(tstyle(meta)), width, base)
            return [*lines, Strip.blank(width, base)]
        if block.kind == "furniture-title":
            style = self.get_component_rich_style("furniture--title")
            return [Strip.blank(width, base), text_strip(block.text, width, style)]
        if block.kind == "furniture":
            style = self.get_component_rich_style("furniture")
            body = wrap(literal(block.text).stylize_before(tstyle(style)), width - GUTTER, base)
            pad = Strip.blank(GUTTER, base)
            return [Strip.join([pad, line]) for line in body]
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
        content = styled(segment.text, [])
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
        body = wrap(content, width - GUTTER, text_style)
        lines = []
        for number, line in enumerate(body):
            glyph = mark if number == 0 else bar
            gutter = Strip([Segment(glyph.ljust(GUTTER - 1) + " ", gutter_style)])
            lines.append(Strip.join([gutter.adjust_cell_length(GUTTER, base), line]))
        if block.new_paragraph and index > 1:
            lines.insert(0, Strip.blank(width, base))
        return lines
