"""Disagreements inside one passage: members that match word for word but for a figure
("approved the plan 5-2" / "4-3"), a denial ("would sign" / "would not sign") or a word
of opposite sense ("approved" / "rejected"). The matcher is right to join them (one
sentence, copied and edited), and a reader must see that the versions do not say the same
thing.

Only the word diffs are read: a figure disagrees when a changed run gives numbers that
``figures.figures_agree`` finds cannot be one number, or the same number in another currency
or unit ("$5 million" / "€5 million", "5 km" / "5 miles"), or another time of day or date,
read exactly ("10:30" / "11:30", "March 10" / "March 11"); it is shown as written, with its
currency, scale and unit, and each side with the outlets that say it. A member denies
what the base says when its changed runs hold a different number of denials (not, never, no,
n't, …) than the base's ("did not" against "didn't" is none, nor "no decision was made"
against "a decision was not made") and one of those runs differs by the denial alone ("would
sign" / "would not sign", "will" / "won't"): "fail to meet" / "don't meet" or "would not
comment" / "declined comment" is the same fact in other words. An opposite is one word put
for one other of a short list of opposites (``_OPPOSITES``: approve / reject, rise / fall,
up / down, …). A rewrite (one fact told in other words) is not read: its changed runs are
whole clauses, and the facts view compares its figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, takewhile

from tui.core.dates import MONTHS
from tui.core.diffing import word_diff
from tui.core.figures import DISAGREE, Figure, FigureGroup, figure_status, figures_agree
from tui.core.model import REWRITE, Change, DiffOp, Member, Passage
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import tokens
from tui.core.units import CURRENCIES, CURRENCY_SIGNS, DOLLAR_PREFIX, UNITS, currency

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
#: Outlets named on a side of a disagreement line; more are counted.
_NAMED = 3
_CURRENCY = re.compile(f"[{CURRENCY_SIGNS}]")
#: A figure as written: "about", a month before a day, a currency (``_BEFORE``), the number
#: (a time of day "10:30" whole), a scale, a.m. or p.m., percent, a unit of measure
#: (``_AFTER``). Read from each number outwards: one pattern tried at every character, names
#: of months first, took four times as long as the rest of the reading.
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(unit) for unit in UNITS), key=len, reverse=True))
_BEFORE = re.compile(
    r"(?:\b(?P<rough>about|around|approximately|roughly|nearly|almost)\s+(?:at\s+)?)?"
    rf"(?:\b(?P<month>{_MONTH})\.?\s+)?(?P<cur>(?:\b(?:{DOLLAR_PREFIX}))?[{CURRENCY_SIGNS}])?$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"(?:(?:\s*|-)(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    r"(?:\s*(?P<half>[ap]\.?m\b\.?))?"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b))?"
    rf"(?:\s*(?P<unit>{_UNIT})(?![\w/]))?",
    re.IGNORECASE,
)
#: How far before a number ``_BEFORE`` looks ("approximately at September").
_LOOK_BACK = 32


@dataclass(frozen=True, slots=True)
class _Quantity:
    """A figure as written: where it is and its parts, as written (None when not said)."""

    start: int
    end: int
    num: str
    rough: str | None
    month: str | None
    cur: str | None
    scale: str | None
    half: str | None
    unit: str | None


def _quantities(text: str) -> list[_Quantity]:
    """The figures of ``text`` as written, in order."""
    found = []
    for number in _NUMBER.finditer(text):
        before = _BEFORE.search(text, max(0, number.start() - _LOOK_BACK), number.start())
        after = _AFTER.match(text, number.end())
        assert before is not None and after is not None  # both match the empty string
        # A month name is a date's only with a day or a year, not before a unit, a scale or
        # a percent ("march 5 km" is a distance).
        month = None if after["unit"] or after["scale"] or after["pct"] else before["month"]
        begins = before.start() if before.group() else number.start()
        if before["month"] and month is None:
            begins = before.start("cur") if before["cur"] else number.start()
            if before["rough"]:
                begins = before.start("rough")
        found.append(
            _Quantity(
                begins,
                after.end(),
                number.group(),
                before["rough"],
                month,
                before["cur"],
                after["scale"],
                after["half"],
                after["unit"],
            )
        )
    return found


def disagreements(
    passage: Passage, settings: Settings = DEFAULT, labels: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """What the members of ``passage`` disagree on, readable, each once: "figures differ:
    5-2 (AP) / 4-3 (Reuters)", "one says not: would sign (AP) / would not sign (Reuters)",
    each side followed by the outlets that say it (``labels``: article id to outlet; no
    outlets without it). Each wording is read against the base, and the first
    ``settings.disagreement_wordings`` other wordings against each other too (two outlets may
    differ from each other where each only adds to the base: "approved the plan" / "… 5-2" /
    "… 4-3")."""
    if passage.kind == REWRITE:
        return ()
    # Outlets as ordered sets (dicts): a wording wire copy spreads can have thousands.
    carried: dict[str, dict[str, None]] = {}
    for member in passage.members:
        said_by = carried.setdefault(member.text, {})
        if labels and (label := labels.get(member.article, member.article)):
            said_by[label] = None
    # "figures differ: 5-2 / 4-3" and "… 4-3 / 5-2" are one disagreement, said once, each
    # side with every outlet that says it (read from the base and from another wording).
    said: dict[tuple[str, frozenset[str]], tuple[str, str, str]] = {}
    who: dict[tuple[str, frozenset[str]], dict[str, dict[str, None]]] = {}
    # Where in the base each lies (a wording's offsets mapped through its diff from the base).
    place: dict[tuple[str, frozenset[str]], int] = {}

    def read(one: str, other: str, ops: Sequence[DiffOp], from_base: Sequence[DiffOp]) -> None:
        for at, what, x, y in _placed_differences(one, other, ops):
            # "1.2km" and "1.2 km" are one figure, shown as first said.
            same = _close_up if what == FIGURES else str
            if same(x) == same(y):
                continue
            key = (what, frozenset((same(x), same(y))))
            place.setdefault(key, _base_offset(from_base, at))
            _, first_x, first_y = said.setdefault(key, (what, x, y))
            shown = {same(first): first for first in (first_x, first_y)}
            x, y = shown[same(x)], shown[same(y)]
            sides = who.setdefault(key, {x: {}, y: {}})
            for side, text in ((x, one), (y, other)):
                sides[side].update(carried[text])

    base = passage.members[passage.base].text
    # Each wording once: wire copy repeats word for word (21,324 members, 4,660 wordings at
    # 1,000 generated articles).
    diffed: dict[str, Sequence[DiffOp]] = {base: ()}
    others: list[str] = []
    for member, ops in zip(passage.members, passage.diffs, strict=True):
        if member.text not in diffed:
            diffed[member.text] = ops
            others.append(member.text)
            read(base, member.text, ops, ())
    for one, other in combinations(others[: settings.disagreement_wordings], 2):
        read(one, other, word_diff(one, other), diffed[one])
    # Three wordings that each give another figure are one disagreement, "17 (AP) / 18 (BBC) /
    # 20 (CNN)", not one per pair of them: the readings at one place of the base are one line
    # ("killed 3 … injured 4" / "killed 4 … injured 4" / "killed 3 … injured 5" are two
    # lines, though the 4 of one is the 4 of the other).
    lines: list[tuple[str, dict[str, tuple[str, dict[str, None]]]]] = []
    line_at: dict[tuple[str, int], int] = {}
    for key, (what, x, y) in said.items():
        same = _close_up if what == FIGURES else str
        pair = {same(x): (x, who[key][x]), same(y): (y, who[key][y])}
        index = line_at.setdefault((what, place[key]), len(lines))
        if index == len(lines):
            lines.append((what, {}))
        for value, (shown, outlets) in pair.items():
            lines[index][1].setdefault(value, (shown, {}))[1].update(outlets)
    return tuple(
        _line(what, [(shown, _outlets(list(outlets))) for shown, outlets in sides.values()])
        for what, sides in lines
    )


#: The disagreement about numbers.
FIGURES = "figures differ"
_SPACED_UNIT = re.compile(r"(?<=\d)\s+(?=[^\W\d_])")


def _close_up(figure: str) -> str:
    """A figure as written, with no space between its number and the unit after it."""
    return _SPACED_UNIT.sub("", figure)


def pair_disagreements(
    a: str, b: str, ops: Sequence[DiffOp], outlets: tuple[str, str] = ("", "")
) -> list[str]:
    """What ``b`` says differently from ``a``, given the word diff ``ops`` from one to the
    other (the compare view asks this of the two versions it shows), each side followed by
    who says it (``outlets``, when given). A figure is shown as written, with its currency,
    scale, unit, time of day or month ("$52 million", "3 p.m.", "March 3")."""
    return [
        _line(what, list(zip((x, y), outlets, strict=True)))
        for what, x, y in _differences(a, b, ops)
    ]


def retold_disagreements(
    groups: Sequence[FigureGroup],
    passage: Passage,
    a: str,
    b: str,
    outlets: tuple[str, str] = ("", ""),
) -> list[str]:
    """What articles ``a`` and ``b`` say differently in ``passage``, a rewrite (one fact in
    other words, whose word diff is not read), about the quantities it was grouped on
    (``figures.group_figures``): "figures differ: approximately 2,100 (NewsNation) / 2,290
    (The Epoch Times)" where the two members' figures cannot be one number. Only figures
    inside the two members count (an article may give the quantity elsewhere too)."""
    x, y = passage.member_for(a), passage.member_for(b)
    if x is None or y is None:
        return []
    found = []
    for group in _disagreeing(groups, passage):
        mine, theirs = _inside(group, x), _inside(group, y)
        if mine and theirs and figure_status([*mine, *theirs]) == DISAGREE:
            sides = zip((_shown(_texts(mine)), _shown(_texts(theirs))), outlets, strict=True)
            found.append(_line(FIGURES, list(sides)))
    return found


def rewrite_disagreements(
    passage: Passage, groups: Sequence[FigureGroup], labels: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """What the members of ``passage``, a rewrite (one fact in other words, whose word diff
    is not read), disagree on about the quantities they were grouped on
    (``figures.group_figures``), against the base: "figures differ: approximately 2,100
    (NewsNation) / 2,290 (The Epoch Times, Breitbart News)", each side with the outlets that
    say it (``labels``: article id to outlet). Only figures inside the members count."""
    if passage.kind != REWRITE:
        return ()
    base = passage.members[passage.base]
    found: list[str] = []
    for group in _disagreeing(groups, passage):
        mine = _inside(group, base)
        if not mine:
            continue
        said = _texts(mine)
        # The base's side names the outlets that give its figures as it does ("approximately
        # 2,300" beside "2,290" agrees, but is not what the base says).
        agreeing: list[str] = []
        differing: dict[str, list[str]] = {}
        for member in passage.members:
            theirs = _inside(group, member)
            label = labels.get(member.article, member.article) if labels else ""
            if member is not base and theirs and figure_status([*mine, *theirs]) == DISAGREE:
                differing.setdefault(_texts(theirs), []).append(label)
            elif _texts(theirs) == said:
                agreeing.append(label)
        if differing:
            sides = [(_shown(said), _outlets([w for w in agreeing if w]))]
            sides += [
                (_shown(text), _outlets([w for w in who if w])) for text, who in differing.items()
            ]
            found.append(_line(FIGURES, sides))
    return tuple(dict.fromkeys(found))


def _disagreeing(groups: Sequence[FigureGroup], passage: Passage) -> list[FigureGroup]:
    """The quantities whose figures disagree that ``passage`` was grouped on."""
    return [g for g in groups if g.status == DISAGREE and passage.id in g.passages]


def _inside(group: FigureGroup, member: Member) -> list[Figure]:
    """``group``'s figures inside ``member`` (its article may give the quantity elsewhere)."""
    return [
        f
        for f in group.figures
        if f.article == member.article and member.start <= f.start < member.end
    ]


