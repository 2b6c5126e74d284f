"""Web pages and URLs: extraction, fetching, the cache and ``storydiff fetch``.

Every page comes from an HTTP server on 127.0.0.1 that the tests start themselves; a guard
refuses any other address (which is also how a DNS failure is simulated).
"""

from __future__ import annotations

import functools
import gzip
import os
import socket
import struct
import subprocess
import sys
import textwrap
import threading
import time
import types
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tui import cli
from tui.core import fetching
from tui.core.fetching import cache_dir, fetch_articles
from tui.core.htmlpages import PageError, article_id, decode_html, page_document, slug
from tui.core.loading import is_url, load_paths, read_markdown
from tui.core.model import Document
from tui.core.story import make_article

LEDGER = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbor bridge to close for repairs | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbor bridge to close for three months of repairs">
<meta name="author" content="Maria Okafor">
<meta property="article:published_time" content="2025-03-14T09:30:00Z">
<script>window.dataLayer = [{"page": "article"}];</script>
</head>
<body>
<div class="cookie-banner" id="cookie-consent">
  <p>We use cookies to improve your experience and to show you personalised advertising.</p>
  <button>Accept all</button><button>Manage preferences</button>
</div>
<header class="site-header">
  <a class="logo" href="/">The Coastal Ledger</a>
  <nav><ul>
    <li><a href="/news">News</a></li><li><a href="/politics">Politics</a></li>
    <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
  </ul></nav>
</header>
<main>
<article>
  <h1>Harbor bridge to close for three months of repairs</h1>
  <p class="byline">By <a href="/authors/maria-okafor">Maria Okafor</a></p>
  <time datetime="2025-03-14T09:30:00Z">March 14, 2025</time>
  <div class="share-bar"><a href="#">Share</a> <a href="#">Facebook</a>
    <a href="#">Twitter</a> <a href="#">Email</a></div>
  <div class="article-body">
    <p>The Harbor Street bridge will close to all traffic on April 1 for three months of
    structural repairs, city officials said on Thursday, forcing about 40,000 daily commuters
    onto detours.</p>
    <p>"We know this is a real inconvenience, but the inspection left us no choice," said
    transport commissioner Dana Whitfield. "The deck bearings are at the end of their life."</p>
    <figure><img src="/img/bridge.jpg" alt="">
      <figcaption>The Harbor Street bridge at dusk. (Photo: Ledger staff)</figcaption></figure>
    <p>The $18.5 million project will replace the bearings and expansion joints and repave the
    deck. Work is scheduled to finish by early July, weather permitting.</p>
    <p>Ferry service between the north and south terminals will run every 15 minutes during the
    closure, and two extra bus routes will be added, the city said.</p>
    <p>Local businesses near the bridge worry about lost trade. "Half my customers come over
    that bridge," said Luis Romero, who runs a bakery on Front Street.</p>
  </div>
  <div class="share-bar bottom"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
    <a href="#">Copy link</a></div>
</article>
<aside class="related">
  <h2>Related stories</h2>
  <ul>
    <li><a href="/news/1">City council approves new budget after late-night session</a></li>
    <li><a href="/news/2">Storm damage closes three beaches for the weekend</a></li>
  </ul>
</aside>
<div class="newsletter"><h3>Get the morning briefing</h3>
  <p>Sign up for our free newsletter.</p><form><input type="email"><button>Subscribe</button></form>
</div>
</main>
<footer><p>© 2025 The Coastal Ledger. All rights reserved.</p>
  <ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
