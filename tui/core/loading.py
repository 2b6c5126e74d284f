"""Read articles from files and folders into ``Document``s, reporting bad input in one line each.

Formats: ``.txt`` (raw scrapes like the seeds), ``.md`` (optionally with a ``---`` front-matter
header), ``.jsonl`` (one article per line with ``title``, ``outlet``, ``date``, ``text``),
``.html``/``.htm`` (saved web pages, see ``tui.core.htmlpages``) and ``http(s)://`` URLs
(fetched and cached, see ``tui.core.fetching``). A
``sources.toml`` beside the articles may name what the files do not say::

    ["000_29778df99ae2b88d"]
    outlet = "NewsNation"
    date = "2025-02-10"
"""

from __future__ import annotations

import codecs
import itertools
import json
import os
import select
import stat
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TypedDict

from tui.core.cleaning import sanitize_line
from tui.core.model import Document, Problem
from tui.core.parallel import SENTENCES_PER_DOCUMENT, each_forked, processes_for
from tui.core.settings import DEFAULT, Settings

#: Files larger than this are refused: no news article is anywhere near it.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: A JSON Lines file holds many articles (a scraped dataset), so it may be this large. Every
#: article is aligned with every other, in memory: 5,000 articles (21 MB) took 136 s of CPU
#: and 1.0 GB on the 2-core benchmark machine (README, "Bad input"), so 25 MB is what such a
#: machine holds comfortably; larger archives are what ``storydiff archive`` is for.
MAX_DATASET_BYTES = 25 * 1024 * 1024
#: A pipe or device named on the command line is read for at most this long.
SPECIAL_FILE_SECONDS = 10.0
_CHUNK = 64 * 1024
METADATA_FILE = "sources.toml"
#: What ``storydiff archive build`` writes beside a story's articles: the story's export and
#: its summary row. A folder notice does not name them as files skipped.
STORY_EXPORT_FILE, STORY_SUMMARY_FILE = "story.json", "summary.json"
_OWN_FILES = frozenset((METADATA_FILE, STORY_EXPORT_FILE, STORY_SUMMARY_FILE))
METADATA_KEYS = ("title", "outlet", "date", "url", "author")


@dataclass(frozen=True, slots=True)
class LoadResult:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


class LoadError(Exception):
    """A file that cannot be used; the message says what is wrong with it."""


def _size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_large(limit: int, size: int | None = None) -> LoadError:
    said = _size_label(size) if size is not None else f"over {_size_label(limit)}"
    return LoadError(f"too large ({said}; the limit is {_size_label(limit)})")


def _open(path: Path) -> int:
    """Open for reading without ever blocking: a FIFO nobody writes to opens at once."""
    try:
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise LoadError("permission denied") from None
    except FileNotFoundError:
        raise LoadError("no such file") from None
    except IsADirectoryError:
        raise LoadError("is a folder, not a file") from None
    except OSError as error:
        raise LoadError(f"cannot be read ({error.strerror or error})") from None


def _read_special(fd: int, limit: int) -> bytes:
    """A pipe or device, read up to ``limit`` and for at most ``SPECIAL_FILE_SECONDS``."""
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + SPECIAL_FILE_SECONDS
    while True:
        try:
            chunk = os.read(fd, _CHUNK)
        except BlockingIOError:  # a writer is there but has sent nothing yet
            left = deadline - time.monotonic()
            if left <= 0:
                raise LoadError(
                    f"special file sent no end of data within {SPECIAL_FILE_SECONDS:g} s"
                ) from None
            select.select([fd], [], [], left)
            continue
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)


