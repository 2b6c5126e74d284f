"""Score the sentence matcher on MSRP train and PAWS-Wiki dev, fitted on both together.

    /work/venv/bin/python -m bench.msrp [--msrp PATH] [--paws PATH] [--fit] [--timing]
                                        [--swap-budget FPR ...] [--vetoed]

MSRP (news sentences from different outlets) says whether the matcher finds paraphrases;
PAWS (Wikipedia pairs with high word overlap, many negatives swapping roles: "flights from
New York to Florida" / "from Florida to New York") says whether it reads word order. Every
pair is scored with the engine's own features, with word weights built as the engine builds
them from a story: the corpus's own sentences (blended with the general-English prior).

Printed, for the deployed decision and for the matcher before it (story-only weights, the
eight features of before, fitted on MSRP alone), in the same run:

- 10-fold cross-validated accuracy, F1, false-positive rate and ROC-AUC (of the sentence
  score times the order model's "same roles" probability) on each corpus: coefficients
  and the threshold are fitted on nine folds of both corpora and measured on the tenth;
- the false-positive rate on the PAWS negatives that are role swaps (the same bag of words);
- recall of held-out MSRP paraphrases judged alone (weights from the two sentences only)
  and packed among 200 other sentences: a decision should not depend on the story's size.

``--fit`` also prints the coefficients fitted on all pairs (what ``similarity.MODEL`` holds)
and a leave-one-feature-out ablation; ``--timing`` adds microseconds per call; ``--vetoed``
lists the held-out MSRP pairs the order veto rejects (what it costs MSRP). The corpora
are read in place, never copied.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tui.core import similarity as sim
from tui.core.settings import DEFAULT, Settings


def _shared_data() -> Path:
    """The team's ``shared/data`` folder: beside the checkout or one of its parents."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return Path("shared") / "data"


MSRP_PATH = _shared_data() / "msrp-train" / "msr_paraphrase_train.txt"
PAWS_PATH = _shared_data() / "paws-wiki" / "dev.tsv"
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


_DETOKENISE = [
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"\s+([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$])\s+"), r"\1"),
    (re.compile(r"\s+('s|'re|'ve|'ll|'d|'m|n't)\b"), r"\1"),
    (re.compile(r"\s+-\s+"), "-"),
]


def detokenise(text: str) -> str:
    """PAWS text is tokenised with spaces around punctuation: undo it the way a writer would."""
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text


def read_paws(path: Path) -> list[Pair]:
    """The labelled pairs of a PAWS file (id, sentence1, sentence2, label; no header)."""
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != 4 or not fields[0].isdigit():
                continue
            key, s1, s2, label = fields
            pairs.append(Pair(int(label), detokenise(s1), detokenise(s2), f"{key}a", f"{key}b"))
    return pairs


def role_swap(pair: Pair) -> bool:
    """Whether the two sentences have the same words, only in another order."""
    return sorted(sim.tokens(pair.first)) == sorted(sim.tokens(pair.second))


# ---------------------------------------------------------------------------------- metrics


def best_threshold(
    scores: Sequence[float], labels: Sequence[int], weights: Sequence[float] | None = None
) -> float:
    """The threshold (midway between two scores) that maximises (weighted) accuracy."""
    if weights is None:
        weights = [1.0] * len(labels)
    pairs = sorted(zip(scores, labels, weights, strict=True))
    correct = sum(w for _, y, w in pairs if y)  # below every score, all are predicted positive
    best, best_correct = pairs[0][0] - 1e-9, correct
    for i, (s, y, w) in enumerate(pairs):
        correct += -w if y else w  # this item is now predicted negative
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
    vectors: Sequence[Sequence[float]],
    labels: Sequence[int],
    ridge: float = RIDGE,
    weights: Sequence[float] | None = None,
) -> tuple[float, ...]:
    """Ridge-penalised, weighted logistic regression by Newton's method: (intercept, *coefs)."""
    rows = [(1.0, *v) for v in vectors]
    if weights is None:
        weights = [1.0] * len(rows)
    k = len(rows[0])
    beta = [0.0] * k
    for _ in range(50):
        gradient = [0.0] * k
        hessian = [[0.0] * k for _ in range(k)]
        for x, y, weight in zip(rows, labels, weights, strict=True):
            p = sim._sigmoid(sum(b * xi for b, xi in zip(beta, x, strict=True)))
            w = weight * p * (1 - p)
            for i in range(k):
                gradient[i] += weight * (y - p) * x[i]
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


