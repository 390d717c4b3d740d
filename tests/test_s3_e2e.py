"""Issue 4 proven end to end: crawls whose WARC files go to a real S3 server (SeaweedFS).

Every crawl here is the ``newsarchiver`` command in a subprocess, configured the way an operator
configures it (``NEWSARCHIVER_STORAGE=s3://bucket/prefix`` and the standard ``AWS_*``
variables). What the store holds is judged with boto3 and ``warcio check``, not with the
project's own reader; the outage test stops the server in the middle of a crawl.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from demosite.generator import generate_site
from demosite.server import serve_directory
from storage.db import Database
from storage.recordaccess import backend_for_object, read_capture
from tests.crawlhelpers import BIN, REPO, Archive, crawl_json, make_archive, run_cli, warcio_check
from tests.fixturesite import ARTICLES, GZIP_ARTICLE, FixtureSite
from tests.s3server import SeaweedFS

PREFIX = "archive/v1"
SLUG = "fixture"
KEY = re.compile(rf"{PREFIX}/{SLUG}/\d{{4}}/\d{{2}}/\d{{2}}/([^/]+\.warc\.gz)")


def s3_archive(root: Path, sites: dict[str, Any], server: SeaweedFS, bucket: str) -> Archive:
    """An archive whose store is ``s3://bucket/PREFIX`` on ``server``."""
    return make_archive(
        root, sites, NEWSARCHIVER_STORAGE=f"s3://{bucket}/{PREFIX}", **server.environ()
    )


def stored_objects(server: SeaweedFS, bucket: str) -> dict[str, dict[str, Any]]:
    """Every object in the bucket, by key."""
    pages = server.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {item["Key"]: item for page in pages for item in page.get("Contents", [])}


def warc_rows(archive: Archive) -> list[dict[str, Any]]:
    with sqlite3.connect(archive.db_path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute("SELECT * FROM warc_files")]


def download_and_check(server: SeaweedFS, bucket: str, key: str, into: Path) -> Path:
    """Fetch an object with boto3 and assert that ``warcio check`` accepts it."""
    path = into / key.rsplit("/", 1)[1]
    server.client().download_file(bucket, key, str(path))
    checked = warcio_check(path)
    assert checked.returncode == 0, f"warcio check {key}: {checked.stdout}{checked.stderr}"
    return path


# A crawl of the fixture site to S3 (one for the module) ---------------------------------


@dataclass
class S3Crawl:
    server: SeaweedFS
    bucket: str
    site: FixtureSite
    archive: Archive
    summary: dict[str, Any]

    def cli_json(self, *args: str) -> Any:
        result = run_cli([*args, "--json"], self.archive.env())
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture(scope="module")
def s3_crawl(seaweedfs: SeaweedFS, tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Crawl]:
    bucket = seaweedfs.create_bucket()
    with FixtureSite() as site:
        sites = {
            SLUG: {
                "start_urls": [site.url_for("/")],
                "download_delay": 0,
                "concurrent_requests": 8,
                "max_depth": 2,
                "allow_private_networks": ["127.0.0.1/32"],
            }
        }
        archive = s3_archive(tmp_path_factory.mktemp("s3crawl"), sites, seaweedfs, bucket)
        # Small files, so that several rotate and are uploaded during the crawl.
        summary = crawl_json(archive, SLUG, NEWSARCHIVER_WARC_MAX_SIZE="20KB")
        yield S3Crawl(seaweedfs, bucket, site, archive, summary)


def test_every_file_lands_at_its_dated_key_and_passes_warcio_check(
    s3_crawl: S3Crawl, tmp_path: Path
) -> None:
    summary = s3_crawl.summary
    assert summary["status"] == "succeeded"
    assert len(summary["warc_files"]) >= 2
    assert summary["stored"] == len(summary["warc_files"])
    assert summary["waiting_upload"] == 0
    objects = stored_objects(s3_crawl.server, s3_crawl.bucket)
    by_name = {m.group(1): key for key in objects if (m := KEY.fullmatch(key))}
    assert sorted(by_name) == sorted(summary["warc_files"]), sorted(objects)
    for key in by_name.values():
        download_and_check(s3_crawl.server, s3_crawl.bucket, key, tmp_path)
    assert list((s3_crawl.archive.root / "spool").iterdir()) == []


def test_index_rows_name_the_objects_with_their_sha256(s3_crawl: S3Crawl) -> None:
    client = s3_crawl.server.client()
    rows = warc_rows(s3_crawl.archive)
    assert len(rows) == len(s3_crawl.summary["warc_files"])
    for row in rows:
        assert row["status"] == "stored"
        prefix = f"s3://{s3_crawl.bucket}/"
        assert row["storage_url"].startswith(prefix)
        head = client.head_object(Bucket=s3_crawl.bucket, Key=row["storage_url"][len(prefix) :])
        assert (head["ContentLength"], head["Metadata"]["sha256"]) == (row["size"], row["sha256"])


