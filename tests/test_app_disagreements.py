"""The reader and the reports warn where a passage's versions match word for word but for a
figure or a denial (issue 7), and say nothing where they agree."""

from __future__ import annotations

import json
import re

from stories import disagreeing_story, retold_counts, two_outlets
from textual.widgets import DataTable

from tui.app import StorydiffApp
from tui.core.exporting import to_json, to_markdown
from tui.core.html_report import to_html
from tui.core.model import Document
from tui.core.story import story_from_documents
from tui.viewmodels.pairing import RowKind, pair_rows
from tui.widgets.collation import CollationView
from tui.widgets.compare import CompareView

SIZE = (120, 30)
SIGN = "The mayor said she would sign the bill on the harbour budget next week."
NOT_SIGN = SIGN.replace("would sign", "would not sign")
COST = "The bridge repairs will cost the city 4 million dollars over the next five years."


def screen_text(view: CollationView | CompareView) -> str:
    return "\n".join(view.line_text(y) for y in range(view.line_count))


async def test_passages_view_marks_the_passage_and_says_what_differs() -> None:
    app = StorydiffApp(disagreeing_story(), view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#shared", DataTable)
        wordings = [str(table.get_cell(key, "wording")) for key in ("p1", "p2", "p3")]
        assert [w.strip() for w in wordings] == ["≠ close 0.90", "≠ close 0.90", "same"]
        # The mark has a gutter of its own: the kinds start in one column on every row.
        lines = [table.render_line(y).text for y in range(1, 4)]
        assert len({re.search("close|same", line).start() for line in lines}) == 1, lines
        view = app.screen.query_one(CollationView)
        shown = " ".join(screen_text(view).split())
        assert "≠ figures differ: 4-3 (DAILY) / 5-2 (POST, WIRE)" in shown
        table.move_cursor(row=2)
        table.focus()
        await pilot.pause()
        assert view.passage is not None and view.passage.id == "p3"
        assert "≠" not in screen_text(view)  # the passage whose versions agree


async def test_compare_view_warns_on_the_row_whose_versions_disagree() -> None:
    story = disagreeing_story()
    rows = [r for r in pair_rows(story, "wire", "daily") if r.kind is RowKind.SHARED]
    assert [r.disagreements for r in rows] == [
        ("figures differ: 5-2 (WIRE) / 4-3 (DAILY)",),
        ("one says not: would sign (WIRE) / would not sign (DAILY)",),
        (),
    ]
    # Compared with each other, the two outlets that agree on the vote raise no warning.
    rows = [r for r in pair_rows(story, "wire", "post") if r.kind is RowKind.SHARED]
    assert [r.disagreements for r in rows] == [()]
    app = StorydiffApp(story, view="compare")
    async with app.run_test(size=(200, 48)) as pilot:  # each warning on one header line
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert view.labels == ("WIRE", "DAILY")
        shown = " ".join(screen_text(view).split())
        assert "≠ figures differ: 5-2 (WIRE) / 4-3 (DAILY)" in shown
        assert "≠ one says not: would sign (WIRE) / would not sign (DAILY)" in shown
        assert shown.count("≠") == 2


async def test_a_rewrite_whose_figures_disagree_says_so_in_compare() -> None:
    story = retold_counts()
    # Its word diff is not read (a rewrite), but the figures are compared: "approximately
    # 2,100" cannot be 2,290, so "the same fact in other words" does not stand alone.
    (rewrite,) = [r for r in pair_rows(story, "a", "b") if r.rewrite]
    assert rewrite.disagreements == ("figures differ: approximately 2,100 (a) / 2,290 (b)",)
    # b gives the old count too, outside the rewrite: only the rows' own figures count.
    (agreeing,) = [r for r in pair_rows(story, "b", "c") if r.rewrite]
    assert agreeing.disagreements == ()
    app = StorydiffApp(story, view="compare", left="a", right="b")
    async with app.run_test(size=(200, 48)) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(app.screen.query_one(CompareView)).split())
        # The warning never gives way; the meaning's explanation does, to keep one line.
        assert "¶1 · rewrite · 3 outlets · ≠ figures differ: approximately 2,100" in shown
        assert "2,290 (b)" in shown


def test_reports_carry_the_warning() -> None:
    story = two_outlets(SIGN, NOT_SIGN)
    (passage,) = json.loads(to_json(story))["passages"]
    said = "one says not: would sign (A) / would not sign (B)"
    assert passage["disagreements"] == [said]
    assert f"**≠ The versions disagree:** {said}" in to_markdown(story)
    assert f"≠ the versions disagree</span> {said}" in to_html(story)


def test_reports_of_agreeing_versions_carry_no_warning() -> None:
    story = two_outlets(COST, COST.replace("the next", "the coming"))
    (passage,) = json.loads(to_json(story))["passages"]
    assert "disagreements" not in passage
    assert "≠" not in to_markdown(story)
    assert "≠" not in to_html(story)


async def test_outlet_names_in_the_warning_are_shown_as_text() -> None:
    cost = "The repairs to the harbour bridge will cost $52 million, the city council said."
    documents = [
        Document(id=k, source=f"{k}.txt", raw=f"{text}\n\n{own}", structured=True, outlet=outlet)
        for k, text, own, outlet in (
            ("a", cost, "Metro adds a line of its own here today.", "[red]Metro[/red]"),
            ("b", cost.replace("$52", "$48"), "The Gazette adds its own line too.", "[b]Gaz[/"),
        )
    ]
    story = story_from_documents(documents)
    said = "≠ figures differ: $52 million ([red]Metro[/red]) / $48 million ([b]Gaz[/)"
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        assert said in " ".join(screen_text(app.screen.query_one(CollationView)).split())
    app = StorydiffApp(story, view="compare")
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        assert said in " ".join(screen_text(app.screen.query_one(CompareView)).split())


async def test_a_rewrite_whose_figures_disagree_is_marked_in_passages_and_reports() -> None:
    story = retold_counts()
    (rewrite,) = [p for p in story.passages if p.kind == "rewrite"]
    # Against the base (c), the outlet that gives another count; b's count of last year lies
    # outside the rewrite and is not read.
    said = "figures differ: 2,290 (b, c) / approximately 2,100 (a)"
    assert rewrite.disagreements == (said,)
    assert json.loads(to_json(story))["passages"][0]["disagreements"] == [said]
    assert said in to_markdown(story)
    app = StorydiffApp(story, view="passages")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#shared", DataTable)
        assert str(table.get_cell(rewrite.id, "wording")).strip().startswith("≠")
        shown = " ".join(screen_text(app.screen.query_one(CollationView)).split())
        assert f"≠ {said}" in shown