def folds(n: int) -> list[int]:
    """A fixed, seeded assignment of each pair to one of ``FOLDS`` folds."""
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    fold = [0] * n
    for position, index in enumerate(order):
        fold[index] = position % FOLDS
    return fold


#: The coefficients and threshold of the matcher before word order and the prior (fitted on
#: MSRP alone with story-only weights): the baseline every run compares against.
BEFORE_MODEL = (-3.4371, 2.5855, 5.9232, -2.2886, -1.4742, -0.6007, -1.2225, 3.7586, -2.3643)
BEFORE_THRESHOLD = 0.567
#: When choosing the order veto on the training folds, the accuracy on PAWS role swaps
#: counts this much beside the accuracy on MSRP (which the veto must not lose).
SWAP_SHARE = 0.5
#: ... and the accuracy on all PAWS pairs this much (swaps are not the only pairs whose
#: word order changes what they say).
PAWS_SHARE = 0.5


@dataclass
class Corpus:
    """One labelled corpus with each pair's feature vectors (whole sentences, then quotes)."""

    name: str
    pairs: list[Pair]
    labels: list[int]
    readings: list[list[tuple[float, ...]]]
    #: Per pair: the word-order features gated by word overlap (``similarity.roles_differ``).
    order: list[tuple[float, ...]]
    table: dict[str, sim.SentenceFeatures]
    fold: list[int]
    #: Per pair, per reading: whether a name stands replaced by another
    #: (``similarity.name_replaced``).
    replaced: list[list[bool]] = field(default_factory=list)
    #: Per pair: the gated word-order features of the clauses that hold the names both give
    #: (``similarity.named_clauses``), empty when there are none.
    clause_order: list[tuple[float, ...]] = field(default_factory=list)

    @classmethod
    def read(
        cls,
        name: str,
        pairs: list[Pair],
        prior: float | None,
        before: bool = False,
        settings: Settings = DEFAULT,
    ) -> Corpus:
        """The corpus's pairs scored with the engine's features (``before``: the eight
        features of the matcher before; ``settings``: what a replaced name is)."""
        sentences: dict[str, str] = {}
        for p in pairs:
            sentences.setdefault(p.first_id, p.first)
            sentences.setdefault(p.second_id, p.second)
        table = {key: sim.features(text) for key, text in sentences.items()}
        weights = sim.Weights(table.values(), prior)
        readings, order, replaced, clause_order = [], [], [], []
        for p in pairs:
            a, b = table[p.first_id], table[p.second_id]
            vectors = sim.pair_vectors(a, b, weights)
            readings.append([eight_features(v) for v in vectors] if before else vectors)
            order.append(gated_order(a, b, weights))
            replaced.append(name_flags(a, b, settings))
            clauses = sim.named_clauses(a, b)
            clause_order.append(gated_order(*clauses, weights) if clauses else ())
        labels = [p.label for p in pairs]
        return cls(
            name, pairs, labels, readings, order, table, folds(len(pairs)), replaced, clause_order
        )


def name_flags(
    a: sim.SentenceFeatures, b: sim.SentenceFeatures, settings: Settings = DEFAULT
) -> list[bool]:
    """Per reading of the pair (``similarity.pair_vectors``' order): a name replaced."""
    return [sim.name_replaced(x, y, settings) for x, y in sim._readings(a, b)]


def gated_order(
    a: sim.SentenceFeatures, b: sim.SentenceFeatures, weights: sim.Weights
) -> tuple[float, ...]:
    gate = sim._word_overlap(a, b, weights)[0] ** sim.ORDER_GATE
    return tuple(gate * x for x in sim.order_features(a, b, weights))


#: Where the feature added after the matcher of before sits in ``similarity.pair_features``.
_ADDED = sim.FEATURE_NAMES.index("words_in_order")


def eight_features(vector: Sequence[float]) -> tuple[float, ...]:
    """A pair's features as the matcher of before had them (without ``words_in_order``)."""
    return (*vector[:_ADDED], *vector[_ADDED + 1 :])


