"""The s3:// backend against a real SeaweedFS (``weed mini``) on loopback."""

from __future__ import annotations

import base64
import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage.backends import (
    ObjectExistsError,
    StorageError,
    StorageUnavailableError,
    StoredObject,
    backend_from_url,
)
from storage.s3store import MiB, S3Options, S3Store
from tests.s3server import SeaweedFS, free_ports
from tests.test_filestore import CAPTURED, NAME, only_record, sha256_of, write_warc

pytestmark = pytest.mark.s3

QUICK = S3Options(connect_timeout=2, read_timeout=20, max_attempts=2)
SMALL_PARTS = replace(QUICK, part_size=5 * MiB)
BIG = 12 * MiB + 12345  # three parts of 5 MiB
LOCKED = {"NEWSARCHIVER_S3_OBJECT_LOCK_MODE": "COMPLIANCE"}


@pytest.fixture
def bucket(seaweedfs: SeaweedFS) -> str:
    return seaweedfs.create_bucket()


def make_store(
    server: SeaweedFS, bucket: str, options: S3Options = QUICK, prefix: str = "warcs"
) -> S3Store:
    return S3Store(bucket, prefix, options=options, environ=server.environ())


def random_file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def b64_sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def test_store_verify_and_read_range(seaweedfs: SeaweedFS, bucket: str, tmp_path: Path) -> None:
    warc = tmp_path / NAME
    records = write_warc(warc, count=4)
    sha256 = sha256_of(warc)
    store = backend_from_url(f"s3://{bucket}/warcs", s3_options=QUICK, environ=seaweedfs.environ())
    assert isinstance(store, S3Store)
    store.check()
    key = store.key_for("news", CAPTURED, NAME)

    stored = store.store(warc, key, sha256)

    url = f"s3://{bucket}/warcs/news/2024/05/01/{NAME}"
    assert stored == StoredObject(url, warc.stat().st_size, sha256)
    assert store.url_for(key) == url
    head = seaweedfs.client().head_object(Bucket=bucket, Key=f"warcs/{key}", ChecksumMode="ENABLED")
    assert head["Metadata"] == {"sha256": sha256}
    assert head["ChecksumSHA256"] == b64_sha256(warc.read_bytes())
    assert head["ContentLength"] == warc.stat().st_size

    received: list[int] = []
    store.client.meta.events.register(
        "after-call.s3.GetObject",
        lambda parsed, **_: received.append(parsed["ContentLength"]),
    )
    for offset, length, uri in records:
        target, payload = only_record(store.read_range(url, offset, length))
        assert target == uri
        assert payload == f"<p>article {uri.rsplit('/', 1)[1]}</p>".encode()
    assert received == [length for _, length, _ in records]  # ranged GETs, nothing more

    with store.open_read(url) as stream:
        assert stream.read() == warc.read_bytes()
    assert store.stat(url) == stored


def test_multipart_upload_of_a_file_larger_than_a_part(
    seaweedfs: SeaweedFS, bucket: str, tmp_path: Path
) -> None:
    source = random_file(tmp_path / NAME, BIG)
    data = source.read_bytes()
    store = make_store(seaweedfs, bucket, SMALL_PARTS)
    key = store.key_for("news", CAPTURED, NAME)

    stored = store.store(source, key, sha256_of(source))

    client = seaweedfs.client()
    head = client.head_object(Bucket=bucket, Key=f"warcs/{key}", ChecksumMode="ENABLED")
    assert head["ETag"].endswith('-3"')
    parts = [data[i : i + 5 * MiB] for i in range(0, BIG, 5 * MiB)]
    composite = b"".join(hashlib.sha256(part).digest() for part in parts)
    assert head["ChecksumSHA256"] == f"{b64_sha256(composite)}-3"
    assert store.read_range(stored.url, 5 * MiB - 10, 20) == data[5 * MiB - 10 : 5 * MiB + 10]
    with store.open_read(stored.url) as stream:
        assert hashlib.sha256(stream.read()).hexdigest() == stored.sha256
    assert "Uploads" not in client.list_multipart_uploads(Bucket=bucket)


