"""How alike two sentences are, in [0, 1], weighting rare words, names and numbers most.

Matching normalises what a reader would not call a difference: Unicode compatibility forms
(NFKC), curly quotes, dashes, non-breaking spaces, case, thousands separators. Words are
stemmed so that "investigators" meets "investigation".

A pair of sentences is described by nine symmetric features (``pair_features``): weighted
word overlap, where each word counts by how rare it is in the collection (inverse document
frequency over sentences), so "the" counts for little and "Bessent" or "2,290" for a lot, and
a figure given at a coarser precision ("about 2,300" for "2,290") counts as a partial match,
its square (the odds of a paraphrase rise faster than linearly near full overlap), and its
product with the word-level edit similarity (the same words in the same order);
character-level similarity (rapidfuzz), of the whole texts and of the shorter text against its
best-matching stretch of the longer; overlap of three-word runs; the difference in length; and
two kinds of evidence against: figures that disagree, and a negation on one side only.

A logistic model combines them. Its coefficients were fitted by ``bench/msrp.py`` on the
Microsoft Research Paraphrase Corpus training split (news sentences from different outlets,
labelled paraphrase or not), never on the seed articles; the probability is rescaled so that a
sentence compared with itself scores exactly 1.
"""

from __future__ import annotations

import functools
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise, repeat
from operator import add

import snowballstemmer
from jellyfish import metaphone
from rapidfuzz.distance.Indel import normalized_similarity as _name_similarity
from rapidfuzz.distance.Levenshtein import editops as _word_editops
from rapidfuzz.distance.Levenshtein import normalized_similarity as _word_levenshtein
from rapidfuzz.fuzz import partial_ratio as _partial_ratio
from rapidfuzz.fuzz import ratio as _char_ratio

from tui.core.frequencies import english
from tui.core.settings import DEFAULT, Settings
from tui.core.units import CURRENCY_WORDS, MEASURES, NUMBER_WORDS, UNITS

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:'\w+)*")
#: One stemmer per thread: a Snowball stemmer keeps its state in the instance, so two threads
#: sharing one (a Dask worker with several threads) corrupt each other's words.
_STEMMERS = threading.local()
_NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without"}
)

#: Two figures count as the same reported number when the more precise one, rounded to the
#: precision of the other ("2,290" to hundreds), gives the other ("2,300"), and they differ
#: by at most this share.
NUMBER_TOLERANCE = 0.1


#: ``_FOLD`` as (character, replacement) pairs. Every replacement is ASCII and no character
#: folded is, so replacing them one after the other folds the same as ``str.translate``,
#: which looks every character of the text up in the table (six times slower on news text).
_FOLD_PAIRS = tuple((chr(code), folded) for code, folded in _FOLD.items())


def normalise(text: str) -> str:
    """The matching form of a text: NFKC, straight quotes, plain hyphens, lower case."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        for character, folded in _FOLD_PAIRS:
            if character in text:
                text = text.replace(character, folded)
    return text.lower()


@dataclass(frozen=True, slots=True)
class Number:
    """A figure in a sentence and the precision it was given at (1 for "2,290", 100 for "2,300")."""

    value: float
    unit: float


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure a sentence reports and what it counts."""

    value: float
    #: As written ("2,290", "$863").
    written: str
    #: The word counted, stemmed ("investig"), "$" for money, "" when none follows.
    unit: str
    #: The unit as written ("investigators"), for the reason shown to a reader.
    unit_written: str
    #: The stemmed words around the figure and the sentence's acronyms.
    around: frozenset[str]
    #: The precision it was given at (1 for "2,290", 100 for "2,300", 0.01 for "$27.54").
    precision: float = 1.0
    #: Whether it is given as an estimate ("approximately 2,100", "about", "more than").
    hedged: bool = False
    #: The scale written after it ("million" for "$18.5 million" and "$18.5m"), or "".
    scale: str = ""


Trigram = tuple[str, str, str]
#: The empty set of every sentence that has no initials or no days (most): one object.
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """Everything about one sentence that pair scoring needs, computed once per sentence."""

    #: Normalised, stemmed word tokens.
    words: frozenset[str]
    #: The figures the sentence reports.
    numbers: tuple[Number, ...]
    #: The normalised text, spaces collapsed (for character-level similarity).
    text: str
    #: Runs of three adjacent stemmed tokens.
    trigrams: frozenset[Trigram]
    #: How many word tokens the sentence has.
    length: int
    #: Whether the sentence contains a negation ("not", "didn't", "never", ...).
    negated: bool
    #: The quotation the sentence mostly consists of, without its attribution ("..., Noem
    #: wrote, thanking Bessent"), when there is one: outlets attribute one quote differently.
    quote: SentenceFeatures | None = None
    #: Each figure the sentence reports (not years, ordinals or small counts).
    figures: tuple[Figure, ...] = ()
    #: The days and months the sentence names ("monday", "feb"): when its figures were counted.
    when: frozenset[str] = _NONE
    #: The stemmed tokens in order (for word-order evidence).
    sequence: tuple[str, ...] = ()
    #: Where each stemmed token first occurs in ``sequence``.
    where: dict[str, int] = field(default_factory=dict, compare=False)
    #: Each word's general-English frequency (``wordfreq``, of the form written here), by stem:
    #: the stems, then their frequencies in the same order (two flat tuples take a third of
    #: the memory of a tuple of pairs).
    prior: tuple[tuple[str, ...], tuple[float, ...]] = ((), ())
    #: The names the sentence mentions (capitalised words past its first), as (stem, form
    #: written, general-English frequency), in order: participants, places, organisations.
    names: tuple[tuple[str, str, float], ...] = ()
    #: The initials of its multi-word names ("Internal Revenue Service" gives "irs").
    initials: frozenset[str] = _NONE
    #: The stems of ``names`` grouped by the run of adjacent capitalised words they stand in
    #: ("Treasury Secretary Scott Bessent" is one run): one participant, however many words
    #: name it.
    name_runs: tuple[tuple[str, ...], ...] = ()


def _number(token: str) -> Number | None:
    """The value and precision of a numeric token, or None for a word."""
    if not token[0].isdigit():
        return None
    plain = token.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    if "." in plain:
        unit = 10.0 ** -len(plain.rsplit(".", 1)[1])
    elif "," not in token and len(plain) == 4 and 1900 <= value < 2100:
        unit = 1.0  # a year: "2000" is not a round figure
    else:
        unit = 10.0 ** (len(plain) - len(plain.rstrip("0"))) if value else 1.0
    return Number(value, unit)


def _raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


_STEMS: dict[str, str] = {}


def _stem(token: str) -> str:
    stem = _STEMS.get(token)
    if stem is None:
        if token[0].isdigit():
            stem = token.replace(",", "")
        else:
            stemmer = getattr(_STEMMERS, "english", None)
            if stemmer is None:
                stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
            stem = stemmer.stemWord(token.removesuffix("'s"))
        if len(_STEMS) < 200_000:  # a vocabulary, not a leak: bounded
            _STEMS[token] = stem
    return stem


def tokens(text: str) -> list[str]:
    """Normalised, stemmed word tokens (numbers lose their thousands separators)."""
    return [_stem(token) for token in _raw_tokens(text)]


_QUOTE = re.compile(r'"([^"]+)"')
#: A quotation is compared on its own when it makes up at least this share of its sentence.
QUOTE_SHARE = 0.5
#: ``_QUOTE`` on text as written: the marks ``normalise`` folds to a straight double quote.
_QUOTE_WRITTEN = re.compile('[“”„‟″«»"]([^“”„‟″«»"]+)[“”„‟″«»"]')


