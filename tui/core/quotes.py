"""Quotations: where each article quotes someone, who it says spoke, and how outlets differ.

Finding quotations. Text between quotation marks, curly (“…”, ‘…’, «…», „…“) or straight
("…"), in each paragraph; marks of another kind inside a quotation are nested quotes and part
of it. A paragraph that ends inside a quotation and a next paragraph that opens with a mark
again is one quotation over several paragraphs (the English convention). A single curly
quote opens only at the start of a word and closes only at the end of one, so apostrophes
("DHS’s", "don’t") never open or close anything.

Who spoke. The attribution is looked for in the quote's own sentence, outside the marks:
after the quote (", she said", ", Noem wrote", ", said the spokesperson"), before it ("Noem
wrote:", "the president told aides", "Mayor Helen Vardy was blunt:"), or "according to …"
anywhere in the sentence. A quote
without one that follows another quotation with only white space between them continues
it and keeps its speaker. "she"/"he" is resolved to the nearer of the speaker of an earlier
quotation ("“…,” Park said. She called it …") and the name that opens an earlier sentence
("Noem suggested …"), else left unresolved: a pronoun never makes two outlets' speakers
differ. "the president" is the one person the article titles so ("President Donald Trump"),
when there is exactly one; else, across outlets, the one speaker of its group another outlet
titles so ("the mayor" of one outlet is "Mayor Ellen Park" of another).

Grouping across outlets. Two quotations of different articles are the same statement when
(1) they sit in members of one shared passage and share at least half of the smaller one's
words (and at least ``MIN_WORDS`` words), or (2) directly, when at least half of the smaller
one's three-word runs occur in the other (so a partial quote of a few words joins the full
quote it comes from). Each quote joins one group at most, see ``group_quotes``. Each group is
diffed word by word against its fullest version (most words); a run of words the fullest
version has and another lacks is a *cut* when it is at the start or end of the quote, is
marked by an ellipsis, or is ``CUT_WORDS`` words or more; a shorter missing run ("the") is a
change of wording like any other.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import takewhile

from tui.core.diffing import word_diff
from tui.core.model import Article, Change, DiffOp, Passage, Span
from tui.core.segmenting import TITLES
from tui.core.similarity import DAYS_AND_MONTHS, normalise

#: A missing run of this many words or more inside a quote is a cut, not a change of wording.
CUT_WORDS = 3
#: Share of the smaller quote's words (passage route) or three-word runs (direct route) the
#: two quotes must share to count as one statement.
MIN_SHARED = 0.5
#: Quotes sharing fewer words than this are never joined through a passage alone: a quoted
#: word or two ("essential", "border czar") says nothing about which statement it is from.
MIN_WORDS = 3

_OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}
_ELLIPSIS = ("…", "...")
_WORD = re.compile(r"\w+")

_VERBS = (
    r"said|says|say|saying|wrote|writes|write|told|tells|tell|added|adds|continued|continues|"
    r"noted|notes|stated|states|explained|explains|asked|asks|argued|argues|claimed|claims|"
    r"declared|insisted|insists|warned|warns|pledged|pledges|promised|promises|replied|"
    r"responded|tweeted|posted|announced|acknowledged|recalled|testified|admitted|vowed|"
    r"suggested|urged|called|described|predicted"
)
_PRONOUNS = frozenset({"she", "he", "they", "i", "we", "it"})
_DETERMINERS = frozenset({"a", "an", "the", "one", "another", "two", "several", "some"})
#: Words that end a speaker phrase ("Noem wrote *in* the letter").
_STOP = frozenset(
    "in on at to of during while when after before about for with from that which who as "
    "and but or thanking adding saying".split()
)
#: Lower-case words a title puts between capitalised ones ("Council *member* Rosa Diaz").
_ROLE_WORDS = 2
_AFTER = re.compile(
    rf"^[\s,;:—–-]*(?P<who>(?:[\w’'.-]+\s+){{0,6}}?)(?P<verb>{_VERBS})\b(?P<rest>.*)",
    re.DOTALL,
)
_INVERTED = re.compile(rf"^[\s,;:—–-]*(?P<verb>{_VERBS})\s+(?P<who>(?:[\w’'.-]+\s*){{1,7}})")
#: Where a clause before the speaker's phrase ends ("A source said | the president told").
_CLAUSE = re.compile(rf"[,;:—–()]| that |\b(?:{_VERBS})\b")
#: Speech verbs are matched in lower case only: "United States" is no "states".
_BEFORE_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;:()“”\"]{2,80})", re.IGNORECASE)
_RELATIVE = re.compile(r",\s*(?:who|which)\b[^,]*,\s*$")
_NAME_START = re.compile(r"^(?:[A-Z][\w’'-]*\.?\s+){0,4}[A-Z][\w’'-]*")
_TITLECASE = re.compile(r"[A-Z][a-z][\w’'-]*")
#: Capitalised words that open sentences without being names.
_NOT_NAMES = frozenset(
    "The A An In On At But And Or If It Its This That These Those There Their They She He We "
    "I As For From However When While After Before Since Despite Through Even Still Yet So "
    "Meanwhile Also Although Last Earlier Later Today Yesterday Some Many Most Such Those "
    "Not No Her His Him Our Your My Every Each All Both Few None Nobody Nothing Other Another "
    "Any Several Only Just Now Then Here Where Why How What Who Which Whose One Once Instead "
    "Because Though Unless Until Yes".split()
)


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation in one article. Offsets are into ``Article.text``."""

    article: str
    #: First character inside the opening mark, last inside the closing one (of the last
    #: paragraph for a quote over several paragraphs).
    start: int
    end: int
    #: The quoted text of each paragraph it runs over (one part for most quotes).
    parts: tuple[Span, ...]
    #: The quoted words, paragraph by paragraph joined by a space (repeated marks dropped).
    text: str
    #: The sentence (or sentences) the quote sits in.
    sentence: Span
    #: The speaker as the article names them ("she", "Noem", "a DHS spokesperson"), or None.
    speaker: str | None
    #: Who that is, for comparing outlets: a surname or the last word of a role
    #: ("noem", "spokesperson"); None when unknown or an unresolved pronoun.
    speaker_key: str | None
    #: The words that attribute it ("she said in the letter to Bessent"), or None.
    attribution: str | None
    #: True for a few words quoted inside a sentence of the article's own words.
    partial: bool


