"""Score the sentence matcher on the Microsoft Research Paraphrase Corpus (training split).

    .venv/bin/python bench/msrp.py [PATH] [--fit] [--timing]

Every pair is scored with the engine's own ``similarity()``, with IDF weights built from the
corpus's own sentences (as the engine builds them from a story's sentences). Printed:

- accuracy and F1 at the threshold that maximises accuracy on the whole file, and ROC-AUC;
- 10-fold cross-validated accuracy and F1: the logistic coefficients and the threshold are
  fitted on nine folds and measured on the tenth, so these figures are honest;
- the same figures for plain rapidfuzz ``fuzz.ratio`` and ``fuzz.token_set_ratio``.

``--fit`` also prints the coefficients fitted on the whole file (what ``similarity.MODEL``
holds) and a leave-one-feature-out ablation; ``--timing`` adds microseconds per call (the
only output that varies from run to run). The corpus is read in place, never copied.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from tui.core import similarity as sim

DEFAULT_PATH = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "msrp-train"
    / "msr_paraphrase_train.txt"
)
FOLDS = 10
SEED = 0
#: L2 penalty on the coefficients (not the intercept) when fitting the logistic model.
RIDGE = 1.0


@dataclass(frozen=True, slots=True)
class Pair:
    label: int
    first: str
    second: str
    first_id: str
    second_id: str


def read_pairs(path: Path) -> list[Pair]:
    """The labelled pairs of an MSRP file (tab-separated, one header line)."""
    pairs = []
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != 5:
                continue
            quality, id1, id2, s1, s2 = fields
            pairs.append(Pair(int(quality), s1, s2, id1, id2))
    return pairs


# ---------------------------------------------------------------------------------- metrics


def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """ROC-AUC as the Mann-Whitney statistic (ties count one half)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        mean_rank = (i + j) / 2 + 1
        rank_sum += sum(mean_rank for k in range(i, j + 1) if labels[order[k]])
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def accuracy_f1(
    scores: Sequence[float], labels: Sequence[int], threshold: float
) -> tuple[float, float]:
    tp = fp = fn = tn = 0
    for s, y in zip(scores, labels, strict=True):
        if s >= threshold:
            tp += y
            fp += 1 - y
        else:
            fn += y
            tn += 1 - y
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (tp + tn) / len(labels), f1


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold (midway between two scores) that maximises accuracy; lowest on ties."""
    pairs = sorted(zip(scores, labels, strict=True))
    correct = sum(labels)  # below every score, all are predicted positive
    best, best_correct = pairs[0][0] - 1e-9, correct
    for i, (s, y) in enumerate(pairs):
        correct += -1 if y else 1  # this item is now predicted negative
        if i + 1 < len(pairs) and pairs[i + 1][0] == s:
            continue
        if correct > best_correct:
            nxt = pairs[i + 1][0] if i + 1 < len(pairs) else s + 1e-6
            best, best_correct = (s + nxt) / 2, correct
    return best


# ---------------------------------------------------------------------------- logistic model


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems here are 8 by 8)."""
    n = len(vector)
    a = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (a[r][n] - sum(a[r][c] * out[c] for c in range(r + 1, n))) / a[r][r]
    return out


def fit_logistic(
    vectors: Sequence[Sequence[float]], labels: Sequence[int], ridge: float = RIDGE
) -> tuple[float, ...]:
    """Ridge-penalised logistic regression by Newton's method: (intercept, *coefficients)."""
    rows = [(1.0, *v) for v in vectors]
    k = len(rows[0])
    beta = [0.0] * k
    for _ in range(50):
        gradient = [0.0] * k
        hessian = [[0.0] * k for _ in range(k)]
        for x, y in zip(rows, labels, strict=True):
            p = sim._sigmoid(sum(b * xi for b, xi in zip(beta, x, strict=True)))
            w = p * (1 - p)
            for i in range(k):
                gradient[i] += (y - p) * x[i]
                wx = w * x[i]
                row = hessian[i]
                for j in range(i, k):
                    row[j] += wx * x[j]
        for i in range(k):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        for i in range(1, k):
            gradient[i] -= ridge * beta[i]
            hessian[i][i] += ridge
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return tuple(beta)


