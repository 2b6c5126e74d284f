"""Untrusted text: markup, ANSI escapes, control characters, RTL, CJK and emoji show as text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from tui.app import StorydiffApp
from tui.core.model import Story
from tui.core.story import build_story
from tui.widgets.article import ArticleView
from tui.widgets.blocks import inert
from tui.widgets.collation import CollationView
from tui.widgets.compare import CompareView

SIZE = (160, 48)
EVIL = (
    "The minister said [bold]nothing[/bold] about the [link=https://x]plan[/link] and [/ "
    "closed it \x1b[31m red \x07 bell."
)
WIDE = "東京の会議で合意した 🎉🎉 と 발표했다 and שלום עולם مرحبا the delegates said on Tuesday."
COMMON = "Officials from both countries confirmed the agreement would take effect next month."
TITLE = "[bold]Evil[/] title \x1b[2J"
OUTLET = "[red]Outlet[/red]"


@pytest.fixture(scope="module")
def evil_story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    folder = tmp_path_factory.mktemp("evil")
    articles = [
        {
            "title": TITLE,
            "outlet": OUTLET,
            "date": "2025-01-01",
            "text": f"{EVIL}\n\n{WIDE}\n\n{COMMON}\n\nOnly the first outlet says [i]this[/i].",
        },
        {
            "title": "Plain title [/",
            "outlet": "Outlet \u202eB",
            "date": "2025-01-02",
            "text": f"{COMMON}\n\n{WIDE.replace('Tuesday', 'Wednesday')}\n\n"
            f"{EVIL.replace('closed', 'shut')}\n\nThe second outlet adds [b]there[/b].",
        },
    ]
    path = folder / "evil.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    story = build_story([path])
    assert len(story.articles) == 2 and story.passages, "the fixture needs shared passages"
    return story


def test_inert_makes_controls_visible_one_for_one() -> None:
    text = "a\x1b[31mb\x07c\u202ed\x9be\tf\ng"
    shown = inert(text)
    assert len(shown) == len(text)
    assert shown == "a␛[31mb␇c\ufffdd\ufffde f\ng"
    assert inert(text, newlines=False).endswith("f g")


def assert_inert_screen(svg: str) -> None:
    assert "\x1b" not in svg and "\x07" not in svg and "\u202e" not in svg


def assert_columns_aligned(view: CompareView) -> None:
    width = view.scrollable_content_region.width
    positions = set()
    for index in range(view.line_count):
        line = view.line(index)
        assert line.cell_length == width
        text = line.text
        positions.add(cell_len(text[: text.index("│")]))
    assert len(positions) == 1


async def test_library_shows_untrusted_text_literally(evil_story: Story) -> None:
    app = StorydiffApp(evil_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        lines = [view.line(i) for i in range(view.line_count)]
        text = "".join(line.text for line in lines)
        assert "[bold]nothing[/bold]" in text and "[link=https://x]plan[/link]" in text
        assert "[/ closed" in text and "東京の会議" in text and "🎉" in text and "שלום" in text
        assert "[bold]Evil[/] title" in text and "\x1b" not in text  # markup shown, escape gone
        for line in lines:
            for segment in line:
                if "nothing" in segment.text:
                    assert segment.style is None or not segment.style.bold
                    assert segment.style is None or segment.style.link is None
        table = app.screen.query_one("#articles", DataTable)
        assert table.row_count == 2
        svg = app.export_screenshot()
        assert_inert_screen(svg)
        assert OUTLET in svg
        await pilot.press("f", "down")
        assert view.article is evil_story.articles[1]
        assert_inert_screen(app.export_screenshot())


async def test_compare_shows_untrusted_text_aligned_by_cell_width(evil_story: Story) -> None:
    app = StorydiffApp(evil_story, view="compare")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        text = " ".join(view.line_text(i) for i in range(view.line_count))
        assert "[bold]nothing[/bold]" in text and "東京の会議" in text and "🎉🎉" in text
        # Single-source text names its outlet, or the nearest text the engine turned down.
        assert "only in [red]Outlet[/red]" in text or "nearest: [red]Outlet[/red]" in text
        assert_columns_aligned(view)
        assert_inert_screen(app.export_screenshot())
        await pilot.press("x", "o", "d", "i")
        assert_columns_aligned(view)
        # Narrow terminals fold wide characters without breaking the columns either.
        await pilot.resize_terminal(83, 30)
        await pilot.pause()
        assert_columns_aligned(view)
        assert_inert_screen(app.export_screenshot())


async def test_passages_show_untrusted_text(evil_story: Story) -> None:
    app = StorydiffApp(evil_story, view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        for index in range(len(evil_story.passages)):
            app.screen.query_one("#shared", DataTable).move_cursor(row=index)
            await pilot.pause()
            assert view.passage is evil_story.passages[index]
            text = " ".join(view.line_text(i) for i in range(view.line_count))
            assert "[bold]" in text or "東京" in text or "Officials" in text
        await pilot.press("u")
        text = " ".join(view.line_text(i) for i in range(view.line_count))
        assert "[i]this[/i]" in text or "[b]there[/b]" in text
        assert_inert_screen(app.export_screenshot())


async def test_help_and_palette_with_untrusted_titles(evil_story: Story) -> None:
    app = StorydiffApp(evil_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"evil")
        await pilot.pause(0.3)
        assert_inert_screen(app.export_screenshot())
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.article == evil_story.articles[0].id
        await pilot.press("question_mark")
        assert_inert_screen(app.export_screenshot())


def test_untrusted_headless_screenshot(evil_story: Story, tmp_path: Path) -> None:
    from tui.screenshot import render_svg

    for view in ("library", "compare", "passages"):
        svg = render_svg(evil_story, view, size=(120, 40))  # type: ignore[arg-type]
        assert_inert_screen(svg)
        assert "[red]Outlet" in svg.replace("&#160;", " ")  # markup in metadata stays text
