"""Serve a generated demo site over HTTP/1.1 on loopback, in a background thread.

``newsarchiver demo`` and the benchmark crawl a site made by :mod:`demosite.generator` through
:func:`serve_directory`. It answers like a modest production web server, so the crawler meets
what it meets on the web: keep-alive connections, ``Content-Type`` with a charset,
``Last-Modified`` and ``ETag`` (and 304 answers to conditional requests), gzip
``Content-Encoding`` for text when the client sends ``Accept-Encoding: gzip``, a 301 to add
the slash to a directory URL, and 404 for anything missing (never a directory listing).

Generated pages carry :data:`demosite.generator.ORIGIN_PLACEHOLDER` in their absolute URLs;
the server replaces it with its own ``http://host:port`` because the port is only chosen when
it starts listening.

:func:`start_http_server` and :class:`RunningServer` are the reusable part: any
``BaseHTTPRequestHandler`` served on a free port, stopped cleanly even while handlers are
blocked on a connection (the test fixture site has routes that never answer).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import logging
import mimetypes
import socket
import sys
import threading
from collections.abc import Callable
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, cast
from urllib.parse import urlsplit

from demosite.generator import ORIGIN_PLACEHOLDER

__all__ = ["RunningServer", "serve_directory", "start_http_server"]

logger = logging.getLogger(__name__)

_CONTENT_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}
_CONTENT_TYPES_BY_NAME = {"feed.xml": "application/rss+xml"}
_TEXT_TYPES = frozenset(
    {"application/json", "application/xml", "application/rss+xml", "image/svg+xml"}
)


class _TrackingHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that remembers open connections so stop() can cut them."""

    daemon_threads = True
    request_queue_size = 128  # the benchmark opens many connections at once

    def __init__(
        self, address: tuple[str, int], handler: Callable[..., BaseHTTPRequestHandler]
    ) -> None:
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)
        host, port = cast("tuple[str, int]", self.server_address[:2])
        self.origin = f"http://{host}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake every handler blocked on its socket; closing is left to its own thread."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by its handler
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-answer are routine for a crawl target: not worth a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError) or self.stopping.is_set():
            logger.debug("connection from %s ended: %r", client_address, error)
        else:
            logger.exception("error while answering %s", client_address)


class RunningServer:
    """An HTTP server listening in a background thread; a context manager that stops it."""

    def __init__(self, httpd: _TrackingHTTPServer) -> None:
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"http-server-{httpd.origin}",
            daemon=True,
        )
        self._thread.start()

    @property
    def url(self) -> str:
        """``http://host:port``, without a trailing slash."""
        return self._httpd.origin

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def stopping(self) -> threading.Event:
        """Set when stop() begins; handlers that stall on purpose wait on it."""
        return self._httpd.stopping

    def stop(self) -> None:
        """Stop accepting, cut open connections and release the port; safe to call twice."""
        if self._httpd.stopping.is_set():
            return
        self._httpd.stopping.set()
        self._httpd.shutdown()
        self._httpd.close_connections()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_http_server(
    handler: Callable[..., BaseHTTPRequestHandler],
    host: str = "127.0.0.1",
    port: int = 0,
) -> RunningServer:
    """Listen on ``host:port`` (0: a free port) and serve ``handler`` in a background thread."""
    return RunningServer(_TrackingHTTPServer((host, port), handler))


def serve_directory(root: Path, host: str = "127.0.0.1", port: int = 0) -> RunningServer:
    """Serve the static site in ``root`` (a directory URL serves its ``index.html``)."""
    root = Path(root)
    if not root.is_dir():
        raise NotADirectoryError(f"demo site root {root} is not a directory")
    handler = functools.partial(_StaticSiteHandler, directory=str(root.resolve()))
    return start_http_server(handler, host, port)


class _StaticSiteHandler(SimpleHTTPRequestHandler):
    """GET/HEAD for files under the root, with the headers a real news site sends."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # head and body are separate writes: no 40 ms ACK stalls
    server: _TrackingHTTPServer

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def _respond(self, *, send_body: bool) -> None:
        path = Path(self.translate_path(self.path))
        url_path = urlsplit(self.path).path
        if path.is_dir():
            if not url_path.endswith("/"):
                self._redirect_to_directory()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        content_type = _CONTENT_TYPES_BY_NAME.get(path.name) or _CONTENT_TYPES.get(
            path.suffix, mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        is_text = content_type.startswith("text/") or content_type in _TEXT_TYPES
        mtime = path.stat().st_mtime
        body = path.read_bytes()
        if is_text:
            body = body.replace(ORIGIN_PLACEHOLDER.encode(), self.server.origin.encode())
            content_type += "; charset=utf-8"
        identity_tag = f'"{hashlib.blake2b(body, digest_size=8).hexdigest()}"'
        use_gzip = is_text and _accepts_gzip(self.headers.get("Accept-Encoding"))
        etag = f'{identity_tag[:-1]}-gzip"' if use_gzip else identity_tag
        headers = [
            ("Content-Type", content_type),
            ("Last-Modified", formatdate(mtime, usegmt=True)),
            ("ETag", etag),
        ]
        if is_text:
            headers.append(("Vary", "Accept-Encoding"))
        if self._not_modified(mtime, {identity_tag, f'{identity_tag[:-1]}-gzip"'}):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            for name, value in headers[1:]:
                self.send_header(name, value)
            self.end_headers()
            return
        if use_gzip:
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        self.send_response(HTTPStatus.OK)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _redirect_to_directory(self) -> None:
        parts = urlsplit(self.path)
        location = parts.path + "/" + (f"?{parts.query}" if parts.query else "")
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_modified(self, mtime: float, tags: set[str]) -> bool:
        """RFC 9110 conditional GET: If-None-Match wins over If-Modified-Since."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            listed = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in listed or bool(listed & tags)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
        return int(mtime) <= since


def _accepts_gzip(accept_encoding: str | None) -> bool:
    """Does an Accept-Encoding header allow gzip (q > 0, directly or through ``*``)?"""
    if not accept_encoding:
        return False
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.lower()] = weight
    for coding in ("gzip", "x-gzip", "*"):
        if coding in weights:
            return weights[coding] > 0
    return False