def pair_score(
    readings: Sequence[Sequence[float]],
    model: Sequence[float],
    vetoed: Sequence[bool] | None = None,
    identical: Sequence[float] | None = None,
) -> float:
    """The engine's score of a pair (best reading, rescaled so identical sentences score 1),
    under a model of the engine's features, of the eight of before, of the engine's
    features followed by extra ones that are 1 for identical sentences (``bench.semantic``),
    or of any readings whose vector for identical sentences is ``identical``; a reading
    ``vetoed`` (a name replaced) scores 0."""
    if vetoed is not None and any(vetoed):
        readings = [v for v, out in zip(readings, vetoed, strict=True) if not out]
        if not readings:
            return 0.0
    if identical is None and len(model) == len(sim.IDENTICAL) + 1:
        return sim.best_score(readings, model)
    if identical is not None:
        same = identical
    else:
        extra = len(model) - 1 - len(sim.IDENTICAL)
        same = (*sim.IDENTICAL, *[1.0] * extra) if extra > 0 else eight_features(sim.IDENTICAL)
    most = sim._sigmoid(sim.logit(same, model))
    return min(1.0, max(sim._sigmoid(sim.logit(v, model)) for v in readings) / most)


def same_roles(order: Sequence[float], model: Sequence[float]) -> float:
    """The order model's probability that a pair's names keep their roles."""
    return sim._sigmoid(sim.logit(order, model))


def roles_kept(corpus: Corpus, i: int, model: Sequence[float], clauses: bool) -> float:
    """``same_roles`` of pair ``i``, with ``clauses`` the lower of the whole sentences' and
    the named clauses' (``similarity.named_roles_differ``)."""
    kept = same_roles(corpus.order[i], model)
    if clauses and corpus.clause_order and corpus.clause_order[i]:
        return min(kept, same_roles(corpus.clause_order[i], model))
    return kept


@dataclass
class Figures:
    accuracy: float
    f1: float
    fpr: float
    swap_fpr: float | None = None


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The probability that a random paraphrase outranks a random non-paraphrase (ties half)."""
    ranked = sorted(zip(scores, labels, strict=True))
    positives = sum(labels)
    negatives = len(labels) - positives
    below = 0.0  # negatives ranked below the current score
    total = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        tied_pos = sum(y for _, y in ranked[i:j])
        tied_neg = (j - i) - tied_pos
        total += tied_pos * (below + 0.5 * tied_neg)
        below += tied_neg
        i = j
    return total / (positives * negatives) if positives and negatives else 0.5


def figures(
    predicted: Sequence[int], labels: Sequence[int], swaps: Sequence[bool] | None = None
) -> Figures:
    tp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y)
    fp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and not y)
    fn = sum(1 for p, y in zip(predicted, labels, strict=True) if not p and y)
    negatives = len(labels) - sum(labels)
    accuracy = sum(1 for p, y in zip(predicted, labels, strict=True) if p == y) / len(labels)
    swap_fpr = None
    if swaps is not None:
        swapped = [p for p, y, s in zip(predicted, labels, swaps, strict=True) if s and not y]
        swap_fpr = sum(swapped) / len(swapped) if swapped else 0.0
    return Figures(accuracy, 2 * tp / (2 * tp + fp + fn) if tp else 0.0, fp / negatives, swap_fpr)


@dataclass
class Fitted:
    """One fold's decision: the sentence model and threshold, and the order veto (if any)."""

    model: tuple[float, ...]
    threshold: float
    order_model: tuple[float, ...] = ()
    veto: float = 0.0
    #: Whether a reading with a name replaced is no match (``Settings.name_veto_frequency``).
    names: bool = False
    #: Whether the order veto also reads the clauses that hold the names both give.
    clauses: bool = False
    #: The readings' vector for identical sentences, when ``model`` is over other readings
    #: than the engine's features (``bench.terms``).
    identical: tuple[float, ...] | None = None

    def _score(self, corpus: Corpus, i: int) -> float:
        vetoed = corpus.replaced[i] if self.names else None
        return pair_score(corpus.readings[i], self.model, vetoed, self.identical)

    def rank(self, corpus: Corpus, i: int) -> float:
        """A score to rank pairs by (for ROC-AUC): the sentence model's score, times the
        order model's probability that the roles are the same when there is one."""
        score = self._score(corpus, i)
        if self.order_model:
            score *= roles_kept(corpus, i, self.order_model, self.clauses)
        return score

    def order_vetoed(self, corpus: Corpus, i: int) -> bool:
        """Whether the sentence model accepts pair ``i`` and the order veto rejects it."""
        return (
            bool(self.order_model)
            and self._score(corpus, i) >= self.threshold
            and same_roles(corpus.order[i], self.order_model) < self.veto
        )

    def decide(self, corpus: Corpus, i: int) -> int:
        if self._score(corpus, i) < self.threshold:
            return 0
        if self.order_model and roles_kept(corpus, i, self.order_model, self.clauses) < self.veto:
            return 0
        return 1


