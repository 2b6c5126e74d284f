"""Render a view headlessly to SVG, for scripts and write-ups (``storydiff screenshot``)."""

from __future__ import annotations

import asyncio
import re

from tui.app import VIEWS, StorydiffApp, View
from tui.core.model import Story

DEFAULT_SIZE = (160, 48)


class ScreenshotError(ValueError):
    """A request that cannot be rendered, told in one line."""


def parse_size(text: str) -> tuple[int, int]:
    """``"160x48"`` → ``(160, 48)``; at least 40×12 so every view has room to draw."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise ScreenshotError(f"size {text!r} is not COLUMNSxROWS, for example 160x48")
    columns, rows = int(match.group(1)), int(match.group(2))
    if not (40 <= columns <= 1000 and 12 <= rows <= 500):
        raise ScreenshotError(f"size {text} is outside 40x12 .. 1000x500")
    return columns, rows


def theme_names() -> list[str]:
    return sorted(StorydiffApp(Story((), (), ())).available_themes)


def check(story: Story, view: str, left: str | None, right: str | None, theme: str | None) -> View:
    """The view to render, or a ``ScreenshotError`` saying what is wrong with the request."""
    known: View | None = next((v for v in VIEWS if v == view), None)
    if known is None:
        raise ScreenshotError(f"unknown view {view!r} (choose from {', '.join(VIEWS)})")
    ids = {a.id for a in story.articles}
    for name, value in (("--left", left), ("--right", right)):
        if value is not None and value not in ids:
            raise ScreenshotError(f"{name} {value}: no such article (ids are file names)")
    if left is not None and left == right:
        raise ScreenshotError("--left and --right name the same article")
    if known == "compare" and len(story.articles) < 2:
        raise ScreenshotError("the compare view needs at least two articles")
    if theme is not None and theme not in theme_names():
        raise ScreenshotError(f"unknown theme {theme!r} (choose from {', '.join(theme_names())})")
    return known


async def render_svg_async(
    story: Story,
    view: View = "library",
    *,
    left: str | None = None,
    right: str | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    theme: str | None = None,
) -> str:
    app = StorydiffApp(story, view=view, left=left, right=right, theme=theme)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        return app.export_screenshot(title=f"storydiff — {view}")


def render_svg(
    story: Story,
    view: View = "library",
    *,
    left: str | None = None,
    right: str | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    theme: str | None = None,
) -> str:
    """The SVG of ``view`` on ``story`` at ``size``, without a terminal."""
    return asyncio.run(
        render_svg_async(story, view, left=left, right=right, size=size, theme=theme)
    )
