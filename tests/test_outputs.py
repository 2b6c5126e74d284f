"""Where exports and screenshots go: files, folders, devices, pipes, standard output; exit
statuses; Ctrl-C; every printed string made inert."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import EXIT_INTERRUPTED, EXIT_PROBLEMS, main
from tui.core.exporting import TEMP_PREFIX, write_atomic

HOSTILE = "evil\x1b]0;pwned\x07\x1b[2J\x07\x08\x9b31m\u202e"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    body = "The council voted on Tuesday to close the bridge. Repairs start in April."
    (folder / "a.txt").write_text(f"Bridge to close\n\n{body}\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Bridge closing\n\n{body} Buses will run.\n", encoding="utf-8")
    return folder


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_dash_means_standard_output(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(story), "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("{")
    assert not Path("-").exists()


def test_dev_stdout_and_dev_null_are_written_through(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "captured.json"
    with out.open("wb") as handle:
        code = subprocess.run(
            [sys.executable, "-m", "tui", "export", str(story), "-o", "/dev/stdout"],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert code.returncode == 0, code.stderr
    assert out.read_text(encoding="utf-8").startswith("{")
    before = os.stat("/dev/null")
    for extra in ([], ["--force"]):
        assert main(["export", str(story), "-o", "/dev/null", *extra]) == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no /dev/shm")
def test_a_regular_file_under_dev_is_a_file_like_any_other(story: Path) -> None:
    # /dev/shm holds ordinary files: one there is refused without --force and replaced
    # whole with it, never written over from its start and left with the old tail.
    target = Path(f"/dev/shm/storydiff-test-{os.getpid()}.json")
    target.write_bytes(b"Z" * 300_000)
    try:
        assert main(["export", str(story), "-o", str(target)]) == 1
        assert target.read_bytes() == b"Z" * 300_000
        assert main(["export", str(story), "-o", str(target), "--force"]) == 0
        assert target.read_text(encoding="utf-8").startswith("{")
        assert target.read_text(encoding="utf-8").rstrip().endswith("}")
    finally:
        target.unlink()


def test_an_open_descriptor_is_written_into_and_appends(story: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("kept\n", encoding="utf-8")
    command = 'exec "$0" -m tui export "$1" -o /dev/fd/7 7>>"$2"'
    code = subprocess.run(
        ["sh", "-c", command, sys.executable, str(story), str(log)],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert code.returncode == 0, code.stderr
    assert log.read_text(encoding="utf-8").startswith("kept\n{")
    missing = main(["export", str(story), "-o", "/dev/fd/987"])
    assert missing == 1


def test_a_link_to_a_device_is_written_through_never_replaced(story: Path, tmp_path: Path) -> None:
    link = tmp_path / "null.json"
    os.symlink("/dev/null", link)
    assert main(["export", str(story), "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_a_fifo_target_gets_the_report(story: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    time.sleep(0.2)
    assert main(["export", str(story), "-o", str(fifo)]) == 0
    assert reader.communicate(timeout=10)[0].startswith(b"{")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_nobody_reads_is_refused_not_waited_on(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    assert main(["export", str(story), "-o", str(fifo)]) == 1
    assert f"nothing is reading the pipe {fifo}" in capsys.readouterr().err


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_folder_target_says_so(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], force: list[str]
) -> None:
    assert main(["export", str(story), "-o", str(tmp_path), *force]) == 1
    err = capsys.readouterr().err
    assert err == f"storydiff: {tmp_path} is a folder; name a file inside it\n"


def test_a_missing_folder_with_a_slash_is_an_error_not_a_file(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = listing(tmp_path)
    assert main(["export", str(story), "-o", f"{tmp_path}/newdir/"]) == 1
    assert "ends with '/' but is no folder" in capsys.readouterr().err
    assert listing(tmp_path) == before


def test_outputs_are_checked_before_the_story_is_built(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import cli

    def never(*args: object, **kwargs: object) -> object:
        raise AssertionError("the story was built")

    monkeypatch.setattr(cli, "_load", never)
    taken = tmp_path / "taken.json"
    taken.write_text("mine", encoding="utf-8")
    assert main(["export", str(story), "-o", str(taken)]) == 1
    assert main(["screenshot", str(story), "-o", str(taken)]) == 1
    assert main(["export", str(story), "-o", str(tmp_path / "no" / "x.json")]) == 1
    assert taken.read_text(encoding="utf-8") == "mine"


def test_long_names_work_and_temporary_files_are_findable(story: Path, tmp_path: Path) -> None:
    long = tmp_path / ("r" * 250 + ".json")
    assert main(["export", str(story), "-o", str(long)]) == 0
    assert long.read_text(encoding="utf-8").startswith("{")
    assert listing(tmp_path) == sorted(["story", long.name])
    assert TEMP_PREFIX == ".storydiff-"


def test_other_special_files_are_refused(tmp_path: Path) -> None:
    import socket

    sock_path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        with pytest.raises(OSError, match="not a regular file"):
            write_atomic(sock_path, "x", overwrite=True)
        assert stat.S_ISSOCK(sock_path.stat().st_mode)
    finally:
        server.close()


def test_a_link_to_a_file_stays_a_link_when_forced(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(target, link)
    write_atomic(link, "new", overwrite=True)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


# --- exit statuses -----------------------------------------------------------------------


def test_strict_gives_a_status_when_an_input_was_lost(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.txt")
    assert main(["export", str(story), missing, "-o", "-"]) == 0
    assert main(["export", str(story), missing, "-o", "-", "--strict"]) == EXIT_PROBLEMS
    (story / "legacy.txt").write_bytes("Caf\xe9 story. It is here.".encode("cp1252"))
    assert main(["export", str(story), "-o", "-", "--strict"]) == 0  # a notice only
    assert "read as Windows-1252" in capsys.readouterr().err


def _wait_until_reading(pid: int, path: Path, timeout: float = 60) -> None:
    """Wait until process ``pid`` has ``path`` open: a fixed sleep raced a slow start on a busy
    machine, and a Ctrl+C during the imports is not the interruption this test is about."""
    deadline = time.monotonic() + timeout
    fds = Path(f"/proc/{pid}/fd")
    while time.monotonic() < deadline:
        try:
            if any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir()):
                return
        except FileNotFoundError:  # an fd closed while we looked
            pass
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never opened {path}")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc")
def test_ctrl_c_exits_130_quietly_and_leaves_no_output(tmp_path: Path) -> None:
    fifo = tmp_path / "wait.txt"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # a writer that never finishes: the load waits on it
    out = tmp_path / "report.json"
    try:
        run = subprocess.Popen(
            [sys.executable, "-m", "tui", "export", str(fifo), "-o", str(out)],
            stderr=subprocess.PIPE,
            text=True,
        )
        _wait_until_reading(run.pid, fifo)
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=20)
    finally:
        os.close(writer)
    assert run.returncode == EXIT_INTERRUPTED
    assert err == ""
    assert listing(tmp_path) == ["wait.txt"]


# --- messages ------------------------------------------------------------------------------


def test_markdown_problems_are_made_inert(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = story / f"{HOSTILE}.txt"
    bad.write_bytes(b"")
    assert main(["export", str(story), "--format", "markdown"]) == 0
    captured = capsys.readouterr()
    for text in (captured.out, captured.err):
        assert "empty file" in text
        assert not any(c in text for c in "\x1b\x07\x08\x9b\u202e")