def fit_decision(
    msrp: Corpus,
    paws: Corpus,
    train: Callable[[Corpus, int], bool],
    order: bool,
    swap_budget: float | None = None,
    names: bool = False,
    clauses: bool = False,
    model: tuple[float, ...] | None = None,
    identical: tuple[float, ...] | None = None,
) -> Fitted:
    """Fit the sentence model on MSRP (unless ``model`` is given, over readings scoring
    ``identical`` for identical sentences) and its threshold (with ``names``: over the readings
    with no name replaced, ``similarity.name_replaced``), then (with ``order``) the order
    model and its veto.

    The order model is fitted on the PAWS pairs (high word overlap: roles kept or changed),
    and the veto chosen where MSRP accuracy plus ``SWAP_SHARE`` x accuracy on the role swaps
    (same words, other order) plus ``PAWS_SHARE`` x accuracy on all PAWS pairs is highest
    (what is deployed). With ``swap_budget`` the order model also sees the MSRP pairs the
    sentence model accepts (clauses a rewrite moved, which are not swapped roles), and the
    veto is the one with the best MSRP accuracy that lets at most ``swap_budget`` of the
    role-swap negatives through (``--swap-budget``: how much MSRP a looser veto buys)."""
    rows = [i for i in range(len(msrp.pairs)) if train(msrp, i)]
    labels = [msrp.labels[i] for i in rows]
    if model is None:
        model = fit_logistic([msrp.readings[i][0] for i in rows], labels)
    # A reading with a name replaced scores 0 (with ``names``): the threshold is chosen
    # among the pairs the name veto leaves.
    scoring = Fitted(model, 0.0, names=names, identical=identical)
    scores = [scoring._score(msrp, i) for i in rows]
    threshold = best_threshold(scores, labels)
    fitted = Fitted(model, threshold, names=names, identical=identical)
    if not order:
        return fitted
    everything = [i for i in range(len(paws.pairs)) if train(paws, i)]
    accepted = [i for i, s in zip(rows, scores, strict=True) if s >= threshold]
    extra = accepted if swap_budget is not None else []
    order_model = fit_logistic(
        [paws.order[i] for i in everything] + [msrp.order[i] for i in extra],
        [paws.labels[i] for i in everything] + [msrp.labels[i] for i in extra],
    )
    # Only pairs the sentence model accepts can be vetoed: their probabilities of "same
    # roles" decide, for every candidate veto at once; the rest are rejected whatever it is.
    kept = [(roles_kept(msrp, i, order_model, clauses), msrp.labels[i]) for i in accepted]
    msrp_rejected = sum(1 - y for y in labels) - sum(1 - y for _, y in kept)
    passed = [i for i in everything if scoring._score(paws, i) >= threshold]
    paws_kept = [(roles_kept(paws, i, order_model, clauses), paws.labels[i]) for i in passed]
    swap_kept = [k for i, k in zip(passed, paws_kept, strict=True) if role_swap(paws.pairs[i])]
    swaps = sum(1 for i in everything if role_swap(paws.pairs[i]))
    swap_negatives = sum(1 for i in everything if role_swap(paws.pairs[i]) and not paws.labels[i])
    swap_rejected = swap_negatives - sum(1 - y for _, y in swap_kept)
    paws_rejected = sum(1 - paws.labels[i] for i in everything) - sum(1 - y for _, y in paws_kept)
    best = (-1.0, 0.0)
    for step in range(101):
        veto = step / 100
        msrp_acc = (msrp_rejected + sum((p >= veto) == bool(y) for p, y in kept)) / len(rows)
        if swap_budget is None:
            swap_right = swap_rejected + sum((p >= veto) == bool(y) for p, y in swap_kept)
            paws_right = paws_rejected + sum((p >= veto) == bool(y) for p, y in paws_kept)
            objective = (
                msrp_acc
                + SWAP_SHARE * swap_right / swaps
                + PAWS_SHARE * paws_right / len(everything)
            )
        elif sum(1 for p, y in swap_kept if p >= veto and not y) <= swap_budget * swap_negatives:
            objective = msrp_acc
        else:
            continue
        if objective > best[0]:
            best = (objective, veto)
    return Fitted(model, threshold, order_model, best[1], names, clauses, identical)