def quotation(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The span of the quotation ``features`` also reads on its own (the longest, when it
    makes up ``QUOTE_SHARE`` of the sentence ``text[start:end]`` and words stand outside
    it: the attribution), as offsets into ``text``; None when there is none."""
    end = len(text) if end is None else end
    found = [m.span(1) for m in _QUOTE_WRITTEN.finditer(text, start, end)]
    if not found:
        return None
    inner = max(found, key=lambda span: span[1] - span[0])
    size = len(text[start:end].strip())
    outside = text[start : inner[0]] + text[inner[1] : end]
    if inner[1] - inner[0] >= QUOTE_SHARE * size and _TOKEN.search(outside):
        return inner
    return None


def features(
    text: str, settings: Settings = DEFAULT, trigrams: dict[Trigram, Trigram] | None = None
) -> SentenceFeatures:
    """The features of one sentence (compute once, compare many times).

    ``trigrams``, when given, keeps one tuple per distinct trigram for all the sentences it
    is given with (the sentences of a story share half of theirs)."""
    normal = normalise(text)
    quote = None
    spans = [m.group(1) for m in _QUOTE.finditer(normal)]
    if spans:
        inner = max(spans, key=len)
        outside = normal.replace(inner, "", 1)
        if len(inner) >= QUOTE_SHARE * len(normal.strip()) and _TOKEN.search(outside):
            quote = features(inner, settings, trigrams)
    raw = _TOKEN.findall(normal)
    known = _STEMS.get
    words = [stem if (stem := known(token)) is not None else _stem(token) for token in raw]
    acronyms = _acronyms(text)
    numbers = tuple(n for n in (_number(t) for t in raw if t[0].isdigit()) if n is not None)
    negated = not _NEGATIONS.isdisjoint(raw) or (
        "n't" in normal and any(token.endswith("n't") for token in raw)
    )
    prior = {w: _frequency(t) for t, w in zip(raw, words, strict=True) if t[0].isalpha()}
    runs = zip(words, words[1:], words[2:], strict=False)
    where = _positions(words)
    # Sets made from dicts: a set grown one item at a time keeps a table up to twice as large.
    return SentenceFeatures(
        words=frozenset(where),
        numbers=numbers,
        text=" ".join(normal.split()),
        trigrams=frozenset(
            dict.fromkeys(runs if trigrams is None else (trigrams.setdefault(t, t) for t in runs))
        ),
        length=len(words),
        negated=negated,
        quote=quote,
        figures=_figures(normal, raw, words, acronyms, settings) if numbers else (),
        when=frozenset(_WHEN[t] for t in raw if t in _WHEN) or _NONE if numbers else _NONE,
        sequence=tuple(words),
        where=where,
        prior=(tuple(prior), tuple(prior.values())),
        names=(names := _names(text))[0],
        initials=frozenset(acronyms) or _NONE,
        name_runs=names[1],
    )


def _frequency(token: str) -> float:
    """How often a word occurs in general English, per token."""
    return english().frequency(token.removesuffix("'s"))


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
#: Day and month names and their abbreviations, each mapped to one form ("tues" -> "tue").
_WHEN = {
    **{name: name[:3] for name in (*_DAYS, *_MONTHS) if name != "may"},
    **{name[:3]: name[:3] for name in (*_DAYS, *_MONTHS) if name[:3] not in ("mar", "may")},
    "tues": "tue",
    "thur": "thu",
    "thurs": "thu",
    "sept": "sep",
}
#: The day and month names and their abbreviations, in lower case ("tues", "sept").
DAYS_AND_MONTHS = frozenset(_WHEN)


_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the)?\s*[A-Z][a-z]+)+")
_SMALL_WORDS = frozenset({"of", "and", "for", "the"})
_WORD = re.compile(r"\w+(?:['’]\w+)*")
#: The words of ``_WORD`` that begin with a capital A-Z or any letter beyond ASCII: a
#: superset of its capitalised words, found without a Python step per word (a word starts
#: where no word character, or no word character and an apostrophe, comes before).
_CAPITALISED = re.compile(r"(?<!\w)(?<!\w['’])(?:[A-Z]|[^\W\d_\x00-\x7f])\w*(?:['’]\w+)*")
#: A capitalised first word of a sentence is a name only when it is this rare in English
#: ("The", "But", "Homeland" are not; "Noem" is).
_NAME_FREQUENCY = 1e-5


def _acronyms(text: str) -> dict[str, str]:
    """The initials of each multi-word name: "Internal Revenue Service" gives "irs", and
    "The Department of Homeland Security" "dhs" (a capitalised "The" or "Of" is no initial
    either: "The New York Times" is the NYT)."""
    found = {}
    for name in _NAME.findall(text):
        initials = "".join(w[0] for w in name.split() if w.lower() not in _SMALL_WORDS)
        if len(initials) >= 2:
            found[_stem(initials.lower())] = initials
    return found


#: What may stand between two capitalised words of one name: spaces, and "of" or "the"
#: ("Department of the Treasury"); a comma or "and" separates two names.
_INSIDE_NAME = re.compile(r"\s+(?:(?:of|the|de|van|von|al)\s+)*")


#: Each capitalised word's matching form, frequency in English and stem (names recur).
_NAME_WORDS: dict[str, tuple[str, float, str]] = {}


def _name_word(word: str) -> tuple[str, float, str]:
    lower = normalise(word).removesuffix("'s")
    found = (lower, _frequency(lower), _stem(lower))
    if len(_NAME_WORDS) < 200_000:  # a vocabulary, not a leak: bounded
        _NAME_WORDS[word] = found
    return found


def _names(
    text: str,
) -> tuple[tuple[tuple[str, str, float], ...], tuple[tuple[str, ...], ...]]:
    """The sentence's names in order, as (stem, form written, frequency in English), and
    their stems grouped by runs of adjacent capitalised words: "Homeland Security Secretary
    Kristi Noem" is one run, one participant however many words name it."""
    found: dict[str, tuple[str, str, float]] = {}
    runs: list[list[str]] = []
    text = unicodedata.normalize("NFKC", text)
    first = _WORD.search(text)
    last_end = -1  # where the last capitalised word ended
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if not word[0].isupper() or len(word) < 2:
            continue
        position = 0 if first is not None and match.start() == first.start() else 1
        continues = last_end >= 0 and _INSIDE_NAME.fullmatch(text, last_end, match.start())
        last_end = match.end()
        lower, frequency, stem = _NAME_WORDS.get(word) or _name_word(word)
        if lower in _WHEN or (lower in NUMBER_WORDS and not continues):
            continue  # "Seventeen people were hurt": a count; "Air Force One" is a name
        if position == 0 and frequency >= _NAME_FREQUENCY:
            continue
        if not continues or not runs:
            runs.append([])
        if stem not in runs[-1]:
            runs[-1].append(stem)
        if stem not in found:
            found[stem] = (stem, word.removesuffix("'s").removesuffix("’s"), frequency)
    return tuple(found.values()), tuple(tuple(run) for run in runs)


_FIGURE = re.compile(r"([$€£]\s?)?(\d+(?:[.,]\d+)*)")
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "m", "bn"})
#: Abbreviated scales, spelt out, so "$18.5m" meets "$18.5 million".
_SCALE_WORDS = {"m": "million", "bn": "billion"}
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})
_CURRENCIES = frozenset(_stem(word) for word in CURRENCY_WORDS)


def _figures(
    normal: str, raw: list[str], words: list[str], acronyms: dict[str, str], settings: Settings
) -> tuple[Figure, ...]:
    """Each figure (not a year, an ordinal or a small count) with what it counts: the word
    after it, and the words around it and the sentence's acronyms, so "the IRS has 2,290"
    meets "the Internal Revenue Service ... has 2,290". ``raw`` are the tokens of ``normal``,
    ``words`` their stems."""
    found = []
    position = -1
    for match in _FIGURE.finditer(normal):
        token = match.group(2)
        while position + 1 < len(raw):
            position += 1
            if raw[position] == token:
                break
        number = _number(token)
        if number is None or number.value < settings.min_figure:
            continue
        if "," not in token and len(token) == 4 and 1900 <= number.value < 2100:
            continue  # a year says when, not how many
        after = raw[position + 1 : position + 4]
        if after and after[0] in _ORDINAL_ENDINGS:
            continue  # "the 14th day": an ordinal says which, not how many
        unit_written = _counted(normal[match.end() :])
        following = [w for w in after if w not in _SCALES and not w[0].isdigit()]
        if match.group(1) or (following and _stem(following[0]) in _CURRENCIES):
            unit, unit_written = "$", (match.group(1) or "").strip() or following[0]
        elif unit_written in MEASURES:  # one unit however spelled: "km", "kilometres"
            unit = UNITS[unit_written]
        else:
            unit = _stem(unit_written) if unit_written else ""
        context = settings.figure_context
        around = (
            words[max(0, position - context) : position]
            + words[position + 1 : position + 1 + context]
        )
        around_words = frozenset(w for w in around if not w[0].isdigit()).union(acronyms)
        written = (match.group(1) or "").strip() + token
        hedged = bool(_HEDGE.search(normal, max(0, match.start() - 24), match.start()))
        scale = after[0] if after and after[0] in _SCALES else ""
        found.append(
            Figure(
                number.value,
                written,
                unit,
                unit_written,
                around_words,
                number.unit,
                hedged,
                _SCALE_WORDS.get(scale, scale),
            )
        )
    return tuple(found)


#: Words that give the figure after them as an estimate.
_HEDGE = re.compile(
    r"\b(?:approximately|about|around|roughly|nearly|almost|some|estimated|more than|"
    r"over|up to|close to|at least|fewer than|less than|under)\s+[$€£]?\s?$"
)
_AFTER = re.compile(r"\s+([a-z][\w'-]*)")


def _counted(rest: str) -> str:
    """What a figure counts: the last word of the noun phrase after it ("2,290 law
    enforcement officers in ..." counts "officers"), up to a function word, punctuation or
    a participle ("special agents trained in ..."), or a unit of measure ("12 km long")."""
    head = ""
    for _ in range(4):
        match = _AFTER.match(rest)
        if match is None:
            break
        word = match.group(1)
        if word in _SCALES:
            rest = rest[match.end() :]
            continue
        if word in _FUNCTION_WORDS or (head and word.endswith(("ed", "ing"))):
            break
        head = word
        if word in MEASURES:
            break  # "12 km long", "14 months later": the unit is what is counted
        rest = rest[match.end() :]
    return head


#: Words that end a noun phrase: prepositions, conjunctions, pronouns, determiners, verbs
#: that link ("2,290 officers in ...", "2,100 investigators who ...").
_FUNCTION_WORDS = frozenset(
    """a an the this that these those and or but nor so of in on at by for from to with into
    onto over under about after before during since until than as per each every who whom
    whose which what when where while if because although is are was were be been being has
    have had do does did will would can could may might must shall should it its they them
    their he she his her we our you your i me my said says say more less most least
    """.split()
)


def names_agree(a: SentenceFeatures, b: SentenceFeatures) -> bool | None:
    """True when the two share a name, False when both name someone or somewhere and share
    none ("17 wounded in Kabul" / "17 wounded in Madrid"), None when one names nobody."""
    if not a.names or not b.names:
        return None
    mine = {stem for stem, _, _ in a.names} | a.initials
    return not mine.isdisjoint({stem for stem, _, _ in b.names} | b.initials)


