"""Pilot tests for who shares with whom (library), the library text's passage cursor, and
the figures of a rewrite (passages)."""

from __future__ import annotations

import re
from dataclasses import replace

from notes import record
from rich.cells import cell_len
from stories import make_story
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets.data_table import ColumnKey

from tui.app import StorydiffApp
from tui.core.model import REWRITE, Passage, Story
from tui.core.words import percent
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen
from tui.screens.library import (
    COLUMNS,
    PARTNER_LABEL,
    TITLE_MIN,
    TITLE_WANT,
    ArticlesTable,
    LibraryScreen,
    shown_columns,
)
from tui.screens.passages import PassagesScreen
from tui.viewmodels.pairing import figures
from tui.widgets.article import ArticleView
from tui.widgets.collation import GUTTER, CollationView

SIZE = (160, 48)


def row_text(table: ArticlesTable, row: int) -> str:
    """What the table shows on data row ``row`` (0 = the first row below the header)."""
    return table.render_line(row + 1).text


def header_text(table: ArticlesTable) -> str:
    return table.render_line(0).text


def partner_text(story: Story, article_id: str) -> str:
    """The library's "most shared with" entry for an article, from the engine's figures."""
    partner = story.facts.provenance.most_shared[article_id]
    assert partner is not None
    if len(partner.others) == 1:
        return f"{story.article(partner.others[0]).label} ({partner.share:.0%})"
    return f"{len(partner.others)} outlets, {partner.share:.0%} each"


async def test_library_names_who_each_article_shares_most_with(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(200, 48)):  # wide enough for every entry whole
        table = app.screen.query_one("#articles", ArticlesTable)
        assert PARTNER_LABEL in header_text(table)
        for row, article in enumerate(seeds_story.articles):
            entry = partner_text(seeds_story, article.id)
            assert entry in row_text(table, row), (article.label, row_text(table, row))


async def test_a_tie_for_most_shared_is_shown_as_a_tie() -> None:
    # Every pair shares the one passage: no partner may be picked arbitrarily.
    story = make_story(
        {"a": ["S here.", "x."], "b": ["S here.", "y."], "c": ["S here.", "z."], "d": ["w."]},
        [{"a": 0, "b": 0, "c": 0}],
    )
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#articles", ArticlesTable)
        for row in range(3):
            assert "2 outlets, 78% each" in row_text(table, row)  # "S here." of 9 chars
        assert "—" in row_text(table, 3)


async def test_an_article_that_shares_nothing_gets_a_dash() -> None:
    story = make_story(
        {"a": ["Shared line here."], "b": ["Shared line here."], "c": ["Nothing shared."]},
        [{"a": 0, "b": 0}],
    )
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#articles", ArticlesTable)
        assert "B (100%)" in row_text(table, 0)
        assert "A (100%)" in row_text(table, 1)
        partner = table.get_cell_at(Coordinate(2, 5))
        assert str(partner) == "—"


async def test_the_titles_and_partners_get_width_before_date_words_and_shared(
    seeds_story: Story,
) -> None:
    longest = max(cell_len(a.title or "") for a in seeds_story.articles)
    for width in (80, 100, 160, 200):
        app = StorydiffApp(seeds_story)
        async with app.run_test(size=(width, 40)):
            table = app.screen.query_one("#articles", ArticlesTable)
            title = table.columns[ColumnKey("title")].width
            partner = table.columns[ColumnKey("partner")].width
            header = header_text(table)
            shown = {label for _, label, _ in COLUMNS if label in header}
            assert title >= TITLE_MIN
            if {"Words", "Date", "Shared"} & shown:  # they only show while the titles fit
                assert title >= min(longest, TITLE_WANT), width
            # No sideways scrolling: every column fits the table, the last one included.
            assert table.virtual_size.width <= table.scrollable_content_region.width
            assert table.max_scroll_x == 0
            assert "Single-source" in header and "Outlet" in header
            for row, article in enumerate(seeds_story.articles):
                whole = partner_text(seeds_story, article.id)
                if width > 80:  # who shares most with whom, whole
                    assert whole in row_text(table, row), width
                else:  # the name gives way to the titles, never the share
                    share = re.findall(r"\d+%", whole)[0]
                    assert share in row_text(table, row), width
            if width > 80:
                assert partner == max(
                    cell_len(partner_text(seeds_story, a.id)) for a in seeds_story.articles
                )
                assert PARTNER_LABEL in header
            if width <= 100:  # the columns that give way: Words first, then Date, Shared
                assert "Words" not in shown
            if width == 80:
                assert not {"Words", "Date", "Shared"} & shown
            if width >= 160:  # room for everything
                assert {"Words", "Date", "Shared"} <= shown
            if width == 200:  # every title whole too
                assert title >= longest


