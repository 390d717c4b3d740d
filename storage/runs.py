"""Run records and site locks, shared by every process that starts or watches crawls.

A site lock is a row with a lease: its holder renews it while the crawl runs, and anyone may
take it over once the lease has expired, so a crawl killed with SIGKILL never blocks the next
one for longer than the lease. A holder on this same machine whose process is gone loses the
lock at once.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Delete, case, delete, func, select, true, update
from sqlalchemy.exc import IntegrityError

from storage.db import rows_changed
from storage.models import (
    ArticleVersion,
    Capture,
    RequestKind,
    Run,
    RunRequest,
    RunStatus,
    RunTrigger,
    Site,
    SiteLock,
    WarcFile,
    utcnow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage.db import Database

LEASE = timedelta(seconds=60)
FINAL_STATUSES = (RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED)
#: The environment variable through which a Celery worker gives its crawl the attempt token of
#: the run it claimed.
ATTEMPT_ENV = "NEWSARCHIVER_ATTEMPT"


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
    return _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    """Has the process exited without being reaped (its parent died where no init reaps)?"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # not Linux, or gone: the signal check above decides
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def new_attempt() -> str:
    """A fresh attempt token: unique, whichever host or process the attempt runs in."""
    return secrets.token_hex(16)


def held_by(run_id: int, attempt: str | None) -> ColumnElement[bool]:
    """The run is held by ``attempt``: the condition of everything only its holder may do.

    ``None`` stands for whoever holds it (the daemon and operators, who act for the run).
    """
    if attempt is None:
        return Run.id == run_id
    return (Run.id == run_id) & (Run.attempt == attempt)


def create_run(db: Database, site: str, trigger: RunTrigger | str) -> int:
    """Record a queued run and return its id."""
    with db.session() as session:
        run = Run(site=site, trigger=RunTrigger(trigger), status=RunStatus.QUEUED)
        session.add(run)
        session.flush()
        return run.id


@dataclass(frozen=True)
class _Lease:
    """The outcome of trying to take a lease: taken or not, and from whom."""

    taken: bool
    #: The lock as it was: None when the lease was free.
    previous: SiteLock | None = None
    #: The previous holder was a process of this host that is gone.
    from_dead: bool = False


def _take_lease(
    db: Database, name: str, holder: str, lease: timedelta, run_id: int | None = None
) -> _Lease:
    """Take the lease ``name`` (a site, or the scheduler) for ``holder``.

    It is taken when free, expired, held by a process of this host that is gone, or already
    ours (the same holder, or the same run). The update names the lock as it was read, so of
    two processes taking it over at once exactly one wins.
    """
    now = utcnow()
    try:
        with db.session() as session:
            session.add(SiteLock(site=name, run_id=run_id, holder=holder, expires_at=now + lease))
        return _Lease(taken=True)
    except IntegrityError:
        pass
    with db.session() as session:
        current = session.get(SiteLock, name)
        if current is None:
            return _take_lease(db, name, holder, lease, run_id)
        session.expunge(current)
        dead = _holder_is_dead(current.holder)
        ours = current.holder == holder or (run_id is not None and current.run_id == run_id)
        if not (ours or dead or current.expires_at < now):
            return _Lease(taken=False, previous=current)
        taken = session.execute(
            update(SiteLock)
            .where(
                SiteLock.site == name,
                SiteLock.holder == current.holder,
                SiteLock.expires_at == current.expires_at,
            )
            .values(run_id=run_id, holder=holder, expires_at=now + lease)
        )
        won = rows_changed(taken) == 1
        return _Lease(taken=won, previous=current, from_dead=won and dead)


def acquire_lock(
    db: Database, site: str, run_id: int, holder: str, lease: timedelta = LEASE
) -> bool:
    """Take the site's lock for ``run_id``; False when a live holder has it."""
    outcome = _take_lease(db, site, holder, lease, run_id)
    previous = outcome.previous
    if outcome.from_dead and previous is not None and previous.run_id not in (None, run_id):
        # Without a daemon nobody else would ever close the run of a killed foreground
        # crawl: it would stay "running" forever.
        with db.session() as session:
            session.execute(
                update(Run)
                .where(Run.id == previous.run_id, Run.status == RunStatus.RUNNING)
                .values(
                    status=RunStatus.FAILED,
                    finished_at=utcnow(),
                    error=f"interrupted: lock holder {previous.holder} is gone",
                )
            )
    return outcome.taken


