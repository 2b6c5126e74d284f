"""The fact views (Quotes ``4``, Figures ``5``, Outlets ``6``): what they show and that Enter
lands in compare on the right pair, at the right passage or sentence."""

from __future__ import annotations

import pytest
from stories import make_story
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from tui.app import StorydiffApp
from tui.core.model import Document, Story
from tui.core.story import story_from_documents
from tui.core.words import percent
from tui.screens.compare import CompareScreen
from tui.screens.facts import FiguresScreen, QuotesScreen
from tui.screens.outlets import HeatMap, OutletsScreen
from tui.widgets.compare import CompareView
from tui.widgets.factlist import MATCH, FactVersions
from tui.widgets.facts import quote_text
from tui.widgets.searchbar import SearchBar

SIZE = (160, 48)


def label_of(story: Story, label: str) -> str:
    return next(a.id for a in story.articles if a.label == label)


def text_of(static: Static) -> str:
    return str(static.render())


def versions_text(app: StorydiffApp) -> list[str]:
    versions = app.screen.query_one("#fact-versions", OptionList)
    return [str(versions.get_option_at_index(i).prompt) for i in range(versions.option_count)]


def compare_row(app: StorydiffApp) -> tuple[str | None, set[tuple[str, int, int]]]:
    """The compare cursor row's passage and its cells' (article, start, end)."""
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    row = screen.query_one(CompareView).current_row
    assert row is not None
    cells = {c.segment.key for c in (row.left, row.right) if c is not None}
    return row.passage, cells


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


# --- quotes ----------------------------------------------------------------------------------


async def test_quotes_view_stacks_each_outlets_version_with_its_speaker(
    seeds_story: Story,
) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, QuotesScreen)
        title = text_of(app.screen.query_one("#facts-title", Static))
        assert title.startswith("Quotes  quote 1/")  # the position first
        # The most widely carried first: the Noem letter, three outlets.
        versions = versions_text(app)
        assert len(versions) == 3
        assert "fullest version" in versions[0]
        assert all("speaker: " in v for v in versions)
        fox = next(v for v in versions if v.startswith("Fox News"))
        assert "words changed inside the quote" in fox
        assert "speaker: Noem" in fox
        head = text_of(app.screen.query_one("#group-head", Static))
        assert "words changed" in head


