"""A hostile web server for tests: it answers with exactly the bytes a route gives it.

``tests.fixturesite`` is a well-formed news site built on ``http.server``, which will not send
a NUL byte in a header or a malformed status line. This server reads the request itself and
writes whatever the route returns, byte for byte, so a test can play any attack a site could:
forged headers, bodies that lie about their encoding, control characters in titles, links to
``file://`` or to another site. It listens on 127.0.0.1 only.

A :class:`Canary` listens on 127.0.0.2 and logs every connection it gets. Point URLs that must
never be reached at it (an ``ftp://`` link, a forged host); a test then asserts that
``canary.connections`` is empty.

Adding an attack is adding a route: a path and an async function that writes the answer::

    with HostileServer() as server:
        server.route("/nul-header", answer(200, [(b"Location", b"/x?\\x00y")], b"body"))
        server.route("/page", html_page("<a href='file:///etc/passwd'>x</a>"))
        server.route("/2024/05/01/story/", article_page("Headline", canonical="http://x/"))
        url = server.url_for("/page")
        ...
        assert server.was_requested("/page")

A route receives the parsed :class:`ReceivedRequest` and the connection's ``StreamWriter``;
:func:`answer` builds the common case (status, header pairs as bytes, body; ``Content-Length``
and ``Connection: close`` are added unless the headers name them), :func:`html_page` and
:func:`article_page` the pages a crawler parses. The server closes every connection after one
answer, so a route that writes a body without a length ends it by returning. Routes may be
added while the server runs. An unknown path gets a 404. Every request is logged in
``requests`` (method, target, headers, in arrival order). ``link_farm`` serves a page of links
to many copies of one route, and ``site(path)`` is the sites-file entry of a crawl from there.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass
from html import escape
from types import TracebackType
from typing import Any, Self, TypeVar

LOOPBACK = "127.0.0.1"
#: Another loopback address: nothing legitimate in a test connects there.
CANARY_HOST = "127.0.0.2"
_MAX_HEAD = 64 * 1024
_T = TypeVar("_T")


@dataclass(frozen=True)
class ReceivedRequest:
    """A request as the server read it: request line parts and raw header pairs."""

    method: str
    target: str
    headers: tuple[tuple[bytes, bytes], ...]

    def header(self, name: str) -> bytes | None:
        wanted = name.lower().encode("latin-1")
        return next((value for key, value in self.headers if key.lower() == wanted), None)


Route = Callable[[ReceivedRequest, asyncio.StreamWriter], Awaitable[None]]
Headers = Iterable[tuple[bytes, bytes]]


def answer(status: int, headers: Headers, body: bytes, reason: bytes = b"") -> Route:
    """A route that writes this answer exactly, adding Content-Length and Connection: close
    when ``headers`` lacks them (any bytes are allowed in names and values)."""
    pairs = list(headers)
    names = {name.lower() for name, _ in pairs}
    if b"content-length" not in names and b"transfer-encoding" not in names:
        pairs.append((b"Content-Length", str(len(body)).encode()))
    if b"connection" not in names:
        pairs.append((b"Connection", b"close"))
    head = b"HTTP/1.1 %d %s\r\n" % (status, reason or _REASONS.get(status, b"Whatever"))
    head += b"".join(name + b": " + value + b"\r\n" for name, value in pairs)
    raw = head + b"\r\n" + body

    async def route(request: ReceivedRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(raw)

    return route


def html_document(body_html: str, head_html: str = "") -> str:
    """A UTF-8 HTML page: ``head_html`` goes in ``<head>``, ``body_html`` in ``<body>``."""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{head_html}</head>"
        f"<body>{body_html}</body></html>"
    )


def html_page(body_html: str, head_html: str = "", status: int = 200) -> Route:
    """A route answering :func:`html_document` as ``text/html; charset=utf-8``."""
    page = html_document(body_html, head_html).encode()
    return answer(status, [(b"Content-Type", b"text/html; charset=utf-8")], page)


def article_document(
    headline: str,
    *,
    authors: Iterable[str] = ("A. Reporter",),
    published: str = "2024-05-01T08:00:00+00:00",
    canonical: str | None = None,
    paragraphs: int = 6,
) -> str:
    """A news article the indexer recognises: JSON-LD ``NewsArticle``, ``<h1>``, a body.

    ``headline`` and ``authors`` go into the JSON-LD exactly as given (JSON escapes them, so
    any character survives into the page); ``canonical`` adds ``<link rel="canonical">``.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": published,
        "author": [{"@type": "Person", "name": name} for name in authors],
    }
    head = f"<script type='application/ld+json'>{json.dumps(data)}</script>"
    if canonical is not None:
        head += f"<link rel='canonical' href='{escape(canonical, quote=True)}'>"
    text = "".join(
        f"<p>Paragraph {n} of the story, with enough words in it to read as a body of text "
        "that a reader came for, about the harbour, the council and the weather.</p>"
        for n in range(paragraphs)
    )
    return html_document(f"<article><h1>{escape(headline)}</h1>{text}</article>", head)


