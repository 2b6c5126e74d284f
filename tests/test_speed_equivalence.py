"""The speed work changes no result: union-find clustering against the greedy merging it
replaced, exports built with and without worker processes, orjson against ``json.dumps``.

(Whole exports of the seeds and of 300 and 1,000 generated articles were also compared byte
for byte with those of the engine before the speed work; the seeds' stays pinned by
``test_golden.py``.)
"""

from __future__ import annotations

import heapq
import json
import math
import random
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bench.generate import generate_story
from tui.core import aligning
from tui.core.aligning import (
    Match,
    SentenceIndex,
    SentenceKey,
    _candidate_pairs,
    _candidates_in,
    _figure_buckets,
    _figure_pairs_in,
    _greedy_clusters,
    _Group,
    _probes,
    _scored_matches,
    build_index,
)
from tui.core.exporting import dumps_indented, to_dict, to_json, to_json_bytes
from tui.core.model import Article, Document, Unique
from tui.core.parallel import processes_for
from tui.core.settings import Settings
from tui.core.similarity import (
    IDENTICAL,
    MODEL,
    Number,
    SentenceFeatures,
    Weights,
    _best_stretch,
    _cheap_features,
    _close,
    _features_but_stretch,
    _least_stretch,
    _number,
    _number_agreement,
    _readings,
    _sigmoid,
    features,
    logit,
    match_score,
    roles_differ,
    same_fact,
    similarity,
    similarity_reaching,
)
from tui.core.story import make_articles, story_from_documents


def _note(group: _Group, evidence: tuple[str, ...], fact: bool | None = None) -> None:
    if fact or (fact is None and evidence):
        group.fact = True
    group.evidence.extend(e for e in evidence if e not in group.evidence)


def _old_greedy_clusters(matches: Sequence[Match]) -> list[_Group]:
    """The clustering before union-find, verbatim: every merge intersects both clusters."""
    cluster_of: dict[SentenceKey, int] = {}
    clusters: list[_Group | None] = []
    for _score, left, right, evidence in matches:
        a, b = cluster_of.get(left), cluster_of.get(right)
        if a is not None and a == b:
            continue
        if evidence and any(
            c is not None and not (clusters[c] is not None and clusters[c].fact)  # type: ignore[union-attr]
            for c in (a, b)
        ):
            continue
        if a is None and b is None:
            cluster_of[left] = cluster_of[right] = len(clusters)
            group = _Group({left[0]: left[1], right[0]: right[1]}, [], False)
            _note(group, evidence)
            clusters.append(group)
            continue
        if a is None:
            a, b, left, right = b, None, right, left
        assert a is not None
        target = clusters[a]
        assert target is not None
        if b is None:
            if right[0] not in target.members:
                target.members[right[0]] = right[1]
                cluster_of[right] = a
                _note(target, evidence)
            continue
        other = clusters[b]
        assert other is not None
        if target.members.keys() & other.members.keys():
            continue
        target.members.update(other.members)
        _note(target, evidence)
        _note(target, tuple(other.evidence), other.fact)
        for article, sentence in other.members.items():
            cluster_of[(article, sentence)] = a
        clusters[b] = None
    return [c for c in clusters if c is not None]


def _shape(groups: list[_Group]) -> list[tuple[list[tuple[int, int]], list[str], bool]]:
    # Member order included: passages are built from the members in this order.
    return [(list(g.members.items()), g.evidence, g.fact) for g in groups]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return generate_story(200, seed=5, words=300)


@pytest.fixture(scope="module")
def articles(documents: list[Document]) -> list[Article]:
    return sorted(make_articles(documents), key=lambda a: a.id)


def test_union_find_makes_the_greedy_clusters_of_a_generated_story(
    articles: list[Article],
) -> None:
    matches = list(_scored_matches(build_index([a for a in articles if a.sentences])))
    new = _greedy_clusters(matches)
    assert len(new) > 50 and max(len(g.members) for g in new) > 20  # big clusters merged
    assert _shape(new) == _shape(_old_greedy_clusters(matches))


