"""Small made-up stories for tests: articles of one sentence per paragraph, passages given
by hand, so pairing and compare tests control exactly what is shared."""

from __future__ import annotations

from tui.core.analysis import analyse
from tui.core.analytics import count_pairs
from tui.core.diffing import is_same_wording, word_diff
from tui.core.model import Article, Member, Passage, Sentence, Span, Story, Unique


def make_story(texts: dict[str, list[str]], shared: list[dict[str, int]]) -> Story:
    """Articles of one sentence per paragraph; ``shared`` lists passages as {article: sentence}."""
    articles = []
    for article_id, sentences in texts.items():
        text = "\n\n".join(sentences)
        spans, found, start = [], [], 0
        for index, sentence in enumerate(sentences):
            spans.append(Span(start, start + len(sentence)))
            found.append(Sentence(start, start + len(sentence), index))
            start += len(sentence) + 2
        articles.append(
            Article(
                article_id,
                article_id,
                None,
                article_id.upper(),
                None,
                text,
                (),
                tuple(spans),
                tuple(found),
            )
        )
    by_id = {a.id: a for a in articles}
    passages = []
    covered: dict[str, set[int]] = {a.id: set() for a in articles}
    for number, spec in enumerate(shared, start=1):
        members = []
        for article_id, index in sorted(spec.items()):
            s = by_id[article_id].sentences[index]
            members.append(
                Member(
                    article_id,
                    s.start,
                    s.end,
                    by_id[article_id].text[s.start : s.end],
                    index,
                    index,
                )
            )
            covered[article_id].add(index)
        diffs = tuple(word_diff(members[0].text, m.text) for m in members)
        passages.append(
            Passage(
                f"p{number}", 0.9, tuple(members), 0, diffs, all(is_same_wording(d) for d in diffs)
            )
        )
    unique = [
        Unique(a.id, s.start, s.end, a.text[s.start : s.end], i, i)
        for a in articles
        for i, s in enumerate(a.sentences)
        if i not in covered[a.id]
    ]
    return Story(
        tuple(articles),
        tuple(passages),
        tuple(unique),
        analysis=analyse(articles, passages),
        analytics=count_pairs(articles, passages),
    )


def facts_story() -> Story:
    """A made-up story for the fact views: one quotation misquoted in one outlet, given to
    another speaker in a second and shortened with "…" in a third; a count the outlets
    disagree on and one only one outlet gives; outlets that copy each other more or less."""
    quote = '"We will not close the bridge before the spring thaw," Mayor Jones said.'
    count = "The city employs 2,290 bridge inspectors, the council said."
    return make_story(
        {
            "harbor": [
                quote,
                count,
                "Harbor Gazette notes the vote was 7 to 2.",
                "Repairs will cost an estimated 4 million dollars, officials said.",
            ],
            "metro": [
                '"We won\'t close the bridge before the spring thaw," the governor said.',
                "The city employs about 2,100 bridge inspectors, the council said.",
                "Metro Ledger's own detail about traffic.",
            ],
            "coast": [
                '"We will not close the bridge …" Jones said.',
                count,
                "Repairs will cost an estimated 4 million dollars, officials said.",
                "Coast Courier lists 35 detour signs.",
            ],
        },
        [
            {"harbor": 0, "metro": 0, "coast": 0},
            {"harbor": 1, "metro": 1, "coast": 1},
            {"harbor": 3, "coast": 2},
        ],
    )
