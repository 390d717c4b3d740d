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

Transient failures (endpoint down, 5xx, timeouts, throttling: :class:`StorageUnavailableError`)
are retried with exponential backoff, bounded by attempts and time (:class:`RetryPolicy`). When a
file still cannot be stored, it stays in the spool and :class:`FlushReport` says why; once the
store is found to be down, the remaining files are left for the next flush rather than each
waiting out its own retries.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import random
import time
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


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for transient storage failures of one file.

    At most ``attempts`` tries, and no new try more than ``total_seconds`` after its first
    failure; delays double from ``initial_delay`` up to ``max_delay``, with full jitter.
    """

    attempts: int = 5
    initial_delay: float = 1.0
    max_delay: float = 30.0
    total_seconds: float = 120.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.initial_delay < 0 or self.total_seconds <= 0:
            raise ValueError("retry policy needs attempts >= 1, delays >= 0, total time > 0")


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

    def __init__(
        self,
        backend: StorageBackend,
        spool_dir: Path,
        *,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.backend = backend
        self.spool_dir = spool_dir
        self.retry = retry if retry is not None else RetryPolicy()

    def upload(
        self,
        closed: Path,
        site: str,
        captured: datetime,
        sha256: str | None = None,
        *,
        on_stored: StoredCallback | None = None,
    ) -> StoredObject:
        """Store one closed file (retrying transient failures), then delete the spool copy.

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
        stored = self._store_with_retry(closed, key, sha256)
        if on_stored is not None:
            on_stored(closed, stored)
        with contextlib.suppress(FileNotFoundError):
            closed.unlink()
        logger.info("stored %s as %s (%d bytes)", closed.name, stored.url, stored.size)
        return stored

    def _store_with_retry(self, path: Path, key: str, sha256: str) -> StoredObject:
        delay = self.retry.initial_delay
        attempt = 1
        give_up_at: float | None = None
        while True:
            try:
                return self.backend.store(path, key, sha256)
            except StorageUnavailableError as exc:
                now = time.monotonic()
                if give_up_at is None:
                    give_up_at = now + self.retry.total_seconds
                # Full jitter keeps many workers from retrying against the store in lockstep.
                pause = random.uniform(0, delay)
                if attempt >= self.retry.attempts or now + pause > give_up_at:
                    raise
                logger.warning(
                    "storing %s failed (attempt %d of %d), retrying in %.1fs: %s",
                    path.name,
                    attempt,
                    self.retry.attempts,
                    pause,
                    exc,
                )
                time.sleep(pause)
                delay = min(delay * 2, self.retry.max_delay)
                attempt += 1