def _texts(figures: Sequence[Figure]) -> str:
    """The figures as written, each once: "2,290", "approximately 2,100, 2,290"."""
    return ", ".join(dict.fromkeys(f.text for f in figures))


def _base_offset(from_base: Sequence[DiffOp], at: int) -> int:
    """Where offset ``at`` of a wording lies in the base (``from_base``: the word diff from the
    base to it; none for the base itself): the start of the change that holds it, or its
    place in text both share."""
    for op in from_base:
        if op.b_start <= at < op.b_end or op.b_start == op.b_end == at:
            return op.a_start + (at - op.b_start if op.change is Change.EQUAL else 0)
    return from_base[-1].a_end if from_base else at


def _differences(a: str, b: str, ops: Sequence[DiffOp]) -> list[tuple[str, str, str]]:
    """``pair_disagreements``' findings as (what, ``a``'s side, ``b``'s side), as shown."""
    return [(what, x, y) for _, what, x, y in _placed_differences(a, b, ops)]


def _placed_differences(a: str, b: str, ops: Sequence[DiffOp]) -> list[tuple[int, str, str, str]]:
    """``_differences`` with where each lies in ``a`` (the start of its change)."""
    found: list[tuple[int, str, str, str]] = []
    denials = [0, 0]
    denied: tuple[int, str, str, str] | None = None
    quantities_a, quantities_b = _quantities(a), _quantities(b)
    for op in ops:
        if op.change is Change.EQUAL:
            continue
        if op.minor and not _CURRENCY.search(a[op.a_start : op.a_end] + b[op.b_start : op.b_end]):
            continue  # punctuation or case; a currency sign is part of its figure
        in_a, in_b = a[op.a_start : op.a_end], b[op.b_start : op.b_end]
        figure_a = _written(a, op.a_start, op.a_end, quantities_a)
        figure_b = _written(b, op.b_start, op.b_end, quantities_b)
        # A sign or unit put in or taken out beside a number both keep is read with it.
        if not in_a and figure_b is not None and not _DIGIT.search(in_b):
            figure_a = _beside(a, op.a_start, quantities_a)
        if not in_b and figure_a is not None and not _DIGIT.search(in_a):
            figure_b = _beside(b, op.b_start, quantities_b)
        if figure_a is None or figure_b is None:
            figure_a, figure_b = in_a, in_b
            if not (_DIGIT.search(in_a) and _DIGIT.search(in_b)):
                # A unit changed beside a number kept: "5 acres" / "5 hectares".
                figure_a = _around(a, op.a_start, op.a_end)
                figure_b = _around(b, op.b_start, op.b_end)
        if (
            _DIGIT.search(figure_a)
            and _DIGIT.search(figure_b)
            and not _quantities_agree(figure_a, figure_b)
        ):
            differ = (FIGURES, _shown(figure_a), _shown(figure_b))
            if all(f[1:] != differ for f in found):  # a sign out and a word in: one change
                found.append((op.a_start, *differ))
        if op.minor:
            continue
        if _opposite(in_a, in_b):
            found.append((op.a_start, "opposite words", _shown(in_a), _shown(in_b)))
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
            denied = (op.a_start, f"one says {word}", _shown(near_a), _shown(near_b))
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


