"""How word differences look: a colour from the theme plus a second cue that needs no colour.

Wording deleted from (or replaced in) a text is struck through, wording inserted is
underlined, and a difference of punctuation, quote style or case only is italic on a fainter
tint. Each view declares these component classes in its CSS, using theme variables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style as RichStyle

from tui.core.model import Change, DiffOp

DIFF_CSS = """
    & > .diff--delete { background: $error 30%; text-style: strike; }
    & > .diff--insert { background: $success 30%; text-style: underline; }
    & > .diff--minor { background: $foreground 5%; text-style: italic; }
"""
DIFF_CLASSES = {"diff--delete", "diff--insert", "diff--minor"}


def old_side_spans(
    ops: Sequence[DiffOp], style: Callable[[str], RichStyle]
) -> list[tuple[int, int, RichStyle]]:
    """Styles for the ``a`` text of a diff: what the other text changes or drops."""
    spans = []
    for op in ops:
        if op.change is Change.EQUAL or op.a_end <= op.a_start:
            continue
        spans.append((op.a_start, op.a_end, style("diff--minor" if op.minor else "diff--delete")))
    return spans


def new_side_spans(
    ops: Sequence[DiffOp], style: Callable[[str], RichStyle]
) -> list[tuple[int, int, RichStyle]]:
    """Styles for the ``b`` text of a diff: what it adds or says differently."""
    spans = []
    for op in ops:
        if op.change is Change.EQUAL or op.b_end <= op.b_start:
            continue
        spans.append((op.b_start, op.b_end, style("diff--minor" if op.minor else "diff--insert")))
    return spans
