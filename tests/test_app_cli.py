"""The command line around the reader: --help, bad paths, headless screenshots."""

from __future__ import annotations

from pathlib import Path

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


def test_screenshot_png_is_a_png_or_one_line_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util
    import shutil

    if shutil.which("rsvg-convert") is None and importlib.util.find_spec("cairosvg") is None:
        pytest.skip("no PNG converter: install librsvg2-bin (as .ci/run does) or the png extra")
    out = tmp_path / "library.png"
    assert main(["screenshot", "--view", "library", "--size", "80x24", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")  # never SVG under .png
    # With no converter at all: one line, and no file.
    import tui.screenshot

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
