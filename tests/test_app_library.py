"""Pilot tests for the library: who shares with whom, the text's passage cursor."""

from __future__ import annotations

from rich.cells import cell_len
from stories import make_story
from textual.coordinate import Coordinate
from textual.widgets.data_table import ColumnKey

from tui.app import StorydiffApp
from tui.core.model import Story
from tui.core.pairing import most_shared_with
from tui.screens.help import HelpScreen
from tui.screens.library import PARTNER_LABEL, PARTNER_MIN, TITLE_MIN, ArticlesTable

SIZE = (160, 48)


def row_text(table: ArticlesTable, row: int) -> str:
    """What the table shows on data row ``row`` (0 = the first row below the header)."""
    return table.render_line(row + 1).text


def header_text(table: ArticlesTable) -> str:
    return table.render_line(0).text


async def test_library_names_who_each_article_shares_most_with(seeds_story: Story) -> None:
    partners = most_shared_with(seeds_story)
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(200, 48)):  # wide enough for every entry whole
        table = app.screen.query_one("#articles", ArticlesTable)
        assert PARTNER_LABEL in header_text(table)
        for row, article in enumerate(seeds_story.articles):
            partner = partners[article.id]
            assert partner is not None
            entry = f"{seeds_story.article(partner[0]).label} ({partner[1]})"
            assert entry in row_text(table, row), (article.label, row_text(table, row))
        # NewsNation shares the Noem letter and the IRS figure with The Epoch Times.
        assert "The Epoch Times (2)" in row_text(table, 0)


async def test_an_article_that_shares_nothing_gets_a_dash() -> None:
    story = make_story(
        {"a": ["Shared line here."], "b": ["Shared line here."], "c": ["Nothing shared."]},
        [{"a": 0, "b": 0}],
    )
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#articles", ArticlesTable)
        assert "B (1)" in row_text(table, 0)
        assert "A (1)" in row_text(table, 1)
        partner = table.get_cell_at(Coordinate(2, 5))
        assert str(partner) == "—"


async def test_the_partner_column_gives_way_to_the_titles(seeds_story: Story) -> None:
    longest = max(cell_len(a.title or "") for a in seeds_story.articles)
    for width in (100, 160, 200):
        app = StorydiffApp(seeds_story)
        async with app.run_test(size=(width, 40)):
            table = app.screen.query_one("#articles", ArticlesTable)
            title = table.columns[ColumnKey("title")].width
            partner = table.columns[ColumnKey("partner")].width
            assert title >= TITLE_MIN
            # No sideways scrolling: every column fits the table.
            assert table.virtual_size.width <= table.scrollable_content_region.width
            assert table.max_scroll_x == 0
            for row in range(len(seeds_story.articles)):
                line = row_text(table, row)
                # The count always shows, whatever is cut of the outlet's name.
                assert any(
                    f"… ({n})" in line or f"s ({n})" in line or f"n ({n})" in line for n in (1, 2)
                ), line
            if width == 200:  # room for everything: every title and partner whole
                assert title >= longest
                assert partner == cell_len("The Epoch Times (2)")
                assert "The Epoch Times (2)" in row_text(table, 0)
                assert "NewsNation (2)" in row_text(table, 1)
                assert PARTNER_LABEL in header_text(table)
            elif width == 160:  # the titles whole first, the partner what is left
                assert title == longest and partner == PARTNER_MIN
            else:  # the titles cannot be whole: the partner keeps its minimum
                assert title < longest and partner == PARTNER_MIN
            if width != 200:
                assert "The Epo… (2)" in row_text(table, 0)
                assert "NewsNat… (2)" in row_text(table, 1)
                assert "Most shared " in header_text(table)
                assert "Most shared w" not in header_text(table)  # cut at a word


async def test_help_explains_the_partner_column(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        legend = str(screen.query(".help-section").first().render())
        assert "Most shared with" in legend and "sharing the most passages" in legend
