"""Bad input gets one clear line naming the file; everything else still loads."""

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import loading
from tui.core.loading import load_paths
from tui.core.markdown_text import markdown_to_text, text_to_markdown

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
    assert [d.id for d in result.documents] == ["good", "latin"]
    assert result.documents[0].source == str(good)
    assert result.documents[1].raw == "Caf\xe9 cr\xe8me story text."
    assert "binary" in one_problem_for(result, binary)
    assert one_problem_for(result, latin) == "not UTF-8; read as Windows-1252"
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
    real = os.open

    def guarded(path: Path, *args: int) -> int:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path, *args)

    monkeypatch.setattr(os, "open", guarded)
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
    assert "same text and metadata as" in one_problem_for(result, copy)


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


def test_ids_are_unique_even_when_a_suffix_is_taken(tmp_path: Path) -> None:
    for folder, name, text in (
        ("a", "x.txt", "Alpha story text here."),
        ("b", "x.txt", "Beta story text here."),
        ("c", "x-2.txt", "Gamma story text here."),
    ):
        (tmp_path / folder).mkdir(exist_ok=True)
        write(tmp_path / folder, name, text)
    write(tmp_path / "c", "d.jsonl", json.dumps({"id": "x", "text": "Delta story text."}) + "\n")
    documents = load_paths([tmp_path / "a", tmp_path / "b", tmp_path / "c"]).documents
    ids = [d.id for d in documents]
    assert len(set(ids)) == len(ids) == 4
    assert dict(zip(ids, (d.raw for d in documents), strict=True))["x-2"].startswith("Gamma")


def test_markdown_markup_is_not_article_text(tmp_path: Path) -> None:
    md = write(
        tmp_path,
        "plain.md",
        "# Harbor bridge to close\n\nThe **Harbor Street bridge** will close, the "
        "[city said](https://example.com/city) on *Friday*.\n\n> “We have no choice,” "
        "the mayor said.\n\n- Buses every ten minutes\n- Ferries on weekends\n",
    )
    (document,) = load_paths([md]).documents
    assert document.title == "Harbor bridge to close"
    assert document.raw.split("\n\n") == [
        "The Harbor Street bridge will close, the city said on Friday.",
        "“We have no choice,” the mayor said.",
        "- Buses every ten minutes",
        "- Ferries on weekends",
    ]


def test_unclosed_front_matter_is_reported(tmp_path: Path) -> None:
    md = write(tmp_path, "open.md", "---\ntitle: Never closed\n\nThe story text.\n")
    result = load_paths([md])
    assert result.documents == ()
    assert "never closed" in one_problem_for(result, md)


def test_front_matter_quotes_are_only_removed_in_pairs(tmp_path: Path) -> None:
    md = write(tmp_path, "q.md", '---\ntitle: He said "no"\noutlet: "The Daily"\n---\nText.\n')
    (document,) = load_paths([md]).documents
    assert (document.title, document.outlet) == ('He said "no"', "The Daily")


def test_a_jsonl_dataset_may_be_larger_than_one_article(tmp_path: Path) -> None:
    records = [
        json.dumps({"title": f"T{i}", "outlet": "O", "text": f"Story {i} text. " * 500})
        for i in range(1000)
    ]
    path = write(tmp_path, "big.jsonl", "\n".join(records))
    assert path.stat().st_size > loading.MAX_FILE_BYTES
    result = load_paths([path])
    assert result.problems == () and len(result.documents) == 1000


def test_untrusted_metadata_is_made_inert(tmp_path: Path) -> None:
    from tui.core.story import build_story

    record = {
        "id": "evil\x1b]0;pwned\x07",
        "title": "T \x1b[2J\nsecond line",
        "outlet": "O\u202e",
        "date": "2025-01-01\x07",
        "text": "Some story text that is long enough to be a sentence.",
    }
    path = write(tmp_path, "evil.jsonl", json.dumps(record) + "\n")
    (article,) = build_story([path]).articles
    for value in (article.id, article.title, article.outlet, article.date):
        assert value is not None
        assert all(ch.isprintable() for ch in value), repr(value)
    assert article.title == "T second line"


@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=60
        ).filter(lambda line: line.strip() != ""),
        min_size=1,
        max_size=6,
    )
)
@settings(max_examples=200, deadline=None)
def test_plain_text_survives_a_markdown_round_trip(lines: list[str]) -> None:
    text = "\n".join(" ".join(line.split()) for line in lines)
    _, back = markdown_to_text(text_to_markdown(text))
    assert back.split("\n\n") == [line for line in text.split("\n") if line.strip()]