def article_page(headline: str, **fields: Any) -> Route:
    """A route answering :func:`article_document` (same arguments) as UTF-8 HTML."""
    page = article_document(headline, **fields).encode()
    return answer(200, [(b"Content-Type", b"text/html; charset=utf-8")], page)


def links(urls: Iterable[str]) -> str:
    """HTML anchors to each URL, for a page of ``html_page``."""
    return "".join(f"<p><a href='{escape(url, quote=True)}'>link</a></p>" for url in urls)


_REASONS = {200: b"OK", 301: b"Moved Permanently", 302: b"Found", 404: b"Not Found"}
_NOT_FOUND = answer(404, [(b"Content-Type", b"text/plain")], b"not found")


class _Listener:
    """A TCP listener on ``host`` (a free port), served by an asyncio loop in a daemon thread."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    def _run(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)

    def __enter__(self) -> Self:
        self._thread.start()

        async def listen() -> asyncio.Server:
            return await asyncio.start_server(self._handle, self.host, 0)

        self._server = self._run(listen())
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        server = self._server

        async def close() -> None:
            if server is not None:
                server.close()

        self._run(close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


class HostileServer(_Listener):
    """The server: ``with HostileServer() as server:``, then ``server.route(path, route)``."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        super().__init__(LOOPBACK)
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[ReceivedRequest] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def url_for(self, path: str) -> str:
        return self.url + path

    def route(self, path: str, route: Route) -> None:
        """Answer requests for ``path`` (the request target, query included) with ``route``."""
        with self._lock:
            self.routes[path] = route

    def link_farm(self, path: str, route: Route, count: int) -> str:
        """A page at ``path`` linking ``count`` URLs (``path/0`` …) that ``route`` answers;
        returns the page's URL."""
        for n in range(count):
            self.route(f"{path}/{n}", route)
        self.route(path, html_page(links(f"{path}/{n}" for n in range(count))))
        return self.url_for(path)

    def site(self, *paths: str, **values: Any) -> dict[str, Any]:
        """A sites-file entry crawling this server from ``paths``: one hop deep, no delay,
        8 requests at once, 127.0.0.1 allowed; ``values`` add to it or replace."""
        return {
            "start_urls": [self.url_for(path) for path in paths],
            "max_depth": 1,
            "download_delay": 0,
            "concurrent_requests": 8,
            "allow_private_networks": [f"{LOOPBACK}/32"],
            **values,
        }

    def was_requested(self, path: str) -> bool:
        with self._lock:
            return any(request.target == path for request in self.requests)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await _read_request(reader)
            if request is None:
                return
            with self._lock:
                self.requests.append(request)
                route = self.routes.get(request.target, _NOT_FOUND)
            await route(request, writer)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the crawler gave up on this answer: that is its right
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()


async def _read_request(reader: asyncio.StreamReader) -> ReceivedRequest | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    if len(head) > _MAX_HEAD:
        return None
    line, *lines = head[:-4].split(b"\r\n")
    method, target, _ = [*line.decode("latin-1").split(" ", 2), "", ""][:3]
    headers = tuple(
        (name.strip(), value.strip())
        for name, _, value in (header.partition(b":") for header in lines)
    )
    length = next((value for name, value in headers if name.lower() == b"content-length"), b"0")
    if length.isdigit() and int(length):
        await reader.readexactly(int(length))
    return ReceivedRequest(method, target, headers)


class Canary(_Listener):
    """A listener on 127.0.0.2 that records every connection made to it, and answers nothing.

    ``url(scheme)`` gives an address on it for any scheme (``ftp://127.0.0.2:PORT/``);
    ``connections`` lists the first bytes each connection sent (empty bytes when none).
    """

    def __init__(self, host: str = CANARY_HOST) -> None:
        super().__init__(host)
        self.connections: list[bytes] = []

    def url(self, scheme: str, path: str = "/") -> str:
        return f"{scheme}://{self.host}:{self.port}{path}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        index = len(self.connections)
        self.connections.append(b"")  # at once: the connection itself is what must not happen
        with contextlib.suppress(TimeoutError, ConnectionError):
            self.connections[index] = await asyncio.wait_for(reader.read(1024), timeout=1.0)
        writer.close()