def test_search_gives_s3_urls_and_get_reads_from_s3(s3_crawl: S3Crawl) -> None:
    found = s3_crawl.cli_json("articles", "search")
    assert len(found) == len(ARTICLES)
    for article in found:
        assert KEY.fullmatch(article["warc"].removeprefix(f"s3://{s3_crawl.bucket}/"))
    url = s3_crawl.site.url_for(GZIP_ARTICLE)
    got = run_cli(["articles", "get", url], s3_crawl.archive.env())
    assert got.returncode == 0, got.stderr
    assert ARTICLES[0].title in got.stdout


def test_a_capture_is_read_with_one_range_request(
    s3_crawl: S3Crawl, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in s3_crawl.server.environ().items():
        monkeypatch.setenv(name, value)
    url = s3_crawl.site.url_for(GZIP_ARTICLE)
    with sqlite3.connect(s3_crawl.archive.db_path) as connection:
        connection.row_factory = sqlite3.Row
        article = dict(
            connection.execute(
                "SELECT w.storage_url AS warc, c.offset, c.length FROM captures c"
                " JOIN warc_files w ON w.id = c.warc_file_id"
                " WHERE c.url = ? AND c.record_type = 'response'",
                (url,),
            ).fetchone()
        )
    sent: list[tuple[str, str | None]] = []

    def observe(request: Any, **_: Any) -> None:
        sent.append((request.url, request.headers.get("Range")))

    client = backend_for_object(article["warc"]).client  # type: ignore[attr-defined]
    client.meta.events.register("before-send.s3.GetObject", observe)
    try:
        db = Database(s3_crawl.archive.env()["NEWSARCHIVER_DB"])
        record = read_capture(db, article["warc"], article["offset"], article["length"])
    finally:
        client.meta.events.unregister("before-send.s3.GetObject", observe)
    end = article["offset"] + article["length"] - 1
    assert [(article["warc"].rsplit("/", 1)[1] in u, r) for u, r in sent] == [
        (True, f"bytes={article['offset']}-{end}".encode())
    ]
    assert record.target_uri == url


def test_warc_list_and_verify(s3_crawl: S3Crawl) -> None:
    listed = s3_crawl.cli_json("warc", "list")
    assert sorted(e["name"] for e in listed) == sorted(s3_crawl.summary["warc_files"])
    for entry in listed:
        assert entry["status"] == "stored"
        assert entry["location"].startswith(f"s3://{s3_crawl.bucket}/{PREFIX}/{SLUG}/")
        assert entry["size"] > 0 and entry["records"] > 0 and len(entry["sha256"]) == 64
    verified = s3_crawl.cli_json("warc", "verify")
    assert [v["problems"] for v in verified] == [[] for _ in listed]
    assert {v["name"]: v["records"] for v in verified} == {e["name"]: e["records"] for e in listed}


def test_a_replaced_object_fails_verify_naming_the_file(s3_crawl: S3Crawl) -> None:
    """Runs last in the module: it damages one object (and puts the original back)."""
    client = s3_crawl.server.client()
    entry = warc_rows(s3_crawl.archive)[0]
    key = entry["storage_url"].removeprefix(f"s3://{s3_crawl.bucket}/")
    original = client.get_object(Bucket=s3_crawl.bucket, Key=key)
    body, metadata = original["Body"].read(), original["Metadata"]
    damaged = bytearray(body)
    damaged[len(body) // 2] ^= 0xFF
    client.delete_object(Bucket=s3_crawl.bucket, Key=key)
    client.put_object(Bucket=s3_crawl.bucket, Key=key, Body=bytes(damaged), Metadata=metadata)
    try:
        result = run_cli(["warc", "verify", "--json"], s3_crawl.archive.env())
        assert result.returncode == 1, result.stderr
        (bad,) = [v for v in json.loads(result.stdout) if not v["ok"]]
        assert bad["name"] == entry["name"]
        assert any("sha256" in problem for problem in bad["problems"])
        assert entry["name"] in result.stderr.strip()  # the one-line error names it too
    finally:
        client.delete_object(Bucket=s3_crawl.bucket, Key=key)
        client.put_object(Bucket=s3_crawl.bucket, Key=key, Body=body, Metadata=metadata)


# The store goes away in the middle of a crawl ---------------------------------------------


def _wait_for(condition: Any, what: str, deadline: float, process: subprocess.Popen[str]) -> None:
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the crawl ended before {what}: {process.stderr.read()[-2000:]}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # polling interval, bounded by the deadline above


def test_storage_outage_mid_crawl_then_flush_stores_everything(
    seaweedfs_private: SeaweedFS, tmp_path: Path
) -> None:
    server = seaweedfs_private
    bucket = server.create_bucket()
    manifest = generate_site(tmp_path / "www", articles=30, seed=4)
    with serve_directory(manifest.root) as site:
        sites = {
            "news": {
                "start_urls": [f"{site.url}/"],
                "download_delay": 0.05,
                "max_depth": 3,
                "allow_private_networks": True,
            }
        }
        archive = s3_archive(tmp_path / "archive", sites, server, bucket)
        spool = archive.root / "spool"
        crawl = subprocess.Popen(
            [str(BIN / "newsarchiver"), "crawl", "news", "--json"],
            env=archive.env(NEWSARCHIVER_WARC_MAX_SIZE="40KB"),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(
                lambda: any(spool.glob("*.warc.gz.open")),
                "the first WARC file",
                time.monotonic() + 60,
                crawl,
            )
            server.stop()
            out, err = crawl.communicate(timeout=120)
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.wait()
    assert crawl.returncode == 0, err[-3000:]
    summary = json.loads(out)
    assert summary["status"] == "succeeded"  # nothing lost: documented as success
    waiting = sorted(p.name for p in spool.glob("*.warc.gz"))
    assert summary["waiting_upload"] == len(waiting) > 0
    assert not list(spool.glob("*.open"))
    # ... but said on the terminal, with the store the files wait for.
    assert (
        f"warning: {len(waiting)} WARC file(s) of run {summary['run_id']} wait in the spool "
        f"{spool} for s3://{bucket}/{PREFIX}"
    ) in err

    # A flush under another NEWSARCHIVER_STORAGE never sends them there.
    local = tmp_path / "local-store"
    elsewhere = run_cli(
        ["warc", "flush", "--json"], archive.env(NEWSARCHIVER_STORAGE=f"file://{local}")
    )
    assert elsewhere.returncode == 1
    report = json.loads(elsewhere.stdout)
    assert report["stored"] == [] and sorted(report["elsewhere"]) == waiting
    assert {url.rsplit("/", 5)[0] for url in report["elsewhere"].values()} == {
        f"s3://{bucket}/{PREFIX}"
    }
    assert elsewhere.stderr.strip() == (
        f"error: {len(waiting)} file(s) in the spool {spool} wait for another store "
        f"(s3://{bucket}/{PREFIX}), not file://{local}: flush with the NEWSARCHIVER_STORAGE "
        "they were written for"
    )
    assert sorted(p.name for p in spool.glob("*.warc.gz")) == waiting
    assert not list(local.rglob("*.warc.gz"))

    server.start()
    flushed = run_cli(["warc", "flush", "--json"], archive.env())
    assert flushed.returncode == 0, flushed.stderr
    report = json.loads(flushed.stdout)
    assert report["waiting"] == [] and len(report["stored"]) == len(waiting)
    assert list(spool.iterdir()) == []
    rows = {row["name"]: row for row in warc_rows(archive)}
    assert sorted(rows) == sorted(summary["warc_files"])
    objects = stored_objects(server, bucket)
    for name, row in rows.items():
        assert row["status"] == "stored"
        key = row["storage_url"].removeprefix(f"s3://{bucket}/")
        assert re.fullmatch(rf"{PREFIX}/news/\d{{4}}/\d{{2}}/\d{{2}}/{re.escape(name)}", key)
        assert objects[key]["Size"] == row["size"]
        download_and_check(server, bucket, key, tmp_path)


# Configuration errors stop the crawl before anything is fetched ---------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("bucket", "does not exist"),
        ("secret", "denied"),
    ],
)
def test_missing_bucket_or_wrong_credentials_refuse_to_crawl(
    seaweedfs: SeaweedFS, tmp_path: Path, change: str, expected: str
) -> None:
    bucket = seaweedfs.create_bucket()
    with FixtureSite() as site:
        archive = s3_archive(
            tmp_path,
            {SLUG: {"start_urls": [site.url_for("/")], "allow_private_networks": True}},
            seaweedfs,
            bucket,
        )
        env = (
            archive.env(NEWSARCHIVER_STORAGE=f"s3://no-such-bucket-{bucket[-6:]}/{PREFIX}")
            if change == "bucket"
            else archive.env(AWS_SECRET_ACCESS_KEY="not-the-secret")
        )
        result = run_cli(["crawl", SLUG], env)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert expected in lines[0].lower() and "Traceback" not in result.stderr
        assert site.requests() == []


def test_a_crawl_starts_while_the_store_is_down_and_flush_stores_later(
    seaweedfs_private: SeaweedFS, tmp_path: Path
) -> None:
    """An unreachable store is an outage, not a configuration error: the news is still kept."""
    server = seaweedfs_private
    bucket = server.create_bucket()
    server.stop()
    with FixtureSite() as site:
        sites = {
            SLUG: {
                "start_urls": [site.url_for("/")],
                "download_delay": 0,
                "max_depth": 1,
                "allow_private_networks": ["127.0.0.1/32"],
            }
        }
        archive = s3_archive(tmp_path, sites, server, bucket)
        summary = crawl_json(archive, SLUG)
    assert summary["status"] == "succeeded" and summary["pages"] > 0
    spool = archive.root / "spool"
    waiting = sorted(spool.glob("*.warc.gz"))
    assert summary["waiting_upload"] == len(waiting) > 0

    server.start()
    flushed = run_cli(["warc", "flush", "--json"], archive.env())
    assert flushed.returncode == 0, flushed.stderr
    assert len(json.loads(flushed.stdout)["stored"]) == len(waiting)
    assert all(row["status"] == "stored" for row in warc_rows(archive))
