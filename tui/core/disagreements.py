"""Disagreements inside one passage: members that match word for word but for a figure
("approved the plan 5-2" / "4-3"), a denial ("would sign" / "would not sign") or a word
of opposite sense ("approved" / "rejected"). The matcher is right to join them (one
sentence, copied and edited), and a reader must see that the versions do not say the same
thing.

Only the word diffs are read: a figure disagrees when a changed run gives numbers that
``figures.figures_agree`` finds cannot be one number; a member denies what the base says when
its changed runs hold a different number of denials (not, never, no, n't, …) than the
base's ("did not" against "didn't" is none, nor "no decision was made" against "a decision
was not made") and one of those runs differs by the denial alone ("would sign" / "would not
sign", "will" / "won't"): "fail to meet" / "don't meet" or "would not comment" / "declined
comment" is the same fact in other words. An opposite is one word put for one other of a
short list of opposites (``_OPPOSITES``: approve / reject, rise / fall, up / down, …). A
rewrite (one fact told in other words) is not read: its changed runs are whole clauses, and
the facts view compares its figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from tui.core.diffing import word_diff
from tui.core.figures import figures_agree
from tui.core.model import REWRITE, Change, DiffOp, Passage
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import tokens

#: Words that deny what follows, standing alone ("do-not-call" names a list); "neither … nor"
#: is one denial, so "nor" is not one.
_DENIAL = re.compile(
    r"(?<![\w-])(?:not|never|no|cannot|nobody|nothing|none|neither|\w+n[’']t)(?![\w-])",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+(?:[’']\w+)?")
#: Words that say the opposite of each other, as ``similarity.tokens`` stems them (irregular
#: forms written out): one put for the other in matching wording reverses what it reports.
_OPPOSITES = frozenset(
    frozenset(pair)
    for pair in (
        ("approv", "reject"),
        ("accept", "reject"),
        ("accept", "refus"),
        ("support", "oppos"),
        ("confirm", "deni"),
        ("acquit", "convict"),
        ("guilti", "innoc"),
        ("allow", "ban"),
        ("allow", "forbid"),
        ("allow", "forbad"),
        ("allow", "forbidden"),
        ("increas", "decreas"),
        ("rise", "fall"),
        ("rose", "fell"),
        ("risen", "fallen"),
        ("gain", "lost"),
        ("gain", "lose"),
        ("win", "lose"),
        ("won", "lost"),
        ("rais", "lower"),
        ("higher", "lower"),
        ("up", "down"),
        ("more", "less"),
        ("more", "fewer"),
        ("abov", "below"),
        ("befor", "after"),
    )
)
#: Contractions whose stem is not the word they contract ("won't" is "will not").
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}
#: Longest changed run shown whole in a disagreement line.
_SHOWN = 40


def disagreements(passage: Passage, settings: Settings = DEFAULT) -> tuple[str, ...]:
    """What the members of ``passage`` disagree on, readable, each once: "figures differ:
    5-2 / 4-3", "one says not: would sign / would not sign". Each wording is read against
    the base, and the first ``settings.disagreement_wordings`` other wordings against each
    other too (two outlets may differ from each other where each only adds to the base:
    "approved the plan" / "… 5-2" / "… 4-3")."""
    if passage.kind == REWRITE:
        return ()
    base = passage.members[passage.base].text
    found: list[str] = []
    # Each wording once: wire copy repeats word for word (21,324 members, 4,660 wordings at
    # 1,000 generated articles).
    seen = {base}
    others: list[str] = []
    for member, ops in zip(passage.members, passage.diffs, strict=True):
        if member.text not in seen:
            seen.add(member.text)
            others.append(member.text)
            found += pair_disagreements(base, member.text, ops)
    for one, other in combinations(others[: settings.disagreement_wordings], 2):
        found += pair_disagreements(one, other, word_diff(one, other))
    # "figures differ: 5-2 / 4-3" and "… 4-3 / 5-2" are one disagreement, said once.
    said: dict[tuple[str, frozenset[str]], str] = {}
    for line in found:
        said.setdefault(_unordered(line), line)
    return tuple(said.values())


def _unordered(line: str) -> tuple[str, frozenset[str]]:
    what, _, sides = line.partition(": ")
    return what, frozenset(sides.split(" / "))


def pair_disagreements(a: str, b: str, ops: Sequence[DiffOp]) -> list[str]:
    """What ``b`` says differently from ``a``, given the word diff ``ops`` from one to the
    other (the compare view asks this of the two versions it shows)."""
    found: list[str] = []
    denials = [0, 0]
    denied = ""
    for op in ops:
        if op.change is Change.EQUAL or op.minor:
            continue
        in_a, in_b = a[op.a_start : op.a_end], b[op.b_start : op.b_end]
        figure_a, figure_b = in_a, in_b
        if not (_DIGIT.search(in_a) and _DIGIT.search(in_b)):
            # A unit changed beside a number kept: "$5 million" / "$5 billion".
            figure_a = _around(a, op.a_start, op.a_end)
            figure_b = _around(b, op.b_start, op.b_end)
        if (
            _DIGIT.search(figure_a)
            and _DIGIT.search(figure_b)
            and not figures_agree(figure_a, figure_b)
        ):
            found.append(f"figures differ: {_shown(figure_a)} / {_shown(figure_b)}")
        if _opposite(in_a, in_b):
            found.append(f"opposite words: {_shown(in_a)} / {_shown(in_b)}")
        if _CONTRACTION_END.match(in_a) or _CONTRACTION_END.match(in_b):
            # A contraction diffed apart ("can" / "can't" changes only "'t") is read whole.
            in_a, in_b = (
                _with_word_before(a, op.a_start, op.a_end),
                _with_word_before(b, op.b_start, op.b_end),
            )
        said_a, said_b = _DENIAL.findall(in_a), _DENIAL.findall(in_b)
        denials[0] += len(said_a)
        denials[1] += len(said_b)
        if len(said_a) != len(said_b) and not denied and _affirmed(in_a) == _affirmed(in_b):
            word = (said_a if len(said_a) > len(said_b) else said_b)[0].lower()
            near_a = _around(a, op.a_start, op.a_end)
            near_b = _around(b, op.b_start, op.b_end)
            denied = f"one says {word}: {_shown(near_a)} / {_shown(near_b)}"
    if denials[0] != denials[1] and denied:
        found.append(denied)
    return found


def _opposite(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are each one word, and words of opposite sense."""
    words_a, words_b = _WORD.findall(a), _WORD.findall(b)
    if len(words_a) != 1 or len(words_b) != 1:
        return False
    stems = tokens(words_a[0]) + tokens(words_b[0])
    return len(stems) == 2 and frozenset(stems) in _OPPOSITES


def _affirmed(text: str) -> list[str]:
    """The words of ``text`` with its denials taken out ("won't" leaves "will"): equal for
    two runs that differ by a denial alone."""
    words = []
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if word.endswith("n't"):
            word = _CONTRACTED.get(word[:-3], word[:-3])
        elif word == "cannot":
            word = "can"
        elif _DENIAL.fullmatch(word):
            continue
        words.append(word)
    return words


def _with_word_before(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the rest of the word it ends ("ca" + "n't", "can" + "'t")."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:end]


#: The end of a contraction the diff splits off its word: "'t", "n't".
_CONTRACTION_END = re.compile(r"n?['’]t\b")


def _around(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the word before it and the word after it."""
    before = [m.start() for m in _WORD.finditer(text, 0, start)]
    after = _WORD.search(text, end)
    return " ".join(text[before[-1] if before else start : after.end() if after else end].split())


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
