"""Executors: where the process of a crawl run runs.

The daemon decides which queued run starts and when; an executor starts it and later reports
how it ended. Every run is the crawl ``newsarchiver crawl SITE --run-id ID …`` runs, which
marks its run running under the site lock and records its own outcome. The executor only has
to explain an ending the crawl could not record: a crash, a kill, a failure before the run was
marked running.

``LocalExecutor`` runs that command in a subprocess per run on this machine (a reactor that
cannot restart then ends with its crawl), at most ``max_runs`` at once, each with a timeout: at
the timeout the crawl gets SIGTERM, which Scrapy treats as a graceful stop (WARC files closed
and stored), and SIGKILL if it is still there after a grace period. An executor that sends runs
to other machines (Celery), or to long-lived crawl hosts that each run many crawls
(``scheduler.hostpool``), implements the same ``Executor`` protocol.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from settings import AppConfig, ConfigError, ensure_directory
from storage.models import utcnow
from storage.runs import mark_stale_runs

if TYPE_CHECKING:
    from storage.db import Database

logger = logging.getLogger(__name__)

#: How much of the end of a run's log is searched for the reason it failed.
_LOG_TAIL_BYTES = 16 * 1024


@dataclass(frozen=True)
class RunTicket:
    """What an executor needs to start one queued run."""

    run_id: int
    site: str
    trigger: str
    log_path: Path


@dataclass(frozen=True)
class RunExit:
    """How a run's process ended, as far as the executor knows."""

    ticket: RunTicket
    #: When the executor started the process: a run still queued after this lost its site to
    #: another run if one of that site ran since.
    submitted_at: datetime
    returncode: int | None
    #: One line saying why it failed (None when it exited 0 or the reason is unknown).
    error: str | None = None
    timed_out: bool = False
    #: Given up on while its crawl may still be going (it did not stop in time, and could not
    #: be killed alone): its run fails, but its site stays locked until the crawl ends (its own
    #: finish frees it, or the executor reports the same run again once it ended).
    abandoned: bool = False


class Executor(Protocol):
    """Starts runs and reports their ends; the daemon calls it from one thread only."""

    def free_slots(self) -> int:
        """How many more runs may start now."""
        ...

    def submit(self, ticket: RunTicket) -> None:
        """Start (or hand over) the run; raises OSError when it cannot."""
        ...

    def active(self) -> dict[int, RunTicket]:
        """Runs started here and not yet reported as ended, by run id."""
        ...

    def poll(self) -> list[RunExit]:
        """Runs that ended since the last call; also enforces timeouts."""
        ...

    def stop(self, run_id: int) -> bool:
        """Stop a run an operator cancelled (``runs.cancel_requested`` is set), gracefully;
        False if it is not running here."""
        ...

    def shutdown(self, grace: float) -> list[RunExit]:
        """Stop every run gracefully, wait up to ``grace`` seconds, force the rest; report all."""
        ...

    def sweep_stale(self, db: Database) -> list[int]:
        """Deal with runs whose process died unseen; return the ids of those failed here."""
        ...


def run_log_path(config: AppConfig, site: str, run_id: int) -> Path:
    """The log of a run the daemon or a worker started, absolute so that it can be found from
    any directory (``jobs show`` prints it)."""
    return (config.logs / f"{site}-run{run_id}.log").absolute()


def crawl_command(ticket: RunTicket) -> list[str]:
    """The command line that executes one queued run with this same interpreter.

    ``-P`` keeps the working directory off ``sys.path``, so a stray ``settings.py`` there cannot
    shadow the project's own.
    """
    return [
        sys.executable,
        "-P",
        "-c",
        "from scheduler.cli import main; main()",
        "crawl",
        ticket.site,
        "--run-id",
        str(ticket.run_id),
        "--trigger",
        ticket.trigger,
        "--log-file",
        str(ticket.log_path),
        "--json",
    ]


@dataclass
class _Child:
    ticket: RunTicket
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    started: float
    submitted_at: datetime
    term_sent: float | None = None
    #: When ``jobs cancel`` reached the daemon: the crawl is left to close itself until then
    #: plus the grace.
    cancel_asked: float | None = None
    killed: bool = False
    timed_out: bool = False


