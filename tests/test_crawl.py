"""End to end: ``newsarchiver crawl`` of the fixture news site, judged from outside.

One crawl of the whole fixture site (module scope, to keep the suite fast) is checked the way
an archivist would: the server's request log, the WARC files read back with warcio, ``warcio
check``, the SQLite index, and replay through a real pywb. A few more tests run the other
ways in: ``scrapy crawl``, ``--max-pages`` and the README's ``newsarchiver demo``.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import socket
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.crawlhelpers import (
    BIN,
    REPO,
    Archive,
    Record,
    crawl_json,
    http_blocks,
    make_archive,
    run_cli,
    warcio_check,
)
from tests.fixturesite import (
    ARCHIVE_START,
    ARTICLES,
    ATOM_FEED,
    BUSY,
    CALENDAR_START,
    CHUNKED_ARTICLE,
    CP1251_HEADER_ARTICLE,
    CP1251_META_ARTICLE,
    FEED,
    GZIP_ARTICLE,
    GZIP_CHUNKED_ARTICLE,
    NOT_FOUND,
    PRIVATE_PREFIX,
    REDIRECT_HOP,
    REDIRECT_START,
    REDIRECT_TARGET,
    REQUISITES,
    ROBOTS,
    SERVER_ERROR,
    SITEMAP_ARTICLES,
    SITEMAP_INDEX,
    SITEMAP_NEWS,
    FixtureSite,
)

TRAP_CAP = 4
MAX_DEPTH = 4  # deep enough that the calendar and pagination traps outgrow the cap


@dataclass
class Crawled:
    site: FixtureSite
    archive: Archive
    summary: dict[str, Any]
    records: list[Record]

    def responses(self, target: str) -> list[Record]:
        """Response records of ``target`` (path and query on the fixture site)."""
        url = self.site.url_for(target)
        return [r for r in self.records if r.type == "response" and r.target == url]

    def response(self, target: str) -> Record:
        found = self.responses(target)
        assert len(found) == 1, f"{len(found)} response records for {target}"
        return found[0]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    with FixtureSite() as site:
        archive = make_archive(
            tmp_path_factory.mktemp("crawl"),
            {
                "fixture": {
                    "start_urls": [site.url_for("/")],
                    "download_delay": 0,
                    "concurrent_requests": 8,
                    "max_depth": MAX_DEPTH,
                    "allow_private_networks": ["127.0.0.1/32"],
                }
            },
            NEWSARCHIVER_TRAP_CAP=str(TRAP_CAP),
        )
        summary = crawl_json(archive, "fixture")
        yield Crawled(site, archive, summary, archive.records())


# Discovery: every article, nothing forbidden ------------------------------------------------


def test_every_article_is_captured_and_indexed(crawled: Crawled) -> None:
    indexed = crawled.archive.indexed_articles()
    for article in ARTICLES:
        record = crawled.response(article.path)
        assert record.http_status == 200
        url = crawled.site.url_for(article.path)
        assert url in indexed, f"{article.path} is not in the index"
        assert indexed[url]["title"] == article.title
    assert crawled.summary["status"] == "succeeded"
    assert crawled.summary["articles"] == len(ARTICLES)


def test_robots_is_archived_and_obeyed(crawled: Crawled) -> None:
    assert not crawled.site.was_requested(PRIVATE_PREFIX)
    assert crawled.response(ROBOTS).http_status == 200
    assert crawled.summary["robots_forbidden"] >= 1


def test_errors_feeds_sitemaps_are_archived(crawled: Crawled) -> None:
    assert crawled.response(NOT_FOUND).http_status == 404
    assert {r.http_status for r in crawled.responses(SERVER_ERROR)} == {500}
    for target in (FEED, ATOM_FEED, SITEMAP_INDEX, SITEMAP_ARTICLES, SITEMAP_NEWS):
        assert crawled.response(target).http_status == 200


def test_each_redirect_hop_is_its_own_response_record(crawled: Crawled) -> None:
    first = crawled.response(REDIRECT_START)
    second = crawled.response(REDIRECT_HOP)
    assert (first.http_status, first.http_header("Location")) == (301, REDIRECT_HOP)
    assert second.http_status == 302
    assert second.http_header("Location") == crawled.site.url_for(REDIRECT_TARGET)


def test_requisites_are_archived_once_each(crawled: Crawled) -> None:
    for target in REQUISITES:
        # Identical bytes under another URL (logo and texture) may be stored as a revisit.
        url = crawled.site.url_for(target)
        kinds = [r.type for r in crawled.records if r.target == url and r.type != "request"]
        assert kinds in (["response"], ["revisit"]), f"{target}: {kinds}"
        assert crawled.site.requested_targets().count(target) == 1


def test_traps_stay_bounded(crawled: Crawled) -> None:
    targets = crawled.site.requested_targets()
    calendar = [t for t in targets if t.startswith(CALENDAR_START.split("?")[0] + "?")]
    archive = [t for t in targets if t.startswith(ARCHIVE_START.split("?")[0] + "?")]
    assert 1 < len(calendar) <= TRAP_CAP
    assert 1 < len(archive) <= TRAP_CAP
    search_patterns = Counter(
        tuple(sorted(p.split("=")[0] for p in t.split("?", 1)[1].split("&")))
        for t in targets
        if t.startswith("/search?")
    )
    assert search_patterns and max(search_patterns.values()) <= TRAP_CAP
    assert crawled.summary["trap_capped"] > 0
    assert crawled.summary["reason"] == "finished"


def test_session_ids_are_stripped(crawled: Crawled) -> None:
    targets = crawled.site.requested_targets()
    for target in targets:
        assert "jsessionid" not in target.lower()
        assert "sid=" not in target
    # The links that carried session ids were followed, without them.
    assert "/section/world/" in targets
    assert any(t.startswith("/section/world/?page=2") for t in targets)


# Politeness ---------------------------------------------------------------------------------


def test_user_agent_and_accept_encoding(crawled: Crawled) -> None:
    for request in crawled.site.requests():
        agent = request.header("User-Agent") or ""
        assert "newsarchiver" in agent and "+https://" in agent, agent
        assert "Scrapy" not in agent
        assert request.header("Accept-Encoding") == "gzip, deflate"


def test_retry_after_is_honoured(crawled: Crawled) -> None:
    answers = crawled.responses(BUSY)
    assert [r.http_status for r in answers] == [503, 200]
    first, retry = (datetime.fromisoformat(r.headers["WARC-Date"]) for r in answers)
    assert (retry - first).total_seconds() >= 1.0


# The crawl log -------------------------------------------------------------------------------

CRAWL_LOG_LINE = re.compile(
    r"\[spiders\.crawllog\] INFO: fetched (\d{3}|ERR) (\d+) (\S+) (\d+\.\d{3}s) (\S+)$"
)


def test_the_run_log_has_a_line_per_fetched_url(crawled: Crawled) -> None:
    [log] = (crawled.archive.root / "logs").glob("fixture-*.log")
    fetched = [line for line in log.read_text().splitlines() if "] INFO: fetched " in line]
    lines: dict[str, list[tuple[str, ...]]] = {}
    for line in fetched:
        match = CRAWL_LOG_LINE.search(line)
        assert match, line
        lines.setdefault(match[5], []).append(match.groups())
    # One line per response the network delivered, as many as the WARC has response records.
    responses = [r for r in crawled.records if r.type in ("response", "revisit")]
    assert len(fetched) == len(responses)
    [(status, size, kind, _, _)] = lines[crawled.site.url_for(GZIP_ARTICLE)]
    sent = crawled.site.sent(GZIP_ARTICLE)
    assert (status, int(size), kind) == ("200", len(sent.wire) - len(sent.head), "text/html")
    assert [g[0] for g in lines[crawled.site.url_for(NOT_FOUND)]] == ["404"]
    assert [g[0] for g in lines[crawled.site.url_for(REDIRECT_START)]] == ["301"]
    assert [g[0] for g in lines[crawled.site.url_for(BUSY)]] == ["503", "200"]
    assert lines[crawled.site.url_for(ROBOTS)][0][:1] == ("200",)


# WARC records, as transmitted ---------------------------------------------------------------


def test_gzip_and_chunked_articles_are_stored_as_sent(crawled: Crawled) -> None:
    for target in (GZIP_ARTICLE, GZIP_CHUNKED_ARTICLE, CHUNKED_ARTICLE):
        sent = crawled.site.sent(target)
        record = crawled.response(target)
        assert record.payload == sent.wire[len(sent.head) :], target
        assert record.http_header("Content-Encoding") == sent.header("Content-Encoding")
    assert crawled.response(CHUNKED_ARTICLE).http_header("Transfer-Encoding") == "chunked"


def test_response_blocks_are_the_bytes_the_server_sent(crawled: Crawled) -> None:
    blocks = {
        target: block
        for path in crawled.archive.warcs()
        for kind, target, block in http_blocks(path)
        if kind == "response"
    }
    for article in ARTICLES:
        sent = crawled.site.sent(article.path)
        assert blocks[crawled.site.url_for(article.path)] == sent.wire, article.path


def test_record_headers_and_pairing(crawled: Crawled) -> None:
    assert crawled.archive.warcs()
    for path in crawled.archive.warcs():
        records = [r for r in crawled.records if r.warc == path]
        assert records[0].type == "warcinfo"
        warcinfo_id = records[0].headers["WARC-Record-ID"]
        rest = records[1:]
        assert len(rest) % 2 == 0
        for response, request in zip(rest[::2], rest[1::2], strict=True):
            assert response.type in ("response", "revisit")
            assert request.type == "request"
            assert request.headers["WARC-Concurrent-To"] == response.headers["WARC-Record-ID"]
            assert request.headers["WARC-Date"] == response.headers["WARC-Date"]
            assert request.target == response.target
            for record in (response, request):
                assert record.headers["WARC-Warcinfo-ID"] == warcinfo_id
                for name in ("WARC-IP-Address", "WARC-Block-Digest", "WARC-Payload-Digest"):
                    assert record.headers.get(name), f"{name} missing: {record.target}"
            parts = urlsplit(request.target)
            expected = parts.path + (f"?{parts.query}" if parts.query else "")
            assert request.http_head == f"GET {expected} HTTP/1.1"


def test_query_urls_keep_their_query_in_the_request_line(crawled: Crawled) -> None:
    requests = [r for r in crawled.records if r.type == "request" and "?" in r.target]
    assert len(requests) > 3
    for request in requests:
        assert request.http_head.split()[1] == "?".join(
            (urlsplit(request.target).path, urlsplit(request.target).query)
        )


def test_every_warc_passes_warcio_check(crawled: Crawled) -> None:
    assert crawled.archive.warcs()
    for path in crawled.archive.warcs():
        result = warcio_check(path)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


# Replay -------------------------------------------------------------------------------------


@pytest.mark.pywb
def test_pywb_replays_articles_redirect_and_cp1251(crawled: Crawled, pywb: Any) -> None:
    with pywb(crawled.archive.warcs()) as replay:
        for article in ARTICLES:
            sent = crawled.site.sent(article.path)
            expected = sent.body
            assert expected is not None
            if sent.header("Content-Encoding") == "gzip":
                expected = gzip.decompress(expected)
            replayed = replay.get(crawled.site.url_for(article.path))
            assert replayed.status == 200, article.path
            assert replayed.decoded() == expected, article.path
        for path in (CP1251_HEADER_ARTICLE, CP1251_META_ARTICLE):
            body = replay.get(crawled.site.url_for(path)).decoded()
            assert ARTICLES_TITLE[path].encode("windows-1251") in body
        redirect = replay.get(crawled.site.url_for(REDIRECT_START))
        assert redirect.status == 301
        assert redirect.headers["location"].endswith(REDIRECT_HOP)


ARTICLES_TITLE = {article.path: article.title for article in ARTICLES}


# Other ways in ------------------------------------------------------------------------------


def small_site(root: Path, site: FixtureSite, **env: str) -> Archive:
    """An archive whose one site, ``small``, is the fixture site, crawled without delay."""
    options = {
        "start_urls": [site.url_for("/")],
        "download_delay": 0,
        "allow_private_networks": ["127.0.0.1/32"],
    }
    return make_archive(root, {"small": options}, **env)


def test_max_pages_stops_the_crawl(tmp_path: Path, fixture_site: FixtureSite) -> None:
    archive = small_site(tmp_path, fixture_site)
    summary = crawl_json(archive, "small", "--max-pages", "5")
    assert 0 < summary["pages"] <= 5


def test_crawl_serves_no_remote_shell(tmp_path: Path, fixture_site: FixtureSite) -> None:
    """Scrapy's remote control and Telnet console would run Python sent to them inside the
    crawl, which holds the storage credentials; neither may start."""
    state = tmp_path / "state"
    archive = small_site(tmp_path, fixture_site, XDG_STATE_HOME=str(state))
    crawl_json(archive, "small", "--max-pages", "3")
    (log,) = (archive.root / "logs").glob("small-*.log")
    text = log.read_text()
    assert "Enabled extensions" in text
    assert "remote_control" not in text and "TelnetConsole" not in text
    assert not state.exists()


def test_a_fetch_that_failed_is_in_the_crawl_log(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: connections are refused
    start = f"http://127.0.0.1:{port}/"
    archive = make_archive(
        tmp_path, {"gone": {"start_urls": [start], "allow_private_networks": True}}
    )
    done = run_cli(["crawl", "gone", "--json"], archive.env())
    assert done.returncode == 1, done.stderr  # nothing archived: failed
    [log] = (archive.root / "logs").glob("gone-*.log")
    failed = [line for line in log.read_text().splitlines() if "] INFO: fetched " in line]
    assert failed, log.read_text()[-2000:]
    for line in failed:
        assert re.search(r"INFO: fetched ERR 0 - - http://127\.0\.0\.1:\d+/\S* \w+$", line)
    assert any(
        line.endswith(f"{start}robots.txt DownloadConnectionRefusedError") for line in failed
    )


@pytest.mark.parametrize(("option", "present", "absent"), [("-q", None, " INFO: "),
                                                             ("-v", " DEBUG: ", None)])  # fmt: skip
def test_quiet_and_verbose_set_the_run_log_level(
    tmp_path: Path, fixture_site: FixtureSite, option: str, present: str | None, absent: str | None
) -> None:
    archive = small_site(tmp_path, fixture_site)
    done = run_cli([option, "crawl", "small", "--max-pages", "3", "--json"], archive.env())
    assert done.returncode == 0, done.stderr
    [log] = (archive.root / "logs").glob("small-*.log")
    text = log.read_text()
    assert present is None or present in text
    assert absent is None or absent not in text
    assert json.loads(done.stdout)["pages"] > 0


def test_jobs_show_names_the_log_by_its_absolute_path(
    tmp_path: Path, fixture_site: FixtureSite
) -> None:
    archive = small_site(tmp_path, fixture_site)
    env = archive.env(NEWSARCHIVER_LOGS="logs")  # relative to where the crawl ran
    done = run_cli(["crawl", "small", "--max-pages", "2", "--json"], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = run_cli(["jobs", "show", "1", "--json"], env, cwd=REPO)  # from elsewhere
    log = Path(json.loads(shown.stdout)["log"])
    assert log.is_absolute() and log.parent == tmp_path / "logs" and log.is_file()


def test_scrapy_list_and_crawl(tmp_path: Path, fixture_site: FixtureSite) -> None:
    archive = make_archive(
        tmp_path,
        {
            "fixture": {
                "start_urls": [fixture_site.url_for("/")],
                "download_delay": 0,
                "allow_private_networks": ["127.0.0.1/32"],
            }
        },
    )
    listed = subprocess.run(
        [str(BIN / "scrapy"), "list"], cwd=REPO, env=archive.env(), capture_output=True,
        text=True, timeout=60, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert listed.stdout.split() == ["news"]
    crawl = subprocess.run(
        [str(BIN / "scrapy"), "crawl", "news", "-a", "site=fixture", "-a", "max_pages=5"],
        cwd=REPO, env=archive.env(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    warcs = archive.warcs()
    assert warcs
    targets = {r.target for r in archive.records() if r.type == "response"}
    assert fixture_site.url_for(ROBOTS) in targets
    assert fixture_site.url_for("/") in targets
    assert all(warcio_check(path).returncode == 0 for path in warcs)


def test_readme_demo_command(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVER_")}
    # The README's command with a smaller site, to keep the suite fast.
    result = run_cli(["demo", "--articles", "10"], env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert list((tmp_path / "archive").rglob("*.warc.gz"))
    assert "WARC files are in" in result.stdout


def test_the_demo_runs_again_and_on_a_new_size(tmp_path: Path) -> None:
    """A second demo keeps the site the first generated; another size replaces it; a directory
    the demo did not write is never touched."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVER_")}
    manifest = tmp_path / "archive" / "demo-site" / "manifest.json"

    def demo(articles: int) -> None:
        result = run_cli(["demo", "--articles", str(articles), "--json"], env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert json.loads(result.stdout)["status"] == "succeeded"

    demo(10)
    generated = manifest.stat().st_mtime_ns
    demo(10)
    assert manifest.stat().st_mtime_ns == generated
    demo(12)
    assert len(json.loads(manifest.read_text())["articles"]) == 12

    foreign = tmp_path / "elsewhere"
    (foreign / "archive" / "demo-site").mkdir(parents=True)
    (foreign / "archive" / "demo-site" / "notes.txt").write_text("mine")
    result = run_cli(["demo", "--articles", "10"], env, cwd=foreign)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: demo site root")
    assert (foreign / "archive" / "demo-site" / "notes.txt").read_text() == "mine"


@pytest.fixture(scope="module")
def taken_port_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Any]:
    """A demo run while something else holds its port, from a shell whose PATH has no venv."""
    root = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVER_")}
    env["PATH"] = "/usr/bin:/bin"
    with socket.socket() as holder:
        with contextlib.suppress(OSError):  # already taken (another demo): just as good
            holder.bind(("127.0.0.1", 8073))
            holder.listen()
        result = run_cli(["demo", "--articles", "5"], env, cwd=root)
    assert result.returncode == 0, result.stderr[-2000:]
    return root, env, result


