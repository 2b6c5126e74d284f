"""Disagreements inside one passage: members that match word for word but for a figure
("approved the plan 5-2" / "4-3") or a denial ("would sign" / "would not sign"). The
matcher is right to join them (one sentence, copied and edited), and a reader must see that
the versions do not say the same thing.

Only the word diffs are read: a figure disagrees when a changed run gives numbers that
``figures.figures_agree`` finds cannot be one number; a member denies what the base says when
its changed runs hold a different number of denials (not, never, no, n't, …) than the
base's, so "did not" against "didn't" is no disagreement. A rewrite (one fact told in other
words) is not read: its changed runs are whole clauses, and the facts view compares its
figures.
"""

from __future__ import annotations

import re

from tui.core.figures import figures_agree
from tui.core.model import REWRITE, Change, Passage

_DENIAL = re.compile(
    r"\b(?:not|never|no|cannot|nobody|nothing|none|neither|nor)\b|\w+n[’']t\b", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+(?:[’']\w+)?")
#: Longest changed run shown whole in a disagreement line.
_SHOWN = 40


def disagreements(passage: Passage) -> tuple[str, ...]:
    """What the members of ``passage`` disagree on, readable, each once: "figures differ:
    5-2 / 4-3", "one says not: would sign / would not sign"."""
    if passage.kind == REWRITE:
        return ()
    base = passage.members[passage.base].text
    found: list[str] = []
    for member, ops in zip(passage.members, passage.diffs, strict=True):
        text = member.text
        if text == base:
            continue
        denials = [0, 0]
        denied = ""
        for op in ops:
            if op.change is Change.EQUAL or op.minor:
                continue
            a, b = base[op.a_start : op.a_end], text[op.b_start : op.b_end]
            if _DIGIT.search(a) and _DIGIT.search(b) and not figures_agree(a, b):
                found.append(f"figures differ: {_shown(a)} / {_shown(b)}")
            in_a, in_b = _DENIAL.findall(a), _DENIAL.findall(b)
            denials[0] += len(in_a)
            denials[1] += len(in_b)
            if len(in_a) != len(in_b) and not denied:
                word = (in_a if len(in_a) > len(in_b) else in_b)[0].lower()
                near_a = _around(base, op.a_start, op.a_end)
                near_b = _around(text, op.b_start, op.b_end)
                denied = f"one says {word}: {_shown(near_a)} / {_shown(near_b)}"
        if denials[0] != denials[1]:
            found.append(denied)
    return tuple(dict.fromkeys(found))


def _around(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the word before it and the word after it."""
    before = [m.start() for m in _WORD.finditer(text, 0, start)]
    after = _WORD.search(text, end)
    return " ".join(text[before[-1] if before else start : after.end() if after else end].split())


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