@dataclass
class LocalExecutor:
    """A subprocess per run on this machine, bounded in number and in time."""

    max_runs: int = 2
    timeout: float = 6 * 3600.0
    kill_grace: float = 120.0
    command: Callable[[RunTicket], list[str]] = crawl_command
    #: The environment of every run (default: this process's).
    env: Mapping[str, str] | None = None
    _children: dict[int, _Child] = field(default_factory=dict, init=False)

    def free_slots(self) -> int:
        return max(0, self.max_runs - len(self._children))

    def sweep_stale(self, db: Database) -> list[int]:
        """A run on this machine whose process died cannot go on elsewhere: it failed."""
        return mark_stale_runs(db)

    def active(self) -> dict[int, RunTicket]:
        return {run_id: child.ticket for run_id, child in self._children.items()}

    def submit(self, ticket: RunTicket) -> None:
        try:
            ensure_directory(ticket.log_path.parent, "NEWSARCHIVER_LOGS")
        except ConfigError as exc:
            raise OSError(str(exc)) from None  # the run cannot start: said in its record
        log = ticket.log_path.open("ab")
        try:
            # Its own session: a Ctrl-C meant for the daemon must not reach the crawl as well,
            # because Scrapy takes a second signal as "stop now, unclean".
            process = subprocess.Popen(
                self.command(ticket),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=dict(self.env) if self.env is not None else None,
                start_new_session=True,
            )
        except OSError:
            log.close()
            raise
        self._children[ticket.run_id] = _Child(
            ticket, process, log, time.monotonic(), submitted_at=utcnow()
        )
        logger.info(
            "run %s of %s started (pid %s, log %s)",
            ticket.run_id,
            ticket.site,
            process.pid,
            ticket.log_path,
        )

    def poll(self) -> list[RunExit]:
        now = time.monotonic()
        ended = []
        for run_id, child in list(self._children.items()):
            if child.process.poll() is not None:
                ended.append(self._reap(run_id))
            elif child.term_sent is None and now - child.started > self.timeout:
                logger.warning(
                    "run %s of %s reached its timeout of %ss: stopping it",
                    run_id,
                    child.ticket.site,
                    _seconds(self.timeout),
                )
                child.timed_out = True
                self._terminate(child, now)
            elif (
                child.term_sent is None
                and child.cancel_asked is not None
                and now - child.cancel_asked > self.kill_grace
            ):
                logger.warning(
                    "run %s of %s did not stop within %ss of its cancel: stopping it",
                    run_id,
                    child.ticket.site,
                    _seconds(self.kill_grace),
                )
                self._terminate(child, now)
            elif child.term_sent is not None and now - child.term_sent > self.kill_grace:
                self._kill(child)
        return ended

    def stop(self, run_id: int) -> bool:
        """A cancelled run: its crawl reads ``runs.cancel_requested`` at its next heartbeat
        and closes itself. A SIGTERM arriving while it closes would make Scrapy stop the
        reactor before the run's files and summary are stored, so SIGTERM (then SIGKILL) comes
        only if the crawl still runs a grace period later."""
        child = self._children.get(run_id)
        if child is None:
            return False
        if child.cancel_asked is None:
            child.cancel_asked = time.monotonic()
        return True

    def shutdown(self, grace: float) -> list[RunExit]:
        now = time.monotonic()
        for child in self._children.values():
            if child.term_sent is None:
                self._terminate(child, now)
        deadline = now + grace
        for child in self._children.values():
            try:
                child.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._kill(child)
                child.process.wait()
        return [self._reap(run_id) for run_id in list(self._children)]

    def _terminate(self, child: _Child, now: float) -> None:
        child.term_sent = now
        child.process.send_signal(signal.SIGTERM)  # a no-op once it has exited

    def _kill(self, child: _Child) -> None:
        if not child.killed:
            logger.warning(
                "run %s of %s did not stop within %ss: killing it",
                child.ticket.run_id,
                child.ticket.site,
                _seconds(self.kill_grace),
            )
            child.killed = True
            child.process.send_signal(signal.SIGKILL)

    def _reap(self, run_id: int) -> RunExit:
        child = self._children.pop(run_id)
        code = child.process.wait()
        child.log.close()
        error = describe_failure(code, child.ticket.log_path) if code != 0 else None
        if child.timed_out:
            error = f"timed out after {_seconds(self.timeout)}s"
            if child.killed:
                error += f", then killed when it did not stop within {_seconds(self.kill_grace)}s"
        return RunExit(child.ticket, child.submitted_at, code, error, child.timed_out)


def _seconds(value: float) -> str:
    return f"{value:g}"


def describe_failure(returncode: int, log_path: Path) -> str:
    """One line saying why a run's process failed: its error message, exception or signal."""
    if returncode < 0:
        return f"crawl process killed by {signal_name(-returncode)}"
    reason = _reason_in_log(log_path)
    suffix = f"crawl process exited with code {returncode}"
    return f"{reason} ({suffix})" if reason else suffix


def signal_name(signum: int) -> str:
    """``SIGKILL`` for 9: how the death of a process is said."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _reason_in_log(log_path: Path) -> str | None:
    """The CLI's ``error: …`` line, or the last line of a traceback, near the end of the log."""
    try:
        with log_path.open("rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - _LOG_TAIL_BYTES))
            lines = log.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        if line.startswith("error: "):
            return line.removeprefix("error: ").strip()
    if any(line.startswith("Traceback (most recent call last)") for line in lines):
        last = next((line for line in reversed(lines) if line.strip()), None)
        return last.strip() if last else None
    return None


def create_executor(kind: str, *, max_runs: int, timeout: float, kill_grace: float) -> Executor:
    """The executor named by ``NEWSARCHIVER_EXECUTOR``."""
    if kind == "local":
        return LocalExecutor(max_runs=max_runs, timeout=timeout, kill_grace=kill_grace)
    if kind == "hosted":
        from scheduler.hostpool import HostedExecutor

        return HostedExecutor.from_env(max_runs=max_runs, timeout=timeout, kill_grace=kill_grace)
    if kind == "celery":
        from scheduler.celeryexecutor import CeleryExecutor  # Celery loads only when used

        return CeleryExecutor.from_env(timeout=timeout, kill_grace=kill_grace)
    raise ConfigError(
        f"NEWSARCHIVER_EXECUTOR: unknown executor {kind!r}; use 'local', 'hosted' or 'celery'"
    )
