"""Separate the story from page furniture, and make untrusted text safe to show.

The rules are general shapes of scraped news pages, not strings from any one site: a line
that does not end like a sentence is a heading, caption or byline; a short line made of
social-media words is a share bar; ``0:00`` is an audio player; a "You may also like"
heading starts a block of other stories; "X is a reporter for…" near the end is an author
bio. Everything removed is kept, in order, so nothing is silently lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tui.core.model import Document

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x00AD]
)
#: C0 and C1 control characters except the newline (the Unicode category "Cc").
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)

_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]»]$")
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
_TIMESTAMP = re.compile(r"^(last )?(updated|published|posted|modified|edited)\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"(getty images|\bap photo\b|\(ap\)$|reuters/|/reuters|\bafp\b|photo by|photo:|image:"
    r"|credit:|courtesy of|shutterstock|file photo"
    r"|/\s?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,2}$)",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"(contributed (reporting )?to this (report|story|article)"
    r"|^(reporting|additional reporting|writing|editing) by\b"
    r"|^by [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3}$)",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"(\b(is|was) an? ([\w-]+ ){0,4}(reporter|journalist|writer|correspondent|editor|columnist"
    r"|contributor|producer|analyst|intern)\b|\bcontact (him|her|them) at\b|\[email\s*protected\]"
    r"|\bfollow (him|her|them) on\b)",
    re.IGNORECASE,
)

#: A title line is short; longer first lines are story text.
MAX_TITLE_WORDS = 25
#: Lines of a "related stories" block are teasers; a line this long is story text again.
MIN_STORY_PARAGRAPH_WORDS = 40


@dataclass(frozen=True, slots=True)
class Cleaned:
    title: str | None
    date: str | None
    text: str
    removed: tuple[str, ...]


def sanitize(text: str) -> str:
    """Make untrusted text inert: no ANSI escapes, control or bidi-override characters.

    Newlines survive; tabs become spaces; carriage returns become newlines.
    """
    text = _ANSI.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_BIDI_CONTROLS).replace("\t", " ")
    return _CONTROL.sub("", text)


def _words(line: str) -> list[str]:
    return re.findall(r"[\w'’-]+", line.lower())


def _fold(line: str) -> str:
    return " ".join(_words(unicodedata.normalize("NFKC", line)))


def _is_share_bar(line: str) -> bool:
    words = _words(line)
    return 0 < len(words) <= 6 and all(word in _SOCIAL_WORDS for word in words)


def _looks_like_title(line: str) -> bool:
    return len(line.split()) <= MAX_TITLE_WORDS and not re.search(r"[.;:,]$", line)


def furniture_reason(line: str, position: float) -> str | None:
    """Why a stripped, non-empty line is page furniture, or None when it is story text.

    ``position`` is how far through the text the line sits, 0..1.
    """
    if _is_share_bar(line):
        return "share bar"
    if _PLAYER.match(line):
        return "media player"
    if _TIMESTAMP.match(line) and len(line.split()) <= 12:
        return "timestamp"
    if _CONTRIBUTED.search(line):
        return "byline"
    if _CREDIT.search(line) and len(line.split()) <= 60:
        return "caption"
    if position > 0.5 and _BIO.search(line):
        return "author bio"
    if not _SENTENCE_END.search(line):
        return "heading, caption or byline"
    return None


def clean(document: Document) -> Cleaned:
    """Split a document's raw text into its title, date, story body and removed furniture."""
    text = sanitize(document.raw)
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
    elif lines and title and _fold(lines[0]) == _fold(title):
        lines = lines[1:]

    kept: list[str] = []
    removed: list[str] = []
    run: list[str] = []
    seen: set[str] = {_fold(title)} if title else set()
    in_related_block = False

    def flush() -> None:
        if run:
            removed.append("\n".join(run))
            run.clear()

    total = max(len(lines) - 1, 1)
    for index, line in enumerate(lines):
        folded = _fold(line)
        if _RELATED_HEADING.match(line):
            in_related_block = True
        elif in_related_block and (
            len(line.split()) >= MIN_STORY_PARAGRAPH_WORDS and _SENTENCE_END.search(line)
        ):
            in_related_block = False
        reason = (
            "related stories"
            if in_related_block
            else ("repeated" if folded in seen else furniture_reason(line, index / total))
        )
        if reason is None:
            flush()
            kept.append(line)
            seen.add(folded)
        else:
            run.append(line)
    flush()
    return Cleaned(title=title, date=date, text="\n\n".join(kept), removed=tuple(removed))