</footer>
</body></html>
"""

TRIBUNE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>"No choice": Harbor bridge shuts for repairs - Bay Tribune</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "\\"No choice\\": Harbor bridge shuts for repairs",
 "datePublished": "2025-03-13T18:05:00-05:00",
 "author": [{"@type": "Person", "name": "Sam Reyes"}],
 "publisher": {"@type": "Organization", "name": "Bay Tribune"}}
</script>
<style>.headline { font-weight: bold }</style>
</head><body>
<div id="consent"><div class="consent-text">This site uses cookies. By continuing to browse
  you agree to our use of cookies.</div><a href="#" class="btn">OK</a></div>
<div class="topbar"><div class="menu"><a href="/">Home</a> | <a href="/local">Local</a> |
  <a href="/weather">Weather</a></div></div>
<div class="page"><div class="content">
<h1 class="headline">"No choice": Harbor bridge shuts for repairs</h1>
<div class="meta"><span class="author">Sam Reyes</span> ·
  <span class="date">Mar 13, 2025</span></div>
<div class="social"><span>Share this article</span>
  <ul class="icons"><li><a href="#">Facebook</a></li>
  <li><a href="#">WhatsApp</a></li><li><a href="#">Email</a></li></ul></div>
<div class="story-text">
<p>Commuters who cross the Harbor Street bridge will need another route from April 1, when the
span closes to all traffic for about three months, the city announced Thursday.</p>
<p>"We know this is a real inconvenience, but the inspection left us no choice," transport
commissioner Dana Whitfield told reporters at City Hall.</p>
<p>Inspectors found the deck bearings worn beyond repair last autumn. The project, budgeted at
$18.5 million, also replaces expansion joints.</p>
<div class="ad-slot"><span>Advertisement</span></div>
<p>Ferries will run every 15 minutes during the closure. Roughly 40,000 vehicles use the bridge
each day, according to city traffic counts.</p>
</div>
<div class="more"><h3>More from Bay Tribune</h3>
<div class="card"><a href="/a">School board delays vote on new calendar</a></div>
<div class="card"><a href="/b">Weekend forecast: rain, then a warm Sunday</a></div>
</div>
</div></div>
<div class="footer">Bay Tribune © 2025 · <a href="/contact">Contact us</a></div>
</body></html>
"""