def cross_validate(
    corpora: dict[str, Corpus],
    order: bool,
    swap_budget: float | None = None,
    names: bool = False,
    clauses: bool = False,
) -> tuple[dict[str, list[int]], list[Fitted], dict[str, list[float]]]:
    """Held-out decisions and ranking scores for every pair of both corpora, and each fold's
    fitted decision."""
    predicted = {name: [0] * len(c.pairs) for name, c in corpora.items()}
    ranks = {name: [0.0] * len(c.pairs) for name, c in corpora.items()}
    fitted = []
    for k in range(FOLDS):

        def train(corpus: Corpus, i: int, k: int = k) -> bool:
            return corpus.fold[i] != k

        decision = fit_decision(
            corpora["MSRP"], corpora["PAWS"], train, order, swap_budget, names, clauses
        )
        fitted.append(decision)
        for name, corpus in corpora.items():
            for i in range(len(corpus.pairs)):
                if corpus.fold[i] == k:
                    predicted[name][i] = decision.decide(corpus, i)
                    ranks[name][i] = decision.rank(corpus, i)
    return predicted, fitted, ranks


def alone_and_packed(
    corpus: Corpus,
    fitted: Sequence[Fitted],
    prior: float | None,
    before: bool = False,
    per_fold: int = 40,
    packed: int = 200,
    settings: Settings = DEFAULT,
    extra: Callable[[int], tuple[float, ...]] = lambda _i: (),
    vectors: Callable[[int, sim.SentenceFeatures, sim.SentenceFeatures, sim.Weights], list]
    | None = None,
) -> tuple[float, float, float]:
    """Recall of held-out paraphrases judged alone and among ``packed`` other sentences, and
    the share of them decided differently (each pair uses the decision of its held-out fold;
    ``before``: with the eight features of the matcher before; ``extra``: features of pair
    ``i`` appended to each reading's, as ``bench.semantic`` appends the cosine; ``vectors``:
    fold ``k``'s readings of two sentences under the given weights, instead of the
    engine's features)."""
    rng = random.Random(SEED)
    others = list(corpus.table.values())
    alone = together = changed = total = 0
    for k, decision in enumerate(fitted):
        chosen = [i for i, p in enumerate(corpus.pairs) if corpus.fold[i] == k and p.label]
        for i in chosen[:per_fold]:
            a = corpus.table[corpus.pairs[i].first_id]
            b = corpus.table[corpus.pairs[i].second_id]
            decisions = []
            for background in ([], rng.sample(others, packed)):
                weights = sim.Weights([a, b, *background], prior)
                if vectors is None:
                    readings = [
                        (*(eight_features(v) if before else v), *extra(i))
                        for v in sim.pair_vectors(a, b, weights)
                    ]
                else:
                    readings = vectors(k, a, b, weights)
                one = Corpus(
                    "one",
                    [corpus.pairs[i]],
                    [1],
                    [readings],
                    [gated_order(a, b, weights)],
                    {},
                    [0],
                    [name_flags(a, b, settings)],
                    [
                        gated_order(*clauses, weights)
                        if (clauses := sim.named_clauses(a, b))
                        else ()
                    ],
                )
                decisions.append(decision.decide(one, 0))
            alone += decisions[0]
            together += decisions[1]
            changed += decisions[0] != decisions[1]
            total += 1
    return alone / total, together / total, changed / total


