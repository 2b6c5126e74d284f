"""Pilot tests of the compare view's navigation: finding shared passages, knowing where you
are, moving after a mouse scroll, keeping your place across swap and order, row labels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from notes import record
from stories import make_story, retold_with_a_copied_clause
from textual.widgets import Static

from tui.app import StorydiffApp
from tui.core.loading import load_paths
from tui.core.model import Nearest, Story
from tui.core.story import story_from_documents
from tui.screens.messages import OpenPair
from tui.viewmodels.pairing import RowKind, difference_starts, pair_rows
from tui.widgets.compare import SEPARATOR, CompareView, meaning

SIZE = (160, 48)


def title(app: StorydiffApp) -> str:
    return str(app.screen.query_one("#compare-title", Static).render())


def block_text(view: CompareView, index: int) -> list[str]:
    start, count = view.block_span(index)
    return [view.line_text(y) for y in range(start, start + count)]


def first_shared(view: CompareView) -> int:
    return next(i for i, r in enumerate(view.visible_rows) if r.kind is RowKind.SHARED)


def newsnation_and_fox(seeds_story: Story) -> StorydiffApp:
    """The reader opened on compare, NewsNation (seed 000) beside Fox News (seed 004)."""
    left, right = (
        next(a.id for a in seeds_story.articles if a.id.startswith(prefix))
        for prefix in ("000_", "004_")
    )
    return StorydiffApp(seeds_story, view="compare", left=left, right=right)


def on_screen(view: CompareView, index: int) -> bool:
    start, height = view.block_span(index)
    top = view.scroll_y
    return start < top + view.scrollable_content_region.height and start + height > top


async def test_compare_opens_on_the_first_shared_row_at_the_top(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert view.visible_rows[0].kind is not RowKind.SHARED  # single-source rows come first
        shared = first_shared(view)
        assert view.cursor == shared
        assert view.scroll_y == view.block_span(shared)[0]
        assert f"row {shared + 1}/{len(view.visible_rows)}" in title(app)


async def test_shared_only_hides_single_source_rows_and_says_how_many(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        every = list(view.visible_rows)
        only = sum(1 for r in every if r.kind is not RowKind.SHARED)
        assert only
        await pilot.press("tab")  # on the second shared passage
        passage = view.current_row.passage if view.current_row else None
        await pilot.press("s")
        assert all(r.kind is RowKind.SHARED for r in view.visible_rows)
        assert len(view.visible_rows) == len(every) - only
        assert f"shared only ({only} hidden)" in title(app)
        assert view.current_row is not None and view.current_row.passage == passage
        await pilot.press("s")
        assert view.visible_rows == every
        assert "hidden" not in title(app)
        assert view.current_row is not None and view.current_row.passage == passage


async def test_tab_moves_from_shared_row_to_shared_row(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        shared = [i for i, r in enumerate(view.visible_rows) if r.kind is RowKind.SHARED]
        assert len(shared) >= 2
        assert view.cursor == shared[0]
        await pilot.press("tab")
        assert view.cursor == shared[1]
        assert on_screen(view, view.cursor)
        await pilot.press("shift+tab")
        assert view.cursor == shared[0]


async def test_title_tells_the_difference_and_row_under_the_cursor(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        starts = difference_starts(view.visible_rows)
        rows = len(view.visible_rows)
        await pilot.press("g")
        assert f"row 1/{rows} · difference 1/{len(starts)}" in title(app)
        await pilot.press("d")
        assert f"row {starts[1] + 1}/{rows} · difference 2/{len(starts)}" in title(app)
        await pilot.press("G")
        assert f"row {rows}/{rows} · difference {len(starts)}/{len(starts)}" in title(app)


async def test_identical_rows_hide_and_none_to_hide_is_said(
    seeds_story: Story, moved: Story
) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    said = record(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert not any(r.identical for r in view.rows)
        await pilot.press("i")
        await pilot.pause()
        assert any("No identical rows" in n.message for n in said)
    app = StorydiffApp(moved, view="compare", left="a", right="b")
    said = record(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert sum(r.identical for r in view.rows) == 1
        await pilot.press("i")
        await pilot.pause()
        assert not any(r.identical for r in view.visible_rows)
        assert "1 identical hidden" in title(app)
        assert not any("No identical rows" in n.message for n in said)


async def test_after_a_mouse_scroll_keys_start_from_the_screen(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        await pilot.press("g")
        # Scroll (as a mouse wheel does) so that the cursor's row is out of sight.
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
        await pilot.pause()
        assert not on_screen(view, view.cursor)
        top = next(
            i for i in range(len(view.visible_rows)) if view.block_span(i)[0] >= view.scroll_y
        )
        scrolled = view.scroll_y
        await pilot.press("j")
        assert view.cursor == top
        assert view.scroll_y == scrolled  # the view did not jump back to the old cursor
        # n, too, searches from the first row starting on screen (a difference there counts).
        await pilot.press("G")
        view.scroll_to(y=view.block_span(2)[0] + 1, animate=False, immediate=True)
        await pilot.pause()
        assert not on_screen(view, view.cursor)
        starts = difference_starts(view.visible_rows)
        await pilot.press("d")
        assert view.cursor == next(s for s in starts if s >= 3)


async def test_swap_and_order_keep_the_cursor_on_its_segment(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        await pilot.press("G")  # the last row: a single-source segment
        row = view.current_row
        assert row is not None and row.kind is not RowKind.SHARED
        segment = row.segment.key
        assert view.cursor > 0
        await pilot.press("x")
        assert view.current_row is not None and view.current_row.segment.key == segment
        await pilot.press("o")
        assert view.current_row is not None and view.current_row.segment.key == segment
        assert view.cursor != 0
        # On a shared row: the same passage after a swap.
        view.move_to(first_shared(view))
        passage = view.current_row.passage
        assert passage is not None
        await pilot.press("x")
        assert view.current_row.passage == passage


async def test_compare_opened_for_a_passage_puts_it_at_the_top(seeds_story: Story) -> None:
    left, right = seeds_story.articles[0].id, seeds_story.articles[1].id
    # The pair's shared passages in row order: open compare for the last one.
    shared = [r.passage for r in pair_rows(seeds_story, left, right) if r.kind is RowKind.SHARED]
    assert len(shared) >= 2
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        # As the passages view's Enter on a version does: the pair, for one passage.
        app.post_message(OpenPair(left, right, shared[-1]))
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert view.current_row is not None and view.current_row.passage == shared[-1]
        assert view.cursor != first_shared(view)
        assert view.scroll_y == view.block_span(view.cursor)[0]
        # Asked again for another passage of the pair already on screen: the cursor follows.
        await pilot.press("G")
        app.post_message(OpenPair(left, right, shared[0]))
        await pilot.pause()
        assert view.current_row is not None and view.current_row.passage == shared[0]
        assert view.scroll_y == view.block_span(view.cursor)[0]


async def test_row_headers_say_what_the_row_is(moved: Story) -> None:
    app = StorydiffApp(moved, view="compare", left="a", right="b")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        rows = view.visible_rows
        heads = {i: block_text(view, i)[0] for i in range(len(rows))}
        identical = next(i for i, r in enumerate(rows) if r.identical)
        assert "identical" in heads[identical]
        quote_two = next(
            i for i, r in enumerate(rows) if r.kind is RowKind.SHARED and i != identical
        )
        # b tells quote two (¶2) before quote one (¶4), which the rows (in a's order) showed first.
        assert "↕ moved before ¶4" in heads[quote_two]
        assert "same wording" in heads[quote_two]  # "." against "!"
        # The moved note has a style of its own, different from the header's.
        start, _ = view.block_span(quote_two)
        styles = {s.text: s.style for s in view.line(start) if s.text.strip()}
        note = next(style for text, style in styles.items() if "moved" in text)
        header = view.get_component_rich_style("compare--header")
        assert note is not None and note.color != header.color
        # Single-source rows are labelled in the "only in" style, not the shared rows' grey.
        only = next(i for i, r in enumerate(rows) if r.kind is RowKind.ONLY_RIGHT)
        assert "only in B" in heads[only]
        if view.cursor != only:
            start, _ = view.block_span(only)
            label = next(s for s in view.line(start) if "only in" in s.text)
            expected = view.get_component_rich_style("compare--only")
            assert label.style is not None and label.style.color == expected.color
        await pilot.press("o")
        assert "in B's order" in title(app)


async def test_follow_names_ending_in_s_read_right(seeds_story: Story) -> None:
    epoch = next(a for a in seeds_story.articles if a.label == "The Epoch Times")
    other = next(a for a in seeds_story.articles if a.id != epoch.id)
    app = StorydiffApp(seeds_story, view="compare", left=epoch.id, right=other.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "in The Epoch Times' order" in title(app)
        assert "Times's" not in title(app)


async def test_one_sided_rows_say_whether_any_other_article_has_them() -> None:
    # a and c carry the quote; b does not. b's own line is found nowhere else.
    story = make_story(
        {
            "a": ["A intro here.", "The quote everyone ran.", "A end."],
            "b": ["A intro here.", "B alone says this."],
            "c": ["C lead.", "The quote everyone ran."],
        },
        [{"a": 0, "b": 0}, {"a": 1, "c": 1}],
    )
    app = StorydiffApp(story, view="compare", left="a", right="b")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        heads = [block_text(view, i)[0] for i in range(len(view.visible_rows))]
        quote = next(h for h in heads if "not in" in h)
        assert "not in B · also in 1 other" in quote and "only in" not in quote
        assert any("only in B" in h for h in heads)  # "B alone says this."
        assert any("only in A" in h for h in heads)  # "A end."


async def test_a_single_source_row_names_the_nearest_text_when_the_engine_gives_it() -> None:
    base = make_story(
        {"a": ["Shared.", "A lone claim."], "b": ["Shared.", "B text."]}, [{"a": 0, "b": 0}]
    )
    unique = tuple(
        # "B text.", b's second paragraph.
        replace(u, nearest=(Nearest("b", 9, 16, 0.62),)) if u.article == "a" else u
        for u in base.unique
    )
    story = replace(base, unique=unique)
    app = StorydiffApp(story, view="compare", left="a", right="b")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        heads = [block_text(view, i)[0] for i in range(len(view.visible_rows))]
        assert any("only in A · nearest: B ¶2, 0.62" in h for h in heads)
        assert any("only in B" in h for h in heads)


def test_a_rewrite_row_says_when_both_sides_copy_wording_inside_it() -> None:
    story = retold_with_a_copied_clause("weeks after the auditors found a gap in the pension fund")
    (copied,) = [row for row in pair_rows(story, "a", "b") if row.kind is RowKind.SHARED]
    (alone,) = [row for row in pair_rows(story, "a", "c") if row.kind is RowKind.SHARED]
    assert meaning(copied) == "rewrite: the same fact in other words · copy underlined"
    assert meaning(alone) == "rewrite: the same fact in other words"


async def test_identical_words_inside_different_sentences_say_the_sentences_differ() -> None:
    from tui.core.model import Document
    from tui.core.story import story_from_documents

    clause = "that the new bridge across the river will open to traffic next spring"
    officials = f"Officials said on Monday {clause}, after years of delay."
    for other, said in (
        (
            f"Residents doubt {clause}, whatever the council promises.",
            "identical words, sentences differ",
        ),
        (officials, "identical"),
    ):
        story = story_from_documents(
            [
                Document(id=k, source=f"{k}.txt", raw=v, structured=True)
                for k, v in (("a", officials), ("b", other))
            ]
        )
        app = StorydiffApp(story, view="compare", left="a", right="b")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            view = app.screen.query_one(CompareView)
            row = next(i for i, r in enumerate(view.visible_rows) if r.identical)
            head = block_text(view, row)[0]
            assert f"· {said} " in head and ("differ" in said) == ("differ" in head)


async def test_identical_words_whose_sentences_end_apart_say_the_sentences_differ() -> None:
    # The differing ends are single-source runs of their own, not edges of the shared row.
    from tui.core.model import Document
    from tui.core.story import story_from_documents

    built = "The old harbour bridge over the river was built in 1962 and last"
    story = story_from_documents(
        [
            Document(id="a", source="a.txt", raw=f"{built} renovated in 1998.", structured=True),
            Document(id="b", source="b.txt", raw=f"{built} inspected in 2019.", structured=True),
        ]
    )
    app = StorydiffApp(story, view="compare", left="a", right="b")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        row = next(i for i, r in enumerate(view.visible_rows) if r.identical)
        assert "· identical words, sentences differ " in block_text(view, row)[0]


async def test_the_empty_side_of_a_one_sided_row_says_what_it_lacks_at_80_columns() -> None:
    base = make_story(
        {
            "a": ["Shared.", "A lone claim.", "A second claim."],
            "b": ["Shared.", "B text.", "B more."],
            "c": ["Shared.", "C text."],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    nearest = {
        # "A lone claim." nearest to "B text.", b's second paragraph: its note says so.
        "A lone claim.": (Nearest("b", 9, 16, 0.628),),
        # "A second claim." nearest to c's text, and also close to b's: only the empty side
        # can say where in b.
        "A second claim.": (Nearest("c", 9, 16, 0.7), Nearest("b", 18, 25, 0.555)),
    }
    unique = tuple(
        replace(u, nearest=nearest[u.text]) if u.article == "a" else u for u in base.unique
    )
    app = StorydiffApp(replace(base, unique=unique), view="compare", left="a", right="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        seen = []
        for _ in view.visible_rows:
            row = view.current_row
            assert row is not None
            halves = [line.split(SEPARATOR.strip(), 1) for line in block_text(view, view.cursor)]
            left = " ".join(h[0].strip(" ▌") for h in halves).split()
            right = " ".join(h[1] for h in halves if len(h) > 1).split()
            seen.append((row.kind, " ".join(left), " ".join(right)))
            await pilot.press("j")
        # The lacking side names the outlet on the first row of a run, then only marks the
        # box ("—"): never a bare blank box, never the outlet on every row.
        claims = [s for s in seen if s[0] is RowKind.ONLY_LEFT]
        assert len(claims) == 2
        first, second = claims
        # The nearest text there, rounded down as every view writes scores, said once: the
        # filled side's note names b's paragraph, so the empty side does not repeat it ...
        # (At 80 columns the paragraph gives way: "nearest: B ¶2, 0.62" is a line too long.)
        assert first[1].startswith("¶2 · only in A · nearest: B, 0.62")
        assert first[2] == "— not in B"
        # ... and where the note names another article, the empty side gives b's candidate.
        assert second[1].startswith("¶3 · only in A · nearest: C, 0.70")
        assert second[2] == "— nearest ¶3, 0.55"
        lone = [left for kind, left, _ in seen if kind is RowKind.ONLY_RIGHT]
        assert lone == ["— not in A", "—"]
        # Said quietly: the absent side's ink, not the single-source note's.
        assert view.get_component_rich_style("compare--absent").italic


async def test_a_pair_with_nothing_in_common_counts_no_differences() -> None:
    # Two articles that share nothing: the title said "difference 1/2" (each article's own
    # text a "difference"), which reads as two passages told differently.
    story = make_story({"a": ["Cats sleep.", "Dogs bark."], "b": ["Rain falls."]}, [])
    app = StorydiffApp(story, view="compare", left="a", right="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert title(app).startswith("Compare  row 1/3 · nothing in common   0 shared")
        assert "difference" not in title(app)
        await pilot.press("j", "j")
        await pilot.pause()
        assert title(app).startswith("Compare  row 3/3 · nothing in common")


PORT_A = (
    "Port strike ends after nine days\n\nDock workers in Varna voted on Sunday to accept a new "
    "contract, ending a nine-day strike that had stranded more than 40 ships.\n\nThe union said "
    "the deal raises wages by 12 percent over three years.\n"
)
PORT_B = (
    "Varna dockers accept deal\n\nEnding a strike that had stranded more than 40 ships, dock "
    "workers in Varna voted on Sunday to accept a new contract.\n\nAccording to the union, the "
    "deal raises wages by 15 percent over three years.\n"
)


def moved_three_ways() -> Story:
    """b tells a's two passages in the other order; c carries the first too (3 outlets), in
    b's words closely, not the same."""
    mayor = "The mayor said the bridge will stay open all winter."
    council = "The council said the repairs will cost four million."
    return make_story(
        {
            "a": ["A intro.", mayor, "A middle.", council],
            "b": [
                "B intro.",
                council.replace(".", "!"),
                "B middle.",
                "The mayor said on Monday the bridge will stay open all winter.",
                "B end.",
            ],
            "c": ["C intro.", mayor, "C end."],
        },
        [{"a": 1, "b": 3, "c": 1}, {"a": 3, "b": 1}],
    )


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("order", ["left", "right"])
async def test_a_moved_passage_s_headers_are_one_line_on_both_sides(width: int, order: str) -> None:
    """ "↕ moved: told before ¶4 here" pushed the passage id onto a line of its own at 80
    columns (and, on the left with "· close wording · 3 outlets", the rest at 120): the
    cursor's highlight was two lines on one side, one on the other. The note is "↕ moved
    before ¶4" now, and the header keeps to one line, the note, id and meaning all shown."""
    app = StorydiffApp(moved_three_ways(), view="compare", left="a", right="b")
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        if order == "right":
            await pilot.press("o")
            await pilot.pause()
        view = app.screen.query_one(CompareView)
        rows = view.visible_rows
        moved = [i for i, r in enumerate(rows) if any(c and c.moved for c in (r.left, r.right))]
        assert len(moved) == 1
        index = moved[0]
        row = rows[index]
        while view.cursor != index:
            await pilot.press("j" if view.cursor < index else "k")
            await pilot.pause()
        lines = block_text(view, index)
        heads = [side.strip(" ▌") for side in lines[0].split(SEPARATOR.strip(), 1)]
        texts = [side.strip(" ▌") for side in lines[1].split(SEPARATOR.strip(), 1)]
        # The text starts on the second line on both sides: each header is one line.
        assert all(text.startswith("The ") for text in texts), lines
        header = " ".join(heads)
        assert "↕ moved" in header and meaning(row) in header, header
        assert ("3 outlets" in header) is (order == "right"), header  # the mayor's passage
        passage = row.left.segment.passage if row.left else None
        assert passage is not None and heads[1].endswith(passage), heads
        if width >= 120 or order == "left":
            assert "↕ moved before ¶4" in header, header
        # The cursor's highlight (the header's background) is as tall on both sides.
        tall = header_heights(view, index)
        assert tall == [1, 1], (tall, lines)