@pytest.mark.parametrize("size", [64 * 1024, BIG], ids=["single", "multipart"])
def test_file_not_matching_its_sha256_is_not_stored(
    seaweedfs: SeaweedFS, bucket: str, tmp_path: Path, size: int
) -> None:
    source = random_file(tmp_path / NAME, size)
    store = make_store(seaweedfs, bucket, SMALL_PARTS)
    key = store.key_for("news", CAPTURED, NAME)
    with pytest.raises(StorageError, match="nothing stored"):
        store.store(source, key, hashlib.sha256(b"other bytes").hexdigest())
    client = seaweedfs.client()
    assert client.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
    assert "Uploads" not in client.list_multipart_uploads(Bucket=bucket)


@pytest.mark.parametrize("size", [64 * 1024, BIG], ids=["single", "multipart"])
def test_overwrite_refused_identical_retry_accepted(
    seaweedfs: SeaweedFS, bucket: str, tmp_path: Path, size: int
) -> None:
    source = random_file(tmp_path / NAME, size)
    other = random_file(tmp_path / "other.warc.gz", size)
    store = make_store(seaweedfs, bucket, SMALL_PARTS)
    key = store.key_for("news", CAPTURED, NAME)

    first = store.store(source, key, sha256_of(source))
    assert store.store(source, key, sha256_of(source)) == first
    with pytest.raises(ObjectExistsError, match="already exists with other content"):
        store.store(other, key, sha256_of(other))
    with store.open_read(first.url) as stream:
        assert stream.read() == source.read_bytes()


@pytest.mark.parametrize(
    ("size", "operation"),
    [(64 * 1024, "PutObject"), (BIG, "CompleteMultipartUpload")],
    ids=["single", "multipart"],
)
def test_conditional_write_stops_a_writer_that_slipped_in(
    seaweedfs: SeaweedFS, bucket: str, tmp_path: Path, size: int, operation: str
) -> None:
    """Another writer creates the key after our HEAD: If-None-Match makes the store refuse."""
    source = random_file(tmp_path / NAME, size)
    intruder = os.urandom(1000)
    store = make_store(seaweedfs, bucket, SMALL_PARTS)
    key = store.key_for("news", CAPTURED, NAME)
    other_client = seaweedfs.client()

    def write_first(**_: Any) -> None:
        store.client.meta.events.unregister(f"before-call.s3.{operation}", write_first)
        other_client.put_object(
            Bucket=bucket, Key=f"warcs/{key}", Body=intruder, Metadata={"sha256": "0" * 64}
        )

    store.client.meta.events.register(f"before-call.s3.{operation}", write_first)
    with pytest.raises(ObjectExistsError):
        store.store(source, key, sha256_of(source))
    stored = other_client.get_object(Bucket=bucket, Key=f"warcs/{key}")["Body"].read()
    assert stored == intruder


def test_racing_writers_cannot_both_win(seaweedfs: SeaweedFS, bucket: str, tmp_path: Path) -> None:
    sources = [random_file(tmp_path / f"{n}.warc.gz", 200 * 1024) for n in range(6)]
    store = make_store(seaweedfs, bucket)
    key = store.key_for("news", CAPTURED, NAME)

    def attempt(source: Path) -> Path | None:
        try:
            store.store(source, key, sha256_of(source))
        except ObjectExistsError:
            return None
        return source

    with ThreadPoolExecutor(len(sources)) as pool:
        winners = [winner for winner in pool.map(attempt, sources) if winner is not None]
    assert len(winners) == 1
    with store.open_read(store.url_for(key)) as stream:
        assert stream.read() == winners[0].read_bytes()


def test_missing_bucket(seaweedfs: SeaweedFS, tmp_path: Path) -> None:
    source = random_file(tmp_path / NAME, 1000)
    store = make_store(seaweedfs, "no-such-bucket")
    with pytest.raises(StorageError, match=r"^bucket 'no-such-bucket' does not exist$"):
        store.check()
    with pytest.raises(StorageError, match=r"^bucket 'no-such-bucket' does not exist$"):
        store.store(source, store.key_for("news", CAPTURED, NAME), sha256_of(source))


