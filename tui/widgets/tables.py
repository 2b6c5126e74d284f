"""A ``DataTable`` whose one flexible column takes whatever width the others leave."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey


class StretchTable(DataTable[Content]):
    """A row-cursor table in which column ``stretch`` grows and shrinks with the table.

    ``DataTable`` has fixed or content-sized columns only; long titles would be cut at a
    fixed width on a wide terminal, or push the other columns off a narrow one.
    """

    def __init__(
        self, *, stretch: str, min_width: int = 12, id: str | None = None, zebra: bool = True
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=zebra)
        self.stretch = stretch
        self.min_width = min_width

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns()

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
