"""Snapshots of every view on the seeds, in a dark and a light theme.

When the engine's matcher changes the seeds' passages, these change too: look at the new
pictures (``pytest --snapshot-report``) and accept them with ``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tui.app import StorydiffApp
from tui.core.model import Story

SIZE = (160, 48)
THEMES = ["textual-dark", "textual-light"]


@pytest.mark.parametrize("theme", THEMES)
def test_library(snap_compare: Any, seeds_story: Story, theme: str) -> None:
    assert snap_compare(StorydiffApp(seeds_story, theme=theme), terminal_size=SIZE)


@pytest.mark.parametrize("theme", THEMES)
def test_compare(snap_compare: Any, seeds_story: Story, theme: str) -> None:
    app = StorydiffApp(seeds_story, view="compare", theme=theme)
    assert snap_compare(app, terminal_size=SIZE)  # opens on the first shared row: the Noem letter


@pytest.mark.parametrize("theme", THEMES)
def test_passages(snap_compare: Any, seeds_story: Story, theme: str) -> None:
    app = StorydiffApp(seeds_story, view="passages", theme=theme)
    assert snap_compare(app, terminal_size=SIZE)


def test_help(snap_compare: Any, seeds_story: Story) -> None:
    assert snap_compare(StorydiffApp(seeds_story), terminal_size=SIZE, press=["question_mark"])
