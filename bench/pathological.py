"""CPU time of the engine on pathological inputs, per case and stage, with the slowest functions.

    .venv/bin/python -m bench.pathological [--case NAME ...] [--profile N]

Each case is a story a user could drop in by accident, built in memory from the seed
articles (``bench.generate``) and run through ``story_from_documents`` and the JSON export
in one process (``processes=1``, so the CPU time is this process's and the profile sees
everything):

* ``sentence-3500`` / ``sentence-10000``: a transcript with no full stops, one sentence of
  that many words, shared by three articles (two with edits: swapped, dropped and changed
  words) beside the seeds;
* ``long-30000``: one 30,000-word article (seed sentences, edited) among the seeds;
* ``copies-200``: 200 copies of one seed article;
* ``repeated-100``: an article that is one paragraph repeated 100 times, among the seeds;
* ``no-spaces``: a line of 20,000 characters without a space, in a seed article;
* ``many-quotes``: one sentence holding 300 short quotations, in two articles.

For each case it prints the words, CPU seconds per stage and in all, and (``--profile``)
the functions with the most own CPU time. A case well above a few seconds, or growing
faster than its input, is a bug. This is a benchmark, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from bench.generate import edit_sentence, load_seed_story
from tui.core.exporting import to_json_chunks
from tui.core.loading import load_paths
from tui.core.model import Document
from tui.core.settings import DEFAULT
from tui.core.story import SEEDS, story_from_documents

_STOPS = str.maketrans({".": " ", "!": " ", "?": " ", ";": " ", ":": " "})


def _seed_documents() -> list[Document]:
    return sorted(load_paths([SEEDS]).documents, key=lambda d: d.id)


def _seed_words() -> list[str]:
    """The seed sentences' words in order, without sentence stops (a transcript's stream)."""
    seeds = load_seed_story()
    return " ".join(s for texts in seeds.sentences for s in texts).translate(_STOPS).split()


def _stream(words: int) -> list[str]:
    material = _seed_words()
    return [material[i % len(material)] for i in range(words)]


def _edited(words: list[str], rng: random.Random, share: float = 0.03) -> str:
    """``words`` with about ``share`` of them swapped, dropped or changed (no stops added)."""
    out: list[str] = []
    for k in range(0, len(words), 20):
        chunk = " ".join(words[k : k + 20])
        out.append(edit_sentence(chunk, rng) if rng.random() < share * 20 else chunk)
    return " ".join(out).translate(_STOPS)


def _doc(doc_id: str, raw: str, outlet: str) -> Document:
    return Document(
        id=doc_id, source=f"{doc_id}.md", raw=raw, title=doc_id, outlet=outlet, structured=True
    )


def _long_sentence(words: int) -> list[Document]:
    rng = random.Random(f"pathological:{words}")
    stream = _stream(words)
    shared = [
        _doc("t1", " ".join(stream), "Transcript A"),
        _doc("t2", _edited(stream, rng), "Transcript B"),
        _doc("t3", _edited(stream, rng), "Transcript C"),
    ]
    return _seed_documents() + shared


def _long_article() -> list[Document]:
    rng = random.Random("pathological:long")
    seeds = load_seed_story()
    sentences = [s for texts in seeds.sentences for s in texts]
    out: list[str] = []
    total = 0
    while total < 30_000:
        sentence = edit_sentence(rng.choice(sentences), rng)
        out.append(sentence)
        total += len(sentence.split())
    paragraphs = ["  ".join(out[k : k + 3]) for k in range(0, len(out), 3)]
    return [*_seed_documents(), _doc("long", "\n\n".join(paragraphs), "Long Outlet")]


def _copies() -> list[Document]:
    first = _seed_documents()[0]
    return [replace(first, id=f"copy{n:03d}", source=f"copy{n:03d}.md") for n in range(200)]


def _repeated() -> list[Document]:
    seeds = load_seed_story()
    paragraph = " ".join(seeds.sentences[0][:4])
    return [*_seed_documents(), _doc("repeat", "\n\n".join([paragraph] * 100), "Echo")]


def _no_spaces() -> list[Document]:
    docs = _seed_documents()
    rng = random.Random("pathological:nospace")
    line = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789/-_=&") for _ in range(20_000))
    first = docs[0]
    docs[0] = replace(first, raw=first.raw + "\n\n" + line + "\n")
    return docs


def _many_quotes() -> list[Document]:
    seeds = load_seed_story()
    words = " ".join(seeds.sentences[1]).translate(_STOPS).split()
    parts = [
        f'"{" ".join(words[(k * 5) % len(words) : (k * 5) % len(words) + 4])}" said speaker {k % 7}'
        for k in range(300)
    ]
    sentence = "Witnesses said " + ", ".join(parts) + "."
    return [
        *_seed_documents(),
        _doc("q1", sentence, "Quotes A"),
        _doc("q2", sentence.replace("said speaker", "told speaker"), "Quotes B"),
    ]


CASES: dict[str, Callable[[], list[Document]]] = {
    "sentence-3500": lambda: _long_sentence(3_500),
    "sentence-10000": lambda: _long_sentence(10_000),
    "long-30000": _long_article,
    "copies-200": _copies,
    "repeated-100": _repeated,
    "no-spaces": _no_spaces,
    "many-quotes": _many_quotes,
}


def run(name: str, profile: int) -> None:
    documents = CASES[name]()
    words = sum(len(d.raw.split()) for d in documents)
    settings = replace(DEFAULT, processes=1)
    stages: list[tuple[str, float]] = []
    last = [time.process_time()]

    def on_stage(stage: str) -> None:
        now = time.process_time()
        stages.append((stage, now - last[0]))
        last[0] = now

    profiler = cProfile.Profile() if profile else None
    start = time.process_time()
    if profiler is not None:
        profiler.enable()
    story = story_from_documents(documents, on_stage=on_stage, settings=settings)
    size = sum(len(chunk) for chunk in to_json_chunks(story))
    on_stage("export")
    if profiler is not None:
        profiler.disable()
    total = time.process_time() - start
    print(
        f"{name}: {len(documents)} articles, {words:,} words, {len(story.passages)} passages, "
        f"{size:,} bytes of JSON: {total:.2f} s CPU"
    )
    print("   " + ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in stages))
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(profile)
        lines = out.getvalue().splitlines()
        body = [line for line in lines if line.strip()]
        header = next(k for k, line in enumerate(body) if "tottime" in line)
        for line in body[header : header + profile + 1]:
            print("   " + line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="default: all")
    parser.add_argument("--profile", type=int, default=0, help="show the N slowest functions")
    args = parser.parse_args(argv)
    for name in args.case or CASES:
        run(name, args.profile)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