def read_file_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a file's bytes, or raise ``LoadError`` saying in plain words why not.

    A regular file larger than ``limit`` is refused before it is read; a pipe or device
    (``/dev/zero``, a FIFO) is read up to ``limit`` and never waited on for long.
    """
    fd = _open(path)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            return _read_special(fd, limit)
        if info.st_size > limit:
            raise _too_large(limit, info.st_size)
        os.set_blocking(fd, True)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since fstat
        if len(data) > limit:
            raise _too_large(limit)
        return data
    except OSError as error:
        raise LoadError(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NULs of ``head`` sit at every other byte (Latin text in
    UTF-16 without a byte-order mark), else None."""
    even, odd = head[0::2], head[1::2]
    if not odd:
        return None
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of non-UTF-8 bytes, as (encoding, its name for people).

    Short Western text decodes equally well in several code pages; Windows-1252 (what Word
    and Notepad write, and what browsers assume) wins such ties. In mostly-ASCII text (fewer
    than one byte in twenty beyond ASCII) which language the few other letters look like is
    noise, so a DOS code page (cp775, cp850, …) is taken there only when no Windows or ISO
    code page reads the bytes as cleanly: "Strauss “retires” –" read as Baltic cp775
    ("ōretiresö ¢") looked a little more Swedish than Windows-1252 did. Where more letters
    are beyond ASCII (Polish in cp852, French in cp850) the detector's reading stands.
    """
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    if best.encoding in _DOS_CODE_PAGES and 20 * len(data.translate(None, _ASCII)) < len(data):
        others = [r for r in results if r.chaos <= best.chaos and _windows_or_iso(r.encoding)]
        best = max(others, key=lambda r: r.coherence, default=best)
    tied: set[str] = set()
    for result in results:
        if result.chaos == best.chaos and result.coherence == best.coherence:
            tied.update(result.could_be_from_charset)
    encoding = "cp1252" if "cp1252" in tied else best.encoding
    return encoding, _ENCODING_NAMES.get(encoding, encoding.replace("_", "-"))


_ENCODING_NAMES = {"cp1252": "Windows-1252", "utf_16": "UTF-16", "utf_32": "UTF-32"}


def _windows_or_iso(encoding: str) -> bool:
    """Whether ``encoding`` (a Python codec name) is a Windows or an ISO-8859 code page."""
    return encoding.startswith(("cp125", "iso8859")) or encoding == "latin_1"


#: The ASCII bytes (deleted, they leave the bytes beyond ASCII).
_ASCII = bytes(range(0x80))
#: The OEM code pages of DOS consoles (Python's codec names, as charset-normalizer gives them).
_DOS_CODE_PAGES = frozenset(
    "cp437 cp737 cp775 cp850 cp852 cp855 cp856 cp857 cp858 cp860 cp861 cp862 cp863 cp864 "
    "cp865 cp866 cp869 cp1125".split()
)


def _mostly_controls(text: str) -> bool:
    """Decoded text whose characters are mostly control codes was never text."""
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > len(sample) // 20


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Bytes as text, and the name of the encoding when it was not UTF-8.

    UTF-8 (with or without a BOM) is tried first; a UTF-16 byte-order mark, or UTF-16's
    pattern of NULs, gives UTF-16; anything else is handed to charset-normalizer. Raises
    ``LoadError`` for binary data or bytes no encoding reads.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise LoadError(
                f"starts like UTF-16 text but is not ({error.reason} at byte {error.start})"
            ) from None
        if _mostly_controls(text):
            raise LoadError("binary file, not text")
        return text, "UTF-16"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text[:8192]:
            raise LoadError("binary file, not text")
        return text, None
    head = data[:8192]
    if b"\x00" in head:
        encoding = _utf16_without_bom(head)
        if encoding is None:
            raise LoadError("binary file, not text")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise LoadError("binary file, not text") from None
        if _mostly_controls(text):
            raise LoadError("binary file, not text")
        return text, "UTF-16 (no byte-order mark)"
    guess = _guess_legacy(data)
    if guess is None:
        raise LoadError("not text in any encoding storydiff knows (binary?)")
    try:
        text = data.decode(guess[0])
    except (LookupError, UnicodeDecodeError):
        raise LoadError("not text in any encoding storydiff knows (binary?)") from None
    if _mostly_controls(text):
        raise LoadError("binary file, not text")
    return text, guess[1]


def read_text_file(path: Path, limit: int = MAX_FILE_BYTES, notes: list[str] | None = None) -> str:
    """Read a file as text, or raise ``LoadError`` saying in plain words why not.

    When the file is not UTF-8, ``notes`` gets one line saying which encoding was used.
    """
    data = read_file_bytes(path, limit)
    if not data.strip():
        raise LoadError("empty file")
    text, encoding = decode_text(data)
    if encoding is not None and notes is not None:
        notes.append(f"not UTF-8; read as {encoding}")
    if not text.strip():
        raise LoadError("empty file")
    return text


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a ``---``-fenced ``key: value`` header off a Markdown file.

    Raises ``LoadError`` for a header that opens but never closes.
    """
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, "".join(lines[index + 1 :])
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = _unquote(value.strip())
    raise LoadError("front matter opened with '---' is never closed")


