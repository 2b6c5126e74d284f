"""Big stories' shared text: above ``MAX_DENSE`` names the engine keeps each one's top
partners instead of a dense n × n matrix, and the JSON export writes them (``version`` 3).
A small bound here makes the seeds (5 outlets, 6 articles) a story above it, so the sparse
path is compared cell by cell with the dense one the seeds normally take."""

from __future__ import annotations

import json

import numpy as np
import pytest
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import Static

from tui.app import StorydiffApp
from tui.core import outlets
from tui.core.exporting import FORMAT_VERSION, SPARSE_VERSION, to_dict, to_json
from tui.core.html_report import to_html
from tui.core.model import Story
from tui.core.story import SEEDS, build_story
from tui.core.words import percent
from tui.screens.library import ArticlesTable
from tui.screens.outlets import HeatMap, OutletsScreen
from tui.viewmodels import facts as facts_viewmodel
from tui.widgets.facts import heat_cell

SIZE = (160, 48)


@pytest.fixture
def above(monkeypatch: pytest.MonkeyPatch) -> Story:
    """The seeds built with a bound of 2 (both articles and outlets above it), 2 partners."""
    monkeypatch.setattr(outlets, "MAX_DENSE", 2)
    monkeypatch.setattr(outlets, "TOP_PARTNERS", 2)
    story = build_story([SEEDS])
    assert not story.facts.provenance.outlets.dense
    assert not story.facts.provenance.articles.dense
    return story


def test_above_the_bound_the_json_gives_each_outlets_top_partners(
    above: Story, seeds_story: Story
) -> None:
    dense = seeds_story.facts.provenance.outlets
    assert dense.chars is not None and len(dense.names) > 2
    data = json.loads(to_json(above))
    assert data["version"] == SPARSE_VERSION
    shared = data["outlets"]
    assert shared["form"] == "top" and shared["top_partners"] == 2
    assert "chars" not in shared
    assert shared["names"] == list(dense.names)
    assert shared["totals"] == list(dense.totals)
    assert sorted(shared["order"]) == sorted(dense.names)
    assert shared["shared"] == [int(s) for s in dense.chars.sum(axis=1)]
    for i, row in enumerate(shared["top"]):
        cells = dense.chars[i]
        want = sorted(
            ([int(j), int(cells[j])] for j in np.flatnonzero(cells > 0)),
            key=lambda pair: (-pair[1], pair[0]),
        )[:2]
        assert row == want, dense.names[i]
    assert any(len(row) == 2 for row in shared["top"])  # the bound really cut something
    # Everything but the outlets is what the dense story writes.
    full = json.loads(to_json(seeds_story))
    for key in full:
        if key not in ("version", "outlets"):
            assert data[key] == full[key], key
    # The standard encoder (no orjson) writes the same bytes.
    assert to_json(above) == json.dumps(to_dict(above), ensure_ascii=False, indent=2) + "\n"


def test_at_the_bound_the_json_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, seeds_story: Story
) -> None:
    monkeypatch.setattr(outlets, "MAX_DENSE", len(seeds_story.outlets))
    story = build_story([SEEDS])
    assert story.facts.provenance.outlets.dense
    got = to_json(story)
    assert got == to_json(seeds_story)
    assert json.loads(got)["version"] == FORMAT_VERSION
    assert "chars" in json.loads(got)["outlets"]


def test_above_the_bound_every_pair_and_partner_is_as_dense(
    above: Story, seeds_story: Story
) -> None:
    for sparse, dense in (
        (above.facts.provenance.outlets, seeds_story.facts.provenance.outlets),
        (above.facts.provenance.articles, seeds_story.facts.provenance.articles),
    ):
        for a in dense.names:
            for b in dense.names:
                assert sparse.pair_chars(a, b) == dense.pair_chars(a, b), (a, b)
                assert sparse.share(a, b) == dense.share(a, b), (a, b)
    assert above.facts.provenance.most_shared == seeds_story.facts.provenance.most_shared
    # The HTML heat map shows the same shares (in its own order).
    html = to_html(above)
    matrix = seeds_story.facts.provenance.outlets
    for a in matrix.names:
        for b in matrix.names:
            if a != b:
                assert f"{percent(matrix.share(a, b))}</td>" in html


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def test_outlets_view_above_the_bound_shows_the_dense_shares(
    above: Story, seeds_story: Story
) -> None:
    dense = seeds_story.facts.provenance.outlets
    app = StorydiffApp(above)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OutletsScreen)
        table = screen.query_one(HeatMap)
        assert sorted(screen.order) == sorted(dense.names)
        for r, row in enumerate(screen.order):
            for c, column in enumerate(screen.order):
                share = None if row == column else dense.share(row, column)
                cell = table.get_cell_at(Coordinate(r, c + 1))  # after the names column
                assert cell.plain == heat_cell(share).plain, (row, column)
        # The map opens on the cell with the largest share, read from the sparse matrix too.
        shares = {(a, b): dense.share(a, b) for a in dense.names for b in dense.names if a != b}
        first, second = max(shares, key=shares.__getitem__)
        assert app.state.cell == (first, second)
        detail = screen.query_one("#cell-detail", Static)
        text = str(detail.render())
        chars = dense.pair_chars(first, second)
        assert f"({chars:,} of {dense.totals[dense.index(first)]:,} characters)" in text
        # "most shared" order reads the row sums above the bound: the dense order.
        await pilot.press("s", "s")
        await settle(pilot)
        assert screen.how == "most shared"
        total = {n: sum(dense.share(n, m) for m in dense.names) for n in dense.names}
        assert screen.order == tuple(sorted(dense.names, key=lambda n: (-total[n], n.casefold())))


async def test_library_partner_column_above_the_bound(above: Story, seeds_story: Story) -> None:
    app = StorydiffApp(above)
    async with app.run_test(size=(200, 48)):
        table = app.screen.query_one("#articles", ArticlesTable)
        for row, article in enumerate(seeds_story.articles):
            partner = seeds_story.facts.provenance.most_shared[article.id]
            if partner is None:
                continue
            if len(partner.others) == 1:
                entry = f"{seeds_story.article(partner.others[0]).label} ({partner.share:.0%})"
            else:
                entry = f"{len(partner.others)} outlets, {partner.share:.0%} each"
            assert entry in table.render_line(row + 1).text


async def test_outlets_view_shows_the_outlets_sharing_the_most(
    monkeypatch: pytest.MonkeyPatch, above: Story, seeds_story: Story
) -> None:
    # Thousands of outlets would be millions of cells: the map keeps those sharing the most.
    monkeypatch.setattr(facts_viewmodel, "MAX_SHOWN", 3)
    dense = seeds_story.facts.provenance.outlets
    assert dense.chars is not None
    sums = dense.chars.sum(axis=1)
    most = sorted(dense.names, key=lambda n: (-sums[dense.index(n)], n))[:3]
    app = StorydiffApp(above)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OutletsScreen)
        assert sorted(screen.order) == sorted(most)
        assert screen.query_one(HeatMap).row_count == 3
        title = str(screen.query_one("#outlets-title", Static).render())
        assert "the 3 of 5 outlets sharing the most" in title
        await pilot.press("s")  # by name: still the same three
        await settle(pilot)
        assert screen.order == tuple(sorted(most, key=str.casefold))