def test_the_yielding_columns_go_in_order() -> None:
    every = tuple(key for key, _, _ in COLUMNS)
    assert shown_columns(300, outlet=15, title=40) == every
    narrower = [shown_columns(w, outlet=15, title=40, partner=19) for w in range(150, 60, -1)]
    dropped = [tuple(k for k in every if k not in shown) for shown in narrower]
    assert set(dropped) == {(), ("words",), ("date", "words"), ("date", "words", "shared")}
    # Never one back once gone, as the table narrows.
    sizes = [len(d) for d in dropped]
    assert sizes == sorted(sizes)


async def test_help_explains_the_partner_column(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        sections = [str(section.render()) for section in screen.query(".help-section")]
        legend = next(s for s in sections if s.startswith("Reading the screen"))
        assert "Most shared with" in legend and "largest share of its text" in legend
        sections = [str(section.render()) for section in screen.query(".help-section")]
        text = next(section for section in sections if section.startswith("Library text"))
        assert "⏎" in text and "passages view" in text and "j k" in text


# -- the library text's passage cursor ------------------------------------------------------


def noem_passage(story: Story) -> Passage:
    return next(
        p for p in story.passages if "understanding that the Department" in p.members[0].text
    )


def cursor_marked(view: ArticleView) -> bool:
    """Whether the cursor's block is drawn with the cursor bar in its margin."""
    start, height = view.block_span(view.cursor)
    bar = view.get_component_rich_style("article--cursor").bgcolor
    return any(
        segment.style is not None and segment.style.bgcolor == bar
        for y in range(start, start + height)
        for segment in list(view.line(y))[:1]
    )


async def press_until(pilot: Pilot[None], view: ArticleView, passage: str | None) -> None:
    """``j`` until the cursor is on ``passage`` (None: a single-source passage)."""
    for _ in range(view.block_count()):
        segment = view.current_segment
        if segment is not None and segment.passage == passage:
            return
        await pilot.press("j")
    raise AssertionError(f"no block with passage {passage}")


async def test_j_k_move_a_marked_cursor_through_the_passages(seeds_story: Story) -> None:
    longer = seeds_story.articles[1]  # The Epoch Times: longer than the pane
    app = StorydiffApp(seeds_story)
    app.state = replace(app.state, article=longer.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        view = screen.query_one(ArticleView)
        table = screen.query_one("#articles", ArticlesTable)
        assert table.has_focus and not cursor_marked(view)
        assert view.article is longer and view.max_scroll_y > 0
        await pilot.press("t")
        assert view.has_focus
        first = view.current_segment
        assert first is not None and first.start == 0  # the first passage, not the title
        assert cursor_marked(view)
        await pilot.press("j", "j")
        second_next = view.current_segment
        assert second_next is not None and second_next.start > first.start
        await pilot.press("k", "up")
        assert view.current_segment == first
        await pilot.press("down")
        assert view.current_segment is not None and view.current_segment.start > first.start
        # Up past the first passage: the cursor stays there and the title scrolls back in.
        await pilot.press("k", "k", "k")
        assert view.current_segment == first and view.scroll_y == 0
        await pilot.press("G")
        last = view.current_segment
        assert last is not None and last.end == max(
            s.end for s in (b.segment for b in view._blocks) if s is not None
        )
        assert view.scroll_y == view.max_scroll_y and cursor_marked(view)
        # The table has its own keys: back there, j moves the article, not the text cursor.
        await pilot.press("t")
        assert table.has_focus and not cursor_marked(view)
        await pilot.press("j")
        assert app.state.article == seeds_story.articles[2].id
        assert view.article is seeds_story.articles[2]


async def test_enter_on_a_shared_passage_opens_it(seeds_story: Story) -> None:
    noem = noem_passage(seeds_story)
    app = StorydiffApp(seeds_story)
    app.state = replace(app.state, article=noem.members[0].article)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("t")
        await press_until(pilot, view, noem.id)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PassagesScreen)
        assert app.state.passage == noem.id
        assert screen.query_one(CollationView).passage is noem
        # Esc comes back to the text, on the same passage.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        view = app.screen.query_one(ArticleView)
        assert view.has_focus
        assert view.current_segment is not None and view.current_segment.passage == noem.id


async def test_enter_on_a_single_source_passage_only_says_so(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    said = record(app)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("t")
        await press_until(pilot, view, None)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        notes = [n for n in said if "tells this passage" in n.message]
        assert notes and seeds_story.articles[0].label in notes[-1].message


async def test_c_still_compares_from_the_text(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_a_click_puts_the_cursor_on_a_passage(seeds_story: Story) -> None:
    noem = noem_passage(seeds_story)
    app = StorydiffApp(seeds_story)
    app.state = replace(app.state, article=noem.members[0].article)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        index = next(
            i
            for i, b in enumerate(view._blocks)
            if b.segment is not None and b.segment.passage == noem.id
        )
        start, height = view.block_span(index)
        y = start + height - 1 - round(view.scroll_y)
        assert 0 <= y < view.scrollable_content_region.height
        # Offsets count from the border: 1 for the border (and 1 for padding sideways).
        await pilot.click(ArticleView, offset=(2 + 10, 1 + y))
        await pilot.pause()
        assert view.has_focus
        assert view.cursor == index and cursor_marked(view)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.passage == noem.id and isinstance(app.screen, PassagesScreen)


async def test_showing_furniture_keeps_the_cursor_on_its_passage(seeds_story: Story) -> None:
    noem = noem_passage(seeds_story)
    app = StorydiffApp(seeds_story)
    app.state = replace(app.state, article=noem.members[0].article)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("t")
        await press_until(pilot, view, noem.id)
        await pilot.press("f")
        assert view.current_segment is not None and view.current_segment.passage == noem.id
        # The furniture is reachable: the cursor stops at it, in the text.
        await pilot.press("g")
        for _ in range(view.block_count()):
            if view.current_segment is None:
                break
            await pilot.press("j")
        assert view.current_segment is None and view.cursor > 0


# -- rewrites show their figures (passages view) ------------------------------------------


def version_bodies(view: CollationView) -> list[list[Strip]]:
    """Each version's text lines (without the title, the label line and the blank after)."""
    bodies = []
    for index in range(view.block_count()):
        start, height = view.block_span(index)
        lines = [view.line(y) for y in range(start, start + height)]
        # The label line starts with it, past the cursor's margin (a warning above may name
        # the outlet too).
        label = next(
            i
            for i, line in enumerate(lines)
            if line.crop(GUTTER, line.cell_length).text.startswith(view.versions[index].label)
        )
        # Without the cursor's marker in the margin.
        bodies.append([line.crop(GUTTER, line.cell_length) for line in lines[label + 1 : -1]])
    return bodies


async def test_a_rewrite_sets_its_figures_in_bold_and_nothing_else(seeds_story: Story) -> None:
    rewrite = next(
        p
        for p in seeds_story.passages
        if p.kind == REWRITE and all(figures(m.text) for m in p.members)
    )
    app = StorydiffApp(seeds_story, view="passages")
    app.state = replace(app.state, passage=rewrite.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        assert view.passage is rewrite
        seen = set()
        for version, body in zip(view.versions, version_bodies(view), strict=True):
            member = rewrite.members[version.content_key]
            expected = [member.text[a:b] for a, b in figures(member.text)]
            assert expected  # every version of the seeds' IRS figure gives a number
            bold = [
                segment.text.strip()
                for line in body
                for segment in line
                if segment.style is not None and segment.style.bold and segment.text.strip()
            ]
            assert bold == expected, version.label
            # No word diff in a rewrite: nothing struck or underlined.
            assert not any(
                segment.style is not None and (segment.style.strike or segment.style.underline)
                for line in body
                for segment in line
            )
            seen.update(bold)
        assert {"2,100", "2,290", "2,300"} <= seen


async def test_a_close_passage_keeps_its_word_diff_without_figures(seeds_story: Story) -> None:
    noem = noem_passage(seeds_story)
    app = StorydiffApp(seeds_story, view="passages")
    app.state = replace(app.state, passage=noem.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        assert view.passage is noem
        figure = view.get_component_rich_style("collation--figure")
        styles = [
            segment.style for body in version_bodies(view) for line in body for segment in line
        ]
        assert any(s is not None and (s.strike or s.underline or s.italic) for s in styles)
        assert not any(s is not None and s.color == figure.color and s.bold for s in styles)


def test_a_trace_of_shared_text_reads_less_than_one_percent_never_zero() -> None:
    # The Shared column, the partner column and the heat map all say it this way.
    shares = (0.0, 0.004, 0.005, 0.0051, 0.45, 0.996, 1.0)
    assert [percent(s) for s in shares] == ["0%", "<1%", "<1%", "1%", "45%", ">99%", "100%"]


async def test_at_80_columns_the_titles_get_the_room_the_other_columns_do_not_need() -> None:
    long = "Aldgate Bridge to stay shut as lawyers and engineers argue over the pier"
    story = make_story(
        {
            "courier": ["The bridge will stay shut until the spring thaw.", "A aside."],
            "observer": ["The bridge will stay shut until the spring thaw.", "B aside."],
        },
        [{"courier": 0, "observer": 0}],
    )
    articles = tuple(
        replace(a, outlet=f"The Tamsett {a.id.title()} Weekly", title=f"{long} ({a.id})")
        for a in story.articles
    )
    story = replace(story, articles=articles)
    app = StorydiffApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#articles", ArticlesTable)
        width = {key.value: column.width for key, column in table.columns.items()}
        # Before: 16 cells of title beside whole outlet names and partners; now the titles
        # keep close to half the room the three share, the others give way with an "…".
        assert width["title"] >= 24, width
        assert width["single"] == cell_len("Single-source"), width  # its counts are short
        first = row_text(table, 0)
        assert "Aldgate Bridge to stay" in first
        assert re.search(r"The Tamsett C\w*…", first), first  # cut at the end
        assert re.search(r"… \(\d+%\)", first), first  # the partner's share shows whole
        await pilot.press("j")
        await pilot.pause()
        # The cut title is whole above the article's text.
        assert app.screen.query_one(ArticleView).article is story.articles[1]
        text = app.screen.query_one(ArticleView)
        head = " ".join(text.render_line(y).text.strip() for y in range(2))
        assert f"{long} (observer)" in head


async def test_an_article_without_an_outlet_is_named_by_its_file_in_the_library_too() -> None:
    # No sources.toml: compare's pane titles and the passages view name the articles "a",
    # "b", "c" (``Article.label``); the library's Outlet column said "unknown" for all three.
    story = make_story(
        {"a": ["S here.", "x."], "b": ["S here.", "y."], "c": ["z."]}, [{"a": 0, "b": 0}]
    )
    story = replace(story, articles=tuple(replace(a, outlet=None) for a in story.articles))
    app = StorydiffApp(story)
    async with app.run_test(size=(80, 24)):
        table = app.screen.query_one("#articles", ArticlesTable)
        for row, article in enumerate(story.articles):
            assert row_text(table, row).split()[0] == article.label, row_text(table, row)
            assert "unknown" not in row_text(table, row)


async def test_a_tie_says_its_share_the_same_way_when_the_column_is_narrow(
    seeds_story: Story,
) -> None:
    # At 80 columns the seeds' MarsLink News row read "2 tied (23%)" where a wide terminal
    # says "2 outlets, 23% each": the share of each, said alike in both forms now.
    tied = [a for a in seeds_story.articles if len(partner_outlets(seeds_story, a.id)) > 1]
    assert tied
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(80, 24)):
        table = app.screen.query_one("#articles", ArticlesTable)
        for article in tied:
            row = seeds_story.articles.index(article)
            share = f"{partner_share(seeds_story, article.id):.0%}"
            assert f"2 tied, {share} each" in row_text(table, row), row_text(table, row)


def partner_share(story: Story, article_id: str) -> float:
    partner = story.facts.provenance.most_shared.get(article_id)
    return 0.0 if partner is None else partner.share


def partner_outlets(story: Story, article_id: str) -> tuple[str, ...]:
    partner = story.facts.provenance.most_shared.get(article_id)
    return () if partner is None else partner.others
