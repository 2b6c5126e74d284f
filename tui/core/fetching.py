"""URLs as articles: download pages (a few at a time), cache them, extract them.

    fetch_articles(urls, progress=print_to_stderr)  ->  [Fetched(url, document | error)]

Downloads use the standard library (``urllib``): redirects to web addresses are followed,
every page has a time limit for the whole download (a server that sends a few bytes at a time
is cut off at it too), and what goes wrong is told in one line, with whatever the server said
made inert (``timed out after 15 s``, ``HTTP 404 Not Found``, ``cannot find host
example.invalid``, ``not a web page (image/png)``, ``no article text found on the page``).
Pages are cached under the user's cache folder (``platformdirs.user_cache_dir("storydiff")``,
or ``$STORYDIFF_CACHE_DIR``), keyed by URL, so opening the same links again needs no network;
``refresh=True`` downloads them anew.

``save_article`` writes a fetched article into a story folder as Markdown with a front-matter
header that ``tui.core.loading`` reads back.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from tui.core.cleaning import sanitize
from tui.core.exporting import write_atomic
from tui.core.htmlpages import (
    MAX_PAGE_BYTES,
    PageError,
    article_id,
    check_page_bytes,
    decode_html,
    page_document,
)
from tui.core.loading import LoadError, read_markdown
from tui.core.markdown_text import text_to_markdown
from tui.core.model import Document

#: Seconds a page may take, from connecting to the last byte (redirects included).
DEFAULT_TIMEOUT = 15.0
#: Pages downloaded at once: enough to overlap slow servers, few enough to be polite.
MAX_WORKERS = 4
CACHE_ENV = "STORYDIFF_CACHE_DIR"
USER_AGENT = "Mozilla/5.0 (compatible; storydiff/0.1; +https://pypi.org/project/storydiff/)"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024
#: A cached page is JSON holding at most ``MAX_PAGE_BYTES`` of page, escapes and all.
_MAX_CACHE_BYTES = 7 * MAX_PAGE_BYTES

Progress = Callable[[str], None]


class FetchError(Exception):
    """A URL that gave no usable page; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    #: Where the page was found after redirects.
    final_url: str
    html: str
    #: When the page was downloaded (UTC, ISO 8601); for a cached page, when it was cached.
    fetched_at: str
    cached: bool = False
    size: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome for one URL: a document, or an error message."""

    url: str
    document: Document | None = None
    page: Page | None = None
    error: str | None = None


# --- the cache ------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where fetched pages are kept: ``$STORYDIFF_CACHE_DIR``, else the platform's cache dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("storydiff")) / "pages"


def cache_key(url: str) -> str:
    """The URL without its ``#fragment`` (never sent to the server), as a hash."""
    try:
        parts = urlsplit(url.strip())
        bare = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))
    except ValueError:  # malformed; the download will say so
        bare = url
    return hashlib.sha256(bare.encode("utf-8")).hexdigest()[:40]


def _cache_path(url: str, folder: Path) -> Path:
    return folder / f"{cache_key(url)}.json"


