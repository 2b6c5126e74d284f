"""The Quotes (``4``) and Figures (``5``) views: the engine's groups in a list, the selected
group's versions stacked below it; Enter opens the quote's passage or the figure's sentence in
compare."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static

from tui.core import quotes, words
from tui.core.figures import FigureGroup, status_words
from tui.core.quotes import QuoteGroup
from tui.screens.messages import ChangeFacts, GoBack, OpenPair
from tui.viewmodels.facts import (
    Target,
    figure_groups,
    figure_target,
    figure_values,
    quote_groups,
    quote_target,
)
from tui.viewmodels.navigation import Reader
from tui.widgets.blocks import inert
from tui.widgets.factlist import FactVersions
from tui.widgets.facts import (
    figure_heading,
    figure_sentence,
    quote_heading,
    quote_text,
)
from tui.widgets.footer import ReaderFooter
from tui.widgets.summary import Fact, SummaryLine
from tui.widgets.tables import Cell, StretchTable, clipped

if TYPE_CHECKING:
    from tui.app import StorydiffApp

#: The list's text column shows at most this much (the whole is in the versions below).
SNIPPET = 300
#: The flags a quote's row shows, short: the versions below say them in full.
SHORT_FLAGS = {
    quotes.WORDS_CHANGED: "words",
    quotes.OTHER_SPEAKERS: "speaker",
    quotes.SHORTENED: "cut",
    quotes.OTHER_ATTRIBUTION: "attrib.",
}
#: On a screen fewer rows tall than this, the fact views show their versions compact
#: (``FactVersions``: headings, and the highlighted version in full): at 24 rows only one
#: or two would show in full.
COMPACT_BELOW = 40


class FactScreen(Screen[None]):
    """A list of groups (``#groups``) above the selected group's versions (``#versions``)."""

    #: The view's name in the title ("Quotes") and the state's field for its cursor.
    NAME = ""
    FIELD = ""
    LIST_TITLE = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "compare",
            "Compare",
            id="facts.compare",
            tooltip="Open the selected version (or the group's first) in compare",
        ),
        Binding(
            "v",
            "focus_versions",
            "Versions",
            id="facts.versions",
            tooltip="Move to the stacked versions",
        ),
        Binding("l", "focus_list", "List", id="facts.list", tooltip="Move to the list of groups"),
        Binding("escape", "back", "Back", id="facts.back", tooltip="Back to the previous view"),
    ]

    @property
    def sd_app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield SummaryLine(id="facts-title")
        yield StretchTable(id="groups", stretch="text")
        yield Static(id="group-head", markup=False)
        yield FactVersions(id="fact-versions")
        yield ReaderFooter()

    # -- what each view lists ---------------------------------------------------------

    def groups(self) -> tuple[QuoteGroup | FigureGroup, ...]:
        raise NotImplementedError

    def columns(self, table: StretchTable) -> None:
        raise NotImplementedError

    def row(self, group: QuoteGroup | FigureGroup) -> list[Cell]:
        raise NotImplementedError

    def head(self, group: QuoteGroup | FigureGroup) -> Content:
        raise NotImplementedError

    def options(self, group: QuoteGroup | FigureGroup) -> list[tuple[Content, Content, str]]:
        """One (prompt, brief prompt, option id) per version (``FactVersions``)."""
        raise NotImplementedError

    def target(self, group: QuoteGroup | FigureGroup, index: int) -> Target:
        raise NotImplementedError

    def counts(self) -> list[Fact]:
        raise NotImplementedError

    # -- shared behaviour ---------------------------------------------------------------

    def on_mount(self) -> None:
        table = self.query_one("#groups", StretchTable)
        id_width = max([2, *(cell_len(g.id) for g in self.groups())])
        table.add_column("Id", key="id", width=id_width)
        self.columns(table)
        table.fit_columns()
        for group in self.groups():
            table.add_row(*self.row(group), key=group.id)
        self._shown: str | None = None
        self.show_state(self.sd_app.state)
        table.focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.show_state(self.sd_app.state)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(FactVersions).set_compact(event.size.height < COMPACT_BELOW)

    def _index(self, group_id: str | None) -> int:
        ids = [g.id for g in self.groups()]
        return ids.index(group_id) if group_id in ids else 0

    def show_state(self, state: Reader) -> None:
        groups = self.groups()
        if not groups:
            self._update_title(None)
            self.query_one("#group-head", Static).update(
                Content(f"No {self.NAME.lower()} found in these articles.")
            )
            return
        index = self._index(getattr(state, self.FIELD))
        table = self.query_one("#groups", DataTable)
        if table.cursor_row != index:
            table.move_cursor(row=index, animate=False)
        self._show(index)

    def _update_title(self, index: int | None) -> None:
        total = len(self.groups())
        where = f"{self.NAME.lower()[:-1]} {index + 1}/{total}" if index is not None else ""
        head = Content.assemble((self.NAME, "bold"), "  " if where else "", (where, "bold"))
        self.query_one("#facts-title", SummaryLine).show(head, self.counts())

    def _show(self, index: int) -> None:
        group = self.groups()[index]
        self._update_title(index)
        if getattr(self.sd_app.state, self.FIELD) != group.id:
            if self.FIELD == "quote":
                self.post_message(ChangeFacts(quote=group.id))
            else:
                self.post_message(ChangeFacts(figure=group.id))
        if self._shown == group.id:
            return
        self._shown = group.id
        self.query_one("#group-head", Static).update(self.head(group))
        self.query_one(FactVersions).show_versions(self.options(group))

    # -- search ---------------------------------------------------------------------------

    def searchable(self) -> FactVersions:
        return self.query_one(FactVersions)

    @on(FactVersions.MatchesEnd)
    def _next_matching_group(self, event: FactVersions.MatchesEnd) -> None:
        """Past the last match in these versions: on to the next group that has one."""
        event.stop()
        view = event.view
        query = view.searched.casefold()
        groups = self.groups()
        table = self.query_one("#groups", DataTable)
        here = table.cursor_row
        order = range(here + 1, len(groups)) if event.direction > 0 else range(here - 1, -1, -1)
        for index in order:
            if any(query in full.plain.casefold() for full, _, _ in self.options(groups[index])):
                table.move_cursor(row=index, animate=False)
                self._show(index)
                if event.direction < 0:
                    view.highlighted = max(0, view.option_count - 1)
                view.jump_match(event.direction, inclusive=True)
                return
        self.notify(
            f"No more {self.NAME.lower()} with “{inert(view.searched)}” that way",
            timeout=2,
            markup=False,
        )

    @on(DataTable.RowHighlighted, "#groups")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = event.data_table.cursor_row
        if 0 <= row < len(self.groups()):
            self._show(row)

    @on(DataTable.RowSelected, "#groups")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.cursor_row, None)

    @on(OptionList.OptionSelected, "#fact-versions")
    def _version_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(self.query_one("#groups", DataTable).cursor_row, event.option_index)

    def _open(self, row: int, version: int | None) -> None:
        groups = self.groups()
        if not 0 <= row < len(groups):
            return
        group = groups[row]
        index = version if version is not None else (1 if len(self._items(group)) > 1 else 0)
        target = self.target(group, index)
        self.post_message(OpenPair(target.left, target.right, target.passage, target.offset))

    def _items(self, group: QuoteGroup | FigureGroup) -> tuple[object, ...]:
        return group.versions if isinstance(group, QuoteGroup) else group.figures

    def action_compare(self) -> None:
        table = self.query_one("#groups", DataTable)
        versions = self.query_one("#fact-versions", OptionList)
        if versions.has_focus and versions.highlighted is not None:
            self._open(table.cursor_row, versions.highlighted)
        else:
            self._open(table.cursor_row, None)

    def action_focus_versions(self) -> None:
        self.query_one("#fact-versions", OptionList).focus()

    def action_focus_list(self) -> None:
        self.query_one("#groups", DataTable).focus()

    def action_back(self) -> None:
        self.post_message(GoBack())


