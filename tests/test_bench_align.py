"""``bench.align`` times the matches themselves, not only the arrays they come from."""

from __future__ import annotations

from bench.align import built_matches
from bench.generate import generate_story
from tui.core.aligning import _scored_matches, build_index
from tui.core.settings import Settings
from tui.core.story import make_articles


def test_the_align_benchmark_builds_every_match() -> None:
    settings = Settings(processes=1)
    articles = make_articles(generate_story(12, seed=0), settings=settings)
    index = build_index(articles, settings)
    expected = len(list(_scored_matches(index)[0]))
    assert expected > 2  # more than the pair (matches, vetoes) it once consumed instead
    assert built_matches(index) == expected


def test_scoring_in_blocks_finds_the_same_matches(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tui.core import aligning

    settings = Settings(processes=1)
    articles = make_articles(generate_story(12, seed=0), settings=settings)
    index = build_index(articles, settings)
    whole, whole_vetoes = _scored_matches(index)
    expected = list(whole)
    monkeypatch.setattr(aligning, "SCORE_BLOCK", 7)
    split, split_vetoes = _scored_matches(index)
    assert list(split) == expected and split_vetoes == whole_vetoes
