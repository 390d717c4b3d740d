"""The WARC-file ledger: one ``warc_files`` row per file, from the spool to verified storage.

A file is registered when the crawl opens it, with the storage URL it is meant for: index rows
name that URL before the upload happens, and the file waits for that store and no other. The
row then follows the file: closed in the spool (size, SHA-256, records), then stored (verified
at the destination). Upload and crash recovery (``storage.spoolflush``) work from these rows,
and the crawl's index writer (``storage.indexwriter``) from the ids; this is the one place
that writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from storage.db import rows_changed
from storage.models import WarcFile, WarcStatus, utcnow
from storage.spool import read_warcinfo

if TYPE_CHECKING:
    from storage.backends import StorageBackend, StoredObject
    from storage.db import Database

_WARC_STAMP = re.compile(r"-(\d{14})\d{3}-\d{5}-")


def warc_name_date(name: str) -> datetime:
    """The creation time in an IIPC file name ``PREFIX-YYYYMMDDhhmmssfff-SERIAL-HOST…``."""
    match = _WARC_STAMP.search(name)
    if match is None:
        raise ValueError(f"{name!r} is not an IIPC WARC file name")
    return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def destination(backend: StorageBackend, site: str, name: str) -> str:
    """The storage URL a file of ``site`` named ``name`` gets in ``backend``."""
    return backend.url_for(backend.key_for(site, warc_name_date(name), name))


def store_of(storage_url: str) -> str:
    """The store (``s3://bucket/prefix``, ``file:///dir``) a file's storage URL is in: what
    comes before the key's ``{site}/{YYYY}/{MM}/{DD}/{file}``."""
    return storage_url.rsplit("/", 5)[0]


@dataclass(frozen=True)
class LedgerEntry:
    """What the ledger knows of one file: its row id, site and destination."""

    id: int
    name: str
    site: str
    storage_url: str


class WarcLedger:
    """Reads and writes ``warc_files`` rows; remembers the entries it has seen."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._entries: dict[str, LedgerEntry] = {}

    def register(
        self, name: str, site: str, run_id: int | None, spool_path: str, storage_url: str
    ) -> LedgerEntry:
        """Record a newly opened file and the storage URL it is meant for."""
        with self.db.session() as session:
            row = WarcFile(
                name=name,
                site=site,
                run_id=run_id,
                status=WarcStatus.OPEN,
                spool_path=spool_path,
                storage_url=storage_url,
            )
            session.add(row)
            session.flush()
            entry = LedgerEntry(row.id, name, site, storage_url)
        self._entries[name] = entry
        return entry

    def entry(self, name: str) -> LedgerEntry | None:
        """The file's entry, or None when the index never saw it."""
        if name not in self._entries:
            with self.db.session() as session:
                row = session.execute(
                    select(WarcFile.id, WarcFile.site, WarcFile.storage_url).where(
                        WarcFile.name == name
                    )
                ).first()
            if row is None:
                return None
            self._entries[name] = LedgerEntry(row.id, name, row.site, row.storage_url)
        return self._entries[name]

    def adopt(self, path: Path, backend: StorageBackend) -> LedgerEntry:
        """The entry of a spooled file, registering one the index never saw (its run died
        before registering it) from its warcinfo record, for ``backend``: the only store it
        can be meant for."""
        found = self.entry(path.name)
        if found is not None:
            return found
        info = read_warcinfo(path)
        site = info.get("isPartOf", "")
        run_id = info.get("run-id", "")
        with self.db.session() as session:
            row = WarcFile(
                name=path.name,
                site=site,
                run_id=int(run_id) if run_id.isdigit() else None,
                status=WarcStatus.CLOSED,
                spool_path=str(path),
                storage_url=destination(backend, site, path.name),
                closed_at=utcnow(),
            )
            session.add(row)
            session.flush()
            entry = LedgerEntry(row.id, path.name, site, row.storage_url)
        self._entries[path.name] = entry
        return entry

    def closed(
        self, name: str, size: int, sha256: str, records: int, *, spool_path: Path | None = None
    ) -> None:
        """The file is complete in the spool (at ``spool_path`` when it moved there)."""
        values: dict[str, Any] = {
            "status": WarcStatus.CLOSED,
            "size": size,
            "sha256": sha256,
            "records": records,
            "closed_at": utcnow(),
        }
        if spool_path is not None:
            values["spool_path"] = str(spool_path)
        self._update(name, values)

    def stored(self, name: str, stored: StoredObject) -> None:
        """A verified copy exists at its destination. Idempotent: uploads repeat after a crash."""
        self._update(
            name,
            {
                "status": WarcStatus.STORED,
                "storage_url": stored.url,
                "size": stored.size,
                "sha256": stored.sha256,
                "stored_at": utcnow(),
            },
        )

    def _update(self, name: str, values: dict[str, Any]) -> None:
        with self.db.session() as session:
            result = session.execute(update(WarcFile).where(WarcFile.name == name).values(values))
            if rows_changed(result) != 1:
                raise ValueError(f"unknown WARC file {name!r}: register it first")
