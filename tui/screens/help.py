"""Every key, grouped by view, read from the bindings themselves so it cannot go stale.

Above the keys, a short legend says what the marks, tints, columns and styles on the
other screens mean, so a first-time reader does not have to guess.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.passages import WARNING

MOVEMENT = [
    ("↑ ↓  j k", "Move the cursor: a table row, a passage of text, a version"),
    ("PgUp PgDn space", "Page up / down"),
    ("Home End  g G", "First / last row"),
    (
        "Tab  Shift+Tab",
        "Library, passages: move focus between panes (outlined); compare: next/previous shared",
    ),
    ("Esc", "Back to the view you came from"),
    ("mouse", "Click a row, a passage or a version to select it; the wheel scrolls"),
]

#: The sections' titles (readable on the light themes' surface too, unlike ``$accent``).
TITLE = "bold $text-primary"


def legend_terms(mark: str) -> list[tuple[Content, str]]:
    """What the screens show, as (term, meaning); the term is styled the way the screen does
    (``mark``: the colour of the library's shared-passage marks and of a rewrite's figures
    in this theme)."""
    return [
        (
            Content.styled("3×", f"bold {mark}") + Content(" tint"),
            "Library text: a passage 3 outlets carry (more outlets, deeper tint)",
        ),
        (
            Content.styled("1×", "$text-disabled"),
            "Library text: a passage no other outlet has (single-source)",
        ),
        (Content("Shared"), "Library: share of the article's text found in other outlets"),
        (Content("Single-source"), "Library: number of the article's single-source passages"),
        (
            Content("Most shared with"),
            "Library: the outlet holding the largest share of its text, and that share",
        ),
        (
            Content("◀ order · ▶ order"),
            "Compare's title: the rows follow the left (◀) or right (▶) article's order",
        ),
        (
            Content("nearest: ¶2, 0.48"),
            "A single-source passage's closest text elsewhere (turned down), and its score",
        ),
        (
            Content("kept apart · …"),
            "A rule turned its nearest text down: names in another order, another name,"
            " figures differ, or already in another passage",
        ),
        (Content("same wording"), "Only punctuation, quote style or case differ"),
        (Content("close wording"), "A quote or sentence with some words changed"),
        (Content("shared wording"), "Words copied inside otherwise different text: only them"),
        (
            Content("rewrite"),
            "One fact in other words (low similarity expected; no word diff)",
        ),
        (Content("wording similarity"), "0–1, how many words the versions share (1.00: all)"),
        (
            Content("rest of a shared sentence"),
            "Passages: words a version leaves of its sentence (“grant.”) that add no figure,"
            " name or denial: shown with the passage, not counted single-source",
        ),
        (
            Content.styled("≠ figures differ", WARNING),
            "Passages, compare: the words match, the facts differ (a figure, not, an opposite)",
        ),
        (
            Content.styled("2,290", f"bold {mark}"),
            "A figure in a rewrite's versions (passages): check them against each other",
        ),
        (
            Content.styled("struck", "strike"),
            "Words dropped or replaced (compare, passages, quotes)",
        ),
        (Content.styled("underlined", "underline"), "Words added or reworded"),
        (
            Content.styled("copied", "underline $text-primary"),
            "In a rewrite (library, compare): shared wording, a passage of its own",
        ),
        (
            Content.styled("2,100", "bold underline"),
            "Figures: the figure of the quantity in question (not others in the sentence)",
        ),
        (
            Content("words · speaker · cut"),
            "Quotes: words changed inside the marks, speakers differ, shortened",
        ),
        (
            Content("disagree"),
            "Figures: two values that cannot be one number (rounded, consistent: they can)",
        ),
        (
            Content("▓ 45%"),
            "Outlets: share of the row's text found in the column's (shade and number)",
        ),
        (
            Content.styled("italic", "italic"),
            "A difference of punctuation, quotes or case only (on a faint tint)",
        ),
    ]


#: The terms' column: as wide as a section's widest term and a gap, up to this many cells
#: (a section of one-letter keys leaves its meanings most of an 80-column line).
KEY_COLUMN = 20
KEY_GAP = 3
#: Narrower than this, a meaning wraps under the terms instead (no room for a column).
MIN_MEANING = 24
KeyDisplay = Callable[[Binding], str]
#: The library text's cursor keys (BlockView's, so not in ArticleView's own bindings).
TEXT_CURSOR = "Move the cursor (a bar in the margin) from passage to passage"


def _keys(binding: Binding, display: KeyDisplay) -> str:
    """Each of the binding's keys as the footer shows it (``App.get_key_display``)."""
    keys = [key.strip() for key in binding.key.split(",")]
    return "  ".join(display(Binding(key, binding.action)) for key in keys)


