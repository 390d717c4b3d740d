# ruff: noqa: RUF001, RUF002  (Cyrillic text is the point of the windows-1251 articles)
"""The hostile fixture news site: a small news site served over real HTTP on 127.0.0.1.

Spider tests crawl it to prove the crawler copes with what the web does: gzip and chunked
transfers, redirect chains, errors, robots rules, feeds and sitemaps, traps, odd charsets and
outright attacks. Use the ``fixture_site`` pytest fixture (function scope: a fresh server, an
empty request log and fresh per-site state for every test; it starts in milliseconds)::

    # in tests/conftest.py (imported into a test module and then named as an argument, it
    # trips ruff's F811; there, reach it with request.getfixturevalue("fixture_site")):
    from tests.fixturesite import fixture_site  # noqa: F401

    def test_something(fixture_site):
        start = fixture_site.url_for("/")            # "http://127.0.0.1:PORT/"
        ...
        assert not fixture_site.was_requested("/private/")
        sent = fixture_site.sent(GZIP_ARTICLE)         # exact bytes of the last answer
        assert warc_payload == sent.body

All absolute URLs in pages, feeds, sitemaps and redirects use ``fixture_site.url``.
Unless noted, answers are 200 with ``Content-Length`` and the server keeps connections alive.

Ordinary site (a crawl from ``/`` never meets the hostile routes)
--------------------------------------------------------------------
``/``                     home. Links: sections (``/section/world/;jsessionid=…``,
                          ``/section/local/;jsessionid=…``, the id differs on every response),
                          articles 1, 2, 3, 5, 6 (see ARTICLES), ``/old/story``, ``/about/``,
                          ``/busy``, ``/missing-page`` (404), ``/server-error`` (500),
                          ``/private/secret-draft/`` and ``/private/admin`` (robots-disallowed:
                          must never be fetched), ``/calendar?date=2024-03-08`` (calendar widget),
                          ``/archive?page=1``, ``/search?color=red``. ``<link rel="alternate">``
                          to ``/feed.xml`` (RSS) and ``/atom.xml`` (Atom). Requisites below.
``/section/world/``       lists articles 1 and 3; "Older posts" ``?page=2&sid=…`` lists article 5.
``/section/local/``       lists article 2; ``?page=2&sid=…`` lists article 6. ``;jsessionid=`` in
                          the path and ``sid`` in the query are ignored by the server.
``/about/``               a plain non-article page.
``/old/story``            301 ``Location: /r/2`` (relative) → ``/r/2`` 302 ``Location:`` absolute
                          URL of article 4 (reachable only through this chain).
``/missing-page``         404 HTML.  ``/server-error``: 500 HTML.  Any unknown path: 404.
``/busy``                 503 with ``Retry-After: 1`` on the first request to this site, then 200.
``/robots.txt``           ``User-agent: *`` / ``Disallow: /private/`` /
                          ``Sitemap: {url}/sitemap_index.xml.gz``.
``/private/…``            any path: 200 "secret" page. Listed on the home page and in the sitemap
                          (``/private/leaked-in-sitemap/``) to tempt the crawler.
``/sitemap_index.xml.gz`` gzip file (``Content-Type: application/gzip``, no Content-Encoding): a
                          sitemap index → ``/sitemaps/articles.xml`` (articles 1, 2, 3, 5, 6, 8 and
                          ``/private/leaked-in-sitemap/``) and ``/sitemaps/news.xml`` (Google News
                          sitemap: articles 1, 3, 8).
``/feed.xml``             RSS 2.0: articles 1, 2, 7 (7 is linked from nowhere else).
``/atom.xml``             Atom: articles 1, 3.
``/calendar?date=D``      calendar trap: links to the previous and next day, forever (any valid
                          date answers 200). Bad or missing date: 404.
``/archive?page=N``       pagination trap: links to page N+1 (and N-1), forever. Bad N: 404.
``/search?color=&size=&sort=``  faceted trap: 5 colours, 4 sizes, 3 sorts, each page links to
                          every one-facet change, with the parameters in varying order; any
                          value answers 200 and links article 1.
Requisites (on every HTML page of the ordinary site): ``/static/style.css`` (``@import`` of
``/static/print.css``, ``url()`` of ``/static/fonts/fixture-serif.woff2`` and
``../static/img/texture.png``), ``/static/app.js``, ``<img src="/static/img/logo.png">``.

Articles (ARTICLES holds the expected path, title, authors, published date; N = ARTICLES[N-1])
-----------------------------------------------------------------------------------------------
1 ``/2024/03/01/harbour-reopens-after-storms/``  always ``Content-Encoding: gzip`` (whatever the
  request's Accept-Encoding says), with Content-Length. JSON-LD + OpenGraph. = GZIP_ARTICLE
2 ``/2024/03/02/council-approves-library-budget/``  ``Transfer-Encoding: chunked``, identity,
  no Content-Length. OpenGraph, no JSON-LD. = CHUNKED_ARTICLE
3 ``/2024/03/03/rail-strike-ends/``  gzip and chunked. JSON-LD. = GZIP_CHUNKED_ARTICLE
4 ``/2024/03/04/museum-returns-artefacts/``  target of the redirect chain. JSON-LD, two authors.
5 ``/2024/03/05/novyi-most-otkryt/``  windows-1251 Cyrillic, charset only in the Content-Type
  header. JSON-LD.
6 ``/2024/03/06/biblioteka-rukopisi/``  windows-1251 Cyrillic, ``Content-Type: text/html``
  without charset; ``<meta charset="windows-1251">`` only. OpenGraph, two authors.
7 ``/2024/03/07/river-dolphins-spotted/``  feed-only (``/feed.xml``). JSON-LD.
8 ``/2024/03/08/museum-visitor-record/``  sitemap-only. No JSON-LD and no OpenGraph: only
  ``<title>``, ``<h1>``, ``<meta name="author">``, the byline and ``<time datetime>``.
Every article has ``<link rel="canonical">`` (its own absolute URL), ``<meta name="author">``,
a byline ("By A and B"; Russian "Автор:"/"Авторы: А и Б") and ``<time datetime>``.

Hostile routes (start URL ``/hostile/``, which links every one of them; nothing else does)
-----------------------------------------------------------------------------------------------
``/hostile/huge``                  20 MiB of HTML, streamed, with Content-Length.
``/hostile/huge-chunked``          the same, chunked, no Content-Length.
``/hostile/gzip-bomb``             ``Content-Encoding: gzip``: ~1 MiB → 1 GiB of spaces.
``/hostile/gzip-bomb-layered``     ``Content-Encoding: gzip, gzip``: ~2 KiB → 1 MiB → 1 GiB.
``/loop/a``                        302 → ``/loop/b`` → 302 → ``/loop/a`` … forever.
``/hostile/hang``                  reads the request and never answers (until the site stops).
``/hostile/drip``                  200, Content-Length 65536, then 16 bytes every 0.2 s.
``/hostile/malformed.html``        broken tag soup (unclosed tags, stray ``</div>``, a NUL byte,
                                   unterminated comment); still links article 1.
``/hostile/malformed-feed.xml``    RSS with an undefined entity, truncated mid-item.
``/hostile/malformed-sitemap.xml`` sitemap truncated mid-``<url>``; its first ``<loc>`` is
                                   article 1.
``/hostile/billion-laughs-sitemap.xml``, ``/hostile/billion-laughs-feed.xml``
                                   XML entity expansion (10^9 "lol"s) in a sitemap / an RSS feed.
``/hostile/xxe-sitemap.xml``       external entities: ``file:///etc/passwd`` and
                                   ``http://169.254.169.254/latest/meta-data/``.
``/hostile/broken-charset``        declared UTF-8 (header and meta), contains invalid bytes.
``/hostile/redirect-private``      302 → ``http://10.0.0.1/``
``/hostile/redirect-metadata``     302 → ``http://169.254.169.254/latest/meta-data/``
``/hostile/redirect-decimal-ip``   302 → ``http://167772161/`` (10.0.0.1 written as one number)
The ``/hostile/`` page also links those three private targets directly. Nothing listens there;
a crawler must refuse them before connecting.

What tests can read back: ``requests()`` (every request received, in order: method, target
as sent, headers), ``was_requested(prefix)``, ``sent(target)`` (status line, headers and
the exact body bytes of the last answer to that target: still content-encoded, chunk framing
removed; ``None`` body for the streamed hostile routes).
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import formatdate
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from demosite.server import RunningServer, start_http_server

SITE_NAME = "Fixture Times"

HOME = "/"
ROBOTS = "/robots.txt"
FEED = "/feed.xml"
ATOM_FEED = "/atom.xml"
SITEMAP_INDEX = "/sitemap_index.xml.gz"
SITEMAP_ARTICLES = "/sitemaps/articles.xml"
SITEMAP_NEWS = "/sitemaps/news.xml"
SECTION_PAGES = ("/section/world/", "/section/local/")
ABOUT = "/about/"
REDIRECT_START = "/old/story"
REDIRECT_HOP = "/r/2"
NOT_FOUND = "/missing-page"
SERVER_ERROR = "/server-error"
BUSY = "/busy"
PRIVATE_PREFIX = "/private/"
PRIVATE_LINKED = ("/private/secret-draft/", "/private/admin")
PRIVATE_IN_SITEMAP = "/private/leaked-in-sitemap/"
CALENDAR_START = "/calendar?date=2024-03-08"
ARCHIVE_START = "/archive?page=1"
SEARCH_START = "/search?color=red"
REQUISITES = (
    "/static/style.css",
    "/static/print.css",
    "/static/app.js",
    "/static/img/logo.png",
    "/static/img/texture.png",
    "/static/fonts/fixture-serif.woff2",
)

HOSTILE = "/hostile/"
HUGE = "/hostile/huge"
HUGE_CHUNKED = "/hostile/huge-chunked"
HUGE_BYTES = 20 * 1024 * 1024
GZIP_BOMB = "/hostile/gzip-bomb"
GZIP_BOMB_LAYERED = "/hostile/gzip-bomb-layered"
GZIP_BOMB_BYTES = 1 << 30
REDIRECT_LOOP = ("/loop/a", "/loop/b")
HANG = "/hostile/hang"
DRIP = "/hostile/drip"
DRIP_BYTES = 65536
DRIP_INTERVAL = 0.2  # seconds between pieces of 16 bytes
MALFORMED_HTML = "/hostile/malformed.html"
MALFORMED_FEED = "/hostile/malformed-feed.xml"
MALFORMED_SITEMAP = "/hostile/malformed-sitemap.xml"
BILLION_LAUGHS_SITEMAP = "/hostile/billion-laughs-sitemap.xml"
BILLION_LAUGHS_FEED = "/hostile/billion-laughs-feed.xml"
XXE_SITEMAP = "/hostile/xxe-sitemap.xml"
BROKEN_CHARSET = "/hostile/broken-charset"
PRIVATE_REDIRECTS = {
    "/hostile/redirect-private": "http://10.0.0.1/",
    "/hostile/redirect-metadata": "http://169.254.169.254/latest/meta-data/",
    "/hostile/redirect-decimal-ip": "http://167772161/",
}
PRIVATE_TARGETS = tuple(PRIVATE_REDIRECTS.values())


@dataclass(frozen=True)
class FixtureArticle:
    """One article the crawler should find, with the values extraction should produce."""

    path: str
    title: str
    authors: tuple[str, ...]
    published: str  # ISO 8601 with offset, as in the page
    section: str
    transfer: str  # "gzip", "chunked", "gzip+chunked" or "identity"
    charset: str  # how the body is encoded
    metadata: str  # "json-ld" (plus OpenGraph), "opengraph" or "none"
    found_via: tuple[str, ...]  # home, section, feed, atom, sitemap, news-sitemap, redirect
    lang: str = "en"


ARTICLES: tuple[FixtureArticle, ...] = (
    FixtureArticle(
        path="/2024/03/01/harbour-reopens-after-storms/",
        title="Harbour reopens after winter storms",
        authors=("Maria Lopez",),
        published="2024-03-01T08:30:00+01:00",
        section="world",
        transfer="gzip",
        charset="utf-8",
        metadata="json-ld",
        found_via=("home", "section", "feed", "atom", "sitemap", "news-sitemap"),
    ),
    FixtureArticle(
        path="/2024/03/02/council-approves-library-budget/",
        title="Council approves library budget after late-night session",
        authors=("Jonas Weber",),
        published="2024-03-02T21:15:00+01:00",
        section="local",
        transfer="chunked",
        charset="utf-8",
        metadata="opengraph",
        found_via=("home", "section", "feed", "sitemap"),
    ),
    FixtureArticle(
        path="/2024/03/03/rail-strike-ends/",
        title="Rail strike ends as unions accept pay offer",
        authors=("Leila Haddad", "Pieter de Vries"),
        published="2024-03-03T14:00:00+01:00",
        section="world",
        transfer="gzip+chunked",
        charset="utf-8",
        metadata="json-ld",
        found_via=("home", "section", "atom", "sitemap", "news-sitemap"),
    ),
    FixtureArticle(
        path="/2024/03/04/museum-returns-artefacts/",
        title="Museum returns looted artefacts to their owners",
        authors=("Ana Silva", "Tom Becker"),
        published="2024-03-04T09:45:00+01:00",
        section="culture",
        transfer="identity",
        charset="utf-8",
        metadata="json-ld",
        found_via=("redirect",),
    ),
    FixtureArticle(
        path="/2024/03/05/novyi-most-otkryt/",
        title="Новый мост через реку открыт для пешеходов",
        authors=("Иван Петров",),
        published="2024-03-05T10:00:00+03:00",
        section="world",
        transfer="identity",
        charset="windows-1251",
        metadata="json-ld",
        found_via=("home", "section", "sitemap"),
        lang="ru",
    ),
    FixtureArticle(
        path="/2024/03/06/biblioteka-rukopisi/",
        title="Городская библиотека получила редкие рукописи",
        authors=("Ольга Смирнова", "Андрей Козлов"),
        published="2024-03-06T12:30:00+03:00",
        section="local",
        transfer="identity",
        charset="windows-1251",
        metadata="opengraph",
        found_via=("home", "section", "sitemap"),
        lang="ru",
    ),
    FixtureArticle(
        path="/2024/03/07/river-dolphins-spotted/",
        title="River dolphins spotted upstream for the first time in decades",
        authors=("Sofia Rossi",),
        published="2024-03-07T07:05:00+01:00",
        section="world",
        transfer="identity",
        charset="utf-8",
        metadata="json-ld",
        found_via=("feed",),
    ),
    FixtureArticle(
        path="/2024/03/08/museum-visitor-record/",
        title="Annual report shows record number of museum visitors",
        authors=("Kwame Mensah",),
        published="2024-03-08T16:20:00+01:00",
        section="local",
        transfer="identity",
        charset="utf-8",
        metadata="none",
        found_via=("sitemap", "news-sitemap"),
    ),
)
ARTICLES_BY_PATH = {article.path: article for article in ARTICLES}
GZIP_ARTICLE = ARTICLES[0].path
CHUNKED_ARTICLE = ARTICLES[1].path
GZIP_CHUNKED_ARTICLE = ARTICLES[2].path
REDIRECT_TARGET = ARTICLES[3].path
CP1251_HEADER_ARTICLE = ARTICLES[4].path
CP1251_META_ARTICLE = ARTICLES[5].path
FEED_ONLY_ARTICLE = ARTICLES[6].path
SITEMAP_ONLY_ARTICLE = ARTICLES[7].path

_SECTION_LISTINGS = {
    "world": ((ARTICLES[0], ARTICLES[2]), (ARTICLES[4],)),
    "local": ((ARTICLES[1],), (ARTICLES[5],)),
}
_FACETS = {
    "color": ("red", "green", "blue", "black", "white"),
    "size": ("s", "m", "l", "xl"),
    "sort": ("newest", "oldest", "relevance"),
}
_DRIP_PIECE = b"<!--  drip  -->\n"
_CHUNK_SIZE = 700  # small enough that every chunked article goes out in several chunks
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)
_WOFF2 = b"wOF2" + bytes(60)  # the signature is enough for a requisite; no browser renders it

_EN_PARAGRAPHS = (
    "Officials said the work had taken longer than planned, but that the result would last "
    "for a generation. Residents who gathered on the quay applauded as the first vessels "
    "moved through the channel.",
    "The project was paid for by a mix of regional funds and a special levy approved two "
    "years ago. Critics had argued the money should have gone to schools, a debate the "
    "council says it will revisit in the autumn.",
    "Local businesses expect the change to bring back visitors who stayed away during the "
    "long months of disruption. Several shop owners said bookings were already up on last "
    "year, although they remained cautious.",
    "A spokesperson promised regular updates and an open day in the spring, when the public "
    "will be able to see the new facilities for themselves and ask questions of the "
    "engineers who built them.",
)
_RU_PARAGRAPHS = (
    "Городские власти сообщили, что работы заняли больше времени, чем планировалось, но "
    "результат прослужит не одному поколению. Жители, собравшиеся на набережной, встретили "
    "открытие аплодисментами.",
    "Проект финансировался из регионального бюджета и специального сбора, утверждённого два "
    "года назад. Критики считали, что эти деньги следовало направить на школы.",
    "Местные предприниматели ожидают, что перемены вернут посетителей, которые избегали "
    "района во время долгого ремонта. Некоторые владельцы магазинов уже отмечают рост спроса.",
)


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server received it."""

    method: str
    target: str  # path and query exactly as sent, e.g. "/section/world/;jsessionid=1A?x=1"
    headers: tuple[tuple[str, str], ...]

    @property
    def path(self) -> str:
        """The target without its query string."""
        return self.target.split("?", 1)[0]

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or None."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


