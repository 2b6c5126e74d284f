"""Split cleaned text into paragraphs and sentences with exact character offsets.

A sentence ends at ``.``, ``!``, ``?``, ``…`` or ``...`` (plus any closing quotes or brackets)
when whitespace and then a capital letter, digit, opening quote or other non-letter follow.
A lone full stop after a short word gets a closer look (:func:`_full_stop_ends_sentence`):

* titles (``Gov.``, ``Sen.``, ``St.``) and initials (``J.``) never end a sentence;
* a list marker opening a sentence (``1.``, ``b.``, ``IV.``) never forms a sentence of its own;
* words that are only *sometimes* abbreviations (``No.``, ``Jan.``, ``Ill.``, ``Wed.``,
  ``Inc.``) hold on to the next word only when it is a number (``No. 3``, ``Jan. 23``) or a
  bracket (``Ill. (AP)``); before a capital they end the sentence (``She said no. The …``);
* ``a.m.`` / ``p.m.`` end a sentence before a capital unless a time zone, weekday or month
  follows (``10 a.m. EST``, ``3 p.m. Friday``, ``9 a.m. Jan. 5``);
* other initialisms (``U.S.``, ``D.C.``) end a sentence only before a function word
  (``The``, ``Its``, ``But``): a capitalised content word after them is far more often part of
  a name (``U.S. Marshals Service``, ``D.C. Council``, ``U.S. Army``) than a new sentence.
* a closing quote after the full stop (``“No.” Then``) ends the sentence whatever the word.

A sentence longer than ``Settings.max_sentence_words`` (a transcript or a scraped page with
no full stops) is cut into pieces of at most that many words, each ending at a clause break
(a comma, semicolon, colon or dash) in its second half when there is one.

Every check looks at a bounded window around the full stop, so splitting is linear in the
length of the text.
"""

from __future__ import annotations

import re
import unicodedata

from tui.core.model import Sentence, Span
from tui.core.settings import DEFAULT

#: Words written before a name or number; they never end a sentence (``Gov. Smith``,
#: ``St. Louis``, ``vs. Wade``, ``e.g. this``). "Main St. The …" is the accepted loss.
TITLES = frozenset(
    """
    mr mrs ms messrs mmes dr prof gov sen sens rep reps gen lt col maj capt cpt cmdr adm brig
    lieut sgt cpl pvt spc supt det insp atty pres rev hon fr amb sec st mt ft vs approx cf viz
    e.g i.e
    """.split()
)
#: Ordinary words that abbreviate before a number: "No. 3", "vol. 2", "fig. 4", "ca. 1900".
NUMBER_ABBREVIATIONS = frozenset("no nos vol vols fig figs ca pp est al etc".split())
MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
WEEKDAYS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())
#: AP-style state abbreviations. After one, a capital starts a new sentence: "…in Springfield,
#: Ill. The mayor …" is common in news, while a state abbreviation running on into a capitalised
#: word is mostly a dateline ("SPRINGFIELD, Ill. (AP)", held by the bracket rule) or AP-style
#: "Ill. Gov. …", which is rare. Many are also plain words (ill, mass, miss, wash, pa, la), and a
#: missed split glues an unshared sentence onto a shared one, which loosens passage boundaries.
STATES = frozenset(
    """
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nebr nev okla ore pa tenn tex va vt wash wis wisc wyo
    """.split()
)
#: Words that close a name or address and often end a sentence: "Ford Motor Co. The …".
SUFFIXES = frozenset(
    "jr sr inc corp co cos ltd bros llc ave blvd rd hwy dept univ assn govt".split()
)
#: These hold before a number (or bracket, dash) and end the sentence before a capital.
SOMETIMES_ABBREVIATIONS = NUMBER_ABBREVIATIONS | MONTHS | WEEKDAYS | STATES | SUFFIXES

