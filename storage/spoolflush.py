"""Move spooled WARC files to storage and keep the WARC-file ledger in step.

Order matters for "nothing lost": abandoned ``.open`` files are first cut back to their last
complete record and closed; each closed file is then stored and verified, its row marked
stored, and only then is the spool copy removed (the uploader does the last two steps in that
order). A file whose upload fails stays in the spool for the next flush.

A file goes only to the store it was written for (its ledger row's storage URL). A flush with
another ``NEWSARCHIVER_STORAGE`` leaves it in the spool and says which store it waits for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.spool import Spool
from storage.uploader import Destination, FlushReport, Uploader, WrongStoreError
from storage.warcledger import WarcLedger, destination, warc_name_date

if TYPE_CHECKING:
    from pathlib import Path

    from storage.backends import StorageBackend, StoredObject
    from storage.db import Database

__all__ = ["FlushReport", "flush_spool", "upload_closed", "warc_name_date"]


def _destination(ledger: WarcLedger, backend: StorageBackend, path: Path) -> Destination:
    """Where a spooled file goes; WrongStoreError when it is meant for another store."""
    entry = ledger.adopt(path, backend)
    here = destination(backend, entry.site, path.name)
    if entry.storage_url != here:
        raise WrongStoreError(path.name, entry.storage_url)
    return Destination(entry.site, warc_name_date(path.name))


def flush_spool(
    db: Database,
    backend: StorageBackend,
    spool_dir: Path,
    *,
    recover: bool = True,
) -> FlushReport:
    """Recover abandoned files (unless ``recover`` is False), then upload every closed file
    meant for ``backend``.
    """
    ledger = WarcLedger(db)
    if recover:
        for closed in Spool(spool_dir).recover_all():
            if ledger.entry(closed.name) is not None:
                ledger.closed(
                    closed.name, closed.size, closed.sha256, closed.records, spool_path=closed.path
                )
    uploader = Uploader(backend, spool_dir)
    return uploader.flush(
        resolve=lambda path: _destination(ledger, backend, path),
        on_stored=lambda path, stored: ledger.stored(path.name, stored),
    )


def upload_closed(
    db: Database,
    backend: StorageBackend,
    path: Path,
    sha256: str | None = None,
) -> StoredObject:
    """Upload one closed file now (used at rotation, from a worker thread).

    Pass the ``sha256`` the writer computed while writing, to spare a second read of the file.
    """
    ledger = WarcLedger(db)
    where = _destination(ledger, backend, path)
    uploader = Uploader(backend, path.parent)
    return uploader.upload(
        path,
        where.site,
        where.captured,
        sha256,
        on_stored=lambda stored_path, stored: ledger.stored(path.name, stored),
    )
