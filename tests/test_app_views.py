"""Pilot tests for moving between and around the views: the keys every table shares, going
back with escape, the passages view's lists, the library's sort, marks and help, the palette.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.color import Color
from stories import make_story
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets.data_table import ColumnKey

from tui.app import StorydiffApp
from tui.commands import partner_commands
from tui.core.model import REWRITE, SHARED_WORDING, Problem, Story
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.passages import PassagesScreen
from tui.screens.problems import ProblemsScreen
from tui.widgets.article import ArticleView
from tui.widgets.collation import CollationView
from tui.widgets.tables import StretchTable

SIZE = (160, 48)


def row_keys(table: StretchTable) -> list[str]:
    return [str(row.key.value) for row in table.ordered_rows]


def row_text(table: StretchTable, row: int) -> str:
    """What the table shows on data row ``row`` (0 = the first row below the header)."""
    return table.render_line(row + (1 if table.show_header else 0)).text


async def test_every_table_moves_with_j_k_g_G_space_home_end(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#articles", StretchTable)
        last = table.row_count - 1
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == last
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == last and table.scroll_x == 0  # not a sideways scroll
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("3")
        await pilot.pause()
        unique = app.screen.query_one("#unique", StretchTable)
        await pilot.press("u", "space")
        assert unique.cursor_row > 5  # a page down
        await pilot.press("G")
        assert unique.cursor_row == len(seeds_story.unique) - 1
        await pilot.press("g", "j")
        assert unique.cursor_row == 1


async def test_single_source_row_opens_its_article_at_that_passage(seeds_story: Story) -> None:
    # A passage far down another article than the one the library shows.
    entry = max(
        (u for u in seeds_story.unique if u.article != seeds_story.articles[0].id),
        key=lambda u: u.start,
    )
    row = seeds_story.unique.index(entry)
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        unique = app.screen.query_one("#unique", StretchTable)
        unique.focus()
        unique.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert app.state.article == entry.article
        table = screen.query_one("#articles", StretchTable)
        assert row_keys(table)[table.cursor_row] == entry.article
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == entry.article
        assert view.target is not None
        start, height = view.block_span(view.target)
        # The passage is marked and on screen.
        assert view.scroll_y > 0
        assert view.scroll_y <= start < view.scroll_y + view.scrollable_content_region.height
        marked = " ".join(view.line_text(y) for y in range(start, start + height))
        assert "▶1×" in marked and entry.text.split()[0] in marked
        # escape goes back to the passages view it came from.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PassagesScreen)


async def test_escape_goes_back_through_the_views(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # the library is the root: nothing happens
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("v", "enter")  # a version: compare it with the base version
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.state.history == ("library", "passages")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PassagesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.state.history == ()
        # Going round in a loop does not grow the history.
        for _ in range(5):
            await pilot.press("2", "3", "1")
            await pilot.pause()
        assert len(app.state.history) <= 2


async def test_palette_system_commands_are_storydiffs(seeds_story: Story, tmp_path: Path) -> None:
    app = StorydiffApp(seeds_story, screenshot_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Maximize" not in commands
        assert "storydiff-<view>-<n>.svg" in commands["Screenshot"].help
        commands["Screenshot"].callback()
        await pilot.pause(0.3)
        assert [p.name for p in tmp_path.iterdir()] == ["storydiff-library-1.svg"]
        commands["Keys"].callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        # Through the palette itself, as a user would.
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"keys")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def _many(n: int) -> Story:
    # n articles; each shares its first sentence with the next one, and one long passage
    # whose distinctive words come after the 70th character is shared by a and b.
    texts = {f"m{i:02}": [f"Lead {i} shared.", f"Own line {i}."] for i in range(n)}
    tail = "A long opening that says nothing much at all, padded to well past seventy chars, "
    texts["m00"].append(tail + "then zebra quagga finally.")
    texts["m01"].append(tail + "then zebra quagga finally.")
    shared = [{f"m{i:02}": 0, f"m{i + 1:02}": 0} for i in range(0, n - 1, 2)]
    shared.append({"m00": 2, "m01": 2})
    return make_story(texts, shared)


async def _from_palette(pilot: Pilot[None], query: str) -> None:
    """Open the palette, type ``query`` and run the first command it lists."""
    await pilot.press("ctrl+p")
    await pilot.press(*query)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_palette_compares_an_article_then_any_of_its_partners() -> None:
    story = _many(50)
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE) as pilot:
        await _from_palette(pilot, "Compare: M07 with")
        assert isinstance(app.screen, CommandPalette)
        # The second list holds every other article (49), most shared first: not capped.
        assert len(partner_commands(app, "m07")) == 49
        assert partner_commands(app, "m07")[0].name.startswith("M07 ⟷ M06")
        await pilot.press(*"M33")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CompareScreen)
        assert (app.state.compare.left, app.state.compare.right) == ("m07", "m33")


async def test_palette_searches_a_passages_whole_text() -> None:
    app = StorydiffApp(_many(4))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"zebra quagga")  # past the 70 characters the command shows
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PassagesScreen)
        passage = app.story.passages[-1]
        assert "zebra quagga" in passage.members[0].text
        assert app.state.passage == passage.id


async def test_problems_stay_reviewable_after_the_toast() -> None:
    story = make_story({"a": ["One."], "b": ["Two."]}, [])
    notice = Problem("old.txt", "read as Windows-1252", notice=True)
    story = replace(story, problems=(Problem("bad.txt", "not UTF-8 text"), notice))
    app = StorydiffApp(story)
    async with app.run_test(size=(100, 24)) as pilot:
        app.clear_notifications()
        # A file read as Windows-1252 was loaded: it is a notice, not a file lost.
        assert "1 not loaded · 1 notice" in str(app.screen.query_one("#summary").render())
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = str(app.screen.query_one("#problems-list", Static).render())
        lost, notices = text.split("1 notice:")
        assert "1 file not loaded" in lost and "bad.txt" in lost and "not UTF-8" in lost
        assert "old.txt" in notices and "Windows-1252" in notices
        await pilot.press("escape")
        await pilot.pause()
        # ...and from the palette.
        await pilot.press("ctrl+p")
        await pilot.press(*"problems")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ProblemsScreen)


async def test_help_opens_on_the_keys_of_the_view_it_was_called_from(seeds_story: Story) -> None:
    for key, title in (("1", "Library (1)"), ("2", "Compare (2)"), ("3", "Passages (3)")):
        app = StorydiffApp(seeds_story)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            first = app.screen.query(".help-section").first(Static)
            assert str(first.render()).startswith(title)


async def test_footer_keeps_help_and_quit_at_100_columns(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("1", "2", "3"):
            await pilot.press(key)
            await pilot.pause(0.2)
            # Footer's keys, by their (public) CSS type name: no private module imported.
            keys = [k for k in app.screen.query("FooterKey") if k.display and k.region.width]
            # The palette's key is docked over the right end of the footer when it shows.
            docked = [k.region for k in keys if k.has_class("-command-palette")]
            shown = {
                getattr(k, "description", "")
                for k in keys
                if k.region.right <= 100 and not any(k.region.overlaps(d) for d in docked)
            }
            assert {"Help", "Quit"} <= shown, (key, sorted(shown))


async def test_passages_lists_fit_their_rows_and_cut_text_with_an_ellipsis(
    seeds_story: Story,
) -> None:
    for width in (100, 220):
        app = StorydiffApp(seeds_story, view="passages")
        async with app.run_test(size=(width, 48)) as pilot:
            await pilot.pause()
            screen = app.screen
            shared = screen.query_one("#shared", StretchTable)
            unique = screen.query_one("#unique", StretchTable)
            # As tall as its rows (header and border included), the rest for the long list.
            assert shared.size.height == shared.row_count + 1
            assert unique.size.height > 20
            text = shared.columns[ColumnKey("text")]
            assert text.width >= (10 if width == 100 else 60)
            for table in (shared, unique):
                line = row_text(table, 0).rstrip()
                assert line.endswith("…"), line
                # The cut is at the column's width, not at a fixed length.
                shown = line.split("  ")[-1].strip().rstrip("…")
                assert len(shown) >= table.columns[ColumnKey("text")].width - 3


async def test_rewrites_show_no_match_score(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        shared = screen.query_one("#shared", StretchTable)
        view = screen.query_one(CollationView)
        for row, passage in enumerate(seeds_story.passages):
            # After the gutter that marks a passage whose versions disagree (≠).
            cell = str(shared.get_cell_at(Coordinate(row, 2))).removeprefix("≠").strip()
            if passage.kind == REWRITE:
                assert cell == "rewrite"
            elif passage.kind == SHARED_WORDING:
                # Copied words (how much of a sentence is no score), or the rewrite they sit in.
                assert cell == ("shared" if passage.within is None else f"within {passage.within}")
            else:
                # Rounded down, and never 1.00 for versions that differ.
                shown = float(cell.split()[-1])
                assert shown <= passage.similarity and (shown < 1 or passage.same_wording)
        assert view.passage is seeds_story.passages[0]
        rewrite = next(p for p in seeds_story.passages if p.kind == REWRITE)
        while view.passage is not rewrite:
            await pilot.press("down")
        title = " ".join(view.line_text(y).strip() for y in range(3))
        assert "wording similarity" in title and "other words" in title
        assert "· similarity" not in title


async def test_library_sorts_by_key_and_header(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        table = screen.query_one("#articles", StretchTable)
        selected = app.state.article
        await pilot.press("s")
        stats = seeds_story.stats
        by_share = sorted(seeds_story.articles, key=lambda a: -stats[a.id].shared)
        assert row_keys(table) == [a.id for a in by_share]
        assert "sorted by shared" in str(screen.query_one("#summary", Static).render())
        assert str(table.columns[ColumnKey("shared")].label) == "Shared ▾"
        # The cursor stays on the article it was on.
        assert row_keys(table)[table.cursor_row] == selected
        await pilot.press("s")
        assert "sorted by date" in str(screen.query_one("#summary", Static).render())
        dated = [k for k in row_keys(table) if seeds_story.article(k).date]
        assert row_keys(table)[: len(dated)] == dated
        # A click on the Words header sorts by words.
        x = 1 + sum(
            c.get_render_width(table)
            for key, c in table.columns.items()
            if key.value in ("outlet", "title", "date")
        )
        await pilot.click("#articles", offset=(x + 2, 1))
        await pilot.pause()
        words = [seeds_story.article(k).word_count for k in row_keys(table)]
        assert words == sorted(words, reverse=True)
        assert "sorted by words" in str(screen.query_one("#summary", Static).render())
        # A second click on it reverses the order.
        await pilot.click("#articles", offset=(x + 2, 1))
        await pilot.pause()
        words = [seeds_story.article(k).word_count for k in row_keys(table)]
        assert words == sorted(words)
        assert "reversed" in str(screen.query_one("#summary", Static).render())


async def test_outlet_column_fits_names_up_to_a_cap(seeds_story: Story) -> None:
    long_name = "The Northern Dispatch and Evening Chronicle of the Valley"
    articles = (replace(seeds_story.articles[0], outlet=long_name), *seeds_story.articles[1:])
    story = Story(articles, seeds_story.passages, seeds_story.unique, (), dict(seeds_story.stats))
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#articles", StretchTable)
        outlet = table.columns[ColumnKey("outlet")]
        assert outlet.width == 24
        assert row_text(table, 0).lstrip().startswith("The Northern Dispatch a…")
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#articles", StretchTable)
        # "The Epoch Times" whole, no wider.
        assert table.columns[ColumnKey("outlet")].width == len("The Epoch Times")
        assert "The Epoch Times " in row_text(table, 1)


def _luminance(color: Color) -> float:
    red, green, blue = (c / 255 for c in color.get_truecolor())
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


async def test_single_source_mark_is_quieter_than_shared_marks(seeds_story: Story) -> None:
    for theme in ("textual-dark", "textual-light"):
        app = StorydiffApp(seeds_story, theme=theme)
        async with app.run_test(size=SIZE):
            view = app.screen.query_one(ArticleView)
            single = view.get_component_rich_style("gutter--single")
            shared = view.get_component_rich_style("gutter--shared")
            text = view.rich_style
            assert shared.bold and not single.bold
            assert single.color is not None and text.color is not None
            assert text.bgcolor is not None and shared.color is not None
            background = _luminance(text.bgcolor)
            # The 1× mark sits closer to the background than the text does: dimmed.
            assert abs(_luminance(single.color) - background) < abs(
                _luminance(text.color) - background
            )
            assert single.color != shared.color


async def test_help_explains_the_screen_first_and_scrolls_with_j_k(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        sections = [str(s.render()) for s in screen.query(".help-section")]
        legend = next(s for s in sections if s.startswith("Reading the screen"))
        for words in (
            "1×",
            "3×",
            "tint",
            "Shared",
            "Single-source",
            "same wording",
            "close wording",
            "rewrite",
            "wording similarity",
            "struck",
            "underlined",
            "italic",
            "◀ order",
            "nearest: ¶2",
        ):
            assert words in legend, words
        body = screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("j", "j", "j")
        assert body.scroll_y == 3
        await pilot.press("k")
        assert body.scroll_y == 2
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0


async def test_switching_views_for_a_long_session_keeps_no_old_footer_keys(
    seeds_story: Story,
) -> None:
    """Each switch recomposes the footer; Textual kept every removed key bound to the
    footer's ``compact`` until it changed (0.3 MB a switch in a long session)."""
    import gc

    from textual.widgets._footer import FooterKey

    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(20):
            for key in "123456":
                await pilot.press(key)
        await pilot.pause()
        gc.collect()
        removed = [k for k in gc.get_objects() if isinstance(k, FooterKey) and not k.is_attached]
        assert len(removed) < 60  # 120 switches: about 1,400 before


