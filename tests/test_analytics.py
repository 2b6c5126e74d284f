"""Story analytics (pair counts, top partners with their ties), computed once in the build."""

from __future__ import annotations

from stories import make_story

from tui.core.analytics import Partners, count_partners
from tui.core.model import Story


def _web() -> Story:
    # a shares one passage with b, two with c; c shares two with a and two with b (a tie);
    # d shares nothing.
    return make_story(
        {
            "a": ["A one.", "A two.", "A three."],
            "b": ["B one.", "B two."],
            "c": ["C one.", "C two.", "C three."],
            "d": ["D alone."],
        },
        [{"a": 0, "b": 0, "c": 0}, {"a": 1, "c": 1}, {"b": 1, "c": 2}],
    )


def test_partners_name_every_tied_partner_in_story_order() -> None:
    found = _web().analytics.partners
    assert found["a"] == Partners(2, ("c",))
    assert found["b"] == Partners(2, ("c",))
    assert found["c"] == Partners(2, ("a", "b"))  # a tie: both, not one picked arbitrarily
    assert "d" not in found  # shares nothing: no partner, not a partner with 0


def test_every_pair_sharing_one_passage_is_a_three_way_tie() -> None:
    story = make_story(
        {"a": ["S.", "x."], "b": ["S.", "y."], "c": ["S.", "z."], "d": ["S.", "w."]},
        [{"a": 0, "b": 0, "c": 0, "d": 0}],
    )
    assert story.analytics.partners["a"] == Partners(1, ("b", "c", "d"))


def test_pair_counts_are_symmetric_and_count_each_passage_once() -> None:
    story = _web()
    analytics = story.analytics
    assert analytics.shared("a", "c") == analytics.shared("c", "a") == 2
    assert analytics.shared("a", "b") == 1
    assert analytics.shared("a", "d") == 0
    assert analytics.shared("a", "a") == 0


def test_the_engine_fills_the_analytics(seeds_story: Story) -> None:
    assert seeds_story.analytics == count_partners(seeds_story.articles, seeds_story.passages)
    assert set(seeds_story.analytics.partners) == {a.id for a in seeds_story.articles}