async def test_j_walks_every_row_of_the_seeds_pair(seeds_story: Story) -> None:
    """NewsNation's ¶11 is two rows not in Fox News (a passage Fox lacks) around a row of
    the wording both share: j from that row went to the second, whose place (the passage
    id) put the cursor back on the first, and the last rows were out of reach."""
    app = newsnation_and_fox(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        await pilot.press("g")
        seen = [view.cursor]
        for _ in range(len(view.visible_rows) - 1):
            await pilot.press("j")
            seen.append(view.cursor)
        assert seen == list(range(len(view.visible_rows)))
        await pilot.press("x")  # the place kept across a swap is the segment's
        await pilot.pause()
        assert view.cursor == len(view.visible_rows) - 1


def header_heights(view: CompareView, index: int) -> list[int]:
    """How many lines the cursor's highlight (the header's background) takes on the left and
    on the right of row ``index``: each side's header."""
    cursor = view.get_component_rich_style("compare--cursor").bgcolor
    start, count = view.block_span(index)
    tall = [0, 0]
    for y in range(start, start + count):
        offset, split = 0, view.line_text(y).index(SEPARATOR.strip())
        lit = set()
        for segment in view.line(y):
            if offset >= 2 and segment.style is not None and segment.style.bgcolor == cursor:
                lit.add(offset > split)
            offset += len(segment.text)
        for side in lit:
            tall[side] += 1
    return tall


@pytest.mark.parametrize("width", [80, 120])
async def test_every_row_header_of_the_seeds_is_one_line_on_both_sides(
    seeds_story: Story, width: int
) -> None:
    """NewsNation against Fox News: "¶11 · identical words, sentences differ" put "differ"
    on a second line at 80 columns beside "¶12   p8", as did "· also in 2 others" and
    "· nearest: The Epoch Times ¶7, 0.28" (and, at 120, most nearest candidates): the
    cursor's highlight two lines on one side, one on the other. Each header gives way, in
    order, until it is one line."""
    app = newsnation_and_fox(seeds_story)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        await pilot.press("g")
        await pilot.pause()
        tall: dict[int, tuple[list[int], list[str]]] = {}
        while True:
            index = view.cursor
            lines = block_text(view, index)
            tall[index] = (header_heights(view, index), lines[:2])
            await pilot.press("j")
            await pilot.pause()
            if view.cursor == index:
                break
        assert sorted(tall) == list(range(len(view.visible_rows)))
        rows = view.visible_rows
        # A single-source row keeps its nearest candidate, wrapping if it must.
        candidate = {
            i for i, r in enumerate(rows) if r.kind is not RowKind.SHARED and r.segment.nearest
        }
        for i in candidate:
            assert "nearest" in " ".join(tall[i][1]), tall[i]
        wrapped = {
            i: lines
            for i, (heights, lines) in tall.items()
            if heights != [1, 1] and i not in candidate
        }
        assert not wrapped, wrapped
        heads = [lines[0] for _, lines in tall.values()]
        # What gave way is the least of it: the row's meaning and its outlet stay.
        assert any("identical words" in h for h in heads), heads
        assert any("only in NewsNation" in h for h in heads), heads
        assert any("not in Fox News" in h for h in heads), heads


async def test_the_seeds_row_headers_are_said_in_full_where_they_fit(seeds_story: Story) -> None:
    """At 160 columns nothing gives way: the shortened forms are for narrow terminals."""
    app = newsnation_and_fox(seeds_story)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        heads = [block_text(view, i)[0] for i in range(len(view.visible_rows))]
        seen = " ".join(heads)
        assert "¶11 · identical words, sentences differ" in seen, heads
        assert "¶11 · not in Fox News · also in 2 others" in seen, heads
        assert "¶12 · only in NewsNation · nearest: The Epoch Times ¶7, 0.28" in seen, heads
        assert "— not in NewsNation · nearest ¶1, 0.32" in seen, heads


async def test_each_side_s_text_follows_its_header_when_the_other_header_wraps(
    tmp_path: Path,
) -> None:
    """At 80x24 the right side's "↕ moved: told before ¶1 here" header wrapped to two lines
    and the left's one-line "¶1 · shared wording" was padded to match: a blank line between
    a header and its text (and two under the right's header beside a wrapped warning)."""
    (tmp_path / "a.txt").write_text(PORT_A)
    (tmp_path / "b.txt").write_text(PORT_B)
    loaded = load_paths([tmp_path])
    story = story_from_documents(loaded.documents)
    app = StorydiffApp(story, view="compare", left="a", right="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        rows = view.visible_rows
        assert any(cell.moved for row in rows for cell in (row.left, row.right) if cell)
        for index in range(len(rows)):
            lines = block_text(view, index)[:-1]  # the last line is the rows' spacing
            halves = [line.split(SEPARATOR.strip(), 1) for line in lines]
            for side in (
                [h[0].strip(" ▌") for h in halves],
                [h[1].strip() if len(h) > 1 else "" for h in halves],
            ):
                filled = [bool(text) for text in side]
                # Blank lines only below the side's text, padding it to the other side's.
                assert filled == sorted(filled, reverse=True), (index, side)
