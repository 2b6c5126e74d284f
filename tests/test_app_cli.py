"""The command line around the reader: --help, bad paths, headless screenshots."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest

from tui.app import StorydiffApp
from tui.cli import _mistyped_command, main
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
    for words in ("--view", "--left", "--right", "--size", "--force", "Chromium", "PNG"):
        assert words in out


def test_missing_path_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main([str(missing)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0] and "Traceback" not in err[0]


def test_a_mistyped_command_is_said_not_opened_as_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["exprot", "seeds"]) == 2
    assert "did you mean 'storydiff export'?" in capsys.readouterr().err
    (tmp_path / "exprot").write_text("A file of that name is an article, not a typo.")
    assert not _mistyped_command("exprot")
    assert not _mistyped_command("--theme")


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


class _Picture:
    """The pixels of an 8-bit RGB(A) PNG, read with zlib alone (the PNG routes' output;
    no imaging library among the test dependencies), or a rectangle of them."""

    def __init__(self, rows: list[bytes], channels: int, box: tuple[int, int, int, int]):
        self.rows, self.channels, self.box = rows, channels, box
        self.width, self.height = box[2] - box[0], box[3] - box[1]

    @classmethod
    def read(cls, png: bytes) -> _Picture:
        import struct
        import zlib

        width, height = _png_size(png)
        depth, colour, _, _, interlace = png[24:29]
        assert (depth, interlace) == (8, 0) and colour in (2, 6), "an 8-bit RGB(A) PNG"
        channels = 3 if colour == 2 else 4
        data, at = b"", 8
        while at < len(png):
            (length,) = struct.unpack(">I", png[at : at + 4])
            if png[at + 4 : at + 8] == b"IDAT":
                data += png[at + 8 : at + 8 + length]
            at += 12 + length
        raw, stride = zlib.decompress(data), width * channels
        rows: list[bytes] = []
        previous = bytearray(stride)
        for y in range(height):
            kind, line = (
                raw[y * (stride + 1)],
                bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
            )
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                up, corner = previous[i], previous[i - channels] if i >= channels else 0
                if kind == 1:
                    line[i] = (line[i] + left) & 255
                elif kind == 2:
                    line[i] = (line[i] + up) & 255
                elif kind == 3:
                    line[i] = (line[i] + (left + up) // 2) & 255
                elif kind == 4:
                    guess = left + up - corner
                    pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                    near = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                    line[i] = (line[i] + near) & 255
            rows.append(bytes(line))
            previous = line
        return cls(rows, channels, (0, 0, width, height))

    def getpixel(self, xy: tuple[int, int]) -> tuple[int, int, int]:
        x, y = xy[0] + self.box[0], xy[1] + self.box[1]
        at = x * self.channels
        r, g, b = self.rows[y][at : at + 3]
        return r, g, b

    def crop(self, box: tuple[int, int, int, int]) -> _Picture:
        left, top = self.box[0], self.box[1]
        return _Picture(
            self.rows, self.channels, (left + box[0], top + box[1], left + box[2], top + box[3])
        )

    def colours(self) -> int:
        return len(
            {self.getpixel((x, y)) for y in range(0, self.height, 3) for x in range(self.width)}
        )


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
    assert _Picture.read(out.read_bytes()).colours() > 20
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


def _line(image: _Picture, row: int) -> _Picture:
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
    png = tui.screenshot.svg_to_png(_textual_like_svg(), renderer)
    image = _Picture.read(png)
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


def _longest_stroke(line: _Picture) -> int:
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
    png = tui.screenshot.svg_to_png(_textual_like_svg(), renderer)
    image = _Picture.read(png)
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


def test_a_failing_png_route_hands_over_to_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.screenshot

    routes = tui.screenshot.png_renderers()
    if len(routes) < 2:
        pytest.skip("needs two PNG routes")
    first = {"chromium": "_by_chromium", "rsvg-convert": "_by_rsvg", "cairosvg": "_by_cairosvg"}

    def broken(*args: object) -> bytes:
        raise tui.screenshot.ScreenshotError(f"{routes[0]} failed: it is broken")

    monkeypatch.setattr(tui.screenshot, first[routes[0]], broken)
    assert _png_size(tui.screenshot.svg_to_png(_textual_like_svg())) == (262, 148)
    for route in routes:
        monkeypatch.setattr(tui.screenshot, first[route], broken)
    with pytest.raises(tui.screenshot.ScreenshotError, match=r"cannot write PNG: .*broken"):
        tui.screenshot.svg_to_png(_textual_like_svg())
