"""Snapshots of every view on the seeds, in a dark and a light theme.

When the engine's matcher changes the seeds' passages, these change too: look at the new
pictures (``pytest --snapshot-report``) and accept them with ``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest
from stories import disagreeing_story

from tui.app import StorydiffApp
from tui.core.model import Story

SIZE = (160, 48)
THEMES = ["textual-dark", "textual-light"]


@pytest.mark.parametrize("theme", THEMES)
def test_library(snap_compare: Any, seeds_story: Story, theme: str) -> None:
    assert snap_compare(StorydiffApp(seeds_story, theme=theme), terminal_size=SIZE)


@pytest.mark.parametrize("theme", THEMES)
def test_compare(snap_compare: Any, seeds_story: Story, theme: str) -> None:
    app = StorydiffApp(seeds_story, view="compare", theme=theme)
    assert snap_compare(app, terminal_size=SIZE)  # opens on the first shared row: the Noem letter


@pytest.mark.parametrize("theme", THEMES)
def test_passages(snap_compare: Any, seeds_story: Story, theme: str) -> None:
    app = StorydiffApp(seeds_story, view="passages", theme=theme)
    assert snap_compare(app, terminal_size=SIZE)


def test_help(snap_compare: Any, seeds_story: Story) -> None:
    assert snap_compare(StorydiffApp(seeds_story), terminal_size=SIZE, press=["question_mark"])


def _reader_story() -> Story:
    """A made-up story: a wire quote three outlets carry (two word for word), a passage the
    right side lacks but a third outlet has, and single-source lines."""
    from dataclasses import replace

    from stories import make_story

    quote = "The council voted 7 to 2 to close the harbour bridge for repairs until May."
    story = make_story(
        {
            "harbor": [
                "Harbor Gazette lead paragraph about the bridge.",
                quote,
                "Repairs will cost an estimated 4 million dollars, officials said.",
                "Harbor Gazette closing line.",
            ],
            "metro": [
                "Metro Ledger opens differently.",
                "The council voted 7 to 2 to shut the harbour bridge for repairs until June.",
                "Metro Ledger's own detail about traffic.",
            ],
            "coast": [
                "Coast Courier intro.",
                quote,
                "Repairs will cost an estimated 4 million dollars, officials said.",
            ],
            "valley": ["Valley Post intro.", quote],
        },
        [
            {"harbor": 1, "metro": 1, "coast": 1, "valley": 1},
            {"harbor": 2, "coast": 2},
        ],
    )
    dates = {"harbor": "2025-03-02", "metro": "March 1, 2025", "coast": "2025-03-03"}
    articles = tuple(replace(a, date=dates.get(a.id), author=None) for a in story.articles)
    return replace(story, articles=articles)


def test_compare_80x24_after_moving(snap_compare: Any) -> None:
    app = StorydiffApp(_reader_story(), view="compare", left="harbor", right="metro")

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("d", "d")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_search_results_in_compare(snap_compare: Any) -> None:
    app = StorydiffApp(_reader_story(), view="compare", left="harbor", right="metro")

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("slash", *"bridge", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_passages_with_a_disagreement(snap_compare: Any, theme: str) -> None:
    # The Wording cells of the passages whose versions disagree are marked, and the versions
    # pane says under its title what the versions disagree on.
    app = StorydiffApp(disagreeing_story(), view="passages", theme=theme)
    assert snap_compare(app, terminal_size=(120, 30))


@pytest.mark.parametrize("theme", THEMES)
def test_passages_with_grouped_versions(snap_compare: Any, theme: str) -> None:
    app = StorydiffApp(_reader_story(), view="passages", theme=theme)
    assert snap_compare(app, terminal_size=(120, 30))


def test_problems_view(snap_compare: Any) -> None:
    from dataclasses import replace

    from tui.core.model import Problem

    story = replace(
        _reader_story(),
        problems=(Problem("broken.html", "no article text found"), Problem("x.pdf", "not text")),
    )

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.press("exclamation_mark")
        await pilot.pause()

    assert snap_compare(StorydiffApp(story), terminal_size=(80, 24), run_before=run_before)


FACT_VIEWS = ["quotes", "figures", "outlets"]
FACT_SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", FACT_SIZES, ids=["80x24", "160x48"])
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("view", FACT_VIEWS)
def test_fact_views_on_the_seeds(
    snap_compare: Any, seeds_story: Story, view: str, theme: str, size: tuple[int, int]
) -> None:
    app = StorydiffApp(seeds_story, view=view, theme=theme)  # type: ignore[arg-type]
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", FACT_SIZES, ids=["80x24", "160x48"])
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("view", FACT_VIEWS)
def test_fact_views_on_a_made_up_story(
    snap_compare: Any, view: str, theme: str, size: tuple[int, int]
) -> None:
    from stories import facts_story

    app = StorydiffApp(facts_story(), view=view, theme=theme)  # type: ignore[arg-type]
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("theme", THEMES)
def test_library_80x24_with_furniture_in_place(
    snap_compare: Any, seeds_story: Story, theme: str
) -> None:
    """At 80 columns: titles, who shares most and Single-source whole (Words, Date, Shared give
    way); the removed furniture shown where it was, struck, after ``f``."""
    app = StorydiffApp(seeds_story, theme=theme)

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
