"""Separate the story from page furniture, and make untrusted text safe to show.

The rules are general shapes of scraped news pages, not strings from any one site: a short
line that does not end like a sentence is a heading, caption or byline; a short line made of
social-media words is a share bar; ``0:00`` is an audio player; a "You may also like"
heading starts a block of other stories; "X is a reporter for…" after the story's last
paragraph is an author bio; a line whose words all appeared before is a repeat (a pull
quote, an SEO heading); a wire dateline ("WASHINGTON (AP) —") opening the first paragraph is
the outlet's own label, not story text. Everything removed is kept, in order, so nothing is
silently lost.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from tui.core.model import Document
from tui.core.segmenting import count_words

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x00AD]
)
#: C0 and C1 control characters except the newline (the Unicode category "Cc").
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
#: Unicode's line and paragraph separators and NEL break lines like a newline does.
_BREAKS = {0x2028: "\n", 0x2029: "\n\n", 0x85: "\n"}
#: Any character ``_BIDI_CONTROLS`` or ``_BREAKS`` replaces.
_TRANSLATED = re.compile("[" + "".join(map(chr, [*_BIDI_CONTROLS, *_BREAKS])) + "]")
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
#: A wire dateline opening the first paragraph: a place in capitals (up to four words), up
#: to two comma parts (state, country, date), an agency in brackets, then a dash before the
#: story's first capitalised word: "WASHINGTON (AP) — The", "LONDON, March 3 (Reuters) - A",
#: "SAN JUAN, Puerto Rico — “We". Each outlet writes its own, so it is furniture, not text.
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][\w.'’&-]+(?: [\w.'’&-]+){0,3})"
    r"(?:, [\w.'’-]+(?: [\w.'’-]+){0,3}){0,2}"
    r"(?: \([^()\n]{1,40}\))?"
    r"(?: ?[—–―] ?| --? )"
)

#: How a line of story prose ends (a trailing "…" marks a truncated teaser instead).
SENTENCE_END = re.compile(r"[.!?:;\"”’')\]»。！？；：」』）]$")
_RELATED_HEADING = re.compile(
    r"^(you (may|might) (also )?like|related( stories| articles| coverage| content| posts)?"
    r"|read (more|next|also)|more (from|on|stories|news)|recommended( for you| stories| reading)?"
    r"|trending( now| stories)?|most (read|popular|viewed)|what to read next|editor'?s picks"
    r"|also read|see also|popular (stories|now)|latest (news|stories)|around the web"
    r"|from our partners|sponsored( content| stories)?|top stories|don'?t miss)\b[\s:.!]*$",
    re.IGNORECASE,
)
_SOCIAL_WORDS = frozenset(
    "share shares sharing follow tweet email e-mail print facebook twitter x linkedin whatsapp"
    " reddit pinterest copy link save comment comments subscribe newsletter sign up and on us"
    " this article story listen gift flipboard telegram bluesky threads mail to our".split()
)
_PLAYER = re.compile(
    r"^((\d{1,2}:)?\d{1,2}:\d{2}(\s*/\s*(\d{1,2}:)?\d{1,2}:\d{2})?"
    r"|(listen|play|pause|mute|watch)( to)?( this)?( article| story| video| now)?"
    r"( \d+ min(ute)?s?)?)$",
    re.IGNORECASE,
)
#: "Updated:", "Published 3 hours ago", "Last Updated on 2 months by …", "Updated 9:14 PM EST":
#: the word must be followed by a date, a time or nothing ("Updated guidance…" is prose).
_TIMESTAMP = re.compile(
    r"^(last )?(updated|published|posted|modified|edited)( on| at)?\s*[:\-–—]?\s*"
    r"(\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|today|yesterday|just now|$)",
    re.IGNORECASE,
)
#: Photo credits sit at the start ("Photo: …") or the very end of a caption ("… (AP Photo/John
#: Smith)", "… Getty Images", "… Department of Homeland Security/ Tia Dufour").
_CREDIT_LEAD = r"^(photo|image|picture|photograph|credit|file photo)( credit)?\s*[:/]"
_CREDIT = re.compile(
    rf"({_CREDIT_LEAD}"
    r"|\((ap|afp|reuters|getty images|file|ap photo[^)]*|photo[^)]*|image[^)]*)\)$"
    r"|\b(getty images|shutterstock|ap photo|reuters|afp)( via [\w ]+)?$"
    r"|(?-i:/\s?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,2})$)",
    re.IGNORECASE,
)
_CREDIT_START = re.compile(_CREDIT_LEAD, re.IGNORECASE)
#: How a line ends for ``_CREDIT``'s bracketed or agency credit to match it (``$`` also
#: matches before a final newline, so the last two characters decide).
_CREDIT_END = re.compile(r"[\w )]$")


def _credit(line: str) -> bool:
    """``_CREDIT.search(line)``, without the search when no branch can match: it needs a
    credit at the start, a slash, or a last character that a closing bracket or an agency's
    name ends with (prose ends with a full stop, so most lines are settled without a scan)."""
    if (
        "/" not in line
        and _CREDIT_END.search(line[-2:]) is None
        and _CREDIT_START.match(line) is None
    ):
        return False
    return _CREDIT.search(line) is not None


_CONTRIBUTED = re.compile(
    r"(contributed (reporting )?to this (report|story|article)"
    r"|^(reporting|additional reporting|writing|editing|posted|written) by\b"
    r"|^by [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3}$)",
    re.IGNORECASE,
)
#: "Jane Doe is a reporter for…", "Contact her at…": the subject is a bare name, so "Schumer,
#: who was a reporter for his college paper, said…" is not a bio.
_BIO = re.compile(
    r"(^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}) (is|was) an? ([\w-]+ ){0,4}"
    r"(reporter|journalist|writer|correspondent|editor|columnist|contributor|producer|analyst"
    r"|intern)\b|\bcontact (him|her|them) at\b|\[email\s*protected\]|\bfollow (him|her|them) on\b)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^([-•*▪◦–]|\d{1,2}[.)])\s+\S")

#: A title line is short; longer first lines are story text.
MAX_TITLE_WORDS = 25
#: Headings, captions and bylines are short: a line without closing punctuation is only taken
#: for one up to this many words.
MAX_HEADING_WORDS = 15
#: A last line without a full stop but at least this long is story text that lost its stop.
MIN_UNSTOPPED_LAST_LINE_WORDS = 8
#: Lines of a "related stories" block are teasers; a line ending like a sentence with at
#: least this many words is story text again.
MIN_STORY_LINE_WORDS = 8
#: A line whose every run of this many words already appeared is a repeat (a pull quote).
REPEAT_NGRAM = 5
#: Hard wrapping is only looked for in a text with at least this many lines inside paragraphs.
MIN_WRAPPED_LINES = 4
#: A text is hard-wrapped when at least this share of its lines inside paragraphs end
#: because the next word would not have fitted the text's width...
MIN_FULL_LINES = 0.6
#: ...and at least this share of them end in the middle of a sentence.
MIN_MID_SENTENCE_LINES = 0.5
#: Byline-like lines are short; a long line starting "Reporting by" is prose.
MAX_BYLINE_WORDS = 12
HEADING = "heading, caption or byline"


@dataclass(frozen=True, slots=True)
class Cleaned:
    title: str | None
    date: str | None
    text: str
    removed: tuple[str, ...]
    #: Where each removed block was, as the offset in ``text`` of the kept line that
    #: followed it (``len(text)`` for a block at the end): the reader shows it there.
    removed_at: tuple[int, ...] = ()


def sanitize(text: str) -> str:
    """Make untrusted text inert: no ANSI escapes, control or bidi-override characters.

    Newlines survive; tabs become spaces; carriage returns become newlines.
    """
    text = _ANSI.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _TRANSLATED.search(text) is not None:  # str.translate is slow: only when it has work
        text = text.translate(_BIDI_CONTROLS).translate(_BREAKS)
    return _CONTROL.sub("", text.replace("\t", " "))


def sanitize_line(text: str) -> str:
    """``sanitize`` for one-line metadata (titles, outlets, ids, messages): whitespace runs,
    newlines included, become one space."""
    return " ".join(sanitize(text).split())


_WORD = re.compile(r"[\w'’-]+")


def _words(line: str) -> list[str]:
    return _WORD.findall(line.lower())


def _folded_words(line: str) -> list[str]:
    return _words(unicodedata.normalize("NFKC", line))


def _fold(line: str) -> str:
    return " ".join(_folded_words(line))


def _ends_sentence(line: str) -> bool:
    """``SENTENCE_END.search(line)``, looking only where a match can be: the pattern is one
    character before the end (``$`` also matches before a final newline), so the last two
    characters decide, and a long line is not scanned from its start."""
    return SENTENCE_END.search(line[-2:]) is not None


def _is_share_bar(line: str) -> bool:
    """One to six words, all of them social networks' or sharing's (read only until one
    is not: prose gives up at its first word)."""
    count = 0
    for match in _WORD.finditer(line.lower()):
        count += 1
        if count > 6 or match.group() not in _SOCIAL_WORDS:
            return False
    return count > 0


def _looks_like_title(line: str) -> bool:
    return count_words(line) <= MAX_TITLE_WORDS and not re.search(r"[.;:,]$", line)


def furniture_reason(line: str, words: int | None = None) -> str | None:
    """Why a stripped, non-empty line looks like page furniture on its own, or None.

    ``words`` is ``count_words(line)`` when the caller has it. The word-count limits are
    checked before the regular expressions they guard (the same answer, cheaper for prose).
    """
    if words is None:
        words = count_words(line)
    if _is_share_bar(line):
        return "share bar"
    if _PLAYER.match(line):
        return "media player"
    if words <= MAX_BYLINE_WORDS and _TIMESTAMP.match(line):
        return "timestamp"
    if words <= MAX_BYLINE_WORDS and _CONTRIBUTED.search(line):
        return "byline"
    if words <= 60 and _credit(line):
        return "caption"
    if words <= MAX_HEADING_WORDS and not _ends_sentence(line):
        return HEADING
    return None


def _ngrams(words: list[str]) -> set[str]:
    """Runs of ``REPEAT_NGRAM`` words, each joined by spaces (its words hold none; a string
    keeps its hash, a tuple computes it at every lookup)."""
    return {" ".join(words[i : i + REPEAT_NGRAM]) for i in range(len(words) - REPEAT_NGRAM + 1)}


class _StoryRuns:
    """The runs of ``REPEAT_NGRAM`` words of the story lines so far, made only when a line
    could repeat them: only a line whose every word is a story line's can, so the runs of
    most lines (prose brings new words) are never joined into strings."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._runs: set[str] = set()
        self._pending: list[list[str]] = []

    def add(self, words: list[str]) -> None:
        self._words.update(words)
        self._pending.append(words)

    def cover(self, words: list[str]) -> bool:
        """Whether a line of ``words`` has runs, all of them in story lines."""
        if len(words) < REPEAT_NGRAM or not self._words.issuperset(words):
            return False
        for pending in self._pending:
            self._runs |= _ngrams(pending)
        self._pending.clear()
        return _ngrams(words) <= self._runs


