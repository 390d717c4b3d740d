"""The ``celery`` executor: the daemon's side of running crawls on Celery workers.

The daemon still decides which queued run starts (never two of one site); this executor only
turns "start run 12" into a Celery task on the broker, with a fresh task id recorded in the
database, and reports a run as ended once the runs table holds its final status. Workers
record outcomes themselves (``scheduler.celeryapp``), so nothing travels back through a result
backend and a restarted daemon loses nothing.

A run whose worker died is found by its stale heartbeat and put back in the queue
(``requeue_stale_runs``); the daemon then sends it again like any queued run.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery import Celery
from kombu.exceptions import OperationalError as BrokerError

from scheduler.celeryapp import TASK_NAME, CelerySettings, create_app
from scheduler.executors import RunExit, RunTicket
from settings import AppConfig
from storage.db import Database
from storage.models import RunStatus, utcnow
from storage.runs import FINAL_STATUSES
from storage.workers import dispatched_statuses, record_dispatch, requeue_stale_runs

logger = logging.getLogger(__name__)

#: Runs handed to the broker and not finished yet; workers take them as they have room.
MAX_IN_FLIGHT = 1000


@dataclass
class _Sent:
    ticket: RunTicket
    task_id: str
    submitted_at: datetime


@dataclass
class CeleryExecutor:
    """Sends each run to the broker as one task; learns outcomes from the database."""

    app: Celery
    db: Database
    settings: CelerySettings
    timeout: float
    kill_grace: float
    _sent: dict[int, _Sent] = field(default_factory=dict, init=False)
    _next_stale_check: float = field(default=0.0, init=False)

    @classmethod
    def from_env(cls, *, timeout: float, kill_grace: float) -> CeleryExecutor:
        settings = CelerySettings.from_env()
        config = AppConfig.from_env()
        return cls(create_app(settings), Database(config.db), settings, timeout, kill_grace)

    def free_slots(self) -> int:
        return max(0, MAX_IN_FLIGHT - len(self._sent))

    def active(self) -> dict[int, RunTicket]:
        return {run_id: sent.ticket for run_id, sent in self._sent.items()}

    def submit(self, ticket: RunTicket) -> None:
        task_id = uuid.uuid4().hex
        claimed = record_dispatch(self.db, ticket.run_id, task_id)
        if claimed is not None:
            # A worker is starting it (sent before this daemon restarted): follow that task.
            self._sent[ticket.run_id] = _Sent(ticket, claimed, utcnow())
            return
        try:
            self.app.send_task(
                TASK_NAME,
                args=[ticket.run_id, ticket.site, ticket.trigger, self.timeout, self.kill_grace],
                task_id=task_id,
                queue=self.settings.queue,
            )
        except BrokerError as exc:
            raise OSError(f"broker unreachable, run {ticket.run_id} stays queued: {exc}") from exc
        self._sent[ticket.run_id] = _Sent(ticket, task_id, utcnow())
        logger.info(
            "run %s of %s sent to the workers (task %s)", ticket.run_id, ticket.site, task_id
        )

    def poll(self) -> list[RunExit]:
        if time.monotonic() >= self._next_stale_check:
            self._next_stale_check = time.monotonic() + self.stale_check_seconds
            self.sweep_stale(self.db)
        statuses = dispatched_statuses(self.db, list(self._sent))
        ended = []
        for run_id, status in statuses.items():
            if status in FINAL_STATUSES:
                sent = self._sent.pop(run_id)
                code = 0 if status is RunStatus.SUCCEEDED else 1
                ended.append(RunExit(sent.ticket, sent.submitted_at, code))
        return ended

    @property
    def stale_check_seconds(self) -> float:
        """Look for lost runs a few times per staleness period, but not more than once a second."""
        return max(1.0, min(10.0, self.settings.stale_after / 3))

    def sweep_stale(self, db: Database) -> list[int]:
        """Re-queue (or give up on) runs whose worker went silent: a worker's machine may die
        and the run go on elsewhere. Each is logged here, so none is listed as failed."""
        outcomes = requeue_stale_runs(
            db, timedelta(seconds=self.settings.stale_after), self.settings.max_requeues
        )
        for run_id, outcome in outcomes:
            logger.warning("run %s lost its worker: %s", run_id, outcome)
            self._sent.pop(run_id, None)
        return []

    def stop(self, run_id: int) -> bool:
        # The crawl reads runs.cancel_requested (set by ``jobs cancel``) at its next heartbeat,
        # on whichever worker it runs; a run still on the broker is already cancelled.
        return run_id in self._sent

    def shutdown(self, grace: float) -> list[RunExit]:
        # Runs belong to the workers, not to this daemon: they go on while it is down.
        self._sent.clear()
        self.app.close()
        return []