#: After an initialism (U.S., D.C.) only these closed-class words start a new sentence: they
#: are never part of a name, whereas "U.S. Marshals", "D.C. Council" and "U.S. Army" are.
SENTENCE_STARTERS = frozenset(
    """
    the a an this that these those some many most much all both each every several few such
    another other any no none i you he she it we they his her its our their my your there here
    and but or so yet nor because although though while whereas when whenever where after before
    since if unless until once as however meanwhile still also instead then now later earlier
    today yesterday tomorrow last next first finally moreover furthermore nevertheless
    nonetheless indeed in on at for with by from during under over despite according to what
    who why how which not yes
    """.split()
)
_TIME_ZONES = "et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet"
_DAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday"
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
#: After "a.m."/"p.m." these continue the sentence: "10 a.m. EST", "3 p.m. Friday", "9 a.m. Jan.".
_TIME_FOLLOWERS = (
    frozenset(f"{_TIME_ZONES} {_DAY_NAMES} {_MONTH_NAMES}".split()) | MONTHS | WEEKDAYS
)

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
#: A run of end marks (only from its first character, and possessively, so a long run of dots
#: is scanned once) plus closing quotes or brackets, followed by whitespace.
_CANDIDATE = re.compile(
    # Arabic and Urdu question mark and full stop, Devanagari danda and double danda.
    r"(?<![.!?…؟۔।॥])([.!?…؟۔।॥]++)([\"”’'»)\]]*+)(?=\s)"
    # Chinese and Japanese end marks need no space after them: 「好。」然后…
    r"|(?<![。！？])([。！？]++[」』）】〕”’\"'»)]*+)"
    # Thai writes no end marks: a space between Thai words may end a sentence (see
    # ``_thai_sentence_ends``).
    r"|(?<=[\u0e00-\u0e7f])(?=\s+[\u0e00-\u0e7f])"
)
#: ``_CANDIDATE`` for a text without Chinese, Japanese or Thai, which only its first branch can
#: match there: the same matches, several times faster, as a search can skip to the next end mark
#: (the pattern starts with one; the look-behind after it still keeps a run from its first).
_PLAIN_CANDIDATE = re.compile(r"([.!?…؟۔।॥](?<![.!?…؟۔।॥].)[.!?…؟۔।॥]*+)([\"”’'»)\]]*+)(?=\s)")
#: What ``_CANDIDATE``'s other branches need: a Chinese or Japanese end mark, or a Thai letter.
_NEEDS_FULL_CANDIDATE = re.compile(r"[。！？\u0e00-\u0e7f]")
#: Thai puts spaces between phrases and clauses as well as between sentences, so a space ends
#: a sentence only after at least this many Thai characters (about six words)...
MIN_THAI_SENTENCE = 30
#: ...and not before a word that joins what follows to what came before ("and", "but", "or",
#: "which", "that", "by", "because", "so that", "after", "while", "including"…) or after
#: "ว่า" ("that", as in "said that"), or after the repetition mark ๆ.
THAI_JOINERS = (
    "และ แต่ หรือ ซึ่ง ที่ โดย เพราะ เพื่อ จึง ก็ ว่า ให้ กับ ของ ตาม หลังจาก ขณะที่ "
    "เนื่องจาก รวมถึง รวมทั้ง ทำให้ จน แม้ว่า"
).split()
_THAI = re.compile(r"[\u0e00-\u0e7f]")
#: Scripts written without spaces between words, each with the characters a word averages
#: (Chinese about 1.7, Japanese mixed script about 2, Thai, Lao, Khmer, Burmese about 5).
_SPACELESS = (
    (re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"), 2),
    (re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"), 5),
)
#: Any character of a script written without spaces (the union of ``_SPACELESS``).
_ANY_SPACELESS = re.compile("|".join(chars.pattern for chars, _ in _SPACELESS))
_CLOSING_QUOTES = frozenset("\"”’'»")
_BRACKETS = frozenset("([")
#: Georgian is written in Mkhedruli letters, which Unicode calls lowercase (its capitals,
#: Mtavruli, are rare): they start sentences like the letters of scripts without case.
#: The Indic scripts, Devanagari to Sinhala, and a word of them (vowel signs included).
_INDIC, _INDIC_LAST = "\u0900", "\u0dff"
_INDIC_WORD_BEFORE = re.compile(r"(?<![\u0900-\u0dff])[\u0900-\u0dff]+$")
_GEORGIAN, _GEORGIAN_LAST = "\u10d0", "\u10ff"
_NEXT_START = re.compile(r"\s+([\"“‘'«(\[]?)(\S)")
#: The word ending at a full stop; the look-behind makes a search try only word starts.
_WORD_BEFORE = re.compile(r"(?<![\w.'’-])[\w.'’-]+$")
_NEXT_WORD = re.compile(r"[\w']+")
_INITIALISM = re.compile(r"[a-z](?:\.[a-z])+")
_LIST_MARKER = re.compile(
    r"\d{1,3}|[a-z]|m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
)
#: How far back to look for the word before a full stop; longer "words" are no abbreviation.
_LOOK_BACK = 64


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


def _next_word(text: str, start: int, end: int) -> str:
    word = _NEXT_WORD.match(text, start, end)
    return word.group(0) if word else ""


def _full_stop_ends_sentence(
    text: str, stop: int, sentence_start: int, next_start: int, paragraph_end: int, opener: str
) -> bool:
    """Whether the single ``.`` at ``stop``, followed by ``opener`` and the non-space character
    at ``next_start`` (already known not to be a lowercase letter), ends a sentence."""
    before = _WORD_BEFORE.search(text, max(sentence_start, stop - _LOOK_BACK), stop + 1)
    if before is None:
        return True
    word = before.group(0).rstrip(".").lower()
    if not word:
        return True
    first = text[next_start]
    if before.start() == sentence_start and _LIST_MARKER.fullmatch(word):
        return False  # "1. Buses will run …", "b. Taxis …", "IV. Results"
    if word in TITLES or (len(word) == 1 and word.isalpha()):
        return False
    if word in ("a.m", "p.m"):
        if opener in _BRACKETS or not (first.isalnum() or opener):
            return False
        return _next_word(text, next_start, paragraph_end).lower() not in _TIME_FOLLOWERS
    if _INITIALISM.fullmatch(word):
        return _next_word(text, next_start, paragraph_end).lower() in SENTENCE_STARTERS
    if word in SOMETIMES_ABBREVIATIONS:
        return first.isupper() and opener not in _BRACKETS
    return True


def count_words(text: str) -> int:
    """Words in ``text``: runs between spaces, where a script written without spaces
    (Chinese, Japanese, Thai…) counts its characters by the length of an average word."""
    if text.isascii() or _ANY_SPACELESS.search(text) is None:
        return len(text.split())  # every run counts one: the common case, without a loop
    words = 0
    for token in text.split():
        spaceless = sum(-(-len(chars.findall(token)) // size) for chars, size in _SPACELESS)
        words += max(1, spaceless)
    return words


def _thai_sentence_ends(text: str, sentence_start: int, at: int, following: int) -> bool:
    """Whether the space between Thai words at ``at`` (the next word starting at
    ``following``) ends the sentence that started at ``sentence_start``. Looks at a bounded
    window, like every other check."""
    before = text[max(sentence_start, at - 2 * MIN_THAI_SENTENCE) : at]
    if len(_THAI.findall(before)) < MIN_THAI_SENTENCE or before.endswith(("ๆ", "ว่า")):
        return False
    return not text.startswith(tuple(THAI_JOINERS), following)


def _indic_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends a word of one syllable in an Indic script: those
    end sentences with a danda, and a full stop after one syllable (a consonant cluster joined
    by a virama and its vowel sign) is an abbreviation: "डॉ." (Dr), "प्रो." (Prof), "ए.पी.जे.",
    Bengali "ডা."; "किया." (two) may end a sentence."""
    before = _INDIC_WORD_BEFORE.search(text, max(0, stop - _LOOK_BACK), stop)
    if before is None:
        return False
    word = before.group()
    syllables = sum(
        unicodedata.category(c).startswith("L")
        and not (i and unicodedata.combining(word[i - 1]) == 9)
        for i, c in enumerate(word)
    )
    return syllables <= 1


def _sentence_end(
    text: str, mark: re.Match[str], sentence_start: int, paragraph_end: int
) -> int | None:
    """Where the next sentence starts if the end mark ``mark`` ends a sentence, else None."""
    if mark.group(1) is None:  # a Chinese or Japanese end mark, or a space in Thai
        following = re.compile(r"\s*(\S)").match(text, mark.end(), paragraph_end)
        if following is None:
            return None
        if mark.group(3) is None and not _thai_sentence_ends(
            text, sentence_start, mark.start(), following.start(1)
        ):
            return None
        return following.start(1)
    following = _NEXT_START.match(text, mark.end(), paragraph_end)
    if following is None:
        return None
    opener, first = following.group(1), following.group(2)
    if first.islower() and not opener and not _GEORGIAN <= first <= _GEORGIAN_LAST:
        return None  # a lowercase word continues the sentence; a caseless script's does not
    marks, closers = mark.group(1), mark.group(2)
    if marks == "." and _INDIC <= first <= _INDIC_LAST and _indic_abbreviation(text, mark.start()):
        return None
    if (
        marks != "."
        or any(c in _CLOSING_QUOTES for c in closers)
        or _full_stop_ends_sentence(
            text, mark.start(), sentence_start, following.start(2), paragraph_end, opener
        )
    ):
        return following.start(1)
    return None


def split_sentences(
    text: str, paragraphs: list[Span] | None = None, most: int = DEFAULT.max_sentence_words
) -> list[Sentence]:
    """Sentences of every paragraph, in order, with offsets into ``text``; none longer than
    ``most`` words (``Settings.max_sentence_words``)."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    sentences: list[Sentence] = []
    plain = text.isascii() or _NEEDS_FULL_CANDIDATE.search(text) is None
    candidate = _PLAIN_CANDIDATE if plain else _CANDIDATE
    for number, paragraph in enumerate(paragraphs):
        start = paragraph.start
        for mark in candidate.finditer(text, paragraph.start, paragraph.end):
            next_start = _sentence_end(text, mark, start, paragraph.end)
            if next_start is not None:
                sentences += _bounded(text, Sentence(start, mark.end(), number), most)
                start = next_start
        if start < paragraph.end:
            sentences += _bounded(text, Sentence(start, paragraph.end, number), most)
    return sentences


_WORD_SPAN = re.compile(r"\S+")
_CLAUSE_BREAKS = frozenset(",;:-–—")


def _bounded(text: str, sentence: Sentence, most: int) -> list[Sentence]:
    """``sentence`` in pieces of at most ``most`` words (runs between spaces), each cut after
    the last clause break in its second half, else after its last word."""
    if count_words(text[sentence.start : sentence.end]) <= most:
        return [sentence]
    words = [m.span() for m in _WORD_SPAN.finditer(text, sentence.start, sentence.end)]
    if len(words) <= most:
        return [sentence]  # a script written without spaces: its words are not runs
    pieces: list[Sentence] = []
    first = 0
    while len(words) - first > most:
        cut = first + most  # the first word of the next piece
        for k in range(first + most, first + most // 2, -1):
            if text[words[k - 1][1] - 1] in _CLAUSE_BREAKS:
                cut = k
                break
        pieces.append(Sentence(words[first][0], words[cut - 1][1], sentence.paragraph))
        first = cut
    pieces.append(Sentence(words[first][0], sentence.end, sentence.paragraph))
    return pieces
