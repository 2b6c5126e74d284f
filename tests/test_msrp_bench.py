"""The MSRP benches' own logic: what ``bench.msrp --vetoed`` lists, what ``bench.mt_metrics``
appends to the sentence model."""

from __future__ import annotations

import numpy as np
import pytest

from bench import msrp, mt_metrics, terms
from tui.core import similarity as sim


def _one_pair_corpus(readings: list[tuple[float, ...]], order: tuple[float, ...]) -> msrp.Corpus:
    pair = msrp.Pair(1, "a", "b", "1", "2")
    return msrp.Corpus("one", [pair], [1], [readings], [order], {}, [0], [[False]])


def test_order_vetoed_is_only_a_pair_the_sentence_model_accepts() -> None:
    # An order model that says "roles differ" (probability 0.05) whatever the features.
    order_model = (-3.0, 0.0, 0.0, 0.0, 0.0)
    decision = msrp.Fitted(sim.MODEL, 0.5, order_model, 0.43)
    order = (0.0, 0.0, 0.0, 0.0)
    accepted = _one_pair_corpus([sim.IDENTICAL], order)
    rejected = _one_pair_corpus([(0.0, 0.0, 0.0, 3.0, 1.0, 1.0, 0.0, 0.0, 0.0)], order)
    assert decision.order_vetoed(accepted, 0)
    assert not decision.order_vetoed(rejected, 0)  # never accepted: no veto to blame
    assert not msrp.Fitted(sim.MODEL, 0.5).order_vetoed(accepted, 0)  # no order model


@pytest.mark.parametrize("name", list(mt_metrics.METRICS))
def test_each_mt_metric_is_one_for_identical_sentences(name: str) -> None:
    # bench.msrp.pair_score rescales by the score of identical sentences, taking each extra
    # feature to be 1 there.
    sentence = sim.features("Acme said on Monday it would cut 1,200 jobs in Ohio by 2026.")
    weights = sim.Weights([sentence, sim.features("An unrelated sentence about the weather.")])
    assert mt_metrics.METRICS[name](sentence, sentence, weights) == pytest.approx(1.0)


def test_mt_metrics_tell_a_reworded_sentence_from_a_copy() -> None:
    a = sim.features("Acme said on Monday it would cut 1,200 jobs in Ohio.")
    b = sim.features("On Monday Acme announced 1,200 job cuts in Ohio, officials said.")
    weights = sim.Weights([a, b])
    for name in ("p2", "bleu_words", "chrf", "edit_rate"):
        assert 0.0 < mt_metrics.METRICS[name](a, b, weights) < 1.0, name


def test_products_are_every_pair_of_features_once() -> None:
    x = np.array([[2.0, 3.0, 5.0]])
    expanded = mt_metrics._quadratic(x)[0].tolist()
    assert expanded == [2.0, 3.0, 5.0, 4.0, 6.0, 10.0, 9.0, 15.0, 25.0]


def test_leftover_measures_read_only_the_words_one_sentence_lacks() -> None:
    a = sim.features("Acme will cut 1,200 jobs in Ohio, Smith said.")
    b = sim.features("Acme will cut 900 jobs in Ohio.")
    weights = sim.Weights([a, b])
    assert mt_metrics._leftover(a, a, weights) == [0.0] * 7
    heavier, lighter, total, _, _, names, figures = mt_metrics._leftover(a, b, weights)
    assert heavier > lighter > 0.0 and total == pytest.approx(heavier + lighter)
    assert names == pytest.approx(1 / 5)  # "Smith"
    assert figures == 1.0  # 1,200 and 900


def test_candidate_products_leave_out_duplicates_and_constants() -> None:
    # Column 1 is 0/1 (its square is itself), column 2 is column 0 squared, column 3 constant.
    x = np.array([[0.5, 0.0, 0.25, 2.0], [2.0, 1.0, 4.0, 2.0], [3.0, 1.0, 9.0, 2.0]])
    assert terms.candidates(x) == [(0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (2, 2)]


def test_forward_path_adds_the_product_that_carries_the_labels_first() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 3))
    y = (x[:, 0] * x[:, 1] + 0.3 * rng.normal(size=600) > 0).astype(float)
    columns = terms.term_columns(x, [(0,), (1,), (2,), (0, 2), (1, 2), (0, 1), (2, 2)])
    chosen, models = terms.forward_path(columns, y, 3, 2, 1.0)
    assert chosen[3] == 5  # x0 * x1
    assert len(models) == 3 and len(models[-1]) == 1 + 5


def test_a_model_over_other_readings_scores_identical_sentences_one() -> None:
    # bench.terms turns each reading into its logit, the model (0, 1) over it.
    assert msrp.pair_score([(2.0,)], (0.0, 1.0), identical=(2.0,)) == pytest.approx(1.0)
    half = sim._sigmoid(0.0) / sim._sigmoid(2.0)
    assert msrp.pair_score([(0.0,), (-1.0,)], (0.0, 1.0), identical=(2.0,)) == pytest.approx(half)


def test_leftover_shares_say_which_sentence_adds_words() -> None:
    a = sim.features("Acme will cut 1,200 jobs in Ohio, Smith said on Monday.")
    b = sim.features("Acme will cut 1,200 jobs in Ohio.")
    weights = sim.Weights([a, b])
    assert terms.leftover_shares(a, a, weights) == [0.0] * 7
    heavier, lighter, mean, *_ = terms.leftover_shares(a, b, weights)
    assert 0.0 < heavier < 1.0 and lighter == 0.0  # b adds nothing; a adds Smith and Monday
    assert mean == pytest.approx(heavier / 2)
