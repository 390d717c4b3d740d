"""The scheduler daemon: runs crawls on their schedules and carries out operators' requests.

``newsarchiver scheduler run`` starts one ``SchedulerDaemon``. It holds a lease in the database
so that a second daemon refuses to start, and so that other processes can tell whether one is
running. Then, once a second:

- it answers requests left in the ``run_requests`` table by ``jobs trigger``, ``jobs cancel``
  and ``schedule pause|resume`` from any shell;
- it starts queued runs (scheduled or manual, oldest first) through its executor, at most
  ``NEWSARCHIVER_MAX_RUNS`` at once and never two of one site: besides its own bookkeeping, a
  site whose lock is held (say by a ``newsarchiver crawl`` in another shell) waits;
- it records how runs ended when their process could not (a crash, a kill, a timeout);
- every few seconds it renews its lease and reloads the sites file if it changed (logging
  which sites the edit added, removed or changed, and which keys); every half
  minute it marks runs whose process died as failed ("interrupted"); every ten minutes it
  deletes run logs older than ``NEWSARCHIVER_LOG_RETENTION`` (``scheduler.runlogs``).

Schedules live in an APScheduler 3 ``BackgroundScheduler`` with a persistent
``SQLAlchemyJobStore`` in the project database; only this daemon opens it. A firing schedule
only queues a run (unless one of that site is already queued or running, so runs never pile
up); the loop above starts it. Job defaults suit archives: missed runs are coalesced into one,
a run missed by up to ``NEWSARCHIVER_MISFIRE_GRACE`` (6 h) still happens, optional jitter.

SIGTERM and SIGINT stop the schedules, give running crawls ``NEWSARCHIVER_STOP_GRACE`` to close
and store their WARC files (they get SIGTERM, a graceful stop for Scrapy), kill what is left,
put their runs back in the queue (the next daemon runs them again: ``scheduler.runexits``),
and return. See https://apscheduler.readthedocs.io/en/3.x/userguide.html.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from pydantic import Field, field_validator
from sqlalchemy.exc import SQLAlchemyError

from scheduler import schedules
from scheduler.executors import Executor, RunTicket, create_executor, run_log_path
from scheduler.metrics import MetricsSettings, serve_daemon_metrics
from scheduler.runexits import record_exit
from scheduler.runlogs import LOG_PRUNE_SECONDS, apply_log_retention
from settings import AppConfig, EnvSettings, positive_duration
from spiders.siteconfig import SiteConfigError
from storage.db import Database, DatabaseError
from storage.models import RequestKind, Run, RunRequest, RunStatus, RunTrigger
from storage.runs import (
    RunConflictError,
    acquire_scheduler_lease,
    active_run,
    cancel_run,
    count_runs,
    create_run,
    fail_run,
    holder_name,
    list_runs,
    mark_request_handled,
    pending_requests,
    queued_runs,
    release_scheduler_lease,
    renew_scheduler_lease,
    scheduler_lease,
    set_log_path,
    set_scheduled_at,
    site_is_locked,
)
from storage.spool import SpoolUsage, spool_usage
from storage.workers import connected_workers

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer

logger = logging.getLogger(__name__)

JOBSTORE_TABLE = "apscheduler_jobs"
POLL_SECONDS = 1.0
LEASE_RENEW_SECONDS = 5.0
SITES_CHECK_SECONDS = 2.0
STALE_CHECK_SECONDS = 30.0


class DaemonConflictError(RunConflictError):
    """Another scheduler daemon holds the lease on this database."""


class DaemonSettings(EnvSettings):
    """The daemon's knobs, from ``NEWSARCHIVER_*`` environment variables.

    Durations are seconds or text such as ``90s``, ``30m``, ``6h``.
    """

    #: ``NEWSARCHIVER_MAX_RUNS``: crawls running at once on this machine.
    max_runs: int = Field(default=2, ge=1)
    #: ``NEWSARCHIVER_RUN_TIMEOUT``: a run still going after this is stopped (and fails).
    run_timeout: timedelta = timedelta(hours=6)
    #: ``NEWSARCHIVER_STOP_GRACE``: how long a stopped crawl may take to store its WARC files
    #: before it is killed (at its timeout, on cancel, when the daemon stops).
    stop_grace: timedelta = timedelta(minutes=2)
    #: ``NEWSARCHIVER_MISFIRE_GRACE``: a run missed by less than this (the daemon was down)
    #: still happens, once.
    misfire_grace: timedelta = timedelta(hours=6)
    #: ``NEWSARCHIVER_SCHEDULE_JITTER``: start scheduled runs up to this many seconds late, at
    #: random, so that sites sharing a cron do not all start in the same second.
    schedule_jitter: int = Field(default=0, ge=0)
    #: ``NEWSARCHIVER_SCHEDULE_SECOND``: the seconds field added to every 5-field cron (cron
    #: itself has none, hence ``0``). For tests and demos: ``*/5`` with a cron of ``* * * * *``
    #: fires every five seconds through the real trigger, job store and daemon.
    schedule_second: str = "0"

    @field_validator("run_timeout", "stop_grace", "misfire_grace", mode="before")
    @classmethod
    def _duration(cls, value: object) -> object:
        return positive_duration(value)

    @field_validator("schedule_second")
    @classmethod
    def _second(cls, value: str) -> str:
        try:
            CronTrigger(second=value)
        except ValueError as exc:
            raise ValueError(f"invalid cron seconds field {value!r}: {exc}") from None
        return value


class SchedulerDaemon:
    """One process's scheduler: schedules, request polling and the runs it started."""

    def __init__(
        self,
        config: AppConfig,
        settings: DaemonSettings,
        *,
        executor: Executor | None = None,
        metrics: MetricsSettings | None = None,
    ) -> None:
        self.config = config
        self.settings = settings
        self.metrics = metrics
        self._metrics_server: WSGIServer | None = None
        self.db = Database(config.db)
        self.executor: Executor = executor or create_executor(
            config.executor,
            max_runs=settings.max_runs,
            timeout=settings.run_timeout.total_seconds(),
            kill_grace=settings.stop_grace.total_seconds(),
        )
        self.holder = holder_name()
        self.sites_error: str | None = None
        self._sites_signature: tuple[int, int, int] | None = None
        self._sites: dict[str, schedules.Schedule] | None = None  # the last good sites file
        self._sites_checked = False
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self.scheduler = BackgroundScheduler(
            jobstores={
                "default": SQLAlchemyJobStore(engine=self.db.engine, tablename=JOBSTORE_TABLE)
            },
            # A job only queues a run, so two threads are plenty.
            executors={"default": ThreadPoolExecutor(2)},
            job_defaults={
                "coalesce": True,
                "misfire_grace_time": int(settings.misfire_grace.total_seconds()),
                "max_instances": 1,
            },
            timezone=UTC,
        )

    # Life cycle ---------------------------------------------------------------------------

    def run(self) -> int:
        """Schedule and start runs until ``stop()``; return the exit code (0: stopped cleanly)."""
        self.db.migrate()
        other = acquire_scheduler_lease(self.db, self.holder)
        if other is not None:
            raise DaemonConflictError(f"a scheduler daemon is already running ({other})")
        code = 0
        try:
            if self.metrics is not None and self.metrics.metrics_port:
                celery = self.config.executor == "celery"
                self._metrics_server = serve_daemon_metrics(
                    self.db, self.config.spool, self.metrics, workers=celery
                )
            for run_id in self._sweep_stale_runs():
                logger.warning("run %s was left running by a dead process: marked failed", run_id)
            schedules.set_fire_handler(self._schedule_fired)
            self.scheduler.add_listener(self._schedule_ran, EVENT_JOB_EXECUTED)
            self.scheduler.start(paused=True)
            self._check_sites_file()
            self._apply_pauses()
            self.scheduler.resume()
            logger.info(
                "scheduler daemon %s started (database %s, up to %s runs at once)",
                self.holder,
                self.db,
                self.settings.max_runs,
            )
            code = self._loop()
        finally:
            self._shutdown()
        return code

    def _sweep_stale_runs(self) -> list[int]:
        """Runs whose process died: failed, or re-queued by an executor that can (Celery)."""
        return self.executor.sweep_stale(self.db)

    def stop(self) -> None:
        """Ask the loop to end; safe from a signal handler and from other threads."""
        self._stopping.set()
        self._wake.set()

    def _loop(self) -> int:
        now = time.monotonic()
        next_lease = now + LEASE_RENEW_SECONDS
        next_sites = now + SITES_CHECK_SECONDS
        next_stale = now + STALE_CHECK_SECONDS
        next_logs = now  # at once, then every LOG_PRUNE_SECONDS
        while not self._stopping.is_set():
            now = time.monotonic()
            try:
                if now >= next_lease:
                    next_lease = now + LEASE_RENEW_SECONDS
                    if not renew_scheduler_lease(self.db, self.holder):
                        logger.error("another scheduler daemon took over the lease: stopping")
                        return 1
                if now >= next_sites:
                    next_sites = now + SITES_CHECK_SECONDS
                    self._check_sites_file()
                if now >= next_stale:
                    next_stale = now + STALE_CHECK_SECONDS
                    for run_id in self._sweep_stale_runs():
                        logger.warning("run %s lost its process: marked failed", run_id)
                if now >= next_logs:
                    next_logs = now + LOG_PRUNE_SECONDS
                    apply_log_retention(self.config, self.db)
                self._handle_requests()
                self._reap()
                self._dispatch()
            except (SQLAlchemyError, DatabaseError) as exc:
                # A busy or briefly unreachable database must not end the daemon: the next
                # tick retries. Anything else is a bug, and stops the daemon with its traceback.
                logger.warning("scheduler loop: database unavailable, retrying: %s", exc)
            self._wake.wait(POLL_SECONDS)
            self._wake.clear()
        return 0

    def _shutdown(self) -> None:
        # Jobs APScheduler handed to its threads before it stopped still call the daemon,
        # which is stopping and queues nothing: wait for them before letting go of it.
        self._stopping.set()  # also when the loop ended otherwise (its lease taken)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        schedules.set_fire_handler(None)
        active = self.executor.active()
        if active:
            logger.info(
                "stopping %s running crawl(s), allowing %ss to store their WARC files",
                len(active),
                self.settings.stop_grace.total_seconds(),
            )
        for ended in self.executor.shutdown(self.settings.stop_grace.total_seconds()):
            record_exit(self.db, ended, stopping=True)
        release_scheduler_lease(self.db, self.holder)
        if self._metrics_server is not None:
            self._metrics_server.shutdown()
            self._metrics_server.server_close()
        logger.info("scheduler daemon %s stopped", self.holder)

    # Schedules ----------------------------------------------------------------------------

    def _schedule_fired(self, site: str) -> int | None:
        """Queue a scheduled run of ``site`` (APScheduler's thread), unless one is pending;
        return the id of the run queued."""
        if self._stopping.is_set():
            return None
        pending = active_run(self.db, site)
        if pending is not None:
            logger.info(
                "schedule of %s: run %s is still %s, not queueing another",
                site,
                pending.id,
                pending.status.value,
            )
            return None
        run_id = create_run(self.db, site, RunTrigger.SCHEDULE)
        logger.info("schedule of %s: queued run %s", site, run_id)
        return run_id

    def _schedule_ran(self, event: JobExecutionEvent) -> None:
        """Stamp the run a schedule job queued with the time APScheduler meant it to fire.

        Only the job's event carries that time, after the job returned, so the loop is woken
        here rather than by the job: the run is normally dispatched after its stamp. (The
        metrics measure its lag once both times are in the database, whichever came first.)
        """
        if not isinstance(event.retval, int):
            return
        try:
            set_scheduled_at(self.db, event.retval, event.scheduled_run_time)
        except (SQLAlchemyError, DatabaseError) as exc:
            # The run still runs; only its schedule lag goes unmeasured.
            logger.warning("run %s: its scheduled time was not recorded: %s", event.retval, exc)
        self._wake.set()

    def _check_sites_file(self) -> None:
        """Reconcile the schedules when the sites file changed (or on the first call)."""
        path = self.config.sites
        try:
            info = path.stat()
            signature: tuple[int, int, int] | None = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            signature = None
        if self._sites_checked and signature == self._sites_signature:
            return
        self._sites_checked = True
        self._sites_signature = signature
        try:
            loaded = schedules.load_schedules(path)
        except SiteConfigError as exc:
            message = str(exc)
            if message != self.sites_error:
                logger.error("%s; keeping the last good schedules", message)
            self.sites_error = message
            schedules.record_config_error(self.db, message)
            return
        if self.sites_error is not None:
            logger.info("sites file %s is usable again", path)
        self.sites_error = None
        if self._sites is None:
            logger.info("sites file %s: %s site(s)", path, len(loaded))
        else:
            logger.info(
                "sites file %s was edited: %s", path, schedules.sites_change(self._sites, loaded)
            )
        self._sites = loaded
        schedules.sync_sites_table(self.db, loaded)
        report = schedules.reconcile_jobs(
            self.scheduler,
            loaded,
            schedules.paused_sites(self.db),
            second=self.settings.schedule_second,
            jitter=self.settings.schedule_jitter or None,
        )
        if report:
            logger.info(
                "schedules reconciled with %s: added %s, changed %s, removed %s",
                path,
                report.added or "none",
                report.changed or "none",
                report.removed or "none",
            )

    def _apply_pauses(self) -> None:
        """Pause state recorded while no daemon ran, applied even if the sites file is broken."""
        paused = schedules.paused_sites(self.db)
        for job in self.scheduler.get_jobs():
            schedules.apply_pause(self.scheduler, job.id, job.id in paused)

    # Requests -----------------------------------------------------------------------------

    def _handle_requests(self) -> None:
        for request in pending_requests(self.db):
            result = self._answer(request)
            mark_request_handled(self.db, request.id, result)
            logger.info("request %s (%s): %s", request.id, request.kind.value, result)

    def _answer(self, request: RunRequest) -> str:
        if request.kind is RequestKind.TRIGGER:
            return f"run {request.run_id} queued"
        if request.kind is RequestKind.CANCEL:
            if request.run_id is not None and self.executor.stop(request.run_id):
                return f"run {request.run_id} is stopping"
            return f"run {request.run_id} is not running here"
        site = request.site or ""
        paused = site in schedules.paused_sites(self.db)
        changed = schedules.apply_pause(self.scheduler, site, paused)
        state = "paused" if paused else "active"
        return f"schedule of {site} is {state}" + ("" if changed else " (unchanged)")

    # Runs ---------------------------------------------------------------------------------

    def _dispatch(self) -> None:
        """Start queued runs, oldest first, while slots are free and their sites are idle."""
        slots = self.executor.free_slots()
        if slots <= 0 or self._stopping.is_set():
            return
        busy = {ticket.site for ticket in self.executor.active().values()}
        for run in queued_runs(self.db):
            if slots <= 0:
                break
            if run.cancel_requested:
                cancel_run(self.db, run.id)  # a cancel that was cut short: finish it
                continue
            if run.site in busy or site_is_locked(self.db, run.site):
                continue
            log_path = self.log_path(run)
            set_log_path(self.db, run.id, str(log_path))
            try:
                self.executor.submit(RunTicket(run.id, run.site, run.trigger.value, log_path))
            except OSError as exc:
                fail_run(self.db, run.id, f"cannot start the crawl process: {exc}")
                continue
            busy.add(run.site)
            slots -= 1

    def log_path(self, run: Run) -> Path:
        return run_log_path(self.config, run.site, run.id)

    def _reap(self) -> None:
        for ended in self.executor.poll():
            record_exit(self.db, ended)


