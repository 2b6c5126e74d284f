"""A ``DataTable`` whose one flexible column takes whatever width the others leave."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from tui.widgets.blocks import inert

#: What a cell holds: short literal ``Content``, or clipped ``Text`` (see ``clipped``).
Cell = Content | Text


def clipped(text: str | None, default: str = "?") -> Text:
    """Untrusted text as one table cell that ends in "…" when the column is too narrow.

    ``DataTable`` renders each cell at its column's width with wrapping off; a Rich ``Text``
    with ``overflow="ellipsis"`` then cuts itself there, so the cut follows the real
    width on every resize instead of a length fixed in advance.
    """
    plain = default if text is None else inert(text, newlines=False)
    return Text(plain, no_wrap=True, overflow="ellipsis", end="")


def fitted_width(texts: list[str], header: str, cap: int) -> int:
    """A column width that fits ``texts`` and ``header``, but no wider than ``cap`` cells."""
    widest = max([cell_len(header), *(cell_len(inert(t, newlines=False)) for t in texts)])
    return min(cap, widest)


class StretchTable(DataTable[Cell]):
    """A row-cursor table in which column ``stretch`` grows and shrinks with the table.

    ``DataTable`` has fixed or content-sized columns only; long titles would be cut at a
    fixed width on a wide terminal, or push the other columns off a narrow one.

    The keys are the ones the rest of the reader uses: ``j``/``k`` move, ``g``/``Home``
    and ``G``/``End`` go to the first and last row, ``space`` pages down (a row-cursor
    ``DataTable`` would scroll sideways on ``Home``/``End``).
    """

    ALLOW_MAXIMIZE = False  # a maximized table would hide what its rows are about
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("g,home", "scroll_top", "First row", show=False),
        Binding("G,end", "scroll_bottom", "Last row", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    def __init__(
        self, *, stretch: str, min_width: int = 12, id: str | None = None, zebra: bool = True
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=zebra)
        self.stretch = stretch
        self.min_width = min_width
        self._rich_style: Style | None = None

    @property
    def rich_style(self) -> Style:
        """The table's style, kept until its styles change.

        ``DOMNode.rich_style`` walks every ancestor's styles each time it is read, and a
        ``DataTable`` reads it three or four times for every line it draws (its component
        styles resolve to it too). A cursor move misses every line cache of the table
        (they are keyed on the cursor), so each move that scrolls the table redraws all its
        visible rows: with the walks, 25 ms of a 40 ms key press in the passages view at
        1,000 articles. Textual drops its own style caches (``get_component_rich_style``)
        in ``notify_style_update`` on the same changes (theme, focus, classes), so this
        one goes there too.
        """
        if self._rich_style is None:
            self._rich_style = super().rich_style
        return self._rich_style

    def notify_style_update(self) -> None:
        self._rich_style = None
        super().notify_style_update()

    def action_cursor_down(self) -> None:
        self._scroll_ahead(self.cursor_row + 1)
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        self._scroll_ahead(self.cursor_row - 1)
        super().action_cursor_up()

    def _scroll_ahead(self, row: int) -> None:
        """Before the cursor moves to ``row``: if that row is out of view, scroll half a
        page so that it lands mid-table (a pager's jump scroll).

        ``DataTable`` keys every cached line on the cursor's position, so a move that
        scrolls the table redraws all its visible rows (a move that does not redraws two).
        Scrolling one row per press at the table's edge did that on every press; this
        does it once per half page. Rows here are one line high (cells are clipped).
        """
        if not 0 <= row < self.row_count:
            return
        height = self.scrollable_content_region.height - (
            self.header_height if self.show_header else 0
        )
        top = round(self.scroll_y)
        if height > 2 and not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 2), animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns()

    def set_column_width(self, key: str, width: int) -> None:
        """Give column ``key`` a fixed ``width`` (and the flexible column what is left)."""
        column = self.columns.get(ColumnKey(key))
        if column is not None and (column.width != width or column.auto_width):
            column.width, column.auto_width = width, False
            self._clear_caches()
            self._require_update_dimensions = True
            self.fit_columns()
            self.refresh()

    def size_column(self, key: str, width: int, label: str) -> None:
        """Give column ``key`` ``width`` cells and the header ``label``, without fitting the
        flexible column (the caller does: ``fit_columns``)."""
        column = self.columns.get(ColumnKey(key))
        if column is None:
            return
        if width != column.width or column.auto_width or column.label.plain != label:
            column.width, column.auto_width = width, False
            column.label = Text(label)
            self._clear_caches()
            self._require_update_dimensions = True

    def set_labels(self, labels: dict[str, str]) -> None:
        """New header labels by column key (a sort mark), drawn at once."""
        for key, label in labels.items():
            column = self.columns.get(ColumnKey(key))
            if column is not None:
                column.label = Text(label)
        self._clear_caches()
        self.refresh()

    def fit_columns(self) -> None:
        """Give the flexible column the width left over by the other columns."""
        column = self.columns.get(ColumnKey(self.stretch))
        # Room for a vertical scrollbar is kept whether or not one shows, so that rows added
        # later cannot make the columns too wide (and bring in a horizontal scrollbar).
        available = self.content_region.width - self.styles.scrollbar_size_vertical
        if column is None or available <= 0:
            return
        others = sum(
            c.get_render_width(self) for key, c in self.columns.items() if key != self.stretch
        )
        width = max(self.min_width, available - others - 2 * self.cell_padding)
        if width != column.width or column.auto_width:
            column.width, column.auto_width = width, False
            # DataTable has no public way to resize a column: drop its cached rendering and
            # let it measure itself again, as it does after adding a column.
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()
