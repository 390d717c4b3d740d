"""The ``hosted`` executor: runs go to a few long-lived crawl hosts instead of a process each.

A crawl's own process costs about a second of CPU and a hundred megabytes before it fetches a
page, mostly imports (docs/scaling.md). With ``NEWSARCHIVER_EXECUTOR=hosted`` the daemon keeps
up to ``NEWSARCHIVER_CRAWL_HOSTS`` host processes (``scheduler.crawlhost``) taking runs,
started as runs need them (a retiring host finishes its runs beside them), and hands each run
to the one running fewest. A host runs its crawls side by side
in one reactor, each with its own settings, log file, run record and summary, exactly as
``newsarchiver crawl`` records them; the host reports each run's exit code, and this executor
explains it with the same :func:`scheduler.executors.describe_failure` as the local executor.

Isolation, run by run:

- cancel and the run timeout stop one crawl (Scrapy's graceful shutdown of that crawler). A
  crawl still going ``kill_grace`` seconds later cannot be killed alone: its run is reported
  failed, and its host retires (takes no new run) and is killed once its other runs ended;
  until then its site stays busy (here, and locked in the database against a manual crawl),
  and its run stays failed even if the crawl ends after all;
- a crawl that raises fails its own run;
- a host that dies (killed, out of memory) fails only its own runs, saying so, and the next run
  starts a new host;
- memory stays bounded: a host retires after ``NEWSARCHIVER_HOST_RETIRE_RUNS`` runs or above
  ``NEWSARCHIVER_HOST_MAX_RSS`` resident memory; it finishes its crawls first, then exits.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from pydantic import ByteSize, Field

from scheduler.executors import RunExit, RunTicket, describe_failure, signal_name
from settings import ConfigError, EnvSettings, ensure_directory
from storage.models import utcnow
from storage.runs import mark_stale_runs

if TYPE_CHECKING:
    from storage.db import Database

logger = logging.getLogger(__name__)


class HostSettings(EnvSettings):
    """The hosted executor's knobs, from ``NEWSARCHIVER_*`` environment variables."""

    #: ``NEWSARCHIVER_CRAWL_HOSTS``: host processes at most (default: one per CPU).
    crawl_hosts: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    #: ``NEWSARCHIVER_HOST_RETIRE_RUNS``: runs a host takes before it is replaced.
    host_retire_runs: int = Field(default=500, ge=1)
    #: ``NEWSARCHIVER_HOST_MAX_RSS``: resident memory above which a host is replaced.
    host_max_rss: ByteSize = Field(default=ByteSize(1_000_000_000), gt=0)


def host_command(crawls: int) -> list[str]:
    """A crawl host with this same interpreter (``-P``: see ``crawl_command``)."""
    return [
        sys.executable,
        "-P",
        "-c",
        "from scheduler.crawlhost import main; main()",
        str(crawls),
    ]


@dataclass
class _Host:
    process: subprocess.Popen[bytes]
    stdin: IO[bytes]
    runs: set[int] = field(default_factory=set)
    #: Runs reported failed that did not stop when asked: the host is killed once only these
    #: are left. Their crawls may still write, so they stay active (their sites busy) until
    #: they end or the host is gone.
    abandoned: set[int] = field(default_factory=set)
    served: int = 0
    retiring: bool = False
    #: Reads what the host reports, into the executor's queue.
    reader: threading.Thread | None = None

    @property
    def pid(self) -> int:
        return self.process.pid


@dataclass
class _Run:
    ticket: RunTicket
    host: _Host
    started: float
    submitted_at: datetime
    stop_sent: float | None = None
    timed_out: bool = False


