"""WACZ and CDXJ exports of the fixture news site, judged by tools this project did not write.

One crawl (module scope) of the fixture site, plus a small demo site as a second site of the
same archive. Its WACZ must pass py-wacz's validator, every record in it ``warcio check``, and
open in ReplayWeb.page in Debian's Chromium with the article's stylesheet applied and its image
loaded, without a request to the site. Its CDXJ must let pywb replay the stored WARC files in
place. An article exported alone brings its request record, redirect hops, requisites and the
site's robots.txt.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from demosite.generator import generate_site
from demosite.server import serve_directory
from storage.db import Database
from storage.exportselection import EmptySelectionError, ExportFilters
from storage.wacz import WaczSummary, write_wacz
from tests.crawlhelpers import Archive, crawl_json, make_archive, run_cli, warcio_check
from tests.fixturesite import (
    ARTICLES,
    CHUNKED_ARTICLE,
    GZIP_ARTICLE,
    REDIRECT_HOP,
    REDIRECT_START,
    REDIRECT_TARGET,
    REQUISITES,
    ROBOTS,
    FixtureSite,
)
from tests.pywacz import wacz_validate
from tests.pywbreplay import pywb_configured
from tests.replaywebpage import serve_replay
from tests.waczcontents import Member, index_lines, members, pages, read_wacz

if TYPE_CHECKING:
    from playwright.sync_api import Browser

MUSEUM_QUERY = '"looted artefacts"'  # only in the article the redirect chain leads to
REPLAY_TIMEOUT_MS = 90_000


@dataclass
class Crawled:
    site: FixtureSite
    archive: Archive
    other_origin: str

    @property
    def db(self) -> Database:
        return Database(f"sqlite:///{self.archive.db_path}")

    def rows(self, query: str, *parameters: Any) -> list[sqlite3.Row]:
        with sqlite3.connect(self.archive.db_path) as connection:
            connection.row_factory = sqlite3.Row
            return connection.execute(query, parameters).fetchall()

    def wacz(self, path: Path, filters: ExportFilters, **options: Any) -> WaczSummary:
        with path.open("wb") as out:
            return write_wacz(self.db, filters, out, **options)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    other = generate_site(tmp_path_factory.mktemp("other") / "www", articles=3, seed=3)
    with FixtureSite() as site, serve_directory(other.root) as other_site:
        archive = make_archive(
            tmp_path_factory.mktemp("export"),
            {
                "fixture": {
                    "start_urls": [site.url_for("/")],
                    "download_delay": 0,
                    "concurrent_requests": 8,
                    "max_depth": 2,
                    "allow_private_networks": ["127.0.0.1/32"],
                },
                "other": {
                    "start_urls": [f"{other_site.url}/"],
                    "download_delay": 0,
                    "allow_private_networks": True,
                },
            },
            NEWSARCHIVER_TRAP_CAP="2",
        )
        for slug in ("fixture", "other"):
            assert crawl_json(archive, slug)["status"] == "succeeded"
        yield Crawled(site, archive, other_site.url)


# What a WACZ holds ------------------------------------------------------------------------------


def test_the_wacz_of_the_archive_is_valid_and_holds_every_record(
    crawled: Crawled, tmp_path: Path
) -> None:
    target = tmp_path / "archive.wacz"
    result = run_cli(["export", "wacz", "-o", str(target), "--json"], crawled.archive.env())
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)

    validation = wacz_validate(target)
    assert validation.returncode == 0, validation.stdout + validation.stderr
    assert "valid" in validation.stdout.lower()

    files = read_wacz(target)
    for name, data in files.items():
        if name.startswith("archive/"):
            extracted = tmp_path / Path(name).name
            extracted.write_bytes(data)
            check = warcio_check(extracted)
            assert check.returncode == 0, check.stdout + check.stderr

    captures = crawled.rows("SELECT url, record_id FROM captures")
    lines = index_lines(files)
    assert len(lines) == len(captures) == summary["records"]
    assert lines == sorted(lines, key=lambda line: f"{line[0]} {line[1]} {json.dumps(line[2])}")
    assert (
        summary["pages"]
        == len(pages(files))
        == len(crawled.rows("SELECT 1 FROM captures WHERE article_id IS NOT NULL"))
    )
    assert summary["source_files"] == len(crawled.rows("SELECT 1 FROM warc_files"))
    assert summary["bytes"] == target.stat().st_size
    assert summary["url"] == target.as_uri()

    datapackage = json.loads(files["datapackage.json"])
    assert datapackage["wacz_version"] == "1.1.1"
    assert datapackage["software"].startswith("newsarchiver ")
    assert {r["path"] for r in datapackage["resources"]} == set(files) - {
        "datapackage.json",
        "datapackage-digest.json",
    }
    assert "mainPageUrl" not in datapackage  # many articles: no main page
    with zipfile.ZipFile(target) as archive:
        stored = {i.filename: i.compress_type for i in archive.infolist()}
    assert all(stored[name] == zipfile.ZIP_STORED for name in stored if name.startswith("archive/"))


def test_records_are_the_stored_bytes(crawled: Crawled, tmp_path: Path) -> None:
    target = tmp_path / "archive.wacz"
    crawled.wacz(target, ExportFilters(site="fixture"))
    files = read_wacz(target)
    located = {
        row["record_id"]: row
        for row in crawled.rows(
            "SELECT c.record_id, c.offset, c.length, w.storage_url FROM captures c "
            "JOIN warc_files w ON w.id = c.warc_file_id"
        )
    }
    stored: dict[str, bytes] = {}
    previous: Member | None = None
    found = members(files)
    for member in found:
        if member.type in ("response", "revisit"):
            row = located[member.record_id]
            url = row["storage_url"]
            stored.setdefault(url, Path(urlsplit(url).path).read_bytes())
            original = stored[url][row["offset"] : row["offset"] + row["length"]]
            assert member.raw == original, member.target
        if member.type == "request":
            # Stored right after its response, as the crawl wrote them.
            assert previous is not None and member.concurrent_to == previous.record_id
            row = located[previous.record_id]
            start = row["offset"] + row["length"]
            assert stored[row["storage_url"]][start : start + len(member.raw)] == member.raw
        previous = member
    responses = sum(m.type in ("response", "revisit") for m in found)
    assert sum(m.type == "request" for m in found) == responses
    assert sum(m.type == "warcinfo" for m in found) == 1


def test_an_article_brings_its_request_hops_requisites_and_robots(
    crawled: Crawled, tmp_path: Path
) -> None:
    target = tmp_path / "museum.wacz"
    summary = crawled.wacz(target, ExportFilters(query=MUSEUM_QUERY))
    files = read_wacz(target)
    article = crawled.site.url_for(REDIRECT_TARGET)

    listed = pages(files)
    assert [(p["url"], p["title"]) for p in listed] == [(article, ARTICLES[3].title)]
    assert "pages/extraPages.jsonl" not in files
    datapackage = json.loads(files["datapackage.json"])
    assert datapackage["mainPageUrl"] == article
    assert datapackage["mainPageDate"] == listed[0]["ts"]

    expected = {REDIRECT_TARGET, REDIRECT_START, REDIRECT_HOP, ROBOTS, *REQUISITES}
    assert {line[2]["url"] for line in index_lines(files)} == {
        crawled.site.url_for(path) for path in expected
    }
    found = members(files)
    requested = {m.target for m in found if m.type == "request"}
    # texture.png is the logo's bytes again: a revisit of the logo, which resolves inside.
    assert requested == {m.target for m in found if m.type in ("response", "revisit")}
    assert (summary.pages, summary.articles, summary.extra_pages) == (1, 1, 0)
    assert summary.records == len(expected) == summary.request_records
    assert wacz_validate(target).returncode == 0


def test_site_filter(crawled: Crawled, tmp_path: Path) -> None:
    hosts = {}
    for site in ("fixture", "other"):
        target = tmp_path / f"{site}.wacz"
        crawled.wacz(target, ExportFilters(site=site))
        files = read_wacz(target)
        hosts[site] = {urlsplit(line[2]["url"]).netloc for line in index_lines(files)}
        articles = crawled.rows(
            "SELECT c.url FROM captures c JOIN articles a ON a.id = c.article_id WHERE a.site = ?",
            site,
        )
        assert sorted(p["url"] for p in pages(files)) == sorted(r["url"] for r in articles)
    assert hosts == {
        "fixture": {urlsplit(crawled.site.url).netloc},
        "other": {urlsplit(crawled.other_origin).netloc},
    }


def test_query_filter_selects_what_search_finds(crawled: Crawled, tmp_path: Path) -> None:
    query = "museum"
    search = run_cli(["articles", "search", query, "--json"], crawled.archive.env())
    found = {hit["url"] for hit in json.loads(search.stdout)}
    museum = {crawled.site.url_for(a.path) for a in ARTICLES if "museum" in a.path}
    assert museum < found
    target = tmp_path / "museum.wacz"
    crawled.wacz(target, ExportFilters(query=query))
    assert {p["url"] for p in pages(read_wacz(target))} == found


def test_an_empty_selection_is_one_line_and_exit_1(crawled: Crawled, tmp_path: Path) -> None:
    env = crawled.archive.env()
    target = tmp_path / "none.wacz"
    for args in (
        ["export", "wacz", "-o", str(target), "no-such-word-anywhere"],
        ["export", "wacz", "-o", str(target), "--site", "nowhere"],
        ["export", "cdxj", "--run", "999"],
    ):
        result = run_cli(args, env)
        assert result.returncode == 1, result
        assert result.stderr.startswith("error: nothing to export: no capture matches")
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(EmptySelectionError):
        crawled.wacz(tmp_path / "direct.wacz", ExportFilters(query="no-such-word-anywhere"))


def test_bad_usage_is_one_line_and_exit_2(crawled: Crawled, tmp_path: Path) -> None:
    env = crawled.archive.env()
    for args in (
        ["export", "wacz", "-o", str(tmp_path / "archive.zip")],
        ["export", "wacz", "-o", str(tmp_path / "missing" / "archive.wacz")],
        ["export", "wacz", "-o", str(tmp_path / "x.wacz"), '"unbalanced'],
        ["export", "cdxj", "--since", "yesterday"],
    ):
        result = run_cli(args, env)
        assert result.returncode == 2, result
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# Judged by replay tools -------------------------------------------------------------------------


def _replayed_page(browser: Browser, wacz: Path, url: str) -> tuple[dict[str, Any], list[str]]:
    """Open ``url`` from ``wacz`` in ReplayWeb.page; what the archived page shows, and every
    URL the browser requested (its service worker's requests included)."""
    requested: list[str] = []
    context = browser.new_context()
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        with serve_replay(wacz, url) as address:
            page.goto(address)

            def archived(frame: Any) -> bool:
                return "mp_/" in frame.url and frame.url.endswith(url)

            frame = next((f for f in page.frames if archived(f)), None)
            if frame is None:
                frame = page.wait_for_event(
                    "framenavigated", predicate=archived, timeout=REPLAY_TIMEOUT_MS
                )
            frame.wait_for_load_state("load", timeout=REPLAY_TIMEOUT_MS)
            frame.wait_for_function(
                "document.images.length > 0 && [...document.images].every(i => i.complete)",
                timeout=REPLAY_TIMEOUT_MS,
            )
            shown = frame.evaluate(
                """() => ({
                    brandSize: getComputedStyle(document.querySelector('.brand')).fontSize,
                    images: [...document.images].map(i => i.naturalWidth),
                    title: document.title,
                })"""
            )
    finally:
        context.close()
    return shown, requested


def test_replaywebpage_renders_the_article_from_the_wacz(
    crawled: Crawled, tmp_path: Path, chromium_browser: Browser
) -> None:
    site = crawled.site
    article = ARTICLES[0]
    whole = tmp_path / "fixture.wacz"
    crawled.wacz(whole, ExportFilters(site="fixture"))
    # The same article alone, its index as ZipNum and its WARC data in several files.
    alone = tmp_path / "alone.wacz"
    summary = crawled.wacz(
        alone, ExportFilters(query='"winter storms"'), zipnum_threshold=0, part_size=4096
    )
    assert summary.index == "zipnum" and summary.pages == 1
    names = set(read_wacz(alone))
    assert {"indexes/index.cdx.gz", "indexes/index.idx"} <= names
    assert len([n for n in names if n.startswith("archive/")]) > 1
    assert wacz_validate(alone).returncode == 0

    site_requests = len(site.requests())
    for wacz in (whole, alone):
        shown, requested = _replayed_page(chromium_browser, wacz, site.url_for(GZIP_ARTICLE))
        assert shown["title"] == article.title
        assert shown["brandSize"] == "32px"  # style.css: .masthead .brand { font-size: 2rem }
        assert shown["images"] and all(width > 0 for width in shown["images"])
        assert requested, "the browser's network log is empty"
        assert not [u for u in requested if urlsplit(u).netloc == urlsplit(site.url).netloc]
    assert len(site.requests()) == site_requests, "replay reached the live site"


def test_pywb_replays_the_cdxj_from_file_storage(crawled: Crawled, tmp_path: Path) -> None:
    index = tmp_path / "fixture.cdxj"
    env = crawled.archive.env()
    result = run_cli(["export", "cdxj", "--site", "fixture", "-o", str(index)], env)
    assert result.returncode == 0, result.stderr
    lines = index.read_text().splitlines()
    assert lines == sorted(lines)
    store = crawled.archive.storage.as_uri() + "/"
    assert all(
        not json.loads(line.split(" ", 2)[2])["filename"].startswith("file:") for line in lines
    )

    site = crawled.site
    with pywb_configured(tmp_path / "pywb", index, store) as replay:
        for path in (GZIP_ARTICLE, CHUNKED_ARTICLE):
            sent = site.sent(path)
            assert sent.body is not None
            expected = sent.body
            if sent.header("Content-Encoding") == "gzip":
                expected = gzip.decompress(expected)
            replayed = replay.get(site.url_for(path))
            assert replayed.status == 200, path
            assert replayed.decoded() == expected, path
        hop = replay.get(site.url_for(REDIRECT_START))
        assert hop.status == 301
        assert replay.get(site.url_for("/static/style.css")).status == 200


class _Unseekable(io.RawIOBase):
    """A stream that can only be written forward, like a pipe or an HTTP response body."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.data += bytes(data)
        return len(data)


def test_a_wacz_streams_to_a_stream_that_cannot_seek(crawled: Crawled, tmp_path: Path) -> None:
    stream = _Unseekable()
    summary = write_wacz(crawled.db, ExportFilters(query=MUSEUM_QUERY), stream)  # type: ignore[arg-type]
    assert summary.bytes == len(stream.data)
    target = tmp_path / "streamed.wacz"
    target.write_bytes(stream.data)
    validation = wacz_validate(target)
    assert validation.returncode == 0, validation.stdout + validation.stderr
    files = read_wacz(target)
    assert [p["url"] for p in pages(files)] == [crawled.site.url_for(REDIRECT_TARGET)]
    assert len(index_lines(files)) == summary.records


def test_a_revisit_whose_response_is_gone_is_counted_not_fatal(
    crawled: Crawled, tmp_path: Path
) -> None:
    # texture.png is a revisit of logo.png (same bytes); the logo's index row is removed from
    # a copy of the index, as if that capture had been deleted.
    copy = tmp_path / "index.sqlite3"
    logo = crawled.site.url_for("/static/img/logo.png")
    with sqlite3.connect(crawled.archive.db_path) as source, sqlite3.connect(copy) as connection:
        source.backup(connection)
        connection.execute("DELETE FROM captures WHERE url = ?", (logo,))
    target = tmp_path / "museum.wacz"
    with target.open("wb") as out:
        summary = write_wacz(Database(f"sqlite:///{copy}"), ExportFilters(query=MUSEUM_QUERY), out)
    assert summary.unresolved_revisits == 1
    urls = {line[2]["url"] for line in index_lines(read_wacz(target))}
    assert crawled.site.url_for("/static/img/texture.png") in urls and logo not in urls
