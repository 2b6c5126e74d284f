"""A small sentence model: the leftover-word measures and a few products picked by nested CV.

    /work/venv/bin/python -m bench.terms [--msrp PATH] [--paws PATH] [--most N] [--shares]
                                         [--metrics] [--dense RIDGE]
    /work/venv-ml/bin/python -m bench.terms --trees      (scikit-learn in its own venv)

``bench.mt_metrics --products`` reached MSRP 0.784 before the vetoes with 434 product terms
under a strong ridge, carried by the measures of the words left over. Here the sentence
model is the nine features and those seven measures (``LEFTOVER_NAMES``), plus pairwise
products of the sixteen chosen inside each training part: on each of the ten folds of
``bench.msrp``, forward selection by the score test (the product whose gradient, given the
terms so far, is largest) runs on each of the nine inner folds' training parts, and the
inner held-out accuracy picks how many products (at most ``--most``) and the ridge; the path
is then run on all nine folds to that length. Coefficients are fitted on the standardised
terms and turned back into raw ones, so the model is a ``similarity.MODEL``-like tuple over
the terms. On top, the deployed decision refitted as ``bench.msrp`` fits it: the threshold
with the name veto, the order model and veto (named clauses too) chosen on the sentence
model's accepted pairs. Then the same sixteen without products, for comparison.

``--shares``: the weights left over as shares of each sentence's weight
(``leftover_shares``), not sums; ``--metrics``: ``bench.mt_metrics``' twelve metrics after
the sixteen; ``--dense RIDGE``: instead of choosing, every product of the standardised
features under that ridge (``bench.mt_metrics --products``' model, here with the vetoes
refitted and every reading scored).

``--trees``: scikit-learn's HistGradientBoostingClassifier (shallow) on the same
features, the same folds and vetoes, as a measuring stick for what the features hold.

Printed per model: MSRP accuracy, F1, FPR, ROC-AUC, PAWS accuracy, F1, FPR, ROC-AUC,
role-swap FPR (``bench.msrp``'s row), recall of held-out paraphrases alone / among 200
other sentences, the MSRP accuracy without the vetoes, each fold's terms, and the CPU
microseconds per pair of the leftover measures beside ``similarity()``'s.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import random
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np

from bench import msrp
from bench.mt_metrics import METRICS, _fit, _leftover, _quadratic
from tui.core import similarity as sim
from tui.core.settings import DEFAULT

LEFTOVER_NAMES = (
    "left_heavier",
    "left_lighter",
    "left_total",
    "left_heaviest",
    "left_content",
    "left_names",
    "left_figures",
)
BASE_NAMES = (*sim.FEATURE_NAMES, *LEFTOVER_NAMES)
#: The sixteen features of a sentence compared with itself (nothing is left over).
IDENTICAL = (*sim.IDENTICAL, *[0.0] * len(LEFTOVER_NAMES))
RIDGES = (1.0, 10.0)

Term = tuple[int, ...]


#: The features after the nine: the leftover measures (and, with ``--metrics``, more).
Extra = Callable[[sim.SentenceFeatures, sim.SentenceFeatures, sim.Weights], list[float]]


def base_vectors(
    a: sim.SentenceFeatures, b: sim.SentenceFeatures, weights: sim.Weights, extra: Extra
) -> list[tuple[float, ...]]:
    """Per reading of the pair (``similarity.pair_vectors``' order): the nine features and
    the ``extra`` ones."""
    return [
        (*sim.pair_features(x, y, weights), *extra(x, y, weights)) for x, y in sim._readings(a, b)
    ]


def leftover_shares(
    a: sim.SentenceFeatures, b: sim.SentenceFeatures, weights: sim.Weights
) -> list[float]:
    """``bench.mt_metrics._leftover`` with the weights left over as shares of each
    sentence's weight: a story's own counts move every weight, not their ratios."""
    only_a, only_b = a.words - b.words, b.words - a.words
    sa = weights.total(only_a) / (weights.total(a.words) or 1.0)
    sb = weights.total(only_b) / (weights.total(b.words) or 1.0)
    rest = _leftover(a, b, weights)[3:]
    return [max(sa, sb), min(sa, sb), (sa + sb) / 2, *rest]


def with_metrics(leftover: Extra) -> Extra:
    def extra(a: sim.SentenceFeatures, b: sim.SentenceFeatures, w: sim.Weights) -> list[float]:
        return [*leftover(a, b, w), *(m(a, b, w) for m in METRICS.values())]

    return extra


def with_leftover(corpus: msrp.Corpus, prior: float | None, extra: Extra) -> msrp.Corpus:
    """The corpus with the ``extra`` features after each reading's nine."""
    weights = sim.Weights(corpus.table.values(), prior)
    readings = []
    for pair, vectors in zip(corpus.pairs, corpus.readings, strict=True):
        a, b = corpus.table[pair.first_id], corpus.table[pair.second_id]
        readings.append(
            [
                (*v, *extra(x, y, weights))
                for v, (x, y) in zip(vectors, sim._readings(a, b), strict=True)
            ]
        )
    return dataclasses.replace(corpus, readings=readings)


def read_packed(
    name: str, pairs: list[msrp.Pair], prior: float | None, extra: Extra, packed: int
) -> msrp.Corpus:
    """``bench.msrp.Corpus.read`` with each pair's word weights built from the two sentences
    and ``packed`` others drawn from the corpus (a story's size), not from the whole corpus,
    and the ``extra`` features after the nine."""
    sentences: dict[str, str] = {}
    for p in pairs:
        sentences.setdefault(p.first_id, p.first)
        sentences.setdefault(p.second_id, p.second)
    table = {key: sim.features(text) for key, text in sentences.items()}
    others = list(table.values())
    rng = random.Random(msrp.SEED)
    readings, order, replaced, clause_order = [], [], [], []
    for p in pairs:
        a, b = table[p.first_id], table[p.second_id]
        weights = sim.Weights([a, b, *rng.sample(others, packed)], prior)
        readings.append(base_vectors(a, b, weights, extra))
        order.append(msrp.gated_order(a, b, weights))
        replaced.append(msrp.name_flags(a, b))
        clauses = sim.named_clauses(a, b)
        clause_order.append(msrp.gated_order(*clauses, weights) if clauses else ())
    labels = [p.label for p in pairs]
    return msrp.Corpus(
        name, pairs, labels, readings, order, table, msrp.folds(len(pairs)), replaced, clause_order
    )


def candidates(x: np.ndarray) -> list[Term]:
    """Every feature and pairwise product, less those of a constant feature and the
    duplicates (the square of a 0/1 feature is itself, ``words`` squared is
    ``words_squared``)."""
    varying = [i for i in range(x.shape[1]) if np.ptp(x[:, i]) > 0]
    kept: list[Term] = []
    columns: list[np.ndarray] = []
    for term in [(i,) for i in varying] + [(i, j) for i in varying for j in varying if i <= j]:
        column = np.prod(x[:, list(term)], axis=1)
        if any(np.array_equal(column, c) for c in columns):
            continue
        kept.append(term)
        columns.append(column)
    return kept


# -------------------------------------------------------------------------------- fitting


def _accuracy_at_best_threshold(
    train: np.ndarray, y_train: np.ndarray, test: np.ndarray, y_test: np.ndarray
) -> float:
    threshold = msrp.best_threshold(train.tolist(), y_train.tolist())
    return float(((test >= threshold) == y_test).mean())


def _standardise(t: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mean, spread = t[rows].mean(0), t[rows].std(0)
    spread[spread == 0] = 1.0
    return (t - mean) / spread, mean, spread


def forward_path(
    z: np.ndarray, y: np.ndarray, start: int, most: int, ridge: float
) -> tuple[list[int], list[np.ndarray]]:
    """Columns added to the first ``start`` one at a time, each the one with the largest
    score statistic given the model so far, and the model fitted at each length."""
    chosen = list(range(start))
    models = []
    for step in range(most + 1):
        beta = _fit(z[:, chosen], y, ridge)
        models.append(beta)
        if step == most:
            break
        p = 1 / (1 + np.exp(-(beta[0] + z[:, chosen] @ beta[1:])))
        rest = np.array([c for c in range(z.shape[1]) if c not in chosen])
        statistic = (z[:, rest].T @ (y - p)) ** 2 / ((z[:, rest] ** 2).T @ (p * (1 - p)) + ridge)
        chosen.append(int(rest[np.argmax(statistic)]))
    return chosen, models


@dataclasses.dataclass
class Choice:
    terms: list[Term]
    #: Over the raw terms (``expand``), intercept first, as ``similarity.MODEL``.
    model: tuple[float, ...]
    ridge: float
    inner_accuracy: float


def choose(
    t: np.ndarray, y: np.ndarray, fold: np.ndarray, k: int, terms: list[Term], start: int, most: int
) -> Choice:
    """Fold ``k``'s model: the path length and ridge with the best accuracy over the nine
    inner folds (each held out once from the other eight), then the path on all nine."""
    outer = np.flatnonzero(fold != k)
    best: tuple[float, float, int] = (-1.0, 0.0, 0)
    for ridge in RIDGES:
        right = np.zeros(most + 1)
        for inner in sorted(set(fold[outer].tolist())):
            fit_rows = outer[fold[outer] != inner]
            held = outer[fold[outer] == inner]
            z, _, _ = _standardise(t, fit_rows)
            chosen, models = forward_path(z[fit_rows], y[fit_rows], start, most, ridge)
            for length, beta in enumerate(models):
                columns = chosen[: start + length]
                score = z[:, columns] @ beta[1:]
                right[length] += _accuracy_at_best_threshold(
                    score[fit_rows], y[fit_rows], score[held], y[held]
                ) * len(held)
        shares = right / len(outer)
        length = int(np.argmax(shares))
        if shares[length] > best[0]:
            best = (float(shares[length]), ridge, length)
    accuracy, ridge, length = best
    z, mean, spread = _standardise(t, outer)
    chosen, models = forward_path(z[outer], y[outer], start, length, ridge)
    beta = models[-1]
    raw = beta[1:] / spread[chosen]
    intercept = beta[0] - float(raw @ mean[chosen])
    return Choice([terms[c] for c in chosen], (intercept, *raw.tolist()), ridge, accuracy)


# ----------------------------------------------------------------------------- evaluation

#: A fold's sentence model: the linear scores (logits) of readings' base features, one a row.
Scorer = Callable[[np.ndarray], np.ndarray]


def term_columns(x: np.ndarray, terms: Sequence[Term]) -> np.ndarray:
    return np.column_stack([np.prod(x[:, list(term)], axis=1) for term in terms])


def evaluate(
    label: str,
    corpora: dict[str, msrp.Corpus],
    scorers: Sequence[Scorer],
    identical: tuple[float, ...],
    prior: float | None,
    swaps: list[bool],
    extra: Extra,
) -> None:
    """CV of per-fold sentence models with the deployed vetoes refitted on top
    (``bench.msrp.fit_decision``: the threshold with the name veto, the order model and veto
    on the accepted pairs); prints ``bench.msrp``'s row, the MSRP accuracy without the vetoes
    and the recall of held-out paraphrases alone / packed."""
    predicted = {name: [0] * len(c.pairs) for name, c in corpora.items()}
    ranks = {name: [0.0] * len(c.pairs) for name, c in corpora.items()}
    bare = [0] * len(corpora["MSRP"].pairs)
    fitted = []
    every = list({v for c in corpora.values() for vs in c.readings for v in vs})
    readings = []
    for k, scorer in enumerate(scorers):
        # Each reading becomes its logit: a model (0, 1) over it is the fold's model.
        known = dict(zip(every, scorer(np.array(every)).tolist(), strict=True))

        def reading(v: tuple[float, ...], known: dict = known, scorer: Scorer = scorer) -> tuple:
            return (known[v] if v in known else float(scorer(np.array([v]))[0]),)

        readings.append(reading)
        mine = {
            name: dataclasses.replace(c, readings=[[reading(v) for v in vs] for vs in c.readings])
            for name, c in corpora.items()
        }

        def train(corpus: msrp.Corpus, i: int, k: int = k) -> bool:
            return corpus.fold[i] != k

        same = (float(scorer(np.array([identical]))[0]),)
        decision = msrp.fit_decision(
            mine["MSRP"],
            mine["PAWS"],
            train,
            True,
            names=True,
            clauses=True,
            model=(0.0, 1.0),
            identical=same,
        )
        unvetoed = msrp.fit_decision(
            mine["MSRP"], mine["PAWS"], train, False, model=(0.0, 1.0), identical=same
        )
        fitted.append(decision)
        for name, corpus in mine.items():
            for i in range(len(corpus.pairs)):
                if corpus.fold[i] == k:
                    predicted[name][i] = decision.decide(corpus, i)
                    ranks[name][i] = decision.rank(corpus, i)
                    if name == "MSRP":
                        bare[i] = unvetoed.decide(corpus, i)
    print(msrp._row(label, predicted, corpora, swaps, ranks), flush=True)

    def vectors(k: int, a: sim.SentenceFeatures, b: sim.SentenceFeatures, w: sim.Weights) -> list:
        return [readings[k](v) for v in base_vectors(a, b, w, extra)]

    alone, packed, changed = msrp.alone_and_packed(corpora["MSRP"], fitted, prior, vectors=vectors)
    labels = corpora["MSRP"].labels
    accuracy = sum(p == y for p, y in zip(bare, labels, strict=True)) / len(labels)
    print(
        f"  MSRP acc without the vetoes {accuracy:.3f}; held-out paraphrases alone / packed"
        f" {alone:.3f} / {packed:.3f}, changed {changed:.3f}",
        flush=True,
    )


def _terms_scorer(terms: Sequence[Term], model: np.ndarray) -> Scorer:
    return lambda v: model[0] + term_columns(v, terms) @ model[1:]


def _quadratic_scorer(mean: np.ndarray, spread: np.ndarray, beta: np.ndarray) -> Scorer:
    return lambda v: beta[0] + _quadratic((v - mean) / spread) @ beta[1:]


def linear_scorer(
    x: np.ndarray, y: np.ndarray, rows: np.ndarray, ridge: float
) -> tuple[Scorer, np.ndarray]:
    """A ridge logistic model over the standardised columns of ``x`` (fitted on ``rows``):
    its scorer of raw columns and its raw coefficients (intercept first)."""
    z, mean, spread = _standardise(x, rows)
    beta = _fit(z[rows], y[rows], ridge)
    raw = beta[1:] / spread
    model = np.array([beta[0] - float(raw @ mean), *raw])
    return (lambda columns: model[0] + columns @ model[1:]), model


def products(
    corpora: dict[str, msrp.Corpus],
    prior: float | None,
    swaps: list[bool],
    most: int,
    names: Sequence[str],
    extra: Extra,
) -> None:
    m = corpora["MSRP"]
    x = np.array([r[0] for r in m.readings])
    y, fold = np.array(m.labels, dtype=float), np.array(m.fold)
    terms = candidates(x)
    t = term_columns(x, terms)
    start = len(names)
    assert terms[:start] == [(i,) for i in range(start)]
    identical = (*IDENTICAL, *[1.0] * (start - len(IDENTICAL)))
    print(f"{len(terms) - start} candidate products; at most {most} chosen per fold")
    scorers: list[Scorer] = []
    for k in range(msrp.FOLDS):
        choice = choose(t, y, fold, k, terms, start, most)
        added = [" * ".join(names[i] for i in term) for term in choice.terms[start:]]
        print(
            f"  fold {k}: ridge {choice.ridge:g}, inner acc {choice.inner_accuracy:.3f},"
            f" {len(choice.model)} coefficients, products: {', '.join(added)}",
            flush=True,
        )
        scorers.append(_terms_scorer(choice.terms, np.array(choice.model)))
    evaluate("chosen products", corpora, scorers, identical, prior, swaps, extra)
    scorers = [linear_scorer(x, y, np.flatnonzero(fold != k), 1.0)[0] for k in range(msrp.FOLDS)]
    evaluate("no products", corpora, scorers, identical, prior, swaps, extra)


def dense(
    corpora: dict[str, msrp.Corpus],
    prior: float | None,
    swaps: list[bool],
    ridge: float,
    extra: Extra,
) -> None:
    """``bench.mt_metrics --products``' model (every pairwise product of the standardised
    features, under a strong ridge), here with the vetoes refitted and every reading."""
    m = corpora["MSRP"]
    x = np.array([r[0] for r in m.readings])
    y, fold = np.array(m.labels, dtype=float), np.array(m.fold)
    identical = (*IDENTICAL, *[1.0] * (x.shape[1] - len(IDENTICAL)))
    scorers: list[Scorer] = []
    for k in range(msrp.FOLDS):
        rows = fold != k
        mean, spread = x[rows].mean(0), x[rows].std(0) + 1e-9
        beta = _fit(_quadratic((x[rows] - mean) / spread), y[rows], ridge)
        scorers.append(_quadratic_scorer(mean, spread, beta))
    terms = _quadratic(x[:1]).shape[1]
    evaluate(
        f"all {terms} products, ridge {ridge:g}", corpora, scorers, identical, prior, swaps, extra
    )


def trees(
    corpora: dict[str, msrp.Corpus], prior: float | None, swaps: list[bool], extra: Extra
) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    m = corpora["MSRP"]
    x = np.array([r[0] for r in m.readings])
    y, fold = np.array(m.labels), np.array(m.fold)
    identical = (*IDENTICAL, *[1.0] * (x.shape[1] - len(IDENTICAL)))
    for depth, rounds, rate in ((2, 200, 0.05), (3, 200, 0.05), (3, 400, 0.05)):
        scorers: list[Scorer] = []
        for k in range(msrp.FOLDS):
            model = HistGradientBoostingClassifier(
                max_depth=depth,
                max_iter=rounds,
                learning_rate=rate,
                early_stopping=False,
                random_state=0,
            ).fit(x[fold != k], y[fold != k])
            scorers.append(model.decision_function)
        label = f"trees depth {depth}, {rounds} x {rate}"
        evaluate(label, corpora, scorers, identical, prior, swaps, extra)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--msrp", type=msrp.Path, default=msrp.MSRP_PATH)
    parser.add_argument("--paws", type=msrp.Path, default=msrp.PAWS_PATH)
    parser.add_argument("--most", type=int, default=20, help="most products per fold")
    parser.add_argument("--trees", action="store_true", help="gradient-boosted trees instead")
    parser.add_argument(
        "--metrics", action="store_true", help="the twelve bench.mt_metrics metrics too"
    )
    parser.add_argument(
        "--shares", action="store_true", help="the weights left over as shares of each sentence's"
    )
    parser.add_argument(
        "--packed",
        type=int,
        default=0,
        metavar="N",
        help="word weights per pair: the two sentences among N others (as a story has them)",
    )
    parser.add_argument(
        "--dense", type=float, metavar="RIDGE", help="every product under this ridge instead"
    )
    args = parser.parse_args(argv)
    prior = DEFAULT.prior_sentences or None
    msrp_pairs, paws_pairs = msrp.read_pairs(args.msrp), msrp.read_paws(args.paws)
    extra: Extra = leftover_shares if args.shares else _leftover
    if args.metrics:
        extra = with_metrics(extra)
    if args.packed:
        corpora = {
            "MSRP": read_packed("MSRP", msrp_pairs, prior, extra, args.packed),
            "PAWS": read_packed("PAWS", paws_pairs, prior, extra, args.packed),
        }
        nine = len(sim.FEATURE_NAMES)
        lexical = {
            name: dataclasses.replace(c, readings=[[v[:nine] for v in vs] for vs in c.readings])
            for name, c in corpora.items()
        }
    else:
        lexical = {
            "MSRP": msrp.Corpus.read("MSRP", msrp_pairs, prior),
            "PAWS": msrp.Corpus.read("PAWS", paws_pairs, prior),
        }
        corpora = {name: with_leftover(c, prior, extra) for name, c in lexical.items()}
    swaps = [msrp.role_swap(p) for p in paws_pairs]
    print(
        f"{'decision (10-fold CV, both vetoes)':<36} {'MSRP acc':>8} {'F1':>6} {'FPR':>6}"
        f" {'AUC':>6} {'PAWS acc':>8} {'F1':>6} {'FPR':>6} {'AUC':>6} {'swapFPR':>7}"
    )
    predicted, fitted, ranks = msrp.cross_validate(lexical, True, names=True, clauses=True)
    print(msrp._row("deployed", predicted, lexical, swaps, ranks), flush=True)
    alone, packed, changed = msrp.alone_and_packed(lexical["MSRP"], fitted, prior)
    print(
        f"  held-out paraphrases alone / packed {alone:.3f} / {packed:.3f}, changed {changed:.3f}"
    )
    names = (*BASE_NAMES, *(METRICS if args.metrics else ()))
    if args.trees:
        trees(corpora, prior, swaps, extra)
    elif args.dense is not None:
        dense(corpora, prior, swaps, args.dense, extra)
    else:
        products(corpora, prior, swaps, args.most, names, extra)
    _timing(lexical["MSRP"], prior)
    return 0


def _timing(corpus: msrp.Corpus, prior: float | None) -> None:
    weights = sim.Weights(corpus.table.values(), prior)
    duos = [(corpus.table[p.first_id], corpus.table[p.second_id]) for p in corpus.pairs]
    print(f"CPU µs per pair (best of 3 x {len(duos)} MSRP pairs):")
    for name, cost in (("similarity()", sim.similarity), ("leftover measures", _leftover)):
        best = math.inf
        for _ in range(3):
            start = time.process_time()
            for a, b in duos:
                cost(a, b, weights)
            best = min(best, time.process_time() - start)
        print(f"  {name:<18} {best / len(duos) * 1e6:7.1f}")


if __name__ == "__main__":
    sys.exit(main())