def same_reported_figure(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights, settings: Settings = DEFAULT
) -> str | None:
    """The figure two sentences report about the same thing, however worded, as a reader
    would read it ("2,290 ~ 2,300 investigators"), or None.

    Outlets rewrite a fact around its number: "the IRS has approximately 2,100 criminal
    investigators" and "the IRS has 2,290 law enforcement officers in its criminal
    investigation unit" share few words overall, but their figures are within
    ``figure_tolerance`` of each other and count the same thing: the word counted agrees
    (or stands near the other figure), money meets money, and the words around the figures
    agree. A figure is one fact only with the same participants: sentences that both name
    someone or somewhere must share a name, and a small count (below ``figure_needs_name``:
    "17 people were wounded") must share one. Years and ordinals are never figures; figures
    counted on different days ("1,200 arrests on Monday", "1,100 arrests on Tuesday") are
    different facts.
    """
    if a.when and b.when and a.when.isdisjoint(b.when):
        return None
    names = names_agree(a, b)
    if names is False:
        return None
    for x in a.figures:
        for y in b.figures:
            if not _same_count(x, y, bool(names), settings):
                continue
            smaller = min(weights.total(x.around), weights.total(y.around))
            shared = weights.total(x.around & y.around)
            if smaller and shared >= settings.figure_context_overlap * smaller:
                values = x.written if x.written == y.written else f"{x.written} ~ {y.written}"
                unit = x.unit_written if x.unit != "$" else ""
                return f"{values} {unit}".strip()
    return None


def _same_count(x: Figure, y: Figure, named: bool, settings: Settings) -> bool:
    """Whether two figures can report one count, before the words around them are weighed:
    one number (``_one_figure``), money meets only money, the words counted agree (or one
    stands near the other figure), and a small count needs a shared name (``named``)."""
    if not _one_figure(x, y, settings.figure_tolerance):
        return False
    if (x.unit == "$") != (y.unit == "$"):
        return False
    if x.unit and y.unit and x.unit != y.unit and x.unit not in y.around and y.unit not in x.around:
        return False
    return named or max(x.value, y.value) >= settings.figure_needs_name or x.unit == "$"


def corroborating_figures(
    a: SentenceFeatures, b: SentenceFeatures, settings: Settings = DEFAULT
) -> tuple[str, ...]:
    """The figures, readable, when two sentences that share a name report at least
    ``fact_min_figures`` different figures that agree, each with the same word counted (or
    both money, of one scale): "$18.5 million" and "14 months" in "Lindqvist put the cost at
    $18.5 million and said the work would take 14 months" and "Fixing the pier is expected
    to run to $18.5 million, Lindqvist told reporters, with crews needing roughly 14 months".
    Else ().

    One figure agreeing is not enough on its own (two deals cost the same, two attacks wound
    the same number): ``same_reported_figure`` asks the words around it to agree too. Two
    figures that agree, each about the same thing, beside a shared name, are the fact however
    the rest is worded, unless each sentence names a participant the other does not (the
    same sum and time in Tarvik and in Mosul); the other tests of ``fact_verdict`` (days,
    negation, roles, a name replaced, a figure without a partner) still apply."""
    if settings.fact_min_figures <= 0 or len(a.figures) < 2 or len(b.figures) < 2:
        return ()
    if a.when and b.when and a.when.isdisjoint(b.when):
        return ()
    if not names_agree(a, b):
        return ()
    if _each_names_another(a, b, settings):
        return ()
    found: list[str] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for i, x in enumerate(a.figures):
        if not x.unit:
            continue
        for j, y in enumerate(b.figures):
            if j in used_b or x.unit != y.unit or x.scale != y.scale:
                continue
            if not _same_count(x, y, True, settings):
                continue
            used_a.add(i)
            used_b.add(j)
            values = x.written if x.written == y.written else f"{x.written} ~ {y.written}"
            unit = x.scale if x.unit == "$" else f"{x.scale} {x.unit_written}".strip()
            found.append(f"{values} {unit}".strip())
            break
    return tuple(found) if len(found) >= settings.fact_min_figures else ()


def _each_names_another(a: SentenceFeatures, b: SentenceFeatures, settings: Settings) -> bool:
    """Whether each sentence names a participant (a name rarer than ``fact_name_frequency``,
    or initials) the other does not: the same figures in Tarvik and in Mosul are two events.
    One naming more than the other ("City engineer Priya Lindqvist" / "Lindqvist") is not."""
    rare = settings.fact_name_frequency
    mine = {stem for stem, _, f in a.names if f < rare} | a.initials
    theirs = {stem for stem, _, f in b.names if f < rare} | b.initials
    return bool(mine - theirs) and bool(theirs - mine)


def _one_figure(x: Figure, y: Figure, tolerance: float) -> bool:
    """Whether two figures can be one reported number: equal; or within ``tolerance`` of
    each other when one is a rounding of the other ("2,290" and "2,300") or an estimate
    ("approximately 2,100"). Two exact figures that differ ("$27.54", "$27.67"; "1,790.47",
    "1,773.54") are two numbers, and so are figures of different scales ("$18.5 million",
    "$18.5 billion")."""
    if x.scale and y.scale and x.scale != y.scale:
        return False
    if x.value == y.value:
        return True
    if abs(x.value - y.value) > tolerance * max(x.value, y.value):
        return False
    if x.hedged or y.hedged:
        return True
    fine, coarse = (x, y) if x.precision < y.precision else (y, x)
    if fine.precision == coarse.precision:
        return False
    rounded = round(fine.value / coarse.precision) * coarse.precision
    return abs(rounded - coarse.value) <= 1e-9 * max(1.0, abs(coarse.value))


def _plain_words(sentence: SentenceFeatures) -> frozenset[str]:
    """The sentence's words that are no name, figure or date: what it says happened."""
    names = {stem for stem, _, _ in sentence.names} | sentence.initials
    return frozenset(
        w for w in sentence.words if w not in names and not w[0].isdigit() and w not in _WHEN
    )


@dataclass(frozen=True, slots=True)
class Fact:
    """Why two sentences retell one fact: how strongly, and what they share, readable."""

    #: The overlap of their words other than names, figures and dates (1 with a figure).
    strength: float
    #: The shared participants, then the agreeing figure: ("Noem", "Bessent", "2,290 ~ 2,300
    #: investigators").
    evidence: tuple[str, ...]


def same_fact(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights, settings: Settings = DEFAULT
) -> Fact | None:
    """What shows that two sentences retell one specific fact in other words, or None
    (``fact_verdict``)."""
    found = fact_verdict(a, b, weights, settings, explain=False)
    return found if isinstance(found, Fact) else None


def fact_verdict(
    a: SentenceFeatures,
    b: SentenceFeatures,
    weights: Weights,
    settings: Settings = DEFAULT,
    explain: bool = True,
) -> Fact | str | None:
    """What shows that two sentences retell one specific fact in other words; or, when they
    would but for a rule, the rule, readable (``kept_apart``; with ``explain`` only: the
    aligner, asking of every pair, needs no reason); or None.

    The way cross-document event matching works: the same participants (the rare names both
    mention carry most of each sentence's names), the same action (their other words
    overlap) or an agreeing figure, and nothing against (no figure without a partner, no
    one-sided negation, no different day, no swapped roles). The answer says why, readable:
    the shared names, then the agreeing figure ("Noem", "Bessent", "IRS", "2,290 ~ 2,300
    investigators").
    """
    rare, unique = settings.fact_name_frequency, settings.fact_unique_frequency
    # Most pairs share no rare name: say so before weighing any (``shared`` below is empty
    # exactly when these three intersections are).
    stems_a = {stem for stem, _, f in a.names if f < rare}
    stems_b = {stem for stem, _, f in b.names if f < rare}
    if (
        stems_a.isdisjoint(stems_b)
        and stems_a.isdisjoint(b.initials)
        and stems_b.isdisjoint(a.initials)
    ):
        return None

    def specific(frequency: float) -> float:
        """How surely a name picks out one participant: 0 at ``rare``, 1 at ``unique``."""
        if frequency <= unique:
            return 1.0
        return max(0.0, math.log(rare / frequency) / math.log(rare / unique))

    # "IRS" in one sentence meets "Internal Revenue Service" in the other.
    shared = [s for s, _, f in a.names if f < rare and (s in stems_b or s in b.initials)]
    shared += [s for s, _, f in b.names if f < rare and s in a.initials and s not in stems_a]
    if not shared:
        return None
    if a.negated != b.negated or (a.when and b.when and a.when.isdisjoint(b.when)):
        return None
    figure = same_reported_figure(a, b, weights, settings) if a.figures and b.figures else None
    figures: tuple[str, ...] = (figure,) if figure else corroborating_figures(a, b, settings)
    if figures:
        figure = ", ".join(figures)
    # Each participant counts at most 1, so fewer shared names than ``fact_min_names`` cannot
    # make it (the test below), whatever their weights.
    if figure is None and len(shared) < settings.fact_min_names:
        return None
    names_a = {stem: (form, specific(f)) for stem, form, f in a.names if f < rare}
    names_b = {stem: (form, specific(f)) for stem, form, f in b.names if f < rare}
    known = {**names_b, **names_a}
    weight = {stem: value for stem, (_, value) in known.items()}
    together = _participants(shared, weight, a.name_runs + b.name_runs)
    if figure is None and together < settings.fact_min_names:
        return None
    # A figure without a partner keeps the pair apart; whether it is all that does is only
    # worth knowing for the reason, so then the other tests come first.
    differ = figure is None and _number_agreement(a.numbers, b.numbers)[1] > 0
    if differ and not explain:
        return None
    smaller = min(
        _participants(list(names_a), weight, a.name_runs),
        _participants(list(names_b), weight, b.name_runs),
    )
    if figure is None and together < settings.fact_name_share * smaller:
        return None
    # The action: the words that are not names, figures or dates.
    rest_a, rest_b = _plain_words(a), _plain_words(b)
    total = weights.total(rest_a) + weights.total(rest_b)
    action = 2 * weights.total(rest_a & rest_b) / total if total else 0.0
    if figure is None and action < settings.fact_action_overlap:
        return None
    if differ:
        return figures_differ(a, b)
    if named_roles_differ(a, b, weights, settings.order_veto):
        return NAMES_IN_OTHER_ORDER
    replaced = replaced_name(a, b, settings)
    if replaced is not None:
        return another_name(replaced)
    evidence = (*(known[stem][0] for stem in shared), *figures)
    return Fact(1.0 if figure else action, evidence)


