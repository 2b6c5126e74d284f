"""Inputs with no full stops (a transcript, a scraped page): aligned like any other text."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bench.pathological import _edited, _stream
from tui.core.model import Document, Story
from tui.core.settings import DEFAULT, Settings
from tui.core.story import story_from_documents


def _transcripts(words: int, settings: Settings) -> tuple[list[str], Story]:
    stream = _stream(words)
    raws = [" ".join(stream), _edited(stream, random.Random(3))]
    documents = [
        Document(f"t{n}", f"t{n}.md", raw, outlet=f"Outlet {n}", structured=True)
        for n, raw in enumerate(raws)
    ]
    return raws, story_from_documents(documents, settings=settings)


def _shared_share(story: Story, article: str) -> float:
    text = next(a for a in story.articles if a.id == article).text
    covered = sum(
        m.end - m.start for p in story.passages for m in p.members if m.article == article
    )
    return covered / len(text)


@pytest.mark.parametrize("most", [DEFAULT.max_sentence_words, 80])
def test_a_transcript_without_full_stops_two_outlets_share_is_aligned_whole(most: int) -> None:
    raws, story = _transcripts(1_200, replace(DEFAULT, max_sentence_words=most))
    for raw, article in zip(raws, story.articles, strict=True):
        # Both keep every word, and no sentence is longer than the bound.
        assert article.text.split() == raw.split()
        assert max(len(article.text[s.start : s.end].split()) for s in article.sentences) <= most
        assert len(article.sentences) >= 1_000 // most
    # What they share is shown as shared, nearly all of both texts.
    assert all(len(p.members) == 2 for p in story.passages)
    assert _shared_share(story, "t0") > 0.9
    assert _shared_share(story, "t1") > 0.9


def test_a_sentence_bound_below_one_word_is_refused() -> None:
    # Pieces of no words would never end: the settings refuse it instead of hanging.
    with pytest.raises(ValueError, match="max_sentence_words"):
        replace(DEFAULT, max_sentence_words=0)
