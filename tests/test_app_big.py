"""The reader on bigger inputs: lazy layout of long version stacks, the build worker, widths."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from notes import record
from rich.style import Style as RichStyle
from textual.content import Content
from textual.widgets import DataTable, Label
from textual.worker import WorkerState

import tui.app
import tui.core.story
from bench.generate import generate_story
from tui.app import StorydiffApp
from tui.core.loading import load_paths
from tui.core.model import Article, Document, Problem, Story
from tui.core.story import SEEDS, make_article, story_from_articles, story_from_documents
from tui.widgets.blocks import wrap, wrapped_height
from tui.widgets.collation import CollationView
from tui.widgets.tables import StretchTable

SIZE = (160, 48)


@pytest.fixture(scope="module")
def generated() -> list[Document]:
    return generate_story(120, words=300)


@pytest.fixture(scope="module")
def big_story(generated: list[Document]) -> Story:
    return story_from_documents(generated)


PIECES = ["a", "word", " ", "  ", "\n", "東京", "🎉", "שלום", "-", "x" * 25]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.integers(1, 40))
def test_wrapped_height_counts_the_lines_wrap_makes(text: str, width: int) -> None:
    assert wrapped_height(text, width) == len(wrap(Content(text), width, RichStyle()))


async def test_a_popular_passage_renders_only_the_versions_in_view(big_story: Story) -> None:
    passage = max(big_story.passages, key=lambda p: len(p.members))
    assert len(passage.members) >= 30, "the fixture needs a widely shared passage"
    app = StorydiffApp(big_story, view="passages")
    app.state = replace(app.state, passage=passage.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CollationView)
        assert view.passage is passage
        # Only the blocks on screen were rendered to show the passage...
        assert 0 < view.rendered_blocks < len(passage.members) // 2
        # ...and the lazily laid out lines are exactly the eagerly rendered ones.
        width = view.scrollable_content_region.width
        eager = [
            line.text
            for index in range(view.block_count())
            for line in view.render_block(index, width, index == view.cursor)
        ]
        assert view.line_count == len(eager)
        assert view.virtual_size.height == len(eager)
        await pilot.press("v", "end")
        await pilot.pause()
        # One block per distinct wording (identical versions grouped).
        assert view.cursor == len({m.text for m in passage.members}) - 1
        last = view.versions[-1]
        shown = "\n".join(line.text for line in view.visible_lines())
        assert f"{last.label} {last.paragraph}" in shown
        now = [
            line.text
            for index in range(view.block_count())
            for line in view.render_block(index, width, index == view.cursor)
        ]
        assert [view.line_text(y) for y in range(view.line_count)] == now


def test_story_from_articles_is_story_from_documents(generated: list[Document]) -> None:
    documents = [*generated[:40], Document(id="zz-empty", source="empty.txt", raw="   \n")]
    problems = [Problem("missing.txt", "no such file")]
    stages: list[str] = []
    articles = [make_article(d) for d in documents]
    split = story_from_articles(articles, problems, on_stage=stages.append)
    assert split == story_from_documents(documents, problems)
    assert stages == ["features/index", "align", "shared wording", "diff", "nearest", "facts"]
    assert split.problems[-1].source == "empty.txt"


async def test_the_worker_fills_the_library_before_aligning_and_cleans_once(
    monkeypatch: pytest.MonkeyPatch, generated: list[Document]
) -> None:
    documents = generated[:60]
    made: list[str] = []
    shown_early = threading.Event()

    def counting(document: Document, **options: Any) -> Article:
        made.append(document.id)
        if len(made) == 20:
            # Cleaning pauses here until the library shows the articles made so far.
            assert shown_early.wait(10), "no article was shown while cleaning"
        return make_article(document, **options)

    release = threading.Event()

    def held(
        articles: Sequence[Article], problems: Sequence[Problem] = (), on_stage: object = None
    ) -> Story:
        assert release.wait(10), "the test never released the aligner"
        return story_from_articles(articles, problems, on_stage)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.core.story, "make_article", counting)
    monkeypatch.setattr(tui.app, "story_from_articles", held)
    app = StorydiffApp(documents=documents)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#articles", DataTable)
        progress = app.screen.query_one("#progress-label", Label)
        for _ in range(200):
            if table.row_count:
                break
            await pilot.pause(0.02)
        assert 0 < table.row_count < 20
        shown_early.set()
        for _ in range(200):
            if "Finding similar sentences" in str(progress.render()):
                break
            await pilot.pause(0.02)
        # Cleaning is done and reported, alignment is held: every article is in the table.
        assert "Finding similar sentences" in str(progress.render())
        assert app.aligning
        assert table.row_count == len(documents)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.aligning
        assert sorted(made) == sorted(d.id for d in documents)  # cleaned once each
        assert app.story == story_from_documents(documents)
        assert table.row_count == len(app.story.articles)


async def test_load_problems_are_notified_once_when_the_worker_builds() -> None:
    loaded = load_paths([SEEDS, "/nonexistent/storydiff-test.txt"])
    assert loaded.problems
    app = StorydiffApp(documents=loaded.documents, problems=loaded.problems)
    notes = record(app)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        told = [n.message for n in notes if "not loaded" in n.message]
        assert told == [f"{len(app.story.problems)} file not loaded · ! to list it"]


async def test_a_notice_is_not_toasted_as_a_file_not_loaded() -> None:
    notice = Problem("old.txt", "not UTF-8; read as Windows-1252", notice=True)
    app = StorydiffApp(documents=load_paths([SEEDS]).documents, problems=[notice])
    notes = record(app)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [(n.message, n.title) for n in notes if "notice" in n.message] == [
            ("1 notice · ! to list it", "")
        ]


@pytest.mark.parametrize("columns", [160, 100])
async def test_library_titles_use_the_width_there_is(seeds_story: Story, columns: int) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=(columns, 48)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#articles", StretchTable)
        # The columns fill the table but never overflow it (no sideways scrolling).
        room = table.content_region.width - table.styles.scrollbar_size_vertical
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used == room
        assert table.virtual_size.width <= table.scrollable_content_region.width
        if columns == 160:
            lines = [line.text for line in table.render_lines(table.region.reset_offset)]
            # Who shares most with whom shows whole; a title too long for the rest is cut
            # with "…" (it shows whole above the article's text), but never to a stub.
            for article in seeds_story.articles:
                partner = seeds_story.facts.provenance.most_shared[article.id]
                assert partner is not None
                entry = (
                    f"{seeds_story.article(partner.others[0]).label} ({partner.share:.0%})"
                    if len(partner.others) == 1
                    else f"{len(partner.others)} outlets, {partner.share:.0%} each"
                )
                assert any(entry in line for line in lines), entry
            for article in seeds_story.articles:
                if article.title:
                    head = article.title[:50]
                    assert any(article.title in line or head in line for line in lines)


async def test_a_cancelled_build_ends_its_worker_at_once_and_stops_the_engine(
    monkeypatch: pytest.MonkeyPatch, generated: list[Document]
) -> None:
    held_in_stage = threading.Event()
    release = threading.Event()
    went_on: list[str] = []
    engine: list[threading.Thread] = []

    def held(
        articles: Sequence[Article],
        problems: Sequence[Problem] = (),
        on_stage: Callable[[str], None] | None = None,
    ) -> Story:
        # A long stage (aligning 1,000 articles takes seconds), then its hook.
        engine.append(threading.current_thread())
        held_in_stage.set()
        assert release.wait(10), "the test never released the aligner"
        assert on_stage is not None
        on_stage("features/index")
        went_on.append("after the stage")
        return story_from_articles(articles, problems)

    monkeypatch.setattr(tui.app, "story_from_articles", held)
    app = StorydiffApp(documents=generated[:40])
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):
            if held_in_stage.is_set():
                break
            await pilot.pause(0.02)
        assert held_in_stage.is_set()
        (worker,) = [w for w in app.workers if w.group == "story"]
        app.workers.cancel_group(app, "story")
        # The worker ends while the engine is still inside its stage...
        for _ in range(500):
            if worker.is_finished:
                break
            await pilot.pause(0.02)
        assert worker.state is WorkerState.CANCELLED
        assert engine[0].is_alive()
        # The worker's thread sees the cancellation at its next look and says the build was
        # left unfinished (so the CLI does not wait for the process to wind down).
        for _ in range(500):
            if app.build_abandoned:
                break
            await pilot.pause(0.02)
        assert app.build_abandoned
        # ...and the engine stops at its next check instead of going on to the end.
        release.set()
        engine[0].join(10)
        assert not engine[0].is_alive()
        assert went_on == []
        await pilot.pause()
        assert app.aligning and not app.story.passages  # no half-built story shown


async def test_paths_are_read_in_the_worker_after_the_first_screen() -> None:
    app = StorydiffApp(paths=[str(SEEDS)])
    async with app.run_test(size=SIZE) as pilot:
        progress = app.screen.query_one("#progress-label", Label)
        # The first screen says what it is doing before any file is read.
        assert app.aligning or app.story.articles
        if app.aligning and not app.story.articles:
            assert "Reading" in str(progress.render())
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.aligning
        assert app.story == story_from_documents(load_paths([SEEDS]).documents)
        assert app.screen.query_one("#articles", DataTable).row_count == 5


async def test_nothing_readable_ends_the_reader_with_status_1() -> None:
    app = StorydiffApp(paths=["/nonexistent/storydiff-test.txt"])
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 1
