"""Two articles side by side, matching passages on the same row."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.core import words
from tui.screens.messages import ChangeCompare, GoBack, OpenPassage
from tui.viewmodels.navigation import Compare, Reader, step_article
from tui.viewmodels.pairing import RowKind, pair_rows, place_of
from tui.widgets.blocks import inert, literal
from tui.widgets.compare import CompareView
from tui.widgets.footer import ReaderFooter
from tui.widgets.summary import Fact, SummaryLine

if TYPE_CHECKING:
    from tui.app import StorydiffApp


class CompareScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Compare"
    BINDINGS: ClassVar[list[BindingType]] = [
        # d/D, not n/N: those step through the matches of a search (/), in every view.
        Binding(
            "d",
            "difference(1)",
            "Next diff",
            id="compare.next",
            tooltip="Jump to the next row whose versions differ",
        ),
        Binding(
            "D,p",
            "difference(-1)",
            "Prev diff",
            show=False,
            id="compare.previous",
            tooltip="Jump to the previous difference",
        ),
        Binding("x", "swap", "Swap", id="compare.swap", tooltip="Swap the left and right articles"),
        Binding(
            "o",
            "order",
            "Order",
            id="compare.order",
            tooltip="Follow the left article's order or the right's",
        ),
        Binding(
            "tab",
            "shared(1)",
            "Next shared",
            show=False,
            id="compare.next-shared",
            tooltip="Jump to the next passage both articles carry",
        ),
        Binding(
            "shift+tab",
            "shared(-1)",
            "Prev shared",
            show=False,
            id="compare.previous-shared",
            tooltip="Jump to the previous passage both articles carry",
        ),
        Binding(
            "s",
            "shared_only",
            "Shared only",
            id="compare.shared-only",
            tooltip="Show only the passages both articles carry, or every row",
        ),
        Binding(
            "i",
            "identical",
            "Identical",
            id="compare.identical",
            tooltip="Show or hide rows whose two versions are identical",
        ),
        Binding(
            "[",
            "left(-1)",
            "◀ Left",
            show=False,
            id="compare.left-previous",
            tooltip="Previous article on the left",
        ),
        Binding(
            "]",
            "left(1)",
            "Left ▶",
            show=False,
            id="compare.left-next",
            tooltip="Next article on the left",
        ),
        Binding(
            "{",
            "right(-1)",
            "◀ Right",
            show=False,
            id="compare.right-previous",
            tooltip="Previous article on the right",
        ),
        Binding(
            "}",
            "right(1)",
            "Right ▶",
            show=False,
            id="compare.right-next",
            tooltip="Next article on the right",
        ),
        Binding(
            "enter",
            "open_passage",
            "Passage",
            id="compare.passage",
            tooltip="Show the selected row's passage in every outlet",
        ),
        # Out of the footer (help lists it) so that Help and Quit fit at 80 columns.
        Binding(
            "escape",
            "back",
            "Back",
            show=False,
            id="compare.back",
            tooltip="Back to the view you came from",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The compare part of the app's state, as last handed down (``show_state``).
        self.state = Compare()
        #: What the rows on show were laid out for: (left, right, follow, hide identical,
        #: shared only).
        self._layout: tuple[str, str, str, bool, bool] | None = None

    @property
    def sd_app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield SummaryLine(id="compare-title")
        with Horizontal(id="column-titles"):
            yield Static(id="left-title", classes="column-title", markup=False)
            yield Static(id="right-title", classes="column-title", markup=False)
        yield CompareView(id="compare")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.show_state(self.sd_app.state)
        self.query_one(CompareView).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.show_state(self.sd_app.state)

    def show_state(self, state: Reader) -> None:
        """Show the app's pair, the cursor on its place (else on the first shared row); the
        rows are laid out anew only when something they depend on changed."""
        compare = self.state = state.compare
        story = self.sd_app.story
        left, right = compare.left, compare.right
        if left is None or right is None:
            self.query_one("#compare-title", SummaryLine).show(
                Content("Compare needs two articles"), []
            )
            return
        a, b = story.article(left), story.article(right)
        view = self.query_one(CompareView)
        layout = (left, right, compare.follow, compare.hide_identical, compare.shared_only)
        if layout != self._layout:
            rows = pair_rows(story, left, right, follow=compare.follow)
            view.show(
                rows,
                (a.label, b.label),
                articles=(left, right),
                hide_identical=compare.hide_identical,
                shared_only=compare.shared_only,
                place=compare.place,
            )
            self._layout = layout
        else:
            view.go_to(compare.place)
        for widget_id, article, side in (("#left-title", a, "◀ "), ("#right-title", b, "▶ ")):
            # Who and when first (at 80 columns the ends of the lines are what gets cut),
            # then the headline; below, where the article came from.
            byline = f"by {article.author}" if article.author else ""
            when = " · ".join(p for p in (article.date or "date unknown", byline) if p)
            title = Content.assemble(
                (side, "bold"),
                literal(article.label).stylize("bold"),
                literal(f" · {when} — "),
                literal(article.title, "(untitled)"),
                "\n  ",
                literal(article.url or article.id).stylize("underline"),
            )
            self.query_one(widget_id, Static).update(title, layout=False)  # fixed height
        self.update_title()

    def searchable(self) -> CompareView:
        return self.query_one(CompareView)

    def on_block_view_searched(self, event: CompareView.Searched) -> None:
        self.update_title()

    def change(self, compare: Compare) -> None:
        """Ask the app to change the compare state (it hands the result back down)."""
        if compare != self.state:
            self.post_message(ChangeCompare(compare))

    def update_title(self) -> None:
        """The pair in numbers, the reading order, what is hidden, and where the cursor is."""
        app, state = self.sd_app, self.state
        view = self.query_one(CompareView)
        rows = view.rows
        if not rows or state.left is None or state.right is None:
            return
        shared = sum(1 for r in rows if r.kind is RowKind.SHARED)
        only_left = sum(1 for r in rows if r.kind is RowKind.ONLY_LEFT)
        only_right = sum(1 for r in rows if r.kind is RowKind.ONLY_RIGHT)
        leader = state.left if state.follow == "left" else state.right
        follow = inert(app.story.article(leader).label, newlines=False)
        # Shorter and shorter forms, so that at 80 columns the counts fit beside the position:
        # the one-side counts give way first to what a toggle hides, then to a search's
        # position in the head; the order goes last, so "…" cuts it first.
        toggled = view.shared_only or view.hide_identical
        left, right = f"{only_left} left", f"{only_right} right"
        facts: list[Fact] = [
            # Last of all, a toggle's state pushes out the shared count (with ``s`` on, the
            # row count says it): at 80 columns a search and both toggles then still fit.
            (*[f"{shared} shared"] * 4, "" if toggled else f"{shared} shared"),
            (f"{only_left} only left", left, "" if toggled else left, ""),
            (f"{only_right} only right", right, "" if toggled else right, ""),
        ]
        if view.shared_only:
            hidden = only_left + only_right
            facts.append((f"shared only ({hidden} hidden)", f"{hidden} hidden"))
        if view.hide_identical:
            hidden = sum(1 for r in rows if r.identical)
            identical = f"{hidden} identical hidden"
            facts.append((*[identical] * 5, f"{hidden} ident. hidden"))
        order = f"in {follow}' order" if follow.endswith("s") else f"in {follow}'s order"
        facts.append((order, order, "◀ order" if state.follow == "left" else "▶ order"))
        where = []
        if view.searched:
            found, matches = view.match_position()
            where.append(
                f"match {found}/{matches}" if found else words.count(matches, "match", "matches")
            )
        count = len(view.visible_rows)
        if count:
            where.append(f"row {view.cursor + 1}/{count}")
            number, total = view.position()
            if not shared:
                # Each article's own text is no "difference 1/2": the pair has none in common.
                where.append("nothing in common")
            elif number is not None:
                where.append(f"difference {number}/{total}")
            else:
                where.append(words.count(total, "difference"))
        # The position first: on a narrow terminal the facts are what gets cut.
        head = Content.assemble(("Compare", "bold"), "  ", (" · ".join(where), "bold"))
        self.query_one("#compare-title", SummaryLine).show(head, facts)

    def on_block_view_cursor_moved(self, event: CompareView.CursorMoved) -> None:
        row = self.query_one(CompareView).current_row
        if row is not None:
            self.change(replace(self.state, place=place_of(row)))
        self.update_title()

    def action_difference(self, direction: int) -> None:
        if not self.query_one(CompareView).jump_difference(direction):
            self.notify("No more differences that way", timeout=2)

    def action_shared(self, direction: int) -> None:
        if not self.query_one(CompareView).jump_shared(direction):
            self.notify("No more shared passages that way", timeout=2)

    def action_swap(self) -> None:
        self.change(self.state.swapped())

    def action_order(self) -> None:
        self.change(self.state.reordered())

    def action_shared_only(self) -> None:
        self.change(replace(self.state, shared_only=not self.state.shared_only))

    def action_identical(self) -> None:
        hide = not self.state.hide_identical
        self.change(replace(self.state, hide_identical=hide))
        if hide and not any(r.identical for r in self.query_one(CompareView).rows):
            self.notify("No identical rows in this pair: nothing to hide", timeout=3)

    def action_left(self, step: int) -> None:
        self.change(step_article(self.state, self.sd_app.story, "left", step))

    def action_right(self, step: int) -> None:
        self.change(step_article(self.state, self.sd_app.story, "right", step))

    def action_open_passage(self) -> None:
        row = self.query_one(CompareView).current_row
        if row is not None and row.passage is not None:
            self.post_message(OpenPassage(row.passage))
        else:
            self.notify("This row is single-source: no shared passage to open", timeout=2)

    def action_back(self) -> None:
        self.post_message(GoBack())
