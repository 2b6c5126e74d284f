"""Benchmark and score ``storydiff archive build`` on generated archives.

    python -m bench.archive --articles 10000 --articles 100000
    python -m bench.archive --articles 3000 --retold 0.3 --min-facts 0    # wording keys only

For each size: generate an archive (``bench.generate.generate_archive``, a third of the
articles filler), build it on this machine's cores (Dask's processes scheduler, as the CLI
does), and report wall time, CPU time (this process and its worker processes), the peak
memory of the largest worker, the shuffle sizes, and the grouping's precision and recall of
same-story pairs against the planted stories. The last line compares the largest size with
the smallest: t(big) / t(small) against the articles' ratio.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.generate import generate_archive, pair_scores, write_archive
from tui.archive.build import STORY_FILE, ArchiveSettings, build

#: Articles per planted story on average (2-6 outlets, some stories rerun): stories are
#: planted so that about two thirds of the archive belongs to a story.
_ARTICLES_PER_STORY = 4.4


def predicted_stories(outdir: Path, index: list[dict[str, object]]) -> dict[str, str]:
    """Article id → story, read from the story files the build wrote."""
    found = {}
    for row in index:
        for line in (outdir / str(row["path"]) / STORY_FILE).read_text("utf-8").splitlines():
            found[json.loads(line)["id"]] = str(row["story"])
    return found


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(
    articles: int,
    seed: int,
    workdir: Path,
    settings: ArchiveSettings | None = None,
    retold: float = 0.0,
) -> dict[str, float]:
    stories = max(1, round(articles * 2 / 3 / _ARTICLES_PER_STORY))
    documents, truth = generate_archive(
        stories, articles - round(stories * _ARTICLES_PER_STORY), seed, retold=retold
    )
    data, out = workdir / f"in-{articles}", workdir / f"out-{articles}"
    write_archive(documents, truth, data)
    wall, cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    index = build([data], out, settings or ArchiveSettings())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - wall
    cpu = (
        time.process_time()
        - cpu
        + (after.ru_utime - children.ru_utime)
        + (after.ru_stime - children.ru_stime)
    )
    precision, recall = pair_scores(truth, predicted_stories(out, index))
    figures = {
        "articles": len(documents),
        "input_mb": _folder_bytes(data) / 2**20,
        "wall_s": wall,
        "cpu_s": cpu,
        "cpu_ms_per_article": 1000 * cpu / len(documents),
        "peak_worker_mb": after.ru_maxrss / 1024,
        "postings_mb": _folder_bytes(out / "work" / "postings") / 2**20,
        "pairs_mb": _folder_bytes(out / "work" / "pairs") / 2**20,
        "stories": len(index),
        "planted": len({v for v in truth.values() if v}),
        "precision": precision,
        "recall": recall,
    }
    shutil.rmtree(data)
    shutil.rmtree(out)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.archive", description=__doc__)
    parser.add_argument("--articles", type=int, action="append", help="archive sizes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--retold",
        type=float,
        default=0.0,
        help="share of the stories' articles told in their own words (same facts)",
    )
    parser.add_argument(
        "--min-facts", type=int, help="ArchiveSettings.min_facts (0: wording keys only)"
    )
    args = parser.parse_args(argv)
    settings = ArchiveSettings()
    if args.min_facts is not None:
        settings = replace(settings, min_facts=args.min_facts)
    sizes = sorted(args.articles or [2000])
    results = []
    with tempfile.TemporaryDirectory(prefix="storydiff-archive-bench-") as tmp:
        for size in sizes:
            figures = run(size, args.seed, Path(tmp), settings, args.retold)
            results.append(figures)
            print(json.dumps({k: round(v, 3) for k, v in figures.items()}), flush=True)
    if len(results) > 1:
        small, big = results[0], results[-1]
        print(
            f"t({big['articles']:.0f}) / t({small['articles']:.0f}) = "
            f"{big['wall_s'] / small['wall_s']:.1f} wall, {big['cpu_s'] / small['cpu_s']:.1f} CPU "
            f"for {big['articles'] / small['articles']:.0f}x the articles",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