@pytest.mark.parametrize("who", ["wrong-secret", "unknown-key"])
def test_wrong_credentials(seaweedfs: SeaweedFS, bucket: str, tmp_path: Path, who: str) -> None:
    source = random_file(tmp_path / NAME, 1000)
    environ = seaweedfs.environ()
    if who == "wrong-secret":
        environ["AWS_SECRET_ACCESS_KEY"] = "not-the-secret-4711"
    else:
        environ["AWS_ACCESS_KEY_ID"] = "nobody-4711"
    store = S3Store(bucket, "warcs", options=QUICK, environ=environ)
    expected = f"^access denied to s3://{bucket} \\(check credentials\\)$"
    with pytest.raises(StorageError, match=expected) as checked:
        store.check()
    with pytest.raises(StorageError, match=expected) as stored:
        store.store(source, store.key_for("news", CAPTURED, NAME), sha256_of(source))
    for message in (str(checked.value), str(stored.value)):
        assert "4711" not in message
        assert seaweedfs.secret_key not in message


def test_unreachable_endpoint_fails_fast(tmp_path: Path) -> None:
    source = random_file(tmp_path / NAME, 1000)
    (port,) = free_ports(1)
    environ = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "key",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    options = replace(QUICK, connect_timeout=1, max_attempts=1)
    store = S3Store("archive", options=options, environ=environ)
    started = time.monotonic()
    expected = f"^storage endpoint http://127.0.0.1:{port} unreachable"
    with pytest.raises(StorageUnavailableError, match=expected):
        store.check()
    with pytest.raises(StorageUnavailableError, match=expected):
        store.store(source, store.key_for("news", CAPTURED, NAME), sha256_of(source))
    assert time.monotonic() - started < 5


def test_client_configuration_defaults() -> None:
    store = S3Store("archive", options=S3Options.from_env({}), environ={})
    config = store.client.meta.config
    assert config.request_checksum_calculation == "when_required"
    assert config.response_checksum_validation == "when_required"
    assert config.retries == {"mode": "standard", "total_max_attempts": 5}
    assert config.s3 == {"addressing_style": "path"}
    assert (config.connect_timeout, config.read_timeout) == (10.0, 60.0)
    assert store.options.part_size == 64 * MiB


def test_client_configuration_from_environment() -> None:
    environ = {
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_DEFAULT_REGION": "eu-central-1",
        "NEWSARCHIVER_S3_ADDRESSING_STYLE": "virtual",
        "NEWSARCHIVER_S3_CHECKSUMS": "when_supported",
        "NEWSARCHIVER_S3_SSE": "aws:kms",
        "NEWSARCHIVER_S3_SSE_KMS_KEY_ID": "alias/archive",
        "NEWSARCHIVER_S3_OBJECT_LOCK_MODE": "COMPLIANCE",
        "NEWSARCHIVER_S3_OBJECT_LOCK_DAYS": "3650",
    }
    store = backend_from_url("s3://archive/warcs", environ=environ)
    assert isinstance(store, S3Store)
    config = store.client.meta.config
    assert config.request_checksum_calculation == "when_supported"
    assert config.response_checksum_validation == "when_supported"
    assert config.s3 == {"addressing_style": "virtual"}
    assert store.client.meta.region_name == "eu-central-1"
    assert store.endpoint == "http://127.0.0.1:9"
    assert store.options == S3Options(
        addressing_style="virtual",
        checksums="when_supported",
        sse="aws:kms",
        sse_kms_key_id="alias/archive",
        object_lock_mode="COMPLIANCE",
        object_lock_days=3650,
    )


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"NEWSARCHIVER_S3_ADDRESSING_STYLE": "host"}, "ADDRESSING_STYLE must be one of"),
        ({"NEWSARCHIVER_S3_CHECKSUMS": "always"}, "CHECKSUMS must be one of"),
        ({"NEWSARCHIVER_S3_SSE": "aes256"}, "SSE must be one of AES256, aws:kms"),
        ({"NEWSARCHIVER_S3_SSE_KMS_KEY_ID": "k"}, "KMS_KEY_ID needs NEWSARCHIVER_S3_SSE=aws:kms"),
        ({"NEWSARCHIVER_S3_OBJECT_LOCK_MODE": "GOVERNANCE"}, "must be set together"),
        (
            {
                "NEWSARCHIVER_S3_OBJECT_LOCK_MODE": "COMPLIANCE",
                "NEWSARCHIVER_S3_OBJECT_LOCK_DAYS": "x",
            },
            "OBJECT_LOCK_DAYS must be a whole number",
        ),
        (
            {
                "NEWSARCHIVER_S3_OBJECT_LOCK_MODE": "COMPLIANCE",
                "NEWSARCHIVER_S3_OBJECT_LOCK_DAYS": "0",
            },
            "OBJECT_LOCK_DAYS must be at least 1",
        ),
    ],
)
def test_options_from_environment_reject_bad_values(environ: dict[str, str], message: str) -> None:
    with pytest.raises(StorageError, match=message):
        S3Options.from_env(environ)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("s3://ab", "invalid bucket"),
        ("s3://Archive/x", "invalid bucket"),
        ("s3://archive/../x", "invalid path"),
        ("s3://archive/x?versionId=1", "no '\\?' or '#' allowed"),
        ("s3://AKIAKEY:topsecret@archive/x", "credentials in the storage URL are not supported"),
    ],
)
def test_s3_urls_rejected(url: str, message: str) -> None:
    with pytest.raises(StorageError, match=message) as caught:
        backend_from_url(url, environ={})
    assert "topsecret" not in str(caught.value)


