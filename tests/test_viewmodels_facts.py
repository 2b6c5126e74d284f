"""The fact views' model: heat levels, orders, where Enter opens compare (plain data)."""

from __future__ import annotations

from stories import facts_story

from tui.core.quotes import OTHER_SPEAKERS, SHORTENED, WORDS_CHANGED
from tui.viewmodels.facts import (
    figure_target,
    figure_values,
    level,
    outlet_order,
    quote_target,
)


def test_heat_levels_rise_with_the_share_and_zero_is_its_own() -> None:
    shares = [0.0, 0.001, 0.09, 0.1, 0.29, 0.3, 0.59, 0.6, 1.0]
    assert [level(s) for s in shares] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_the_made_up_quote_is_flagged_for_words_speaker_and_cut() -> None:
    story = facts_story()
    group = story.facts.quote_groups[0]
    assert group.flags == (WORDS_CHANGED, OTHER_SPEAKERS, SHORTENED)
    # Enter on the governor's version: the fullest version's article beside it, on the
    # passage both carry.
    version = next(v for v in group.versions if v.quote.article == "metro")
    target = quote_target(story, group, version)
    assert (target.left, target.right, target.passage) == (
        group.versions[0].quote.article,
        "metro",
        "p1",
    )


def test_a_figure_opens_against_an_outlet_that_gives_another_value() -> None:
    story = facts_story()
    group = story.facts.figure_groups[0]
    assert figure_values(story, group) == "about 2,100 (METRO) · 2,290 (HARBOR, COAST)"
    index = next(i for i, f in enumerate(group.figures) if f.article == "coast")
    target = figure_target(story, group, index)
    assert (target.left, target.right, target.passage) == ("coast", "metro", "p2")


def test_outlet_orders() -> None:
    story = facts_story()
    matrix = story.facts.provenance.outlets
    assert outlet_order(matrix, "name") == ("COAST", "HARBOR", "METRO")
    by_metro = outlet_order(matrix, "clustered", column="METRO")
    shares = [matrix.share(n, "METRO") for n in by_metro if n != "METRO"]
    assert shares == sorted(shares, reverse=True)
    assert outlet_order(matrix, "clustered") == matrix.order