@pytest.mark.parametrize("seed", range(40))
def test_union_find_makes_the_greedy_clusters_of_random_matches(seed: int) -> None:
    """Few articles and many matches: conflicts, merges of big into small, fact matches
    meeting wording clusters, repeated evidence."""
    rng = random.Random(seed)
    keys = [(a, s) for a in range(rng.randint(3, 12)) for s in range(rng.randint(1, 6))]
    matches: list[Match] = []
    for _ in range(rng.randint(5, 120)):
        left, right = rng.sample(keys, 2)
        if left[0] == right[0]:
            continue
        evidence = tuple(rng.sample("ABCDE", rng.randint(1, 2))) if rng.random() < 0.3 else ()
        matches.append((rng.random(), left, right, evidence))
    matches.sort(key=lambda m: (bool(m[3]), -m[0]))
    assert _shape(_greedy_clusters(matches)) == _shape(_old_greedy_clusters(matches))


_POOLED_AGAINST_ALONE = """
from bench.generate import generate_story
from tui.core.exporting import to_json, to_markdown
from tui.core.parallel import processes_for
from tui.core.settings import Settings
from tui.core.story import story_from_documents

documents = generate_story(200, seed=5, words=300)
pooled = Settings(processes=2, parallel_min_sentences=0)
assert processes_for(pooled, 1) == 2, "this fresh process should fork"
alone = story_from_documents(documents, settings=Settings(processes=1))
together = story_from_documents(documents, settings=pooled)
assert len(alone.passages) > 50, len(alone.passages)
assert to_json(together) == to_json(alone), "JSON differs"
assert to_markdown(together) == to_markdown(alone), "Markdown differs"
print("same")
"""


def test_exports_are_the_same_with_and_without_worker_processes() -> None:
    # In a fresh interpreter: after other tests this one has threads running (Textual's,
    # Dask's), and the engine rightly refuses to fork then, which would compare nothing.
    result = subprocess.run(
        [sys.executable, "-c", _POOLED_AGAINST_ALONE],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.strip() == "same", result.stderr[-2000:]


def test_small_stories_and_threads_stay_in_process() -> None:
    settings = Settings(processes=2, parallel_min_sentences=1_000)
    assert processes_for(settings, 999) == 1
    assert processes_for(Settings(processes=1, parallel_min_sentences=0), 10**6) == 1
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(processes_for(settings, 10**6)))
    thread.start()
    thread.join()
    assert seen == [1]  # forking beside another thread could copy a held lock


def _standard(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_json_export_is_what_the_standard_encoder_writes(
    seeds_story: object, documents: list[Document]
) -> None:
    for story in (seeds_story, story_from_documents(documents[:40])):
        assert to_json(story) == _standard(to_dict(story))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        {"a": [], "b": {}, "c": [1, {"x": None, "y": True, "z": False}], "d": -0.0},
        {"text": 'tab\t nl\n nul\x00 esc\x1b del\x7f \u2028\u2029 é “q” 😀 \\ " /'},
        {"floats": [1e-05, 2.5e-07, 0.1, 1e16, 1.5e22, 123456789.125, 5e-324]},
        {"word": "a 3e-7 in text"},
        {"big": 2**70, "small": -(2**63)},
        {"figures": [{"values": [{"value": math.inf}], "figures": []}]},
        {"figures": [{"values": [{"value": 2.5}], "figures": [{"value": math.nan}]}]},
        [1, 2.0, "three"],
    ],
)
def test_indented_json_is_byte_identical_on_awkward_values(data: object) -> None:
    assert dumps_indented(data) == _standard(data)


def test_json_bytes_are_the_json_text_encoded(seeds_story: object) -> None:
    # The file the export writes: the outlets' rows stay an integer array until orjson
    # writes them; the bytes are still the standard encoder's text of ``to_dict``.
    written = to_json_bytes(seeds_story)  # type: ignore[arg-type]
    assert written == _standard(to_dict(seeds_story)).encode()  # type: ignore[arg-type]
    assert b'"chars": [\n' in written


