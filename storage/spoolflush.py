"""Move spooled WARC files to storage and keep the index's ``warc_files`` rows in step.

Order matters for "nothing lost": abandoned ``.open`` files are first cut back to their last
complete record and closed; each closed file is then stored and verified, its row marked
stored, and only then is the spool copy removed (the uploader does the last two steps in that
order). A file whose upload fails stays in the spool for the next flush.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.models import WarcFile, WarcStatus, utcnow
from storage.spool import Spool, read_warcinfo
from storage.uploader import FlushReport, RetryPolicy, Uploader

if TYPE_CHECKING:
    from storage.backends import StorageBackend, StoredObject
    from storage.db import Database
    from storage.warcwriter import ClosedWarc

__all__ = ["FlushReport", "flush_spool", "upload_closed", "warc_name_date"]

_WARC_STAMP = re.compile(r"-(\d{14})\d{3}-\d{5}-")


def warc_name_date(name: str) -> datetime:
    """The creation time in an IIPC file name ``PREFIX-YYYYMMDDhhmmssfff-SERIAL-HOST…``."""
    match = _WARC_STAMP.search(name)
    if match is None:
        raise ValueError(f"{name!r} is not an IIPC WARC file name")
    return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def _row(db: Database, path: Path, backend: StorageBackend) -> tuple[str, datetime]:
    """Site and creation date of a spooled file, registering files the index never saw."""
    with db.session() as session:
        row = session.scalar(select(WarcFile).where(WarcFile.name == path.name))
        if row is not None:
            return row.site, warc_name_date(path.name)
        info = read_warcinfo(path)
        site = info.get("isPartOf", "")
        run_id = info.get("run-id", "")
        created = warc_name_date(path.name)
        session.add(
            WarcFile(
                name=path.name,
                site=site,
                run_id=int(run_id) if run_id.isdigit() else None,
                status=WarcStatus.CLOSED,
                spool_path=str(path),
                storage_url=backend.url_for(backend.key_for(site, created, path.name)),
                closed_at=utcnow(),
            )
        )
        return site, created


def _mark_closed(db: Database, closed: ClosedWarc) -> None:
    with db.session() as session:
        row = session.scalar(select(WarcFile).where(WarcFile.name == closed.name))
        if row is not None:
            row.status = WarcStatus.CLOSED
            row.spool_path = str(closed.path)
            row.size, row.sha256, row.records = closed.size, closed.sha256, closed.records
            row.closed_at = utcnow()


def _mark_stored(db: Database, path: Path, stored: StoredObject) -> None:
    with db.session() as session:
        row = session.scalar(select(WarcFile).where(WarcFile.name == path.name))
        if row is not None:
            row.status = WarcStatus.STORED
            row.storage_url = stored.url
            row.size, row.sha256 = stored.size, stored.sha256
            row.stored_at = utcnow()


def flush_spool(
    db: Database,
    backend: StorageBackend,
    spool_dir: Path,
    *,
    recover: bool = True,
    retry: RetryPolicy | None = None,
) -> FlushReport:
    """Recover abandoned files (unless ``recover`` is False), then upload every closed file.

    ``retry`` bounds the wait for a failing store (the uploader's default when None).
    """
    if recover:
        for closed in Spool(spool_dir).recover_all():
            _mark_closed(db, closed)
    uploader = Uploader(backend, spool_dir, retry=retry)
    return uploader.flush(
        resolve=lambda path: _row(db, path, backend),
        on_stored=lambda path, stored: _mark_stored(db, path, stored),
    )


def upload_closed(
    db: Database,
    backend: StorageBackend,
    path: Path,
    sha256: str | None = None,
    *,
    retry: RetryPolicy | None = None,
) -> StoredObject:
    """Upload one closed file now (used at rotation, from a worker thread).

    Pass the ``sha256`` the writer computed while writing, to spare a second read of the file.
    """
    site, created = _row(db, path, backend)
    uploader = Uploader(backend, path.parent, retry=retry)
    return uploader.upload(
        path,
        site,
        created,
        sha256,
        on_stored=lambda stored_path, stored: _mark_stored(db, path, stored),
    )
