"""Counts as English: "1 shared passage", "2 files not loaded"."""

from __future__ import annotations


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
