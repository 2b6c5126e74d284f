"""Two articles side by side, matching passages on the same row."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core.pairing import RowKind, pair_rows
from tui.widgets.blocks import inert, literal
from tui.widgets.compare import CompareView

if TYPE_CHECKING:
    from tui.app import StorydiffApp


class CompareScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Compare"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "difference(1)",
            "Next diff",
            id="compare.next",
            tooltip="Jump to the next row whose versions differ",
        ),
        Binding(
            "N,p",
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
        Binding("escape", "back", "Back", id="compare.back", tooltip="Back to the library"),
    ]

    @property
    def sd_app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", classes="summary", markup=False)
        with Horizontal(id="column-titles"):
            yield Static(id="left-title", classes="column-title", markup=False)
            yield Static(id="right-title", classes="column-title", markup=False)
        yield CompareView(id="compare")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_pair()
        self.query_one(CompareView).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_pair()

    def refresh_pair(self) -> None:
        app = self.sd_app
        story = app.story
        left, right = app.pair()
        if left is None or right is None:
            self.query_one("#compare-title", Static).update("Compare needs two articles")
            return
        a, b = story.article(left), story.article(right)
        rows = pair_rows(story, left, right, follow=app.follow)
        view = self.query_one(CompareView)
        if (left, right, app.follow, app.hide_identical) != getattr(self, "_shown", None):
            view.show(rows, (a.label, b.label), app.hide_identical)
            self._shown = (left, right, app.follow, app.hide_identical)
        shared = sum(1 for r in rows if r.kind is RowKind.SHARED)
        only_left = sum(1 for r in rows if r.kind is RowKind.ONLY_LEFT)
        only_right = sum(1 for r in rows if r.kind is RowKind.ONLY_RIGHT)
        follow = inert(a.label if app.follow == "left" else b.label, newlines=False)
        hidden = sum(1 for r in rows if r.identical) if app.hide_identical else 0
        facts = [
            f"{shared} shared",
            f"{only_left} only left",
            f"{only_right} only right",
            f"rows in {follow}'s order",
        ]
        if hidden:
            facts.append(f"{hidden} identical hidden")
        self.query_one("#compare-title", Static).update(
            Content.assemble(("Compare", "bold"), "  ", " · ".join(facts))
        )
        for widget_id, article, side in (("#left-title", a, "◀ "), ("#right-title", b, "▶ ")):
            title = Content.assemble(
                (side, "bold"),
                literal(article.label).stylize("bold"),
                " — ",
                literal(article.title, "(untitled)"),
            )
            self.query_one(widget_id, Static).update(title)

    def action_difference(self, direction: int) -> None:
        if not self.query_one(CompareView).jump_difference(direction):
            self.notify("No more differences that way", timeout=2)

    def action_swap(self) -> None:
        self.sd_app.swap()
        self.refresh_pair()

    def action_order(self) -> None:
        app = self.sd_app
        app.follow = "right" if app.follow == "left" else "left"
        self.refresh_pair()

    def action_identical(self) -> None:
        app = self.sd_app
        app.hide_identical = not app.hide_identical
        self.refresh_pair()

    def action_left(self, step: int) -> None:
        self.sd_app.step_article("left", step)
        self.refresh_pair()

    def action_right(self, step: int) -> None:
        self.sd_app.step_article("right", step)
        self.refresh_pair()

    def action_open_passage(self) -> None:
        row = self.query_one(CompareView).current_row
        if row is not None and row.passage is not None:
            self.sd_app.open_passage(row.passage)
        else:
            self.notify("This row is found in one source only", timeout=2)

    def action_back(self) -> None:
        self.sd_app.show_view("library")
