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

import json
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict

from tui.core.cleaning import sanitize_line
from tui.core.markdown_text import markdown_to_text
from tui.core.model import Document, Problem

#: Files larger than this are refused: no news article is anywhere near it.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: A JSON Lines file holds many articles (a scraped dataset), so it may be this large.
MAX_DATASET_BYTES = 200 * 1024 * 1024
METADATA_FILE = "sources.toml"
METADATA_KEYS = ("title", "outlet", "date", "url", "author")


@dataclass(frozen=True, slots=True)
class LoadResult:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


class LoadError(Exception):
    """A file that cannot be used; the message says what is wrong with it."""


def _size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_file_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a file's bytes, or raise ``LoadError`` saying in plain words why not."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise LoadError(f"too large ({_size_label(size)}; the limit is {_size_label(limit)})")
        return path.read_bytes()
    except PermissionError:
        raise LoadError("permission denied") from None
    except FileNotFoundError:
        raise LoadError("no such file") from None
    except IsADirectoryError:
        raise LoadError("is a folder, not a file") from None
    except OSError as error:
        raise LoadError(f"cannot be read ({error.strerror or error})") from None


def read_text_file(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read a file as text, or raise ``LoadError`` saying in plain words why not."""
    data = read_file_bytes(path, limit)
    if not data.strip():
        raise LoadError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise LoadError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start});"
            " save it as UTF-8 and try again"
        ) from None


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


def _metadata(values: dict[str, object]) -> Metadata:
    out = Metadata()
    for key in METADATA_KEYS:
        value = values.get(key)
        if value is None and key == "outlet":
            value = values.get("site") or values.get("sitename") or values.get("source")
        if isinstance(value, str | int | float) and str(value).strip():
            out[key] = str(value).strip()  # type: ignore[literal-required]
    return out


def read_txt(path: Path) -> list[Document]:
    return [Document(id=path.stem, source=str(path), raw=read_text_file(path))]


def read_markdown(path: Path) -> list[Document]:
    """A Markdown article: front matter for metadata, the first heading as a fallback title,
    and the text without its markup."""
    meta, body = _front_matter(read_text_file(path))
    fields = _metadata(dict(meta))
    heading, text = markdown_to_text(body)
    if heading and "title" not in fields:
        fields["title"] = heading
    if not text.strip():
        raise LoadError("no article text (only front matter or markup)")
    return [Document(id=path.stem, source=str(path), raw=text, structured=True, **fields)]


def read_jsonl(path: Path) -> list[Document]:
    documents: list[Document] = []
    bad: list[str] = []
    for number, line in enumerate(read_text_file(path, MAX_DATASET_BYTES).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            bad.append(f"line {number} is not JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            bad.append(f"line {number} has no 'text' string")
            continue
        if not record["text"].strip():
            bad.append(f"line {number} has an empty 'text'")
            continue
        ident = sanitize_line(str(record.get("id") or "")) or f"{path.stem}-{number}"
        documents.append(
            Document(
                id=ident,
                source=f"{path}:{number}",
                raw=record["text"],
                structured=True,
                **_metadata(record),
            )
        )
    if bad and not documents:
        raise LoadError("; ".join(bad[:3]))
    if bad:
        # Keep the good lines; the bad ones are still worth one line of warning.
        raise PartialLoad(documents, "; ".join(bad[:3]) + ("; …" if len(bad) > 3 else ""))
    return documents


class PartialLoad(LoadError):
    """Some articles of a multi-article file loaded, some did not."""

    def __init__(self, documents: list[Document], message: str) -> None:
        super().__init__(message)
        self.documents = documents


Reader = Callable[[Path], list[Document]]


def read_html(path: Path) -> list[Document]:
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
    try:
        table = tomllib.loads(read_text_file(path))
    except (LoadError, tomllib.TOMLDecodeError) as error:
        problems.append(Problem(str(path), f"metadata ignored: {error}"))
        return {}
    return {str(key): _metadata(value) for key, value in table.items() if isinstance(value, dict)}


def _expand(paths: Sequence[str | Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in READERS and not p.name.startswith(".")
                )
            except PermissionError:
                problems.append(Problem(str(path), "permission denied"))
                continue
            if not found:
                kinds = ", ".join(sorted(READERS))
                problems.append(Problem(str(path), f"folder has no article files ({kinds})"))
            files.extend(found)
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
) -> LoadResult:
    """Load every article named by ``paths`` (files, folders or ``http(s)://`` URLs).

    The result does not depend on the order of ``paths``: documents are sorted by source,
    and of two identical texts the first by that order is kept. URLs are fetched a few at
    a time (or read from the cache unless ``refresh``); ``progress`` gets one line per URL.
    """
    problems: list[Problem] = []
    documents: list[Document] = []
    urls = sorted({p.strip() for p in paths if isinstance(p, str) and is_url(p)})
    paths = [p for p in paths if not is_url(p)]
    metadata_by_folder: dict[Path, dict[str, Metadata]] = {}
    for path in sorted(set(_expand(paths, problems))):
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            kinds = ", ".join(sorted(READERS))
            problems.append(Problem(str(path), f"unsupported file type (use {kinds})"))
            continue
        try:
            loaded = reader(path)
        except PartialLoad as partial:
            loaded = partial.documents
            problems.append(Problem(str(path), str(partial)))
        except LoadError as error:
            problems.append(Problem(str(path), str(error)))
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
    kept: dict[str, Document] = {}
    out: list[Document] = []
    for document in sorted(documents, key=lambda d: (d.source, d.id)):
        key = " ".join(document.raw.split())
        if key in kept:
            problems.append(
                Problem(document.source, f"same text as {kept[key].source}; loaded once")
            )
            continue
        kept[key] = document
        out.append(document)
    return out
