"""What kept a single-source run's nearest candidate apart: the engine's reason, and every
view and report saying it instead of a bare "no match found" beside a high score."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace

import pytest

from tui.app import StorydiffApp
from tui.core.exporting import to_json, to_markdown
from tui.core.html_report import to_html
from tui.core.model import Document, Nearest, Story
from tui.core.settings import DEFAULT, Settings
from tui.core.similarity import Weights, features, kept_apart, similarity
from tui.core.story import story_from_documents
from tui.core.words import nearest_text, similarity_text
from tui.viewmodels.pairing import RowKind, pair_rows
from tui.widgets.compare import CompareView

#: Two articles each, a sentence of ``a`` and its nearest text in ``b``, and what kept them
#: apart: the order veto, the name veto, a retold fact's figure, a match that joined another
#: passage, and a candidate simply not alike enough.
CASES = {
    "order": (
        "Senator Whitmore sued Governor Delacroix over the water accord on Tuesday.",
        "Governor Delacroix sued Senator Whitmore over the water accord on Tuesday.",
        "names in another order",
    ),
    "name": (
        "At least 170 people were wounded in a blast in Kabul on Monday, police said.",
        "At least 170 people were wounded in a blast in Mazar on Monday, police said.",
        "another name: Kabul / Mazar",
    ),
    "figures": (
        "Mayor Okonkwo told Governor Abernathy that 1,700 homes in Harrowgate had flooded.",
        "According to Governor Abernathy, some 2,400 Harrowgate houses were under water,"
        " Mayor Okonkwo was told.",
        "figures differ: 1,700 / 2,400",
    ),
    "elsewhere": (
        "The mayor closed the harbour bridge to lorries on Monday.\n\n"
        "The mayor closed the harbour bridge to lorries on Monday after the storm.",
        "The mayor closed the harbour bridge to lorries on Monday.",
        "already in passage p1",
    ),
    "unlike": (
        "The crowd sang for an hour after the harbour bridge closed.",
        "The harbour bridge stays open to lorries, the port authority said.",
        "",
    ),
}


def story(a: str, b: str, settings: Settings = DEFAULT) -> Story:
    documents = [
        Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in (("a", a), ("b", b))
    ]
    return story_from_documents(documents, settings=settings)


def best_of_a(found: Story) -> Nearest:
    (run,) = [u for u in found.unique if u.article == "a"]
    return run.nearest[0]


@pytest.mark.parametrize("case", CASES)
def test_the_nearest_candidate_says_what_kept_it_apart(case: str) -> None:
    a, b, reason = CASES[case]
    best = best_of_a(story(a, b))
    assert best.article == "b" and best.kept_apart == reason
    # The wording tier's rules keep apart sentences alike enough to match (the reader saw a
    # bare high score); the fact tier's, a fact retold in other words.
    high = case in ("order", "name", "elsewhere")
    assert (best.score >= DEFAULT.match_threshold) is high


def test_a_rule_switched_off_keeps_nothing_apart() -> None:
    a, b, _ = CASES["order"]
    found = story(a, b, replace(DEFAULT, order_veto=0.0))
    assert not found.unique and len(found.passages) == 1  # they match: nothing to explain


def test_the_similarity_shortcut_gives_the_same_reasons() -> None:
    # ``kept_apart`` given the pair's similarity skips the wording tier below the threshold.
    texts = [t for a, b, _ in CASES.values() for t in (*a.split("\n\n"), b)]
    sentences = [features(t) for t in texts]
    weights = Weights(sentences)
    reasons = set()
    for x in sentences:
        for y in sentences:
            plain = kept_apart(x, y, weights)
            assert kept_apart(x, y, weights, DEFAULT, similarity(x, y, weights)) == plain
            reasons.add(plain)
    assert {None, "", "names in another order"} <= reasons


def test_the_reason_survives_the_workers_pickling() -> None:
    near = Nearest("b", 3, 9, 0.97, ("Kabul",), "another name: Kabul / Mazar")
    assert pickle.loads(pickle.dumps(near)) == near


def test_reports_and_the_export_say_why() -> None:
    a, b, _ = CASES["order"]
    found = story(a, b)
    note = "kept apart · names in another order · nearest: b ¶1, 0.99"
    assert note in to_markdown(found)
    assert note in to_html(found)
    data = json.loads(to_json(found))
    (entry,) = [u for u in data["unique"] if u["article"] == "a"]
    assert entry["nearest"][0]["kept_apart"] == "names in another order"
    # A candidate simply not alike enough reads as before.
    a, b, _ = CASES["unlike"]
    report = to_markdown(story(a, b))
    assert "no match found · nearest: b ¶1" in report and "kept apart" not in report


def test_the_reader_row_says_why() -> None:
    a, b, _ = CASES["name"]
    rows = pair_rows(story(a, b), "a", "b")
    (left,) = [r.left for r in rows if r.kind is RowKind.ONLY_LEFT]
    assert left is not None
    assert (
        left.segment.nearest[0].note
        == "kept apart · another name: Kabul / Mazar · nearest: b ¶1, 0.98"
    )


def test_a_pair_reads_the_same_from_both_sides() -> None:
    # The swapped sentence opens b's paragraph and follows another one in a's: each side's
    # note names the other with the same reason and score (a's whole paragraph scored 0.76,
    # with no reason, while b's sentence said "names in another order").
    swapped = CASES["order"]
    a = f"The ruling comes at a difficult time for the capital. {swapped[0]}"
    b = f"{swapped[1]} Both men declined to comment."
    report = to_markdown(story(a, b))
    for other in ("a", "b"):
        assert f"kept apart · names in another order · nearest: {other} ¶1, 0.99" in report


def test_a_score_below_one_never_reads_as_one() -> None:
    # 0.997 is not "1.00" (the same words); 0.29, stored as 0.28999..., is not "0.28".
    assert nearest_text("b", 1, 0.997).endswith(", 0.99")
    assert nearest_text("b", 1, 0.29).endswith(", 0.29")
    assert nearest_text("b", 1, 1.0).endswith(", 1.00")
    assert similarity_text(0.57, same_wording=False) == "0.57"


async def test_the_compare_view_says_why() -> None:
    a, b, _ = CASES["order"]
    app = StorydiffApp(story(a, b), view="compare", left="a", right="b")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        heads = [view.line_text(view.block_span(i)[0]) for i in range(len(view.visible_rows))]
        note = "only in a · kept apart · names in another order · nearest: b ¶1, 0.99"
        assert any(note in h for h in heads)
