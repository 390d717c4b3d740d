"""The demo site generator and server, and the hostile fixture site the spider tests rely on.

Everything is checked over real HTTP on 127.0.0.1 with http.client or raw sockets, so what
the tests see is what a crawler would see on the wire.
"""

from __future__ import annotations

import gzip
import http.client
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from lxml import etree, html

from demosite.__main__ import main as demosite_main
from demosite.generator import (
    ARTICLE_TARGET_BYTES,
    ORIGIN_PLACEHOLDER,
    SiteManifest,
    generate_site,
    load_manifest,
)
from demosite.server import serve_directory
from tests.fixturesite import (
    ARTICLES,
    ARTICLES_BY_PATH,
    ATOM_FEED,
    BILLION_LAUGHS_SITEMAP,
    BROKEN_CHARSET,
    BUSY,
    CHUNKED_ARTICLE,
    CP1251_HEADER_ARTICLE,
    CP1251_META_ARTICLE,
    DRIP,
    FEED,
    FEED_ONLY_ARTICLE,
    GZIP_ARTICLE,
    GZIP_BOMB,
    GZIP_BOMB_BYTES,
    GZIP_BOMB_LAYERED,
    GZIP_CHUNKED_ARTICLE,
    HANG,
    HOSTILE,
    HUGE,
    HUGE_BYTES,
    HUGE_CHUNKED,
    MALFORMED_SITEMAP,
    PRIVATE_REDIRECTS,
    REDIRECT_HOP,
    REDIRECT_START,
    REDIRECT_TARGET,
    REQUISITES,
    ROBOTS,
    SITEMAP_ONLY_ARTICLE,
    FixtureSite,
    fixture_site,  # noqa: F401  (registers the pytest fixture in this module)
    gzip_bomb,
    layered_gzip_bomb,
)

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {**SITEMAP_NS, "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def fetch(
    base: str, target: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request, redirects not followed and bodies not decoded, as a crawler receives them."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request(method, target, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def raw_exchange(base: str, request: bytes) -> bytes:
    """Send raw request bytes and read until the server closes: the exact bytes on the wire."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        received = []
        while chunk := sock.recv(65536):
            received.append(chunk)
    return b"".join(received)


def parse_chunked(body: bytes) -> list[bytes]:
    """Split a chunked message body into its chunks; fails on any framing error."""
    chunks: list[bytes] = []
    while True:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            assert body == b"\r\n", "the last chunk must end the message"
            return chunks
        chunks.append(body[:size])
        assert body[size : size + 2] == b"\r\n"
        body = body[size + 2 :]


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        time.sleep(0.01)


# -- demo site generator -------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> SiteManifest:
    return generate_site(tmp_path_factory.mktemp("demo") / "site", articles=90, seed=7)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_generation_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first = generate_site(tmp_path / "a", articles=25, seed=3)
    second = generate_site(tmp_path / "b", articles=25, seed=3)
    other = generate_site(tmp_path / "c", articles=25, seed=4)

    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")
    assert first.articles == second.articles
    assert [a.title for a in other.articles] != [a.title for a in first.articles]


def test_manifest_is_written_and_reloads(demo_site: SiteManifest) -> None:
    assert load_manifest(demo_site.root) == demo_site
    assert len(demo_site.articles) == 90
    assert len({a.path for a in demo_site.articles}) == 90
    dates = [a.published for a in demo_site.articles]
    assert dates == sorted(dates, reverse=True)
    assert all(d.utcoffset() is not None for d in dates)


def test_article_pages_carry_the_promised_metadata(demo_site: SiteManifest) -> None:
    for article in demo_site.articles:
        page = demo_site.root / article.path.strip("/") / "index.html"
        size = page.stat().st_size
        assert ARTICLE_TARGET_BYTES * 0.98 <= size <= ARTICLE_TARGET_BYTES, (article.path, size)
        tree = html.fromstring(page.read_bytes())
        url = f"{ORIGIN_PLACEHOLDER}{article.path}"

        (json_ld,) = tree.xpath('//script[@type="application/ld+json"]/text()')
        data = json.loads(json_ld)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == article.title
        assert [a["name"] for a in data["author"]] == list(article.authors)
        assert datetime.fromisoformat(data["datePublished"]) == article.published
        assert data["publisher"]["name"]
        assert tree.xpath('//link[@rel="canonical"]/@href') == [url]
        assert tree.xpath('//meta[@property="og:url"]/@content') == [url]
        assert tree.xpath('//meta[@property="og:title"]/@content') == [article.title]
        assert tree.xpath('//meta[@property="og:type"]/@content') == ["article"]
        byline = tree.xpath('string(//p[@class="byline"])')
        names = article.authors
        expected = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        assert byline == f"By {expected}"
        assert tree.xpath("//time/@datetime") == [article.published.isoformat()]
        assert tree.xpath('//link[@rel="stylesheet"]/@href') == ["/static/site.css"]
        assert "/static/logo.png" in tree.xpath("//img/@src")
        assert tree.xpath('//link[@type="application/rss+xml"]/@href') == [
            f"{ORIGIN_PLACEHOLDER}/feed.xml"
        ]


def test_sections_paginate_through_every_article(demo_site: SiteManifest) -> None:
    for section in demo_site.sections:
        found: list[str] = []
        target: str | None = f"/{section}/"
        pages = 0
        while target is not None:
            tree = html.fromstring((demo_site.root / target.strip("/") / "index.html").read_bytes())
            found += tree.xpath('//div[@class="teaser"]//h2/a/@href')
            older = tree.xpath('//a[@rel="next"]/@href')
            target = older[0] if older else None
            pages += 1
        expected = [a.path for a in demo_site.articles if a.section == section]
        assert found == expected
        assert pages == max(1, -(-len(expected) // 20))
    home = html.fromstring((demo_site.root / "index.html").read_bytes())
    assert home.xpath('//div[@class="teaser"]//h2/a/@href') == [
        a.path for a in demo_site.articles[:20]
    ]
    assert home.xpath('//nav[@class="sections"]/a/@href') == [f"/{s}/" for s in demo_site.sections]


def test_robots_sitemaps_and_feed_are_valid(demo_site: SiteManifest) -> None:
    root = demo_site.root
    robots = (root / "robots.txt").read_text()
    assert f"Sitemap: {ORIGIN_PLACEHOLDER}/sitemap.xml" in robots.splitlines()

    index = etree.parse(root / "sitemap.xml")
    locs = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS)
    assert locs == [
        f"{ORIGIN_PLACEHOLDER}/sitemap-articles-1.xml",
        f"{ORIGIN_PLACEHOLDER}/sitemap-news.xml",
    ]
    articles = etree.parse(root / "sitemap-articles-1.xml")
    assert articles.xpath("//sm:loc/text()", namespaces=SITEMAP_NS) == [
        f"{ORIGIN_PLACEHOLDER}{a.path}" for a in demo_site.articles
    ]
    news = etree.parse(root / "sitemap-news.xml")
    news_dates = [
        datetime.fromisoformat(d)
        for d in news.xpath("//news:publication_date/text()", namespaces=NEWS_NS)
    ]
    newest = demo_site.articles[0].published
    assert news_dates and all(newest - d <= timedelta(days=2) for d in news_dates)

    feed = feedparser.parse((root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.link for e in feed.entries] == [
        f"{ORIGIN_PLACEHOLDER}{a.path}" for a in demo_site.articles[:20]
    ]
    assert feed.entries[0].title == demo_site.articles[0].title


def test_generator_rejects_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="articles must be a positive integer"):
        generate_site(tmp_path / "x", articles=0)
    with pytest.raises(ValueError, match="section name 'Bad Name'"):
        generate_site(tmp_path / "x", sections=("world", "Bad Name"))
    with pytest.raises(ValueError, match="unique"):
        generate_site(tmp_path / "x", sections=("world", "world"))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("precious")
    with pytest.raises(FileExistsError, match="empty or new directory"):
        generate_site(tmp_path / "full")
    assert (tmp_path / "full" / "keep.txt").read_text() == "precious"
    with pytest.raises(FileNotFoundError, match="no demo site manifest"):
        load_manifest(tmp_path / "full")


# -- demo server ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_server(demo_site: SiteManifest):
    with serve_directory(demo_site.root) as server:
        yield server


def test_server_gzips_text_only_when_asked(demo_site: SiteManifest, demo_server) -> None:
    article = demo_site.articles[0]
    on_disk = (demo_site.root / article.path.strip("/") / "index.html").read_bytes()
    expected = on_disk.replace(ORIGIN_PLACEHOLDER.encode(), demo_server.url.encode())

    status, headers, body = fetch(demo_server.url, article.path, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body)
    assert gzip.decompress(body) == expected

    for accept in (None, "br", "gzip;q=0, *"):
        status, headers, body = fetch(
            demo_server.url, article.path, {"Accept-Encoding": accept} if accept else {}
        )
        assert status == 200
        assert headers["Content-Encoding"] is None, accept
        assert body == expected

    status, headers, body = fetch(demo_server.url, "/static/logo.png", {"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Type"], headers["Content-Encoding"]) == (
        200,
        "image/png",
        None,
    )
    assert body.startswith(b"\x89PNG\r\n\x1a\n")


def test_server_fills_in_its_origin_and_types(demo_server) -> None:
    _, headers, body = fetch(demo_server.url, "/robots.txt")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert f"Sitemap: {demo_server.url}/sitemap.xml".encode() in body
    _, headers, body = fetch(demo_server.url, "/feed.xml")
    assert headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert b"demosite.invalid" not in body
    _, headers, body = fetch(demo_server.url, "/sitemap.xml")
    assert headers["Content-Type"] == "application/xml; charset=utf-8"
    assert body.count(demo_server.url.encode()) == 2


def test_server_validators_redirects_and_errors(demo_site: SiteManifest, demo_server) -> None:
    path = demo_site.articles[1].path
    status, headers, _ = fetch(demo_server.url, path)
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert etag and last_modified
    assert fetch(demo_server.url, path, {"If-None-Match": etag})[0] == 304
    assert fetch(demo_server.url, path, {"If-None-Match": '"other"'})[0] == 200
    assert fetch(demo_server.url, path, {"If-Modified-Since": last_modified})[0] == 304

    status, headers, body = fetch(demo_server.url, path, method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 12_000

    status, headers, _ = fetch(demo_server.url, f"/{demo_site.sections[0]}")
    assert (status, headers["Location"]) == (301, f"/{demo_site.sections[0]}/")
    assert fetch(demo_server.url, "/no/such/page/")[0] == 404
    assert fetch(demo_server.url, "/static/")[0] == 404  # no directory listings
    assert fetch(demo_server.url, "/../../etc/passwd")[0] == 404


def test_server_stop_cuts_idle_connections_and_frees_the_port(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hi</p>")
    server = serve_directory(tmp_path)
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    connection.request("GET", "/")
    assert connection.getresponse().read() == b"<p>hi</p>"  # keep-alive connection stays open
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((server.host, server.port), timeout=2)
    connection.close()
    with pytest.raises(NotADirectoryError, match="is not a directory"):
        serve_directory(tmp_path / "index.html")


# -- fixture site --------------------------------------------------------------------------


@pytest.fixture
def site(request: pytest.FixtureRequest) -> FixtureSite:
    """The shared ``fixture_site`` fixture (imported above), under a shorter name."""
    return request.getfixturevalue("fixture_site")


def test_chunked_article_is_really_chunked(site: FixtureSite) -> None:
    wire = raw_exchange(
        site.url,
        f"GET {CHUNKED_ARTICLE} HTTP/1.1\r\nHost: {site.host}:{site.port}\r\n"
        "Connection: close\r\n\r\n".encode(),
    )
    head, _, body = wire.partition(b"\r\n\r\n")
    header_lines = head.decode("latin-1").lower().split("\r\n")
    assert header_lines[0] == "http/1.1 200 ok"
    assert "transfer-encoding: chunked" in header_lines
    assert not any(line.startswith("content-length") for line in header_lines)
    chunks = parse_chunked(body)
    assert len(chunks) > 1
    sent = site.sent(CHUNKED_ARTICLE)
    assert b"".join(chunks) == sent.body
    assert wire == sent.wire
    assert ARTICLES_BY_PATH[CHUNKED_ARTICLE].title.encode() in sent.body


def test_gzip_articles_send_exactly_the_recorded_bytes(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url, GZIP_ARTICLE, {"Accept-Encoding": "identity"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"  # whatever the client asked
    assert int(headers["Content-Length"]) == len(body)
    assert body == site.sent(GZIP_ARTICLE).body
    assert ARTICLES[0].title in gzip.decompress(body).decode()

    wire = raw_exchange(
        site.url,
        f"GET {GZIP_CHUNKED_ARTICLE} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(),
    )
    head, _, body = wire.partition(b"\r\n\r\n")
    header_lines = head.split(b"\r\n")
    assert b"Content-Encoding: gzip" in header_lines
    assert b"Transfer-Encoding: chunked" in header_lines
    chunks = parse_chunked(body)
    assert len(chunks) > 1
    assert b"".join(chunks) == site.sent(GZIP_CHUNKED_ARTICLE).body
    assert ARTICLES[2].title in gzip.decompress(b"".join(chunks)).decode()


def test_articles_match_their_expected_metadata(site: FixtureSite) -> None:
    for article in ARTICLES:
        status, headers, body = fetch(site.url, article.path)
        assert status == 200
        if headers["Content-Encoding"] == "gzip":
            body = gzip.decompress(body)
        text = body.decode(article.charset)
        tree = html.fromstring(text)
        assert tree.xpath("string(//h1)") == article.title
        assert tree.xpath("//time/@datetime") == [article.published]
        assert tree.xpath('//link[@rel="canonical"]/@href') == [site.url_for(article.path)]
        json_ld = tree.xpath('//script[@type="application/ld+json"]/text()')
        og = tree.xpath('//meta[@property="og:title"]/@content')
        if article.metadata == "json-ld":
            data = json.loads(json_ld[0])
            assert data["headline"] == article.title
            assert [a["name"] for a in data["author"]] == list(article.authors)
            assert data["datePublished"] == article.published
        else:
            assert json_ld == []
        assert og == ([] if article.metadata == "none" else [article.title])


def test_windows_1251_charset_in_header_or_meta_only(site: FixtureSite) -> None:
    _, headers, body = fetch(site.url, CP1251_HEADER_ARTICLE)
    assert headers["Content-Type"] == "text/html; charset=windows-1251"
    assert b"<meta charset" not in body
    assert ARTICLES_BY_PATH[CP1251_HEADER_ARTICLE].title.encode("cp1251") in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")

    _, headers, body = fetch(site.url, CP1251_META_ARTICLE)
    assert headers["Content-Type"] == "text/html"
    assert b'<meta charset="windows-1251">' in body
    assert "Авторы: Ольга Смирнова и Андрей Козлов" in body.decode("cp1251")


def test_redirect_chain_and_loop(site: FixtureSite) -> None:
    status, headers, _ = fetch(site.url, REDIRECT_START)
    assert (status, headers["Location"]) == (301, REDIRECT_HOP)
    status, headers, _ = fetch(site.url, REDIRECT_HOP)
    assert (status, headers["Location"]) == (302, site.url_for(REDIRECT_TARGET))
    assert fetch(site.url, REDIRECT_TARGET)[0] == 200

    assert fetch(site.url, "/loop/a")[1]["Location"] == "/loop/b"
    assert fetch(site.url, "/loop/b")[1]["Location"] == "/loop/a"
    for path, target in PRIVATE_REDIRECTS.items():
        assert fetch(site.url, path)[1]["Location"] == target


def test_robots_sitemaps_and_feeds_list_the_expected_articles(site: FixtureSite) -> None:
    _, _, robots = fetch(site.url, ROBOTS)
    lines = robots.decode().splitlines()
    assert "Disallow: /private/" in lines
    (sitemap_line,) = [line for line in lines if line.startswith("Sitemap: ")]
    index_url = sitemap_line.removeprefix("Sitemap: ")

    _, headers, body = fetch(site.url, urlsplit(index_url).path)
    assert headers["Content-Type"] == "application/gzip" and headers["Content-Encoding"] is None
    locs = etree.fromstring(gzip.decompress(body)).xpath("//sm:loc/text()", namespaces=SITEMAP_NS)
    sitemap_urls: set[str] = set()
    for loc in locs:
        xml = etree.fromstring(fetch(site.url, urlsplit(loc).path)[2])
        sitemap_urls |= set(xml.xpath("//sm:loc/text()", namespaces=SITEMAP_NS))
    expected = {site.url_for(a.path) for a in ARTICLES if "sitemap" in a.found_via}
    assert sitemap_urls == expected | {site.url_for("/private/leaked-in-sitemap/")}
    assert site.url_for(SITEMAP_ONLY_ARTICLE) in sitemap_urls

    rss = feedparser.parse(fetch(site.url, FEED)[2])
    atom = feedparser.parse(fetch(site.url, ATOM_FEED)[2])
    assert not rss.bozo and not atom.bozo
    assert site.url_for(FEED_ONLY_ARTICLE) in [e.link for e in rss.entries]
    assert [e.link for e in atom.entries] == [
        site.url_for(a.path) for a in (ARTICLES[0], ARTICLES[2])
    ]

    home = fetch(site.url, "/")[2].decode()
    for only_elsewhere in (FEED_ONLY_ARTICLE, SITEMAP_ONLY_ARTICLE, REDIRECT_TARGET):
        assert only_elsewhere not in home
    tree = html.fromstring(home)
    assert tree.xpath('//link[@type="application/rss+xml"]/@href') == [site.url_for(FEED)]
    assert "/private/secret-draft/" in tree.xpath("//a/@href")


def test_busy_answers_503_then_200(site: FixtureSite) -> None:
    status, headers, _ = fetch(site.url, BUSY)
    assert (status, headers["Retry-After"]) == (503, "1")
    status, headers, _ = fetch(site.url, BUSY)
    assert (status, headers["Retry-After"]) == (200, None)


def test_request_log_records_every_request_from_many_threads(site: FixtureSite) -> None:
    targets = [f"/archive?page={n}" for n in range(1, 41)]
    threads = [threading.Thread(target=fetch, args=(site.url, t, {"X-Probe": t})) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    records = site.requests()
    assert sorted(r.target for r in records) == sorted(targets)
    assert all(r.method == "GET" and r.header("x-probe") == r.target for r in records)
    assert not site.was_requested("/private/")
    fetch(site.url, "/private/admin")
    assert site.was_requested("/private/")


def test_error_pages_and_unknown_paths(site: FixtureSite) -> None:
    assert fetch(site.url, "/missing-page")[0] == 404
    assert fetch(site.url, "/server-error")[0] == 500
    assert fetch(site.url, "/nowhere")[0] == 404
    assert fetch(site.url, "/private/anything")[0] == 200


def test_requisites_are_linked_and_served(site: FixtureSite) -> None:
    home = html.fromstring(fetch(site.url, "/")[2])
    referenced = set(home.xpath("//link[@rel='stylesheet']/@href | //script/@src | //img/@src"))
    css = fetch(site.url, "/static/style.css")[2].decode()
    for match in ('"/static/print.css"', '"/static/fonts/fixture-serif.woff2"'):
        assert match in css
    referenced |= {
        "/static/print.css",
        "/static/fonts/fixture-serif.woff2",
        urlsplit(urljoin(site.url_for("/static/style.css"), "../static/img/texture.png")).path,
    }
    assert referenced == set(REQUISITES)
    for path in REQUISITES:
        assert fetch(site.url, path)[0] == 200, path


def test_traps_never_end(site: FixtureSite) -> None:
    day = html.fromstring(fetch(site.url, "/calendar?date=2024-03-08")[2])
    assert day.xpath("//table//a/@href") == [
        "/calendar?date=2024-03-07",
        "/calendar?date=2024-03-09",
    ]
    assert fetch(site.url, "/calendar?date=9999-12-30")[0] == 200
    assert fetch(site.url, "/calendar?date=nonsense")[0] == 404
    archive = html.fromstring(fetch(site.url, "/archive?page=5000")[2])
    assert "/archive?page=5001" in archive.xpath("//a/@href")
    facets = html.fromstring(fetch(site.url, "/search?color=red&size=m")[2])
    links = facets.xpath('//ul[@class="facets"]//a/@href')
    assert len(links) == 4 + 3 + 3
    assert "/search?sort=newest&color=red&size=m" in links
    first = fetch(site.url, "/")[2]
    second = fetch(site.url, "/")[2]
    assert first != second  # fresh session ids in every answer
    assert b";jsessionid=" in first
    section = fetch(site.url, "/section/world/;jsessionid=ABC")[2]
    assert ARTICLES[0].path.encode() in section and b"&amp;sid=" in section


def test_hostile_index_links_every_hostile_route(site: FixtureSite) -> None:
    links = set(html.fromstring(fetch(site.url, HOSTILE)[2]).xpath("//a/@href"))
    assert {HUGE, HUGE_CHUNKED, GZIP_BOMB, GZIP_BOMB_LAYERED, HANG, DRIP, "/loop/a"} <= links
    assert {BILLION_LAUGHS_SITEMAP, MALFORMED_SITEMAP, BROKEN_CHARSET} <= links
    assert set(PRIVATE_REDIRECTS) <= links
    _, _, body = fetch(site.url, BROKEN_CHARSET)
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(fetch(site.url, MALFORMED_SITEMAP)[2])
    laughs = fetch(site.url, BILLION_LAUGHS_SITEMAP)[2].decode()
    for level in range(1, 10):  # ten references per level, nine levels: 10**9 "lol"s
        below = f"&lol{level - 1};" if level > 1 else "&lol;"
        assert f'<!ENTITY lol{level} "{below * 10}">' in laughs
    assert "&lol9;</loc>" in laughs


def test_huge_bodies_stream_in_full(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url, HUGE)
    assert (status, int(headers["Content-Length"]), len(body)) == (200, HUGE_BYTES, HUGE_BYTES)
    status, headers, body = fetch(site.url, HUGE_CHUNKED)
    assert headers["Transfer-Encoding"] == "chunked" and headers["Content-Length"] is None
    assert len(body) == HUGE_BYTES
    assert site.sent(HUGE).body is None


def test_gzip_bombs_inflate_far_beyond_their_size(site: FixtureSite) -> None:
    small = gzip_bomb(8 << 20)
    inflater = zlib.decompressobj(31)  # checks the gzip CRC and length trailer too
    inflated = inflater.decompress(small) + inflater.flush()
    assert inflater.eof and inflated == b" " * (8 << 20)

    status, headers, body = fetch(site.url, GZIP_BOMB)
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert len(body) < 1_100_000
    assert int.from_bytes(body[-4:], "little") == GZIP_BOMB_BYTES % (1 << 32)
    assert body[:-8].endswith(small[:-8][-1000:])  # the same repeated blocks, only more of them

    status, headers, body = fetch(site.url, GZIP_BOMB_LAYERED)
    assert headers["Content-Encoding"] == "gzip, gzip"
    assert len(body) < 8192
    assert body == layered_gzip_bomb() and gzip.decompress(body) == gzip_bomb()


def test_hang_and_drip_do_not_block_stop() -> None:
    site = FixtureSite()
    hung = socket.create_connection((site.host, site.port), timeout=10)
    hung.sendall(f"GET {HANG} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    dripping = socket.create_connection((site.host, site.port), timeout=10)
    dripping.sendall(f"GET {DRIP} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    wait_until(lambda: {HANG, DRIP} <= set(site.requested_targets()))
    head = b""
    while b"\r\n\r\n" not in head:
        head += dripping.recv(4096)
    assert b"Content-Length: 65536" in head
    started = time.monotonic()
    site.stop()
    assert time.monotonic() - started < 2
    assert hung.recv(1024) == b""  # never answered: the connection just ends
    hung.close()
    dripping.close()


def test_command_line_generates_and_serves_from_its_own_process(tmp_path: Path) -> None:
    assert demosite_main(["generate", str(tmp_path / "site"), "--articles", "3"]) == 0
    assert demosite_main(["serve", str(tmp_path / "missing")]) == 2
    server = subprocess.Popen(
        [sys.executable, "-m", "demosite", "serve", str(tmp_path / "site")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert fetch(url, "/robots.txt")[0] == 200
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=10) == 0
    finally:
        server.kill()
        server.wait()
