"""A hostile corpus: each bad input gets one line naming the file, and the rest still loads.

Large or special inputs (FIFOs, device links, huge records) are made by the tests.
"""

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import loading
from tui.core.loading import load_paths

ARTICLE = "A title line\n\nThe first sentence of the story is here. A second one follows it.\n"
GOOD = {"text": "The first sentence of the story is here. A second one follows it."}


def tree(folder: Path) -> dict[str, bytes]:
    """Everything on disk under ``folder`` (regular files only), to show nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def one_line(result: loading.LoadResult, source: Path | str) -> str:
    lines = [p.message for p in result.problems if p.source == str(source)]
    assert len(lines) == 1, result.problems
    assert "\n" not in lines[0] and "Traceback" not in lines[0]
    return lines[0]


def with_good(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def loaded_ids(result: loading.LoadResult) -> list[str]:
    return [d.id for d in result.documents]


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text", "named"),
    [
        ("cp1252", "He said \u201cno\u201d \u2014 it\u2019s over at the caf\xe9.", "Windows-1252"),
        ("latin-1", "Caf\xe9 cr\xe8me and a na\xefve r\xe9sum\xe9 for the story.", "Windows-1252"),
        # Short English with curly quotes and a dash: a DOS code page (Baltic cp775) reads
        # it as cleanly and was taken ("\u014dretires\xf6 \xa2").
        (
            "cp1252",
            "Strauss \u201cretires\u201d \u2013 England captain Andrew Strauss has retired from "
            "all cricket, the ECB said on Wednesday.\r\n\r\nHe led England to 24 Test wins.",
            "Windows-1252",
        ),
        (
            "cp1250",
            "Prezydent powiedzia\u0142 w \u015brod\u0119, \u017ce rozmowy b\u0119d\u0105 dalej.",
            "cp1250",
        ),
        ("cp1251", "Президент заявил, что переговоры продолжатся в среду.", "cp1251"),
        # Text well beyond ASCII in a DOS code page keeps the detector's reading.
        (
            "cp850",
            "Le président a déclaré mercredi que les négociations reprendront à Genève.",
            "cp850",
        ),
        ("cp852", "Prezydent powiedział w środę, że rozmowy będą dalej.", "cp852"),
        ("utf-16", "The story in UTF-16 with a byte-order mark: caf\xe9.", "UTF-16"),
        ("utf-16-le", "The story in UTF-16 without a byte-order mark: caf\xe9.", "UTF-16"),
        ("utf-16-be", "The story in big-endian UTF-16 without a mark: caf\xe9.", "UTF-16"),
    ],
)
def test_legacy_encodings_are_read_with_one_notice(
    tmp_path: Path, encoding: str, text: str, named: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["good", "legacy"]
    assert result.documents[1].raw.lstrip("\ufeff") == text
    line = one_line(result, path)
    assert line.startswith("not UTF-8; read as ") and named in line
    assert all(p.notice for p in result.problems)


def test_utf8_needs_no_notice(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("first", "1st").encode())
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["bom", "good"] and result.problems == ()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("odd.txt", b"\xff\xfeT\x00h\x00e", "UTF-16"),
        ("surrogate.md", b"\xff\xfe" + "Story text ".encode("utf-16-le") + b"\x00\xd8", "UTF-16"),
        ("png.txt", b"\xff\xfe\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "UTF-16"),
        ("odd.jsonl", b"\xff\xfe{\x00}", "UTF-16"),
        ("zeros.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ],
)
def test_broken_utf16_and_binary_get_one_line(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["good"]
    assert says in one_line(result, path)


def test_broken_utf16_sources_toml_is_ignored_in_one_line(tmp_path: Path) -> None:
    toml = tmp_path / "sources.toml"
    toml.write_bytes(b"\xff\xfe[\x00a")
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["good"]
    assert one_line(result, toml).startswith("metadata ignored: starts like UTF-16")


# --- parsers' own limits ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("[good]\noutlet = " + "[" * 3000 + "]" * 3000, "nested too deeply"),
        ("[good]\noutlet = " + "1" * 5001, "number too long"),
        ("[good]\nx = " + "{a = " * 3000 + "1" + "}" * 3000, "nested too deeply"),
    ],
    ids=["array-3000-deep", "int-5001-digits", "table-3000-deep"],
)
def test_hostile_sources_toml_costs_only_the_metadata(tmp_path: Path, toml: str, says: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(toml, encoding="utf-8")
    before = tree(tmp_path)
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["good"]
    assert says in one_line(result, path)
    assert tree(tmp_path) == {**before, "good.txt": ARTICLE.encode()}


def test_huge_integers_in_metadata_are_not_metadata(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(f"[good]\noutlet = 1{'0' * 40}\n", encoding="utf-8")
    result = load_paths([with_good(tmp_path)])
    assert result.documents[0].outlet is None and result.problems == ()


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('{"text": "x", "n": ' + "1" * 5001 + "}", "line 2 holds a number too long to read"),
        ("[" * 100_000 + "]" * 100_000, "line 2 is nested too deeply"),
        ('{"text": "x", "id": ' + "9" * 4000 + "}", None),
        ('{"text": "x", "outlet": ' + '{"a": ' * 50 + "1" + "}" * 51, None),
        ("\xff not json", "line 2 is not JSON (Expecting value)"),
    ],
    ids=["int-5001-digits", "nested-100000", "id-4000-digits", "nested-outlet", "not-json"],
)
def test_hostile_jsonl_line_costs_only_that_line(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "set.jsonl"
    later = {"text": "A later record still loads with its own number. It says so."}
    path.write_text("\n".join([json.dumps(GOOD), line, json.dumps(later)]) + "\n", encoding="utf-8")
    result = load_paths([path])
    sources = [d.source for d in result.documents]
    if says is None:
        assert sources == [f"{path}:1", f"{path}:2", f"{path}:3"], result.problems
        assert result.problems == ()
    else:
        assert sources == [f"{path}:1", f"{path}:3"]
        assert one_line(result, path) == says


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_jsonl_splits_records_at_line_feeds_only(tmp_path: Path, encoding: str) -> None:
    texts = [
        "One record with a line separator\u2028inside it. It is one article.",
        "Another with a paragraph separator\u2029and a next line\x85character. Still one.",
        "The third record keeps its own line number. Nothing shifts.",
    ]
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts) + "\n",
        encoding=encoding,
    )
    result = load_paths([path])
    assert [p.notice for p in result.problems] == ([] if encoding == "utf-8" else [True])
    assert [d.raw for d in result.documents] == texts
    assert [d.id for d in result.documents] == ["set-1", "set-2", "set-3"]


def test_jsonl_record_over_the_article_limit_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "set.jsonl"
    big = {"text": "word " * 2000}
    path.write_text(
        "\n".join(json.dumps(r) for r in (GOOD, big, {"text": "Another story. It loads."})) + "\n",
        encoding="utf-8",
    )
    result = load_paths([path])
    assert [d.source for d in result.documents] == [f"{path}:1", f"{path}:3"]
    assert one_line(result, path) == "line 2 is longer than the 0.0 MB article limit"


# --- special files and folders ----------------------------------------------------------


def test_fifo_in_a_folder_is_skipped_and_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["good"]
    line = one_line(result, tmp_path)
    assert line == "skipped, not regular files: pipe.txt, zero.txt"


def test_named_fifo_without_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = load_paths([fifo, with_good(tmp_path) / "good.txt"])
    assert loaded_ids(result) == ["good"]
    assert one_line(result, fifo) == "empty file"


def test_named_pipe_with_a_writer_is_read() -> None:
    """As ``storydiff <(curl …)`` gives it: a pipe whose writer is already there."""
    read_end, write_end = os.pipe()

    def write() -> None:
        with os.fdopen(write_end, "w") as handle:
            for word in ARTICLE.split(" "):
                handle.write(word + " ")
                handle.flush()
                time.sleep(0.005)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        result = load_paths([f"/dev/fd/{read_end}"])
    finally:
        writer.join()
        os.close(read_end)
    assert [d.raw for d in result.documents] == [ARTICLE + " "]


def test_named_device_is_read_with_a_size_cap(tmp_path: Path) -> None:
    zero = tmp_path / "zero.txt"
    os.symlink("/dev/zero", zero)
    result = load_paths([zero, with_good(tmp_path) / "good.txt"])
    assert loaded_ids(result) == ["good"]
    assert one_line(result, zero) == "too large (over 5.0 MB; the limit is 5.0 MB)"


def test_subfolders_are_named_not_silently_skipped(tmp_path: Path) -> None:
    (tmp_path / "older").mkdir()
    (tmp_path / "older" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["good"]
    assert one_line(result, tmp_path) == "subfolders not read: older"
    assert result.problems[0].notice


def test_files_of_other_kinds_are_named_not_silently_skipped(tmp_path: Path) -> None:
    for name in ("photo.jpg", "notes.docx", ".DS_Store", "sources.toml"):
        (tmp_path / name).write_bytes(b"x")
    result = load_paths([with_good(tmp_path)])
    assert loaded_ids(result) == ["good"]
    assert one_line(result, tmp_path) == "skipped, not article files: notes.docx, photo.jpg"
    assert result.problems[0].notice


# --- duplicates -------------------------------------------------------------------------


def test_two_outlets_running_the_same_copy_are_two_articles(tmp_path: Path) -> None:
    for name, outlet in (("a", "Wire A"), ("b", "Paper B")):
        (tmp_path / f"{name}.md").write_text(f"---\noutlet: {outlet}\n---\n\n{ARTICLE}")
    result = load_paths([tmp_path])
    assert [d.outlet for d in result.documents] == ["Wire A", "Paper B"]
    assert result.problems == ()


def test_the_same_file_twice_loads_once(tmp_path: Path) -> None:
    good = with_good(tmp_path) / "good.txt"
    os.symlink(good, tmp_path / "link.txt")
    result = load_paths([good, tmp_path / "link.txt"])
    assert loaded_ids(result) == ["good"]
    assert "same text and metadata as" in one_line(result, tmp_path / "link.txt")


# --- any bytes to every reader ------------------------------------------------------------


READER_SUFFIXES = [".txt", ".md", ".jsonl", ".html"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=200).map(lambda b: b"\xff\xfe" + b),
        st.binary(max_size=200).map(lambda b: b"\xfe\xff" + b),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=5), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(lambda v: (json.dumps(v) + "\n" + json.dumps(GOOD)).encode()),
    ),
    suffix=st.sampled_from([*READER_SUFFIXES, "sources.toml"]),
)
def test_any_bytes_give_documents_or_one_line_per_file(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("any")
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / ("sources.toml" if suffix == "sources.toml" else f"any{suffix}")
    path.write_bytes(data)
    result = load_paths([folder])
    assert "good" in loaded_ids(result)
    for problem in result.problems:
        assert problem.source.startswith(str(folder))
        assert "\n" not in problem.message and "Traceback" not in problem.message
    assert len([p for p in result.problems if p.source == str(path)]) <= 2


def test_loading_a_huge_dataset_line_is_bounded_in_memory(tmp_path: Path) -> None:
    """A 20 MB record is skipped unread: the load stays far under 20 MB of extra memory."""
    path = tmp_path / "set.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(GOOD) + "\n")
        handle.write('{"text": "' + "x" * (20 * 1024 * 1024) + '"}\n')
        handle.write(json.dumps({"text": "Another story. It loads."}) + "\n")
    code = textwrap.dedent(
        f"""
        import resource, sys
        from tui.core.loading import load_paths
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        result = load_paths([{str(path)!r}])
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(len(result.documents), grown // 1024)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    count, grown_mb = map(int, out.stdout.split())
    assert count == 2
    assert grown_mb < 10


def test_chinese_articles_load_and_split_into_sentences(tmp_path: Path) -> None:
    from tui.core.story import build_story

    body = "市长周一表示，海港街大桥将关闭三个月进行维修。维修工作将于四月一日开始。"
    (tmp_path / "a.txt").write_text(f"海港大桥将关闭\n\n{body}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"大桥维修\n\n{body}公交线路不变。\n", encoding="utf-8")
    story = build_story([tmp_path])
    assert story.problems == ()
    assert [len(a.sentences) for a in story.articles] == [2, 3]
    assert all(a.word_count >= 15 for a in story.articles)


# --- the web readers, with any bytes ------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=400).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
        st.integers(0, 3000).map(lambda n: b"<div>" * n + b"<p>Deep text.</p>" + b"</div>" * n),
    )
)
def test_any_page_bytes_give_a_document_or_a_page_error(data: bytes) -> None:
    from tui.core.htmlpages import PageError, page_from_bytes

    try:
        document = page_from_bytes(data, source="page.html", ident="page")
    except PageError as error:
        assert "\n" not in str(error)
    else:
        assert document.raw.strip()


