"""The compare view's row layout, on hand-made stories and on the seeds."""

from __future__ import annotations

import itertools

import pytest
from stories import (
    COPIED_CLAUSE,
    FOOTBRIDGE,
    QUOTE_AROUND_THE_CLAUSE,
    SEALED,
    clause_after_one_word,
    copied_from_a_rewrite,
    make_story,
    quote_cut_around_a_copied_clause,
    retold_with_a_copied_clause,
    told_whole_by_two,
)

from tui.core.model import REWRITE, SHARED_WORDING, Story
from tui.viewmodels.pairing import (
    Place,
    RowKind,
    closest_partner,
    cursor_row,
    difference_position,
    difference_starts,
    edges,
    figures,
    pair_rows,
    place_of,
    segments,
    shared_indices,
    shown_rows,
    step,
)


def texts(rows: list, side: str) -> list[str]:
    return [getattr(r, side).segment.text for r in rows if getattr(r, side) is not None]


def test_following_left_keeps_left_order_and_every_segment_once(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="left")
    assert texts(rows, "left") == [s.text for s in segments(moved, moved.article("a"))]
    assert sorted(texts(rows, "right")) == sorted(
        s.text for s in segments(moved, moved.article("b"))
    )


def test_following_right_keeps_right_order(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="right")
    assert texts(rows, "right") == [s.text for s in segments(moved, moved.article("b"))]


def test_shared_rows_pair_the_same_passage_and_flag_the_moved_one(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="left")
    shared = [r for r in rows if r.kind is RowKind.SHARED]
    assert [(r.left.segment.text, r.right.segment.text) for r in shared] == [
        ("Quote one said here.", "Quote one said here."),
        ("Quote two said there.", "Quote two said there!"),
    ]
    # b tells quote two (¶2) before quote one (¶4): following a, quote two moved up in b.
    assert [r.right.moved for r in shared] == [False, True]
    # ...told before ¶4, the paragraph of quote one, which an earlier row showed.
    assert [r.right.before for r in shared] == [None, 4]
    assert [r.right.segment.first_paragraph for r in shared] == [4, 2]
    assert shared[0].identical and not shared[1].identical
    assert shared[1].segment.wording == "same wording"  # "." against "!" is punctuation only


def test_only_rows_sit_before_the_next_shared_row(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="left")
    kinds = [(r.kind, (r.left or r.right).segment.text) for r in rows]
    assert kinds == [
        (RowKind.ONLY_LEFT, "A intro."),
        (RowKind.ONLY_RIGHT, "B intro."),
        (RowKind.SHARED, "Quote one said here."),
        (RowKind.ONLY_LEFT, "A middle."),
        (RowKind.ONLY_RIGHT, "B end."),
        (RowKind.SHARED, "Quote two said there."),
        (RowKind.ONLY_RIGHT, "B middle."),
    ]


def test_a_run_of_only_rows_is_one_difference(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="left")
    # only-left, only-right, [identical shared], only-left, only-right, shared(!), only-right
    assert difference_starts(rows) == [0, 1, 3, 4, 5, 6]


def test_closest_partner(moved: Story) -> None:
    assert closest_partner(moved, "a") == "b"


def test_closest_partner_gives_compare_a_right_side_when_nothing_is_shared() -> None:
    story = make_story({"a": ["A."], "b": ["B."], "c": ["C."]}, [{"b": 0, "c": 0}])
    assert closest_partner(story, "a") == "b"
    assert closest_partner(story, "c") == "b"


def test_seeds_noem_letter_row(seeds_story: Story) -> None:
    noem = next(
        p for p in seeds_story.passages if "understanding that the Department" in p.members[0].text
    )
    left, right = noem.members[0].article, noem.members[1].article
    rows = pair_rows(seeds_story, left, right)
    row = next(r for r in rows if r.passage == noem.id)
    assert row.kind is RowKind.SHARED
    assert row.left.segment.article == left and row.right.segment.article == right
    assert not row.identical
    total = sum(1 for r in rows if r.left) + sum(1 for r in rows if r.right)
    assert total == len(segments(seeds_story, seeds_story.article(left))) + len(
        segments(seeds_story, seeds_story.article(right))
    )


