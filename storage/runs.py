"""Run records and site locks, shared by every process that starts or watches crawls.

A site lock is a row with a lease: its holder renews it while the crawl runs, and anyone may
take it over once the lease has expired, so a crawl killed with SIGKILL never blocks the next
one for longer than the lease. A holder on this same machine whose process is gone loses the
lock at once.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from storage.models import Run, RunStatus, RunTrigger, SiteLock, utcnow

if TYPE_CHECKING:
    from storage.db import Database

LEASE = timedelta(seconds=60)
FINAL_STATUSES = (RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED)


class RunConflictError(RuntimeError):
    """The site is already being crawled, or the run cannot be started."""


@dataclass(frozen=True)
class RunCounts:
    pages: int = 0
    articles: int = 0
    bytes: int = 0
    errors: int = 0
    warc_files: int = 0
    refused: int = 0


def holder_name(pid: int | None = None) -> str:
    """``host:pid`` of a lock holder, so a holder on this host can be checked for life."""
    return f"{socket.gethostname()}:{pid or os.getpid()}"


def _holder_is_dead(holder: str) -> bool:
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def create_run(db: Database, site: str, trigger: RunTrigger | str) -> int:
    """Record a queued run and return its id."""
    with db.session() as session:
        run = Run(site=site, trigger=RunTrigger(trigger), status=RunStatus.QUEUED)
        session.add(run)
        session.flush()
        return run.id


def acquire_lock(
    db: Database, site: str, run_id: int, holder: str, lease: timedelta = LEASE
) -> bool:
    """Take the site's lock for ``run_id``; False when a live holder has it."""
    now = utcnow()
    try:
        with db.session() as session:
            session.add(SiteLock(site=site, run_id=run_id, holder=holder, expires_at=now + lease))
        return True
    except IntegrityError:
        pass
    with db.session() as session:
        current = session.get(SiteLock, site)
        if current is None:
            return acquire_lock(db, site, run_id, holder, lease)
        if current.run_id == run_id or current.expires_at < now or _holder_is_dead(current.holder):
            taken = session.execute(
                update(SiteLock)
                .where(
                    SiteLock.site == site,
                    SiteLock.holder == current.holder,
                    SiteLock.expires_at == current.expires_at,
                )
                .values(run_id=run_id, holder=holder, expires_at=now + lease)
            )
            return taken.rowcount == 1
    return False


def release_lock(db: Database, site: str, run_id: int) -> None:
    with db.session() as session:
        session.execute(delete(SiteLock).where(SiteLock.site == site, SiteLock.run_id == run_id))


def lock_holder(db: Database, site: str) -> SiteLock | None:
    """The live lock on a site, if any (expired leases don't count)."""
    with db.session() as session:
        lock = session.get(SiteLock, site)
        if lock is None or lock.expires_at < utcnow():
            return None
        session.expunge(lock)
        return lock


def start_run(
    db: Database,
    site: str,
    *,
    run_id: int | None = None,
    trigger: RunTrigger | str = RunTrigger.MANUAL,
    worker: str | None = None,
    pid: int | None = None,
    log_path: str | None = None,
) -> int:
    """Mark a run as running under the site's lock, creating the run if needed.

    Raises RunConflictError when another run holds the site, or the run is already final.
    """
    if run_id is None:
        run_id = create_run(db, site, trigger)
    with db.session() as session:
        run = session.get(Run, run_id)
        if run is None:
            raise RunConflictError(f"run {run_id} does not exist")
        if run.status in FINAL_STATUSES:
            raise RunConflictError(f"run {run_id} is already {run.status.value}")
    holder = holder_name(pid)
    if not acquire_lock(db, site, run_id, holder):
        current = lock_holder(db, site)
        other = f"run {current.run_id}" if current and current.run_id else "another process"
        raise RunConflictError(f"site {site!r} is already being crawled by {other}")
    with db.session() as session:
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(
                status=RunStatus.RUNNING,
                started_at=utcnow(),
                heartbeat_at=utcnow(),
                worker=worker or socket.gethostname(),
                pid=pid or os.getpid(),
                log_path=log_path,
            )
        )
    return run_id


def heartbeat(db: Database, run_id: int, site: str, lease: timedelta = LEASE) -> bool:
    """Renew the run's heartbeat and lock lease; return True if a cancel was requested."""
    now = utcnow()
    with db.session() as session:
        session.execute(update(Run).where(Run.id == run_id).values(heartbeat_at=now))
        session.execute(
            update(SiteLock)
            .where(SiteLock.site == site, SiteLock.run_id == run_id)
            .values(expires_at=now + lease)
        )
        return bool(session.scalar(select(Run.cancel_requested).where(Run.id == run_id)))


def finish_run(
    db: Database,
    run_id: int,
    site: str,
    status: RunStatus,
    counts: RunCounts,
    *,
    summary: dict[str, Any] | None = None,
    error: str | None = None,
    finished_at: datetime | None = None,
) -> None:
    """Record the run's outcome and release its site lock."""
    with db.session() as session:
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(
                status=status,
                finished_at=finished_at or utcnow(),
                pages=counts.pages,
                articles=counts.articles,
                bytes=counts.bytes,
                errors=counts.errors,
                warc_files=counts.warc_files,
                refused=counts.refused,
                summary=summary,
                error=error,
            )
        )
    release_lock(db, site, run_id)
