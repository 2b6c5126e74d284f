"""Each limit of ``Settings`` is honoured: small made-up stories built with a limit moved
show what the limit bounds, and the default gives the full result (the seeds' golden export
pins the defaults only as a whole)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from stories import two_outlets

from tui.core.model import REWRITE, SHARED_WORDING, Document, Story
from tui.core.settings import DEFAULT, Settings
from tui.core.story import story_from_documents


def _story(texts: dict[str, str], settings: Settings = DEFAULT) -> Story:
    documents = [
        Document(id=k, source=f"{k}.txt", raw=v, structured=True) for k, v in texts.items()
    ]
    return story_from_documents(documents, settings=settings)


def _members(story: Story) -> list[list[str]]:
    """Each passage's articles."""
    return [sorted(m.article for m in p.members) for p in story.passages]


# --- Sentence matcher ----------------------------------------------------------------------

#: "Kabul" is 2.5e-6 per word in English: between ``name_veto_frequency`` (1e-6) and
#: ``name_veto_figure_frequency`` (1e-5); "Mazar" is rarer than both. Not after "in": the
#: place rule (any frequency) does not apply.
_KABUL = "At least 17 Kabul officials were wounded in a bomb attack on a bus last week."
_MAZAR = _KABUL.replace("Kabul", "Mazar")


def _joined(a: str, b: str, settings: Settings = DEFAULT) -> bool:
    return any(len(p.members) == 2 for p in two_outlets(a, b, settings).passages)


def test_name_veto_figure_frequency_keeps_apart_better_known_names_beside_one_figure() -> None:
    # Beside the same count, Kabul officials and Mazar officials are two events...
    assert not _joined(_KABUL, _MAZAR)
    # ... but not at the plain bound, which Kabul is too common for:
    assert _joined(_KABUL, _MAZAR, replace(DEFAULT, name_veto_figure_frequency=1e-6))
    # ... nor without the figure, where the plain bound speaks whatever this one says.
    assert _joined(_KABUL.replace("17", "many"), _MAZAR.replace("17", "many"))


def test_min_tokens_is_the_shortest_sentence_matched_on_its_own() -> None:
    three, four = "The mayor resigned.", "The mayor resigned today."
    assert not _joined(three, three) and _joined(four, four)
    assert _joined(three, three, replace(DEFAULT, min_tokens=3))
    assert not _joined(four, four, replace(DEFAULT, min_tokens=5))


# --- Facts retold in other words ----------------------------------------------------------

#: Two retellings of one letter that share two participants (Talvik Osembe, Mirela Varga),
#: each bringing in one (a: Ilse Brandvold, b: Anouk Zelinsky) or three others of its own.
_ONE_MORE = {
    "a": (
        "Talvik Osembe sent a letter to Mirela Varga and Ilse Brandvold on Friday asking for "
        "help with the inquiry."
    ),
    "b": "Writing with Anouk Zelinsky, Talvik Osembe asked Mirela Varga to support the inquiry.",
}
_THREE_MORE = {
    "a": (
        "Talvik Osembe sent a letter to Mirela Varga, Ilse Brandvold, Joral Tesmaki and Ulla "
        "Pirkanen on Friday asking for help with the inquiry."
    ),
    "b": (
        "In a letter, Talvik Osembe, Anouk Zelinsky, Bram Oyelaran and Hedda Quist asked "
        "Mirela Varga to back the inquiry."
    ),
}


def _retold(texts: dict[str, str], settings: Settings = DEFAULT) -> bool:
    kinds = [p.kind for p in _story(texts, settings).passages]
    assert kinds in ([], [REWRITE]), kinds
    return bool(kinds)


