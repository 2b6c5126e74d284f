"""The passages view: identical versions grouped, versions by date with the earliest
marked, provenance beside each version, and "base (most common version)" only when true."""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len
from rich.style import Style as RichStyle
from stories import make_story, retold_with_a_copied_clause
from textual.widgets import DataTable, Label

from tui.app import StorydiffApp
from tui.core.model import Story
from tui.widgets.collation import CollationView

SIZE = (160, 48)


def dated(
    story: Story, dates: dict[str, str | None], authors: dict[str, str] | None = None
) -> Story:
    authors = authors or {}
    articles = tuple(
        replace(a, date=dates.get(a.id), author=authors.get(a.id)) for a in story.articles
    )
    return replace(story, articles=articles)


def heads(view: CollationView) -> list[str]:
    """Each version's label and provenance lines (after the title above the first)."""
    found = []
    for index in range(view.block_count()):
        start = view.block_span(index)[0] + (2 if index == 0 else 0)
        found.append(" | ".join(view.line_text(y)[2:].strip() for y in (start, start + 1)))
    return found


async def test_identical_versions_are_one_block_and_the_earliest_is_marked() -> None:
    same = "The mayor said the bridge would reopen in May."
    story = make_story(
        {
            "a": [same],
            "b": [same],
            "c": [same],
            "d": ["The mayor said the bridge would reopen in June."],
        },
        [{"a": 0, "b": 0, "c": 0, "d": 0}],
    )
    story = dated(
        story,
        {"a": "2025-03-05", "b": "March 2, 2025", "c": None, "d": "1 March 2025"},
        {"b": "Jane Roe"},
    )
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        assert view.block_count() == 2  # four versions, two wordings
        base, other = heads(view)
        # The base's wording, named by its earliest teller (b, 2 March: dates parsed).
        assert base.startswith("B ¶1 + 2 others word for word · base (most common version)")
        assert "by Jane Roe" in base
        assert "March 2, 2025" in base
        assert "earliest" not in base
        assert other.startswith("D ¶1 · against the base · earliest | 1 March 2025")
        title = str(app.screen.query_one("#passages-title").render())
        assert title.startswith("Passages  passage 1/1")  # the position first


async def test_wordings_told_on_the_same_first_day_are_each_earliest() -> None:
    may = "The mayor said the bridge would reopen in May."
    story = make_story(
        {"a": [may], "b": [may], "c": [may.replace("May", "June")]},
        [{"a": 0, "b": 0, "c": 0}],
    )
    story = dated(story, {"a": "2025-03-02", "b": None, "c": "2 March 2025"})
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        base, other = heads(app.screen.query_one(CollationView))
        # The same day is no order: both wordings are the first telling.
        assert "earliest" in base and "earliest" in other
        # Two say it word for word: the other one is named, not counted.
        assert base.startswith("A ¶1 + B word for word · base")
        assert other.startswith("C ¶1 · against the base")


async def test_base_is_called_most_common_only_when_it_is() -> None:
    story = make_story(
        {"a": ["Bridge shut on Monday."], "b": ["Bridge shut on Tuesday."]},
        [{"a": 0, "b": 0}],
    )
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        base = heads(view)[0]
        assert base.startswith("A ¶1 · base |") and "most common" not in base


