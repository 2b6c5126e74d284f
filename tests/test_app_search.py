"""``/`` searches the text of every view; matches are highlighted; n/N step; Esc clears."""

from __future__ import annotations

from typing import Any

from stories import make_story
from textual.pilot import Pilot
from textual.widgets import DataTable

from tui.app import StorydiffApp
from tui.core.model import Story
from tui.screens.compare import CompareScreen
from tui.widgets.article import ArticleView
from tui.widgets.blocks import BlockView
from tui.widgets.collation import CollationView
from tui.widgets.compare import CompareView

SIZE = (100, 30)


def story() -> Story:
    return make_story(
        {
            "a": ["Opening line.", "The harbour flooded at dawn.", "Middle.", "Harbour closed."],
            "b": ["Opening line.", "The harbour flooded at dawn!", "Other text.", "End here."],
        },
        [{"a": 0, "b": 0}, {"a": 1, "b": 1}],
    )


def matched(view: BlockView) -> list[str]:
    """The texts drawn in the match style, on every line of the view."""
    style = view.get_component_rich_style("blocks--match")
    found = []
    for y in range(view.virtual_size.height):
        for segment in view.line(y):
            if segment.style is not None and segment.style.bgcolor == style.bgcolor:
                found.append(segment.text)
    return found


async def search(pilot: Pilot[Any], text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_compare_search_highlights_steps_and_clears() -> None:
    app = StorydiffApp(story(), view="compare", left="a", right="b")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        await search(pilot, "harbour")
        # Both panes' matches, whatever their case; the cursor on the first match row.
        assert [t.casefold() for t in matched(view)] == ["harbour"] * 3
        assert "harbour" in view.block_text(view.cursor).casefold()
        title = str(app.screen.query_one("#compare-title").render())
        assert title.split("  ")[1].startswith("match 1/2")
        await pilot.press("n")
        assert view.match_position() == (2, 2)
        await pilot.press("N")
        assert view.match_position() == (1, 2)
        await pilot.press("escape")  # clears the search, does not leave compare
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert matched(view) == [] and view.searched == ""


async def test_a_search_whose_matches_all_lie_above_the_cursor_goes_up_to_them() -> None:
    app = StorydiffApp(story(), view="compare", left="a", right="b")
    messages: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kwargs: messages.append(str(message))  # type: ignore[method-assign]
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        await pilot.press("G")  # the last row, below every "flooded"
        await pilot.pause()
        last = view.cursor
        await search(pilot, "flooded")
        assert view.cursor < last and "flooded" in view.block_text(view.cursor)
        assert any("1 place, above ·" in m for m in messages)


async def test_library_text_search_moves_the_text_cursor() -> None:
    app = StorydiffApp(story())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # into the text
        await search(pilot, "closed")
        view = app.screen.query_one(ArticleView)
        assert view.current_segment is not None
        assert view.current_segment.text == "Harbour closed."
        assert matched(view) == ["closed"]


async def test_passages_search_goes_on_to_the_next_passage_with_a_match() -> None:
    app = StorydiffApp(story(), view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await search(pilot, "dawn")
        view = app.screen.query_one(CollationView)
        assert view.passage is not None and "dawn" in view.passage.members[0].text
        assert matched(view) == ["dawn", "dawn"]


async def test_passages_search_goes_on_into_the_single_source_list() -> None:
    app = StorydiffApp(story(), view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await search(pilot, "harbour")
        view = app.screen.query_one(CollationView)
        assert view.passage is not None and "harbour" in view.passage.members[0].text
        await pilot.press("n", "n")  # past the shared passage's second version
        await pilot.pause()
        unique = app.screen.query_one("#unique", DataTable)
        assert view.unique is not None and view.unique.text == "Harbour closed."
        assert str(unique.get_row_at(unique.cursor_row)[1]) == "Harbour closed."
        assert matched(view) == ["Harbour"]
        said = [n.message for n in app._notifications]
        assert "“harbour” in single-source 2/4" in said
        await pilot.press("N")  # back to the shared passage's last version
        await pilot.pause()
        assert view.passage is not None and view.match_position() == (2, 2)