def test_segments_cover_every_sentence_of_the_seeds(seeds_story: Story) -> None:
    for article in seeds_story.articles:
        found = segments(seeds_story, article)
        assert [s.start for s in found] == sorted(s.start for s in found)
        # Shared wording may start inside a sentence: every letter and digit of a sentence
        # is in a segment, or in the rest of a shared sentence shown with its passage.
        rests = [r for r in seeds_story.remnants if r.article == article.id]
        for sentence in article.sentences:
            for offset in range(sentence.start, sentence.end):
                if article.text[offset].isalnum():
                    assert any(s.start <= offset < s.end for s in [*found, *rests])


def test_segments_and_their_edges_show_every_character_of_the_text(seeds_story: Story) -> None:
    # A copied clause's full stop belongs to no segment; the article view shows it anyway.
    retold = retold_with_a_copied_clause("saying the audit was overdue")
    for story in (seeds_story, retold):
        for article in story.articles:
            found = segments(story, article)
            pieces = zip(found, edges(article.text, found), strict=True)
            shown = "".join(h + s.text + t for s, (h, t) in pieces)
            assert "".join(shown.split()) == "".join(article.text.split()), article.id
    # The Noem letter's quotation marks, outside the copied words, are shown.
    first = seeds_story.articles[1]
    assert ("“", ".”") in edges(first.text, segments(seeds_story, first))
    # ...and compare shows them around the cell's text.
    rows = pair_rows(seeds_story, first.id, seeds_story.articles[4].id)
    assert any(r.left and (r.left.head, r.left.tail) == ("“", ".”") for r in rows)


def test_rewrite_rows_carry_no_word_diff(seeds_story: Story) -> None:
    rewrite = next(p for p in seeds_story.passages if p.kind == "rewrite")
    left, right = rewrite.members[0].article, rewrite.members[1].article
    rows = [r for r in pair_rows(seeds_story, left, right) if r.passage == rewrite.id]
    assert len(rows) == 1
    (row,) = rows
    assert row.rewrite and row.ops == () and row.segment.wording == "rewrite"
    every = pair_rows(seeds_story, left, right)
    assert every.index(row) in difference_starts(every)  # still a place where they differ


def test_rows_can_be_shown_shared_only_or_without_identical_ones(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="left")
    assert shown_rows(rows) == list(range(len(rows)))
    assert shown_rows(rows, shared_only=True) == shared_indices(rows) == [2, 5]
    assert shown_rows(rows, hide_identical=True) == [0, 1, 3, 4, 5, 6]
    assert shown_rows(rows, hide_identical=True, shared_only=True) == [5]


def test_difference_position_counts_a_run_of_only_rows_once(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="left")
    # starts: [0, 1, 3, 4, 5, 6]; row 2 is identical (no difference)
    assert [difference_position(rows, i) for i in range(len(rows))] == [
        (1, 6),
        (2, 6),
        (None, 6),
        (3, 6),
        (4, 6),
        (5, 6),
        (6, 6),
    ]
    run = make_story({"a": ["One.", "Two.", "Three."], "b": ["Other."]}, [])
    only = pair_rows(run, "a", "b")
    assert [difference_position(only, i) for i in range(len(only))] == [
        (1, 2),
        (1, 2),
        (1, 2),
        (2, 2),
    ]


def test_step_from_a_row_or_from_the_screen() -> None:
    starts = [1, 4, 9]
    assert step(starts, 4, 1) == 9
    assert step(starts, 4, 1, inclusive=True) == 4
    assert step(starts, 4, -1) == 1
    assert step(starts, 9, 1) is None
    assert step(starts, 1, -1) is None


