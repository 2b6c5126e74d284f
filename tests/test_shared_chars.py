"""The text two outlets share never exceeds either's own."""

from __future__ import annotations

from tui.core.model import Document, Story
from tui.core.story import story_from_documents


def story(texts: dict[str, str]) -> Story:
    documents = [
        Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in texts.items()
    ]
    return story_from_documents(documents)


def test_an_article_copied_whole_shares_all_of_its_text_and_no_more() -> None:
    a = (
        "The Maple County council approved the school budget on Tuesday night.\n\n"
        "Council member Rosa Diaz said the budget puts classrooms first and keeps taxes flat.\n\n"
        "The plan adds forty teaching positions and closes the Oak Hill annex."
    )
    found = story({"a": a, "b": a + "\n\nParents had packed the chamber for more than an hour."})
    shared = found.analysis.provenance.articles
    # All of it, to the closing full stop (shared wording that runs to a sentence's end
    # keeps its stop), never the blank lines between the paragraphs, which the article's
    # total leaves out.
    assert shared.totals[0] == shared.chars_at(0, 1) == shared.chars_at(1, 0)
