"""The pipeline: files ─► load ─► clean ─► segment ─► align ─► diff ─► ``Story``."""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.distance.Indel import normalized_similarity as word_similarity

from tui.core.aligning import Cluster, FeatureCache, SentenceIndex, align, build_index
from tui.core.analysis import analyse
from tui.core.analytics import count_pairs
from tui.core.cleaning import clean, sanitize, sanitize_line
from tui.core.collector import collector_paused
from tui.core.dates import When, parse_date
from tui.core.diffing import is_same_wording, word_diff
from tui.core.disagreements import disagreements, rewrite_disagreements
from tui.core.loading import load_paths
from tui.core.model import (
    BASE_CLOSEST,
    BASE_EARLIEST,
    BASE_EARLIEST_DATED,
    BASE_FIRST,
    BASE_MOST_COMMON,
    CLOSE_WORDING,
    REWRITE,
    SAME_WORDING,
    SHARED_WORDING,
    Article,
    ArticleStats,
    DiffOp,
    Document,
    Member,
    Nearest,
    Passage,
    Problem,
    Remnant,
    Story,
    Unique,
)
from tui.core.outlets import publication_order
from tui.core.parallel import (
    SENTENCES_PER_DOCUMENT,
    each_forked,
    map_forked,
    parts_for,
    processes_for,
    ranges,
)
from tui.core.quotes import Quote, cited_spans, find_quotes, frames_only
from tui.core.reuse import TOKEN, Differ, Span, shared_wording, token_key
from tui.core.seeds import SEEDS as SEEDS  # re-exported: where the seeds are
from tui.core.segmenting import split_paragraphs, split_sentences
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import (
    DAYS_AND_MONTHS,
    SentenceFeatures,
    features,
    kept_apart,
    quotation,
    roles_differ,
    shared_time_phrase,
    similarity_reaching,
    tokens,
)
from tui.core.units import NUMBER_WORDS

#: Told the name of each stage of ``story_from_documents`` as it finishes (for progress
#: reports and the benchmark): "clean+segment", "features/index", "align", "shared wording",
#: "diff", "nearest", "facts"
#: (``story_from_articles`` starts from cleaned articles, so it skips "clean+segment").
StageHook = Callable[[str], None]


def _line(value: str | None) -> str | None:
    """Untrusted one-line metadata made inert; None when nothing is left."""
    return sanitize_line(value) or None if value is not None else None


def make_article(document: Document, settings: Settings = DEFAULT) -> Article:
    """Clean and segment one document; its metadata is sanitised like its text."""
    cleaned = clean(document)
    paragraphs = split_paragraphs(cleaned.text)
    return Article(
        id=document.id,
        source=sanitize_line(document.source),
        title=_line(cleaned.title),
        outlet=_line(document.outlet),
        date=_line(cleaned.date),
        text=cleaned.text,
        removed=tuple(sanitize(block) for block in document.removed) + cleaned.removed,
        # The loader's furniture (a web page's menus) has no place in the text: at the end.
        removed_at=(len(cleaned.text),) * len(document.removed) + cleaned.removed_at,
        paragraphs=tuple(paragraphs),
        sentences=tuple(split_sentences(cleaned.text, paragraphs, settings.max_sentence_words)),
        url=_line(document.url),
        author=_line(document.author),
    )


def _cluster_members(cluster: Cluster, articles: Sequence[Article]) -> list[Member]:
    members = []
    for index in sorted(cluster.spans, key=lambda i: articles[i].id):
        article = articles[index]
        first, last = cluster.spans[index]
        start, end = article.sentences[first].start, article.sentences[last].end
        members.append(Member(article.id, start, end, article.text[start:end], first, last))
    return members


def _shared_members(spans: dict[int, tuple[int, int]], articles: Sequence[Article]) -> list[Member]:
    """Members of shared wording: they cover exactly the words the articles share."""
    members = []
    for index in sorted(spans, key=lambda i: articles[i].id):
        article = articles[index]
        start, end = spans[index]
        first, last = _sentence_at(article, start), _sentence_at(article, end - 1)
        members.append(Member(article.id, start, end, article.text[start:end], first, last))
    return members


#: A passage's base member, its members' word diffs from it, whether all say the same words,
#: and why the base is the base (``Passage.base_is``).
_Diffed = tuple[int, tuple[tuple[DiffOp, ...], ...], bool, str]
#: Each article's publication date, as ``tui.core.dates.parse_date`` reads it.
_Dates = dict[str, When | None]


def _passages(
    clusters: Sequence[Cluster],
    groups: Sequence[dict[int, tuple[int, int]]],
    articles: Sequence[Article],
    settings: Settings,
) -> list[Passage]:
    """The passages of shared wording ``groups`` and of sentence ``clusters``, in that order.

    Each passage's diffs depend on its members alone, so many are diffed by forked workers
    (``tui.core.parallel``), the costliest passages first so that no worker is left with a
    big one at the end; the workers read the members they inherit and send back the diffs.
    """
    lists = [_shared_members(group, articles) for group in groups]
    lists += [_cluster_members(cluster, articles) for cluster in clusters]
    dates = {article.id: parse_date(article.date) for article in articles}
    sentences = sum(m.last_sentence - m.first_sentence + 1 for ms in lists for m in ms)
    processes = processes_for(settings, sentences)
    diffed: list[_Diffed | None] = [None] * len(lists)
    if processes > 1:
        cost = [sum(len(text) for text in {m.text for m in members}) for members in lists]
        order = sorted(range(len(lists)), key=lambda i: -cost[i])
        found = map_forked(_diffed_at, (lists, settings, dates), order, processes)
        for i, result in zip(order, found, strict=True):
            diffed[i] = result
    else:
        diffed = [_diffed(members, settings, dates) for members in lists]
    labels = {article.id: article.label for article in articles}
    passages = []
    for k, (members, done) in enumerate(zip(lists, diffed, strict=True)):
        assert done is not None
        if k < len(groups):
            passage = _shared_passage(members, done, settings)
        else:
            passage = _passage(clusters[k - len(groups)], members, done)
        said = disagreements(passage, settings, labels)
        passages.append(replace(passage, disagreements=said))
    return passages


def _diffed_at(shared: tuple[Sequence[list[Member]], Settings, _Dates], i: int) -> _Diffed:
    lists, settings, dates = shared
    return _diffed(lists[i], settings, dates)


def _passage(cluster: Cluster, members: list[Member], diffed: _Diffed) -> Passage:
    base, diffs, same_wording, base_is = diffed
    # The kind says why the members matched, not how high their mean score is: a chain of
    # wording matches with one weak pair is still close wording, and its diff is shown.
    kind = SAME_WORDING if same_wording else REWRITE if cluster.reason == "fact" else CLOSE_WORDING
    return Passage(
        id="",
        similarity=cluster.similarity,
        members=tuple(members),
        base=base,
        diffs=diffs,
        same_wording=same_wording,
        kind=kind,
        evidence=cluster.evidence,
        base_is=base_is,
    )


def _diffed(members: list[Member], settings: Settings, dates: _Dates) -> _Diffed:
    """The base member, every member's word diff from it, whether all say the same words, and
    why the base is the base."""
    base, base_is = _most_common_version(members, settings.max_base_comparisons, dates)
    # Members with the same wording share one diff (large stories repeat wire copy verbatim).
    diffs_by_text: dict[str, tuple[DiffOp, ...]] = {}
    for member in members:
        if member.text not in diffs_by_text:
            diffs_by_text[member.text] = word_diff(members[base].text, member.text)
    diffs = tuple(diffs_by_text[member.text] for member in members)
    return base, diffs, all(is_same_wording(d) for d in diffs), base_is


def _sentence_at(article: Article, offset: int) -> int:
    """Index of the sentence that holds (or, between sentences, precedes) ``offset``."""
    starts = [sentence.start for sentence in article.sentences]
    return max(0, bisect_right(starts, offset) - 1)


def _shared_passage(members: list[Member], diffed: _Diffed, settings: Settings) -> Passage:
    """A passage of shared wording."""
    base, diffs, same_wording, base_is = diffed
    others = [m.text for i, m in enumerate(members) if i != base][: settings.max_similarity_pairs]
    score = sum(fuzz.ratio(members[base].text, text) for text in others) / (100 * len(others))
    return Passage(
        id="",
        similarity=round(score, 3),
        members=tuple(members),
        base=base,
        diffs=diffs,
        same_wording=same_wording,
        kind=SHARED_WORDING,
        base_is=base_is,
    )


def _alnum_after(text: str, position: int) -> int:
    while position < len(text) and not text[position].isalnum():
        position += 1
    return position