def test_demo_on_a_taken_port_says_it_archives_a_new_address(
    taken_port_demo: tuple[Path, dict[str, str], Any],
) -> None:
    _, _, result = taken_port_demo
    assert "note: port 8073 is taken, so the demo site has a new address" in result.stderr
    assert "Serving a demo news site of 5 articles at http://127.0.0.1:8073/" not in result.stderr


def test_the_demo_hint_works_in_a_fresh_shell(
    taken_port_demo: tuple[Path, dict[str, str], Any],
) -> None:
    root, env, result = taken_port_demo
    [hint] = [line for line in result.stdout.splitlines() if line.startswith("Try: ")]
    command = hint.removeprefix("Try: ") + " --json"
    assert command.startswith(str(BIN / "newsarchiver") + " ")  # not on this shell's PATH
    found = subprocess.run(
        ["/bin/sh", "-c", command], env=env, cwd=root, capture_output=True, text=True, timeout=60
    )
    assert found.returncode == 0, found.stderr
    assert len(json.loads(found.stdout)) == 5


def test_make_demo_installs_no_test_tools() -> None:
    def planned(target: str) -> str:
        return subprocess.run(
            ["make", "-n", target, "VENV=/nonexistent/venv"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    demo = planned("demo")
    assert "pip install --quiet -e .\n" in demo and "[test]" not in demo
    assert "pip install --quiet -e '.[test]'" in planned("test")
