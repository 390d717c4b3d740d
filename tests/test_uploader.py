"""The uploader: spool → verified store → index callback → spool copy removed, and outages."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from storage.backends import (
    WARC_MEDIA_TYPE,
    StorageError,
    StorageUnavailableError,
    StoredObject,
)
from storage.filestore import FileStore
from storage.s3store import S3Options, S3Store
from storage.uploader import Destination, Uploader
from tests.s3server import SeaweedFS

CAPTURED = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
QUICK_S3 = S3Options(connect_timeout=1, read_timeout=20, max_attempts=1)


def closed_file(spool: Path, serial: int, size: int = 50_000) -> Path:
    path = spool / f"NA-20240501120000000-{serial:05d}-crawler.warc.gz"
    path.write_bytes(os.urandom(size))
    return path


def resolve_all_to_news(path: Path) -> Destination:
    return Destination("news", CAPTURED)


class Index:
    """Stands in for the caller's index: records what it was told, and what it saw then."""

    def __init__(self, backend: FileStore | S3Store) -> None:
        self.backend = backend
        self.updates: list[tuple[str, StoredObject]] = []

    def on_stored(self, path: Path, stored: StoredObject) -> None:
        # The contract: called after the verified store, while the spool copy still exists.
        assert path.exists()
        assert self.backend.stat(stored.url).sha256 == stored.sha256
        self.updates.append((path.name, stored))


@pytest.fixture
def spool(tmp_path: Path) -> Path:
    directory = tmp_path / "spool"
    directory.mkdir()
    return directory


@pytest.fixture
def files(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "archive")


def test_upload_stores_then_removes_the_spool_copy(spool: Path, files: FileStore) -> None:
    closed = closed_file(spool, 1)
    data = closed.read_bytes()
    index = Index(files)

    stored = Uploader(files, spool).upload(closed, "news", CAPTURED, on_stored=index.on_stored)

    assert stored.sha256 == hashlib.sha256(data).hexdigest()  # computed, since none was given
    assert stored.url == files.url_for(f"news/2024/05/01/{closed.name}")
    assert index.updates == [(closed.name, stored)]
    assert not closed.exists()
    with files.open_read(stored.url) as stream:
        assert stream.read() == data


def test_upload_with_a_wrong_sha256_keeps_the_file(spool: Path, files: FileStore) -> None:
    closed = closed_file(spool, 1)
    with pytest.raises(StorageError, match="nothing stored"):
        Uploader(files, spool).upload(closed, "news", CAPTURED, "0" * 64)
    assert closed.exists()


def test_upload_refuses_open_files_and_files_outside_the_spool(
    spool: Path, files: FileStore, tmp_path: Path
) -> None:
    uploader = Uploader(files, spool)
    still_open = spool / "NA-20240501120000000-00001-crawler.warc.gz.open"
    still_open.write_bytes(b"partial")
    elsewhere = closed_file(tmp_path, 2)
    with pytest.raises(StorageError, match=r"is not a closed WARC file \(\*\.warc\.gz\)"):
        uploader.upload(still_open, "news", CAPTURED)
    with pytest.raises(StorageError, match="is not in the spool"):
        uploader.upload(elsewhere, "news", CAPTURED)
    assert still_open.exists()
    assert elsewhere.exists()


def test_flush_uploads_closed_files_and_leaves_open_ones(spool: Path, files: FileStore) -> None:
    closed = [closed_file(spool, serial) for serial in (1, 2)]
    still_open = spool / "NA-20240501120000000-00003-crawler.warc.gz.open"
    still_open.write_bytes(b"being written")
    index = Index(files)

    report = Uploader(files, spool).flush(resolve_all_to_news, index.on_stored)

    assert report.ok
    assert [stored.url for stored in report.stored] == [
        files.url_for(f"news/2024/05/01/{path.name}") for path in closed
    ]
    assert [name for name, _ in index.updates] == [path.name for path in closed]
    assert sorted(os.listdir(spool)) == [still_open.name]


def test_index_failure_keeps_the_spool_copy_until_a_later_flush(
    spool: Path, files: FileStore
) -> None:
    closed = closed_file(spool, 1)
    uploader = Uploader(files, spool)

    def index_is_locked(path: Path, stored: StoredObject) -> None:
        raise RuntimeError("database is locked")

    first = uploader.flush(resolve_all_to_news, index_is_locked)
    assert first.stored == []
    assert first.waiting == [closed]
    assert first.errors == [f"{closed.name}: database is locked"]
    assert closed.exists()  # stored, but the index does not know yet: keep the spool copy

    index = Index(files)
    second = uploader.flush(resolve_all_to_news, index.on_stored)
    assert second.ok
    assert [name for name, _ in index.updates] == [closed.name]
    assert not closed.exists()


