"""What the CLI's tables and summaries show after real crawls: the whole story of a run, every
time with its zone, and URLs, paths, WARC names and digests whole, never cut with "…".

A three-article demo site is crawled twice through the real ``newsarchiver`` (the second run
skips the recent articles and writes revisits), with one start URL at a private address the
site does not allow, so there is a refusal to report.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from demosite.generator import generate_site
from demosite.server import serve_directory
from tests.crawlhelpers import Archive, crawl_json, make_archive, run_cli, run_on_a_terminal

REFUSED = "http://10.255.255.1/never-fetched"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Crawled:
    archive: Archive
    first: dict[str, Any]
    #: What the second crawl printed, and its summary as the index recorded it.
    printed: str
    second: dict[str, Any]

    def rows(self, sql: str) -> list[sqlite3.Row]:
        with sqlite3.connect(self.archive.db_path) as connection:
            connection.row_factory = sqlite3.Row
            return connection.execute(sql).fetchall()

    def cli(self, *args: str) -> str:
        result = run_cli(list(args), self.archive.env(COLUMNS="60"))
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    manifest = generate_site(tmp_path_factory.mktemp("site") / "www", articles=3, seed=19)
    with serve_directory(manifest.root) as server:
        site = {
            "start_urls": [f"{server.url}/", REFUSED],
            "allow_private_networks": ["127.0.0.1/32"],
            "download_delay": 0,
            "max_depth": 3,
        }
        archive = make_archive(tmp_path_factory.mktemp("archive"), {"news": site})
        first = crawl_json(archive, "news")
        # Narrow, as a small terminal window would be: the table must still cut nothing.
        result = run_cli(["crawl", "news"], archive.env(COLUMNS="60"))
    assert result.returncode == 0, result.stderr
    shown = run_cli(["jobs", "show", "2", "--json"], archive.env())
    yield Crawled(archive, first, result.stdout, json.loads(shown.stdout)["summary"])


def row(table: str, name: str) -> str:
    """The value of a two-column summary row (its first line)."""
    match = re.search(rf"^│ {re.escape(name)} +│ (.*?) *│$", table, re.MULTILINE)
    assert match, f"no row {name!r} in\n{table}"
    return match.group(1)


def test_the_summary_tells_the_whole_story(crawled: Crawled) -> None:
    summary, table = crawled.second, crawled.printed
    assert summary["skipped_recent"] > 0 and summary["revisits"] > 0
    assert row(table, "skipped as recent") == str(summary["skipped_recent"])
    assert row(table, "revisits") == str(summary["revisits"])
    assert row(table, "waiting for upload") == "0"
    assert row(table, "refused") == "1" == str(summary["refused_total"])
    assert row(table, "refused URLs") == REFUSED


def test_the_summary_names_the_runs_log_file(crawled: Crawled) -> None:
    log = Path(crawled.second["log_file"])
    assert log.is_absolute() and log.is_file()
    assert row(crawled.printed, "log") == str(log)
    assert crawled.first["log_file"] != str(log)


def test_the_summary_shows_when_the_run_started_in_utc(crawled: Crawled) -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", row(crawled.printed, "started"))


def test_jobs_list_is_a_table_with_times_in_utc(crawled: Crawled) -> None:
    listing = crawled.cli("jobs", "list")
    assert "started (UTC)" in listing
    rows = [line for line in listing.splitlines() if re.match(r"│ +\d+ │", line)]
    assert [line.split("│")[1].strip() for line in rows] == ["2", "1"]
    assert all(re.search(r"│ \d{4}-\d\d-\d\d \d\d:\d\d │", line) for line in rows)


def test_warc_list_shows_names_locations_and_digests_whole(crawled: Crawled) -> None:
    listing = crawled.cli("warc", "list")
    assert "…" not in listing
    lines = listing.splitlines()
    files = crawled.rows("SELECT name, storage_url, sha256 FROM warc_files")
    assert len(files) == 2
    for warc in files:
        for value in warc:
            assert any(f"│ {value} " in line for line in lines), (value, listing)


def test_on_a_narrow_terminal_warc_list_folds_and_cuts_nothing(crawled: Crawled) -> None:
    shown = run_on_a_terminal(["warc", "list"], crawled.archive.env(COLUMNS="60")).decode()
    lines = ANSI.sub("", shown).splitlines()
    assert "…" not in shown and max(len(line) for line in lines) <= 60
    # The first column's lines, put back together, hold each value whole.
    first_column = "".join(line.split("│")[1].strip() for line in lines if line.count("│") > 2)
    for warc in crawled.rows("SELECT name, storage_url, sha256 FROM warc_files"):
        for value in warc:
            assert value in first_column, (value, shown)


def test_articles_show_gives_capture_times_in_utc_and_warc_urls_whole(crawled: Crawled) -> None:
    url = next(iter(crawled.archive.indexed_articles()))
    shown = crawled.cli("articles", "show", url)
    assert "…" not in shown
    # The second run skipped the article as recent: its one capture is in the first's file.
    [first_file] = crawled.first["warc_files"]
    [(warc,)] = crawled.rows(f"SELECT storage_url FROM warc_files WHERE name = '{first_file}'")
    assert f"│ {warc} │" in shown
    assert re.search(r"│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC │", shown)


def test_jobs_show_gives_times_in_utc(crawled: Crawled) -> None:
    shown = crawled.cli("jobs", "show", "1")
    for name in ("queued at", "started at", "finished at"):
        assert re.search(rf"^  {name} +\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", shown, re.M), shown
