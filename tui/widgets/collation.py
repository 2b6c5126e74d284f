"""The passages view's right pane: every outlet's version of one passage, stacked.

Versions are shown against the passage's base (its most common version), like a collation
table: words a version adds or words differently are underlined, base words it drops or
replaces are shown struck through in place, and differences of punctuation or case only are
italic. A rewrite (one fact in other words) gets no word diff; its figures are set in bold
instead, so what the versions agree on, or not ("2,100" against "2,290"), shows at a glance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip

from tui.core.exporting import change_spaces
from tui.core.model import REWRITE, Article, Change, Passage, Story, Unique
from tui.core.words import base_reason, count, similarity_text
from tui.viewmodels.pairing import base_is_most_common, figures, near, versions
from tui.widgets.blocks import BlockView, inert, tstyle, wrap, wrapped_height
from tui.widgets.compare import warning_text
from tui.widgets.diffstyle import DIFF_CLASSES, DIFF_CSS

GUTTER = 2
#: The first this many versions are measured exactly when a passage is shown (more than a
#: screen holds); the heights of the rest are estimated until they are drawn...
EXACT_BLOCKS = 24
#: ...as their text's length, stretched by this much for wrapping and struck base words.
ESTIMATE_STRETCH = 1.15

#: A version's wording: (whether it is the base, its text).
WordingKey = tuple[bool, str]
#: A stretch of a version's shown text and the diff component class it is drawn with.
Piece = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Version:
    article: str
    label: str
    paragraph: str
    content_key: int  # index into members, or -1 for a single-source passage
    is_base: bool = False
    #: How many members say exactly this (shown once).
    count: int = 1
    earliest: bool = False
    #: Provenance of the (first) member: "2025-02-10 · by Jane Roe · https://…".
    source: str = ""
    #: The label of the one other member saying exactly this, named in the head.
    twin: str = ""


def provenance(article: Article) -> str:
    parts = [article.date or "date unknown"]
    if article.author:
        parts.append(f"by {article.author}")
    if article.url:
        parts.append(article.url)
    return " · ".join(parts)


class CollationView(BlockView):
    DEFAULT_CSS = (
        """
    CollationView {
        overflow-y: scroll;  /* a new passage on each key press: see BlockView._paint_gutter */
        & > .collation--title { text-style: bold; color: $text; }
        & > .collation--label { color: $text-muted; }
        & > .collation--cursor { background: $accent 25%; color: $text; text-style: bold; }
        & > .collation--marker { color: $accent; text-style: bold; }
        & > .collation--figure { color: $text-accent; text-style: bold; }
        & > .collation--warning { color: $text-error; text-style: bold; }
"""
        + DIFF_CSS
        + """
    }
    """
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "collation--title",
        "collation--label",
        "collation--cursor",
        "collation--marker",
        "collation--figure",
        "collation--warning",
        *DIFF_CLASSES,
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story: Story | None = None
        self.passage: Passage | None = None
        self.unique: Unique | None = None
        self.versions: list[Version] = []
        self.most_common = False
        # Popular passages have hundreds of members but far fewer distinct wordings: the
        # pieces, heights and wrapped lines of a version are kept per wording.
        self._pieces: dict[WordingKey, list[Piece]] = {}
        self._body_heights: dict[tuple[WordingKey, int], int] = {}
        self._bodies: dict[tuple[WordingKey, int], list[Strip]] = {}

    def show_passage(self, story: Story, passage: Passage) -> None:
        self.story, self.passage, self.unique = story, passage, None
        self.versions = []
        self.most_common = base_is_most_common(passage)
        for group in versions(story, passage):
            index = group.members[0]
            member = passage.members[index]
            article = story.article(member.article)
            paragraph = article.sentences[member.first_sentence].paragraph + 1
            self.versions.append(
                Version(
                    member.article,
                    article.label,
                    f"¶{paragraph}",
                    index,
                    group.is_base,
                    len(group.members),
                    group.earliest,
                    provenance(article),
                    story.article(passage.members[group.members[1]].article).label
                    if len(group.members) == 2
                    else "",
                )
            )
        self._forget()
        self.reset()

    def show_unique(self, story: Story, unique: Unique) -> None:
        self.story, self.passage, self.unique = story, None, unique
        article = story.article(unique.article)
        paragraph = article.sentences[unique.first_sentence].paragraph + 1
        self.versions = [
            Version(article.id, article.label, f"¶{paragraph}", -1, source=provenance(article))
        ]
        self._forget()
        self.reset()

    def _forget(self) -> None:
        self._pieces, self._body_heights, self._bodies = {}, {}, {}

    def notify_style_update(self) -> None:
        self._bodies = {}
        super().notify_style_update()

    @property
    def current_version(self) -> Version | None:
        if 0 <= self.cursor < len(self.versions):
            return self.versions[self.cursor]
        return None

    def block_count(self) -> int:
        return len(self.versions)

    def block_text(self, index: int) -> str:
        return "".join(
            text for text, _ in self._version_pieces(self._wording(self.versions[index]))
        )

    def _style(self, name: str) -> RichStyle:
        return self.get_component_rich_style(name)

    def block_height(self, index: int, width: int) -> int:
        # Title and blank line above the first version; label, provenance, text and a blank
        # line each.
        key = self._wording(self.versions[index])
        known = self._body_heights.get((key, width))
        if known is not None:
            body = known
        elif index >= EXACT_BLOCKS:
            # Far below the top: estimated from the text's length without diffing or
            # wrapping it; the block is measured when it is first drawn (and the blocks
            # after it move), so a key press lays out only what is on screen.
            columns = max(1, width - GUTTER)
            body = max(1, math.ceil(cell_len(key[1]) * ESTIMATE_STRETCH / columns))
        else:
            plain = "".join(text for text, _ in self._version_pieces(key))
            body = self._body_heights[key, width] = wrapped_height(plain, width - GUTTER)
        title = 0
        if index == 0:
            title = wrapped_height(self._title(), width) + 1
            if self._warning():
                title += wrapped_height(self._warning(), width)
            if self._rest():
                title += wrapped_height(self._rest(), width)
        version = self.versions[index]
        label = wrapped_height(self._label(version), width - GUTTER)
        source = wrapped_height(inert(version.source, newlines=False), width - GUTTER)
        return title + label + source + body + 1

    def render_block(self, index: int, width: int, selected: bool) -> list[Strip]:
        base = self.base_style
        version = self.versions[index]
        lines: list[Strip] = []
        if index == 0:
            # The title wraps rather than being cut: on a narrow screen its end (what the
            # similarity means) is the part a reader needs.
            title = Content(self._title()).stylize(tstyle(self._style("collation--title")))
            lines.extend(wrap(title, width, base))
            if self._warning():
                warning = Content(self._warning()).stylize(
                    tstyle(self._style("collation--warning"))
                )
                lines.extend(wrap(warning, width, base))
            if self._rest():
                muted = self._style("collation--label")
                lines.extend(wrap(Content(self._rest()).stylize(tstyle(muted)), width, base))
            lines.append(Strip.blank(width, base))
        label_style = self._style("collation--cursor" if selected else "collation--label")
        marker = Strip([Segment("▌ " if selected else "  ", self._style("collation--marker"))])
        # The label wraps at a word on a narrow pane rather than being cut mid-word.
        label = Content(self._label(version)).stylize(tstyle(label_style))
        for head in wrap(label, width - GUTTER, label_style):
            lines.append(Strip.join([marker, head]))
        # Date, author and URL: wrapped too, so no name is cut.
        source_style = self._style("collation--label")
        source = Content(inert(version.source, newlines=False)).stylize(tstyle(source_style))
        for line in wrap(source, width - GUTTER, source_style):
            lines.append(Strip.join([marker, line]))
        key = self._wording(version)
        body = self._bodies.get((key, width))
        if body is None:
            content = self.mark(self._content(key))
            body = self._bodies[key, width] = wrap(content, width - GUTTER, base)
        for line in body:
            lines.append(Strip.join([marker, line]))
        lines.append(Strip.blank(width, base))
        return [line.adjust_cell_length(width, base) for line in lines]

    def _label(self, version: Version) -> str:
        """ "Fox News ¶4 + 8 others word for word · against the base · earliest"."""
        note = ""
        if self.passage is not None and self.passage.kind == REWRITE:
            note = " · the same fact in other words"
        elif self.passage is not None and version.is_base:
            why = base_reason(self.passage.base_is) or (
                "most common version" if self.most_common else ""
            )
            note = f" · base ({why})" if why else " · base"
        elif self.passage is not None:
            note = " · against the base"
        else:
            note = " · only in this outlet"
        if version.count > 1:
            others = version.twin or count(version.count - 1, "other")
            note = f" + {others} word for word{note}"
        if version.earliest:
            note += " · earliest"
        return inert(f"{version.label} {version.paragraph}{note}", newlines=False)

    def _title(self) -> str:
        if self.passage is not None:
            p = self.passage
            shared = f"{p.id} · shared by {count(len(p.members), 'outlet')} · {p.kind}"
            if p.within is not None:
                shared += f" within {p.within}"
            if p.kind == REWRITE:
                # Low word overlap is what makes a rewrite: not a weak match, so not a score.
                return (
                    f"{shared}: one fact told in other words"
                    f" (wording similarity {similarity_text(p.similarity, p.same_wording)},"
                    " low as expected)"
                )
            return f"{shared} · wording similarity {similarity_text(p.similarity, p.same_wording)}"
        if self.unique is not None and self.unique.nearest and self.story is not None:
            best = near(self.story, self.unique.nearest[0])
            return f"Single-source passage · {inert(best.note, newlines=False)}"
        return "Single-source passage"

    def _warning(self) -> str:
        """The line under the title of a passage whose versions disagree, else ""."""
        if self.passage is None or not self.passage.disagreements:
            return ""
        return inert(
            f"{warning_text(self.passage.disagreements)} (matching wording, different facts)",
            newlines=False,
        )

    def _rest(self) -> str:
        """The line naming what the members leave of their sentences ("rest of a shared
        sentence: Metro Daily “grant.”"), else "": those words are no single-source passage."""
        if self.passage is None or self.story is None:
            return ""
        return inert(self.story.rest_note(self.passage.id), newlines=False)

    def _wording(self, version: Version) -> WordingKey:
        """What a version's text depends on: members with the same wording look the same."""
        if self.passage is None:
            return (True, self.unique.text if self.unique is not None else "")
        return (version.is_base, self.passage.members[version.content_key].text)

    def _version_pieces(self, key: WordingKey) -> list[Piece]:
        pieces = self._pieces.get(key)
        if pieces is None:
            pieces = self._pieces[key] = self._make_pieces(key)
        return pieces

    def _make_pieces(self, key: WordingKey) -> list[Piece]:
        """A version's text against the base as (inert text, diff style or None) pieces."""
        is_base, text = key
        passage = self.passage
        if passage is not None and passage.kind == REWRITE:
            # The fact in other words: a word diff would be noise; its figures are the point.
            pieces: list[Piece] = []
            position = 0
            for start, end in figures(text):
                if start > position:
                    pieces.append((inert(text[position:start]), None))
                pieces.append((inert(text[start:end]), "collation--figure"))
                position = end
            if position < len(text):
                pieces.append((inert(text[position:]), None))
            return pieces
        if is_base or passage is None:
            return [(inert(text), None)]
        member = next(i for i, m in enumerate(passage.members) if m.text == text)
        base_text = passage.members[passage.base].text
        pieces = []
        position = 0
        for op in passage.diffs[member]:
            if op.b_start > position:
                pieces.append((inert(text[position : op.b_start]), None))
            new = inert(text[op.b_start : op.b_end])
            old = inert(base_text[op.a_start : op.a_end])
            if op.change is Change.EQUAL:
                pieces.append((new, None))
            elif op.minor:
                pieces.append((new, "diff--minor"))
            else:
                if old:
                    # Dropped base words stand in place, struck, spaced off their neighbours.
                    before = pieces[-1][0] if pieces else ""
                    if before and not before[-1].isspace():
                        pieces.append((" ", None))
                    pieces.append((old, "diff--delete"))
                    if new or change_spaces(base_text, text, op)[2]:
                        pieces.append((" ", None))
                if new:
                    pieces.append((new, "diff--insert"))
            position = max(position, op.b_end)
        if position < len(text):
            pieces.append((inert(text[position:]), None))
        return pieces

    def _content(self, key: WordingKey) -> Content:
        return Content("").join(
            Content(text) if style is None else Content(text).stylize(tstyle(self._style(style)))
            for text, style in self._version_pieces(key)
        )
