"""What a reader of the seed story must see: the shared quotes aligned, the rest single-source."""

import pytest

from tui.core.model import Story
from tui.core.story import build_story

NEWSNATION, EPOCH, BREITBART, MARSLINK, FOX = (
    "000_29778df99ae2b88d",
    "001_7165b19397e62b7d",
    "002_6ed277844238a48a",
    "003_f94e1dfaebd033a1",
    "004_435a26a3b446f122",
)


@pytest.fixture(scope="module")
def story() -> Story:
    return build_story(["seeds"])


def passage_with(story: Story, article: str, words: str, kind: str | None = None):  # type: ignore[no-untyped-def]
    for passage in story.passages:
        member = passage.member_for(article)
        if member and words in member.text and kind in (None, passage.kind):
            return passage
    return None


def unique_with(story: Story, article: str, words: str) -> bool:
    return any(u.article == article and words in u.text for u in story.unique)


def test_noem_letter_sentence_aligns_across_three_outlets(story: Story) -> None:
    passage = passage_with(story, EPOCH, "It is DHS’s understanding")
    assert passage is not None
    assert set(passage.articles) == {NEWSNATION, EPOCH, FOX}
    assert not passage.same_wording  # "Department of Treasury" drops a word
    assert passage.kind == "close wording"
    for member in passage.members:
        assert "qualified law enforcement personnel" in member.text


def test_second_letter_quote_aligns_across_two_outlets(story: Story) -> None:
    passage = passage_with(story, FOX, "This letter requests that you make qualified officials")
    assert passage is not None
    assert set(passage.articles) == {EPOCH, FOX}


def test_boundaries_are_tight(story: Story) -> None:
    passage = passage_with(story, FOX, "It is DHS’s understanding")
    assert passage is not None
    fox = passage.member_for(FOX)
    assert fox is not None
    # The sentence before the quote in the same paragraph is not shared; it stays outside.
    assert "Even with these resources available" not in fox.text
    assert unique_with(story, FOX, "Even with these resources available")


def test_quotes_only_one_outlet_carries_stay_single_source(story: Story) -> None:
    assert unique_with(story, NEWSNATION, "not easy finding murderers")
    assert unique_with(story, EPOCH, "We have 30,000 beds in Guantanamo")
    assert unique_with(story, BREITBART, "Mobilizing these law enforcement officials")
    for words in ("not easy finding murderers", "30,000 beds", "Mobilizing these"):
        assert not any(words in m.text for p in story.passages for m in p.members)


def test_related_stories_are_in_no_body(story: Story) -> None:
    for article in story.articles:
        assert "Khamenei" not in article.text
        assert "Przemyslaw Jeziorski" not in article.text
    assert any("Khamenei" in block for block in story.article(NEWSNATION).removed)


def test_every_passage_spans_two_or_more_articles(story: Story) -> None:
    assert story.passages
    for passage in story.passages:
        assert len(set(passage.articles)) == len(passage.members) >= 2
        assert 0.0 <= passage.similarity <= 1.0


def test_stats_count_shared_and_single_source_text(story: Story) -> None:
    for article in story.articles:
        stats = story.stats[article.id]
        assert stats.words == len(article.text.split())
        assert 0.0 <= stats.shared <= 1.0
        assert stats.unique_passages == sum(1 for u in story.unique if u.article == article.id)
    assert story.stats[EPOCH].shared > 0


def test_one_figure_told_differently_is_a_close_rewrite(story: Story) -> None:
    # 2,100 investigators / 2,290 officers / about 2,300 officers in the IRS: one fact, three
    # wordings. Breitbart's "2,290 special agents" counts another noun, which the figure rule
    # (the thing counted must agree) does not take for the same count.
    passage = passage_with(story, MARSLINK, "2,300 law enforcement officers")
    assert passage is not None
    assert set(passage.articles) == {NEWSNATION, EPOCH, MARSLINK}
    for member, figure in zip(passage.members, ("2,100", "2,290", "2,300"), strict=True):
        assert figure in member.text
    # It is a rewrite, not a quote: the similarity and the kind say so.
    assert passage.similarity < 0.5
    assert passage.kind == "rewrite"


def test_the_letter_to_bessent_is_one_retold_fact(story: Story) -> None:
    # Every seed reports that Noem wrote to Bessent; three of them say it in one sentence
    # that shares few words with the others, and the fact tier joins them on the names; Fox
    # News's sentence names only Bessent, and joins by the clause it copies from NewsNation's.
    passage = passage_with(story, EPOCH, "Noem called on Treasury Secretary Scott Bessent")
    assert passage is not None
    assert passage.kind == "rewrite"
    assert {NEWSNATION, EPOCH, MARSLINK, FOX} <= set(passage.articles)
    for member in passage.members:
        assert "Bessent" in member.text


def test_the_retold_letter_passage_holds_each_outlets_letter_sentence_only(story: Story) -> None:
    # "Kristi Noem" once counted as two participants, so Fox's "Kristi Noem, who signed the
    # letter, said Trump directed ..." and Breitbart's "Kristi Noem said she would like to
    # use the IRS investigators ..." joined the letter passage: other facts about Noem.
    passage = passage_with(story, NEWSNATION, "sent a letter to Treasury Secretary")
    assert passage is not None and passage.kind == "rewrite"
    assert {NEWSNATION, EPOCH, MARSLINK} <= set(passage.articles)
    fox = passage.member_for(FOX)
    assert fox is not None and fox.text.startswith("DHS sent a letter to Treasury Secretary")
    assert passage.member_for(BREITBART) is None
    assert unique_with(story, FOX, "who signed the letter")


def test_a_clause_two_outlets_share_inside_different_sentences_is_aligned(story: Story) -> None:
    # NewsNation and Fox News both write that Noem "sent a letter to Treasury Secretary Scott
    # Bessent", each inside a sentence of its own.
    # Both sentences also retell the letter (a rewrite, shown without a word diff): the clause
    # is a passage of its own nested inside that one.
    words = "sent a letter to Treasury Secretary Scott Bessent"
    passage = passage_with(story, FOX, words, kind="shared wording")
    assert passage is not None
    assert set(passage.articles) == {NEWSNATION, FOX}
    retold = passage_with(story, FOX, words, kind="rewrite")
    assert retold is not None and passage.within == retold.id
    for member in passage.members:
        sentence = story.article(member.article).sentences[member.first_sentence]
        whole = story.article(member.article).text[sentence.start : sentence.end]
        assert member.text in whole and member.text != whole  # tight: the clause, not more
        outer = retold.member_for(member.article)
        assert outer is not None and outer.start <= member.start < member.end <= outer.end
    # Counted once: the article's shared share, and no single-source run, are as before.
    assert not unique_with(story, FOX, words)


def test_a_copied_quote_leaves_its_attribution_single_source(story: Story) -> None:
    passage = passage_with(story, FOX, "This letter requests that you make qualified officials")
    assert passage is not None
    fox = passage.member_for(FOX)
    assert fox is not None and "Noem wrote" not in fox.text
    assert unique_with(story, FOX, "Noem wrote")
