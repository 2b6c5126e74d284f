"""General-English word frequencies (wordfreq's English table), ready in milliseconds.

``wordfreq.get_frequency_dict("en")`` builds a dict of 321,180 words, and importing wordfreq
costs about as much again: together about 0.27 s of CPU in every process, five times what
the seed story takes to build. The same table is kept in the user's cache folder as the
words, sorted (UTF-8, one numpy array per length in bytes), and each word's frequency bin:
written the first time, read with numpy afterwards, a word found by binary search. (One
array of all the words would pad each to the longest, 34 bytes: 11 MB in every process for
words of 7 bytes on average; by length they take 2.3 MB.) Its name carries the size
and modification time of wordfreq's package and data file, so another wordfreq writes
another, and where that package is installed: a write removes only the older files of the
same installation, never another environment's (two venvs would otherwise delete each other's
file on every first run). Without a cache folder that can be written, the table is built from
wordfreq in
memory each time (the same floats either way).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray


class Frequencies:
    """Each word's frequency in general English, per token (0.0 for a word wordfreq does not
    list): the floats of ``wordfreq.get_frequency_dict("en")``."""

    def __init__(
        self,
        by_length: dict[int, tuple[NDArray[np.bytes_], NDArray[np.uint16]]],
        values: NDArray[np.float64],
    ) -> None:
        #: The words of each length in bytes, UTF-8, sorted, and each one's index into
        #: ``values``.
        self.by_length = by_length
        self.values = values
        self._values: list[float] = values.tolist()
        #: The words looked up so far and their frequencies (a vocabulary, bounded).
        self.known: dict[str, float] = {}

    def frequency(self, word: str) -> float:
        found = self.known.get(word)
        if found is None:
            # Lone surrogates are kept as bytes no UTF-8 word of the table can equal.
            encoded = word.encode("utf-8", "surrogatepass")
            # The last of equal words, as in the dict, where a later bin's entry wins.
            words, bins = self.by_length.get(len(encoded), _EMPTY)
            i = int(np.searchsorted(words, encoded, side="right")) - 1
            found = self._values[bins[i]] if i >= 0 and words[i] == encoded else 0.0
            if len(self.known) < 200_000:
                self.known[word] = found
        return found


_EMPTY = (np.array([], np.bytes_), np.array([], np.uint16))
_ENGLISH: Frequencies | None = None


def english() -> Frequencies:
    """The table, loaded once per process."""
    global _ENGLISH
    if _ENGLISH is None:
        _ENGLISH = load(_cache_folder())
    return _ENGLISH


def _cache_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("storydiff")) / "frequencies"


def _cache_name() -> str | None:
    """The cache file's name for the installed wordfreq, found without importing it (None
    when its files are not where wordfreq keeps them)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin)
    try:
        stats = [os.stat(p) for p in (package, package.parent / "data" / "large_en.msgpack.gz")]
    except OSError:
        return None
    key = " ".join(f"{s.st_size}:{s.st_mtime_ns}" for s in stats)
    return f"{_installation(package)}{hashlib.sha1(key.encode()).hexdigest()[:16]}.npz"


def _installation(package: Path) -> str:
    """The start of the cache file names of the wordfreq installed at ``package``: the
    prefix and a digest of where it is (each environment has its own)."""
    where = hashlib.sha1(str(package.resolve().parent).encode()).hexdigest()[:8]
    return f"{_PREFIX}{where}-"


#: A name of its own: the file of the earlier layout (one array of all the words,
#: "wordfreq-en-KEY.npz") is left to a storydiff that still reads it.
_PREFIX = "wordfreq-en-by-length-"


def load(folder: Path) -> Frequencies:
    """The table from its cache file in ``folder``, or built from wordfreq and written there."""
    name = _cache_name()
    path = folder / name if name else None
    if path is not None:
        unreadable = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)
        with contextlib.suppress(*unreadable), np.load(path) as data:
            lengths = [int(name[1:]) for name in data.files if name[0] == "w"]
            by_length = {n: (data[f"w{n}"], data[f"b{n}"]) for n in lengths}
            return Frequencies(by_length, data["values"])
    table = from_wordfreq()
    if path is not None:
        _write(table, path)
    return table


def from_wordfreq() -> Frequencies:
    """The table built from wordfreq's own list (its bins are 1 centibel apart)."""
    from wordfreq import cB_to_freq, get_frequency_list

    bins = get_frequency_list("en")
    words = np.array([word.encode() for bin_ in bins for word in bin_], np.bytes_)
    index = np.repeat(np.arange(len(bins), dtype=np.uint16), [len(bin_) for bin_ in bins])
    order = np.argsort(words, kind="stable")
    words, index = words[order], index[order]
    # Trailing NUL bytes do not count (numpy strips them), as in the lookup of an array.
    lengths = np.char.str_len(words)
    by_length = {
        int(n): (words[lengths == n].astype(f"S{n}"), index[lengths == n])
        # Not np.unique: it imports numpy's masked arrays, 10 ms of a small story's first build.
        for n in sorted(set(lengths.tolist()))
        if n > 0
    }
    values = np.array([cB_to_freq(-i) for i in range(len(bins))], np.float64)
    return Frequencies(by_length, values)


def _write(table: Frequencies, path: Path) -> None:
    """Write the cache file whole or not at all (another process may be reading it), even
    when interrupted; then remove the files of older wordfreq versions installed in the same
    place (another environment's file is its own: ``_installation``)."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as out:
            arrays: dict[str, Any] = {
                f"{kind}{n}": pair[k]
                for n, pair in table.by_length.items()
                for k, kind in enumerate("wb")
            }
            np.savez(out, values=table.values, **arrays)
        os.replace(temporary, path)
        temporary = None
        installation = path.name[: len(_PREFIX) + 9]
        for stale in path.parent.glob(f"{installation}*.npz"):
            if stale != path and len(stale.name) == len(path.name):
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