def test_cursor_goes_to_its_place_else_first_shared(moved: Story) -> None:
    rows = pair_rows(moved, "a", "b", follow="left")
    every = shown_rows(rows)
    assert cursor_row(rows, every, None) == 2  # the first shared row, not the intro
    assert cursor_row(rows, every, Place(passage="p2")) == 5
    assert cursor_row(rows, every, Place(passage="nowhere")) == 2
    # The same segment in the other order, and after a swap (other side, other kind).
    right_first = pair_rows(moved, "a", "b", follow="right")
    b_end = place_of(next(r for r in right_first if r.segment.text == "B end."))
    assert rows[cursor_row(rows, every, b_end)].segment.text == "B end."
    swapped = pair_rows(moved, "b", "a", follow="right")
    assert swapped[cursor_row(swapped, shown_rows(swapped), b_end)].kind is RowKind.ONLY_LEFT
    # A hidden row's place goes to the next row shown.
    shared_only = shown_rows(rows, shared_only=True)
    a_middle = place_of(rows[3])
    assert shared_only[cursor_row(rows, shared_only, a_middle)] == 5
    assert cursor_row(rows, [], None) == 0


def test_figures_finds_numbers_with_separators() -> None:
    text = "Of roughly 100,000 employees, 2,100 agents (1.5%) in 2025, or 2,290."
    found = [text[start:end] for start, end in figures(text)]
    assert found == ["100,000", "2,100", "1.5", "2025", "2,290"]
    assert figures("No numbers here, none.") == []
    # Offsets, so a view can style the very characters.
    start, end = figures("about 11,000 arrests")[0]
    assert (start, end) == (6, 12)


def test_wording_nested_in_a_rewrite_is_told_on_the_rewrites_row() -> None:
    story = retold_with_a_copied_clause("weeks after the auditors found a gap in the pension fund")
    (retold,) = [p for p in story.passages if p.within is None]
    (copied,) = [p for p in story.passages if p.within == retold.id]
    rows = pair_rows(story, "a", "b")
    # One row for the retold fact, the copy both sides share told on it: no text twice.
    (row,) = [row for row in rows if row.kind is RowKind.SHARED]
    assert row.passage == retold.id and row.nested == (copied.id,)
    cells = [row.left.segment for row in rows if row.left is not None]
    assert all(x.end <= y.start for x, y in itertools.pairwise(cells))
    # "c" has no copy: its row with "a" is the rewrite alone.
    (row,) = [row for row in pair_rows(story, "a", "c") if row.kind is RowKind.SHARED]
    assert row.nested == ()


def test_compare_shows_a_clause_copied_from_a_passage_the_partner_does_not_carry() -> None:
    story = copied_from_a_rewrite()
    (rewrite,) = [p for p in story.passages if p.kind == REWRITE]
    (copy,) = [p for p in story.passages if p.kind == SHARED_WORDING]
    rows = pair_rows(story, "a", "d")
    shared = [r for r in rows if r.kind is RowKind.SHARED]
    assert [r.passage for r in shared] == [copy.id]
    assert shared[0].left is not None and shared[0].left.segment.text == COPIED_CLAUSE
    # The rest of a's sentence is a's alone in this pair, still its rewrite's text.
    (rest,) = [r for r in rows if r.passage == rewrite.id]
    assert rest.kind is RowKind.ONLY_LEFT
    assert rest.segment.text.endswith("asking for")
    # Against c, which carries the rewrite, a's sentence is whole, on the rewrite's row.
    (retold,) = [r for r in pair_rows(story, "a", "c") if r.kind is RowKind.SHARED]
    assert retold.passage == rewrite.id and retold.segment.text.endswith("northern docks.")


