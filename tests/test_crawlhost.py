"""The hosted executor: many site crawls in one long-lived process, each run still on its own.

Real crawl hosts (``scheduler.crawlhost`` processes) crawl a generated news site served on
127.0.0.1, driven the way the daemon drives them: ``HostedExecutor`` submits, stops and polls,
and ``record_exit`` records what the crawls could not. The test then reads the database, the
per-run logs and the WARC files (judged by ``warcio check``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from scheduler.executors import RunExit, RunTicket, run_log_path
from scheduler.hostpool import HostedExecutor
from scheduler.runexits import DAEMON_STOPPED, record_exit
from settings import AppConfig
from storage.db import Database
from storage.models import Run, RunStatus, RunTrigger
from storage.runs import (
    cancel_run,
    get_run,
    list_runs,
    lock_holder,
    queue_run,
    site_is_locked,
    warc_files_of_run,
)
from tests.fixturesite import HANG, FixtureSite
from tests.logcheck import log_problems
from tests.test_scheduler_daemon import Archive, news_site_url, site_table

#: A WARC file's name starts with its site's slug (``storage.warcwriter``).
WARC_NAME = re.compile(r"\b([a-z]+)-\d{17}-\d{5}-[\w.-]+?\.warc\.gz")


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with news_site_url(tmp_path_factory.mktemp("news") / "site") as url:
        yield url


@dataclass
class Hosts:
    """An archive, a hosted executor over it, and the runs it ended."""

    root: Path
    executor: HostedExecutor
    db: Database
    config: AppConfig
    ended: dict[int, RunExit] = field(default_factory=dict)

    def start(self, site: str) -> int:
        run_id = queue_run(self.db, site, RunTrigger.MANUAL)
        log = run_log_path(self.config, site, run_id)
        self.executor.submit(RunTicket(run_id, site, "manual", log))
        return run_id

    def run(self, run_id: int) -> Run:
        return get_run(self.db, run_id)

    def log(self, run_id: int) -> str:
        return run_log_path(self.config, self.run(run_id).site, run_id).read_text()

    def wait(self, condition: Callable[[], Any], what: str, timeout: float = 60) -> None:
        """Poll the executor as the daemon does (recording endings) until ``condition``."""
        deadline = time.monotonic() + timeout
        while not condition():
            for ended in self.executor.poll():
                record_exit(self.db, ended)
                self.ended[ended.ticket.run_id] = ended
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(0.1)

    def wait_writing(self, run_id: int) -> None:
        self.wait(
            lambda: (
                self.run(run_id).status is RunStatus.RUNNING and warc_files_of_run(self.db, run_id)
            ),
            f"run {run_id} to write a WARC file",
        )

    def wait_ended(self, *run_ids: int) -> None:
        self.wait(lambda: all(r in self.ended for r in run_ids), f"runs {run_ids} to end")


def assert_warcs_valid(db: Database, run_id: int) -> None:
    """The run's WARC files are stored and pass ``warcio check`` (other runs may be writing)."""
    files = warc_files_of_run(db, run_id)
    assert files and {f.status.value for f in files} == {"stored"}, files
    paths = [f.storage_url.removeprefix("file://") for f in files]
    check = subprocess.run(
        [str(Path(sys.executable).with_name("warcio")), "check", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture
def hosts(tmp_path: Path, news_site: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hosts]:
    """Sites of the generated news site: ``fast`` (6 pages), ``slow`` and ``other`` (a page
    every 0.4 s), ``short`` (8 pages, 0.3 s apart), ``guarded`` (private addresses refused)."""
    env = {
        "NEWSARCHIVER_SITES": str(tmp_path / "sites.toml"),
        "NEWSARCHIVER_STORAGE": f"file://{tmp_path / 'store'}",
        "NEWSARCHIVER_DB": f"sqlite:///{tmp_path / 'index.sqlite3'}",
        "NEWSARCHIVER_SPOOL": str(tmp_path / "spool"),
        "NEWSARCHIVER_LOGS": str(tmp_path / "logs"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    short = site_table("short", news_site, slow=True)
    short = short.replace("download_delay = 0.4", "download_delay = 0.3")
    guarded = site_table("guarded", news_site).replace("allow_private_networks = true\n", "")
    (tmp_path / "sites.toml").write_text(
        "\n".join(
            [
                site_table("fast", news_site),
                site_table("slow", news_site, slow=True),
                site_table("other", news_site, slow=True),
                short.replace("max_pages = 100", "max_pages = 8"),
                guarded,
            ]
        )
    )
    config = AppConfig.from_env()
    db = Database(config.db)
    db.migrate()
    executor = HostedExecutor(max_runs=6, hosts=2, kill_grace=60)
    made = Hosts(tmp_path, executor, db, config)
    yield made
    for ended in executor.shutdown(0):
        record_exit(db, ended, stopping=True)
    db.dispose()


def test_crawls_in_one_host_cancel_crash_complete_and_refuse(hosts: Hosts) -> None:
    hosts.executor.hosts = 1
    cancelled = hosts.start("slow")
    crashing = hosts.start("short")
    complete = hosts.start("fast")
    guarded = hosts.start("guarded")  # the same site, without allow_private_networks
    unknown = hosts.start("gone")  # removed from the sites file since it was queued
    hosts.wait_writing(cancelled)
    hosts.wait_writing(crashing)

    # The crashing run's open WARC file disappears from under it (a clean-up job removed it):
    # the crawl cannot close it, and ends without recording an outcome.
    [open_warc] = (hosts.root / "spool").glob("short-*.warc.gz.open")
    open_warc.unlink()
    cancel_run(hosts.db, cancelled)  # `jobs cancel`: the crawl sees it at its next heartbeat
    hosts.wait_ended(cancelled, crashing, complete, guarded, unknown)

    [pid] = hosts.executor.host_pids()
    assert {hosts.run(r).pid for r in (cancelled, crashing, complete, guarded)} == {pid}

    run = hosts.run(complete)
    assert run.status is RunStatus.SUCCEEDED, run.error
    assert run.pages == 6 and hosts.ended[complete].returncode == 0
    assert_warcs_valid(hosts.db, complete)

    run = hosts.run(cancelled)
    assert run.status is RunStatus.CANCELLED, run.error
    assert 0 < run.pages < 100
    assert_warcs_valid(hosts.db, cancelled)

    run = hosts.run(crashing)
    assert run.status is RunStatus.FAILED
    assert run.error == (
        "the crawl ended before it could record a summary (crawl process exited with code 1)"
    )

    run = hosts.run(unknown)
    assert run.status is RunStatus.FAILED and run.pid is None  # it never started
    assert (run.error or "").startswith("unknown site 'gone' (known sites: fast, "), run.error
    assert (run.error or "").endswith(" (crawl process exited with code 2)")

    # The address guard is the site's own: the other crawls' allowance does not open it.
    run = hosts.run(guarded)
    assert run.status is RunStatus.FAILED and run.pages == 0
    assert (run.error or "").startswith("no page archived: refused http://127.0.0.1:"), run.error
    assert "127.0.0.1 is 127.0.0.1, a non-public address (loopback)" in (run.error or "")
    assert "allow_private_networks = true" in (run.error or "")
    assert not warc_files_of_run(hosts.db, guarded)

    # Each run's log holds its own crawl's records, and no other's.
    logs = {run_id: hosts.log(run_id) for run_id in (cancelled, crashing, complete)}
    for run_id, site in ((cancelled, "slow"), (crashing, "short"), (complete, "fast")):
        named = set(WARC_NAME.findall(logs[run_id]))
        assert named == {site}, (run_id, named)
    assert f"run {cancelled}: cancel requested" in logs[cancelled]
    assert "cancel requested" not in logs[crashing] + logs[complete]
    assert "Spider closed (cancelled)" in logs[cancelled]
    assert "Spider closed (finished)" in logs[complete]
    assert "Error caught on signal handler" in logs[crashing]
    assert "FileNotFoundError" in logs[crashing]
    assert "FileNotFoundError" not in logs[cancelled] + logs[complete]
    assert not log_problems([run_log_path(hosts.config, "fast", complete)])
    assert not log_problems([run_log_path(hosts.config, "slow", cancelled)])

    # The host goes on: the next run of the crashed site succeeds in it.
    assert lock_holder(hosts.db, "short") is None
    again = hosts.start("short")
    hosts.wait_ended(again)
    assert hosts.run(again).status is RunStatus.SUCCEEDED, hosts.run(again).error
    assert hosts.run(again).pid == pid and hosts.executor.host_pids() == [pid]


def test_a_killed_host_fails_only_its_runs_a_timeout_one_run_and_hosts_retire(
    hosts: Hosts,
) -> None:
    first = hosts.start("slow")
    second = hosts.start("other")  # the first host is busy: a second one starts
    hosts.wait_writing(first)
    hosts.wait_writing(second)
    first_pid, second_pid = hosts.run(first).pid, hosts.run(second).pid
    assert first_pid is not None and second_pid is not None and first_pid != second_pid
    assert sorted(hosts.executor.host_pids()) == sorted([first_pid, second_pid])

    os.kill(first_pid, signal.SIGKILL)
    hosts.wait_ended(first)
    run = hosts.run(first)
    assert run.status is RunStatus.FAILED
    assert run.error == f"its crawl host (process {first_pid}) killed by SIGKILL"
    assert hosts.run(second).status is RunStatus.RUNNING

    # The run timeout stops the other host's crawl gracefully, and fails its run.
    hosts.executor.timeout = 1
    hosts.wait_ended(second)
    run = hosts.run(second)
    assert run.status is RunStatus.FAILED and run.error == "timed out after 1s"
    assert 0 < run.pages < 100
    assert_warcs_valid(hosts.db, second)
    assert hosts.executor.host_pids() == [second_pid]

    # A host that took its share of runs retires once they ended; new hosts take the next.
    hosts.executor.timeout = 3600
    hosts.executor.retire_runs = 2
    fast = hosts.start("fast")
    hosts.wait_ended(fast)
    assert hosts.run(fast).status is RunStatus.SUCCEEDED
    assert hosts.run(fast).pid == second_pid
    hosts.wait(lambda: hosts.executor.host_pids() == [], "the retired host to exit")
    again = hosts.start("fast")
    hosts.wait_ended(again)
    assert hosts.run(again).status is RunStatus.SUCCEEDED
    assert hosts.run(again).pid not in (first_pid, second_pid, None)

    # So does a host above the memory limit.
    hosts.executor.max_rss = 1
    hosts.wait(lambda: hosts.executor.host_pids() == [], "the host above the limit to exit")


def test_the_daemon_runs_its_crawls_in_hosts(tmp_path: Path, news_site: str) -> None:
    archive = Archive.create(
        tmp_path,
        news_site,
        NEWSARCHIVER_EXECUTOR="hosted",
        NEWSARCHIVER_MAX_RUNS="4",
        NEWSARCHIVER_CRAWL_HOSTS="1",
    )
    try:
        archive.write_sites(
            site_table("fast", archive.url, schedule="* * * * *"),
            site_table("slow", archive.url, slow=True),
            site_table("other", archive.url, slow=True),
        )
        daemon = archive.start_daemon()
        archive.wait(lambda: archive.runs("fast"), 30, "a scheduled run")
        cancelled = archive.trigger("slow")
        stopped = archive.trigger("other")
        archive.wait_writing(cancelled)
        archive.wait_writing(stopped)
        scheduled = archive.runs("fast")[0].id
        run = archive.wait_status(scheduled, RunStatus.SUCCEEDED, RunStatus.FAILED)
        assert run.status is RunStatus.SUCCEEDED, run.error
        assert run.trigger is RunTrigger.SCHEDULE
        assert_warcs_valid(archive.db, scheduled)

        assert archive.cli_json("jobs", "cancel", str(cancelled))["status"] == "running"
        run = archive.wait_status(cancelled, RunStatus.CANCELLED, RunStatus.FAILED)
        assert run.status is RunStatus.CANCELLED, run.error
        assert_warcs_valid(archive.db, cancelled)
        assert archive.run(stopped).status is RunStatus.RUNNING
        assert archive.run(cancelled).pid == archive.run(stopped).pid == run.pid
        host_pid = run.pid
        assert host_pid != daemon.pid

        # Stopping the daemon stops the host's crawl gracefully; its run waits in the queue.
        assert archive.stop_daemon(daemon) == 0  # and no traceback or ERROR in any log
        # The crawls' records are in their runs' logs: the daemon's holds only the host's own.
        crawl_records = re.compile(r"\[(scrapy|spiders|storage)\.")
        daemon_lines = archive.daemon_log().splitlines()
        assert not [line for line in daemon_lines if crawl_records.search(line)]
        run = archive.run(stopped)
        assert run.status is RunStatus.QUEUED and run.error == f"re-queued: {DAEMON_STOPPED}"
        archive.assert_warcs_stored_and_valid(stopped)
        assert host_pid is not None and not Path(f"/proc/{host_pid}").exists()
    finally:
        archive.cleanup()


def stop_as_the_daemon_does(hosts: Hosts, grace: float) -> dict[int, RunExit]:
    """The daemon stopping: every crawl is asked to stop, hosts that outlast ``grace`` are
    killed, and the endings are recorded as the daemon records them on its way out."""
    ended = {}
    for run_exit in hosts.executor.shutdown(grace):
        record_exit(hosts.db, run_exit, stopping=True)
        ended[run_exit.ticket.run_id] = run_exit
    return ended


def test_a_crawl_stopped_as_it_starts_closes_at_once_and_waits_in_the_queue(
    hosts: Hosts,
) -> None:
    """The daemon stops right as a hosted crawl starts (the stop reaches the host before the
    crawl's engine runs): the crawl closes before its first request, and its run, which
    archived nothing, goes back to the queue. It must not crawl on as if never asked (and
    then, its stop forgotten, hang its host until the host is killed), nor be ``succeeded``."""
    run_id = hosts.start("fast")
    ended = stop_as_the_daemon_does(hosts, grace=20)

    assert ended[run_id].returncode == 1  # a cancelled crawl's exit code: its host not killed
    run = hosts.run(run_id)
    assert (run.status, run.error) == (RunStatus.QUEUED, f"re-queued: {DAEMON_STOPPED}")
    log = hosts.log(run_id)
    assert f"run {run_id}: stop requested while it starts" in log
    assert "Spider closed (shutdown)" in log
    summary = json.loads(log[log.rindex("\n{\n") :])  # the crawl's summary ends its log
    assert (summary["status"], summary["pages"]) == ("cancelled", 0)
    assert summary["requests_by_status"] == {} and summary["unanswered"] == 0
    assert not log_problems([run_log_path(hosts.config, "fast", run_id)])


def indexer_processes(host_pid: int) -> list[int]:
    """The article indexer processes of a host's crawls (multiprocessing's spawned children,
    not its resource tracker)."""
    children = []
    for task in Path(f"/proc/{host_pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):  # a thread that has ended
            children += [int(pid) for pid in (task / "children").read_text().split()]
    indexers = []
    for pid in children:
        with contextlib.suppress(FileNotFoundError):
            if b"multiprocessing.spawn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                indexers.append(pid)
    return indexers


def test_a_crawl_stopped_while_it_closes_keeps_the_outcome_it_records(
    hosts: Hosts, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The daemon stops while a hosted crawl that has finished is closing (its article
    indexer, frozen here, holds the close): the crawl finishes closing and records its
    outcome, and its host reports that outcome, not "the crawl ended before it could record a
    summary" while the run records itself ``succeeded`` after all."""
    monkeypatch.setenv("NEWSARCHIVER_EXTRACTION_WORKERS", "1")  # an indexer process to freeze
    run_id = hosts.start("fast")
    [host_pid] = hosts.executor.host_pids()
    hosts.wait(lambda: indexer_processes(host_pid), "the run's article indexer process")
    [indexer] = indexer_processes(host_pid)
    os.kill(indexer, signal.SIGSTOP)
    try:
        hosts.wait(lambda: "Closing spider (finished)" in hosts.log(run_id), "the crawl to close")
        with ThreadPoolExecutor(1) as pool:
            stopping = pool.submit(stop_as_the_daemon_does, hosts, 60)
            hosts.wait(lambda: "stop requested" in hosts.log(run_id), "the host to get the stop")
            os.kill(indexer, signal.SIGCONT)
            ended = stopping.result(timeout=90)
    finally:
        with contextlib.suppress(ProcessLookupError):  # it has exited
            os.kill(indexer, signal.SIGCONT)

    assert ended[run_id].returncode == 0
    run = hosts.run(run_id)
    assert (run.status, run.error, run.pages) == (RunStatus.SUCCEEDED, None, 6)
    log = hosts.log(run_id)
    assert "Spider closed (finished)" in log
    assert "the crawl ended before it could record a summary" not in log
    assert json.loads(log[log.rindex("\n{\n") :])["status"] == "succeeded"
    assert_warcs_valid(hosts.db, run_id)
    assert not log_problems([run_log_path(hosts.config, "fast", run_id)])


def add_stuck_site(
    hosts: Hosts, fixture_site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site ``stuck`` whose one page never answers: its crawl does not stop when asked."""
    monkeypatch.setenv("NEWSARCHIVER_DOWNLOAD_TIMEOUT", "600")  # the hanging page holds it
    with (hosts.root / "sites.toml").open("a") as sites:
        sites.write(
            f'\n[sites.stuck]\nstart_urls = ["{fixture_site.url_for(HANG)}"]\n'
            "allow_private_networks = true\n"
        )


def test_a_crawl_that_does_not_stop_is_given_up_with_its_host(
    hosts: Hosts, fixture_site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stuck_site(hosts, fixture_site, monkeypatch)
    hosts.executor.kill_grace = 1
    stuck = hosts.start("stuck")
    hosts.wait(lambda: fixture_site.was_requested(HANG), "the hanging request")
    [pid] = hosts.executor.host_pids()

    assert hosts.executor.stop(stuck)
    hosts.wait_ended(stuck)
    given_up = "did not stop within 1s, given up with its crawl host"
    assert (hosts.run(stuck).status, hosts.run(stuck).error) == (RunStatus.FAILED, given_up)
    # Its crawl may still write: its site stays busy (the daemon starts no other run of it, and
    # the run keeps its slot) until the host is gone.
    assert list(hosts.executor.active()) == [stuck] and hosts.executor.free_slots() == 5
    # Only that crawl was left in its host: the host is killed, and no new run goes to it.
    hosts.wait(lambda: pid not in hosts.executor.host_pids(), "the host to be killed")
    assert not Path(f"/proc/{pid}").exists()
    assert hosts.executor.active() == {} and hosts.executor.free_slots() == 6
    assert (hosts.run(stuck).status, hosts.run(stuck).error) == (RunStatus.FAILED, given_up)
    assert [run.id for run in list_runs(hosts.db, site="stuck", limit=None)] == [stuck]


def test_a_crawl_given_up_on_keeps_its_site_locked_until_its_host_is_gone(
    hosts: Hosts, fixture_site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_stuck_site(hosts, fixture_site, monkeypatch)
    hosts.executor.hosts = 1
    slow = hosts.start("slow")  # keeps the host alive after the stuck crawl is given up on
    hosts.wait_writing(slow)
    stuck = hosts.start("stuck")
    hosts.wait(lambda: fixture_site.was_requested(HANG), "the hanging request")
    [pid] = hosts.executor.host_pids()
    hosts.executor.kill_grace = 1
    assert hosts.executor.stop(stuck)
    hosts.wait_ended(stuck)
    assert hosts.run(stuck).status is RunStatus.FAILED
    hosts.executor.kill_grace = 60

    # Its crawl is still going in the host: the site stays locked, and a manual crawl of it
    # is refused (the crawl still renews its lease).
    crawl = subprocess.run(
        [sys.executable, "-P", "-c", "from scheduler.cli import main; main()", "crawl", "stuck"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,  # refused in seconds; a crawl that started would hang on the page
    )
    assert crawl.returncode != 0
    assert f"site 'stuck' is already being crawled by run {stuck}" in crawl.stderr
    lock = lock_holder(hosts.db, "stuck")
    assert lock is not None and lock.run_id == stuck and lock.holder.endswith(f":{pid}")
    assert site_is_locked(hosts.db, "stuck")

    # Once the host's other run ended, the host is killed: only then is the site free.
    assert hosts.executor.stop(slow)
    hosts.wait_ended(slow)
    hosts.wait(lambda: pid not in hosts.executor.host_pids(), "the host to be killed")
    hosts.wait(lambda: hosts.executor.active() == {}, "the given-up crawl to be reported")
    assert lock_holder(hosts.db, "stuck") is None
    assert hosts.run(stuck).status is RunStatus.FAILED


def test_a_host_that_died_unseen_fails_its_runs_when_a_stop_cannot_reach_it(
    hosts: Hosts,
) -> None:
    first = hosts.start("slow")
    hosts.wait_writing(first)
    [pid] = hosts.executor.host_pids()
    os.kill(pid, signal.SIGKILL)
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # dead, and not yet seen by poll

    # The stop cannot be written to the host: the host takes no new run, and when poll sees
    # it gone it reports its run (the stop's bytes left unsent must not be flushed again).
    assert hosts.executor.stop(first)
    second = hosts.start("fast")
    hosts.wait_ended(first, second)
    run = hosts.run(first)
    assert (run.status, run.error) == (
        RunStatus.FAILED,
        f"its crawl host (process {pid}) killed by SIGKILL",
    )
    assert hosts.run(second).status is RunStatus.SUCCEEDED
    assert hosts.run(second).pid not in (pid, None)


def test_what_a_host_prints_besides_its_reports_is_ignored(hosts: Hosts) -> None:
    # Lines printed before the host takes its stdout for the protocol alone (by an import).
    junk = ["1", "null", '{"run_id": 1}', '{"run_id": "1", "returncode": 0}', "[]"]
    prints = "".join(f"print({line!r}, flush=True); " for line in junk)
    hosts.executor.command = lambda crawls: [
        sys.executable,
        "-P",
        "-c",
        f"{prints}from scheduler.crawlhost import main; main()",
        str(crawls),
    ]
    run_id = hosts.start("fast")
    hosts.wait_ended(run_id)
    assert hosts.run(run_id).status is RunStatus.SUCCEEDED, hosts.run(run_id).error


def test_a_runs_late_records_go_to_its_own_log_not_the_hosts(tmp_path: Path) -> None:
    """Records a run's work logs after the run has ended are appended to the run's log,
    never written to the daemon's."""
    import io
    import logging

    from scrapy.settings import Settings

    from scheduler.crawlhost import RunLogRouter
    from scheduler.runcontext import CURRENT_RUN

    host_output = io.StringIO()
    router = RunLogRouter(logging.StreamHandler(host_output))
    settings = Settings({"LOG_FORMAT": "%(message)s", "LOG_LEVEL": "INFO"})
    log = tmp_path / "run7.log"
    router.open_run(7, log, settings)

    def emit(message: str, run_id: int | None) -> None:
        """A record logged by the work of run ``run_id`` (None: the host's own)."""
        token = CURRENT_RUN.set(run_id)
        try:
            router.emit(
                logging.LogRecord("scrapy.core.engine", logging.INFO, "", 0, message, (), None)
            )
        finally:
            CURRENT_RUN.reset(token)

    emit("Spider opened", 7)
    router.close_run(7)
    emit("Spider closed (finished)", 7)
    emit("crawl host: ready", None)
    assert log.read_text().splitlines() == ["Spider opened", "Spider closed (finished)"]
    assert host_output.getvalue().splitlines() == ["crawl host: ready"]
    # started again (a re-queued run), the run writes through a handler of its own
    router.open_run(7, log, settings)
    emit("Spider opened again", 7)
    router.close_run(7)
    assert log.read_text().splitlines()[-1] == "Spider opened again"
