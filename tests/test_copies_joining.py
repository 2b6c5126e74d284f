"""A copy of a passage's member into an article the passage lacks joins the passage, and the
text two outlets share never exceeds either's own."""

from __future__ import annotations

from tui.core.model import Document, Story
from tui.core.story import story_from_documents

LEDE = (
    "The city council will close the Elm Road library for eight months of roof repairs, "
    "officials said Monday"
)


def story(texts: dict[str, str]) -> Story:
    documents = [
        Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in texts.items()
    ]
    return story_from_documents(documents)


def test_a_lede_copied_into_a_longer_sentence_joins_the_ledes_passage() -> None:
    # d's sentence copies the lede and adds a clause, so the sentence matcher misses the
    # pair; b retells the lede, so the passage stays one of sentences, not shared wording.
    found = story(
        {
            "a": LEDE + ".\n\nThe library lends about 900 books a week.",
            "b": "The council will shut the Elm Road library for eight months while its roof is "
            "repaired, city officials said on Monday.\n\nVolunteers will run a book van.",
            "c": "ELMTON (Daily Wire) — " + LEDE + ".\n\nThe mayor did not comment.",
            "d": "ELMTON — " + LEDE + ", and readers will be sent to the Oak Street branch, "
            "which staff warned could mean longer waits.\n\nParking is limited.",
        }
    )
    (lede,) = [p for p in found.passages if any(m.article == "b" for m in p.members)]
    copy = {m.article: m.text for m in lede.members}["d"]
    assert copy.startswith("The city council will close") and copy.endswith("said Monday")
    assert not any(u.article == "d" and "Elm Road" in u.text for u in found.unique)


def test_an_article_copied_whole_shares_all_of_its_text_and_no_more() -> None:
    a = (
        "The Maple County council approved the school budget on Tuesday night.\n\n"
        "Council member Rosa Diaz said the budget puts classrooms first and keeps taxes flat.\n\n"
        "The plan adds forty teaching positions and closes the Oak Hill annex."
    )
    found = story({"a": a, "b": a + "\n\nParents had packed the chamber for more than an hour."})
    shared = found.analysis.provenance.articles
    # All but the closing full stop (shared wording ends at the last shared word), never
    # the blank lines between the paragraphs, which the article's total leaves out.
    assert shared.totals[0] - 1 == shared.chars_at(0, 1) == shared.chars_at(1, 0)
