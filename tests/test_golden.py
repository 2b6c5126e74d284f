"""The seeds' JSON export, kept as a readable file: a change in alignment shows as a diff.

Regenerate after an intended change with ``pytest tests/test_golden.py --update-golden``
and review ``git diff tests/golden/seeds.json`` before committing it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tui.core.exporting import to_json
from tui.core.model import Story

GOLDEN = Path(__file__).parent / "golden" / "seeds.json"


def portable(text: str) -> str:
    """The export with machine-specific paths reduced to file names."""
    return re.sub(r'"(?:[^"]*/)(seeds/[^"/]+)"', r'"\1"', text)


def test_seeds_export_matches_the_golden_file(
    seeds_story: Story, request: pytest.FixtureRequest
) -> None:
    got = portable(to_json(seeds_story))
    json.loads(got)  # still valid JSON
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(got, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert got == expected, "the seeds' alignment changed: see --update-golden in this file"