@dataclass
class HostedExecutor:
    """Runs in long-lived crawl hosts on this machine, bounded in number and in time."""

    max_runs: int = 2
    timeout: float = 6 * 3600.0
    kill_grace: float = 120.0
    hosts: int = 2
    retire_runs: int = 500
    max_rss: int = 1_000_000_000
    command: Callable[[int], list[str]] = host_command
    #: The environment of every host (default: this process's).
    env: Mapping[str, str] | None = None
    _hosts: list[_Host] = field(default_factory=list, init=False)
    _runs: dict[int, _Run] = field(default_factory=dict, init=False)
    _events: queue.Queue[tuple[_Host, dict[str, Any]]] = field(
        default_factory=queue.Queue, init=False
    )

    @classmethod
    def from_env(cls, *, max_runs: int, timeout: float, kill_grace: float) -> HostedExecutor:
        settings = HostSettings.from_env()
        return cls(
            max_runs=max_runs,
            timeout=timeout,
            kill_grace=kill_grace,
            hosts=settings.crawl_hosts,
            retire_runs=settings.host_retire_runs,
            max_rss=settings.host_max_rss,
        )

    @property
    def crawls_per_host(self) -> int:
        return math.ceil(self.max_runs / self.hosts)

    def free_slots(self) -> int:
        return max(0, self.max_runs - len(self._runs))

    def active(self) -> dict[int, RunTicket]:
        """Runs whose crawls may still be going, those given up on included."""
        return {run_id: run.ticket for run_id, run in self._runs.items()}

    def sweep_stale(self, db: Database) -> list[int]:
        """A run whose host died unseen cannot go on elsewhere: it failed."""
        return mark_stale_runs(db)

    def host_pids(self) -> list[int]:
        """The host processes running now."""
        return [host.pid for host in self._hosts]

    def submit(self, ticket: RunTicket) -> None:
        try:
            ensure_directory(ticket.log_path.parent, "NEWSARCHIVER_LOGS")
        except ConfigError as exc:
            raise OSError(str(exc)) from None  # the run cannot start: said in its record
        host = self._host_for_next_run()
        line = {
            "op": "start",
            "run_id": ticket.run_id,
            "site": ticket.site,
            "trigger": ticket.trigger,
            "log_path": str(ticket.log_path),
        }
        if not self._send(host, line):  # it is dying: poll reports its runs
            host = self._host_for_next_run()
            if not self._send(host, line):
                raise OSError(f"crawl host {host.pid} cannot be written to")
        host.runs.add(ticket.run_id)
        host.served += 1
        if host.served >= self.retire_runs:
            self._retire(host, f"it took {host.served} runs")
        self._runs[ticket.run_id] = _Run(ticket, host, time.monotonic(), utcnow())
        logger.info(
            "run %s of %s started in crawl host %s (log %s)",
            ticket.run_id,
            ticket.site,
            host.pid,
            ticket.log_path,
        )

    def _host_for_next_run(self) -> _Host:
        """The open host running fewest crawls, or a new one while there are fewer than
        ``hosts`` and each open one is busy."""
        open_hosts = [h for h in self._hosts if not h.retiring and h.process.poll() is None]
        least = min(open_hosts, key=lambda h: len(h.runs), default=None)
        if least is not None and (not least.runs or len(open_hosts) >= self.hosts):
            return least
        return self._start_host()

    def _start_host(self) -> _Host:
        process = subprocess.Popen(
            self.command(self.crawls_per_host),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=dict(self.env) if self.env is not None else None,
            # Its own session: a Ctrl-C meant for the daemon must not reach the crawls.
            start_new_session=True,
        )
        assert process.stdin is not None and process.stdout is not None
        host = _Host(process, process.stdin)
        host.reader = threading.Thread(
            target=self._read, args=(host, process.stdout), name=f"crawl-host-{process.pid}"
        )
        host.reader.daemon = True
        host.reader.start()
        self._hosts.append(host)
        logger.info("crawl host %s started", process.pid)
        return host

    def _read(self, host: _Host, stdout: IO[bytes]) -> None:
        """Queue the host's reports; anything else it printed (before it took its stdout for
        the protocol alone, say) is logged and ignored."""
        for line in stdout:
            try:
                message = json.loads(line)
            except ValueError:
                message = None
            if (
                isinstance(message, dict)
                and type(message.get("run_id")) is int
                and type(message.get("returncode")) is int
            ):
                self._events.put((host, message))
            else:
                logger.warning("crawl host %s said something unexpected: %r", host.pid, line)

    def _send(self, host: _Host, message: dict[str, Any]) -> bool:
        """Whether the host got ``message``. One that cannot take it is dying: it takes no
        new run, and poll reports its runs once it is gone."""
        if not host.stdin.closed:
            try:
                host.stdin.write(json.dumps(message).encode() + b"\n")
                host.stdin.flush()
                return True
            except OSError as exc:
                logger.warning("crawl host %s cannot be written to: %s", host.pid, exc)
        host.retiring = True
        self._close(host)  # what stays buffered is dropped, not flushed again
        return False

    def stop(self, run_id: int) -> bool:
        run = self._runs.get(run_id)
        if run is None:
            return False
        if run.stop_sent is None:
            self._stop(run, time.monotonic())
        return True

    def _stop(self, run: _Run, now: float) -> None:
        run.stop_sent = now
        self._send(run.host, {"op": "stop", "run_id": run.ticket.run_id})

    def poll(self) -> list[RunExit]:
        ended = self._reported()
        now = time.monotonic()
        for run_id, run in list(self._runs.items()):
            if run_id in run.host.abandoned:
                continue  # reported already
            if run.stop_sent is None and now - run.started > self.timeout:
                logger.warning(
                    "run %s of %s reached its timeout of %ss: stopping it",
                    run_id,
                    run.ticket.site,
                    f"{self.timeout:g}",
                )
                run.timed_out = True
                self._stop(run, now)
            elif run.stop_sent is not None and now - run.stop_sent > self.kill_grace:
                ended.append(self._abandon(run))
        for host in list(self._hosts):
            code = host.process.poll()
            if code is not None:
                ended += self._host_ended(host, code)
            elif host.runs and host.runs <= host.abandoned:
                logger.warning("crawl host %s holds only crawls that would not stop: killing it",
                               host.pid)  # fmt: skip
                host.process.send_signal(signal.SIGKILL)
            elif not host.retiring and (rss := _resident_bytes(host.pid)) > self.max_rss:
                self._retire(host, f"its resident memory is {rss} bytes")
            elif host.retiring and not host.runs:
                self._close(host)
        return ended

    def _reported(self) -> list[RunExit]:
        """Runs whose host said they ended."""
        ended: list[RunExit] = []
        while True:
            try:
                host, message = self._events.get_nowait()
            except queue.Empty:
                return ended
            run_id = message["run_id"]
            given_up = run_id in host.abandoned
            host.runs.discard(run_id)
            host.abandoned.discard(run_id)
            run = self._runs.get(run_id)
            if run is None or run.host is not host:
                continue
            if given_up:  # reported failed when given up on: now its site is free
                del self._runs[run_id]
                ended.append(RunExit(run.ticket, run.submitted_at, message["returncode"]))
            else:
                ended.append(self._exit(run, message["returncode"]))

    def _exit(self, run: _Run, code: int) -> RunExit:
        ticket = run.ticket
        del self._runs[ticket.run_id]
        error = describe_failure(code, ticket.log_path) if code != 0 else None
        if run.timed_out:
            error = f"timed out after {self.timeout:g}s"
        return RunExit(ticket, run.submitted_at, code, error, run.timed_out)

    def _abandon(self, run: _Run) -> RunExit:
        """A crawl that did not stop within the grace: report it, and retire its host."""
        ticket = run.ticket
        logger.warning(
            "run %s of %s did not stop within %ss: giving it up, retiring crawl host %s",
            ticket.run_id,
            ticket.site,
            f"{self.kill_grace:g}",
            run.host.pid,
        )
        run.host.abandoned.add(ticket.run_id)
        run.host.retiring = True
        why = f"did not stop within {self.kill_grace:g}s, given up with its crawl host"
        error = f"timed out after {self.timeout:g}s, then {why}" if run.timed_out else why
        return RunExit(ticket, run.submitted_at, None, error, run.timed_out, abandoned=True)

    def _host_ended(self, host: _Host, code: int) -> list[RunExit]:
        """A host exited: runs it reported are reported; the others died with it."""
        if host.reader is not None:
            host.reader.join(timeout=5)  # what it wrote before it went
        ended = self._reported()
        self._hosts.remove(host)
        self._close(host)
        for run_id in sorted(host.abandoned):  # reported failed when given up on: now gone
            if (run := self._runs.pop(run_id, None)) is not None:
                ended.append(RunExit(run.ticket, run.submitted_at, code))
        lost = [self._runs[run_id] for run_id in sorted(host.runs) if run_id in self._runs]
        if not lost and code == 0:
            logger.info("crawl host %s retired", host.pid)
            return ended
        how = f"killed by {signal_name(-code)}" if code < 0 else f"exited with code {code}"
        runs = ", ".join(str(run.ticket.run_id) for run in lost)
        logger.warning("crawl host %s %s%s", host.pid, how, runs and f"; its runs failed: {runs}")
        for run in lost:
            del self._runs[run.ticket.run_id]
            error = f"its crawl host (process {host.pid}) {how}"
            ended.append(RunExit(run.ticket, run.submitted_at, code, error, run.timed_out))
        return ended

    def _retire(self, host: _Host, why: str) -> None:
        logger.info("crawl host %s retires (%s): it takes no new run", host.pid, why)
        host.retiring = True

    def _close(self, host: _Host) -> None:
        """End of input: the host exits once its crawls have ended."""
        if not host.stdin.closed:
            with contextlib.suppress(OSError):  # it is gone already
                host.stdin.close()

    def shutdown(self, grace: float) -> list[RunExit]:
        now = time.monotonic()
        for run in self._runs.values():
            if run.stop_sent is None:
                self._stop(run, now)
        for host in self._hosts:
            host.retiring = True
            self._close(host)
        deadline = now + grace
        for host in list(self._hosts):
            try:
                host.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("crawl host %s did not stop in time: killing it", host.pid)
                host.process.send_signal(signal.SIGKILL)
                host.process.wait()
        ended = self._reported()
        for host in list(self._hosts):
            ended += self._host_ended(host, host.process.wait())
        return ended


def _resident_bytes(pid: int) -> int:
    """A process's resident memory (0 when it cannot be read: not Linux, or gone)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