def _unquote(value: str) -> str:
    """A front-matter value: ``"JSON-quoted"`` (as ``storydiff fetch`` writes titles that
    start or end with a quote), ``'YAML single-quoted'``, or plain."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            decoded = json.loads(value)
        except json.JSONDecodeError:
            pass
        else:
            if isinstance(decoded, str):
                return decoded
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


class Metadata(TypedDict, total=False):
    title: str
    outlet: str
    date: str
    url: str
    author: str


def metadata_of(values: dict[str, object]) -> Metadata:
    """The metadata keys of a record, front matter or ``sources.toml`` table: non-empty
    strings and numbers of sensible size, ``site``/``sitename``/``source`` for ``outlet``."""
    out = Metadata()
    for key in METADATA_KEYS:
        value = values.get(key)
        if value is None and key == "outlet":
            value = values.get("site") or values.get("sitename") or values.get("source")
        if isinstance(value, int) and not -(10**30) < value < 10**30:
            continue  # not a title, outlet or date (and str() of a huge int raises)
        if isinstance(value, str | int | float) and str(value).strip():
            out[key] = str(value).strip()  # type: ignore[literal-required]
    return out


def read_txt(path: Path, notes: list[str] | None = None) -> list[Document]:
    return [Document(id=path.stem, source=str(path), raw=read_text_file(path, notes=notes))]


def read_markdown(path: Path, notes: list[str] | None = None) -> list[Document]:
    """A Markdown article: front matter for metadata, the first heading as a fallback title,
    and the text without its markup."""
    # markdown-it costs 30 ms of CPU to import: only a process that reads Markdown pays it.
    from tui.core.markdown_text import markdown_to_text

    meta, body = _front_matter(read_text_file(path, notes=notes))
    fields = metadata_of(dict(meta))
    heading, text = markdown_to_text(body, notes)
    if heading and "title" not in fields:
        fields["title"] = heading
    if not text.strip():
        raise LoadError("no article text (only front matter or markup)")
    return [Document(id=path.stem, source=str(path), raw=text, structured=True, **fields)]


def _jsonl_lines(path: Path, notes: list[str] | None) -> Iterator[tuple[int, bytes | str | None]]:
    """The lines of a JSON Lines file, numbered, split at line feeds only (U+2028 and U+0085
    are characters inside a record). UTF-8 files are streamed a line at a time, and a line
    longer than ``MAX_FILE_BYTES`` comes back as None with its number (it is skipped
    unread); a file in another encoding is decoded whole first."""
    fd = _open(path)
    try:
        info = os.fstat(fd)
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > MAX_DATASET_BYTES:
            raise _too_large(MAX_DATASET_BYTES, info.st_size)
        if not regular:
            data = read_file_bytes(path, MAX_DATASET_BYTES)
        else:
            os.set_blocking(fd, True)
            with os.fdopen(os.dup(fd), "rb") as handle:
                head = handle.peek(4)[:4]
                if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and (
                    b"\x00" not in head
                ):
                    yield from _stream_lines(handle)
                    return
                data = handle.read(MAX_DATASET_BYTES + 1)
                if len(data) > MAX_DATASET_BYTES:
                    raise _too_large(MAX_DATASET_BYTES)
    except OSError as error:
        raise LoadError(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    if not data.strip():
        raise LoadError("empty file")
    text, encoding = decode_text(data)
    if encoding is not None and notes is not None:
        notes.append(f"not UTF-8; read as {encoding}")
    yield from enumerate(text.split("\n"), start=1)


def _stream_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | str | None]]:
    total = 0
    for number in itertools.count(1):
        line = handle.readline(MAX_FILE_BYTES + 2)
        if not line:
            return
        total += len(line)
        if total > MAX_DATASET_BYTES:
            raise _too_large(MAX_DATASET_BYTES)
        if len(line.removesuffix(b"\n")) > MAX_FILE_BYTES:
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = handle.readline(_CHUNK)
                total += len(line)
            yield number, None
            continue
        yield number, line


def _record(line: bytes | str | None, number: int) -> dict[str, object]:
    """One JSON Lines record; ``ValueError`` says in a few words what is wrong with it."""
    if line is None or len(line) > MAX_FILE_BYTES + 1:
        raise ValueError(f"is longer than the {_size_label(MAX_FILE_BYTES)} article limit")
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"is not UTF-8 (byte {error.start + 1})") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"is not JSON ({error.msg})") from None
    except RecursionError:
        raise ValueError("is nested too deeply") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise ValueError("holds a number too long to read") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError("has no 'text' string")
    if not record["text"].strip():
        raise ValueError("has an empty 'text'")
    return record


def jsonl_document(line: bytes | str | None, number: int, path: str, stem: str) -> Document:
    """The article on line ``number`` of the JSON Lines file ``path`` (None: a line too long
    to read); a record without an ``id`` is called ``STEM-NUMBER``. ``ValueError`` says in a
    few words what is wrong with the line ("is not JSON (…)"). ``read_jsonl`` and the
    archive's slices of a dataset read lines with it."""
    record = _record(line, number)
    ident = record.get("id")
    if isinstance(ident, int) and not -(10**30) < ident < 10**30:
        ident = None
    return Document(
        id=sanitize_line(str(ident or "")) or f"{stem}-{number}",
        source=f"{path}:{number}",
        raw=str(record["text"]),
        structured=True,
        **metadata_of(record),
    )


