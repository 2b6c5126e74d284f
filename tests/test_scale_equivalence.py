"""The shortcuts for big stories give what the plain computation gives.

A generated story (one fact told by most of its articles, as at 10,000 articles) makes the
shared-text matrices from wide passages by a matrix product and the figure emphasis from
each passage's members once, and is exported to JSON a list item at a time; each is
compared here with the straightforward way.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections import defaultdict

import numpy as np
import pytest

from bench.generate import generate_story
from tui.core import exporting, outlets
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


@pytest.mark.parametrize("partners", [1, 3])
def test_above_the_bound_each_rows_top_cells_and_partner_are_the_dense_matrixs(
    story: Story, monkeypatch: pytest.MonkeyPatch, partners: int
) -> None:
    # With one partner kept every tie for a row's largest cell is more than is kept, so
    # the partner is read past the top cells.
    dense = analyse(story.articles, story.passages).provenance
    monkeypatch.setattr(outlets, "MAX_DENSE", 50)
    monkeypatch.setattr(outlets, "MAX_ORDERED", 50)
    monkeypatch.setattr(outlets, "TOP_PARTNERS", partners)
    sparse = analyse(story.articles, story.passages).provenance
    assert sparse.most_shared == dense.most_shared
    assert sum(len(p.others) > partners for p in dense.most_shared.values() if p) > 3
    for full, cut in ((dense.articles, sparse.articles), (dense.outlets, sparse.outlets)):
        assert full.chars is not None and cut.chars is None
        assert cut.sums == tuple(int(x) for x in full.chars.sum(axis=1))
        want = [
            tuple(
                sorted(((j, int(r[j])) for j in np.flatnonzero(r > 0)), key=lambda c: (-c[1], c[0]))
            )[:partners]
            for r in full.chars
        ]
        assert list(cut.top) == want


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


def _standard(story: Story) -> bytes:
    return (json.dumps(exporting.to_dict(story), ensure_ascii=False, indent=2) + "\n").encode()


def test_json_written_item_by_item_is_the_standard_encoders_text(story: Story) -> None:
    written = exporting.to_json_bytes(story)
    assert written == _standard(story)
    assert written.count(b'\n    {\n      "id": "p') == len(story.passages)


@pytest.mark.parametrize("value", [1e-5, math.nan, 2.5])
def test_json_falls_back_to_the_standard_encoder_piece_by_piece(
    story: Story, monkeypatch: pytest.MonkeyPatch, value: float
) -> None:
    # Where orjson and json.dumps write a float differently (1e-5 and 1e-05; null and NaN)
    # the piece holding it goes to the standard encoder; without orjson every piece does.
    facts = story.facts
    group = facts.figure_groups[0]
    values = (dataclasses.replace(group.values[0], value=value), *group.values[1:])
    groups = (dataclasses.replace(group, values=values), *facts.figure_groups[1:])
    odd = dataclasses.replace(story, analysis=dataclasses.replace(facts, figure_groups=groups))
    assert exporting.to_json_bytes(odd) == _standard(odd)
    monkeypatch.setattr(exporting, "orjson", None)
    assert exporting.to_json_bytes(odd) == _standard(odd)


@pytest.mark.parametrize("value", [1e-05, 1.5e-05, 9.9e-05, 1e-06])
def test_floats_below_a_ten_thousandth_are_written_as_json_dumps_writes_them(
    value: float,
) -> None:
    # orjson writes 1e-05 as 0.00001 (no "e-" to find): those too go to the standard encoder.
    data = {"value": value, "text": "no exponent here"}
    assert exporting.dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
