"""Split cleaned text into paragraphs and sentences with exact character offsets.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus any closing quotes or brackets) when
whitespace and then a capital letter, digit or opening quote follow, unless the word before
the full stop is a known abbreviation (``Jan.``, ``Gov.``, ``Sen.``), an initial (``J.``) or
an initialism such as ``U.S.`` / ``D.C.`` that runs on into the same sentence.
"""

from __future__ import annotations

import re

from tui.core.model import Sentence, Span

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen gov sen rep reps sens lt col maj capt cpt sgt cmdr adm
    pres rev hon atty supt det insp gov't dept univ assn corp inc ltd co bros no nos vol vols
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    ave blvd rd hwy approx est vs etc al cf fig figs ca e.g i.e a.m p.m u.s u.k u.n d.c e.u
    ariz calif colo conn fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla
    ore pa tenn tex va vt wash wis wyo
    """.split()
)
#: After an initialism (U.S., D.C.) these words start a new sentence; other capitals do not.
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i but and this that these those in on at for after before"
    " when while however meanwhile still yet there his her their its our".split()
)

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_CANDIDATE = re.compile(r"(?:[.!?]+|…|\.\.\.)[\"”’'»)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+([\"“‘'«(\[]?)(\S)")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


def split_paragraphs(text: str) -> list[Span]:
    """Paragraphs are runs of non-blank lines; offsets exclude surrounding whitespace."""
    spans: list[Span] = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append(Span(start, end))
    return spans


def _is_boundary(text: str, mark_start: int, mark_end: int, paragraph_end: int) -> bool:
    following = _NEXT_START.match(text, mark_end, paragraph_end)
    if following is None:
        return False
    opener, first = following.group(1), following.group(2)
    if not (first.isupper() or first.isdigit() or opener or not first.isalpha()):
        return False
    if text[mark_start] != ".":
        return True
    # Look back a bounded distance: searching from the text's start makes splitting quadratic.
    before = _WORD_BEFORE.search(text, max(0, mark_start - 64), mark_start + 1)
    if before is None:
        return True
    word = before.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        if "." in word or word in {"u", "d"}:
            # An initialism ends a sentence only before a word that usually starts one.
            next_word = re.match(r"[\w']+", text[following.start(2) : paragraph_end])
            return bool(next_word and next_word.group(0).lower() in SENTENCE_STARTERS)
        return False
    return True


def split_sentences(text: str, paragraphs: list[Span] | None = None) -> list[Sentence]:
    """Sentences of every paragraph, in order, with offsets into ``text``."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs or split_paragraphs(text)):
        start = paragraph.start
        for match in _CANDIDATE.finditer(text, paragraph.start, paragraph.end):
            if _is_boundary(text, match.start(), match.end(), paragraph.end):
                sentences.append(Sentence(start, match.end(), number))
                start = _NEXT_START.match(text, match.end()).start(1)  # type: ignore[union-attr]
        if start < paragraph.end:
            sentences.append(Sentence(start, paragraph.end, number))
    return sentences