@dataclass(frozen=True, slots=True)
class QuoteChange:
    """One difference of a version from the group's fullest version, in the quoted words."""

    #: "minor" (punctuation, quotes, case), "wording" (a misquote) or "cut" (words left out).
    kind: str
    #: The fullest version's words and this version's words at the difference.
    base: str
    text: str
    #: For a cut: whether the version marks it with an ellipsis, and whether it is at the
    #: start or end of the version's words (a partial quote, which needs no ellipsis there).
    marked: bool = False
    edge: bool = False


@dataclass(frozen=True, slots=True)
class QuoteVersion:
    quote: Quote
    #: ``word_diff`` from the group's fullest version's text to this version's text.
    diff: tuple[DiffOp, ...]
    changes: tuple[QuoteChange, ...]

    @property
    def wording_changed(self) -> bool:
        return any(c.kind == "wording" for c in self.changes)

    @property
    def left_out(self) -> tuple[str, ...]:
        return tuple(c.base for c in self.changes if c.kind == "cut")

    @property
    def how_cut(self) -> str:
        """How the version says it leaves words out: "marked with …", "quoted in part" (its
        cuts are at the start or end of the quoted words only, where no ellipsis is
        expected) or "not marked" (a cut inside the quoted words with no ellipsis)."""
        cuts = [c for c in self.changes if c.kind == "cut"]
        if all(c.marked for c in cuts):
            return "marked with …"
        if all(c.marked or c.edge for c in cuts):
            return QUOTED_IN_PART
        return "not marked"