@settings(max_examples=80, deadline=None)
@given(
    encoding=st.sampled_from(["gzip", "deflate", "", "identity"]),
    body=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda b: __import__("gzip").compress(b)),
        st.binary(max_size=300).map(lambda b: __import__("zlib").compress(b)),
    ),
    cut=st.integers(1, 64),
)
def test_any_compressed_body_decodes_or_is_one_fetch_error(
    encoding: str, body: bytes, cut: int
) -> None:
    from tui.core.fetching import FetchError, _Decoder

    decoder = _Decoder(encoding)
    try:
        for start in range(0, len(body), cut):
            decoder.feed(body[start : start + cut])
        decoder.finish()
    except FetchError as error:
        assert "\n" not in str(error)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_any_cache_file_is_a_page_or_a_miss(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    from tui.core.fetching import _cache_path, read_cached

    folder = tmp_path_factory.mktemp("cache")
    url = "http://127.0.0.1/x"
    _cache_path(url, folder).write_bytes(data)
    page = read_cached(url, folder)
    assert page is None or isinstance(page.html, str)


def test_a_saved_chinese_page_has_an_article() -> None:
    from tui.core.htmlpages import page_from_bytes

    paragraphs = [
        "市长周一表示，海港街大桥将关闭三个月进行维修，检查人员在两根钢梁上发现了裂缝。",
        "车辆将改走主街桥，工程师预计那里的车流量将达到平时的两倍左右。",
        "公交线路保持不变，但每趟车程将增加大约十分钟，市政府将在网站上公布详情。",
    ]
    html = (
        "<html><head><title>海港大桥将关闭</title></head><body><article><h1>海港大桥将关闭</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    document = page_from_bytes(html.encode("utf-8"), source="page.html", ident="page")
    assert document.raw.split("\n\n") == paragraphs


# --- Markdown the parser would take too long over ----------------------------------------


def test_markdown_over_the_parse_limit_is_read_as_plain_text(tmp_path: Path) -> None:
    from tui.core.markdown_text import MAX_MARKDOWN_CHARS

    # Runs of "![" are the slowest input markdown-it-py was measured on (about 20 s a MB).
    body = "The bridge will close for repairs. " + "![" * (MAX_MARKDOWN_CHARS // 2 + 1)
    (tmp_path / "slow.md").write_text(f"---\ntitle: Bridge\n---\n{body}", encoding="utf-8")
    result = load_paths([with_good(tmp_path)])
    assert one_line(result, tmp_path / "slow.md") == (
        f"over {MAX_MARKDOWN_CHARS:,} characters of Markdown; read as plain text"
    )
    (slow,) = [d for d in result.documents if d.id == "slow"]
    assert (slow.title, slow.raw) == ("Bridge", body)
    assert "good" in loaded_ids(result)


def test_markdown_past_its_time_budget_is_read_as_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core import markdown_text

    source = "# Bridge\n\nThe **bridge** will [close](https://x.example) for repairs.\n"
    (tmp_path / "a.md").write_text(source, encoding="utf-8")
    assert markdown_text.markdown_to_text(source) == (
        "Bridge",
        "The bridge will close for repairs.",
    )
    monkeypatch.setattr(markdown_text, "MARKDOWN_CPU_SECONDS", -1.0)
    result = load_paths([tmp_path / "a.md"])
    assert one_line(result, tmp_path / "a.md") == (
        "Markdown took over -1 s to read; read as plain text"
    )
    assert [d.raw for d in result.documents] == [source]


# --- a reader that leaves early ------------------------------------------------------------


@pytest.mark.parametrize("output", [[], ["-o", "-"], ["-o", "/dev/stdout"]])
def test_export_into_a_closed_pipe_ends_quietly_with_141(output: list[str]) -> None:
    """``storydiff export | head -1``: the seeds' JSON (97 KB) is more than a pipe holds, so
    the export is still writing when the reader goes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", "--format", "json", *output],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"{\n"
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert errors == ""


# --- articles in scripts without spaces between words -------------------------------------

SCRIPTS = {
    "th": [
        "นายกเทศมนตรีกล่าวเมื่อวันจันทร์ว่า สะพานถนนฮาร์เบอร์จะปิดซ่อมเป็นเวลาสามเดือน "
        "หลังจากผู้ตรวจสอบพบรอยร้าวในคานเหล็กสองจุด "
        "การซ่อมแซมจะเริ่มในวันที่ 1 เมษายน และจะเสร็จก่อนเทศกาลฤดูร้อน",
        "รถยนต์จะต้องเลี่ยงไปใช้สะพานถนนเมน ซึ่งวิศวกรคาดว่าจะมีการจราจรหนาแน่นเป็นสองเท่า "
        "เส้นทางรถประจำทางจะไม่เปลี่ยนแปลงแต่การเดินทางแต่ละเที่ยวจะใช้เวลาเพิ่มขึ้นประมาณสิบนาที",
    ],
    "zh": [
        "市长周一表示，海港街大桥将关闭三个月进行维修，检查人员在两根钢梁上发现了裂缝。"
        "维修工作将于四月一日开始，并在夏季节日之前结束。",
        "车辆将改走主街桥，工程师预计那里的车流量将达到平时的两倍左右。"
        "公交线路保持不变，但每趟车程将增加大约十分钟！",
    ],
    "ja": [
        "市長は月曜日、港通りの橋を修理のため三か月間閉鎖すると述べた。"
        "検査員が二本の鋼鉄の梁にひびを見つけたためだ。",
        "工事は四月一日に始まり、夏祭りの前に終わる予定だ。"
        "バスの路線は変わらないが、各便の所要時間は約十分長くなる。",
    ],
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_articles_in_any_script_load_split_and_align_verbatim_copies(
    tmp_path: Path, script: str
) -> None:
    from tui.core.story import build_story

    copied, own = SCRIPTS[script]
    extra = {
        "th": "ผู้อยู่อาศัยบางคนกล่าวว่าพวกเขาจะเดินทางด้วยเรือข้ามฟากแทนในช่วงที่ปิดซ่อม",
        "zh": "一些居民说，他们将改乘渡轮。",
        "ja": "住民の一部はフェリーを使うと話した。",
    }
    (tmp_path / "a.txt").write_text(f"{copied}\n\n{own}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{copied}\n\n{extra[script]}\n", encoding="utf-8")
    story = build_story([tmp_path])
    assert story.problems == ()
    a, b = story.articles
    assert a.text == f"{copied}\n\n{own}" and a.removed == ()
    # Sentences are sentences, not every space-separated phrase: two in each paragraph.
    assert [a.text[s.start : s.end] for s in a.sentences][:2] != copied.split()[:2]
    assert len(a.sentences) == 4, [a.text[s.start : s.end] for s in a.sentences]
    # The verbatim paragraph is one shared passage, word for word (Chinese and Japanese
    # sentences are too few "words" for the sentence matcher, so the shared-wording tier
    # finds them, covering the words and leaving out the last end mark).
    (passage,) = story.passages
    texts = {m.article: m.text for m in passage.members}
    assert passage.same_wording and texts[a.id] == texts[b.id]
    assert copied.startswith(texts[a.id]) and len(texts[a.id]) >= len(copied) - 1
