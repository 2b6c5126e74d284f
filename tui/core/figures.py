"""Figures: every number an article reports, what it counts, and whether outlets agree.

A figure is a number with what comes with it: a currency, signed or named after it ("$2.1
billion", "300 dollars", "300 US dollars": all dollars, as ``units.CURRENCIES`` reads the
word), a scale word, a percent sign, a qualifier ("about", "more than"), and what it counts —
the words after it up to a function word ("2,100 criminal investigators who…" counts "criminal
investigators"), with "per day" kept ("787 arrests per day") and, for sums and shares, the "in
…"/"of …" that follows ("$2.1 billion in tax fraud"). The names around it are the acronyms
within ``FIGURE_CONTEXT`` words and the initials of multi-word names ("Internal Revenue
Service" gives IRS). Years, dates ("Jan. 23-31"), times and counts under ``MIN_FIGURE`` are not
figures; a measure under it is ("8.5 metres": a unit of measure other than time follows).

Grouping. Two figures are one quantity when they sit in members of one shared passage and
count the same thing (same unit noun) or are within ``FIGURE_TOLERANCE`` of each other (the
aligner's own rule for one fact retold: "2,100 criminal investigators", "2,290 special
agents"); also, anywhere in the story, when they count the same unit noun with the same names
and are within that tolerance, or when they give the same specific value (``SPECIFIC`` significant
digits or more: "2,290", not "2,000" or "about 2,300") of the same kind with the same names,
whatever noun each outlet counts it with ("2,290 law enforcement officers" of the IRS and
"2,290 special agents" of the Internal Revenue Service): a number that specific, said of the
same body, is one figure reported twice, not a coincidence. Also anywhere: figures that count
the same unit noun with the same names and the same predicate (the content word before the
figure, or after it when the figure opens its clause: "expected to *cost* $4.2 million", "will
*cost* $4.8 million") are one quantity at values within ``CLAIM_SPREAD`` of each other, when
each article gives one value of it. And anywhere, one quantity told in other words
(``_join_retold``): the same kind and unit within ``FIGURE_TOLERANCE``, in agreeing words
("will cost $48 million", "carries a price tag of $52 million"), of the same participants;
the same value so retold in fewer shared words joins when the sentences name a participant in
common or, for a count, say the same of it (``_same_value_same_fact``).
A figure its clause denies ("does not carry 18,000 vehicles") is not the article's; a bare
figure after it in the sentence counts what it counts. A group *disagrees* when two of its
values cannot be one number given at two precisions; values that can ("2,290" and
"about 2,300": 2,290 rounded to hundreds is 2,300) are an agreement at different
precisions, shown but not counted as a disagreement; "about 14" and "14" are one value.
"Over" before a time is a period ("spread over 14 months"), not a bound, unless it follows a
verb of lasting or "for" ("will take over 14 months"). A bound is met by a count, not by another
bound ("at least 12" and "at least 21" disagree); "about" and "roughly" read the same. So
2,100 / 2,290 / about 2,300 is a disagreement (2,100 fits neither), while 2,290 / about 2,300
alone would not be.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from tui.core.frequencies import english
from tui.core.model import Article, Passage, Span
from tui.core.settings import DEFAULT
from tui.core.similarity import SentenceFeatures, Weights, features, names_agree, tokens
from tui.core.units import (
    ATTACHED_UNITS,
    CURRENCIES,
    CURRENCY_SIGNS,
    DOLLAR_PREFIX,
    MEASURES,
    SPELLED_NUMBERS,
    TEEN_WORDS,
    TENS_WORDS,
    TIMES,
    UNIT_WORDS,
    UNITS,
    currency,
)

#: The aligner's own figure settings, so figures are read as the figure rule reads them.
FIGURE_CONTEXT = DEFAULT.figure_context
FIGURE_TOLERANCE = DEFAULT.figure_tolerance
MIN_FIGURE = DEFAULT.min_figure

#: A value with this many significant digits or more ("2,290", "787") is specific enough to be
#: taken for the same figure wherever it appears with the same names; rounder values ("2,000",
#: "about 2,300", "$2.1 billion") are not.
SPECIFIC = 3

#: Values said the same way of the same thing counted are one quantity, whatever they are,
#: while the largest is at most this many times the smallest: outlets that disagree over one
#: sum give values of one size, and two sums said alike ("the repairs will cost $48
#: million", "new lighting will cost $2 million") are two things.
CLAIM_SPREAD = 2.0

DISAGREE = "disagree"
PRECISION = "precision"
AGREE = "agree"
SINGLE = "single"

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_QUALIFIERS = (
    # "no more than 50" is a ceiling, never the "more than 50" inside it.
    "no more than",
    "not more than",
    "no fewer than",
    "not fewer than",
    "no less than",
    "not less than",
    "an estimated",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "up to",
    "close to",
    "upwards of",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "around",
    "about",
    "some",
    "over",
    "under",
    "estimated",
)
_LOWER_BOUNDS = frozenset(
    {"more than", "at least", "over", "upwards of"}
    | {f"{no} {than}" for no in ("no", "not") for than in ("fewer than", "less than")}
)
_UPPER_BOUNDS = frozenset(
    {"less than", "fewer than", "up to", "under", "no more than", "not more than"}
)
_STRICT_BOUNDS = frozenset({"more than", "over", "upwards of", "less than", "fewer than", "under"})
_MONTHS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december)\.?\s*$",
    re.IGNORECASE,
)
#: A currency named after the number ("300 dollars", "1.5 million euros", "300 US dollars",
#: "300 USD"), longest spelling first.
_CURRENCY_WORD = "|".join(sorted(map(re.escape, CURRENCIES), key=len, reverse=True))
#: Units of measure written close up to their number ("12km", "250kg"), longest first.
_ATTACHED = "|".join(sorted(map(re.escape, ATTACHED_UNITS), key=len, reverse=True))
#: Scales written close up: "m" and "k" only after a currency sign ("£5m", "$300k"), since
#: "a 5m wave" is metres.
_TIGHT_SCALES = {"bn": "bn", "tn": "trillion", "m": "million", "k": "thousand"}
#: What joins the tens and the unit of a number in words: a hyphen (also U+2010, U+2011),
#: or a space ("thirty seven").
_NUMBER_JOIN = "-\u2010\u2011"
_SPELLED_NUMBER = (
    rf"(?:{'|'.join(TENS_WORDS)})(?:[{_NUMBER_JOIN}\s]+(?:{'|'.join(UNIT_WORDS)}))?"
    rf"|{'|'.join(TEEN_WORDS)}"
)
_JOINED = re.compile(rf"[{_NUMBER_JOIN}\s]+")
#: A sentence that may hold a number of ten or more in words, read in lower case (digits
#: are looked for first: a case-blind search costs more).
_MAY_COUNT = re.compile(rf"\b(?:{'|'.join(TENS_WORDS + TEEN_WORDS)})\b")
#: What each of those words holds ("teen", the tens' last three letters): a sentence without
#: any is passed over without the search.
_COUNT_PARTS = ("ten", "teen", "eleven", "twelve", *dict.fromkeys(w[-3:] for w in TENS_WORDS))


def _in_words(body: str) -> bool:
    """Whether ``body`` may hold a number of ten or more in words."""
    lower = body.lower()
    return any(part in lower for part in _COUNT_PARTS) and bool(_MAY_COUNT.search(lower))


def _figure_pattern(number: str) -> re.Pattern[str]:
    """A figure whose number is ``number``: with its currency, scale, unit and percent."""
    return re.compile(
        rf"(?<![\w.,{CURRENCY_SIGNS}-])(?P<cur>(?:(?:{DOLLAR_PREFIX})(?=\$))?[{CURRENCY_SIGNS}])?"
        rf"(?P<num>{number})"
        # Written close up: a scale ("2.5bn", "£5m", "$300k") or a unit of measure ("12km").
        rf"(?:(?P<tight>bn|tn|m|k|{_ATTACHED}))?"
        r"(?![\w:]|[.,]\d)"
        r"(?:(?:\s*|-)(?P<scale>thousand|million|billion|trillion|bn)\b)?"
        rf"(?:\s+(?:U\.?S\.?\s+)?(?P<word>(?i:{_CURRENCY_WORD}))\b)?"
        r"(?P<pct>\s*%|\s+percent\b|\s+per cent\b)?"
    )


_FIGURE = _figure_pattern(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
#: A figure in words (read only in a sentence ``_in_words`` finds: most have none).
_SPELLED_FIGURE = _figure_pattern(rf"(?i:{_SPELLED_NUMBER})(?![{_NUMBER_JOIN}\w])")
_QUALIFIER = re.compile(
    r"\b(?P<q>" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+$", re.IGNORECASE
)
_WORDS = re.compile(r"[\w’'-]+|[^\w\s]")
_STOP = frozenset(
    "who whom that which in on at to of for from by with was were is are be been has have had "
    "will would could can may might should and or but as than since between during after before "
    "this these those its their his her the a an it they he she we said says say were not no "
    "into over under about per each across among while when where".split()
)
_DIGIT = re.compile(r"\d")
_CLOCK = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE)
#: ``\b[A-Z]{2,6}(?:-[A-Z]{2,4})?\b``, the boundary before it checked after its first capital
#: (no word character before that): a search then skips from capital to capital, three
#: times faster over an article's text.
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{1,5}(?:-[A-Z]{2,4})?\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the)?\s*[A-Z][a-z]+)+")
_SMALL = frozenset({"of", "and", "for", "the"})
_NEXT_WORD = re.compile(r"\s*([\w/]+)")


def _currency(match: re.Match[str]) -> str | None:
    """The currency of the figure ``match``: its sign ("$300", "$300 dollars"), else the sign
    of the currency named after it ("300 dollars" is "$", "300 euros" "€"), else None."""
    word = match["word"]
    if match["cur"]:
        return currency(match["cur"])
    return CURRENCIES[word.lower()] if word else None


def _in_digits(number: str) -> str:
    """A number as ``_FIGURE`` or ``_SPELLED_FIGURE`` read it, in digits: "17" for "Seventeen",
    "37" for "thirty seven"; digits as they are ("2,290")."""
    if number[0].isdigit():
        return number
    return f"{SPELLED_NUMBERS[_JOINED.sub('-', number.lower())]:.0f}"


def _is_date(before: str, body: str, match: re.Match[str]) -> bool:
    """Whether the figure ``match`` is a date: a month name just before it, the number a day
    (1-31) or a year, and no unit of measure after it ("march 5 km" is a distance)."""
    if not _MONTHS.search(before) or _currency(match) or match["pct"] or match["scale"]:
        return False
    if match["tight"]:  # "March 5km"
        return False
    number = _in_digits(match["num"]).replace(",", "")
    if not number.isdigit() or not (1 <= int(number) <= 31 or len(number) == 4):
        return False
    return _measure_after(body, match.end()) is None


#: Units of measure: what a figure before them counts, whatever follows ("about 14 months |
#: later", "14 months | once it starts").
_MEASURES = MEASURES
#: What follows a figure to say what it is of: "$2.1 billion in tax fraud", "40% of voters",
#: and what a sum is for ("$2 million for lighting", "$45 million on a park").
_TAILS = {"count": ("in", "of"), "percent": ("in", "of"), "money": ("in", "of", "for", "on")}
#: Where what is counted ends: "vehicles | a day", "arrests | per day", "$2.1 billion | in …".
_RATE = re.compile(r" (?:per|a|an|each|every|in|of) ")
#: Where the clause a figure sits in begins, looking back from it.
_CLAUSE = re.compile(
    r".*(?:[,;:()—–]|\b(?:that|but|which|who|while|although|because)\b)", re.DOTALL
)
#: Words that deny what follows in their clause ("does not carry 18,000 vehicles").
_DENIAL = re.compile(r"\b(?:not|never)\b|n[’']t\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported figure. Offsets are into ``Article.text``."""

    article: str
    #: The figure as written, qualifier included ("about 2,300", "$2.1 billion").
    start: int
    end: int
    text: str
    value: float
    #: The precision it is given at: 1 for "2,290", 100 for "2,300", 0.1 for "2.1".
    precision: float
    #: "about", "more than", … or None.
    qualifier: str | None
    #: What it counts, as written ("criminal investigators", "in tax fraud", "arrests per day"),
    #: or as the figure it corrects counts it.
    counts: str
    #: The stem of the counted noun ("investig", "arrest"), or "" when none is said.
    unit: str
    #: "money", "percent", "count" or "age" (a person's: its unit is who, "smith").
    kind: str
    #: The stem of what its clause says of it ("cost", "carri", "kill"), or "".
    predicate: str
    #: The names around it ("IRS", "ICE"), upper case.
    names: tuple[str, ...]
    #: The sentence it sits in.
    sentence: Span

    @property
    def label(self) -> str:
        """ "2,100 criminal investigators (IRS)"."""
        names = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.text} {self.counts}".strip() + names


