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
   matches, and over one more edit when two matching words follow it.
4. **Filter.** A stretch counts when at least ``min_match_words`` of its words matched (WCopyfind's
   6-word minimum by default).
5. **Groups.** Pairwise stretches of one copied text join, strongest first, into one group with
   one span per article (never two of one article, so a chain cannot drift), overlapping spans
   of one article merging into one: a quote three outlets copied is one passage.

Only text the sentence tier left single-source is searched (the rule that keeps the two tiers
from showing the same text twice): when two sentences match as a whole, the sentence passage,
with its word diff, is the better way to show them; what this tier adds is the wording shared
inside sentences that otherwise differ, and runs that start or end mid-sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

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


def tokenise(
    text: str,
    regions: Sequence[tuple[int, int]],
    vocabulary: dict[str, int],
    known: dict[str, tuple[int, float]] | None = None,
) -> Tokens:
    """The tokens of ``text[start:end]`` for each region, ids drawn from ``vocabulary``.

    ``known`` remembers each token's id and word weight across calls that share
    ``vocabulary`` (a story's articles repeat most of their words)."""
    if known is None:
        known = {}
    ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    parts: list[int] = []
    words: list[float] = [0.0]
    total = 0.0
    for part, (start, end) in enumerate(regions):
        for match in TOKEN.finditer(text, start, end):
            token = match.group()
            seen = known.get(token)
            if seen is None:
                weight = 1.0
                if len(token) == 1 and not token.isascii():
                    for script, size in _CHARS_PER_WORD:
                        if script.match(token):
                            weight = 1.0 / size
                            break
                key = token_key(token)
                number = vocabulary.get(key)
                if number is None:
                    number = vocabulary[key] = len(vocabulary)
                seen = known[token] = (number, weight)
            number, weight = seen
            total = total + weight
            words.append(total)
            ids.append(number)
            first, last = match.span()
            starts.append(first)
            ends.append(last)
            parts.append(part)
    return Tokens(ids, starts, ends, parts, words)


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
) -> list[Stretch]:
    """Seeds of one pair of articles chained across small gaps, extended and filtered."""
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
            ):
                chain[4] += min(n, i + n - max(a_end, i))
                chain[1] = max(a_end, i + n)
                chain[3] = max(b_end, j + n)
                break
        else:
            open_chains.append([i, i + n, j, j + n, n])
    found = []
    for a_start, a_end, b_start, b_end, matched in open_chains:
        a_start, b_start, extra_before = _extend(left, right, a_start - 1, b_start - 1, -1)
        a_end, b_end, extra_after = _extend(left, right, a_end, b_end, 1)
        matched += extra_before + extra_after
        span = a_end - a_start - 1
        words = left.words[a_end] - left.words[a_start + 1]
        if matched * words >= settings.min_match_words * span:
            found.append(Stretch(a, a_start + 1, a_end, b, b_start + 1, b_end, matched))
    return found


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
                i, j = x, y
                break
        else:
            return i, j, matched


def _group(stretches: list[Stretch], count: int) -> list[dict[int, tuple[int, int]]]:
    """Stretches of one copied text joined into groups, one token span per article."""
    # Overlapping spans of one article are one piece of text.
    spans: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for s in stretches:
        spans[s.a].append((s.a_start, s.a_end))
        spans[s.b].append((s.b_start, s.b_end))
    pieces: list[list[tuple[int, int]]] = []
    for found in spans:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        pieces.append(merged)
    firsts = [[start for start, _ in merged] for merged in pieces]

    def piece(article: int, start: int) -> tuple[int, int]:
        return article, bisect_right(firsts[article], start) - 1

    group_of: dict[tuple[int, int], int] = {}
    groups: list[dict[int, int] | None] = []
    for s in sorted(stretches, key=lambda s: (-s.matched, s.a, s.a_start, s.b, s.b_start)):
        left, right = piece(s.a, s.a_start), piece(s.b, s.b_start)
        x, y = group_of.get(left), group_of.get(right)
        if x is not None and x == y:
            continue
        if x is None and y is None:
            group_of[left] = group_of[right] = len(groups)
            groups.append({left[0]: left[1], right[0]: right[1]})
            continue
        if x is None:
            x, y, left, right = y, None, right, left
        assert x is not None
        target = groups[x]
        assert target is not None
        if y is None:
            if right[0] not in target:
                target[right[0]] = right[1]
                group_of[right] = x
            continue
        other = groups[y]
        assert other is not None
        if target.keys() & other.keys():
            continue
        target.update(other)
        for key in other.items():
            group_of[key] = x
        groups[y] = None
    return [
        {article: pieces[article][number] for article, number in sorted(group.items())}
        for group in groups
        if group is not None
    ]


def shared_wording(
    texts: Sequence[str],
    regions: Sequence[Sequence[tuple[int, int]]],
    settings: Settings = DEFAULT,
) -> list[dict[int, tuple[int, int]]]:
    """Groups of shared wording in ``texts`` (article index -> character span), searched in
    each text's ``regions`` only (character spans, in text order); spans are tight: from the
    first shared word's first character to the last one's last."""
    vocabulary: dict[str, int] = {}
    known: dict[str, tuple[int, float]] = {}
    docs = [
        tokenise(text, found, vocabulary, known) for text, found in zip(texts, regions, strict=True)
    ]
    stretches: list[Stretch] = []
    for (a, b), seeds in _seeds(docs, settings).items():
        stretches += _chains(a, b, seeds, docs[a], docs[b], settings)
    groups = []
    for group in _group(stretches, len(docs)):
        groups.append(
            {
                article: (docs[article].starts[start], docs[article].ends[end - 1])
                for article, (start, end) in group.items()
            }
        )
    return groups