def release_lock(db: Database, site: str, run_id: int, attempt: str | None = None) -> None:
    """Free the site if the run holds it, and ``attempt`` (when given) still holds the run."""
    with db.session() as session:
        session.execute(_release(site, run_id, attempt))


def _release(site: str, run_id: int, attempt: str | None) -> Delete:
    """The statement of :func:`release_lock`, for a transaction that also ends the run: no
    reader sees the run ended while its site is still locked."""
    holding = select(Run.id).where(held_by(run_id, attempt)).exists()
    return delete(SiteLock).where(SiteLock.site == site, SiteLock.run_id == run_id, holding)


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
    attempt: str | None = None,
) -> int:
    """Mark a queued run as running under the site's lock for ``attempt``, creating the run if
    needed.

    The run is taken for ``attempt`` (a fresh token when None) unless another attempt holds it;
    one a worker claimed for this attempt is already held by it. Raises RunConflictError when
    another run holds the site, or the run is not queued or held by another attempt.
    """
    if run_id is None:
        run_id = create_run(db, site, trigger)
    attempt = attempt or new_attempt()
    claimed = _take_run(db, run_id, attempt)
    try:
        _run_under_lock(db, site, run_id, attempt, worker=worker, pid=pid, log_path=log_path)
    except BaseException:
        release_lock(db, site, run_id, attempt)  # if it was taken before the failure
        if not claimed:  # given back: the run waits for the site, free for any attempt
            give_back(db, run_id, attempt)
        raise
    return run_id


def _run_under_lock(
    db: Database,
    site: str,
    run_id: int,
    attempt: str,
    *,
    worker: str | None,
    pid: int | None,
    log_path: str | None,
) -> None:
    """Take the site's lock and mark the run ``attempt`` holds running."""
    if not acquire_lock(db, site, run_id, holder_name(pid)):
        current = lock_holder(db, site)
        other = f"run {current.run_id}" if current and current.run_id else "another process"
        raise RunConflictError(f"site {site!r} is already being crawled by {other}")
    with db.session() as session:
        started = session.execute(
            update(Run)
            .where(held_by(run_id, attempt), Run.status == RunStatus.QUEUED)
            .values(
                status=RunStatus.RUNNING,
                started_at=utcnow(),
                heartbeat_at=utcnow(),
                worker=worker or socket.gethostname(),
                pid=pid or os.getpid(),
                log_path=log_path,
            )
        )
    if not rows_changed(started):  # cancelled or re-queued to another attempt meanwhile
        release_lock(db, site, run_id, attempt)
        raise RunConflictError(f"run {run_id} was taken from this attempt before it started")


def give_back(db: Database, run_id: int, attempt: str | None = None) -> None:
    """A queued run that ``attempt`` (any, when None) held no longer is: another may take it."""
    with db.session() as session:
        session.execute(
            update(Run)
            .where(held_by(run_id, attempt), Run.status == RunStatus.QUEUED)
            .values(attempt=None)
        )


def _take_run(db: Database, run_id: int, attempt: str) -> bool:
    """Make ``attempt`` the holder of the queued run; return whether it held it already (a
    worker's claim). Raises RunConflictError when the run cannot be taken."""
    queued = (Run.id == run_id) & (Run.status == RunStatus.QUEUED)
    with db.session() as session:
        ours = update(Run).where(queued, held_by(run_id, attempt)).values(attempt=attempt)
        if rows_changed(session.execute(ours)):
            return True
        taken = session.execute(
            update(Run).where(queued, Run.attempt.is_(None)).values(attempt=attempt)
        )
        if rows_changed(taken):
            return False
        run = session.get(Run, run_id)
        if run is None:
            raise RunConflictError(f"run {run_id} does not exist")
        if run.status is RunStatus.QUEUED:
            raise RunConflictError(f"run {run_id} is taken by another attempt")
        raise RunConflictError(f"run {run_id} is already {run.status.value}")


