"""The cached general-English table gives wordfreq's own floats, from its cache file when
there is one, and builds itself when the cache cannot be read or written."""

from pathlib import Path

import pytest
from wordfreq import get_frequency_dict

from tui.core import frequencies
from tui.core.frequencies import Frequencies, load

WORDFREQ = get_frequency_dict("en")
#: Every 37th word, and words one letter off the table's (absent unless wordfreq lists them).
SAMPLE = list(WORDFREQ)[::37]
NEAR = [w + "q" for w in SAMPLE[::5]] + [w[:-1] for w in SAMPLE[::5]]
ODD = ["", "ab\x00", "the\x00", "\ud800x", "é" * 40, "investigators", "bessent", "noem"]


def _same_as_wordfreq(table: Frequencies) -> None:
    for word in SAMPLE + NEAR + ODD:
        found = table.frequency(word)
        assert found == WORDFREQ.get(word, 0.0), word
        assert type(found) is float


def test_table_from_wordfreq_and_from_its_cache_gives_wordfreq_floats(tmp_path: Path) -> None:
    built = load(tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".npz"]
    _same_as_wordfreq(built)
    _same_as_wordfreq(load(tmp_path))


def test_cache_file_is_read_not_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(tmp_path)

    def rebuilt() -> Frequencies:
        raise AssertionError("the table was built again despite its cache file")

    monkeypatch.setattr(frequencies, "from_wordfreq", rebuilt)
    _same_as_wordfreq(load(tmp_path))


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_unreadable_cache_file_is_replaced(tmp_path: Path, damage: str) -> None:
    load(tmp_path)
    (cache,) = tmp_path.iterdir()
    whole = cache.read_bytes()
    cache.write_bytes(b"not a zip file" if damage == "garbage" else whole[: len(whole) // 2])
    _same_as_wordfreq(load(tmp_path))
    assert cache.stat().st_size == len(whole)  # written again, whole


def test_unwritable_cache_folder_still_gives_the_table(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("")
    _same_as_wordfreq(load(blocked / "frequencies"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


def test_an_interrupted_first_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(frequencies.np, "savez", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_older_wordfreqs_cache_file_is_removed_once_this_one_is_written(
    tmp_path: Path,
) -> None:
    name = frequencies._cache_name()
    assert name is not None
    # The same installation's file for another wordfreq version (another size or time).
    stale = tmp_path / (name[: -len("0123456789abcdef.npz")] + "0123456789abcdef.npz")
    assert stale.name != name
    stale.write_bytes(b"an older wordfreq's table")
    load(tmp_path)
    (kept,) = tmp_path.iterdir()
    assert kept.name == name


def test_another_environments_cache_file_is_kept(tmp_path: Path) -> None:
    # Two venvs share the user's cache folder: neither deletes the other's table.
    other = tmp_path / "wordfreq-en-by-length-00000000-0123456789abcdef.npz"
    other.write_bytes(b"another venv's table")
    load(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [other.name, str(frequencies._cache_name())]
    )
    assert other.read_bytes() == b"another venv's table"


def test_the_words_take_no_more_bytes_than_their_utf8(tmp_path: Path) -> None:
    # One array of all the words padded each to the longest (34 bytes): 11 MB in every process.
    table = load(tmp_path)
    held = sum(words.nbytes for words, _ in table.by_length.values())
    assert held <= sum(len(word.encode()) for word in WORDFREQ)