def read_jsonl(path: Path, notes: list[str] | None = None) -> list[Document]:
    documents: list[Document] = []
    bad: list[str] = []
    for number, line in _jsonl_lines(path, notes):
        if line is not None and not line.strip():
            continue
        try:
            documents.append(jsonl_document(line, number, str(path), path.stem))
        except ValueError as error:
            bad.append(f"line {number} {error}")
    if bad and not documents:
        raise LoadError("; ".join(bad[:3]) + ("; …" if len(bad) > 3 else ""))
    if bad:
        # Keep the good lines; the bad ones are still worth one line of warning.
        raise PartialLoad(documents, "; ".join(bad[:3]) + ("; …" if len(bad) > 3 else ""))
    if not documents:
        raise LoadError("empty file")
    return documents


class PartialLoad(LoadError):
    """Some articles of a multi-article file loaded, some did not."""

    def __init__(self, documents: list[Document], message: str) -> None:
        super().__init__(message)
        self.documents = documents


Reader = Callable[[Path, list[str]], list[Document]]


def read_html(path: Path, notes: list[str] | None = None) -> list[Document]:
    """A saved web page: trafilatura extracts the article (``tui.core.htmlpages``)."""
    from tui.core.htmlpages import MAX_PAGE_BYTES, PageError, page_from_bytes  # trafilatura

    data = read_file_bytes(path, MAX_PAGE_BYTES)
    try:
        return [page_from_bytes(data, source=str(path), ident=path.stem)]
    except PageError as error:
        raise LoadError(str(error)) from None


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
}


