"""The first view: every article in a table, the selected one's text beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static

from tui.core.model import Article, ArticleStats, Story
from tui.widgets.article import ArticleView
from tui.widgets.blocks import literal
from tui.widgets.tables import StretchTable

if TYPE_CHECKING:
    from tui.app import StorydiffApp


def summary(story: Story, aligning: bool = False) -> Content:
    articles = len(story.articles)
    outlets = len(story.outlets)
    parts = [
        f"{articles} article{'s' if articles != 1 else ''}",
        f"{outlets} outlet{'s' if outlets != 1 else ''}",
    ]
    if aligning:
        parts.append("aligning…")
    else:
        shared, single = len(story.passages), len(story.unique)
        parts.append(f"{shared} shared passage{'s' if shared != 1 else ''}")
        parts.append(f"{single} single-source passage{'s' if single != 1 else ''}")
    if story.problems:
        parts.append(f"{len(story.problems)} file(s) not loaded")
    return Content.assemble(("storydiff", "bold"), "  ", " · ".join(parts))


class LibraryScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Library"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,c",
            "compare",
            "Compare",
            id="library.compare",
            tooltip="Compare the selected article with the one it shares most with",
        ),
        Binding(
            "f",
            "furniture",
            "Furniture",
            id="library.furniture",
            tooltip="Show or hide the page furniture the cleaner removed (dimmed)",
        ),
        Binding(
            "t",
            "focus_text",
            "Text",
            id="library.text",
            tooltip="Move focus between the table and the article text",
        ),
    ]

    @property
    def sd_app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static(id="summary", classes="summary", markup=False)
        with Horizontal(id="progress-row"):
            yield Label("", id="progress-label", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        yield StretchTable(id="articles", stretch="title", min_width=20)
        yield ArticleView(id="text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#articles", StretchTable)
        table.add_column("Outlet", width=18, key="outlet")
        table.add_column("Title", width=20, key="title")  # widened to fit: fit_columns
        table.add_column("Date", width=10, key="date")
        table.add_column("Words", width=6, key="words")
        table.add_column("Shared", width=7, key="shared")
        table.add_column("Only here", width=9, key="single")
        table.fit_columns()
        self.refresh_story()

    def _row(self, article: Article, stats: ArticleStats | None) -> list[Content]:
        return [
            literal(article.outlet, "unknown"),
            literal(article.title, "(untitled)"),
            literal(article.date, "—"),
            Content(str(article.word_count)),
            Content(f"{stats.shared:.0%}" if stats else "…"),
            Content(str(stats.unique_passages) if stats else "…"),
        ]

    def add_articles(self, articles: Sequence[Article]) -> None:
        """Articles cleaned while the story is still being built: add them to the table."""
        app = self.sd_app
        self.query_one("#summary", Static).update(summary(app.story, app.aligning))
        table: DataTable[Content] = self.query_one("#articles", DataTable)
        had_rows = table.row_count > 0
        for article in articles:
            table.add_row(*self._row(article, None), key=article.id)
        if not had_rows and table.row_count:
            self._show_selected()

    def refresh_story(self) -> None:
        """(Re)fill the table and text from the app's current story."""
        app = self.sd_app
        story = app.story
        self.query_one("#summary", Static).update(summary(story, app.aligning))
        self.query_one("#progress-row").display = app.aligning
        table: DataTable[Content] = self.query_one("#articles", DataTable)
        table.clear()
        for article in story.articles:
            table.add_row(*self._row(article, story.stats.get(article.id)), key=article.id)
        ids = [a.id for a in story.articles]
        if app.selected in ids:
            table.move_cursor(row=ids.index(app.selected), animate=False)
        self._show_selected()

    def show_progress(self, label: str, done: int | None, total: int | None) -> None:
        self.query_one("#progress-row").display = True
        self.query_one("#progress-label", Label).update(label)
        self.query_one("#progress", ProgressBar).update(total=total, progress=done or 0)

    def _show_selected(self) -> None:
        app = self.sd_app
        story = app.story
        article = None
        if app.selected is not None:
            try:
                article = story.article(app.selected)
            except KeyError:
                article = None
        self.query_one(ArticleView).show(story, article)

    @on(DataTable.RowHighlighted, "#articles")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key is not None and key != self.sd_app.selected:
            self.sd_app.selected = key
            self._show_selected()

    @on(DataTable.RowSelected, "#articles")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_compare()

    def select_article(self, article_id: str) -> None:
        ids = [a.id for a in self.sd_app.story.articles]
        if article_id in ids:
            self.sd_app.selected = article_id
            self.query_one("#articles", DataTable).move_cursor(row=ids.index(article_id))
            self._show_selected()

    def action_compare(self) -> None:
        self.sd_app.compare_selected()

    def action_furniture(self) -> None:
        view = self.query_one(ArticleView)
        view.show(self.sd_app.story, view.article, furniture=not view.show_furniture)
        state = "shown" if view.show_furniture else "hidden"
        self.notify(f"Removed page furniture {state}", timeout=2)

    def action_focus_text(self) -> None:
        table = self.query_one("#articles", DataTable)
        (self.query_one(ArticleView) if table.has_focus else table).focus()
