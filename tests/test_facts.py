"""The fact-checker's engine: quotes, figures, dates, first seen and directional shared text."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stories import make_story

from tui.core.analysis import Analysis, analyse
from tui.core.dates import parse_date
from tui.core.figures import AGREE, DISAGREE, PRECISION, SINGLE, find_figures, status_words
from tui.core.model import Article, Sentence, Span, Story
from tui.core.outlets import _order
from tui.core.quotes import QuoteGroup, cited_spans, find_quotes


def facts(story: Story) -> Analysis:
    return analyse(story.articles, story.passages)


def group_with(analysis: Analysis, words: str) -> QuoteGroup:
    return next(g for g in analysis.quote_groups if words in g.versions[0].quote.text)


def one_article(*paragraphs: str) -> Article:
    return make_story({"a": list(paragraphs)}, []).articles[0]


# --- quotes ---------------------------------------------------------------------------------


def test_a_word_changed_inside_the_quote_is_a_wording_change_not_minor() -> None:
    story = make_story(
        {
            "a": ["“We will not raise taxes this year,” the mayor said."],
            "b": ["“We won’t raise taxes this year,” the mayor said."],
            "c": ['"We will not raise taxes this year," Mayor Jones wrote.'],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    group = facts(story).quote_groups[0]
    assert group.articles == ("a", "b", "c")
    by_article = {v.quote.article: v for v in group.versions}
    assert by_article["b"].wording_changed
    changed = [c for c in by_article["b"].changes if c.kind == "wording"]
    assert changed and "will not" in changed[0].base and "won" in changed[0].text
    # Straight quotes and another attribution: not a change inside the marks.
    assert not by_article["c"].wording_changed
    assert all(c.kind == "minor" for c in by_article["c"].changes)
    assert group.attribution_differs and not group.speakers_differ


def test_a_quote_attributed_to_two_people_is_flagged() -> None:
    story = make_story(
        {
            "a": ["“The bridge is safe for traffic,” Mayor Jones said."],
            "b": ["“The bridge is safe for traffic,” said Governor Smith."],
        },
        [{"a": 0, "b": 0}],
    )
    group = facts(story).quote_groups[0]
    assert [v.quote.speaker_key for v in group.versions] == ["jones", "smith"]
    assert group.speakers_differ


def test_a_name_after_a_title_is_the_speaker() -> None:
    story = make_story(
        {
            "a": ['Council member Rosa Diaz said the plan "keeps taxes flat and schools open."'],
            "b": ['Council member James Ford said the plan "keeps taxes flat and schools open."'],
            "c": ['"It keeps taxes flat and schools open," council member Rosa Diaz said.'],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    group = facts(story).quote_groups[0]
    speakers = {v.quote.article: (v.quote.speaker, v.quote.speaker_key) for v in group.versions}
    assert speakers == {
        "a": ("Council member Rosa Diaz", "diaz"),
        "b": ("Council member James Ford", "ford"),
        "c": ("council member Rosa Diaz", "diaz"),
    }
    assert group.speakers_differ


def test_she_said_and_the_name_are_one_speaker() -> None:
    story = make_story(
        {
            "a": ["Jones spoke on Monday.", "“The bridge is safe for traffic,” she said."],
            "b": ["“The bridge is safe for traffic,” Jones wrote."],
        },
        [{"a": 1, "b": 0}],
    )
    group = facts(story).quote_groups[0]
    assert {v.quote.speaker_key for v in group.versions} == {"jones"}
    assert not group.speakers_differ


def test_the_title_and_the_name_the_article_gives_it_are_one_speaker() -> None:
    story = make_story(
        {
            "a": [
                "President Donald Trump spoke on Sunday.",
                "A source said the president told aides “the numbers are far too low.”",
            ],
            "b": ["Trump told aides “the numbers are far too low.”"],
            "c": ["A senior official told aides “the numbers are far too low.”"],
        },
        [{"a": 1, "b": 0, "c": 0}],
    )
    group = facts(story).quote_groups[0]
    keys = {v.quote.article: v.quote.speaker_key for v in group.versions}
    assert keys == {"a": "trump", "b": "trump", "c": "official"}
    assert group.speakers_differ  # the unnamed official is someone else


def test_the_role_and_the_name_the_group_gives_that_title_are_one_speaker() -> None:
    # b never names the governor; a calls her Governor Ana Ruiz, c Ruiz.
    quote = "“These levees protect every home in the valley,”"
    story = make_story(
        {
            "a": [f"{quote} Governor Ana Ruiz said after the debate."],
            "b": [f"{quote} the governor told reporters."],
            "c": [f"{quote} Ruiz said."],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    group = facts(story).quote_groups[0]
    assert {v.quote.article: v.quote.speaker_key for v in group.versions} == {
        "a": "ruiz",
        "b": "ruiz",
        "c": "ruiz",
    }
    assert not group.speakers_differ
    assert group.flags == ("attributed in other words",)


def test_a_role_two_names_carry_stays_a_role() -> None:
    quote = "“These levees protect every home in the valley,”"
    story = make_story(
        {
            "a": [f"{quote} Governor Ana Ruiz said."],
            "b": [f"{quote} the governor told reporters."],
            "c": [f"{quote} Governor Ben Cole said."],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    group = facts(story).quote_groups[0]
    assert {v.quote.article: v.quote.speaker_key for v in group.versions}["b"] == "governor"
    assert group.speakers_differ  # Ruiz and Cole


def test_she_after_a_quote_is_the_quotes_speaker_not_an_earlier_name() -> None:
    (quote, she) = find_quotes(
        one_article(
            "Senator Ben Cole opened the debate on the levees.",
            "“These levees protect every home in the valley,” Ruiz said.",
            "She called the vote “a promise kept.”",
        )
    )
    assert (she.speaker, she.speaker_key) == ("She", "ruiz")
    assert quote.speaker_key == "ruiz"


@pytest.mark.parametrize("opening", ["Not everyone agreed with Ruiz.", "Her rival spoke next."])
def test_a_capitalised_word_that_is_no_name_never_becomes_the_speaker(opening: str) -> None:
    (_, he) = find_quotes(
        one_article(
            "“These levees protect every home in the valley,” the governor wrote.",
            opening,
            "“It is a fantasy,” he said.",
        )
    )
    assert he.speaker_key not in ("not", "her")


RULING = "“The ruling is unfair to every tenant in the city,” Smith said."
APPEAL = "“We will appeal the ruling next week,”"


def test_he_after_another_person_is_named_is_not_the_earlier_speaker() -> None:
    # Jones is named between Smith's quote and "he said": it may be either, so the reader is
    # not told that two outlets give this quote to different people.
    story = make_story(
        {
            "a": [
                RULING,
                "The court then heard from Mr. Jones, the city’s lawyer.",
                f"{APPEAL} he said.",
            ],
            "b": [f"{APPEAL} Jones said."],
        },
        [],
    )
    (group,) = [g for g in facts(story).quote_groups if len(g.versions) == 2]
    assert {v.quote.article: v.quote.speaker_key for v in group.versions} == {
        "a": None,
        "b": "jones",
    }
    assert not group.speakers_differ


@pytest.mark.parametrize(
    ("between", "pronoun", "expected"),
    [
        # The article gives the other person's gender: only one of them can be "he" / "she".
        ("The court then heard from Ms. Jones, the city’s lawyer.", "he", "smith"),
        ("The court then heard from Ms. Jones, the city’s lawyer.", "she", None),
        ("Later Mr. Smith and Ms. Jones left the court.", "she", "jones"),
        # A full name whose surname the article writes alone is a person.
        ("The court then heard from Ann Jones, the city’s lawyer.", "he", None),
        # "Supreme Court" is no person, though the article writes "the Court".
        ("The case now goes to the Supreme Court in Washington.", "he", "smith"),
    ],
)
def test_a_pronoun_goes_to_the_one_person_it_can_be(
    between: str, pronoun: str, expected: str | None
) -> None:
    quotes = find_quotes(
        one_article(
            RULING, between, f"{APPEAL} {pronoun} said.", "Jones and the Court said no more."
        )
    )
    assert quotes[-1].speaker_key == expected


FULL = (
    "“We will rebuild the bridge, we will reopen the road and we will finish by spring,” "
    "Jones said."
)


def test_a_shortened_quote_says_what_is_left_out_and_whether_the_cut_is_marked() -> None:
    story = make_story(
        {
            "a": [FULL],
            "b": ["“We will rebuild the bridge … and we will finish by spring,” Jones said."],
            "c": ["“We will rebuild the bridge and we will finish by spring,” Jones said."],
            "d": ["Jones promised to “finish by spring” at the meeting."],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    group = facts(story).quote_groups[0]
    assert group.versions[0].quote.article == "a"  # the fullest version is the base
    by_article = {v.quote.article: v for v in group.versions}
    marked, unmarked = by_article["b"], by_article["c"]
    assert any("reopen the road" in words for words in marked.left_out)
    assert all(c.marked for c in marked.changes if c.kind == "cut")
    assert any("reopen the road" in words for words in unmarked.left_out)
    assert not any(c.marked for c in unmarked.changes if c.kind == "cut")
    assert not marked.wording_changed and not unmarked.wording_changed
    # A partial quote of the same statement, outside any passage, joins the group directly.
    partial = by_article["d"]
    assert partial.quote.partial and partial.left_out
    # What each says of its cut: an ellipsis, nothing where words went missing inside the
    # quote, and a fragment quoted in part, which needs no ellipsis at its ends.
    assert [v.how_cut for v in (marked, unmarked, partial)] == [
        "marked with …",
        "not marked",
        "quoted in part",
    ]
    assert group.shortened


def test_a_one_word_difference_is_wording_not_a_cut() -> None:
    story = make_story(
        {
            "a": ["“It is the understanding of the Department of the Treasury,” Noem wrote."],
            "b": ["“It is the understanding of the Department of Treasury,” Noem wrote."],
        },
        [{"a": 0, "b": 0}],
    )
    version = facts(story).quote_groups[0].versions[1]
    assert [(c.kind, c.base) for c in version.changes] == [("wording", "the")]


def test_a_quote_over_several_paragraphs_is_one_quote() -> None:
    article = one_article(
        "“The first part of the statement runs here.",
        "“The second part ends it,” Jones said.",
        "Not quoted at all.",
    )
    (quote,) = find_quotes(article)
    assert len(quote.parts) == 2
    assert quote.text == "The first part of the statement runs here. The second part ends it,"
    assert quote.speaker == "Jones"
    assert article.text[quote.sentence.start : quote.sentence.end].endswith("Jones said.")


def test_nested_quotes_and_apostrophes_stay_inside_one_quotation() -> None:
    (quote,) = find_quotes(one_article("“She told me ‘never again’ and didn’t stay,” Jones said."))
    assert quote.text == "She told me ‘never again’ and didn’t stay,"


def test_speakers_from_role_phrases_and_according_to() -> None:
    quotes = find_quotes(
        one_article(
            '"We are ready," a DHS spokesperson told reporters.',
            'The plan is "dead on arrival," according to a senior DHS official.',
            "Noem wrote: “Thank you for your help.”",
            "The meeting ended.",
            "“Nobody said so.”",
        )
    )
    assert [q.speaker for q in quotes] == [
        "a DHS spokesperson",
        "a senior DHS official",
        "Noem",
        None,
    ]
    assert quotes[1].partial and not quotes[0].partial


def test_a_long_lower_case_title_before_a_full_name_is_the_speaker() -> None:
    quotes = find_quotes(
        one_article(
            "“The canal will reopen in spring,” harbour safety board chair Ines Okoro said.",
            "The canal closed in May.",
            "“It was chaos,” residents of Millbrook Road said.",
        )
    )
    assert [(q.speaker, q.speaker_key) for q in quotes] == [
        ("harbour safety board chair Ines Okoro", "okoro"),
        (None, None),
    ]


def test_a_title_in_lower_case_and_a_name_after_the_verb_is_the_speaker() -> None:
    quotes = find_quotes(
        one_article(
            "“We cannot let barges pass,” said harbour master Lena Vogt.",
            "“The water is falling,” said city spokesman John Ode on Monday.",
            "“The locks will hold,” said lock keeper Łukasz Nowak.",
        )
    )
    assert [(q.speaker, q.speaker_key) for q in quotes] == [
        ("harbour master Lena Vogt", "vogt"),
        ("city spokesman John Ode", "ode"),
        ("lock keeper Łukasz Nowak", "nowak"),
    ]
    # After "told" come the listeners; a day or a place names no one, nor do the people
    # among whom the speakers were.
    for said in (
        "told state broadcaster CCTV",
        "said officials Tuesday",
        "said police Sept. 12",
        "said protesters outside City Hall",
        "said analysts including John Smith",
        "said residents of the old town",
    ):
        (quote,) = find_quotes(one_article(f"“The water is too high,” {said}."))
        assert quote.speaker is None, said


def test_a_name_and_a_verb_phrase_before_a_colon_is_the_speaker() -> None:
    quotes = find_quotes(
        one_article(
            "Governor Ana Ruiz was blunt: “The levees will hold.”",
            "The vote is on Friday.",
            "Council member Rosa Diaz put it simply: “We cannot pay for this.”",
            "The vote is on Friday.",
            "Reaction was swift: “Resign now.”",
            "The vote is on Friday.",
            "The report had one conclusion: “The pier was never inspected.”",
            "The vote is on Friday.",
            "Ana Ruiz and her deputy disagreed: “Nothing was hidden.”",
            "The vote is on Friday.",
            "Ruiz’s critics were blunt: “She knew.”",
        )
    )
    assert [(q.speaker, q.speaker_key) for q in quotes] == [
        ("Governor Ana Ruiz", "ruiz"),
        ("Council member Rosa Diaz", "diaz"),
        (None, None),
        (None, None),
        (None, None),
        (None, None),
    ]
    assert quotes[0].attribution == "Governor Ana Ruiz was blunt"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab “”‘’\"'.,\n«»0123456789$%", max_size=200))
def test_quote_and_figure_offsets_are_inside_the_text(text: str) -> None:
    article = Article(
        "x", "x", None, None, None, text, (), (Span(0, len(text)),), (Sentence(0, len(text), 0),)
    )
    for quote in find_quotes(article):
        assert 0 <= quote.start <= quote.end <= len(text)
        for part in quote.parts:
            assert text[part.start : part.end] in quote.text
    for figure in find_figures(article):
        assert " ".join(text[figure.start : figure.end].split()) == figure.text


# --- figures --------------------------------------------------------------------------------


def figure_story(*versions: str) -> Story:
    ids = "abcd"[: len(versions)]
    return make_story(
        {i: [text] for i, text in zip(ids, versions, strict=True)}, [dict.fromkeys(ids, 0)]
    )


def test_figures_at_different_precisions_agree() -> None:
    story = figure_story(
        "The city has 2,290 police officers on duty.",
        "The city has about 2,300 police officers on duty.",
    )
    group = facts(story).figure_groups[0]
    assert group.status == PRECISION
    assert [v.text for v in group.values] == ["2,290", "about 2,300"]
    assert status_words(group) == "agree at different precisions"
    # A bound beside the number is consistent with it, at no other precision.
    bound = figure_story(
        "The city has 2,290 police officers on duty.",
        "The city has more than 2,290 police officers on duty.",
    )
    (group,) = facts(bound).figure_groups
    assert group.status == PRECISION and status_words(group) == "consistent: one gives a bound"
    assert status_words(group, short=True) == "consistent"


def test_figures_that_disagree_are_flagged_with_every_value_and_outlet() -> None:
    story = figure_story(
        "The city has approximately 2,100 police officers on duty.",
        "The city has 2,290 police officers on duty.",
        "The city has 2,290 police officers, officials said.",
        "The city has about 2,300 police officers on duty.",
    )
    group = facts(story).figure_groups[0]
    assert group.status == DISAGREE
    assert [(v.text, v.articles) for v in group.values] == [
        ("approximately 2,100", ("a",)),
        ("2,290", ("b", "c")),
        ("about 2,300", ("d",)),
    ]
    assert "police officers" in group.label


def test_a_small_measured_figure_is_read_and_compared_however_its_unit_is_spelled() -> None:
    # Under ``min_figure`` a count says too little ("3 agencies", "for 4 days"), but a
    # measure says how much: the river's level is what a fact-checker compares.
    story = figure_story(
        "The river rose to 8.5 metres at the city's gauge on Tuesday.",
        "The river rose to 8.5 meters at the city's gauge on Tuesday.",
        "The river rose to 6.2 m at the city's gauge on Tuesday.",
        "The river rose to 6.2 metres at the city's gauge on Tuesday.",
    )
    (group,) = facts(story).figure_groups
    assert group.status == DISAGREE
    # "6.2 m" is no measure: "m" is also "million" and "minutes".
    assert [(v.text, v.articles) for v in group.values] == [("6.2", ("d",)), ("8.5", ("a", "b"))]
    small = one_article("Crews from 3 agencies worked for 4 days to clear 2.5 km of road.")
    assert [(f.text, f.unit) for f in find_figures(small)] == [("2.5", "km")]
    # Told in two sentences no passage joins, "km" and "kilometres" are one unit.
    apart = make_story(
        {
            "a": ["The county will resurface 2.5 km of road in Marlow this summer."],
            "b": ["Marlow roads: crews will resurface 2.5 kilometres of road, the county said."],
        },
        [],
    )
    (length,) = facts(apart).figure_groups
    assert [f.article for f in length.figures] == ["a", "b"]


def test_a_figure_written_close_up_to_its_scale_or_unit_is_read() -> None:
    # British and wire copy write "£5m", "$2.5bn", "12km": each is the figure spelled out.
    story = figure_story(
        "The council approved £5m for the bridge repairs on Tuesday night.",
        "The council approved £5 million for the bridge repairs on Tuesday night.",
        "The council approved £7m for the bridge repairs on Tuesday night.",
    )
    (group,) = facts(story).figure_groups
    assert group.status == DISAGREE
    assert sorted((v.text, v.articles) for v in group.values) == [
        ("£5 million", ("b",)),
        ("£5m", ("a",)),
        ("£7m", ("c",)),
    ]
    assert sorted(f.value for f in group.figures) == [5e6, 5e6, 7e6]
    read = one_article(
        "The $2.5bn deal covers a 1.2km stretch, 250kg loads and 90mph winds, since March 5km"
        " of road shut; some 3m people, a 5m wave and €30mm are not said in full."
    )
    assert [(f.text, f.value, f.unit) for f in find_figures(read)] == [
        ("$2.5bn", 2.5e9, "$"),
        ("1.2km", 1.2, "km"),
        ("250kg", 250.0, "kg"),
        ("90mph", 90.0, "mph"),
        ("5km", 5.0, "km"),  # a distance, not 5 March
    ]


def test_a_specific_figure_of_the_same_body_is_one_figure_whatever_noun_counts_it() -> None:
    # Not in one passage, counted with other nouns: "2,290" of the IRS twice is one figure;
    # a round "2,000" of the IRS and a 2,290 of another body are not joined to it.
    story = make_story(
        {
            "a": ["The IRS has 2,290 law enforcement officers on its rolls."],
            "b": [
                "The Internal Revenue Service division has 2,290 special agents trained.",
                "The IRS declined to comment.",
            ],
            "c": ["The IRS also employs 2,000 auditors in the field."],
            "d": ["The FBI has 2,290 special agents in the region."],
        },
        [],
    )
    analysis = facts(story)
    shared = [g for g in analysis.figure_groups if len(g.articles) > 1]
    assert [(g.articles, g.status) for g in shared] == [(("a", "b"), AGREE)]


def test_figures_that_count_different_things_are_not_grouped_or_emphasised() -> None:
    story = figure_story(
        "The city has 2,290 police officers and 100,000 residents.",
        "The city has 2,290 police officers and 40,000 cars.",
    )
    analysis = facts(story)
    statuses = {g.label: g.status for g in analysis.figure_groups}
    assert statuses["police officers"] == AGREE
    assert statuses["residents"] == SINGLE and statuses["cars"] == SINGLE
    article = story.article("a")
    (span,) = analysis.figure_spans[("p1", "a")]
    assert article.text[span.start : span.end] == "2,290"


def test_no_more_than_is_a_ceiling_and_not_fewer_than_a_floor() -> None:
    # "no more than 50" is not the "more than 50" inside it, and "not fewer than 20" is no
    # denial: both are the outlet's figures, and a floor against a ceiling disagrees.
    story = make_story(
        {
            "a": ["The ferry can carry no more than 50 cars, and not fewer than 20 people ride."],
            "b": ["The ferry can carry more than 50 cars, and not fewer than 20 people ride."],
        },
        [{"a": 0, "b": 0}],
    )
    groups = {g.label: g for g in facts(story).figure_groups}
    cars, people = groups["cars"], groups["people ride"]
    assert cars.status == DISAGREE
    assert {v.text for v in cars.values} == {"no more than 50", "more than 50"}
    assert [(v.text, v.articles) for v in people.values] == [("not fewer than 20", ("a", "b"))]


def test_two_different_lower_bounds_of_one_count_disagree() -> None:
    # "At least 12" and "at least 21" dead are two counts of the dead, not one met by the
    # other; "more than 300" and "over 300" say the same, as do "about" and "roughly".
    story = make_story(
        {
            "a": ["At least 12 people died in the fire, and more than 300 families fled."],
            "b": ["The fire killed at least 21 people, and over 300 families fled."],
            "c": ["The fire killed at least 12 people, and more than 300 families fled."],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    groups = {g.label: g for g in facts(story).figure_groups}
    dead, fled = groups["people"], groups["families fled"]
    assert dead.status == DISAGREE
    assert [(v.text, v.articles) for v in dead.values] == [
        ("at least 12", ("a", "c")),  # "At least" opening a sentence is no other value
        ("at least 21", ("b",)),
    ]
    assert fled.status == AGREE


def test_approximations_of_one_value_agree() -> None:
    story = figure_story(
        "The span carries about 18,000 vehicles a day.",
        "The span carries roughly 18,000 vehicles a day.",
        "The span carries about 18,000 vehicles a day.",
    )
    (group,) = facts(story).figure_groups
    assert group.status == AGREE


def test_what_is_said_of_one_quantity_joins_it_across_the_story() -> None:
    # No shared passage, no names: the cost of the repairs, said with "cost", is one
    # quantity wherever an outlet gives one value of it; an outlet giving two tells of two.
    story = make_story(
        {
            "a": ["The repairs are expected to cost $4.2 million."],
            "b": ["Officials said the work will cost $4.8 million, paid by the state."],
            "c": ["The repairs will cost $4.2 million, the mayor said."],
            "d": ["The old bridge cost $1.5 million to build.", "Repairs will cost $6 million."],
        },
        [],
    )
    groups = facts(story).figure_groups
    cost = next(g for g in groups if len(g.articles) > 1)
    assert cost.status == DISAGREE
    assert [(v.text, v.articles) for v in cost.values] == [
        ("$4.2 million", ("a", "c")),
        ("$4.8 million", ("b",)),
    ]
    assert all(g.status == SINGLE for g in groups if "d" in g.articles)


def test_one_sum_told_in_other_words_disagrees_though_no_sentences_were_matched() -> None:
    # The user story: no shared passage, another predicate ("carries a price tag"), no names;
    # the same kind of sum, close in value, in agreeing words: one quantity, in dispute.
    story = make_story(
        {
            "a": ["The repairs will cost $48 million, most of it paid for by a state grant."],
            "b": [
                "The project carries a price tag of $52 million, most of it covered by a state "
                "grant."
            ],
        },
        [],
    )
    (group,) = facts(story).figure_groups
    assert group.status == DISAGREE
    assert [(v.text, v.articles) for v in group.values] == [
        ("$48 million", ("a",)),
        ("$52 million", ("b",)),
    ]
    assert group.label == "money ($)"


def test_two_sums_of_one_story_are_not_a_disagreement() -> None:
    # The repairs' $48 million against $52 million is the dispute. The $2 million for
    # lighting, said with the same verb as the repairs' cost, is another quantity (given
    # alike by two outlets), and so is the $50 million for a park, close in value and said
    # in the same words as one outlet's cost of the repairs.
    story = make_story(
        {
            "a": [
                "The repairs will cost $48 million, most of it paid for by a state grant.",
                "The council also set aside $2 million for new lighting.",
            ],
            "b": [
                "The city expects to spend $52 million on the bridge repairs, according to "
                "its budget office."
            ],
            "c": ["New lighting on the bridge will cost $2 million, the mayor said."],
            "d": ["Separately, the city will spend $50 million on a new waterfront park."],
        },
        [],
    )
    groups = facts(story).figure_groups
    (disputed,) = [g for g in groups if g.status == DISAGREE]
    assert [(v.text, v.articles) for v in disputed.values] == [
        ("$48 million", ("a",)),
        ("$52 million", ("b",)),
    ]
    values = {v.text: (v.articles, g.status, g.label) for g in groups for v in g.values}
    assert values["$2 million"] == (("a", "c"), AGREE, "money ($) for new lighting")
    assert values["$50 million"][0] == ("d",)


def test_one_count_of_other_places_is_two_counts() -> None:
    story = make_story(
        {
            "a": ["At least 17 people were wounded in Kabul on Monday."],
            "b": ["At least 18 people were wounded in Madrid on Monday."],
        },
        [],
    )
    assert {g.status for g in facts(story).figure_groups} == {SINGLE}


def test_one_value_retold_in_other_words_is_one_quantity() -> None:
    # Few words around the figures agree, but the value is the same and so is who gives it
    # (Okoro) or what is said of the count (hospital); other sentences stay apart.
    story = make_story(
        {
            "a": [
                "Engineer Ines Okoro put the repairs at $7.3 million.",
                "In all, 23 people were taken to hospital.",
            ],
            "b": [
                "Fixing the lock will run to $7.3 million, Okoro told reporters.",
                "Hospitals treated 23 people after the flood.",
            ],
            "c": ["The new ferry will cost $7.3 million, Mayor Dan Hale said."],
            "d": ["In all, 23 people were taken into custody."],
        },
        [],
    )
    groups = {(g.figures[0].kind, g.articles, g.status) for g in facts(story).figure_groups}
    assert groups == {
        ("money", ("a", "b"), AGREE),
        ("count", ("a", "b"), AGREE),
        ("money", ("c",), SINGLE),
        ("count", ("d",), SINGLE),
    }


def test_over_a_time_is_a_period_unless_it_says_how_long() -> None:
    (spread,) = find_figures(one_article("The work is spread over 14 months."))
    (shift,) = find_figures(one_article("The work is spread over 14 hrs."))
    (longer,) = find_figures(one_article("The work will take over 14 months."))
    (more,) = find_figures(one_article("The work ran for over 14 months."))
    (bound,) = find_figures(one_article("The bridge carries over 14,000 cars."))
    assert [(f.text, f.qualifier) for f in (spread, shift)] == [("14", None), ("14", None)]
    assert [f.qualifier for f in (longer, more, bound)] == ["over", "over", "over"]


def test_about_a_number_and_the_number_agree() -> None:
    story = figure_story(
        "The work will take about 14 months.",
        "The work will take 14 months.",
        "The work will take roughly 14 months.",
    )
    assert facts(story).figure_groups[0].status == AGREE
    story = figure_story("The work will take about 14 months.", "The work will take 15 months.")
    assert facts(story).figure_groups[0].status == DISAGREE


def test_counts_of_people_said_of_other_things_are_two_counts() -> None:
    # Close values, the same counted noun and the same words around, but one outlet counts
    # the dead and the other the injured; "the blast killed 12 people" is the same count.
    story = make_story(
        {
            "a": ["At least 12 people were killed in the blast, police said."],
            "b": ["At least 13 people were injured in the blast, police said."],
            "c": ["Police said the blast killed at least 12 people on Monday."],
        },
        [],
    )
    groups = facts(story).figure_groups
    assert DISAGREE not in {g.status for g in groups}
    assert [g.articles for g in groups if len(g.articles) > 1] == [("a", "c")]


def test_a_count_spelled_out_at_a_sentence_start_is_compared_with_the_numerals() -> None:
    # AP style writes a number that opens a sentence in words: "Seventeen" is 17, a count
    # that disagrees with the others' 14, and the word is no name of a participant.
    story = make_story(
        {
            "a": ["A fire at the Varga depot injured 14 people on Friday night, officials said."],
            "b": ["The blaze at the Varga depot injured 14 people, the fire service said."],
            "c": ["Seventeen people were injured, three of them seriously, the fire service said."],
        },
        [],
    )
    (group,) = [g for g in facts(story).figure_groups if len(g.articles) > 1]
    assert group.status == DISAGREE
    assert [(v.text, v.articles) for v in group.values] == [
        ("14", ("a", "b")),
        ("Seventeen", ("c",)),
    ]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Twenty-three firefighters fought the blaze for hours.", [23.0]),
        ("Ten of the 14 injured workers went home on Saturday.", [10.0, 14.0]),
        ("The twenty-first century began quietly in the town.", []),
        ("Two people were hurt and one was missing.", []),  # under ``min_figure``
        # Tens and unit joined by a space or a non-breaking hyphen are one number, not 30.
        ("Thirty seven people were hurt in the crash.", [37.0]),
        ("Twenty\u2011one people were hurt in the crash.", [21.0]),
        # A day after a month is a date, in words as in digits.
        ("On March twelve the council met with 40 residents.", [40.0]),
    ],
)
def test_numbers_in_words_from_ten_are_figures(sentence: str, values: list[float]) -> None:
    assert [f.value for f in find_figures(one_article(sentence))] == values


def test_an_age_in_words_is_an_age() -> None:
    (figure,) = find_figures(one_article("Ruiz, forty-two, was hurt in the crash."))
    assert (figure.kind, figure.value) == ("age", 42.0)


def test_a_duration_is_counted_by_its_unit_and_agrees_across_wordings() -> None:
    story = make_story(
        {
            "a": ["Construction is expected to begin in June and last about 14 months."],
            "b": [
                "Crews should start in June and wrap up roughly 14 months later, officials said."
            ],
            "c": ["The city expects the work to take about 14 months once it starts in June."],
        },
        [],
    )
    (group,) = [g for g in facts(story).figure_groups if len(g.articles) > 1]
    assert set(group.articles) == {"a", "b", "c"} and group.status == AGREE
    assert group.label == "months"


def test_a_denied_figure_is_not_the_outlets_and_its_correction_counts_the_same() -> None:
    story = make_story(
        {
            "a": ["The ferry carries about 900 passengers a day between the islands."],
            "b": ["The ferry carries roughly 900 passengers per day."],
            "c": [
                "The ferry does not carry 900 passengers a day, as reported; "
                "the operator's own count is 600."
            ],
        },
        [],
    )
    analysis = facts(story)
    (group,) = [g for g in analysis.figure_groups if len(g.articles) > 1]
    assert group.status == DISAGREE
    assert [(v.text, v.articles) for v in group.values] == [
        ("600", ("c",)),
        ("about 900", ("a",)),
        ("roughly 900", ("b",)),
    ]
    assert [f.text for f in analysis.figures if f.article == "c"] == ["600"]


def test_what_a_figure_counts_and_what_is_not_a_figure() -> None:
    article = one_article(
        "In 2024, the agency uncovered $2.1 billion in tax fraud.",
        "ICE averaged 787 arrests per day between Jan. 23-31 at 4:30 p.m. for 3 weeks.",
    )
    labels = [f.label for f in find_figures(article)]
    assert labels == ["$2.1 billion in tax fraud", "787 arrests per day (ICE)"]
    money = find_figures(article)[0]
    assert money.value == 2.1e9 and money.kind == "money"


@pytest.mark.parametrize(
    ("signed", "named"),
    [
        ("$300", "300 dollars"),
        ("$300", "300 US dollars"),
        ("$300", "300 USD"),
        ("$1.5 million", "1.5 million dollars"),
        ("€300", "300 euros"),
        ("¥300", "300 yen"),
    ],
)
def test_a_currency_named_after_the_number_is_the_money_its_sign_is(
    signed: str, named: str
) -> None:
    article = one_article(
        f"The city will pay {signed} for each tree.", f"The city will pay {named} for each tree."
    )
    sign, word = find_figures(article)
    assert (sign.text, word.text) == (signed, named)
    assert word.kind == "money"
    assert (word.value, word.unit, word.counts) == (sign.value, sign.unit, sign.counts)


def test_a_currency_both_signed_and_named_is_one_sum() -> None:
    (figure,) = find_figures(one_article("The city will pay $300 dollars for each tree."))
    assert (figure.text, figure.unit, figure.counts) == ("$300 dollars", "$", "for each tree")


def test_a_sum_in_dollars_agrees_with_its_sign_and_not_with_euros() -> None:
    story = make_story(
        {
            "a": ["The city will pay $300 for each tree it plants, the mayor said."],
            "b": ["The city will pay 300 dollars for each tree it plants, the mayor said."],
            "c": ["The city will pay 300 euros for each tree it plants, the mayor said."],
        },
        [{"a": 0, "b": 0, "c": 0}],
    )
    groups = [(g.articles, g.status, g.label) for g in facts(story).figure_groups]
    assert groups == [
        (("a", "b"), AGREE, "money ($) for each tree"),
        (("c",), SINGLE, "money (€) for each tree"),
    ]


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "moment", "timed"),
    [
        ("2025-02-10", datetime(2025, 2, 10), False),
        ("Feb. 10, 2025", datetime(2025, 2, 10), False),
        ("10 February 2025", datetime(2025, 2, 10), False),
        ("2025-02-10T14:03Z", datetime(2025, 2, 10, 14, 3), True),
        ("2025-02-10T14:03:00+01:00", datetime(2025, 2, 10, 13, 3), True),
        ("February 10, 2025 4:03 PM EST", datetime(2025, 2, 10, 21, 3), True),
        ("Published Feb. 10, 2025 (3 hours ago)", datetime(2025, 2, 10), False),
        ("2025-02-10 14:03", datetime(2025, 2, 10), False),  # no zone: only the day
    ],
)
def test_dates_parse(text: str, moment: datetime, timed: bool) -> None:
    when = parse_date(text)
    assert when is not None and (when.moment, when.timed) == (moment, timed)


@pytest.mark.parametrize(
    "text",
    [None, "", "unknown", "3 hours ago", "2025-02-30", "Feb. 31, 2025", "2025-02-10T25:00Z"],
)
def test_unknown_dates_stay_unknown(text: str | None) -> None:
    assert parse_date(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789-:+TZ ,.FebMarchAMPESTUC", max_size=40))
def test_any_date_string_parses_or_is_unknown(text: str) -> None:
    when = parse_date(text)
    assert when is None or when.iso()


def dated(story: Story, dates: dict[str, str | None]) -> Story:
    articles = tuple(replace(a, date=dates.get(a.id)) for a in story.articles)
    return replace(story, articles=articles)


def test_first_seen_orders_dated_outlets_and_keeps_unknown_apart() -> None:
    base = make_story(
        {i: ["The harbour bridge closes for three months of repairs."] for i in "abcd"},
        [dict.fromkeys("abcd", 0)],
    )
    story = dated(base, {"a": "2025-02-10T14:03Z", "b": "2025-02-09", "c": "2025-02-10", "d": None})
    seen = facts(story).provenance.first_seen["p1"]
    assert seen.first == ("b",)
    # c gives a day only, so its order against a's 14:03 that day is not known.
    assert seen.order == (("b",), ("c", "a"))
    assert seen.undated == ("d",)
    undated = facts(base).provenance.first_seen["p1"]
    assert undated.first == () and undated.undated == ("a", "b", "c", "d")


# --- who shares with whom -------------------------------------------------------------------


def test_shared_text_is_directional_and_most_shared_keeps_ties() -> None:
    wire = [f"Wire sentence number {n} about the harbour bridge." for n in range(10)]
    story = make_story(
        {
            "wire": wire,
            "short": [wire[0], wire[1]],
            "other": [wire[0], "Something else entirely here."],
        },
        [{"wire": 0, "short": 0, "other": 0}, {"wire": 1, "short": 1}],
    )
    prov = facts(story).provenance
    assert prov.articles.share("short", "wire") == pytest.approx(1.0)
    assert prov.articles.share("wire", "short") == pytest.approx(0.2, abs=0.01)
    assert prov.outlets.share("SHORT", "WIRE") == pytest.approx(1.0)
    partner = prov.most_shared["wire"]
    assert partner is not None and partner.others == ("short",)
    assert partner.back == (pytest.approx(1.0),)
    # "other" shares the same sentence with both: a tie, both named.
    tie = prov.most_shared["other"]
    assert tie is not None and tie.others == ("wire", "short")  # in story order


# --- the seeds ------------------------------------------------------------------------------


def test_seeds_noem_letter_quote(seeds_story: Story) -> None:
    analysis = seeds_story.analysis
    assert analysis is not None
    group = group_with(analysis, "qualified law enforcement personnel")
    outlets = {seeds_story.article(a).label for a in group.articles}
    assert outlets == {"NewsNation", "The Epoch Times", "Fox News"}
    changes = {
        seeds_story.article(v.quote.article).label: {(c.kind, c.base, c.text) for c in v.changes}
        for v in group.versions
    }
    everything = set().union(*changes.values())
    assert ("minor", ".", "") in everything  # DHS.’s / DHS’s
    assert ("wording", "the", "") in changes["Fox News"]  # Department of (the) Treasury
    assert not group.speakers_differ  # "she said" is Noem
    assert group.wording_changed


def test_seeds_irs_investigator_count_disagrees(seeds_story: Story) -> None:
    analysis = seeds_story.analysis
    assert analysis is not None
    label = {a.id: a.label for a in seeds_story.articles}
    group = next(g for g in analysis.figure_groups if any(v.value == 2290 for v in g.values))
    assert group.status == DISAGREE
    assert [(v.value, {label[a] for a in v.articles}) for v in group.values] == [
        (2100, {"NewsNation"}),
        # Breitbart's "2,290 special agents" of the Internal Revenue Service sits in no
        # shared passage and counts another noun; the specific value joins it all the same.
        (2290, {"The Epoch Times", "Breitbart News"}),
        (2300, {"MarsLink News"}),
    ]
    newsnation = next(a for a in seeds_story.articles if a.label == "NewsNation")
    spans = analysis.figure_spans[(group.passages[0], newsnation.id)]
    emphasised = [newsnation.text[s.start : s.end] for s in spans]
    assert emphasised == ["approximately 2,100"]  # not the unrelated "100,000"


def test_every_quote_and_figure_is_in_exactly_one_group(seeds_story: Story) -> None:
    analysis = seeds_story.analysis
    assert analysis is not None
    quoted = [(v.quote.article, v.quote.start) for g in analysis.quote_groups for v in g.versions]
    assert sorted(quoted) == sorted((q.article, q.start) for q in analysis.quotes)
    counted = [(f.article, f.start) for g in analysis.figure_groups for f in g.figures]
    assert sorted(counted) == sorted((f.article, f.start) for f in analysis.figures)


def _greedy_order(names: list[str], similarity: np.ndarray) -> tuple[str, ...]:
    """The reference: merge the globally most similar pair each time (O(n³))."""
    n = len(names)
    sim = similarity.copy()
    np.fill_diagonal(sim, -1.0)
    clusters = {i: [i] for i in range(n)}
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while len(clusters) > 1:
        masked = np.where(alive[:, None] & alive[None, :], sim, -1.0)
        i, j = divmod(int(masked.argmax()), n)
        if masked[i, j] <= 0:
            break
        merged = (sim[i] * sizes[i] + sim[j] * sizes[j]) / (sizes[i] + sizes[j])
        sim[i, :] = merged
        sim[:, i] = merged
        sim[i, i] = -1.0
        alive[j] = False
        sizes[i] += sizes[j]
        clusters[i] = clusters[i] + clusters.pop(j)
    groups = sorted(clusters.values(), key=lambda c: (-len(c), names[c[0]]))
    return tuple(names[i] for group in groups for i in group)


@pytest.mark.parametrize("seed", range(20))
def test_outlet_order_is_average_linkage(seed: int) -> None:
    # The O(n²) nearest-neighbour chain orders outlets as the greedy O(n³) merge does,
    # also when some outlets share nothing with the rest (zeros: groups of their own).
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    chars = rng.random((n, n)) * (rng.random((n, n)) < 0.4) * 1000
    np.fill_diagonal(chars, 0.0)
    totals = np.full(n, 1000.0)
    names = [f"outlet {k:02d}" for k in range(n)]
    share = chars / totals[:, None]
    assert _order(names, chars, totals) == _greedy_order(names, np.maximum(share, share.T))


@pytest.mark.parametrize(
    ("sentence", "cited"),
    [
        (
            "Agents detained forty people in Ohio, the Department of Homeland Security said.",
            ["the Department of Homeland Security"],
        ),
        ("Noem told Bessent the agency needed help.", ["Noem"]),
        (
            "The records were shared, said DHS spokesperson Tricia McLaughlin.",
            ["DHS spokesperson Tricia McLaughlin"],
        ),
        ("The raid went ahead, according to FEMA officials in Ohio.", ["FEMA officials"]),
        # Who a fact is about is no source: no citing verb, or the clause ends at "and".
        ("DHS sent a letter to Scott Bessent and said it wanted the records.", []),
        ("Noem asked Bessent to share the records.", []),
    ],
)
def test_the_sources_a_sentence_cites_are_told_from_its_participants(
    sentence: str, cited: list[str]
) -> None:
    assert [sentence[s:e] for s, e in cited_spans(sentence)] == cited


def test_a_month_name_before_a_distance_is_no_date() -> None:
    # "march" with a unit after its number is a verb before a distance, not a date.
    (walk,) = find_figures(one_article("The protesters will march 20 km to the capital."))
    assert walk.text == "20" and walk.value == 20
    assert find_figures(one_article("The vote is on March 15 in the hall.")) == ()


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        ("said Mr. Smith.", "Mr. Smith"),
        ("said Dr. Ann Lee, the port's engineer.", "Dr. Ann Lee"),
        ("said Gov. Lee. Then the council voted.", "Gov. Lee"),
    ],
)
def test_an_honorific_belongs_to_the_speaker_s_name(attribution: str, speaker: str) -> None:
    text = f"“We will rebuild the harbour wall this year,” {attribution}"
    (quote,) = find_quotes(one_article(text))
    assert quote.speaker == speaker
    assert [text[start:end] for start, end in cited_spans(text)] == [speaker]


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Ines Okoro, 64, said the wall would reopen.", "Okoro"),
        ("The 64-year-old Okoro said the wall would reopen.", "Okoro"),
        ("Okoro, aged 64, said the wall would reopen.", "Okoro"),
        ("Okoro is 64 years old.", "Okoro"),
    ],
)
def test_an_age_is_a_fact_about_a_person_not_a_count(sentence: str, person: str) -> None:
    (age,) = find_figures(one_article(sentence))
    assert (age.kind, age.value, age.unit) == ("age", 64, person.lower())
    assert age.label == f"64 years old ({person})"


def test_ages_are_compared_with_ages_of_the_same_person_only() -> None:
    groups = facts(
        make_story(
            {
                "a": ["Okoro, 64, said 64 workers had left the harbour site before noon."],
                "b": ["Okoro, 65, said the council would meet. Lee, 64, stayed home."],
            },
            [],
        )
    ).figure_groups
    by_label = {g.label: g for g in groups}
    okoro = by_label["years old (Okoro)"]
    assert okoro.status == DISAGREE
    assert [(v.text, v.articles) for v in okoro.values] == [("64", ("a",)), ("65", ("b",))]
    # Another person's age, and a count of the same value, are other figures.
    assert by_label["years old (Lee)"].status == SINGLE
    workers = next(g for g in groups if "workers" in g.label)
    assert [f.kind for f in workers.figures] == ["count"]


def test_a_dollar_named_by_its_country_is_read_and_told_from_the_others() -> None:
    (us,) = find_figures(one_article("The city will pay US$300 for each tree."))
    assert (us.text, us.kind, us.unit, us.value) == ("US$300", "money", "$", 300.0)
    # "US$300" and "$300" are one sum; "C$300" is Canadian dollars, another currency.
    same = figure_story(
        "The city will pay US$300 for each tree.", "The city will pay $300 for each tree."
    )
    (group,) = facts(same).figure_groups
    assert group.status == AGREE and group.label.startswith("money ($)")
    other = figure_story(
        "The city will pay C$300 for each tree.", "The city will pay $300 for each tree."
    )
    labels = sorted(g.label for g in facts(other).figure_groups)
    assert [label.split()[1] for label in labels] == ["($)", "(C$)"]


def test_a_scale_joined_by_a_hyphen_is_the_same_sum() -> None:
    story = figure_story(
        "He will launch a US$70 million program to clean up the city.",
        "He will launch a $70-million program to clean up the city.",
    )
    (group,) = facts(story).figure_groups
    assert group.status == AGREE and [f.value for f in group.figures] == [70e6, 70e6]
