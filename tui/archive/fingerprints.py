"""Fingerprints of an article: hashed word n-grams, the keys of the archive's shuffle.

As in passim, an article is known by the word n-grams it contains (``ArchiveSettings.ngram``
words, lower-cased, punctuation dropped). Each n-gram becomes a stable 64-bit key: every
worker and every run computes the same keys, whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

import numpy as np

_TOKEN = re.compile(r"\w+")
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_EPOCH = date(1970, 1, 1)
#: The day of an article whose date cannot be read: such articles only meet each other.
UNDATED = -(2**31)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")


def _token_hash(token: str, cache: dict[str, int]) -> int:
    value = cache.get(token)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
        cache[token] = value
    return value


def mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of a key depends on every bit of its n-gram."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def ngram_keys(text: str, n: int, cache: dict[str, int]) -> np.ndarray:
    """The distinct keys of ``text``'s word n-grams, sorted (uint64)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter((_token_hash(t, cache) for t in tokens), np.uint64, len(tokens))
    count = len(tokens) - n + 1
    keys = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(n):
            keys = keys * _MULTIPLIER + hashes[offset : offset + count]
        return np.unique(mix(keys))


def day_number(value: str | None) -> int:
    """Days since 1970-01-01 of an article date ("2025-02-10", "February 10, 2025"…), else
    ``UNDATED``."""
    if not value:
        return UNDATED
    match = _ISO.search(value)
    try:
        if match:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        else:
            text = " ".join(value.replace(",", ", ").split()).replace(" ,", ",")
            for form in _FORMATS:
                try:
                    day = datetime.strptime(text, form).date()
                    break
                except ValueError:
                    continue
            else:
                return UNDATED
    except ValueError:
        return UNDATED
    return (day - _EPOCH).days
