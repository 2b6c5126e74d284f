"""Shared fixtures: the seeds story (built once per session) and a small made-up story whose
two articles tell two quotes in opposite orders."""

from __future__ import annotations

import pytest
from stories import make_story

from tui.core.model import Story
from tui.core.story import SEEDS, build_story


@pytest.fixture(scope="session")
def seeds_story() -> Story:
    return build_story([SEEDS])


@pytest.fixture
def moved() -> Story:
    # "a" tells Q1 then Q2; "b" tells Q2 first, then Q1 (a moved quote), with its own extras.
    return make_story(
        {
            "a": ["A intro.", "Quote one said here.", "A middle.", "Quote two said there."],
            "b": [
                "B intro.",
                "Quote two said there!",
                "B middle.",
                "Quote one said here.",
                "B end.",
            ],
        },
        [{"a": 1, "b": 3}, {"a": 3, "b": 1}],
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current engine (review the diff)",
    )