async def test_enter_on_a_quote_opens_its_passage_in_compare(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        group = seeds_story.facts.quote_groups[0]
        # Choose the third version (Enter from the versions list).
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        base, chosen = group.versions[0].quote, group.versions[2].quote
        assert (app.state.compare.left, app.state.compare.right) == (base.article, chosen.article)
        passage, cells = compare_row(app)
        assert passage is not None and passage in group.passages
        assert any(a == base.article and s <= base.start < e for a, s, e in cells)


@pytest.mark.parametrize("view", ["4", "5"])
async def test_j_and_k_move_between_versions_as_the_arrows_do(
    seeds_story: Story, view: str
) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(view)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        versions = app.screen.query_one(FactVersions)
        assert versions.has_focus and versions.highlighted == 0
        await pilot.press("j", "j")
        await settle(pilot)
        assert versions.highlighted == 2
        await pilot.press("k")
        await settle(pilot)
        assert versions.highlighted == 1
        await pilot.press("G")
        await settle(pilot)
        assert versions.highlighted == versions.option_count - 1
        await pilot.press("g")
        await settle(pilot)
        assert versions.highlighted == 0


async def test_quotes_flag_other_speakers_and_cuts_on_a_made_up_story() -> None:
    story = make_story(
        {
            "a": ['"We will not close the bridge before the spring thaw," Mayor Jones said.'],
            "b": ['"We won\'t close the bridge before the spring thaw," the governor said.'],
            "c": ['"We will not close the bridge …" Jones said.'],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        row = app.screen.query_one("#groups").render_line(1).text  # type: ignore[attr-defined]
        assert "words" in row and "speaker" in row and "cut" in row
        versions = {v.split(" ", 1)[0]: v for v in versions_text(app)}
        assert "other speaker" in versions["B"]
        assert "words changed inside the quote" in versions["B"]
        assert "shortened: leaves out" in versions["C"] and "marked with …" in versions["C"]
        assert "before the spring thaw" in versions["C"].split("leaves out", 1)[1]


async def test_a_fragment_quoted_in_part_says_so_once_and_before_its_speaker() -> None:
    full = "“We will rebuild the bridge, reopen the road and finish by spring,” Mayor Jones said."
    story = make_story(
        {
            "a": [full],
            "b": [full.replace("Mayor Jones", "Jones")],
            "c": ["At the meeting, Mayor Jones promised to “finish by spring” once more."],
        },
        [{"a": 0, "b": 0}],
    )
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        versions = {v.split(" ", 1)[0]: v for v in versions_text(app)}
        heading = versions["C"]
        assert "(quoted in part)" in heading and "partial quote" not in heading
        assert heading.index("shortened: leaves out") < heading.index("speaker:")


# --- figures ---------------------------------------------------------------------------------


async def test_figures_view_puts_the_irs_disagreement_first(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, FiguresScreen)
        head = text_of(app.screen.query_one("#group-head", Static))
        assert "outlets disagree" in head
        assert (
            "approximately 2,100 (NewsNation) · 2,290 (The Epoch Times, Breitbart News) · "
            "approximately 2,300 (MarsLink News)"
        ) in " ".join(head.split())
        assert len(versions_text(app)) == 4
        assert "with an outlet that gives another value" in head
        # A figure one outlet gives is listed as such, and Enter has no other value to offer.
        table = app.screen.query_one("#groups")
        assert "one outlet" in table.render_line(2).text  # type: ignore[attr-defined]
        await pilot.press("down", "down")
        await settle(pilot)
        head = text_of(app.screen.query_one("#group-head", Static))
        assert "one outlet" in head and "with its closest partner" in head


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_status_column_says_what_the_heading_says(size: tuple[int, int]) -> None:
    # A bound ("more than 8.5") and a rounding ("about 2,300") share the status `precision`,
    # which the Status column showed as the code itself while the heading read "consistent:
    # one gives a bound": the column now gives the heading's words, short, and whole at 80.
    story = make_story(
        {
            "a": ["The city has 2,290 police officers.", "The wave reached 8.5 metres."],
            "b": ["The city has about 2,300 police officers.", "The wave reached 8.5 metres."],
            "c": ["The city has 2,290 police officers.", "The wave reached more than 8.5 metres."],
        },
        [dict.fromkeys("abc", 0), dict.fromkeys("abc", 1)],
    )
    app = StorydiffApp(story)
    async with app.run_test(size=size) as pilot:
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#groups", DataTable)
        seen = {}
        for index in range(table.row_count):
            table.move_cursor(row=index)
            await settle(pilot)
            head = " ".join(text_of(app.screen.query_one("#group-head", Static)).split())
            status = str(table.get_row_at(index)[1])
            assert status in table.render_line(index + 1).text
            seen[status] = head
        assert set(seen) == {"rounded", "consistent"}, seen
        assert "agree at different precisions" in seen["rounded"]
        assert "consistent: one gives a bound" in seen["consistent"]


async def test_only_the_figure_in_question_is_emphasised(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        versions = app.screen.query_one("#fact-versions", OptionList)
        prompt = versions.get_option_at_index(0).prompt
        plain = str(prompt)
        assert "roughly 100,000" in plain and "approximately 2,100" in plain
        bold = {plain[s.start : s.end] for s in prompt.spans if "underline" in str(s.style)}
        assert "approximately 2,100" in bold
        assert not any("100,000" in b for b in bold)


async def test_enter_on_a_figure_opens_its_sentence_in_compare(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        group = seeds_story.facts.figure_groups[0]
        index = next(i for i, f in enumerate(group.figures) if f.counts == "special agents")
        await pilot.press("v")
        await settle(pilot)
        await pilot.press(*["down"] * index)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        figure = group.figures[index]
        assert app.state.compare.left == figure.article == label_of(seeds_story, "Breitbart News")
        right = app.state.compare.right
        assert right in group.articles and right != figure.article
        # Against an outlet that gives another value, on the row holding the figure.
        assert all(f.value != figure.value for f in group.figures if f.article == right)
        _, cells = compare_row(app)
        assert any(a == figure.article and s <= figure.start < e for a, s, e in cells)


# --- outlets ---------------------------------------------------------------------------------


async def test_outlets_heat_map_shows_shade_and_number_and_opens_the_pair(
    seeds_story: Story,
) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, OutletsScreen)
        matrix = seeds_story.facts.provenance.outlets
        table = app.screen.query_one(HeatMap)
        order = app.screen.order
        assert order == matrix.order  # clustered by default
        # It opens on the cell with the largest share, not on a first cell that may be 0%.
        shares = {(a, b): matrix.share(a, b) for a in order for b in order if a != b}
        first, second = max(shares, key=shares.__getitem__)
        share = shares[first, second]
        assert share == max(shares.values()) > 0.2
        assert app.state.cell == (first, second)
        line = table.render_line(order.index(first) + 1).text
        assert first in line and percent(share) in line
        assert any(glyph in line for glyph in "░▒▓█")  # the shade, beside the number
        detail = text_of(app.screen.query_one("#cell-detail", Static))
        assert f"{percent(share)} of {first}'s text" in detail
        assert f"{percent(matrix.share(second, first))} of {second}'s" in detail
        # Enter on the cell: the two outlets' articles that share the most, side by side.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        left = seeds_story.article(app.state.compare.left or "")
        right = seeds_story.article(app.state.compare.right or "")
        assert (left.label, right.label) == (first, second)


async def test_outlets_sort_and_a_header_click_reorder_rows(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OutletsScreen)
        await pilot.press("s")
        await settle(pilot)
        assert screen.order == tuple(sorted(screen.order, key=str.casefold))  # by name
        assert "ordered: name" in text_of(screen.query_one("#outlets-title", Static))
        # The cursor stays on the same pair of outlets.
        cell = app.state.cell
        await pilot.press("s")
        await settle(pilot)
        assert app.state.cell == cell
        # A click on a column's header orders the rows by that column, most shared first.
        matrix = seeds_story.facts.provenance.outlets
        table = screen.query_one(HeatMap)
        column = screen.order[2]
        widths = [c.get_render_width(table) for c in table.ordered_columns]
        x = 1 + sum(widths[:3]) + 1  # the border, the Outlet column and two outlets' columns
        await pilot.click(HeatMap, offset=(x, 1))
        await settle(pilot)
        assert screen.by_column == column
        shares = [matrix.share(n, column) for n in screen.order if n != column]
        assert shares == sorted(shares, reverse=True)


async def test_fact_views_return_as_they_were_left(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        chosen = app.state.figure
        assert chosen == seeds_story.facts.figure_groups[2].id
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert "figure 3/" in text_of(app.screen.query_one("#facts-title", Static))


async def test_the_outlets_cell_and_its_detail_round_a_share_alike() -> None:
    # All of B's text but one short sentence is in A: the cell says ">99%", and so must the
    # line under the map, not "100%" (which would say the rest is shared too).
    shared = [
        f"Sentence number {n} of the long report on the harbour works is here." for n in range(24)
    ]
    story = make_story({"a": shared, "b": [*shared, "Yes."]}, [{"a": n, "b": n} for n in range(24)])
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        matrix = story.facts.provenance.outlets
        assert 0.99 < matrix.share("B", "A") < 1
        app.screen.query_one(HeatMap).move_cursor(
            row=matrix.order.index("B"), column=1 + matrix.order.index("A")
        )
        await settle(pilot)
        detail = text_of(app.screen.query_one("#cell-detail", Static))
        assert ">99% of B's text" in detail and "100% of A's is in B" in detail


async def test_fact_views_say_when_there_is_nothing_to_show() -> None:
    story = make_story({"a": ["Plain words here."], "b": ["Other words there."]}, [])
    app = StorydiffApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "No quotes found" in text_of(app.screen.query_one("#group-head", Static))
        await pilot.press("5")
        await settle(pilot)
        assert "No figures found" in text_of(app.screen.query_one("#group-head", Static))
        await pilot.press("6")
        await settle(pilot)
        detail = text_of(app.screen.query_one("#cell-detail", Static))
        assert "0% of A's text" in detail  # two outlets that share nothing: 0 both ways
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)  # still opens the pair, to look


async def test_help_from_a_fact_view_opens_on_its_keys(seeds_story: Story) -> None:
    from tui.screens.help import HelpScreen

    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        for key, title, words in (
            ("4", "Quotes (4)", "Open the selected version"),
            ("5", "Figures (5)", "Open the selected version"),
            ("6", "Outlets (6)", "clustered (who copies whom side by side)"),
        ):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            first = text_of(app.screen.query(".help-section").first(Static))
            assert first.startswith(title) and words in first
            await pilot.press("escape")
            await settle(pilot)


def marked(app: StorydiffApp) -> list[tuple[int, str]]:
    """(version, text) of every stretch the versions pane draws as a search match."""
    versions = app.screen.query_one(FactVersions)
    found = []
    for index in range(versions.option_count):
        prompt = versions.get_option_at_index(index).prompt
        assert isinstance(prompt, Content)
        for span in prompt.spans:
            if span.style == MATCH:
                found.append((index, prompt.plain[span.start : span.end]))
    return found


async def search(pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash")
    await settle(pilot)
    await pilot.press(*text, "enter")
    await settle(pilot)


async def test_quotes_search_goes_to_the_next_quotation_with_a_match_and_clears(
    seeds_story: Story,
) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, QuotesScreen)
        table = app.screen.query_one("#groups", DataTable)
        assert table.cursor_row == 0  # the Noem letter: no "border" in it
        await search(pilot, "border")
        # On to the first quotation that has it, its matches marked whatever their case.
        first = table.cursor_row
        assert first > 0
        found = marked(app)
        assert found and {t.casefold() for _, t in found} == {"border"}
        versions = app.screen.query_one(FactVersions)
        assert versions.has_focus and versions.highlighted == found[0][0]
        title = text_of(app.screen.query_one("#facts-title", Static))
        assert title.startswith(f"Quotes  quote {first + 1}/")
        # n: the next quotation with a match (each of these has one version).
        await pilot.press("n")
        await settle(pilot)
        assert table.cursor_row > first and marked(app)
        await pilot.press("N")
        await settle(pilot)
        assert table.cursor_row == first
        # Esc clears the marks and stays; a second Esc goes back.
        await pilot.press("escape")
        await settle(pilot)
        assert marked(app) == [] and isinstance(app.screen, QuotesScreen)
        assert table.cursor_row == first
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, QuotesScreen)


async def test_figures_search_steps_through_the_versions_that_give_the_value(
    seeds_story: Story,
) -> None:
    app = StorydiffApp(seeds_story)
    messages: list[str] = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify = lambda message, **kwargs: messages.append(str(message))  # type: ignore[method-assign]
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, FiguresScreen)
        versions = app.screen.query_one(FactVersions)
        await search(pilot, "2,290")
        # The IRS disagreement (first): the two outlets that give 2,290, not the others.
        given = sorted({index for index, _ in marked(app)})
        assert len(given) == 2 and all(t == "2,290" for _, t in marked(app))
        assert versions.highlighted == given[0]
        await pilot.press("n")
        await settle(pilot)
        assert versions.highlighted == given[1]
        await pilot.press("n")
        await settle(pilot)
        assert versions.highlighted == given[1]  # no other figure gives it: it says so
        assert any("No more figures with “2,290”" in m for m in messages)
        await pilot.press("escape")
        await settle(pilot)
        assert marked(app) == []


async def test_search_in_the_outlets_view_says_there_is_no_text(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    messages: list[str] = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify = lambda message, **kwargs: messages.append(str(message))  # type: ignore[method-assign]
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert not app.screen.query(SearchBar)
        assert any("no text to search" in m for m in messages)


async def test_the_palette_opens_a_figure_group(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    target = seeds_story.facts.figure_groups[2]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*f"Figure {target.id}:")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FiguresScreen)
        assert app.state.figure == target.id
        assert f"figure 3/{len(seeds_story.facts.figure_groups)}" in text_of(
            app.screen.query_one("#facts-title", Static)
        )


async def test_outlets_named_like_the_name_column_still_open_and_sort() -> None:
    shared = "The harbour bridge will stay shut until the spring thaw, the council said on Monday."
    story = story_from_documents(
        [
            Document("a", "a.txt", f"{shared}\n\nRepairs will cost more.", outlet="outlet"),
            Document("b", "b.txt", f"{shared}\n\nTraffic is diverted.", outlet="name"),
        ]
    )
    app = StorydiffApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OutletsScreen)
        assert set(screen.order) == {"outlet", "name"}
        table = screen.query_one(HeatMap)
        widths = [c.get_render_width(table) for c in table.ordered_columns]
        first = screen.order[0]
        await pilot.click(HeatMap, offset=(1 + widths[0] + 1, 1))  # the first outlet's column
        await settle(pilot)
        assert screen.by_column == first


def test_a_cut_replaced_by_punctuation_stays_apart_from_the_word_before() -> None:
    shown = _b_quoted(
        'Jones said the plan "puts schools first and keeps taxes flat."',
        '"It puts schools first," Jones said.',
    )
    assert shown == "“It puts schools first and keeps taxes flat.,”"


def _b_quoted(a: str, b: str) -> str:
    """How the quotes view shows b's version of the quotation a and b share."""
    story = make_story({"a": [a], "b": [b]}, [{"a": 0, "b": 0}])
    assert story.analysis is not None
    group = story.analysis.quote_groups[0]
    version = next(v for v in group.versions if v.quote.article == "b")
    return quote_text(group, version, False).plain


def test_words_a_quote_drops_after_punctuation_stay_apart_from_it() -> None:
    # "flat, and soon" cut to "flat," struck in place: "flat, and soon", never "flat,and".
    shown = _b_quoted(
        'Jones said the plan "puts schools first and keeps taxes flat, and soon."',
        'Jones said the plan "puts schools first and keeps taxes flat,"',
    )
    assert "flat, and soon" in shown, shown


async def test_a_figure_opened_in_compare_shows_even_when_rows_were_hidden(
    seeds_story: Story,
) -> None:
    # ``s`` (shared only) and ``i`` left on in compare: Enter on a figure then landed on the
    # next shared row, not the figure's sentence, which only one side has. A pair opened for
    # a sentence or a passage shows every row; one opened on its own keeps them hidden.
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "i")
        await settle(pilot)
        assert app.state.compare.shared_only and app.state.compare.hide_identical
        await pilot.press("5")
        await settle(pilot)
        group = seeds_story.facts.figure_groups[0]
        index = next(i for i, f in enumerate(group.figures) if f.counts == "special agents")
        await pilot.press("v", *["down"] * index, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        figure = group.figures[index]
        _, cells = compare_row(app)
        assert any(a == figure.article and s <= figure.start < e for a, s, e in cells)
        assert not app.state.compare.shared_only and not app.state.compare.hide_identical
        assert "hidden" not in text_of(app.screen.query_one("#compare-title", Static))
