"""Pilot tests: drive every view with keys and check what a user would notice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from stories import make_story
from textual.widgets import DataTable

from tui.app import StorydiffApp
from tui.core.loading import load_paths
from tui.core.model import Change, Story
from tui.core.story import SEEDS
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.passages import PassagesScreen
from tui.viewmodels.pairing import RowKind, difference_starts, pair_rows
from tui.widgets.article import ArticleView
from tui.widgets.collation import CollationView
from tui.widgets.compare import SEPARATOR, CompareView

SIZE = (160, 48)


def noem_passage(story: Story):  # type: ignore[no-untyped-def]
    return next(
        p for p in story.passages if "understanding that the Department" in p.members[0].text
    )


def styled_texts(view: CompareView | CollationView, start: int, count: int, attr: str) -> str:
    """All text on the given lines drawn with style attribute ``attr`` (strike, underline...)."""
    found = []
    for line in (view.line(y) for y in range(start, start + count)):
        for segment in line:
            if segment.style is not None and getattr(segment.style, attr):
                found.append(segment.text)
    return " ".join(found)


async def test_library_selects_with_the_keyboard(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one("#articles", DataTable)
        assert table.row_count == len(seeds_story.articles)
        assert table.has_focus
        await pilot.press("down", "down")
        third = seeds_story.articles[2]
        assert app.state.article == third.id
        view = screen.query_one(ArticleView)
        assert view.article is third
        shown = "\n".join(view.line_text(i) for i in range(view.line_count))
        assert third.label in shown
        first_sentence = third.text[third.sentences[0].start : third.sentences[0].end]
        assert first_sentence.split()[0] in shown
        summary = str(screen.query_one("#summary").render())
        assert f"{len(seeds_story.passages)} shared passage" in summary


async def test_library_marks_shared_text_and_shows_furniture_on_request(
    seeds_story: Story,
) -> None:
    noem = noem_passage(seeds_story)
    article = seeds_story.article(noem.members[0].article)
    app = StorydiffApp(seeds_story)
    app.state = replace(app.state, article=article.id)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        lines = [view.line_text(i) for i in range(view.line_count)]
        shared = [line for line in lines if line.lstrip().startswith(f"{len(noem.members)}×")]
        assert shared and "understanding" in " ".join(lines)
        assert any(line.lstrip().startswith("1×") for line in lines)
        assert article.removed
        first = article.removed[0].split("\n")[0][:20]
        assert not any(first in line for line in lines)
        await pilot.press("f")
        lines = [view.line_text(i) for i in range(view.line_count)]
        assert any(line.lstrip().startswith("cut") and first in line for line in lines)


async def test_compare_shows_the_noem_letter_with_both_versions_styled(
    seeds_story: Story,
) -> None:
    noem = noem_passage(seeds_story)
    left, right = noem.members[0].article, noem.members[1].article
    app = StorydiffApp(seeds_story, view="compare", left=left, right=right)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        view = screen.query_one(CompareView)
        index = next(i for i, r in enumerate(view.visible_rows) if r.passage == noem.id)
        row = view.visible_rows[index]
        assert row.kind is RowKind.SHARED
        start, count = view.block_span(index)
        text = " ".join(view.line_text(i) for i in range(start, start + count))
        column = (view.scrollable_content_region.width - 2 - len(SEPARATOR)) // 2
        left_side = " ".join(view.line_text(i)[2 : 2 + column] for i in range(start, start + count))
        right_side = " ".join(view.line_text(i)[2 + column :] for i in range(start, start + count))
        assert "understanding" in left_side and "understanding" in right_side
        assert text.count("¶") == 2  # each side's paragraph number
        struck = styled_texts(view, start, count, "strike")
        underlined = styled_texts(view, start, count, "underline")
        italic = styled_texts(view, start, count, "italic")
        a, b = row.left.segment.text, row.right.segment.text
        for op in row.ops:
            if op.change is Change.EQUAL:
                continue
            old, new = a[op.a_start : op.a_end], b[op.b_start : op.b_end]
            if op.minor:
                assert (old or new).split()[0] in italic
            else:
                if old:
                    assert old.split()[0] in struck
                if new:
                    assert new.split()[0] in underlined


async def test_compare_only_rows_are_labelled(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        left, right = (app.state.compare.left, app.state.compare.right)
        assert left and right
        labels = (seeds_story.article(left).label, seeds_story.article(right).label)
        text = [view.line_text(i) for i in range(view.line_count)]
        rows = view.visible_rows
        # "only in" is kept for text no other article has; a passage the other side lacks
        # but others carry says so.
        only_left = sum(1 for r in rows if r.kind is RowKind.ONLY_LEFT and r.passage is None)
        only_right = sum(1 for r in rows if r.kind is RowKind.ONLY_RIGHT and r.passage is None)
        elsewhere = [r for r in rows if r.kind is not RowKind.SHARED and r.passage is not None]
        assert only_left and only_right and elsewhere
        # Text with no match says "only in <outlet>" whether or not the engine names the
        # nearest candidate it turned down, which follows where it has one (it said "no
        # match found · nearest: …" then, a second wording for the same thing).
        said = sum(
            line.count(f"only in {labels[0]}") + line.count(f"only in {labels[1]}") for line in text
        )
        nearest = sum(line.count(" · nearest: ") for line in text)
        assert nearest and said == only_left + only_right
        assert not any("no match found" in line for line in text)
        assert sum(line.count(" · also in ") for line in text) == len(elsewhere)
        # The side a row lacks says so too, rather than a blank box: naming the outlet on
        # the first row of each run of rows it lacks, marking the later ones with a dash.
        kinds = [r.kind for r in rows]
        one_sided = sum(1 for k in kinds if k is not RowKind.SHARED)
        runs = sum(
            1
            for n, k in enumerate(kinds)
            if k is not RowKind.SHARED and (n == 0 or kinds[n - 1] is not k)
        )
        assert runs < one_sided
        assert sum(line.count("— not in ") for line in text) == runs


async def test_compare_columns_scroll_together(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert view.max_scroll_y > 0
        await pilot.press("pagedown", "pagedown")
        assert view.scroll_y > 0
        top_row = view.block_at_line(round(view.scroll_y))
        visible = view.visible_lines()
        # One separator, at the same cell column, on every visible line: the columns move as one.
        columns = {cell_len(line.text.split("│")[0]) for line in visible if "│" in line.text}
        assert len(columns) == 1
        assert all(line.cell_length == view.scrollable_content_region.width for line in visible)
        # The cursor follows the page, so the keys act on what is on screen.
        assert view.cursor >= top_row


async def test_compare_swap_order_and_articles(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        view = screen.query_one(CompareView)
        left, right = (app.state.compare.left, app.state.compare.right)
        await pilot.press("x")
        assert (app.state.compare.left, app.state.compare.right) == (right, left)
        assert (
            str(screen.query_one("#left-title").render()).find(
                seeds_story.article(right or "").label
            )
            >= 0
        )
        # Swapping keeps the reading order: rows still follow the same article, now on the right.
        assert view.visible_rows == pair_rows(
            seeds_story, right or "", left or "", app.state.compare.follow
        )
        await pilot.press("o")
        assert app.state.compare.follow == "left"
        rows = view.visible_rows
        lefts = [r.left.segment.start for r in rows if r.left]
        assert lefts == sorted(lefts)
        before = app.state.compare.left
        await pilot.press("]")
        assert app.state.compare.left not in (before, app.state.compare.right)
        assert view.visible_rows == pair_rows(
            seeds_story, app.state.compare.left or "", app.state.compare.right or "", "left"
        )
        before = app.state.compare.right
        await pilot.press("}")
        assert app.state.compare.right not in (before, app.state.compare.left)


async def test_compare_next_and_previous_difference(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        starts = difference_starts(view.visible_rows)
        assert len(starts) >= 2
        # Compare opens on the first passage both articles carry.
        first = next(i for i, r in enumerate(view.visible_rows) if r.kind is RowKind.SHARED)
        assert view.cursor == first
        await pilot.press("d")
        assert view.cursor == next(s for s in starts if s > first)
        now = view.cursor
        await pilot.press("d")
        later = [s for s in starts if s > now]
        assert view.cursor == (later[0] if later else now)
        await pilot.press("D")
        assert view.cursor == now
        # The row the cursor is on is on screen.
        start, _ = view.block_span(view.cursor)
        assert view.scroll_y <= start < view.scroll_y + view.scrollable_content_region.height


async def test_compare_hides_identical_rows(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        everything = len(view.visible_rows)
        await pilot.press("i")
        assert app.state.compare.hide_identical
        assert not any(r.identical for r in view.visible_rows)
        assert len(view.visible_rows) == everything - sum(r.identical for r in view.rows)
        await pilot.press("i")
        assert len(view.visible_rows) == everything


async def test_enter_on_a_shared_row_opens_its_passage(seeds_story: Story) -> None:
    noem = noem_passage(seeds_story)
    app = StorydiffApp(
        seeds_story, view="compare", left=noem.members[0].article, right=noem.members[1].article
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        view.move_to(next(i for i, r in enumerate(view.visible_rows) if r.passage == noem.id))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PassagesScreen)
        assert app.screen.query_one(CollationView).passage is noem
        await pilot.press("escape")  # back to where the passage was opened from
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_passages_list_and_collation(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PassagesScreen)
        shared = screen.query_one("#shared", DataTable)
        assert shared.row_count == len(seeds_story.passages)
        assert screen.query_one("#unique", DataTable).row_count == len(seeds_story.unique)
        counts = [len(p.members) for p in seeds_story.passages]
        assert counts == sorted(counts, reverse=True)  # most widely shared first
        view = screen.query_one(CollationView)
        first = seeds_story.passages[0]
        assert view.passage is first
        text = "\n".join(view.line_text(i) for i in range(view.line_count))
        for member in first.members:
            assert seeds_story.article(member.article).label in text
        # The most widely shared passage on the seeds is the letter to Bessent told four ways: a
        # rewrite, shown without a word diff, which would be noise.
        assert first.kind == "rewrite"
        assert "the same fact in other words" in text
        assert not styled_texts(view, 0, view.line_count, "strike")
        await pilot.press("down")
        quote = seeds_story.passages[1]
        assert view.passage is quote and quote.kind == "close wording"
        text = "\n".join(view.line_text(i) for i in range(view.line_count))
        # Three different wordings: the base is the one closest to the others, not "the most
        # common version".
        assert "· base" in text and "most common" not in text
        assert styled_texts(view, 0, view.line_count, "strike")  # "the" dropped by Fox News
        await pilot.press("u")
        assert view.unique is seeds_story.unique[0]
        await pilot.press("down")
        assert view.unique is seeds_story.unique[1]


async def test_help_lists_keys_and_escape_closes(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(".help-section"))
        for words in ("Swap the left and right articles", "Jump to the next row", "Compare (2)"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_screenshot_key_writes_numbered_files(seeds_story: Story, tmp_path: Path) -> None:
    app = StorydiffApp(seeds_story, screenshot_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "storydiff-compare-1.svg",
        "storydiff-compare-2.svg",
        "storydiff-library-1.svg",
    ]
    assert (tmp_path / "storydiff-library-1.svg").read_text().lstrip().startswith("<svg")


async def test_command_palette_jumps_to_an_article(seeds_story: Story) -> None:
    target = seeds_story.articles[-1]
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*f"article {target.label}")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.article == target.id
        assert app.screen.query_one(ArticleView).article is target


async def test_command_palette_finds_a_passage_by_a_word_only_one_outlet_used() -> None:
    # "a" is the passage's shown version; "remain closed" is in "b"'s alone.
    story = make_story(
        {
            "a": ["The bridge will stay shut until the spring thaw.", "A aside."],
            "b": ["The bridge will remain closed until the spring thaw.", "B aside."],
        },
        [{"a": 0, "b": 0}],
    )
    app = StorydiffApp(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"remain closed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PassagesScreen)
        assert app.state.passage == "p1"


async def test_big_inputs_are_aligned_in_a_worker() -> None:
    loaded = load_paths([SEEDS])
    app = StorydiffApp(documents=loaded.documents, problems=loaded.problems)
    assert app.aligning
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.aligning
        assert app.story.passages
        table = app.screen.query_one("#articles", DataTable)
        assert table.row_count == len(app.story.articles)
        assert "aligning" not in str(app.screen.query_one("#summary").render())


async def test_screenshot_key_saves_where_configured_and_says_the_full_path(
    seeds_story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shots").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STORYDIFF_SCREENSHOTS", "shots")
    said: list[str] = []
    app = StorydiffApp(seeds_story)
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(str(message)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = tmp_path / "shots" / "storydiff-library-1.svg"
    assert saved.exists()
    assert any(str(saved) in line for line in said)  # the full path, not "shots/…"
