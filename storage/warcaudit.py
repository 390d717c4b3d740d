"""Listing and verifying the archive's WARC files against what the index recorded.

Verification re-reads every stored object from the store itself (not the spool), recomputes
its SHA-256, compares it with the index and with the object's own metadata, and checks every
record's block and payload digests on the way. It streams: one record in memory at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

from sqlalchemy import select

from storage.backends import StorageError
from storage.models import WarcFile, WarcStatus
from storage.recordaccess import backend_for_object
from storage.warcreader import CorruptRecordError, iter_records

if TYPE_CHECKING:
    from storage.db import Database


@dataclass(frozen=True)
class WarcEntry:
    """One WARC file as the index knows it."""

    name: str
    site: str
    run_id: int | None
    status: str
    size: int | None
    sha256: str | None
    records: int | None
    location: str
    created_at: datetime
    stored_at: datetime | None


@dataclass
class Verification:
    """The outcome of re-reading one stored file."""

    name: str
    location: str
    records: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def list_warcs(db: Database, *, site: str | None = None) -> list[WarcEntry]:
    """Every WARC file in the index, oldest first; where it is now (store or spool)."""
    stmt = select(WarcFile).order_by(WarcFile.created_at, WarcFile.id)
    if site:
        stmt = stmt.where(WarcFile.site == site)
    with db.session() as session:
        return [
            WarcEntry(
                name=row.name,
                site=row.site,
                run_id=row.run_id,
                status=row.status.value,
                size=row.size,
                sha256=row.sha256,
                records=row.records,
                location=row.storage_url
                if row.status is WarcStatus.STORED
                else (row.spool_path or row.storage_url),
                created_at=row.created_at,
                stored_at=row.stored_at,
            )
            for row in session.scalars(stmt)
        ]


class _HashingReader:
    """Passes reads through while hashing and counting what went by."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def verify_warcs(db: Database, *, site: str | None = None) -> Iterator[Verification]:
    """Re-read each stored file from its store and check it whole and record by record."""
    for entry in list_warcs(db, site=site):
        if entry.status != WarcStatus.STORED.value:
            continue
        yield _verify(entry)


def _verify(entry: WarcEntry) -> Verification:
    result = Verification(entry.name, entry.location)
    try:
        backend = backend_for_object(entry.location)
        recorded = backend.stat(entry.location)
        with backend.open_read(entry.location) as stream:
            reader = _HashingReader(stream)
            try:
                for _ in iter_records(reader):  # type: ignore[arg-type]
                    result.records += 1
            except CorruptRecordError as exc:
                result.problems.append(f"record at offset {exc.offset}: {exc}")
            while reader.read(1 << 20):
                pass
    except StorageError as exc:
        result.problems.append(str(exc))
        return result
    digest = reader.sha256.hexdigest()
    if entry.sha256 and digest != entry.sha256:
        result.problems.append(f"sha256 {digest} differs from the index ({entry.sha256})")
    if recorded.sha256 != digest:
        result.problems.append(f"sha256 {digest} differs from the object's ({recorded.sha256})")
    if entry.size is not None and reader.size != entry.size:
        result.problems.append(f"size {reader.size} differs from the index ({entry.size})")
    if entry.records is not None and result.records != entry.records:
        result.problems.append(f"{result.records} records, the index says {entry.records}")
    return result
