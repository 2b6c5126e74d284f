import gc
import html
import json
import os
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tui.core import exporting
from tui.core.exporting import to_dict, to_json, to_markdown, to_markdown_chunks, write_atomic
from tui.core.model import Document, Story
from tui.core.story import build_story, story_from_documents


@pytest.fixture(scope="module")
def story() -> Story:
    return build_story(["seeds"])


def test_json_shape_and_offsets(story: Story) -> None:
    data = json.loads(to_json(story))
    assert data["version"] == 2
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert set(texts) == {p.stem for p in Path("seeds").glob("*.txt")}
    for article in data["articles"]:
        assert {"id", "source", "title", "outlet", "date", "text", "removed"} <= set(article)
        assert isinstance(article["removed"], list)
    assert data["passages"]
    for passage in data["passages"]:
        assert passage["id"].startswith("p") and 0 <= passage["similarity"] <= 1
        assert len({m["article"] for m in passage["members"]}) >= 2
        for member in passage["members"]:
            assert member["text"] == texts[member["article"]][member["start"] : member["end"]]
    for entry in data["unique"]:
        assert entry["text"] == texts[entry["article"]][entry["start"] : entry["end"]]
        for nearest in entry["nearest"]:
            assert nearest["article"] != entry["article"]
            assert 0 <= nearest["score"] <= 1 and isinstance(nearest["missing"], list)
            assert texts[nearest["article"]][nearest["start"] : nearest["end"]]
    assert any(entry["nearest"] for entry in data["unique"])
    kinds = {p["kind"] for p in data["passages"]}
    assert "shared wording" in kinds
    assert all(isinstance(p["evidence"], list) for p in data["passages"])


def test_markdown_says_no_match_found_and_names_the_nearest(story: Story) -> None:
    report = to_markdown(story)
    run = next(u for u in story.unique if u.nearest)
    best = story.article(run.nearest[0].article)
    assert f"no match found · nearest: {best.label} ¶" in report
    assert ", shared wording, similarity" in report


def test_a_retelling_that_keeps_the_names_but_not_the_rare_words_is_the_nearest(
    story: Story,
) -> None:
    # Breitbart retells the letter to Bessent in its own rare words ("reassign", "deportation
    # duties"); Fox's letter sentence shares only the names and "IRS". Ranked by raw shared
    # weight of the rare words, a long Fox sentence with one of them came first (0.13).
    run = next(u for u in story.unique if "put in a request to Trump Treasury" in u.text)
    nearest = run.nearest[0]
    fox = story.article(nearest.article)
    assert fox.text[nearest.start : nearest.end].startswith("DHS sent a letter to Treasury")


def test_markdown_marks_wording_and_minor_differences(story: Story) -> None:
    report = to_markdown(story)
    assert report.startswith("# storydiff report")
    # Fox News drops "the" from "Department of the Treasury": struck, as a wording change.
    assert "Department of <del>the</del> Treasury" in report
    # NewsNation spells it "work force" where the base says "workforce": a minor difference.
    assert "<i>work force</i>" in report
    # A quote-style difference next to letters is still marked (no Markdown flanking rules).
    assert "It is DHS<i>.</i>’s understanding" in report
    assert "## Single-source passages" in report


def test_markdown_escapes_article_markup() -> None:
    from tui.core.model import Document
    from tui.core.story import story_from_documents

    docs = [
        Document(
            id=i,
            source=f"{i}.txt",
            raw=f"**Bold** claim about [links](x) number {i}.",
            structured=True,
        )
        for i in ("a", "b")
    ]
    report = to_markdown(story_from_documents(docs))
    assert "\\*\\*Bold\\*\\*" in report and "**Bold**" not in report


def test_markdown_escapes_untrusted_metadata_and_block_starts() -> None:
    from tui.core.model import Document
    from tui.core.story import story_from_documents

    docs = [
        Document(
            id="<img src=x onerror=alert(1)>",
            source="a.jsonl:1",
            raw="1986. That was the year it began. Shared sentence about the new bridge plan.",
            outlet="<script>alert(1)</script>",
            date="2025|01",
            structured=True,
        ),
        Document(
            id="b",
            source="b.txt",
            raw="- a list item, not a list. Shared sentence about the new bridge plan.",
            structured=True,
        ),
    ]
    report = to_markdown(story_from_documents(docs))
    assert "<script>" not in report and "<img" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "2025\\|01" in report
    assert "- 1986\\. That was the year it began." in report
    assert "- \\- a list item" in report