def _read_metadata(folder: Path, problems: list[Problem]) -> dict[str, Metadata]:
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    notes: list[str] = []
    try:
        table = tomllib.loads(read_text_file(path, notes=notes))
    except (LoadError, tomllib.TOMLDecodeError) as error:
        problems.append(Problem(str(path), f"metadata ignored: {error}"))
        return {}
    except RecursionError:
        problems.append(Problem(str(path), "metadata ignored: nested too deeply"))
        return {}
    except ValueError:  # Python refuses integers of more than 4,300 digits
        problems.append(Problem(str(path), "metadata ignored: holds a number too long to read"))
        return {}
    problems.extend(Problem(str(path), note, notice=True) for note in notes)
    return {str(key): metadata_of(value) for key, value in table.items() if isinstance(value, dict)}


def _walk_folder(folder: Path, problems: list[Problem]) -> list[Path]:
    """The article files directly in ``folder``: regular files with a known suffix (as
    ``grep -r`` and ripgrep take only regular files). Subfolders, special files (pipes,
    devices, links to them) and files of other kinds (``photo.jpg``) are not read, and one
    line for each says which were skipped; hidden files and storydiff's own (``_OWN_FILES``)
    go unsaid."""
    try:
        entries = sorted(folder.iterdir())
    except PermissionError:
        problems.append(Problem(str(folder), "permission denied"))
        return []
    except OSError as error:
        problems.append(Problem(str(folder), f"cannot be read ({error.strerror or error})"))
        return []
    found: list[Path] = []
    subfolders: list[str] = []
    special: list[str] = []
    other: list[str] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _OWN_FILES:
            continue
        try:
            mode = entry.stat().st_mode
        except OSError:
            mode = 0  # a dangling link or a file that vanished
        if stat.S_ISDIR(mode):
            subfolders.append(entry.name)
        elif entry.suffix.lower() not in READERS:
            other.append(entry.name)
        elif stat.S_ISREG(mode):
            found.append(entry)
        else:
            special.append(entry.name)
    if subfolders:
        problems.append(
            Problem(str(folder), f"subfolders not read: {_names(subfolders)}", notice=True)
        )
    if special:
        problems.append(
            Problem(str(folder), f"skipped, not regular files: {_names(special)}", notice=True)
        )
    if other:
        problems.append(
            Problem(str(folder), f"skipped, not article files: {_names(other)}", notice=True)
        )
    if not found:
        kinds = ", ".join(sorted(READERS))
        problems.append(Problem(str(folder), f"folder has no article files ({kinds})"))
    return found


