"""Fingerprints of an article: the keys of the archive's shuffle.

Two kinds, told apart by their lowest bit:

* **wording** (bit 0 clear): as in passim, the word n-grams an article contains
  (``ArchiveSettings.ngram`` words, lower-cased, punctuation dropped);
* **facts** (bit 0 set): the specific facts it reports, which an outlet retelling a story in
  its own words keeps — each figure with what it counts (the value to two significant
  digits, so "2,290 agents" meets "about 2,300 agents", with the stem of the counted noun,
  read by ``tui.core.figures`` as the story's figure rule reads them; a figure that does not
  say what it counts makes no key), and each pair of the
  rare names it mentions (capitalised words inside a sentence that general English rarely
  uses: "Noem", "Bessent", not "Monday" or "Trump"; the ``MAX_NAMES`` rarest).

Each key is a stable 64-bit hash: every worker and every run computes the same keys,
whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from datetime import date, datetime

import numpy as np

from tui.core.figures import find_figures
from tui.core.frequencies import english
from tui.core.model import Article
from tui.core.similarity import tokens

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
    """The distinct keys of ``text``'s word n-grams, sorted (uint64, lowest bit clear)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter((_token_hash(t, cache) for t in tokens), np.uint64, len(tokens))
    count = len(tokens) - n + 1
    keys = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(n):
            keys = keys * _MULTIPLIER + hashes[offset : offset + count]
        return np.unique(mix(keys) & ~np.uint64(1))


#: Names rarer than this in general English (wordfreq; "Trump" is 8e-5, "Noem" 4e-8)
#: are specific enough to be facts.
RARE_NAME = 1e-5
#: The rarest names of an article that make name-pair keys (so at most 28 pairs).
MAX_NAMES = 8
_NAME = re.compile(r"(?<=[\w,;:'’\"”)] )[A-Z][a-z]+(?:['’]s)?\b")


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def rare_names(article: Article) -> list[str]:
    """The article's rare names inside sentences, rarest first (ties alphabetical)."""
    text = article.text
    frequency = english().frequency
    found: set[str] = set()
    for sentence in article.sentences:
        for match in _NAME.finditer(text, sentence.start, sentence.end):
            name = match.group().removesuffix("'s").removesuffix("’s")
            if frequency(name.lower()) < RARE_NAME:
                found.add(name)
    return sorted(found, key=lambda n: (frequency(n.lower()), n))[:MAX_NAMES]


def fact_keys(article: Article) -> np.ndarray:
    """The distinct keys of the facts ``article`` reports, sorted (uint64, lowest bit set)."""
    facts = set()
    for f in find_figures(article):
        # A figure that does not say what it counts ("5,400 of them") is no specific fact: on
        # generated archives such keys joined unrelated stories (see the README).
        stems = tokens(f.counts)
        noun = f.unit if f.kind == "count" else (stems[-1] if stems else "")
        if noun:
            facts.add(f"figure {f.kind} {f.unit} {float(f'{f.value:.2g}'):g} {noun}")
    names = sorted(rare_names(article))
    facts.update(f"names {a} {b}" for a, b in itertools.combinations(names, 2))
    keys = np.fromiter((_stable_hash(f) for f in sorted(facts)), np.uint64, len(facts))
    return np.unique(keys | np.uint64(1))


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