def test_exported_files_get_normal_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "one")
    with pytest.raises(FileExistsError):
        write_atomic(target, "two")
    assert target.read_text() == "one"
    write_atomic(target, "three", overwrite=True)
    assert target.read_text() == "three"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_export_writes_file_and_refuses_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "story.json"
    first = run_cli("export", "--format", "json", "-o", str(target))
    assert first.returncode == 0, first.stderr
    assert json.loads(target.read_text())["version"] == 2
    second = run_cli("export", "--format", "markdown", "-o", str(target))
    assert second.returncode == 1
    assert "already exists" in second.stderr and "Traceback" not in second.stderr
    assert json.loads(target.read_text())["version"] == 2
    forced = run_cli("export", "--format", "markdown", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert target.read_text().startswith("# storydiff report")


def test_cli_export_takes_the_format_from_the_output_suffix_unless_told(tmp_path: Path) -> None:
    for name, starts in (("r.md", "# storydiff report"), ("r.HTML", "<!DOCTYPE html>")):
        assert run_cli("export", "-o", str(tmp_path / name)).returncode == 0
        assert (tmp_path / name).read_text().startswith(starts)
    assert json.loads(run_cli("export").stdout)["version"] == 2
    told = run_cli("export", "--format", "json", "-o", str(tmp_path / "told.md"))
    assert told.returncode == 0 and json.loads((tmp_path / "told.md").read_text())["version"] == 2


def test_write_atomic_writes_pieces_in_order(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, [b"{", b'"a": 1', b"}\n"])
    assert target.read_bytes() == b'{"a": 1}\n'


def test_a_write_that_fails_midway_leaves_no_file_and_the_collector_on(
    tmp_path: Path, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The JSON pieces are made under a paused garbage collector while they are written: a
    # write that fails after the first piece must end that pause, not leave it to whenever
    # the suspended generator is collected (its frame stays in the traceback).
    written: list[bytes] = []
    fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = fdopen(fd, mode)

        def __enter__(self) -> "FullDisk":
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def writelines(self, pieces: list[bytes]) -> None:
            for piece in pieces:
                written.append(piece)
                raise OSError("disk full")

    monkeypatch.setattr(exporting.os, "fdopen", FullDisk)
    target = tmp_path / "story.json"
    assert gc.isenabled()
    with pytest.raises(OSError, match="disk full") as failure:
        write_atomic(target, exporting.to_json_chunks(story))
    # The traceback, kept here as an app's error report would keep it, holds the generator.
    assert failure.traceback and written and gc.isenabled()
    assert list(tmp_path.iterdir()) == []


def test_cli_json_export_is_the_json_text_in_a_file_and_on_stdout(
    tmp_path: Path, story: Story
) -> None:
    # The export writes the JSON as pieces, never joined: they must add up to the text.
    target = tmp_path / "story.json"
    assert run_cli("export", "--format", "json", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == to_json(story)
    assert run_cli("export", "--format", "json").stdout == to_json(story)


@pytest.mark.parametrize("batch", [1, 7, 100_000])
def test_markdown_pieces_are_the_report_encoded(
    story: Story, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporting, "_MARKDOWN_BATCH", batch)
    assert b"".join(to_markdown_chunks(story)) == to_markdown(story).encode()


def test_cli_markdown_export_is_the_report(tmp_path: Path, story: Story) -> None:
    target = tmp_path / "story.md"
    assert run_cli("export", "--format", "markdown", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == to_markdown(story)


def test_cli_export_reports_bad_paths_in_one_line(tmp_path: Path) -> None:
    result = run_cli("export", str(tmp_path / "missing"), "seeds")
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 5


def test_dict_matches_story(story: Story) -> None:
    data = to_dict(story)
    assert len(data["passages"]) == len(story.passages)
    assert len(data["unique"]) == len(story.unique)


def test_markdown_keeps_spaces_around_marks_and_gives_rewrites_whole(
    seeds_story: Story,
) -> None:
    from tui.core.diffing import word_diff
    from tui.core.exporting import marked_version
    from tui.core.html_report import _marked
    from tui.core.model import REWRITE, Member, Passage

    a, b = "clean water while the town waited.", "clean water the town waited."
    members = (Member("a", 0, len(a), a, 0, 0), Member("b", 0, len(b), b, 0, 0))
    passage = Passage("p1", 0.9, members, 0, (word_diff(a, a), word_diff(a, b)), False)
    assert marked_version(passage, 1) == "clean water <del>while</del> the town waited."
    a, b = "Residents were evacuated from 200 homes.", "Homes were evacuated, they added."
    members = (Member("a", 0, len(a), a, 0, 0), Member("b", 0, len(b), b, 0, 0))
    passage = Passage("p1", 0.9, members, 0, (word_diff(a, a), word_diff(a, b)), False)
    spaced = "were evacuated <del>from 200 homes</del><ins>, they added</ins>."
    assert marked_version(passage, 1).endswith(spaced)
    assert _marked(a, b, passage.diffs[1]).endswith(spaced)  # the HTML report's marks
    a, b = "It costs about 200 dollars per day.", "It costs about $300 per day."
    members = (Member("a", 0, len(a), a, 0, 0), Member("b", 0, len(b), b, 0, 0))
    passage = Passage("p1", 0.9, members, 0, (word_diff(a, a), word_diff(a, b)), False)
    assert "<del>200 dollars</del> <ins>$300</ins> per" in marked_version(passage, 1)
    rewrite = next(
        p
        for p in seeds_story.passages
        if p.kind == REWRITE and any("2,290" in m.text for m in p.members)
    )
    report = to_markdown(seeds_story)
    section = report.split(f"### {rewrite.id}:", 1)[1].split("###", 1)[0]
    assert "<del>" not in section and "<ins>" not in section
    assert "2,290" in section  # each version given whole


def test_reports_count_in_english_and_leave_out_empty_sections() -> None:
    from tui.core.html_report import to_html
    from tui.core.model import Document, Problem
    from tui.core.story import story_from_documents

    shared = "The river rose overnight after days of heavy rain upstream."
    docs = [
        Document(id="a", source="a.txt", raw=shared, structured=True),
        Document(
            id="b", source="b.txt", raw=f"{shared} The mayor blamed drainage.", structured=True
        ),
    ]
    problems = [Problem("c.bin", "binary file, not text"), Problem(".", "x", notice=True)]
    story = story_from_documents(docs, problems)
    report = to_markdown(story)
    assert "2 articles from 2 outlets, 1 shared passage, 1 single-source passage." in report
    assert "No quotation appears in more than one outlet." in report
    assert "No figure is given by more than one outlet." in report
    assert "0 quotations" not in report and "Given by one outlet only" not in report
    problems_part, notices_part = report.split("## Problems", 1)[1].split("## Notices")
    assert "c.bin" in problems_part and "- .: x" in notices_part
    page = to_html(story)
    assert "1 shared passage, 1 single-source passage." in page
    assert "No figure is given by more than one outlet." in page
    assert "Given by one outlet only" not in page and "<h2>Notices</h2>" in page
    assert "No quotation appears in more than one outlet." in page
    apart = story_from_documents(
        [
            Document(id="a", source="a.txt", raw=shared, structured=True),
            Document(id="b", source="b.txt", raw="Nothing alike at all here.", structured=True),
        ]
    )
    assert "No passage is shared by more than one outlet." in to_markdown(apart)
    assert "No passage is shared by more than one outlet." in to_html(apart)
    alike = story_from_documents([replace(docs[0], id=k, source=k) for k in ("a", "b")])
    assert "Every passage is carried by more than one outlet." in to_markdown(alike)
    assert "Every passage is carried by more than one outlet." in to_html(alike)


def test_reports_count_single_outlet_quotations_in_english() -> None:
    from tui.core.html_report import to_html
    from tui.core.model import Document
    from tui.core.story import story_from_documents

    shared = "The river rose overnight after days of heavy rain upstream."
    quotes = [
        '"We have never seen water this high," said Ann Berg, the mayor.',
        '"The pumps failed at midnight," said Tom Hale, the engineer.',
    ]
    for n in (1, 2):
        docs = [
            Document(id="a", source="a.txt", raw=" ".join([shared, *quotes[:n]]), structured=True),
            Document(id="b", source="b.txt", raw=shared, structured=True),
        ]
        story = story_from_documents(docs)
        line = "1 quotation in one outlet only" if n == 1 else "2 quotations in one outlet only"
        assert f"{line} (see the JSON export)." in to_markdown(story)
        assert f'<p class="muted">{line}.</p>' in to_html(story)


def _full_escape(text: str) -> str:
    """``_escape_md`` without its shortcut for text it leaves alone."""
    text = exporting._MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return " ".join(text.splitlines())


def test_escaping_skips_only_text_it_would_not_change() -> None:
    for code in [*range(0x3000), 0x2028, 0x2029, 0xFEFF]:
        text = f"a{chr(code)}b"
        assert exporting._escape_md(text) == _full_escape(text), hex(code)


def test_marked_pieces_are_escaped_and_repeated_wordings_marked_by_their_own_diff() -> None:
    from tui.core.diffing import word_diff
    from tui.core.exporting import marked_version
    from tui.core.model import Member, Passage

    base, other = "the *town* waited <always> for rain.", "the town waited for rain."
    story = build_story(["seeds"])
    ids = [a.id for a in story.articles[:3]]
    members = tuple(
        Member(a, 0, len(t), t, 0, 0) for a, t in zip(ids, (base, other, other), strict=True)
    )
    # The same wording twice, once with its own diff and once (a hand-made passage) with
    # the base's: each member is marked by its own.
    diffs = (word_diff(base, base), word_diff(base, other), word_diff(base, base))
    passage = Passage("p1", 0.9, members, 0, diffs, False)
    assert marked_version(passage, 0) == _full_escape(base)
    # Only the base's words need escaping here (the struck ones).
    assert "<del>&lt;always&gt;</del>" in marked_version(passage, 1)
    story = replace(story, passages=(passage, *story.passages[1:]))
    lines = [line for line in to_markdown(story).splitlines() if line.startswith("- **")]
    shown = [line.split(": ", 1)[1] for line in lines[:3]]
    assert shown == [marked_version(passage, i) for i in range(3)]
    assert shown[1] != shown[2]
    changes = [m["changes"] for m in to_dict(story)["passages"][0]["members"]]
    assert changes[1] and not changes[2]


def test_a_similarity_reads_the_same_in_the_report_and_the_reader(story: Story) -> None:
    from tui.core.words import similarity_text
    from tui.screens.passages import wording

    assert similarity_text(0.996, same_wording=False) == "0.99"  # not "1.00": words differ
    assert similarity_text(0.996, same_wording=True) == "0.99"
    assert similarity_text(1.0, same_wording=True) == "1.00"
    headings = {
        line.split(":")[0][4:]: line
        for line in to_markdown(story).splitlines()
        if line[:4] == "### "
    }
    for passage in story.passages:
        shown = similarity_text(passage.similarity, passage.same_wording)
        assert f"similarity {shown}" in headings[passage.id]
        if wording(passage).startswith("close"):
            assert wording(passage) == f"close {shown}"


@pytest.mark.parametrize(
    ("base", "text", "marked"),
    [
        # The words a version drops before a quotation mark, a currency sign or a bracket
        # at its start stand apart from it, as the base wrote them.
        (
            "Officials said “the levee will hold until spring.”",
            "“The levee will hold until spring.”",
            "<del>Officials said</del> “<i>The</i> levee",
        ),
        ("The council spent $4.5 million on the bridge.", "$4.5 million on the bridge.", None),
        ("Smith (64) said the plan was sound.", "(64) said the plan was sound.", None),
        # Dropped words in the middle keep one space each side, never two.
        ("voted 5-2 on Tuesday", "voted on Tuesday", "voted <del>5-2</del> on"),
    ],
)
def test_every_renderer_spaces_dropped_words_off_their_neighbours(
    base: str, text: str, marked: str | None
) -> None:
    import re

    from tui.core.diffing import word_diff
    from tui.core.exporting import marked_version
    from tui.core.html_report import _marked
    from tui.core.model import Member, Passage
    from tui.widgets.collation import CollationView

    members = (Member("a", 0, len(base), base, 0, 0), Member("b", 0, len(text), text, 0, 0))
    passage = Passage("p1", 0.9, members, 0, (word_diff(base, base), word_diff(base, text)), False)
    view = CollationView()
    view.passage = passage
    shown = {
        "markdown": marked_version(passage, 1),
        "html": _marked(base, text, passage.diffs[1]),
        "passages view": "".join(t for t, _ in view._make_pieces((False, text))),
    }
    if marked is not None:
        assert marked in shown["markdown"]
    words = set(base.split()) | set(text.split())
    for where, out in shown.items():
        plain = html.unescape(re.sub(r"<[^>]+>", "", out))
        # Every word shown (struck or not) is one of the two texts' words: none glued on.
        glued = [w for w in plain.split() if not any(w in x for x in words)]
        assert not glued, (where, out)
        assert "  " not in plain, (where, out)


def _vote_story(dates: dict[str, str | None]) -> Story:
    from tui.core.model import Document
    from tui.core.story import story_from_documents

    votes = {"a": "5-2", "b": "6-1", "c": "6-1"}
    own = {
        "a": "Shopkeepers on Main Street fear months of lost trade.",
        "b": "The mayor plans to cycle to work once the first lane opens.",
        "c": "Critics called the vote rushed and the costs unclear.",
    }
    documents = [
        Document(
            id=k,
            source=f"{k}.txt",
            raw=f"The city council voted {votes[k]} on Tuesday to approve a network of protected "
            f"bike lanes across the downtown core.\n\n{own[k]}",
            structured=True,
            outlet=k.upper(),
            date=day,
        )
        for k, day in dates.items()
    ]
    return story_from_documents(documents)


@pytest.mark.parametrize(
    ("dates", "base", "why"),
    [
        # Two outlets, two wordings: a tie, so the one published first is the base, whatever
        # the file order.
        ({"a": "2025-03-05", "b": "2025-03-04"}, "b", "tied, published first"),
        ({"a": "2025-03-04", "b": "2025-03-05"}, "a", "tied, published first"),
        ({"a": None, "b": "2025-03-04"}, "b", "tied, the earliest dated"),
        ({"a": None, "b": None}, "a", "tied, listed first"),
        # Two of three say "6-1": the most common version, though published last.
        ({"a": "2025-03-04", "b": "2025-03-05", "c": "2025-03-06"}, "b", "most common version"),
    ],
)
def test_a_tie_takes_the_earliest_version_as_base_and_the_reports_say_why(
    dates: dict[str, str | None], base: str, why: str
) -> None:
    from tui.core.html_report import to_html

    found = _vote_story(dates)
    (passage,) = found.passages
    assert passage.members[passage.base].article == base
    report = to_markdown(found)
    assert f"- **{base.upper()}** *(base: {why})*: The city council voted" in report
    assert "compared with the most common one" not in report
    assert f'<span class="tag">base</span> <span class="muted">{why}</span>' in to_html(found)


def test_a_figure_record_says_its_currency() -> None:
    texts = {
        "a": "The city will pay C$300 for each tree, and 40 workers will plant them in May.",
        "b": "The city will pay US$300 for each tree, and 40 workers will plant them in May.",
    }
    story = story_from_documents(
        [Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in texts.items()]
    )
    records = [f for g in json.loads(to_json(story))["figures"] for f in g["figures"]]
    assert sorted((f["text"], f["currency"]) for f in records) == [
        ("40", None),
        ("40", None),
        ("C$300", "c$"),
        ("US$300", "$"),
    ]
