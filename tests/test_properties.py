"""Invariants of the engine on generated stories: offsets, coverage, order independence."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.exporting import to_dict
from tui.core.model import Document, Story
from tui.core.story import build_story, story_from_documents

POOL = [
    "Homeland Security Secretary Kristi Noem sent a letter to Treasury Secretary Scott Bessent.",
    "The IRS has 2,290 law enforcement officers in its criminal investigation unit.",
    "“It is DHS’s understanding that the Department of the Treasury has qualified personnel.”",
    "The request comes after President Joe Biden hired an additional 80,000 IRS agents.",
    "ICE averaged 787 arrests per day between Jan. 23-31, officials said.",
    "A Treasury Department spokesperson did not immediately respond to a request for comment.",
    "The Pentagon deployed 1,500 troops to help seal the southern border.",
    "Justice Department personnel have already been deputized to assist with ICE operations.",
    "Local weather stayed mild for most of the week across the region.",
    "[bold]Markup[/] and \x1b[31mescapes\x1b[0m must stay plain text in the U.S. capital.",
    "Critics said the plan would pull resources away from tax enforcement efforts.",
    "中文 text and emoji 🙂 appear in this sentence about the memo.",
]

sentence = st.sampled_from(POOL).flatmap(
    lambda s: st.sampled_from([s, s.replace("the", "a"), s.upper(), s.replace(",", "")])
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
article_text = st.lists(paragraph, min_size=1, max_size=6).map("\n\n".join)
stories = st.lists(article_text, min_size=2, max_size=5)


def documents(texts: list[str]) -> list[Document]:
    return [
        Document(id=f"art{i}", source=f"art{i}.txt", raw=text, structured=True)
        for i, text in enumerate(texts)
    ]


def sentence_owners(story: Story) -> dict[tuple[str, int], int]:
    owners: dict[tuple[str, int], int] = {}
    spans = [
        (m.article, m.first_sentence, m.last_sentence) for p in story.passages for m in p.members
    ]
    spans += [(u.article, u.first_sentence, u.last_sentence) for u in story.unique]
    for article, first, last in spans:
        for index in range(first, last + 1):
            owners[(article, index)] = owners.get((article, index), 0) + 1
    return owners


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(stories)
def test_offsets_slice_to_member_text(texts: list[str]) -> None:
    story = story_from_documents(documents(texts))
    by_id = {a.id: a for a in story.articles}
    for passage in story.passages:
        assert len({m.article for m in passage.members}) == len(passage.members) >= 2
        for member in passage.members:
            assert by_id[member.article].text[member.start : member.end] == member.text
        for index, ops in enumerate(passage.diffs):
            text = passage.members[index].text
            base = passage.members[passage.base].text
            for op in ops:
                assert 0 <= op.a_start <= op.a_end <= len(base)
                assert 0 <= op.b_start <= op.b_end <= len(text)
    for entry in story.unique:
        assert by_id[entry.article].text[entry.start : entry.end] == entry.text


@SETTINGS
@given(stories)
def test_every_sentence_is_in_exactly_one_passage_or_unique_entry(texts: list[str]) -> None:
    story = story_from_documents(documents(texts))
    owners = sentence_owners(story)
    for article in story.articles:
        for index in range(len(article.sentences)):
            assert owners.get((article.id, index)) == 1, (article.id, index)


@SETTINGS
@given(stories, st.randoms(use_true_random=False))
def test_shuffling_the_input_changes_nothing(texts: list[str], random) -> None:  # type: ignore[no-untyped-def]
    docs = documents(texts)
    shuffled = list(docs)
    random.shuffle(shuffled)
    assert to_dict(story_from_documents(shuffled)) == to_dict(story_from_documents(docs))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories, st.randoms(use_true_random=False))
def test_files_given_in_any_order_give_the_same_story(texts: list[str], random) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, text in enumerate(texts):
            path = Path(folder) / f"article-{index}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        shuffled = list(paths)
        random.shuffle(shuffled)
        assert to_dict(build_story(shuffled)) == to_dict(build_story(paths))