@pytest.mark.parametrize("extra", [{}, {"big": 2**70}, {"f": 3e-7}])
def test_integer_arrays_are_written_as_their_lists(extra: dict[str, object]) -> None:
    # ``extra`` sends the data to the standard encoder (orjson refuses or differs there).
    rows = np.array([[0, 12, 300], [7, 0, 2**40]], dtype=np.int64)
    for array in (rows, np.zeros((0, 0), dtype=np.int64), np.zeros((2, 0), dtype=np.int64)):
        data = {"outlets": {"chars": array}, **extra}
        assert dumps_indented(data) == _standard({"outlets": {"chars": array.tolist()}, **extra})


def _loop_candidates(index: SentenceIndex) -> set[tuple[int, int]]:
    """Candidate search before the arrays, verbatim in substance: a dict per sentence."""
    settings, table = index.settings, index.features
    cap = max(settings.min_posting_cap, int(settings.max_posting_share * len(table)))
    lengths: Counter[str] = Counter(word for feats in table for word in feats.words)
    weight = {word: index.weights[word] for word in lengths}
    needed = [
        settings.min_candidate_overlap * math.fsum([weight[w] for w in feats.words])
        for feats in table
    ]
    article_of = [key[0] for key in index.keys]
    postings: dict[str, list[int]] = {}
    probes: list[list[tuple[float, list[int], int, int]]] = [[] for _ in table]
    for i, feats in enumerate(table):
        if len(feats.words) < settings.min_tokens:
            continue
        for word in sorted(feats.words):
            if lengths[word] > cap:
                continue
            posting = postings.setdefault(word, [])
            window = (
                lengths[word]
                if lengths[word] <= settings.min_posting_cap
                else settings.posting_window
            )
            probes[i].append((weight[word], posting, len(posting) + 1, window))
            posting.append(i)
    pairs: set[tuple[int, int]] = set()
    for i, probe in enumerate(probes):
        shared: dict[int, float] = {}
        for word_weight, posting, after, window in probe:
            for j in posting[after : after + window]:
                if article_of[j] != article_of[i]:
                    shared[j] = shared.get(j, 0.0) + word_weight
        found = [(o, j) for j, o in shared.items() if o >= needed[i] or o >= needed[j]]
        if len(found) > settings.max_candidates:
            found.sort(key=lambda c: (-c[0], c[1]))
            del found[settings.max_candidates :]
        pairs.update((i, j) for _, j in found)
    return pairs


@pytest.mark.parametrize("max_candidates", [3, 40])
def test_array_candidate_search_finds_the_pairs_of_the_loop(
    articles: list[Article], max_candidates: int
) -> None:
    # 3 makes many sentences give up candidates (the ranking and its ties matter); 40 few.
    settings = Settings(processes=1, max_candidates=max_candidates, posting_window=8)
    index = build_index(articles, settings)
    expected = _loop_candidates(index)
    found = _candidate_pairs(index)
    assert found == sorted(expected)
    assert len(found) > 1000
    # Blocks of sentences and ranges of them add up to the whole.
    probes = _probes(index)
    width = len(index.features)
    middle = width // 3
    split = np.concatenate(
        (_candidates_in(probes, 0, middle), _candidates_in(probes, middle, width))
    )
    assert sorted(split.tolist()) == [i * width + j for i, j in found]


def _loop_matches(index: SentenceIndex) -> list[Match]:
    """Candidate pairs scored one by one and sorted, as before the arrays."""
    width = len(index.features)
    pairs = set(_candidate_pairs(index)) | _figure_pairs_in(index, _figure_buckets(index), 0, width)
    table, weights, settings = index.features, index.weights, index.settings
    found: list[tuple[float, int, int, tuple[str, ...]]] = []
    for i, j in pairs:
        score = match_score(table[i], table[j], weights, settings)
        if score is not None:
            found.append((-score, i, j, ()))
            continue
        fact = same_fact(table[i], table[j], weights, settings)
        if fact is not None:
            found.append((-0.01 * fact.strength, i, j, fact.evidence))
    found.sort()
    return [(-rank, index.keys[i], index.keys[j], why) for rank, i, j, why in found]