@dataclass(frozen=True)
class SentResponse:
    """One answer as the server sent it."""

    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    head: bytes  # status line and header block, exactly as written, ending in CRLF CRLF
    body: bytes | None  # as sent (still content-encoded), without chunk framing; None: streamed
    chunked: bool
    chunk_sizes: tuple[int, ...] = ()

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or None."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def wire(self) -> bytes:
        """Every byte written to the socket for this answer, chunk framing included."""
        if self.body is None:
            raise ValueError("streamed answers are not kept")
        if not self.chunked:
            return self.head + self.body
        framed = b""
        offset = 0
        for size in self.chunk_sizes:
            framed += b"%x\r\n%s\r\n" % (size, self.body[offset : offset + size])
            offset += size
        return self.head + framed + b"0\r\n\r\n"


@dataclass(frozen=True)
class _Page:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    chunked: bool = False


@functools.cache
def gzip_bomb(decompressed_size: int = GZIP_BOMB_BYTES) -> bytes:
    """A gzip member that inflates to ``decompressed_size`` spaces (a multiple of 1 MiB).

    Deflate cannot beat about 1000:1, so 1 GiB needs about 1 MiB. Compressing 1 GiB takes
    seconds; instead one MiB is compressed once and its bytes repeated: after a full flush the
    compressor keeps no history, so every identical MiB compresses to identical bytes.
    """
    block = 1 << 20
    if decompressed_size <= 0 or decompressed_size % block:
        raise ValueError(
            f"gzip bomb size must be a positive multiple of 1 MiB: {decompressed_size}"
        )
    spaces = b" " * block
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    unit = compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # empty last block
    crc = 0
    for _ in range(decompressed_size // block):
        crc = zlib.crc32(spaces, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, mtime 0, best, unknown OS
    trailer = crc.to_bytes(4, "little") + (decompressed_size % (1 << 32)).to_bytes(4, "little")
    return header + unit * (decompressed_size // block) + final + trailer


@functools.cache
def layered_gzip_bomb() -> bytes:
    """The bomb gzipped again (sent as ``Content-Encoding: gzip, gzip``): a few KiB on the wire."""
    return gzip.compress(gzip_bomb(), compresslevel=9, mtime=0)


class FixtureSite:
    """The running fixture site: its URL, its request log and what it sent."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._lock = threading.Lock()
        self._requests: list[RequestRecord] = []
        self._sent: dict[str, SentResponse] = {}
        self._busy_hits = 0
        self._session_counter = 0
        handler = type("FixtureHandler", (_FixtureHandler,), {"site": self})
        self._server: RunningServer = start_http_server(handler, host)
        self.url = self._server.url
        self._pages = _build_pages(self.url)

    # -- for tests -------------------------------------------------------------------------

    def url_for(self, target: str) -> str:
        """Absolute URL of a path (with query) on this site."""
        return f"{self.url}{target}"

    @property
    def host(self) -> str:
        return self._server.host

    @property
    def port(self) -> int:
        return self._server.port

    def requests(self) -> list[RequestRecord]:
        """Every request received so far, in arrival order (a copy)."""
        with self._lock:
            return list(self._requests)

    def requested_targets(self) -> list[str]:
        return [record.target for record in self.requests()]

    def was_requested(self, prefix: str) -> bool:
        """Did any request target start with ``prefix`` (e.g. "/private/")?"""
        return any(target.startswith(prefix) for target in self.requested_targets())

    def sent(self, target: str) -> SentResponse:
        """The last answer sent to ``target`` (path and query exactly as requested)."""
        with self._lock:
            try:
                return self._sent[target]
            except KeyError:
                raise KeyError(f"the fixture site never answered {target!r}") from None

    def stop(self) -> None:
        """Stop the server; handlers blocked on purpose (hang, drip) return at once."""
        self._server.stop()

    @property
    def stopping(self) -> threading.Event:
        return self._server.stopping

    def __enter__(self) -> FixtureSite:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- for the handler -------------------------------------------------------------------

    def _log_request(self, record: RequestRecord) -> None:
        with self._lock:
            self._requests.append(record)

    def _record_sent(self, target: str, sent: SentResponse) -> None:
        with self._lock:
            self._sent[target] = sent

    def _next_session_id(self) -> str:
        with self._lock:
            self._session_counter += 1
            return f"{0x5EED0000 + self._session_counter:X}"

    def _busy_first_hit(self) -> bool:
        with self._lock:
            self._busy_hits += 1
            return self._busy_hits == 1


@pytest.fixture
def fixture_site() -> Iterator[FixtureSite]:
    """A fresh fixture site on 127.0.0.1 for one test, stopped afterwards."""
    with FixtureSite() as site:
        yield site


class _FixtureHandler(BaseHTTPRequestHandler):
    """Routes requests to the site's pages; writes every answer itself to record its bytes."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # every chunk leaves at once, no delayed-ACK stalls
    site: ClassVar[FixtureSite]
    _DYNAMIC: ClassVar[dict[str, Callable[[_FixtureHandler, dict[str, list[str]]], None]]]

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request log is the record tests read."""

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if ok:
            self.site._log_request(
                RequestRecord(self.command, self.path, tuple(self.headers.items()))
            )
        return ok

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = re.sub(r";jsessionid=[^/?]*", "", parts.path, flags=re.IGNORECASE)
        query = parse_qs(parts.query)
        query.pop("sid", None)
        if (route := self._DYNAMIC.get(path)) is not None:
            route(self, query)
        elif (page := self.site._pages.get(path)) is not None:
            self._send(page.status, page.headers, page.body, chunked=page.chunked)
        elif path.startswith(PRIVATE_PREFIX):
            self._send_html(200, "Private", "<p>Secret: a robots-disallowed page.</p>")
        else:
            self._send_html(404, "Not found", "<p>No such page.</p>")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._send_html(405, "Method not allowed", "<p>Read-only site.</p>", [("Allow", "GET")])

    # -- writing ---------------------------------------------------------------------------

    def _head(
        self, status: int, headers: list[tuple[str, str]] | tuple[tuple[str, str], ...]
    ) -> tuple[str, tuple[tuple[str, str], ...], bytes]:
        reason = HTTPStatus(status).phrase
        all_headers = (
            ("Date", formatdate(usegmt=True)),
            ("Server", "FixtureNews/1.0"),
            *headers,
        )
        lines = [f"HTTP/1.1 {status} {reason}\r\n"]
        lines += [f"{name}: {value}\r\n" for name, value in all_headers]
        lines.append("\r\n")
        return reason, all_headers, "".join(lines).encode("latin-1")

    def _send(
        self,
        status: int,
        headers: tuple[tuple[str, str], ...] | list[tuple[str, str]],
        body: bytes,
        *,
        chunked: bool = False,
    ) -> None:
        framing = (
            ("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(len(body)))
        )
        reason, all_headers, head = self._head(status, [*headers, framing])
        pieces = [body[i : i + _CHUNK_SIZE] for i in range(0, len(body), _CHUNK_SIZE)]
        self.site._record_sent(
            self.path,
            SentResponse(
                status=status,
                reason=reason,
                headers=all_headers,
                head=head,
                body=body,
                chunked=chunked,
                chunk_sizes=tuple(len(piece) for piece in pieces) if chunked else (),
            ),
        )
        self.wfile.write(head)
        if self.command == "HEAD":
            return
        if not chunked:
            self.wfile.write(body)
            return
        for piece in pieces:  # separate writes: the client really sees separate chunks
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def _send_html(
        self,
        status: int,
        title: str,
        body: str,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        page = _html_page(self.site.url, title, body, canonical=None).encode()
        self._send(status, [("Content-Type", "text/html; charset=utf-8"), *(headers or [])], page)

    def _stream(
        self,
        headers: list[tuple[str, str]],
        blocks: Iterator[bytes],
        *,
        chunked: bool,
    ) -> None:
        """Send a body too large (or too slow) to keep; the log records its head only."""
        reason, all_headers, head = self._head(200, headers)
        self.site._record_sent(
            self.path,
            SentResponse(200, reason, all_headers, head, body=None, chunked=chunked),
        )
        self.close_connection = True
        self.wfile.write(head)
        if self.command == "HEAD":
            return
        for block in blocks:
            if self.site.stopping.is_set():
                return
            self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    # -- dynamic routes --------------------------------------------------------------------

    def _home(self, query: dict[str, list[str]]) -> None:
        self._send(200, _HTML, _home_page(self.site))

    def _section(self, query: dict[str, list[str]]) -> None:
        name = urlsplit(self.path).path.split("/")[2].split(";")[0]
        page = _positive_int(query.get("page", ["1"])[0])
        listings = _SECTION_LISTINGS[name]
        if page is None or page > len(listings):
            self._send_html(404, "Not found", "<p>No such page.</p>")
            return
        items = "".join(_teaser(article) for article in listings[page - 1])
        nav = ""
        if page < len(listings):
            sid = self.site._next_session_id()
            older = f"/section/{name}/?page={page + 1}&amp;sid={sid}"
            nav = f'<a rel="next" href="{older}">Older posts</a>'
        body = (
            f"<h1>{name.capitalize()}</h1>\n{items}"
            f'<nav class="pagination">{nav}</nav>\n{_section_nav(self.site)}'
        )
        self._send(
            200,
            _HTML,
            _html_page(
                self.site.url,
                f"{name.capitalize()} | {SITE_NAME}",
                body,
                canonical=f"/section/{name}/",
            ).encode(),
        )

    def _busy(self, query: dict[str, list[str]]) -> None:
        if self.site._busy_first_hit():
            self._send_html(
                503, "Busy", "<p>Too busy, come back in a second.</p>", [("Retry-After", "1")]
            )
        else:
            self._send_html(200, "Back in service", "<p>Thanks for waiting.</p>")

    def _calendar(self, query: dict[str, list[str]]) -> None:
        try:
            day = date.fromisoformat(query["date"][0])
        except (KeyError, ValueError):
            self._send_html(404, "Not found", "<p>No such day.</p>")
            return
        previous, following = day - timedelta(days=1), day + timedelta(days=1)
        body = (
            f"<h1>Calendar: {day.isoformat()}</h1>\n"
            f'<table class="calendar"><tr><td><a href="/calendar?date={previous.isoformat()}">'
            f'&laquo; {previous.isoformat()}</a></td><td><a href="/calendar?date='
            f'{following.isoformat()}">{following.isoformat()} &raquo;</a></td></tr></table>\n'
            "<p>No articles on this day.</p>\n"
        )
        self._send_html(200, f"Calendar {day.isoformat()}", body)

    def _archive(self, query: dict[str, list[str]]) -> None:
        page = _positive_int(query.get("page", ["1"])[0])
        if page is None:
            self._send_html(404, "Not found", "<p>No such page.</p>")
            return
        links = f'<a rel="next" href="/archive?page={page + 1}">Older</a>'
        if page > 1:
            links = f'<a rel="prev" href="/archive?page={page - 1}">Newer</a> ' + links
        self._send_html(
            200, f"Archive, page {page}", f"<h1>Archive, page {page}</h1>\n<p>{links}</p>\n"
        )

    def _search(self, query: dict[str, list[str]]) -> None:
        current = {facet: query[facet][0] for facet in _FACETS if facet in query}
        links = []
        for facet, values in _FACETS.items():
            for value in values:
                if current.get(facet) == value:
                    continue
                changed = {facet: value, **{k: v for k, v in current.items() if k != facet}}
                links.append(
                    f'<li><a href="/search?{escape(urlencode(changed))}">{facet}: {value}</a></li>'
                )
        body = (
            f"<h1>Search: {escape(urlencode(current))}</h1>\n"
            f'<ul class="facets">{"".join(links)}</ul>\n'
            f"{_teaser(ARTICLES[0])}"
        )
        self._send_html(200, "Search", body)

    def _huge(self, query: dict[str, list[str]]) -> None:
        self._stream(
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(HUGE_BYTES))],
            _huge_blocks(),
            chunked=False,
        )

    def _huge_chunked(self, query: dict[str, list[str]]) -> None:
        self._stream(
            [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")],
            _huge_blocks(),
            chunked=True,
        )

    def _gzip_bomb(self, query: dict[str, list[str]]) -> None:
        headers = (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"))
        self._send(200, headers, gzip_bomb())

    def _gzip_bomb_layered(self, query: dict[str, list[str]]) -> None:
        headers = (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip, gzip"))
        self._send(200, headers, layered_gzip_bomb())

    def _hang(self, query: dict[str, list[str]]) -> None:
        self.close_connection = True
        self.site.stopping.wait()

    def _drip(self, query: dict[str, list[str]]) -> None:
        def blocks() -> Iterator[bytes]:
            for _ in range(DRIP_BYTES // len(_DRIP_PIECE)):
                if self.site.stopping.wait(DRIP_INTERVAL):
                    return
                yield _DRIP_PIECE

        self._stream(
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(DRIP_BYTES))],
            blocks(),
            chunked=False,
        )


_HTML = (("Content-Type", "text/html; charset=utf-8"),)

_FixtureHandler._DYNAMIC = {
    HOME: _FixtureHandler._home,
    **{path: _FixtureHandler._section for path in SECTION_PAGES},
    BUSY: _FixtureHandler._busy,
    "/calendar": _FixtureHandler._calendar,
    "/archive": _FixtureHandler._archive,
    "/search": _FixtureHandler._search,
    HUGE: _FixtureHandler._huge,
    HUGE_CHUNKED: _FixtureHandler._huge_chunked,
    GZIP_BOMB: _FixtureHandler._gzip_bomb,
    GZIP_BOMB_LAYERED: _FixtureHandler._gzip_bomb_layered,
    HANG: _FixtureHandler._hang,
    DRIP: _FixtureHandler._drip,
}


def _positive_int(text: str) -> int | None:
    return int(text) if text.isdigit() and int(text) > 0 else None


def _huge_blocks() -> Iterator[bytes]:
    """HUGE_BYTES of HTML in 64 KiB blocks, made once per request rather than held."""
    prefix = b"<!DOCTYPE html>\n<html><head><title>Huge</title></head><body>\n"
    line = b"<p>" + b"All work and no play makes a very large page. " * 20 + b"</p>\n"
    block = (line * (65536 // len(line) + 1))[:65536]
    yield prefix
    remaining = HUGE_BYTES - len(prefix)
    while remaining > 0:
        piece = block[:remaining]
        remaining -= len(piece)
        yield piece


# -- pages ---------------------------------------------------------------------------------


def _html_page(
    base: str,
    title: str,
    body: str,
    *,
    canonical: str | None,
    head: str = "",
    lang: str = "en",
    charset_meta: str | None = "utf-8",
) -> str:
    """A page of the site, with its requisites and (when given) its canonical URL."""
    meta = f'<meta charset="{charset_meta}">\n' if charset_meta else ""
    link = f'<link rel="canonical" href="{base}{canonical}">\n' if canonical else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n{meta}<title>{escape(title)}</title>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="/static/style.css">\n'
        '<script src="/static/app.js" defer></script>\n'
        f"{link}{head}</head>\n<body>\n"
        '<header class="masthead"><a href="/"><img src="/static/img/logo.png" alt="" '
        f'width="1" height="1"></a> <a class="brand" href="/">{SITE_NAME}</a></header>\n'
        f'<main>\n{body}</main>\n<footer><a href="/about/">About {SITE_NAME}</a></footer>\n'
        "</body>\n</html>\n"
    )


def _byline(article: FixtureArticle) -> str:
    names = article.authors
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    if article.lang == "ru":
        joined = joined.replace(" and ", " и ")
        return f"{'Автор' if len(names) == 1 else 'Авторы'}: {joined}"
    return f"By {joined}"


def _teaser(article: FixtureArticle, href: str | None = None) -> str:
    return (
        f'<div class="teaser"><h2><a href="{href or article.path}">{escape(article.title)}</a>'
        f'</h2><p class="meta">{escape(_byline(article))} · <time datetime="{article.published}">'
        f"{article.published[:10]}</time></p></div>\n"
    )


def _section_nav(site: FixtureSite) -> str:
    links = "".join(
        f' <a href="/section/{name}/;jsessionid={site._next_session_id()}">{name.capitalize()}</a>'
        for name in _SECTION_LISTINGS
    )
    return f'<nav class="sections"><a href="/">Home</a>{links}</nav>\n'


def _home_page(site: FixtureSite) -> bytes:
    head = (
        f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" '
        f'href="{site.url}{FEED}">\n'
        f'<link rel="alternate" type="application/atom+xml" title="{SITE_NAME} (Atom)" '
        f'href="{ATOM_FEED}">\n'
    )
    private = " ".join(f'<a href="{path}">Staff: {path}</a>' for path in PRIVATE_LINKED)
    body = (
        f"{_section_nav(site)}<h1>Latest news</h1>\n"
        + "".join(_teaser(article) for article in ARTICLES[:3])
        + _teaser(ARTICLES[3], href=REDIRECT_START)
        + '<section lang="ru"><h2>На русском</h2>\n'
        + "".join(_teaser(article) for article in ARTICLES[4:6])
        + "</section>\n"
        f'<aside class="calendar-widget"><a href="{CALENDAR_START}">March 2024</a></aside>\n'
        f'<p><a href="{ARCHIVE_START}">Archive</a> <a href="{SEARCH_START}">Shop: red</a> '
        f'<a href="{BUSY}">Live blog</a> <a href="{ABOUT}">About us</a></p>\n'
        f'<p><a href="{NOT_FOUND}">A story that moved</a> '
        f'<a href="{SERVER_ERROR}">Weather widget</a></p>\n'
        f'<p class="staff">{private}</p>\n'
    )
    return _html_page(site.url, SITE_NAME, body, canonical=HOME, head=head).encode("utf-8")


def _article_page(base: str, article: FixtureArticle) -> bytes:
    url = f"{base}{article.path}"
    head = f'<meta name="author" content="{escape(", ".join(article.authors))}">\n'
    if article.metadata in ("json-ld", "opengraph"):
        head += (
            '<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{escape(article.title)}">\n'
            f'<meta property="og:url" content="{url}">\n'
            f'<meta property="og:site_name" content="{SITE_NAME}">\n'
            f'<meta property="article:published_time" content="{article.published}">\n'
            f'<meta property="article:section" content="{article.section}">\n'
        ) + "".join(
            f'<meta property="article:author" content="{escape(name)}">\n'
            for name in article.authors
        )
    if article.metadata == "json-ld":
        json_ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.published,
            "author": [{"@type": "Person", "name": name} for name in article.authors],
            "publisher": {
                "@type": "Organization",
                "name": SITE_NAME,
                "logo": {"@type": "ImageObject", "url": f"{base}/static/img/logo.png"},
            },
            "mainEntityOfPage": url,
            "articleSection": article.section,
            "inLanguage": article.lang,
        }
        head += (
            '<script type="application/ld+json">\n'
            f"{json.dumps(json_ld, ensure_ascii=False, indent=2)}\n</script>\n"
        )
    paragraphs = _RU_PARAGRAPHS if article.lang == "ru" else _EN_PARAGRAPHS
    body = (
        f"<article>\n<h1>{escape(article.title)}</h1>\n"
        f'<p class="byline">{escape(_byline(article))}</p>\n'
        f'<p class="dateline"><time datetime="{article.published}">{article.published[:10]}'
        "</time></p>\n" + "".join(f"<p>{text}</p>\n" for text in paragraphs) + "</article>\n"
    )
    meta_charset = {
        CP1251_HEADER_ARTICLE: None,
        CP1251_META_ARTICLE: "windows-1251",
    }.get(article.path, "utf-8")
    page = _html_page(
        base,
        article.title,
        body,
        canonical=article.path,
        head=head,
        lang=article.lang,
        charset_meta=meta_charset,
    )
    return page.encode(article.charset)


def _article_response(base: str, article: FixtureArticle) -> _Page:
    body = _article_page(base, article)
    content_type = "text/html; charset=windows-1251" if article.charset != "utf-8" else ""
    if article.path == CP1251_META_ARTICLE:
        content_type = "text/html"
    headers = [("Content-Type", content_type or "text/html; charset=utf-8")]
    if "gzip" in article.transfer:
        body = gzip.compress(body, compresslevel=6, mtime=0)
        headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
    return _Page(200, tuple(headers), body, chunked="chunked" in article.transfer)


def _rfc822(iso: str) -> str:
    return formatdate(datetime.fromisoformat(iso).timestamp(), usegmt=True)


def _rss_feed(base: str) -> bytes:
    items = "".join(
        "<item>\n"
        f"<title>{escape(article.title)}</title>\n<link>{base}{article.path}</link>\n"
        f'<guid isPermaLink="true">{base}{article.path}</guid>\n'
        f"<pubDate>{_rfc822(article.published)}</pubDate>\n"
        + "".join(f"<dc:creator>{escape(name)}</dc:creator>\n" for name in article.authors)
        + f"<description>{escape(_EN_PARAGRAPHS[0])}</description>\n</item>\n"
        for article in (ARTICLES[0], ARTICLES[1], ARTICLES[6])
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>{SITE_NAME}</title>\n<link>{base}/</link>\n"
        f"<description>Latest from {SITE_NAME}</description>\n{items}</channel>\n</rss>\n"
    ).encode()


def _atom_feed(base: str) -> bytes:
    entries = "".join(
        "<entry>\n"
        f"<title>{escape(article.title)}</title>\n"
        f'<link rel="alternate" href="{base}{article.path}"/>\n<id>{base}{article.path}</id>\n'
        f"<published>{article.published}</published>\n<updated>{article.published}</updated>\n"
        + "".join(f"<author><name>{escape(name)}</name></author>\n" for name in article.authors)
        + "</entry>\n"
        for article in (ARTICLES[0], ARTICLES[2])
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>{SITE_NAME}</title>\n<id>{base}/</id>\n<updated>{ARTICLES[2].published}"
        f'</updated>\n<link rel="self" href="{base}{ATOM_FEED}"/>\n{entries}</feed>\n'
    ).encode()


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _sitemaps(base: str) -> dict[str, _Page]:
    in_sitemap = [a for a in ARTICLES if "sitemap" in a.found_via]
    urls = "".join(
        f"<url><loc>{base}{a.path}</loc><lastmod>{a.published}</lastmod></url>\n"
        for a in in_sitemap
    )
    urls += f"<url><loc>{base}{PRIVATE_IN_SITEMAP}</loc></url>\n"
    articles = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}">\n{urls}</urlset>\n'
    )
    news_urls = "".join(
        f"<url><loc>{base}{a.path}</loc><news:news><news:publication><news:name>{SITE_NAME}"
        f"</news:name><news:language>{a.lang}</news:language></news:publication>"
        f"<news:publication_date>{a.published}</news:publication_date>"
        f"<news:title>{escape(a.title)}</news:title></news:news></url>\n"
        for a in ARTICLES
        if "news-sitemap" in a.found_via
    )
    news = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n{news_urls}</urlset>\n'
    )
    index = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_SITEMAP_NS}">\n'
        f"<sitemap><loc>{base}{SITEMAP_ARTICLES}</loc></sitemap>\n"
        f"<sitemap><loc>{base}{SITEMAP_NEWS}</loc></sitemap>\n</sitemapindex>\n"
    )
    xml = (("Content-Type", "application/xml; charset=utf-8"),)
    return {
        SITEMAP_INDEX: _Page(
            200,
            (("Content-Type", "application/gzip"),),
            gzip.compress(index.encode("utf-8"), mtime=0),
        ),
        SITEMAP_ARTICLES: _Page(200, xml, articles.encode("utf-8")),
        SITEMAP_NEWS: _Page(200, xml, news.encode("utf-8")),
    }


_LAUGHS = '<!ENTITY lol "lol">\n' + "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10)
)


def _hostile_pages(base: str) -> dict[str, _Page]:
    xml = (("Content-Type", "application/xml; charset=utf-8"),)
    rss = (("Content-Type", "application/rss+xml; charset=utf-8"),)
    html = (("Content-Type", "text/html; charset=utf-8"),)
    first = f"{base}{ARTICLES[0].path}"
    routes = [
        HUGE, HUGE_CHUNKED, GZIP_BOMB, GZIP_BOMB_LAYERED, REDIRECT_LOOP[0], HANG, DRIP,
        MALFORMED_HTML, MALFORMED_FEED, MALFORMED_SITEMAP, BILLION_LAUGHS_SITEMAP,
        BILLION_LAUGHS_FEED, XXE_SITEMAP, BROKEN_CHARSET, *PRIVATE_REDIRECTS, *PRIVATE_TARGETS,
    ]  # fmt: skip
    index = "<h1>Hostile routes</h1>\n<ul>\n" + "".join(
        f'<li><a href="{route}">{escape(route)}</a></li>\n' for route in routes
    )
    pages = {
        HOSTILE: _Page(
            200, html, _html_page(base, "Hostile", index + "</ul>\n", canonical=None).encode()
        ),
        MALFORMED_HTML: _Page(
            200,
            html,
            b'<html><head><title>Malformed <b>page</title>\n<meta charset="utf-8"\n'
            b'<body><div><p>Unclosed paragraph <a href="'
            + ARTICLES[0].path.encode()
            + b'">harbour story\n<table><tr><td>cell<td><div></span></p></div></div></div>\n'
            b"<p>A NUL byte: \x00 and a stray </body> before more text\n"
            b"<a href='/about/'>about<a href=/hostile/>hostile index\n"
            b"<script>document.write(\"<a href='/never-a-link'>\")</script>\n"
            b"<!-- an unterminated comment <p>hidden\n",
        ),
        MALFORMED_FEED: _Page(
            200,
            rss,
            (
                '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
                f"<title>Broken&nbsp;feed</title>\n<item><title>First</title><link>{first}"
                "</link></item>\n<item><title>Unclosed <b>item</title><link>"
            ).encode(),
        ),
        MALFORMED_SITEMAP: _Page(
            200,
            xml,
            (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}">\n'
                f"<url><loc>{first}</loc></url>\n"
                f"<url><loc>{base}{ARTICLES[1].path}</loc><lastmod>not a date</lastmod>\n"
                f"<url><loc>{base}/hostile/after-a-broken-tag</loc></url>\n<url><loc>"
            ).encode(),
        ),
        BILLION_LAUGHS_SITEMAP: _Page(
            200,
            xml,
            (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE urlset [\n{_LAUGHS}]>\n'
                f'<urlset xmlns="{_SITEMAP_NS}">\n<url><loc>{first}?laugh=&lol9;</loc></url>\n'
                "</urlset>\n"
            ).encode(),
        ),
        BILLION_LAUGHS_FEED: _Page(
            200,
            rss,
            (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE rss [\n{_LAUGHS}]>\n'
                '<rss version="2.0"><channel><title>&lol9;</title>\n'
                f"<item><title>&lol9;</title><link>{first}</link></item>\n</channel></rss>\n"
            ).encode(),
        ),
        XXE_SITEMAP: _Page(
            200,
            xml,
            (
                '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE urlset [\n'
                '<!ENTITY file SYSTEM "file:///etc/passwd">\n'
                '<!ENTITY meta SYSTEM "http://169.254.169.254/latest/meta-data/">\n]>\n'
                f'<urlset xmlns="{_SITEMAP_NS}">\n<url><loc>{first}?f=&file;</loc></url>\n'
                f"<url><loc>{first}?m=&meta;</loc></url>\n</urlset>\n"
            ).encode(),
        ),
        BROKEN_CHARSET: _Page(
            200,
            html,
            b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Broken charset</title>'
            b"</head><body>\n<p>Valid: caf\xc3\xa9. Invalid: \xff\xfe, a lone continuation "
            b"\x80, truncated \xe2\x82, overlong \xc0\xaf, a surrogate \xed\xa0\x80.</p>\n"
            b'<p><a href="' + ARTICLES[0].path.encode() + b'">A link after the bad bytes</a>'
            b"</p>\n</body></html>\n",
        ),
        REDIRECT_LOOP[0]: _redirect(302, REDIRECT_LOOP[1]),
        REDIRECT_LOOP[1]: _redirect(302, REDIRECT_LOOP[0]),
    }
    pages.update({path: _redirect(302, target) for path, target in PRIVATE_REDIRECTS.items()})
    return pages


def _redirect(status: int, location: str) -> _Page:
    return _Page(
        status,
        (("Location", location), ("Content-Type", "text/html; charset=utf-8")),
        f'<html><body><a href="{escape(location)}">Moved</a></body></html>\n'.encode(),
    )


_STYLE_CSS = b"""@import url("/static/print.css") print;
@font-face {
  font-family: "Fixture Serif";
  src: url("/static/fonts/fixture-serif.woff2") format("woff2");
}
body { font-family: "Fixture Serif", Georgia, serif; background: url(../static/img/texture.png); }
.masthead .brand { font-size: 2rem; }
"""


def _build_pages(base: str) -> dict[str, _Page]:
    """Every answer that does not change between requests, built once per site."""
    html = (("Content-Type", "text/html; charset=utf-8"),)
    pages = {
        ROBOTS: _Page(
            200,
            (("Content-Type", "text/plain; charset=utf-8"),),
            f"User-agent: *\nDisallow: /private/\n\nSitemap: {base}{SITEMAP_INDEX}\n".encode(),
        ),
        FEED: _Page(
            200, (("Content-Type", "application/rss+xml; charset=utf-8"),), _rss_feed(base)
        ),
        ATOM_FEED: _Page(
            200, (("Content-Type", "application/atom+xml; charset=utf-8"),), _atom_feed(base)
        ),
        ABOUT: _Page(
            200,
            html,
            _html_page(
                base,
                f"About {SITE_NAME}",
                "<h1>About us</h1>\n<p>A fixture newspaper.</p>\n",
                canonical=ABOUT,
            ).encode(),
        ),
        REDIRECT_START: _redirect(301, REDIRECT_HOP),
        REDIRECT_HOP: _redirect(302, f"{base}{REDIRECT_TARGET}"),
        NOT_FOUND: _Page(
            404,
            html,
            _html_page(base, "Not found", "<h1>Not found</h1>\n", canonical=None).encode(),
        ),
        SERVER_ERROR: _Page(
            500,
            html,
            _html_page(base, "Server error", "<h1>Internal error</h1>\n", canonical=None).encode(),
        ),
        "/static/style.css": _Page(200, (("Content-Type", "text/css; charset=utf-8"),), _STYLE_CSS),
        "/static/print.css": _Page(
            200, (("Content-Type", "text/css; charset=utf-8"),), b"nav, footer { display: none; }\n"
        ),
        "/static/app.js": _Page(
            200,
            (("Content-Type", "text/javascript; charset=utf-8"),),
            b'document.documentElement.classList.add("js");\n',
        ),
        "/static/img/logo.png": _Page(200, (("Content-Type", "image/png"),), _PNG),
        "/static/img/texture.png": _Page(200, (("Content-Type", "image/png"),), _PNG),
        "/static/fonts/fixture-serif.woff2": _Page(200, (("Content-Type", "font/woff2"),), _WOFF2),
    }
    pages.update({a.path: _article_response(base, a) for a in ARTICLES})
    pages.update(_sitemaps(base))
    pages.update(_hostile_pages(base))
    return pages
