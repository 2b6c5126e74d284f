"""One-way navigation: every way into a view lands in the same place.

The reader's state is one immutable value on the app, changed only by the views' messages;
these tests drive the app by keys and check where each view's cursor ends up.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from textual.pilot import Pilot

from tui.app import StorydiffApp
from tui.core.model import Story
from tui.screens.compare import CompareScreen
from tui.screens.passages import PassagesScreen
from tui.viewmodels.navigation import Reader, go_back, open_pair, open_view
from tui.viewmodels.pairing import Place, RowKind, closest_partner, pair_rows
from tui.widgets.compare import CompareView

SIZE = (160, 48)


def compare_passage(app: StorydiffApp) -> str | None:
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    row = screen.query_one(CompareView).current_row
    assert row is not None
    return row.passage


async def passages_to(pilot: Pilot[None], app: StorydiffApp, passage: str) -> None:
    """In the passages view, move the shared list's cursor down to ``passage``."""
    assert isinstance(app.screen, PassagesScreen)
    await pilot.press("home")
    for _ in range(len(app.story.passages)):
        await pilot.pause()
        if app.state.passage == passage:
            return
        await pilot.press("down")
    await pilot.pause()
    assert app.state.passage == passage


async def test_browsing_passages_does_not_move_compares_cursor(seeds_story: Story) -> None:
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        before = compare_passage(app)
        assert before is not None  # the first shared row of this pair
        # Browse the passages to one that is not where compare stands.
        other = next(p.id for p in seeds_story.passages if p.id != before)
        await pilot.press("3")
        await passages_to(pilot, app, other)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert compare_passage(app) == before


async def test_enter_in_the_library_opens_on_the_first_shared_row(seeds_story: Story) -> None:
    first = seeds_story.articles[0].id
    partner = closest_partner(seeds_story, first)
    assert partner is not None
    rows = pair_rows(seeds_story, first, partner)
    shared = [r.passage for r in rows if r.kind is RowKind.SHARED]
    assert len(shared) >= 2
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await passages_to(pilot, app, str(shared[-1]))  # a passage of this pair, not its first
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert compare_passage(app) == shared[0]
        view = app.screen.query_one(CompareView)
        assert view.cursor == next(
            i for i, r in enumerate(view.visible_rows) if r.kind is RowKind.SHARED
        )


def compare_holds(app: StorydiffApp, passage: str) -> bool:
    """Whether compare's cursor row shows ``passage``: its own, or nested in a rewrite's."""
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    row = screen.query_one(CompareView).current_row
    return row is not None and Place(passage=passage).holds(row)


@pytest.mark.parametrize("nested", [False, True], ids=["own row", "nested in a rewrite"])
async def test_compare_from_a_passage_lands_on_it_and_back_keeps_it(
    seeds_story: Story, nested: bool
) -> None:
    # Shared wording nested in a rewrite (the seeds' clause in the retold letter) is on the
    # rewrite's row.
    passage = [p for p in seeds_story.passages if (p.within is not None) == nested][-1]
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await passages_to(pilot, app, passage.id)
        await pilot.press("v", "enter")  # the versions pane, then compare this version
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert compare_holds(app, passage.id)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PassagesScreen)
        assert app.state.passage == passage.id
        await pilot.press("2")
        await pilot.pause()
        assert compare_holds(app, passage.id)


async def test_hidden_rows_stay_hidden_when_a_pair_is_opened_on_its_own(
    seeds_story: Story,
) -> None:
    # (A pair opened for a passage or a sentence shows every row: tests/test_app_facts.py.)
    app = StorydiffApp(seeds_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s")
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert all(r.kind is RowKind.SHARED for r in view.visible_rows)
        await pilot.press("1", "enter")
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert app.state.compare.shared_only
        assert all(r.kind is RowKind.SHARED for r in view.visible_rows)


def test_the_state_is_one_frozen_value(seeds_story: Story) -> None:
    state = Reader()
    with pytest.raises(FrozenInstanceError):
        state.view = "compare"  # type: ignore[misc]
    first = seeds_story.articles[0].id
    opened = open_pair(state, seeds_story, first)
    assert opened.view == "compare" and opened.history == ("library",)
    assert opened.compare.left == first
    assert opened.compare.right == closest_partner(seeds_story, first)
    assert opened.compare.place is None  # the first shared row
    passages = open_view(opened, "passages")
    assert go_back(passages).view == "compare"
    assert go_back(go_back(passages)).view == "library"
