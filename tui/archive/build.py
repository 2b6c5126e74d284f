"""``storydiff archive build``: read an archive, group its articles into stories, align each.

Stages (each a set of Dask tasks over files in ``OUTDIR/work``; a task that finished left a
``.json`` marker, written last and atomically, and is not redone when the build runs again):

1. **articles** — per input partition (a slice of a ``.jsonl``, a whole ``.jsonl.gz``, or a
   batch of article files): load with storydiff's readers, clean and segment with
   ``make_article``, and write each article's n-gram postings (key, article, day, n-gram
   count) into ``buckets`` files chosen by key: the map side of a hash shuffle.
2. **pairs** — per key bucket: every key's postings meet here. A key in more than
   ``max_df`` articles (a fact key: ``max_fact_df``) is boilerplate and dropped (passim's
   ``--maxDF``); otherwise its
   postings, sorted by date, link each article to the next one within ``window_days``
   (a chain, not all pairs: work per key is bounded by its postings). Links are shuffled on
   by pair.
3. **edges** — per pair bucket: count the keys each pair shares; a pair is an edge when it
   shares at least ``min_shared`` wording keys and ``min_overlap`` of the smaller article's
   n-grams (the guard against chains of chance matches joining unrelated stories), or at
   least ``min_facts`` fact keys (the same figures and names: a story retold in other words).
4. **stories** — connected components of the edges (on the client: one integer per
   article); a component of two or more articles is a story.
5. **gather** — per input partition, each story's articles are sent to the story's bucket.
6. **align** — per story bucket, each story is written as ``stories/ID/articles.jsonl`` and
   aligned from that file exactly as ``storydiff export`` would (``story.json``), with a
   summary for the index and the report.

Intermediate files live on disk, so a worker holds one partition or one bucket at a time;
on a cluster ``OUTDIR`` must be a folder every worker can reach (NFS, a shared volume), as
passim's Spark jobs read and write a shared file system.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from tui.archive.fingerprints import UNDATED, day_number, fact_keys, mix, ngram_keys
from tui.archive.running import local_pool, run_stage
from tui.core.cleaning import sanitize_line
from tui.core.exporting import to_json_chunks, write_atomic
from tui.core.loading import (
    READERS,
    STORY_EXPORT_FILE,
    STORY_SUMMARY_FILE,
    jsonl_document,
    load_paths,
)
from tui.core.model import Document, Problem, Story
from tui.core.story import make_article, story_from_documents

FORMAT_VERSION = 2
STORY_FILE = "articles.jsonl"
POSTING = np.dtype([("key", "<u8"), ("art", "<u8"), ("day", "<i4"), ("n", "<u4")])
PAIR = np.dtype([("a", "<u8"), ("b", "<u8"), ("na", "<u4"), ("nb", "<u4"), ("fact", "u1")])
_LOCAL_BITS = 32
#: Stories aligned per task (about): enough to keep the bar moving and the workers even.
STORIES_PER_TASK = 100


@dataclass(frozen=True, slots=True)
class ArchiveSettings:
    """How articles are grouped into stories, and how the work is cut up.

    Grouping values were chosen on archives made by ``bench/generate.py``'s archive generator
    (``python -m bench.archive --score``), never on the test's instance.
    """

    #: Words per n-gram key. Shorter keys match more rewording and more chance phrases.
    ngram: int = 5
    #: A key found in more articles than this is boilerplate ("All rights reserved…") and
    #: is dropped, like passim's ``--maxDF``; it also bounds each key's work.
    max_df: int = 1000
    #: Two articles are linked only if their dates are at most this many days apart: the
    #: same press release two years apart is two stories.
    window_days: int = 7
    #: A linked pair must share at least this many keys (passim's ``--min-match`` spirit)…
    min_shared: int = 5
    #: …and at least this share of the smaller article's keys.
    min_overlap: float = 0.05
    #: Or they share at least this many fact keys (figures with what they count, pairs of
    #: rare names): a story retold in other words. 0 turns fact keys off.
    min_facts: int = 3
    #: A fact key found in more articles than this is too common to say which story it is.
    max_fact_df: int = 200
    #: Input ``.jsonl`` files are read in slices of about this many bytes, one task each.
    partition_bytes: int = 16 * 1024 * 1024
    #: Separate article files (``.md``, ``.txt``, ``.html``) are read this many per task.
    files_per_partition: int = 500
    #: The shuffles use about one bucket per this many input bytes (at least 1).
    bucket_bytes: int = 16 * 1024 * 1024


class BuildError(Exception):
    """The build cannot start (bad output folder, settings differ from an earlier run)."""


# --- Partitions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's share of the input: a byte slice of a ``.jsonl`` (``first_line`` is the
    number of its first line), a whole ``.jsonl.gz``, or a batch of article files."""

    kind: str
    paths: tuple[str, ...]
    start: int = 0
    end: int = 0
    first_line: int = 1