def _one_shared_one_alone() -> Story:
    """Two articles sharing one sentence; b alone adds a second."""
    return make_story(
        {
            "a": ["The bridge will stay shut until the spring thaw.", "A aside."],
            "b": [
                "The bridge will stay shut until the spring thaw.",
                "Ferry crews added a night sailing for stranded commuters.",
            ],
        },
        [{"a": 0, "b": 0}],
    )


async def test_palette_lists_what_only_one_outlet_says() -> None:
    story = _one_shared_one_alone()
    app = StorydiffApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await _from_palette(pilot, "only in b ferry")
        assert isinstance(app.screen, LibraryScreen)
        (alone,) = [u for u in story.unique if u.article == "b"]
        assert (app.state.article, app.state.offset) == ("b", alone.start)
        assert app.screen.query_one(ArticleView).article is story.article("b")


async def test_the_palette_searches_whole_texts_from_three_letters() -> None:
    """One or two letters are in nearly every text: listing every passage holding them
    buried what was asked for (and cost about a second a key at 1,000 articles)."""
    from tui.commands import StoryCommands

    story = _one_shared_one_alone()
    app = StorydiffApp(story)
    async with app.run_test(size=(80, 24)):
        commands = StoryCommands(app.screen)
        await commands.startup()

        async def found(query: str) -> list[str]:
            return [str(hit.text) async for hit in commands.search(query)]

        assert not [t for t in await found("sa") if t.startswith("Only in")]
        assert [t for t in await found("sai") if t.startswith("Only in")] == [
            "Only in B: Ferry crews added a night sailing for stranded commuters."
        ]


async def test_the_palettes_problems_entry_says_when_every_file_was_loaded() -> None:
    from tui.commands import StoryCommands

    app = StorydiffApp(_one_shared_one_alone())
    async with app.run_test(size=(80, 24)):
        commands = StoryCommands(app.screen)
        await commands.startup()
        (problems,) = [c for c in commands.commands if c.text.startswith("Problems")]
        assert problems.help == "Every file was loaded, with nothing to note"
