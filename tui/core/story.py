"""The pipeline: files ─► load ─► clean ─► segment ─► align ─► diff ─► ``Story``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

from tui.core.aligning import Cluster, align
from tui.core.cleaning import clean
from tui.core.diffing import is_same_wording, word_diff
from tui.core.loading import load_paths
from tui.core.model import (
    Article,
    ArticleStats,
    Document,
    Member,
    Passage,
    Problem,
    Story,
    Unique,
)
from tui.core.segmenting import split_paragraphs, split_sentences

#: Where the bundled seed articles live (a folder beside the package in a source checkout).
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def make_article(document: Document) -> Article:
    cleaned = clean(document)
    paragraphs = split_paragraphs(cleaned.text)
    return Article(
        id=document.id,
        source=document.source,
        title=cleaned.title,
        outlet=document.outlet,
        date=cleaned.date,
        text=cleaned.text,
        removed=document.removed + cleaned.removed,
        paragraphs=tuple(paragraphs),
        sentences=tuple(split_sentences(cleaned.text, paragraphs)),
        url=document.url,
        author=document.author,
    )


def _passage(cluster: Cluster, articles: Sequence[Article]) -> Passage:
    members = []
    for index in sorted(cluster.spans, key=lambda i: articles[i].id):
        article = articles[index]
        first, last = cluster.spans[index]
        start, end = article.sentences[first].start, article.sentences[last].end
        members.append(Member(article.id, start, end, article.text[start:end], first, last))
    base = _most_common_version(members)
    diffs = tuple(word_diff(members[base].text, member.text) for member in members)
    return Passage(
        id="",
        similarity=cluster.similarity,
        members=tuple(members),
        base=base,
        diffs=diffs,
        same_wording=all(is_same_wording(d) for d in diffs),
    )


def _most_common_version(members: list[Member]) -> int:
    """The member the others differ from least: the one whose wording is most often repeated."""
    def closeness(i: int) -> float:
        return sum(
            fuzz.ratio(members[i].text, other.text) for j, other in enumerate(members) if j != i
        )

    return max(range(len(members)), key=lambda i: (closeness(i), -i))


def _unique_runs(article: Article, covered: set[int]) -> list[Unique]:
    runs: list[Unique] = []
    first: int | None = None
    sentences = article.sentences
    for index, sentence in enumerate(sentences):
        inside = index not in covered
        if inside and first is None:
            first = index
        ends = (
            not inside
            or index + 1 == len(sentences)
            or sentences[index + 1].paragraph != sentence.paragraph
            or (index + 1) in covered
        )
        if first is not None and inside and ends:
            start, end = sentences[first].start, sentence.end
            runs.append(Unique(article.id, start, end, article.text[start:end], first, index))
            first = None
    return runs


def _stats(article: Article, passages: Sequence[Passage], unique: Sequence[Unique]) -> ArticleStats:
    shared_chars = sum(
        m.end - m.start for p in passages for m in p.members if m.article == article.id
    )
    total = sum(s.end - s.start for s in article.sentences) or 1
    return ArticleStats(
        words=article.word_count,
        shared=min(1.0, shared_chars / total),
        unique_passages=sum(1 for u in unique if u.article == article.id),
        shared_passages=sum(1 for p in passages if p.member_for(article.id)),
    )


def story_from_documents(
    documents: Sequence[Document], problems: Sequence[Problem] = ()
) -> Story:
    articles = sorted((make_article(d) for d in documents), key=lambda a: a.id)
    problems = list(problems)
    usable = []
    for article in articles:
        if article.sentences:
            usable.append(article)
        else:
            problems.append(Problem(article.source, "no article text left after cleaning"))
    passages = [_passage(cluster, usable) for cluster in align(usable)]
    passages.sort(
        key=lambda p: (-len(p.members), -p.similarity, p.members[0].article, p.members[0].start)
    )
    passages = [
        Passage(f"p{n}", p.similarity, p.members, p.base, p.diffs, p.same_wording)
        for n, p in enumerate(passages, start=1)
    ]
    covered: dict[str, set[int]] = {a.id: set() for a in usable}
    for passage in passages:
        for member in passage.members:
            covered[member.article].update(range(member.first_sentence, member.last_sentence + 1))
    unique = [u for a in usable for u in _unique_runs(a, covered[a.id])]
    stats = {a.id: _stats(a, passages, unique) for a in usable}
    return Story(tuple(usable), tuple(passages), tuple(unique), tuple(problems), stats)


def build_story(paths: Sequence[str | Path]) -> Story:
    """Load, clean, segment, align and diff the articles named by ``paths``."""
    loaded = load_paths(paths)
    return story_from_documents(loaded.documents, loaded.problems)

