"""The Outlets view (``6``): who shares text with whom, as a heat map of the engine's
directional shared-text matrix; Enter on a cell compares the two outlets' closest articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.core.outlets import SharedText
from tui.core.words import percent
from tui.screens.messages import ChangeFacts, GoBack, OpenPair
from tui.viewmodels.facts import (
    LEVELS,
    ORDERS,
    SHADES,
    busiest_cell,
    outlet_order,
    outlet_pair,
    pair_chars,
)
from tui.viewmodels.navigation import Reader
from tui.widgets.blocks import inert
from tui.widgets.facts import heat_cell, heat_tints
from tui.widgets.footer import ReaderFooter
from tui.widgets.summary import SummaryLine
from tui.widgets.tables import Cell, clipped, fitted_width

if TYPE_CHECKING:
    from tui.app import StorydiffApp

#: The row headers (outlet names) fit the longest name up to this many cells.
NAME_CAP = 22
#: Keys of the heat map's columns: the names, then each outlet by its number.
NAME_COLUMN = "name"
OUTLET_COLUMN = "outlet-"
#: The legend under the map.
LEGEND = (
    "Row's text found in the column's outlet (directional) · "
    + " ".join(
        f"{SHADES[k + 1]} {'<' if k < len(LEVELS) else '≥'}{bound:.0%}"
        for k, bound in enumerate([*LEVELS, LEVELS[-1]])
    )
    + " · — itself"
)


class HeatMap(DataTable[Cell]):
    """The matrix: one row and one column per outlet, a cell cursor."""

    ALLOW_MAXIMIZE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=False)


class OutletsScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Outlets"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "compare",
            "Compare",
            id="outlets.compare",
            tooltip="Compare the two outlets' articles that share the most text",
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            id="outlets.sort",
            tooltip="Order: clustered (who copies whom side by side), name, most shared; "
            "a click on a column header orders by that column",
        ),
        Binding("escape", "back", "Back", id="outlets.back", tooltip="Back to the previous view"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.how = ORDERS[0]
        #: The column the rows are ordered by (a header click), or None.
        self.by_column: str | None = None
        self.order: tuple[str, ...] = ()

    @property
    def sd_app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    @property
    def matrix(self) -> SharedText:
        return self.sd_app.story.facts.provenance.outlets

    def compose(self) -> ComposeResult:
        yield SummaryLine(id="outlets-title")
        yield HeatMap(id="heat")
        yield Static(id="cell-detail", markup=False)
        yield Static(LEGEND, id="heat-legend", markup=False)
        yield ReaderFooter()

    def on_mount(self) -> None:
        self._fill()
        self.show_state(self.sd_app.state)
        self.query_one(HeatMap).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.show_state(self.sd_app.state)

    def _fill(self) -> None:
        matrix = self.matrix
        self.order = outlet_order(matrix, self.how, self.by_column)
        table = self.query_one(HeatMap)
        table.clear(columns=True)
        numbers = {name: k for k, name in enumerate(self.order, start=1)}
        variables = self.app.theme_variables
        tints = heat_tints(variables.get("surface", "#000000"), variables.get("accent", "#ffa62b"))
        labels = [f"{numbers[n]} {inert(n, newlines=False)}" for n in self.order]
        table.add_column("Outlet", key=NAME_COLUMN, width=fitted_width(labels, "Outlet", NAME_CAP))
        for name in self.order:
            mark = " ▾" if name == self.by_column else ""
            # Keyed by number: an outlet's name may be anything, the name column's key too.
            table.add_column(
                f"{numbers[name]}{mark}",
                key=f"{OUTLET_COLUMN}{numbers[name]}",
                width=max(8, cell_len(mark) + 3),
            )
        for name, label in zip(self.order, labels, strict=True):
            cells: list[Cell] = [clipped(label)]
            for other in self.order:
                share = None if other == name else matrix.share(name, other)
                cells.append(heat_cell(share, tints))
            table.add_row(*cells, key=name)
        self._update_title()

    def _update_title(self) -> None:
        how = f"by column {self.by_column}" if self.by_column else self.how
        where = self._where()
        head = Content.assemble(("Outlets", "bold"), "  " if where else "", (where, "bold"))
        self.query_one("#outlets-title", SummaryLine).show(
            head,
            [
                self._count(),
                ("share of each row's text found in each column's", ""),  # the legend says it
                f"ordered: {inert(how, newlines=False)}",
            ],
        )

    def _count(self) -> str:
        every = len(self.matrix.names)
        if len(self.order) < every:
            return f"the {len(self.order)} of {every:,} outlets sharing the most"
        return f"{len(self.order)} outlets"

    def _where(self) -> str:
        cell = self._cell()
        if cell is None:
            return ""
        row = self.order.index(cell[0]) + 1
        column = self.order.index(cell[1]) + 1
        return f"row {row}/{len(self.order)} · column {column}"

    def _cell(self) -> tuple[str, str] | None:
        table = self.query_one(HeatMap)
        if not self.order or table.row_count == 0:
            return None
        row, column = table.cursor_coordinate
        if not 0 <= row < len(self.order) or not 1 <= column <= len(self.order):
            return None
        return self.order[row], self.order[column - 1]

    def show_state(self, state: Reader) -> None:
        if not self.order:
            self.query_one("#cell-detail", Static).update(Content("No outlets to compare."))
            return
        cell = state.cell
        if cell is None or cell[0] not in self.order or cell[1] not in self.order:
            cell = busiest_cell(self.matrix, self.order)
        coordinate = Coordinate(self.order.index(cell[0]), self.order.index(cell[1]) + 1)
        table = self.query_one(HeatMap)
        if table.cursor_coordinate != coordinate:
            table.move_cursor(row=coordinate.row, column=coordinate.column, animate=False)
        self._show_cell()

    def _show_cell(self) -> None:
        cell = self._cell()
        detail = self.query_one("#cell-detail", Static)
        self._update_title()
        if cell is None:
            detail.update(Content("Move to a cell (the first column names the row's outlet)."))
            return
        if cell != self.sd_app.state.cell:
            self.post_message(ChangeFacts(cell=cell))
        row, column = cell
        if row == column:
            detail.update(Content.assemble((inert(row, newlines=False), "bold"), ": itself"))
            return
        matrix = self.matrix
        there = matrix.share(row, column)
        back = matrix.share(column, row)
        chars = pair_chars(matrix, row, column)
        total = matrix.totals[matrix.index(row)]
        a, b = inert(row, newlines=False), inert(column, newlines=False)
        detail.update(
            Content.assemble(
                (percent(there), "bold"),
                f" of {a}'s text ({chars:,} of {total:,} characters) is also in {b}; ",
                (percent(back), "bold"),
                f" of {b}'s is in {a}.   Enter: compare them",
            )
        )

    @on(DataTable.CellHighlighted, "#heat")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_cell()

    @on(DataTable.CellSelected, "#heat")
    def _selected(self, event: DataTable.CellSelected) -> None:
        self.action_compare()

    @on(DataTable.HeaderSelected, "#heat")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value or NAME_COLUMN
        if not key.startswith(OUTLET_COLUMN):
            self.by_column = None
        else:
            name = self.order[int(key.removeprefix(OUTLET_COLUMN)) - 1]
            self.by_column = None if name == self.by_column else name
        self._refill()

    def _refill(self) -> None:
        cell = self._cell()
        self._fill()
        if cell is not None:
            coordinate = Coordinate(self.order.index(cell[0]), self.order.index(cell[1]) + 1)
            self.query_one(HeatMap).move_cursor(
                row=coordinate.row, column=coordinate.column, animate=False
            )
        self._show_cell()

    def action_sort(self) -> None:
        self.by_column = None
        self.how = ORDERS[(ORDERS.index(self.how) + 1) % len(ORDERS)]
        self._refill()
        self.notify(f"Outlets ordered: {self.how}", timeout=2)

    def action_compare(self) -> None:
        cell = self._cell()
        if cell is None:
            return
        row, column = cell
        if row == column:
            self.notify("The same outlet: choose a cell off the diagonal", timeout=2)
            return
        target = outlet_pair(self.sd_app.story, row, column)
        if target is not None:
            self.post_message(OpenPair(target.left, target.right))

    def action_back(self) -> None:
        self.post_message(GoBack())
