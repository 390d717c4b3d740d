"""The Celery app of the ``celery`` executor, and its one task: execute one crawl run.

The scheduler daemon sends one task per run (``scheduler.celeryexecutor``); ``newsarchiver
worker`` consumes them. A worker executes a run exactly as the local executor does, with the
same command (``newsarchiver crawl SITE --run-id …``) in a subprocess of its own, the same
timeout and stop grace, and the worker's own spool and logs. So isolation, WARC handling and
spool flushing do not depend on where a run executes.

No run may be lost when a worker dies, so the app is configured for it
(https://docs.celeryq.dev/en/stable/userguide/configuration.html):

- ``task_acks_late`` with ``task_reject_on_worker_lost``: a message is acknowledged only when
  its run is over, so the broker redelivers the runs of a worker that vanished;
- ``worker_prefetch_multiplier = 1``: a busy worker does not sit on runs others could start;
- Redis ``visibility_timeout`` above the longest crawl (run timeout + stop grace + margin), or
  Redis would hand a long crawl to a second worker while the first is still at it.

Redelivery alone is not enough: Redis redelivers only after that long timeout, and a message
can arrive twice. So a worker first claims the run in the database for its task id
(``storage.workers.claim_run``), and the daemon re-queues runs whose heartbeat went stale,
within about a minute whatever the broker (``storage.workers.requeue_stale_runs``). How a run
ended is recorded as the daemon records it for local runs (``scheduler.runexits``).
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, Self

from celery import Celery, Task
from pydantic import Field, field_validator

from scheduler.executors import LocalExecutor, RunExit, RunTicket, run_log_path
from scheduler.metrics import MetricsSettings, serve_worker_metrics
from scheduler.runexits import record_exit
from scheduler.runlogs import LOG_PRUNE_SECONDS, apply_log_retention
from settings import AppConfig, ConfigError, EnvSettings, parse_duration
from storage.db import Database
from storage.models import RunStatus
from storage.runs import ATTEMPT_ENV, fail_run, set_log_path
from storage.workers import beat_run, beat_worker, claim_run, release_claim, remove_worker

logger = logging.getLogger(__name__)

TASK_NAME = "newsarchiver.crawl_run"
#: The environment variable through which a crawl learns its worker's name (WARC file names,
#: ``runs.worker``).
WORKER_NAME_ENV = "NEWSARCHIVER_WORKER_NAME"
#: Redelivery safety margin on top of the longest crawl.
VISIBILITY_MARGIN = timedelta(hours=1)
#: How often a task looks at its crawl's process.
CHILD_POLL_SECONDS = 0.5
#: A run that found its site locked by another run is tried again after this many seconds.
LOCKED_RETRY_SECONDS = 15
WORKER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class CelerySettings(EnvSettings):
    """The ``celery`` executor's knobs, from ``NEWSARCHIVER_*`` environment variables."""

    #: ``NEWSARCHIVER_BROKER``: ``redis://…`` or ``amqp://…``.
    broker: str
    #: ``NEWSARCHIVER_QUEUE``: the queue runs travel on (one per archive sharing a broker).
    queue: str = Field(default="newsarchiver", pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
    #: ``NEWSARCHIVER_STALE_AFTER`` (seconds): a dispatched run whose heartbeat is older than
    #: this is re-queued. Its worker beats four times per period (at most every 10 s).
    stale_after: float = Field(default=30.0, gt=0)
    #: ``NEWSARCHIVER_MAX_REQUEUES``: a run lost more often than this fails.
    max_requeues: int = Field(default=3, ge=0)
    #: ``NEWSARCHIVER_RUN_TIMEOUT`` + ``NEWSARCHIVER_STOP_GRACE`` (seconds): the longest crawl.
    longest_run: float = Field(default=6 * 3600.0 + 120.0, gt=0)

    @field_validator("stale_after", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> object:
        return parse_duration(value).total_seconds() if isinstance(value, str) else value

    @field_validator("broker")
    @classmethod
    def _broker(cls, value: str) -> str:
        if not re.match(r"^(redis|rediss|amqp|amqps|pyamqp)://", value):
            raise ValueError(f"unsupported broker URL scheme in {value.split('://')[0]!r}://…")
        return value

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **fixed: Any) -> Self:
        from scheduler.daemon import DaemonSettings

        env = dict(os.environ if environ is None else environ)
        if not env.get("NEWSARCHIVER_BROKER"):
            raise ConfigError("NEWSARCHIVER_BROKER: the celery executor needs a broker URL")
        daemon = DaemonSettings.from_env(env)
        longest_run = (daemon.run_timeout + daemon.stop_grace).total_seconds()
        return super().from_env(env, **{"longest_run": longest_run, **fixed})


def create_app(settings: CelerySettings) -> Celery:
    """A Celery app on ``settings.broker`` with the crawl task registered."""
    app = Celery("newsarchiver", broker=settings.broker, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=settings.queue,
        task_ignore_result=True,  # outcomes live in the runs table
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": int(settings.longest_run + VISIBILITY_MARGIN.total_seconds()),
        },
        worker_hijack_root_logger=False,
        worker_enable_remote_control=False,  # presence is in the database, not pidbox
        worker_send_task_events=False,
    )
    app.task(bind=True, name=TASK_NAME, max_retries=None)(crawl_run)
    return app


