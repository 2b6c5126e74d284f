"""The pipeline: files ─► load ─► clean ─► segment ─► align ─► diff ─► ``Story``."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz

from tui.core.aligning import MATCH_THRESHOLD, Cluster, align, build_index
from tui.core.analytics import analyse
from tui.core.cleaning import clean, sanitize, sanitize_line
from tui.core.diffing import is_same_wording, word_diff
from tui.core.loading import load_paths
from tui.core.model import (
    CLOSE_WORDING,
    REWRITE,
    SAME_WORDING,
    Article,
    ArticleStats,
    DiffOp,
    Document,
    Member,
    Passage,
    Problem,
    Story,
    Unique,
)
from tui.core.segmenting import split_paragraphs, split_sentences

_PACKAGE = Path(__file__).resolve().parents[1]
#: The bundled seed articles: the top-level ``seeds/`` of a source checkout, else the copy
#: packaged inside ``tui/`` (``tui/seeds`` links to it in the checkout).
SEEDS = next(
    (p for p in (_PACKAGE.parent / "seeds", _PACKAGE / "seeds") if (p / "sources.toml").is_file()),
    _PACKAGE / "seeds",
)
#: Up to this many members, the base version is chosen by comparing every pair of members;
#: beyond it, each distinct wording is compared with at most this many distinct wordings.
MAX_BASE_COMPARISONS = 24

#: Told the name of each stage of ``story_from_documents`` as it finishes (for progress
#: reports and the benchmark): "clean+segment", "features/index", "align", "diff"
#: (``story_from_articles`` starts from cleaned articles, so it skips "clean+segment").
StageHook = Callable[[str], None]


def _line(value: str | None) -> str | None:
    """Untrusted one-line metadata made inert; None when nothing is left."""
    return sanitize_line(value) or None if value is not None else None


def make_article(document: Document) -> Article:
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
        paragraphs=tuple(paragraphs),
        sentences=tuple(split_sentences(cleaned.text, paragraphs)),
        url=_line(document.url),
        author=_line(document.author),
    )


def _passage(cluster: Cluster, articles: Sequence[Article]) -> Passage:
    members = []
    for index in sorted(cluster.spans, key=lambda i: articles[i].id):
        article = articles[index]
        first, last = cluster.spans[index]
        start, end = article.sentences[first].start, article.sentences[last].end
        members.append(Member(article.id, start, end, article.text[start:end], first, last))
    base = _most_common_version(members)
    # Members with the same wording share one diff (large stories repeat wire copy verbatim).
    diffs_by_text: dict[str, tuple[DiffOp, ...]] = {}
    for member in members:
        if member.text not in diffs_by_text:
            diffs_by_text[member.text] = word_diff(members[base].text, member.text)
    diffs = tuple(diffs_by_text[member.text] for member in members)
    same_wording = all(is_same_wording(d) for d in diffs)
    if same_wording:
        kind = SAME_WORDING
    else:
        kind = CLOSE_WORDING if cluster.similarity >= MATCH_THRESHOLD else REWRITE
    return Passage(
        id="",
        similarity=cluster.similarity,
        members=tuple(members),
        base=base,
        diffs=diffs,
        same_wording=same_wording,
        kind=kind,
    )


def _most_common_version(members: list[Member]) -> int:
    """The member the others differ from least: the one whose wording is most often repeated."""
    if len(members) <= MAX_BASE_COMPARISONS:

        def closeness(i: int) -> float:
            return sum(
                fuzz.ratio(members[i].text, other.text) for j, other in enumerate(members) if j != i
            )

        return max(range(len(members)), key=lambda i: (closeness(i), -i))
    # Many members: score each distinct wording once, against (an even sample of) the
    # distinct wordings weighted by how many members use them.
    counts = Counter(member.text for member in members)
    wordings = sorted(counts, key=lambda t: (-counts[t], t))
    step = max(1, len(wordings) // MAX_BASE_COMPARISONS)
    sample = wordings[::step][:MAX_BASE_COMPARISONS]
    sampled = set(sample)
    score = {
        # Less 100: a member is not compared with itself (other members with its wording are).
        text: sum(counts[other] * fuzz.ratio(text, other) for other in sample)
        - (100 if text in sampled else 0)
        for text in wordings
    }
    return max(range(len(members)), key=lambda i: (score[members[i].text], -i))


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


def _stats(
    articles: Sequence[Article], passages: Sequence[Passage], unique: Sequence[Unique]
) -> dict[str, ArticleStats]:
    """Per-article figures, in one pass over the passages and single-source runs."""
    shared_chars: Counter[str] = Counter()
    shared_passages: Counter[str] = Counter()
    for passage in passages:
        for member in passage.members:
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the story is built.

    The engine makes hundreds of thousands of small objects that are kept (features, spans,
    members) and no reference cycles, so every full collection walks them all for nothing:
    on a 1,000-article story that was about a sixth of the time. Reference counting still frees
    everything as usual, and the collector is switched back on (if it was on) afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def make_articles(
    documents: Sequence[Document], on_article: Callable[[Article], None] | None = None
) -> list[Article]:
    """Clean and segment ``documents`` into articles, in the documents' order.

    ``on_article`` is told each article as soon as it is made (the app shows them while the
    rest are still being cleaned).
    """
    articles = []
    with _collector_paused():
        for document in documents:
            article = make_article(document)
            articles.append(article)
            if on_article is not None:
                on_article(article)
    return articles


def story_from_documents(
    documents: Sequence[Document],
    problems: Sequence[Problem] = (),
    on_stage: StageHook | None = None,
) -> Story:
    """Clean, segment, align and diff ``documents`` into a ``Story``.

    ``on_stage`` is told the name of each stage as it finishes (see ``StageHook``).
    """
    with _collector_paused():
        articles = make_articles(documents)
        if on_stage is not None:
            on_stage("clean+segment")
        return story_from_articles(articles, problems, on_stage)


def story_from_articles(
    articles: Sequence[Article],
    problems: Sequence[Problem] = (),
    on_stage: StageHook | None = None,
) -> Story:
    """Align and diff articles made by ``make_article`` into a ``Story``.

    The same story ``story_from_documents`` makes from the articles' documents: articles
    are ordered by id, and one with no text left after cleaning becomes a problem.
    ``on_stage`` is told "features/index", "align" and "diff" as they finish.
    """
    with _collector_paused():
        return _build(articles, problems, on_stage)


def _build(
    articles: Sequence[Article], problems: Sequence[Problem], on_stage: StageHook | None
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
    index = build_index(usable)
    done("features/index")
    clusters = align(usable, index)
    done("align")
    passages = [_passage(cluster, usable) for cluster in clusters]
    passages.sort(
        key=lambda p: (-len(p.members), -p.similarity, p.members[0].article, p.members[0].start)
    )
    passages = [replace(passage, id=f"p{n}") for n, passage in enumerate(passages, start=1)]
    covered: dict[str, set[int]] = {a.id: set() for a in usable}
    for passage in passages:
        for member in passage.members:
            covered[member.article].update(range(member.first_sentence, member.last_sentence + 1))
    unique = [u for a in usable for u in _unique_runs(a, covered[a.id])]
    stats = _stats(usable, passages, unique)
    done("diff")
    story = Story(tuple(usable), tuple(passages), tuple(unique), tuple(problems), stats)
    return replace(story, analytics=analyse(usable, passages))


def build_story(paths: Sequence[str | Path]) -> Story:
    """Load, clean, segment, align and diff the articles named by ``paths``."""
    loaded = load_paths(paths)
    return story_from_documents(loaded.documents, loaded.problems)
