"""Scheduled recrawls of a changing site: incremental discovery, revisit records, versions.

One demo site is served for the whole module and crawled three times through the real CLI:

1. a first run archives everything;
2. between runs a new article appears (home page, feed and sitemap link it) and one article
   gets a correction (its sitemap ``lastmod`` says so); the second run, with the default
   ``recapture_after`` of 24 hours, fetches the hubs, the new and the corrected article only;
3. a third run with ``recapture_after = "0s"`` fetches everything again, and every unchanged
   payload becomes a revisit.

The WARC files are judged by warcio and pywb, which this project did not write; so are the
WACZ and CDXJ exports of the three runs (py-wacz's validator, pywb serving the CDXJ in place).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from demosite.generator import ORIGIN_PLACEHOLDER, SiteManifest, generate_site
from demosite.server import serve_directory
from storage.db import Database
from storage.exportselection import ExportFilters
from storage.wacz import write_wacz
from tests.crawlhelpers import (
    Archive,
    Record,
    crawl_json,
    make_archive,
    run_cli,
    warcio_check,
    write_sites,
)
from tests.pywacz import wacz_validate
from tests.pywbreplay import pywb_configured
from tests.waczcontents import index_lines, members, pages, read_wacz

ARTICLES = 40
CORRECTION = "<p>Correction: an earlier version of this article misstated the budget.</p>\n"
NEW_PATH = "/2024/06/29/librarians-open-the-night-reading-room/"
NEW_TITLE = "Librarians open the night reading room"


@dataclass
class Recrawl:
    manifest: SiteManifest
    origin: str
    archive: Archive
    runs: list[dict[str, Any]]
    updated_url: str
    new_url: str

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    def captures(self, run: int) -> list[dict[str, Any]]:
        """The capture rows of the nth run (0-based), via the index database."""
        import sqlite3

        with sqlite3.connect(self.archive.db_path) as connection:
            connection.row_factory = sqlite3.Row
            rows = connection.execute(
                "SELECT * FROM captures WHERE run_id = ?", (self.runs[run]["run_id"],)
            ).fetchall()
        return [dict(row) for row in rows]

    def records(self, run: int) -> list[Record]:
        names = set(self.runs[run]["warc_files"])
        return [r for r in self.archive.records() if r.warc.name in names]

    def cli_json(self, *args: str) -> Any:
        result = run_cli([*args, "--json"], self.archive.env())
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def show(self, url: str) -> dict[str, Any]:
        """``articles show --json``, captures oldest first."""
        article = self.cli_json("articles", "show", url)
        article["captures"].sort(key=lambda capture: capture["captured_at"])
        return article


def requests_sent(summary: dict[str, Any]) -> int:
    return sum(summary["requests_by_status"].values())


def _site(origin: str, recapture_after: str) -> dict[str, Any]:
    return {
        "start_urls": [f"{origin}/"],
        "allow_private_networks": True,
        "download_delay": 0,
        "max_depth": 3,
        "max_pages": 10_000,
        "recapture_after": recapture_after,
    }


def _correct_article(root: Path, path: str, sitemap: Path, when: datetime) -> None:
    """Add a correction to an article and date its sitemap entry after the first capture."""
    page = root / path.strip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('<p class="more">', CORRECTION + '<p class="more">', 1))
    text = sitemap.read_text(encoding="utf-8")
    loc = f"<loc>{ORIGIN_PLACEHOLDER}{path}</loc><lastmod>"
    start = text.index(loc) + len(loc)
    end = text.index("</lastmod>", start)
    sitemap.write_text(text[:start] + when.isoformat() + text[end:], encoding="utf-8")


def _publish_article(root: Path, manifest: SiteManifest) -> None:
    """A new article, built from the newest one, linked from the home page, feed and sitemap."""
    template = manifest.articles[0]
    html = (root / template.path.strip("/") / "index.html").read_text(encoding="utf-8")
    html = html.replace(template.path, NEW_PATH).replace(template.title, NEW_TITLE)
    html = html.replace(
        '<p class="more">', '<p>The room stays open until two.</p>\n<p class="more">', 1
    )
    target = root / NEW_PATH.strip("/")
    target.mkdir(parents=True)
    (target / "index.html").write_text(html, encoding="utf-8")
    teaser = f'<div class="teaser"><h2><a href="{NEW_PATH}">{NEW_TITLE}</a></h2></div>\n'
    home = root / "index.html"
    home.write_text(
        home.read_text(encoding="utf-8").replace(
            "<h1>Latest news</h1>\n", f"<h1>Latest news</h1>\n{teaser}", 1
        ),
        encoding="utf-8",
    )
    item = (
        f"<item>\n<title>{NEW_TITLE}</title>\n<link>{ORIGIN_PLACEHOLDER}{NEW_PATH}</link>\n"
        "<pubDate>Sat, 29 Jun 2024 08:00:00 +0200</pubDate>\n</item>\n"
    )
    feed = root / "feed.xml"
    feed.write_text(
        feed.read_text(encoding="utf-8").replace("<item>", item + "<item>", 1), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def recrawl(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("site")
    manifest = generate_site(root / "www", articles=ARTICLES, seed=6)
    site_root = manifest.root
    with serve_directory(site_root) as server:
        archive = make_archive(
            tmp_path_factory.mktemp("archive"), {"news": _site(server.url, "24h")}
        )
        runs = [crawl_json(archive, "news")]

        updated = manifest.articles[ARTICLES // 2]
        _correct_article(
            site_root, updated.path, site_root / "sitemap-articles-1.xml", datetime.now(UTC)
        )
        _publish_article(site_root, manifest)
        runs.append(crawl_json(archive, "news"))

        write_sites(archive.sites, {"news": _site(server.url, "0s")})
        runs.append(crawl_json(archive, "news"))
        yield Recrawl(
            manifest=manifest,
            origin=server.url,
            archive=archive,
            runs=runs,
            updated_url=f"{server.url}{updated.path}",
            new_url=f"{server.url}{NEW_PATH}",
        )
    shutil.rmtree(root, ignore_errors=True)


def test_first_run_archives_the_whole_site(recrawl: Recrawl) -> None:
    first = recrawl.runs[0]
    assert first["status"] == "succeeded", first
    assert first["articles"] == ARTICLES
    assert first["revisits"] == 0
    assert first["skipped_recent"] == 0


def test_second_run_fetches_hubs_and_changes_only(recrawl: Recrawl) -> None:
    first, second = recrawl.runs[0], recrawl.runs[1]
    assert second["status"] == "succeeded", second
    assert requests_sent(second) < requests_sent(first) / 2, (first, second)
    assert second["skipped_recent"] == ARTICLES - 1
    fetched = {row["url"] for row in recrawl.captures(1)}
    assert recrawl.new_url in fetched
    assert recrawl.updated_url in fetched
    assert recrawl.url("/") in fetched and recrawl.url("/feed.xml") in fetched
    unchanged = {recrawl.url(a.path) for a in recrawl.manifest.articles} - {recrawl.updated_url}
    assert not fetched & unchanged


def test_new_article_is_captured_and_indexed(recrawl: Recrawl) -> None:
    article = recrawl.show(recrawl.new_url)
    assert article["title"] == NEW_TITLE
    assert "The room stays open until two." in article["text"]
    assert article["captures"][0]["type"] == "response"


def test_unchanged_hubs_become_revisits_of_the_first_run(recrawl: Recrawl) -> None:
    first_ids = {row["record_id"]: row for row in recrawl.captures(0)}
    rows = {row["url"]: row for row in recrawl.captures(1)}
    # Section pages did not change; the home page, feed and article sitemap did.
    world = rows[recrawl.url("/world/")]
    assert world["record_type"] == "revisit"
    assert first_ids[world["refers_to_record_id"]]["url"] == recrawl.url("/world/")
    assert rows[recrawl.url("/")]["record_type"] == "response"
    assert rows[recrawl.url("/feed.xml")]["record_type"] == "response"
    assert recrawl.runs[1]["revisits"] == sum(r["record_type"] == "revisit" for r in rows.values())

    revisits = [r for r in recrawl.records(1) if r.type == "revisit"]
    assert revisits
    for record in revisits:
        headers = record.headers
        assert headers["WARC-Profile"].endswith("/revisit/identical-payload-digest")
        assert headers["WARC-Truncated"] == "length"
        assert headers["WARC-Refers-To"] in first_ids
        original = first_ids[headers["WARC-Refers-To"]]
        assert headers["WARC-Refers-To-Target-URI"] == original["url"]
        assert headers["WARC-Payload-Digest"] == original["payload_digest"]
        assert record.payload == b""


def test_every_warc_passes_warcio_check(recrawl: Recrawl) -> None:
    warcs = recrawl.archive.warcs()
    assert len(warcs) >= 3
    for path in warcs:
        result = warcio_check(path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_updated_article_keeps_both_versions(recrawl: Recrawl) -> None:
    article = recrawl.show(recrawl.updated_url)
    assert [v["version"] for v in article["versions"]] == [1, 2]
    assert article["current_version"] == 2
    assert "misstated the budget" in article["text"]
    # Run 1 (response), run 2 (response: the text changed), run 3 (revisit of run 2).
    assert [c["type"] for c in article["captures"]] == ["response", "response", "revisit"]
    for capture in article["captures"]:
        assert set(capture) >= {"captured_at", "type", "warc", "offset", "length"}

    first, second = (c["captured_at"] for c in article["captures"][:2])
    env = recrawl.archive.env()
    before = run_cli(["articles", "get", recrawl.updated_url, "--at", first], env)
    after = run_cli(["articles", "get", recrawl.updated_url, "--at", second], env)
    assert before.returncode == 0 and after.returncode == 0, before.stderr + after.stderr
    assert "misstated the budget" not in before.stdout
    assert "misstated the budget" in after.stdout


def test_unchanged_article_adds_a_capture_but_no_version(recrawl: Recrawl) -> None:
    url = recrawl.url(recrawl.manifest.articles[-1].path)
    article = recrawl.show(url)
    assert [c["type"] for c in article["captures"]] == ["response", "revisit"]
    assert [v["version"] for v in article["versions"]] == [1]
    latest = article["captures"][-1]["captured_at"]
    got = run_cli(["articles", "get", url, "--at", latest], recrawl.archive.env())
    assert got.returncode == 0, got.stderr
    page = recrawl.manifest.root / recrawl.manifest.articles[-1].path.strip("/") / "index.html"
    expected = page.read_text(encoding="utf-8").replace(ORIGIN_PLACEHOLDER, recrawl.origin)
    assert got.stdout.rstrip("\n") == expected.rstrip("\n")


def test_recapture_zero_refetches_everything_as_revisits(recrawl: Recrawl) -> None:
    first, third = recrawl.runs[0], recrawl.runs[2]
    assert third["status"] == "succeeded", third
    assert requests_sent(third) >= requests_sent(first)
    assert third["skipped_recent"] == 0
    rows = recrawl.captures(2)
    articles = {recrawl.url(a.path) for a in recrawl.manifest.articles}
    articles |= {recrawl.new_url}
    kinds = Counter(row["record_type"] for row in rows if row["url"] in articles)
    assert kinds == {"revisit": ARTICLES + 1}
    # Nothing on the site changed since run 2: every complete 2xx payload is a revisit.
    assert all(r["record_type"] == "revisit" for r in rows if 200 <= r["status"] < 300)


@pytest.mark.pywb
def test_pywb_replays_revisits_as_the_original(recrawl: Recrawl, pywb: Any) -> None:
    unchanged = recrawl.manifest.articles[-1]
    url = recrawl.url(unchanged.path)
    revisit = next(r for r in recrawl.captures(2) if r["url"] == url)
    assert revisit["record_type"] == "revisit"
    stamp = datetime.fromisoformat(revisit["captured_at"]).strftime("%Y%m%d%H%M%S")
    page = recrawl.manifest.root / unchanged.path.strip("/") / "index.html"
    expected = page.read_bytes().replace(ORIGIN_PLACEHOLDER.encode(), recrawl.origin.encode())
    with pywb(recrawl.archive.warcs()) as replay:
        replayed = replay.get(url, stamp)
        assert replayed.status == 200
        assert replayed.decoded() == expected
        # The revisit itself was resolved, not the nearest full response of run 1.
        served = parsedate_to_datetime(replayed.headers["memento-datetime"])
        assert served.strftime("%Y%m%d%H%M%S") == stamp
        section = recrawl.url("/world/")
        assert replay.get(section, stamp).status == 200


# Exports of the three runs ----------------------------------------------------------------------


def _wacz(recrawl: Recrawl, path: Path, filters: ExportFilters) -> dict[str, bytes]:
    with path.open("wb") as out:
        write_wacz(Database(f"sqlite:///{recrawl.archive.db_path}"), filters, out)
    validation = wacz_validate(path)
    assert validation.returncode == 0, validation.stdout + validation.stderr
    return read_wacz(path)


def _article_captures(recrawl: Recrawl, run: int | None = None) -> Counter[str]:
    import sqlite3

    query = "SELECT url FROM captures WHERE article_id IS NOT NULL"
    parameters: tuple[Any, ...] = ()
    if run is not None:
        query += " AND run_id = ?"
        parameters = (recrawl.runs[run]["run_id"],)
    with sqlite3.connect(recrawl.archive.db_path) as connection:
        return Counter(url for (url,) in connection.execute(query, parameters))


def test_wacz_of_three_runs_holds_every_version_and_each_capture(
    recrawl: Recrawl, tmp_path: Path
) -> None:
    files = _wacz(recrawl, tmp_path / "three-runs.wacz", ExportFilters())
    listed = Counter(page["url"] for page in pages(files))
    assert listed == _article_captures(recrawl)
    assert len(listed) == ARTICLES + 1
    # Run 1, run 2 (the correction), run 3 (a revisit): three pages, two texts.
    assert listed[recrawl.updated_url] == 3
    bodies = [
        m.body for m in members(files) if m.target == recrawl.updated_url and m.type == "response"
    ]
    assert sorted(b"misstated the budget" in body for body in bodies) == [False, True]
    assert recrawl.runs[2]["run_id"] and all(
        line[2]["filename"].endswith(".warc.gz") for line in index_lines(files)
    )


def test_run_filter_exports_one_run_and_resolves_its_revisits(
    recrawl: Recrawl, tmp_path: Path
) -> None:
    files = _wacz(recrawl, tmp_path / "run3.wacz", ExportFilters(run_id=recrawl.runs[2]["run_id"]))
    assert Counter(page["url"] for page in pages(files)) == _article_captures(recrawl, 2)
    found = members(files)
    own = {row["record_id"] for row in recrawl.captures(2)}
    revisits = [m for m in found if m.type == "revisit"]
    assert revisits and {m.record_id for m in revisits} <= own
    packed = {m.record_id: m for m in found}
    for revisit in revisits:
        original = packed[revisit.refers_to or ""]
        assert original.type == "response" and original.record_id not in own
    # Only run 3's own captures and the earlier responses its revisits need.
    indexed = {(line[2]["url"], line[1]) for line in index_lines(files)}
    assert len(indexed) == len(own) + len({m.refers_to for m in revisits})


def test_date_filters_select_what_search_selects(recrawl: Recrawl, tmp_path: Path) -> None:
    dates = sorted(article.published for article in recrawl.manifest.articles)
    middle = dates[len(dates) // 2].date().isoformat()
    for option, value in (("since", middle), ("until", middle)):
        listed = recrawl.cli_json("articles", "search", f"--{option}", value, "--limit", "1000")
        expected = {hit["url"] for hit in listed}
        assert 0 < len(expected) < ARTICLES
        when = datetime.fromisoformat(value).replace(tzinfo=UTC)
        filters = ExportFilters(since=when) if option == "since" else ExportFilters(until=when)
        files = _wacz(recrawl, tmp_path / f"{option}.wacz", filters)
        assert {page["url"] for page in pages(files)} == expected, option
        # Hub pages were captured today: after `since`, never before `until`.
        assert ("pages/extraPages.jsonl" in files) == (option == "since")


@pytest.mark.pywb
def test_pywb_replays_a_later_runs_revisit_from_the_exported_cdxj(
    recrawl: Recrawl, tmp_path: Path
) -> None:
    index = tmp_path / "run3.cdxj"
    run = str(recrawl.runs[2]["run_id"])
    result = run_cli(["export", "cdxj", "--run", run, "-o", str(index)], recrawl.archive.env())
    assert result.returncode == 0, result.stderr
    unchanged = recrawl.manifest.articles[-1]
    url = recrawl.url(unchanged.path)
    revisit = next(r for r in recrawl.captures(2) if r["url"] == url)
    stamp = datetime.fromisoformat(revisit["captured_at"]).strftime("%Y%m%d%H%M%S")
    page = recrawl.manifest.root / unchanged.path.strip("/") / "index.html"
    expected = page.read_bytes().replace(ORIGIN_PLACEHOLDER.encode(), recrawl.origin.encode())
    store = recrawl.archive.storage.as_uri() + "/"
    with pywb_configured(tmp_path / "pywb", index, store) as replay:
        replayed = replay.get(url, stamp)
        assert replayed.status == 200
        assert replayed.decoded() == expected
        served = parsedate_to_datetime(replayed.headers["memento-datetime"])
        assert served.strftime("%Y%m%d%H%M%S") == stamp