def test_flush_reports_files_it_cannot_place(spool: Path, files: FileStore) -> None:
    unknown = closed_file(spool, 1)
    clashing = closed_file(spool, 2)
    fine = closed_file(spool, 3)
    other = closed_file(spool.parent, 4)
    files.store(
        other, f"news/2024/05/01/{clashing.name}", hashlib.sha256(other.read_bytes()).hexdigest()
    )

    def resolve(path: Path) -> Destination:
        if path == unknown:
            raise LookupError("no warc_files row for this file")
        return resolve_all_to_news(path)

    report = Uploader(files, spool).flush(resolve, Index(files).on_stored)

    assert [stored.url for stored in report.stored] == [
        files.url_for(f"news/2024/05/01/{fine.name}")
    ]
    assert report.waiting == [unknown, clashing]
    assert report.errors[0] == f"{unknown.name}: no warc_files row for this file"
    assert report.errors[1].startswith(f"{clashing.name}: file://")
    assert "already exists with other content" in report.errors[1]
    assert unknown.exists()
    assert clashing.exists()
    assert not fine.exists()


class Recording:
    """A real backend that records every store() attempt and can act after a failed one."""

    def __init__(
        self,
        backend: FileStore | S3Store,
        attempts: list[str],
        on_failure: Callable[[], None] | None = None,
    ) -> None:
        self.backend = backend
        self.attempts = attempts
        self.on_failure = on_failure

    def __getattr__(self, name: str) -> Any:
        return getattr(self.backend, name)

    def store(
        self, path: Path, key: str, sha256: str, *, content_type: str = WARC_MEDIA_TYPE
    ) -> StoredObject:
        self.attempts.append(path.name)
        try:
            return self.backend.store(path, key, sha256, content_type=content_type)
        except StorageUnavailableError:
            if self.on_failure is not None:
                self.on_failure()
                self.on_failure = None
            raise


@pytest.mark.s3
def test_flush_during_an_outage_keeps_files_then_stores_them_after_restart(
    seaweedfs_private: SeaweedFS, spool: Path
) -> None:
    server = seaweedfs_private
    bucket = server.create_bucket()
    s3 = S3Store(bucket, "warcs", options=QUICK_S3, environ=server.environ())
    closed = [closed_file(spool, serial) for serial in (1, 2, 3)]
    contents = {path.name: path.read_bytes() for path in closed}

    server.stop()
    attempts: list[str] = []
    uploader = Uploader(Recording(s3, attempts), spool)
    started = time.monotonic()
    down = uploader.flush(resolve_all_to_news, Index(s3).on_stored)
    assert time.monotonic() - started < 10
    assert down.stored == []
    assert down.waiting == closed
    assert down.errors == [
        f"{closed[0].name}: storage endpoint {server.endpoint_url} unreachable "
        f"(uploading {s3.url_for('news/2024/05/01/' + closed[0].name)}); "
        "3 file(s) left in the spool"
    ]
    assert attempts == [closed[0].name]  # once: then it stops trying others
    assert all(path.exists() for path in closed)

    server.start()
    index = Index(s3)
    up = uploader.flush(resolve_all_to_news, index.on_stored)
    assert up.ok
    assert len(up.stored) == 3
    assert os.listdir(spool) == []
    for stored in up.stored:
        name = stored.url.rsplit("/", 1)[1]
        with s3.open_read(stored.url) as stream:
            assert stream.read() == contents[name]


class Unavailable(ThreadingHTTPServer):
    """A store that is down behind its front door: every request gets a 503, and is counted."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _Answer503)


class _Answer503(BaseHTTPRequestHandler):
    server: Unavailable

    def _answer(self) -> None:
        self.server.requests.append(f"{self.command} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = do_PUT = do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_file_costs_at_most_max_attempts_tries_of_a_request(spool: Path) -> None:
    closed = [closed_file(spool, serial) for serial in (1, 2)]
    with Unavailable() as store:
        threading.Thread(target=store.serve_forever, daemon=True).start()
        environ = {
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{store.server_address[1]}",
            "AWS_ACCESS_KEY_ID": "key",
            "AWS_SECRET_ACCESS_KEY": "secret",
        }
        options = replace(QUICK_S3, max_attempts=3)
        s3 = S3Store("archive", options=options, environ=environ)
        report = Uploader(s3, spool).flush(resolve_all_to_news, Index(s3).on_stored)
        store.shutdown()
    # The first file's first request, tried max_attempts times; the second file is left for
    # the next flush. Before, the uploader's own retries multiplied these by five.
    name = f"/archive/news/2024/05/01/{closed[0].name}"
    assert store.requests == [f"HEAD {name}"] * options.max_attempts
    assert report.waiting == closed
    assert "HTTP 503" in report.errors[0] and report.errors[0].endswith(
        "2 file(s) left in the spool"
    )
    assert all(path.exists() for path in closed)
