"""Issue 3 proven on a real crawl: every fixture article indexed exactly, and readable back.

The hostile fixture site is crawled once for the module by the ``newsarchiver crawl`` command
in a subprocess, as a user runs it. The index is then judged through ``storage.search`` (the
functions the CLI prints) and every capture's WARC record through warcio, a reader this project
did not write. What the site sent is the reference for what the archive must hold.
"""

from __future__ import annotations

import gzip
import io
import re
import secrets
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from sqlalchemy import create_engine, text
from warcio.archiveiterator import ArchiveIterator

from storage.db import Database
from storage.search import get_article, search_articles
from tests.crawlhelpers import Archive, crawl_json, make_archive
from tests.fixturesite import (
    ABOUT,
    ARTICLES,
    CP1251_HEADER_ARTICLE,
    CP1251_META_ARTICLE,
    HOME,
    PRIVATE_PREFIX,
    REDIRECT_HOP,
    REDIRECT_START,
    REDIRECT_TARGET,
    SECTION_PAGES,
    FixtureSite,
)

# Pages that list or frame articles: the crawl fetches them (except /private/), none is one.
HUB_PREFIXES = (*SECTION_PAGES, ABOUT, "/calendar", "/archive", "/search", PRIVATE_PREFIX)
ENGLISH_BODY_PHRASE = '"applauded as the first vessels"'
RUSSIAN_BODY_PHRASE = '"результат прослужит не одному поколению"'
RUSSIAN_PATHS = {CP1251_HEADER_ARTICLE, CP1251_META_ARTICLE}


@dataclass(frozen=True)
class Crawled:
    """The fixture site, the archive one crawl of it wrote, and that archive's index."""

    site: FixtureSite
    archive: Archive
    db: Database
    summary: dict[str, Any]

    def url(self, path: str) -> str:
        return self.site.url_for(path)


def crawl_sites(site: FixtureSite) -> dict[str, dict[str, Any]]:
    """A sites file for the fixture site: loopback allowed, no delay, deep enough for all hubs."""
    return {
        "fixture": {
            "start_urls": [site.url_for(HOME)],
            "allow_private_networks": ["127.0.0.1/32"],
            "download_delay": 0,
            "max_depth": 3,
        }
    }


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def crawled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Crawled]:
    """One crawl per index backend: a SQLite file, or a fresh PostgreSQL schema."""
    with ExitStack() as cleanup, FixtureSite() as site:
        archive = make_archive(tmp_path_factory.mktemp("index-e2e"), crawl_sites(site))
        url = f"sqlite:///{archive.db_path}"
        if request.param == "postgresql":
            url = cleanup.enter_context(_pg_schema(request.getfixturevalue("pg_database")))
        summary = crawl_json(
            archive, "fixture", NEWSARCHIVER_DOWNLOAD_TIMEOUT="5", NEWSARCHIVER_DB=url
        )
        db = Database(url)
        cleanup.callback(db.dispose)
        yield Crawled(site, archive, db, summary)


@contextmanager
def _pg_schema(database_url: str) -> Iterator[str]:
    schema = f"e2e_{secrets.token_hex(6)}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{database_url}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_every_article_is_indexed_with_exact_metadata(crawled: Crawled) -> None:
    hits = {hit.url: hit for hit in search_articles(crawled.db, None, limit=100)}

    assert set(hits) == {crawled.url(article.path) for article in ARTICLES}
    assert crawled.summary["articles"] == len(ARTICLES)
    for article in ARTICLES:
        hit = hits[crawled.url(article.path)]
        assert hit.title == article.title
        assert hit.authors == list(article.authors)
        assert hit.published is not None and hit.published.tzinfo is not None
        assert hit.published == datetime.fromisoformat(article.published), article.path
        assert hit.site == "fixture"


