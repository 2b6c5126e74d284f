"""Word-by-word differences between two versions of a passage, with the standard ``difflib``.

Texts are split into word and punctuation tokens with their offsets. ``difflib`` aligns the
token sequences; each run that is not equal is then classed as *minor* when both sides say
the same letters and digits once punctuation, quote style, dashes, spacing and case are
set aside ("DHS.'s" / "DHS's", "work force" / "workforce"), and as a change of wording
otherwise ("Department of Treasury" / "Department of the Treasury").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from tui.core.model import Change, DiffOp
from tui.core.similarity import normalise

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_LETTERS = re.compile(r"[^\w]|_")


@lru_cache(maxsize=4096)
def _tokenise(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Matching keys and character spans of the tokens (cached: a base text meets many members)."""
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        keys.append(token.lower() if token.isascii() else normalise(token))
        spans.append(match.span())
    return tuple(keys), tuple(spans)


def _letters(text: str) -> str:
    return _LETTERS.sub("", normalise(text))


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """The runs that turn ``a`` into ``b``, covering both texts' tokens in order.

    Offsets of a run are character offsets into ``a`` and ``b``; a run starts where its
    first token starts and ends where its last token ends. Tokens are compared case- and
    quote-blind so that wording drives the alignment; a token that matched but is written
    differently (a curly against a straight quote, "Trump" against "TRUMP") comes out as a
    one-token minor replace.
    """
    a_keys, a_spans = _tokenise(a)
    b_keys, b_spans = _tokenise(b)
    ops: list[DiffOp] = []
    opcodes: Sequence[tuple[str, int, int, int, int]]
    if a_keys == b_keys:
        # What ``SequenceMatcher`` answers for equal sequences (an empty run for empty ones
        # adds nothing), without its tables: members and quotes often differ only in case
        # or quote style.
        opcodes = [("equal", 0, len(a_keys), 0, len(b_keys))]
    else:
        opcodes = SequenceMatcher(None, a_keys, b_keys, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            ops.extend(_equal_run(a, b, a_spans[i1:i2], b_spans[j1:j2]))
            continue
        a_start, a_end = _run_span(a_spans, i1, i2)
        b_start, b_end = _run_span(b_spans, j1, j2)
        minor = _letters(a[a_start:a_end]) == _letters(b[b_start:b_end])
        ops.append(DiffOp(Change(tag), a_start, a_end, b_start, b_end, minor=minor))
    return tuple(_tidy(ops, a))


def _tidy(ops: list[DiffOp], a: str) -> list[DiffOp]:
    """Join runs a reader sees as one change.

    A lone matching punctuation mark between two wording changes joins them (otherwise
    "U.S. Marshals" replacing "ICE operations" reads as two changes around a "." that
    happens to match), and neighbouring minor runs (``,”`` against ``."``) become one.
    """
    out: list[DiffOp] = []
    for op in ops:
        if (
            len(out) >= 2
            and op.change is not Change.EQUAL
            and not op.minor
            and out[-1].change is Change.EQUAL
            and not _letters(a[out[-1].a_start : out[-1].a_end])
            and out[-2].change is not Change.EQUAL
            and not out[-2].minor
        ):
            out.pop()
            first = out.pop()
            out.append(DiffOp(Change.REPLACE, first.a_start, op.a_end, first.b_start, op.b_end))
        elif op.minor and out and out[-1].minor and out[-1].change is not Change.EQUAL:
            first = out.pop()
            out.append(
                DiffOp(Change.REPLACE, first.a_start, op.a_end, first.b_start, op.b_end, True)
            )
        else:
            out.append(op)
    return out


def _run_span(spans: tuple[tuple[int, int], ...], first: int, last: int) -> tuple[int, int]:
    """Character span of tokens ``first:last``; an empty run sits at the end of the token before."""
    if last > first:
        return spans[first][0], spans[last - 1][1]
    position = spans[first - 1][1] if first > 0 else 0
    return position, position


def _equal_run(
    a: str, b: str, a_spans: tuple[tuple[int, int], ...], b_spans: tuple[tuple[int, int], ...]
) -> list[DiffOp]:
    """Tokens that match: runs written the same, and each token written differently as a
    one-token minor replace."""
    ops: list[DiffOp] = []
    run: list[int] | None = None  # the open run of tokens written the same: its span
    for (a_start, a_end), (b_start, b_end) in zip(a_spans, b_spans, strict=True):
        if a[a_start:a_end] == b[b_start:b_end]:
            if run is None:
                run = [a_start, a_end, b_start, b_end]
            else:
                run[1], run[3] = a_end, b_end
            continue
        if run is not None:
            ops.append(DiffOp(Change.EQUAL, run[0], run[1], run[2], run[3]))
            run = None
        ops.append(DiffOp(Change.REPLACE, a_start, a_end, b_start, b_end, minor=True))
    if run is not None:
        ops.append(DiffOp(Change.EQUAL, run[0], run[1], run[2], run[3]))
    return ops


def is_same_wording(ops: tuple[DiffOp, ...]) -> bool:
    return all(op.change is Change.EQUAL or op.minor for op in ops)
