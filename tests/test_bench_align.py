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
