"""Bad input gets one clear line naming the file; everything else still loads."""

import json
from pathlib import Path

import pytest

from tui.core import loading
from tui.core.loading import load_paths

ARTICLE = "A title line\n\nThe first sentence of the story is here. A second one follows it.\n"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def one_problem_for(result: loading.LoadResult, path: Path) -> str:
    lines = [p.message for p in result.problems if p.source == str(path)]
    assert len(lines) == 1, result.problems
    assert "\n" not in lines[0] and "Traceback" not in lines[0]
    return lines[0]


def test_each_bad_file_gets_one_line_and_the_rest_loads(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    binary = write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    latin = write(tmp_path, "latin.txt", "Caf\xe9 cr\xe8me story text.".encode("latin-1"))
    empty = write(tmp_path, "empty.txt", "  \n\n")
    result = load_paths([tmp_path])
    assert [d.id for d in result.documents] == ["good"]
    assert result.documents[0].source == str(good)
    assert "binary" in one_problem_for(result, binary)
    assert "UTF-8" in one_problem_for(result, latin)
    assert "empty" in one_problem_for(result, empty)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    result = load_paths([tmp_path / "absent.txt", tmp_path / "nothing"])
    assert result.documents == ()
    messages = {p.source: p.message for p in result.problems}
    assert "no such file" in messages[str(tmp_path / "absent.txt")]
    assert "no article files" in messages[str(tmp_path / "nothing")]


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path, "locked.txt", ARTICLE)
    real = Path.read_bytes

    def guarded(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    result = load_paths([locked])
    assert "permission denied" in one_problem_for(result, locked)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    assert "too large (20.0 MB" in one_problem_for(load_paths([huge]), huge)


def test_same_article_twice_loads_once(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    copy = write(tmp_path, "b.txt", ARTICLE.replace("\n\n", "\n \n"))
    result = load_paths([tmp_path])
    assert [d.id for d in result.documents] == ["a"]
    assert "same text as" in one_problem_for(result, copy)


def test_unsupported_file_type(tmp_path: Path) -> None:
    odd = write(tmp_path, "notes.docx", "x")
    assert "unsupported file type" in one_problem_for(load_paths([odd]), odd)


def test_markdown_front_matter(tmp_path: Path) -> None:
    md = write(
        tmp_path,
        "story.md",
        "---\ntitle: A headline\noutlet: The Daily\ndate: 2025-02-10\n"
        "url: https://example.org/a\n---\nBody text here. More body.\n",
    )
    (document,) = load_paths([md]).documents
    assert (document.title, document.outlet, document.date, document.url) == (
        "A headline",
        "The Daily",
        "2025-02-10",
        "https://example.org/a",
    )
    assert document.raw.strip() == "Body text here. More body."


def test_jsonl_articles_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "One", "outlet": "A", "date": "2025-01-01", "text": "Alpha text."}),
        "{not json",
        json.dumps({"title": "Two", "outlet": "B", "text": "Beta text."}),
    ]
    path = write(tmp_path, "dump.jsonl", "\n".join(lines) + "\n")
    result = load_paths([path])
    assert [(d.id, d.title, d.outlet) for d in result.documents] == [
        ("dump-1", "One", "A"),
        ("dump-3", "Two", "B"),
    ]
    assert "line 2 is not JSON" in one_problem_for(result, path)


def test_sources_toml_fills_what_the_file_does_not_say(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "sources.toml", '[a]\noutlet = "Outlet A"\n')
    (document,) = load_paths([tmp_path]).documents
    assert document.outlet == "Outlet A"


def test_order_of_paths_does_not_matter(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", ARTICLE)
    b = write(tmp_path, "b.txt", ARTICLE.replace("first", "only"))
    assert load_paths([a, b]) == load_paths([b, a])


def test_seeds_load_with_outlets() -> None:
    result = load_paths(["seeds"])
    assert result.problems == ()
    assert len(result.documents) == 5
    assert all(d.outlet for d in result.documents)
