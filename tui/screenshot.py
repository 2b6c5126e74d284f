"""Render a view headlessly to SVG, for scripts and write-ups (``storydiff screenshot``)."""

from __future__ import annotations

import asyncio
import importlib.util
import math
import os
import re
import shutil
import subprocess
import tempfile
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


#: The PNG routes, most faithful first: Textual's SVG is made for browsers, so headless
#: Chromium draws it as Textual means it; librsvg draws it faithfully once told to keep
#: the spaces; cairosvg drops strike-through and underline.
RENDERERS = ("chromium", "rsvg-convert", "cairosvg")
_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _chromium() -> str | None:
    return next((found for name in _CHROMIUMS if (found := shutil.which(name))), None)


def png_renderers() -> list[str]:
    """The PNG routes this machine has, in the order ``svg_to_png`` tries them."""
    have = {
        "chromium": _chromium() is not None,
        "rsvg-convert": shutil.which("rsvg-convert") is not None,
        "cairosvg": importlib.util.find_spec("cairosvg") is not None,
    }
    return [name for name in RENDERERS if have[name]]


def svg_size(svg: str) -> tuple[int, int]:
    """The pixel size of a Textual SVG: its ``viewBox``, rounded up."""
    match = re.search(r'viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"', svg)
    if not match:
        raise ScreenshotError("cannot write PNG: the SVG has no viewBox")
    return math.ceil(float(match.group(1))), math.ceil(float(match.group(2)))


def preserve_spaces(svg: str) -> str:
    """``svg`` with ``xml:space="preserve"`` on its root, for librsvg and cairosvg. Textual
    writes each styled run as its own ``<text>`` with its own ``x`` and its spaces as
    ``&#160;``; under SVG's default whitespace handling librsvg strips a run's leading
    spaces, so "article 1/5" then "   5 articles" draws as "article 1/55 articles". The
    runs hold no newlines or tabs, so preserving changes nothing else (and browsers never
    collapse ``&#160;``, which is why Chromium needs no such help)."""
    return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)


def _by_chromium(svg: str, browser: str) -> bytes:
    width, height = svg_size(svg)
    with tempfile.TemporaryDirectory(prefix="storydiff-png-") as folder:
        source, out = Path(folder) / "screen.svg", Path(folder) / "screen.png"
        source.write_text(svg, encoding="utf-8")
        command = [browser, "--headless", "--disable-gpu", "--hide-scrollbars"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        command += [
            "--force-device-scale-factor=1",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, check=False, timeout=120)
        except subprocess.TimeoutExpired:
            raise ScreenshotError(f"{Path(browser).name} took over 120 s") from None
        if done.returncode != 0 or not out.exists():
            last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no PNG"]
            raise ScreenshotError(f"{Path(browser).name} failed: {last[0]}")
        return out.read_bytes()


def _by_rsvg(svg: str, rsvg: str) -> bytes:
    done = subprocess.run(
        [rsvg, "--format=png"],
        input=preserve_spaces(svg).encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode == 0 and done.stdout:
        return done.stdout
    last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no PNG"]
    raise ScreenshotError(f"rsvg-convert failed: {last[0]}")


def _by_cairosvg(svg: str) -> bytes:
    import cairosvg

    png: bytes = cairosvg.svg2png(bytestring=preserve_spaces(svg).encode("utf-8"))
    return png


def svg_to_png(svg: str, renderer: str | None = None) -> bytes:
    """The PNG of a Textual SVG screenshot through the first route this machine has of
    headless Chromium, librsvg's ``rsvg-convert`` (Debian: chromium, librsvg2-bin) and
    cairosvg (the ``png`` extra), or through ``renderer`` alone; a route that fails hands
    over to the next. ``ScreenshotError`` in one line if none is there or all fail."""
    routes = png_renderers() if renderer is None else [renderer]
    if renderer is not None and renderer not in png_renderers():
        raise ScreenshotError(f"cannot write PNG: {renderer} is not installed")
    if not routes:
        raise ScreenshotError(
            "cannot write PNG: install chromium or rsvg-convert (Debian: chromium, "
            "librsvg2-bin) or the png extra (pip install 'storydiff[png]'), or write .svg"
        )
    failures: list[str] = []
    for route in routes:
        try:
            if route == "chromium":
                return _by_chromium(svg, _chromium() or "chromium")
            if route == "rsvg-convert":
                return _by_rsvg(svg, shutil.which("rsvg-convert") or "rsvg-convert")
            return _by_cairosvg(svg)
        except ScreenshotError as error:
            failures.append(str(error))
    raise ScreenshotError("cannot write PNG: " + "; ".join(failures))


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
