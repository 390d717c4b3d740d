"""Recording how a run's process ended, when the crawl itself could not say.

A crawl records its own outcome (``spiders.runlifecycle``). Whoever started its process (the
scheduler daemon's local executor, or a Celery worker) explains the endings it could not
record: a crash, a kill, a timeout, a failure before the run was marked running, or losing
the race for the site's lock. Both go through :func:`record_exit`, so a run ends the same way
wherever it ran.

When the daemon itself stops (SIGTERM, SIGINT), the crawls it runs are stopped gracefully
and their runs go back to the queue, to run again when a daemon starts: a stop for
maintenance loses no scheduled run. A run the operator cancelled stays cancelled, one that
timed out fails, and one whose process crashed fails too (it might crash again).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.models import RunStatus
from storage.runs import (
    FINAL_STATUSES,
    UnknownRunError,
    fail_run,
    get_run,
    give_back,
    other_run_since,
    release_lock,
    requeue_run,
    site_is_locked,
)

if TYPE_CHECKING:
    from scheduler.executors import RunExit
    from storage.db import Database

logger = logging.getLogger(__name__)

#: Why a run the daemon stopped on its way out waits in the queue.
DAEMON_STOPPED = "the scheduler stopped while it ran; it runs again when a scheduler starts"


@dataclass(frozen=True)
class ExitRecord:
    """The run's status once its ending is recorded (None: the run is gone)."""

    status: RunStatus | None
    #: Still queued: another run held its site, so it should be tried again later.
    lost_race: bool = False


def record_exit(
    db: Database, ended: RunExit, *, attempt: str | None = None, stopping: bool = False
) -> ExitRecord:
    """Record what the crawl of ``ended`` could not record itself.

    ``attempt`` is the attempt a Celery worker claimed the run for: a run re-queued meanwhile
    (and perhaps running on another worker) is left alone. ``stopping`` says the daemon stopped
    the crawl because it is stopping itself. A crawl given up on while it may still be going
    (``ended.abandoned``) fails its run but keeps its site locked until that crawl ends: its
    own finish frees it, or the executor's report that it ended or its host is gone.
    """
    ticket = ended.ticket
    try:
        run = get_run(db, ticket.run_id)
    except UnknownRunError:
        return ExitRecord(None)
    if attempt is not None and run.attempt != attempt:
        logger.warning(
            "run %s of %s was taken over by another attempt: this one's ending is not recorded",
            run.id,
            run.site,
        )
        return ExitRecord(run.status)
    if (
        attempt is None
        and not ended.abandoned
        and run.status is RunStatus.QUEUED
        and run.attempt is not None
    ):
        # Its crawl ended while it took the run: no attempt of the daemon's holds it now.
        give_back(db, run.id)
    operator_cancel = run.cancel_requested
    if stopping and not ended.timed_out and not operator_cancel:
        if run.status in (RunStatus.RUNNING, RunStatus.CANCELLED):
            requeue_run(db, run.id, DAEMON_STOPPED)
        elif run.status is RunStatus.QUEUED:
            logger.info("run %s of %s had not started: it stays queued", run.id, run.site)
    elif run.status is RunStatus.RUNNING:
        fail_run(
            db,
            run.id,
            ended.error or "the crawl process ended without recording an outcome",
            attempt=attempt,
            free_site=not ended.abandoned,
        )
    elif run.status is RunStatus.QUEUED:
        lost = other_run_since(db, run.site, ended.submitted_at, exclude=run.id) or (
            ended.returncode != 0 and site_is_locked(db, run.site)
        )
        if lost:
            logger.info("run %s of %s lost its site to another run: it waits", run.id, run.site)
            return ExitRecord(RunStatus.QUEUED, lost_race=True)
        fail_run(
            db,
            run.id,
            ended.error or f"the crawl process exited with code {ended.returncode}",
            attempt=attempt,
        )
    elif ended.timed_out and run.status is RunStatus.CANCELLED:
        # The crawl closed itself as asked, but the stop was its timeout: a failure.
        fail_run(
            db,
            run.id,
            ended.error or "timed out",
            replacing=(RunStatus.CANCELLED,),
            attempt=attempt,
            free_site=not ended.abandoned,
        )
    if run.status in FINAL_STATUSES and not ended.abandoned:
        # Its crawl has ended (one given up on earlier, at last): the site is free.
        release_lock(db, run.site, run.id, attempt)
    outcome = get_run(db, run.id)
    logger.info(
        "run %s of %s ended: %s%s",
        run.id,
        run.site,
        outcome.status.value,
        f" ({outcome.error})" if outcome.error else "",
    )
    return ExitRecord(outcome.status)