def test_fact_name_share_bounds_the_participants_a_retelling_may_add() -> None:
    # Two of each sentence's three participants shared (2/3): one fact at the default (1/2),
    # two once every participant of the smaller sentence must be shared.
    assert _retold(_ONE_MORE)
    assert not _retold(_ONE_MORE, replace(DEFAULT, fact_name_share=1.0))
    # Two of five (2/5): each sentence is mostly about others, two facts at the default...
    assert not _retold(_THREE_MORE)
    # ... and one where a lower share is enough.
    assert _retold(_THREE_MORE, replace(DEFAULT, fact_name_share=0.3))


# --- Shared wording ------------------------------------------------------------------------

_ACCORD = "over the harbour accord it signed in Loucrar last year, the court heard on Monday"
#: Three articles copy one clause; "a" and "c" put the two firms in opposite roles before it,
#: "b" names neither. Each n-gram of the clause is in a, b, c in that order.
_SWAPPED = {
    "a": f"Findhoun sued Coulges {_ACCORD}. The judge left early.",
    "b": f"The two firms fought for months {_ACCORD}. Shares fell.",
    "c": f"Coulges sued Findhoun {_ACCORD}. Nobody commented.",
}


def test_ngram_window_bounds_which_copies_are_compared_directly() -> None:
    # At the default every copy is read against every later one: "a" and "c" are compared,
    # their roles are traded at the clause's edge, and c's copy is held apart from a's.
    assert _members(_story(_SWAPPED)) == [["a", "b"]]
    # With a window of 1 each occurrence is read against the next only (a-b, b-c): a and c
    # are never compared, nothing holds them apart, and the clause joins all three.
    narrow = _story(_SWAPPED, replace(DEFAULT, ngram_window=1))
    assert _members(narrow) == [["a", "b", "c"]]


#: One clause copied with an edit every few words: its longest unedited run is six words
#: ("the harbour board voted late on").
_EDITED = {
    "a": (
        "Residents were stunned when the harbour board voted late on Thursday to sell the old "
        "ferry terminal to a developer from Leeds, ending years of talks about a museum."
    ),
    "b": (
        "Critics say the move came after the harbour board voted late on Friday to sell the "
        "old ferry building to a developer from York without asking anyone."
    ),
}


def test_ngram_is_the_unedited_run_a_copy_needs_to_be_found() -> None:
    (copy,) = _story(_EDITED).passages
    assert copy.kind == SHARED_WORDING
    # Found from its seeds and bridged across both edits: one piece.
    assert [m.text for m in copy.members] == [
        "the harbour board voted late on Thursday to sell the old ferry terminal to a "
        "developer from",
        "the harbour board voted late on Friday to sell the old ferry building to a developer from",
    ]
    # Seeds as long as the longest unedited run still find it; one word longer, nothing does.
    assert _story(_EDITED, replace(DEFAULT, ngram=6)).passages == (copy,)
    assert _story(_EDITED, replace(DEFAULT, ngram=7)).passages == ()


# --- Candidate index -----------------------------------------------------------------------

#: "a" and "c" tell one fact in other words; "b", between them in every posting list, shares
#: a's words but says something else.
_BETWEEN = {
    "a": "Mayor Okonkwo closed the harbour bridge to heavy lorries on Monday.",
    "b": (
        "Mayor Okonkwo would not say on Monday whether the harbour bridge, closed to heavy "
        "lorries since the storm, would reopen to buses and cyclists before the summer."
    ),
    "c": "On Monday Mayor Okonkwo shut the harbour bridge to heavy lorries.",
}
#: Every word's posting list is past ``min_posting_cap`` (so ``posting_window`` bounds it);
#: the sentence matcher alone joins sentences.
_POSTED = replace(DEFAULT, max_posting_share=1.0, min_posting_cap=1, shared_wording=False)


def test_posting_window_bounds_how_far_a_sentence_looks_for_candidates() -> None:
    assert _members(_story(_BETWEEN, _POSTED)) == [["a", "c"]]
    # Reading one later sentence per word, "a" meets only "b": "c" is never scored with it.
    narrow = replace(_POSTED, posting_window=1)
    assert _members(_story(_BETWEEN, narrow)) == []
    # ... which is "b" standing between them: without it "a" reads "c" first.
    assert _members(_story({k: _BETWEEN[k] for k in "ac"}, narrow)) == [["a", "c"]]


