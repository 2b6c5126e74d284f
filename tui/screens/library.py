"""The first view: every article in a table, the selected one's text beside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Label, ProgressBar
from textual.widgets.data_table import ColumnKey

from tui.core.dates import parse_day
from tui.core.model import Article, ArticleStats, Story
from tui.core.words import count, percent
from tui.screens.messages import ChangeLibrary, GoBack, OpenPair, OpenPassage
from tui.viewmodels.navigation import Reader
from tui.widgets.article import ArticleView
from tui.widgets.blocks import inert
from tui.widgets.footer import ReaderFooter
from tui.widgets.summary import Fact, SummaryLine
from tui.widgets.tables import Cell, StretchTable, clipped, fitted_width

if TYPE_CHECKING:
    from tui.app import StorydiffApp


#: The Outlet column fits the longest outlet name, up to this many cells ("…" beyond).
OUTLET_CAP = 24
#: The "Most shared with" column fits its longest entry up to this many cells, but gives
#: way to the titles (down to PARTNER_MIN cells, "The Epo… (2)") until they show whole.
PARTNER_CAP = 24
PARTNER_MIN = 12
#: The title column never gets narrower than this.
TITLE_MIN = 16
#: On a table too narrow for every column's longest entry, the titles keep this share of
#: the room the outlet, title and partner columns share (the outlet and partner give way).
TITLE_SHARE = 0.45
#: The Outlet column gives way to the titles down to this many cells ("Brennford…").
OUTLET_MIN = 10
#: Titles get this many cells (or their longest, if shorter) before the columns in
#: YIELDING do: on a narrow terminal those give way, first first (the article's header
#: below the table still says its date and length).
TITLE_WANT = 24
YIELDING = ("words", "date", "shared")
#: The partner column's header, whole or (when the column is narrower) cut at a word.
PARTNER_LABEL, PARTNER_SHORT = "Most shared with", "Most shared"

SortKey = Callable[[int, Article, ArticleStats | None], tuple[object, ...]]


class Sort(NamedTuple):
    """One way to order the articles table."""

    column: str  # the column key it sorts, or "" for the order the files were given in
    label: str  # as the summary line says it
    key: SortKey
    #: The summary line's short form (at 80 columns beside the story's counts): the column.
    short: str = ""


def _by_date(index: int, article: Article, stats: ArticleStats | None) -> tuple[object, ...]:
    # Newest first (by the date, whatever its spelling); articles without one last.
    day = parse_day(article.date)
    return (day is None, -day.toordinal() if day else 0, index)


SORTS: tuple[Sort, ...] = (
    Sort("", "file order", lambda i, a, s: (i,)),
    Sort(
        "shared",
        "shared %, highest first",
        lambda i, a, s: (-(s.shared if s else -1.0), i),
        "shared %",
    ),
    Sort("date", "date, newest first", _by_date, "date"),
    Sort("outlet", "outlet, A–Z", lambda i, a, s: (a.label.casefold(), i), "outlet"),
    Sort("words", "words, most first", lambda i, a, s: (-a.word_count, i), "words"),
)
#: ``s`` cycles through SORTS; a click on one of these headers sorts by that column too.
HEADER_SORTS: dict[str, Sort] = {
    **{sort.column: sort for sort in SORTS if sort.column},
    "title": Sort("title", "title, A–Z", lambda i, a, s: ((a.title or "").casefold(), i), "title"),
    "single": Sort(
        "single",
        "single-source, most first",
        lambda i, a, s: (-(s.unique_passages if s else -1), i),
        "single-source",
    ),
}
#: Column headers (key, label, fixed width; the title takes what is left).
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("outlet", "Outlet", 8),
    ("title", "Title", 20),
    ("date", "Date", 10),
    ("words", "Words", 7),
    ("shared", "Shared", 8),
    ("partner", PARTNER_LABEL, PARTNER_MIN),
    ("single", "Single-source", 13),
)
WIDTHS = {key: width for key, _, width in COLUMNS}


def shown_columns(
    available: int,
    outlet: int,
    title: int,
    partner: int = PARTNER_MIN,
    padding: int = 1,
    keep: str = "",
) -> tuple[str, ...]:
    """The columns an articles table ``available`` cells wide shows: all of them, unless the
    titles would get fewer than ``TITLE_WANT`` cells (or ``title``, the longest title, if
    shorter) beside a partner column ``partner`` wide; then the YIELDING columns go, in that
    order, until the titles have it. The column ``keep`` (the one the rows are sorted by)
    never goes: a list sorted by a column it does not show looks unsorted."""
    want = min(title, TITLE_WANT)
    keys = [key for key, _, _ in COLUMNS]
    yielding = tuple(key for key in YIELDING if key != keep)
    for dropped in (0, *range(1, len(yielding) + 1)):
        shown = [key for key in keys if key not in yielding[:dropped]]
        fixed = sum(
            (outlet if key == "outlet" else WIDTHS[key]) + 2 * padding
            for key in shown
            if key not in ("title", "partner")
        )
        if available - fixed - 4 * padding - partner >= want:
            break
    return tuple(shown)


class PartnerCell(Text):
    """ "Fox News (45%)" (or, for a tie, "3 outlets, 20% each") in one cell: a cut shortens
    the outlet's name, never the share; a tie too long for the column reads "3 tied, 20%
    each", the share said as the full form says it.

    Like ``clipped``, it fits itself to the column's width whenever it is drawn.
    """

    def __init__(self, label: str, amount: str, tied: int = 0) -> None:
        self.label = inert(label, newlines=False)
        self.suffix = f", {amount} each" if tied else f" ({amount})"
        self.short = f"{tied} tied{self.suffix}" if tied else ""
        super().__init__(self.label + self.suffix, no_wrap=True, overflow="ellipsis", end="")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        if self.short and cell_len(self.plain) > width:
            yield from Text(self.short, no_wrap=True, overflow="ellipsis", end="").__rich_console__(
                console, options
            )
            return
        room = width - cell_len(self.suffix)
        if cell_len(self.plain) <= width or room < 2:
            yield from super().__rich_console__(console, options)
            return
        name = set_cell_size(self.label, room - 1).rstrip() + "…"
        fitted = Text(name + self.suffix, no_wrap=True, overflow="ellipsis", end="")
        yield from fitted.__rich_console__(console, options)


class ArticlesTable(StretchTable):
    """The articles table: the title stretches, and the "Most shared with" column shares
    the width with it: the partner gets its longest entry (up to ``PARTNER_CAP``) while the
    titles keep ``TITLE_MIN`` cells, and the titles take the rest (a cut title ends in "…" and
    shows whole above the article's text). On a narrow table the Words, Date and Shared
    columns give way to the titles (``shown_columns``); ``ColumnsChanged`` asks the screen
    to refill the table with the columns it can show."""

    class ColumnsChanged(Message):
        """The table's width calls for other columns (``wanted_columns``)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, stretch="title", min_width=TITLE_MIN)
        #: How wide the partner column would like to be (its longest entry, capped).
        self.partner_width = PARTNER_MIN
        #: How wide the longest title is.
        self.title_width = TITLE_MIN
        #: How wide the outlet column is (the longest outlet name, capped).
        self.outlet_width = WIDTHS["outlet"]
        #: The columns the table has now, by key.
        self.shown: tuple[str, ...] = ()
        #: The column the rows are sorted by, which never gives way ("" for none).
        self.sorted_column = ""

    def wanted_columns(self) -> tuple[str, ...]:
        available = self.content_region.width - self.styles.scrollbar_size_vertical
        if available <= 0:
            return self.shown or tuple(key for key, _, _ in COLUMNS)
        return shown_columns(
            available,
            self.outlet_width,
            self.title_width,
            self.partner_width,
            self.cell_padding,
            keep=self.sorted_column,
        )

    def set_columns(self, keys: tuple[str, ...]) -> None:
        """Drop every row and column, then add the columns ``keys`` (in COLUMNS' order)."""
        self.clear(columns=True)
        self.shown = keys
        for key, label, width in COLUMNS:
            if key in keys:
                self.add_column(
                    label, width=self.outlet_width if key == "outlet" else width, key=key
                )
        self.fit_columns()

    def on_resize(self, event: events.Resize) -> None:
        if self.shown and self.wanted_columns() != self.shown:
            self.post_message(self.ColumnsChanged())
        self.fit_columns()

    def set_labels(self, labels: dict[str, str]) -> None:
        super().set_labels(labels)
        self.fit_columns()  # a sort mark widens its column's header

    def fit_columns(self) -> None:
        available = self.content_region.width - self.styles.scrollbar_size_vertical
        single = self.columns.get(ColumnKey("single"))
        if single is not None:
            # As wide as its header (with the sort mark when sorted): its counts are short.
            self.size_column("single", cell_len(single.label.plain), single.label.plain)
        if ColumnKey("partner") in self.columns and available > 0:
            fixed = sum(
                c.get_render_width(self)
                for key, c in self.columns.items()
                if key not in ("outlet", "partner", self.stretch)
            )
            # The room for the outlet, the title and the partner (and their padding).
            room = available - fixed - 6 * self.cell_padding
            outlet, partner = shared_out(
                room, self.outlet_width, self.partner_width, self.title_width
            )
            if ColumnKey("outlet") in self.columns:
                label = self.columns[ColumnKey("outlet")].label.plain
                self.size_column("outlet", outlet, label)
            label = PARTNER_LABEL if partner >= cell_len(PARTNER_LABEL) else PARTNER_SHORT
            self.size_column("partner", partner, label)
        super().fit_columns()


def shared_out(room: int, outlet: int, partner: int, title: int) -> tuple[int, int]:
    """The Outlet and "Most shared with" columns' widths when they share ``room`` cells
    with the titles: each gets its longest entry if all three fit; else the titles keep
    ``TITLE_SHARE`` of the room (or their longest, if shorter) and the other two split the
    rest, the narrower whole if it fits in half (never below OUTLET_MIN, PARTNER_MIN)."""
    if outlet + partner + title <= room:
        return outlet, partner
    keep = min(title, max(TITLE_MIN, int(room * TITLE_SHARE)))
    give = room - keep
    if outlet + partner > give:
        half = give // 2
        if outlet <= half:
            partner = give - outlet
        elif partner <= give - half:
            outlet = give - partner
        else:
            outlet, partner = half, give - half
    return max(OUTLET_MIN, outlet), max(PARTNER_MIN, partner)


def summary(story: Story, aligning: bool = False) -> list[Fact]:
    """The story in numbers, for the summary line."""
    articles, outlets = len(story.articles), len(story.outlets)
    # The outlets are on the screen's table: at the narrowest they give way to the counts
    # and the files not loaded, which must show however narrow the terminal.
    facts: list[Fact] = [
        (
            f"{count(articles, 'article')} from {count(outlets, 'outlet')}",
            count(outlets, "outlet"),
            "",
        )
    ]
    if aligning:
        facts.append("aligning…")
    else:
        shared, single = len(story.passages), len(story.unique)
        facts.append((count(shared, "shared passage"), f"{shared} shared"))
        facts.append((count(single, "single-source passage"), f"{single} single-source"))
    lost = sum(not problem.notice for problem in story.problems)
    if lost:
        facts.append((count(lost, "file", after="not loaded"), f"{lost} not loaded"))
    notices = len(story.problems) - lost
    if notices:
        facts.append((count(notices, "notice"), count(notices, "notice")))
    return facts


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
        Binding(
            "s",
            "sort",
            "Sort",
            id="library.sort",
            tooltip="Sort: shared %, date, outlet, words, file order (or click a header)",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="library.back",
            tooltip="Back to the view you came from (when you came from one)",
        ),
    ]

    @property
    def sd_app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield SummaryLine(id="summary")
        with Horizontal(id="progress-row"):
            yield Label("", id="progress-label", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        yield ArticlesTable(id="articles")
        yield ArticleView(id="text")
        yield ReaderFooter()

    def __init__(self) -> None:
        super().__init__()
        self.order: Sort = SORTS[0]
        #: The order reversed (a second click on the sorted column's header).
        self.reverse = False

    def on_mount(self) -> None:
        table = self.query_one("#articles", ArticlesTable)
        table.set_columns(table.wanted_columns())  # the title is widened: fit_columns
        self.refresh_story()

    @on(ArticlesTable.ColumnsChanged)
    def _columns_changed(self) -> None:
        self.refresh_story()

    def on_screen_resume(self) -> None:
        """Show what the app selected while another view was up (e.g. from the passages)."""
        if self.is_mounted:
            self.show_state(self.sd_app.state)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return bool(self.sd_app.state.history)  # the library is the root: nothing to go back to
        return True

    def _partner_text(self, article: Article) -> tuple[str, str, int] | None:
        """Who holds the largest share of ``article``'s text, and that share: one outlet, or
        "3 outlets" for a tie (the engine's ``Provenance.most_shared``, the figures the
        Outlets view shows), None when it shares nothing."""
        story = self.sd_app.story
        partner = story.facts.provenance.most_shared.get(article.id)
        if partner is None:
            return None
        amount = percent(partner.share)
        if len(partner.others) == 1:
            return story.article(partner.others[0]).label, amount, 0
        labels = {story.article(other).label for other in partner.others}
        noun = "outlets" if len(labels) == len(partner.others) else "articles"
        return f"{len(partner.others)} {noun}", amount, len(partner.others)

    def _partner_cell(self, article: Article) -> Cell:
        if self.sd_app.aligning:
            return Content("…")
        partner = self._partner_text(article)
        if partner is None:
            return Content("—")
        return PartnerCell(*partner)

    def _row(self, article: Article, stats: ArticleStats | None) -> list[Cell]:
        shown = self.query_one("#articles", ArticlesTable).shown
        cells: dict[str, Callable[[], Cell]] = {
            "outlet": lambda: clipped(article.label),
            "title": lambda: clipped(article.title, "(untitled)"),
            "date": lambda: clipped(article.date, "—"),
            "words": lambda: Content(str(article.word_count)),
            "shared": lambda: Content(percent(stats.shared) if stats else "…"),
            "partner": lambda: self._partner_cell(article),
            "single": lambda: Content(str(stats.unique_passages) if stats else "…"),
        }
        return [cells[key]() for key in shown]

    def _fit_partner(self) -> None:
        """The partner column as wide as its longest entry, up to ``PARTNER_CAP``."""
        story = self.sd_app.story
        found = [] if self.sd_app.aligning else [self._partner_text(a) for a in story.articles]
        entries = [PartnerCell(*p).plain for p in found if p is not None]
        titles = [a.title or "(untitled)" for a in story.articles]
        table = self.query_one("#articles", ArticlesTable)
        width = max(PARTNER_MIN, fitted_width(entries, PARTNER_LABEL, PARTNER_CAP))
        title = fitted_width(titles, "Title ▾", 10**6)
        if (width, title) != (table.partner_width, table.title_width):
            table.partner_width, table.title_width = width, title
            table.fit_columns()

    def _fit_outlet(self) -> None:
        """The Outlet column as wide as the longest outlet name, up to ``OUTLET_CAP``."""
        labels = [a.label for a in self.sd_app.story.articles]
        width = fitted_width(labels, "Outlet ▾", OUTLET_CAP)
        table = self.query_one("#articles", ArticlesTable)
        if width != table.outlet_width:
            table.outlet_width = width
            table.set_column_width("outlet", width)

    def _fit_columns(self) -> None:
        """The columns the table's width can show (the titles before Date, Words, Shared;
        the sorted column stays)."""
        table = self.query_one("#articles", ArticlesTable)
        table.sorted_column = self.order.column
        wanted = table.wanted_columns()
        if wanted != table.shown:
            table.set_columns(wanted)

    def _ordered(self) -> list[Article]:
        story = self.sd_app.story
        key = self.order.key
        ranked = sorted(
            enumerate(story.articles),
            key=lambda pair: key(pair[0], pair[1], story.stats.get(pair[1].id)),
            reverse=self.reverse,
        )
        return [article for _, article in ranked]

    def _show_sort(self) -> None:
        """The sorted column's header carries a ▾; the summary line says the order too."""
        table = self.query_one("#articles", ArticlesTable)
        mark = " ▴" if self.reverse else " ▾"
        table.set_labels(
            {
                key: f"{label}{mark}" if key == self.order.column else label
                for key, label, _ in COLUMNS
                if key != "partner"  # never sorted; its table labels it
            }
        )
        self._show_summary()

    def _show_summary(self) -> None:
        """The position first ("article 2/5": on a narrow terminal the rest is what gets
        cut), then the story in numbers and the order."""
        app = self.sd_app
        table = self.query_one("#articles", ArticlesTable)
        where = f"article {table.cursor_row + 1}/{table.row_count}" if table.row_count else ""
        facts = summary(app.story, app.aligning)
        if self.order.column:
            # Short: "by shared %" (the header's ▾ says which way), so that at 80 columns the
            # order fits beside the outlets' count instead of pushing it out.
            reverse = ", reversed" if self.reverse else ""
            how = f"sorted by {self.order.label}{reverse}"
            short = f"by {self.order.short or self.order.label}{reverse}"
            facts.append((Content.styled(how, "italic"), Content.styled(short, "italic")))
        head = Content.assemble(("storydiff", "bold"), "  " if where else "", (where, "bold"))
        self.query_one("#summary", SummaryLine).show(head, facts)

    def add_articles(self, articles: Sequence[Article]) -> None:
        """Articles cleaned while the story is still being built: add them to the table."""
        self._fit_outlet()
        self._show_sort()
        table: DataTable[Cell] = self.query_one("#articles", DataTable)
        had_rows = table.row_count > 0
        for article in articles:
            table.add_row(*self._row(article, None), key=article.id)
        if not had_rows and table.row_count:
            self._show_selected()
        self._show_summary()

    def refresh_story(self) -> None:
        """(Re)fill the table and text from the app's current story."""
        app = self.sd_app
        story = app.story
        self._fit_outlet()
        self._fit_partner()
        self._fit_columns()
        self._show_sort()
        self.query_one("#progress-row").display = app.aligning
        if app.aligning and not story.articles:
            self.show_progress("Reading the articles…", None, None)
        table: DataTable[Cell] = self.query_one("#articles", DataTable)
        table.clear()
        for article in self._ordered():
            table.add_row(*self._row(article, story.stats.get(article.id)), key=article.id)
        self._move_to_selected()
        self._show_selected()
        self._show_summary()

    def _move_to_selected(self) -> None:
        table: DataTable[Cell] = self.query_one("#articles", DataTable)
        selected = self.sd_app.state.article
        if selected is not None and selected in table.rows:
            row = table.get_row_index(selected)
            if row != table.cursor_row:
                table.move_cursor(row=row, animate=False)

    def searchable(self) -> ArticleView:
        return self.query_one(ArticleView)

    def show_state(self, state: Reader) -> None:
        """Put the cursor and the text on the state's article, its text cursor on the
        passage holding the state's offset."""
        view = self.query_one(ArticleView)
        self._move_to_selected()
        shown = view.article.id if view.article is not None else None
        if shown != state.article:
            self._show_selected()
        if state.offset is not None:
            current = view.current_segment
            if current is None or not current.start <= state.offset < current.end:
                view.reveal(state.offset)

    @on(ArticleView.CursorMoved)
    def _text_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        # Read at handling time: the cursor may have moved again since (``reveal``).
        view = self.query_one(ArticleView)
        segment = view.current_segment
        if view.article is not None and segment is not None:
            self.post_message(ChangeLibrary(view.article.id, segment.start))

    def show_progress(self, label: str, done: int | None, total: int | None) -> None:
        self.query_one("#progress-row").display = True
        self.query_one("#progress-label", Label).update(label)
        self.query_one("#progress", ProgressBar).update(total=total, progress=done or 0)

    def _show_selected(self) -> None:
        app = self.sd_app
        story = app.story
        article = None
        if app.state.article is not None:
            try:
                article = story.article(app.state.article)
            except KeyError:
                article = None
        self.query_one(ArticleView).show(story, article)

    @on(DataTable.RowHighlighted, "#articles")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The row highlighted now, not when the event was sent: refilling the table (a sort,
        # the story arriving) highlights row 0 on the way to the selected article's row.
        table = event.data_table
        if not 0 <= table.cursor_row < table.row_count:
            return
        self._show_summary()
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None and key != self.sd_app.state.article:
            self.post_message(ChangeLibrary(key))

    @on(DataTable.RowSelected, "#articles")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_compare()

    @on(ArticleView.Chosen)
    def _passage_chosen(self, event: ArticleView.Chosen) -> None:
        """Enter on a passage of the text: a shared one opens in the passages view."""
        passage = event.segment.passage
        if passage is not None:
            self.post_message(OpenPassage(passage))
            return
        article = event.view.article
        outlet = article.label if article is not None else "this article"
        self.notify(
            f"Only {inert(outlet, newlines=False)} tells this passage: no other version to show",
            timeout=3,
            markup=False,
        )

    @on(DataTable.HeaderSelected, "#articles")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        sort = HEADER_SORTS.get(str(event.column_key.value))
        if sort is None:
            return
        # A second click on the sorted column reverses the order.
        self._sort_by(sort, reverse=sort == self.order and not self.reverse)

    def _sort_by(self, sort: Sort, *, reverse: bool = False) -> None:
        self.order, self.reverse = sort, reverse
        self.refresh_story()
        how = ", reversed" if reverse else ""
        self.notify(f"Articles sorted by {sort.label}{how}", timeout=2)

    def action_sort(self) -> None:
        """Cycle through the sorts that ``s`` offers (the header clicks may add others)."""
        index = SORTS.index(self.order) if self.order in SORTS else 0
        self._sort_by(SORTS[(index + 1) % len(SORTS)])

    def action_back(self) -> None:
        self.post_message(GoBack())

    def action_compare(self) -> None:
        article = self.sd_app.state.article
        if article is not None:
            self.post_message(OpenPair(article))

    def action_furniture(self) -> None:
        view = self.query_one(ArticleView)
        view.show(self.sd_app.story, view.article, furniture=not view.show_furniture)
        article = view.article
        removed = len(article.removed) if article is not None else 0
        if not view.show_furniture:
            self.notify("Removed page furniture hidden", timeout=2)
        elif removed:
            blocks = count(removed, "block")
            self.notify(f"Removed page furniture shown where it was: {blocks}, struck", timeout=3)
        else:
            self.notify("Nothing was removed from this article as page furniture", timeout=3)

    def action_focus_text(self) -> None:
        table = self.query_one("#articles", DataTable)
        (self.query_one(ArticleView) if table.has_focus else table).focus()