def crawl_run(
    task: Task, run_id: int, site: str, trigger: str, timeout: float, kill_grace: float
) -> str:
    """Execute one dispatched run on this worker; return what happened, in a few words."""
    name = os.environ.get(WORKER_NAME_ENV) or "worker"
    config = AppConfig.from_env()
    db = Database(config.db)
    task_id = str(task.request.id)
    try:
        attempt = claim_run(db, run_id, task_id, name)
        if attempt is None:
            logger.info(
                "run %s: not claimable by task %s (done elsewhere or re-sent)", run_id, task_id
            )
            return "skipped"
        log_path = run_log_path(config, site, run_id)
        set_log_path(db, run_id, str(log_path))
        ticket = RunTicket(run_id, site, trigger, log_path)
        beat_every = max(1.0, min(10.0, CelerySettings.from_env().stale_after / 4))
        try:
            ended = execute(
                ticket,
                timeout,
                kill_grace,
                {WORKER_NAME_ENV: name, ATTEMPT_ENV: attempt},
                lambda: beat_run(db, run_id, attempt),
                beat_every,
            )
        except OSError as exc:  # no process to run it (logs directory, fork): said in the run
            fail_run(db, run_id, f"cannot start the crawl process: {exc}", attempt=attempt)
            return RunStatus.FAILED.value
        recorded = record_exit(db, ended, attempt=attempt)
        if recorded.lost_race:
            release_claim(db, run_id, task_id, attempt)
            raise task.retry(countdown=LOCKED_RETRY_SECONDS)
        return recorded.status.value if recorded.status else "gone"
    finally:
        db.dispose()


def execute(
    ticket: RunTicket,
    timeout: float,
    kill_grace: float,
    env: Mapping[str, str],
    beat: Callable[[], None],
    beat_every: float,
) -> RunExit:
    """Run the crawl command in a subprocess, exactly as the local executor would, with ``env``
    added to this process's environment (the worker's name, the attempt's token).

    ``beat`` is called every ``beat_every`` seconds while the crawl's process lives.
    """
    executor = LocalExecutor(
        max_runs=1,
        timeout=timeout,
        kill_grace=kill_grace,
        env={**os.environ, **env},
    )
    executor.submit(ticket)
    waiting = threading.Event()
    next_beat = time.monotonic() + beat_every
    while True:
        ended = executor.poll()
        if ended:
            return ended[0]
        if time.monotonic() >= next_beat:
            next_beat = time.monotonic() + beat_every
            try:
                beat()
            except Exception as exc:  # noqa: BLE001 - a database hiccup must not end the run
                logger.warning("run %s: heartbeat failed: %s", ticket.run_id, exc)
        waiting.wait(CHILD_POLL_SECONDS)


def check_worker_name(name: str) -> str:
    """A worker name is part of WARC file names: letters, digits, ``.``, ``_`` and ``-``."""
    if not WORKER_NAME.fullmatch(name):
        raise ConfigError(
            f"worker name {name!r}: use letters, digits, '.', '_' and '-' (at most 100)"
        )
    return name


#: How often a worker renews its row in the ``workers`` table.
PRESENCE_SECONDS = 5.0


def run_worker(
    config: AppConfig,
    settings: CelerySettings,
    name: str,
    concurrency: int,
    metrics: MetricsSettings | None = None,
) -> int:
    """Execute crawl runs until SIGTERM (a warm shutdown: running crawls finish); return the code.

    A thread pool is enough: each task only waits on its crawl's process. The worker announces
    itself in the ``workers`` table while it runs, for ``newsarchiver status``. With
    ``metrics`` naming a port, it serves its own Prometheus metrics (``scheduler.metrics``).
    """
    check_worker_name(name)
    if concurrency < 1:
        raise ConfigError(f"--concurrency must be at least 1, got {concurrency}")
    os.environ[WORKER_NAME_ENV] = name  # read by the tasks and passed on to each crawl
    db = Database(config.db)
    db.migrate()
    server = None
    if metrics is not None and metrics.metrics_port:
        server = serve_worker_metrics(db, name, config.spool, metrics)
    hostname = socket.gethostname()
    beat_worker(db, name, hostname, os.getpid(), concurrency)
    stopping = threading.Event()

    def announce() -> None:
        next_logs = time.monotonic()  # this machine's run logs: at once, then now and then
        while not stopping.wait(PRESENCE_SECONDS):
            try:
                beat_worker(db, name, hostname, os.getpid(), concurrency)
            except Exception as exc:  # noqa: BLE001 - a database hiccup must not end the worker
                logger.warning("worker %s: presence heartbeat failed: %s", name, exc)
            if time.monotonic() >= next_logs:
                next_logs = time.monotonic() + LOG_PRUNE_SECONDS
                try:
                    apply_log_retention(config, db)
                except Exception as exc:  # noqa: BLE001 - nor must a failed clean-up
                    logger.warning("worker %s: run log retention failed: %s", name, exc)

    presence = threading.Thread(target=announce, name="presence", daemon=True)
    presence.start()
    app = create_app(settings)
    try:
        worker = app.Worker(
            hostname=f"{name}@{hostname}",
            pool_cls="threads",
            concurrency=concurrency,
            queues=[settings.queue],
            loglevel=config.log_level,
            without_gossip=True,
            without_mingle=True,
            without_heartbeat=True,
        )
        worker.start()
        return int(worker.exitcode or 0)
    finally:
        stopping.set()
        presence.join()
        remove_worker(db, name)
        if server is not None:
            server.shutdown()
            server.server_close()
        db.dispose()
        app.close()