# --- Work bounds --------------------------------------------------------------------------

#: Three outlets tell one sentence in nearly the same words, each pair a little differently.
_VOTE = {
    "a": "The council approved the harbour plan on Tuesday after a long debate.",
    "b": "The council approved the harbour plan on Tuesday after a long and bitter debate.",
    "c": "The city council backed the harbour plan on Tuesday after a long debate.",
}


@pytest.mark.parametrize("shared_wording", [True, False])
def test_max_similarity_pairs_changes_the_reported_similarity_only(shared_wording: bool) -> None:
    base = replace(DEFAULT, shared_wording=shared_wording)
    (full,) = _story(_VOTE, base).passages
    assert len(full.members) == 3
    # A sentence passage averages its 3 member pairs; shared wording its base against the
    # 2 other members: with room for them all, the default's figure.
    room = replace(base, max_similarity_pairs=2 if shared_wording else 3)
    assert _story(_VOTE, room).passages == (full,)
    # One pair: another figure, and every decision (members, base, diffs, kind) the same.
    (one,) = _story(_VOTE, replace(base, max_similarity_pairs=1)).passages
    assert one.similarity != full.similarity
    assert replace(one, similarity=full.similarity) == full


# --- Nearest candidate of single-source text -----------------------------------------------

#: "a" is single-source; each of b, c, d shares some of its words, none enough to match.
_NEAR = {
    "a": (
        "Mayor Okonkwo closed the harbour bridge to lorries on Monday, citing cracks found "
        "by inspectors."
    ),
    "b": "The harbour bridge stays open to lorries, the port authority said.",
    "c": "Inspectors found cracks in the harbour bridge last year.",
    "d": "Okonkwo said lorries would use the ring road from Monday.",
}


def _nearest(settings: Settings = DEFAULT) -> list[tuple[str, float, tuple[str, ...]]]:
    """The nearest candidates of a's run: article, score, missing words."""
    story = _story(_NEAR, settings)
    assert not story.passages
    (run,) = [u for u in story.unique if u.article == "a"]
    return [(n.article, n.score, n.missing) for n in run.nearest]


def test_the_nearest_limits_bound_what_a_single_source_run_lists() -> None:
    full = _nearest()
    assert sorted(a for a, _, _ in full) == ["b", "c", "d"]  # best first
    assert [s for _, s, _ in full] == sorted((s for _, s, _ in full), reverse=True)
    # One article kept, or one candidate sentence scored: the best only.
    assert _nearest(replace(DEFAULT, nearest_articles=1)) == full[:1]
    assert _nearest(replace(DEFAULT, nearest_candidates=1)) == full[:1]
    # A floor between the best score and the next: the others are "nothing close".
    floor = (full[0][1] + full[1][1]) / 2
    assert _nearest(replace(DEFAULT, nearest_min_score=floor)) == full[:1]
    # One missing word each: the first (rarest) of the default's list.
    one = _nearest(replace(DEFAULT, max_missing=1))
    assert one == [(a, s, missing[:1]) for a, s, missing in full]
    # No weight floor: common words the candidate lacks are listed too ("Monday").
    every = _nearest(replace(DEFAULT, missing_weight=0.0))
    assert all(set(m) <= set(e) for (_, _, m), (_, _, e) in zip(full, every, strict=True))
    assert "Monday" in every[0][2] and "Monday" not in full[0][2]


def test_the_nearest_probes_read_the_rarest_words_and_the_start_of_their_postings() -> None:
    # Looked up by its rarest word alone ("Okonkwo"), a finds only d, the one article with it.
    assert [a for a, _, _ in _nearest(replace(DEFAULT, nearest_probe_words=1))] == ["d"]
    # Each posting is read from its start, in article order: at 1 only a's own sentence.
    assert _nearest(replace(DEFAULT, nearest_posting_window=1)) == []