@dataclass(frozen=True, slots=True)
class FigureValue:
    """One value of a group as written, with the articles that give it."""

    text: str
    value: float
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """One quantity across the articles that report it."""

    id: str
    #: What is counted, with its names: "IRS law enforcement officers".
    label: str
    figures: tuple[Figure, ...]
    #: The distinct values, smallest first.
    values: tuple[FigureValue, ...]
    #: ``DISAGREE``, ``PRECISION`` (agree at different precisions), ``AGREE`` or ``SINGLE``
    #: (only one article gives it).
    status: str
    #: The shared passages the figures were grouped through.
    passages: tuple[str, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.article for f in self.figures))


def _precision(number: str) -> float:
    plain = number.replace(",", "")
    if "." in plain:
        return 10.0 ** -len(plain.rsplit(".", 1)[1])
    stripped = plain.rstrip("0")
    return 10.0 ** (len(plain) - len(stripped)) if stripped else 1.0


def _counts(after: str, kind: str) -> str:
    """What the figure counts: the words after it up to a function word."""
    words: list[str] = []
    chunks = _WORDS.findall(after[:160])
    position = 0
    while position < len(chunks) and len(words) < 4:
        word = chunks[position]
        if not word[0].isalnum() or word.lower() in _STOP:
            break
        if words and word.lower().endswith(("ed", "ing")) and len(word) > 4:
            break  # "2,290 special agents trained in …"
        words.append(word)
        position += 1
        if word.lower() in _MEASURES:
            break
    rest = chunks[position : position + 2]
    if len(rest) == 2 and rest[0].lower() in ("per", "a", "each") and rest[1][0].isalpha():
        if words:
            words += rest
    elif (not words or kind != "count") and rest and rest[0].lower() in _TAILS[kind]:
        tail: list[str] = []
        for word in chunks[position + 1 : position + 5]:
            if not word[0].isalnum() or (word.lower() in _STOP and tail):
                break
            tail.append(word)
        if tail:
            words += [rest[0], *tail]
    return " ".join(words)


