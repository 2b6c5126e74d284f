"""Do machine-translation metrics lift the matcher to MSRP 0.78? Measured only.

    /work/venv/bin/python -m bench.mt_metrics [--msrp PATH] [--paws PATH] [--products]

Madnani, Tetreault & Chodorow (NAACL 2012) identify paraphrases with the metrics that score
a translation against a reference. The cheap, resource-free ones here, each 1 for identical
sentences (``bench.msrp.pair_score`` assumes it) and symmetric (both directions averaged):

- ``p1``-``p4``: BLEU's clipped n-gram precision on the stemmed tokens, n = 1 to 4;
- ``bleu_words``: smoothed BLEU (geometric mean of the four) on the unstemmed tokens;
- ``nist2``: bigram precision with each bigram weighted by its words' weights (NIST's idea);
- ``chrf``: character n-gram F-score, n = 1 to 6, spaces removed (chrF, beta 1);
- ``edit_rate``: 1 - word-level Levenshtein distance over the mean length (TER without shifts);
- ``length_ratio``: the shorter sentence's word count over the longer's;
- the hinge features on the words left over: ``nothing_added`` (1 when one sentence has no
  content word the other lacks: it is contained in the other), ``no_name_left`` (no name of
  either is missing from the other), ``no_figures_left`` (not both have a figure the other
  lacks).

Each is appended as a tenth feature of the sentence model and fitted by ``bench.msrp``'s own
code on the same folds (order veto and name veto as deployed), against the deployed matcher
in the same run; then all of them at once. Per run: how many MSRP decisions differ from the
deployed matcher's, and the recall of held-out paraphrases judged alone and among 200 other
sentences (``bench.msrp.alone_and_packed``; the metrics keep their values of the whole
corpus there, and only ``nist2`` and ``nothing_added`` read word weights). Last, CPU
microseconds per pair of each metric beside ``similarity()``'s (the align stage scores ~200k
pairs at 1,000 articles).

``--products`` instead: a logistic model over the nine features, these metrics and seven
measures of the words left over (``_leftover``) with all their pairwise products, under a
strong ridge, on the whole sentences (no quotation readings), before and after the deployed
decision's CV vetoes (not refitted for it): the one lead towards 0.78.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz.distance import Levenshtein

from bench import msrp
from tui.core import similarity as sim
from tui.core.settings import DEFAULT

Metric = Callable[[sim.SentenceFeatures, sim.SentenceFeatures, sim.Weights], float]


def _ngrams(sequence: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(sequence[i:] for i in range(n)), strict=False))


def _precision(hypothesis: Sequence[str], reference: Sequence[str], n: int) -> float:
    """Clipped n-gram precision of ``hypothesis`` against ``reference``."""
    mine, theirs = _ngrams(hypothesis, n), _ngrams(reference, n)
    total = sum(mine.values())
    return sum(min(c, theirs[g]) for g, c in mine.items()) / total if total else 0.0


def precision_at(n: int) -> Metric:
    def both_ways(a: sim.SentenceFeatures, b: sim.SentenceFeatures, _w: sim.Weights) -> float:
        return (_precision(a.sequence, b.sequence, n) + _precision(b.sequence, a.sequence, n)) / 2

    return both_ways


def _bleu(hypothesis: Sequence[str], reference: Sequence[str]) -> float:
    logs = [math.log(_precision(hypothesis, reference, n) + 0.01) for n in range(1, 5)]
    return math.exp(sum(logs) / 4) / 1.01  # 1 for identical sentences


def bleu_words(a: sim.SentenceFeatures, b: sim.SentenceFeatures, _w: sim.Weights) -> float:
    x, y = sim._raw_tokens(a.text), sim._raw_tokens(b.text)
    return (_bleu(x, y) + _bleu(y, x)) / 2


def nist2(a: sim.SentenceFeatures, b: sim.SentenceFeatures, weights: sim.Weights) -> float:
    def weighted(x: Sequence[str], y: Sequence[str]) -> float:
        mine, theirs = _ngrams(x, 2), _ngrams(y, 2)
        value = {g: weights.relative(g[0]) + weights.relative(g[1]) for g in mine}
        total = sum(value[g] * c for g, c in mine.items())
        return sum(value[g] * min(c, theirs[g]) for g, c in mine.items()) / total if total else 0.0

    return (weighted(a.sequence, b.sequence) + weighted(b.sequence, a.sequence)) / 2


def chrf(a: sim.SentenceFeatures, b: sim.SentenceFeatures, _w: sim.Weights) -> float:
    x, y = a.text.replace(" ", ""), b.text.replace(" ", "")
    precisions, recalls = [], []
    for n in range(1, 7):
        mine = Counter(x[i : i + n] for i in range(len(x) - n + 1))
        theirs = Counter(y[i : i + n] for i in range(len(y) - n + 1))
        if mine and theirs:
            common = sum((mine & theirs).values())
            precisions.append(common / mine.total())
            recalls.append(common / theirs.total())
    if not precisions:
        return 0.0
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    return 2 * p * r / (p + r) if p + r else 0.0


def edit_rate(a: sim.SentenceFeatures, b: sim.SentenceFeatures, _w: sim.Weights) -> float:
    mean = (len(a.sequence) + len(b.sequence)) / 2 or 1.0
    return max(0.0, 1 - Levenshtein.distance(a.sequence, b.sequence) / mean)


def length_ratio(a: sim.SentenceFeatures, b: sim.SentenceFeatures, _w: sim.Weights) -> float:
    return min(a.length, b.length) / max(a.length, b.length, 1)


def nothing_added(a: sim.SentenceFeatures, b: sim.SentenceFeatures, weights: sim.Weights) -> float:
    def content(words: frozenset[str]) -> int:
        return sum(1 for w in words if weights.relative(w) >= sim.ORDER_WEIGHT)

    return float(min(content(a.words - b.words), content(b.words - a.words)) == 0)


def no_name_left(a: sim.SentenceFeatures, b: sim.SentenceFeatures, _w: sim.Weights) -> float:
    left = {s for s, _, _ in a.names} - b.words or {s for s, _, _ in b.names} - a.words
    return 0.0 if left else 1.0


def no_figures_left(a: sim.SentenceFeatures, b: sim.SentenceFeatures, _w: sim.Weights) -> float:
    def figures(words: frozenset[str]) -> bool:
        return any(w[0].isdigit() for w in words)

    return 0.0 if figures(a.words - b.words) and figures(b.words - a.words) else 1.0


METRICS: dict[str, Metric] = {
    **{f"p{n}": precision_at(n) for n in range(1, 5)},
    "bleu_words": bleu_words,
    "nist2": nist2,
    "chrf": chrf,
    "edit_rate": edit_rate,
    "length_ratio": length_ratio,
    "nothing_added": nothing_added,
    "no_name_left": no_name_left,
    "no_figures_left": no_figures_left,
}


def metric_values(corpus: msrp.Corpus, prior: float | None) -> dict[str, list[float]]:
    """Each metric of each pair's whole sentences, word weights as ``bench.msrp`` has them."""
    weights = sim.Weights(corpus.table.values(), prior)
    duos = [(corpus.table[p.first_id], corpus.table[p.second_id]) for p in corpus.pairs]
    return {name: [m(a, b, weights) for a, b in duos] for name, m in METRICS.items()}


