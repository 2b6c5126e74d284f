"""The sentence matcher: range, symmetry, identity, numbers, negation and normalisation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.settings import Settings
from tui.core.similarity import (
    FEATURE_NAMES,
    MODEL,
    Weights,
    features,
    match_score,
    normalise,
    pair_features,
    same_reported_figure,
    similarity,
    tokens,
)
from tui.core.story import build_story

CORPUS = [
    "The IRS has 2,290 law enforcement officers in its criminal investigation unit.",
    "With approximately 2,300 law enforcement officers in the IRS, the agency could help.",
    "Homeland Security Secretary Kristi Noem sent a letter to Treasury Secretary Scott Bessent.",
    "The weather in the valley was mild and sunny for most of the week.",
    "Shares of the company rose 5 percent in early trading on Tuesday.",
    "The senator said the bill would not pass before the summer recess.",
    "Local farmers expect a strong harvest of apples and pears this autumn.",
    "The museum reopened its east wing after a two-year renovation.",
]


FEATURE_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}


def _weights(*extra: str) -> Weights:
    return Weights(features(t) for t in [*CORPUS, *extra])


def _sim(a: str, b: str, *extra: str) -> float:
    weights = _weights(a, b, *extra)
    return similarity(features(a), features(b), weights)


words = st.sampled_from(
    "the a IRS Noem 2,290 2,300 about agents said letter "
    "Treasury budget not never investigators 1998 officials “quoted” — DHS’s".split()
)
sentences = st.lists(words, min_size=0, max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(sentences, sentences)
def test_scores_lie_in_unit_interval_and_are_symmetric(a: str, b: str) -> None:
    weights = _weights(a, b)
    fa, fb = features(a), features(b)
    forward, backward = similarity(fa, fb, weights), similarity(fb, fa, weights)
    assert 0.0 <= forward <= 1.0
    assert forward == backward


@settings(max_examples=100, deadline=None)
@given(sentences)
def test_a_sentence_scores_the_maximum_against_itself(text: str) -> None:
    weights = _weights(text)
    own = similarity(features(text), features(text), weights)
    if tokens(text):
        assert own == 1.0
    for other in CORPUS:
        assert similarity(features(text), features(other), weights) <= own


def test_every_seed_like_sentence_scores_one_against_itself() -> None:
    weights = _weights()
    for text in CORPUS:
        assert similarity(features(text), features(text), weights) == 1.0


def test_unrelated_sentences_score_low() -> None:
    weights = _weights()
    for i, a in enumerate(CORPUS[3:], start=3):
        for b in CORPUS[i + 1 :]:
            assert similarity(features(a), features(b), weights) < 0.2, (a, b)


def test_near_verbatim_quote_scores_high() -> None:
    a = (
        "It is DHS.'s understanding that the Department of the Treasury has qualified law "
        "enforcement personnel available, especially given the IRS's work force and budget."
    )
    b = (
        "It is DHS's understanding that the Department of Treasury has qualified law "
        "enforcement personnel available, especially given the IRS's workforce and budget."
    )
    assert _sim(a, b) > 0.8
    assert _sim(a, b) > _sim(a, CORPUS[0])


def test_attributed_quote_matches_the_bare_quote() -> None:
    bare = (
        "“This letter requests that you make qualified officials from the Department of "
        "the Treasury available to work with ICE and that you consent to those officials "
        "being deputized.”"
    )
    attributed = bare.replace(".”", ",” Noem wrote, thanking Bessent for the opportunity.")
    assert features(attributed).quote is not None
    assert _sim(bare, attributed) > 0.9


def test_near_equal_numbers_beat_unequal_ones() -> None:
    base = "The IRS has 4,170 criminal investigators in its enforcement unit."
    rounded = "The IRS has about 4,200 criminal investigators in its enforcement unit."
    # 4,270 is one character away from 4,170 (4,200 is two) but is a different figure.
    different = "The IRS has about 4,270 criminal investigators in its enforcement unit."
    assert _sim(base, rounded, different) > _sim(base, different, rounded)


def test_years_are_not_rounded_figures() -> None:
    a = features("The chain was sold to Safeway in 1998 for a large sum.")
    b = features("The chain was sold to Safeway in 1995 for a large sum.")
    c = features("The chain was sold to Safeway in 1998 for a large sum of money.")
    weights = Weights([a, b, c])
    differ = FEATURE_INDEX["numbers_differ"]
    assert pair_features(a, b, weights)[differ] == 1.0
    assert pair_features(a, c, weights)[differ] == 0.0


def test_one_sided_negation_counts_against() -> None:
    plain = "The senator said the bill would pass before the summer recess."
    negated = "The senator said the bill would not pass before the summer recess."
    reworded = "The senator said the bill would clear before the summer recess."
    assert _sim(plain, negated) < _sim(plain, reworded)


def test_rare_words_weigh_more_than_common_ones() -> None:
    # Both pairs share one word besides "the ... said"; sharing the rare name must count more.
    base = "Bessent said the plan was ready"
    rare = "Bessent said the budget looked odd"
    common = "Mayor said the plan looked odd"
    filler = [f"the plan said {w}" for w in ("x", "y", "z", "w", "v")]
    assert _sim(base, rare, common, *filler) > _sim(base, common, rare, *filler)


def test_normalise_folds_quotes_dashes_spaces_and_case() -> None:
    assert normalise("“DHS’s” — Work\u00a0Force – ‘Ok’") == "\"dhs's\" - work force - 'ok'"
    assert normalise("ﬁnal") == "final"  # NFKC
    assert tokens("DHS’s WORK\u00a0force") == tokens("dhs's work force")
    assert tokens("2,290 agents") == ["2290", *tokens("agents")]


def test_model_rewards_overlap_and_penalises_evidence_against() -> None:
    signs = dict(zip(FEATURE_INDEX, MODEL[1:], strict=True))
    assert signs["words"] > 0 and signs["characters"] > 0
    assert signs["numbers_differ"] < 0 and signs["negation_differs"] < 0


def test_same_reported_figure_needs_close_figures_about_the_same_thing() -> None:
    sentences = [
        "Of roughly 100,000 employees, the IRS has approximately 2,100 criminal investigators.",
        "The IRS has 2,290 law enforcement officers in its criminal investigation unit.",
        "The IRS has 4,290 law enforcement officers in its criminal investigation unit.",
        "The city zoo has 2,200 animals in its new reptile house and aquarium.",
        "Local weather stayed mild for most of the week across the region.",
    ]
    table = [features(s) for s in sentences]
    # Word weights come from a whole story, as in the engine: here the seed story's sentences.
    story = build_story(["seeds"])
    background = [features(a.text[s.start : s.end]) for a in story.articles for s in a.sentences]
    weights = Weights(background + table)
    two_thousand_100, two_thousand_290, four_thousand, zoo, weather = table
    assert same_reported_figure(two_thousand_100, two_thousand_290, weights)
    assert same_reported_figure(two_thousand_290, two_thousand_100, weights)
    # The figure is too far off to be the same count.
    assert not same_reported_figure(two_thousand_290, four_thousand, weights)
    # A close figure about something else is not the same fact.
    assert not same_reported_figure(two_thousand_290, zoo, weights)
    assert not same_reported_figure(two_thousand_290, weather, weights)


def test_years_and_small_counts_are_not_figures() -> None:
    assert features("In 2024 two agencies and 3 offices agreed.").figures == ()
    assert [f.value for f in features("In 2024 it had 2,290 agents.").figures] == [2290.0]


def test_figures_counted_on_different_days_are_different_facts() -> None:
    monday = features("Agents made 1,200 arrests on Monday, according to agency figures.")
    tuesday = features("Agents made 1,100 arrests on Tuesday, the agency said.")
    undated = features("Agents have made about 1,150 arrests, the agency said.")
    story = build_story(["seeds"])
    background = [features(a.text[s.start : s.end]) for a in story.articles for s in a.sentences]
    weights = Weights([*background, monday, tuesday, undated])
    assert same_reported_figure(monday, undated, weights)
    assert same_reported_figure(tuesday, undated, weights)
    assert not same_reported_figure(monday, tuesday, weights)


def test_match_score_decides_exactly_like_similarity() -> None:
    story = build_story(["seeds"])
    table = [features(a.text[s.start : s.end]) for a in story.articles for s in a.sentences]
    weights = Weights(table)
    decided = {True: 0, False: 0}
    for threshold in (0.1, 0.3, 0.57):
        # Without the word-order and name checks, the decision is the similarity threshold
        # exactly.
        settings = Settings(match_threshold=threshold, order_veto=0.0, name_veto_frequency=0.0)
        for i, left in enumerate(table):
            for right in table[i + 1 : i + 40]:
                exact = similarity(left, right, weights)
                ranked = match_score(left, right, weights, settings)
                assert (ranked is not None) == (exact >= threshold)
                if ranked is not None:
                    assert threshold <= ranked <= exact + 1e-12
                decided[ranked is not None] += 1
    assert decided[True] and decided[False]  # both outcomes were exercised


def test_words_in_order_falls_when_the_same_words_come_in_another_order() -> None:
    first = features("Global Exchange was awarded the prize by CRLA.")
    swapped = features("CRLA was awarded the prize by Global Exchange.")
    weights = Weights([first, swapped])
    in_order, words = FEATURE_INDEX["words_in_order"], FEATURE_INDEX["words"]
    assert pair_features(first, first, weights)[in_order] == 1.0
    assert pair_features(first, swapped, weights)[words] == 1.0  # the same bag of words
    assert pair_features(first, swapped, weights)[in_order] < 0.7


def test_a_number_word_is_a_name_only_inside_one() -> None:
    # "Seventeen" opening a sentence is a count, however rare the word in English; "One"
    # after "Air Force" is part of the name.
    assert [s for s, _, _ in features("Seventeen people were hurt at Varga.").names] == ["varga"]
    names = [s for s, _, _ in features("He flew on Air Force One to Varga.").names]
    assert names == ["air", "forc", "one", "varga"]
