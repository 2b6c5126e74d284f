"""Every text style the reader draws is readable: WCAG AA contrast (at least 4.5:1) between
the rendered text colour and the background it is drawn on, in the light and dark themes;
and a difference of punctuation only is quieter than a change of wording in every theme."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.style import Style
from textual.widget import Widget
from textual.widgets import Static

from tui.app import StorydiffApp
from tui.core.model import Story
from tui.widgets.article import ArticleView
from tui.widgets.blocks import BlockView
from tui.widgets.collation import CollationView
from tui.widgets.compare import CompareView
from tui.widgets.factlist import FactVersions

AA = 4.5
#: Component classes that draw no text of their own (a background laid under other text,
#: an empty cell, a rule, the cursor's margin bar).
NO_TEXT = {"compare--empty", "compare--rule", "blocks--dim"}


def luminance(color: Color) -> float:
    r, g, b = color.get_truecolor()

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: Color, bg: Color) -> float:
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def drawn(view: BlockView, name: str) -> tuple[Color, Color]:
    """The text and background colours a component is drawn in (over the view's own)."""
    base = view.rich_style
    style = base + view.get_component_rich_style(name)
    assert isinstance(style, Style) and style.color and style.bgcolor
    return style.color, style.bgcolor


async def _views(app: StorydiffApp) -> list[str]:
    """Every text style below AA, as "View .class: ratio"."""
    found: list[str] = []
    async with app.run_test(size=(160, 48)) as pilot:
        for key, kind in (("1", ArticleView), ("2", CompareView), ("3", CollationView)):
            await pilot.press(key)
            await pilot.pause()
            view = app.screen.query_one(kind)
            # A subclass's own classes and the ones it draws as a BlockView (cursor, match).
            classes = view.COMPONENT_CLASSES | BlockView.COMPONENT_CLASSES
            for name in sorted(classes - NO_TEXT):
                fg, bg = drawn(view, name)
                ratio = contrast(fg, bg)
                if ratio < AA:
                    found.append(f"{kind.__name__} .{name}: {ratio:.2f}:1")
    return found


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_every_text_style_meets_wcag_aa(seeds_story: Story, theme: str) -> None:
    low = await _views(StorydiffApp(seeds_story, theme=theme))
    assert low == [], "; ".join(low)


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_search_matches_in_the_fact_views_meet_wcag_aa(
    seeds_story: Story, theme: str
) -> None:
    """A match drawn over what lies under it there: the highlighted version, the figure's
    own mark, a plain line."""
    app = StorydiffApp(seeds_story, theme=theme)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"2,290", "enter")
        await pilot.pause()
        versions = app.screen.query_one(FactVersions)
        drawn = [
            segment.style
            for y in range(versions.size.height)
            for segment in versions.render_line(y)
            if segment.text == "2,290" and segment.style is not None
        ]
        assert len(drawn) == 4  # in two versions' headings and sentences
        ratios = [contrast(s.color, s.bgcolor) for s in drawn if s.color and s.bgcolor]
        assert len(ratios) == 4 and min(ratios) >= AA, ratios


def _low_lines(widget: Widget, where: str) -> list[str]:
    """Every stretch of text ``widget`` draws below AA (rules, such as "───", draw no text)."""
    found = []
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            style, text = segment.style, segment.text.strip()
            if not text or set(text) <= set("─│╭╮╰╯"):
                continue
            if style is not None and style.color and style.bgcolor:
                ratio = contrast(style.color, style.bgcolor)
                if ratio < AA:
                    found.append(
                        f"{where} {widget.id or type(widget).__name__} {text!r}: {ratio:.2f}:1"
                    )
    return found


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_titles_summaries_versions_and_help_meet_wcag_aa(
    seeds_story: Story, theme: str
) -> None:
    """The text outside the line-API views: each view's summary and titles, the fact views'
    versions, the help screen (its section titles and its legend's sample marks)."""
    app = StorydiffApp(seeds_story, theme=theme)
    low: list[str] = []
    async with app.run_test(size=(160, 48)) as pilot:
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
            for widget in app.screen.query("Static, OptionList"):
                low += _low_lines(widget, f"view {key}")
        await pilot.press("question_mark")
        await pilot.pause()
        for widget in app.screen.query(Static):
            low += _low_lines(widget, "help")
    assert low == [], "; ".join(low)


async def test_punctuation_tint_is_quieter_than_a_wording_change_in_every_theme(
    seeds_story: Story,
) -> None:
    app = StorydiffApp(seeds_story, view="compare")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        failed: list[str] = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            bg = view.rich_style.bgcolor
            assert bg is not None

            def loud(name: str, bg: Color = bg) -> float:
                # How far a tint stands out: its distance from the background in RGB, so
                # that hue counts as well as lightness (a pale green is loud, a grey not).
                tint = view.get_component_rich_style(name).bgcolor
                assert tint is not None
                pairs = zip(tint.get_truecolor(), bg.get_truecolor(), strict=True)
                return float(sum((x - y) ** 2 for x, y in pairs) ** 0.5)

            if not loud("diff--minor") < min(loud("diff--delete"), loud("diff--insert")):
                failed.append(theme)
        assert failed == [], " ".join(failed)


def loudness(view: BlockView, name: str) -> tuple[bool, float]:
    """How much a component's text stands out: bold or not, and its contrast."""
    fg, bg = drawn(view, name)
    return bool(view.get_component_rich_style(name).bold), contrast(fg, bg)


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark", "ansi-light"])
async def test_shared_rows_are_not_quieter_than_single_source_rows(
    seeds_story: Story, theme: str
) -> None:
    app = StorydiffApp(seeds_story, view="compare", theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        shared, single = loudness(view, "compare--meaning"), loudness(view, "compare--only")
        assert shared[0] >= single[0], "a single-source note is bold, a shared row's is not"
        assert shared >= single, (shared, single)
        # The library's margin marks: a shared passage's is louder than a single-source one.
        await pilot.press("1")
        await pilot.pause()
        text = app.screen.query_one(ArticleView)
        assert loudness(text, "gutter--shared") > loudness(text, "gutter--single")