def run_daemon(
    config: AppConfig, settings: DaemonSettings, metrics: MetricsSettings | None = None
) -> int:
    """Run the daemon in the foreground until SIGTERM or SIGINT; return its exit code.

    With ``metrics`` naming a port, it serves Prometheus metrics while it runs.
    """
    daemon = SchedulerDaemon(config, settings, metrics=metrics)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        logger.info("%s received: stopping", signal.Signals(signum).name)
        daemon.stop()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return daemon.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# Status -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchedulerStatus:
    """What ``newsarchiver status`` shows."""

    daemon: str | None
    daemon_lease_until: datetime | None
    running: list[Run]
    queued: int
    spool: SpoolUsage
    workers: list[dict[str, Any]]


def scheduler_status(config: AppConfig, db: Database) -> SchedulerStatus:
    """The daemon (if any), running and queued runs, and WARC files waiting in the spool.

    Workers are those of the ``celery`` executor; the local executor has none.
    """
    lease = scheduler_lease(db)
    return SchedulerStatus(
        daemon=lease.holder if lease else None,
        daemon_lease_until=lease.expires_at if lease else None,
        running=list_runs(db, status=RunStatus.RUNNING, limit=None),
        queued=count_runs(db, RunStatus.QUEUED),
        spool=spool_usage(config.spool),
        workers=[worker.to_json() for worker in connected_workers(db)],
    )