def _outlets(labels: Sequence[str]) -> str:
    """ "AP", "AP, Reuters", "AP, Reuters, BBC and 4 others"."""
    if len(labels) <= _NAMED + 1:
        return ", ".join(labels)
    return f"{', '.join(labels[:_NAMED])} and {len(labels) - _NAMED} others"


def _line(what: str, sides: Sequence[tuple[str, str]]) -> str:
    """ "figures differ: $52 million (Metro) / $48 million (Gazette)", from each side's text
    and who says it: the one formatter of a disagreement, which every view and export shows
    as it is."""
    return f"{what}: " + " / ".join(text + (f" ({who})" if who else "") for text, who in sides)


def _written(text: str, start: int, end: int, quantities: Sequence[_Quantity]) -> str | None:
    """The figures (of ``quantities``, ``text``'s in order) a changed run ``text[start:end]``
    touches, whole and as written ("52" in "$52 million" gives "$52 million", "million"
    too), or None when it touches none (words put in or left out beside a figure are read
    with the words around them)."""
    first = bisect_right(quantities, start, key=lambda found: found.end)
    touched = list(takewhile(lambda found: found.start < end, quantities[first:]))
    if not touched:
        return None
    lo, hi = min(start, touched[0].start), max(end, touched[-1].end)
    return " ".join(text[lo:hi].split())


