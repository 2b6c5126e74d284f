"""The facts stage's shortcuts for big stories give what the plain computation gives.

A generated story (one fact told by most of its articles, as at 10,000 articles) makes the
shared-text matrices from wide passages by a matrix product and the figure emphasis from
each passage's members once; both are compared here with the straightforward way.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench.generate import generate_story
from tui.core import outlets
from tui.core.analysis import analyse
from tui.core.figures import SINGLE, FigureGroup, emphasis
from tui.core.model import Passage, Span, Story
from tui.core.story import story_from_documents


@pytest.fixture(scope="module")
def story() -> Story:
    built = story_from_documents(generate_story(200, seed=5, words=300))
    assert max(len(p.members) for p in built.passages) > 64  # wide passages exist
    return built


def _shared_text(story: Story) -> list[object]:
    prov = analyse(story.articles, story.passages).provenance
    found: list[object] = [prov.most_shared]
    for matrix in (prov.articles, prov.outlets):
        chars = None if matrix.chars is None else matrix.chars.tolist()
        found.append((matrix.names, chars, matrix.order, matrix.sums, matrix.top))
    return found


@pytest.mark.parametrize("dense", [True, False])
def test_wide_passages_make_the_matrices_their_expansion_makes(
    story: Story, monkeypatch: pytest.MonkeyPatch, dense: bool
) -> None:
    if not dense:
        monkeypatch.setattr(outlets, "MAX_DENSE", 50)
        monkeypatch.setattr(outlets, "MAX_ORDERED", 50)
    # Every passage expanded member by member...
    monkeypatch.setattr(outlets, "_WIDE_MIN", 10**9)
    expanded = _shared_text(story)
    # ...and every passage of two or more rows by the product.
    monkeypatch.setattr(outlets, "_WIDE_MIN", 2)
    monkeypatch.setattr(outlets, "_WIDE_SHARE", 10**9)
    assert _shared_text(story) == expanded


def _emphasis_member_by_member(
    groups: tuple[FigureGroup, ...], passages: tuple[Passage, ...]
) -> dict[tuple[str, str], tuple[Span, ...]]:
    """The emphasis as first written: each figure's member looked up in each passage."""
    by_id = {p.id: p for p in passages}
    spans: dict[tuple[str, str], set[Span]] = defaultdict(set)
    for group in groups:
        if group.status == SINGLE:
            continue
        for passage_id in group.passages:
            passage = by_id[passage_id]
            for figure in group.figures:
                member = passage.member_for(figure.article)
                if member is not None and member.start <= figure.start < member.end:
                    spans[(passage_id, figure.article)].add(Span(figure.start, figure.end))
    return {key: tuple(sorted(v, key=lambda s: s.start)) for key, v in spans.items()}


def test_figure_emphasis_is_each_figures_member_looked_up(story: Story) -> None:
    groups = story.facts.figure_groups
    found = emphasis(groups, story.passages)
    assert len(found) > 100
    assert found == _emphasis_member_by_member(groups, story.passages)