def _names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _expand(paths: Sequence[str | Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk_folder(path, problems))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    return files


def _unique_ids(documents: Iterable[Document]) -> list[Document]:
    """Give every document an id of its own: a repeated id gets the first free ``-2``, ``-3``…

    A suffix never collides with another document's own id (``x.txt`` twice beside
    ``x-2.txt`` gives ``x``, ``x-3`` and ``x-2``).
    """
    documents = [
        replace(d, id=clean_id) if (clean_id := sanitize_line(d.id) or "article") != d.id else d
        for d in documents
    ]
    taken = {document.id for document in documents}
    used: set[str] = set()
    out: list[Document] = []
    for document in documents:
        ident = document.id
        if ident in used:
            number = 2
            while f"{ident}-{number}" in taken:
                number += 1
            ident = f"{ident}-{number}"
            taken.add(ident)
        used.add(ident)
        out.append(document if ident == document.id else replace(document, id=ident))
    return out


def load_paths(
    paths: Sequence[str | Path],
    *,
    progress: Callable[[str], None] | None = None,
    refresh: bool = False,
    settings: Settings = DEFAULT,
) -> LoadResult:
    """Load every article named by ``paths`` (files, folders or ``http(s)://`` URLs).

    The result does not depend on the order of ``paths``: documents are sorted by source,
    and of two identical texts the first by that order is kept. URLs are fetched a few at
    a time (or read from the cache unless ``refresh``); ``progress`` gets one line per URL.
    Many files are read and parsed by forked workers (``tui.core.parallel``, a file weighed
    as ``SENTENCES_PER_DOCUMENT`` sentences), each on its own, so the result is the same.
    """
    problems: list[Problem] = []
    documents: list[Document] = []
    urls = sorted({p.strip() for p in paths if isinstance(p, str) and is_url(p)})
    paths = [p for p in paths if not is_url(p)]
    metadata_by_folder: dict[Path, dict[str, Metadata]] = {}
    files = sorted(set(_expand(paths, problems)))
    processes = processes_for(settings, SENTENCES_PER_DOCUMENT * len(files))
    for path, (loaded, found) in zip(files, each_forked(_read_path, files, processes), strict=True):
        problems.extend(found)
        if loaded is None:
            continue
        folder = path.parent
        if folder not in metadata_by_folder:
            metadata_by_folder[folder] = _read_metadata(folder, problems)
        extra = metadata_by_folder[folder]
        for document in loaded:
            known = extra.get(document.id, Metadata())
            fills = Metadata()
            for key, value in known.items():
                if not getattr(document, key):
                    fills[key] = value  # type: ignore[literal-required]
            documents.append(replace(document, **fills) if fills else document)
    if urls:
        documents.extend(_load_urls(urls, problems, progress, refresh))
    return LoadResult(tuple(_drop_duplicates(_unique_ids(documents), problems)), tuple(problems))


def _read_path(path: Path) -> tuple[list[Document] | None, list[Problem]]:
    """The documents of one file (None when it cannot be used) and the problems it has."""
    reader = READERS.get(path.suffix.lower())
    if reader is None and not path.suffix and not path.is_file():
        reader = read_txt  # a pipe given as a path (``<(curl …)`` is /dev/fd/63)
    if reader is None:
        kinds = ", ".join(sorted(READERS))
        return None, [Problem(str(path), f"unsupported file type (use {kinds})")]
    notes: list[str] = []
    problems: list[Problem] = []
    try:
        loaded = reader(path, notes)
    except PartialLoad as partial:
        loaded = partial.documents
        problems.append(Problem(str(path), str(partial)))
    except LoadError as error:
        return None, [Problem(str(path), str(error))]
    except (ValueError, RecursionError, MemoryError) as error:
        # A parser's error the reader did not foresee still costs one file, not the run.
        return None, [Problem(str(path), f"cannot be read ({type(error).__name__})")]
    problems.extend(Problem(str(path), note, notice=True) for note in notes)
    return loaded, problems


def is_url(value: object) -> bool:
    """True for ``http://`` and ``https://`` addresses given as strings."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def _load_urls(
    urls: list[str],
    problems: list[Problem],
    progress: Callable[[str], None] | None,
    refresh: bool,
) -> list[Document]:
    from tui.core.fetching import fetch_articles  # loads trafilatura and urllib on demand

    documents: list[Document] = []
    for fetched in fetch_articles(urls, refresh=refresh, progress=progress):
        if fetched.document is not None:
            documents.append(fetched.document)
        else:
            problems.append(Problem(fetched.url, fetched.error or "cannot fetch"))
    return documents


def _drop_duplicates(documents: list[Document], problems: list[Problem]) -> list[Document]:
    """Drop true duplicates only: the same file named twice (or through a link), or the same
    text with the same metadata. Two outlets running the same wire copy stay two articles."""
    kept: dict[object, Document] = {}
    out: list[Document] = []
    for document in sorted(documents, key=lambda d: (d.source, d.id)):
        key = (
            " ".join(document.raw.split()),
            document.title,
            document.outlet,
            document.date,
            document.url,
            document.author,
        )
        if key in kept:
            problems.append(
                Problem(
                    document.source, f"same text and metadata as {kept[key].source}; loaded once"
                )
            )
            continue
        kept[key] = document
        out.append(document)
    return out