def with_extra(corpus: msrp.Corpus, columns: Sequence[Sequence[float]]) -> msrp.Corpus:
    """The corpus with the given per-pair values appended to every reading's features."""
    rows = list(zip(*columns, strict=True))
    readings = [[(*v, *row) for v in vs] for vs, row in zip(corpus.readings, rows, strict=True)]
    return dataclasses.replace(corpus, readings=readings)


def _leftover(
    a: sim.SentenceFeatures, b: sim.SentenceFeatures, weights: sim.Weights
) -> list[float]:
    """Measures of the words each sentence has and the other lacks: their weight on the
    heavier and the lighter side, in all, the heaviest one, how many are content words, how
    many are names, and whether both sides have a figure left over."""
    only_a, only_b = a.words - b.words, b.words - a.words
    wa = sum(weights.relative(w) for w in only_a)
    wb = sum(weights.relative(w) for w in only_b)
    left = [weights.relative(w) for w in only_a | only_b]
    names = len({s for s, _, _ in a.names} - b.words) + len({s for s, _, _ in b.names} - a.words)
    return [
        max(wa, wb),
        min(wa, wb),
        wa + wb,
        max(left, default=0.0),
        sum(1 for w in left if w >= sim.ORDER_WEIGHT) / 10,
        names / 5,
        1.0 - no_figures_left(a, b, weights),
    ]


def _quadratic(x: np.ndarray) -> np.ndarray:
    """The features and all their pairwise products (squares included)."""
    return np.hstack([x] + [x[:, i : i + 1] * x[:, i:] for i in range(x.shape[1])])


def _fit(x: np.ndarray, y: np.ndarray, ridge: float) -> np.ndarray:
    """Ridge-penalised logistic regression by Newton's method, intercept first."""
    a = np.hstack([np.ones((len(x), 1)), x])
    penalty = np.eye(a.shape[1]) * ridge
    penalty[0, 0] = 0.0
    beta = np.zeros(a.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-a @ beta))
        step = np.linalg.solve(
            (a * (p * (1 - p))[:, None]).T @ a + penalty, a.T @ (y - p) - penalty @ beta
        )
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return beta