def _participants(
    stems: Sequence[str], weight: dict[str, float], runs: Sequence[tuple[str, ...]]
) -> float:
    """How many participants ``stems`` name: the words of one run of capitalised words in
    either sentence ("Kristi Noem", "Treasury Secretary Scott Bessent") are one participant,
    counted by its most specific word; a name in several runs joins them."""
    group = {stem: stem for stem in stems}

    def root(stem: str) -> str:
        while group[stem] != stem:
            stem = group[stem]
        return stem

    for run in runs:
        inside = [root(stem) for stem in run if stem in group]
        for other in inside[1:]:
            group[other] = inside[0]
    best: dict[str, float] = {}
    for stem in stems:
        top = root(stem)
        best[top] = max(best.get(top, 0.0), weight.get(stem, 0.0))
    return math.fsum(best.values())


#: Mean length of a sentence in words: turns a word's frequency per token into the share of
#: sentences that contain it.
SENTENCE_WORDS = 20


class Weights:
    """How much each token says about a sentence: an inverse document frequency in (0, 1].

    With ``prior`` (the default, ``Settings.prior_sentences``), a word's document frequency is
    its general-English frequency (``wordfreq``) over ``prior`` imaginary sentences plus its
    count in the story's own sentences: "the" weighs nothing in a story of two sentences,
    a name everyone in the story repeats weighs less than one told once. Nothing depends on the
    story's size, only on how often the pair's own words occur, so a pair is judged the same
    alone and among hundreds of unrelated sentences. With ``prior=None`` the weights come from
    the story alone (the matcher before the prior; ``bench/msrp.py`` compares the two).
    Weights are divided by the weight of a word never seen, so they lie in (0, 1].
    """

    def __init__(
        self, sentences: Iterable[SentenceFeatures], prior: float | None = 10_000.0
    ) -> None:
        df: Counter[str] = Counter()
        frequency: dict[str, float] = {}
        count = 0
        for sentence in sentences:
            df.update(sentence.words)
            for word, f in zip(*sentence.prior, strict=True):
                if f > frequency.get(word, -1.0):
                    frequency[word] = f
            count += 1
        self.count = count
        if prior is None:
            self._unseen = math.log((count + 1) / 0.5)
            self._relative = {
                token: math.log((count + 1) / (n + 0.5)) / self._unseen for token, n in df.items()
            }
        else:
            self._unseen = math.log((prior + 1) / 0.5)
            self._relative = {}
            for token, n in df.items():
                share = min(1.0, SENTENCE_WORDS * frequency.get(token, 0.0))
                idf = math.log((prior + 1) / (prior * share + n + 0.5)) / self._unseen
                self._relative[token] = max(MIN_WEIGHT, idf)
        self._totals: dict[frozenset[str], float] = {}
        self._heavy: dict[frozenset[str], frozenset[str]] = {}

    def __getitem__(self, token: str) -> float:
        """The weight of ``token``: its IDF, in nats."""
        return self._relative.get(token, 1.0) * self._unseen

    def relative(self, token: str) -> float:
        """The weight of ``token`` in (0, 1]: 1 for a word never seen."""
        return self._relative.get(token, 1.0)

    def total(self, words: frozenset[str]) -> float:
        """The summed relative weight of a set of words (memoised: sentences recur)."""
        total = self._totals.get(words)
        if total is None:
            get = self._relative.get
            # fsum: exact, so the total does not depend on the set's (hash-seeded) order.
            total = self._totals[words] = math.fsum([get(w, 1.0) for w in words])
        return total

    def heavy(self, words: frozenset[str]) -> frozenset[str]:
        """The words of a set heavy enough to be compared for order (``ORDER_WEIGHT``;
        memoised: sentences recur)."""
        found = self._heavy.get(words)
        if found is None:
            get = self._relative.get
            found = self._heavy[words] = frozenset(
                [w for w in words if get(w, 1.0) >= ORDER_WEIGHT]
            )
        return found


#: The least relative weight a word gets (the commonest words would otherwise weigh nothing,
#: and a sentence of them could not even match itself).
MIN_WEIGHT = 0.02


def _close(x: Number, y: Number) -> bool:
    """Whether two unequal figures are one number given at two precisions."""
    if x.value == y.value:
        return True
    if x.unit == y.unit:
        return False
    fine, coarse = (x, y) if x.unit < y.unit else (y, x)
    rounded = round(fine.value / coarse.unit) * coarse.unit
    if abs(rounded - coarse.value) > 1e-9 * max(1.0, abs(coarse.value)):
        return False
    return abs(x.value - y.value) <= NUMBER_TOLERANCE * max(abs(x.value), abs(y.value))


def _number_agreement(a: tuple[Number, ...], b: tuple[Number, ...]) -> tuple[int, int]:
    """(close but unequal pairs, numbers with no equal or close partner), counted both ways."""
    if not a or not b:
        return 0, 0
    values_a, values_b = {n.value for n in a}, {n.value for n in b}
    if values_a == values_b:
        return 0, 0  # every figure has an equal partner
    close = unmatched = 0
    for mine, theirs, values in ((a, b, values_b), (b, a, values_a)):
        for x in mine:
            if x.value in values:
                continue
            for y in theirs:
                # Unequal values in one unit are never close (``_close``'s first tests).
                if y.unit != x.unit and _close(x, y):
                    close += 1
                    break
            else:
                unmatched += 1
    return close, unmatched


#: Names of the pair features, in the order ``pair_features`` returns them.
FEATURE_NAMES = (
    "words",
    "characters",
    "trigrams",
    "length_difference",
    "numbers_differ",
    "negation_differs",
    "words_squared",
    "words_in_order",
    "best_stretch",
)


def pair_features(a: SentenceFeatures, b: SentenceFeatures, weights: Weights) -> tuple[float, ...]:
    """The symmetric features of a pair of sentences (see ``FEATURE_NAMES``).

    - words: Dice overlap of the word sets, each word weighted by its relative IDF; a figure
      given at two precisions ("2,290", "about 2,300") counts as half a shared rare word;
    - characters: rapidfuzz ``ratio`` of the normalised texts (spelling, punctuation, order);
    - trigrams: Dice overlap of runs of three words;
    - length_difference: how many more words one sentence has than the other, in tens;
    - numbers_differ: 1 when both give figures and one of them has no equal or close partner;
    - negation_differs: 1 when only one of the two is negated;
    - words_squared: the words feature squared;
    - words_in_order: the words feature times the word-level edit similarity of the two
      stemmed token sequences (1 - Levenshtein distance in words / the longer length): the
      same words in the same order, where ``characters`` also rewards shared spelling;
    - best_stretch: rapidfuzz ``partial_ratio``, the character similarity of the shorter text
      to the stretch of the longer one it matches best (it counts *against*, given the
      characters feature: one sentence found nearly whole inside a longer one means the longer
      adds a clause, new information).
    """
    return (*_features_but_stretch(a, b, weights), _best_stretch(a, b))


def _features_but_stretch(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights
) -> tuple[float, ...]:
    """Every feature of ``pair_features`` but the costliest, ``best_stretch``."""
    cheap = _cheap_features(a, b, weights)
    return (*cheap, cheap[0] * _word_edits(a, b))


