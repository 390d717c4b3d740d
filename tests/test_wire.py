"""WARC records are the bytes on the wire, judged against a server that logs what it sent.

One crawl (module scope) of :class:`tests.wireserver.WireServer`, over HTTP and over HTTPS with
a self-signed certificate, fetches pages the way the web's odd servers send them. Each response
record's HTTP block must equal the bytes the server wrote, and each request record the bytes it
received; ``warcio check`` must pass, and pywb must replay each page with its original body.
HEAD and POST answers and proxies are fetched by the download handler alone
(``tests.wireharness``), since the crawler itself only sends GET.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest

from storage.warcreader import iter_records
from tests.crawlhelpers import (
    REPO,
    Archive,
    http_blocks,
    make_archive,
    run_cli,
    warcio_check,
)
from tests.wireserver import ForwardProxy, WireServer, http_response, self_signed_tls

PAGE = b"<html><head><title>%s</title></head><body><p>%s</p></body></html>"
ARTICLE = b"The council met on Tuesday and approved the library budget. " * 30
CHUNKED_BODY = PAGE % (b"Chunked", ARTICLE)
TRAILERS_BODY = PAGE % (b"Trailers", ARTICLE)
GZIPPED_BODY = gzip.compress(PAGE % (b"Gzip in chunks", ARTICLE), mtime=0)


def page(title: bytes) -> bytes:
    return PAGE % (title, ARTICLE)


def chunked(body: bytes, sizes: list[int], trailers: bytes = b"") -> bytes:
    """``body`` in chunks of ``sizes``, with a chunk extension on every other size line."""
    framed, offset = b"", 0
    for n, size in enumerate(sizes):
        extension = b";name=value" if n % 2 == 0 else b""
        framed += b"%x%s\r\n%s\r\n" % (size, extension, body[offset : offset + size])
        offset += size
    assert offset == len(body)
    return framed + b"0\r\n" + trailers + b"\r\n"


def sized(body: bytes) -> bytes:
    return b"Content-Length: %d" % len(body)


# The pages, each an answer as odd servers send them: (target, answer, entity body for replay).
CASED = page(b"Cased")
COOKIES = page(b"Cookies")
FINE = page(b"Fine")
ORIGIN = page(b"Origin error")
CLOSE = page(b"Closed")
HINTED = page(b"Early hints")
BARE = page(b"Bare LF")
PARAMS = page(b"Params")
EARLY_HINTS = b"HTTP/1.1 103 Early Hints\r\nLink: </site.css>; rel=preload; as=style\r\n\r\n"
PAGES: dict[str, tuple[bytes, bytes]] = {
    "/cased": (
        http_response(
            b"HTTP/1.1 200 OK",
            [b"content-type: text/html; charset=utf-8", b"X-MiXeD-CaSe: Yes", b'ETag: "v1"',
             b"server: wire/1.0", b"content-length: %d" % len(CASED)],
            CASED,
        ),
        CASED,
    ),
    "/cookies": (
        http_response(
            b"HTTP/1.1 200 OK",
            [b"Set-Cookie: a=1; Path=/", b"Content-Type: text/html", b"Set-Cookie: b=2; Path=/",
             b"X-Folded: first part,", b"  second part", b"\tthird part",
             b"X-Latin-1: caf\xe9", sized(COOKIES)],
            COOKIES,
        ),
        COOKIES,
    ),
    "/fine": (
        http_response(b"HTTP/1.1 299 Fine By Us", [b"Content-Type: text/html", sized(FINE)], FINE),
        FINE,
    ),
    "/origin-error": (
        http_response(
            b"HTTP/1.1 520 Origin Error", [b"Content-Type: text/html", sized(ORIGIN)], ORIGIN
        ),
        ORIGIN,
    ),
    "/chunked": (
        http_response(
            b"HTTP/1.1 200 OK",
            [b"Content-Type: text/html", b"Transfer-Encoding: chunked"],
            chunked(CHUNKED_BODY, [26, 700, 1, len(CHUNKED_BODY) - 727]),
        ),
        CHUNKED_BODY,
    ),
    "/trailers": (
        http_response(
            b"HTTP/1.1 200 OK",
            [b"Content-Type: text/html", b"Transfer-Encoding: chunked", b"Trailer: X-Checksum"],
            chunked(TRAILERS_BODY, [500, len(TRAILERS_BODY) - 500], b"X-Checksum: abc\r\n"),
        ),
        TRAILERS_BODY,
    ),
    "/gzip-chunked": (
        http_response(
            b"HTTP/1.1 200 OK",
            [b"Content-Type: text/html", b"Content-Encoding: gzip",
             b"Transfer-Encoding: chunked", b"Vary: Accept-Encoding"],
            chunked(GZIPPED_BODY, [100, len(GZIPPED_BODY) - 100]),
        ),
        gzip.decompress(GZIPPED_BODY),
    ),
    "/close": (
        http_response(
            b"HTTP/1.1 200 OK",
            [b"Content-Type: text/html", sized(CLOSE), b"Connection: close"],
            CLOSE,
        ),
        CLOSE,
    ),
    "/early-hints": (
        EARLY_HINTS + http_response(
            b"HTTP/1.1 200 OK", [b"Content-Type: text/html", sized(HINTED)], HINTED
        ),
        HINTED,
    ),
    "/bare-lf": (
        b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: %d\n\n%s" % (len(BARE), BARE),
        BARE,
    ),
    "/params;v=1?q=2": (
        http_response(b"HTTP/1.1 200 OK", [b"Content-Type: text/html", sized(PARAMS)], PARAMS),
        PARAMS,
    ),
}  # fmt: skip
NOT_MODIFIED = b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nCache-Control: max-age=60\r\n\r\n'
# A NUL and other control bytes in a header must not keep the exchange out of the archive.
NUL_REDIRECT = b"HTTP/1.1 302 Found\r\nLocation: /after?\x00x\x01\r\nContent-Length: 0\r\n\r\n"


def start_page() -> bytes:
    links = b"".join(
        b'<a href="%s">%s</a>' % (target.encode(), target.encode())
        for target in [*PAGES, "/not-modified", "/nul"]
    )
    body = PAGE % (b"Front", links)
    return http_response(
        b"HTTP/1.1 200 OK",
        [b"Content-Type: text/html", sized(body), b"Connection: keep-alive",
         b"Keep-Alive: timeout=5, max=100"],
        body,
    )  # fmt: skip


def routes() -> dict[str, bytes | Sequence[bytes]]:
    return {
        "/": start_page(),
        "/robots.txt": b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
        "/not-modified": NOT_MODIFIED,
        "/nul": NUL_REDIRECT,
        **{target: answer for target, (answer, _) in PAGES.items()},
    }


@dataclass
class Crawled:
    servers: list[WireServer]
    archive: Archive
    summary: dict[str, Any]
    blocks: list[tuple[str, str, bytes]]  # (WARC-Type, WARC-Target-URI, HTTP block)

    def block(self, kind: str, url: str) -> bytes:
        found = [block for type_, target, block in self.blocks if (type_, target) == (kind, url)]
        assert len(found) == 1, f"{len(found)} {kind} records of {url}"
        return found[0]

    def response_block(self, url: str) -> bytes:
        """The response record's block; a revisit's, which holds the head only, is completed
        with the body of the record it refers to, here the same page over the other scheme."""
        found = [
            (type_, block)
            for type_, target, block in self.blocks
            if target == url and type_ in ("response", "revisit")
        ]
        assert len(found) == 1, f"{len(found)} response records of {url}"
        type_, block = found[0]
        if type_ == "response":
            return block
        [original] = [
            b for t, u, b in self.blocks if t == "response" and u.split("//")[1].split("/", 1)[1]
            == url.split("//")[1].split("/", 1)[1] and b.startswith(block)
        ]  # fmt: skip
        return block + original[len(block) :]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    root = tmp_path_factory.mktemp("wire")
    plain = WireServer(routes())
    secure = WireServer(routes(), tls=self_signed_tls(root))
    try:
        archive = make_archive(
            root / "archive",
            {
                "wire": {
                    "start_urls": [plain.url("/"), secure.url("/")],
                    "download_delay": 0,
                    "max_depth": 1,
                    "capture_requisites": False,
                    "allow_private_networks": ["127.0.0.1/32"],
                }
            },
        )
        result = run_cli(["crawl", "wire", "--json"], archive.env())
        assert result.returncode == 0, result.stderr[-3000:]
        blocks = [block for path in archive.warcs() for block in http_blocks(path)]
        yield Crawled([plain, secure], archive, json.loads(result.stdout), blocks)
    finally:
        plain.close()
        secure.close()


def test_response_blocks_are_the_bytes_the_server_sent(crawled: Crawled) -> None:
    for server in crawled.servers:
        for target, (answer, _) in PAGES.items():
            [sent] = server.sent(target)
            assert sent.response == answer
            expected = answer.removeprefix(EARLY_HINTS)  # an interim answer is not the response
            assert crawled.response_block(server.url(target)) == expected, target
        for target in ("/", "/robots.txt", "/not-modified", "/nul"):
            [sent] = server.sent(target)
            assert crawled.response_block(server.url(target)) == sent.response, target


def test_request_blocks_are_the_bytes_the_server_received(crawled: Crawled) -> None:
    for server in crawled.servers:
        assert len(server.exchanges) > len(PAGES)
        for sent in server.exchanges:
            assert crawled.block("request", server.url(sent.target)) == sent.request, sent.target
        [params] = server.sent("/params;v=1?q=2")
        assert params.request.startswith(b"GET /params;v=1?q=2 HTTP/1.1\r\n")


def test_a_nul_byte_in_a_header_is_archived_as_sent(crawled: Crawled) -> None:
    for server in crawled.servers:
        block = crawled.response_block(server.url("/nul"))
        assert b"\r\nLocation: /after?\x00x\x01\r\n" in block
        # The redirect was followed (a URL drops the C0 controls at its end, as browsers do).
        assert server.sent("/after?%00x")
    assert not crawled.summary["errors"]


def test_warcio_check_passes(crawled: Crawled) -> None:
    assert crawled.archive.warcs()
    for path in crawled.archive.warcs():
        result = warcio_check(path)
        assert result.returncode == 0, result.stdout[-3000:]
        assert "digest pass" in result.stdout


def test_https_pages_were_fetched_over_tls(crawled: Crawled) -> None:
    secure = crawled.servers[1]
    assert secure.scheme == "https"
    assert {sent.target for sent in secure.exchanges} >= set(PAGES)


def test_the_archive_reads_every_body_back_as_sent(crawled: Crawled) -> None:
    bodies = {
        record.target_uri: record.decoded_body()
        for path in crawled.archive.warcs()
        for _, _, record in iter_records(path)
        if record.record_type == "response"
    }
    for target, (_, body) in PAGES.items():
        assert any(bodies.get(server.url(target)) == body for server in crawled.servers), target


@pytest.mark.pywb
def test_pywb_replays_every_page_with_its_original_body(crawled: Crawled, pywb: Any) -> None:
    with pywb(crawled.archive.warcs()) as replay:
        for server in crawled.servers:
            for target, (_, body) in PAGES.items():
                replayed = replay.get(server.url(target))
                if target == "/trailers":
                    # warcio 1.8.1, which pywb reads records with, takes the trailer section
                    # after the last chunk for body bytes: the page, then the trailer lines.
                    assert replayed.decoded().startswith(body), server.scheme
                    continue
                assert replayed.decoded() == body, (server.scheme, target)
            assert replay.get(server.url("/fine")).status == 299
            assert replay.get(server.url("/origin-error")).status == 520


# Beyond GET, and through proxies: the download handler alone ---------------------------------


def fetch(requests: list[dict[str, Any]], warc_dir: Path, **env: str) -> list[Path]:
    """Run ``tests.wireharness`` over ``requests``; return the WARC files it wrote."""
    spec = json.dumps({"requests": requests, "warc_dir": str(warc_dir)})
    result = subprocess.run(
        [sys.executable, "-m", "tests.wireharness", spec],
        cwd=REPO,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return sorted(warc_dir.glob("*.warc.gz"))


HEAD_ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5120\r\n\r\n"
FORM_ANSWER = http_response(
    b"HTTP/1.1 201 Created", [b"Location: /form/7", b"Content-Length: 2"], b"ok"
)


def test_head_and_post_are_recorded_as_sent(tmp_path: Path) -> None:
    server = WireServer({"/page": HEAD_ANSWER, "/form": FORM_ANSWER})
    try:
        warcs = fetch(
            [
                {"url": server.url("/page"), "method": "HEAD"},
                {"url": server.url("/form"), "method": "POST", "body": "q=1&x=%C3%A9"},
            ],
            tmp_path,
        )
    finally:
        server.close()
    blocks = [block for path in warcs for block in http_blocks(path)]
    [head], [post] = server.sent("/page", "HEAD"), server.sent("/form", "POST")
    assert ("response", server.url("/page"), HEAD_ANSWER) in blocks
    assert ("request", server.url("/page"), head.request) in blocks
    assert ("response", server.url("/form"), FORM_ANSWER) in blocks
    assert ("request", server.url("/form"), post.request) in blocks
    assert post.request.endswith(b"\r\n\r\nq=1&x=%C3%A9")
    for path in warcs:
        assert warcio_check(path).returncode == 0


def test_proxied_exchanges_are_recorded_without_the_proxy_credentials(tmp_path: Path) -> None:
    answer = PAGES["/cased"][0]
    plain = WireServer({"/cased": answer})
    secure = WireServer({"/cased": answer}, tls=self_signed_tls(tmp_path))
    proxy = ForwardProxy()
    proxy_url = f"http://archivist:s3cret-proxy-pass@127.0.0.1:{proxy.port}"
    try:
        warcs = fetch(
            [{"url": plain.url("/cased")}, {"url": secure.url("/cased")}],
            tmp_path / "warcs",
            http_proxy=proxy_url,
            https_proxy=proxy_url,
            no_proxy="",
        )
    finally:
        plain.close()
        secure.close()
        proxy.close()
    blocks = [block for path in warcs for block in http_blocks(path)]
    assert ("response", plain.url("/cased"), answer) in blocks
    assert ("response", secure.url("/cased"), answer) in blocks
    # Through the tunnel, the request is what the site received.
    [tunneled] = secure.sent("/cased")
    assert ("request", secure.url("/cased"), tunneled.request) in blocks
    # To the proxy, it is what the proxy received, less its credentials.
    [forwarded] = [r for r in proxy.requests if r.startswith(b"GET http://")]
    assert b"Proxy-Authorization: Basic " in forwarded
    [request] = [b for t, u, b in blocks if (t, u) == ("request", plain.url("/cased"))]
    assert request.startswith(b"GET " + plain.url("/cased").encode() + b" HTTP/1.1\r\n")
    assert request == b"".join(
        line for line in forwarded.splitlines(keepends=True)
        if not line.lower().startswith(b"proxy-authorization:")
    )  # fmt: skip
    for path in warcs:
        stored = gzip.decompress(path.read_bytes())
        assert b"s3cret" not in stored and b"YXJjaGl2aXN0OnMzY3JldC1wcm94eS1wYXNz" not in stored
        assert warcio_check(path).returncode == 0


class _HangingConnection:
    """A pooled connection whose loss is never reported (a busy or stuck reactor)."""

    def abort(self) -> Any:
        from twisted.internet.defer import Deferred

        return Deferred()


def test_closing_connections_that_hang_is_given_up_without_an_error() -> None:
    """A crawl host's busy reactor made Scrapy's close log an unhandled CancelledError per
    connection still open when the wait timed out."""
    import gc

    from twisted.internet.interfaces import IReactorTime
    from twisted.internet.task import Clock
    from twisted.logger import ILogObserver, globalLogPublisher
    from twisted.web.client import HTTPConnectionPool

    from spiders.wirehandler import close_connections

    failures: list[Any] = []

    def record(event: dict[str, Any]) -> None:
        if "log_failure" in event:
            failures.append(event["log_failure"])

    observe = cast(ILogObserver, record)

    clock = Clock()
    pool = HTTPConnectionPool(clock)
    pool._connections[("http", b"127.0.0.1", 80)] = [_HangingConnection(), _HangingConnection()]
    globalLogPublisher.addObserver(observe)
    try:
        closed = close_connections(pool, 1.0, cast(IReactorTime, clock))
        assert not closed.called
        clock.advance(1.0)
        results: list[Any] = []
        closed.addBoth(results.append)
        assert results == [None]
        del closed
        gc.collect()
    finally:
        globalLogPublisher.removeObserver(observe)
    assert failures == []
