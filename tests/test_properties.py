"""Invariants of the engine on generated stories: offsets, coverage, order independence."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.exporting import to_dict
from tui.core.model import Document, Story
from tui.core.reuse import TOKEN
from tui.core.reuse import token_key as reuse_key
from tui.core.settings import DEFAULT
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


def character_owners(story: Story) -> dict[tuple[str, int], int]:
    """How many passage members, single-source runs and rests of shared sentences hold each
    character of each article (a passage nested in a rewrite is left out: its characters
    are its rewrite's)."""
    owners: dict[tuple[str, int], int] = {}
    spans = [
        (m.article, m.start, m.end) for p in story.passages if p.within is None for m in p.members
    ]
    spans += [(u.article, u.start, u.end) for u in story.unique]
    # The rest of a shared sentence ("grant.") is shown with its passage: held once too.
    spans += [(r.article, r.start, r.end) for r in story.remnants]
    for article, start, end in spans:
        for offset in range(start, end):
            owners[(article, offset)] = owners.get((article, offset), 0) + 1
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
def test_a_nested_passage_lies_inside_its_parents_members(texts: list[str]) -> None:
    # Inside the parent's member in each of the parent's articles; its other members (a
    # copy from the parent's text into single-source text) in articles the parent lacks.
    story = story_from_documents(documents(texts))
    by_id = {p.id: p for p in story.passages}
    for passage in story.passages:
        if passage.within is None:
            continue
        parent = by_id[passage.within]
        assert parent.within is None
        assert any(passage.inside_parent(m.article) for m in passage.members)
        for member in passage.members:
            outer = parent.member_for(member.article)
            if passage.inside_parent(member.article):
                assert outer is not None
                assert outer.start <= member.start < member.end <= outer.end
            else:
                assert outer is None


@SETTINGS
@given(stories)
def test_every_character_is_in_exactly_one_passage_unique_run_or_remnant(texts: list[str]) -> None:
    # Shared wording may start or end inside a sentence, so coverage is of characters: every
    # letter or digit of every sentence is shown exactly once, in a passage member or in a
    # single-source run or a rest of a shared sentence (what is left beside a member is
    # either only if it holds one).
    story = story_from_documents(documents(texts))
    owners = character_owners(story)
    for article in story.articles:
        for sentence in article.sentences:
            for offset in range(sentence.start, sentence.end):
                count = owners.get((article.id, offset), 0)
                if article.text[offset].isalnum():
                    assert count == 1, (article.id, offset, article.text[offset])
                else:
                    assert count <= 1, (article.id, offset)


#: Articles that never repeat a sentence: when one does, it can pair one copy with two places
#: of another, and overlapping spans of one article join into a member wider than its
#: partner's (a known limit, in the README).
distinct_stories = st.lists(
    st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True).map(" ".join),
    min_size=2,
    max_size=4,
)


@SETTINGS
@given(distinct_stories)
def test_shared_wording_is_tight_and_long_enough(texts: list[str]) -> None:
    story = story_from_documents(documents(texts))
    for passage in story.passages:
        if passage.kind != "shared wording" or len(passage.members) != 2:
            continue
        first, second = ([reuse_key(t) for t in TOKEN.findall(m.text)] for m in passage.members)
        # A tight span starts and ends on a word both members have, ...
        assert first[0] == second[0] and first[-1] == second[-1], passage.members
        # ... and at least the minimum number of words match between them.
        common = sum(min(first.count(k), second.count(k)) for k in set(first))
        assert common >= DEFAULT.min_match_words


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


#: Pairs of one fact told in two ways, for stories whose retellings sit beside a shared quote.
RETOLD = [
    (
        'Voss said that "no hospital will close this year, and no patient will be turned away."',
        '"No hospital will close this year," Voss said, adding no patient would be turned away.',
    ),
    (
        "The ministry plans to cut 1,200 administrative jobs by 2027.",
        "The ministry intends to cut about 1,200 administrative posts by 2027, officials said.",
    ),
    (
        "Lindmark Grid was bought by Tarvo Energy on Monday.",
        "Tarvo Energy bought Lindmark Grid on Monday.",
    ),
]
retold_stories = st.lists(
    st.tuples(st.sampled_from(RETOLD), st.sampled_from(["", *POOL])), min_size=1, max_size=4
).map(
    lambda parts: [
        "\n\n".join(f"{pair[k]} {filler}".strip() if k else pair[k] for pair, filler in parts)
        for k in (0, 1)
    ]
)


@SETTINGS
@given(st.one_of(stories, retold_stories))
def test_no_single_source_text_has_a_match_it_was_not_joined_to(texts: list[str]) -> None:
    # "Single-source" beside a nearest candidate the matcher accepts, with no reason it was kept
    # apart, is a passage the engine lost.
    story = story_from_documents(documents(texts))
    for run in story.unique:
        for nearest in run.nearest[:1]:
            assert nearest.score < DEFAULT.match_threshold or nearest.kept_apart, (
                run.text,
                nearest,
            )