def _beside(text: str, at: int, quantities: Sequence[_Quantity]) -> str | None:
    """The figures (of ``quantities``) that stand next to ``at``, across spaces, as written:
    where the other version put in or took out a currency or unit beside a number both keep
    ("$300" where the other says "300 euros"); None when none does."""
    start, end = at, at
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    first = bisect_right(quantities, start - 1, key=lambda found: found.end)
    touched = list(takewhile(lambda found: found.start <= end, quantities[first:]))
    if not touched:
        return None
    return " ".join(text[touched[0].start : touched[-1].end].split())


def _quantities_agree(a: str, b: str) -> bool:
    """Whether two versions of the figures of one changed run say the same: their numbers
    as ``figures_agree`` reads them, and, figure by figure, the same currency for the same
    number ("$5 million" / "€5 million" do not; "$52 million" / "€48 million" may be one sum
    converted), the same unit ("5 km" / "5 miles" do not), the same half of the day and
    month, and exactly the same time of day ("10:30" / "11:30"; within the hour when one is
    "about 3 p.m.") and day of the month ("March 10" / "March 11"): no rounding."""
    found_a, found_b = _quantities(a), _quantities(b)
    pairs = list(zip(found_a, found_b, strict=False))
    if len(found_a) == len(found_b) and all(_clock(x) and _clock(y) for x, y in pairs):
        # Times of day, read as times: "3 p.m." and "15:00" are one, "3 p.m." and "4 p.m." not.
        return all(_clock(x) == _clock(y) or _roughly(x, y) for x, y in pairs)
    if not figures_agree(a, b):
        return False
    if len(found_a) != len(found_b):
        return True
    for x, y in pairs:
        clocks = _clock(x) is not None and _clock(y) is not None
        one, other = _counted(x), _counted(y)
        # Said by one version only is left out, not changed; two sums in two currencies
        # may be one converted.
        if (
            one is not None
            and other is not None
            and not _same_count(one, other)
            and (not (one[1] and other[1]) or _amount(x) == _amount(y))
        ):
            return False
        for part in ("month",) if clocks else ("half", "month"):
            said = _reading(x, part), _reading(y, part)
            if None not in said and said[0] != said[1]:
                return False
        if _clock(x) and _clock(y) and _clock(x) != _clock(y) and not _roughly(x, y):
            return False
        if _day(x) and _day(y) and _day(x) != _day(y):
            return False
    return True


