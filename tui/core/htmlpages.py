"""Web pages as articles: HTML in, a ``Document`` out, with trafilatura doing the extraction.

trafilatura finds the article body and its metadata (title, author, date, site name). Everything
else on the page (navigation, cookie banners, share widgets, related-story lists, captions,
bylines) is kept as ``Document.removed`` blocks, in page order, so nothing is silently lost:
each visible line of the page that is not part of the extracted body becomes part of a removed
block, and lines that sit in the same container (a ``<nav>``, an ``<aside>``, a ``<div>``) form
one block.

Nothing here touches the network; ``tui.core.fetching`` downloads pages.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from tui.core.cleaning import SENTENCE_END
from tui.core.model import Document
from tui.core.segmenting import count_words

#: A page larger than this is refused. HTML carries scripts and styles, so the limit is
#: more generous than for text files.
MAX_PAGE_BYTES = 10 * 1024 * 1024
#: Extraction time grows with the page (a 10 MB page of bare ``<span>``s took two minutes),
#: so pages larger than this (decoded characters) are extracted in a worker process that is
#: stopped after ``MAX_EXTRACT_SECONDS``; smaller ones take a few seconds at worst.
EXTRACT_IN_PROCESS_CHARS = 1024 * 1024
MAX_EXTRACT_SECONDS = 30.0
#: A page whose extracted text has fewer words than this in sentence-like paragraphs is not
#: an article (a section front, a gallery, a login wall).
MIN_ARTICLE_WORDS = 30

#: Elements whose text never shows on the page.
_INVISIBLE = frozenset(
    "head script style noscript template svg math iframe object canvas select textarea".split()
)
#: Elements that start and end a line of text.
_BLOCKS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section"
    " summary table tbody td tfoot th thead tr ul".split()
)
#: Elements whose lines form one removed block when they are furniture.
_CONTAINERS = frozenset(
    "article aside blockquote body details dialog div dl fieldset figure footer form header"
    " main nav ol section table ul".split()
)
#: Inline widgets whose labels sit side by side with no space in the markup.
_SPACED = frozenset("button label option".split())

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
#: Labels that browsers read as Windows-1252 whatever they say.
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii"})


class PageError(Exception):
    """A page that cannot be used as an article; the message says why, in one line."""


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode HTML bytes: a byte-order mark, else valid UTF-8, else the declared charset
    (HTTP header, then ``<meta charset>``), else Windows-1252.

    Valid UTF-8 wins over a declared single-byte charset because servers that announce
    ISO-8859-1 by default while sending UTF-8 are far more common than Latin-1 text that
    happens to be valid UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    for label in (declared, match.group(1).decode("ascii") if match else None):
        if not label:
            continue
        label = "cp1252" if label.lower() in _LATIN1_LABELS else label
        try:
            return data.decode(label)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def check_page_bytes(data: bytes) -> None:
    """Raise ``PageError`` when ``data`` is empty or plainly not an HTML page."""
    if not data.strip():
        raise PageError("empty page")
    head = data[:8192]
    if b"\x00" in head and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PageError("binary data, not a web page")
    if b"<" not in head:
        raise PageError("not HTML (no markup in it)")


def slug(text: str, limit: int = 80) -> str:
    """A lowercase ASCII file-name fragment.

    ``"Mayor's plan: 2 votes"`` → ``mayors-plan-2-votes``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "-".join(words)[:limit]


