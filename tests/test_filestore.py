"""The file:// backend and backend_from_url, on real files in a temporary directory."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storage.backends import (
    ObjectExistsError,
    StorageError,
    StoredObject,
    backend_from_url,
)
from storage.filestore import FileStore
from tests.services import skip_or_fail

CAPTURED = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)
NAME = "NA-20240501233000000-00001-crawler.warc.gz"


def write_warc(path: Path, count: int = 3) -> list[tuple[int, int, str]]:
    """A real .warc.gz of ``count`` responses; returns each record's (offset, length, URI)."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number in range(count):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"http://news.example/{number}",
                    "response",
                    payload=io.BytesIO(f"<p>article {number}</p>".encode()),
                    http_headers=http,
                )
            )
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        located = []
        for record in records:
            records.read_to_end(record)
            uri = record.rec_headers.get_header("WARC-Target-URI")
            located.append((records.get_record_offset(), records.get_record_length(), uri))
        return located


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def only_record(data: bytes) -> tuple[str, bytes]:
    """Parse bytes that must hold exactly one record: its target URI and payload."""
    parsed = [
        (record.rec_headers["WARC-Target-URI"], record.content_stream().read())
        for record in ArchiveIterator(io.BytesIO(data))
    ]
    assert len(parsed) == 1
    return parsed[0]


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    spool = tmp_path / "spool"
    spool.mkdir()
    return spool / NAME


def test_store_verifies_and_reads_back(tmp_path: Path, warc: Path) -> None:
    records = write_warc(warc)
    store = FileStore(tmp_path / "archive")
    store.check()
    key = store.key_for("example", CAPTURED, NAME)
    assert key == f"example/2024/05/01/{NAME}"

    stored = store.store(warc, key, sha256_of(warc))

    destination = tmp_path / "archive" / key
    assert stored == StoredObject(destination.as_uri(), warc.stat().st_size, sha256_of(warc))
    assert stored.url == store.url_for(key)
    assert destination.read_bytes() == warc.read_bytes()
    assert os.listdir(destination.parent) == [NAME]  # no temporary file left behind
    for offset, length, uri in records:
        assert only_record(store.read_range(stored.url, offset, length)) == (
            uri,
            f"<p>article {uri.rsplit('/', 1)[1]}</p>".encode(),
        )
    with store.open_read(stored.url) as stream:
        assert stream.read() == warc.read_bytes()
    assert store.stat(stored.url) == stored


def test_key_dates_are_utc() -> None:
    store = FileStore(Path("/unused"))
    east = timezone(timedelta(hours=2))
    assert store.key_for("a-1", datetime(2024, 5, 2, 1, 0, tzinfo=east), NAME).startswith(
        "a-1/2024/05/01/"
    )
    assert store.key_for("a-1", datetime(2024, 5, 2, 1, 0), NAME).startswith("a-1/2024/05/02/")


@pytest.mark.parametrize("site", ["Example", "-news", "news_1", "a/b", "..", ""])
def test_key_for_rejects_bad_site(site: str) -> None:
    with pytest.raises(StorageError, match="invalid site slug"):
        FileStore(Path("/unused")).key_for(site, CAPTURED, NAME)


@pytest.mark.parametrize("name", ["../x.warc.gz", ".hidden.warc.gz", "a/b.warc.gz", "", ".."])
def test_key_for_rejects_bad_file_name(name: str) -> None:
    with pytest.raises(StorageError, match="invalid file name"):
        FileStore(Path("/unused")).key_for("news", CAPTURED, name)


@pytest.mark.parametrize(
    "key",
    [
        "../escaped.warc.gz",
        "news/../../escaped.warc.gz",
        "/tmp/escaped.warc.gz",
        "news//escaped.warc.gz",
        "news/./escaped.warc.gz",
        "news/.escaped.warc.gz",
        "",
    ],
)
def test_store_refuses_path_traversal(tmp_path: Path, warc: Path, key: str) -> None:
    write_warc(warc)
    store = FileStore(tmp_path / "archive" / "root")
    with pytest.raises(StorageError, match="invalid storage key"):
        store.store(warc, key, sha256_of(warc))
    assert not (tmp_path / "archive").exists()
    assert not (tmp_path / "escaped.warc.gz").exists()


def test_overwrite_refused_identical_retry_accepted(tmp_path: Path, warc: Path) -> None:
    write_warc(warc, count=2)
    other = warc.with_name("other.warc.gz")
    write_warc(other, count=3)
    store = FileStore(tmp_path / "archive")
    key = store.key_for("news", CAPTURED, NAME)

    first = store.store(warc, key, sha256_of(warc))
    assert store.store(warc, key, sha256_of(warc)) == first  # a retry after a crash
    with pytest.raises(ObjectExistsError, match="already exists with other content"):
        store.store(other, key, sha256_of(other))
    assert (tmp_path / "archive" / key).read_bytes() == warc.read_bytes()


