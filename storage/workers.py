"""Celery workers and the runs handed to them: presence, claims, and re-queueing lost runs.

With the ``celery`` executor a run leaves the scheduler's machine as a broker message, and the
database is the only thing the daemon and the workers share for sure (the broker differs between
Redis and RabbitMQ, and neither says reliably which worker died). So the facts live here:

- ``workers``: each worker beats every few seconds; ``status`` lists the recent ones.
- ``run_dispatches``: the Celery task id the daemon sent for a run and the worker that claimed
  it. A worker runs a crawl only after claiming the run for that exact task id, so a message
  delivered twice (late acks redeliver after a worker is lost) never starts a second crawl.
  The claim makes the worker's attempt the run's holder (``storage.runs``): its crawl, its
  beats and the ending it records count only while that attempt holds the run.
- a run whose heartbeat went stale (its worker or machine died) is put back in the queue with a
  fresh task id, at most ``max_requeues`` times, and then fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from storage.db import rows_changed
from storage.models import Base, Run, RunStatus, utcnow
from storage.runs import held_by, new_attempt, release_lock, requeued_values

if TYPE_CHECKING:
    from storage.db import Database

#: A worker that has not beaten for this long is no longer listed as connected.
PRESENCE_TIMEOUT = timedelta(seconds=30)


class Worker(Base):
    """A Celery worker process, as last heard of."""

    __tablename__ = "workers"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int]
    concurrency: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class RunDispatch(Base):
    """The Celery task that currently carries a run, and who claimed it."""

    __tablename__ = "run_dispatches"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    task_id: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    claimed_at: Mapped[datetime | None]
    requeues: Mapped[int] = mapped_column(default=0, server_default="0")


@dataclass(frozen=True)
class WorkerPresence:
    """A connected worker and the runs it is executing now."""

    name: str
    hostname: str
    pid: int
    concurrency: int
    started_at: datetime
    seen_at: datetime
    runs: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """As ``status --json`` prints it."""
        return {
            "name": self.name,
            "hostname": self.hostname,
            "pid": self.pid,
            "concurrency": self.concurrency,
            "started_at": self.started_at.isoformat(),
            "seen_at": self.seen_at.isoformat(),
            "runs": self.runs,
        }


# Presence ------------------------------------------------------------------------------------


def beat_worker(db: Database, name: str, hostname: str, pid: int, concurrency: int) -> None:
    """Say that the worker ``name`` is alive (insert or refresh its row)."""
    now = utcnow()
    with db.session() as session:
        seen = session.execute(
            update(Worker)
            .where(Worker.name == name)
            .values(hostname=hostname, pid=pid, concurrency=concurrency, seen_at=now)
        )
        if rows_changed(seen):
            return
    try:
        with db.session() as session:
            session.add(
                Worker(
                    name=name,
                    hostname=hostname,
                    pid=pid,
                    concurrency=concurrency,
                    started_at=now,
                    seen_at=now,
                )
            )
    except IntegrityError:  # a second process with the same name beat us to the insert
        beat_worker(db, name, hostname, pid, concurrency)


def remove_worker(db: Database, name: str) -> None:
    """Forget a worker that stopped cleanly."""
    with db.session() as session:
        session.execute(delete(Worker).where(Worker.name == name))


def connected_workers(db: Database, within: timedelta = PRESENCE_TIMEOUT) -> list[WorkerPresence]:
    """Workers heard of recently, by name, each with the ids of the runs it is executing."""
    with db.session() as session:
        workers = list(
            session.scalars(
                select(Worker).where(Worker.seen_at >= utcnow() - within).order_by(Worker.name)
            )
        )
        running = session.execute(
            select(Run.worker, Run.id)
            .where(Run.status == RunStatus.RUNNING, Run.worker.is_not(None))
            .order_by(Run.id)
        ).all()
    by_worker: dict[str, list[int]] = {}
    for name, run_id in running:
        by_worker.setdefault(str(name), []).append(run_id)
    return [
        WorkerPresence(
            w.name,
            w.hostname,
            w.pid,
            w.concurrency,
            w.started_at,
            w.seen_at,
            by_worker.get(w.name, []),
        )
        for w in workers
    ]


# Dispatch and claims -------------------------------------------------------------------------


def record_dispatch(db: Database, run_id: int, task_id: str) -> str | None:
    """Note that ``task_id`` now carries the run; earlier tasks for it lose their claim.

    Returns None, or the id of the task that has already claimed the run (a daemon restarted
    while a worker was starting it): that task keeps it, and nothing should be sent.
    """
    with db.session() as session:
        changed = session.execute(
            update(RunDispatch)
            .where(RunDispatch.run_id == run_id, RunDispatch.claimed_by.is_(None))
            .values(task_id=task_id, submitted_at=utcnow(), claimed_at=None)
        )
        if rows_changed(changed):
            return None
        claimed = session.scalar(select(RunDispatch.task_id).where(RunDispatch.run_id == run_id))
        if claimed is not None:
            return claimed
        session.add(RunDispatch(run_id=run_id, task_id=task_id))
    return None


def claim_run(db: Database, run_id: int, task_id: str, worker: str) -> str | None:
    """Take a queued run for this task on ``worker``; return the token of the attempt that now
    holds it, or None for a duplicate or stale delivery.

    The claim also starts the run's heartbeat clock, so a worker lost between the claim and the
    crawl's own start is noticed like one lost in the middle of the crawl.
    """
    now = utcnow()
    attempt = new_attempt()
    queued = (
        select(Run.id)
        .where(
            Run.id == run_id,
            Run.status == RunStatus.QUEUED,
            Run.cancel_requested.is_(False),
            Run.attempt.is_(None),
        )
        .exists()
    )
    with db.session() as session:
        claimed = session.execute(
            update(RunDispatch)
            .where(
                RunDispatch.run_id == run_id,
                RunDispatch.task_id == task_id,
                RunDispatch.claimed_by.is_(None),
                queued,
            )
            .values(claimed_by=worker, claimed_at=now)
        )
        if rows_changed(claimed) != 1:
            return None
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(worker=worker, heartbeat_at=now, attempt=attempt)
        )
    return attempt


def beat_run(db: Database, run_id: int, attempt: str) -> None:
    """The worker executing the run's ``attempt`` is alive: renew the run's heartbeat, while
    that attempt holds the run.

    The crawl beats too, but only every 5 s and only once Scrapy is up, which can take many
    seconds on a loaded machine; the worker's beat covers that gap, so the staleness threshold
    can be short without re-queueing healthy runs.
    """
    with db.session() as session:
        session.execute(
            update(Run)
            .where(
                held_by(run_id, attempt),
                Run.status.in_((RunStatus.QUEUED, RunStatus.RUNNING)),
            )
            .values(heartbeat_at=utcnow())
        )


def release_claim(db: Database, run_id: int, task_id: str, attempt: str) -> None:
    """Give a run claimed for ``attempt``, still queued, back so that the same task can claim it
    again."""
    with db.session() as session:
        session.execute(
            update(RunDispatch)
            .where(RunDispatch.run_id == run_id, RunDispatch.task_id == task_id)
            .values(claimed_by=None, claimed_at=None)
        )
        session.execute(
            update(Run)
            .where(held_by(run_id, attempt), Run.status == RunStatus.QUEUED)
            .values(worker=None, heartbeat_at=None, attempt=None)
        )


def requeue_stale_runs(
    db: Database, stale_after: timedelta, max_requeues: int
) -> list[tuple[int, str]]:
    """Put runs whose worker went silent back in the queue; return ``(run id, outcome)`` pairs.

    A dispatched run is lost when it is running, or claimed but not started, and its heartbeat
    is older than ``stale_after``. It goes back to ``queued`` with its dispatch cleared, so the
    daemon sends it again under a new task id and the old message, if the broker redelivers
    it, can no longer claim it. A run lost more than ``max_requeues`` times fails instead, and
    one whose cancel was requested is cancelled.
    """
    now = utcnow()
    cutoff = now - stale_after
    beat = func.coalesce(Run.heartbeat_at, Run.started_at, RunDispatch.claimed_at)
    lost_query = (
        select(Run.id, Run.site, Run.worker, Run.cancel_requested, RunDispatch.requeues, beat)
        .join(RunDispatch, RunDispatch.run_id == Run.id)
        .where(
            (Run.status == RunStatus.RUNNING)
            | ((Run.status == RunStatus.QUEUED) & RunDispatch.claimed_by.is_not(None)),
            beat < cutoff,
        )
    )
    with db.session() as session:
        lost = session.execute(lost_query).all()
    outcomes = []
    for run_id, site, worker, cancel_requested, requeues, last_beat in lost:
        why = f"no heartbeat from worker {worker} since {last_beat.isoformat(timespec='seconds')}"
        still_lost = (
            Run.id == run_id,
            Run.status.in_((RunStatus.RUNNING, RunStatus.QUEUED)),
            func.coalesce(Run.heartbeat_at, Run.started_at, now - stale_after * 2) < cutoff,
        )
        if cancel_requested or requeues >= max_requeues:
            status = RunStatus.CANCELLED if cancel_requested else RunStatus.FAILED
            error = (
                f"cancelled; its worker was lost ({why})"
                if cancel_requested
                else f"interrupted: {why}; given up after {requeues} re-queue(s)"
            )
            values: dict[str, object] = {"status": status, "finished_at": now, "error": error}
            outcome = status.value
        else:
            values = requeued_values(f"its worker was lost ({why})")
            outcome = f"re-queued ({why})"
        with db.session() as session:
            changed = session.execute(update(Run).where(*still_lost).values(**values))
            if not rows_changed(changed):
                continue  # it beat, or finished, while we looked
            session.execute(
                update(RunDispatch)
                .where(RunDispatch.run_id == run_id)
                .values(task_id="", claimed_by=None, claimed_at=None, requeues=requeues + 1)
            )
        release_lock(db, site, run_id)
        outcomes.append((run_id, outcome))
    return outcomes


def dispatched_statuses(db: Database, run_ids: list[int]) -> dict[int, RunStatus]:
    """The current status of each of these runs (one query, for the daemon's poll)."""
    if not run_ids:
        return {}
    with db.session() as session:
        rows = session.execute(select(Run.id, Run.status).where(Run.id.in_(run_ids))).all()
    return {run_id: status for run_id, status in rows}