def _is_jsonl_gz(path: Path) -> bool:
    return path.name.lower().endswith(".jsonl.gz")


def _wanted(path: Path) -> bool:
    return not path.name.startswith(".") and (path.suffix.lower() in READERS or _is_jsonl_gz(path))


def _walk(inputs: Sequence[str | Path], skip: Path, problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found: list[Path] = []
            for folder, dirs, names in os.walk(path):
                here = Path(folder)
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and (here / d).resolve() != skip
                )
                found.extend(here / name for name in sorted(names) if _wanted(here / name))
            if not found:
                problems.append(Problem(str(path), "folder has no article files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    return sorted(set(files))


def _jsonl_slices(path: Path, size: int) -> Iterator[Partition]:
    """Cut a JSON Lines file at line ends about every ``size`` bytes."""
    start, line = 0, 1
    with path.open("rb") as handle:
        total = os.fstat(handle.fileno()).st_size
        while start < total:
            handle.seek(min(total, start + size))
            handle.readline()
            end = min(total, handle.tell())
            handle.seek(start)
            lines = handle.read(end - start).count(b"\n")
            yield Partition("jsonl", (str(path),), start, end, line)
            start, line = end, line + lines


def plan(
    inputs: Sequence[str | Path], settings: ArchiveSettings, skip: Path, workers: int = 1
) -> tuple[list[Partition], int, list[Problem]]:
    """The input partitions, the number of shuffle buckets, and inputs that cannot be read.

    There are enough buckets to keep each small and to give ``workers`` a few each (the
    stories and figures do not depend on how many there are).
    """
    problems: list[Problem] = []
    partitions: list[Partition] = []
    batch: list[str] = []
    total = 0
    for path in _walk(inputs, skip, problems):
        try:
            size = path.stat().st_size
        except OSError as error:
            problems.append(Problem(str(path), f"cannot be read ({error.strerror or error})"))
            continue
        if _is_jsonl_gz(path):
            partitions.append(Partition("jsonl.gz", (str(path),)))
            total += size * 3  # about what it holds once unpacked
        elif path.suffix.lower() == ".jsonl":
            try:
                partitions.extend(_jsonl_slices(path, settings.partition_bytes))
            except OSError as error:
                problems.append(Problem(str(path), f"cannot be read ({error.strerror or error})"))
                continue
            total += size
        else:
            batch.append(str(path))
            total += size
            if len(batch) == settings.files_per_partition:
                partitions.append(Partition("files", tuple(batch)))
                batch = []
    if batch:
        partitions.append(Partition("files", tuple(batch)))
    buckets = max(4 * workers, min(4096, -(-total // settings.bucket_bytes)))
    return partitions, buckets, problems


# --- Reading ------------------------------------------------------------------------------


def _jsonl_lines(part: Partition) -> Iterator[tuple[int, bytes]]:
    path = Path(part.paths[0])
    if part.kind == "jsonl.gz":
        with gzip.open(path, "rb") as handle:
            yield from enumerate(handle, start=1)
        return
    with path.open("rb") as handle:
        handle.seek(part.start)
        data = io.BytesIO(handle.read(part.end - part.start))
        yield from enumerate(data, start=part.first_line)


def _stem(path: Path) -> str:
    name = path.name
    return name[: -len(".jsonl.gz")] if _is_jsonl_gz(path) else path.stem


def _read_jsonl(part: Partition, problems: list[Problem]) -> Iterator[Document]:
    """``tui.core.loading.read_jsonl`` on a slice, streamed: each line is read by the same
    ``jsonl_document``, with one problem line per bad line."""
    path = Path(part.paths[0])
    try:
        for number, raw in _jsonl_lines(part):
            if not raw.strip():
                continue
            try:
                yield jsonl_document(raw, number, str(path), _stem(path))
            except ValueError as error:
                problems.append(Problem(f"{path}:{number}", str(error)))
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        problems.append(Problem(str(path), f"cannot be read to the end ({error})"))


def _documents(part: Partition, problems: list[Problem]) -> Iterator[Document]:
    if part.kind == "files":
        loaded = load_paths(part.paths)
        problems.extend(loaded.problems)
        yield from loaded.documents
    else:
        yield from _read_jsonl(part, problems)


# --- Stage 1: articles and postings -------------------------------------------------------


def _work(outdir: Path, *parts: str) -> Path:
    return outdir.joinpath("work", *parts)


def _save_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(value, ensure_ascii=False, sort_keys=True), overwrite=True)


def _done(marker: Path) -> Any | None:
    """The summary a finished task left, or None when the task has to run."""
    try:
        return json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _save_array(path: Path, array: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, array.tobytes(), overwrite=True)


def _load_array(path: Path, dtype: np.dtype[Any] | str) -> np.ndarray:
    try:
        return np.fromfile(path, dtype=dtype)
    except FileNotFoundError:
        return np.zeros(0, dtype=dtype)


def _bucket_of(values: np.ndarray, buckets: int) -> np.ndarray:
    return ((values >> np.uint64(32)) % np.uint64(buckets)).astype(np.int64)


def _write_buckets(folder: Path, records: np.ndarray, bucket: np.ndarray, buckets: int) -> None:
    order = np.argsort(bucket, kind="stable")
    records, bucket = records[order], bucket[order]
    bounds = np.searchsorted(bucket, np.arange(buckets + 1))
    for b in range(buckets):
        if bounds[b] < bounds[b + 1]:
            _save_array(folder / f"b-{b:04d}.bin", records[bounds[b] : bounds[b + 1]])


def index_partition(
    number: int, part: Partition, outdir: str, settings: ArchiveSettings, buckets: int
) -> dict[str, Any]:
    """Stage 1 for one partition; returns (and leaves as its marker) a small summary."""
    out = Path(outdir)
    marker = _work(out, "articles", f"part-{number:05d}.json")
    if (summary := _done(marker)) is not None:
        return dict(summary)
    problems: list[Problem] = []
    postings: list[np.ndarray] = []
    days: list[int] = []
    outlets: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    cache: dict[str, int] = {}
    docs_path = _work(out, "articles", f"part-{number:05d}.jsonl.gz")
    docs_path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(docs_path, "wt", encoding="utf-8", compresslevel=3) as docs:
        for local, document in enumerate(_documents(part, problems)):
            article = make_article(document)
            day = day_number(article.date)
            wording = ngram_keys(article.text, settings.ngram, cache)
            keys = np.concatenate([wording, fact_keys(article)]) if settings.min_facts else wording
            chars = sum(s.end - s.start for s in article.sentences)
            totals = outlets[article.outlet or ""]
            totals[0] += 1
            totals[1] += chars
            record = np.zeros(len(keys), dtype=POSTING)
            record["key"] = keys
            record["art"] = (number << _LOCAL_BITS) | local
            record["day"] = day
            record["n"] = len(wording)
            postings.append(record)
            days.append(day)
            # A .txt scrape's title line and date are found by cleaning: keep what it found,
            # so the story file (structured JSON Lines) says the same.
            text = document.raw if document.structured else article.text
            entry = {
                "id": document.id,
                "source": document.source,
                "text": text,
                "title": document.title if document.structured else article.title,
                "outlet": document.outlet,
                "date": document.date if document.structured else article.date,
                "url": document.url,
                "author": document.author,
            }
            docs.write(json.dumps(entry, ensure_ascii=False) + "\n")
    everything = np.concatenate(postings) if postings else np.zeros(0, dtype=POSTING)
    _write_buckets(
        _work(out, "postings", f"part-{number:05d}"),
        everything,
        _bucket_of(everything["key"], buckets),
        buckets,
    )
    _save_array(_work(out, "articles", f"part-{number:05d}.days"), np.array(days, dtype="<i4"))
    summary = {
        "articles": len(days),
        "postings": len(everything),
        "problems": [str(p) for p in problems],
        "outlets": {name: totals for name, totals in sorted(outlets.items())},
    }
    _save_json(marker, summary)
    return summary


# --- Stage 2: pairs from each key's postings ----------------------------------------------


def pair_bucket(
    bucket: int, parts: int, outdir: str, settings: ArchiveSettings, buckets: int
) -> dict[str, Any]:
    out = Path(outdir)
    marker = _work(out, "pairs", f"b-{bucket:04d}.json")
    if (summary := _done(marker)) is not None:
        return dict(summary)
    name = f"b-{bucket:04d}.bin"
    chunks = [
        _load_array(_work(out, "postings", f"part-{p:05d}", name), POSTING) for p in range(parts)
    ]
    postings = np.concatenate(chunks) if chunks else np.zeros(0, dtype=POSTING)
    postings = postings[np.lexsort((postings["art"], postings["day"], postings["key"]))]
    keys = postings["key"]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, int)
    sizes = np.diff(np.r_[starts, len(keys)])
    size_of = np.repeat(sizes, sizes)
    day = postings["day"].astype(np.int64)
    nxt = slice(1, None)
    prev = slice(None, -1)
    both_dated = (day[prev] != UNDATED) & (day[nxt] != UNDATED)
    close = np.where(
        both_dated,
        (day[nxt] - day[prev]) <= settings.window_days,
        (day[prev] == UNDATED) & (day[nxt] == UNDATED),
    )
    is_fact = (keys & np.uint64(1)).astype(bool)
    limit = np.where(is_fact, settings.max_fact_df, settings.max_df)
    linked = (keys[prev] == keys[nxt]) & (size_of[prev] <= limit[prev]) & close
    first, second = postings[prev][linked], postings[nxt][linked]
    swap = first["art"] > second["art"]
    pairs = np.zeros(len(first), dtype=PAIR)
    pairs["a"] = np.where(swap, second["art"], first["art"])
    pairs["b"] = np.where(swap, first["art"], second["art"])
    pairs["na"] = np.where(swap, second["n"], first["n"])
    pairs["nb"] = np.where(swap, first["n"], second["n"])
    pairs["fact"] = is_fact[prev][linked]
    with np.errstate(over="ignore"):
        target = _bucket_of(mix(pairs["a"] * np.uint64(0x9E3779B97F4A7C15) ^ pairs["b"]), buckets)
    _write_buckets(_work(out, "pairs", f"b-{bucket:04d}"), pairs, target, buckets)
    summary = {
        "postings": len(postings),
        "keys": len(sizes),
        "boilerplate_keys": int((sizes > limit[starts]).sum()) if len(keys) else 0,
        "links": len(pairs),
    }
    _save_json(marker, summary)
    return summary


# --- Stage 3: edges -----------------------------------------------------------------------


def edge_bucket(bucket: int, buckets: int, outdir: str, settings: ArchiveSettings) -> int:
    out = Path(outdir)
    marker = _work(out, "edges", f"c-{bucket:04d}.json")
    if (summary := _done(marker)) is not None:
        return int(summary["edges"])
    name = f"b-{bucket:04d}.bin"
    chunks = [_load_array(_work(out, "pairs", f"b-{b:04d}", name), PAIR) for b in range(buckets)]
    pairs = np.concatenate(chunks) if chunks else np.zeros(0, dtype=PAIR)
    pairs = pairs[np.lexsort((pairs["b"], pairs["a"]))]
    if len(pairs):
        new = np.r_[True, (pairs["a"][1:] != pairs["a"][:-1]) | (pairs["b"][1:] != pairs["b"][:-1])]
        starts = np.flatnonzero(new)
        facts = np.add.reduceat(pairs["fact"].astype(np.int64), starts)
        shared = np.diff(np.r_[starts, len(pairs)]) - facts
        unique = pairs[starts]
        smaller = np.minimum(unique["na"], unique["nb"]).astype(np.float64)
        keep = (shared >= settings.min_shared) & (shared >= settings.min_overlap * smaller)
        if settings.min_facts:
            keep |= facts >= settings.min_facts
        edges = np.stack([unique["a"][keep], unique["b"][keep]], axis=1).astype("<u8")
    else:
        edges = np.zeros((0, 2), dtype="<u8")
    _save_array(_work(out, "edges", f"c-{bucket:04d}.bin"), edges)
    _save_json(marker, {"edges": len(edges)})
    return len(edges)


# --- Stage 4: connected components (on the client) ----------------------------------------


def components(edges: np.ndarray, count: int) -> np.ndarray:
    """Each article's component label (its smallest member), by min-label propagation with
    pointer jumping: a few NumPy passes over the edges, one integer per article."""
    labels = np.arange(count, dtype=np.int64)
    if not len(edges):
        return labels
    a, b = edges[:, 0], edges[:, 1]
    while True:
        low = np.minimum(labels[a], labels[b])
        before = labels.copy()
        np.minimum.at(labels, a, low)
        np.minimum.at(labels, b, low)
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(labels, before):
            return labels


def find_stories(outdir: Path, counts: Sequence[int], buckets: int) -> int:
    """Stage 4: number the stories and write each partition's article → story table."""
    marker = _work(outdir, "stories.json")
    if (summary := _done(marker)) is not None:
        return int(summary["stories"])
    offsets = np.r_[0, np.cumsum(counts)].astype(np.int64)
    chunks = [
        _load_array(_work(outdir, "edges", f"c-{c:04d}.bin"), "<u8").reshape(-1, 2)
        for c in range(buckets)
    ]
    raw = np.concatenate(chunks) if chunks else np.zeros((0, 2), dtype="<u8")
    part = (raw >> np.uint64(_LOCAL_BITS)).astype(np.int64)
    local = (raw & np.uint64(2**_LOCAL_BITS - 1)).astype(np.int64)
    total = int(offsets[-1])
    labels = components(offsets[part] + local, total)
    days = np.concatenate(
        [
            _load_array(_work(outdir, "articles", f"part-{p:05d}.days"), "<i4")
            for p in range(len(counts))
        ]
        or [np.zeros(0, "<i4")]
    ).astype(np.int64)
    sizes = np.bincount(labels, minlength=total)
    in_story = sizes[labels] >= 2
    # Stories are numbered by their first date, then by their first article in input order.
    dated = np.where(days == UNDATED, np.iinfo(np.int64).max, days)
    first_day = np.full(total, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_day, labels, dated)
    roots = np.flatnonzero((sizes >= 2) & (labels == np.arange(total)))
    order = roots[np.lexsort((roots, first_day[roots]))]
    number = np.full(total, -1, dtype=np.int64)
    number[order] = np.arange(1, len(order) + 1)
    story_of = np.where(in_story, number[labels], -1)
    for p in range(len(counts)):
        _save_array(
            _work(outdir, "stories", f"part-{p:05d}.bin"),
            story_of[offsets[p] : offsets[p + 1]].astype("<i8"),
        )
    _save_json(marker, {"stories": len(order)})
    return len(order)


# --- Stage 5: send each story's articles to its bucket ------------------------------------


def story_id(number: int) -> str:
    return f"s{number:06d}"


def gather_partition(number: int, outdir: str, buckets: int) -> int:
    out = Path(outdir)
    marker = _work(out, "gather", f"part-{number:05d}.json")
    if (summary := _done(marker)) is not None:
        return int(summary["articles"])
    story_of = _load_array(_work(out, "stories", f"part-{number:05d}.bin"), "<i8")
    days = _load_array(_work(out, "articles", f"part-{number:05d}.days"), "<i4")
    by_bucket: dict[int, list[str]] = defaultdict(list)
    with gzip.open(
        _work(out, "articles", f"part-{number:05d}.jsonl.gz"), "rt", encoding="utf-8"
    ) as docs:
        for local, line in enumerate(docs):
            story = int(story_of[local])
            if story < 0:
                continue
            entry = json.loads(line)
            entry["story"] = story
            entry["order"] = [int(days[local]), number, local]
            by_bucket[story % buckets].append(json.dumps(entry, ensure_ascii=False))
    for bucket, lines in by_bucket.items():
        path = _work(out, "gather", f"part-{number:05d}", f"g-{bucket:04d}.jsonl.gz")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, gzip.compress(("\n".join(lines) + "\n").encode(), 3), overwrite=True)
    count = sum(len(lines) for lines in by_bucket.values())
    _save_json(marker, {"articles": count})
    return count


# --- Stage 6: write and align each story --------------------------------------------------


def load_story(folder: Path) -> Story:
    """The story in ``folder`` exactly as ``storydiff export articles.jsonl`` run inside it
    builds it: sources are named relative to the story folder."""
    loaded = load_paths([folder / STORY_FILE])
    prefix = f"{folder / STORY_FILE}"

    def relative(source: str) -> str:
        return STORY_FILE + source[len(prefix) :] if source.startswith(prefix) else source

    documents = [replace(d, source=relative(d.source)) for d in loaded.documents]
    problems = [Problem(relative(p.source), p.message) for p in loaded.problems]
    return story_from_documents(documents, problems)


def _story_lines(entries: list[dict[str, Any]]) -> str:
    keys = ("id", "title", "outlet", "date", "url", "author", "text")
    return "".join(
        json.dumps({k: e[k] for k in keys if e.get(k) is not None}, ensure_ascii=False) + "\n"
        for e in entries
    )


def _copies(story: Story, entries: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """The story file's articles the loader kept out as the same text as another
    (``storydiff`` loads a verbatim copy once): (outlet, date, id of the article kept)."""
    kept = {int(a.source.rpartition(":")[2]): a.id for a in story.articles}
    by_text = {" ".join(entries[line - 1]["text"].split()): ident for line, ident in kept.items()}
    copies = []
    for line, entry in enumerate(entries, start=1):
        twin = by_text.get(" ".join(entry["text"].split()))
        if line not in kept and twin is not None:
            copies.append((entry.get("outlet") or "", entry.get("date") or "", twin))
    return copies


def summarise(sid: str, story: Story, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The story's index row and its part of the archive report. The row counts every
    article of the story file, verbatim copies too."""
    from tui.archive.report import story_figures

    dated = sorted(
        (day_number(e.get("date")), e.get("date") or "", e.get("title") or "") for e in entries
    )
    first = dated[0] if dated and dated[0][0] != UNDATED else None
    headline = first[2] if first else next((e["title"] for e in entries if e.get("title")), "")
    return {
        "story": sid,
        "size": len(entries),
        "outlets": sorted({e["outlet"] for e in entries if e.get("outlet")}),
        "first_date": first[1] if first else None,
        "headline": headline,
        "path": f"stories/{sid}",
        "articles": [e["source"] for e in entries],
        "figures": story_figures(sid, story, _copies(story, entries)),
    }


def align_bucket(bucket: int, parts: int, outdir: str) -> list[dict[str, Any]]:
    out = Path(outdir)
    marker = _work(out, "align", f"g-{bucket:04d}.json")
    if (done := _done(marker)) is not None:
        return list(done)
    stories: dict[int, list[dict[str, Any]]] = defaultdict(list)
    name = f"g-{bucket:04d}.jsonl.gz"
    for p in range(parts):
        path = _work(out, "gather", f"part-{p:05d}", name)
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    entry = json.loads(line)
                    stories[entry["story"]].append(entry)
    rows = []
    for number in sorted(stories):
        sid = story_id(number)
        folder = out / "stories" / sid
        summary_path = folder / STORY_SUMMARY_FILE
        if (row := _done(summary_path)) is None:
            entries = sorted(stories[number], key=lambda e: e["order"])
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / STORY_FILE, _story_lines(entries), overwrite=True)
            story = load_story(folder)
            write_atomic(folder / STORY_EXPORT_FILE, to_json_chunks(story), overwrite=True)
            row = summarise(sid, story, entries)
            _save_json(summary_path, row)
        rows.append(row)
    _save_json(marker, rows)
    return rows


# --- The build ----------------------------------------------------------------------------


INDEX_COLUMNS = ("story", "size", "outlets", "first_date", "headline", "path")


def _write_index(out: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    index = [{k: row[k] for k in (*INDEX_COLUMNS, "articles")} for row in rows]
    write_atomic(
        out / "index.json", json.dumps(index, ensure_ascii=False, indent=1) + "\n", overwrite=True
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(INDEX_COLUMNS)
    for row in rows:
        writer.writerow([("; ".join(row[k]) if k == "outlets" else row[k]) for k in INDEX_COLUMNS])
    write_atomic(out / "index.csv", buffer.getvalue(), overwrite=True)
    return index


def _check_outdir(out: Path, inputs: Sequence[str | Path], settings: ArchiveSettings) -> None:
    config = {
        "version": FORMAT_VERSION,
        "inputs": sorted(str(Path(p).resolve()) for p in inputs),
        "settings": asdict(settings),
    }
    path = out / "build.json"
    if path.exists():
        if _done(path) != config:
            raise BuildError(
                f"{out} holds a build of other inputs or settings; use a new output folder"
            )
        return
    if out.exists() and any(out.iterdir()):
        raise BuildError(f"{out} is not empty and holds no archive build; use a new folder")
    out.mkdir(parents=True, exist_ok=True)
    _save_json(path, config)


def build(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    settings: ArchiveSettings = ArchiveSettings(),
    client: Any | None = None,
) -> list[dict[str, Any]]:
    """Run (or resume) every stage; returns the index rows. Problems go to stderr."""
    out = Path(outdir)
    _check_outdir(out, inputs, settings)
    final = out / "work" / "build.done.json"
    if _done(final) is not None:
        print("storydiff archive: already built; nothing to do", file=sys.stderr)
        return list(json.loads((out / "index.json").read_text(encoding="utf-8")))
    with ExitStack() as stack:
        pool = None if client is not None else stack.enter_context(local_pool())
        aligned = _stages(inputs, out, settings, client, pool)
    rows = sorted((row for rows in aligned for row in rows), key=lambda r: r["story"])
    index = _write_index(out, rows)
    _save_json(final, {"stories": len(rows)})
    print(f"storydiff archive: wrote {len(rows)} stories and the index to {out}", file=sys.stderr)
    return index


def _stages(
    inputs: Sequence[str | Path],
    out: Path,
    settings: ArchiveSettings,
    client: Any | None,
    pool: Executor | None,
) -> list[list[dict[str, Any]]]:
    saved = _work(out, "plan.json")
    if (planned := _done(saved)) is None:
        workers = sum(client.nthreads().values()) if client is not None else os.cpu_count() or 1
        partitions, buckets, problems = plan(inputs, settings, out.resolve(), workers)
        planned = {
            "partitions": [asdict(p) for p in partitions],
            "buckets": buckets,
            "problems": [str(p) for p in problems],
        }
        _save_json(saved, planned)
    # A resumed build keeps its first plan, whatever the cluster's size now.
    partitions = [
        Partition(p["kind"], tuple(p["paths"]), p["start"], p["end"], p["first_line"])
        for p in planned["partitions"]
    ]
    buckets = int(planned["buckets"])
    for line in planned["problems"]:
        _warn(line)
    folder = str(out)
    summaries = run_stage(
        "articles",
        index_partition,
        [(n, part, folder, settings, buckets) for n, part in enumerate(partitions)],
        client,
        pool,
    )
    for summary in summaries:
        for line in summary["problems"]:
            _warn(line)
    counts = [s["articles"] for s in summaries]
    run_stage(
        "pairs",
        pair_bucket,
        [(b, len(partitions), folder, settings, buckets) for b in range(buckets)],
        client,
        pool,
    )
    run_stage(
        "edges", edge_bucket, [(c, buckets, folder, settings) for c in range(buckets)], client, pool
    )
    stories = find_stories(out, counts, buckets)
    print(f"storydiff archive: {sum(counts)} articles, {stories} stories", file=sys.stderr)
    # Aligning is the costliest stage: small buckets of stories spread it evenly.
    groups = max(buckets, -(-stories // STORIES_PER_TASK))
    run_stage(
        "gather",
        gather_partition,
        [(n, folder, groups) for n in range(len(partitions))],
        client,
        pool,
    )
    aligned = run_stage(
        "align", align_bucket, [(g, len(partitions), folder) for g in range(groups)], client, pool
    )
    return aligned


def _warn(message: str) -> None:
    print(f"storydiff: {sanitize_line(message)}", file=sys.stderr)


def outlet_totals(outdir: Path) -> dict[str, tuple[int, int]]:
    """Articles and characters of text per outlet over the whole archive (stage 1's
    summaries); an article with no outlet counts under ""."""
    articles: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for marker in sorted(_work(outdir, "articles").glob("part-*.json")):
        for name, (count, size) in json.loads(marker.read_text(encoding="utf-8"))[
            "outlets"
        ].items():
            articles[name] += count
            chars[name] += size
    return {name: (articles[name], chars[name]) for name in sorted(articles)}


def story_rows(outdir: Path) -> list[dict[str, Any]]:
    """Every story's summary (index row and report figures), in story order."""
    rows = []
    for marker in sorted(_work(outdir, "align").glob("g-*.json")):
        rows.extend(json.loads(marker.read_text(encoding="utf-8")))
    return sorted(rows, key=lambda r: r["story"])
