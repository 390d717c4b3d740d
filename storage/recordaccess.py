"""Read one archived record back by (WARC URL, offset, length), wherever the file is now.

A capture's WARC file is read from its storage URL with a range request for exactly the
record (never the whole file); a file that has not been uploaded yet is read from the spool.
Missing or corrupt files give errors that name the file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import select

from storage.backends import StorageBackend, StorageError, backend_from_url
from storage.filestore import read_at
from storage.models import WarcFile, WarcStatus
from storage.warcreader import ArchivedRecord, CorruptRecordError, read_record

if TYPE_CHECKING:
    from storage.db import Database
    from storage.search import CaptureRef


class RecordUnavailableError(RuntimeError):
    """The WARC file behind an index row is missing or damaged. The message names it."""


def backend_for_object(url: str) -> StorageBackend:
    """The backend that can read the stored object at ``url``, shared per store.

    Building an S3 backend builds a boto3 client (credential chain, endpoint resolution), far
    dearer than one range read, so one per bucket (or directory) serves every object in it.
    """
    parts = urlsplit(url)
    root = f"s3://{parts.netloc}" if parts.scheme == "s3" else url.rsplit("/", 1)[0]
    return _backend(root)


@functools.lru_cache(maxsize=64)
def _backend(root: str) -> StorageBackend:
    return backend_from_url(root)


def _spool_copy(db: Database, warc_url: str) -> Path | None:
    with db.session() as session:
        row = session.scalar(select(WarcFile).where(WarcFile.storage_url == warc_url))
        if row is None or row.status is WarcStatus.STORED or not row.spool_path:
            return None
        for candidate in (Path(row.spool_path), Path(row.spool_path).with_suffix("")):
            if candidate.exists():
                return candidate
    return None


def read_capture(db: Database, warc_url: str, offset: int, length: int) -> ArchivedRecord:
    """The record at ``offset``/``length`` of the WARC file at ``warc_url``."""
    return _parsed(warc_url, offset, _read(warc_url, _spool_copy(db, warc_url), offset, length))


class CaptureReader:
    """:func:`read_capture` for a stream of records, as the article indexer reads them.

    Where each WARC file lies is looked up once, not per record, and again only when the
    file has moved since (renamed on close, or uploaded and removed from the spool).
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._spooled: dict[str, Path | None] = {}

    def read(self, warc_url: str, offset: int, length: int) -> ArchivedRecord:
        return _parsed(warc_url, offset, self.read_bytes(warc_url, offset, length))

    def read_bytes(
        self, warc_url: str, offset: int, length: int, *, allow_short: bool = False
    ) -> bytes:
        """The stored bytes at ``offset``: exactly ``length``, or with ``allow_short`` fewer
        where a file still in the spool ends sooner (an export reading past a record)."""
        if warc_url in self._spooled:
            try:
                return _read(warc_url, self._spooled[warc_url], offset, length, allow_short)
            except RecordUnavailableError:
                pass  # moved: look it up again
        if len(self._spooled) >= _READER_FILES:
            self._spooled.clear()
        self._spooled[warc_url] = spooled = _spool_copy(self.db, warc_url)
        try:
            return _read(warc_url, spooled, offset, length, allow_short)
        except RecordUnavailableError:
            if spooled is None:
                raise
        # Uploaded and removed from the spool between the lookup and the read.
        self._spooled[warc_url] = spooled = _spool_copy(self.db, warc_url)
        return _read(warc_url, spooled, offset, length, allow_short)


#: WARC file locations a CaptureReader remembers (a crawl writes a few files at most).
_READER_FILES = 64


def _read(
    warc_url: str, spooled: Path | None, offset: int, length: int, allow_short: bool = False
) -> bytes:
    try:
        if spooled is not None:
            data = read_at(spooled, offset, length)
        else:
            data = backend_for_object(warc_url).read_range(warc_url, offset, length)
    except StorageError as exc:  # its message already names the file
        raise RecordUnavailableError(str(exc)) from None
    except OSError as exc:
        raise RecordUnavailableError(f"cannot read {spooled}: {exc.strerror}") from None
    if len(data) != length and not (allow_short and data):
        raise RecordUnavailableError(
            f"{warc_url} is shorter than the index says ({len(data)} of {length} bytes "
            f"at offset {offset})"
        )
    return data


def _parsed(warc_url: str, offset: int, data: bytes) -> ArchivedRecord:
    try:
        return read_record(data)
    except CorruptRecordError as exc:
        raise RecordUnavailableError(f"corrupt record in {warc_url} at {offset}: {exc}") from None


def read_payload_capture(db: Database, capture: CaptureRef) -> ArchivedRecord:
    """The record holding the capture's body: for a revisit, the response it refers to."""
    if capture.record_type == "revisit":
        if capture.refers_to is None:
            raise RecordUnavailableError(
                f"revisit {capture.record_id} refers to a response that is not in the index"
            )
        capture = capture.refers_to
    return read_capture(db, capture.warc, capture.offset, capture.length)
