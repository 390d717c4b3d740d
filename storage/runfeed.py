"""RunFeed: the runs that started and ended since it began to watch, each handed out once.

Metrics count runs as they start and end, whatever process ran them: the daemon's own
subprocesses, Celery workers on other machines, a foreground ``newsarchiver crawl``. The runs
table is the one place all of them write, so the feed reads it, by the indexed ``started_at``
and ``finished_at`` columns, from a little before its previous read (``OVERLAP``: a run's time
is taken just before its row commits, and other machines' clocks drift) and remembers which
runs it already handed out within that margin. Each read costs what happened since the last,
however long the table is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.models import Run, RunStatus, RunTrigger, utcnow
from storage.runs import FINAL_STATUSES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.orm import Session

    from storage.db import Database

#: How far before its previous read the feed looks again.
OVERLAP = timedelta(minutes=10)
#: Ended runs are read this many at a time.
BATCH = 500


@dataclass(frozen=True)
class StartedRun:
    """A run that started: when its schedule meant it to, and when its crawl did."""

    id: int
    site: str
    trigger: RunTrigger
    scheduled_at: datetime | None
    started_at: datetime


@dataclass(frozen=True)
class EndedRun:
    """A run that reached a final status, with what it archived and what went wrong."""

    id: int
    site: str
    status: RunStatus
    started_at: datetime | None
    finished_at: datetime
    pages: int
    articles: int
    bytes: int
    #: Errors of the crawl by kind, from its summary (empty when it wrote none).
    errors: dict[str, int]
    #: Uploads that failed at its end (an unreachable store counts once, however many
    #: files wait); the files stay in its spool for a later flush.
    upload_errors: int

    @property
    def seconds(self) -> float | None:
        if self.started_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


@dataclass(frozen=True)
class RunEvents:
    started: list[StartedRun]
    ended: list[EndedRun]


class RunFeed:
    """Runs started and ended since ``since`` (default: now), each returned by one ``read``.

    A scheduled run counts as started once both its start and its fire time are recorded.

    A run put back in the queue and started again within ``OVERLAP`` of its first start is
    not returned again; every final status it reaches is.
    """

    def __init__(self, db: Database, since: datetime | None = None) -> None:
        self.db = db
        self._since = since or utcnow()
        self._last_read = self._since
        self._started: dict[int, datetime] = {}
        self._ended: dict[tuple[int, datetime], None] = {}

    def read(self) -> RunEvents:
        now = utcnow()
        low = max(self._since, self._last_read - OVERLAP)
        with self.db.session() as session:
            started_rows = session.execute(
                select(Run.id, Run.site, Run.trigger, Run.scheduled_at, Run.started_at).where(
                    Run.started_at >= low
                )
            ).all()
            # The status is filtered here, not in SQL, where it would lure SQLite onto the
            # status index: every succeeded run instead of the last few minutes' ones.
            ended_keys = session.execute(
                select(Run.id, Run.finished_at, Run.status).where(Run.finished_at >= low)
            ).all()
            new_ids = [
                run_id
                for run_id, at, status in ended_keys
                if status in FINAL_STATUSES and (run_id, at) not in self._ended
            ]
            ended = list(_ended_runs(session, new_ids))
        started = [
            StartedRun(run_id, site, trigger, scheduled_at, started_at)
            for run_id, site, trigger, scheduled_at, started_at in started_rows
            if run_id not in self._started
            and started_at is not None
            # A scheduled run's fire time is stamped just after it is queued; should its
            # crawl start first, the run waits here for it.
            and (trigger is not RunTrigger.SCHEDULE or scheduled_at is not None)
        ]
        for begun in started:
            self._started[begun.id] = begun.started_at
        for run in ended:
            self._ended[(run.id, run.finished_at)] = None
        self._last_read = now
        # Nothing older than the next read's lower bound can come back.
        self._started = {k: at for k, at in self._started.items() if at >= low}
        self._ended = {key: None for key in self._ended if key[1] >= low}
        return RunEvents(started, ended)


def _ended_runs(session: Session, run_ids: list[int]) -> Iterator[EndedRun]:
    """The runs' outcomes, read a batch at a time (a first read after days without one may
    find thousands), but for runs put back in the queue since they were seen final."""
    for start in range(0, len(run_ids), BATCH):
        batch = run_ids[start : start + BATCH]
        for run in session.scalars(select(Run).where(Run.id.in_(batch))):
            if run.finished_at is None or run.status not in FINAL_STATUSES:
                continue
            summary = run.summary or {}
            yield EndedRun(
                run.id,
                run.site,
                run.status,
                run.started_at,
                run.finished_at,
                run.pages,
                run.articles,
                run.bytes,
                {str(kind): int(count) for kind, count in summary.get("errors", {}).items()},
                len(summary.get("upload_errors", [])),
            )
        session.expunge_all()  # the batch's rows, summaries and all, are not kept
