"""Counts as English: "1 shared passage", "2 files not loaded"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None, *, after: str = "") -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1 (``plural``: an irregular one); ``after``
    follows the noun ("2 files not loaded": ``count(2, "file", after="not loaded")``)."""
    word = noun if n == 1 else (plural or f"{noun}s")
    return f"{n} {word} {after}" if after else f"{n} {word}"
