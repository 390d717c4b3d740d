"""Exports of an archive kept in S3 (a real SeaweedFS): pywb replays the exported CDXJ from the
bucket in place, configured as the README shows, and a WACZ written to ``s3://`` is uploaded
like a WARC file: verified, never overwriting.

Two runs of a small demo site with ``recapture_after = "0s"``: the second run's unchanged
pages are revisits of the first run's responses, which replay must resolve.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from demosite.generator import ORIGIN_PLACEHOLDER, SiteManifest, generate_site
from demosite.server import serve_directory
from tests.crawlhelpers import Archive, crawl_json, run_cli
from tests.pywacz import wacz_validate
from tests.pywbreplay import pywb_configured
from tests.s3server import SeaweedFS
from tests.test_s3_e2e import PREFIX, s3_archive
from tests.waczcontents import pages, read_wacz

pytestmark = pytest.mark.s3


@dataclass
class S3Crawl:
    server: SeaweedFS
    bucket: str
    archive: Archive
    manifest: SiteManifest
    origin: str
    runs: list[dict[str, Any]]

    def revisit_of(self, path: str) -> dict[str, Any]:
        with sqlite3.connect(self.archive.db_path) as connection:
            connection.row_factory = sqlite3.Row
            row = connection.execute(
                "SELECT * FROM captures WHERE run_id = ? AND url = ?",
                (self.runs[1]["run_id"], f"{self.origin}{path}"),
            ).fetchone()
        assert row is not None and row["record_type"] == "revisit"
        return dict(row)


@pytest.fixture(scope="module")
def s3_crawl(seaweedfs: SeaweedFS, tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Crawl]:
    bucket = seaweedfs.create_bucket()
    manifest = generate_site(tmp_path_factory.mktemp("site") / "www", articles=6, seed=4)
    with serve_directory(manifest.root) as site:
        sites = {
            "news": {
                "start_urls": [f"{site.url}/"],
                "allow_private_networks": True,
                "download_delay": 0,
                "recapture_after": "0s",
            }
        }
        archive = s3_archive(tmp_path_factory.mktemp("archive"), sites, seaweedfs, bucket)
        runs = [crawl_json(archive, "news") for _ in range(2)]
        assert runs[1]["revisits"] > 0
        yield S3Crawl(seaweedfs, bucket, archive, manifest, site.url, runs)


@pytest.mark.pywb
def test_pywb_replays_the_cdxj_from_the_bucket(s3_crawl: S3Crawl, tmp_path: Path) -> None:
    index = tmp_path / "news.cdxj"
    result = run_cli(["export", "cdxj", "-o", str(index)], s3_crawl.archive.env())
    assert result.returncode == 0, result.stderr
    first = json.loads(index.read_text().splitlines()[0].split(" ", 2)[2])
    assert first["filename"].startswith("news/")  # a key under the storage root

    article = s3_crawl.manifest.articles[0]
    revisit = s3_crawl.revisit_of(article.path)
    stamp = datetime.fromisoformat(revisit["captured_at"]).strftime("%Y%m%d%H%M%S")
    page = s3_crawl.manifest.root / article.path.strip("/") / "index.html"
    expected = page.read_bytes().replace(ORIGIN_PLACEHOLDER.encode(), s3_crawl.origin.encode())
    server = s3_crawl.server
    # The README's configuration: boto3 in pywb's environment, the store's endpoint for S3.
    env = {
        "AWS_ENDPOINT_URL_S3": server.endpoint_url,
        "AWS_ACCESS_KEY_ID": server.access_key,
        "AWS_SECRET_ACCESS_KEY": server.secret_key,
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    archive_paths = f"s3://{s3_crawl.bucket}/{PREFIX}/"
    with pywb_configured(tmp_path / "pywb", index, archive_paths, env) as replay:
        replayed = replay.get(s3_crawl.origin + article.path, stamp)
        assert replayed.status == 200
        assert replayed.decoded() == expected
        served = parsedate_to_datetime(replayed.headers["memento-datetime"])
        assert served.strftime("%Y%m%d%H%M%S") == stamp  # the revisit, resolved


def test_a_wacz_to_s3_is_verified_and_never_overwritten(s3_crawl: S3Crawl, tmp_path: Path) -> None:
    server, bucket = s3_crawl.server, s3_crawl.bucket
    destination = f"s3://{bucket}/exports/news.wacz"
    args = ["export", "wacz", "-o", destination, "--run", str(s3_crawl.runs[1]["run_id"])]
    result = run_cli([*args, "--json"], s3_crawl.archive.env())
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["url"] == destination
    assert summary["pages"] == len(s3_crawl.manifest.articles)

    head = server.client().head_object(Bucket=bucket, Key="exports/news.wacz")
    assert head["ContentType"] == "application/wacz"
    assert head["Metadata"]["sha256"] == summary["sha256"]
    local = tmp_path / "news.wacz"
    server.client().download_file(bucket, "exports/news.wacz", str(local))
    assert hashlib.sha256(local.read_bytes()).hexdigest() == summary["sha256"]
    assert wacz_validate(local).returncode == 0
    assert len(pages(read_wacz(local))) == summary["pages"]

    # Another object already at the key stays as it was.
    taken = "exports/taken.wacz"
    server.client().put_object(Bucket=bucket, Key=taken, Body=b"someone else's")
    refused = run_cli(["export", "wacz", "-o", f"s3://{bucket}/{taken}"], s3_crawl.archive.env())
    assert refused.returncode == 2
    assert "already exists with other content" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    kept = server.client().get_object(Bucket=bucket, Key=taken)["Body"].read()
    assert kept == b"someone else's"