#: A help section's row: a term (keys, or a sample of a mark) and what it means.
Row = tuple[Content, str]


def key_rows(bindings: list[BindingType], display: KeyDisplay) -> list[Row]:
    return [
        (Content(_keys(binding, display)), binding.tooltip or binding.description)
        for binding in bindings
        if isinstance(binding, Binding)
    ]


def legend_rows(light: bool) -> list[Row]:
    # As storydiff.tcss draws them: the accent is too pale on a light background.
    return legend_terms("$primary" if light else "$text-accent")


class HelpSection(Static):
    """A title over (term, meaning) rows, the meanings in a column of their own: one too
    long for the width wraps under itself, not under the terms (a hanging indent)."""

    def __init__(self, title: str, rows: list[Row]) -> None:
        super().__init__(classes="help-section")
        self._title = title
        self._rows = rows
        widest = max((term.cell_length for term, _ in rows), default=0)
        self.column = min(KEY_COLUMN, widest + KEY_GAP)

    def laid_out(self, width: int) -> Content:
        lines = [Content.styled(self._title, TITLE)]
        column = self.column
        for term, meaning in self._rows:
            lead = " " * max(column, term.cell_length + 1)
            if width - 2 - column < MIN_MEANING:
                lines.append(Content.assemble("  ", term, lead[term.cell_length :], meaning))
                continue
            if term.cell_length >= column:  # a term too wide for its column: a line of its own
                lines.append(Content.assemble("  ", term))
                term, lead = Content(), " " * column
            # The meanings are the reader's own English text: one cell a character.
            first, *more = textwrap.wrap(
                meaning, width - 2, initial_indent=lead, subsequent_indent=" " * column
            ) or [lead]
            lines.append(Content.assemble("  ", term, first[term.cell_length :]))
            lines += [Content(f"  {line}") for line in more]
        return Content("\n").join(lines)

    def render(self) -> Content:
        return self.laid_out(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.laid_out(width).get_height({}, width)  # no line styles of its own


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "edge(0)", "Top", show=False),
        Binding("end,G", "edge(1)", "Bottom", show=False),
    ]

    def __init__(self, view: str = "library") -> None:
        super().__init__()
        #: The view help was called from: its keys come first.
        self.view = view

    def compose(self) -> ComposeResult:
        from tui.app import StorydiffApp
        from tui.screens.compare import CompareScreen
        from tui.screens.facts import FiguresScreen, QuotesScreen
        from tui.screens.library import LibraryScreen
        from tui.screens.outlets import OutletsScreen
        from tui.screens.passages import PassagesScreen
        from tui.widgets.article import ArticleView

        display = self.app.get_key_display

        def keys(title: str, bindings: list[BindingType], *more: Row) -> HelpSection:
            return HelpSection(title, [*key_rows(bindings, display), *more])

        views = {
            "library": [
                keys("Library (1)", list(LibraryScreen.BINDINGS)),
                keys(
                    "Library text (t or a click moves there)",
                    list(ArticleView.BINDINGS),
                    (Content("↑ ↓  j k"), TEXT_CURSOR),
                ),
            ],
            "compare": [keys("Compare (2)", list(CompareScreen.BINDINGS))],
            "passages": [keys("Passages (3)", list(PassagesScreen.BINDINGS))],
            "quotes": [keys("Quotes (4)", list(QuotesScreen.BINDINGS))],
            "figures": [keys("Figures (5)", list(FiguresScreen.BINDINGS))],
            "outlets": [keys("Outlets (6)", list(OutletsScreen.BINDINGS))],
        }
        # The keys of the view help was called from come first, then the rest.
        sections = views.pop(self.view, [])
        sections += [
            keys(
                "Everywhere",
                list(StorydiffApp.BINDINGS),
                (
                    Content("ctrl+p"),
                    "Command palette: jump to an article, pair or passage; change the theme",
                ),
            ),
            HelpSection("Everywhere: moving around", [(Content(k), what) for k, what in MOVEMENT]),
        ]
        for rest in views.values():
            sections += rest
        sections.append(
            HelpSection("Reading the screen", legend_rows(light=not self.app.current_theme.dark))
        )
        with VerticalScroll(id="help-body"):
            yield Static(
                Content.assemble(
                    ("storydiff — keys", "bold"),
                    ("   j k / space scroll · Esc closes", "$text-muted"),
                ),
                id="help-title",
            )
            yield from sections

    def _body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        body = self._body()
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_page(self, direction: int) -> None:
        body = self._body()
        page = max(1, body.scrollable_content_region.height - 1)
        body.scroll_to(y=body.scroll_y + direction * page, animate=False)

    def action_edge(self, end: int) -> None:
        body = self._body()
        body.scroll_to(y=body.max_scroll_y if end else 0, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