@pytest.mark.parametrize(
    ("quote", "before", "edge", "after"),
    [
        (
            QUOTE_AROUND_THE_CLAUSE,
            '"We will',
            ("", ',"'),
            "port director Talvik Osembe said on Monday.",
        ),
        (
            "Speaking on the quay, Talvik Osembe told the harbour council that his staff would "
            f'"open {COPIED_CLAUSE} again" before the spring tides.',
            "Speaking on the quay, Talvik Osembe told the harbour council that his staff would",
            ('"', '"'),
            "before the spring tides.",
        ),
        (
            "At the hearing Talvik Osembe recalled that his staff would "
            f"“‘open {COPIED_CLAUSE} again’” before the spring tides.",
            "At the hearing Talvik Osembe recalled that his staff would",
            ("“‘", "’”"),
            "before the spring tides.",
        ),
    ],
)
def test_a_quote_cut_around_a_copied_clause_reads_in_order_with_its_quotes_at_the_clause(
    quote: str, before: str, edge: tuple[str, str], after: str
) -> None:
    # "q" copies a clause out of a sentence six outlets carry, and tells the sentence it
    # shares with "c0" after the clause, where "c0" tells it before the quote.
    story = quote_cut_around_a_copied_clause(quote)
    (copy,) = [p for p in story.passages if p.outside]
    rows = pair_rows(story, "q", "c0")
    at = next(i for i, r in enumerate(rows) if r.passage == copy.id)
    cells = [r.right for r in rows[at - 1 : at + 2] if r.right is not None]
    # The words before the clause sit just above it, not after the sentence c0 tells before
    # the quote; the quotation marks at the clause are shown with it, not left on the rest.
    assert [c.segment.text for c in cells] == [before, f"open {COPIED_CLAUSE} again", after]
    assert (cells[1].head, cells[1].tail) == edge
    # Nothing of c0's text is lost on the way.
    c0 = story.article("c0")
    found = segments(story, c0, "q")
    shown = "".join(h + s.text + t for s, (h, t) in zip(found, edges(c0.text, found), strict=True))
    assert "".join(shown.split()) == "".join(c0.text.split())


def test_a_line_with_no_full_stop_stays_in_its_own_paragraph() -> None:
    # b's unstopped line ends its paragraph: it does not lead into the shared sentence after
    # it (which a tells first), so it stays below the passage it follows in b.
    first, second = "First shared sentence here.", "Second shared sentence here."
    story = make_story(
        {"a": [second, first], "b": [first, "A note with no full stop", second]},
        [{"a": 1, "b": 0}, {"a": 0, "b": 2}],
    )
    rows = pair_rows(story, "a", "b")
    assert [r.kind for r in rows] == [RowKind.SHARED, RowKind.SHARED, RowKind.ONLY_RIGHT]
    assert rows[-1].segment.text == "A note with no full stop"


@pytest.mark.xfail(
    strict=True,
    reason="open: keeping such a passage among the two (tried 7 December) lost a planted copy "
    "of the dev set when the kept passage joined a stretch of shared wording",
)
def test_a_sentence_two_outlets_tell_whole_is_one_row_when_a_third_copies_part_of_it() -> None:
    # "a" and "b" tell one sentence word for word; "c" copies its clause into a sentence of
    # its own. Side by side, a and b read the sentence as one identical row, not cut in two
    # at the edges of c's copy.
    story = told_whole_by_two()
    shared = [r for r in pair_rows(story, "a", "b") if r.kind is RowKind.SHARED]
    assert [(r.left.segment.text, r.right.segment.text) for r in shared] == [
        (FOOTBRIDGE, FOOTBRIDGE)
    ]
    assert shared[0].identical
    # Against c, a shares the clause: its sentence is cut around it there.
    (clause,) = [r for r in pair_rows(story, "a", "c") if r.kind is RowKind.SHARED]
    assert clause.left.segment.text.startswith("will close") and clause.left.segment.partial


@pytest.mark.parametrize("follow", ["left", "right"])
def test_a_lone_word_before_a_copied_clause_stays_with_the_clause(follow: str) -> None:
    # a's sentence opens with one word before the clause d copies ("A ledger ... was sealed
    # by court order on Friday, ..."): cut around the clause, the word is no row of its own,
    # it opens the clause's row, and the rest of the sentence follows.
    story = clause_after_one_word()
    rows = pair_rows(story, "a", "d", follow=follow)
    assert not [r for r in rows if len((r.left or r.right).segment.text.split()) < 2]
    a_side = [r for r in rows if r.left is not None]
    at = next(i for i, r in enumerate(a_side) if r.kind is RowKind.SHARED)
    shared, rest = a_side[at], a_side[at + 1]
    assert shared.left.head + shared.left.segment.text == f"A {SEALED}"
    assert rest.kind is RowKind.ONLY_LEFT and rest.segment.text.startswith("on Friday, Harbour")
    # Nothing of a's text is lost on the way.
    a = story.article("a")
    found = segments(story, a, "d")
    shown = "".join(h + s.text + t for s, (h, t) in zip(found, edges(a.text, found), strict=True))
    assert "".join(shown.split()) == "".join(a.text.split())
