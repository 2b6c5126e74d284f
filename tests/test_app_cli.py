"""The command line around the reader: --help, bad paths, headless screenshots."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import pytest

from tui.app import StorydiffApp
from tui.cli import main
from tui.core.story import SEEDS


def test_help_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for words in ("storydiff export", "storydiff screenshot", "--theme", "PATH"):
        assert words in out


def test_screenshot_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["screenshot", "--help"])
    out = capsys.readouterr().out
    for words in ("--view", "--left", "--right", "--size", "--force", "rsvg-convert", "PNG"):
        assert words in out


def test_missing_path_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main([str(missing)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0] and "Traceback" not in err[0]


def test_headless_screenshot_writes_svg_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "compare.svg"
    assert main(["screenshot", "--view", "compare", "--size", "120x40", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "only&#160;in" in svg
    assert main(["screenshot", "--view", "library", "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == svg
    assert main(["screenshot", "--view", "library", "--force", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") != svg
    assert [p.name for p in tmp_path.iterdir()] == ["compare.svg"]  # no temporary files left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--left", "nope"], "--left nope: no such article"),
        (["--size", "wide"], "not COLUMNSxROWS"),
        (["--theme", "no-such-theme"], "unknown theme"),
    ],
)
def test_headless_screenshot_bad_requests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "x.svg"
    assert main(["screenshot", "--view", "compare", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def _png_size(png: bytes) -> tuple[int, int]:
    import struct

    assert png.startswith(b"\x89PNG\r\n\x1a\n")  # never SVG under a .png name
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_screenshot_png_is_a_png_or_one_line_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.screenshot

    if not tui.screenshot.png_renderers():
        pytest.skip("no PNG converter: install chromium or librsvg2-bin (as .ci/run does)")
    out = tmp_path / "library.png"
    assert main(["screenshot", "--view", "library", "--size", "80x24", "-o", str(out)]) == 0
    # 80x24 cells of Textual's SVG (12.2 x 24.4 px each, with the window frame), not blank.
    assert _png_size(out.read_bytes()) == (994, 636)
    image = pytest.importorskip("PIL.Image").open(out).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20
    # With no converter at all: one line, and no file.
    monkeypatch.setattr(tui.screenshot.shutil, "which", lambda name: None)
    monkeypatch.setitem(__import__("sys").modules, "cairosvg", None)
    refused = tmp_path / "refused.png"
    capsys.readouterr()
    assert main(["screenshot", "-o", str(refused)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write PNG" in err[0]
    assert not refused.exists()
    assert main(["screenshot", "-o", str(tmp_path / "x.jpg")]) == 2
    assert ".svg or a .png" in capsys.readouterr().err


def _textual_like_svg() -> str:
    """Rich's SVG export, which Textual's screenshots are: a bold run then a run that
    starts with spaces, and "the" plain, struck and underlined on the next three lines."""
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=20, file=io.StringIO(), color_system="truecolor")
    console.print(Text.assemble(("ab", "bold"), "   cd"))
    for style in ("", "strike", "underline"):
        console.print(Text("the", style=style))
    return console.export_svg(title="t")


def _line(image: Any, row: int) -> Any:
    """The pixels of terminal line ``row`` (the SVG's cells start at 9, 41; 24.4 px a line)."""
    top = 41 + round(24.4 * row)
    return image.crop((9, top, 9 + 12 * 20, top + 24))


@pytest.mark.parametrize("renderer", ["chromium", "rsvg-convert", "cairosvg"])
def test_png_keeps_the_spaces_that_start_a_styled_run(renderer: str) -> None:
    """librsvg under SVG's default whitespace rules drew "ab   cd" as "abcd"
    ("article 1/55 articles" on the library's header)."""
    import tui.screenshot

    if renderer not in tui.screenshot.png_renderers():
        pytest.skip(f"{renderer} is not installed")
    image_module = pytest.importorskip("PIL.Image")
    png = tui.screenshot.svg_to_png(_textual_like_svg(), renderer)
    image = image_module.open(io.BytesIO(png)).convert("RGB")
    line = _line(image, 0)
    background = line.getpixel((line.width - 1, 12))
    inked = [
        x
        for x in range(line.width)
        if any(
            sum(abs(c - b) for c, b in zip(line.getpixel((x, y)), background, strict=True)) > 150
            for y in range(line.height)
        )
    ]
    widest_gap = max(b - a for a, b in itertools.pairwise(inked))
    assert widest_gap > 2.5 * 12.2, f"{renderer}: the three spaces between ab and cd are gone"


def _longest_stroke(line: Any) -> int:
    """The longest horizontal run of inked pixels in ``line``: a strike-through or an
    underline crosses a whole word, a plain letter's stroke is a fraction of a cell."""
    background = line.getpixel((line.width - 1, 12))
    best = 0
    for y in range(line.height):
        run = 0
        for x in range(line.width):
            pixel = line.getpixel((x, y))
            inked = sum(abs(c - b) for c, b in zip(pixel, background, strict=True)) > 60
            run = run + 1 if inked else 0
            best = max(best, run)
    return best


@pytest.mark.parametrize(
    "renderer",
    [
        "chromium",
        "rsvg-convert",
        pytest.param(
            "cairosvg", marks=pytest.mark.xfail(strict=True, reason="drops text decorations")
        ),
    ],
)
def test_png_draws_strike_through_and_underline(renderer: str) -> None:
    import tui.screenshot

    if renderer not in tui.screenshot.png_renderers():
        pytest.skip(f"{renderer} is not installed")
    image_module = pytest.importorskip("PIL.Image")
    png = tui.screenshot.svg_to_png(_textual_like_svg(), renderer)
    image = image_module.open(io.BytesIO(png)).convert("RGB")
    plain, struck, underlined = (_longest_stroke(_line(image, row)) for row in (1, 2, 3))
    assert plain < 12.2, "a plain 'the' has no stroke a cell long"
    assert struck > 2 * 12.2, f"{renderer} drew no strike-through"
    assert underlined > 2 * 12.2, f"{renderer} drew no underline"


def test_screenshot_left_takes_the_file_name_as_well_as_the_id(tmp_path: Path) -> None:
    out = tmp_path / "c.svg"
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    args = ["screenshot", "--view", "compare", "--left", seeds[2], "--right", seeds[0][:-4]]
    assert main([*args, "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "Breitbart" in svg.split("◀", 1)[1][:400].replace("&#160;", " ")


async def test_a_reader_given_no_readable_article_ends_with_status_1_and_why(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    app = StorydiffApp(paths=[str(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):  # the worker reads the folder after the first frame
            if app.nothing_loaded:
                break
            await pilot.pause(0.05)
    assert app.nothing_loaded and app.return_code == 1
    assert any("empty.txt" in str(p) for p in app.problems)