class QuotesScreen(FactScreen):
    BINDING_GROUP_TITLE = "Quotes"
    NAME = "Quotes"
    FIELD = "quote"

    def groups(self) -> tuple[QuoteGroup, ...]:
        return quote_groups(self.sd_app.story)

    def counts(self) -> list[Fact]:
        groups = self.groups()
        shared = sum(1 for g in groups if len(g.articles) > 1)
        changed = sum(1 for g in groups if g.wording_changed)
        speakers = sum(1 for g in groups if g.speakers_differ)
        cut = sum(1 for g in groups if g.shortened)
        return [
            (
                f"{words.count(len(groups), 'quotation')}, {shared} carried by two or more outlets",
                f"{shared} shared",
            ),
            (f"{changed} with words changed", f"{changed} reworded"),
            (f"{speakers} with speakers differing", f"{speakers} by other speakers"),
            (f"{cut} shortened", f"{cut} cut"),
        ]

    def columns(self, table: StretchTable) -> None:
        table.add_column("Outlets", key="outlets", width=7)
        table.add_column("Flags", key="flags", width=17)
        table.add_column("Quotation (fullest version)", key="text", width=30)

    def row(self, group: QuoteGroup | FigureGroup) -> list[Cell]:
        assert isinstance(group, QuoteGroup)
        flags = " ".join(SHORT_FLAGS[f] for f in group.flags) or "—"
        return [
            Content(group.id),
            Content(str(len(group.articles))),
            clipped(flags),
            clipped(group.versions[0].quote.text[:SNIPPET]),
        ]

    def head(self, group: QuoteGroup | FigureGroup) -> Content:
        assert isinstance(group, QuoteGroup)
        flags = group.flags
        outlets = words.count(len(group.articles), "outlet")
        return Content.assemble(
            (f"{group.id}", "bold"),
            f" · {outlets} · ",
            (", ".join(flags) if flags else "quoted the same way", "bold" if flags else ""),
            (
                "\nEnter: compare · struck: the fullest version's words · underlined: this "
                "version's own · italic: punctuation or case only",
                "$text-muted",
            ),
        )

    def options(self, group: QuoteGroup | FigureGroup) -> list[tuple[Content, Content, str]]:
        assert isinstance(group, QuoteGroup)
        story = self.sd_app.story
        found = []
        for index, version in enumerate(group.versions):
            article = story.article(version.quote.article)
            base = index == 0
            heading = quote_heading(article, group, version, base)
            prompt = Content.assemble(heading, "\n", quote_text(group, version, base))
            found.append((prompt, heading, f"{group.id}-{index}"))
        return found

    def target(self, group: QuoteGroup | FigureGroup, index: int) -> Target:
        assert isinstance(group, QuoteGroup)
        return quote_target(self.sd_app.story, group, group.versions[index])


