"""Shared fixtures: the seeds story is built once per test session."""

from __future__ import annotations

import pytest

from tui.core.model import Story
from tui.core.story import SEEDS, build_story


@pytest.fixture(scope="session")
def seeds_story() -> Story:
    return build_story([SEEDS])
