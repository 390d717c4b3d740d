"""Storage backends: where closed WARC files are kept, and the URL that picks one.

A crawl writes WARC files into the local spool; a backend is the durable home they move to.
Two are supported, chosen by ``NEWSARCHIVER_STORAGE``: a directory (``file://``, see
:mod:`storage.filestore`) and any S3-compatible store (``s3://``, see :mod:`storage.s3store`).
Both keep the same promises, which the rest of the project relies on:

- objects live at ``{prefix}/{site}/{YYYY}/{MM}/{DD}/{file}`` (:func:`object_key`);
- an object is never overwritten, and no partial object is ever visible;
- :meth:`StorageBackend.store` returns only after the size and SHA-256 were verified at the
  destination, so a file counts as stored only once the store holds exactly its bytes;
- failures raise :class:`StorageError` with a one-line message an operator can act on, without
  secrets; :class:`StorageUnavailableError` marks the ones worth retrying later.

See docs/architecture.md ("Shared interfaces") and DESIGN.md ("WARC rules", storage layout).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from storage.s3store import S3Options

WARC_MEDIA_TYPE = "application/warc"
SITE_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
# One path segment of a key: no separators, no "." or ".." and no hidden names, so a key can
# never climb out of the store's root or collide with a backend's temporary files.
_KEY_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class StorageError(Exception):
    """The store cannot do what was asked; the message is one line, safe to show and log."""


class ObjectExistsError(StorageError):
    """The key already holds different content; archives are never overwritten."""


class StorageUnavailableError(StorageError):
    """The store could not be reached or asked us to slow down: retrying later may succeed."""


@dataclass(frozen=True)
class StoredObject:
    """A verified object: its URL, size in bytes and the SHA-256 (hex) recorded with it."""

    url: str
    size: int
    sha256: str


class StorageBackend(Protocol):
    """What the uploader, ``warc verify`` and ``articles get`` need from a store."""

    base_url: str

    def check(self) -> None:
        """Raise :class:`StorageError` if the store cannot be used (missing, denied, down)."""
        ...

    def key_for(self, site: str, captured: datetime, file_name: str) -> str:
        """The key of a WARC file: ``{site}/{YYYY}/{MM}/{DD}/{file}`` (no prefix)."""
        ...

    def url_for(self, key: str) -> str:
        """The URL the object at ``key`` has (or will have) once stored."""
        ...

    def store(
        self, path: Path, key: str, sha256: str, *, content_type: str = WARC_MEDIA_TYPE
    ) -> StoredObject:
        """Copy a closed file to ``key``, never overwriting, and verify it there.

        ``content_type`` is recorded where the store keeps one (a WACZ export is not a WARC).
        """
        ...

    def read_range(self, url: str, offset: int, length: int) -> bytes:
        """Exactly ``length`` bytes of the object at ``url`` from ``offset`` (one record)."""
        ...

    def open_read(self, url: str) -> BinaryIO:
        """A stream of the whole object, for checks that must see every byte."""
        ...

    def stat(self, url: str) -> StoredObject:
        """Size and SHA-256 of a stored object."""
        ...

    def delete(self, url: str) -> None:
        """Remove the object at ``url``. Only ``newsarchiver doctor`` does, to clear its probe:
        nothing deletes an archived WARC file."""
        ...


def object_key(site: str, captured: datetime, file_name: str) -> str:
    """``{site}/{YYYY}/{MM}/{DD}/{file}``, dated in UTC (a naive ``captured`` is taken as UTC).

    Naive datetimes are accepted because SQLite hands back the project's UTC timestamps
    without a zone; an aware one in another zone is converted, so the date is stable.
    """
    if not SITE_SLUG.fullmatch(site):
        raise StorageError(f"invalid site slug {site!r}: must match [a-z0-9][a-z0-9-]*")
    if not _KEY_SEGMENT.fullmatch(file_name):
        raise StorageError(
            f"invalid file name {file_name!r}: letters, digits, '.', '_' and '-' only, "
            "starting with a letter or digit"
        )
    day = captured.astimezone(UTC) if captured.tzinfo else captured
    return f"{site}/{day:%Y/%m/%d}/{file_name}"


def validate_key(key: str) -> str:
    """Return ``key`` if it is a relative path of safe segments, else raise StorageError."""
    segments = key.split("/")
    if not key or not all(_KEY_SEGMENT.fullmatch(segment) for segment in segments):
        raise StorageError(
            f"invalid storage key {key!r}: expected relative segments of letters, digits, "
            "'.', '_' and '-' (no '..', no leading '/', no empty or hidden segments)"
        )
    return key


def validate_prefix(prefix: str, url: str) -> str:
    """A storage URL's path prefix without surrounding slashes, checked like a key."""
    prefix = prefix.strip("/")
    if prefix and not all(_KEY_SEGMENT.fullmatch(segment) for segment in prefix.split("/")):
        raise StorageError(f"invalid path in storage URL {redact_url(url)!r}")
    return prefix


def validate_sha256(sha256: str) -> str:
    """Return ``sha256`` if it is 64 lowercase hex digits, else raise StorageError."""
    if not _SHA256_HEX.fullmatch(sha256):
        raise StorageError(f"invalid sha256 {sha256!r}: expected 64 lowercase hex digits")
    return sha256


def redact_url(url: str) -> str:
    """``url`` without any ``user:password@`` part, for messages and logs."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<unparsable URL>"
    if parts.username is None and parts.password is None:
        return url
    netloc = f"{host}:{port}" if port else host
    return urlunsplit(parts._replace(netloc=netloc))


def backend_from_url(
    url: str,
    *,
    s3_options: S3Options | None = None,
    environ: Mapping[str, str] | None = None,
) -> StorageBackend:
    """The backend for ``file:///abs/dir``, ``file://./rel`` (from the cwd) or ``s3://bucket/prefix``.

    No I/O happens here; call :meth:`StorageBackend.check` to find out whether the store works.
    ``s3_options`` defaults to :meth:`S3Options.from_env` of ``environ`` (default ``os.environ``).
    """
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    # Imported here so that file:// users never pay for importing boto3.
    if scheme == "file":
        from storage.filestore import FileStore

        return FileStore.from_url(url)
    if scheme == "s3":
        from storage.s3store import S3Store

        return S3Store.from_url(url, options=s3_options, environ=environ)
    raise StorageError(f"unsupported storage URL {redact_url(url)!r}: use file:// or s3://")