class FiguresScreen(FactScreen):
    BINDING_GROUP_TITLE = "Figures"
    NAME = "Figures"
    FIELD = "figure"

    def groups(self) -> tuple[FigureGroup, ...]:
        return figure_groups(self.sd_app.story)

    def counts(self) -> list[Fact]:
        groups = self.groups()
        disagree = sum(1 for g in groups if g.status == "disagree")
        single = sum(1 for g in groups if g.status == "single")
        return [
            words.count(len(groups), "quantity", plural="quantities"),
            (f"{disagree} where outlets disagree", f"{disagree} disagree"),
            (f"{single} given by one outlet only", f"{single} by one outlet"),
        ]

    def columns(self, table: StretchTable) -> None:
        table.add_column("Status", key="status", width=10)
        table.add_column("Outlets", key="outlets", width=7)
        table.add_column("Quantity: values (outlets)", key="text", width=30)

    def row(self, group: QuoteGroup | FigureGroup) -> list[Cell]:
        assert isinstance(group, FigureGroup)
        story = self.sd_app.story
        return [
            Content(group.id),
            Content(status_words(group, short=True)),
            Content(str(len(group.articles))),
            clipped(f"{group.label}: {figure_values(story, group)}"),
        ]

    def head(self, group: QuoteGroup | FigureGroup) -> Content:
        assert isinstance(group, FigureGroup)
        story = self.sd_app.story
        status = status_words(group)
        return Content.assemble(
            (group.id, "bold"),
            " · ",
            (status, "bold"),
            " · ",
            (inert(group.label, newlines=False), "bold"),
            ": ",
            inert(figure_values(story, group), newlines=False),
            (f"\nEnter: compare the figure's sentence with {_partner(group)}", "$text-muted"),
        )

    def options(self, group: QuoteGroup | FigureGroup) -> list[tuple[Content, Content, str]]:
        """The heading (outlet, paragraph, the figure and what it counts) over the sentence;
        the brief form is the heading alone: the values are what a reader compares."""
        assert isinstance(group, FigureGroup)
        story = self.sd_app.story
        found = []
        for index, figure in enumerate(group.figures):
            article = story.article(figure.article)
            heading = figure_heading(article, figure)
            prompt = Content.assemble(heading, "\n", figure_sentence(article, figure))
            found.append((prompt, heading, f"{group.id}-{index}"))
        return found

    def target(self, group: QuoteGroup | FigureGroup, index: int) -> Target:
        assert isinstance(group, FigureGroup)
        return figure_target(self.sd_app.story, group, index)


def _partner(group: FigureGroup) -> str:
    """Whom Enter compares a figure with (``viewmodels.facts.figure_target``), in words."""
    if len(group.values) > 1:
        return "an outlet that gives another value"
    if len(group.articles) > 1:
        return "another outlet that gives it"
    return "its closest partner"