def test_racing_writers_cannot_both_win(tmp_path: Path) -> None:
    sources = []
    for number in range(8):
        source = tmp_path / f"{number}.warc.gz"
        source.write_bytes(os.urandom(256 * 1024))
        sources.append(source)
    store = FileStore(tmp_path / "archive")
    key = store.key_for("news", CAPTURED, NAME)

    def attempt(source: Path) -> str:
        try:
            store.store(source, key, sha256_of(source))
        except ObjectExistsError:
            return "refused"
        return source.name

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(attempt, sources))
    winners = [outcome for outcome in outcomes if outcome != "refused"]
    assert len(winners) == 1
    assert (tmp_path / "archive" / key).read_bytes() == (tmp_path / winners[0]).read_bytes()
    assert os.listdir((tmp_path / "archive" / key).parent) == [NAME]


def test_source_not_matching_its_sha256_is_not_stored(tmp_path: Path, warc: Path) -> None:
    write_warc(warc)
    store = FileStore(tmp_path / "archive")
    key = store.key_for("news", CAPTURED, NAME)
    with pytest.raises(StorageError, match=r"does not have sha256 .* nothing stored"):
        store.store(warc, key, hashlib.sha256(b"something else").hexdigest())
    directory = (tmp_path / "archive" / key).parent
    assert os.listdir(directory) == []


def test_invalid_sha256_is_refused(tmp_path: Path, warc: Path) -> None:
    write_warc(warc)
    with pytest.raises(StorageError, match="invalid sha256"):
        FileStore(tmp_path).store(warc, f"news/{NAME}", "ABC")


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A directory this process cannot write to, even as root (immutable attribute)."""
    directory = tmp_path / "read-only"
    directory.mkdir()
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(directory)], capture_output=True).returncode
    else:
        directory.chmod(0o555)
        made = 0
    try:
        if made != 0:
            skip_or_fail("cannot make a directory unwritable here (chattr +i failed)")
        with pytest.raises(OSError):
            (directory / "probe").write_bytes(b"")
        yield directory
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(directory)], capture_output=True)
        directory.chmod(0o755)


def test_unwritable_directory_is_a_storage_error(unwritable: Path, warc: Path) -> None:
    write_warc(warc)
    store = FileStore(unwritable)
    with pytest.raises(StorageError, match=f"storage directory {unwritable} is not writable"):
        store.check()
    with pytest.raises(StorageError, match="cannot create directory"):
        store.store(warc, store.key_for("news", CAPTURED, NAME), sha256_of(warc))


def test_uncreatable_directory_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageError, match=r"cannot create storage directory .*a-file/archive"):
        FileStore(blocker / "archive").check()


def test_read_errors_are_storage_errors(tmp_path: Path, warc: Path) -> None:
    write_warc(warc)
    store = FileStore(tmp_path / "archive")
    stored = store.store(warc, store.key_for("news", CAPTURED, NAME), sha256_of(warc))
    end = warc.stat().st_size - 10
    with pytest.raises(StorageError, match=f"holds 10 of the 20 bytes requested at offset {end}"):
        store.read_range(stored.url, end, 20)
    with pytest.raises(StorageError, match="invalid range"):
        store.read_range(stored.url, 0, 0)
    missing = store.url_for("news/2024/05/01/missing.warc.gz")
    with pytest.raises(StorageError, match=f"{missing} does not exist"):
        store.read_range(missing, 0, 10)
    with pytest.raises(StorageError, match="not a file:///absolute/path URL"):
        store.stat("s3://bucket/key")


def test_backend_from_url_file_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    absolute = backend_from_url(f"file://{tmp_path}/archive")
    assert isinstance(absolute, FileStore)
    assert absolute.root == tmp_path / "archive"
    assert absolute.base_url == (tmp_path / "archive").as_uri()

    monkeypatch.chdir(tmp_path)
    relative = backend_from_url("file://./archive/warcs")
    assert isinstance(relative, FileStore)
    assert relative.root == tmp_path / "archive" / "warcs"
    relative.check()
    assert (tmp_path / "archive" / "warcs").is_dir()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://host/dir", "unsupported storage URL 'ftp://host/dir': use file:// or s3://"),
        ("/plain/path", "unsupported storage URL '/plain/path': use file:// or s3://"),
        ("file://archive", "use file:///absolute/dir or file://./relative/dir"),
        ("file:///archive?x=1", "no '\\?' or '#' allowed"),
    ],
)
def test_backend_from_url_rejects(url: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        backend_from_url(url)


def test_backend_from_url_never_repeats_credentials() -> None:
    with pytest.raises(StorageError) as caught:
        backend_from_url("webdav://archivist:hunter2@dav.example/warcs")
    assert "hunter2" not in str(caught.value)
    assert "dav.example/warcs" in str(caught.value)