WORDS_CHANGED = "words changed inside the quotation marks"
#: ``QuoteVersion.how_cut`` of a fragment whose cuts are only at its start or end.
QUOTED_IN_PART = "quoted in part"
OTHER_SPEAKERS = "attributed to different speakers"
SHORTENED = "shortened"
OTHER_ATTRIBUTION = "attributed in other words"


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One statement as each outlet quotes it; ``versions[0]`` is the fullest (the base)."""

    id: str
    versions: tuple[QuoteVersion, ...]
    #: Ids of the shared passages the quotes sit in.
    passages: tuple[str, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.quote.article for v in self.versions))

    @property
    def speakers_differ(self) -> bool:
        """Outlets name different speakers. Pronouns only count once resolved; a role and a
        name with that title ("the mayor", "Mayor Jones") are not different."""
        named = {
            (v.quote.speaker_key, frozenset(_key_words(v.quote.speaker)))
            for v in self.versions
            if v.quote.speaker_key
        }
        return any(
            a != b and a not in words_b and b not in words_a
            for a, words_a in named
            for b, words_b in named
        )

    @property
    def attribution_differs(self) -> bool:
        return len({(v.quote.attribution or "").lower() for v in self.versions}) > 1

    @property
    def wording_changed(self) -> bool:
        return any(v.wording_changed for v in self.versions)

    @property
    def shortened(self) -> bool:
        return any(v.left_out for v in self.versions)

    @property
    def flags(self) -> tuple[str, ...]:
        """What a fact-checker must look at, most serious first, in words."""
        flags = []
        if self.wording_changed:
            flags.append(WORDS_CHANGED)
        if self.speakers_differ:
            flags.append(OTHER_SPEAKERS)
        if self.shortened:
            flags.append(SHORTENED)
        if self.attribution_differs and not self.speakers_differ:
            flags.append(OTHER_ATTRIBUTION)
        return tuple(flags)


# --- finding quotations ----------------------------------------------------------------------


def _closes(text: str, i: int, opener: str) -> bool:
    char = text[i]
    if opener == "‘":
        return char == "’" and (i + 1 == len(text) or not text[i + 1].isalnum())
    if opener == '"':
        return char in '"”'
    return char == _OPENERS[opener]


def _opens(text: str, i: int) -> bool:
    char = text[i]
    if char not in _OPENERS:
        return False
    if char == "‘":
        before_ok = i == 0 or not text[i - 1].isalnum()
        return before_ok and i + 1 < len(text) and text[i + 1].isalpha()
    return True


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_MARKS = re.compile('[“”«»„"‘’]')


def _raw_quotes(article: Article) -> list[list[Span]]:
    """Each quotation as the spans of its text in each paragraph it runs over."""
    text = article.text
    found: list[list[Span]] = []
    pending: tuple[str, list[Span]] | None = None  # an opener left open at a paragraph's end
    for paragraph in article.paragraphs:
        end = paragraph.end
        opener: str | None = None
        parts: list[Span] = []
        start = paragraph.start
        if pending is not None:
            first = _strip(text, paragraph.start, end)[0]
            if first < end and text[first] == pending[0]:
                opener, parts, start = pending[0], pending[1], first + 1
            else:
                found.append(pending[1])
        pending = None
        for mark in _MARKS.finditer(text, start, end):
            i = mark.start()
            if opener == "“" and text[i] == "“":
                # English never nests “ in “: the open quote was never closed. Keep what it
                # said up to here and start again.
                span = _strip(text, start, i)
                if span[1] > span[0]:
                    parts.append(Span(*span))
                if parts:
                    found.append(parts)
                opener = None
            if opener is None:
                if _opens(text, i):
                    opener, parts, start = text[i], [], i + 1
            elif _closes(text, i, opener):
                span = _strip(text, start, i)
                if span[1] > span[0]:
                    parts.append(Span(*span))
                if parts:
                    found.append(parts)
                opener = None
        if opener is not None:
            span = _strip(text, start, end)
            if span[1] > span[0]:
                parts.append(Span(*span))
            if parts:
                pending = (opener, parts)
    if pending is not None:
        found.append(pending[1])
    # A quote of punctuation only ("…") is no quotation.
    return [parts for parts in found if _WORD.search(text, parts[0].start, parts[-1].end)]


def _key(phrase: str) -> str | None:
    words = [w.strip("’'.,").lower() for w in phrase.split()]
    words = [w.removesuffix("’s").removesuffix("'s") for w in words if w]
    if not words:
        return None
    if len(words) == 1 and words[0] in _PRONOUNS:
        return None
    last = words[-1]
    if phrase.split()[-1][0].isupper():
        return last  # a name: "Jones" is no plural
    return last[:-1] if last.endswith("s") and len(last) > 3 and not last.endswith("ss") else last


def _key_words(phrase: str | None) -> list[str]:
    return [w.strip("’'.,").lower() for w in (phrase or "").split()]


def _speaker_phrase(words: str) -> str | None:
    """The subject in the few words before a speech verb, if they look like one."""
    words = _RELATIVE.sub("", words.rstrip()).rstrip(" ,")
    clause = _CLAUSE.split(words)[-1].strip()
    tokens = clause.split()
    if not tokens:
        return None
    for i in range(len(tokens)):
        lower = tokens[i].lower()
        if lower in _PRONOUNS and i >= len(tokens) - 2:
            return tokens[i]
        if lower in _DETERMINERS:
            return " ".join(tokens[i:])
    # A name, possibly after a title ("Council member Rosa Diaz", "council member Rosa Diaz",
    # "Homeland Security spokesperson Tricia McLaughlin") or before an adverb ("Noem
    # previously pledged"): up to the last capitalised word, over at most ``_ROLE_WORDS``
    # lower-case words in a row that are no function words ("Trump *on* Tuesday").
    end, lower = 0, 0
    for i, token in enumerate(tokens):
        if token[0].isupper():
            end, lower = i + 1, 0
        elif token.lower() in _STOP or lower == _ROLE_WORDS:
            break
        else:
            lower += 1
    if end:
        return " ".join(tokens[:end])
    # A longer title in lower case before a name that ends the phrase ("port authority head
    # Tomas Eklund"): the name says who, the words before it what they are.
    name = _TRAILING_NAME.search(clause)
    if name and not any(t.lower() in _STOP for t in tokens) and tokens[0].islower():
        first = name.group().split()
        if any(w in _NOT_NAMES for w in first):
            return None
        return clause.strip()
    return None


#: Two or more capitalised words ending a phrase: a person's name ("Tomas Eklund").
_TRAILING_NAME = re.compile(r"(?:[A-Z][\w’'-]+\s+){1,2}[A-Z][\w’'-]+\s*$")
#: Words that make what follows a speech verb no title before a name: places and groups
#: the speakers are in or among ("said protesters outside City Hall", "said analysts
#: including John Smith").
_NOT_TITLES = frozenset(
    "outside near across including around along inside beyond behind past among amid within "
    "throughout beside towards toward via like".split()
)


def _titled_name(verb: str, phrase: str) -> bool:
    """Whether ``phrase``, after the speech ``verb``, is a title of one to four words in
    lower case and a name of one to three capitalised words that ends it ("said harbour
    master Lena Vogt", "said harbour master Łukasz Nowak"; not "said residents", "said
    officials Tuesday", "said police Sept. 12", "said fans outside Old Trafford", nor "told
    reporters …": after "told" come the listeners)."""
    if verb.startswith("tel") or verb == "told":
        return False
    words = phrase.split()
    title = list(takewhile(lambda w: w[0].islower(), words))
    name = words[len(title) :]
    if not 1 <= len(title) <= 4 or not 1 <= len(name) <= 3:
        return False
    if not all(w[0].isupper() for w in name) or any(not w[0].isalpha() for w in words):
        return False
    if any(w in _STOP or w in _PRONOUNS or w in _NOT_TITLES for w in title):
        return False
    return not any(w in _NOT_NAMES or w.lower() in DAYS_AND_MONTHS for w in name)


def _cut_phrase(phrase: str) -> str:
    kept = []
    for token in phrase.split():
        if token.lower().strip(",.") in _STOP or not token.strip(",.;:"):
            break
        title = token.endswith(".") and token[:-1].lower() in TITLES
        # An honorific's full stop ends no name: "said Mr. Smith." gives "Mr. Smith".
        kept.append(token if title else token.strip(",.;:"))
        if token[-1] in ",.;:" and not title:
            break
    return " ".join(kept)


def _attribution(head: str, tail: str, sentence: str) -> tuple[str | None, str | None]:
    """(speaker phrase, attribution words) from the sentence text around a quote."""
    after = _AFTER.match(tail)
    if after and after["who"].strip():
        who = _speaker_phrase(after["who"])
        if who:
            words = (after["who"] + after["verb"] + after["rest"]).strip(" ,.")
            return who, " ".join(words.split())
    inverted = _INVERTED.match(tail)
    if inverted:
        who = _cut_phrase(inverted["who"])
        if who and (
            who.split()[0].lower() in _DETERMINERS
            or who[0].isupper()
            or _titled_name(inverted["verb"], who)
        ):
            return who, f"{inverted['verb']} {who}"
    verbs = list(_BEFORE_VERB.finditer(head))
    if verbs:
        last = verbs[-1]
        who = _speaker_phrase(head[max(0, last.start() - 120) : last.start()])
        if who:
            return who, " ".join(f"{who} {head[last.start() :]}".split()).strip(" ,:")
    according = _ACCORDING.search(sentence)
    if according:
        who = according["who"].strip()
        return who, f"according to {who}"
    return _colon_speaker(head)


#: "Mayor Helen Vardy was blunt:" before a quotation: a name opening the clause, then a few
#: lower-case words (the verb phrase) and a colon.
_COLON = re.compile(
    r"(?:^|[,;—–(]\s*)(?P<who>(?:[\w’'.-]+\s+){0,5}[A-Z][\w'-]*(?<![’'][sS]))\s+(?P<verb>(?:[a-z][\w’'-]*\s+){0,4}[a-z][\w’'-]*)\s*:\s*$"
)
#: Words that make the verb phrase before the colon a second clause or another subject
#: ("Vardy *and* her deputy were blunt:", "Vardy quoted the engineer *who* …").
_COLON_STOP = frozenset("and or but who which that whom whose".split())


def _colon_speaker(head: str) -> tuple[str | None, str | None]:
    """The speaker of "Name <verb phrase>: “…”": the name (with its title) that opens the
    clause before the colon, when a verb phrase of up to five lower-case words, naming no one
    else, follows it. One capitalised word alone must not be a common word that opens
    sentences ("Reaction was swift:"): it needs a second capitalised word or a title
    (``_TITLE``)."""
    found = _COLON.search(head)
    if not found:
        return None, None
    who, verb = found["who"].strip(), found["verb"]
    words = verb.split()
    if any(w.lower() in _COLON_STOP or w.lower() in _PRONOUNS - {"it"} for w in words):
        return None, None
    capitals = [w for w in who.split() if w[0].isupper()]
    if capitals[-1] in _NOT_NAMES or (capitals[0] in _NOT_NAMES and len(capitals) < 3):
        return None, None
    if len(capitals) < 2 and not _TITLE.search(who):
        return None, None
    if any(w.lower() in _STOP for w in who.split()) or who != _speaker_phrase(who):
        return None, None
    return who, f"{who} {' '.join(words)}"


def _opening_name(text: str) -> str | None:
    match = _NAME_START.match(text)
    if not match:
        return None
    names = [t for t in _TITLECASE.findall(match.group()) if t not in _NOT_NAMES]
    return names[-1].removesuffix("’s").removesuffix("'s") if names else None


def _titled(text: str, role: str) -> str | None:
    """The one person the article names with this title ("President Donald Trump" for "the
    president"), or None when it names none or several."""
    pattern = rf"\b{re.escape(role.capitalize())}\s+(?:[A-Z][\w’'-]+\s+){{0,2}}([A-Z][\w’'-]+)"
    names = {name.removesuffix("’s").removesuffix("'s") for name in re.findall(pattern, text)}
    return names.pop().lower() if len(names) == 1 else None


def _resolve(
    article: Article, sentence_index: int, before: Sequence[Quote], pronoun: str
) -> str | None:
    """Who "she" is: the speaker of the nearest earlier quotation that names one, or the name
    opening the nearest earlier sentence that opens with one, whichever is nearer (up to four
    sentences back; a quotation before it in its own sentence first). A key, lower case.

    A person the sentences in between name ("“…,” Smith said. The court then heard from Mr.
    Jones. “We will appeal,” he said.") may be the one meant: "he" or "she" is then the one
    of them whose gender the article does not give otherwise (by "Mr.", "Ms.", …), or stays
    unresolved rather than guess; so is a "she" that cannot be "Mr. Smith", looking from
    Smith's own sentence on ("Mr. Smith and Ms. Jones left."). The subject of the sentence
    it is read from is meant before other people that sentence names ("Noem's memo to
    Bessent …" then "…,” she wrote": Noem)."""
    spoken = [q for q in before if q.speaker_key]
    found: str | None = None
    mention = Span(0, 0)  # the sentence that names ``found``
    for index in range(sentence_index, max(-1, sentence_index - 5), -1):
        sentence = article.sentences[index]
        while spoken and spoken[-1].sentence.end > sentence.start:
            quote = spoken.pop()
            if quote.sentence.start <= sentence.start:
                found, mention = quote.speaker_key, quote.sentence
                break
        if found is None and index != sentence_index:
            name = _opening_name(article.text[sentence.start : sentence.end])
            if name:
                found, mention = name.lower(), Span(sentence.start, sentence.end)
        if found is not None:
            break
    if found is None or pronoun not in _GENDER:
        return found
    told = _genders(article.text)
    gender = _GENDER[pronoun]
    # The people named after it; when it cannot be "she" ("Mr. Smith"), from its sentence on.
    start = mention.end if told.get(found) in (None, gender) else mention.start
    named = _people(article.text, article.text[start : article.sentences[sentence_index].start])
    fits = [p for p in dict.fromkeys([*named, found]) if told.get(p) in (None, gender)]
    return fits[0] if len(fits) == 1 else None


#: What "he" and "she" say of the person meant.
_GENDER = {"he": "m", "she": "f"}
#: Words before a name that say the person's gender.
_GENDERED = re.compile(
    r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Congressman|Congresswoman|Chairman|"
    r"Chairwoman|Spokesman|Spokeswoman|Councilman|Councilwoman|King|Queen|Prince|Princess)"
    r"\.?\s+(?:[A-Z][\w’'-]+\s+){0,2}(?P<name>[A-Z][\w’'-]+)"
)
_FEMININE = frozenset(
    "Mrs Ms Miss Dame Lady Congresswoman Chairwoman Spokeswoman Councilwoman Queen Princess".split()
)
#: Titles before a person's name (and the gendered ones).
_TITLE = re.compile(
    r"\b(?:Dr|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Judge|Justice|Senator|Representative|Governor|"
    r"Mayor|President|Secretary|Minister|Chancellor|Officer|Detective|Sergeant|Prosecutor|"
    r"Commissioner|Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Congressman|Congresswoman|Chairman|"
    r"Chairwoman|Spokesman|Spokeswoman|Councilman|Councilwoman)"
    r"\.?\s+(?:[A-Z][\w’'-]+\s+){0,2}(?P<name>[A-Z][\w’'-]+)"
)
#: A first name and a surname, or three names.
_FULL_NAME = re.compile(r"(?<![\w’'-])(?:[A-Z][a-z][\w’'-]*\s+){1,2}(?P<name>[A-Z][a-z][\w’'-]*)")


def _people(article: str, text: str) -> list[str]:
    """The keys of the people ``text`` (a stretch of ``article``) names, in order: a name after
    a title ("Mr. Jones", "Judge Ann Ruiz"), or a full name whose surname the article also
    writes alone ("Ann Jones" … "Jones"; not "the Court" of "Supreme Court"), as journalists
    name a person."""
    found = [(m.start(), m["name"]) for m in _TITLE.finditer(text)]
    for m in _FULL_NAME.finditer(text):
        words = m.group().split()
        if any(w in _NOT_NAMES for w in words):
            continue
        for other in re.finditer(rf"\b{re.escape(m['name'])}\b", article):
            before = article[max(0, other.start() - 20) : other.start()].split()[-1:]
            if before and before[0] != words[-2] and before[0].lower() != "the":
                found.append((m.start(), m["name"]))
                break
    keys = [name.removesuffix("’s").removesuffix("'s").lower() for _, name in sorted(found)]
    return list(dict.fromkeys(keys))


def _genders(text: str) -> dict[str, str]:
    """The people whose gender ``text`` gives by a title before their name ("Ms. Ruiz")."""
    return {
        m["name"].lower(): "f" if m["title"] in _FEMININE else "m" for m in _GENDERED.finditer(text)
    }


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every quotation in ``article``, in order, with its speaker where the article says it."""
    text = article.text
    starts = [s.start for s in article.sentences]
    quotes: list[Quote] = []
    for parts in _raw_quotes(article):
        start, end = parts[0].start, parts[-1].end
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = max(first, bisect.bisect_right(starts, end - 1) - 1)
        s_start, s_end = article.sentences[first].start, article.sentences[last].end
        mark_start, mark_end = start - 1, min(len(text), end + 1)
        head = text[s_start:mark_start] if s_start <= mark_start else ""
        tail_start = article.sentences[last].start if last > first else mark_end
        tail = text[max(mark_end, tail_start) : s_end]
        outside = head + " " + tail
        who, attribution = _attribution(head, tail, outside)
        key = _key(who) if who else None
        if who and who.lower() in _PRONOUNS:
            key = _resolve(article, first, quotes, who.lower())
        elif who and key and who.lower().startswith("the "):
            key = _titled(text, key) or key
        previous = quotes[-1] if quotes else None
        if (
            who is None
            and previous is not None
            and not text[previous.sentence.end : mark_start].strip()
        ):
            who, key, attribution = previous.speaker, previous.speaker_key, previous.attribution
        words = " ".join(text[p.start : p.end] for p in parts)
        before = text[s_start:mark_start].strip()
        partial = bool(before and before[-1].isalnum()) or (
            not words[0].isupper() and not words[0].isdigit()
        )
        quotes.append(
            Quote(
                article=article.id,
                start=start,
                end=end,
                parts=tuple(parts),
                text=words,
                sentence=Span(s_start, s_end),
                speaker=who,
                speaker_key=key,
                attribution=attribution,
                partial=partial,
            )
        )
    return tuple(quotes)


# --- attributions that say nothing else ------------------------------------------------------

#: Speech verbs that take whom it was said to ("told reporters", "told the BBC").
_TELLING = frozenset("told tells tell asked asks".split())
#: Words that open a phrase of where or when ("at a news conference", "on Wednesday",
#: "late Wednesday", "in a statement").
_FRAME_OPENERS = frozenset(
    "at on in to during from outside inside near via through late early earlier later last "
    "this yesterday today tonight overnight".split()
)
#: Words that open a clause or a claim of its own: an attribution holding one says more
#: than who spoke ("said, adding that …", "said after the barge struck", "said it was not").
_FRAME_BREAKS = frozenset(
    "that which who whom whose because and but or if when while as after before since until "
    "unless although though adding saying noting calling blaming citing not never no".split()
)
#: Words a phrase of where or when may run to ("at a news conference on the steps of …").
_FRAME_PHRASE = 5


def frames_only(text: str, quote: Quote) -> bool:
    """Whether ``text`` (words of ``quote``'s sentence outside its marks) says nothing but
    who spoke, how, to whom, where and when: the quote's speaker, its speech verb (or the
    verb phrase before its colon: "was blunt"), for "told"/"asked" an addressee of up to
    three words, then phrases of place or time each opened by a preposition or a word of
    time ("at a news conference", "on Wednesday", "late Wednesday"). A figure, a denial or
    a word that opens a clause ("adding", "that", "after") is a claim of its own."""
    if quote.speaker is None or quote.speaker_key is None or quote.attribution is None:
        return False
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words or any(any(c.isdigit() for c in w) for w in words):
        return False
    speaker = [w.casefold() for w in _WORD.findall(quote.speaker)]
    at = next((i for i in range(len(words)) if words[i : i + len(speaker)] == speaker), None)
    if at is None:
        return False
    rest = words[:at] + words[at + len(speaker) :]
    framed = [w.casefold() for w in _WORD.findall(quote.attribution)]
    if framed[: len(speaker)] == speaker and not _BEFORE_VERB.fullmatch(rest[0] if rest else ""):
        # "Name <verb phrase>: “…”": the words are the verb phrase, and nothing more.
        verb_phrase = framed[len(speaker) :]
        if rest == verb_phrase and len(verb_phrase) <= 5:
            return not _FRAME_BREAKS.intersection(rest)
    if not rest or not _BEFORE_VERB.fullmatch(rest[0]):
        return False
    verb, rest = rest[0], rest[1:]
    if verb in _TELLING:
        addressee = 0
        while addressee < len(rest) and rest[addressee] not in _FRAME_OPENERS:
            addressee += 1
        if addressee > 3:
            return False
        rest = rest[addressee:]
    run = _FRAME_PHRASE
    for word in rest:
        if word in _FRAME_BREAKS:
            return False
        if word in _FRAME_OPENERS:
            run = 0
        elif run >= _FRAME_PHRASE:
            return False
        run += 1
    return True


# --- who a sentence cites ---------------------------------------------------------------------

#: Verbs that cite the source of a statement. Not "asked", "urged", "warned": those are
#: often the reported act itself ("Noem asked Bessent to share the records").
_CITING = r"said|says|say|told|tells|stated|states|added|adds|noted|notes|announced|confirmed"
_CITE_BEFORE = re.compile(rf"\b(?:{_CITING})\b")
_CITE_INVERTED = re.compile(rf"(?:^|[,;:—–(“”\"])\s*(?:{_CITING})\s+(?=\S)")
_ACCORDING_TO = re.compile(r"\baccording to\s+(?=\S)", re.IGNORECASE)
_SPEAKER_TOKEN = re.compile(r"[\w’'.&-]+")
#: Words a speaker phrase never spans ("DHS sent a letter to Bessent *and* said").
_SPEAKER_ENDS = frozenset(
    "and but or that which who whom to in on at with from after before when while as by "
    "about since because if than then".split()
)
#: A speaker phrase of more words than this is a clause, not a name or a title.
_SPEAKER_WORDS = 8


def _speaker_run(text: str, at: int, step: int) -> tuple[int, int] | None:
    """The words from ``at`` backwards (step -1) or forwards (+1) up to a clause boundary or
    a word that ends a speaker phrase: the span of who is cited, or None."""
    if step < 0:
        head = text[:at]
        tokens = list(_SPEAKER_TOKEN.finditer(head))
        kept: list[re.Match[str]] = []
        end = len(head)
        for token in reversed(tokens):
            between = head[token.end() : end]
            if between.strip() or token.group().lower() in _SPEAKER_ENDS:
                break
            kept.append(token)
            end = token.start()
        kept.reverse()
    else:
        kept = []
        end = at
        for token in _SPEAKER_TOKEN.finditer(text, at):
            if text[end : token.start()].strip() or token.group().lower() in _SPEAKER_ENDS:
                break
            kept.append(token)
            end = token.end()
            # A full stop ends the phrase, but for an honorific's ("said Mr. Smith."):
            # the title belongs to the name after it.
            if token.group().endswith(".") and token.group()[:-1].lower() not in TITLES:
                break
    if not kept or len(kept) > _SPEAKER_WORDS:
        return None
    last = kept[-1].group()
    # A full stop ends the sentence, not the name, unless the word is an abbreviation ("U.S.").
    return kept[0].start(), kept[-1].end() - (last.endswith(".") and last.count(".") == 1)


def cited_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names the source of a statement rather than who a fact is about: the
    speaker before a citing verb ("the Department of Homeland Security said"), after one
    opening a clause (", said a DHS spokesperson"), and after "according to"."""
    spans = []
    for verb in _CITE_BEFORE.finditer(text):
        run = _speaker_run(text, verb.start(), -1)
        if run is not None:
            spans.append(run)
    for found in (*_CITE_INVERTED.finditer(text), *_ACCORDING_TO.finditer(text)):
        run = _speaker_run(text, found.end(), 1)
        if run is not None:
            spans.append(run)
    return sorted(spans)


# --- grouping across outlets -----------------------------------------------------------------


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalise(text)))


