"""One wire copy as every view names it: the passage's kind in compare's row header as in the
passages view and the reports, its closing full stop in the reports, and the base version
chosen truthfully when two versions differ from each other as much."""

from __future__ import annotations

import pytest

from tui.app import StorydiffApp
from tui.core.exporting import to_markdown
from tui.core.model import SHARED_WORDING, Document, Passage, Story
from tui.core.story import story_from_documents
from tui.viewmodels.pairing import RowKind
from tui.widgets.compare import CompareView

WIRE = (
    "In a statement, the company said production at the site would be suspended "
    "indefinitely while state investigators examine the cause of the fire.\n\n"
    "The plant employs 212 workers, most of them on two day shifts. It makes plastic "
    "pellets for packaging firms across the region and opened in 1987."
)
#: A later copy of the wire's two sentences, one word and one figure changed, then its own.
METRO = (
    "In a statement, the company said production at the site would be halted "
    "indefinitely while state investigators examine the cause of the fire.\n\n"
    "The plant employs 312 workers, most of them on two day shifts.\n\n"
    "Shares of the parent group fell 4 percent in early trading on Wednesday."
)


def copy_story() -> Story:
    documents = [
        Document("metro", "metro.txt", METRO, outlet="Metro", date="2026-11-18", structured=True),
        Document("wire", "wire.txt", WIRE, outlet="Wire", date="2026-11-17", structured=True),
    ]
    return story_from_documents(documents)


@pytest.fixture(scope="module")
def copied() -> tuple[Story, Passage]:
    story = copy_story()
    (passage,) = story.passages
    return story, passage


async def test_compare_names_the_passage_as_the_reports_do(copied: tuple[Story, Passage]) -> None:
    story, passage = copied
    assert passage.kind == SHARED_WORDING
    assert f"### {passage.id}: 2 outlets (Metro, Wire), shared wording," in to_markdown(story)
    app = StorydiffApp(story, view="compare", left="wire", right="metro")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        (row,) = [i for i, r in enumerate(view.visible_rows) if r.kind is RowKind.SHARED]
        header = view.line_text(view.block_span(row)[0])
        assert "shared wording" in header and "close wording" not in header