async def test_a_list_scrolls_half_a_page_when_the_cursor_leaves_it(seeds_story: Story) -> None:
    """Walking down a list past its last visible row brings the cursor to mid-list (one
    redraw of every row per half page, not per press), and every row stays reachable."""
    from tui.widgets.tables import StretchTable

    app = StorydiffApp(seeds_story, view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        table = app.screen.query_one("#unique", StretchTable)
        rows = table.scrollable_content_region.height - table.header_height
        assert table.row_count > 2 * rows, "the seeds' single-source list must need scrolling"
        for _ in range(rows - 1):
            await pilot.press("down")
        await pilot.pause()
        assert table.scroll_y == 0  # the last visible row: no scrolling yet
        await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == rows
        assert table.cursor_row - round(table.scroll_y) == rows // 2
        # The cursor's row is drawn (its text is on screen), and up goes back one row.
        await pilot.press("up")
        await pilot.pause()
        assert table.cursor_row == rows - 1
        assert round(table.scroll_y) <= table.cursor_row < round(table.scroll_y) + rows


async def test_the_versions_keep_their_scrollbar_and_show_a_blank_gutter_when_all_fits(
    seeds_story: Story,
) -> None:
    """A scrollbar that came and went with each passage's length cost a layout pass of the
    whole screen per key press: it stays, drawn in the pane's own background (the blank
    gutter a hidden bar left) while the versions fit, focused or not."""
    from textual.scrollbar import ScrollBarRender

    def track(view: CollationView) -> object:
        bar = view.vertical_scrollbar.render()
        assert isinstance(bar, ScrollBarRender)
        return bar.style.bgcolor if isinstance(bar.style, RichStyle) else None

    app = StorydiffApp(seeds_story, view="passages")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        room = view.scrollable_content_region.height
        seen = set()
        for _ in range(len(seeds_story.passages)):
            fits = view.line_count <= room
            seen.add(fits)
            assert view.show_vertical_scrollbar
            background = view.background_colors[1].rich_color
            assert (track(view) == background) is fits
            if fits:
                unfocused = background
                await pilot.press("v")
                await pilot.pause()
                assert view.background_colors[1].rich_color != unfocused  # tinted
                assert track(view) == view.background_colors[1].rich_color
                await pilot.press("s")
                await pilot.pause()
            await pilot.press("down")
            await pilot.pause()
        assert seen == {False, True}, "the seeds need passages that fit and that do not"
        # A new height alone can make a passage that fitted scroll: the track shows then.
        for _ in range(len(seeds_story.passages)):
            if view.line_count <= view.scrollable_content_region.height:
                break
            await pilot.press("up")
            await pilot.pause()
        assert track(view) == view.background_colors[1].rich_color
        await pilot.resize_terminal(120, 8)
        await pilot.pause()
        assert view.line_count > view.scrollable_content_region.height
        assert track(view) != view.background_colors[1].rich_color


async def test_a_view_s_tables_leave_the_collector_s_scans_once_it_is_shown(
    seeds_story: Story,
) -> None:
    """Every dozen key presses in the passages view at 1,000 articles set off a full
    collection that walked its tables' 130,000 objects (~95 ms): they are frozen."""
    import gc

    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#unique", DataTable)
        row = next(iter(table.rows.values()))
        assert gc.is_tracked(row)
        assert not any(tracked is row for tracked in gc.get_objects())  # frozen


async def test_a_single_source_passage_names_its_nearest_candidate(seeds_story: Story) -> None:
    # One whose candidate is past its article's first paragraph, so "¶1" would be wrong.
    near = next(
        u
        for u in seeds_story.unique
        if u.nearest
        and u.nearest[0].start > seeds_story.article(u.nearest[0].article).paragraphs[0].end
    )
    app = StorydiffApp(seeds_story, view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        unique = app.screen.query_one("#unique", DataTable)
        unique.move_cursor(row=seeds_story.unique.index(near), animate=False)
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        best = near.nearest[0]
        article = seeds_story.article(best.article)
        paragraph = next(s.paragraph + 1 for s in article.sentences if s.end > best.start)
        title = view._title()
        assert f"no match found · nearest: {article.label} ¶{paragraph}, {best.score:.2f}" in title


async def test_an_empty_list_says_so_and_the_cursor_starts_in_the_other() -> None:
    story = make_story({"a": ["Cats sleep all day."], "b": ["Rain falls on the plain."]}, [])
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shared = app.screen.query_one("#shared-title", Label)
        assert str(shared.render()) == "No passage is shared by two or more outlets"
        assert shared.content_size.width >= cell_len(str(shared.render()))  # whole at 80
        unique_title = str(app.screen.query_one("#unique-title", Label).render())
        assert unique_title.startswith("Single-source passages")
        # The cursor is in the list that holds something: j moves it there.
        unique = app.screen.query_one("#unique", DataTable)
        assert app.focused is unique
        await pilot.press("j")
        await pilot.pause()
        assert unique.cursor_row == 1
        assert "Cats" not in " ".join(app.screen.query_one(CollationView).block_text(0).split())
    # Everything shared: nothing is single-source.
    story = make_story({"a": ["Same words."], "b": ["Same words."]}, [{"a": 0, "b": 0}])
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        unique = app.screen.query_one("#unique-title", Label)
        assert str(unique.render()) == "No single-source passages: every passage is shared"
        assert str(app.screen.query_one("#shared-title", Label).render()).startswith("Shared")


async def test_shared_wording_nested_in_a_rewrite_names_the_rewrite_in_its_row() -> None:
    """The list's Wording column tells a copy inside a rewrite ("within p1", as the heading
    says "shared wording within p1"; it said a cryptic "in p1") from a shared passage of its
    own, whole at 80 columns too."""
    from tui.widgets.tables import StretchTable

    story = retold_with_a_copied_clause("weeks after the auditors found a gap in the pension fund")
    nested = next(p for p in story.passages if p.within is not None)
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#shared", StretchTable)
        cells = [" ".join(str(c) for c in table.get_row_at(r)) for r in range(table.row_count)]
        row = next(c for c in cells if c.startswith(nested.id))
        assert f"within {nested.within}" in row
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#shared", StretchTable)
        index = next(r for r in range(table.row_count) if table.get_row_at(r)[0] == nested.id)
        assert f" within {nested.within} " in table.render_line(index + 1).text
