"""A body-size limit counts one download at a time: a redirect or a retry starts from zero.

``request.meta`` is copied into the request a redirect or a retry makes, so a counter kept there
carried the bytes of the 302 or the 503 into the next download and cut a page that was within
the limit. Each body here is 60 % of the limit; only the one over it may be cut.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.crawlhelpers import make_archive, run_cli
from tests.wireserver import WireServer, http_response

LIMIT = 100_000
PART = b"x" * (LIMIT * 6 // 10)


def page(name: bytes) -> bytes:
    return b"<html><title>" + name + b"</title><!--" + PART + b"--></html>"


def answer(status: bytes, *headers: bytes, body: bytes) -> bytes:
    return http_response(
        status, [b"Content-Type: text/html", b"Content-Length: %d" % len(body), *headers], body
    )


def test_redirects_and_retries_start_counting_from_zero(tmp_path: Path) -> None:
    links = b"".join(b'<a href="%s">x</a>' % t for t in (b"/hop", b"/flaky", b"/huge"))
    server = WireServer(
        {
            "/": answer(b"HTTP/1.1 200 OK", body=links),
            "/hop": answer(b"HTTP/1.1 302 Found", b"Location: /landing", body=page(b"hop")),
            "/landing": answer(b"HTTP/1.1 200 OK", body=page(b"landing")),
            "/flaky": [
                answer(b"HTTP/1.1 503 Service Unavailable", body=page(b"busy")),
                answer(b"HTTP/1.1 200 OK", body=page(b"flaky")),
            ],
            "/huge": answer(b"HTTP/1.1 200 OK", body=page(b"huge") * 20),
        }
    )
    try:
        archive = make_archive(
            tmp_path,
            {
                "limited": {
                    "start_urls": [server.url("/")],
                    "download_delay": 0,
                    "max_depth": 1,
                    "obey_robots": False,
                    "allow_private_networks": ["127.0.0.1/32"],
                }
            },
        )
        result = run_cli(
            ["crawl", "limited", "--json"], archive.env(NEWSARCHIVER_MAX_BODY_SIZE=str(LIMIT))
        )
    finally:
        server.close()
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout)["truncated"] == 1
    responses = {(r.target, r.http_status): r for r in archive.records() if r.type == "response"}
    for target in ("/landing", "/flaky"):
        record = responses[(server.url(target), 200)]
        assert "WARC-Truncated" not in record.headers, target
        assert record.payload == page(target[1:].encode()), target
    assert responses[(server.url("/hop"), 302)].payload == page(b"hop")
    assert responses[(server.url("/flaky"), 503)].payload == page(b"busy")
    huge = responses[(server.url("/huge"), 200)]
    assert huge.headers["WARC-Truncated"] == "length"
    assert LIMIT < len(huge.payload) < 10 * len(page(b"huge"))  # cut soon after the limit