@pytest.mark.parametrize("slice_size", [7, aligning.MATCH_SLICE])
def test_matches_scored_once_per_wording_are_those_of_every_pair(
    articles: list[Article], slice_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The matches come from the sorted arrays a slice at a time; any slice gives them all.
    monkeypatch.setattr(aligning, "MATCH_SLICE", slice_size)
    index = build_index(articles, Settings(processes=1))
    matches = list(_scored_matches(index))
    assert any(why for *_, why in matches) and len(matches) > 1000  # facts and wordings
    assert matches == _loop_matches(index)


def _old_number_agreement(a: Sequence[Number], b: Sequence[Number]) -> tuple[int, int]:
    """``_number_agreement`` before its shortcut, verbatim."""
    if not a or not b:
        return 0, 0
    close = unmatched = 0
    for mine, theirs in ((a, b), (b, a)):
        values = {n.value for n in theirs}
        for x in mine:
            if x.value in values:
                continue
            if any(_close(x, y) for y in theirs):
                close += 1
            else:
                unmatched += 1
    return close, unmatched


def test_figure_agreement_is_what_it_was() -> None:
    rng = random.Random(3)
    written = ["2,290", "2,300", "2,100", "2000", "5", "50", "27.54", "27.5", "1,000,000", "0"]
    for _ in range(3000):
        a, b = ([_number(rng.choice(written)) for _ in range(rng.randint(0, 4))] for _ in "ab")
        x = tuple(n for n in a if n is not None)
        y = tuple(n for n in b if n is not None)
        assert _number_agreement(x, y) == _old_number_agreement(x, y)


def test_similarity_reaching_a_floor_is_the_similarity_there(articles: list[Article]) -> None:
    index = build_index(articles[:60], Settings(processes=1))
    table, weights = index.features, index.weights
    rng = random.Random(4)
    pairs = [(table[i], table[j]) for i, j in _candidate_pairs(index)]
    pairs += [(rng.choice(table), rng.choice(table)) for _ in range(500)]
    quoted = [f for f in table if f.quote is not None]
    pairs += [(q, rng.choice(table)) for q in quoted[:100]]
    seen = Counter[str]()
    for a, b in pairs:
        exact = similarity(a, b, weights)
        for floor in (0.0, 0.1, 0.3, 0.563):
            found = similarity_reaching(a, b, weights, floor)
            assert found == (exact if exact >= floor else None)
            seen["kept" if found is not None else "dropped"] += 1
    assert seen["kept"] > 100 and seen["dropped"] > 100


def _old_match_score(
    a: SentenceFeatures, b: SentenceFeatures, weights: Weights, settings: Settings
) -> float | None:
    """``match_score`` before the floor under ``best_stretch``, verbatim in substance."""
    threshold, model = settings.match_threshold, MODEL
    top = _sigmoid(logit(IDENTICAL, model))
    best: float | None = None
    words: float | None = None
    for x, y in _readings(a, b):
        cheap = _features_but_stretch(x, y, weights)
        if words is None:
            words = cheap[0]
        linear = model[0] + sum([c * f for c, f in zip(model[1:-1], cheap, strict=True)])
        if _sigmoid(linear + max(0.0, model[-1])) / top < threshold:
            continue
        low = _sigmoid(linear + min(0.0, model[-1])) / top
        if low < threshold:
            low = _sigmoid(linear + model[-1] * _best_stretch(x, y)) / top
        if low >= threshold:
            best = max(best or 0.0, min(1.0, low))
    if best is not None and roles_differ(a, b, weights, settings.order_veto, words):
        return None
    return best


def test_the_floor_under_best_stretch_changes_no_match(articles: list[Article]) -> None:
    settings = Settings(processes=1)
    index = build_index(articles, settings)
    table, weights = index.features, index.weights
    pairs = [(table[i], table[j]) for i, j in _candidate_pairs(index)]
    rng = random.Random(6)
    pairs += [(rng.choice(table), rng.choice(table)) for _ in range(3000)]
    floors = []
    for a, b in pairs:
        assert match_score(a, b, weights, settings) == _old_match_score(a, b, weights, settings)
        floor = _least_stretch(a, b, _cheap_features(a, b, weights)[1])
        assert floor <= _best_stretch(a, b)
        floors.append(floor)
    assert sum(0.3 < f < 0.999 for f in floors) > 1000  # a floor that says something


def _old_nearest(
    unique: list[Unique], articles: list[Article], index: SentenceIndex, settings: Settings
) -> list[tuple[tuple[str, int, int, float, tuple[str, ...]], ...]]:
    """The nearest candidates before the arrays, verbatim in substance: a dict of shared
    weight per run, ``heapq.nsmallest``, every candidate given its exact similarity."""
    position = {article.id: a for a, article in enumerate(articles)}
    cap = max(settings.min_posting_cap, int(settings.max_posting_share * len(index.keys)))
    postings: dict[str, list[int]] = {}
    for i, feats in enumerate(index.features):
        for word in feats.words:
            postings.setdefault(word, []).append(i)
    first_of = [0] * len(articles)
    for i, (a, s) in enumerate(index.keys):
        if s == 0:
            first_of[a] = i
    relative, article_of = index.weights.relative, [key[0] for key in index.keys]
    out = []
    for run in unique:
        a = position[run.article]
        sentence = articles[a].sentences[run.first_sentence]
        if run.first_sentence == run.last_sentence and (sentence.start, sentence.end) == (
            run.start,
            run.end,
        ):
            mine = index.features[first_of[a] + run.first_sentence]
        else:
            mine = features(run.text)
        probe = sorted(mine.words, key=lambda w: (-relative(w), w))[: settings.nearest_probe_words]
        shared: dict[int, float] = {}
        for word in probe:
            posting = postings.get(word, [])
            if len(posting) > cap:
                continue
            for j in posting[: settings.nearest_posting_window]:
                if article_of[j] != a:
                    shared[j] = shared.get(j, 0.0) + relative(word)
        best: dict[int, tuple[float, int]] = {}
        ranked_ = heapq.nsmallest(
            settings.nearest_candidates, shared, key=lambda j: (-shared[j], j)
        )
        for j in ranked_:
            score = similarity(mine, index.features[j], index.weights)
            if score < settings.nearest_min_score:
                continue
            if article_of[j] not in best or score > best[article_of[j]][0]:
                best[article_of[j]] = (score, j)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        out.append(
            tuple(
                (
                    articles[other].id,
                    articles[other].sentences[index.keys[j][1]].start,
                    articles[other].sentences[index.keys[j][1]].end,
                    round(score, 3),
                )
                for other, (score, j) in ranked[: settings.nearest_articles]
            )
        )
    return out  # type: ignore[return-value]


def test_nearest_candidates_are_those_of_the_loop(documents: list[Document]) -> None:
    settings = Settings(processes=1)
    story = story_from_documents(documents, settings=settings)
    usable = sorted((a for a in story.articles if a.sentences), key=lambda a: a.id)
    index = build_index(usable, settings)
    runs = [replace(u, nearest=()) for u in story.unique]
    expected = _old_nearest(runs, usable, index, settings)
    found = [tuple((n.article, n.start, n.end, n.score) for n in u.nearest) for u in story.unique]
    assert found == expected
    assert sum(len(n) for n in found) > 150 and sum(not n for n in found) > 10


@pytest.mark.parametrize("alphabet", ["ab ", "abcd e", "abcdefghij klm"])
def test_the_floor_under_best_stretch_holds_on_random_texts(alphabet: str) -> None:
    # Short and long needles (rapidfuzz has two algorithms, split at 64 characters), near
    # and far lengths, few letters (long common subsequences) and more.
    rng = random.Random(alphabet)
    useful = 0
    for _ in range(400):
        texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 300))) for _ in "ab"]
        a, b = features(texts[0]), features(texts[1])
        floor = _least_stretch(a, b, _cheap_features(a, b, Weights([a, b]))[1])
        assert floor <= _best_stretch(a, b)
        useful += floor > 0.2
    assert useful > 40
