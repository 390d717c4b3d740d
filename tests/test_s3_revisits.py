"""Revisits on S3: two runs into a real SeaweedFS bucket, replayed by pywb from the objects.

Revisit records refer to the first run's responses by record id and URI, not by file, so what
matters is that the objects in the bucket, gathered into one collection, replay: an unchanged
article at its second capture's time is the original page, resolved from the revisit.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from demosite.generator import ORIGIN_PLACEHOLDER, generate_site
from demosite.server import serve_directory
from tests.crawlhelpers import crawl_json, run_cli, warcio_check
from tests.s3server import SeaweedFS
from tests.test_s3_e2e import s3_archive, stored_objects


def _captures(db_path: Path, run_id: int) -> list[dict[str, Any]]:
    with sqlite3.connect(db_path) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("SELECT * FROM captures WHERE run_id = ?", (run_id,))
        return [dict(row) for row in rows]


@pytest.mark.pywb
def test_revisits_in_s3_replay_as_the_original(
    seaweedfs: SeaweedFS, tmp_path: Path, pywb: Any
) -> None:
    bucket = seaweedfs.create_bucket()
    manifest = generate_site(tmp_path / "www", articles=12, seed=6)
    with serve_directory(manifest.root) as site:
        sites = {
            "news": {
                "start_urls": [f"{site.url}/"],
                "allow_private_networks": True,
                "download_delay": 0,
                "max_depth": 3,
                "recapture_after": "0s",
            }
        }
        archive = s3_archive(tmp_path / "archive", sites, seaweedfs, bucket)
        first = crawl_json(archive, "news")
        second = crawl_json(archive, "news")
        origin = site.url
    assert first["status"] == second["status"] == "succeeded"
    assert second["revisits"] > 0

    article = manifest.articles[0]
    url = f"{origin}{article.path}"
    revisit = next(c for c in _captures(archive.db_path, second["run_id"]) if c["url"] == url)
    assert revisit["record_type"] == "revisit"

    # `articles get --at` the revisit reads the referred response from S3.
    stamp = datetime.fromisoformat(revisit["captured_at"])
    expected = (
        (manifest.root / article.path.strip("/") / "index.html")
        .read_bytes()
        .replace(ORIGIN_PLACEHOLDER.encode(), origin.encode())
    )
    got = run_cli(["articles", "get", url, "--at", stamp.isoformat()], archive.env())
    assert got.returncode == 0, got.stderr
    assert got.stdout.encode() == expected

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    warcs = []
    for key in stored_objects(seaweedfs, bucket):
        path = downloads / key.rsplit("/", 1)[1]
        seaweedfs.client().download_file(bucket, key, str(path))
        assert warcio_check(path).returncode == 0
        warcs.append(path)
    assert len(warcs) >= 2

    with pywb(warcs) as replay:
        replayed = replay.get(url, stamp.strftime("%Y%m%d%H%M%S"))
        assert replayed.status == 200
        assert replayed.decoded() == expected
        served = parsedate_to_datetime(replayed.headers["memento-datetime"])
        assert served.strftime("%Y%m%d%H%M%S") == stamp.strftime("%Y%m%d%H%M%S")
