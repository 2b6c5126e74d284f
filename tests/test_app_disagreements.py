"""The reader and the reports warn where a passage's versions match word for word but for a
figure or a denial (issue 7), and say nothing where they agree."""

from __future__ import annotations

import json

from stories import disagreeing_story, two_outlets
from textual.widgets import DataTable

from tui.app import StorydiffApp
from tui.core.exporting import to_json, to_markdown
from tui.core.html_report import to_html
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
        assert wordings == ["≠ close 0.90", "≠ close 0.90", "same"]
        view = app.screen.query_one(CollationView)
        shown = " ".join(screen_text(view).split())
        assert "≠ figures differ: 4-3 / 5-2" in shown
        table.move_cursor(row=2)
        table.focus()
        await pilot.pause()
        assert view.passage is not None and view.passage.id == "p3"
        assert "≠" not in screen_text(view)  # the passage whose versions agree


async def test_compare_view_warns_on_the_row_whose_versions_disagree() -> None:
    story = disagreeing_story()
    rows = [r for r in pair_rows(story, "wire", "daily") if r.kind is RowKind.SHARED]
    assert [r.disagreements for r in rows] == [
        ("figures differ: 5-2 / 4-3",),
        ("one says not: would sign / would not sign",),
        (),
    ]
    # Compared with each other, the two outlets that agree on the vote raise no warning.
    rows = [r for r in pair_rows(story, "wire", "post") if r.kind is RowKind.SHARED]
    assert [r.disagreements for r in rows] == [()]
    app = StorydiffApp(story, view="compare")
    async with app.run_test(size=(160, 48)) as pilot:  # each warning on one header line
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert view.labels == ("WIRE", "DAILY")
        shown = " ".join(screen_text(view).split())
        assert "≠ figures differ: 5-2 / 4-3" in shown
        assert "≠ one says not: would sign / would not sign" in shown
        assert shown.count("≠") == 2


def test_reports_carry_the_warning() -> None:
    story = two_outlets(SIGN, NOT_SIGN)
    (passage,) = json.loads(to_json(story))["passages"]
    assert passage["disagreements"] == ["one says not: would sign / would not sign"]
    assert "**≠ The versions disagree:** one says not: would sign / would not sign" in (
        to_markdown(story)
    )
    html = to_html(story)
    assert "≠ the versions disagree</span> one says not: would sign / would not sign" in html


def test_reports_of_agreeing_versions_carry_no_warning() -> None:
    story = two_outlets(COST, COST.replace("the next", "the coming"))
    (passage,) = json.loads(to_json(story))["passages"]
    assert "disagreements" not in passage
    assert "≠" not in to_markdown(story)
    assert "≠" not in to_html(story)