def _measure_after(body: str, end: int) -> str | None:
    """The unit of measure (lower case, as written) the word after ``end`` is, if it is one."""
    after = _NEXT_WORD.match(body, end)
    word = after.group(1).lower() if after else None
    return word if word in MEASURES else None


def _measured(body: str, end: int) -> bool:
    """Whether the figure ending at ``end`` is followed by a unit of measure other than time
    ("8.5 metres", "4.2 km"; "3 days" is left to ``MIN_FIGURE``: two events share it easily)."""
    unit = _measure_after(body, end)
    return unit is not None and unit not in TIMES


def _unit(counts: str) -> str:
    head = _RATE.split(counts)[0].split()
    if not head or head[0] in ("in", "of"):
        return ""
    if head[-1].lower() in MEASURES:  # one unit however spelled: "km", "kilometres"
        return UNITS[head[-1].lower()]
    stems = tokens(head[-1])
    return stems[-1] if stems else ""


def _names(sentence: str, offset: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(acronyms, initials of multi-word names) within ``FIGURE_CONTEXT`` words of ``offset``."""
    words = list(re.finditer(r"\S+", sentence))
    index = bisect.bisect_right([w.start() for w in words], offset) - 1
    lo = words[max(0, index - FIGURE_CONTEXT)].start() if words else 0
    hi = words[min(len(words) - 1, index + FIGURE_CONTEXT)].end() if words else 0
    window = sentence[lo:hi]
    acronyms = tuple(dict.fromkeys(m.group() for m in _ACRONYM.finditer(window)))
    initials = []
    for name in _NAME.findall(window):
        letters = "".join(w[0] for w in name.split() if w.casefold() not in _SMALL).upper()
        if len(letters) >= 2:
            initials.append(letters)
    return acronyms, tuple(dict.fromkeys(initials))


@dataclass(frozen=True, slots=True)
class _Found:
    """A figure in one sentence, offsets relative to the sentence (cached by sentence text)."""

    start: int
    end: int
    text: str
    value: float
    precision: float
    qualifier: str | None
    counts: str
    unit: str
    kind: str
    predicate: str
    acronyms: tuple[str, ...]
    initials: tuple[str, ...]


def _sentence_figures(body: str) -> tuple[_Found, ...]:
    """The figures of one sentence, offsets relative to it.

    A figure the sentence denies ("does not carry 18,000 vehicles a day") is not the outlet's
    figure; a bare figure after it in the sentence ("…; the city's own count is 12,000") is
    the outlet's own value of that quantity and counts what the denied one counts."""
    found = []
    denied: _Found | None = None
    matches = list(_FIGURE.finditer(body))
    if _in_words(body):
        matches = sorted([*matches, *_SPELLED_FIGURE.finditer(body)], key=lambda m: m.start())
    for match in matches:
        number, scale, pct, cur = match["num"], match["scale"], match["pct"], _currency(match)
        tight, after = match["tight"], body[match.end() :]
        if tight in _TIGHT_SCALES:
            if tight in ("m", "k") and not match["cur"]:
                continue  # "5m" with no currency: metres or million, unsaid
            scale = scale or _TIGHT_SCALES[tight]
        elif tight and match["cur"]:
            continue  # "€30mm": finance's million, or no money at all; unsaid
        elif tight:
            after = f" {tight}{after}"  # "12km long" counts as "12 km long" does
        number = _in_digits(number)
        value = float(number.replace(",", ""))
        before = body[max(0, match.start() - 40) : match.start()]
        if _is_date(before, body, match) or _CLOCK.match(body, match.end()):
            continue  # a date or a time
        plain = not (scale or pct or cur)
        person = _age_of(body, match) if plain else None
        if person is not None:
            found.append(_an_age(body, match, value, person))
            continue
        if plain and "," not in number and len(number) == 4 and 1900 <= value < 2100:
            continue  # a year says when, not how many
        measured = tight not in TIMES if tight else _measured(body, match.end())
        if plain and value < MIN_FIGURE and not measured:
            continue  # "two agencies"; but "8.5 metres" says how much
        kind = "money" if cur else "percent" if pct else "count"
        start = match.start()
        qualifier = _QUALIFIER.search(before)
        if qualifier and _period(qualifier, before, body[match.end() :]):
            qualifier = None
        if qualifier:
            start -= len(before) - qualifier.start()
        counts = _counts(after, kind)
        precision = _precision(number) * (_SCALES[scale.lower()] if scale else 1.0)
        if scale:
            value *= _SCALES[scale.lower()]
        opening = _CLAUSE.match(body, 0, start)
        clause = body[opening.end() if opening else 0 : start]
        acronyms, initials = _names(body, match.start())
        figure = _Found(
            start=start,
            end=match.end(),
            text=" ".join(body[start : match.end()].split()),
            value=value,
            precision=precision,
            qualifier=" ".join(qualifier["q"].lower().split()) if qualifier else None,
            counts=counts,
            unit=_unit(counts) if kind == "count" else (cur or "%"),
            kind=kind,
            predicate=_predicate(clause, body[match.end() :], counts),
            acronyms=acronyms,
            initials=initials,
        )
        if _DENIAL.search(clause):
            denied = figure
            continue
        if denied is not None and denied.kind == kind and not counts:
            figure = replace(
                figure, counts=denied.counts, unit=denied.unit, predicate=denied.predicate
            )
            denied = None
        found.append(figure)
    return tuple(found)


#: An age written after a name, between commas: "Smith, 64, said", "Ana Ruiz, 31."
_AGE_AFTER_NAME = re.compile(r"(?P<name>[A-Z][\w’'-]+),\s*$")
_AGE_CLOSE = re.compile(r"\s*(?:[,;)]|\.(?!\d)|$)")
#: An age said as one: "the 64-year-old", "64 years old", "aged 64", "at the age of 64".
_AGE_SUFFIX = re.compile(r"(?:-|\s+)years?(?:-|\s+)old\b", re.IGNORECASE)
_AGE_PREFIX = re.compile(r"\b(?:aged|age of|age)\s+$", re.IGNORECASE)
#: Capitalised words that name no one ("The 64-year-old", "He, 64").
_NOT_PERSONS = frozenset(
    "the a an he she his her it its they their this that in on at mr mrs ms dr "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_PERSON = re.compile(r"\b[A-Z][\w’'-]+")


def _age_of(body: str, match: re.Match[str]) -> str | None:
    """The person whose age the plain number ``match`` gives ("Smith, 64, said": "Smith";
    "the 64-year-old", "aged 64": the name nearest to it in the sentence, "" when it names
    no one), or None when it is no age. An age is a fact about a person, not a count."""
    number = _in_digits(match["num"])
    if not number.isdigit() or not 0 < int(number) < 130:
        return None
    before = body[max(0, match.start() - 60) : match.start()]
    named = _AGE_AFTER_NAME.search(before)
    if named and named["name"].lower() not in _NOT_PERSONS and _AGE_CLOSE.match(body, match.end()):
        return named["name"]
    if not (_AGE_SUFFIX.match(body, match.end()) or _AGE_PREFIX.search(before)):
        return None
    for found in reversed(list(_PERSON.finditer(before))):
        if found.start() == 0 and len(before) == match.start() and _common(found.group()):
            continue  # the sentence's first word, capitalised whatever it is ("Police")
        if found.group().lower() not in _NOT_PERSONS:
            return found.group()
    after = _AGE_SUFFIX.match(body, match.end())
    rest = body[after.end() if after else match.end() :][:40]
    for found in _PERSON.finditer(rest):
        if found.group().lower() not in _NOT_PERSONS:
            return found.group()
    return ""


def _common(word: str) -> bool:
    """Whether ``word`` is a common English word (so no name when it opens a sentence)."""
    return english().frequency(word.lower()) >= 1e-5


def _an_age(body: str, match: re.Match[str], value: float, person: str) -> _Found:
    """The age ``match`` gives, of ``person``: its unit is who ("smith"), so ages are compared
    with ages of the same person only, never grouped with counts."""
    counts = f"years old ({person})" if person else "years old"
    return _Found(
        start=match.start(),
        end=match.end(),
        text=match["num"],
        value=value,
        precision=1.0,
        qualifier=None,
        counts=counts,
        unit=person.lower(),
        kind="age",
        predicate="",
        acronyms=(),
        initials=(),
    )


#: Words after which "over" a time is more than it ("will take over 14 months", "for over a
#: year"): what lasts, and how long.
_LASTS = frozenset("take takes took taken taking last lasts lasted lasting for".split())


def _period(qualifier: re.Match[str], before: str, after: str) -> bool:
    """Whether "over" before a time is the period ("spread over 14 months", "over 14 months,
    prices rose") rather than a bound: it is, unless it follows a verb of lasting or "for"."""
    if qualifier["q"].lower() != "over":
        return False
    unit = _WORDS.findall(after[:40])[:1]
    if not unit or unit[0].lower() not in TIMES:
        return False
    word = _WORDS.findall(before[: qualifier.start()])[-1:]
    return not word or word[0].lower() not in _LASTS


#: Verbs that say little of a count by themselves: what they are said with does ("41 people
#: were *taken* to hospital": hospital; "*sent* home": home).
_LIGHT = frozenset(
    "take takes took taken taking get gets got gotten getting send sends sent sending bring "
    "brings brought bringing put puts putting make makes made making give gives gave given "
    "giving keep keeps kept keeping leave leaves left leaving".split()
)


def _predicate(clause: str, after: str, counts: str) -> str:
    """The stem of what the clause says of the figure: the last content word before it
    ("expected to *cost* $4.2 million", "*killing* at least 12"), else, for a figure that
    opens its clause, the first after what it counts ("12 people were *killed*")."""
    for word in reversed(_WORDS.findall(clause)):
        if word[0].isalpha() and word.lower() not in _STOP:
            stems = tokens(word)
            if stems:
                return stems[-1]
    chunks = _WORDS.findall(after[:160])[len(counts.split()) :]
    light = ""
    for n, word in enumerate(chunks[:6]):
        if not word[0].isalnum() or (n >= 4 and not light):
            break
        if word[0].isalpha() and word.lower() not in _STOP:
            stems = tokens(word)
            if stems and word.lower() in _LIGHT and not light:
                light = stems[-1]  # what it is said with tells: read on
            elif stems:
                return stems[-1]
    return light


def find_figures(
    article: Article, seen: dict[str, tuple[_Found, ...]] | None = None
) -> tuple[Figure, ...]:
    """Every figure ``article`` reports, in order.

    ``seen`` keeps each sentence's figures by its text across the articles of one story
    (large stories repeat wire sentences word for word).

    Its names are the acronyms near it and the initials of names near it that the article
    also writes as an acronym ("Internal Revenue Service" where it says IRS elsewhere, not
    "President Joe Biden").
    """
    text = article.text
    acronyms: frozenset[str] | None = None
    figures = []
    for sentence in article.sentences:
        body = text[sentence.start : sentence.end]
        if not _DIGIT.search(body) and not _in_words(body):
            continue
        found = seen.get(body) if seen is not None else None
        if found is None:
            found = _sentence_figures(body)
            if seen is not None:
                seen[body] = found
        for f in found:
            if acronyms is None:
                acronyms = frozenset(_ACRONYM.findall(text))
            names = f.acronyms + tuple(
                i for i in f.initials if i in acronyms and i not in f.acronyms
            )
            figures.append(
                Figure(
                    article.id,
                    sentence.start + f.start,
                    sentence.start + f.end,
                    f.text,
                    f.value,
                    f.precision,
                    f.qualifier,
                    f.counts,
                    f.unit,
                    f.kind,
                    f.predicate,
                    names,
                    Span(sentence.start, sentence.end),
                )
            )
    return tuple(figures)


def _within(x: float, y: float) -> bool:
    return abs(x - y) <= FIGURE_TOLERANCE * max(abs(x), abs(y))


def consistent(a: Figure | _Found, b: Figure | _Found) -> bool:
    """Whether two figures can be one number: equal, one rounded to the other's precision, or
    a bound ("more than 2,000") the other satisfies."""
    if a.value == b.value:
        # A floor and a ceiling at one number, either of them strict ("more than 50" / "no
        # more than 50"), cannot both hold.
        floor_ceiling = {a.qualifier in _LOWER_BOUNDS, b.qualifier in _LOWER_BOUNDS} == {
            True,
            False,
        } and {a.qualifier in _UPPER_BOUNDS, b.qualifier in _UPPER_BOUNDS} == {True, False}
        return not (floor_ceiling and {a.qualifier, b.qualifier} & _STRICT_BOUNDS)
    for x, y in ((a, b), (b, a)):
        # A bound is met by a count, not by another bound: "at least 12" and "at least 21"
        # dead are two counts of the dead.
        if x.qualifier in _LOWER_BOUNDS and y.qualifier not in _LOWER_BOUNDS and y.value > x.value:
            return True
        if x.qualifier in _UPPER_BOUNDS and y.qualifier not in _UPPER_BOUNDS and y.value < x.value:
            return True
    fine, coarse = (a, b) if a.precision < b.precision else (b, a)
    if fine.precision == coarse.precision:
        return False
    rounded = round(fine.value / coarse.precision) * coarse.precision
    return abs(rounded - coarse.value) <= 1e-9 * max(1.0, abs(coarse.value)) and _within(
        a.value, b.value
    )


#: A number as written: "2,290", "4.5", ".20" (a leading point after a space).
_NUMBER = re.compile(r"(?:(?<!\S)\.)?\d+(?:[.,]\d+)*")


def figures_agree(a: str, b: str) -> bool:
    """Whether two versions of one phrase give the same numbers, figures, years and other
    numbers each against the other side's of the same sort: in order when both give as many,
    else each of the side giving fewer must agree with one of the other's ("98.32, or about
    1.1 percent, to 9011.53" / "98.32 points at 9,011.53"). Two figures agree when
    ``consistent`` ("2,290" / "about 2,300"), or when they are sums in two currencies (not
    comparable); other numbers (a vote of "5-2", "2.86 percent") as ``consistent`` reads
    two unqualified figures: one the other rounded and
    within ``FIGURE_TOLERANCE`` ("2.9"). An age is not compared with a year ("87" / "since
    1983")."""

    def numbers(text: str) -> dict[str, list[tuple[str, _Found | None]]]:
        found = _sentence_figures(text)
        sorts: dict[str, list[tuple[str, _Found | None]]] = {"year": [], "number": []}
        for match in _NUMBER.finditer(text):
            number = match.group().replace(",", "")
            figure = next((f for f in found if f.start <= match.start() < f.end), None)
            year = figure is None and number.isdigit() and len(number) == 4
            sorts["year" if year and 1900 <= int(number) < 2100 else "number"].append(
                (number, figure)
            )
        return sorts

    of_a, of_b = numbers(a), numbers(b)
    for sort, found_a in of_a.items():
        found_b = of_b[sort]
        if len(found_a) == len(found_b):
            if not all(_agree(x, y) for x, y in zip(found_a, found_b, strict=True)):
                return False
            continue
        fewer, more = (found_a, found_b) if len(found_a) < len(found_b) else (found_b, found_a)
        if not all(any(_agree(x, y) for y in more) for x in fewer):
            return False
    return True


def _agree(x: tuple[str, _Found | None], y: tuple[str, _Found | None]) -> bool:
    (number_x, figure_x), (number_y, figure_y) = x, y
    if figure_x is not None and figure_y is not None:
        if figure_x.kind == figure_y.kind == "money" and figure_x.unit != figure_y.unit:
            return True  # sums in two currencies: not compared
        return consistent(figure_x, figure_y)
    if number_x == number_y:
        return True
    try:
        values = float(number_x), float(number_y)
    except ValueError:  # "1.2.3": a version number, a date
        return False
    (fine, fine_at), (coarse, coarse_at) = sorted(
        zip(values, (_precision(number_x), _precision(number_y)), strict=True),
        key=lambda pair: pair[1],
    )
    if fine_at == coarse_at:
        return fine == coarse
    rounded = round(fine / coarse_at) * coarse_at
    return abs(rounded - coarse) <= 1e-9 * max(1.0, abs(coarse)) and _within(fine, coarse)


def _specific(figure: Figure) -> bool:
    """Whether the value is given to ``SPECIFIC`` significant digits or more, unqualified."""
    if figure.qualifier is not None or figure.precision <= 0:
        return False
    return abs(figure.value) / figure.precision >= 10 ** (SPECIFIC - 1)


def _linked(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind or (a.kind == "money" and a.unit != b.unit):
        return False
    if a.kind == "age":  # one person's, whatever the values; "the 64-year-old" may be anyone's
        return not a.unit or not b.unit or a.unit == b.unit
    return (bool(a.unit) and a.unit == b.unit) or _within(a.value, b.value)


def _reading(qualifier: str | None) -> str | None:
    """What a qualifier says of the number: a bound either way, or an approximation ("about"
    and "roughly" say the same), or nothing (None)."""
    if qualifier in _LOWER_BOUNDS:
        return "lower"
    if qualifier in _UPPER_BOUNDS:
        return "upper"
    return None if qualifier is None else "approximate"


def figure_status(figures: Sequence[Figure]) -> str:
    """Whether ``figures`` (of one quantity) agree: ``SINGLE`` when one article gives them
    all, ``AGREE``, ``PRECISION`` (one number at different precisions) or ``DISAGREE``."""
    if len({f.article for f in figures}) < 2:
        return SINGLE
    # "About 14" and "14" are one number: only a bound reads it otherwise.
    readings = {f: _reading(f.qualifier) for f in figures}
    bounds = {f: None if r == "approximate" else r for f, r in readings.items()}
    distinct = list({(f.value, f.precision, bounds[f]): f for f in figures}.values())
    if len(distinct) == 1:
        return AGREE
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if not consistent(a, b):
                return DISAGREE
    return PRECISION


#: What each status says, in words: in full (a group's heading, Markdown, HTML) and short (the
#: Figures view's Status column, 10 cells). Every view and report reads them from
#: ``status_words``; ``_BOUND`` is no status of its own: a ``PRECISION`` group in which one
#: value only says more or less ("more than 8.5").
_BOUND = "bound"
_STATUS_WORDS = {
    DISAGREE: ("outlets disagree", "disagree"),
    PRECISION: ("agree at different precisions", "rounded"),
    _BOUND: ("consistent: one gives a bound", "consistent"),
    AGREE: ("outlets agree", "agree"),
    SINGLE: ("one outlet only", "one outlet"),
}


def status_words(group: FigureGroup, short: bool = False) -> str:
    """``group``'s status in words: "outlets disagree", "agree at different precisions"
    ("2,290" / "about 2,300"), "consistent: one gives a bound" ("8.5" / "more than 8.5": no
    precision differs, one only says more or less), "outlets agree", "one outlet only";
    ``short``, as the Figures view's Status column has room for: "disagree", "rounded",
    "consistent", "agree", "one outlet"."""
    status = group.status
    if status == PRECISION and any(
        _reading(f.qualifier) in ("lower", "upper") for f in group.figures
    ):
        status = _BOUND
    full, brief = _STATUS_WORDS[status]
    return brief if short else full


def _label(figures: Sequence[Figure]) -> str:
    units = Counter(f.unit for f in figures if f.counts)
    names = Counter(n for f in figures for n in dict.fromkeys(f.names))
    shared = [n for n, count in names.most_common() if count > len(figures) / 2]
    counts = ""
    if units:
        unit = units.most_common(1)[0][0]
        counts = next(f.counts for f in figures if f.unit == unit and f.counts)
    # A sum is said to be money, whatever it is for ("money ($) for new lighting"); a share
    # that says nothing of what it is of, a percentage.
    first = figures[0]
    kind = {"money": f"money ({first.unit.upper()})", "percent": "" if counts else "percent"}
    parts = (" ".join(shared[:2]), kind.get(first.kind, ""), counts)
    return " ".join(part for part in parts if part) or "figure"


#: The aligner's reading of a sentence's figures, small ones included: "$2 million" is no
#: small count.
_READING = replace(DEFAULT, min_figure=0)


def _around(figure: Figure, body: str, sentence: SentenceFeatures) -> frozenset[str] | None:
    """The words around ``figure`` as the aligner reads them (``similarity.Figure.around``),
    or None when the aligner does not read it as a figure."""
    found = _FIGURE.search(figure.text)
    if found is None:
        return None
    number = found["num"]
    offset = figure.start - figure.sentence.start
    earlier = sum(1 for m in _FIGURE.finditer(body, 0, offset) if m["num"] == number)
    same = [f for f in sentence.figures if f.written.lstrip("$€£") == number]
    return same[earlier].around if earlier < len(same) else None


def _same_participants(a: SentenceFeatures, b: SentenceFeatures) -> bool:
    """False when both sentences name someone or somewhere and share no name ("17 wounded in
    Kabul" / "17 wounded in Madrid"), or were counted on other days."""
    if a.when and b.when and a.when.isdisjoint(b.when):
        return False
    return names_agree(a, b) is not False


class _Sentences:
    """The figures' sentences as the aligner reads them (``similarity.features``), each read
    once and only when a rule asks."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._texts = {a.id: a.text for a in articles}
        self.read: dict[str, SentenceFeatures] = {}

    def body(self, figure: Figure) -> str:
        return self._texts[figure.article][figure.sentence.start : figure.sentence.end]

    def __call__(self, figure: Figure) -> SentenceFeatures:
        body = self.body(figure)
        found = self.read.get(body)
        if found is None:
            found = self.read[body] = features(body, _READING)
        return found


def _join_retold(
    figures: Sequence[Figure],
    sentences: _Sentences,
    find: Callable[[int], int],
    join: Callable[[int, int], None],
) -> None:
    """Join the figures of one quantity told in other words, whether or not the aligner
    matched their sentences ("The repairs will cost $48 million", "The project carries a
    price tag of $52 million"): the same kind and unit (currency, percent or counted noun),
    values within ``FIGURE_TOLERANCE``, no names that differ, and the words around them
    agreeing as the aligner's figure rule wants them to (``Settings.figure_context_overlap``).
    A figure far from another ("$48 million" for the repairs, "$2 million" for lighting) is
    never taken for it: that is another quantity, not a disagreement."""
    # One representative per sentence and place in it: a wire sentence carried by thousands
    # of articles is read, and compared, once.
    copies: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, figure in enumerate(figures):
        if figure.unit:
            copies[(sentences.body(figure), figure.start - figure.sentence.start)].append(i)
    by_unit: dict[tuple[str, str], list[list[int]]] = defaultdict(list)
    for ids in copies.values():
        by_unit[(figures[ids[0]].kind, figures[ids[0]].unit)].append(ids)
    pairs = []
    for groups in by_unit.values():
        groups.sort(key=lambda ids: figures[ids[0]].value)
        # Nothing is joined in this loop: each group's root is read once.
        roots = [find(ids[0]) for ids in groups]
        for n, x in enumerate(groups):
            # By index: a slice of the rest would copy it for every group.
            for m in range(n + 1, len(groups)):
                i, j = x[0], groups[m][0]
                if not _within(figures[i].value, figures[j].value):
                    break
                if roots[n] == roots[m]:
                    continue  # already one quantity (one passage, the same names)
                # An article giving two values tells of two things ("from $48 to $52 million").
                if figures[i].article != figures[j].article or figures[i].value == figures[j].value:
                    pairs.append((i, j))
    around = {
        k: _around(figures[k], sentences.body(figures[k]), sentences(figures[k]))
        for k in dict.fromkeys(k for pair in pairs for k in pair)
    }
    weights = Weights(sentences.read.values(), DEFAULT.prior_sentences or None)
    for i, j in pairs:
        a, b = around[i], around[j]
        if a is None or b is None or find(i) == find(j):
            continue
        if not _may_be_one(figures[i], figures[j], sentences):
            continue
        if not _said_alike(figures[i], figures[j], sentences):
            continue
        smaller = min(weights.total(a), weights.total(b))
        alike = smaller and weights.total(a & b) >= DEFAULT.figure_context_overlap * smaller
        if alike or _same_value_same_fact(figures[i], figures[j], sentences):
            join(i, j)
    # A sentence carried word for word gives one figure in every article carrying it.
    for ids in copies.values():
        for i in ids[1:]:
            join(ids[0], i)


def _same_value_same_fact(a: Figure, b: Figure, sentences: _Sentences) -> bool:
    """One value retold in other words, whose surrounding words share too little for the
    context rule: the same number (and unit), and either sentences that name the same
    participant ("…$18.5 million, Lindqvist told reporters" / "According to Lindqvist, …
    some $18.5 million") or, for a count, what is said of it agreeing ("41 people were taken
    to hospital" / "hospitals treated 41 people"). Names that differ, other days or other
    predicates ("12 killed" / "12 injured") were ruled out before."""
    if a.value != b.value:
        return False
    if names_agree(sentences(a), sentences(b)):
        return True
    if a.kind != "count" or not a.predicate or not b.predicate:
        return False
    return (
        a.predicate == b.predicate
        or a.predicate in sentences(b).words
        or b.predicate in sentences(a).words
    )


def _said_alike(a: Figure, b: Figure, sentences: _Sentences) -> bool:
    """Whether what is said of two counts of things is one thing: "12 people were killed"
    and "13 were injured" are two counts, "12 killed" and "the blast killed 12" one. A sum,
    a share or a measure is said in many words ("will cost", "carries a price tag of",
    "will last", "will take"), so for those it is what they are of that tells (``counts``)."""
    head = a.counts.split(maxsplit=1)[:1]
    if a.kind != "count" or (head and head[0].lower() in _MEASURES):
        return True
    if not a.predicate or not b.predicate or a.predicate == b.predicate:
        return True
    return a.predicate in sentences(b).words or b.predicate in sentences(a).words


def _may_be_one(a: Figure, b: Figure, sentences: _Sentences) -> bool:
    """Whether nothing around two figures says they are of two things: names of their own
    that differ, or sentences naming other participants or days."""
    if a.names and b.names and not set(a.names) & set(b.names):
        return False
    # What a sum or a share is said to be of or for must be in the other's sentence: "$45
    # million on a new park" is not the "$48 million" the repairs will cost.
    for x, y in ((a, b), (b, a)):
        if x.kind != "count" and x.counts:
            said = {w for w in tokens(x.counts) if w not in _STOP}
            if said and said.isdisjoint(sentences(y).words):
                return False
    return _same_participants(sentences(a), sentences(b))


def group_figures(
    figures: Sequence[Figure], passages: Sequence[Passage], articles: Sequence[Article]
) -> tuple[FigureGroup, ...]:
    """Group each quantity across ``articles`` (the figures' own); disagreements first, then
    agreements, then the figures only one article gives."""
    parent = list(range(len(figures)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_article: dict[str, list[int]] = defaultdict(list)
    for i, figure in enumerate(figures):
        by_article[figure.article].append(i)
    starts = {a: [figures[i].start for i in ids] for a, ids in by_article.items()}
    through: dict[int, list[str]] = defaultdict(list)
    for passage in passages:
        found = []
        for member in passage.members:
            ids = by_article.get(member.article, [])
            lo = bisect.bisect_left(starts.get(member.article, []), member.start)
            hi = bisect.bisect_left(starts.get(member.article, []), member.end)
            found.append(ids[lo:hi])
        # Each figure meets the figures of the base member and of one other member (the next),
        # so a passage of many members costs in proportion to its members.
        anchors = [found[passage.base]] + [ids for k, ids in enumerate(found) if k != passage.base]
        for k, ids in enumerate(anchors):
            others = anchors[0] if k else (anchors[1] if len(anchors) > 1 else [])
            nxt = anchors[k + 1] if 0 < k < len(anchors) - 1 else []
            for i in ids:
                for j in [*others, *nxt]:
                    if _linked(figures[i], figures[j]):
                        join(i, j)
                        through[i].append(passage.id)
                        through[j].append(passage.id)
    # Anywhere in the story: the same counted noun with the same names, within tolerance.
    by_key: dict[tuple[str, str, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, figure in enumerate(figures):
        if figure.unit and figure.names:
            by_key[(figure.kind, figure.unit, tuple(sorted(figure.names)))].append(i)
    for ids in by_key.values():
        ids.sort(key=lambda i: figures[i].value)
        for i, j in itertools.pairwise(ids):
            if figures[i].article != figures[j].article and _within(
                figures[i].value, figures[j].value
            ):
                join(i, j)

    # Anywhere: the ages of one person, however far apart ("Smith, 64" / "Smith, 65").
    ages: dict[str, list[int]] = defaultdict(list)
    for i, figure in enumerate(figures):
        if figure.kind == "age" and figure.unit:
            ages[figure.unit].append(i)
    for ids in ages.values():
        for i, j in itertools.pairwise(ids):
            join(i, j)

    sentences = _Sentences(articles)
    _join_retold(figures, sentences, find, join)

    # Anywhere: the same thing counted and said the same of it, with the same names ("the
    # repairs are expected to cost $4.2 million", "the work will cost $4.8 million"), at
    # values of one size, by an article that gives one value of it.
    by_claim: dict[tuple[str, str, str, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, figure in enumerate(figures):
        if figure.unit and figure.predicate:
            key = (figure.kind, figure.unit, figure.predicate, tuple(sorted(figure.names)))
            by_claim[key].append(i)
    for ids in by_claim.values():
        values_of: dict[str, set[float]] = defaultdict(set)
        for i in ids:
            values_of[figures[i].article].add(figures[i].value)
        # An article giving two values of it tells of two things ("9,000 in 1990").
        kept = [i for i in ids if len(values_of[figures[i].article]) == 1]
        if len({figures[i].article for i in kept}) < 2:
            continue
        # Values further apart than ``CLAIM_SPREAD`` are two things said alike ("the repairs
        # will cost $48 million", "lighting will cost $2 million"), as are figures of other
        # participants ("17 wounded in Kabul", "in Madrid").
        kept.sort(key=lambda i: figures[i].value)
        first = kept[0]
        for i in kept[1:]:
            if figures[i].value > CLAIM_SPREAD * figures[first].value:
                first = i
            elif _may_be_one(figures[first], figures[i], sentences):
                join(first, i)

    # Anywhere: the same specific value of the same kind with the same names, any noun.
    by_value: dict[tuple[str, float, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, figure in enumerate(figures):
        if figure.names and _specific(figure):
            by_value[(figure.kind, figure.value, tuple(sorted(figure.names)))].append(i)
    for ids in by_value.values():
        for i, j in itertools.pairwise(ids):
            join(i, j)  # same-article repeats join too: they are the same figure

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(figures)):
        members[find(i)].append(i)
    groups = []
    for ids in members.values():
        group = [figures[i] for i in ids]
        # Per wording, its articles in order (a dict: a wording carried by thousands of
        # articles made a list's membership test quadratic).
        values: dict[str, dict[str, None]] = {}
        amounts: dict[str, float] = {}
        for figure in group:
            # "At least 12" opening a sentence is the "at least 12" of another outlet.
            text = figure.text[:1].lower() + figure.text[1:] if figure.qualifier else figure.text
            values.setdefault(text, {})[figure.article] = None
            amounts[text] = figure.value
        ordered = sorted(values, key=lambda t: (amounts[t], t))
        groups.append(
            FigureGroup(
                id="",
                label=_label(group),
                figures=tuple(group),
                values=tuple(FigureValue(t, amounts[t], tuple(values[t])) for t in ordered),
                status=figure_status(group),
                passages=tuple(dict.fromkeys(p for i in ids for p in through.get(i, []))),
            )
        )
    rank = {DISAGREE: 0, PRECISION: 1, AGREE: 2, SINGLE: 3}
    groups.sort(
        key=lambda g: (rank[g.status], -len(g.articles), g.figures[0].article, g.figures[0].start)
    )
    return tuple(
        FigureGroup(f"f{n}", g.label, g.figures, g.values, g.status, g.passages)
        for n, g in enumerate(groups, start=1)
    )


def emphasis(
    groups: Sequence[FigureGroup], passages: Sequence[Passage]
) -> dict[tuple[str, str], tuple[Span, ...]]:
    """For each (passage id, article id): the spans of the figures of the quantity the passage
    was grouped on, so a view emphasises those and not an unrelated figure beside them."""
    by_id = {p.id: p for p in passages}
    spans: dict[tuple[str, str], set[Span]] = defaultdict(set)
    for group in groups:
        if group.status == SINGLE:
            continue
        # By article, so a passage's members are each read once: looking each figure's
        # member up grew with the group's figures times the passage's members.
        of_article: dict[str, list[Figure]] = defaultdict(list)
        for figure in group.figures:
            of_article[figure.article].append(figure)
        for passage_id in group.passages:
            seen: set[str] = set()
            for member in by_id[passage_id].members:
                if member.article in seen:
                    continue  # an article's first member is the one its figures are in
                seen.add(member.article)
                for figure in of_article.get(member.article, ()):
                    if member.start <= figure.start < member.end:
                        spans[(passage_id, figure.article)].add(Span(figure.start, figure.end))
    return {key: tuple(sorted(v, key=lambda s: s.start)) for key, v in spans.items()}
