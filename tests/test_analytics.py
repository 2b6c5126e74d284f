"""Pair counts (the palette's) and the one "most shared with" (the engine's directional shared
text, ties included), computed once in the build."""

from __future__ import annotations

from stories import make_story

from tui.core.analytics import count_pairs
from tui.core.model import Story
from tui.viewmodels.pairing import closest_partner


def _web() -> Story:
    # a shares one passage with b, two with c; c shares two with a and two with b;
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


def test_every_pair_sharing_one_passage_is_a_three_way_tie() -> None:
    story = make_story(
        {"a": ["S.", "x."], "b": ["S.", "y."], "c": ["S.", "z."], "d": ["S.", "w."]},
        [{"a": 0, "b": 0, "c": 0, "d": 0}],
    )
    partner = story.facts.provenance.most_shared["a"]
    assert partner is not None and partner.others == ("b", "c", "d")


def test_compare_opens_on_the_partner_the_library_names() -> None:
    # By the share of a's text, not by passage counts: c holds two of a's three sentences.
    story = _web()
    for article in "abc":
        partner = story.facts.provenance.most_shared[article]
        assert partner is not None
        assert closest_partner(story, article) == partner.others[0]
    assert story.facts.provenance.most_shared["d"] is None
    assert closest_partner(story, "d") == "a"  # compare still gets a right side


def test_pair_counts_are_symmetric_and_count_each_passage_once() -> None:
    story = _web()
    analytics = story.analytics
    assert analytics.shared("a", "c") == analytics.shared("c", "a") == 2
    assert analytics.shared("a", "b") == 1
    assert analytics.shared("a", "d") == 0
    assert analytics.shared("a", "a") == 0


def test_the_engine_fills_the_analytics(seeds_story: Story) -> None:
    assert seeds_story.analysis is not None
    assert seeds_story.analytics == count_pairs(seeds_story.articles, seeds_story.passages)
    most = seeds_story.analysis.provenance.most_shared
    assert set(most) == {a.id for a in seeds_story.articles}


def test_a_hand_made_story_computes_its_facts_once() -> None:
    story = make_story({"a": ["S one."], "b": ["S one."]}, [{"a": 0, "b": 0}])
    bare = Story(story.articles, story.passages, story.unique)
    assert bare.analysis is None
    assert bare.facts is bare.facts  # computed on first use, then kept


def test_partner_counts_are_the_passages_each_pair_carries(seeds_story: Story) -> None:
    # The palette's counts, read from the incidence, against a count over the passages.
    analytics = seeds_story.analytics
    ids = [a.id for a in seeds_story.articles]
    for left in ids:
        row = analytics.partners(left)
        for right in ids:
            both = sum(
                1
                for p in seeds_story.passages
                if left != right and {left, right} <= {m.article for m in p.members}
            )
            assert row.get(right, 0) == analytics.shared(left, right) == both, (left, right)
    assert any(analytics.partners(left) for left in ids)