def run_articles(db: Database, run_id: int) -> int:
    """How many of the run's captures the index links to an article."""
    with db.session() as session:
        found = session.scalar(
            select(func.count())
            .select_from(Capture)
            .where(Capture.run_id == run_id, Capture.article_id.is_not(None))
        )
    return int(found or 0)


def run_pages_queued(db: Database, run_id: int) -> int:
    """How many of the run's page captures still wait for the article indexer."""
    with db.session() as session:
        found = session.scalar(
            select(func.count())
            .select_from(Capture)
            .where(Capture.run_id == run_id, Capture.index_pending)
        )
    return int(found or 0)


def heartbeat(
    db: Database,
    run_id: int,
    site: str,
    attempt: str,
    lease: timedelta = LEASE,
    *,
    progress: RunCounts | None = None,
) -> bool:
    """Renew the run's heartbeat and lock lease, and record its ``progress`` so far (what
    ``jobs list`` shows while it runs), if ``attempt`` holds the run; return True if the crawl
    should stop: a cancel was requested, or another attempt took the run over."""
    now = utcnow()
    values: dict[str, Any] = {"heartbeat_at": now}
    if progress is not None:
        values |= {
            "pages": progress.pages,
            "articles": progress.articles,
            "bytes": progress.bytes,
            "warc_files": progress.warc_files,
            "refused": progress.refused,
        }
    holding = select(Run.id).where(held_by(run_id, attempt)).exists()
    with db.session() as session:
        session.execute(
            update(Run)
            .where(held_by(run_id, attempt), Run.status == RunStatus.RUNNING)
            .values(values)
        )
        session.execute(
            update(SiteLock)
            .where(SiteLock.site == site, SiteLock.run_id == run_id, holding)
            .values(expires_at=now + lease)
        )
        run = session.get(Run, run_id)
        return run is None or run.cancel_requested or run.attempt != attempt


def finish_run(
    db: Database,
    run_id: int,
    site: str,
    status: RunStatus,
    counts: RunCounts,
    *,
    attempt: str,
    summary: dict[str, Any] | None = None,
    error: str | None = None,
    finished_at: datetime | None = None,
) -> bool:
    """Record the run's outcome and release its site lock; return whether it was recorded.

    Only a running run held by ``attempt`` takes it. One already ended (given up on by whoever
    ran it, or marked failed as stale) keeps the outcome it was given, and its site is freed if
    the run still holds it. One another attempt took over (re-queued, and taken by another
    worker) is left alone, its lock too: it belongs to the attempt running it now.
    """
    with db.session() as session:
        changed = session.execute(
            update(Run)
            .where(held_by(run_id, attempt), Run.status == RunStatus.RUNNING)
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
        session.execute(_release(site, run_id, attempt))
    return rows_changed(changed) == 1


# Queries and operator actions ----------------------------------------------------------------

#: Runs that still hold or wait for a site: at most one of them per site may be running.
ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)

#: A running run whose heartbeat is older than this has missed several renewals (the crawl
#: beats every 5 s) and outlived its lease: its process is gone, wherever it ran.
STALE_AFTER = LEASE * 2


class UnknownRunError(LookupError):
    """No run has this id. The message is one line."""


def get_run(db: Database, run_id: int) -> Run:
    """The run with this id, detached from its session."""
    with db.session() as session:
        run = session.get(Run, run_id)
        if run is None:
            raise UnknownRunError(f"unknown run id {run_id}")
        return run


def list_runs(
    db: Database,
    *,
    site: str | None = None,
    status: RunStatus | None = None,
    limit: int | None = 20,
) -> list[Run]:
    """Runs, newest first, optionally of one site or in one status."""
    query = select(Run).order_by(Run.id.desc()).limit(limit)
    if site is not None:
        query = query.where(Run.site == site)
    if status is not None:
        query = query.where(Run.status == status)
    with db.session() as session:
        return list(session.scalars(query))