def _classify(lines: list[str], title: str | None) -> list[str | None]:
    """The furniture reason of every line (None for story text)."""
    reasons: list[str | None] = []
    seen: set[str] = {_fold(title)} if title else set()
    story = _StoryRuns()
    in_related_block = False
    for line in lines:
        folded_words = _folded_words(line)
        folded = " ".join(folded_words)
        words = count_words(line)
        if _RELATED_HEADING.match(line):
            in_related_block = True
        elif in_related_block and words >= MIN_STORY_LINE_WORDS and _ends_sentence(line):
            in_related_block = False
        reason: str | None
        if in_related_block:
            reason = "related stories"
        elif folded in seen or story.cover(folded_words):
            reason = "repeated"
        elif _BULLET.match(line) and any(r is None for r in reasons):
            reason = None  # a list item inside the story
        else:
            reason = furniture_reason(line, words)
        reasons.append(reason)
        if reason is None:
            seen.add(folded)
            story.add(folded_words)
    _mark_trailing_bio(lines, reasons)
    _keep_unstopped_last_line(lines, reasons)
    return reasons


def _mark_trailing_bio(lines: list[str], reasons: list[str | None]) -> None:
    """Author bios ("X is a reporter for…") in the run of lines after the story's end."""
    for index in range(len(lines) - 1, -1, -1):
        if reasons[index] is not None:
            continue
        if not _BIO.search(lines[index]):
            return
        reasons[index] = "author bio"


