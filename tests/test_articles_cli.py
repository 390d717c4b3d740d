"""``newsarchiver articles search|show|get|export`` on a real crawl: output, exit codes, errors.

The fixture site is crawled by the ``newsarchiver crawl`` subprocess into SQLite, and for the
search tests a second time into a fresh PostgreSQL schema. The commands then run through the
real entry point, ``scheduler.cli.main``, in this process (a subprocess per command would spend
seconds importing Scrapy each time): argv and ``NEWSARCHIVER_*`` set as a shell would set them,
stdout and stderr captured, exit codes taken from ``SystemExit``. An exception escaping ``main``
is a traceback a user would see, and fails the test. The tests of what a shell hands the
command (``--``, a query that starts with ``-``, ``--at``, ``--output``) run it in a subprocess.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from sqlalchemy import create_engine, text

from scheduler.cli import main
from tests.crawlhelpers import Archive, crawl_json, make_archive, run_cli
from tests.fixturesite import (
    ARTICLES,
    CP1251_HEADER_ARTICLE,
    CP1251_META_ARTICLE,
    GZIP_ARTICLE,
    HOME,
    REDIRECT_START,
    REDIRECT_TARGET,
    SITE_NAME,
    FixtureSite,
)

CONTRACT_FIELDS = {"url", "title", "authors", "published", "site", "captured_at"}
CONTRACT_FIELDS |= {"warc", "offset", "length"}
RUSSIAN_PATHS = {CP1251_HEADER_ARTICLE, CP1251_META_ARTICLE}


@dataclass(frozen=True)
class Crawled:
    """The fixture site and the archive one crawl of it wrote."""

    site: FixtureSite
    archive: Archive

    def url(self, path: str) -> str:
        return self.site.url_for(path)


@dataclass(frozen=True)
class Outcome:
    """What one command printed, and how it exited."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        assert self.code == 0, self.stderr
        return json.loads(self.stdout)

    def error(self) -> str:
        """The error message, which must be one line and no traceback."""
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("error: "), self.stderr
        return lines[0]


@contextmanager
def _crawl(root: Path, **env: str) -> Iterator[Crawled]:
    with FixtureSite() as site:
        sites = {
            "fixture": {
                "start_urls": [site.url_for(HOME)],
                "allow_private_networks": ["127.0.0.1/32"],
                "download_delay": 0,
                "max_depth": 3,
            }
        }
        archive = make_archive(root, sites, **env)
        crawl_json(archive, "fixture", NEWSARCHIVER_DOWNLOAD_TIMEOUT="5")
        yield Crawled(site, archive)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """The fixture site crawled into a SQLite index."""
    with _crawl(tmp_path_factory.mktemp("articles-cli")) as result:
        yield result