def run_json(run: Run) -> dict[str, Any]:
    """A run as ``jobs list --json`` prints it (the contract's fields, and a few more)."""
    return {
        "id": run.id,
        "site": run.site,
        "trigger": run.trigger.value,
        "status": run.status.value,
        "queued_at": _iso(run.queued_at),
        "scheduled_at": _iso(run.scheduled_at),
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        "pages": run.pages,
        "articles": run.articles,
        "bytes": run.bytes,
        "errors": run.errors,
        "worker": run.worker,
        "error": run.error,
        "log": run.log_path,
    }


def schedule_lag(scheduled_at: datetime | None, started_at: datetime | None) -> float | None:
    """Seconds a scheduled run started after its fire time (None: manual, or not started)."""
    if scheduled_at is None or started_at is None:
        return None
    return (started_at - scheduled_at).total_seconds()


def run_detail_json(run: Run, files: list[WarcFile]) -> dict[str, Any]:
    """A run and its WARC files as ``jobs show --json`` prints it."""
    return run_json(run) | {
        "schedule_lag_seconds": schedule_lag(run.scheduled_at, run.started_at),
        "pid": run.pid,
        "heartbeat_at": _iso(run.heartbeat_at),
        "cancel_requested": run.cancel_requested,
        "refused": run.refused,
        "warc_files": [
            {
                "name": warc.name,
                "status": warc.status.value,
                "url": warc.storage_url,
                "size": warc.size,
                "sha256": warc.sha256,
            }
            for warc in files
        ],
        "summary": run.summary,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class RunProgress:
    """What a run has indexed so far: response and revisit records, their bytes, articles."""

    records: int
    record_bytes: int
    articles: int


def run_progress(db: Database, run_id: int) -> RunProgress:
    """A running run's progress as the index sees it; its own counts are written at its end."""
    with db.session() as session:
        records, size = session.execute(
            select(func.count(), func.coalesce(func.sum(Capture.length), 0)).where(
                Capture.run_id == run_id
            )
        ).one()
    return RunProgress(int(records), int(size), run_articles(db, run_id))


@dataclass(frozen=True)
class RunFindings:
    """Articles a run found that the archive did not have: new ones, and new versions."""

    new: int = 0
    changed: int = 0


def run_findings(db: Database, run_ids: list[int]) -> dict[int, RunFindings]:
    """New articles and new versions of known ones, per run (runs that found none are absent)."""
    if not run_ids:
        return {}
    first = func.sum(case((ArticleVersion.version == 1, 1), else_=0))
    later = func.sum(case((ArticleVersion.version > 1, 1), else_=0))
    stmt = (
        select(Capture.run_id, first, later)
        .join(ArticleVersion, ArticleVersion.capture_id == Capture.id)
        .where(Capture.run_id.in_(run_ids))
        .group_by(Capture.run_id)
    )
    with db.session() as session:
        return {
            run_id: RunFindings(int(new or 0), int(changed or 0))
            for run_id, new, changed in session.execute(stmt)
        }


def recent_runs_by_site(
    db: Database, per_site: int, statuses: Collection[RunStatus] | None = None
) -> dict[str, list[Run]]:
    """Each site's newest ``per_site`` runs (of ``statuses``, when given), newest first, in one
    query however many sites."""
    position = func.row_number().over(partition_by=Run.site, order_by=Run.id.desc())
    numbered = select(Run.id, position.label("position"))
    if statuses is not None:
        numbered = numbered.where(Run.status.in_(statuses))
    ranked = numbered.subquery()
    query = (
        select(Run)
        .join(ranked, ranked.c.id == Run.id)
        .where(ranked.c.position <= per_site)
        .order_by(Run.site, Run.id.desc())
    )
    runs: dict[str, list[Run]] = {}
    with db.session() as session:
        for run in session.scalars(query):
            runs.setdefault(run.site, []).append(run)
    return runs


def last_successes(db: Database) -> dict[str, datetime]:
    """When each site whose schedule is active (a cron, not paused) last finished a run
    successfully; sites that never did are absent. One index seek per site."""
    last = (
        select(func.max(Run.finished_at))
        .where(Run.site == Site.slug, Run.status == RunStatus.SUCCEEDED)
        .scalar_subquery()
    )
    query = select(Site.slug, last).where(Site.cron.is_not(None), Site.paused.is_(False))
    with db.session() as session:
        return {slug: at for slug, at in session.execute(query) if at is not None}


def count_runs(db: Database, status: RunStatus) -> int:
    """How many runs are in ``status``, counted by the database."""
    with db.session() as session:
        return session.scalar(select(func.count()).where(Run.status == status)) or 0


def queued_runs(db: Database) -> list[Run]:
    """Runs waiting to start, oldest first: the order in which they were asked for."""
    with db.session() as session:
        query = select(Run).where(Run.status == RunStatus.QUEUED).order_by(Run.id)
        return list(session.scalars(query))


def active_run(db: Database, site: str) -> Run | None:
    """The oldest queued or running run of ``site``, if any."""
    with db.session() as session:
        query = (
            select(Run)
            .where(Run.site == site, Run.status.in_(ACTIVE_STATUSES))
            .order_by(Run.id)
            .limit(1)
        )
        return session.scalar(query)


def active_log_paths(db: Database) -> set[Path]:
    """The logs of queued and running runs: still written, or about to be."""
    with db.session() as session:
        query = select(Run.log_path).where(
            Run.status.in_(ACTIVE_STATUSES), Run.log_path.is_not(None)
        )
        return {Path(path) for path in session.scalars(query) if path}


def queue_run(db: Database, site: str, trigger: RunTrigger | str) -> int:
    """Record a queued run and tell the scheduler daemon about it; return the run id.

    The run waits in the ``runs`` table, so it survives until a daemon starts it even if no
    daemon is running now; the request only makes a running daemon look at once.
    """
    with db.session() as session:
        return _add_queued_run(session, site, trigger)


def queue_run_once(db: Database, site: str, trigger: RunTrigger | str) -> tuple[int, bool]:
    """Queue a run of ``site`` unless one is already waiting; return its id and whether it is new.

    A run still queued will crawl everything a second one would, so triggering twice queues
    once. On SQLite the look and the insert are one write transaction; on PostgreSQL two
    triggers at the very same moment may both queue (the daemon still runs them one at a time).
    """
    with db.session(write=True) as session:
        waiting = session.scalar(
            select(Run.id)
            .where(Run.site == site, Run.status == RunStatus.QUEUED)
            .order_by(Run.id)
            .limit(1)
        )
        if waiting is not None:
            return waiting, False
        return _add_queued_run(session, site, trigger), True


def _add_queued_run(session: Session, site: str, trigger: RunTrigger | str) -> int:
    run = Run(site=site, trigger=RunTrigger(trigger), status=RunStatus.QUEUED)
    session.add(run)
    session.flush()
    session.add(RunRequest(kind=RequestKind.TRIGGER, site=site, run_id=run.id))
    return run.id


def set_scheduled_at(db: Database, run_id: int, scheduled_at: datetime) -> None:
    """Record when the schedule meant the run to start (its lag is measured from this)."""
    with db.session() as session:
        session.execute(update(Run).where(Run.id == run_id).values(scheduled_at=scheduled_at))


def set_log_path(db: Database, run_id: int, log_path: str) -> None:
    """Say where the run's log is before its process starts, so even early failures show it."""
    with db.session() as session:
        session.execute(update(Run).where(Run.id == run_id).values(log_path=log_path))


def cancel_run(db: Database, run_id: int) -> RunStatus:
    """Cancel a queued run at once, or ask a running one to stop gracefully.

    Returns ``CANCELLED`` when the run never started, ``RUNNING`` when the crawl was asked to
    close (it notices within its heartbeat interval, and a daemon running it is told through
    the request table at once). The flag is set before the status changes, so a run that starts
    in between still sees the request.
    """
    run = get_run(db, run_id)
    if run.status in FINAL_STATUSES:
        raise RunConflictError(f"run {run_id} has already finished ({run.status.value})")
    with db.session() as session:
        session.execute(update(Run).where(Run.id == run_id).values(cancel_requested=True))
    with db.session() as session:
        cancelled = session.execute(
            update(Run)
            .where(Run.id == run_id, Run.status == RunStatus.QUEUED)
            # An operator's choice, not a failure: no error is recorded.
            .values(status=RunStatus.CANCELLED, finished_at=utcnow())
        )
        session.add(RunRequest(kind=RequestKind.CANCEL, site=run.site, run_id=run_id))
    return RunStatus.CANCELLED if rows_changed(cancelled) else RunStatus.RUNNING


def fail_run(
    db: Database,
    run_id: int,
    error: str,
    *,
    replacing: tuple[RunStatus, ...] = ACTIVE_STATUSES,
    attempt: str | None = None,
    free_site: bool = True,
) -> bool:
    """Mark a run failed with ``error`` if its status is one of ``replacing`` (and ``attempt``,
    when given, holds it); free its site unless ``free_site`` is False (its crawl may still be
    going).

    Used for runs whose process could not record an outcome itself (crashed, killed, never
    started, given up on), and with ``replacing`` including final statuses for runs stopped at
    their timeout. Returns whether the run was changed.
    """
    run = get_run(db, run_id)
    with db.session() as session:
        changed = session.execute(
            update(Run)
            .where(held_by(run_id, attempt), Run.status.in_(replacing))
            .values(
                status=RunStatus.FAILED,
                finished_at=run.finished_at or utcnow(),
                error=error,
            )
        )
        if free_site:
            session.execute(_release(run.site, run_id, attempt))
    return rows_changed(changed) == 1


def requeued_values(why: str) -> dict[str, Any]:
    """The columns of a run put back in the queue: it starts afresh, saying why it waits."""
    return {
        "status": RunStatus.QUEUED,
        "started_at": None,
        "finished_at": None,
        "heartbeat_at": None,
        "worker": None,
        "pid": None,
        "attempt": None,  # whatever its last attempt still does counts no more
        "error": f"re-queued: {why}",
    }


def requeue_run(db: Database, run_id: int, why: str) -> bool:
    """Put a run that was stopped from outside (not cancelled by an operator) back in the
    queue; free its site. Returns whether the run was changed."""
    run = get_run(db, run_id)
    with db.session() as session:
        changed = session.execute(
            update(Run)
            .where(
                Run.id == run_id,
                Run.status.in_((RunStatus.RUNNING, RunStatus.CANCELLED)),
                Run.cancel_requested.is_(False),
            )
            .values(requeued_values(why))
        )
    release_lock(db, run.site, run_id)
    return rows_changed(changed) == 1


def mark_stale_runs(db: Database, stale_after: timedelta = STALE_AFTER) -> list[int]:
    """Mark runs left ``running`` by a dead process as failed ("interrupted"); return their ids.

    On this host the process itself decides: gone means dead at once, alive means alive even
    when its heartbeat is old (a crawl uploading its last WARC files does not beat). A run of
    another host is dead when its heartbeat is older than ``stale_after``. Their site locks are
    released.
    """
    now = utcnow()
    cutoff = now - stale_after
    with db.session() as session:
        running = list(session.scalars(select(Run).where(Run.status == RunStatus.RUNNING)))
    marked = []
    still_stale: ColumnElement[bool]
    for run in running:
        beat = run.heartbeat_at or run.started_at or run.queued_at
        local = run.worker == socket.gethostname() and run.pid is not None
        if local and _holder_is_dead(f"{run.worker}:{run.pid}"):
            why, still_stale = f"process {run.pid} on {run.worker} is gone", true()
        elif not local and beat < cutoff:
            # Checked again in the update: the crawl may have beaten in the meantime.
            why = f"no heartbeat since {beat.isoformat(timespec='seconds')}"
            still_stale = func.coalesce(Run.heartbeat_at, Run.started_at, Run.queued_at) < cutoff
        else:
            continue
        with db.session() as session:
            changed = session.execute(
                update(Run)
                .where(Run.id == run.id, Run.status == RunStatus.RUNNING, still_stale)
                .values(status=RunStatus.FAILED, finished_at=now, error=f"interrupted: {why}")
            )
        if rows_changed(changed):
            release_lock(db, run.site, run.id)
            marked.append(run.id)
    return marked


def site_is_locked(db: Database, site: str) -> bool:
    """Does a live holder have the site? The same rule ``acquire_lock`` applies."""
    with db.session() as session:
        lock = session.get(SiteLock, site)
    if lock is None:
        return False
    return lock.expires_at >= utcnow() and not _holder_is_dead(lock.holder)


def other_run_since(db: Database, site: str, since: datetime, *, exclude: int) -> bool:
    """Did another run of ``site`` run at some point after ``since``?

    Tells a run that lost the race for its site's lock (it may try again) from one that failed
    to start for a reason of its own.
    """
    with db.session() as session:
        query = select(Run.id).where(
            Run.site == site,
            Run.id != exclude,
            (Run.status == RunStatus.RUNNING) | (Run.finished_at >= since),
        )
        return session.scalar(query.limit(1)) is not None


# Requests from operators to the daemon ----------------------------------------------------


def add_request(
    db: Database, kind: RequestKind, *, site: str | None = None, run_id: int | None = None
) -> int:
    """Leave a request for the scheduler daemon, which polls for them every second."""
    with db.session() as session:
        request = RunRequest(kind=kind, site=site, run_id=run_id)
        session.add(request)
        session.flush()
        return request.id


def pending_requests(db: Database, limit: int = 100) -> list[RunRequest]:
    """Requests not handled yet, oldest first."""
    with db.session() as session:
        query = (
            select(RunRequest)
            .where(RunRequest.handled_at.is_(None))
            .order_by(RunRequest.id)
            .limit(limit)
        )
        return list(session.scalars(query))


def mark_request_handled(db: Database, request_id: int, result: str) -> None:
    with db.session() as session:
        session.execute(
            update(RunRequest)
            .where(RunRequest.id == request_id)
            .values(handled_at=utcnow(), result=result)
        )


# The scheduler daemon's own lease ---------------------------------------------------------

#: The daemon's lease lives in ``site_locks`` under a name no site slug can take, so the same
#: lease rules (expiry, a dead holder on this host loses it) keep a second daemon out.
SCHEDULER_LOCK = ":scheduler"
SCHEDULER_LEASE = timedelta(seconds=30)


def acquire_scheduler_lease(
    db: Database, holder: str, lease: timedelta = SCHEDULER_LEASE
) -> str | None:
    """Become the one scheduler daemon; return None, or the live holder that prevents it."""
    taken = _take_lease(db, SCHEDULER_LOCK, holder, lease)
    if taken.taken:
        return None
    return taken.previous.holder if taken.previous is not None else "another daemon"


def renew_scheduler_lease(db: Database, holder: str, lease: timedelta = SCHEDULER_LEASE) -> bool:
    """Extend the daemon's lease; False if another daemon has taken it over."""
    with db.session() as session:
        renewed = session.execute(
            update(SiteLock)
            .where(SiteLock.site == SCHEDULER_LOCK, SiteLock.holder == holder)
            .values(expires_at=utcnow() + lease)
        )
        return rows_changed(renewed) == 1


def release_scheduler_lease(db: Database, holder: str) -> None:
    with db.session() as session:
        session.execute(
            delete(SiteLock).where(SiteLock.site == SCHEDULER_LOCK, SiteLock.holder == holder)
        )


def scheduler_lease(db: Database) -> SiteLock | None:
    """The live daemon's lease (holder ``host:pid``, expiry), or None when no daemon runs."""
    with db.session() as session:
        lock = session.get(SiteLock, SCHEDULER_LOCK)
    if lock is None or lock.expires_at < utcnow() or _holder_is_dead(lock.holder):
        return None
    return lock


def warc_files_of_run(db: Database, run_id: int) -> list[WarcFile]:
    """The WARC files a run wrote, in the order they were opened."""
    with db.session() as session:
        query = select(WarcFile).where(WarcFile.run_id == run_id).order_by(WarcFile.id)
        return list(session.scalars(query))