def _counted(found: _Quantity) -> tuple[str, bool] | None:
    """What a written figure counts, and whether it is money: its currency, by sign or by
    word ("$300", "300 dollars" and "300 USD" are all "$"), or its unit of measure, one form
    for every spelling ("kilometres" and "km" are "km"); None when it says neither."""
    if found.cur is not None:
        return currency(found.cur), True
    if found.unit is None:
        return None
    word = found.unit.lower().replace(".", "")
    sign = CURRENCIES.get(word)
    return (sign, True) if sign is not None else (UNITS.get(word, word), False)


def _same_count(one: tuple[str, bool], other: tuple[str, bool]) -> bool:
    """Whether two figures count one thing: the same currency or unit, or pounds (sterling
    or weight: the word says neither) against "£"."""
    return one == other or {one[0], other[0]} == {"£", _POUND}


_POUND = UNITS["pound"]


def _reading(found: _Quantity, part: str) -> str | int | None:
    """The ``part`` (a.m./p.m., month) of a written figure, normalised, or None when it
    has none."""
    written = getattr(found, part)
    if written is None:
        return None
    word = written.lower().replace(".", "")  # "p.m." is "pm"
    return MONTHS[word] if part == "month" else word


def _amount(found: _Quantity) -> float | None:
    """The value of a sum, scale included ("5.0 million" and "5 million" are one)."""
    try:
        value = float(found.num.replace(",", ""))
    except ValueError:
        return None
    return value * _SCALES.get((found.scale or "").lower(), 1.0)


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}


def _clock(found: _Quantity) -> tuple[int, int] | None:
    """The hour (0-23) and minute of a time of day, 12-hour or 24-hour ("3 p.m.", "3:00
    p.m." and "15:00" are one; "12 a.m." is "00:00"), or None when it is no time."""
    hour, colon, minute = found.num.partition(":")
    if not (found.half or colon) or not hour.isdigit() or not (minute or "0").isdigit():
        return None
    h, m = int(hour), int(minute or 0)
    half = (found.half or "").lower().replace(".", "")
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half == "pm" else 0)
    if h > 23 or m > 59:
        return None
    return h, m


def _day(found: _Quantity) -> int | None:
    """The day of the month of "March 3", or None ("March 2003" gives none)."""
    number = found.num
    return int(number) if found.month and number.isdigit() and len(number) <= 2 else None


def _roughly(x: _Quantity, y: _Quantity) -> bool:
    """Whether either time is said roughly ("about 3 p.m.") and both are in one hour."""
    hours = {(_clock(f) or (0, 0))[0] for f in (x, y)}
    return len(hours) == 1 and bool(x.rough or y.rough)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
