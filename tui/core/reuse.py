"""Shared wording at any boundary: stretches of words two or more articles share, wherever
they sit (a clause inside otherwise different sentences, a run across sentences, a stretch of
one long unpunctuated paragraph), verbatim or with small edits.

The method is the one text-reuse finders share (passim, WCopyfind, the seed → extend → filter
systems of the PAN text-alignment evaluations):

1. **Tokens.** Words of the text the sentence tier left single-source, each with its character
   span and a matching key: NFKC, case, quote style and apostrophes set aside; a hyphen splits
   a word ("law-enforcement" meets "law enforcement"). Scripts written without spaces (Chinese,
   Japanese, Thai, Lao, Khmer, Myanmar) give one token per character, so a verbatim copy still
   aligns.
2. **Seeds.** A hashed index of every run of ``Settings.ngram`` tokens. An n-gram found in more
   than ``max_ngram_articles`` articles is boilerplate and seeds nothing (passim's ``--maxDF``);
   in a long posting list each occurrence is paired with the next ``ngram_window`` only, so the
   work grows with the text, not with the square of the number of copies.
3. **Chains.** For each pair of articles, seeds sorted by position join into one stretch when
   the next seed starts within ``max_gap`` tokens of the stretch on both sides, on nearly the
   same diagonal: a word changed, dropped or added stays one piece (WCopyfind's bridged
   mismatches, PAN's merging of seeds across small gaps). Each end is then extended over exact
   matches, and over one more edit when two matching words follow it. An edit that trades
   roles is never bridged: a name for another name that the other side's sentence holds
   elsewhere ("X was awarded the prize by Y" / "Y was awarded the prize by X"). A figure
   changed for another is bridged: the copy's word diff shows the change, and the figures
   analysis sees the outlets disagree within one passage.
4. **Filter.** A stretch counts when at least ``min_match_words`` of its words matched (WCopyfind's
   6-word minimum by default); the caller may then cut it (``Differ``): each sentence of
   either side it passes through is compared with the part of the other side aligned with it
   (whole, and with only the words before or only those after the aligned run), and the
   pipeline cuts out a part that gives the names other roles or counts a figure among other
   names, wherever it sits in the stretch.
5. **Groups.** Pairwise stretches of one copied text join, strongest first, into one group with
   one span per article (never two of one article, so a chain cannot drift). Spans of one
   article are one piece of text when they overlap by ``reuse_relative_overlap`` of the
   shorter (passim's relative overlap): a quote three outlets copied is one passage, while an
   article that copied two neighbouring stretches from two sources gives two, each member
   covering its own group's stretches only.

Only text the sentence tier left single-source is searched (the rule that keeps the two tiers
from showing the same text twice): when two sentences match as a whole, the sentence passage,
with its word diff, is the better way to show them; what this tier adds is the wording shared
inside sentences that otherwise differ, and runs that start or end mid-sentence.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tui.core.segmenting import split_sentences
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import normalise

#: Scripts written without spaces between words: one token per character.
_SPACELESS = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
TOKEN = re.compile(rf"[{_SPACELESS}]|[^\W{_SPACELESS}]+(?:['’][^\W{_SPACELESS}]+)*")
#: Characters per word of the scripts written without spaces (as ``segmenting.count_words``
#: counts them): the filter counts such a script's tokens as that share of a word, so six
#: Thai letters (about one word) are not "six words shared".
_CHARS_PER_WORD = (
    (re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"), 5.0),
    (re.compile(rf"[{_SPACELESS}]"), 2.0),
)
#: Matching keys of tokens, by token (a vocabulary: bounded).
_KEYS: dict[str, str] = {}


def token_key(token: str) -> str:
    key = _KEYS.get(token)
    if key is None:
        key = token.lower() if token.isascii() else normalise(token)
        key = key.replace("'", "")
        if len(_KEYS) < 200_000:
            _KEYS[token] = key
    return key


#: Each token's matching key and word weight, by token (a vocabulary: bounded).
_KEYED: dict[str, tuple[str, float]] = {}


@dataclass(slots=True)
class Tokens:
    """One article's searchable tokens: vocabulary ids, character spans and the stretch of
    contiguous single-source text (``part``) each lies in; a match never crosses parts."""

    ids: list[int]
    starts: list[int]
    ends: list[int]
    parts: list[int]
    #: ``words[k]``: how many words tokens ``0:k`` make (a token of a script written without
    #: spaces is a share of one); one longer than the tokens.
    words: list[float]
    text: str
    #: ``opens[k]``: whether token ``k`` begins a sentence (as the segmenter split the text,
    #: so "Mr. Osembe" and "U.S." do not) or a searched part of the text.
    opens: list[bool]
    #: The tokens that open a sentence, in order; and the capitalised tokens' positions, by
    #: id: what a sentence around a stretch holds is then found without walking it (a
    #: transcript with no full stops is one sentence of thousands of words).
    heads: list[int] = field(init=False)
    capitals: dict[int, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.heads = [k for k, opened in enumerate(self.opens) if opened]
        self.capitals = {}
        text = self.text
        for k, (number, start) in enumerate(zip(self.ids, self.starts, strict=True)):
            if text[start].isupper():
                self.capitals.setdefault(number, []).append(k)


def tokenise(
    text: str,
    regions: Sequence[tuple[int, int]],
    vocabulary: dict[str, int],
    known: dict[str, tuple[int, float]] | None = None,
    sentence_starts: Sequence[int] = (),
) -> Tokens:
    """The tokens of ``text[start:end]`` for each region, ids drawn from ``vocabulary``;
    ``sentence_starts`` (character offsets, in order) say where the text's sentences begin.

    ``known`` remembers each token's id and word weight across calls that share
    ``vocabulary`` (a story's articles repeat most of their words)."""
    if known is None:
        known = {}
    ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    parts: list[int] = []
    words: list[float] = [0.0]
    firsts: list[int] = []  # each part's first token
    for part, (start, end) in enumerate(regions):
        matches = list(TOKEN.finditer(text, start, end))
        found = [match.group() for match in matches]
        keyed = _KEYED.get
        for token in found:
            if token not in known:
                key, weight = keyed(token) or _keyed(token)
                number = vocabulary.get(key)
                if number is None:
                    number = vocabulary[key] = len(vocabulary)
                known[token] = (number, weight)
        seen = [known[token] for token in found]
        firsts.append(len(ids))
        ids += [number for number, _ in seen]
        totals = itertools.accumulate([weight for _, weight in seen], initial=words[-1])
        words += itertools.islice(totals, 1, None)
        starts += [match.start() for match in matches]
        ends += [match.end() for match in matches]
        parts += [part] * len(matches)
    # A token opens a sentence when one starts between it and the token before (as a loop
    # over the tokens carrying a pointer into ``sentence_starts`` decided it).
    opens = [False] * len(ids)
    for first in firsts:
        if first < len(ids):
            opens[first] = True
    for sentence in sentence_starts:
        k = bisect_left(starts, sentence)
        if 0 < k < len(ids) and sentence >= ends[k - 1]:
            opens[k] = True
    return Tokens(ids, starts, ends, parts, words, text, opens)


def _keyed(token: str) -> tuple[str, float]:
    weight = 1.0
    if len(token) == 1 and not token.isascii():
        for script, size in _CHARS_PER_WORD:
            if script.match(token):
                weight = 1.0 / size
                break
    found = (token_key(token), weight)
    if len(_KEYED) < 200_000:
        _KEYED[token] = found
    return found


@dataclass(frozen=True, slots=True)
class Stretch:
    """Tokens ``a_start:a_end`` of article ``a`` match tokens ``b_start:b_end`` of ``b``."""

    a: int
    a_start: int
    a_end: int
    b: int
    b_start: int
    b_end: int
    #: How many tokens matched exactly (on either side).
    matched: int


def _seeds(
    docs: Sequence[Tokens], settings: Settings
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Positions (i, j) of each n-gram article ``a`` and ``b`` (a < b) share, by pair."""
    n = settings.ngram
    postings: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    for a, doc in enumerate(docs):
        ids, parts = doc.ids, doc.parts
        grams = zip(*(ids[k:] for k in range(n)), strict=False)
        for i, gram in enumerate(grams):
            if parts[i] != parts[i + n - 1]:
                continue
            posting = postings.get(gram)
            if posting is None:
                postings[gram] = [(a, i)]
            else:
                posting.append((a, i))
    window = settings.ngram_window
    cap = settings.max_ngram_articles
    pairs: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for posting in postings.values():
        if len(posting) < 2 or posting[0][0] == posting[-1][0]:
            continue
        if len(posting) > cap and len({a for a, _ in posting}) > cap:
            continue
        for k, (a, i) in enumerate(posting):
            for b, j in posting[k + 1 : k + 1 + window]:
                if b != a:
                    pairs.setdefault((a, b), []).append((i, j))
    return pairs


def _chains(
    a: int, b: int, seeds: list[tuple[int, int]], left: Tokens, right: Tokens, settings: Settings
) -> tuple[list[Stretch], list[Apart]]:
    """Seeds of one pair of articles chained across small gaps, extended and filtered; and
    the text cut off at an edge because it trades roles, to be held apart."""
    n, gap = settings.ngram, settings.max_gap
    open_chains: list[list[int]] = []  # [a_start, a_end, b_start, b_end, matched]
    for i, j in sorted(seeds):
        for chain in reversed(open_chains[-8:]):
            a_start, a_end, b_start, b_end, _ = chain
            if (
                b_start <= j <= b_end + gap
                and i <= a_end + gap
                and abs((i - a_end) - (j - b_end)) <= gap
                and left.parts[i] == left.parts[a_start]
                and right.parts[j] == right.parts[b_start]
                and not (a_end < i and b_end < j and _roles_traded(left, a_end, i, right, b_end, j))
            ):
                chain[4] += min(n, i + n - max(a_end, i))
                chain[1] = max(a_end, i + n)
                chain[3] = max(b_end, j + n)
                break
        else:
            open_chains.append([i, i + n, j, j + n, n])
    found = []
    apart: list[Apart] = []
    for a_start, a_end, b_start, b_end, matched in open_chains:
        a_start, b_start, extra_before = _extend(left, right, a_start - 1, b_start - 1, -1)
        a_end, b_end, extra_after = _extend(left, right, a_end, b_end, 1)
        a_start, b_start = a_start + 1, b_start + 1
        matched += extra_before + extra_after
        if _edge_trades_roles(left, a_start, right, b_start, -1, gap):
            low_a, low_b = (
                _edge_window(left, a_start, -1, gap)[0],
                _edge_window(right, b_start, -1, gap)[0],
            )
            step = min(
                _next_sentence(left, a_start) - a_start, _next_sentence(right, b_start) - b_start
            )
            a_start, b_start = _resynced(left, right, a_start + step, b_start + step, 1, gap)
            apart.append((a, (low_a, a_start), b, (low_b, b_start)))
        if _edge_trades_roles(left, a_end, right, b_end, 1, gap):
            high_a, high_b = (
                _edge_window(left, a_end, 1, gap)[1],
                _edge_window(right, b_end, 1, gap)[1],
            )
            step = min(
                a_end - _sentence_first(left, a_end - 1), b_end - _sentence_first(right, b_end - 1)
            )
            a_end, b_end = _resynced(left, right, a_end - step - 1, b_end - step - 1, -1, gap)
            a_end, b_end = a_end + 1, b_end + 1
            apart.append((a, (a_end, high_a), b, (b_end, high_b)))
        a_start, b_start, a_end, b_end = _past_lone_edges(
            left, right, (a_start, b_start, a_end, b_end), settings.edge_words
        )
        while a_start < a_end and (_cuts_a_figure(left, a_start) or _cuts_a_figure(right, b_start)):
            a_start, b_start = a_start + 1, b_start + 1
        while a_start < a_end and (_cuts_a_figure(left, a_end) or _cuts_a_figure(right, b_end)):
            a_end, b_end = a_end - 1, b_end - 1
        if a_start >= a_end or b_start >= b_end:
            continue
        matched = min(matched, a_end - a_start)
        span = a_end - a_start
        words = left.words[a_end] - left.words[a_start]
        if matched * words >= settings.min_match_words * span:
            found.append(Stretch(a, a_start, a_end, b, b_start, b_end, matched))
    return found, apart


#: Words that complete the number before them ("$48 million", "12 per cent").
_FIGURE_WORDS = frozenset(
    {"hundred", "thousand", "million", "billion", "trillion", "percent", "per", "cent"}
)


def _cuts_a_figure(doc: Tokens, k: int) -> bool:
    """Whether an edge of a stretch at token ``k`` (its first token, or the first after it)
    falls between a number and the word that completes it: "$48 | million" / "$52 |
    million". The stretch then gives up the word (or the number) on its side of the cut, so
    a figure is never half shared and half single-source."""
    return (
        0 < k < len(doc.ids)
        and doc.parts[k - 1] == doc.parts[k]
        and doc.text[doc.starts[k - 1]].isdigit()
        and doc.text[doc.starts[k] : doc.ends[k]].lower() in _FIGURE_WORDS
    )


def _with_sign(doc: Tokens, k: int) -> int:
    """Where a member starting at token ``k`` starts in the text: before the currency sign
    written against a number ("$52 million", never "$" single-source and "52 million" shared)."""
    start = doc.starts[k]
    if start and doc.text[start - 1] in _CURRENCY_SIGNS and doc.text[start].isdigit():
        return start - 1
    return start


_CURRENCY_SIGNS = frozenset("$€£¥")
#: A sentence's closing marks, and what may follow them where the sentence ends.
_STOP = re.compile(r"[.!?…]+(?=[\s”’\"')\]]|$)")


def _with_stop(doc: Tokens, k: int, regions: Sequence[tuple[int, int]]) -> int:
    """Where a member ending at token ``k`` would end with the full stop (or "?", "!", "…")
    written against its last word, when the copy runs to the end of a sentence there ("… who
    uses them."): a report quoting the member then quotes the sentence's end too. A stop
    inside a figure or an abbreviation ("5.5", "U.S.A") is followed by more letters and is
    left out, and so is one outside the searched text. ``shared_wording`` takes the stops
    when every member of a group has one, so a copy one outlet runs on past keeps its
    members' wording the same."""
    end = doc.ends[k]
    found = _STOP.match(doc.text, end, regions[doc.parts[k]][1])
    return found.end() if found else end


def _resynced(left: Tokens, right: Tokens, i: int, j: int, step: int, gap: int) -> tuple[int, int]:
    """The nearest tokens from ``i``/``j`` on in direction ``step`` (at most ``gap`` on each
    side) where two words match again: where a stretch resumes after the sentence edge it was
    cut at moved both sides alike, though only one side's sentence ends there ("A beat B. S3"
    / "B beat A, and s3")."""

    def same(x: int, y: int) -> bool:
        return 0 <= x < len(left.ids) and 0 <= y < len(right.ids) and left.ids[x] == right.ids[y]

    for total in range(2 * gap + 1):
        for x in range(max(0, total - gap), min(gap, total) + 1):
            a, b = i + step * x, j + step * (total - x)
            if same(a, b) and same(a + step, b + step):
                return a, b
    return i, j


def _past_lone_edges(
    left: Tokens, right: Tokens, stretch: tuple[int, int, int, int], most: int
) -> tuple[int, int, int, int]:
    """The stretch (``a_start``, ``b_start``, ``a_end``, ``b_end``: tokens, ends exclusive)
    without up to ``most`` tokens at either end that lie across a sentence start one side
    has there and the other does not: "officials said. | Operations will resume" against
    "Marinov said operations would resume" starts at "Operations" on both sides ("said" is
    another sentence's there), and "… would resume. | The union" against "… would resume
    the union" ends before "The". A sentence edge both sides share is a copy across
    sentences, and so is one an edit runs over ("of the river. Residents were" / "of the
    Residents were": a word and its full stop dropped), and a stretch may begin or end at a
    sentence edge of one side: kept."""
    a_start, b_start, a_end, b_end = stretch

    def lone(x: int, y: int) -> bool:
        # The same words on both sides of the edge, which only one side has.
        return (
            left.opens[x] != right.opens[y]
            and left.ids[x] == right.ids[y]
            and left.ids[x - 1] == right.ids[y - 1]
        )

    for t in range(1, most + 1):
        x, y = a_start + t, b_start + t
        if x >= a_end or y >= b_end:
            break
        if lone(x, y):
            a_start, b_start = x, y
            break
    for t in range(1, most + 1):
        x, y = a_end - t, b_end - t
        if x <= a_start or y <= b_start:
            break
        if lone(x, y):
            a_end, b_end = x, y
            break
    return a_start, b_start, a_end, b_end


def _sentence_first(doc: Tokens, k: int) -> int:
    """The first token of the sentence that holds token ``k``."""
    return doc.heads[bisect_right(doc.heads, k) - 1]


def _next_sentence(doc: Tokens, k: int) -> int:
    """The first token of the sentence after the one that holds token ``k``."""
    after = bisect_right(doc.heads, k)
    return doc.heads[after] if after < len(doc.heads) else len(doc.ids)


def _edge_trades_roles(left: Tokens, i: int, right: Tokens, j: int, step: int, gap: int) -> bool:
    """Whether the words of the sentence just outside one end of a stretch (before tokens
    ``i``/``j`` when ``step`` is -1, from them when 1; at most ``gap`` of them) trade the
    roles of the stretch's sentence ("by Costa Relief" / "by Global Exchange" after "X was
    awarded the prize", where X is the other name)."""

    (i0, i1), (j0, j1) = _edge_window(left, i, step, gap), _edge_window(right, j, step, gap)
    return _roles_traded(left, i0, i1, right, j0, j1)


def _edge_window(doc: Tokens, k: int, step: int, gap: int) -> tuple[int, int]:
    """The tokens of ``doc``'s sentence just outside a stretch's end at ``k`` (before it when
    ``step`` is -1, from it when 1), at most ``gap`` of them."""
    if step == -1:
        low = k
        while low > k - gap and low > 0 and not _sentence_start(doc, low):
            low -= 1
        return low, k
    high = k
    while high < k + gap and high < len(doc.ids) and not _sentence_start(doc, high):
        high += 1
    return k, high


#: Edits an extension steps over, fewest words first: one or two words changed, dropped or
#: added ("engineers repair" / "crews mend").
_SKIPS = ((1, 1), (1, 0), (0, 1), (2, 2), (2, 1), (1, 2), (2, 0), (0, 2))


def _extend(left: Tokens, right: Tokens, i: int, j: int, step: int) -> tuple[int, int, int]:
    """Walk from tokens ``i``/``j`` in direction ``step`` while they match exactly, or after
    a small edit (``_SKIPS``) when the next two words match; returns the
    first positions that do not belong to the match and the number of tokens matched."""
    a_ids, b_ids = left.ids, right.ids
    a_part = left.parts[i - step] if 0 <= i - step < len(a_ids) else -1
    b_part = right.parts[j - step] if 0 <= j - step < len(b_ids) else -1

    def same(x: int, y: int) -> bool:
        return (
            0 <= x < len(a_ids)
            and 0 <= y < len(b_ids)
            and left.parts[x] == a_part
            and right.parts[y] == b_part
            and a_ids[x] == b_ids[y]
        )

    matched = 0
    while True:
        if same(i, j):
            i, j, matched = i + step, j + step, matched + 1
            continue
        for skip_a, skip_b in _SKIPS:
            x, y = i + step * skip_a, j + step * skip_b
            if same(x, y) and same(x + step, y + step):
                if _skips_a_sentence_start(left, i, x, right, j, y, step):
                    return i, j, matched
                if step == 1 and _roles_traded(left, i, x, right, j, y):
                    return i, j, matched
                if step == -1 and _roles_traded(left, x + 1, i + 1, right, y + 1, j + 1):
                    return i, j, matched
                i, j = x, y
                break
        else:
            return i, j, matched


_SENTENCE_END = re.compile(r"[.!?…]")


def _skips_a_sentence_start(
    left: Tokens, i: int, x: int, right: Tokens, j: int, y: int, step: int
) -> bool:
    """Whether an edit stepped over from tokens ``i``/``j`` (the first past the match) to
    ``x``/``y`` (where it matches again) skips the first words of a sentence on one side
    while the other side has no sentence boundary there: its words after the edit are then
    another sentence's ("said after the vote." / "said. She called the vote"), and the few
    words they share are no copy. A word dropped before a sentence end ("the end. Then" /
    "the Then") is stepped over, and so is a sentence's first word where the other side's
    sentence ends too, though no capital starts the next ("end. Then the" / "end. the")."""

    def skipped(doc: Tokens, k: int, to: int) -> tuple[bool, bool]:
        # Tokens low:high are the skipped ones, between matched tokens low - 1 and high.
        low, high = (k, to) if step == 1 else (to + 1, k + 1)
        between = doc.text[doc.ends[low - 1] : doc.starts[high]]
        ends = any(doc.opens[low : high + 1]) or bool(_SENTENCE_END.search(between))
        return any(doc.opens[low:high]), ends

    skips_a, crosses_a = skipped(left, i, x)
    skips_b, crosses_b = skipped(right, j, y)
    return (skips_a or skips_b) and not (crosses_a and crosses_b)


def _sentence_start(doc: Tokens, k: int) -> bool:
    """Whether token ``k`` begins a sentence (or a searched part of the text)."""
    return doc.opens[k]


def _names_in(doc: Tokens, start: int, end: int) -> set[int]:
    """The names among tokens ``start:end``: capitalised words that do not begin a sentence."""
    return {
        doc.ids[k]
        for k in range(start, end)
        if doc.text[doc.starts[k]].isupper() and not _sentence_start(doc, k)
    }


def _capitalised_around(doc: Tokens, start: int, end: int, names: set[int]) -> bool:
    """Whether each of ``names`` is a capitalised word of the sentence around tokens
    ``start:end``, outside them (its first word too: "Mirela Varga signed ..." names Mirela)."""
    low = start if start == 0 or doc.opens[start] else _sentence_first(doc, start - 1)
    high = _next_sentence(doc, end - 1)

    def around(at: list[int]) -> bool:
        before = bisect_left(at, low)
        if before < len(at) and at[before] < start:
            return True
        after = bisect_left(at, end)
        return after < len(at) and at[after] < high

    return all(around(doc.capitals.get(name, [])) for name in names)


def _roles_traded(left: Tokens, i: int, i_end: int, right: Tokens, j: int, j_end: int) -> bool:
    """Whether tokens ``left[i:i_end]`` and ``right[j:j_end]`` name someone different, and
    each side's names stand elsewhere in the other side's sentence: the two trade roles."""
    if i == i_end or j == j_end:
        return False
    names_a, names_b = _names_in(left, i, i_end), _names_in(right, j, j_end)
    only_a, only_b = names_a - names_b, names_b - names_a
    if not only_a or not only_b:
        return False
    # A real swap: each side's own names stand elsewhere in the other's sentence. One name
    # found there is only an attribution ("Noem said that <copy>" / "Noem told Fox that").
    return _capitalised_around(right, j, j_end, only_a) and _capitalised_around(
        left, i, i_end, only_b
    )


#: Token spans of two articles that tell different facts in shared words (article, span,
#: article, span): no group may hold pieces of both.
Apart = tuple[int, tuple[int, int], int, tuple[int, int]]


def _pieces(
    found: list[tuple[int, int]], relative_overlap: float
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], int]]:
    """Spans of one article that are one piece of text, and each span's piece: longest first,
    a span joins the first piece that holds at least ``relative_overlap`` of the shorter of
    the two (passim's relative overlap), so a copy found in several pairs, cut at slightly
    different ends, is one piece, and two copies that only touch stay two."""
    pieces: list[tuple[int, int]] = []
    piece_of: dict[tuple[int, int], int] = {}
    for start, end in sorted(set(found), key=lambda span: (span[0] - span[1], span[0])):
        for k, (low, high) in enumerate(pieces):
            shared = min(end, high) - max(start, low)
            if shared > 0 and shared >= relative_overlap * min(end - start, high - low):
                pieces[k] = (min(start, low), max(end, high))
                piece_of[start, end] = k
                break
        else:
            piece_of[start, end] = len(pieces)
            pieces.append((start, end))
    return pieces, piece_of


def _group(
    stretches: list[Stretch],
    count: int,
    apart: Sequence[Apart] = (),
    relative_overlap: float = DEFAULT.reuse_relative_overlap,
) -> list[list[Stretch]]:
    """Stretches of one copied text joined into groups (strongest first), one piece of text
    per article; pieces of text held ``apart`` never join one group, not even through a
    third article's copy."""
    found: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for s in stretches:
        found[s.a].append((s.a_start, s.a_end))
        found[s.b].append((s.b_start, s.b_end))
    pieces: list[list[tuple[int, int]]] = []
    piece_of: list[dict[tuple[int, int], int]] = []
    for spans in found:
        merged, numbers = _pieces(spans, relative_overlap)
        pieces.append(merged)
        piece_of.append(numbers)

    def overlapping(article: int, span: tuple[int, int]) -> list[tuple[int, int]]:
        return [
            (article, k)
            for k, (low, high) in enumerate(pieces[article])
            if low < span[1] and span[0] < high
        ]

    forbidden: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for a, span_a, b, span_b in apart:
        for mine in overlapping(a, span_a):
            for theirs in overlapping(b, span_b):
                forbidden |= {(mine, theirs), (theirs, mine)}

    def kept_apart(one: dict[int, int], other: dict[int, int]) -> bool:
        return bool(forbidden) and any(
            (mine, theirs) in forbidden for mine in one.items() for theirs in other.items()
        )

    group_of: dict[tuple[int, int], int] = {}
    groups: list[dict[int, int] | None] = []
    joined: list[list[Stretch]] = []  # each group's stretches

    for s in sorted(stretches, key=lambda s: (-s.matched, s.a, s.a_start, s.b, s.b_start)):
        left = s.a, piece_of[s.a][s.a_start, s.a_end]
        right = s.b, piece_of[s.b][s.b_start, s.b_end]
        x, y = group_of.get(left), group_of.get(right)
        if x is not None and x == y:
            joined[x].append(s)
            continue
        if x is None and y is None:
            if (left, right) in forbidden:
                continue
            group_of[left] = group_of[right] = len(groups)
            groups.append({left[0]: left[1], right[0]: right[1]})
            joined.append([s])
            continue
        if x is None:
            x, y, left, right = y, None, right, left
        assert x is not None
        target = groups[x]
        assert target is not None
        if y is None:
            if right[0] not in target and not kept_apart(target, dict([right])):
                target[right[0]] = right[1]
                group_of[right] = x
                joined[x].append(s)
            continue
        other = groups[y]
        assert other is not None
        if target.keys() & other.keys() or kept_apart(target, other):
            continue
        target.update(other)
        for key in other.items():
            group_of[key] = x
        groups[y] = None
        joined[x] += joined[y]
        joined[x].append(s)
    return [joined[x] for x, group in enumerate(groups) if group is not None]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(low < end and start < high for low, high in spans)


def _members(
    stretches: list[Stretch],
    docs: Sequence[Tokens],
    held: list[list[tuple[int, int]]],
    settings: Settings,
) -> dict[int, tuple[int, int]]:
    """One group's member spans (article -> token span), each covering the group's own
    stretches, none overlapping the spans ``held`` by stronger groups: where two pieces of one
    article overlap by a few words (a hub's two neighbouring copies), a stretch gives up its
    aligned words either side of which is held, keeping its longest run (of at least
    ``min_match_words`` words) left; a member still overlapping is dropped with its
    stretches."""
    kept = []
    for s in stretches:
        if _overlaps(held[s.a], s.a_start, s.a_end) or _overlaps(held[s.b], s.b_start, s.b_end):
            left, right = docs[s.a], docs[s.b]
            aligned = _aligned(s, left, right)
            refused = [
                _overlaps(held[s.a], i, i + 1) or _overlaps(held[s.b], j, j + 1) for i, j in aligned
            ]
            runs = _runs(s, aligned, refused, left, right, settings)
            if not runs:
                continue
            s = max(runs, key=lambda run: run.matched)
        kept.append(s)
    spans = _spans(kept)
    clear = {a for a, (start, end) in spans.items() if not _overlaps(held[a], start, end)}
    if len(clear) < len(spans):
        spans = _spans([s for s in kept if s.a in clear and s.b in clear])
    return spans


def _spans(stretches: list[Stretch]) -> dict[int, tuple[int, int]]:
    """The token span each article's stretches cover, by article."""
    spans: dict[int, tuple[int, int]] = {}
    for s in stretches:
        for article, start, end in ((s.a, s.a_start, s.a_end), (s.b, s.b_start, s.b_end)):
            low, high = spans.get(article, (start, end))
            spans[article] = min(low, start), max(high, end)
    return dict(sorted(spans.items()))


Span = tuple[int, int]
#: Told two aligned parts of one sentence each (article ``a``, the part's character span, the
#: span of it the stretch holds, article ``b``, its part), whether they tell different facts
#: in the shared words (roles traded, a figure counted among other names).
Differ = Callable[[int, Span, Span, int, Span], bool]


def _sentences_of(doc: Tokens, start: int, end: int) -> list[int]:
    """``doc``'s sentence starts (token indices) from the one that holds ``start`` up to the
    first at or after ``end``."""
    k = _sentence_first(doc, start)
    found = [k]
    while k < end:
        k = _next_sentence(doc, k)
        found.append(k)
    return found


def _trimmed(
    stretch: Stretch, left: Tokens, right: Tokens, differ: Differ, settings: Settings
) -> tuple[list[Stretch], list[Apart]]:
    """``stretch`` cut where, inside a sentence of either side, its correspondence tells
    another fact: each sentence of one side the stretch passes through is compared with the
    part of the other side's sentence it is aligned with ("S1. A beat B. S3." / "S1, and B beat
    A, and S3": the middle sentence against the middle of the long one), and a part that
    ``differ`` says differs is left out on both sides, and returned to be held apart. Pieces
    with fewer than ``min_match_words`` words left are dropped."""
    a0, a1, b0, b1 = stretch.a_start, stretch.a_end, stretch.b_start, stretch.b_end
    aligned = _aligned(stretch, left, right)
    starts_a, starts_b = _sentences_of(left, a0, a1), _sentences_of(right, b0, b1)
    # Consecutive aligned tokens in the same pair of sentences: (sentences, first, last).
    links: list[list[int]] = []
    sa = sb = 0
    for n, (i, j) in enumerate(aligned):
        while starts_a[sa + 1] <= i:
            sa += 1
        while starts_b[sb + 1] <= j:
            sb += 1
        if links and links[-1][0] == sa and links[-1][1] == sb:
            links[-1][3] = n
        else:
            links.append([sa, sb, n, n])
    cut_a: list[Span] = []
    cut_b: list[Span] = []
    bad = [False] * len(aligned)
    for sa, sb, first, last in links:
        (i, j), (i_last, j_last) = aligned[first], aligned[last]
        low_a, high_a = starts_a[sa], min(starts_a[sa + 1], len(left.ids))
        low_b, high_b = starts_b[sb], min(starts_b[sb + 1], len(right.ids))
        # Each side's part: its sentence, within the other side's sentence carried over
        # along the alignment's diagonal at either end of the link. Where the diagonal moves
        # inside the link (words one side adds), the other end's carry reaches further: the
        # words "A has sued" before "the B ..." meet "B has sued A" whole, not from "the B".
        shift = (i_last - i) - (j_last - j)
        part_a = (
            max(low_a, i - (j - low_b) - max(0, -shift)),
            min(high_a, i_last + (high_b - j_last) + max(0, -shift)),
        )
        part_b = (
            max(low_b, j - (i - low_a) - max(0, shift)),
            min(high_b, j_last + (high_a - i_last) + max(0, shift)),
        )
        # The parts, and each with only the words before the aligned run, or only those
        # after it: a swap of roles just before a copy ("B overtook A as the largest" / "A
        # overtook B as the largest") is diluted where the sentences go on differently.
        readings = [(part_a, part_b)]
        if part_a[0] < i or part_b[0] < j:
            readings.append(((part_a[0], i_last + 1), (part_b[0], j_last + 1)))
        if part_a[1] > i_last + 1 or part_b[1] > j_last + 1:
            readings.append(((i, part_a[1]), (j, part_b[1])))
        held = (left.starts[i], left.ends[i_last])
        if any(
            differ(
                stretch.a,
                (left.starts[x[0]], left.ends[x[1] - 1]),
                held,
                stretch.b,
                (right.starts[y[0]], right.ends[y[1] - 1]),
            )
            for x, y in readings
        ):
            cut_a.append(part_a)
            cut_b.append(part_b)
            bad[first : last + 1] = [True] * (last + 1 - first)
    if not cut_a:
        return [stretch], []
    refused = [
        refused
        or any(low <= i < high for low, high in cut_a)
        or any(low <= j < high for low, high in cut_b)
        for (i, j), refused in zip(aligned, bad, strict=True)
    ]
    apart = [(stretch.a, x, stretch.b, y) for x, y in zip(cut_a, cut_b, strict=True)]
    return _runs(stretch, aligned, refused, left, right, settings), apart


def _split_where_others_end(
    stretches: list[Stretch], docs: Sequence[Tokens], settings: Settings
) -> list[Stretch]:
    """``stretches`` cut, on both sides at once, where another stretch of the same article
    starts or ends inside them, until none does: each piece is then shared by exactly the
    articles whose stretches hold it, and a group never lists an article for words it lacks
    (two outlets copy "41 were taken to hospital." and the quote after it, a third copies the
    quote only: the hospital sentence is the two outlets', the quote the three's). Stretches
    that pairs found with ends a few words apart stay whole: a piece of fewer than
    ``min_match_words`` words (on either side) joins its neighbour instead. A pass that
    changes anything replaces some stretch by smaller pieces of it, so the passes end; two are
    typical (one that cuts, one that finds nothing more to cut)."""
    while True:
        bounds: list[list[int]] = [[] for _ in docs]
        for s in stretches:
            bounds[s.a] += (s.a_start, s.a_end)
            bounds[s.b] += (s.b_start, s.b_end)
        for found in bounds:
            found.sort()
        out: list[Stretch] = []
        for s in stretches:
            inside_a = _inside(bounds[s.a], s.a_start, s.a_end)
            inside_b = _inside(bounds[s.b], s.b_start, s.b_end)
            out += _cut(s, docs[s.a], docs[s.b], inside_a, inside_b, settings)
        if out == stretches:
            return stretches
        stretches = out


def _inside(bounds: list[int], start: int, end: int) -> list[int]:
    """The values of sorted ``bounds`` strictly between ``start`` and ``end``."""
    return bounds[bisect_right(bounds, start) : bisect_left(bounds, end)]


def _cut(
    stretch: Stretch,
    left: Tokens,
    right: Tokens,
    cuts_a: list[int],
    cuts_b: list[int],
    settings: Settings,
) -> list[Stretch]:
    """``stretch`` cut before the first aligned pair at or after each token of ``cuts_a``
    (on its ``a`` side) and ``cuts_b`` (on its ``b`` side); a piece that would hold fewer
    than ``min_match_words`` words on either side stays joined to its neighbour."""
    if not cuts_a and not cuts_b:
        return [stretch]
    aligned = _aligned(stretch, left, right)
    firsts_a = [i for i, _ in aligned]
    firsts_b = [j for _, j in aligned]
    at = {bisect_left(firsts_a, i) for i in cuts_a} | {bisect_left(firsts_b, j) for j in cuts_b}

    def words(first: int, last: int) -> float:
        (i0, j0), (i1, j1) = aligned[first], aligned[last - 1]
        return min(left.words[i1 + 1] - left.words[i0], right.words[j1 + 1] - right.words[j0])

    bounds = [0, *sorted(n for n in at if 0 < n < len(aligned)), len(aligned)]
    k = 1
    while len(bounds) > 2 and k < len(bounds):
        if words(bounds[k - 1], bounds[k]) < settings.min_match_words:
            del bounds[k if k < len(bounds) - 1 else k - 1]
        else:
            k += 1
    if len(bounds) == 2:
        return [stretch]
    pieces: list[Stretch] = []
    for first, last in itertools.pairwise(bounds):
        pieces += _runs(
            stretch, aligned[first:last], [False] * (last - first), left, right, settings
        )
    return pieces


def _aligned(stretch: Stretch, left: Tokens, right: Tokens) -> list[tuple[int, int]]:
    """The token pairs of ``stretch`` that match, in order."""
    a0, a1, b0, b1 = stretch.a_start, stretch.a_end, stretch.b_start, stretch.b_end
    blocks = SequenceMatcher(
        None, left.ids[a0:a1], right.ids[b0:b1], autojunk=False
    ).get_matching_blocks()
    return [(a0 + x + k, b0 + y + k) for x, y, n in blocks for k in range(n)]


def _runs(
    stretch: Stretch,
    aligned: list[tuple[int, int]],
    refused: list[bool],
    left: Tokens,
    right: Tokens,
    settings: Settings,
) -> list[Stretch]:
    """The runs of ``aligned`` token pairs between the ``refused`` ones, as stretches; those
    of fewer than ``min_match_words`` words on either side are dropped."""
    pieces: list[Stretch] = []
    run: list[tuple[int, int]] = []
    for (i, j), out in zip([*aligned, (-1, -1)], [*refused, True], strict=True):
        if not out:
            run.append((i, j))
            continue
        if run:
            (i0, j0), (i1, j1) = run[0], run[-1]
            if min(left.words[i1 + 1] - left.words[i0], right.words[j1 + 1] - right.words[j0]) >= (
                settings.min_match_words
            ):
                pieces.append(Stretch(stretch.a, i0, i1 + 1, stretch.b, j0, j1 + 1, len(run)))
            run = []
    return pieces


def shared_wording(
    texts: Sequence[str],
    regions: Sequence[Sequence[tuple[int, int]]],
    settings: Settings = DEFAULT,
    differ: Differ | None = None,
    sentence_starts: Sequence[Sequence[int]] | None = None,
) -> list[dict[int, tuple[int, int]]]:
    """Groups of shared wording in ``texts`` (article index -> character span), searched in
    each text's ``regions`` only (character spans, in text order); spans are tight: from the
    first shared word's first character to the last one's last. ``differ`` cuts each pair's
    stretch where it tells another fact (``_trimmed``) before the pairs are grouped.
    ``sentence_starts`` (each text's sentences' first characters) spare segmenting the texts
    again."""
    if sentence_starts is None:
        sentence_starts = [
            [s.start for s in split_sentences(text, most=settings.max_sentence_words)]
            for text in texts
        ]
    vocabulary: dict[str, int] = {}
    known: dict[str, tuple[int, float]] = {}
    docs = [
        tokenise(text, found, vocabulary, known, starts)
        for text, found, starts in zip(texts, regions, sentence_starts, strict=True)
    ]
    stretches: list[Stretch] = []
    apart: list[Apart] = []
    for (a, b), seeds in _seeds(docs, settings).items():
        found, cut = _chains(a, b, seeds, docs[a], docs[b], settings)
        apart.extend(cut)
        for stretch in found:
            if differ is None:
                stretches.append(stretch)
            else:
                pieces, cut = _trimmed(stretch, docs[a], docs[b], differ, settings)
                stretches.extend(pieces)
                apart.extend(cut)
    stretches = _split_where_others_end(stretches, docs, settings)
    groups = []
    held: list[list[tuple[int, int]]] = [[] for _ in docs]
    for group in _group(stretches, len(docs), apart, settings.reuse_relative_overlap):
        members = _members(group, docs, held, settings)
        if len(members) < 2:
            continue
        for article, span in members.items():
            held[article].append(span)
        ends = {a: docs[a].ends[end - 1] for a, (_, end) in members.items()}
        stops = {a: _with_stop(docs[a], end - 1, regions[a]) for a, (_, end) in members.items()}
        if all(stops[a] > ends[a] for a in members):
            ends = stops  # the copy ends a sentence in every article: the stop is shared too
        groups.append(
            {
                article: (_with_sign(docs[article], start), ends[article])
                for article, (start, _) in members.items()
            }
        )
    return groups
