"""Counts as English: "1 shared passage", "2 files not loaded"."""

from __future__ import annotations

import math
from collections.abc import Sequence


def count(n: int, noun: str, plural: str | None = None, *, after: str = "") -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1 (``plural``: an irregular one); ``after``
    follows the noun ("2 files not loaded": ``count(2, "file", after="not loaded")``)."""
    word = noun if n == 1 else (plural or f"{noun}s")
    return f"{n} {word} {after}" if after else f"{n} {word}"


def percent(share: float) -> str:
    """A share as the reader shows it: "45%"; "<1%" for a trace and ">99%" for nearly all,
    never "0%" for some or "100%" for not quite all."""
    text = f"{share:.0%}"
    if share > 0 and text == "0%":
        return "<1%"
    if share < 1 and text == "100%":
        return ">99%"
    return text


def similarity_text(similarity: float, same_wording: bool) -> str:
    """A passage's similarity as every view and report writes it: rounded down, and below
    1 unless its versions have the same wording (a version that adds a clause is not
    "1.00")."""
    score = _hundredths_down(similarity)
    return f"{score if same_wording else min(score, 0.99):.2f}"


def _hundredths_down(score: float) -> float:
    """``score`` rounded down to hundredths, as it is written (0.29, stored as
    0.28999999999999998, stays 0.29)."""
    return math.floor(score * 100 + 1e-9) / 100


def within_text(within: str, inside: Sequence[str] = ()) -> str:
    """Where a nested passage lies: "within p3", or, when some of its members lie outside the
    parent (single-source text that copies a clause of the parent's member), for whom:
    "within p3 for NewsNation"."""
    return f"within {within} for {', '.join(inside)}" if inside else f"within {within}"


def nearest_text(
    label: str, paragraph: int, score: float, kept_apart: str = "", *, only_in: str = ""
) -> str:
    """A single-source run's nearest candidate as every view and report writes it: "no match
    found · nearest: Fox News ¶2, 0.48", or "kept apart · names in another order · nearest:
    Fox News ¶2, 0.96" when a rule kept a candidate alike enough to match apart.

    With ``only_in`` (compare's one-sided row, which says whose text it is as a row with no
    candidate does): "only in AP · nearest: Fox News ¶2, 0.48", "only in AP · kept apart ·
    names in another order · nearest: Fox News ¶2, 0.96"."""
    said = f"kept apart · {kept_apart}" if kept_apart else "" if only_in else "no match found"
    lead = " · ".join(part for part in (f"only in {only_in}" if only_in else "", said) if part)
    return f"{lead} · {nearest_forms(label, paragraph, score)[0]}"


def nearest_forms(label: str, paragraph: int, score: float) -> list[str]:
    """The candidate's part of ``nearest_text``, longest first, for a line too narrow for
    it: "nearest: The Epoch Times ¶7, 0.28", the outlet cut short ("nearest: The Epoch…
    ¶7, 0.28"), without the paragraph ("nearest: The Epoch…, 0.28"), then the score alone
    ("nearest 0.28"): how close any other telling comes says the most, a paragraph without
    its outlet the least."""
    where = _where(paragraph, score)
    short = _short_label(label)
    said = f"{_hundredths_down(score):.2f}"
    forms = [f"nearest: {label} {where}", f"nearest: {short} {where}", f"nearest: {short}, {said}"]
    return [*dict.fromkeys(forms), f"nearest {said}"]


def _short_label(label: str) -> str:
    """An outlet's name cut after its first word of more than three letters: "The Epoch…",
    "MarsLink…"; a name no longer than that stays whole ("Fox News", "NewsNation")."""
    names = label.split()
    for count, name in enumerate(names, start=1):
        if len(name) > 3:
            return label if count == len(names) else " ".join(names[:count]) + "…"
    return label


def absent_text(label: str, paragraph: int | None = None, score: float | None = None) -> str:
    """What the empty side of a one-sided row says: "— not in Fox News", and, when the engine
    found a (turned-down) candidate there, "— not in Fox News · nearest ¶4, 0.41"; with no
    ``label`` (a row after one that said it), "—" or "— nearest ¶4, 0.41"."""
    said = f"— not in {label}" if label else "—"
    if paragraph is None or score is None:
        return said
    return f"{said}{' ·' if label else ''} nearest {_where(paragraph, score)}"


def _where(paragraph: int, score: float) -> str:
    """A candidate's place and score: "¶2, 0.48". The score is rounded down: 0.997 is
    "0.99", never "1.00", which reads as the same words."""
    return f"¶{paragraph}, {_hundredths_down(score):.2f}"


#: ``Passage.base_is`` as every view and report words it.
_BASE_REASONS = {
    "most common": "most common version",
    "closest": "closest to the others",
    "earliest": "tied, published first",
    "earliest dated": "tied, the earliest dated",
    "first listed": "tied, listed first",
}


def base_reason(base_is: str) -> str:
    """Why a passage's base is its base, as its "base" tag says it ("tied, published
    first"); empty when not known."""
    return _BASE_REASONS.get(base_is, "")
