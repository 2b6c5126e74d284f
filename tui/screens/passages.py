"""Every shared passage, most widely shared first, with each outlet's version stacked."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label

from tui.core.model import REWRITE, SAME_WORDING, SHARED_WORDING, Passage
from tui.core.words import count, similarity_text
from tui.screens.messages import ChangePassages, GoBack, OpenArticle, OpenPair
from tui.viewmodels.navigation import Reader
from tui.widgets.blocks import inert
from tui.widgets.collation import CollationView
from tui.widgets.footer import ReaderFooter
from tui.widgets.summary import SummaryLine
from tui.widgets.tables import StretchTable, clipped, fitted_width

if TYPE_CHECKING:
    from tui.app import StorydiffApp

#: A list's Text column shows at most this much of a passage; the column's width cuts it
#: further, with "…" (the whole passage is in the versions pane).
SNIPPET = 600
#: The lists' text columns start this wide and then take the width the lists have.
TEXT_WIDTH = 46
#: How the Wording column marks a passage whose versions disagree (as the versions pane does).
WARNING = "bold $text-error"
MARK = "≠ "
#: The single-source list's Outlet column fits the outlet names, up to this many cells.
OUTLET_CAP = 18


def wording(passage: Passage) -> str:
    """The Wording column: the kind, with the similarity only where it measures the match.

    A rewrite is one fact told in other words: its low word similarity is what makes it a
    rewrite, not a weak match, so the list does not show it as a score. Shared wording nested
    in a rewrite names the rewrite ("within p1", as its heading says "shared wording within
    p1"), the row the copy sits inside.
    """
    if passage.disagreements:
        # The versions match word for word but for a figure or a denial: marked first.
        return MARK + wording(replace(passage, disagreements=()))
    if passage.kind == REWRITE:
        return "rewrite"
    if passage.kind == SAME_WORDING:
        return "same"
    if passage.kind == SHARED_WORDING:
        return "shared" if passage.within is None else f"within {passage.within}"
    return f"close {similarity_text(passage.similarity, passage.same_wording)}"


class PassagesScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Passages"
    # Below 80 columns the lists (48 wide at least) would leave the versions a sliver, so
    # each takes the whole width in turn (a master-detail "page mode"): the lists, or,
    # once a passage is opened (Enter, `v`), its versions until `s` or `u`.
    # (Textual declares it `ClassVar[...] | None`, which mypy reads as an instance variable,
    # so it cannot be annotated `ClassVar` here.)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "compare",
            "Compare",
            id="passages.compare",
            tooltip="Compare the selected version's article with the base version's",
        ),
        Binding(
            "u",
            "focus_unique",
            "Single-source",
            id="passages.unique",
            tooltip="Move to the list of single-source passages",
        ),
        Binding(
            "s",
            "focus_shared",
            "Shared",
            id="passages.shared",
            tooltip="Move to the list of shared passages",
        ),
        Binding(
            "v",
            "focus_versions",
            "Versions",
            id="passages.versions",
            tooltip="Move to the stacked versions",
        ),
        Binding("escape", "back", "Back", id="passages.back", tooltip="Back to the previous view"),
    ]

    @property
    def sd_app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield SummaryLine(id="passages-title")
        with Horizontal():
            with Vertical(id="lists"):
                # An empty list says so in its title, rather than showing bare headers.
                story = self.sd_app.story
                yield Label(
                    "Shared passages, most widely shared first"
                    if story.passages
                    else "No passage is shared by two or more outlets",
                    id="shared-title",
                    classes="list-title",
                )
                yield StretchTable(id="shared", stretch="text")
                yield Label(
                    "Single-source passages (Enter: open article)"
                    if story.unique
                    else "No single-source passages: every passage is shared",
                    id="unique-title",
                    classes="list-title",
                )
                yield StretchTable(id="unique", stretch="text")
            yield CollationView(id="versions")
        yield ReaderFooter()

    def on_mount(self) -> None:
        story = self.sd_app.story
        shared = self.query_one("#shared", StretchTable)
        # Fixed widths: an auto-sized column is measured on the first rows only (p1 ... p9).
        id_width = max([2, *(cell_len(p.id) for p in story.passages)])
        shared.add_column("Id", key="id", width=id_width)
        shared.add_column("Outlets", key="outlets", width=7)
        # Kind and similarity in one column: "close 0.99", "same", "rewrite" (no score).
        wordings = [wording(p) for p in story.passages]
        if any(p.disagreements for p in story.passages):
            # The ≠ mark takes a gutter of its own on every row, so that the kinds line up.
            gutter = " " * cell_len(MARK)
            wordings = [
                w if p.disagreements else gutter + w
                for p, w in zip(story.passages, wordings, strict=True)
            ]
        shared.add_column(
            "Wording", key="wording", width=max([10, *(cell_len(w) for w in wordings)])
        )
        shared.add_column("Text", key="text", width=TEXT_WIDTH)
        shared.fit_columns()
        labels = {a.id: a.label for a in story.articles}
        for passage, said in zip(story.passages, wordings, strict=True):
            member = passage.members[passage.base]
            shared.add_row(
                Content(passage.id),
                Content(str(len(passage.members))),
                Content.styled(said, WARNING) if passage.disagreements else Content(said),
                clipped(member.text[:SNIPPET]),
                key=passage.id,
            )
        unique = self.query_one("#unique", StretchTable)
        outlet_width = fitted_width(list(labels.values()), "Outlet", OUTLET_CAP)
        unique.add_column("Outlet", key="outlet", width=outlet_width)
        unique.add_column("Text", key="text", width=TEXT_WIDTH)
        unique.fit_columns()
        for index, entry in enumerate(story.unique):
            unique.add_row(
                clipped(labels.get(entry.article, entry.article)),
                clipped(entry.text[:SNIPPET]),
                key=str(index),
            )
        self._update_title("")
        self.show_state(self.sd_app.state)
        # With nothing shared, the list that holds something: j and k move in it at once.
        (shared if story.passages or not story.unique else unique).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.show_state(self.sd_app.state)

    def _update_title(self, where: str) -> None:
        """Where the cursor is first ("passage 2/3", "single-source 4/57"), then what the
        lists hold."""
        story = self.sd_app.story
        shared, single = len(story.passages), len(story.unique)
        head = Content.assemble(("Passages", "bold"), "  " if where else "", (where, "bold"))
        self.query_one("#passages-title", SummaryLine).show(
            head,
            [
                # As the library's summary line counts them (and the README, the reports).
                (count(shared, "shared passage"), f"{shared} shared"),
                (count(single, "single-source passage"), f"{single} single-source"),
            ],
        )

    def searchable(self) -> CollationView:
        return self.query_one(CollationView)

    @on(CollationView.MatchesEnd)
    def _next_matching_passage(self, event: CollationView.MatchesEnd) -> None:
        """Past the last match in these versions: on to the next passage that has one, in
        reading order (the shared list, then the single-source list)."""
        event.stop()
        view = self.query_one(CollationView)
        query = view.searched.casefold()
        story = self.sd_app.story
        texts = [[m.text for m in p.members] for p in story.passages]
        texts += [[u.text] for u in story.unique]
        if view.passage is not None:
            here = story.passages.index(view.passage)
        elif view.unique is not None:
            here = len(story.passages) + story.unique.index(view.unique)
        else:
            here = -1
        order = range(here + 1, len(texts)) if event.direction > 0 else range(here - 1, -1, -1)
        for index in order:
            if not any(query in text.casefold() for text in texts[index]):
                continue
            if index < len(story.passages):
                self.query_one("#shared", DataTable).move_cursor(row=index, animate=False)
                self._show(index)
                where = f"shared passage {index + 1}/{len(story.passages)}"
            else:
                single = index - len(story.passages)
                self.query_one("#unique", DataTable).move_cursor(row=single, animate=False)
                self._show_unique(single)
                where = f"single-source {single + 1}/{len(story.unique)}"
            if event.direction > 0:
                view.jump_match(1, inclusive=True)
            else:
                view.move_to(view.matching_blocks()[-1])
                view.scroll_to_cursor(top=True)
                view.post_message(view.Searched())
            self.notify(f"“{inert(view.searched)}” in {where}", timeout=2, markup=False)
            return
        self.notify(
            f"No more passages with “{inert(view.searched)}” that way", timeout=2, markup=False
        )

    def show_state(self, state: Reader) -> None:
        self.select_passage(state.passage)

    def select_passage(self, passage_id: str | None) -> None:
        story = self.sd_app.story
        ids = [p.id for p in story.passages]
        table = self.query_one("#shared", DataTable)
        if passage_id in ids:
            row = ids.index(passage_id)
            if table.cursor_row != row:  # moving it anew would repaint the whole table
                table.move_cursor(row=row, animate=False)
            self._show(row)
        elif ids:
            self._show(table.cursor_row if 0 <= table.cursor_row < len(ids) else 0)
        elif story.unique:
            self._show_unique(0)

    def _show(self, index: int) -> None:
        story = self.sd_app.story
        passage = story.passages[index]
        if passage.id != self.sd_app.state.passage:
            self.post_message(ChangePassages(passage.id))
        self._update_title(f"passage {index + 1}/{len(story.passages)}")
        view = self.query_one(CollationView)
        if view.passage is not passage:
            view.show_passage(story, passage)

    def _show_unique(self, index: int) -> None:
        story = self.sd_app.story
        self._update_title(f"single-source {index + 1}/{len(story.unique)}")
        self.query_one(CollationView).show_unique(story, story.unique[index])

    @on(DataTable.RowHighlighted, "#shared")
    def _shared_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The row highlighted now, not when the event was sent (a stale row 0 from the
        # table's filling must not undo the passage the app asked for).
        row = event.data_table.cursor_row
        asked = event.data_table.has_focus or self.query_one(CollationView).passage is None
        if asked and 0 <= row < len(self.sd_app.story.passages):
            self._show(row)

    @on(DataTable.RowHighlighted, "#unique")
    def _unique_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus and 0 <= event.cursor_row < len(self.sd_app.story.unique):
            self._show_unique(event.cursor_row)

    @on(DataTable.RowSelected, "#shared")
    def _shared_selected(self, event: DataTable.RowSelected) -> None:
        self._show(event.cursor_row)
        self.query_one(CollationView).focus()

    @on(DataTable.RowSelected, "#unique")
    def _unique_selected(self, event: DataTable.RowSelected) -> None:
        story = self.sd_app.story
        if 0 <= event.cursor_row < len(story.unique):
            entry = story.unique[event.cursor_row]
            self.post_message(OpenArticle(entry.article, entry.start))

    def on_descendant_focus(self) -> None:
        focused = self.focused
        self.set_class(isinstance(focused, CollationView), "-reading-versions")
        if focused is not None and focused.id == "shared":
            table = self.query_one("#shared", DataTable)
            if self.sd_app.story.passages:
                self._show(max(0, table.cursor_row))
        elif focused is not None and focused.id == "unique":
            table = self.query_one("#unique", DataTable)
            if self.sd_app.story.unique:
                self._show_unique(max(0, table.cursor_row))

    def action_compare(self) -> None:
        view = self.query_one(CollationView)
        passage, version = view.passage, view.current_version
        if passage is None or version is None:
            return
        base = passage.members[passage.base].article
        other = version.article if version.article != base else None
        if other is None:
            others = [m.article for m in passage.members if m.article != base]
            other = others[0] if others else None
        if other is not None:
            self.post_message(OpenPair(base, other, passage.id))

    def action_focus_unique(self) -> None:
        self.query_one("#unique", DataTable).focus()

    def action_focus_shared(self) -> None:
        self.query_one("#shared", DataTable).focus()

    def action_focus_versions(self) -> None:
        self.query_one(CollationView).focus()

    def action_back(self) -> None:
        self.post_message(GoBack())