# ------------------------------------------------------------------------------- evaluation


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    threshold: float
    accuracy: float
    f1: float
    auc: float
    cv_accuracy: float
    cv_f1: float
    cv_spread: float


def folds(n: int) -> list[int]:
    """A fixed, seeded assignment of each pair to one of ``FOLDS`` folds."""
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    fold = [0] * n
    for position, index in enumerate(order):
        fold[index] = position % FOLDS
    return fold


def cross_validate(
    scorer: Callable[[list[int]], Callable[[int], float]],
    labels: Sequence[int],
) -> tuple[float, float, float]:
    """Pooled accuracy and F1 over the held-out folds, and the spread of per-fold accuracy.

    ``scorer(train_indices)`` returns a function scoring any pair, fitted on the training
    indices only; the threshold is chosen on the training folds too.
    """
    assignment = folds(len(labels))
    predicted = [0] * len(labels)
    per_fold = []
    for k in range(FOLDS):
        train = [i for i in range(len(labels)) if assignment[i] != k]
        test = [i for i in range(len(labels)) if assignment[i] == k]
        score = scorer(train)
        threshold = best_threshold([score(i) for i in train], [labels[i] for i in train])
        right = 0
        for i in test:
            predicted[i] = 1 if score(i) >= threshold else 0
            right += predicted[i] == labels[i]
        per_fold.append(right / len(test))
    tp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y)
    fp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and not y)
    fn = sum(1 for p, y in zip(predicted, labels, strict=True) if not p and y)
    accuracy = sum(1 for p, y in zip(predicted, labels, strict=True) if p == y) / len(labels)
    mean = sum(per_fold) / FOLDS
    spread = math.sqrt(sum((a - mean) ** 2 for a in per_fold) / (FOLDS - 1))
    return accuracy, 2 * tp / (2 * tp + fp + fn), spread


def evaluate_fixed(name: str, scores: Sequence[float], labels: Sequence[int]) -> Result:
    """A scorer with nothing to fit: only the threshold is chosen (on nine folds for CV)."""
    threshold = best_threshold(scores, labels)
    accuracy, f1 = accuracy_f1(scores, labels, threshold)
    cv = cross_validate(lambda _train: scores.__getitem__, labels)
    return Result(name, threshold, accuracy, f1, auc(scores, labels), *cv)


def evaluate_model(
    name: str,
    readings: Sequence[Sequence[Sequence[float]]],
    labels: Sequence[int],
    full_scores: Sequence[float],
) -> Result:
    """The logistic matcher: whole-file figures from ``full_scores``, CV from refitting.

    ``readings[i]`` holds the feature vectors of pair ``i``: whole sentences first (what the
    model is fitted on), then quotations without attribution; a pair scores its best reading.
    """

    def scorer(train: list[int]) -> Callable[[int], float]:
        model = fit_logistic([readings[i][0] for i in train], [labels[i] for i in train])
        return lambda i: sim.best_score(readings[i], model)

    threshold = best_threshold(full_scores, labels)
    accuracy, f1 = accuracy_f1(full_scores, labels, threshold)
    cv = cross_validate(scorer, labels)
    return Result(name, threshold, accuracy, f1, auc(full_scores, labels), *cv)


def print_table(results: Sequence[Result]) -> None:
    print(
        f"{'scorer':<34} {'threshold':>9} {'accuracy':>8} {'F1':>6} {'AUC':>6}"
        f" {'CV acc':>13} {'CV F1':>6}"
    )
    for r in results:
        print(
            f"{r.name:<34} {r.threshold:>9.3f} {r.accuracy:>8.3f} {r.f1:>6.3f} {r.auc:>6.3f}"
            f" {r.cv_accuracy:>6.3f} ±{r.cv_spread:.3f} {r.cv_f1:>6.3f}"
        )