def _row(
    label: str,
    decided: dict[str, list[int]],
    corpora: dict[str, Corpus],
    swaps: list[bool],
    ranks: dict[str, list[float]],
) -> str:
    m = figures(decided["MSRP"], corpora["MSRP"].labels)
    p = figures(decided["PAWS"], corpora["PAWS"].labels, swaps)
    m_auc = roc_auc(ranks["MSRP"], corpora["MSRP"].labels)
    p_auc = roc_auc(ranks["PAWS"], corpora["PAWS"].labels)
    return (
        f"{label:<36} {m.accuracy:>8.3f} {m.f1:>6.3f} {m.fpr:>6.3f} {m_auc:>6.3f}"
        f" {p.accuracy:>8.3f} {p.f1:>6.3f} {p.fpr:>6.3f} {p_auc:>6.3f} {p.swap_fpr:>7.3f}"
    )


DEPLOYED = "deployed: + order of named clauses"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--msrp", type=Path, default=MSRP_PATH)
    parser.add_argument("--paws", type=Path, default=PAWS_PATH)
    parser.add_argument("--fit", action="store_true", help="print the fitted constants")
    parser.add_argument("--timing", action="store_true", help="print µs per call")
    parser.add_argument(
        "--vetoed", action="store_true", help="print the MSRP pairs the order veto rejects (CV)"
    )
    parser.add_argument(
        "--swap-budget",
        type=float,
        action="append",
        default=[],
        help="also: the order veto chosen for the best MSRP accuracy under this role-swap FPR",
    )
    parser.add_argument(
        "--prior",
        type=float,
        default=DEFAULT.prior_sentences,
        help="prior strength in sentences (0: story-only weights)",
    )
    parser.add_argument(
        "--name-frequency",
        type=float,
        default=DEFAULT.name_veto_frequency,
        help="Settings.name_veto_frequency for the name veto (0: off)",
    )
    parser.add_argument(
        "--figure-name-frequency",
        type=float,
        default=DEFAULT.name_veto_figure_frequency,
        help="Settings.name_veto_figure_frequency: the bound beside a shared figure",
    )
    args = parser.parse_args(argv)
    settings = replace(
        DEFAULT,
        name_veto_frequency=args.name_frequency,
        name_veto_figure_frequency=args.figure_name_frequency,
    )
    for path in (args.msrp, args.paws):
        if not path.is_file():
            print(f"msrp: {path}: no such file (pass --msrp / --paws)")
            return 2
    prior = args.prior or None
    msrp_pairs, paws_pairs = read_pairs(args.msrp), read_paws(args.paws)
    now = {
        "MSRP": Corpus.read("MSRP", msrp_pairs, prior, settings=settings),
        "PAWS": Corpus.read("PAWS", paws_pairs, prior, settings=settings),
    }
    before = {
        "MSRP": Corpus.read("MSRP", msrp_pairs, None, before=True),
        "PAWS": Corpus.read("PAWS", paws_pairs, None, before=True),
    }
    swaps = [role_swap(p) for p in paws_pairs]
    for name, corpus in now.items():
        labels = corpus.labels
        print(
            f"{name}: {len(labels)} pairs ({sum(labels)} paraphrases, majority class"
            f" {max(sum(labels), len(labels) - sum(labels)) / len(labels):.3f})"
        )
    negatives = sum(1 for s, y in zip(swaps, now["PAWS"].labels, strict=True) if s and not y)
    print(f"PAWS role swaps (same words, other order): {sum(swaps)} pairs, {negatives} negatives")
    print(f"CV: {FOLDS} seeded folds per corpus; everything fitted on 9 folds, measured on the")
    print("10th: the sentence model and threshold on MSRP, the order veto on PAWS role swaps.")
    print(f"Word weights: each corpus's own sentences, prior {prior} sentences.")
    print(f"Name veto: names rarer than {args.name_frequency:g} per word in English.")
    print()
    print(
        f"{'decision (10-fold CV unless noted)':<36} {'MSRP acc':>8} {'F1':>6} {'FPR':>6}"
        f" {'AUC':>6} {'PAWS acc':>8} {'F1':>6} {'FPR':>6} {'AUC':>6} {'swapFPR':>7}"
    )
    fitted_of = {}
    runs: list[tuple[str, dict[str, Corpus], bool, float | None, bool, bool]] = [
        ("before: story-only weights", before, False, None, False, False),
        ("prior weights, no order veto", now, False, None, False, False),
        ("prior + order veto, no name veto", now, True, None, False, False),
        ("+ name veto, whole-sentence order", now, True, None, True, False),
        (DEPLOYED, now, True, None, True, True),
    ]
    runs += [(f"veto under swap FPR {b:.2f}", now, True, b, True, True) for b in args.swap_budget]
    for label, corpora, order, budget, names, clauses in runs:
        predicted, fitted, ranks = cross_validate(corpora, order, budget, names, clauses)
        fitted_of[label] = fitted
        print(_row(label, predicted, corpora, swaps, ranks))
    for label, decision, corpora in (
        ("before, constants (all pairs)", Fitted(BEFORE_MODEL, BEFORE_THRESHOLD), before),
        (
            "deployed, constants (all pairs)",
            Fitted(
                sim.MODEL,
                DEFAULT.match_threshold,
                sim.ORDER_MODEL,
                DEFAULT.order_veto,
                DEFAULT.name_veto_frequency > 0,
                clauses=True,
            ),
            now,
        ),
    ):
        decided = {
            name: [decision.decide(c, i) for i in range(len(c.pairs))]
            for name, c in corpora.items()
        }
        ranked = {
            name: [decision.rank(c, i) for i in range(len(c.pairs))] for name, c in corpora.items()
        }
        print(_row(label, decided, corpora, swaps, ranked))
    print()
    print("Held-out MSRP paraphrases (40 per fold): recall alone / among 200 other sentences")
    for label, corpus, weights_prior, eight in (
        ("before: story-only weights", before["MSRP"], None, True),
        (DEPLOYED, now["MSRP"], prior, False),
    ):
        alone, packed, changed = alone_and_packed(
            corpus, fitted_of[label], weights_prior, eight, settings=settings
        )
        print(f"  {label:<30} {alone:.3f} / {packed:.3f}   decision changed: {changed:.3f}")

    if args.vetoed:
        _print_vetoed(now["MSRP"], fitted_of[DEPLOYED])

    if args.fit:
        everything = lambda _c, _i: True  # noqa: E731
        decision = fit_decision(
            now["MSRP"], now["PAWS"], everything, True, names=True, clauses=True
        )
        print()
        print("Fitted on all pairs:")
        print("MODEL = (" + ", ".join(f"{c:.4f}" for c in decision.model) + ")")
        print(f"Settings.match_threshold = {decision.threshold:.3f}")
        print("ORDER_MODEL = (" + ", ".join(f"{c:.4f}" for c in decision.order_model) + ")")
        print(f"Settings.order_veto = {decision.veto:.2f}")

    if args.timing:
        print()
        _timing(now["MSRP"])
    return 0