def read_cached(url: str, folder: Path | None = None) -> Page | None:
    path = _cache_path(url, folder or cache_dir())
    try:
        if path.stat().st_size > _MAX_CACHE_BYTES:
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
        return Page(
            url=url,
            final_url=str(record["final_url"]),
            html=str(record["html"]),
            fetched_at=str(record["fetched_at"]),
            cached=True,
            size=len(record["html"]),
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # missing or damaged: fetch again


def write_cached(page: Page, folder: Path | None = None) -> None:
    folder = folder or cache_dir()
    record = {
        "url": page.url,
        "final_url": page.final_url,
        "fetched_at": page.fetched_at,
        "html": page.html,
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(_cache_path(page.url, folder), json.dumps(record), overwrite=True)
    except OSError:
        pass  # a cache that cannot be written only costs a download next time


# --- downloading ----------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _one_line(text: object, limit: int = 200) -> str:
    """Text a server chose (a reason phrase, a content type, a redirect target) made safe
    for a message: no escape sequences or control characters, one line, not too long."""
    line = " ".join(sanitize(str(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _reason(error: BaseException, url: str, timeout: float) -> str:
    """One line saying why a download failed."""
    if isinstance(error, urllib.error.HTTPError):
        reason = _one_line(error.reason)
        if 300 <= error.code < 400:
            if reason.startswith(_one_line(urllib.request.HTTPRedirectHandler.inf_msg)):
                return f"HTTP {error.code}: too many redirects"
            target = str(error.headers.get("Location") or "") if error.headers else ""
            if urlsplit(target).scheme.lower() not in ("", "http", "https"):
                return f"redirected to a non-web address ({_one_line(target, 100)})"
        return f"HTTP {error.code} {reason}".rstrip()
    if isinstance(error, urllib.error.URLError):
        if isinstance(error.reason, BaseException):
            return _reason(error.reason, url, timeout)
        return f"cannot connect ({_one_line(error.reason)})"
    if isinstance(error, socket.gaierror):
        return f"cannot find host {urlsplit(url).hostname} (DNS lookup failed)"
    if isinstance(error, TimeoutError):
        return f"timed out after {_seconds(timeout)}"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
        return "connection dropped by the server"
    if isinstance(error, ssl.SSLError):
        return f"secure connection failed ({error.reason or error})"
    if isinstance(error, http.client.InvalidURL):
        return f"not a valid URL ({error})"
    if isinstance(error, http.client.HTTPException):
        return f"bad response from the server ({type(error).__name__})"
    if isinstance(error, OSError):
        return f"network error ({error.strerror or error})"
    return f"cannot fetch ({error})"


class _Decoder:
    """Undo a ``Content-Encoding`` as the body arrives, never holding more than
    ``MAX_PAGE_BYTES`` of decoded page: a small gzip body can hold gigabytes of zeros
    (a decompression bomb), so the limit applies to what comes out, chunk by chunk."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding.strip().lower()
        if self.encoding in ("", "identity"):
            self._wbits: int | None = None
        elif self.encoding in ("gzip", "x-gzip"):
            self._wbits = 16 + zlib.MAX_WBITS
        elif self.encoding == "deflate":
            self._wbits = zlib.MAX_WBITS  # zlib-wrapped; raw deflate is tried if that fails
        else:
            raise FetchError(
                f"compressed as {_one_line(self.encoding, 40)}, which storydiff cannot read"
            )
        self._inflate = zlib.decompressobj(self._wbits) if self._wbits is not None else None
        self._started = False
        self.size = 0
        self.chunks: list[bytes] = []

    def feed(self, data: bytes) -> None:
        if self._inflate is None:
            self._keep(data)
            return
        while data:
            try:
                out = self._inflate.decompress(data, MAX_PAGE_BYTES - self.size + 1)
            except zlib.error:
                if (
                    self.encoding == "deflate"
                    and not self._started
                    and self._wbits == zlib.MAX_WBITS
                ):
                    self._wbits = -zlib.MAX_WBITS  # servers often send raw deflate
                    self._inflate = zlib.decompressobj(self._wbits)
                    continue
                raise FetchError(f"the server sent a corrupt {self.encoding} body") from None
            self._started = True
            self._keep(out)
            data = self._inflate.unconsumed_tail
            if self._inflate.eof:
                data = self._inflate.unused_data
                if data and self._wbits and self._wbits > zlib.MAX_WBITS:
                    self._inflate = zlib.decompressobj(self._wbits)  # a next gzip member
                else:
                    data = b""

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > MAX_PAGE_BYTES:
            raise FetchError(f"too large (over {MAX_PAGE_BYTES // 1024 // 1024} MB of page)")
        if data:
            self.chunks.append(data)

    def finish(self) -> bytes:
        if self._inflate is not None and not self._inflate.eof:
            raise FetchError(f"the server sent a corrupt {self.encoding} body (cut short)")
        return b"".join(self.chunks)


def _content_length(headers: Any) -> int | None:
    """The body's announced size; ``FetchError`` when the headers disagree about it (a
    response can then be read two ways, and curl refuses it too)."""
    values = {
        part.strip()
        for value in headers.get_all("Content-Length") or ()
        for part in value.split(",")
    }
    if len(values) > 1:
        raise FetchError("the server sent conflicting Content-Length headers")
    value = next(iter(values), "")
    return int(value) if value.isdigit() and len(value) < 20 else None


def _ascii_url(url: str) -> str:
    """An address as typed or pasted (``https://bücher.de/straße``) in the ASCII form HTTP
    needs (``https://xn--bcher-kva.de/stra%C3%9Fe``); ASCII addresses are left alone."""
    if url.isascii() and not re.search(r"\s", url):
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_host = host
    netloc = parts.netloc.replace(host, ascii_host) if host else parts.netloc
    safe = "/?&=:;@!$'()*+,%~[]"
    return urlunsplit(
        (parts.scheme, netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe), "")
    )


class _Deadline:
    """The end of one download's time. Socket timeouts bound each read, not the download: a
    server sending a few bytes every second never trips them. So at the deadline every
    connection of the download (redirects make several) is shut down, which ends whatever
    read is waiting, and ``expired`` tells the reader why its data stopped.

    Each connection is watched through a duplicate of its socket, closed in ``stop``: a
    connection closed before the deadline keeps its number until then, so the shutdown can
    never reach a socket that another download opened with a reused number.
    """

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        """Seconds left; ``TimeoutError`` when none are."""
        left = self.at - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError
        return left

    def watch(self, sock: socket.socket) -> None:
        copy = socket.fromfd(sock.fileno(), sock.family, sock.type, sock.proto)
        with self._lock:
            self._sockets.append(copy)
            if self.expired:  # the deadline passed while connecting
                with contextlib.suppress(OSError):
                    copy.shutdown(socket.SHUT_RDWR)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):  # already closed by the server
                    sock.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


class _WatchedConnection(http.client.HTTPConnection):
    """A connection that connects within what is left of the download's time, and whose
    socket its ``_Deadline`` shuts down when the time is up."""

    deadline: _Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()
        assert self.sock is not None
        self.deadline.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection, _WatchedConnection):
    """HTTPS: ``HTTPSConnection.connect`` runs ``_WatchedConnection.connect`` (next in the
    method order) for the plain socket, which is watched before the TLS handshake."""


def _watched(
    kind: type[_WatchedConnection], deadline: _Deadline
) -> Callable[..., http.client.HTTPConnection]:
    def connection(host: str, **options: Any) -> http.client.HTTPConnection:
        made = kind(host, **options)
        made.deadline = deadline
        return made

    return connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(_WatchedConnection, self.deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        # No context: the connection makes the same verifying one as ``urlopen`` does.
        return self.do_open(_watched(_WatchedHTTPSConnection, self.deadline), req)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to web addresses only (``urllib`` would follow ``ftp://``)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, msg, headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str, *, timeout: float | None = None) -> Page:
    """Download one page, following redirects; ``FetchError`` says what went wrong.

    ``timeout`` bounds the whole download, redirects included; the one wait it cannot cut
    short is a host-name lookup that hangs.
    """
    timeout = timeout or DEFAULT_TIMEOUT
    started = time.monotonic()
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(
        _HTTPHandler(deadline), _HTTPSHandler(deadline), _RedirectHandler()
    )
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        request = urllib.request.Request(_ascii_url(url), headers=headers)
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type")
            kind = _one_line(response.headers.get_content_type())
            if content_type and kind not in _HTML_TYPES:
                raise FetchError(f"not a web page ({kind})")
            length = _content_length(response.headers)
            if length is not None and length > MAX_PAGE_BYTES:
                raise FetchError(f"too large ({length / 1024 / 1024:.1f} MB)")
            decoder = _Decoder(response.headers.get("Content-Encoding", ""))
            size = 0
            # ``read1`` returns what one receive brings, so the size limits apply as the
            # page arrives; the deadline ends a slow page by shutting its socket down.
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > MAX_PAGE_BYTES:
                    raise FetchError(f"too large (over {MAX_PAGE_BYTES // 1024 // 1024} MB)")
                decoder.feed(chunk)
            if deadline.expired:  # the page was cut off, not finished
                raise TimeoutError
            if length is not None and size < length:
                raise FetchError(
                    f"the server closed the connection early ({size} of {length} bytes)"
                )
            data = decoder.finish()
            charset = response.headers.get_content_charset()
            final_url = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        raise FetchError(_reason(error, url, timeout)) from None
    except ValueError as error:
        raise FetchError(f"not a valid URL ({error})") from None
    except (OSError, http.client.HTTPException, EOFError) as error:
        # A read ended by the deadline fails in many ways (an incomplete read, a reset).
        cause: BaseException = TimeoutError() if deadline.expired else error
        raise FetchError(_reason(cause, url, timeout)) from None
    finally:
        deadline.stop()
    try:
        check_page_bytes(data)
    except PageError as error:
        raise FetchError(str(error)) from None
    return Page(
        url=url,
        final_url=final_url,
        html=decode_html(data, charset),
        fetched_at=_now(),
        size=len(data),
        seconds=time.monotonic() - started,
    )


def get_page(
    url: str, *, refresh: bool = False, timeout: float | None = None, cache: Path | None = None
) -> Page:
    """A page from the cache, or downloaded (cached by ``fetch_articles`` once it proves to
    hold an article)."""
    if not refresh:
        cached = read_cached(url, cache)
        if cached is not None:
            return cached
    return download(url, timeout=timeout)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def _progress_line(index: int, total: int, result: Fetched) -> str:
    prefix = f"[{index}/{total}]"
    if result.error is not None or result.page is None:
        return f"{prefix} failed  {result.url}"
    page = result.page
    if page.cached:
        return f"{prefix} cached  {result.url} (fetched {page.fetched_at})"
    return f"{prefix} fetched {result.url} ({_size(page.size)} in {page.seconds:.1f} s)"


def fetch_articles(
    urls: Sequence[str],
    *,
    refresh: bool = False,
    timeout: float | None = None,
    progress: Progress | None = None,
    workers: int = MAX_WORKERS,
    cache: Path | None = None,
) -> list[Fetched]:
    """Fetch and extract each URL, ``workers`` at a time, in the order given.

    ``progress`` receives one line per URL as it finishes (on the calling thread). Failures
    come back as ``Fetched.error``; one bad URL never stops the others.
    """
    unique = list(dict.fromkeys(url.strip() for url in urls))
    results: dict[str, Fetched] = {}
    if not unique:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique)))) as pool:
        futures = {
            pool.submit(get_page, url, refresh=refresh, timeout=timeout, cache=cache): url
            for url in unique
        }
        for done, future in enumerate(as_completed(futures), start=1):
            url = futures[future]
            try:
                page = future.result()
                document = page_document(page.html, source=url, url=url)
                result = Fetched(url, document=document, page=page)
                if not page.cached:
                    write_cached(page, cache)  # only pages that held an article
            except (FetchError, PageError) as error:
                result = Fetched(url, error=_one_line(error, limit=300))
            except Exception as error:  # never a traceback for one bad page
                message = f"cannot fetch ({type(error).__name__}: {error})"
                result = Fetched(url, error=_one_line(message, limit=300))
            results[url] = result
            if progress is not None:
                progress(_progress_line(done, len(unique), result))
    return [results[url] for url in unique]


# --- story folders --------------------------------------------------------------------------

_NEEDS_QUOTES = re.compile(r"""^[\s"'&*!|>%@`{}\[\],?#-]|[\s"']$|: | #|^$""")


def _yaml_value(value: str) -> str:
    """A front-matter value that reads back exactly: plain when safe, else JSON-quoted."""
    value = " ".join(value.split())
    return json.dumps(value, ensure_ascii=False) if _NEEDS_QUOTES.search(value) else value


def article_markdown(document: Document, fetched_at: str | None = None) -> str:
    """A Markdown file for a fetched article: a ``---`` front-matter header, then the text."""
    values = {
        "title": document.title,
        "outlet": document.outlet,
        "author": document.author,
        "date": document.date,
        "url": document.url,
        "fetched_at": fetched_at,
    }
    header = [f"{key}: {_yaml_value(value)}" for key, value in values.items() if value]
    body = text_to_markdown(document.raw)
    return "---\n" + "\n".join(header) + "\n---\n\n" + body + "\n"


def saved_urls(folder: Path) -> dict[str, Path]:
    """The cache key of every Markdown article's ``url`` in ``folder``, mapped to its file
    (the shortest name when there are versions: ``story.md`` before ``story-2.md``)."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md"), key=lambda p: (len(p.name), p.name)):
        try:
            documents = read_markdown(path)
        except LoadError:
            continue
        for document in documents:
            if document.url:
                found.setdefault(cache_key(document.url), path)
    return found


def save_article(folder: Path, fetched: Fetched, *, stem: str | None = None) -> Path:
    """Write a fetched article into ``folder`` as ``<site>-<title>.md`` and return the path.

    Never overwrites: when the name is taken, ``-2``, ``-3``… is added. ``stem`` names the
    file (for a new version of an already-saved article).
    """
    if fetched.document is None:
        raise ValueError(f"{fetched.url} has no article to save")
    document = fetched.document
    base = stem or article_id(document.title, document.outlet, document.url)
    text = article_markdown(document, fetched.page.fetched_at if fetched.page else None)
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        path = folder / (f"{base}.md" if number == 1 else f"{base}-{number}.md")
        if not path.exists():
            try:
                write_atomic(path, text)
                return path
            except FileExistsError:
                pass  # taken between the check and the write: try the next name
        number += 1
