"""Lay two articles side by side: which passage sits on which row of the compare view.

This is domain logic, kept free of any UI import so it can be tested on plain data. The
compare view only renders the rows made here.

Each article is cut into *segments*, in text order: its members of shared passages and its
single-source runs (together they cover every sentence). A segment whose passage the other
article also carries becomes a *shared* row holding both versions and the word diff from the
left version to the right one. Every other segment gets an *only in <outlet>* row against an
empty cell.

Rows follow one article's order (``follow="left"`` or ``"right"``). The other article's
unmatched segments stay near their context: they come after the shared row of the passage
that precedes them in their own article, below the leading article's own unmatched segments
there, just before the next shared row; the start of a sentence that goes on in a shared
row (the words before a copied clause) comes just before that row. A matched cell on the
other side whose paragraph comes before the previous matched cell's is flagged ``moved``:
the passage is told in a different order there.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Literal

from tui.core.dates import parse_day
from tui.core.model import REWRITE, Article, DiffOp, Member, Nearest, Passage, Story
from tui.core.reuse import TOKEN
from tui.core.words import nearest_text

Side = Literal["left", "right"]


class RowKind(Enum):
    SHARED = "shared"
    ONLY_LEFT = "only-left"
    ONLY_RIGHT = "only-right"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one article: a member of a shared passage or a single-source run."""

    article: str
    start: int
    end: int
    text: str
    #: One-based paragraph numbers of the first and last sentence, as a reader counts them.
    first_paragraph: int
    last_paragraph: int
    #: The shared passage this segment belongs to, or None for a single-source run.
    passage: str | None = None
    #: The passage's kind (``Passage.kind``: "same wording", "close wording", "shared
    #: wording", "rewrite"), as every view names it; empty for a single-source run.
    wording: str = ""
    #: How many articles carry the passage (0 for a single-source run).
    outlets: int = 0
    #: For a single-source run: the engine's nearest candidates, best first (if it gives any).
    nearest: tuple[Near, ...] = ()
    #: For a rewrite's member: the shared wording nested inside it (a clause it copies or
    #: another outlet copies from it), as (passage id, start, end) in the article's text.
    nested: tuple[tuple[str, int, int], ...] = ()
    #: True when the segment begins or ends inside a sentence (shared wording in sentences
    #: that go on differently): its words may agree where its sentences do not.
    partial: bool = False

    @property
    def rewrite(self) -> bool:
        """The passage is one fact told in other words: a word diff would be noise."""
        return self.wording == REWRITE

    @property
    def key(self) -> tuple[str, int, int]:
        """Where the segment lies: the same segment keeps its key in every row layout."""
        return (self.article, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Near:
    """The closest text the engine found (and turned down) for a single-source run."""

    #: The candidate's article as a reader knows it, and the paragraph (from 1) it starts in.
    label: str
    paragraph: int
    score: float
    #: What kept it apart (``Nearest.kept_apart``), empty when it is simply not alike enough.
    kept_apart: str = ""
    #: The candidate's article id (to find the candidate in a given article).
    article: str = ""

    @property
    def note(self) -> str:
        """ "no match found · nearest: Fox News ¶2, 0.48", or "kept apart · names in another
        order · nearest: Fox News ¶2, 0.96"."""
        return nearest_text(self.label, self.paragraph, self.score, self.kept_apart)


def near(story: Story, nearest: Nearest) -> Near:
    """The engine's candidate as the reader names it: outlet, paragraph, score and what kept
    it apart."""
    article = story.article(nearest.article)
    paragraph = article.paragraph_at(nearest.start)
    return Near(article.label, paragraph, nearest.score, nearest.kept_apart, article.id)


@dataclass(frozen=True, slots=True)
class Cell:
    segment: Segment
    #: True when this side tells the passage earlier than the row order suggests.
    moved: bool = False
    #: When moved: the paragraph (on this side, counted from 1) of an earlier row's passage
    #: that this side tells *after* this one ("↕ moved before ¶7").
    before: int | None = None
    #: The article's text touching the segment that no segment holds (see ``edges``).
    head: str = ""
    tail: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    left: Cell | None
    right: Cell | None
    #: Word diff from the left text (``a``) to the right text (``b``); empty unless shared.
    ops: tuple[DiffOp, ...] = ()
    #: What the right version says differently from the left one although their wording
    #: matches ("figures differ: 5-2 / 4-3"); empty unless shared.
    disagreements: tuple[str, ...] = ()

    @property
    def passage(self) -> str | None:
        cell = self.left or self.right
        return cell.segment.passage if cell is not None else None

    @property
    def segment(self) -> Segment:
        """The row's leading segment: the left one, else the right one."""
        cell = self.left or self.right
        assert cell is not None
        return cell.segment

    @property
    def identical(self) -> bool:
        """Both sides say exactly the same characters."""
        return (
            self.kind is RowKind.SHARED
            and self.left is not None
            and self.right is not None
            and self.left.segment.text == self.right.segment.text
        )

    @property
    def rewrite(self) -> bool:
        """Shared as one fact told in other words (no word diff is shown)."""
        cell = self.left or self.right
        return self.kind is RowKind.SHARED and cell is not None and cell.segment.rewrite

    @property
    def nested(self) -> tuple[str, ...]:
        """Ids of the shared wording nested in both sides of a rewrite row, in the left's order."""
        if self.kind is not RowKind.SHARED or self.left is None or self.right is None:
            return ()
        theirs = {passage for passage, _, _ in self.right.segment.nested}
        return tuple(p for p, _, _ in self.left.segment.nested if p in theirs)


def _inside_sentences(article: Article, member: Member) -> bool:
    """Whether words of the member's first or last sentence lie outside it."""
    text = article.text
    first, last = article.sentences[member.first_sentence], article.sentences[member.last_sentence]
    return any(c.isalnum() for c in text[first.start : member.start]) or any(
        c.isalnum() for c in text[member.end : last.end]
    )


def segments(story: Story, article: Article, partner: str | None = None) -> list[Segment]:
    """The article's passage members and single-source runs, in text order: each stretch of
    text once (shared wording nested in another passage's member is told on that member's
    segment).

    Compared with ``partner``, shared wording nested in a member of a passage the partner
    does not carry, but which the partner shares (a clause Fox News copies from a sentence of
    NewsNation's rewrite), is a segment of its own, and the rest of that member is cut
    around it: the pair shares the clause, not the member."""
    paragraph_of = [sentence.paragraph + 1 for sentence in article.sentences]
    found: list[Segment] = []
    nested: dict[str, list[tuple[str, int, int]]] = {}
    carried: list[tuple[Passage, Member]] = []
    cut_out: dict[str, list[tuple[int, int]]] = {}
    for passage in story.passages:
        member = passage.member_for(article.id)
        if member is None:
            continue
        if passage.inside_parent(article.id):
            assert passage.within is not None
            if (
                partner is not None
                and passage.member_for(partner) is not None
                and story.passage(passage.within).member_for(partner) is None
            ):
                carried.append((passage, member))
                cut_out.setdefault(passage.within, []).append((member.start, member.end))
                continue
            nested.setdefault(passage.within, []).append((passage.id, member.start, member.end))
        else:
            carried.append((passage, member))
    for passage, member in carried:
        inner = tuple(sorted(nested.get(passage.id, ()), key=lambda n: n[1]))
        for start, end in _around(article.text, member, cut_out.get(passage.id, [])):
            found.append(
                Segment(
                    article.id,
                    start,
                    end,
                    article.text[start:end],
                    article.paragraph_at(start),
                    article.paragraph_at(end - 1),
                    passage.id,
                    wording=passage.kind,
                    outlets=len(passage.members),
                    nested=tuple(n for n in inner if start <= n[1] and n[2] <= end),
                    partial=(start, end) != (member.start, member.end)
                    or _inside_sentences(article, member),
                )
            )
    for unique in story.unique:
        if unique.article == article.id:
            found.append(
                Segment(
                    article.id,
                    unique.start,
                    unique.end,
                    unique.text,
                    paragraph_of[unique.first_sentence],
                    paragraph_of[unique.last_sentence],
                    nearest=tuple(near(story, candidate) for candidate in unique.nearest),
                )
            )
    found.sort(key=lambda s: (s.start, s.end))
    return found


#: What a cut leaves at the edges of the rest of a member (the gap between two segments is
#: shown with them, ``edges``). After a cut: spaces, the punctuation between clauses or
#: after a sentence, and the quotes and brackets that close the cut-out clause, directly
#: after its last word (``again," Governor``, ``again." Osembe``).
_AFTER_CUT = re.compile(r"(?:[.!?…,;:—–-]|[\"'”’»)\]])*[\s,;:—–-]*")
#: Before a cut: spaces and the punctuation between clauses, and the quotes or brackets
#: after a space that open the cut-out clause (``told reporters, "we``, ``recalled: "‘we``).
_BEFORE_CUT = re.compile(r"[\s,;:—–-]*(?:(?<=\s)[\"'“‘«(\[]+)?[\s,;:—–-]*$")


#: The fewest words a part of a cut member needs to be a segment (a row) of its own: a lone
#: word ("A" before the clause "ledger of ... was sealed") reads as nothing on a row; left
#: out, it is shown with the clause it opens or the sentence it ends (``edges``).
_PART_WORDS = 2


def _around(text: str, member: Member, cuts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The member's span, or, with ``cuts`` inside it, the parts around them (each trimmed
    of the spaces, punctuation and quotes at the cut, kept only when it holds
    ``_PART_WORDS`` words), and the cuts themselves left out."""
    if not cuts:
        return [(member.start, member.end)]
    parts = []
    position = member.start
    for start, end in [*sorted(cuts), (member.end, member.end)]:
        left, right = position, start
        after = _AFTER_CUT.match(text, left, right) if left > member.start else None
        if after:
            left = after.end()
        before = _BEFORE_CUT.search(text, left, right)
        if before:
            right = before.start()
        if len(TOKEN.findall(text, left, right)) >= _PART_WORDS:
            parts.append((left, right))
        position = end
    return parts


def edges(text: str, found: Sequence[Segment]) -> list[tuple[str, str]]:
    """For each of ``found`` (in text order), the article's text before and after it that no
    segment holds: the full stop after a copied clause, the opening quote before a run, the
    rest of a shared sentence (``Remnant``: "infrastructure grant." after "paid for by a
    state"). A gap goes to the segment whose paragraph and sentence it continues: up to a
    paragraph break or a sentence's end to the one before it, after them to the one after;
    a gap touching both segments is split at its first space ("agency said" + "."). The
    spaces between a gap's words and its segment are kept, so the article reads whole."""
    heads = [""] * len(found)
    tails = [""] * len(found)
    for index in range(len(found) + 1 if found else 0):
        start = found[index - 1].end if index else 0
        end = found[index].start if index < len(found) else len(text)
        gap = text[start:end]
        if not gap.strip():
            continue
        if index == 0:
            heads[index] = gap.lstrip()
            continue
        if index == len(found):
            tails[index - 1] = gap.rstrip()
            continue
        cut = _GAP_BREAK.search(gap)
        if cut is not None:
            spaces = 1 if cut.group(1) is not None else 0
            tails[index - 1], heads[index] = gap[: cut.start(spaces)], gap[cut.end(spaces) :]
        elif not gap[0].isspace() and not gap[-1].isspace() and len(gap.split()) > 1:
            tails[index - 1], heads[index] = gap.split(None, 1)
        elif gap[-1].isspace() or not gap[0].isspace():
            tails[index - 1] = gap.rstrip()
        else:
            heads[index] = gap.lstrip()
    return list(zip(heads, tails, strict=True))


#: Where a gap between two segments stops continuing the one before it: a paragraph break,
#: or the spaces after a sentence's end (its closing quotes and brackets stay before).
_GAP_BREAK = re.compile(r"\s*\n\s*|(?<=[.!?…])[\"'”’)\]]*(\s+)")


def pair_rows(story: Story, left: str, right: str, follow: Side = "left") -> list[Row]:
    """The compare view's rows for ``left`` against ``right``, in ``follow``'s order."""
    left_segments = segments(story, story.article(left), right)
    right_segments = segments(story, story.article(right), left)
    outlets = (story.article(left).label, story.article(right).label)
    lead, other, other_id = (
        (left_segments, right_segments, right)
        if follow == "left"
        else (right_segments, left_segments, left)
    )
    going_on = _going_on(story.article(other_id).text, other)
    rows = _rows(lead, other, follow, outlets, going_on)
    rows = [_with_figures_retold(story, row, outlets) for row in rows]
    edge = {
        (segment.article, segment.start): pair
        for side, found in ((left, left_segments), (right, right_segments))
        for segment, pair in zip(found, edges(story.article(side).text, found), strict=True)
        if pair != ("", "")
    }

    def edged(cell: Cell | None) -> Cell | None:
        if cell is None:
            return None
        pair = edge.get((cell.segment.article, cell.segment.start))
        return cell if pair is None else replace(cell, head=pair[0], tail=pair[1])

    if not edge:
        return rows
    return [replace(row, left=edged(row.left), right=edged(row.right)) for row in rows]


def _with_figures_retold(story: Story, row: Row, outlets: tuple[str, str]) -> Row:
    """A rewrite's row with what its two versions' figures disagree on (a rewrite's word
    diff is not read: the figure analysis compares its figures)."""
    if not row.rewrite or row.left is None or row.right is None or row.segment.passage is None:
        return row
    from tui.core.disagreements import retold_disagreements

    said = retold_disagreements(
        story.facts.figure_groups,
        story.passage(row.segment.passage),
        row.left.segment.article,
        row.right.segment.article,
        outlets,
    )
    return replace(row, disagreements=tuple(said)) if said else row


def _going_on(text: str, found: Sequence[Segment]) -> set[tuple[str, int, int]]:
    """The keys of ``found`` (in text order) whose sentence goes on in the next segment: no
    sentence end in the segment or the gap after it, and no words or paragraph break there
    ('"We will' before "not rest until …", a copied clause)."""
    keys = set()
    for segment, after in itertools.pairwise(found):
        gap = text[segment.end : after.start]
        if "\n" in gap or any(c.isalnum() for c in gap):
            continue
        if not _SENTENCE_END.search(segment.text + gap):
            keys.add(segment.key)
    return keys


def _rows(
    lead: Sequence[Segment],
    other: Sequence[Segment],
    leading: Side,
    outlets: tuple[str, str],
    going_on: set[tuple[str, int, int]],
) -> list[Row]:
    """The rows, ``outlets`` (left, right) naming who says what in a disagreement, and
    ``going_on`` the other side's segments whose sentence goes on in the next one."""
    other_by_passage = {s.passage: s for s in other if s.passage is not None}
    lead_passages = {s.passage for s in lead if s.passage is not None}
    # The other article's unmatched segments, grouped under the matched passage before them;
    # the start of a sentence that goes on in a matched segment ('"We will' before a copied
    # clause) goes just before that segment's row instead.
    trailing: dict[str | None, list[Segment]] = {}
    leading_into: dict[str | None, list[Segment]] = {}
    anchor: str | None = None
    into: str | None = None
    for segment in reversed(other):
        if segment.passage is not None and segment.passage in lead_passages:
            into = segment.passage
        elif into is not None and segment.key in going_on:
            leading_into.setdefault(into, []).insert(0, segment)
        else:
            into = None
    heads = {segment.key for segments in leading_into.values() for segment in segments}
    for segment in other:
        if segment.passage is not None and segment.passage in lead_passages:
            anchor = segment.passage
        elif segment.key not in heads:
            trailing.setdefault(anchor, []).append(segment)

    rows: list[Row] = []

    def make(lead_cell: Cell | None, other_cell: Cell | None, kind: RowKind) -> Row:
        if leading == "left":
            left_cell, right_cell = lead_cell, other_cell
        else:
            left_cell, right_cell = other_cell, lead_cell
        ops: tuple[DiffOp, ...] = ()
        if (
            kind is RowKind.SHARED
            and left_cell is not None
            and right_cell is not None
            and not left_cell.segment.rewrite
        ):
            # The engine's, imported once compared.
            from tui.core.diffing import word_diff
            from tui.core.disagreements import pair_disagreements

            left_text, right_text = left_cell.segment.text, right_cell.segment.text
            ops = word_diff(left_text, right_text)
            said = pair_disagreements(left_text, right_text, ops, outlets)
            differ = tuple(dict.fromkeys(said))
            return Row(kind, left_cell, right_cell, ops, differ)
        return Row(kind, left_cell, right_cell, ops)

    only_lead = RowKind.ONLY_LEFT if leading == "left" else RowKind.ONLY_RIGHT
    only_other = RowKind.ONLY_RIGHT if leading == "left" else RowKind.ONLY_LEFT

    def flush(key: str | None) -> None:
        for segment in trailing.pop(key, []):
            rows.append(make(None, Cell(segment), only_other))

    # Before each shared row come the lead's own segments, then the other article's
    # unmatched segments that follow the previous shared passage in its own text.
    pending: str | None = None
    furthest: Segment | None = None  # the other side's latest-told segment so far
    for segment in lead:
        match = other_by_passage.get(segment.passage) if segment.passage else None
        if match is None:
            rows.append(make(Cell(segment), None, only_lead))
            continue
        flush(pending)
        for head in leading_into.get(segment.passage, []):
            rows.append(make(None, Cell(head), only_other))
        if furthest is not None and match.start < furthest.start:
            other_cell = Cell(match, moved=True, before=furthest.first_paragraph)
        else:
            other_cell = Cell(match)
            furthest = match
        rows.append(make(Cell(segment), other_cell, RowKind.SHARED))
        pending = segment.passage
    flush(pending)
    for key in list(trailing):
        flush(key)
    return rows


#: The end of a sentence, with the quotes and brackets that close it, at the end of a text.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


def difference_starts(rows: Sequence[Row]) -> list[int]:
    """Row indices where a difference begins, for next/previous-difference keys.

    A shared row whose texts differ is a difference of its own; a run of consecutive rows
    that only one side has (on the same side) is one difference.
    """
    starts: list[int] = []
    for index, row in enumerate(rows):
        if row.kind is RowKind.SHARED:
            if not row.identical:
                starts.append(index)
        elif index == 0 or rows[index - 1].kind is not row.kind:
            starts.append(index)
    return starts


def shared_indices(rows: Sequence[Row]) -> list[int]:
    """Row indices of passages both articles carry, for the next/previous-shared keys."""
    return [index for index, row in enumerate(rows) if row.kind is RowKind.SHARED]


def difference_position(rows: Sequence[Row], index: int) -> tuple[int | None, int]:
    """Which difference (counted from 1) row ``index`` belongs to, if any, and how many there are.

    A row belongs to a difference when a difference starts there, or when it is one of a run
    of rows that only one side has (the run is one difference).
    """
    starts = difference_starts(rows)
    if not 0 <= index < len(rows):
        return None, len(starts)
    number = bisect_right(starts, index)
    if number and (starts[number - 1] == index or rows[index].kind is not RowKind.SHARED):
        return number, len(starts)
    return None, len(starts)


def step(
    starts: Sequence[int], anchor: int, direction: int, *, inclusive: bool = False
) -> int | None:
    """The first of ``starts`` after ``anchor`` (``direction`` 1) or the last before it (-1).

    ``inclusive`` counts ``anchor`` itself as "after" (a search that starts *at* a row, such
    as the first row on screen when the cursor has been scrolled out of sight).
    """
    if direction > 0:
        later = [i for i in starts if i > anchor or (inclusive and i == anchor)]
        return later[0] if later else None
    earlier = [i for i in starts if i < anchor]
    return earlier[-1] if earlier else None


def shown_rows(
    rows: Sequence[Row], *, hide_identical: bool = False, shared_only: bool = False
) -> list[int]:
    """Indices of the rows to show once identical rows and/or single-source rows are hidden."""
    return [
        index
        for index, row in enumerate(rows)
        if not (hide_identical and row.identical)
        and not (shared_only and row.kind is not RowKind.SHARED)
    ]


@dataclass(frozen=True, slots=True)
class Place:
    """Where compare's cursor is: on a shared passage's row, or on one article's segment."""

    passage: str | None = None
    #: (article, start, end) of a single-source segment.
    segment: tuple[str, int, int] | None = None
    #: (article, offset): the row whose segment of that article holds the offset (a quote or
    #: a figure the fact views open compare on, shared or not).
    at: tuple[str, int] | None = None

    def holds(self, row: Row) -> bool:
        if self.passage is not None:
            # Shared wording nested in a rewrite is on the rewrite's row.
            return row.passage == self.passage or self.passage in row.nested
        cells = (row.left, row.right)
        if self.at is not None:
            article, offset = self.at
            return any(
                c is not None
                and c.segment.article == article
                and c.segment.start <= offset < c.segment.end
                for c in cells
            )
        return any(c is not None and c.segment.key == self.segment for c in cells)


def place_of(row: Row) -> Place:
    """The cursor's place on ``row``: a shared row's passage, a one-sided row's segment (a
    passage the other side lacks can be two rows of one side, around the shared wording a
    row of its own holds: its id would put the cursor back on the first)."""
    if row.passage is not None and row.kind is RowKind.SHARED:
        return Place(passage=row.passage)
    return Place(segment=row.segment.key)


def cursor_row(rows: Sequence[Row], shown: Sequence[int], place: Place | None) -> int:
    """Where the cursor goes (an index into ``shown``) when the rows are laid out.

    On ``place``'s row if it is shown, else on the next shown row after it (it is hidden);
    with no place (or one this pair does not have), on the first shared row, so the view
    opens on what the two articles have in common.
    """
    if not shown:
        return 0
    if place is not None:
        at = next((i for i, row in enumerate(rows) if place.holds(row)), None)
        if at is not None:
            return min(bisect_left(shown, at), len(shown) - 1)
    return next((spot for spot, index in enumerate(shown) if rows[index].kind is RowKind.SHARED), 0)


def closest_partner(story: Story, article: str) -> str | None:
    """The other article holding the largest share of ``article``'s text (ties: the first
    told): the library's "most shared with" (``Provenance.most_shared``).

    Any other article, even one sharing nothing, so that compare always has a right side.
    A story still being built (no passages yet) has no partners to look up.
    """
    if story.analysis is not None or story.passages:
        partner = story.facts.provenance.most_shared.get(article)
        if partner is not None:
            return partner.others[0]
    return next((a.id for a in story.articles if a.id != article), None)


#: A figure: digits, with thousands separators or a decimal part ("2,100", "1.5", "2025").
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(text: str) -> list[tuple[int, int]]:
    """Where the figures in ``text`` are, as (start, end) offsets.

    A rewrite tells one fact in other words, often around a number ("2,100 criminal
    investigators", "2,290 special agents"): the passages view emphasises these so the
    versions can be checked against each other at a glance. A trailing full stop or comma
    is punctuation, not part of the figure.
    """
    return [match.span() for match in _FIGURE.finditer(text)]


@dataclass(frozen=True, slots=True)
class VersionGroup:
    """Members of a passage that say exactly the same characters, shown once."""

    #: Indices into the passage's members, the first one's article named first.
    members: tuple[int, ...]
    is_base: bool
    #: True for each group with a member dated on the earliest day (the first telling).
    earliest: bool = False


def base_is_most_common(passage: Passage) -> bool:
    """True when more members say the base's exact words than any other wording."""
    counts = Counter(m.text for m in passage.members)
    base = counts[passage.members[passage.base].text]
    return all(n < base for text, n in counts.items() if text != passage.members[passage.base].text)


def versions(story: Story, passage: Passage) -> list[VersionGroup]:
    """The passage's distinct wordings: the base's first, then by the earliest publication
    date among each wording's members (undated last), then in the story's order."""
    order = {a.id: index for index, a in enumerate(story.articles)}
    days: dict[str | None, date | None] = {}

    def key(member: Member) -> tuple[bool, int, int]:
        text = story.article(member.article).date
        if text not in days:
            days[text] = parse_day(text)
        day = days[text]
        return (day is None, day.toordinal() if day else 0, order.get(member.article, 0))

    # Each member's place in time once (a popular passage has hundreds of members).
    keys = [key(member) for member in passage.members]
    when = keys.__getitem__

    groups: dict[str, list[int]] = {}
    for index in sorted(range(len(passage.members)), key=when):
        groups.setdefault(passage.members[index].text, []).append(index)
    # Every wording told on the earliest day is the first telling: a tie is no order.
    first_day = min((k[:2] for k in keys if not k[0]), default=None)
    base_text = passage.members[passage.base].text
    found = [
        VersionGroup(
            tuple(members), text == base_text, any(when(i)[:2] == first_day for i in members)
        )
        for text, members in groups.items()
    ]
    found.sort(key=lambda g: (not g.is_base, when(g.members[0])))
    return found