SECTION_FRONT = """<!doctype html>
<html><head><meta charset="utf-8"><title>Local news - Bay Tribune</title></head>
<body>
<div class="topbar"><a href="/">Home</a> | <a href="/local">Local</a></div>
<h1>Local news</h1>
<ul class="teasers">
<li><a href="/a"><h2>School board delays vote on new calendar</h2></a><p>Parents packed it</p></li>
<li><a href="/b"><h2>Weekend forecast: rain, then a warm Sunday</h2></a><p>Umbrellas</p></li>
<li><a href="/c"><h2>Harbor bridge to close for repairs</h2></a><p>Detours ahead</p></li>
</ul>
<div class="footer">Bay Tribune © 2025</div>
</body></html>
"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

FURNITURE = (
    "We use cookies",
    "Accept all",
    "Politics",
    "Share on Facebook",
    "City council approves new budget",
    "Related stories",
    "morning briefing",
    "Privacy policy",
    "Photo: Ledger staff",
)

#: Generous beside a local server's answer, so a loaded machine does not time out the rest.
SLOW_SECONDS = 3.0
TEST_TIMEOUT = 1.0
DELAY_SECONDS = 0.2
#: A dripping server: DRIP_BYTES every DRIP_SECONDS, DRIP_COUNT times (3 s in all).
DRIP_BYTES = 20
DRIP_SECONDS = 0.1
DRIP_COUNT = 30


@dataclass
class Server:
    base: str
    hits: Counter[str] = field(default_factory=Counter)
    active: int = 0
    peak: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            with server.lock:
                server.hits[path.partition("?")[0]] += 1
                server.active += 1
                server.peak = max(server.peak, server.active)
            try:
                self._route(path)
            finally:
                with server.lock:
                    server.active -= 1

        def _route(self, path: str) -> None:
            html = "text/html; charset=utf-8"
            if path.startswith("/ledger/harbor-bridge"):
                self._send(200, LEDGER.encode(), html)
            elif path == "/tribune/bridge-closure":
                # Compressed, as many servers send it.
                self._send(200, gzip.compress(TRIBUNE.encode()), html, Content_Encoding="gzip")
            elif path == "/old/bridge":
                self._send(301, b"", html, Location="/tribune/bridge-closure")
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(200, LEDGER.encode(), html)
            elif path.startswith("/delayed/"):
                time.sleep(DELAY_SECONDS)
                self._send(200, LEDGER.encode(), html)
            elif path == "/truncated":
                # Promises the whole page, sends half of it, then hangs up.
                body = LEDGER.encode()
                self.send_response(200)
                self.send_header("Content-Type", html)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True
            elif path == "/photo.png":
                self._send(200, PNG, "image/png")
            elif path == "/drip/body":
                # A server that keeps the connection busy with a trickle of bytes.
                self.send_response(200)
                self.send_header("Content-Type", html)
                self.send_header("Content-Length", str(DRIP_BYTES * DRIP_COUNT))
                self.end_headers()
                for _ in range(DRIP_COUNT):
                    self.wfile.write(b"x" * DRIP_BYTES)
                    time.sleep(DRIP_SECONDS)
            elif path == "/drip/headers":
                self.send_response(200)
                self.send_header("Content-Type", html)
                for n in range(DRIP_COUNT):
                    self.send_header(f"X-Padding-{n}", "x")
                    self.flush_headers()
                    time.sleep(DRIP_SECONDS)
                self.end_headers()
                self.wfile.write(LEDGER.encode())
            elif path == "/hostile/status":
                body = b"<html><body><h1>Not found</h1></body></html>"
                self.send_response(404, "Not\x1b[2J\x1b]0;pwned\x07 Found")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif path == "/hostile/type":
                self._send(200, PNG, "image/png\x1b[31m\x07\x1b]0;pwned\x07")
            elif path == "/hostile/redirect":
                self._send(302, b"", html, Location="javascript:\x1b[2J\x07alert(1)\t  //x")
            elif path == "/hostile/ftp":
                self._send(302, b"", html, Location="ftp://127.0.0.1:1/x")
            elif path.startswith("/bomb/"):
                encoding = "deflate" if path == "/bomb/deflate" else "gzip"
                self._send(200, _bomb(path), html, Content_Encoding=encoding)
            elif path == "/corrupt/gzip":
                self._send(200, b"\x1f\x8b\x08\x00garbage" * 10, html, Content_Encoding="gzip")
            elif path == "/corrupt/cut":
                self._send(200, gzip.compress(LEDGER.encode())[:-40], html, Content_Encoding="gzip")
            elif path == "/brotli":
                self._send(200, b"\x0b\x02\x80hello\x03", html, Content_Encoding="br")
            elif path == "/conflicting-length":
                body = LEDGER.encode()
                self.send_response(200)
                self.send_header("Content-Type", html)
                self.send_header("Content-Length", str(len(body) // 2))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif path == "/section/local":
                self._send(200, SECTION_FRONT.encode(), html)
            else:
                self._send(404, b"<html><body><h1>Not found</h1></body></html>", html)

    return Handler


#: What each bomb decodes to: far past the 10 MB page limit, from about 1 MB on the wire.
BOMB_BYTES = 1024 * 1024 * 1024


@functools.cache
def _bomb(path: str) -> bytes:
    """1 GiB of zeros (or of repeated HTML) compressed to about 1 MB. After a full flush
    the compressor starts afresh, so every further megabyte compresses to the same bytes
    and the stream is built from two compressed blocks."""
    wbits = zlib.MAX_WBITS if path == "/bomb/deflate" else 16 + zlib.MAX_WBITS
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    unit = b"<p>word word word.</p>" * 48 if path == "/bomb/html" else bytes(1024)
    block = unit * (1024 * 1024 // len(unit))
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    blocks = BOMB_BYTES // len(block)
    # The trailer's checksum must cover every block, not the two compressed.
    check = 0 if wbits > zlib.MAX_WBITS else 1
    for _ in range(blocks):
        check = (zlib.crc32 if wbits > zlib.MAX_WBITS else zlib.adler32)(block, check)
    if wbits > zlib.MAX_WBITS:
        trailer = struct.pack("<II", check, blocks * len(block) & 0xFFFFFFFF)
    else:
        trailer = struct.pack(">I", check)
    end = packer.flush()[: -len(trailer)] + trailer
    return first + again * (blocks - 1) + end


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up on /slow is expected


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reaches beyond 127.0.0.1, uses a proxy or touches the real cache."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise socket.gaierror(socket.EAI_NONAME, f"blocked by the tests: {host}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fetching, "DEFAULT_TIMEOUT", TEST_TIMEOUT)


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = _QuietServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    state = Server(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.RequestHandlerClass = _handler(state)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


# --- extraction -----------------------------------------------------------------------------


def test_page_extraction_finds_article_and_metadata() -> None:
    doc = page_document(LEDGER, source="ledger.html", url="https://ledger.example/bridge")
    assert doc.title == "Harbor bridge to close for three months of repairs"
    assert doc.outlet == "The Coastal Ledger"
    assert doc.date == "2025-03-14"
    assert doc.author == "Maria Okafor"
    assert doc.url == "https://ledger.example/bridge"
    assert doc.structured
    assert doc.raw.startswith("The Harbor Street bridge will close to all traffic on April 1")
    assert "Half my customers come over that bridge" in doc.raw
    assert len(doc.raw.split("\n\n")) == 5


def test_page_furniture_is_removed_but_kept() -> None:
    doc = page_document(LEDGER, source="ledger.html")
    removed = "\n".join(doc.removed)
    for text in FURNITURE:
        assert text not in doc.raw, text
        assert text in removed, text
    assert "window.dataLayer" not in removed  # scripts are not text
    # Furniture stays grouped by where it sat on the page: the cookie banner is one block,
    # the related list another, and no block mixes body text in.
    cookie = next(b for b in doc.removed if "We use cookies" in b)
    assert "Accept all Manage preferences" in cookie and "Politics" not in cookie
    related = next(b for b in doc.removed if "Related stories" in b)
    assert "Storm damage closes three beaches" in related
    assert all("Dana Whitfield" not in block for block in doc.removed)


def test_json_ld_metadata_and_quoted_title() -> None:
    doc = page_document(TRIBUNE, source="tribune.html")
    assert doc.title == '"No choice": Harbor bridge shuts for repairs'
    assert doc.outlet == "Bay Tribune"
    assert doc.date == "2025-03-13"
    assert doc.author == "Sam Reyes"
    assert "Advertisement" not in doc.raw
    assert any("Advertisement" in block for block in doc.removed)


def test_page_without_article_is_refused() -> None:
    with pytest.raises(PageError, match="no article text"):
        page_document(SECTION_FRONT, source="section.html")


def test_decoding_follows_declared_charsets() -> None:
    latin = '<meta charset="windows-1252"><p>Caf\xe9 \u2014 na\xefve</p>'.encode("cp1252")
    assert "Café — naïve" in decode_html(latin)
    assert "Café" in decode_html("<p>Café</p>".encode(), "iso-8859-1")  # UTF-8 wins
    assert "Café" in decode_html("<p>Café</p>".encode("latin-1"), "iso-8859-1")


def test_slugs_are_safe_file_names() -> None:
    assert slug("Mayor's plan: 2 votes / 3 días") == "mayors-plan-2-votes-3-dias"
    assert article_id("Héllo, world!", "The Coastal Ledger", None) == (
        "the-coastal-ledger-hello-world"
    )
    assert article_id(None, None, "https://www.example.com/news/2025/bridge") == (
        "example-com-news-2025-bridge"
    )
    assert article_id("北京", None, None) == "article"
    assert len(article_id("word " * 100, "site " * 20, None)) <= 101


def test_saved_html_files_load_like_other_files(tmp_path: Path) -> None:
    page = tmp_path / "ledger.html"
    page.write_text(LEDGER, encoding="utf-8")
    (tmp_path / "picture.htm").write_bytes(PNG)
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "front.html").write_text(SECTION_FRONT, encoding="utf-8")
    flash = "<html><body><p>The river rose 3 metres overnight, officials said.</p></body></html>"
    (tmp_path / "flash.html").write_text(flash, encoding="utf-8")
    result = load_paths([tmp_path])
    assert [d.id for d in result.documents] == ["ledger"]
    assert result.documents[0].title == "Harbor bridge to close for three months of repairs"
    messages = {Path(p.source).name: p.message for p in result.problems}
    assert messages == {
        "picture.htm": "binary data, not a web page",
        "empty.html": "empty page",
        "front.html": "no article text found on the page",
        "flash.html": "no article text found on the page (8 words in sentence-like paragraphs, "
        "fewer than 30)",
    }


def test_core_stays_free_of_ui_after_extracting() -> None:
    code = (
        "import sys\n"
        "from tui.core import fetching, htmlpages\n"
        f"htmlpages.page_document({LEDGER!r}, source='x')\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --- fetching -------------------------------------------------------------------------------


def test_urls_load_and_each_failure_is_one_line(server: Server) -> None:
    good = [server.url("/ledger/harbor-bridge"), server.url("/old/bridge")]
    bad = {
        server.url("/missing"): "HTTP 404 Not Found",
        server.url("/slow"): f"timed out after {TEST_TIMEOUT:g} s",
        server.url("/photo.png"): "not a web page (image/png)",
        server.url("/truncated"): "the server closed the connection early",
        server.url("/section/local"): "no article text found on the page",
        "http://nosuch.invalid/story": "cannot find host nosuch.invalid (DNS lookup failed)",
    }
    lines: list[str] = []
    result = load_paths([*bad, *good], progress=lines.append)
    titles = sorted(d.title or "" for d in result.documents)
    assert titles == [
        '"No choice": Harbor bridge shuts for repairs',
        "Harbor bridge to close for three months of repairs",
    ]
    found = {p.source: p.message for p in result.problems}
    assert found.keys() == bad.keys()
    for url, message in bad.items():
        assert found[url].startswith(message), (url, found[url])
    assert all("\n" not in str(p) for p in result.problems)
    assert len(lines) == len(good) + len(bad)
    for url in [*good, *bad]:
        assert sum(url in line for line in lines) == 1
    assert any("fetched" in line and "/ledger/harbor-bridge" in line for line in lines)
    assert any("failed" in line and "/missing" in line for line in lines)


def test_redirect_keeps_the_address_the_user_gave(server: Server) -> None:
    [fetched] = fetch_articles([server.url("/old/bridge")])
    assert fetched.document is not None and fetched.page is not None
    assert fetched.document.url == server.url("/old/bridge")
    assert fetched.page.final_url == server.url("/tribune/bridge-closure")
    assert fetched.document.source == server.url("/old/bridge")


def test_urls_mix_with_files_and_order_does_not_matter(server: Server, tmp_path: Path) -> None:
    text = tmp_path / "wire.txt"
    text.write_text(
        "Bridge closing\n\nThe city will close the Harbor Street bridge on April 1 for repairs "
        "that will take about three months, officials said.\n",
        encoding="utf-8",
    )
    paths: list[str | Path] = [server.url("/ledger/harbor-bridge"), text, server.url("/old/bridge")]
    first = load_paths(paths)
    second = load_paths(list(reversed(paths)))
    assert first == second
    assert len(first.documents) == 3 and not first.problems


def test_cache_is_used_until_refresh(server: Server, tmp_path: Path) -> None:
    url = server.url("/ledger/harbor-bridge")
    first = load_paths([url])
    lines: list[str] = []
    second = load_paths([url], progress=lines.append)
    assert server.hits["/ledger/harbor-bridge"] == 1
    assert first.documents == second.documents
    assert "cached" in lines[0]
    load_paths([url], refresh=True)
    assert server.hits["/ledger/harbor-bridge"] == 2
    assert list((tmp_path / "cache").glob("*.json"))  # the test's cache, not the user's


def test_failures_are_not_cached(server: Server) -> None:
    load_paths([server.url("/missing")])
    load_paths([server.url("/missing")])
    assert server.hits["/missing"] == 2


def test_default_cache_dir_follows_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("STORYDIFF_CACHE_DIR")
    assert cache_dir() == Path(platformdirs.user_cache_dir("storydiff")) / "pages"


def test_fetching_is_concurrent_and_bounded(server: Server) -> None:
    urls = [server.url(f"/delayed/{n}") for n in range(8)]
    results = fetch_articles(urls, timeout=5)
    assert all(r.document is not None for r in results)
    assert [r.url for r in results] == urls
    assert server.peak == fetching.MAX_WORKERS  # not one after another


@pytest.mark.parametrize("path", ["/drip/body", "/drip/headers"])
def test_timeout_bounds_the_whole_download(server: Server, path: str) -> None:
    # Each read returns within the socket timeout, so only a deadline for the whole
    # download stops a server that sends a few bytes at a time.
    # The trickle goes on for 3 s, then completes: an error means the deadline stopped it.
    [result] = fetch_articles([server.url(path)], timeout=0.5)
    assert result.error == "timed out after 0.5 s"


def test_server_strings_are_made_safe_in_messages(server: Server) -> None:
    expected = {
        "/hostile/status": "HTTP 404 Not Found",
        "/hostile/type": "not a web page (image/png)",
        "/hostile/redirect": "redirected to a non-web address (javascript:alert(1) //x)",
        "/hostile/ftp": "redirected to a non-web address (ftp://127.0.0.1:1/x)",
    }
    results = fetch_articles([server.url(path) for path in expected])
    assert [r.error for r in results] == list(expected.values())
    assert server.hits["/hostile/ftp"] == 1


def test_is_url() -> None:
    assert is_url("https://example.com/a") and is_url("HTTP://x")
    assert not is_url("example.com/a") and not is_url(Path("http:/x"))


# --- storydiff fetch ------------------------------------------------------------------------


def _fields(doc: Document) -> tuple[Any, ...]:
    article = make_article(doc)
    return (
        article.id,
        article.title,
        article.outlet,
        article.date,
        article.author,
        article.url,
        article.text,
    )


def test_fetch_writes_markdown_that_round_trips(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = [server.url("/ledger/harbor-bridge"), server.url("/old/bridge")]
    folder = tmp_path / "story"
    assert cli.main(["fetch", *urls, "-o", str(folder)]) == 0
    err = capsys.readouterr().err
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "bay-tribune-no-choice-harbor-bridge-shuts-for-repairs.md",
        "the-coastal-ledger-harbor-bridge-to-close-for-three-months-of-repairs.md",
    ]
    for name in names:
        assert f"as {folder / name}" in err
    ledger = (folder / names[1]).read_text(encoding="utf-8")
    header = ledger.split("---\n")[1]
    assert header.splitlines()[:5] == [
        "title: Harbor bridge to close for three months of repairs",
        "outlet: The Coastal Ledger",
        "author: Maria Okafor",
        "date: 2025-03-14",
        f"url: {urls[0]}",
    ]
    assert header.splitlines()[5].startswith("fetched_at: 20")
    tribune = (folder / names[0]).read_text(encoding="utf-8")
    assert 'title: "\\"No choice\\": Harbor bridge shuts for repairs"' in tribune

    online = load_paths(urls).documents
    offline = load_paths([folder]).documents
    assert sorted(map(_fields, online)) == sorted(map(_fields, offline))
    assert read_markdown(folder / names[0])[0].title == (
        '"No choice": Harbor bridge shuts for repairs'
    )


def test_fetch_never_overwrites(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/ledger/harbor-bridge")
    folder = tmp_path / "story"
    assert cli.main(["fetch", url, "-o", str(folder)]) == 0
    [saved] = folder.iterdir()
    before = saved.read_bytes()
    capsys.readouterr()

    assert cli.main(["fetch", url, "-o", str(folder)]) == 0
    err = capsys.readouterr().err
    assert f"{url}: already saved as {saved}" in err
    assert list(folder.iterdir()) == [saved]
    assert server.hits["/ledger/harbor-bridge"] == 1

    assert cli.main(["fetch", url, "--new-version", "-o", str(folder)]) == 0
    assert {p.name for p in folder.iterdir()} == {saved.name, f"{saved.stem}-2.md"}
    assert saved.read_bytes() == before
    assert server.hits["/ledger/harbor-bridge"] == 2  # a new version is downloaded anew

    # Another address for the same headline never replaces the first file either.
    assert cli.main(["fetch", url + "?amp=1", "-o", str(folder)]) == 0
    assert f"{saved.stem}-3.md" in {p.name for p in folder.iterdir()}


def test_fetch_downloads_one_page_once_whatever_its_fragment(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/ledger/harbor-bridge")
    folder = tmp_path / "story"
    assert cli.main(["fetch", url, url + "#comments", "-o", str(folder)]) == 0
    [saved] = folder.iterdir()
    assert server.hits["/ledger/harbor-bridge"] == 1

    assert cli.main(["fetch", "--new-version", url + "#top", url, "-o", str(folder)]) == 0
    assert {p.name for p in folder.iterdir()} == {saved.name, f"{saved.stem}-2.md"}
    assert server.hits["/ledger/harbor-bridge"] == 2


def test_fetch_reports_failures_and_saves_the_rest(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "story"
    urls = [server.url("/missing"), server.url("/ledger/harbor-bridge"), "notaurl"]
    assert cli.main(["fetch", *urls, "-o", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"storydiff: {urls[0]}: HTTP 404 Not Found\n" in err
    assert "storydiff: notaurl: not an http:// or https:// URL\n" in err
    assert "Traceback" not in err
    assert len(list(folder.glob("*.md"))) == 1


def test_reader_opens_on_urls_files_and_folders(
    server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    opened: list[Any] = []

    class FakeApp:
        return_code = 0

        def __init__(self, story: Any = None, **options: Any) -> None:
            opened.append(story)

        def run(self) -> None:
            pass

    monkeypatch.setitem(sys.modules, "tui.app", types.SimpleNamespace(StorydiffApp=FakeApp))
    page = tmp_path / "saved.html"
    page.write_text(TRIBUNE, encoding="utf-8")
    assert cli.main([server.url("/ledger/harbor-bridge"), str(page), server.url("/missing")]) == 0
    [story] = opened
    assert sorted(a.outlet or "" for a in story.articles) == ["Bay Tribune", "The Coastal Ledger"]
    assert len(story.passages) >= 1  # the shared Whitfield quote
    err = capsys.readouterr().err
    assert f"storydiff: {server.url('/missing')}: HTTP 404 Not Found" in err
    assert "[1/2]" in err


def test_bad_addresses_get_plain_messages() -> None:
    results = fetch_articles(["http://[::1/x", "http://127.0.0.1:1/refused"])
    assert [r.error for r in results] == [
        "not a valid URL (Invalid IPv6 URL)",
        "connection refused",
    ]


def test_non_ascii_addresses_are_encoded() -> None:
    assert fetching._ascii_url("https://bücher.example/straße?q=größe") == (
        "https://xn--bcher-kva.example/stra%C3%9Fe?q=gr%C3%B6%C3%9Fe"
    )
    assert fetching._ascii_url("https://example.com/a b") == "https://example.com/a%20b"


# --- hostile servers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/corrupt/gzip", "the server sent a corrupt gzip body"),
        ("/corrupt/cut", "the server sent a corrupt gzip body (cut short)"),
        ("/brotli", "compressed as br, which storydiff cannot read"),
        ("/conflicting-length", "the server sent conflicting Content-Length headers"),
    ],
)
def test_broken_bodies_are_named_and_not_cached(
    server: Server, tmp_path: Path, path: str, message: str
) -> None:
    good = server.url("/ledger/harbor-bridge")
    result = load_paths([server.url(path), good])
    assert [d.url for d in result.documents] == [good]
    assert [str(p) for p in result.problems] == [f"{server.url(path)}: {message}"]
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1  # the good page only


def test_pages_without_an_article_are_not_cached(server: Server, tmp_path: Path) -> None:
    load_paths([server.url("/section/local")])
    load_paths([server.url("/section/local")])
    assert server.hits["/section/local"] == 2
    assert not list((tmp_path / "cache").glob("*.json"))


BOMB_MEMORY_LIMIT_MB = 400


@pytest.mark.parametrize("path", ["/bomb/gzip", "/bomb/deflate", "/bomb/html"])
def test_decompression_bombs_are_cut_off_in_bounded_memory(
    server: Server, tmp_path: Path, path: str
) -> None:
    """Each bomb is fetched in a process whose address space is capped: reading a 1 GiB
    body whole would fail with MemoryError instead of the one line asserted here."""
    code = textwrap.dedent(
        f"""
        import resource
        from tui.core.fetching import fetch_articles
        import trafilatura  # loaded before the cap, as a page fetch would
        with open("/proc/self/status") as status:
            size = next(int(l.split()[1]) for l in status if l.startswith("VmSize"))
        cap = (size // 1024 + {BOMB_MEMORY_LIMIT_MB}) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        [result] = fetch_articles([{server.url(path)!r}])
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(result.error)
        print(grown // 1024)
        """
    )
    assert len(zlib.decompressobj(47).decompress(_bomb(path)[:4096], 1 << 20)) == 1 << 20
    env = {**os.environ, "STORYDIFF_CACHE_DIR": str(tmp_path / "cache"), "no_proxy": "*"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    error, grown_mb = out.stdout.splitlines()
    assert error == "too large (over 10 MB of page)", out.stderr
    assert int(grown_mb) < 100
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


def test_large_pages_are_extracted_in_a_worker_with_a_time_limit(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core import htmlpages

    url = server.url("/ledger/harbor-bridge")
    [in_process] = fetch_articles([url], refresh=True)
    monkeypatch.setattr(htmlpages, "EXTRACT_IN_PROCESS_CHARS", 100)
    [in_worker] = fetch_articles([url], refresh=True)
    assert in_worker.document == in_process.document is not None
    monkeypatch.setattr(htmlpages, "MAX_EXTRACT_SECONDS", 0.01)
    [stopped] = fetch_articles([url], refresh=True)
    assert stopped.error is not None
    assert stopped.error.startswith("extraction took longer than 0.01 s (")


def test_fetch_messages_and_new_versions_make_hostile_names_inert(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/ledger/harbor-bridge")
    folder = tmp_path / "story"
    assert cli.main(["fetch", url, "-o", str(folder)]) == 0
    [saved] = folder.iterdir()
    hostile = saved.with_name("x\x1b]0;pwned\x07\x1b[2J\u202eevil.md")
    saved.rename(hostile)
    capsys.readouterr()
    assert cli.main(["fetch", url, "-o", str(folder)]) == 0
    assert cli.main(["fetch", url, "--new-version", "-o", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "already saved as" in err and "saved " in err
    assert not any(c in err for c in "\x1b\x07\u202e")
    names = {p.name for p in folder.iterdir()} - {hostile.name}
    assert names == {"xevil.md"}
