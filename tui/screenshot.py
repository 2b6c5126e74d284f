"""Render a view headlessly to SVG, for scripts and write-ups (``storydiff screenshot``)."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from pathlib import Path

from tui.app import StorydiffApp
from tui.core.model import Story
from tui.viewmodels.navigation import VIEWS, View

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


def article_id(story: Story, name: str, option: str) -> str:
    """The article ``name`` means: its id, or its file's name or path as given."""
    for article in story.articles:
        if name == article.id:
            return article.id
    wanted = Path(name).name
    for article in story.articles:
        if wanted in (Path(article.source).name, Path(article.source).stem):
            return article.id
    raise ScreenshotError(f"{option} {name}: no such article (give its id or file name)")


def check(
    story: Story, view: str, left: str | None, right: str | None, theme: str | None
) -> tuple[View, str | None, str | None]:
    """The view and the left and right article ids to render, or a ``ScreenshotError``
    saying what is wrong with the request."""
    known: View | None = next((v for v in VIEWS if v == view), None)
    if known is None:
        raise ScreenshotError(f"unknown view {view!r} (choose from {', '.join(VIEWS)})")
    left = article_id(story, left, "--left") if left is not None else None
    right = article_id(story, right, "--right") if right is not None else None
    if left is not None and left == right:
        raise ScreenshotError("--left and --right name the same article")
    if known == "compare" and len(story.articles) < 2:
        raise ScreenshotError("the compare view needs at least two articles")
    if theme is not None and theme not in theme_names():
        raise ScreenshotError(f"unknown theme {theme!r} (choose from {', '.join(theme_names())})")
    return known, left, right


def svg_to_png(svg: str) -> bytes:
    """The PNG of a Textual SVG screenshot, through librsvg's ``rsvg-convert`` (it draws
    strike-through, underline and the fonts faithfully; Debian: librsvg2-bin), else
    cairosvg (the ``png`` extra; it drops the decorations). ``ScreenshotError`` if neither."""
    # Textual's SVG starts many <text> runs with (non-breaking) spaces, which SVG's default
    # whitespace handling drops: preserved, the words no longer run into each other.
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    rsvg = shutil.which("rsvg-convert")
    if rsvg is not None:
        done = subprocess.run(
            [rsvg, "--format=png"], input=svg.encode("utf-8"), capture_output=True, check=False
        )
        if done.returncode == 0 and done.stdout:
            return done.stdout
        raise ScreenshotError(f"rsvg-convert failed: {done.stderr.decode(errors='replace')}")
    try:
        import cairosvg
    except ImportError:
        raise ScreenshotError(
            "cannot write PNG: install rsvg-convert (Debian: librsvg2-bin) or the png extra "
            "(pip install 'storydiff[png]'), or write .svg"
        ) from None
    png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    return png


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