def _share(a: frozenset[object], b: frozenset[object]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def _changes(base: str, text: str, diff: tuple[DiffOp, ...]) -> tuple[QuoteChange, ...]:
    changes = []
    for op in diff:
        if op.change is Change.EQUAL:
            continue
        old, new = base[op.a_start : op.a_end], text[op.b_start : op.b_end]
        if op.minor:
            changes.append(QuoteChange("minor", old, new))
            continue
        missing = len(_WORD.findall(old)) if not _WORD.search(new) else 0
        if missing:
            near = text[max(0, op.b_start - 4) : op.b_end + 4]
            marked = any(mark in near for mark in _ELLIPSIS)
            at_edge = not _WORD.search(text[: op.b_start]) or not _WORD.search(text[op.b_end :])
            if marked or at_edge or missing >= CUT_WORDS:
                changes.append(QuoteChange("cut", old, new, marked, at_edge))
                continue
        changes.append(QuoteChange("wording", old, new))
    return tuple(changes)


def _role(quote: Quote) -> str | None:
    """The title a quote's speaker is given instead of a name ("the mayor": "mayor")."""
    speaker = quote.speaker or ""
    if speaker.lower().startswith("the ") and quote.speaker_key == _key(speaker):
        return quote.speaker_key
    return None


def _titled_in_group(quotes: Sequence[Quote]) -> dict[str, str]:
    """Each title the group's speakers carry before a name ("Mayor Ellen Park"), with that
    name's key, when one name carries it: what "the mayor" of another outlet stands for."""
    names: dict[str, set[str]] = defaultdict(set)
    for quote in quotes:
        if quote.speaker_key and _role(quote) is None:
            for word in _key_words(quote.speaker)[:-1]:
                names[word].add(quote.speaker_key)
    return {title: keys.pop() for title, keys in names.items() if len(keys) == 1}


def group_quotes(quotes: Sequence[Quote], passages: Sequence[Passage]) -> tuple[QuoteGroup, ...]:
    """Group one statement's quotations across articles, most widely carried first.

    Wordings are taken most repeated first (then longest); each joins the group of the
    earlier quote it shares the most with (a quote in an aligned member, or a group's first
    quote directly), or starts a group. Joining a group, never two groups, keeps one quote
    that runs two statements together from merging them.
    """
    keys = [_words(q.text) for q in quotes]
    words = [frozenset(k) for k in keys]
    runs_of: dict[tuple[str, ...], frozenset[tuple[str, ...]]] = {}
    for key in keys:
        if key not in runs_of:
            runs_of[key] = frozenset(key[n : n + 3] for n in range(len(key) - 2))
    runs = [runs_of[k] for k in keys]
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        by_article[quote.article].append(i)
    starts = {a: [quotes[i].start for i in ids] for a, ids in by_article.items()}
    in_passages: dict[int, list[str]] = defaultdict(list)
    partners: dict[int, list[int]] = defaultdict(list)

    def inside(article: str, start: int, end: int) -> list[int]:
        ids = by_article.get(article, [])
        first = max(0, bisect.bisect_right(starts.get(article, []), start) - 1)
        last = bisect.bisect_left(starts.get(article, []), end)
        return [i for i in ids[first:last] if quotes[i].end > start]

    for passage in passages:
        found = [inside(m.article, m.start, m.end) for m in passage.members]
        for ids in found:
            for i in ids:
                in_passages[i].append(passage.id)
        for member, ids in enumerate(found):
            if member != passage.base:
                for i in ids:
                    for j in found[passage.base]:
                        partners[i].append(j)
                        partners[j].append(i)

    repeats = Counter(keys)
    order = sorted(
        range(len(quotes)),
        key=lambda i: (-repeats[keys[i]], -len(keys[i]), quotes[i].article, quotes[i].start),
    )
    group_of: dict[int, int] = {}
    first_of: dict[tuple[str, ...], int] = {}
    anchors: list[int] = []
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in order:
        if keys[i] in first_of:
            group_of[i] = group_of[first_of[keys[i]]]
            continue
        first_of[keys[i]] = i
        best, best_share = -1, 0.0
        compared: set[tuple[str, ...]] = set()
        for j in partners.get(i, ()):
            # Quotes of one wording share a group and score the same: compare one of them.
            if keys[j] in compared or j not in group_of or quotes[j].article == quotes[i].article:
                continue
            compared.add(keys[j])
            shared = len(words[i] & words[j])
            share = _share(words[i], words[j])
            # Ties go to the earlier group, whatever order the candidates come in.
            better = (share, -group_of[j]) > (best_share, -best)
            if shared >= MIN_WORDS and share >= MIN_SHARED and better:
                best, best_share = group_of[j], share
        # Each group sharing a run once (a set's order does not matter: ties by group number).
        for group in set().union(*[postings[run] for run in runs[i] if run in postings]):
            share = _share(runs[i], runs[anchors[group]])
            if share >= MIN_SHARED and (share, -group) > (best_share, -best):
                best, best_share = group, share
        if best < 0:
            best = len(anchors)
            anchors.append(i)
            for run in runs[i]:
                postings[run].append(best)
        group_of[i] = best

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        members[group_of[i]].append(i)
    groups = []
    diffs: dict[tuple[str, str], tuple[tuple[DiffOp, ...], tuple[QuoteChange, ...]]] = {}
    for ids in members.values():
        base = max(ids, key=lambda i: (len(keys[i]), repeats[keys[i]], -i))
        versions = []
        named = _titled_in_group([quotes[i] for i in ids])
        for i in [base] + [i for i in ids if i != base]:
            pair = (quotes[base].text, quotes[i].text)
            if pair not in diffs:
                diff = word_diff(*pair)
                diffs[pair] = (diff, _changes(*pair, diff))
            quote, role = quotes[i], _role(quotes[i])
            if role is not None and role in named:
                quote = replace(quote, speaker_key=named[role])
            versions.append(QuoteVersion(quote, *diffs[pair]))
        ids_in = tuple(dict.fromkeys(p for i in ids for p in in_passages.get(i, ())))
        groups.append(QuoteGroup("", tuple(versions), ids_in))
    groups.sort(
        key=lambda g: (-len(g.articles), g.versions[0].quote.article, g.versions[0].quote.start)
    )
    return tuple(QuoteGroup(f"q{n}", g.versions, g.passages) for n, g in enumerate(groups, start=1))