def _word_edits(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """1 - the Levenshtein distance of the stemmed token sequences, in words, over the longer."""
    return _word_levenshtein(a.sequence, b.sequence)


def _best_stretch(a: SentenceFeatures, b: SentenceFeatures) -> float:
    return _partial_ratio(a.text, b.text) / 100


def _least_stretch(a: SentenceFeatures, b: SentenceFeatures, characters: float) -> float:
    """A floor under ``_best_stretch(a, b)`` from the pair's ``characters`` feature, free.

    ``partial_ratio`` is the best ``ratio`` of the shorter text (n characters) against a
    stretch of the longer (m) as long as it, or a shorter one at either end. The texts'
    longest common subsequence, L, is read back from ``characters`` (= 2L / (n + m)). Some
    stretch of n characters keeps all of L but what the m - n characters left out can hold:
    a ratio of at least (L - (m - n)) / n. And cut into pieces of n characters (the last at
    the end, shorter), the longer text has one holding at least L / pieces of it.
    """
    n, m = sorted((len(a.text), len(b.text)))
    if n == 0:
        return 0.0
    common = round(characters * (n + m) / 2)
    pieces = -(-m // n)
    most = max(common - (m - n), -(-common // pieces))
    # Below by far more than rounding: the two ratios are computed differently.
    return max(0.0, most / n - 1e-9)


def _word_overlap(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights
) -> tuple[float, int, int]:
    """The words feature, and the close and unmatched figure counts it was computed with."""
    get = weights._relative.get
    # fsum is exact, so independent of the set's order.
    common = math.fsum(map(get, a.words & b.words, repeat(1.0)))
    close = unmatched = 0
    if a.numbers and b.numbers:
        close, unmatched = _number_agreement(a.numbers, b.numbers)
        common += 0.25 * close  # each close pair is counted once from each side
    known = weights._totals.get
    total = (known(a.words) or weights.total(a.words)) + (known(b.words) or weights.total(b.words))
    return (min(1.0, 2 * common / total) if total > 0 else 0.0), close, unmatched


def _cheap_features(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights
) -> tuple[float, ...]:
    """Every pair feature but the last, ``best_stretch``, which costs more than all the rest."""
    words, _, unmatched = _word_overlap(a, b, weights)
    return (
        words,
        _char_ratio(a.text, b.text) / 100,
        _trigram_overlap(a, b),
        abs(a.length - b.length) / 10,
        1.0 if unmatched else 0.0,
        1.0 if a.negated != b.negated else 0.0,
        words * words,
    )


def _trigram_overlap(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """The trigrams feature: Dice overlap of runs of three words."""
    if a.trigrams or b.trigrams:
        return 2 * len(a.trigrams & b.trigrams) / (len(a.trigrams) + len(b.trigrams))
    return 1.0 if a.words == b.words else 0.0


#: Words below this relative weight ("the", "was", "by") are not compared for order; they
#: are the neighbours that say which role a name plays.
ORDER_WEIGHT = 0.25


#: Logistic model of "the shared words keep their roles" over the word-order features
#: (``ORDER_NAMES``), each multiplied by ``words ** ORDER_GATE``: order is evidence only where
#: two sentences use nearly the same words (rewording moves clauses; a swap of roles keeps
#: every word). Fitted by ``python -m bench.msrp --fit`` on the PAWS pairs (Wikipedia
#: sentences with high word overlap, paraphrases or not).
ORDER_MODEL = (1.0568, -7.3181, -7.4510, 3.4734, -0.6314)
ORDER_GATE = 8
#: The least the order features (each in [0, 1]) can add to the order model's score, gated.
_ORDER_LEAST = sum(c for c in ORDER_MODEL[1:] if c < 0)


@functools.cache
def _logit_of(probability: float) -> float:
    """The linear score at which ``_sigmoid`` gives ``probability`` (inf from 1 up)."""
    if probability >= 1.0:
        return math.inf
    return math.log(probability / (1.0 - probability))


#: The auxiliaries of a passive ("was bought by"), the words that may stand between one and
#: its participle ("is being bought", "was then bought", "has been awarded"), participles
#: that end in neither -ed nor -en, words ending so that are none, the words that end the
#: agent after "by", and those after which a clause (and so a passive's subject) begins.
_PASSIVE_AUX = frozenset("is are was were be been being".split())
_PASSIVE_BETWEEN = frozenset(
    "being been also not never just now then often even again still first later soon "
    "already reportedly".split()
)
_PARTICIPLES = frozenset(
    "bought sold made held led paid sent built caught hit hurt kept left lost met run seen "
    "shot struck told found brought won beat fought taught sought thought spent lent set put "
    "cut read heard sued hired fired named".split()
)
_NOT_PARTICIPLES = frozenset(
    "then often even when seven eleven ten open between women men children garden".split()
)
_AGENT_ENDS = (
    frozenset(
        "in on at for with after before during to from as when which who that because while over "
        "under since until than said says according last this next yesterday today tonight "
        "earlier later".split()
    )
    | DAYS_AND_MONTHS
)
_CLAUSE_OPENERS = frozenset(
    "said says told tells that which who whom and but while when after before as because if "
    "although".split()
)
#: Punctuation between two tokens that ends the agent ("by Tarvo, the companies said") or
#: opens the clause a passive's subject begins ("On Friday, Ruiz was criticised by …").
_AGENT_BREAK = re.compile(r"[,;:()\[\]]")


def _participle(raw: Sequence[str], aux: int) -> int | None:
    """The position of the participle after the auxiliary at ``aux`` ("was then bought"),
    if one follows."""
    p = aux + 1
    while p < len(raw) and (raw[p] in _PASSIVE_BETWEEN or raw[p].endswith("ly")):
        p += 1
    if p >= len(raw) or raw[p] in _NOT_PARTICIPLES:
        return None
    return p if raw[p].endswith(("ed", "en")) or raw[p] in _PARTICIPLES else None


@functools.lru_cache(maxsize=50_000)
def _passive(text: str) -> tuple[bool, tuple[int, ...] | None, range]:
    """Whether ``text`` has a passive with an agent at all ("was criticised on Friday by"),
    and the order of its tokens read in the active voice at its first passive whose agent
    follows "by" closely: "On Friday, Lindmark is being bought by Tarvo in a deal" is read
    "On Friday, Tarvo bought Lindmark in a deal" (what comes before the subject's clause,
    the agent, the participle, the subject, the rest, and last the auxiliaries and "by",
    which an active sentence lacks), with the agent's tokens; None and an empty range
    when there is no such passive."""
    if " by " not in text:
        return False, None, range(0)
    found = list(_TOKEN.finditer(text))
    raw = [t.group().lower() for t in found]

    def broken(k: int) -> bool:
        """Whether punctuation stands between tokens ``k - 1`` and ``k``."""
        return bool(_AGENT_BREAK.search(text, found[k - 1].end(), found[k].start()))

    loose = False
    for i, token in enumerate(raw):
        if token not in _PASSIVE_AUX or i == 0:
            continue
        p = _participle(raw, i)
        if p is None or "by" not in raw[p + 1 : p + 7]:
            continue
        loose = True
        # "by" right after the participle or after its object ("was awarded the prize by").
        by = next((k for k in range(p + 1, min(p + 4, len(raw))) if raw[k] == "by"), None)
        if by is None or any(raw[k] in _AGENT_ENDS for k in range(p + 1, by)):
            continue  # "was asked about arrests and denied being bothered by …": read on
        if by + 1 >= len(raw) or raw[by + 1] in _AGENT_ENDS:
            continue
        end = next(
            (k for k in range(by + 2, len(raw)) if raw[k] in _AGENT_ENDS or broken(k)), len(raw)
        )
        subject = next(
            (k for k in range(i - 1, 0, -1) if broken(k) or raw[k - 1] in _CLAUSE_OPENERS), 0
        )
        order = (
            *range(subject),
            *range(by + 1, end),
            p,
            *range(subject, i),
            *range(p + 1, by),
            *range(end, len(raw)),
            *range(i, p),
            by,
        )
        return True, order, range(by + 1, end)
    return loose, None, range(0)


def passive_voice(sentence: SentenceFeatures) -> bool:
    """Whether ``sentence`` has a passive with an agent ("was bought by", "was criticised
    on Friday by")."""
    return _passive(sentence.text)[0]


def in_active_voice(sentence: SentenceFeatures) -> SentenceFeatures:
    """``sentence`` with its words in the order of the active voice (``_passive``), for the
    checks of word order only; itself when it has no passive whose agent is named ("by
    Tarvo Energy", "by Governor Hedley"; not "bothered by the way things went": an outlet's
    small edit there, "being" dropped, would move half the sentence)."""
    _, order, agent = _passive(sentence.text)
    if order is None or len(order) != len(sentence.sequence):
        return sentence
    named = {stem for stem, _, _ in sentence.names}
    if not any(sentence.sequence[k] in named for k in agent):
        return sentence
    sequence = tuple(sentence.sequence[k] for k in order)
    return replace(sentence, sequence=sequence, where=_positions(sequence))


def in_one_voice(
    a: SentenceFeatures, b: SentenceFeatures
) -> tuple[SentenceFeatures, SentenceFeatures]:
    """The pair with the passive one read in the active voice when only one of them is
    passive ("Ruiz was criticised by Hedley" / "Hedley criticised Ruiz": ``in_active_voice``);
    as written when both are (their words are then in the same roles' order) or neither."""
    passive_a, passive_b = passive_voice(a), passive_voice(b)
    if passive_a == passive_b:
        return a, b
    return (in_active_voice(a), b) if passive_a else (a, in_active_voice(b))


def roles_differ(
    a: SentenceFeatures,
    b: SentenceFeatures,
    weights: Weights,
    veto: float,
    words: float | None = None,
) -> bool:
    """Whether word order says the pair gives its names different roles ("A beat B" / "B beat
    A"; "B was beaten by A" reads as "A beat B" beside an active sentence, ``in_one_voice``):
    the order model's probability that the roles are the same is below ``veto``. ``words``
    is the pair's words feature, when the caller has it."""
    if veto <= 0.0:
        return False
    a, b = in_one_voice(a, b)
    if a.sequence == b.sequence:
        return False
    if words is None:
        words = _word_overlap(a, b, weights)[0]
    gate = words**ORDER_GATE
    if gate < 1e-3 or ORDER_MODEL[0] + gate * _ORDER_LEAST > _logit_of(veto) + 1e-9:
        return False  # the order features could not bring it below ``veto``
    z = ORDER_MODEL[0] + gate * in_order(
        [c * x for c, x in zip(ORDER_MODEL[1:], order_features(a, b, weights), strict=True)]
    )
    return _sigmoid(z) < veto


#: What ends a clause inside a sentence: a comma, semicolon, colon, bracket or dash.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s-+\s")


def _clauses_naming(sentence: SentenceFeatures, names: frozenset[str]) -> SentenceFeatures | None:
    """The clauses of ``sentence`` from the first to the last that holds one of ``names``
    (stems), read on their own; None when they are the whole sentence."""
    text, sequence = sentence.text, sentence.sequence
    at = [i for i, word in enumerate(sequence) if word in names]
    if not at:
        return None
    tokens = list(_TOKEN.finditer(text))
    first, last = tokens[at[0]].start(), tokens[at[-1]].end()
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, first)), default=0)
    after = _CLAUSE_BREAK.search(text, last)
    end = after.start() if after else len(text)
    if start <= tokens[0].start() and end >= tokens[-1].end():
        return None
    return features(text[start:end])


def _named_in_other_order(a: SentenceFeatures, b: SentenceFeatures, shared: set[str]) -> bool:
    """Whether two or more participants the two sentences both name come in another order
    (the words of one run of capitalised words in either sentence are one participant: "Kingsville
    Police Chief Sam Granato" / "Sam Granato, chief of the Kingsville police")."""

    def named(sentence: SentenceFeatures) -> list[str]:
        """The shared names in the order they first occur."""
        where = sentence.where
        return sorted(filter(where.__contains__, shared), key=where.__getitem__)

    a, b = in_one_voice(a, b)
    if named(a) == named(b):
        return False  # the names in one order: so are the participants they make up
    group = {stem: stem for stem in shared}

    def root(stem: str) -> str:
        while group[stem] != stem:
            stem = group[stem]
        return stem

    for run in a.name_runs + b.name_runs:
        inside = [root(stem) for stem in run if stem in group]
        for other in inside[1:]:
            group[other] = inside[0]

    def order(sentence: SentenceFeatures) -> list[str]:
        return list(dict.fromkeys(root(w) for w in sentence.sequence if w in group))

    first = order(a)
    return len(first) >= 2 and first != order(b)


def named_clauses(
    a: SentenceFeatures, b: SentenceFeatures
) -> tuple[SentenceFeatures, SentenceFeatures] | None:
    """The clauses of each sentence that hold the names both give, read on their own, when
    two or more participants come in another order and the clauses are not both the whole
    sentences; None otherwise."""
    if len(a.names) < 2 or len(b.names) < 2:
        return None
    shared = {stem for stem, _, _ in a.names}.intersection(stem for stem, _, _ in b.names)
    if len(shared) < 2 or not _named_in_other_order(a, b, shared):
        return None
    names = frozenset(shared)
    x, y = _clauses_naming(a, names), _clauses_naming(b, names)
    if x is None and y is None:
        return None
    return x or a, y or b


def named_roles_differ(
    a: SentenceFeatures,
    b: SentenceFeatures,
    weights: Weights,
    veto: float,
    words: float | None = None,
) -> bool:
    """``roles_differ`` over the whole sentences, or over the clauses that hold the names
    both give (``named_clauses``): a swap of roles in one clause of a longer sentence ("B
    sued A over the accord, <a clause both copy>" / "A sued B over the accord") is diluted in
    the whole sentence's words, where the order model's gate stays shut."""
    if roles_differ(a, b, weights, veto, words):
        return True
    clauses = named_clauses(a, b) if veto > 0.0 else None
    return clauses is not None and roles_differ(*clauses, weights, veto)


def _share_a_figure(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    """Whether the two sentences give one figure (``figures``: never a year, a date, an
    ordinal or a count below ``min_figure``, which two events easily share)."""
    return bool(a and b) and not {x.value for x in a}.isdisjoint(y.value for y in b)


#: Stems of the prepositions after which a name says where something happened ("wounded in
#: Madrid", "a blast near Paris"): in that slot, beside a figure both give, another name is
#: another place, however common the two names are.
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outsid", "insid", "across", "throughout", "around", "from", "into"}
)


def name_replaced(a: SentenceFeatures, b: SentenceFeatures, settings: Settings = DEFAULT) -> bool:
    """Whether one sentence has a name where the other has a different one (``replaced_name``)."""
    return replaced_name(a, b, settings) is not None


def replaced_name(
    a: SentenceFeatures, b: SentenceFeatures, settings: Settings = DEFAULT
) -> tuple[str, str] | None:
    """The name one sentence has where the other has a different one, as each writes it
    (("Kabul", "Mazar")), or None: "17 wounded in Kabul last week" / "17 wounded in Mazar
    last month" report two facts however alike their words.

    In the word-level alignment of the two (the edits ``words_in_order`` counts), a run of
    words replaced one for one, with the same word just before it and just after it in both
    sentences (the same slot), holds a name rarer than ``settings.name_veto_frequency`` on
    each side (``name_veto_figure_frequency`` when both give the same figure); neither name
    appears anywhere in the other sentence (a swap of roles is the
    order model's to judge, "Hussein" / "Saddam Hussein" is one person), and the two are not
    spellings of one name (``settings.name_variant_similarity``). A name dropped or added is
    detail left out, not another fact.

    Beside a figure both give, a name of any frequency counts in a place slot
    (``_place_replaced``): "17 wounded in Madrid" / "17 wounded in Paris"."""
    rare = settings.name_veto_frequency
    if not a.names or not b.names or rare <= 0.0:
        return None
    figure = _share_a_figure(a.figures, b.figures)
    if figure:
        rare = max(rare, settings.name_veto_figure_frequency)
    only_a = {s for s, _, f in a.names if f < rare} - b.words - b.initials
    only_b = {s for s, _, f in b.names if f < rare} - a.words - a.initials
    if not (only_a and only_b) and not figure:
        return None
    sa, sb = a.sequence, b.sequence
    na, nb = len(sa), len(sb)
    # Runs of words replaced one for one ("Sara Kugler" for "Michael Gormley").
    runs: list[list[tuple[int, int]]] = []
    for edit in _word_editops(sa, sb):
        if edit.tag != "replace":
            continue
        i, j = edit.src_pos, edit.dest_pos
        if runs and runs[-1][-1] == (i - 1, j - 1):
            runs[-1].append((i, j))
        else:
            runs.append([(i, j)])
    for run in runs:
        (i0, j0), (i1, j1) = run[0], run[-1]
        if not (
            i0 and j0 and sa[i0 - 1] == sb[j0 - 1] and _at(sa, i1 + 1, na) == _at(sb, j1 + 1, nb)
        ):
            continue
        mine = [sa[i] for i, _ in run if sa[i] in only_a]
        theirs = [sb[j] for _, j in run if sb[j] in only_b]
        for x in mine:
            for y in theirs:
                if _other_name(x, y, a, b, settings):
                    return _written(x, a), _written(y, b)
        slot = (sa[i0 - 1], _at(sa, i1 + 1, na))
        if figure and _place_replaced(sa[i0 : i1 + 1], sb[j0 : j1 + 1], slot, a, b, settings):
            return (
                " ".join(_written(x, a) for x in sa[i0 : i1 + 1]),
                " ".join(_written(y, b) for y in sb[j0 : j1 + 1]),
            )
    return None


def _written(stem: str, sentence: SentenceFeatures) -> str:
    """A name's stem as the sentence writes the name."""
    return next((form for s, form, _ in sentence.names if s == stem), stem)


def _other_name(
    x: str, y: str, a: SentenceFeatures, b: SentenceFeatures, settings: Settings
) -> bool:
    """Whether name stem ``x`` of ``a`` and ``y`` of ``b`` are not spellings of one name
    ("Sundwell" / "Sundwall", "Kiev" / "Kyiv") nor one the start of the other ("Serb" /
    "Serbian", "Alex" / "Alexander"). The names are compared as written: a stem cuts a
    different ending off each ("Madrid" / "Paris" are "madrid" / "pari")."""
    x, y = _written(x, a).lower(), _written(y, b).lower()
    if x.startswith(y) or y.startswith(x):
        return False
    alike = _name_similarity(x, y)
    if alike >= settings.name_sound_similarity and _sound(x) and _sound(x) == _sound(y):
        return False
    return alike < settings.name_variant_similarity


@functools.lru_cache(maxsize=4096)
def _sound(name: str) -> str:
    """How a name sounds, as transliterations of one name share it: its Metaphone key
    without "h" and "y", "th" as "t" and any first vowel as "a" ("Kiev" / "Kyiv",
    "Gadhafi" / "Qaddafi", "Osama" / "Usama"), where "Iran" / "Iraq" differ; empty for a
    name in a script Metaphone does not read (Cyrillic, Greek, Arabic, Chinese)."""
    key = metaphone(name).replace("H", "").replace("Y", "").replace("0", "T")
    return "A" + key[1:] if key[:1] in _VOWEL_KEYS else key


_VOWEL_KEYS = frozenset("AEIOU")


def _place_replaced(
    mine: tuple[str, ...],
    theirs: tuple[str, ...],
    slot: tuple[str, str],
    a: SentenceFeatures,
    b: SentenceFeatures,
    settings: Settings,
) -> bool:
    """Whether a slot of replaced words holds one place for another: names only on both sides
    (each absent from the other sentence and its initials, and no spelling of the other,
    ``_other_name``), after a preposition of place ("in", "near") and before a word that is
    no name (a title: "in President Osembe's region" / "in Mr. Osembe's").

    MSRP's paraphrases that name one thing two ways put the two names elsewhere: as a
    modifier ("fellow British utility" / "fellow UK utility", "a San Diego student"), a title
    or a part of a longer name ("Lt." / "Lieut. Mothana Ali", "London, UK" / "London,
    England"); on MSRP train this slot changes no decision (``bench.msrp``)."""
    before, after = slot
    if before not in _PLACE_PREPOSITIONS:
        return False
    names_a = {stem for stem, _, _ in a.names}
    names_b = {stem for stem, _, _ in b.names}
    if after in names_a or after in names_b:
        return False
    if not all(x in names_a and x not in b.words and x not in b.initials for x in mine):
        return False
    if not all(y in names_b and y not in a.words and y not in a.initials for y in theirs):
        return False
    return all(_other_name(x, y, a, b, settings) for x in mine for y in theirs)


#: Names of the word-order features, in the order ``order_features`` returns them.
ORDER_NAMES = ("order_differs", "roles_swapped", "clause_moved", "words_moved")


def order_features(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights
) -> tuple[float, float, float, float]:
    """Word-order evidence: who did what to whom, over the words both share that carry
    weight.

    - order_differs: of all pairs of them (each pair weighted by the product of the words'
      weights), the share that come in opposite orders ("A beat B" / "B beat A");
    - roles_swapped: the weighted share of them that trade places with another: each stands
      where the other stood, after (or before) the same word ("by CRLA" / "by Global
      Exchange", "from New York to Florida" / "from Florida to New York"). Rewording moves
      words too, but rarely makes two of them exchange their neighbours;
    - clause_moved: 1 when, read in the first sentence's order, they fall into two runs that
      each keep the second sentence's order and only trade places: a clause moved whole
      ("X closed on the exchange at $21, down 11 cents" / "X closed at $21, down 11 cents, on
      the exchange"), which keeps who did what;
    - words_moved: 1 when they fall into three runs or more: words moved into each other's
      places (a swap of two names leaves the words between them where they were).
    """
    get = weights._relative.get
    shared = list(weights.heavy(a.words) & weights.heavy(b.words))
    when = shared_time_phrase(a.sequence, b.sequence)
    if when:
        # "On Friday, the council closed …" / "The council closed … on Friday after …": when
        # it happened, said once in each, wherever, says nothing of who did what.
        shared = [w for w in shared if w not in when]
    if len(shared) < 2:
        return 0.0, 0.0, 0.0, 0.0
    where_a, where_b = a.where, b.where
    # (``a.words`` holds every token: a set against a set reads the smaller.)
    in_a_order = (
        b.sequence
        if _CONJUNCTIONS.isdisjoint(a.words)
        else _conjuncts_as_in(a.sequence, b.sequence)
    )
    if in_a_order is not b.sequence:
        where_b = _positions(in_a_order)
    shared.sort(key=where_a.__getitem__)
    if sorted(shared, key=where_b.__getitem__) == shared:
        return 0.0, 0.0, 0.0, 0.0  # the same order: nothing discordant, nothing swapped
    placed = [(where_a[w], where_b[w], get(w, 1.0)) for w in shared]
    discordant = total = everything = 0.0
    for i, (_, y, weight) in enumerate(placed):
        everything += weight
        for _, y2, weight2 in placed[i + 1 :]:
            product = weight * weight2
            total += product
            if y2 < y:
                discordant += product
    rank = {y: r for r, y in enumerate(sorted(y for _, y, _ in placed))}
    ranks = [rank[y] for _, y, _ in placed]
    breaks = sum(1 for r, r2 in pairwise(ranks) if r2 != r + 1)
    sa, sb = a.sequence, in_a_order
    na, nb = len(sa), len(sb)
    swapped: set[int] = set()
    for i, (x, y, _) in enumerate(placed):
        for x2, y2, _ in placed[i + 1 :]:
            if y2 > y:
                continue
            for step in (-1, 1):
                mine, theirs = _at(sa, x + step, na), _at(sa, x2 + step, na)
                if mine != theirs and (mine, theirs) == (
                    _at(sb, y2 + step, nb),
                    _at(sb, y + step, nb),
                ):
                    swapped.update((x, x2))
    moved = sum(weight for x, _, weight in placed if x in swapped)
    clause = 1.0 if breaks == 1 else 0.0
    return discordant / total, moved / everything, clause, 1.0 - clause


_CONJUNCTIONS = frozenset({"and", "or", "&"})
#: The stems of day and month names, and the words that open a time phrase before them.
_WHEN_STEMS = frozenset(_stem(word) for word in DAYS_AND_MONTHS)
_WHEN_OPENERS = frozenset("on in last this next early late by until since".split())


def shared_time_phrase(
    a: Sequence[str], b: Sequence[str], names: frozenset[str] = _WHEN_STEMS
) -> frozenset[str]:
    """The words of the one time phrase naming a day or a month ("on Friday", "last March",
    "on Feb. 7": an opener, then ``names`` and digits) that each of two word sequences holds,
    the same words in both, wherever it stands; empty otherwise. Words are stems by default
    (``DAYS_AND_MONTHS`` reads lower-case words). "May" is read as no month (a verb as
    often), so a sequence holding it is taken to hold a phrase unseen ("left in May and
    arrived in June"), and two phrases can trade places ("won on Monday and lost on
    Friday"): then there is none."""
    if "may" in a or "may" in b:
        return frozenset()
    when = _when_phrase(a, names)
    return when if when and when == _when_phrase(b, names) else frozenset()


def _when_phrase(sequence: Sequence[str], names: frozenset[str]) -> frozenset[str]:
    """The words of the one time phrase of ``sequence`` (``shared_time_phrase``), or empty."""
    found: list[Sequence[str]] = []
    k = 0
    while k < len(sequence):
        if sequence[k] not in names:
            k += 1
            continue
        start = k - 1 if k and sequence[k - 1] in _WHEN_OPENERS else k
        while k < len(sequence) and (sequence[k] in names or sequence[k].isdigit()):
            k += 1
        found.append(sequence[start:k])
    return frozenset(found[0]) if len(found) == 1 else frozenset()


def _conjuncts_as_in(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """``second`` with each "X and Y" that ``first`` gives as "Y and X" put in first's order
    (``second`` itself when there is none): a coordination names its members in any order,
    "Israel and Hamas agreed" / "Hamas and Israel agreed" is not a swap of roles. One word on
    each side of the conjunction only."""
    if _CONJUNCTIONS.isdisjoint(first):
        return second  # most sentences: no conjunction, so no scan of the tokens
    given = {
        (first[i - 1], first[i + 1]) for i in range(1, len(first) - 1) if first[i] in _CONJUNCTIONS
    }
    if not given:
        return second
    out = list(second)
    for i in range(1, len(out) - 1):
        if out[i] in _CONJUNCTIONS and (out[i + 1], out[i - 1]) in given:
            out[i - 1], out[i + 1] = out[i + 1], out[i - 1]
    return second if out == list(second) else tuple(out)


def _at(sequence: tuple[str, ...], i: int, n: int) -> str:
    """The token at ``i`` of a sequence of ``n``, or "" before its start or after its end."""
    return sequence[i] if 0 <= i < n else ""


def _positions(sequence: Sequence[str]) -> dict[str, int]:
    """Where each word first occurs."""
    where: dict[str, int] = {}
    for i, word in enumerate(sequence):
        where.setdefault(word, i)
    return where


#: The features of a sentence compared with itself.
IDENTICAL = (1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0)

#: Logistic model over ``pair_features``: intercept first, then one coefficient per feature.
#: Fitted by ``python -m bench.msrp --fit`` (ridge-penalised logistic regression) on all 4,076 pairs
#: of the MSRP training split, word weights with the general-English prior; the CV figures refit on
#: nine folds at a time. Nothing here was fitted to the seed articles. Given the same words and
#: characters, trigrams and the best stretch count *against*: a long run of identical words
#: beside a difference, or one sentence found nearly whole inside the other, marks a clause
#: added or dropped (new information), where scattered differences are rewording.
MODEL: tuple[float, ...] = (
    -1.8021,
    1.9824,
    3.6408,
    -2.3765,
    -1.5500,
    -0.6188,
    -1.2604,
    2.5220,
    3.4052,
    -2.5196,
)


def logit(vector: Sequence[float], model: Sequence[float]) -> float:
    """The linear score of a feature vector under a logistic model (intercept first)."""
    return model[0] + in_order([c * x for c, x in zip(model[1:], vector, strict=True)])


def in_order(terms: Iterable[float]) -> float:
    """``terms`` added left to right, as ``sum`` did before Python 3.12 (which compensates
    float sums): the pair table's arrays add in this order, and its scores must be these."""
    return functools.reduce(add, terms, 0.0)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def score(vector: Sequence[float], model: Sequence[float]) -> float:
    """Probability of a paraphrase, rescaled so that identical sentences score 1."""
    return min(1.0, _sigmoid(logit(vector, model)) / _sigmoid(logit(IDENTICAL, model)))


def pair_vectors(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights
) -> list[tuple[float, ...]]:
    """Features of the two sentences, then of their quotations without attribution, if any."""
    return [pair_features(x, y, weights) for x, y in _readings(a, b)]


def best_score(vectors: Iterable[Sequence[float]], model: Sequence[float]) -> float:
    """The score of the best-matching reading of a pair (whole sentences or their quotes)."""
    return max(score(vector, model) for vector in vectors)


_MODEL_MAX = _sigmoid(logit(IDENTICAL, MODEL))
#: The most and the least ``best_stretch`` (in [0, 1]) can add to a pair's linear score.
_STRETCH_HIGH = max(0.0, MODEL[-1])
_STRETCH_LOW = min(0.0, MODEL[-1])
#: The coefficients of every feature but ``best_stretch`` (not the intercept either).
_CHEAP_MODEL = MODEL[1:-1]


def _readings(
    a: SentenceFeatures, b: SentenceFeatures
) -> list[tuple[SentenceFeatures, SentenceFeatures]]:
    """The two sentences, then their quotations without attribution, if any."""
    pairs = [(a, b)]
    if a.quote is not None or b.quote is not None:
        qa, qb = a.quote or a, b.quote or b
        pairs.append((qa, qb))
        if a.quote is not None and b.quote is not None:
            pairs += [(a, qb), (qa, b)]
    return pairs


def similarity(a: SentenceFeatures, b: SentenceFeatures, weights: Weights) -> float:
    """How alike two sentences are, in [0, 1] (1 for the same words in the same order).

    A sentence that is mostly a quotation is also compared by its quotation alone, and the
    better reading counts: "'...,' Noem wrote, thanking Bessent" still matches the bare quote.
    """
    best = max(_sigmoid(logit(vector, MODEL)) for vector in pair_vectors(a, b, weights))
    return min(1.0, best / _MODEL_MAX)


def similarity_reaching(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights, floor: float
) -> float | None:
    """``similarity(a, b, weights)`` when it reaches ``floor``; None when it does not.

    A reading whose score cannot reach ``floor`` whatever its ``best_stretch`` (the other
    features and ``_least_stretch`` bound it) is not given that costliest feature; the
    readings that can are scored exactly as ``similarity`` scores them.
    """
    best: float | None = None
    for x, y in _readings(a, b):
        known = _features_but_stretch(x, y, weights)
        # A margin far above rounding: the bound sums the terms in another order.
        most = max(MODEL[-1] * _least_stretch(x, y, known[1]), MODEL[-1])
        # A reading that cannot reach the floor, or beat a reading already scored, is not
        # the answer.
        reach = floor if best is None else max(floor, best / _MODEL_MAX)
        if _sigmoid(logit((*known, 0.0), MODEL) + most) / _MODEL_MAX < reach - 1e-9:
            continue
        value = _sigmoid(logit((*known, _best_stretch(x, y)), MODEL))
        best = value if best is None else max(best, value)
    if best is None or min(1.0, best / _MODEL_MAX) < floor:
        return None
    return min(1.0, best / _MODEL_MAX)


def match_score(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights, settings: Settings = DEFAULT
) -> float | None:
    """None when the pair is no match; else a score to rank it by (``match_verdict``)."""
    return match_verdict(a, b, weights, settings)[0]


def _linear_most(
    a: SentenceFeatures, b: SentenceFeatures, words: float, characters: float, unmatched: int
) -> float:
    """The most the linear score of ``pair_features`` but ``best_stretch`` can be, given the
    pair's words and characters features and unmatched figures: trigrams and word edits,
    which cost more, at their most (trigrams 1 or 0 by the sign of its coefficient, word
    edits p / q for p <= q words). Most candidate pairs miss the threshold even so."""
    c1, c2, c3, c4, c5, c6, c7, c8 = _CHEAP_MODEL
    p, q = (a.length, b.length) if a.length <= b.length else (b.length, a.length)
    return (
        MODEL[0]
        + c1 * words
        + c2 * characters
        + max(0.0, c3)
        + c4 * abs(a.length - b.length) / 10
        + (c5 if unmatched else 0.0)
        + (c6 if a.negated != b.negated else 0.0)
        + c7 * words * words
        + max(0.0, c8 * words * (p / q if q else 1.0))
    )


@functools.cache
def _linear_floor(threshold: float) -> float:
    """A linear score below which a pair surely scores below ``threshold`` (the logit of
    the threshold, less a margin far above rounding: bounds sum their terms in another
    order than ``logit``)."""
    target = threshold * _MODEL_MAX
    if not 0.0 < target < 1.0:
        return -math.inf  # no bound: every pair is scored
    return math.log(target / (1.0 - target)) - 1e-9


def match_verdict(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights, settings: Settings = DEFAULT
) -> tuple[float | None, bool]:
    """The pair's score to rank it by (None when it is no match), and whether a veto made it
    no match: its similarity reaches the threshold, but a name is replaced or its roles
    differ. A vetoed pair is evidence against, not a mere miss: clustering keeps it apart.

    A pair matches when its similarity reaches ``settings.match_threshold`` in a reading
    (whole sentences or quotations) where no name is replaced by another (``name_replaced``),
    and word order does not say its names play different roles (``roles_differ``). The
    costliest feature, ``best_stretch``, lies in [0, 1], so the others bound the score from
    both sides. A pair whose upper bound misses the threshold is rejected, and one whose
    lower bound reaches it is accepted and ranked by that bound, both without computing it;
    only pairs in between pay for it (and get their exact similarity). Before that, a pair
    that misses the threshold even with its trigrams and word edits at their most
    (``_linear_most``) is rejected without them. Without the two
    vetoes, the decision is always exactly ``similarity(a, b, weights) >= threshold``.
    """
    threshold = settings.match_threshold
    c1, c2, c3, c4, c5, c6, c7, c8 = _CHEAP_MODEL
    floor = _linear_floor(threshold)
    best: float | None = None
    words: float | None = None
    vetoed = False
    for x, y in _readings(a, b):
        f1, _, unmatched = _word_overlap(x, y, weights)
        if words is None:
            words = f1  # the whole sentences' reading comes first
        f2 = _char_ratio(x.text, y.text) / 100
        if _linear_most(x, y, f1, f2, unmatched) + _STRETCH_HIGH < floor:
            continue
        f3 = _trigram_overlap(x, y)
        f4 = abs(x.length - y.length) / 10
        f5 = 1.0 if unmatched else 0.0
        f6 = 1.0 if x.negated != y.negated else 0.0
        f7 = f1 * f1
        # The same products summed in the same order as ``logit`` (a list, not a generator).
        f8 = f1 * _word_edits(x, y)
        linear = MODEL[0] + in_order(
            [c1 * f1, c2 * f2, c3 * f3, c4 * f4, c5 * f5, c6 * f6, c7 * f7, c8 * f8]
        )
        if _sigmoid(linear + _STRETCH_HIGH) / _MODEL_MAX < threshold:
            continue
        low = _sigmoid(linear + _STRETCH_LOW) / _MODEL_MAX
        if low < threshold:
            # ``best_stretch`` lies in [least, 1]: a narrower bound, as cheap.
            least = MODEL[-1] * _least_stretch(x, y, f2)
            if _sigmoid(linear + max(least, MODEL[-1])) / _MODEL_MAX < threshold:
                continue
            low = _sigmoid(linear + MODEL[-1] * _best_stretch(x, y)) / _MODEL_MAX
        if low < threshold:
            continue
        if name_replaced(x, y, settings):
            vetoed = True
        else:
            best = max(best or 0.0, min(1.0, low))
    if best is not None and named_roles_differ(a, b, weights, settings.order_veto, words):
        return None, True
    return best, vetoed and best is None


#: ``kept_apart``'s reason for the order veto (``named_roles_differ``).
NAMES_IN_OTHER_ORDER = "names in another order"


def another_name(names: tuple[str, str]) -> str:
    """``kept_apart``'s reason for the name veto: "another name: Madrid / Paris"."""
    return f"another name: {names[0]} / {names[1]}"


def figures_differ(a: SentenceFeatures, b: SentenceFeatures) -> str:
    """``kept_apart``'s reason for figures without a partner: "figures differ: 17 / 21" (each
    side's figures the other does not give; "none" for a side with none of its own)."""

    def written(mine: tuple[Number, ...], theirs: tuple[Number, ...]) -> str:
        values = {n.value for n in theirs}
        own = dict.fromkeys(n.value for n in mine if n.value not in values)
        return ", ".join(f"{v:,.0f}" if v.is_integer() else f"{v:,}" for v in own) or "none"

    return f"figures differ: {written(a.numbers, b.numbers)} / {written(b.numbers, a.numbers)}"


def kept_apart(
    a: SentenceFeatures,
    b: SentenceFeatures,
    weights: Weights,
    settings: Settings = DEFAULT,
    alike: float | None = None,
) -> str | None:
    """The rule that kept two sentences from matching, readable: the order veto ("names in
    another order"), the name veto ("another name: Kabul / Mazar"), or, for sentences that
    retell one fact in other words (``fact_verdict``), either of those or a figure without a
    partner ("figures differ: 17 / 21"); "" when they are not alike enough to match, and
    None when they match (on their wording or as one fact).

    ``alike`` is their ``similarity``, when the caller has it: below the match threshold
    the wording tier says no match and vetoes nothing (``match_verdict``), so only the fact
    tier is asked."""
    vetoed = False
    if alike is None or alike >= settings.match_threshold:
        score, vetoed = match_verdict(a, b, weights, settings)
        if score is not None:
            return None
    if vetoed:
        if named_roles_differ(a, b, weights, settings.order_veto):
            return NAMES_IN_OTHER_ORDER
        for x, y in _readings(a, b):
            replaced = replaced_name(x, y, settings)
            if replaced is not None:
                return another_name(replaced)
    found = fact_verdict(a, b, weights, settings)
    return None if isinstance(found, Fact) else found or ""