def _keep_unstopped_last_line(lines: list[str], reasons: list[str | None]) -> None:
    """The story's last line may have lost its full stop; a long one is still story text."""
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    after = kept[-1] + 1 if kept else 0
    for index in range(after, len(lines)):
        if reasons[index] != HEADING:
            return
        if index == after and count_words(lines[index]) >= MIN_UNSTOPPED_LAST_LINE_WORDS and kept:
            reasons[index] = None
        return


def _forced_break(line: str, following: str, width: int) -> bool:
    """Whether ``line`` ended only because ``following``'s first word did not fit."""
    return len(line) + 1 + len(following.split(maxsplit=1)[0]) > width


def unwrap(text: str) -> str:
    """Undo hard wrapping (wire copy, e-mailed releases, plain-text archives break lines every
    60-80 characters): when most lines inside paragraphs end only because the next word
    would not have fitted the text's width, and most of them end mid-sentence, those line
    breaks become spaces. Blank lines, and lines ending short of the width (a paragraph's
    last line, a heading), still end paragraphs. Other texts are returned unchanged."""
    lines = [line.strip() for line in text.split("\n")]
    inner = [i for i in range(len(lines) - 1) if lines[i] and lines[i + 1]]
    if len(inner) < MIN_WRAPPED_LINES:
        return text
    lengths = sorted(len(line) for line in lines if line)
    width = lengths[(len(lengths) - 1) * 9 // 10]
    full = sum(_forced_break(lines[i], lines[i + 1], width) for i in inner)
    mid_sentence = sum(not _ends_sentence(lines[i]) for i in inner)
    if full < MIN_FULL_LINES * len(inner) or mid_sentence < MIN_MID_SENTENCE_LINES * len(inner):
        return text
    out = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if previous and line and _forced_break(previous, line, width):
            hyphenated = len(previous) > 1 and previous[-1] == "-" and previous[-2].isalpha()
            out[-1] += line if hyphenated else " " + line
        else:
            out.append(line)
    return "\n".join(out)


def _dateline(line: str) -> str | None:
    """The dateline ``line`` opens with, or None: ``_DATELINE``, its place in capitals and
    the story after it opening with a capital or a digit (after any opening quote)."""
    match = _DATELINE.match(line)
    if match is None or not match.group("place").isupper():
        return None
    story = line[match.end() :].lstrip("\"“‘'(")
    if not story or not (story[0].isupper() or story[0].isdigit()):
        return None
    return match.group()


def clean(document: Document) -> Cleaned:
    """Split a document's raw text into its title, date, story body and removed furniture."""
    text = unwrap(sanitize(document.raw))
    date = document.date
    match = _DATE_PREFIX.match(text)
    if match:
        date = date or match.group(1)
        text = text[match.end() :]
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    title = document.title
    if lines and not document.structured and len(lines) > 1 and _looks_like_title(lines[0]):
        title = title or lines[0]
        lines = lines[1:]
        # A title line, then " date 2025-03-02 The story…" (or the date on a line of its own).
        match = _DATE_PREFIX.match(lines[0])
        if match:
            date = date or match.group(1)
            rest = lines[0][match.end() :].strip()
            lines = [rest, *lines[1:]] if rest else lines[1:]
    elif lines and title and _fold(lines[0]) == _fold(title):
        lines = lines[1:]

    reasons = _classify(lines, title)
    if all(reason is not None for reason in reasons):
        # A headline-only or one-line article ("England captain Strauss retires from
        # cricket") is its own text, not a heading over nothing.
        reasons = [None if reason == HEADING else reason for reason in reasons]
    dateline = None
    first = next((k for k, reason in enumerate(reasons) if reason is None), None)
    if first is not None:
        dateline = _dateline(lines[first])
        if dateline is not None:
            lines[first] = lines[first][len(dateline) :]
    kept: list[str] = []
    removed: list[str] = []
    removed_at: list[int] = []
    run: list[str] = []
    # The offset the next kept line starts at in "\n\n".join(kept).
    offset = 0
    for line, reason in zip(lines, reasons, strict=True):
        if reason is None:
            if run:
                removed.append("\n".join(run))
                removed_at.append(offset)
                run.clear()
            if dateline is not None and not kept:
                removed.append(dateline.strip())
                removed_at.append(offset)
            kept.append(line)
            offset += len(line) + 2
        else:
            run.append(line)
    text = "\n\n".join(kept)
    if run:
        removed.append("\n".join(run))
        removed_at.append(len(text))
    return Cleaned(
        title=title, date=date, text=text, removed=tuple(removed), removed_at=tuple(removed_at)
    )
