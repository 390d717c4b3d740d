"""The ``s3://`` storage backend: WARC files in any S3-compatible object store, via boto3.

Used when many machines share one archive (``NEWSARCHIVER_STORAGE=s3://bucket/prefix``): AWS S3,
SeaweedFS, Ceph RGW, MinIO, R2. Endpoint, credentials, region and profile come from boto3's own
chain (``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ...); what boto3 cannot guess about a
non-AWS store comes from ``NEWSARCHIVER_S3_*`` variables (:class:`S3Options`).

How an upload keeps the promises of :mod:`storage.backends`:

- Never overwrite: a ``HEAD`` first (a retry after a crash finds its own object and accepts it
  if the recorded SHA-256 matches), then a conditional write with ``If-None-Match: *`` on
  ``PutObject`` and on ``CompleteMultipartUpload``, so two writers racing for one key cannot
  both win. SeaweedFS 4.x honours both (``412 PreconditionFailed``); for a store that ignores
  the header, the ``HEAD`` is the remaining guard.
- End-to-end SHA-256: a file up to one part is sent with ``ChecksumSHA256`` of the whole file,
  which the store checks before accepting it. A larger file goes in parts (64 MiB by default),
  each with its own ``ChecksumSHA256`` checked by the store; the parts are hashed in one
  sequential pass that also hashes the whole file, and the upload is completed only if that
  equals the expected SHA-256 (otherwise it is aborted, so nothing becomes visible).
  s3transfer's ``upload_file`` is not used because it can send neither ``If-None-Match`` nor
  stop between the last part and the completion to compare the whole-file digest.
- Parts are streamed from disk (never held in memory), a few at a time.
- Afterwards ``HeadObject`` must show the size, the ``sha256`` metadata and, when the store
  returns one, the matching checksum (``<b64>`` or the composite ``<b64>-<parts>``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import os
import re
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import boto3
from botocore import exceptions as botocore_errors
from botocore.config import Config
from s3transfer.utils import ReadFileChunk

from storage.backends import (
    WARC_MEDIA_TYPE,
    ObjectExistsError,
    StorageError,
    StorageUnavailableError,
    StoredObject,
    object_key,
    redact_url,
    validate_key,
    validate_prefix,
    validate_sha256,
)

MiB = 1024 * 1024
DEFAULT_PART_SIZE = 64 * MiB
# S3's limits: every part but the last is at least 5 MiB, and an upload has at most 10,000 parts.
MIN_PART_SIZE = 5 * MiB
_MAX_PARTS = 10_000
_HASH_BLOCK = MiB
_BUCKET_NAME = re.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")

_ACCESS_DENIED = frozenset(
    {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken"}
)
_TRY_LATER = frozenset(
    {
        "SlowDown",
        "Throttling",
        "ThrottlingException",
        "RequestTimeout",
        "RequestTimeTooSkewed",
        "ServiceUnavailable",
        "InternalError",
        "ConditionalRequestConflict",
    }
)


def _choice(environ: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = environ.get(name, "").strip()
    if not value:
        return None
    if value not in allowed:
        raise StorageError(f"{name} must be one of {', '.join(allowed)} (got {value!r})")
    return value


@dataclass(frozen=True)
class S3Options:
    """How to talk to the store: boto3 settings that must differ between AWS and the rest.

    ``part_size``, ``max_concurrency``, timeouts and ``max_attempts`` are not read from the
    environment; they are fields so that tests and benchmarks can shrink or grow them.
    """

    addressing_style: str = "path"
    checksums: str = "when_required"
    sse: str | None = None
    sse_kms_key_id: str | None = None
    object_lock_mode: str | None = None
    object_lock_days: int | None = None
    part_size: int = DEFAULT_PART_SIZE
    max_concurrency: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    #: Tries of each request, the first included: botocore's standard retries, the only retry
    #: layer of an upload (storage.uploader), with backoff of up to 1, 2, 4, 8 s between tries.
    max_attempts: int = 5

    def __post_init__(self) -> None:
        if self.addressing_style not in ("path", "virtual", "auto"):
            raise StorageError(
                f"S3 addressing style must be path, virtual or auto (got {self.addressing_style!r})"
            )
        if self.checksums not in ("when_required", "when_supported"):
            raise StorageError(
                f"S3 checksums must be when_required or when_supported (got {self.checksums!r})"
            )
        if self.sse not in (None, "AES256", "aws:kms"):
            raise StorageError(f"S3 server-side encryption must be AES256 or aws:kms ({self.sse})")
        if self.sse_kms_key_id and self.sse != "aws:kms":
            raise StorageError("NEWSARCHIVER_S3_SSE_KMS_KEY_ID needs NEWSARCHIVER_S3_SSE=aws:kms")
        if self.object_lock_mode not in (None, "GOVERNANCE", "COMPLIANCE"):
            raise StorageError(
                f"S3 object lock mode must be GOVERNANCE or COMPLIANCE ({self.object_lock_mode!r})"
            )
        if (self.object_lock_mode is None) != (self.object_lock_days is None):
            raise StorageError(
                "NEWSARCHIVER_S3_OBJECT_LOCK_MODE and NEWSARCHIVER_S3_OBJECT_LOCK_DAYS "
                "must be set together"
            )
        if self.object_lock_days is not None and self.object_lock_days < 1:
            raise StorageError(
                f"NEWSARCHIVER_S3_OBJECT_LOCK_DAYS must be at least 1 ({self.object_lock_days})"
            )
        if self.part_size < MIN_PART_SIZE:
            raise StorageError(f"S3 part size must be at least 5 MiB ({self.part_size} bytes)")
        if self.max_concurrency < 1 or self.max_attempts < 1:
            raise StorageError("S3 max_concurrency and max_attempts must be at least 1")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> S3Options:
        """Read ``NEWSARCHIVER_S3_*`` from ``environ`` (default ``os.environ``)."""
        env = os.environ if environ is None else environ
        days_text = env.get("NEWSARCHIVER_S3_OBJECT_LOCK_DAYS", "").strip()
        try:
            days = int(days_text) if days_text else None
        except ValueError:
            raise StorageError(
                f"NEWSARCHIVER_S3_OBJECT_LOCK_DAYS must be a whole number of days ({days_text!r})"
            ) from None
        return cls(
            addressing_style=_choice(
                env, "NEWSARCHIVER_S3_ADDRESSING_STYLE", ("path", "virtual", "auto")
            )
            or "path",
            checksums=_choice(env, "NEWSARCHIVER_S3_CHECKSUMS", ("when_required", "when_supported"))
            or "when_required",
            sse=_choice(env, "NEWSARCHIVER_S3_SSE", ("AES256", "aws:kms")),
            sse_kms_key_id=env.get("NEWSARCHIVER_S3_SSE_KMS_KEY_ID", "").strip() or None,
            object_lock_mode=_choice(
                env, "NEWSARCHIVER_S3_OBJECT_LOCK_MODE", ("GOVERNANCE", "COMPLIANCE")
            ),
            object_lock_days=days,
        )

    def client_config(self) -> Config:
        """botocore configuration: standard retries, addressing style, checksum policy."""
        return Config(
            retries={"mode": "standard", "total_max_attempts": self.max_attempts},
            s3={"addressing_style": self.addressing_style},
            # boto3 >= 1.36 sends CRC32 trailers by default, which many non-AWS stores reject.
            request_checksum_calculation=self.checksums,
            response_checksum_validation=self.checksums,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            max_pool_connections=max(10, self.max_concurrency),
            user_agent_appid="newsarchiver",
        )


class S3Store:
    """WARC files in one bucket, at ``{prefix}/{site}/{YYYY}/{MM}/{DD}/{file}``."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        options: S3Options | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        _check_bucket_name(bucket)
        self.bucket = bucket
        self.prefix = validate_prefix(prefix, f"s3://{bucket}/{prefix}")
        self.options = options if options is not None else S3Options.from_env(environ)
        self.base_url = f"s3://{bucket}/{self.prefix}" if self.prefix else f"s3://{bucket}"
        self.client = _make_client(self.options, os.environ if environ is None else environ)
        self.endpoint = redact_url(self.client.meta.endpoint_url)

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        options: S3Options | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> S3Store:
        """``s3://bucket`` or ``s3://bucket/prefix``."""
        parts = urlsplit(url)
        if parts.username is not None or parts.password is not None:
            raise StorageError(
                "credentials in the storage URL are not supported: use AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"
            )
        if parts.query or parts.fragment:
            raise StorageError(f"invalid storage URL {url!r}: no '?' or '#' allowed")
        return cls(parts.netloc, validate_prefix(parts.path, url), options=options, environ=environ)

    def check(self) -> None:
        """``HeadBucket``: the bucket exists, the credentials may use it, the endpoint answers."""
        with self._translated(f"checking {self.base_url}", self.base_url):
            try:
                self.client.head_bucket(Bucket=self.bucket)
            except botocore_errors.ClientError as exc:
                if _status(exc) == 404:
                    raise StorageError(f"bucket '{self.bucket}' does not exist") from None
                raise

    def key_for(self, site: str, captured: datetime, file_name: str) -> str:
        """See :func:`storage.backends.object_key`."""
        return object_key(site, captured, file_name)

    def url_for(self, key: str) -> str:
        """``s3://bucket/prefix/key``."""
        return f"s3://{self.bucket}/{self._object_name(key)}"

    def store(
        self, path: Path, key: str, sha256: str, *, content_type: str = WARC_MEDIA_TYPE
    ) -> StoredObject:
        """Upload ``path`` to ``key`` without overwriting, then verify size and SHA-256."""
        validate_sha256(sha256)
        name = self._object_name(key)
        url = f"s3://{self.bucket}/{name}"
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise StorageError(f"cannot store {path}: {exc.strerror}") from None
        with self._translated(f"uploading {url}", url):
            existing = self._head(name)
            if existing is not None:
                return self._accept_existing(existing, url, size, sha256)
            try:
                if size <= self.options.part_size:
                    checksum = self._put(path, name, sha256, content_type)
                else:
                    checksum = self._put_in_parts(path, name, size, sha256, content_type)
            except botocore_errors.ClientError as exc:
                if _status(exc) != 412:
                    raise
                # Another writer created the key between our HEAD and our write.
                existing = self._head(name)
                if existing is None:
                    raise
                return self._accept_existing(existing, url, size, sha256)
            head = self._head(name)
        if head is None:
            raise StorageError(f"{url} is missing right after its upload")
        _verify(head, url, size, sha256, checksum)
        return StoredObject(url=url, size=size, sha256=sha256)

    def read_range(self, url: str, offset: int, length: int) -> bytes:
        """One ranged ``GET`` for exactly the bytes asked; a store ignoring Range is an error."""
        if offset < 0 or length <= 0:
            raise StorageError(f"invalid range offset={offset} length={length} for {url}")
        bucket, name = _split_url(url)
        byte_range = f"bytes={offset}-{offset + length - 1}"
        with self._translated(f"reading {byte_range} of {url}", url):
            response = self.client.get_object(Bucket=bucket, Key=name, Range=byte_range)
            body = response["Body"]
            if "ContentRange" not in response:
                body.close()
                raise StorageError(f"the store ignored the Range header reading {url}")
            data = body.read()
        if len(data) != length:
            raise StorageError(
                f"{url} holds {len(data)} of the {length} bytes requested at offset {offset}"
            )
        return data

    def open_read(self, url: str) -> BinaryIO:
        """Stream the object; botocore checks a full-object checksum at the end, if any."""
        bucket, name = _split_url(url)
        with self._translated(f"reading {url}", url):
            response = self.client.get_object(Bucket=bucket, Key=name, ChecksumMode="ENABLED")
        return io.BufferedReader(_ObjectStream(response["Body"], url), buffer_size=MiB)

    def stat(self, url: str) -> StoredObject:
        """Size and the ``sha256`` metadata recorded at upload."""
        bucket, name = _split_url(url)
        with self._translated(f"reading {url}", url):
            head = self._head(name, bucket=bucket)
        if head is None:
            raise StorageError(f"{url} does not exist")
        recorded = head.get("Metadata", {}).get("sha256")
        if not recorded:
            raise StorageError(f"{url} has no sha256 metadata (not stored by newsarchiver)")
        return StoredObject(url=url, size=head["ContentLength"], sha256=recorded)

    def delete(self, url: str) -> None:
        """See :meth:`storage.backends.StorageBackend.delete`."""
        bucket, name = _split_url(url)
        with self._translated(f"deleting {url}", url):
            self.client.delete_object(Bucket=bucket, Key=name)

    def _object_name(self, key: str) -> str:
        validate_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def _object_arguments(self, sha256: str, content_type: str) -> dict[str, Any]:
        """Metadata, encryption and retention shared by single and multipart uploads."""
        arguments: dict[str, Any] = {
            "Metadata": {"sha256": sha256},
            "ContentType": content_type,
        }
        if self.options.sse:
            arguments["ServerSideEncryption"] = self.options.sse
        if self.options.sse_kms_key_id:
            arguments["SSEKMSKeyId"] = self.options.sse_kms_key_id
        if self.options.object_lock_mode and self.options.object_lock_days:
            arguments["ObjectLockMode"] = self.options.object_lock_mode
            arguments["ObjectLockRetainUntilDate"] = datetime.now(UTC) + timedelta(
                days=self.options.object_lock_days
            )
        return arguments

    def _head(self, name: str, *, bucket: str | None = None) -> dict[str, Any] | None:
        try:
            return self.client.head_object(
                Bucket=bucket or self.bucket, Key=name, ChecksumMode="ENABLED"
            )
        except botocore_errors.ClientError as exc:
            if _status(exc) == 404:
                return None
            raise

    def _put(self, path: Path, name: str, sha256: str, content_type: str) -> str:
        """One conditional ``PutObject`` carrying the whole file's SHA-256; returns the checksum."""
        checksum = _b64(bytes.fromhex(sha256))
        with open(path, "rb") as body:
            self.client.put_object(
                Bucket=self.bucket,
                Key=name,
                Body=body,
                ChecksumSHA256=checksum,
                IfNoneMatch="*",
                **self._object_arguments(sha256, content_type),
            )
        return checksum

    def _put_in_parts(
        self, path: Path, name: str, size: int, sha256: str, content_type: str
    ) -> str:
        """Multipart upload, completed only if the parts hash to ``sha256``.

        Returns the composite checksum the store should report (``<b64>-<parts>``).
        """
        part_size = max(self.options.part_size, -(-size // _MAX_PARTS))
        upload_id = self.client.create_multipart_upload(
            Bucket=self.bucket,
            Key=name,
            ChecksumAlgorithm="SHA256",
            **self._object_arguments(sha256, content_type),
        )["UploadId"]
        try:
            whole = hashlib.sha256()
            digests: list[bytes] = []
            futures: list[Future[dict[str, Any]]] = []
            failed = threading.Event()
            with (
                ThreadPoolExecutor(self.options.max_concurrency, "s3-part") as pool,
                open(path, "rb") as stream,
            ):
                try:
                    for number, offset in enumerate(range(0, size, part_size), start=1):
                        if failed.is_set():
                            break  # the failure is raised below, in part order
                        length = min(part_size, size - offset)
                        digest = _hash_part(stream, length, whole)
                        digests.append(digest)
                        future = pool.submit(
                            self._upload_part, path, name, upload_id, number, offset, length, digest
                        )
                        future.add_done_callback(partial(_flag_failure, failed))
                        futures.append(future)
                    else:
                        if whole.hexdigest() != sha256:
                            raise StorageError(
                                f"{path} does not have sha256 {sha256} (read "
                                f"{whole.hexdigest()}): the file changed or is corrupt; "
                                "nothing stored"
                            )
                    parts = [future.result() for future in futures]
                finally:
                    pool.shutdown(cancel_futures=True)
            self.client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=name,
                UploadId=upload_id,
                MultipartUpload={"Parts": parts},
                IfNoneMatch="*",
            )
        except BaseException:
            # Parts of an aborted upload would otherwise be billed until a lifecycle rule runs.
            with contextlib.suppress(botocore_errors.BotoCoreError, botocore_errors.ClientError):
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=name, UploadId=upload_id)
            raise
        return f"{_b64(hashlib.sha256(b''.join(digests)).digest())}-{len(digests)}"

    def _upload_part(
        self,
        path: Path,
        name: str,
        upload_id: str,
        number: int,
        offset: int,
        length: int,
        digest: bytes,
    ) -> dict[str, Any]:
        """Send one part straight from the file; the store checks it against ``digest``."""
        checksum = _b64(digest)
        with ReadFileChunk.from_filename(str(path), offset, length, enable_callbacks=False) as body:
            response = self.client.upload_part(
                Bucket=self.bucket,
                Key=name,
                UploadId=upload_id,
                PartNumber=number,
                Body=body,
                ContentLength=length,
                ChecksumSHA256=checksum,
            )
        return {"PartNumber": number, "ETag": response["ETag"], "ChecksumSHA256": checksum}

    def _accept_existing(
        self, head: dict[str, Any], url: str, size: int, sha256: str
    ) -> StoredObject:
        """An object already at the key is ours only if it records the same SHA-256."""
        recorded = head.get("Metadata", {}).get("sha256")
        if recorded != sha256:
            raise ObjectExistsError(
                f"{url} already exists with other content (sha256 {recorded or 'unknown'}, "
                f"expected {sha256}); not overwritten"
            )
        reported = head.get("ChecksumSHA256") or ""
        # A composite multipart checksum cannot be recomputed without the part layout.
        checksum = None if "-" in reported else _b64(bytes.fromhex(sha256))
        _verify(head, url, size, sha256, checksum)
        return StoredObject(url=url, size=size, sha256=sha256)

    @contextlib.contextmanager
    def _translated(self, action: str, url: str) -> Iterator[None]:
        """Turn botocore failures into one-line StorageErrors (never with secrets)."""
        try:
            yield
        except botocore_errors.ClientError as exc:
            raise self._client_error(exc, action, url) from None
        except botocore_errors.SSLError:
            raise StorageError(f"TLS failure talking to storage endpoint {self.endpoint}") from None
        except (botocore_errors.ConnectionError, botocore_errors.HTTPClientError):
            raise StorageUnavailableError(
                f"storage endpoint {self.endpoint} unreachable ({action})"
            ) from None
        except (botocore_errors.NoCredentialsError, botocore_errors.PartialCredentialsError):
            raise StorageError(
                "no usable S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                "or AWS_PROFILE"
            ) from None
        except botocore_errors.BotoCoreError as exc:
            raise StorageError(f"{action}: {type(exc).__name__}: {exc}") from None

    def _client_error(
        self, exc: botocore_errors.ClientError, action: str, url: str
    ) -> StorageError:
        code = exc.response.get("Error", {}).get("Code", "")
        status = _status(exc)
        if code == "NoSuchBucket":
            return StorageError(f"bucket '{urlsplit(url).netloc}' does not exist")
        if status == 403 or code in _ACCESS_DENIED:
            return StorageError(f"access denied to s3://{urlsplit(url).netloc} (check credentials)")
        if code == "NoSuchKey" or status == 404:
            return StorageError(f"{url} does not exist")
        if code in ("BadDigest", "XAmzContentSHA256Mismatch", "InvalidDigest"):
            return StorageError(
                f"{action}: the store received bytes that do not match their SHA-256 "
                "(the file changed or is corrupt); nothing stored"
            )
        if code == "InvalidRange" or status == 416:
            return StorageError(f"{action}: the range is outside the object")
        if code in _TRY_LATER or (status or 0) >= 500:
            return StorageUnavailableError(
                f"{action}: the store answered {code or 'an error'} (HTTP {status}), try later"
            )
        return StorageError(f"{action}: the store answered {code or 'an error'} (HTTP {status})")


