"""The benchmark's story generator is deterministic and makes what it is asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import (
    SeedStory,
    generate_story,
    load_seed_story,
    write_story,
)
from tui.core.loading import load_paths


@pytest.fixture(scope="module")
def seeds() -> SeedStory:
    return load_seed_story()


def test_same_seed_gives_the_same_documents(seeds: SeedStory) -> None:
    assert generate_story(8, seed=3, seeds=seeds) == generate_story(8, seed=3, seeds=seeds)


def test_another_seed_gives_other_documents(seeds: SeedStory) -> None:
    assert generate_story(4, seed=1, seeds=seeds) != generate_story(4, seed=2, seeds=seeds)


def test_requested_count_and_about_the_requested_length(seeds: SeedStory) -> None:
    documents = generate_story(20, words=600, seeds=seeds)
    assert len(documents) == 20
    assert len({d.id for d in documents}) == 20
    for document in documents:
        assert 500 <= len(document.raw.split()) <= 750


def test_written_story_loads_back(tmp_path: Path, seeds: SeedStory) -> None:
    documents = generate_story(3, seeds=seeds)
    write_story(documents, tmp_path / "story")
    loaded = load_paths([tmp_path / "story"])
    assert not loaded.problems
    assert sorted(d.id for d in loaded.documents) == sorted(d.id for d in documents)
    by_id = {d.id: d for d in loaded.documents}
    for document in documents:
        assert by_id[document.id].outlet == document.outlet
        assert by_id[document.id].title == document.title
