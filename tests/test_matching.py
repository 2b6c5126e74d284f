"""What the matcher decides: word order, story-size-independent weights, the figure rule, the
fact-retold tier and the reasons it keeps, and settings that change the result."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate_story
from tui.core.aligning import _greedy_clusters, align
from tui.core.model import Document
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import (
    Weights,
    features,
    in_active_voice,
    match_score,
    name_replaced,
    roles_differ,
    same_fact,
    same_reported_figure,
    similarity,
)
from tui.core.story import story_from_documents

BACKGROUND = [
    "The weather in the valley was mild and sunny for most of the week.",
    "Shares of the company rose 5 percent in early trading on Tuesday.",
    "Local farmers expect a strong harvest of apples and pears this autumn.",
    "The museum reopened its east wing after a two-year renovation.",
]


def _weights(*texts: str) -> Weights:
    return Weights(features(t) for t in [*BACKGROUND, *texts])


def _matches(a: str, b: str) -> bool:
    return match_score(features(a), features(b), _weights(a, b)) is not None


# ------------------------------------------------------------------------------ word order


@pytest.mark.parametrize(
    ("first", "swapped"),
    [
        (
            "Global Exchange was awarded the prize by CRLA.",
            "CRLA was awarded the prize by Global Exchange.",
        ),
        (
            "There are daily flights from New York to Florida this winter.",
            "There are daily flights from Florida to New York this winter.",
        ),
        (
            "Mirela Varga defeated Anita Ruzicka in the final on Sunday.",
            "Anita Ruzicka defeated Mirela Varga in the final on Sunday.",
        ),
    ],
)
def test_swapped_roles_are_no_match(first: str, swapped: str) -> None:
    weights = _weights(first, swapped)
    # Same words: the similarity is high, yet the word order says who did what to whom.
    assert similarity(features(first), features(swapped), weights) > 0.9
    assert not _matches(first, swapped)
    # Without the order check the pair would be "close wording": the check is what decides.
    loose = dataclasses.replace(DEFAULT, order_veto=0.0)
    assert match_score(features(first), features(swapped), weights, loose) is not None


@pytest.mark.parametrize(
    ("passive", "active", "same"),
    [
        (
            "Mayor Ana Ruiz was criticised by Governor Paul Hedley on Friday.",
            "Governor Paul Hedley criticised Mayor Ana Ruiz on Friday.",
            True,
        ),
        (
            "Mayor Ana Ruiz was criticised by Governor Paul Hedley on Friday.",
            "Mayor Ana Ruiz criticised Governor Paul Hedley on Friday.",
            False,
        ),
        (
            "Lindmark Grid is being bought by Tarvo Energy, the companies said.",
            "Tarvo Energy is buying Lindmark Grid, the companies said.",
            True,
        ),
        (
            "Lindmark Grid was acquired by Tarvo Energy last week.",
            "Lindmark Grid acquired Tarvo Energy last week.",
            False,
        ),
    ],
)
def test_who_did_what_is_read_in_the_active_voice(passive: str, active: str, same: bool) -> None:
    # Word for word the passive and the active sentence that says the opposite are the
    # closest pair; read as "Hedley criticised Ruiz", the passive keeps its roles.
    assert _matches(passive, active) is same
    assert _joined([passive, active]) is same


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # Both passive, one agent named and one not: compared as written.
        (
            "The suspect was arrested by Berlin police near the central station on Friday.",
            "The suspect was arrested by police near the central station on Friday.",
            True,
        ),
        # Both passive, the adjunct before "by" in one: still both passive.
        (
            "On Friday, Mayor Ana Ruiz was criticised by Governor Paul Hedley over the budget.",
            "Mayor Ana Ruiz was criticised on Friday by Governor Paul Hedley over the budget.",
            True,
        ),
        # What comes before the subject's clause stays where it is.
        (
            "On Friday, after a long debate, Mayor Ana Ruiz was criticised by Governor Paul "
            "Hedley.",
            "On Friday, after a long debate, Governor Paul Hedley criticised Mayor Ana Ruiz.",
            True,
        ),
        (
            "On Friday, after a long debate, Mayor Ana Ruiz was criticised by Governor Paul "
            "Hedley.",
            "On Friday, after a long debate, Mayor Ana Ruiz criticised Governor Paul Hedley.",
            False,
        ),
        (
            "Lindmark Grid was then bought by Tarvo Energy last year.",
            "Tarvo Energy then bought Lindmark Grid last year.",
            True,
        ),
    ],
)
def test_voice_is_read_per_pair(first: str, second: str, same: bool) -> None:
    assert _joined([first, second]) is same


def test_a_sentence_whose_time_phrase_moved_stays_one_passage_beside_a_copy() -> None:
    # The copy "Tarvo Energy fined Halvard Shipping in" cut short by the moved phrase covered
    # two thirds of each: the sentence passage gave way to it, and "In January," read as
    # single-source beside it.
    story = story_from_documents(
        _documents(
            [
                "Tarvo Energy fined Halvard Shipping in January in Brussels.",
                "In January, Tarvo Energy fined Halvard Shipping in Brussels.",
            ]
        )
    )
    assert [p.kind for p in story.passages] == ["close wording"]
    assert not story.unique


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # When it happened, put first, keeps who did what ...
        (
            "The council closed the harbour bridge on Friday after the storm.",
            "On Friday, the council closed the harbour bridge after the storm.",
            True,
        ),
        (
            "Mayor Ana Ruiz praised Kestrel Bank last March at the summit.",
            "Last March, Mayor Ana Ruiz praised Kestrel Bank at the summit.",
            True,
        ),
        # Moved past the agent of two passives, the same.
        (
            "Orlen Rail was acquired by Governor Paul Hedley on Monday.",
            "Orlen Rail was acquired on Monday by Governor Paul Hedley.",
            True,
        ),
        # ... and a swap of roles beside it is still one; two time phrases can trade places.
        (
            "Mayor Ana Ruiz praised Kestrel Bank last March at the summit.",
            "Last March, Kestrel Bank praised Mayor Ana Ruiz at the summit.",
            False,
        ),
        (
            "Rivera beat Okafor on Monday and lost to Lindqvist on Friday.",
            "Rivera beat Okafor on Friday and lost to Lindqvist on Monday.",
            False,
        ),
        # "May" is no month to the reader (a verb as often): the other phrase is kept too.
        (
            "The shipment left Lisbon in May and reached Oslo in June.",
            "In June, the shipment left Lisbon and reached Oslo in May.",
            False,
        ),
    ],
)
def test_a_time_phrase_moved_is_no_change_of_roles(first: str, second: str, same: bool) -> None:
    assert _joined([first, second]) is same


def test_the_active_reading_moves_the_agent_before_the_subject_s_clause_only() -> None:
    jury = in_active_voice(features("Ana was awarded the prize by the Nobel jury on Monday."))
    assert jury.sequence[:4] == ("the", "nobel", "juri", "award")
    fronted = in_active_voice(features("Officials said Ana was criticised by Governor Hedley."))
    assert fronted.sequence[:5] == ("offici", "said", "governor", "hedley", "criticis")
    # "then" between the auxiliary and the participle is no participle.
    then = in_active_voice(features("Lindmark Grid was then bought by Tarvo Energy last year."))
    assert then.sequence[:3] == ("tarvo", "energi", "bought")
    # An agent that names no one is left where it is: "by the way" moves no participant.
    way = features("Trump denied being bothered by the way the raids went.")
    assert in_active_voice(way) is way


@pytest.mark.parametrize(
    ("first", "moved"),
    [
        (
            "A positive test has to be followed up with a biopsy or other procedures before "
            "cancer can be confirmed.",
            "Before cancer can be confirmed, a positive test has to be followed up with a biopsy "
            "or other procedures.",
        ),
        (
            "With a net worth of $1.7 billion, Osembe ranked 121st on the magazine's list of the "
            "richest people.",
            "Osembe ranked 121st on the magazine's list of the richest people, with a net worth "
            "of $1.7 billion.",
        ),
    ],
)
def test_a_clause_moved_whole_still_matches(first: str, moved: str) -> None:
    # Every word kept, many pairs of them in the other order, yet nobody changed roles.
    assert _matches(first, moved)


@pytest.mark.parametrize(
    ("first", "reordered"),
    [
        (
            "Israel and Hamas agreed to a ceasefire on Sunday after talks in Cairo.",
            "Hamas and Israel agreed to a ceasefire on Sunday after talks in Cairo.",
        ),
        (
            "Talks between Osembe and Varga ended without a deal on Friday.",
            "Talks between Varga and Osembe ended without a deal on Friday.",
        ),
    ],
)
def test_members_of_a_coordination_named_in_another_order_still_match(
    first: str, reordered: str
) -> None:
    # "X and Y" / "Y and X" trades two names' places, as a swap of roles does, but keeps them.
    assert _matches(first, reordered)


def test_a_swap_beside_a_coordination_is_still_no_match() -> None:
    assert not _matches(
        "Osembe beat Varga and Brandt in the final.", "Varga beat Osembe and Brandt in the final."
    )


SUED = "Tarvel Osk sued Morsand Ltd over the accord it signed in Brelik last year"
SUED_BACK = "Morsand Ltd sued Tarvel Osk over the accord it signed in Brelik last year"
#: A clause two outlets copy beside the swap (made-up words: weight of their own).
COPIED = "the plorn wardens said the vosk treaty would kelp the grast"


@pytest.mark.parametrize(
    ("first", "swapped"),
    [
        # Retold facts to the fact tier: the same three participants, the same action.
        (f"{SUED}.", f"{SUED_BACK}, {COPIED}, while drennic crews waited."),
        # Close wording to the sentence matcher: the copied clause on both sides.
        (
            f"{SUED}, and {COPIED} for a pindle of the season.",
            f"{SUED_BACK}, {COPIED}, the brask council said.",
        ),
    ],
)
def test_a_swap_in_one_clause_of_a_longer_sentence_is_no_match_and_no_fact(
    first: str, swapped: str
) -> None:
    a, b = features(first), features(swapped)
    weights = _weights(first, swapped)
    assert match_score(a, b, weights) is None
    assert same_fact(a, b, weights) is None
    # Read whole, the other clause's words shut the order model's gate: the clause decides.
    assert not roles_differ(a, b, weights, DEFAULT.order_veto)


def test_a_title_reworded_beside_a_name_is_no_swap() -> None:
    # "Opposition Leader" / "Leader of the Opposition" trades two words of one title in the
    # clause that holds the names, but the participants come in the same order: no swap.
    assert _matches(
        "The Opposition Leader, Brannek Holt, said the government had been forced to make changes.",
        "The Leader of the Opposition, Brannek Holt, said the government had been forced into "
        "changes on Monday.",
    )


def test_the_same_roles_reworded_still_match() -> None:
    assert _matches(
        "Global Exchange was awarded the prize by CRLA on Monday.",
        "Global Exchange was given the prize by CRLA on Monday.",
    )


# --------------------------------------------------------------------------- replaced names

NO_NAME_VETO = dataclasses.replace(DEFAULT, name_veto_frequency=0.0)


@pytest.mark.parametrize(
    ("first", "other"),
    [
        (
            "At least 1,234 crates were reported missing in Karvossa last week.",
            "At least 1,234 crates were reported missing in Miltendorf last month.",
        ),
        (
            "Police in Karvossa told the Tribune that at least 1,234 crates were missing.",
            "Police in Miltendorf told the Tribune that at least 1,234 crates were missing.",
        ),
        (
            "Seventeen people were wounded when Brannek Holt opened fire near the market.",
            "Seventeen people were wounded when Osvald Trime opened fire near the market.",
        ),
        # The name last in both sentences: the end is the same slot's edge.
        (
            "Seventeen people were wounded in a bomb attack on a bus in Karvossa.",
            "Seventeen people were wounded in a bomb attack on a bus in Miltendorf.",
        ),
    ],
)
def test_a_name_replaced_by_another_is_two_facts(first: str, other: str) -> None:
    a, b = features(first), features(other)
    weights = _weights(first, other)
    assert name_replaced(a, b)
    assert match_score(a, b, weights) is None
    assert same_fact(a, b, weights) is None
    # Without the name check the pair would be "close wording": the check is what decides.
    assert match_score(a, b, weights, NO_NAME_VETO) is not None


@pytest.mark.parametrize(
    ("first", "other"),
    [
        # Another word edited, the name kept.
        (
            "Police in Karvossa said 17 people were wounded near the market on Friday.",
            "Police in Karvossa said 17 people were hurt near the market on Friday.",
        ),
        # A name added, not replaced.
        (
            "Police said 17 people were wounded near the market on Friday.",
            "Police in Karvossa said 17 people were wounded near the market on Friday.",
        ),
        # The same person, named in full on one side.
        (
            "Karvossa loyalists were blamed for the attacks on the pipeline at the border.",
            "Brannek Karvossa loyalists were blamed for the attacks on the pipeline at the border.",
        ),
        # Two spellings of one name.
        (
            "Microsoft spokesman Sean Sundwell said the company had nothing to do with it.",
            "Microsoft spokesman Sean Sundwall said the company had nothing to do with it.",
        ),
    ],
)
def test_a_name_kept_added_or_respelled_still_matches(first: str, other: str) -> None:
    assert not name_replaced(features(first), features(other))
    assert _matches(first, other)


def test_a_slot_is_a_run_of_replaced_words_between_shared_words() -> None:
    one = "The group met Karvossa officials on Friday to discuss the bridge."
    assert name_replaced(features(one), features(one.replace("Karvossa", "Miltendorf")))
    # A word dropped after the name: the alignment no longer pins the two names to one slot
    # (what keeps "the New York-based actor" / "De Niro is" apart).
    other = "The group met Miltendorf on Friday to discuss the bridge."
    assert not name_replaced(features(one), features(other))


def test_beside_one_figure_a_better_known_place_in_the_slot_is_another_event() -> None:
    # "Kabul" (2.5e-6 per word in English) is too common for the plain veto, but the same
    # count in the same slot pins one kind of event: two places make it two events.
    kabul = "At least 17 people were wounded in Kabul in a bomb attack on a bus last week."
    other = kabul.replace("Kabul", "Mazar")
    a, b = features(kabul), features(other)
    assert name_replaced(a, b)
    assert match_score(a, b, _weights(kabul, other)) is None
    # Without a figure they share, the plain bound decides, and Kabul is too common for it.
    c, d = features(kabul.replace("17", "many")), features(other.replace("17", "some"))
    assert not name_replaced(c, d)
    # A year is no figure that pins an event: one outlet's Myanmar is another's Burma.
    year = "In 2021 the military in Myanmar seized power, the United Nations said."
    assert not name_replaced(features(year), features(year.replace("Myanmar", "Burma")))


def test_beside_one_figure_a_place_after_in_is_another_event_however_common() -> None:
    # "Berlin" (2.4e-5 per word) and "Moscow" are above every rarity bound: after a preposition
    # of place, beside the same count, one for the other is still another event.
    one = "At least 17 people were wounded in Berlin in a bomb attack on a bus last week."
    other = one.replace("Berlin", "Moscow")
    a, b = features(one), features(other)
    assert min(f for _, _, f in a.names + b.names) > DEFAULT.name_veto_figure_frequency
    assert name_replaced(a, b)
    assert match_score(a, b, _weights(one, other)) is None
    police = "Police in Berlin told the Tribune that at least 1,234 crates were missing."
    assert name_replaced(features(police), features(police.replace("Berlin", "Chicago")))
    # Elsewhere the two names may name one thing two ways ("fellow British utility" / "fellow
    # UK utility"): only the rarity bound speaks there, and these are too common for it.
    modifier = "At least 17 Berlin officials were wounded in a bomb attack on a bus last week."
    assert not name_replaced(features(modifier), features(modifier.replace("Berlin", "Moscow")))
    # A title before a name is no place, even after "in".
    title = "At least 17 people were wounded in President Osembe's home region on Friday."
    g = features(title.replace("President", "Mr."))
    assert not name_replaced(features(title), g)


_WOUNDED = "At least 17 people were wounded in {} in a bomb attack on a bus last week."


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kiev", "Kyiv"),
        ("Mohammed", "Muhammad"),
        ("Gadhafi", "Qaddafi"),
        ("Osama", "Usama"),
        ("Teheran", "Tehran"),
        ("Hezbollah", "Hizbollah"),
    ],
)
def test_two_spellings_of_one_place_beside_one_figure_are_one_event(one: str, other: str) -> None:
    a, b = _WOUNDED.format(one), _WOUNDED.format(other)
    assert not name_replaced(features(a), features(b))
    assert _matches(a, b)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Madrid", "Paris"),
        ("Iran", "Iraq"),
        ("Austria", "Australia"),
        ("Slovenia", "Slovakia"),
        # One sound key (Metaphone's "KN") but spelled apart; no key at all outside Latin.
        ("Ghana", "Kenya"),
        ("Москве", "Киеве"),
    ],
)
def test_look_alike_places_beside_one_figure_are_two_events(one: str, other: str) -> None:
    a, b = _WOUNDED.format(one), _WOUNDED.format(other)
    assert name_replaced(features(a), features(b))
    assert not _matches(a, b)


def test_names_that_trade_places_are_no_replaced_name() -> None:
    # Each name still appears in the other sentence: a swap of roles, the order model's case.
    first = features("Brannek Holt signed the accord with Osvald Trime in Karvossa.")
    swapped = features("Osvald Trime signed the accord with Brannek Holt in Karvossa.")
    assert not name_replaced(first, swapped)


def test_a_quote_attributed_to_another_name_still_matches_by_its_quote() -> None:
    # The whole sentences replace a name; the quotation alone does not.
    first = '"We will rebuild every school that was lost in the floods," Karvossa said.'
    other = '"We will rebuild every school that was lost in the floods," Miltendorf said.'
    assert name_replaced(features(first), features(other))
    assert _matches(first, other)


# --------------------------------------------------------------- story-size-independent weights

PAIRS = [
    (
        "Homeland Security Secretary Kristi Noem sent a letter to Treasury Secretary Bessent.",
        "Kristi Noem, the Homeland Security Secretary, sent Treasury Secretary Bessent a letter.",
    ),
    (
        "The IRS has 2,290 law enforcement officers in its criminal investigation unit.",
        "The IRS criminal investigation unit has 2,290 law enforcement officers.",
    ),
    (
        "The Pentagon deployed 1,500 troops to help seal the southern border.",
        "The Pentagon sent 1,500 more troops to the southern border on Wednesday.",
    ),
    (
        "A Treasury Department spokesperson did not immediately respond to a request for comment.",
        "The Treasury did not respond to a request for comment on Friday.",
    ),
    # Joined by the fact tier (names and action, then a figure), not by their wording.
    (
        "Talvik Osembe sent a letter to Mirela Varga on Friday asking for help with the inquiry.",
        "In a letter, Osembe asked Varga to back the investigation.",
    ),
    (
        "Of roughly 100,000 employees, the IRS has approximately 2,100 criminal investigators.",
        "The IRS has 2,290 law enforcement officers in its criminal investigation unit.",
    ),
]
#: Words of articles about something else entirely (no word in common with ``PAIRS``).
OTHER_WORDS = (
    "orchard pears apples harvest valley mild sunny autumn museum wing renovation "
    "choir rehearsal violins cellist glacier fjord ferry puffins kayaks lighthouse"
).split()
unrelated_article = st.lists(
    st.lists(st.sampled_from(OTHER_WORDS), min_size=4, max_size=12).map(
        lambda words: " ".join(words).capitalize() + "."
    ),
    min_size=1,
    max_size=8,
).map(" ".join)


def _documents(texts: list[str]) -> list[Document]:
    return [
        Document(id=f"art{i:03d}", source=f"art{i:03d}.txt", raw=text, structured=True)
        for i, text in enumerate(texts)
    ]


def _joined(texts: list[str]) -> bool:
    """Whether the first sentences of the first two articles end up in one passage."""
    story = story_from_documents(_documents(texts))
    return any(
        {m.article for m in p.members} >= {"art000", "art001"}
        and all(m.first_sentence == 0 for m in p.members if m.article in ("art000", "art001"))
        for p in story.passages
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PAIRS), st.lists(unrelated_article, min_size=1, max_size=12))
def test_a_pairs_decision_does_not_change_when_unrelated_articles_are_added(
    pair: tuple[str, str], others: list[str]
) -> None:
    alone = _joined(list(pair))
    assert _joined([*pair, *others]) == alone


def test_a_pair_alone_is_judged_as_among_many() -> None:
    # Word weights from the story alone made every shared word of a two-sentence story weigh
    # little: the pair's similarity fell far below what it is among other sentences.
    for a, b in PAIRS:
        fa, fb = features(a), features(b)
        alone = similarity(fa, fb, Weights([fa, fb]))
        packed = similarity(fa, fb, Weights([fa, fb, *(features(t) for t in BACKGROUND * 20)]))
        assert alone == pytest.approx(packed, abs=0.02)
        story_only = similarity(fa, fb, Weights([fa, fb], prior=None))
        assert story_only < alone  # what the prior fixes


# ---------------------------------------------------------------------------- figure rule


def _figure(a: str, b: str) -> str | None:
    fa, fb = features(a), features(b)
    return same_reported_figure(fa, fb, _weights(a, b))


def test_the_same_count_in_two_places_is_two_facts() -> None:
    assert (
        _figure(
            "A suicide bomber killed 17 people in Kabul on Monday, police said.",
            "A car bomb killed 17 people in Madrid on Monday, police said.",
        )
        is None
    )
    # With a name in common it is one fact retold.
    assert (
        _figure(
            "A suicide bomber killed 17 people in Kabul on Monday, police said.",
            "Police in Kabul said 17 people died when a suicide bomber struck on Monday.",
        )
        == "17 people"
    )


def test_a_small_count_without_names_is_no_fact() -> None:
    assert (
        _figure(
            "17 people were wounded when the bomb went off near the market.",
            "The blast near the market wounded 17 people.",
        )
        is None
    )


def test_money_in_two_deals_is_two_facts() -> None:
    assert (
        _figure(
            "Veltro Energy will pay $863 million in cash for the Norvane pipeline.",
            "Brackwater Mining agreed to pay $863 million in cash for Pellinor Group.",
        )
        is None
    )
    assert (
        _figure(
            "Veltro Energy will pay $863 million in cash for the Norvane pipeline.",
            "The Norvane pipeline goes to Veltro Energy for about $860 million in cash.",
        )
        == "$863 ~ $860"
    )


def test_two_exact_figures_that_differ_are_two_numbers() -> None:
    # Two closing prices 0.5% apart are two prices, not one figure given at two precisions.
    assert (
        _figure(
            "Boeing shares fell nearly 4 percent to $27.54 in New York Stock Exchange trade.",
            "Boeing shares fell 95 cents, or 3.3 percent, to $27.67 on the Stock Exchange.",
        )
        is None
    )
    # An estimate meets the exact figure near it; a rounding meets what it rounds.
    assert (
        _figure(
            "Of 100,000 employees, the IRS has approximately 2,100 criminal investigators.",
            "The IRS has 2,290 criminal investigators in its investigation unit.",
        )
        == "2,100 ~ 2,290 investigators"
    )
    assert (
        _figure(
            "The IRS has 2,290 criminal investigators in its investigation unit.",
            "The IRS has 2,300 criminal investigators in its investigation unit, it said.",
        )
        == "2,290 ~ 2,300 investigators"
    )


def test_ordinals_and_years_are_not_figures() -> None:
    assert features("It was the 14th day of the siege in Aleppo.").figures == ()
    assert features("Aleppo was rebuilt in the 14th century.").figures == ()
    assert features("The treaty of 1998 ended the war in Westphalia.").figures == ()


def test_the_thing_counted_must_agree() -> None:
    assert (
        _figure(
            "The IRS has 2,290 officers in its criminal investigation unit.",
            "The IRS has 2,290 vehicles in its criminal investigation fleet.",
        )
        is None
    )


# ---------------------------------------------------------------------------- fact tier

LETTER = "Talvik Osembe sent a letter to Mirela Varga on Friday asking for help with the inquiry."


def _fact(a: str, b: str) -> tuple[str, ...] | None:
    found = same_fact(features(a), features(b), _weights(a, b))
    return None if found is None else found.evidence


def test_a_fact_retold_in_other_words_is_joined_and_says_why() -> None:
    retold = "In a letter, Osembe asked Varga to back the investigation."
    assert not _matches(LETTER, retold)  # too few words in common for the sentence matcher
    assert _fact(LETTER, retold) == ("Osembe", "Varga")


def test_the_same_people_in_another_fact_stay_apart() -> None:
    assert (
        _fact(LETTER, "Talvik Osembe met Mirela Varga in Qeshlan to discuss the pipeline.") is None
    )
    assert (
        _fact(LETTER, "Osembe did not send a letter to Varga asking for help with the inquiry.")
        is None
    )


def test_a_full_name_is_one_participant() -> None:
    # Two things said by one person named in full: "Talvik Osembe" is one participant, not
    # two, so the sentences share too little to be one fact (the seeds' "Kristi Noem, who
    # signed the letter, said ..." once joined an unrelated "Kristi Noem said ...").
    assert (
        _fact(
            "Talvik Osembe, who signed the letter, said the inquiry had the support it needed.",
            "In her memo, Talvik Osembe said she would need the inquiry to find more staff.",
        )
        is None
    )
    # Two participants named in full still are two.
    assert _fact(
        LETTER, "In a letter, Talvik Osembe asked Mirela Varga for support with the inquiry."
    ) == ("Talvik", "Osembe", "Mirela", "Varga")


def test_initials_meet_a_name_written_out_after_the() -> None:
    # "The Varga Mining Authority" is the VMA, not the TVMA: news writes "The ..." at the
    # start of a sentence and the initials elsewhere.
    retold = "In a statement, VMA said it had fined Osembe for the spill in the river."
    for opening in ("The Varga", "Varga"):
        told = f"{opening} Mining Authority fined Osembe over the river spill last week."
        assert _fact(told, retold) == ("Osembe", "VMA")


def test_a_figure_and_a_name_are_a_fact() -> None:
    evidence = _fact(
        "Of roughly 100,000 employees, the IRS has approximately 2,100 criminal investigators.",
        "The IRS has 2,290 law enforcement officers in its criminal investigation unit.",
    )
    assert evidence == ("IRS", "2,100 ~ 2,290 investigators")


# Made up: a cost and a duration retold by three outlets, each in its own words.
COST = (
    "Port engineer Halvard Osembe put the cost of dredging at an estimated $42.5 million and "
    "said the work would take about 18 months.",
    "Clearing the channel is expected to run to $42.5 million, Osembe told reporters, with "
    "crews needing roughly 18 months to finish.",
    "According to Osembe, the port's chief engineer, the bill for the dredging should come to "
    "some $42.5 million, spread over 18 months.",
)


def test_two_agreeing_figures_beside_a_name_are_one_fact() -> None:
    # The words around each figure differ too much for one figure to count ...
    assert _figure(COST[0], COST[1]) is None
    # ... but two figures that agree, each about the same thing, beside a shared name do.
    assert _fact(COST[0], COST[1]) == ("Osembe", "$42.5 million", "18 months")
    assert _fact(COST[1], COST[2]) == ("Osembe", "$42.5 million", "18 months")
    off = dataclasses.replace(DEFAULT, fact_min_figures=0)
    a, b = features(COST[0]), features(COST[1])
    assert same_fact(a, b, _weights(*COST[:2]), off) is None


def test_a_unit_of_measure_is_one_unit_however_it_is_spelled() -> None:
    # "12 km" and "12 kilometres" count one thing: with the sum, two figures that agree.
    km = "Varnholt will resurface 12 km of road this summer for $40 million, officials said."
    spelled = "The $40 million contract covers 12 kilometres of road, and Varnholt starts in June."
    assert _fact(km, spelled) is not None
    assert [(f.value, f.unit) for f in features("The road is 12 kilometres long.").figures] == [
        (12.0, "km")
    ]


@pytest.mark.parametrize(
    "other",
    [
        # One figure counts something else (miles, not months).
        "Clearing the channel is expected to run to $42.5 million, Osembe told reporters, "
        "with crews dredging roughly 18 miles of it.",
        # Another scale: $42.5 billion is another sum.
        "Clearing the channel is expected to run to $42.5 billion, Osembe told reporters, with "
        "crews needing roughly 18 months to finish.",
        # Another participant: the same two figures about another port.
        "Clearing the Tarvik channel is expected to run to $42.5 million, Varga told reporters, "
        "with crews needing roughly 18 months to finish.",
        # The same two figures and person in another place: another event.
        "Clearing the channel at Tarvik is expected to run to $42.5 million, Osembe told "
        "reporters, with crews needing roughly 18 months to finish.",
        # Only one figure agrees.
        "Clearing the channel is expected to run to $42.5 million, Osembe told reporters, with "
        "crews needing roughly 30 months to finish.",
    ],
)
def test_two_figures_join_only_when_both_agree_about_the_same_thing(other: str) -> None:
    assert _fact(COST[0], other) is None


def test_a_sentence_retelling_a_copied_sentence_joins_its_passage() -> None:
    # Two outlets share the wording, a third retells the fact: one passage of three, a rewrite.
    copied = COST[0].replace("Port engineer", "The port engineer")
    story = story_from_documents(_documents([COST[0], copied, COST[1]]))
    sentences = [p for p in story.passages if p.kind != "shared wording"]
    assert [(len(p.members), p.kind) for p in sentences] == [(3, "rewrite")]


def test_a_fact_joins_a_wording_cluster_only_with_every_sentence_of_it() -> None:
    wording = [(0.9, (0, 0), (1, 0), ())]
    with_one = [*wording, (0.01, (2, 0), (0, 0), ("Osembe", "$42.5 million"))]
    groups = _greedy_clusters(with_one, {})
    assert [sorted(g.members) for g in groups] == [[0, 1]] and not groups[0].fact
    with_all = [*with_one, (0.01, (2, 0), (1, 0), ("Osembe", "18 months"))]
    groups = _greedy_clusters(with_all, {})
    assert [sorted(g.members) for g in groups] == [[0, 1, 2]]
    assert groups[0].fact and groups[0].evidence == ["Osembe", "$42.5 million", "18 months"]
    # Never two wording clusters merged by a fact.
    two = [*wording, (0.9, (2, 0), (3, 0), ()), (0.01, (0, 0), (2, 0), ("Osembe",))]
    assert sorted(sorted(g.members) for g in _greedy_clusters(two, {})) == [[0, 1], [2, 3]]


# -------------------------------------------------------------------- reasons on clusters


def test_a_chain_of_wording_matches_is_a_wording_cluster() -> None:
    # A-B 0.68, B-C 0.73 (A-C 0.17, no figure): joined on wording, so it stays "wording".
    matches = [(0.73, (1, 0), (2, 0), ()), (0.68, (0, 0), (1, 0), ())]
    groups = _greedy_clusters(matches, {})
    assert len(groups) == 1 and not groups[0].fact
    fact_only = _greedy_clusters([(0.0, (0, 0), (1, 0), ("Noem", "Bessent"))], {})
    assert fact_only[0].fact and fact_only[0].evidence == ["Noem", "Bessent"]
    # A fact match never pulls a sentence into a wording cluster.
    mixed = _greedy_clusters([*matches, (0.0, (2, 0), (3, 0), ("Noem", "Bessent"))], {})
    assert [sorted(g.members) for g in mixed] == [[0, 1, 2]]


def test_a_vetoed_pair_is_not_chained_into_one_passage() -> None:
    # "A signed with B" / "B signed with A" is vetoed, but each is close to a variant that
    # the order model lets through against the other orientation (an added word, honorifics):
    # the chain once put all four in one passage of close wording.
    texts = [
        "Siotcirk signed the accord with Priostost on the last day of the talks in Driosbaist.",
        "Priostost signed the accord with Siotcirk on the last day of the talks in Driosbaist.",
        "Siotcirk signed the accord with Priostost samours on the last day of the talks in "
        "Driosbaist.",
        "Ms. Priostost signed the accord with Mr. Siotcirk on the last day of the talks in "
        "Driosbaist.",
    ]
    story = story_from_documents(_documents(texts))
    joined = sorted(sorted(m.article for m in p.members) for p in story.passages)
    assert joined == [["art000", "art002"], ["art001", "art003"]]


def test_a_veto_is_a_conflict_in_clustering() -> None:
    # (0, 0)-(1, 0) vetoed: (2, 0) joins the stronger of the two, the other stays apart,
    # whether it comes as a sentence or as a cluster of its own.
    matches = [(0.9, (0, 0), (2, 0), ()), (0.8, (1, 0), (2, 0), ())]
    vetoes = {(0, 0): [(1, 0)], (1, 0): [(0, 0)]}
    assert [sorted(g.members) for g in _greedy_clusters(matches, vetoes)] == [[0, 2]]
    merged = [(0.9, (0, 0), (2, 0), ()), (0.85, (1, 0), (3, 0), ()), (0.8, (2, 0), (3, 0), ())]
    groups = _greedy_clusters(merged, vetoes)
    assert [sorted(g.members) for g in groups] == [[0, 2], [1, 3]]
    assert len(_greedy_clusters(merged, {})) == 1


def test_clusters_keep_reason_and_evidence() -> None:
    texts = [
        LETTER,
        "In a letter, Osembe asked Varga to back the investigation.",
    ]
    story = story_from_documents(_documents(texts))
    clusters = align(story.articles)
    assert [(c.reason, c.evidence) for c in clusters] == [("fact", ("Osembe", "Varga"))]
    assert [p.kind for p in story.passages] == ["rewrite"]


# ------------------------------------------------------------------------------- settings


@pytest.fixture(scope="module")
def big_story() -> list:  # type: ignore[type-arg]
    return list(story_from_documents(generate_story(120, seed=3, words=300)).articles)


def _signature(clusters: list) -> list:  # type: ignore[type-arg]
    return sorted(sorted(c.spans.items()) for c in clusters)


@pytest.mark.parametrize(
    "change",
    [
        {"posting_window": 1, "min_posting_cap": 2},
        {"max_candidates": 1},
        {"match_threshold": 0.9},
        {"prior_sentences": 0.0},
    ],
)
def test_each_limit_changes_the_result_on_a_big_story(big_story: list, change: dict) -> None:  # type: ignore[type-arg]
    default = _signature(align(big_story))
    changed = _signature(align(big_story, settings=Settings(**change)))
    assert changed != default


def test_the_fact_tier_follows_its_settings() -> None:
    texts = [LETTER, "In a letter, Osembe asked Varga to back the investigation."]
    articles = story_from_documents(_documents(texts)).articles
    assert len(align(articles)) == 1
    assert align(articles, settings=Settings(fact_min_names=3.0)) == []
    assert align(articles, settings=Settings(fact_action_overlap=0.9)) == []