class _ObjectStream(io.RawIOBase):
    """A response body whose read failures surface as StorageErrors, not botocore internals."""

    def __init__(self, body: Any, url: str) -> None:
        self._body = body
        self._url = url

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._body.read(len(buffer))
        except botocore_errors.FlexibleChecksumError:
            raise StorageError(f"{self._url} does not match its stored checksum") from None
        except botocore_errors.BotoCoreError:
            raise StorageUnavailableError(f"reading {self._url} failed midway") from None
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._body.close()
        super().close()


def _make_client(options: S3Options, environ: Mapping[str, str]) -> Any:
    """A boto3 S3 client; values found in ``environ`` win, the rest is boto3's own chain."""
    profile = environ.get("AWS_PROFILE") or None
    try:
        session = boto3.session.Session(
            aws_access_key_id=environ.get("AWS_ACCESS_KEY_ID") or None,
            aws_secret_access_key=environ.get("AWS_SECRET_ACCESS_KEY") or None,
            aws_session_token=environ.get("AWS_SESSION_TOKEN") or None,
            region_name=environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or None,
            profile_name=profile,
        )
        return session.client(
            "s3",
            endpoint_url=environ.get("AWS_ENDPOINT_URL_S3")
            or environ.get("AWS_ENDPOINT_URL")
            or None,
            config=options.client_config(),
        )
    except botocore_errors.ProfileNotFound:
        raise StorageError(f"AWS profile {profile!r} not found") from None
    except botocore_errors.PartialCredentialsError:
        raise StorageError(
            "incomplete S3 credentials: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        ) from None
    except (botocore_errors.BotoCoreError, ValueError) as exc:
        raise StorageError(f"cannot set up the S3 client: {exc}") from None


def _verify(head: dict[str, Any], url: str, size: int, sha256: str, checksum: str | None) -> None:
    """What the store reports must match what was sent."""
    if head["ContentLength"] != size:
        raise StorageError(f"{url} has {head['ContentLength']} bytes, expected {size}")
    recorded = head.get("Metadata", {}).get("sha256")
    if recorded != sha256:
        raise StorageError(f"{url} records sha256 {recorded}, expected {sha256}")
    reported = head.get("ChecksumSHA256")
    if reported and checksum and reported != checksum:
        raise StorageError(f"{url} reports checksum {reported}, expected {checksum}")


def _hash_part(stream: BinaryIO, length: int, whole: Any) -> bytes:
    """SHA-256 of the next ``length`` bytes, also fed into the whole-file hash."""
    part = hashlib.sha256()
    remaining = length
    while remaining:
        block = stream.read(min(_HASH_BLOCK, remaining))
        if not block:
            raise StorageError(f"{stream.name} became shorter while it was being uploaded")
        part.update(block)
        whole.update(block)
        remaining -= len(block)
    return part.digest()


def _split_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme != "s3" or not parts.netloc or not name:
        raise StorageError(f"not an s3://bucket/key URL: {redact_url(url)!r}")
    return parts.netloc, name


def _check_bucket_name(bucket: str) -> None:
    if not _BUCKET_NAME.fullmatch(bucket):
        raise StorageError(
            f"invalid bucket name {bucket!r}: 3-63 characters of a-z, 0-9, '.' and '-'"
        )


def _status(exc: botocore_errors.ClientError) -> int | None:
    return exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode("ascii")


def _flag_failure(failed: threading.Event, done: Future[Any]) -> None:
    """Stop submitting parts once one has failed."""
    if done.exception() is not None:
        failed.set()