def test_no_hub_page_is_indexed(crawled: Crawled) -> None:
    fetched_hubs = [p for p in (HOME, *HUB_PREFIXES) if crawled.site.was_requested(p)]
    assert len(fetched_hubs) == len(HUB_PREFIXES)  # all but /private/: robots forbids it
    assert not crawled.site.was_requested(PRIVATE_PREFIX)

    with crawled.db.session() as session:
        linked = session.execute(
            text(
                "SELECT url FROM captures WHERE article_id IS NOT NULL "
                "UNION SELECT url FROM articles UNION SELECT url FROM article_urls"
            )
        ).all()
    paths = {urlsplit(url).path for (url,) in linked}
    assert paths == {a.path for a in ARTICLES} | {REDIRECT_START, REDIRECT_HOP}


@pytest.mark.parametrize("path", sorted(RUSSIAN_PATHS))
def test_windows_1251_article_has_correct_cyrillic(crawled: Crawled, path: str) -> None:
    expected = next(a for a in ARTICLES if a.path == path)
    article = get_article(crawled.db, crawled.url(path))

    assert article is not None
    assert article.title == expected.title
    assert article.authors == list(expected.authors)
    assert "результат прослужит не одному поколению" in article.text
    assert "Некоторые владельцы магазинов" in article.text
    assert not re.search("[\ufffdÐÑÃ]", article.text + article.title)
    assert article.language == "ru"


def test_article_reached_through_redirect_is_one_article(crawled: Crawled) -> None:
    target = crawled.url(REDIRECT_TARGET)
    via_start = get_article(crawled.db, crawled.url(REDIRECT_START))
    via_hop = get_article(crawled.db, crawled.url(REDIRECT_HOP))

    assert via_start is not None and via_hop is not None
    assert via_start.url == via_hop.url == target
    assert set(via_start.aliases) >= {crawled.url(REDIRECT_START), crawled.url(REDIRECT_HOP)}
    titles = [hit.title for hit in search_articles(crawled.db, None, limit=100)]
    assert titles.count(ARTICLES[3].title) == 1


def test_search_finds_body_phrases_and_not_absent_ones(crawled: Crawled) -> None:
    def found(query: str) -> set[str]:
        return {urlsplit(hit.url).path for hit in search_articles(crawled.db, query, limit=100)}

    assert found(RUSSIAN_BODY_PHRASE) == RUSSIAN_PATHS
    assert found(ENGLISH_BODY_PHRASE) == {a.path for a in ARTICLES} - RUSSIAN_PATHS
    assert found("dolphins") == {ARTICLES[6].path}
    assert found('"the quay applauded the engineers"') == set()
    assert found("zeppelin") == set()


def test_every_capture_reads_back_as_its_response_record(crawled: Crawled) -> None:
    checked = 0
    for hit in search_articles(crawled.db, None, limit=100):
        article = get_article(crawled.db, hit.url)
        assert article is not None and article.captures
        for capture in article.captures:
            records = _records_at(capture.warc, capture.offset, capture.length)
            assert len(records) == 1, capture
            record_type, target, body = records[0]
            assert record_type == "response"
            assert target == hit.url
            assert body == _decoded(crawled.site, urlsplit(hit.url).path)
            checked += 1
    assert checked >= len(ARTICLES)


def test_crawl_reports_the_time_extraction_took(crawled: Crawled) -> None:
    logs = "\n".join(p.read_text() for p in (crawled.archive.root / "logs").glob("*.log"))
    match = re.search(r"'newsarchiver/extraction_seconds': ([0-9.e-]+)", logs)
    assert match, "no newsarchiver/extraction_seconds in the crawl's stats"
    assert 0 < float(match.group(1)) < 60


def _records_at(warc_url: str, offset: int, length: int) -> list[tuple[str, str, bytes]]:
    """The records warcio finds in exactly the index's byte range of the stored file."""
    with Path(urlsplit(warc_url).path).open("rb") as stream:
        stream.seek(offset)
        data = stream.read(length)
    assert len(data) == length
    return [
        (
            record.rec_type,
            record.rec_headers.get_header("WARC-Target-URI"),
            record.content_stream().read(),
        )
        for record in ArchiveIterator(io.BytesIO(data))
    ]


def _decoded(site: FixtureSite, path: str) -> bytes:
    """What the site sent for ``path``, without its content-coding."""
    sent = site.sent(path)
    assert sent.body is not None
    return gzip.decompress(sent.body) if sent.header("Content-Encoding") == "gzip" else sent.body