def host_name(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def article_id(title: str | None, outlet: str | None, url: str | None) -> str:
    """The id (and file name stem) of a web article: site and title as a slug.

    ``The Coastal Ledger`` + ``Bridge to close`` → ``the-coastal-ledger-bridge-to-close``.
    """
    site = slug(outlet or (host_name(url) if url else ""), limit=30)
    headline = slug(title or "", limit=70)
    if not headline and url:
        headline = slug(urlsplit(url).path.replace("/", " "), limit=70)
    return "-".join(part for part in (site, headline) if part) or "article"


def _key(text: str) -> str:
    """What two renderings of one line have in common: its letters and digits, lowercased."""
    return re.sub(r"\W+", "", text.lower())


def _page_lines(root: object) -> list[tuple[str, tuple[int, ...]]]:
    """The visible lines of a page in order, each with the chain of containers it sits in."""
    lines: list[tuple[str, tuple[int, ...]]] = []
    buffer: list[str] = []
    containers: list[int] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            lines.append((text, tuple(containers)))
        buffer.clear()

    def walk(element: object) -> None:
        tag = getattr(element, "tag", None)
        name = tag.lower().rpartition("}")[2] if isinstance(tag, str) else ""
        if name and name not in _INVISIBLE:
            block = name in _BLOCKS
            container = name in _CONTAINERS
            if block:
                flush()
            if container:
                containers.append(id(element))
            if name in _SPACED:
                buffer.append(" ")
            text = getattr(element, "text", None)
            if text:
                buffer.append(text)
            for child in element:  # type: ignore[attr-defined]
                walk(child)
            if name in _SPACED:
                buffer.append(" ")
            if block:
                flush()
            if container:
                containers.pop()
        tail = getattr(element, "tail", None)
        if tail:
            buffer.append(tail)

    walk(root)
    flush()
    return lines


def _nested(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """True when one container chain lies inside the other (a list inside its ``<aside>``)."""
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def removed_blocks(html: str, body: str, title: str | None) -> tuple[str, ...]:
    """The page's visible text minus the extracted ``body`` (and the title), as blocks.

    Consecutive furniture lines form one block while they stay in one container or in
    containers nested in each other, so a share bar, a cookie banner and a related-story
    list each make a block of their own.
    """
    import lxml.etree  # trafilatura's own parser; imported here to keep the module light
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return ()
    body_lines = {_key(line) for line in body.splitlines()} - {""}
    body_text = "".join(_key(line) for line in body.splitlines())
    skip = {_key(title)} if title else set()
    blocks: list[str] = []
    run: list[str] = []
    previous: tuple[int, ...] = ()
    for text, chain in _page_lines(root):
        key = _key(text)
        in_body = key in body_lines or (len(key) >= 20 and key in body_text)
        if in_body or not key or key in skip:
            if in_body and run:
                blocks.append("\n".join(run))
                run = []
            continue
        if run and not _nested(previous, chain):
            blocks.append("\n".join(run))
            run = []
        run.append(text)
        previous = chain
    if run:
        blocks.append("\n".join(run))
    return tuple(blocks)


def _article_words(text: str) -> int:
    lines = text.splitlines()
    return sum(count_words(line) for line in lines if SENTENCE_END.search(line.strip()))


def page_document(
    html: str, *, source: str, url: str | None = None, ident: str | None = None
) -> Document:
    """Extract the article from a page.

    ``source`` names the page in messages (a URL or a file path); ``url`` is the page's
    address if known; ``ident`` is the document id (by default: site and title as a slug).
    Raises ``PageError`` when the page holds no article or a large page takes longer than
    ``MAX_EXTRACT_SECONDS``.
    """
    if len(html) <= EXTRACT_IN_PROCESS_CHARS:
        return _extract(html, source, url, ident)
    import multiprocessing
    import multiprocessing.connection

    # "spawn": a fresh interpreter is safe beside the download threads, where fork is not.
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_extract_for, args=(sender, html, source, url, ident), daemon=True
    )
    worker.start()
    sender.close()
    try:
        ready = multiprocessing.connection.wait([receiver, worker.sentinel], MAX_EXTRACT_SECONDS)
        if not ready:
            raise PageError(
                f"extraction took longer than {MAX_EXTRACT_SECONDS:g} s ({len(html) // 1024} KB"
                " of page); refused"
            )
        if receiver not in ready and not receiver.poll():
            raise EOFError
        ok, value = receiver.recv()
    except (EOFError, OSError):
        raise PageError("the extractor stopped on this page (out of memory?)") from None
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    if not ok:
        raise PageError(value)
    assert isinstance(value, Document)
    return value


def _extract_for(sender: Any, html: str, source: str, url: str | None, ident: str | None) -> None:
    """``_extract`` in a worker process: sends ``(True, document)`` or ``(False, message)``."""
    try:
        sender.send((True, _extract(html, source, url, ident)))
    except PageError as error:
        sender.send((False, str(error)))
    finally:
        sender.close()


def _extract(html: str, source: str, url: str | None, ident: str | None) -> Document:
    import trafilatura  # imported here: only pages pay for loading it

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            # Dates come from the page's metadata and markup, never guessed from its prose.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on broken markup
        raise PageError(f"cannot be parsed as HTML ({type(error).__name__})") from None
    if result is None or isinstance(result, dict):
        raise PageError("no article text found on the page")
    lines = [line.strip() for line in (result.text or "").splitlines() if line.strip()]
    title = _field(result.title)
    if lines and title and _key(lines[0]) == _key(title):
        lines = lines[1:]  # the headline is the title, not story text
    body = "\n".join(lines)
    words = _article_words(body)
    if not words:
        raise PageError("no article text found on the page")
    if words < MIN_ARTICLE_WORDS:
        raise PageError(
            f"no article text found on the page ({words} words in sentence-like paragraphs, "
            f"fewer than {MIN_ARTICLE_WORDS})"
        )
    outlet = _field(result.sitename)
    return Document(
        id=ident or article_id(title, outlet, url),
        source=source,
        raw="\n\n".join(body.splitlines()),
        title=title,
        outlet=outlet,
        date=_field(result.date),
        url=url or _field(result.url),
        author=_field(result.author),
        removed=removed_blocks(html, body, title),
        structured=True,
    )


def _field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def page_from_bytes(data: bytes, *, source: str, ident: str) -> Document:
    """A saved web page's bytes as a document; ``PageError`` says what is wrong."""
    check_page_bytes(data)
    html = decode_html(data)
    return page_document(html, source=source, url=_saved_url(html), ident=ident)


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _saved_url(html: str) -> str | None:
    """The address a browser-saved page came from, when the file says so."""
    match = _SAVED_FROM.search(html[:20000])
    return match.group(1) if match else None
