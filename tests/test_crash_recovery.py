"""``kill -9`` in the middle of a crawl, then recovery: nothing lost, nothing left blocked.

A crawl of a generated demo site (``newsarchiver crawl`` in a subprocess) is killed with
SIGKILL while it is writing its ``.open`` WARC file. Then, as an operator would:
``newsarchiver warc flush`` must cut the file back to its last complete record, close it and
store it; every capture the index kept must name a record that exists in the stored file
(judged by warcio, not by the project's reader); and the next crawl of the site must start,
succeed, and mark the dead run as interrupted. Run for ``file://`` and for S3 (SeaweedFS).
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from demosite.generator import generate_site
from demosite.server import serve_directory
from tests.crawlhelpers import BIN, REPO, Archive, crawl_json, make_archive, run_cli, warcio_check
from tests.s3server import SeaweedFS

SLUG = "news"
# Enough written that the file holds several complete records and the index some rows.
KILL_AFTER_BYTES = 30_000
KILL_AFTER_CAPTURES = 5


def _captures_committed(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT count(*) FROM captures").fetchone()[0]
    except sqlite3.Error:  # not created yet, or being migrated
        return 0


def _kill_mid_write(archive: Archive) -> Path:
    """Start a crawl, SIGKILL it once its ``.open`` file has records; return that file."""
    spool = archive.root / "spool"
    crawl = subprocess.Popen(
        [str(BIN / "newsarchiver"), "crawl", SLUG, "--json"],
        env=archive.env(),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    try:
        while True:
            opened = [
                p for p in spool.glob("*.warc.gz.open") if p.stat().st_size > KILL_AFTER_BYTES
            ]
            if opened and _captures_committed(archive.db_path) >= KILL_AFTER_CAPTURES:
                break
            assert crawl.poll() is None, f"the crawl ended first: {crawl.stderr.read()[-2000:]}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "no .open file with records in time"
            time.sleep(0.05)  # polling interval, bounded by the deadline above
        os.kill(crawl.pid, signal.SIGKILL)
    finally:
        if crawl.poll() is None and crawl.returncode is None:
            crawl.kill()
        crawl.wait()
        assert crawl.stderr is not None
        crawl.stderr.close()
    assert crawl.returncode == -signal.SIGKILL
    return opened[0]


def _rows(archive: Archive, sql: str, *args: Any) -> list[dict[str, Any]]:
    with sqlite3.connect(archive.db_path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql, args)]


def _reader(server: SeaweedFS | None) -> Any:
    """``read(url, offset, length)`` for the store, with boto3 or plain file reads."""
    if server is None:

        def read_file(url: str, offset: int, length: int) -> bytes:
            with open(urlsplit(url).path, "rb") as stream:
                stream.seek(offset)
                return stream.read(length)

        return read_file
    client = server.client()

    def read_object(url: str, offset: int, length: int) -> bytes:
        parts = urlsplit(url)
        byte_range = f"bytes={offset}-{offset + length - 1}"
        got = client.get_object(Bucket=parts.netloc, Key=parts.path[1:], Range=byte_range)
        return got["Body"].read()

    return read_object


@pytest.mark.parametrize("store", ["file", "s3"])
def test_kill_9_mid_crawl_then_flush_and_next_crawl(
    store: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    server: SeaweedFS | None = None
    extra: dict[str, str] = {}
    if store == "s3":
        server = request.getfixturevalue("seaweedfs")
        extra = {"NEWSARCHIVER_STORAGE": f"s3://{server.create_bucket()}/crash", **server.environ()}
    manifest = generate_site(tmp_path / "www", articles=80, seed=11)
    with serve_directory(manifest.root) as site:
        sites = {
            SLUG: {
                "start_urls": [f"{site.url}/"],
                "download_delay": 0.1,
                "max_depth": 3,
                "allow_private_networks": True,
            }
        }
        archive = make_archive(tmp_path / "archive", sites, **extra)
        abandoned = _kill_mid_write(archive)
        (dead,) = _rows(archive, "SELECT * FROM runs")
        assert dead["status"] == "running"

        flushed = run_cli(["warc", "flush", "--json"], archive.env())
        assert flushed.returncode == 0, flushed.stderr
        (url,) = json.loads(flushed.stdout)["stored"]
        assert not abandoned.exists() and list(archive.root.joinpath("spool").iterdir()) == []
        (row,) = _rows(archive, "SELECT * FROM warc_files")
        assert (row["status"], row["storage_url"]) == ("stored", url)
        assert url.endswith("/" + abandoned.name.removesuffix(".open"))

        read = _reader(server)
        copy = tmp_path / abandoned.name.removesuffix(".open")
        copy.write_bytes(read(url, 0, row["size"]))
        checked = warcio_check(copy)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        with copy.open("rb") as stream:
            assert sum(1 for _ in ArchiveIterator(stream)) == row["records"]

        captures = _rows(archive, "SELECT * FROM captures WHERE run_id = ?", dead["id"])
        assert len(captures) >= KILL_AFTER_CAPTURES
        for capture in captures:
            data = read(url, capture["offset"], capture["length"])
            record = next(ArchiveIterator(io.BytesIO(data)))
            assert record.rec_headers.get_header("WARC-Record-ID") == capture["record_id"]
            assert record.rec_headers.get_header("WARC-Target-URI") == capture["url"]
            record.content_stream().read()  # the whole block decompresses

        summary = crawl_json(archive, SLUG, "--max-pages", "3")
    assert summary["status"] == "succeeded"
    (after,) = _rows(archive, "SELECT status, error FROM runs WHERE id = ?", dead["id"])
    assert after["status"] == "failed" and after["error"].startswith("interrupted"), after