def _alnum_before(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isalnum():
        position -= 1
    return position


def _covered(articles: Sequence[Article], clusters: Sequence[Cluster]) -> list[set[int]]:
    """Per article, the indices of the sentences ``clusters`` hold."""
    covered: list[set[int]] = [set() for _ in articles]
    for cluster in clusters:
        for a, (first, last) in cluster.spans.items():
            covered[a].update(range(first, last + 1))
    return covered


def _alnum_count(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


#: Per article, the groups of shared wording with a span in it (``_groups_holding``).
_Holding = Sequence[Sequence[dict[int, tuple[int, int]]]]


def _groups_holding(
    groups: Sequence[dict[int, tuple[int, int]]], count: int
) -> list[list[dict[int, tuple[int, int]]]]:
    """Per article (of ``count``), the ``groups`` with a span in it, in their order: a
    passage's checks read only the groups of its articles, not every group of the story
    (which grew as the square of the story's size)."""
    holding: list[list[dict[int, tuple[int, int]]]] = [[] for _ in range(count)]
    for group in groups:
        for a in group:
            holding[a].append(group)
    return holding


def _absorbed(
    cluster: Cluster,
    holding: _Holding,
    articles: Sequence[Article],
    settings: Settings,
) -> bool:
    """Whether a small sentence passage gives way to shared wording: a retold fact when all
    of its members share copied wording; otherwise when the wording covers
    ``absorb_share`` of every member, and either runs on beyond them by ``ngram`` words or
    more in some article (the passage is part of a longer copy) or covers less than
    ``sentence_share`` of some member (the sentences share a clause, not their wording as a
    whole). Never when the quotations its members mostly are say different words: a word
    changed inside the marks is a misquote, which the passage's diff shows, and a copy would
    stop at it or show it as a stretch of shared wording. ``holding``: per article, the
    groups of shared wording with a span in it (``_groups_holding``)."""
    if len(cluster.spans) > settings.absorb_max_members:
        return False
    spans = {
        a: (articles[a].sentences[first].start, articles[a].sentences[last].end)
        for a, (first, last) in cluster.spans.items()
    }
    # Both checks need a group with a span in every member's article.
    groups = min((holding[a] for a in spans), key=len)
    if cluster.reason == "fact" and any(_copied_inside(group, spans) for group in groups):
        return True
    for group in groups:
        if not spans.keys() <= group.keys():
            continue
        covers, beyond, most = True, False, True
        for a, (start, end) in spans.items():
            text = articles[a].text
            g_start, g_end = group[a]
            inside = _alnum_count(text, max(start, g_start), min(end, g_end))
            total = _alnum_count(text, start, end)
            if inside < settings.absorb_share * total:
                covers = False
                break
            most = most and inside >= settings.sentence_share * total
            outside = len(TOKEN.findall(text, g_start, start)) if g_start < start else 0
            outside += len(TOKEN.findall(text, end, g_end)) if end < g_end else 0
            if outside >= settings.ngram:  # a seed's worth: not one word matched by chance
                beyond = True
        if covers and (beyond or not (most or _worded_alike(spans, group, articles, settings))):
            return not _misquoted(spans, articles)
    return False


def _words(article: Article, start: int, end: int) -> list[str]:
    """The matching keys of the tokens of ``article.text[start:end]``."""
    return [token_key(t) for t in TOKEN.findall(article.text, start, end)]


def _misquoted(spans: dict[int, tuple[int, int]], articles: Sequence[Article]) -> bool:
    """Whether the quotations the members mostly are (``similarity.quotation``) say
    different words."""
    quoted = set()
    for a, (start, end) in spans.items():
        found = quotation(articles[a].text, start, end)
        if found is not None:
            quoted.add(tuple(_words(articles[a], *found)))
    return len(quoted) > 1


def _worded_alike(
    spans: dict[int, tuple[int, int]],
    group: dict[int, tuple[int, int]],
    articles: Sequence[Article],
    settings: Settings,
) -> bool:
    """Whether the members are one sentence told in nearly the same words, the shared wording
    cut short by an edit inside it ("The agency employs 2,290 special agents …" / "The agency
    employs about 2,300 special agents …"), not a clause two sentences share: each member's
    words in order are ``sentence_share`` the first's (Indel similarity of the token
    sequences), and so are ``outside_share`` of the words outside the shared wording (a quote
    copied with another attribution, "Noem wrote" / "she said", shares none of those)."""

    def outside(a: int) -> list[str]:
        (start, end), (g_start, g_end) = spans[a], group[a]
        return _words(articles[a], start, max(start, g_start)) + _words(
            articles[a], min(end, g_end), end
        )

    def in_order(x: list[str], y: list[str]) -> float:
        # A time phrase moved ("On Friday, the council …" / "The council … on Friday after
        # …") leaves the words in order: they are read without it too, and the better counts
        # (without it, the words another move displaces weigh more).
        alike = word_similarity(x, y)
        when = shared_time_phrase(x, y, DAYS_AND_MONTHS)
        if when:
            x, y = [w for w in x if w not in when], [w for w in y if w not in when]
            alike = max(alike, word_similarity(x, y))
        return alike

    (first, span), *others = spans.items()
    whole, rest = _words(articles[first], *span), outside(first)
    return all(
        in_order(whole, _words(articles[b], *other)) >= settings.sentence_share
        and word_similarity(rest, outside(b)) >= settings.outside_share
        for b, other in others
    )


def _copied_inside(group: dict[int, tuple[int, int]], spans: dict[int, tuple[int, int]]) -> bool:
    """Whether shared wording lies inside every member of a passage: then they copy each
    other, they do not retell a fact in other words, and the copy is the better way to show
    them (tight, with what each outlet added around it single-source, with its word diff)."""
    inside = [
        a
        for a, (start, end) in spans.items()
        if a in group and group[a][0] < end and start < group[a][1]
    ]
    # Every member: a member outside the copy retells the fact in its own words, and the
    # fact stays (two outlets sharing a stock phrase do not unmake a third's retelling).
    return len(inside) == len(spans) >= 2


def _names_participant(article: Article, copy: tuple[int, int], names: Sequence[str]) -> bool:
    """Whether the copied stretch names one of ``names`` outside the phrases that cite who
    made a statement: ", the Department of Homeland Security said in a statement" names the
    source, not a participant of what is told."""
    start, end = copy
    first = _sentence_at(article, start)
    last = _sentence_at(article, max(start, end - 1))
    cited = []
    for sentence in article.sentences[first : last + 1]:
        text = article.text[sentence.start : sentence.end]
        cited += [(sentence.start + s, sentence.start + e) for s, e in cited_spans(text)]
    for name in names:
        for found in re.finditer(rf"\b{re.escape(name)}\b", article.text[start:end]):
            at = start + found.start()
            if not any(s <= at < e for s, e in cited):
                return True
    return False


def _with_copiers(
    clusters: list[Cluster],
    holding: _Holding,
    articles: Sequence[Article],
) -> list[Cluster]:
    """Retold facts joined by the single-source sentences that copy wording naming one of
    their participants from a member, in articles the fact lacks.

    A sentence that copies "sent a letter to Treasury Secretary Scott Bessent" from a
    sentence retelling the letter tells that fact too, though it shares too few names for
    the fact tier; the copy, naming a participant, is the evidence. A copy without one of
    the fact's names ("said in a statement on Monday") brings nothing in, nor does one that
    names a participant only as the source it cites ("the Department of Homeland Security
    said", "according to DHS"): that is a stock phrase of attribution, not the fact's
    participants (see ``quotes.cited_spans``). ``holding``: per article, the groups of
    shared wording with a span in it."""
    claimed = _covered(articles, clusters)
    out = []
    for cluster in clusters:
        if cluster.reason != "fact":
            out.append(cluster)
            continue
        spans = dict(cluster.spans)
        names = [e for e in cluster.evidence if not any(c.isdigit() for c in e)]
        for a, (first, last) in cluster.spans.items():
            start, end = articles[a].sentences[first].start, articles[a].sentences[last].end
            for group in holding[a]:
                if not (group[a][0] < end and start < group[a][1]):
                    continue
                if not _names_participant(articles[a], group[a], names):
                    continue
                for b, (g_start, g_end) in sorted(group.items()):
                    if b in spans:
                        continue
                    first_b = _sentence_at(articles[b], g_start)
                    last_b = _sentence_at(articles[b], max(g_start, g_end - 1))
                    taken = range(first_b, last_b + 1)
                    if any(s in claimed[b] for s in taken):
                        continue
                    spans[b] = (first_b, last_b)
                    claimed[b].update(taken)
        out.append(cluster if spans == cluster.spans else replace(cluster, spans=spans))
    return out


def _joined_across(
    groups: list[dict[int, tuple[int, int]]],
    clusters: Sequence[Cluster],
    articles: Sequence[Article],
) -> tuple[list[dict[int, tuple[int, int]]], list[bool]]:
    """Shared wording joined with the sentence passages it continues, so a copied stretch
    that runs over whole sentences into parts of others is one piece, not three.

    A sentence passage joins a stretch of shared wording when both have members in the same
    articles and, in every one of them, the passage follows the stretch (or every time
    precedes it) with nothing but spaces and punctuation between. Returns the joined groups
    (character spans) and, per cluster, whether it stays a passage of its own.
    """
    spans = [
        {
            a: (articles[a].sentences[first].start, articles[a].sentences[last].end)
            for a, (first, last) in cluster.spans.items()
        }
        for cluster in clusters
    ]
    starting: dict[tuple[int, int], int] = {}
    ending: dict[tuple[int, int], int] = {}
    for c, found in enumerate(spans):
        for a, (start, end) in found.items():
            text = articles[a].text
            starting[(a, _alnum_after(text, start))] = c
            ending[(a, _alnum_before(text, end))] = c
    parent = list(range(len(groups) + len(clusters)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g, group in enumerate(groups):
        for table, edge in ((starting, 1), (ending, 0)):
            next_to: set[int | None] = set()
            for a, (start, end) in group.items():
                text = articles[a].text
                at = _alnum_after(text, end) if edge else _alnum_before(text, start)
                next_to.add(table.get((a, at)))
            if len(next_to) != 1:
                continue
            (nearby,) = next_to
            # A rewrite tells a fact in other words: it is no continuation of copied wording.
            if (
                nearby is not None
                and clusters[nearby].reason != "fact"
                and spans[nearby].keys() == group.keys()
            ):
                parent[root(len(groups) + nearby)] = root(g)
    merged: dict[int, dict[int, tuple[int, int]]] = {}
    for item in range(len(parent)):
        r = root(item)
        if r >= len(groups) and item >= len(groups):
            continue  # a sentence passage joined with no shared wording stays as it is
        found = groups[item] if item < len(groups) else spans[item - len(groups)]
        target = merged.setdefault(r, {})
        for a, (start, end) in found.items():
            old = target.get(a, (start, end))
            target[a] = (min(old[0], start), max(old[1], end))
    kept = [root(len(groups) + c) >= len(groups) for c in range(len(clusters))]
    return list(merged.values()), kept


def _most_common_version(members: list[Member], limit: int, dates: _Dates) -> tuple[int, str]:
    """The member the others differ from least: the one whose wording is most often repeated;
    and why it is the base (``Passage.base_is``).

    Up to ``limit`` members every pair is compared; beyond it each distinct wording is
    compared with at most ``limit`` distinct wordings. Members that tie (two outlets with two
    wordings always do: each differs from the other as much) give way to the one published
    first (``outlets.publication_order``), then to the first of them in the story's order.
    """
    if len(members) <= limit:

        def closeness(i: int) -> float:
            return sum(
                fuzz.ratio(members[i].text, other.text) for j, other in enumerate(members) if j != i
            )

        scores = [closeness(i) for i in range(len(members))]
    else:
        # Many members: score each distinct wording once, against (an even sample of) the
        # distinct wordings weighted by how many members use them.
        counts = Counter(member.text for member in members)
        wordings = sorted(counts, key=lambda t: (-counts[t], t))
        step = max(1, len(wordings) // limit)
        sample = wordings[::step][:limit]
        sampled = set(sample)
        score = {
            # Less 100: a member is not compared with itself (other members with its wording
            # are).
            text: sum(counts[other] * fuzz.ratio(text, other) for other in sample)
            - (100 if text in sampled else 0)
            for text in wordings
        }
        scores = [score[member.text] for member in members]
    best = max(scores)
    tied = [i for i, value in enumerate(scores) if value == best]
    base, why = tied[0], BASE_CLOSEST
    if len({members[i].text for i in tied}) > 1:
        # Wordings tie, not members that say the same words: the earliest published.
        tiers, undated = publication_order([members[i].article for i in tied], dates)
        first = set(tiers[0]) if tiers else set()
        base = next((i for i in tied if members[i].article in first), tied[0])
        why = BASE_FIRST
        if first and len(first) < len(tied):
            why = BASE_EARLIEST_DATED if undated else BASE_EARLIEST
    counts = Counter(member.text for member in members)
    if all(n < counts[members[base].text] for t, n in counts.items() if t != members[base].text):
        why = BASE_MOST_COMMON
    return base, why


def _unclaimed(article: Article, covered: set[int]) -> list[tuple[int, int]]:
    """Character spans of the runs of consecutive sentences no sentence passage covers."""
    regions: list[tuple[int, int]] = []
    sentences = article.sentences
    first: int | None = None
    for index, sentence in enumerate(sentences):
        if index in covered:
            continue
        if first is None:
            first = index
        if index + 1 == len(sentences) or (index + 1) in covered:
            regions.append((sentences[first].start, sentence.end))
            first = None
    return regions


#: What a run starts with that closes the member before it (the full stop and quote after a
#: copied sentence: ". Critics said", "”. Critics"), and what it ends with that opens the
#: member after it ("He said: “"), with the spaces around them: never part of the run.
#: A full stop, ellipsis or apostrophe goes only where no word follows it (".NET", "…and",
#: "’Tis" keep theirs).
_LEFT_BY_MEMBER = re.compile(
    r"(?:\s|[,;:!?)\]}»”]|[.…](?=[\s,;:!?)\]}»”’\"']|$)|[\"'’](?=[\s.,;:!?…)\]}»”’\"']|$))*"
)
_OPENS_MEMBER = re.compile(r"(?:\s|[(\[{«“‘]|(?<=[\s:])[\"'])*$")
_SPACES, _TRAILING_SPACES = re.compile(r"\s*"), re.compile(r"\s*$")


def _length(found: re.Match[str] | None) -> int:
    """The length of a match of a pattern that matches everywhere (``*``)."""
    return 0 if found is None else found.end() - found.start()


def _unique_runs(article: Article, claimed: list[tuple[int, int]]) -> list[Unique]:
    """The text of each paragraph outside every passage member, as runs of one article.

    A run is cut at paragraph ends and at passage members, trimmed of the spaces around it
    and of the punctuation a member leaves behind (``_LEFT_BY_MEMBER``, ``_OPENS_MEMBER``);
    what is left of a sentence beside shared wording ("”." after a copied quote) is a run
    only when it holds a letter or digit.
    """
    runs: list[Unique] = []
    claimed = sorted(claimed)
    k = 0
    for paragraph in article.paragraphs:
        position = paragraph.start
        while k < len(claimed) and claimed[k][1] <= paragraph.start:
            k += 1
        j = k
        pieces = []
        while position < paragraph.end:
            if j < len(claimed) and claimed[j][0] < paragraph.end:
                start, end = claimed[j]
                pieces.append((position, min(start, paragraph.end)))
                position = max(position, end)
                j += 1
            else:
                pieces.append((position, paragraph.end))
                break
        for start, end in pieces:
            text = article.text[start:end]
            lead = _LEFT_BY_MEMBER if start > paragraph.start else _SPACES
            tail = _OPENS_MEMBER if end < paragraph.end else _TRAILING_SPACES
            start, end = start + _length(lead.match(text)), end - _length(tail.search(text))
            if start >= end or not any(c.isalnum() for c in article.text[start:end]):
                continue
            for low, high in _split_at_shared_sentences(article, start, end):
                first, last = _sentence_at(article, low), _sentence_at(article, high - 1)
                runs.append(Unique(article.id, low, high, article.text[low:high], first, last))
    return runs


def _split_at_shared_sentences(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    """The run ``start:end`` cut where a sentence a member shares part of ends (or begins):
    "said. Aftershocks continued through the morning." after the copied "… the institute"
    is the rest of a shared sentence, "said.", and a sentence of its own."""
    first, last = _sentence_at(article, start), _sentence_at(article, end - 1)
    if first == last:
        return [(start, end)]
    cuts = []
    if article.sentences[first].start < start:  # begins mid-sentence, after a member
        cuts.append(article.sentences[first].end)
    if article.sentences[last].end > end:  # ends mid-sentence, before a member
        cuts.append(article.sentences[last].start)
    pieces = []
    low = start
    for cut in [*sorted(set(cuts)), end]:
        high = min(cut, end)
        text = article.text[low:high]
        a, b = low + _length(_SPACES.match(text)), high - _length(_TRAILING_SPACES.search(text))
        if a < b and any(c.isalnum() for c in article.text[a:b]):
            pieces.append((a, b))
        low = high
    return pieces


_REMNANT_WORD = re.compile(r"\w+(?:['’]\w+)*")
_QUOTE_MARKS = frozenset('"“”„‟«»‘‚‹›')


def _remnants(
    runs: list[Unique],
    passages: Sequence[Passage],
    articles: Sequence[Article],
    settings: Settings,
) -> tuple[list[Unique], list[Remnant]]:
    """``runs`` less the rest of shared sentences, and those rests as ``Remnant``s.

    A run is the rest of a shared sentence when it lies inside one sentence that a passage
    member of its article also covers part of (the member before it, else after), holds at
    most ``remnant_words`` words, and makes no claim the passage's other versions lack: no
    figure (digits or a number word) or name (a capitalised word, but for a common word
    that starts the sentence) absent from their words, no denial when none of them has
    one, no quotation mark (quoted words are someone's, which the quotes view compares).
    So is, whatever its length, a run that only attributes a quotation the passage shares
    (``_attributes_shared_quote``). Anything else stays a single-source passage.
    """
    if settings.remnant_words <= 0:
        return runs, []
    by_id = {article.id: article for article in articles}
    members: dict[str, list[tuple[Member, Passage]]] = {}
    for passage in passages:
        for member in passage.members:
            members.setdefault(member.article, []).append((member, passage))
    kept: list[Unique] = []
    found: list[Remnant] = []
    quotes: dict[str, tuple[Quote, ...]] = {}
    for run in runs:
        owner = None
        article = by_id[run.article]
        short = len(_REMNANT_WORD.findall(run.text)) <= settings.remnant_words
        if run.first_sentence == run.last_sentence:
            owner = _remnant_owner(run, article, members.get(run.article, []))
        rest = owner is not None and short and not _claims_alone(run, article, owner)
        if owner is not None and not rest:
            rest = _attributes_shared_quote(run, article, owner, quotes)
        if rest and owner is not None:
            found.append(Remnant(run.article, run.start, run.end, run.text, owner.id))
        else:
            kept.append(run)
    return kept, found


def _attributes_shared_quote(
    run: Unique, article: Article, passage: Passage, quotes: dict[str, tuple[Quote, ...]]
) -> bool:
    """Whether ``run`` only attributes a quotation of its sentence that ``passage`` shares
    (its member in this article holds most of the quoted words): who said it, how, to whom,
    where and when (``quotes.frames_only``), as "Vardy told reporters." does after a quote
    matched by its quoted words alone. The quotes view compares speakers and attributions."""
    sentence = article.sentences[run.first_sentence]
    if not _QUOTE_MARKS.intersection(article.text[sentence.start : sentence.end]):
        return False
    if article.id not in quotes:
        quotes[article.id] = find_quotes(article)
    member = next((m for m in passage.members if m.article == article.id), None)
    if member is None:
        return False
    text = run.text.strip("".join(_QUOTE_MARKS) + " ")
    for quote in quotes[article.id]:
        if not (quote.sentence.start <= sentence.start and sentence.end <= quote.sentence.end):
            continue
        if quote.start - 1 < run.end and run.start < quote.end + 1:
            continue  # the run holds quoted words
        covered = min(member.end, quote.end) - max(member.start, quote.start)
        if 2 * covered >= quote.end - quote.start and frames_only(text, quote):
            return True
    return False


def _remnant_owner(
    run: Unique, article: Article, members: list[tuple[Member, Passage]]
) -> Passage | None:
    """The passage whose member shares ``run``'s sentence: the one before it, else after."""
    sentence = article.sentences[run.first_sentence]
    around = [(m, p) for m, p in members if m.start < sentence.end and m.end > sentence.start]
    before = [(m.end, p) for m, p in around if m.end <= run.start]
    if before:
        return max(before, key=lambda found: found[0])[1]
    after = [(m.start, p) for m, p in around if m.start >= run.end]
    return min(after, key=lambda found: found[0])[1] if after else None


def _claims_alone(run: Unique, article: Article, passage: Passage) -> bool:
    """Whether ``run`` says something ``passage``'s versions in other articles do not."""
    if _QUOTE_MARKS.intersection(run.text):
        return True
    others = [m.text for m in passage.members if m.article != run.article]
    heard = {word for text in others for word in tokens(text)}
    starts = run.start == article.sentences[run.first_sentence].start
    # The run read on its own would take a name at its start for a sentence's first word.
    mine = features(run.text if starts else f"and {run.text}")
    if any(stem not in heard for stem, _, _ in mine.names):
        return True
    words = [w.casefold() for w in _REMNANT_WORD.findall(run.text)]
    figures = [w for w in words if any(c.isdigit() for c in w) or w in NUMBER_WORDS]
    if any(stem not in heard for stem in tokens(" ".join(figures))):
        return True
    if mine.negated and not any(features(text).negated for text in others):
        return True
    stems = tokens(run.text)
    fresh = [stem for stem in stems if stem not in heard]
    # A date or a time ("on Monday.", "last week.", "by noon."): when it happened.
    if any(stem in _TIME_WORDS for stem in fresh):
        return True
    if any(a in _TIME_SHIFTS and b in _TIME_PERIODS for a, b in itertools.pairwise(stems)) and (
        any(stem in _TIME_PERIODS for stem in fresh)
    ):
        return True
    # A denial, a rebuttal or a stance ("the mayor denied.", "officials insisted."): a claim
    # of its own whoever makes it. A plain attribution ("he said.", "officials say") only
    # says whose the shared words are; a named speaker the others lack is caught above.
    return any(stem in _STANCES for stem in fresh)


#: Stems of words that say when: days, months, relative days, times of day.
_TIME_WORDS = frozenset(
    tokens(
        "monday tuesday wednesday thursday friday saturday sunday january february march"
        " april june july august september october november december yesterday today"
        " tomorrow tonight overnight noon midnight morning afternoon evening weekend"
    )
)
#: "last week", "next month", "this year": a shift and a period.
_TIME_SHIFTS = frozenset(tokens("last next this past previous coming"))
_TIME_PERIODS = frozenset(tokens("week month year decade century night hour day"))
#: Stems of verbs (and nouns) of denial, rebuttal and stance: the speaker takes a side.
_STANCES = frozenset(
    tokens(
        "deny denied denies denial reject rejected rejects dispute disputed refute refuted"
        " rebut rebutted contradict contradicted dismiss dismissed contest contested"
        " insist insisted argue argued warn warned admit admitted acknowledge acknowledged"
        " confirm confirmed claim claimed concede conceded"
    )
)


_SURFACE = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*")
#: Each word of ``_SURFACE`` with its stem (its first token's), by word: a vocabulary, bounded.
_SURFACE_STEMS: dict[str, str] = {}


def _surface_stem(word: str) -> str:
    stem = "".join(tokens(word)[:1])
    if len(_SURFACE_STEMS) < 200_000:
        _SURFACE_STEMS[word] = stem
    return stem


def _with_nearest(
    unique: list[Unique],
    articles: Sequence[Article],
    index: SentenceIndex,
    settings: Settings,
    passages: Sequence[Passage] = (),
) -> list[Unique]:
    """Each run with the closest sentence of (up to ``nearest_articles``) other articles.

    Candidates are the sentences that share the run's rarest words (an inverted index,
    posting lists capped like the aligner's); at most ``nearest_candidates`` of them, those
    whose shared weight is the largest share of both sentences' (a Dice overlap, as the
    matcher's words feature: the raw sum favours long sentences that share one rare word),
    are scored with the sentence matcher. The best candidate says
    what kept it apart (``similarity.kept_apart``; "already in passage p3" when the two
    match and the candidate lies in one of ``passages``). On a big story forked
    workers take the runs in ranges (``tui.core.parallel``); each run's candidates depend on
    the run and the index alone.
    """
    position = {article.id: a for a, article in enumerate(articles)}
    cap = max(settings.min_posting_cap, int(settings.max_posting_share * len(index.keys)))
    postings: dict[str, list[int]] = {}
    for i, feats in enumerate(index.features):
        for word in feats.words:
            postings.setdefault(word, []).append(i)
    # The postings end to end, and where each word's starts and how long it is.
    spans: dict[str, tuple[int, int]] = {}
    offset = 0
    for word, posting in postings.items():
        spans[word] = (offset, len(posting))
        offset += len(posting)
    flat = np.fromiter(itertools.chain.from_iterable(postings.values()), np.int64, offset)
    first_of = [0] * len(articles)
    for i, (a, s) in enumerate(index.keys):
        if s == 0:
            first_of[a] = i
    article_of = np.array([key[0] for key in index.keys], np.int64)
    totals = np.array([index.weights.total(f.words) for f in index.features], np.float64)
    placed: dict[int, str] = {}
    for passage in passages:
        for member in passage.members:
            first = first_of[position[member.article]]
            for s in range(member.first_sentence, member.last_sentence + 1):
                placed.setdefault(first + s, passage.id)
    shared = _NearestIndex(
        unique,
        articles,
        index,
        settings,
        position,
        cap,
        spans,
        flat,
        article_of,
        totals,
        first_of,
        placed,
    )
    processes = processes_for(settings, len(index.features))
    parts = map_forked(_nearest_in, shared, ranges(len(unique), parts_for(processes)), processes)
    return [run for part in parts for run in part]


@dataclass(frozen=True, slots=True)
class _NearestIndex:
    """What ``_nearest_in`` reads (built once, inherited by forked workers)."""

    unique: list[Unique]
    articles: Sequence[Article]
    index: SentenceIndex
    settings: Settings
    position: dict[str, int]
    cap: int
    #: Each word's posting list: where it starts in ``postings`` and how long it is.
    spans: dict[str, tuple[int, int]]
    postings: NDArray[np.int64]
    article_of: NDArray[np.int64]
    #: Each sentence's summed word weight (``Weights.total``).
    totals: NDArray[np.float64]
    first_of: list[int]
    #: The passage each sentence (by position in the index) lies in, if any.
    placed: dict[int, str]


#: Runs whose candidates ``_nearest_candidates`` finds in one go (bounds its arrays: a run
#: reads up to ``nearest_probe_words`` windows of its words' postings).
NEAREST_BLOCK = 512


def _nearest_in(near: _NearestIndex, span: tuple[int, int]) -> list[Unique]:
    """``_with_nearest`` of the runs ``unique[start:stop]``."""
    unique, articles, index = near.unique, near.articles, near.index
    settings, position, cap = near.settings, near.position, near.cap
    spans, first_of = near.spans, near.first_of
    weights = index.weights

    # A word's weight (``weights.total`` of it alone is the same float: the exact sum of one
    # term), looked up without a one-word set made and memoised per call.
    relative = weights.relative

    article_of = [key[0] for key in index.keys]
    window = settings.nearest_posting_window
    # Sentences with the same text share one features object: each pair of wordings is
    # scored once (a run's own features are kept alive below, so their ids stay unique).
    scores: dict[tuple[int, int], float | None] = {}
    alive: list[SentenceFeatures] = []
    out = []
    for low in range(span[0], span[1], NEAREST_BLOCK):
        runs = unique[low : min(span[1], low + NEAREST_BLOCK)]
        parts_of: list[list[tuple[int, int, SentenceFeatures]]] = []
        probes = _RunProbes()
        for r, run in enumerate(runs):
            a = position[run.article]
            parts = _run_parts(run, articles[a], index.features, first_of[a], alive)
            parts_of.append(parts)
            words = sorted(
                {w for _, _, part in parts for w in part.words}, key=lambda w: (-relative(w), w)
            )
            probes.total.append(math.fsum(relative(w) for w in words))
            for word in words[: settings.nearest_probe_words]:
                start, size = spans.get(word, (0, 0))
                if 0 < size <= cap:
                    probes.add(r, a, relative(word), start, min(size, window))
        candidates = _nearest_candidates(near, probes, len(runs))
        for r, run in enumerate(runs):
            parts = parts_of[r]
            # Per article: the best score, its sentence and the run's sentence (part) it is of.
            best: dict[int, tuple[float, int, int]] = {}
            for j in candidates[r]:
                theirs = index.features[j]
                other = article_of[j]
                for p, (_, _, mine) in enumerate(parts):
                    pair = (id(mine), id(theirs))
                    if pair in scores:
                        score = scores[pair]
                    elif other in best:
                        # Only a score above the best of this article so far changes
                        # anything: one that cannot reach it is not computed (nor remembered).
                        score = similarity_reaching(mine, theirs, weights, best[other][0])
                    else:
                        score = scores[pair] = similarity_reaching(
                            mine, theirs, weights, settings.nearest_min_score
                        )
                    if score is None:
                        continue
                    if other not in best or score > best[other][0]:
                        best[other] = (score, j, p)
            ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
            nearest: list[Nearest] = []
            heavy: dict[int, list[tuple[str, str]]] = {}
            known = _SURFACE_STEMS.get
            for other, (score, j, p) in ranked[: settings.nearest_articles]:
                article = articles[other]
                sentence = article.sentences[index.keys[j][1]]
                start, end, mine = parts[p]
                if p not in heavy:
                    heavy[p] = _heaviest_words(
                        [
                            (
                                word,
                                stem if (stem := known(word)) is not None else _surface_stem(word),
                            )
                            for word in _SURFACE.findall(
                                articles[position[run.article]].text, start, end
                            )
                        ],
                        relative,
                        settings,
                    )
                why = ""
                if not nearest:
                    why = _kept_apart(mine, j, score, near)
                nearest.append(
                    Nearest(
                        article.id,
                        sentence.start,
                        sentence.end,
                        # Rounded down: a score below 1 never reads as 1.
                        math.floor(score * 1000) / 1000,
                        _missing(heavy[p], index.features[j], settings),
                        why,
                    )
                )
            out.append(replace(run, nearest=tuple(nearest)))
    return out


def _run_parts(
    run: Unique,
    article: Article,
    features_of: Sequence[SentenceFeatures],
    first: int,
    alive: list[SentenceFeatures],
) -> list[tuple[int, int, SentenceFeatures]]:
    """The run's sentences (as much of each as the run holds) and their features, as
    (start, end, features): a run is scored by its closest sentence, so a sentence pair gets
    one score and one reason whichever side of it is the run. A whole sentence reads the
    index's features; a part of one is featurised (and kept in ``alive``, so that ids of
    features stay unique while scores are cached by them)."""
    parts = []
    for s in range(run.first_sentence, run.last_sentence + 1):
        sentence = article.sentences[s]
        start, end = max(sentence.start, run.start), min(sentence.end, run.end)
        if (start, end) == (sentence.start, sentence.end):
            parts.append((start, end, features_of[first + s]))
        elif any(c.isalnum() for c in article.text[start:end]):
            mine = features(article.text[start:end])
            alive.append(mine)
            parts.append((start, end, mine))
    return parts


def _kept_apart(mine: SentenceFeatures, j: int, score: float, near: _NearestIndex) -> str:
    """What kept a run apart from its best candidate, sentence ``j`` of similarity ``score``
    (``Nearest.kept_apart``)."""
    index = near.index
    why = kept_apart(mine, index.features[j], index.weights, near.settings, score)
    if why is not None:
        return why
    # The two match: one of them joined something else instead.
    placed = near.placed.get(j)
    return f"already in passage {placed}" if placed is not None else ""


@dataclass(slots=True)
class _RunProbes:
    """The posting windows a block of runs reads: per probe word, its run, the run's
    article, the word's weight, and the stretch of the postings it reads."""

    run: list[int] = field(default_factory=list)
    article: list[int] = field(default_factory=list)
    weight: list[float] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    length: list[int] = field(default_factory=list)
    #: Each run's summed word weight.
    total: list[float] = field(default_factory=list)

    def add(self, run: int, article: int, weight: float, start: int, length: int) -> None:
        self.run.append(run)
        self.article.append(article)
        self.weight.append(weight)
        self.start.append(start)
        self.length.append(length)


def _nearest_candidates(near: _NearestIndex, probes: _RunProbes, runs: int) -> list[list[int]]:
    """Each run's candidates: the sentences of other articles its probe words' windows read,
    the ``nearest_candidates`` whose shared weight is the largest share of both sentences'
    weight first (ties: the earlier sentence).

    A sentence's shared weight is summed in probe order, then posting order (``np.bincount``
    adds its inputs in order): the floats a loop adding them one by one gives.
    """
    found: list[list[int]] = [[] for _ in range(runs)]
    length = np.array(probes.length, np.int64)
    count = int(length.sum())
    if count == 0:
        return found
    probe = np.repeat(np.arange(len(length)), length)
    step = np.arange(count) - np.repeat(np.cumsum(length) - length, length)
    j = near.postings[np.array(probes.start, np.int64)[probe] + step]
    other = near.article_of[j] != np.array(probes.article, np.int64)[probe]
    run = np.array(probes.run, np.int64)[probe][other]
    j, weight = j[other], np.array(probes.weight, np.float64)[probe][other]
    width = len(near.article_of)
    if not len(run):  # every window read only the runs' own articles
        return found
    pair, where = np.unique(run * width + j, return_inverse=True)
    weights = np.bincount(where.ravel(), weights=weight, minlength=len(pair))
    run, j = np.divmod(pair, width)
    shared = weights / (np.array(probes.total, np.float64)[run] + near.totals[j])
    # Pairs are in run order, then sentence order: each round takes every run's first
    # sentence of the largest share left (a few passes over the pairs instead of sorting them).
    head = np.flatnonzero(np.r_[True, run[1:] != run[:-1]])
    group = np.repeat(np.arange(len(head)), np.diff(np.r_[head, len(run)]))
    for _ in range(near.settings.nearest_candidates):
        most = np.maximum.reduceat(shared, head)
        tops = np.flatnonzero(shared == most[group])
        tops = tops[np.r_[True, group[tops[1:]] != group[tops[:-1]]]]
        tops = tops[shared[tops] >= 0]  # a run whose candidates are all taken
        if not len(tops):
            break
        for r, sentence in zip(run[tops].tolist(), j[tops].tolist(), strict=True):
            found[r].append(sentence)
        shared[tops] = -1.0
    return found


def _heaviest_words(
    words: list[tuple[str, str]], relative: Callable[[str], float], settings: Settings
) -> list[tuple[str, str]]:
    """The run's words (as written, with their stems) that ``_missing`` may list: those
    weighing at least ``missing_weight`` of the run's rarest word, each once, heaviest first,
    then names and figures, then by spelling (the same for every candidate of the run)."""
    weight = {word: relative(stem) for word, stem in words}
    floor = settings.missing_weight * max(weight.values(), default=0.0)
    heavy = {word: stem for word, stem in words if stem and weight[word] >= floor}

    def order(word: str) -> tuple[float, bool, str]:
        return (-weight[word], not (word[0].isupper() or word[0].isdigit()), word)

    return [(word, heavy[word]) for word in sorted(heavy, key=order)]


def _missing(
    heavy: list[tuple[str, str]], candidate: SentenceFeatures, settings: Settings
) -> tuple[str, ...]:
    """The run's rarest words (``_heaviest_words``) the candidate lacks, at most
    ``max_missing`` of them."""
    lacking = [word for word, stem in heavy if stem not in candidate.words]
    return tuple(lacking[: settings.max_missing])


def _stats(
    articles: Sequence[Article], passages: Sequence[Passage], unique: Sequence[Unique]
) -> dict[str, ArticleStats]:
    """Per-article figures, in one pass over the passages and single-source runs."""
    shared_chars: Counter[str] = Counter()
    shared_passages: Counter[str] = Counter()
    for passage in passages:
        for member in passage.members:
            if not passage.inside_parent(member.article):  # else counted in its parent
                shared_chars[member.article] += member.end - member.start
        # A passage has one member per article, but count each article once to be safe.
        shared_passages.update({m.article for m in passage.members})
    unique_passages = Counter(u.article for u in unique)
    stats = {}
    for article in articles:
        total = sum(s.end - s.start for s in article.sentences) or 1
        stats[article.id] = ArticleStats(
            words=article.word_count,
            shared=min(1.0, shared_chars[article.id] / total),
            unique_passages=unique_passages[article.id],
            shared_passages=shared_passages[article.id],
        )
    return stats


def make_articles(
    documents: Sequence[Document],
    on_article: Callable[[Article], None] | None = None,
    settings: Settings = DEFAULT,
) -> list[Article]:
    """Clean and segment ``documents`` into articles, in the documents' order.

    ``on_article`` is told each article as soon as it is made (the app shows them while the
    rest are still being cleaned). Many documents are cleaned by forked workers
    (``tui.core.parallel``; ``Settings.parallel_min_sentences`` counts a document as
    ``SENTENCES_PER_DOCUMENT`` sentences), each on its own, so the articles are the same;
    ``on_article`` is then told them in order, a chunk of documents at a time as the workers
    send them back, while they clean the next chunks. (The reader builds in a thread, where
    no worker is forked, so it still sees each article as it is made.)
    """
    processes = processes_for(settings, SENTENCES_PER_DOCUMENT * len(documents))
    articles: list[Article] = []
    with collector_paused():
        for article in each_forked(partial(make_article, settings=settings), documents, processes):
            articles.append(article)
            if on_article is not None:
                on_article(article)
    return articles


def story_from_documents(
    documents: Sequence[Document],
    problems: Sequence[Problem] = (),
    on_stage: StageHook | None = None,
    settings: Settings = DEFAULT,
) -> Story:
    """Clean, segment, align and diff ``documents`` into a ``Story``.

    ``on_stage`` is told the name of each stage as it finishes (see ``StageHook``).
    """
    with collector_paused():
        cache = FeatureCache(settings)
        articles = make_articles(documents, cache.learn, settings)
        if on_stage is not None:
            on_stage("clean+segment")
        return _build(articles, problems, on_stage, settings, cache)


def story_from_articles(
    articles: Sequence[Article],
    problems: Sequence[Problem] = (),
    on_stage: StageHook | None = None,
    settings: Settings = DEFAULT,
) -> Story:
    """Align and diff articles made by ``make_article`` into a ``Story``.

    The same story ``story_from_documents`` makes from the articles' documents: articles
    are ordered by id, and one with no text left after cleaning becomes a problem.
    ``on_stage`` is told "features/index", "align", "shared wording", "diff", "nearest" and
    "facts" as they finish.
    """
    with collector_paused():
        return _build(articles, problems, on_stage, settings)


#: Words that make the name after them a source of the sentence, not what it tells of
#: ("told the BBC", "according to Reuters", "quoted by Fox").
_SOURCE_BEFORE = frozenset({"told", "to", "by", "tells"})
#: Verbs that make the name just before them the speaker ("Noem said", "Reuters reported").
_SOURCE_AFTER = frozenset({"said", "says", "told", "tells", "reported", "reports", "added"})
#: Words that make a name before a verb of saying a place, not a speaker ("police in Kabul said").
_PLACE_BEFORE = frozenset({"in", "at", "of", "from", "near"})
_WORD = re.compile(r"[^\W_]+")


def _slots_of_names(text: str, features: SentenceFeatures) -> dict[str, set[str]]:
    """The names (stems) of a sentence, each with the words written before it ("in Kabul":
    "in"), leaving out the sentence's sources: names in attribution frames ("told the BBC",
    "according to Reuters", "Noem said"). One pass over the sentence's words, so a long one
    (a transcript without full stops) costs its length, not its length times its names."""
    words = [(m.group(), m.group().lower()) for m in _WORD.finditer(text)]
    forms = {form for _, form, _ in features.names}
    at: dict[str, list[int]] = {}
    # Where the run of capitalised words around each word starts and ends.
    before = [-1] * len(words)
    after = [len(words)] * len(words)
    last = -1
    for k, (word, _) in enumerate(words):
        before[k] = last
        if not word[0].isupper():
            last = k
        if word in forms:
            at.setdefault(word, []).append(k)
    last = len(words)
    for k in range(len(words) - 1, -1, -1):
        after[k] = last
        if not words[k][0][0].isupper():
            last = k
    slots: dict[str, set[str]] = {}
    for stem, form in dict.fromkeys((stem, form) for stem, form, _ in features.names):
        for k in at.get(form, ()):
            b, a = before[k], after[k]
            slot = words[b][1] if b >= 0 else ""
            if slot == "the" and b > 0:
                source = words[b - 1][1] in _SOURCE_BEFORE
            else:
                source = slot in _SOURCE_BEFORE
            if a < len(words) and words[a][1] in _SOURCE_AFTER:
                source = source or slot not in _PLACE_BEFORE
            if not source:
                slots.setdefault(stem, set()).add(slot)
    return slots


def _names_by_slot(slots_of: dict[str, set[str]], names: set[str]) -> dict[str, set[str]]:
    """``names`` (stems) of a sentence by the word written before each (``_slots_of_names``)."""
    slots: dict[str, set[str]] = {}
    for stem in names:
        for slot in slots_of.get(stem, ()):
            slots.setdefault(slot, set()).add(stem)
    return slots


def _counted_among_other_names(
    x: SentenceFeatures, text_x: str, y: SentenceFeatures, text_y: str
) -> bool:
    """Whether a figure both sentences give has names around it (within
    ``Settings.figure_context`` words) in each, in the same slot ("in Kabul" / "in Madrid"),
    and none in common: what it counts is told of different participants or places, two facts
    (the figure rule's "the names around it"). Names elsewhere in the sentences, and their
    sources ("told the BBC", "Noem said"), do not count: a copied clause is often set in a
    sentence of the outlet's own, naming its own sources."""
    names_x = {stem for stem, _, _ in x.names}
    names_y = {stem for stem, _, _ in y.names}
    slots_x: dict[str, set[str]] | None = None
    slots_y: dict[str, set[str]] | None = None
    for fx in x.figures:
        near_x: dict[str, set[str]] | None = None
        for fy in y.figures:
            if fx.value != fy.value:
                continue
            if slots_x is None or slots_y is None:
                slots_x, slots_y = _slots_of_names(text_x, x), _slots_of_names(text_y, y)
            if near_x is None:
                near_x = _names_by_slot(slots_x, names_x & fx.around)
            near_y = _names_by_slot(slots_y, names_y & fy.around)
            if set().union(*near_x.values()) & set().union(*near_y.values()):
                continue
            if any(near_x[slot] and near_y[slot] for slot in near_x.keys() & near_y.keys()):
                return True
    return False


def _told_alike(articles: Sequence[Article], index: SentenceIndex, settings: Settings) -> Differ:
    """Whether two aligned parts of sentences of a stretch of shared wording tell another fact
    in the same words: the sentence matcher's word-order model says they give their names
    other roles (``roles_differ``: "X was awarded the prize by Y" / "Y was awarded the prize
    by X"), or the stretch holds a figure both give among different names
    (``_counted_among_other_names``: "17 people were wounded" in Kabul and in Madrid).
    Shared words there are no shared fact, and a passage would say they are. A part that is a
    whole sentence is read from the index; a part of a longer sentence (one side runs the
    other's sentences into one) is read on its own."""
    first_key = [0]
    for article in articles:
        first_key.append(first_key[-1] + len(article.sentences))

    def read(a: int, span: Span) -> tuple[SentenceFeatures, str]:
        article = articles[a]
        number = _sentence_at(article, span[0])
        sentence = article.sentences[number]
        text = article.text
        whole = (_alnum_after(text, sentence.start), _alnum_before(text, sentence.end))
        if span[0] <= whole[0] and span[1] >= whole[1]:
            return index.features[first_key[a] + number], text[sentence.start : sentence.end]
        return features(text[span[0] : span[1]], settings), text[span[0] : span[1]]

    def differ(a: int, span_a: Span, held: Span, b: int, span_b: Span) -> bool:
        (x, text_x), (y, text_y) = read(a, span_a), read(b, span_b)
        if roles_differ(x, y, index.weights, settings.order_veto):
            return True
        return any(
            c.isdigit() for c in articles[a].text[held[0] : held[1]]
        ) and _counted_among_other_names(x, text_x, y, text_y)

    return differ


def _shared_tier(
    articles: Sequence[Article], clusters: list[Cluster], index: SentenceIndex, settings: Settings
) -> tuple[list[Cluster], list[dict[int, tuple[int, int]]], list[dict[int, tuple[int, int]]]]:
    """The sentence clusters that stay, the groups of shared wording (character spans), and
    the first search's groups (``_copied_out_of_passages`` reads them).

    A first pass searches the text no sentence passage covers plus the sentences of small
    passages, to see which of those are parts of a longer copy (``_absorbed``); the second
    searches what the remaining sentence passages leave, so the two never overlap.
    """
    texts = [a.text for a in articles]
    big = [c for c in clusters if len(c.spans) > settings.absorb_max_members]
    searched = _covered(articles, big)
    for cluster in big:
        a, (first, last) = _longest_member(cluster, articles)
        searched[a].difference_update(range(first, last + 1))
    regions = [_unclaimed(article, searched[a]) for a, article in enumerate(articles)]
    differ = _told_alike(articles, index, settings)
    starts = [[s.start for s in article.sentences] for article in articles]
    found = shared_wording(texts, regions, settings, differ, starts)
    holding = _groups_holding(found, len(articles))
    absorbed = [_absorbed(c, holding, articles, settings) for c in clusters]
    given_way = [c for c, gone in zip(clusters, absorbed, strict=True) if gone]
    clusters = [c for c, gone in zip(clusters, absorbed, strict=True) if not gone]
    clusters = _with_copiers(clusters, holding, articles)
    covered = _covered(articles, clusters)
    regions = [_unclaimed(article, covered[a]) for a, article in enumerate(articles)]
    groups = shared_wording(texts, regions, settings, differ, starts)
    # A passage that gave way to a copy the second search no longer finds (the copy ran on
    # into a passage that stayed, and what is left of it holds no seed) comes back, unless
    # shared wording found there now touches it.
    holding = _groups_holding(groups, len(articles))
    clusters += [c for c in given_way if not _touched(c, holding, articles)]
    groups, kept = _joined_across(groups, clusters, articles)
    return [cluster for cluster, keep in zip(clusters, kept, strict=True) if keep], groups, found


def _longest_member(cluster: Cluster, articles: Sequence[Article]) -> tuple[int, tuple[int, int]]:
    """The member of ``cluster`` (article, sentence span) with the most characters, the
    first article's of equals: the one a wide passage keeps in the first search."""

    def length(member: tuple[int, tuple[int, int]]) -> tuple[int, int]:
        a, (first, last) = member
        sentences = articles[a].sentences
        return sentences[last].end - sentences[first].start, -a

    return max(cluster.spans.items(), key=length)


def _touched(
    cluster: Cluster,
    holding: _Holding,
    articles: Sequence[Article],
) -> bool:
    """Whether a group of shared wording (``holding``: per article, the groups with a span
    in it) overlaps a member of ``cluster`` (sentence spans)."""
    for a, (first, last) in cluster.spans.items():
        start, end = articles[a].sentences[first].start, articles[a].sentences[last].end
        if any(g[a][0] < end and start < g[a][1] for g in holding[a]):
            return True
    return False


def _clipped(
    group: dict[int, tuple[int, int]],
    owners: Sequence[Sequence[tuple[int, int, Passage | None]]],
    articles: Sequence[Article],
    settings: Settings,
) -> dict[int, tuple[int, int]]:
    """Each span of ``group`` cut at the end of the owner's region it starts in: the first
    search read past the regions of this one ("… the quarantine pier.\n\nThe", where both
    parent articles' next paragraphs open with "The"). A span left with fewer than
    ``min_match_words`` words is dropped."""
    clipped = {}
    for a, (start, end) in group.items():
        k = bisect_right(owners[a], (start, math.inf)) - 1
        if k < 0 or start >= owners[a][k][1]:
            continue
        if end > owners[a][k][1]:
            end = _alnum_before(articles[a].text, owners[a][k][1])
        if len(TOKEN.findall(articles[a].text, start, end)) >= settings.min_match_words:
            clipped[a] = (start, end)
    return clipped


#: An owner of a region (``_by_owner``).
_O = TypeVar("_O")


def _nested_wording(
    passages: Sequence[Passage],
    articles: Sequence[Article],
    index: SentenceIndex,
    settings: Settings,
) -> list[Passage]:
    """Shared wording inside the members of rewrites, each a passage ``within`` its rewrite.

    A rewrite's word diff is hidden (its members tell one fact in other words), so a clause
    two of them copy ("sent a letter to Treasury Secretary Scott Bessent") would go unseen
    inside it. The search reads the rewrites' members only, and a stretch counts for the
    articles whose span lies inside one rewrite's member: nested, never across passages. A
    passage of close or same wording shows its diff already; there it would add nothing.
    """
    position = {article.id: a for a, article in enumerate(articles)}
    owners: list[list[tuple[int, int, Passage]]] = [[] for _ in articles]
    for passage in passages:
        if passage.kind == REWRITE:
            for m in passage.members:
                owners[position[m.article]].append((m.start, m.end, passage))
    if not any(owners):
        return []
    for found in owners:
        found.sort(key=lambda owner: owner[0])
    regions = [[(start, end) for start, end, _ in found] for found in owners]
    starts = [[s.start for s in article.sentences] for article in articles]
    trim = _told_alike(articles, index, settings)
    texts = [a.text for a in articles]
    nested: list[tuple[str, dict[int, tuple[int, int]]]] = []
    for group in shared_wording(texts, regions, settings, trim, starts):
        for parent, spans in _by_owner(group, owners).values():
            if len(spans) >= 2:
                nested.append((parent.id, spans))
    made = _passages([], [spans for _, spans in nested], articles, settings)
    return [replace(p, within=within) for p, (within, _) in zip(made, nested, strict=True)]


def _by_owner(
    group: dict[int, tuple[int, int]], owners: Sequence[Sequence[tuple[int, int, _O]]]
) -> dict[int, tuple[_O, dict[int, tuple[int, int]]]]:
    """The spans of ``group`` by the owner whose region (per article: (start, end, owner),
    in text order) holds each; a span no region holds whole is left out."""
    found: dict[int, tuple[_O, dict[int, tuple[int, int]]]] = {}
    for a, (start, end) in group.items():
        k = bisect_right(owners[a], (start, math.inf)) - 1
        if k >= 0 and end <= owners[a][k][1]:
            owner = owners[a][k][2]
            found.setdefault(id(owner), (owner, {}))[1][a] = (start, end)
    return found


def _copied_out_of_passages(
    passages: Sequence[Passage],
    articles: Sequence[Article],
    settings: Settings,
    free: Sequence[Sequence[tuple[int, int]]],
    first_search: Sequence[dict[int, tuple[int, int]]],
    differ: Differ,
) -> list[Passage]:
    """Wording single-source text shares with a member of a sentence passage ("drug
    trafficking, money laundering and corruption" in a sentence NewsNation's rewrite holds
    and in one of Fox News' own), each a passage ``within`` that passage, its other members
    ``outside`` it.

    The second shared-wording search reads only what no sentence passage holds, so such a
    copy goes unseen there; the first search, which read the sentences of small passages
    too, found it (``first_search``: its groups, already cut where two sentences tell
    another fact, ``_told_alike``). A group counts when a span lies in single-source text
    (``free``: per article, the spans no passage holds) of an article the passage does not
    hold, and another inside a member of a sentence passage: the one holding most of its
    spans. The first search read one member of a passage wider than ``absorb_max_members``
    (``_shared_tier``); the copy is then looked for in each of its other members.
    """
    position = {article.id: a for a, article in enumerate(articles)}
    # Per article, the regions and who holds them: a passage, or None for single-source text.
    owners: list[list[tuple[int, int, Passage | None]]] = [[] for _ in articles]
    for passage in passages:
        if passage.kind != SHARED_WORDING:
            for m in passage.members:
                owners[position[m.article]].append((m.start, m.end, passage))
    for a, runs in enumerate(free):
        owners[a] += [(start, end, None) for start, end in runs]
    for spans in owners:
        spans.sort(key=lambda owner: owner[:2])
    made: list[tuple[Passage, dict[int, tuple[int, int]], dict[int, tuple[int, int]]]] = []
    for group in first_search:
        held = _by_owner(_clipped(group, owners, articles, settings), owners)
        outside = held.pop(id(None), (None, {}))[1]
        parents = sorted(held.values(), key=lambda found: -len(found[1]))
        if not outside or not parents:
            continue
        parent, inside = parents[0]
        assert isinstance(parent, Passage)
        # An article the parent holds tells its own version there: a copy of the parent's
        # text elsewhere in it is a repetition, not what the articles share.
        carried = {position[article] for article in parent.articles}
        outside = {a: span for a, span in outside.items() if a not in carried}
        if not outside:
            continue
        if len(parent.members) > settings.absorb_max_members:
            inside |= _shared_with_members(parent, inside, outside, articles, settings, differ)
        made.append((parent, inside, outside))
    found = _passages(
        [], [{**inside, **outside} for _, inside, outside in made], articles, settings
    )
    return [
        replace(p, within=parent.id, outside=tuple(sorted(articles[a].id for a in outside)))
        for p, (parent, _, outside) in zip(found, made, strict=True)
    ]


def _shared_with_members(
    parent: Passage,
    inside: dict[int, tuple[int, int]],
    outside: dict[int, tuple[int, int]],
    articles: Sequence[Article],
    settings: Settings,
    differ: Differ,
) -> dict[int, tuple[int, int]]:
    """The span of each member of ``parent`` not in ``inside`` that shares wording with the
    copy's ``outside`` spans (article index -> character span), each member searched against
    those spans alone."""
    position = {article.id: a for a, article in enumerate(articles)}
    order = sorted(outside)
    texts = [articles[a].text for a in order]
    starts = [[s.start for s in articles[a].sentences] for a in order]
    regions = [[outside[a]] for a in order]
    # Members of a wide passage often carry one text: each is searched once, its finding
    # kept as offsets into the member.
    by_text: dict[str, tuple[int, int] | None] = {}
    found = {}
    for member in parent.members:
        b = position[member.article]
        if b in inside:
            continue
        text = articles[b].text
        wording = text[member.start : member.end]
        if wording not in by_text:
            groups = shared_wording(
                [*texts, text],
                [*regions, [(member.start, member.end)]],
                settings,
                _renumbered(differ, [*order, b]),
                [*starts, [s.start for s in articles[b].sentences]],
            )
            last = len(order)
            spans = [group[last] for group in groups if last in group and len(group) > 1]
            widest = max(spans, key=lambda span: span[1] - span[0], default=None)
            by_text[wording] = (
                None if widest is None else (widest[0] - member.start, widest[1] - member.start)
            )
        if (offsets := by_text[wording]) is not None:
            found[b] = (member.start + offsets[0], member.start + offsets[1])
    return found


def _renumbered(differ: Differ, articles: Sequence[int]) -> Differ:
    """``differ`` for a search over ``articles`` only (search index -> article index)."""

    def told_apart(a: int, span_a: Span, held: Span, b: int, span_b: Span) -> bool:
        return differ(articles[a], span_a, held, articles[b], span_b)

    return told_apart


def _numbered(passages: Sequence[Passage], before: int = 0) -> list[Passage]:
    """``passages`` most widely shared first, numbered on from ``before``."""
    ordered = sorted(
        passages,
        key=lambda p: (-len(p.members), -p.similarity, p.members[0].article, p.members[0].start),
    )
    return [replace(passage, id=f"p{n}") for n, passage in enumerate(ordered, start=before + 1)]


def _build(
    articles: Sequence[Article],
    problems: Sequence[Problem],
    on_stage: StageHook | None,
    settings: Settings,
    cache: FeatureCache | None = None,
) -> Story:
    def done(stage: str) -> None:
        if on_stage is not None:
            on_stage(stage)

    problems = list(problems)
    usable = []
    for article in sorted(articles, key=lambda a: a.id):
        if article.sentences:
            usable.append(article)
        else:
            problems.append(Problem(article.source, "no article text left after cleaning"))
    index = build_index(usable, settings, cache)
    if cache is not None:
        # So that the features go with the index, before facts and the export.
        cache.clear()
    done("features/index")
    clusters = align(usable, index, settings)
    done("align")
    groups: list[dict[int, tuple[int, int]]] = []
    first_search: list[dict[int, tuple[int, int]]] = []
    if settings.shared_wording:
        clusters, groups, first_search = _shared_tier(usable, clusters, index, settings)
    done("shared wording")
    passages = _numbered(_passages(clusters, groups, usable, settings))
    # Nested passages come after the others, so a story without any keeps its numbering.
    top = len(passages)
    claimed: dict[str, list[tuple[int, int]]] = {a.id: [] for a in usable}
    for passage in passages:
        for member in passage.members:
            claimed[member.article].append((member.start, member.end))
    runs = {a.id: _unique_runs(a, claimed[a.id]) for a in usable}
    if settings.shared_wording:
        free = [[(u.start, u.end) for u in runs[a.id]] for a in usable]
        nested = _nested_wording(passages, usable, index, settings)
        nested += _copied_out_of_passages(
            passages, usable, settings, free, first_search, _told_alike(usable, index, settings)
        )
        passages += _numbered(nested, top)
        # A nested passage's members outside its parent were single-source text.
        changed = set()
        for passage in passages[top:]:
            for member in passage.members:
                if not passage.inside_parent(member.article):
                    claimed[member.article].append((member.start, member.end))
                    changed.add(member.article)
        for article in usable:
            if article.id in changed:
                runs[article.id] = _unique_runs(article, claimed[article.id])
    unique = [u for a in usable for u in runs[a.id]]
    # The rest of a sentence beside a member (a nested passage's outside its parent too).
    beside = passages[:top] + [p for p in passages[top:] if p.outside]
    unique, remnants = _remnants(unique, beside, usable, settings)
    done("diff")
    unique = _with_nearest(unique, usable, index, settings, passages[:top])
    # Nothing after nearest reads the index (features and postings: about 60 MB at 1,000
    # articles); let it go before facts and the export, where memory peaks.
    del index
    stats = _stats(usable, passages, unique)
    done("nearest")
    sentences = sum(len(a.sentences) for a in usable)
    analysis = analyse(usable, passages, processes_for(settings, sentences))
    # A rewrite's figures are compared by the figure analysis, its words not at all.
    labels = {article.id: article.label for article in usable}
    passages = [
        replace(p, disagreements=said)
        if (said := rewrite_disagreements(p, analysis.figure_groups, labels))
        else p
        for p in passages
    ]
    done("facts")
    story = Story(tuple(usable), tuple(passages), tuple(unique), tuple(problems), stats, analysis)
    return replace(story, analytics=count_pairs(usable, passages), remnants=tuple(remnants))


def build_story(paths: Sequence[str | Path], settings: Settings = DEFAULT) -> Story:
    """Load, clean, segment, align and diff the articles named by ``paths``."""
    loaded = load_paths(paths)
    return story_from_documents(loaded.documents, loaded.problems, settings=settings)