def test_bucket_without_prefix(seaweedfs: SeaweedFS, bucket: str, tmp_path: Path) -> None:
    source = random_file(tmp_path / NAME, 1000)
    store = backend_from_url(f"s3://{bucket}", s3_options=QUICK, environ=seaweedfs.environ())
    assert store.base_url == f"s3://{bucket}"
    stored = store.store(source, store.key_for("news", CAPTURED, NAME), sha256_of(source))
    assert stored.url == f"s3://{bucket}/news/2024/05/01/{NAME}"


@pytest.mark.parametrize("size", [64 * 1024, BIG], ids=["single", "multipart"])
def test_encryption_and_retention_are_applied(
    seaweedfs: SeaweedFS, tmp_path: Path, size: int
) -> None:
    bucket = seaweedfs.create_bucket(object_lock=True)
    source = random_file(tmp_path / NAME, size)
    options = replace(SMALL_PARTS, sse="AES256", object_lock_mode="GOVERNANCE", object_lock_days=2)
    store = make_store(seaweedfs, bucket, options)
    key = store.key_for("news", CAPTURED, NAME)

    store.store(source, key, sha256_of(source))

    head = seaweedfs.client().head_object(Bucket=bucket, Key=f"warcs/{key}")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ObjectLockMode"] == "GOVERNANCE"
    retain_until = head["ObjectLockRetainUntilDate"]
    assert abs(retain_until - (datetime.now(UTC) + timedelta(days=2))) < timedelta(minutes=5)


def test_read_errors(seaweedfs: SeaweedFS, bucket: str, tmp_path: Path) -> None:
    source = random_file(tmp_path / NAME, 1000)
    store = make_store(seaweedfs, bucket)
    stored = store.store(source, store.key_for("news", CAPTURED, NAME), sha256_of(source))
    with pytest.raises(StorageError, match="the range is outside the object"):
        store.read_range(stored.url, 5000, 10)
    with pytest.raises(StorageError, match="holds 10 of the 20 bytes requested at offset 990"):
        store.read_range(stored.url, 990, 20)
    missing = f"s3://{bucket}/warcs/missing.warc.gz"
    with pytest.raises(StorageError, match=f"^{missing} does not exist$"):
        store.read_range(missing, 0, 10)
    with pytest.raises(StorageError, match=f"^{missing} does not exist$"):
        store.stat(missing)
    seaweedfs.client().put_object(Bucket=bucket, Key="foreign.warc.gz", Body=b"x")
    with pytest.raises(StorageError, match="has no sha256 metadata"):
        store.stat(f"s3://{bucket}/foreign.warc.gz")
    with pytest.raises(StorageError, match="not an s3://bucket/key URL"):
        store.stat("file:///tmp/x.warc.gz")