def products(
    lexical: dict[str, msrp.Corpus], values: dict[str, list[float]], prior: float | None
) -> None:
    """MSRP CV accuracy of a logistic model over the nine features, the metrics and the
    leftover-word measures with all their pairwise products (whole sentences, standardised
    on each fold's training part), before and after the deployed decision's CV vetoes."""
    m = lexical["MSRP"]
    weights = sim.Weights(m.table.values(), prior)
    duos = [(m.table[p.first_id], m.table[p.second_id]) for p in m.pairs]
    x = np.column_stack(
        [
            np.array([r[0] for r in m.readings]),
            np.array([values[name] for name in METRICS]).T,
            np.array([_leftover(a, b, weights) for a, b in duos]),
        ]
    )
    y, fold = np.array(m.labels), np.array(m.fold)
    _, fitted, _ = msrp.cross_validate(lexical, True, names=True)
    vetoed = np.array(
        [
            msrp.same_roles(m.order[i], fitted[k].order_model) < fitted[k].veto or m.replaced[i][0]
            for i, k in enumerate(m.fold)
        ]
    )
    print(f"Pairwise products of {x.shape[1]} features ({_quadratic(x[:1]).shape[1]} terms):")
    for ridge in (30.0, 100.0, 300.0, 1000.0):
        predicted = np.zeros(len(y), dtype=bool)
        for k in range(msrp.FOLDS):
            train = fold != k
            mean, spread = x[train].mean(0), x[train].std(0) + 1e-9
            z = _quadratic((x - mean) / spread)
            beta = _fit(z[train], y[train], ridge)
            score = beta[0] + z @ beta[1:]
            threshold = msrp.best_threshold(score[train].tolist(), y[train].tolist())
            predicted[~train] = score[~train] >= threshold
        after = predicted & ~vetoed
        print(
            f"  ridge {ridge:>6g}: MSRP acc {(predicted == y).mean():.3f} before the vetoes,"
            f" {(after == y).mean():.3f} with the deployed decision's CV vetoes"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--msrp", type=msrp.Path, default=msrp.MSRP_PATH)
    parser.add_argument("--paws", type=msrp.Path, default=msrp.PAWS_PATH)
    parser.add_argument(
        "--products", action="store_true", help="only the model of pairwise products"
    )
    args = parser.parse_args(argv)
    prior = DEFAULT.prior_sentences or None
    msrp_pairs, paws_pairs = msrp.read_pairs(args.msrp), msrp.read_paws(args.paws)
    lexical = {
        "MSRP": msrp.Corpus.read("MSRP", msrp_pairs, prior),
        "PAWS": msrp.Corpus.read("PAWS", paws_pairs, prior),
    }
    values = {name: metric_values(c, prior) for name, c in lexical.items()}
    if args.products:
        products(lexical, values["MSRP"], prior)
        return 0
    swaps = [msrp.role_swap(p) for p in paws_pairs]
    print(
        f"{'decision (10-fold CV, both vetoes)':<36} {'MSRP acc':>8} {'F1':>6} {'FPR':>6}"
        f" {'AUC':>6} {'PAWS acc':>8} {'F1':>6} {'FPR':>6} {'AUC':>6} {'swapFPR':>7}"
    )
    runs: list[tuple[str, list[str]]] = [("deployed", [])] + [
        (f"+ {name}", [name]) for name in METRICS
    ]
    runs.append((f"+ all {len(METRICS)}", list(METRICS)))
    for label, chosen in runs:
        corpora = {
            name: with_extra(c, [values[name][m] for m in chosen]) if chosen else c
            for name, c in lexical.items()
        }
        predicted, fitted, ranks = msrp.cross_validate(corpora, True, names=True)
        print(msrp._row(label, predicted, corpora, swaps, ranks), flush=True)
        extra = list(zip(*(values["MSRP"][m] for m in chosen), strict=True)) or [()] * len(
            msrp_pairs
        )
        alone, packed, changed = msrp.alone_and_packed(
            corpora["MSRP"], fitted, prior, extra=extra.__getitem__
        )
        if label == "deployed":
            deployed = predicted["MSRP"]
        moved = sum(1 for x, y in zip(predicted["MSRP"], deployed, strict=True) if x != y)
        print(
            f"  {moved} MSRP decisions differ from the deployed matcher's; held-out"
            f" paraphrases alone / packed {alone:.3f} / {packed:.3f}, changed {changed:.3f}"
        )
    print()
    m = lexical["MSRP"]
    weights = sim.Weights(m.table.values(), prior)
    duos = [(m.table[p.first_id], m.table[p.second_id]) for p in m.pairs]
    costs = {"similarity()": lambda a, b, w: sim.similarity(a, b, w), **METRICS}
    print(f"CPU µs per pair (best of 3 x {len(duos)} MSRP pairs):")
    for name, metric in costs.items():
        best = math.inf
        for _ in range(3):
            start = time.process_time()
            for a, b in duos:
                metric(a, b, weights)
            best = min(best, time.process_time() - start)
        print(f"  {name:<16} {best / len(duos) * 1e6:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