@pytest.fixture(scope="module")
def crawled_postgres(
    tmp_path_factory: pytest.TempPathFactory, pg_database: str
) -> Iterator[Crawled]:
    """The fixture site crawled into a fresh PostgreSQL schema (skipped without a server)."""
    schema = f"cli_{secrets.token_hex(6)}"
    admin = create_engine(pg_database, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{pg_database}?options={quote(f'-csearch_path={schema}')}"
    try:
        with _crawl(tmp_path_factory.mktemp("articles-cli-pg"), NEWSARCHIVER_DB=url) as result:
            # The crawl really wrote to PostgreSQL, not to a default SQLite file.
            with admin.connect() as connection:
                connection.execute(text(f'SET search_path TO "{schema}"'))
                count = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
            assert count > 0
            yield result
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def indexed(request: pytest.FixtureRequest) -> Crawled:
    """A crawl on each index backend, for the tests of search."""
    return request.getfixturevalue("crawled" if request.param == "sqlite" else "crawled_postgres")


Articles = Callable[..., Outcome]


@pytest.fixture
def articles(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Articles:
    """``articles(crawled, "search", "x")`` runs ``newsarchiver articles search x``."""

    def run(crawled: Crawled, *args: str) -> Outcome:
        capsys.readouterr()
        for name, value in crawled.archive.env().items():
            if name.startswith("NEWSARCHIVER_"):
                monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "argv", ["newsarchiver", "articles", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


# search, on SQLite and PostgreSQL ------------------------------------------------------------


def test_search_json_lists_every_article_with_the_contract_fields(
    articles: Articles, indexed: Crawled
) -> None:
    hits = articles(indexed, "search", "--json", "--limit", "100").json()

    assert {hit["url"] for hit in hits} == {indexed.url(a.path) for a in ARTICLES}
    by_url = {hit["url"]: hit for hit in hits}
    for article in ARTICLES:
        hit = by_url[indexed.url(article.path)]
        assert set(hit) >= CONTRACT_FIELDS
        assert hit["title"] == article.title
        assert hit["authors"] == list(article.authors)
        assert datetime.fromisoformat(hit["published"]) == datetime.fromisoformat(article.published)
        assert hit["warc"].startswith("file:///") and hit["warc"].endswith(".warc.gz")
        assert hit["offset"] >= 0 and hit["length"] > 0
    published = [hit["published"] for hit in hits]
    assert published == sorted(published, reverse=True), "no query lists the newest first"


def test_search_finds_a_body_phrase_and_not_an_absent_one(
    articles: Articles, indexed: Crawled
) -> None:
    def found(query: str) -> set[str]:
        hits = articles(indexed, "search", query, "--json").json()
        return {urlsplit(hit["url"]).path for hit in hits}

    assert found('"результат прослужит не одному поколению"') == RUSSIAN_PATHS
    assert found('"applauded as the first vessels"') == {a.path for a in ARTICLES} - RUSSIAN_PATHS
    assert found('"regional funds" -dolphins') == (
        {a.path for a in ARTICLES} - RUSSIAN_PATHS - {ARTICLES[6].path}
    )
    assert found('"the quay applauded the engineers"') == set()
    assert found("zeppelin") == set()


def test_search_table_shows_title_and_count(articles: Articles, indexed: Crawled) -> None:
    result = articles(indexed, "search", "dolphins")

    assert result.code == 0, result.stderr
    assert "River dolphins" in result.stdout
    assert "Officials said" in result.stdout  # the snippet, whose match markers are styling
    assert "[[" not in result.stdout
    assert result.stdout.splitlines()[-1] == "1 to 1 of 1 article(s)"


@pytest.mark.parametrize("query", ['"unclosed phrase', "-", "OR"])
def test_malformed_query_is_a_one_line_usage_error(
    articles: Articles, indexed: Crawled, query: str
) -> None:
    for command in (["search", query], ["export", "--format", "jsonl", "--query", query]):
        result = articles(indexed, *command)
        assert result.code == 2, (command, result.stderr)
        assert "invalid query" in result.error()
        assert result.stdout == ""


# show and get ---------------------------------------------------------------------------------


def test_show_finds_the_article_by_the_url_that_redirected_to_it(
    articles: Articles, crawled: Crawled
) -> None:
    detail = articles(crawled, "show", crawled.url(REDIRECT_START), "--json").json()

    assert detail["url"] == crawled.url(REDIRECT_TARGET)
    assert detail["title"] == ARTICLES[3].title
    assert detail["authors"] == list(ARTICLES[3].authors)
    assert "applauded as the first vessels" in detail["text"]
    assert crawled.url(REDIRECT_START) in detail["aliases"]
    assert [c["type"] for c in detail["captures"]] == ["response"]
    assert detail["captures"][0]["status"] == 200


def test_show_json_gives_the_social_title_the_publisher_and_the_pages_own_offset(
    articles: Articles, crawled: Crawled
) -> None:
    article = ARTICLES[0]
    detail = articles(crawled, "show", crawled.url(article.path), "--json").json()

    assert detail["published"] == article.published  # "2024-03-01T08:30:00+01:00", as written
    assert detail["social_title"] == article.title
    assert detail["publisher"] == SITE_NAME
    assert detail["authors"] == list(article.authors)


def test_show_prints_metadata_and_text(articles: Articles, crawled: Crawled) -> None:
    result = articles(crawled, "show", crawled.url(CP1251_META_ARTICLE))

    assert result.code == 0, result.stderr
    assert ARTICLES[5].title in result.stdout
    assert "Ольга Смирнова, Андрей Козлов" in result.stdout
    assert "captures" in result.stdout


@pytest.mark.parametrize("command", ["show", "get"])
def test_unknown_url_is_a_clear_error(articles: Articles, crawled: Crawled, command: str) -> None:
    unknown = crawled.url("/2024/03/09/never-published/")
    result = articles(crawled, command, unknown)

    assert result.code == 1
    assert unknown in result.error()
    assert result.stdout == ""


@pytest.mark.parametrize("path", [GZIP_ARTICLE, CP1251_HEADER_ARTICLE, CP1251_META_ARTICLE])
def test_get_prints_the_archived_body_decoded(
    articles: Articles, crawled: Crawled, path: str
) -> None:
    sent = crawled.site.sent(path)
    assert sent.body is not None
    raw = gzip.decompress(sent.body) if sent.header("Content-Encoding") == "gzip" else sent.body
    article = next(a for a in ARTICLES if a.path == path)

    result = articles(crawled, "get", crawled.url(path))

    assert result.code == 0, result.stderr
    assert result.stdout == raw.decode(article.charset)
    assert f"<title>{article.title}</title>" in result.stdout


def test_get_at_picks_a_capture_at_or_before_the_time(articles: Articles, crawled: Crawled) -> None:
    url = crawled.url(GZIP_ARTICLE)

    before = articles(crawled, "get", url, "--at", "2000-01-01")
    assert before.code == 1
    assert "at or before 2000-01-01" in before.error()
    assert before.stdout == ""

    later = articles(crawled, "get", url, "--at", "2999-01-01T00:00:00Z")
    assert later.code == 0, later.stderr
    assert ARTICLES[0].title in later.stdout

    bad = articles(crawled, "get", url, "--at", "last tuesday")
    assert bad.code == 2
    assert "--at" in bad.error()


@contextmanager
def _damaged(path: Path, damage: str, record_at: int) -> Iterator[None]:
    """Damage the stored WARC file for the block, then put the original back."""
    backup = path.with_name(path.name + ".bak")
    shutil.copy2(path, backup)
    try:
        if damage == "deleted":
            path.unlink()
        elif damage == "truncated":  # cut inside the record
            with path.open("r+b") as stream:
                stream.truncate(record_at + 100)
        else:  # "garbled": zeros over the record, the file's size kept
            with path.open("r+b") as stream:
                stream.seek(record_at + 20)
                stream.write(bytes(200))
        yield
    finally:
        backup.replace(path)


@pytest.mark.parametrize("damage", ["deleted", "truncated", "garbled"])
def test_get_names_a_missing_or_corrupt_warc_file(
    articles: Articles, crawled: Crawled, damage: str
) -> None:
    url = crawled.url(ARTICLES[7].path)
    capture = articles(crawled, "show", url, "--json").json()["captures"][0]

    with _damaged(Path(urlsplit(capture["warc"]).path), damage, capture["offset"]):
        result = articles(crawled, "get", url)

    assert result.code == 1
    assert capture["warc"] in result.error()
    assert result.stdout == ""
    assert articles(crawled, "get", url).code == 0  # the original is back for the other tests


# export ---------------------------------------------------------------------------------------


def test_export_jsonl_has_one_row_per_article(articles: Articles, crawled: Crawled) -> None:
    result = articles(crawled, "export", "--format", "jsonl")

    assert result.code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(row["url"] for row in rows) == sorted(crawled.url(a.path) for a in ARTICLES)
    by_url = {row["url"]: row for row in rows}
    russian = by_url[crawled.url(CP1251_META_ARTICLE)]
    assert russian["title"] == ARTICLES[5].title
    assert russian["authors"] == list(ARTICLES[5].authors)
    assert "результат прослужит" in russian["text"]


def test_export_csv_has_one_row_per_article(articles: Articles, crawled: Crawled) -> None:
    result = articles(crawled, "export", "--format", "csv", "--since", "2024-03-04")

    assert result.code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    since = datetime(2024, 3, 4, tzinfo=UTC)
    later = [a for a in ARTICLES if datetime.fromisoformat(a.published) >= since]
    assert sorted(row["url"] for row in rows) == sorted(crawled.url(a.path) for a in later)
    by_url = {row["url"]: row for row in rows}
    assert by_url[crawled.url(REDIRECT_TARGET)]["authors"] == "; ".join(ARTICLES[3].authors)


# through the real command, in a subprocess ---------------------------------------------------


def cli(crawled: Crawled, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["articles", *args], crawled.archive.env())


def test_a_query_that_starts_with_a_minus_goes_after_double_dash(crawled: Crawled) -> None:
    result = cli(crawled, "search", "--json", "--", '-dolphins "regional funds"')
    assert result.returncode == 0, result.stderr
    found = {urlsplit(hit["url"]).path for hit in json.loads(result.stdout)}
    assert found == {a.path for a in ARTICLES} - RUSSIAN_PATHS - {ARTICLES[6].path}

    refused = cli(crawled, "search", '-dolphins "regional funds"')
    assert refused.returncode == 2
    [line] = refused.stderr.splitlines()
    assert "goes after '--'" in line


def test_search_shows_the_total_and_says_when_the_limit_cut_it(crawled: Crawled) -> None:
    total = len(ARTICLES)
    cut = cli(crawled, "search", "--limit", "2")
    assert cut.stdout.splitlines()[-1] == (
        f"1 to 2 of {total} article(s); more results: --offset 2"
    )
    last = cli(crawled, "search", "--limit", "2", "--offset", str(total - 1))
    assert last.stdout.splitlines()[-1] == f"{total} to {total} of {total} article(s)"


def test_get_at_takes_a_wayback_timestamp_and_a_date_means_its_end(
    articles: Articles, crawled: Crawled
) -> None:
    url = crawled.url(GZIP_ARTICLE)
    [capture] = articles(crawled, "show", url, "--json").json()["captures"]
    captured = datetime.fromisoformat(capture["captured_at"])
    second = captured.strftime("%Y%m%d%H%M%S")
    before = (captured - timedelta(seconds=1)).strftime("%Y%m%d%H%M%S")
    for at, found in [
        (second, True),
        (before, False),
        (second[:8], True),  # the day, to its end
        (captured.date().isoformat(), True),
        ((captured - timedelta(days=1)).date().isoformat(), False),
    ]:
        result = cli(crawled, "get", url, "--at", at)
        assert result.returncode == (0 if found else 1), (at, result.stderr)
        assert (ARTICLES[0].title in result.stdout) is found, at


def test_export_writes_to_an_output_file(crawled: Crawled, tmp_path: Path) -> None:
    target = tmp_path / "articles.jsonl"
    result = cli(crawled, "export", "--format", "jsonl", "--output", str(target))
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert sorted(row["url"] for row in rows) == sorted(crawled.url(a.path) for a in ARTICLES)
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left beside it
    # A new file gets the umask's mode, not mkstemp's 0600; a file written again keeps its own.
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask != 0o600
    target.chmod(0o640)
    assert cli(crawled, "export", "--format", "jsonl", "-o", str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640

    nowhere = tmp_path / "absent" / "articles.csv"
    refused = cli(crawled, "export", "--format", "csv", "-o", str(nowhere))
    assert refused.returncode == 2 and "is not a directory" in refused.stderr
