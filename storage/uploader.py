"""Moves closed WARC files from the spool to the storage backend, without ever losing one.

A crawl closes ``*.warc.gz`` files in the spool; this module stores them (``newsarchiver warc
flush``, and the run lifecycle at the end of a crawl). Files still being written
(``*.warc.gz.open``) are never touched.

The order of the steps is what makes it safe:

1. **store and verify**: :meth:`StorageBackend.store` returns only once the destination holds
   the file's exact bytes (size and SHA-256 checked there);
2. **on_stored**: the caller records the storage URL in the index (``warc_files.stored_at``),
   while the spool copy still exists;
3. **delete the spool copy**, and only then.

A crash between any two steps leaves the file in the spool, and the next flush repeats the
steps: ``store`` accepts the identical object already there, and ``on_stored`` runs again, so it
must be idempotent. The index never names an object that does not exist, and no file leaves the
spool before a verified copy exists and the index knows about it.

Transient failures (endpoint down, 5xx, timeouts, throttling) are retried in one place only:
the backend's client, per HTTP request (for S3, botocore's standard retry mode with its
documented budget: ``S3Options.max_attempts`` tries of each request, exponential backoff with
jitter, and a retry quota that stops retrying a store that keeps failing). The uploader adds no
retries of its own on top: when a store still fails (:class:`StorageUnavailableError`), the
file stays in the spool and :class:`FlushReport` says why, the remaining files are left for the
next flush rather than each waiting out the same outage, and the next flush or crawl tries
again. A file therefore costs at most ``max_attempts`` tries of each request an upload makes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from storage.backends import (
    StorageBackend,
    StorageError,
    StorageUnavailableError,
    StoredObject,
)

logger = logging.getLogger(__name__)

CLOSED_PATTERN = "*.warc.gz"


@dataclass(frozen=True)
class Destination:
    """What decides a file's key: its site and capture time."""

    site: str
    captured: datetime


class WrongStoreError(StorageError):
    """The file was written for another store than the one this flush stores to."""

    def __init__(self, name: str, storage_url: str) -> None:
        super().__init__(f"{name} waits for {storage_url}")
        self.name = name
        self.storage_url = storage_url


Resolver = Callable[[Path], Destination]
StoredCallback = Callable[[Path, StoredObject], None]


@dataclass
class FlushReport:
    """What a flush did: objects stored, files left in the spool, and why (one line each).

    ``elsewhere`` maps the files meant for another store (also in ``waiting``) to the storage
    URL each waits for.
    """

    stored: list[StoredObject] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elsewhere: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.waiting and not self.errors


class Uploader:
    """Stores closed spool files in ``backend`` and removes them from ``spool_dir`` after."""

    def __init__(self, backend: StorageBackend, spool_dir: Path) -> None:
        self.backend = backend
        self.spool_dir = spool_dir

    def upload(
        self,
        closed: Path,
        site: str,
        captured: datetime,
        sha256: str | None = None,
        *,
        on_stored: StoredCallback | None = None,
    ) -> StoredObject:
        """Store one closed file, then delete the spool copy.

        ``sha256`` is computed by reading the file when not given. ``on_stored`` runs after the
        verified store and before the deletion (see the module docstring for why).
        """
        return self._upload(closed, site, captured, sha256, on_stored)

    def flush(self, resolve: Resolver, on_stored: StoredCallback) -> FlushReport:
        """Upload every closed ``*.warc.gz`` in the spool, oldest name first.

        ``resolve`` gives each file's destination (site and capture time decide its key), or
        raises WrongStoreError for a file that waits for another store.
        """
        report = FlushReport()
        pending = sorted(path for path in self.spool_dir.glob(CLOSED_PATTERN) if path.is_file())
        for index, path in enumerate(pending):
            try:
                where = resolve(path)
                stored = self._upload(path, where.site, where.captured, None, on_stored)
            except WrongStoreError as exc:
                report.waiting.append(path)
                report.elsewhere[path.name] = exc.storage_url
            except StorageUnavailableError as exc:
                report.waiting.extend(pending[index:])
                report.errors.append(
                    f"{path.name}: {exc}; {len(pending) - index} file(s) left in the spool"
                )
                break
            except Exception as exc:  # noqa: BLE001 - resolve/on_stored are the caller's code
                if not path.exists():
                    continue  # a concurrent flush stored and removed it meanwhile
                report.waiting.append(path)
                report.errors.append(f"{path.name}: {exc}")
                logger.warning("kept %s in the spool: %s", path.name, exc)
            else:
                report.stored.append(stored)
        return report

    def _upload(
        self,
        closed: Path,
        site: str,
        captured: datetime,
        sha256: str | None,
        on_stored: StoredCallback | None,
    ) -> StoredObject:
        if not closed.name.endswith(".warc.gz"):
            raise StorageError(f"{closed} is not a closed WARC file (*.warc.gz)")
        if closed.parent.resolve() != self.spool_dir.resolve():
            # The spool copy is deleted afterwards: never do that to a file outside the spool.
            raise StorageError(f"{closed} is not in the spool {self.spool_dir}")
        key = self.backend.key_for(site, captured, closed.name)
        if sha256 is None:
            with open(closed, "rb") as stream:
                sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
        stored = self.backend.store(closed, key, sha256)
        if on_stored is not None:
            on_stored(closed, stored)
        with contextlib.suppress(FileNotFoundError):
            closed.unlink()
        logger.info("stored %s as %s (%d bytes)", closed.name, stored.url, stored.size)
        return stored