def _print_vetoed(corpus: Corpus, fitted: Sequence[Fitted]) -> None:
    """The held-out MSRP pairs the sentence model accepts and the order veto rejects."""
    vetoed = [i for i in range(len(corpus.pairs)) if fitted[corpus.fold[i]].order_vetoed(corpus, i)]
    print()
    print(
        f"Order veto (CV): {len(vetoed)} MSRP pairs the sentence model accepts are rejected,"
        f" {sum(corpus.labels[i] for i in vetoed)} of them paraphrases"
    )
    for i in vetoed:
        pair, decision = corpus.pairs[i], fitted[corpus.fold[i]]
        roles = same_roles(corpus.order[i], decision.order_model)
        print(f"  label {pair.label}, same roles {roles:.3f} < {decision.veto:.2f}")
        print(f"    {pair.first}")
        print(f"    {pair.second}")


def _timing(corpus: Corpus) -> None:
    texts = [p.first for p in corpus.pairs] + [p.second for p in corpus.pairs]
    start = time.perf_counter()
    table = [sim.features(text) for text in texts]
    per_features = (time.perf_counter() - start) / len(texts) * 1e6
    weights = sim.Weights(table)
    duos = list(zip(table[: len(corpus.pairs)], table[len(corpus.pairs) :], strict=True))
    best = math.inf
    for _ in range(5):
        start = time.perf_counter()
        for a, b in duos:
            sim.similarity(a, b, weights)
        best = min(best, time.perf_counter() - start)
    print(f"features():   {per_features:.1f} µs per sentence ({len(texts)} sentences)")
    print(f"similarity(): {best / len(duos) * 1e6:.1f} µs per pair (best of 5 x {len(duos)})")


if __name__ == "__main__":
    sys.exit(main())