def _timing(sentences: dict[str, str], pairs: list[Pair]) -> None:
    texts = list(sentences.values())
    start = time.perf_counter()
    table = {key: sim.features(text) for key, text in sentences.items()}
    per_features = (time.perf_counter() - start) / len(texts) * 1e6
    weights = sim.Weights(table.values())
    duos = [(table[p.first_id], table[p.second_id]) for p in pairs]
    best = math.inf
    for _ in range(5):
        start = time.perf_counter()
        for a, b in duos:
            sim.similarity(a, b, weights)
        best = min(best, time.perf_counter() - start)
    print(f"features():   {per_features:.1f} µs per sentence ({len(texts)} sentences)")
    print(f"similarity(): {best / len(duos) * 1e6:.1f} µs per pair (best of 5 x {len(duos)})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--fit", action="store_true", help="print coefficients and ablation")
    parser.add_argument("--timing", action="store_true", help="print µs per call")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"msrp: {args.path}: no such file (pass the path to msr_paraphrase_train.txt)")
        return 2
    pairs = read_pairs(args.path)
    labels = [p.label for p in pairs]
    sentences: dict[str, str] = {}
    for p in pairs:
        sentences.setdefault(p.first_id, p.first)
        sentences.setdefault(p.second_id, p.second)
    table = {key: sim.features(text) for key, text in sentences.items()}
    weights = sim.Weights(table.values())
    readings = [sim.pair_vectors(table[p.first_id], table[p.second_id], weights) for p in pairs]
    vectors = [r[0] for r in readings]
    scores = [sim.similarity(table[p.first_id], table[p.second_id], weights) for p in pairs]
    for p, s, r in zip(pairs, scores, readings, strict=True):
        assert abs(s - sim.best_score(r, sim.MODEL)) < 1e-12, "similarity() is not the model fitted"
        assert s == sim.similarity(table[p.second_id], table[p.first_id], weights)

    print(f"MSRP training split: {args.path.name}")
    print(
        f"{len(pairs)} pairs ({sum(labels)} paraphrases, majority class"
        f" {max(sum(labels), len(labels) - sum(labels)) / len(labels):.3f}),"
        f" {len(sentences)} distinct sentences (IDF weights built from them)"
    )
    print(f"CV: {FOLDS} seeded folds; coefficients and threshold fitted on 9, measured on the 10th")
    print()
    results = [
        evaluate_model("storydiff similarity()", readings, labels, scores),
        evaluate_fixed("IDF-weighted word Dice alone", [v[0] for v in vectors], labels),
        evaluate_fixed(
            "rapidfuzz fuzz.ratio",
            [fuzz.ratio(p.first, p.second) / 100 for p in pairs],
            labels,
        ),
        evaluate_fixed(
            "rapidfuzz fuzz.token_set_ratio",
            [fuzz.token_set_ratio(p.first, p.second) / 100 for p in pairs],
            labels,
        ),
    ]
    print_table(results)

    if args.fit:
        model = fit_logistic(vectors, labels)
        print()
        print("Coefficients fitted on the whole file (similarity.MODEL):")
        print("MODEL = (" + ", ".join(f"{c:.4f}" for c in model) + ")")
        print("  intercept", f"{model[0]:+.4f}")
        for name, c in zip(sim.FEATURE_NAMES, model[1:], strict=True):
            print(f"  {name:<18} {c:+.4f}")
        print()
        print("Leave one feature out (CV accuracy / F1):")
        ablation = []
        for drop in range(len(sim.FEATURE_NAMES)):
            reduced = [tuple(x for j, x in enumerate(v) if j != drop) for v in vectors]

            def scorer(
                train: list[int], reduced: list[tuple[float, ...]] = reduced
            ) -> Callable[[int], float]:
                m = fit_logistic([reduced[i] for i in train], [labels[i] for i in train])
                return lambda i: sim._sigmoid(sim.logit(reduced[i], m))

            accuracy, f1, _ = cross_validate(scorer, labels)
            ablation.append(f"  without {sim.FEATURE_NAMES[drop]:<18} {accuracy:.3f} / {f1:.3f}")
        print("\n".join(ablation))

    if args.timing:
        print()
        _timing(sentences, pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
