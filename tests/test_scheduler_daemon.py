"""The scheduler daemon end to end: schedules, triggers, pauses, races and a broken sites file.

Everything is real: ``newsarchiver scheduler run`` in a subprocess, crawls it starts as their
own processes against a generated news site served on 127.0.0.1, operator commands run as
separate processes, one SQLite database and ``file://`` store per test. The test process reads
the database to observe progress, polling with deadlines.

Cron has minutes as its finest field, so the daemon's test-and-demo knob
``NEWSARCHIVER_SCHEDULE_SECOND`` adds a seconds field: with ``"*/2"`` a cron of ``* * * * *``
fires every two seconds through the real trigger, job store and daemon loop. Schedules that
must not fire during a test use ``0 0 1 1 *``.

The harness here (``Archive``, ``news_site_url``) is shared with ``test_scheduler_stopping``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import inspect, text

from demosite.generator import generate_site
from demosite.server import serve_directory
from storage.db import Database
from storage.models import Run, RunStatus, RunTrigger
from storage.runs import (
    list_runs,
    pending_requests,
    queue_run,
    scheduler_lease,
    start_run,
    warc_files_of_run,
)
from storage.schedule import schedule_statuses
from tests.logcheck import assert_clean_logs

CLI = [sys.executable, "-P", "-c", "from scheduler.cli import main; main()"]
NEVER = "0 0 1 1 *"  # a schedule that does not fire during a test
T = TypeVar("T")


@contextlib.contextmanager
def news_site_url(root: Path, articles: int = 30) -> Iterator[str]:
    """A generated news site (30 articles unless told), served on 127.0.0.1."""
    generate_site(root, articles=articles)
    with serve_directory(root) as server:
        yield server.url


def site_table(
    slug: str,
    url: str,
    *,
    schedule: str | None = None,
    slow: bool = False,
) -> str:
    """A sites-file table: fast (6 pages, no delay) or slow (a page every 0.4 s, 100 pages)."""
    lines = [
        f"[sites.{slug}]",
        f'start_urls = ["{url}/"]',
        "allow_private_networks = true",
        "max_depth = 2",
        f"download_delay = {0.4 if slow else 0}",
        f"max_pages = {100 if slow else 6}",
        f"concurrent_requests = {1 if slow else 4}",
    ]
    if schedule:
        lines.append(f'schedule = "{schedule}"')
    return "\n".join(lines) + "\n"


@dataclass
class Archive:
    """One test's archive: environment, database, sites file, and the processes it started."""

    root: Path
    url: str
    env: dict[str, str]
    db: Database
    daemons: list[subprocess.Popen[bytes]] = field(default_factory=list)
    #: Fragments of ERROR lines a test provokes on purpose (see ``stop_daemon``).
    expected_errors: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, root: Path, url: str, **env: str) -> Archive:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVER_")}
        environ |= {
            "NEWSARCHIVER_SITES": str(root / "sites.toml"),
            "NEWSARCHIVER_STORAGE": f"file://{root / 'store'}",
            "NEWSARCHIVER_DB": f"sqlite:///{root / 'index.sqlite3'}",
            "NEWSARCHIVER_SPOOL": str(root / "spool"),
            "NEWSARCHIVER_LOGS": str(root / "logs"),
            "NEWSARCHIVER_SCHEDULE_SECOND": "*/2",
            "NEWSARCHIVER_STOP_GRACE": "60",
        }
        environ |= env
        return cls(root, url, environ, Database(environ["NEWSARCHIVER_DB"]))

    # Processes ----------------------------------------------------------------------------

    def write_sites(self, *tables: str) -> None:
        """Replace the sites file at once, as an editor saving it does."""
        path = self.root / "sites.toml"
        draft = path.with_suffix(".draft")
        draft.write_text("\n".join(tables), encoding="utf-8")
        os.replace(draft, path)

    def cli(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [*CLI, *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == code, f"{args}: exit {done.returncode}\n{done.stderr}"
        return done

    def cli_json(self, *args: str) -> Any:
        return json.loads(self.cli(*args, "--json").stdout)

    def trigger(self, site: str) -> int:
        """Queue a manual run as ``jobs trigger`` does, without the CLI's start-up time."""
        return queue_run(self.db, site, RunTrigger.MANUAL)

    def start_daemon(self) -> subprocess.Popen[bytes]:
        log = (self.root / "daemon.log").open("ab")
        daemon = subprocess.Popen(
            [*CLI, "scheduler", "run"], env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self.daemons.append(daemon)
        me = f"{socket.gethostname()}:{daemon.pid}"
        self.wait(lambda: _lease_holder(self.db) == me or daemon.poll() is not None, 30, "daemon")
        assert daemon.poll() is None, f"the daemon exited with {daemon.returncode}"
        return daemon

    def stop_daemon(
        self, daemon: subprocess.Popen[bytes], signum: signal.Signals = signal.SIGTERM
    ) -> int:
        """Stop the daemon; its log and its crawls' logs must hold no traceback or ERROR."""
        daemon.send_signal(signum)
        code = daemon.wait(timeout=90)
        assert_clean_logs([self.root / "daemon.log", self.root / "logs"], self.expected_errors)
        return code

    def daemon_log(self) -> str:
        path = self.root / "daemon.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def cleanup(self) -> None:
        """Kill whatever a failed test left behind: daemons, then their crawls."""
        for daemon in self.daemons:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
        for run in list_runs(self.db, status=RunStatus.RUNNING, limit=None):
            if run.pid and f"--run-id\x00{run.id}\x00" in _cmdline(run.pid):
                os.kill(run.pid, signal.SIGKILL)
        self.db.dispose()

    # Observing ----------------------------------------------------------------------------

    def wait(self, condition: Callable[[], T], timeout: float, what: str) -> T:
        """Poll ``condition`` until it is truthy; fail with the daemon's log otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}\n{self.daemon_log()[-3000:]}")
            time.sleep(0.1)

    def runs(self, site: str) -> list[Run]:
        """The site's runs, oldest first."""
        return sorted(list_runs(self.db, site=site, limit=None), key=lambda run: run.id)

    def run(self, run_id: int) -> Run:
        return next(run for run in list_runs(self.db, limit=None) if run.id == run_id)

    def wait_status(self, run_id: int, *statuses: RunStatus, timeout: float = 60) -> Run:
        self.wait(lambda: self.run(run_id).status in statuses, timeout, f"run {run_id} {statuses}")
        return self.run(run_id)

    def wait_writing(self, run_id: int, timeout: float = 60) -> Run:
        """Wait until the run is running and has written to a WARC file."""
        self.wait_status(run_id, RunStatus.RUNNING, timeout=timeout)
        self.wait(lambda: warc_files_of_run(self.db, run_id), timeout, f"run {run_id}'s WARC")
        return self.run(run_id)

    def requests_handled(self) -> bool:
        return not pending_requests(self.db)

    def jobs(self) -> dict[str, str | None]:
        """The APScheduler job store as stored: job id → next run time (None: paused)."""
        with self.db.engine.connect() as conn:
            if not inspect(conn).has_table("apscheduler_jobs"):
                return {}  # the daemon has not started its scheduler yet
            rows = conn.execute(text("SELECT id, next_run_time FROM apscheduler_jobs"))
            return {job_id: next_time for job_id, next_time in rows}

    def job_state(self, job_id: str) -> dict[str, Any]:
        """A job as APScheduler persisted it (its pickled state)."""
        with self.db.engine.connect() as conn:
            query = text("SELECT job_state FROM apscheduler_jobs WHERE id = :id")
            return pickle.loads(conn.execute(query, {"id": job_id}).scalar_one())

    def assert_warcs_stored_and_valid(self, run_id: int) -> list[Path]:
        """Every WARC file of the run is closed, stored, and passes ``warcio check``."""
        files = warc_files_of_run(self.db, run_id)
        assert files, f"run {run_id} wrote no WARC file"
        assert {f.status.value for f in files} == {"stored"}, [(f.name, f.status) for f in files]
        paths = [Path(f.storage_url.removeprefix("file://")) for f in files]
        check = subprocess.run(
            [str(Path(sys.executable).with_name("warcio")), "check", *map(str, paths)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
        assert not list((self.root / "spool").glob("*.open")), "a WARC file was left open"
        return paths


def _lease_holder(db: Database) -> str | None:
    lease = scheduler_lease(db)
    return lease.holder if lease else None


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text() + "\x00"
    except OSError:
        return ""


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with news_site_url(tmp_path_factory.mktemp("news") / "site") as url:
        yield url


@pytest.fixture
def archive(tmp_path: Path, news_site: str) -> Iterator[Archive]:
    made = Archive.create(tmp_path, news_site)
    yield made
    made.cleanup()


# Schedules --------------------------------------------------------------------------------


def test_schedule_fires_then_pause_and_resume(archive: Archive) -> None:
    archive.write_sites(site_table("news", archive.url, schedule="* * * * *"))
    daemon = archive.start_daemon()

    first = archive.wait(
        lambda: [r for r in archive.runs("news") if r.trigger is RunTrigger.SCHEDULE],
        20,
        "a scheduled run",
    )[0]
    first = archive.wait_status(first.id, RunStatus.SUCCEEDED, RunStatus.FAILED)
    assert first.status is RunStatus.SUCCEEDED, first.error
    # Its log is where `jobs show` says.
    shown = archive.cli("jobs", "show", str(first.id)).stdout
    assert ["log", first.log_path] in [line.split() for line in shown.splitlines()]
    assert "Spider closed (finished)" in Path(str(first.log_path)).read_text()

    archive.cli("schedule", "pause", "news")
    archive.wait(archive.requests_handled, 10, "the pause to reach the daemon")
    assert archive.jobs() == {"news": None}  # paused in the job store: it cannot fire
    [row] = archive.cli_json("schedule", "list")
    assert (row["site"], row["cron"], row["paused"], row["next_run"]) == (
        "news", "* * * * *", True, None
    )  # fmt: skip

    archive.cli("schedule", "resume", "news")
    archive.wait(archive.requests_handled, 10, "the resume to reach the daemon")
    resumed = max(r.queued_at for r in archive.runs("news"))
    assert archive.jobs()["news"] is not None
    archive.wait(
        lambda: [r for r in archive.runs("news") if r.queued_at > resumed],
        20,
        "a scheduled run after resume",
    )
    assert archive.stop_daemon(daemon) == 0


def test_triggers_from_two_processes_run_one_at_a_time(archive: Archive) -> None:
    archive.write_sites(site_table("news", archive.url))
    daemon = archive.start_daemon()

    # Two operators trigger the same site, and someone starts a second daemon.
    def start(*args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([*CLI, *args], env=archive.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)  # fmt: skip

    # The second trigger comes while the first run waits or runs: a queued run of the site
    # takes no other (test_scheduler_cli), a running one lets one more wait.
    first = start("jobs", "trigger", "news", "--json")
    second = start("scheduler", "run")
    ids = [json.loads(first.communicate(timeout=60)[0])["id"]]
    archive.wait(lambda: archive.run(ids[0]).status is not RunStatus.QUEUED, 30, "the first run")
    ids.append(archive.cli_json("jobs", "trigger", "news")["id"])
    _, refusal = second.communicate(timeout=60)
    assert second.returncode == 1
    assert refusal.strip() == (
        f"error: a scheduler daemon is already running ({socket.gethostname()}:{daemon.pid})"
    )

    runs = [archive.wait_status(i, RunStatus.SUCCEEDED, RunStatus.FAILED) for i in ids]
    assert [r.status for r in runs] == [RunStatus.SUCCEEDED] * 2, [r.error for r in runs]
    first_end, second_start = runs[0].finished_at, runs[1].started_at
    assert first_end is not None and second_start is not None
    assert first_end <= second_start  # one at a time
    assert runs[0].log_path != runs[1].log_path
    listed = archive.cli_json("jobs", "list", "--site", "news")
    assert [r["id"] for r in listed] == ids[::-1]
    assert set(listed[0]) >= {"id", "site", "trigger", "status", "started_at", "finished_at",
                              "pages", "articles", "bytes", "worker"}  # fmt: skip
    assert listed[0]["pages"] > 0 and listed[0]["bytes"] > 0
    assert archive.stop_daemon(daemon) == 0


def test_scheduled_run_and_manual_crawl_race_for_a_site(archive: Archive) -> None:
    archive.write_sites(site_table("news", archive.url, schedule="* * * * *", slow=True))
    manual = subprocess.Popen(
        [*CLI, "crawl", "news", "--json", "--max-pages", "8"],
        env=archive.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    [foreground] = archive.wait(lambda: archive.runs("news"), 30, "the manual crawl")
    archive.wait_status(foreground.id, RunStatus.RUNNING)

    # The schedule fires while the manual crawl holds the site: its run waits for it.
    daemon = archive.start_daemon()
    scheduled = archive.wait(
        lambda: [r for r in archive.runs("news") if r.trigger is RunTrigger.SCHEDULE],
        20,
        "a scheduled run",
    )[0]
    assert manual.wait(timeout=60) == 0
    archive.wait_status(scheduled.id, RunStatus.RUNNING)
    scheduled_start = archive.run(scheduled.id).started_at
    foreground_end = archive.run(foreground.id).finished_at
    assert scheduled_start is not None and foreground_end is not None
    assert scheduled_start >= foreground_end

    # A manual crawl while the scheduled run holds the site is refused, in one line.
    refused = archive.cli("crawl", "news", code=1)
    assert refused.stderr.strip() == (
        f"error: site 'news' is already being crawled by run {scheduled.id}"
    )
    assert archive.stop_daemon(daemon) == 0
    intervals = sorted(
        (r.started_at, r.finished_at)
        for r in archive.runs("news")
        if r.started_at is not None and r.finished_at is not None
    )
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(intervals)), intervals


def test_invalid_cron_keeps_the_last_good_schedules(archive: Archive) -> None:
    good = site_table("news", archive.url, schedule=NEVER), site_table("other", archive.url)
    archive.write_sites(*good)
    daemon = archive.start_daemon()
    jobs = archive.wait(archive.jobs, 10, "the job of news")
    assert set(jobs) == {"news"}
    job = archive.job_state("news")
    assert (job["func"], job["args"]) == ("scheduler.schedules:fire", ("news",))
    # Archive defaults: missed runs coalesced, hours of misfire grace, one instance at a time.
    assert (job["coalesce"], job["misfire_grace_time"], job["max_instances"]) == (True, 6 * 3600, 1)

    archive.expected_errors.append("invalid cron '61 * * * *'")
    archive.write_sites(
        site_table("news", archive.url, schedule="61 * * * *"), site_table("other", archive.url)
    )
    archive.wait(lambda: schedule_statuses(archive.db)[0].error, 20, "the error to be recorded")
    expected = "sites.news.schedule: invalid cron '61 * * * *'"
    rows = archive.cli_json("schedule", "list")
    assert {row["site"]: row["cron"] for row in rows} == {"news": NEVER, "other": None}
    assert all(expected in row["error"] for row in rows)
    assert expected in archive.daemon_log()
    assert daemon.poll() is None
    assert archive.jobs() == jobs  # the last good schedule, untouched

    # Still answering requests.
    archive.cli("schedule", "pause", "other")
    archive.wait(archive.requests_handled, 10, "the daemon to answer")

    archive.write_sites(
        site_table("news", archive.url, schedule="30 2 * * *"), site_table("other", archive.url)
    )
    archive.wait(
        lambda: schedule_statuses(archive.db)[0].cron == "30 2 * * *", 20, "the fixed schedule"
    )
    assert [row.error for row in schedule_statuses(archive.db)] == [None, None]
    assert archive.wait(lambda: archive.jobs()["news"] != jobs["news"], 10, "the new trigger")
    assert archive.stop_daemon(daemon, signal.SIGINT) == 0  # Ctrl-C stops it as cleanly
    assert "SIGINT received: stopping" in archive.daemon_log()


def test_an_edited_sites_file_is_logged_with_what_changed(archive: Archive) -> None:
    archive.write_sites(
        site_table("news", archive.url, schedule=NEVER), site_table("other", archive.url)
    )
    daemon = archive.start_daemon()
    archive.wait(lambda: "sites file" in archive.daemon_log(), 20, "the first load")
    assert f"sites file {archive.root / 'sites.toml'}: 2 site(s)" in archive.daemon_log()

    edited = site_table("news", archive.url, schedule="30 2 * * *").replace(
        "max_pages = 6", "max_pages = 7"
    )
    archive.write_sites(edited, site_table("third", archive.url))
    line = archive.wait(
        lambda: next((x for x in archive.daemon_log().splitlines() if "was edited" in x), ""),
        20,
        "the edit to be logged",
    )
    assert line.endswith(
        "was edited: added third; removed other; changed news (max_pages, schedule)"
    ), line
    assert "schedules reconciled" in archive.daemon_log()  # the job of news, rescheduled
    assert archive.stop_daemon(daemon) == 0


def test_a_daemon_stopped_as_its_schedules_fire_logs_no_error(archive: Archive) -> None:
    """Jobs APScheduler already handed to its threads when the daemon stops find the daemon
    stopping: they queue nothing, and nothing is logged as an error."""
    sites = [f"site{number:02d}" for number in range(40)]
    archive.write_sites(*(site_table(slug, archive.url, schedule="* * * * *") for slug in sites))
    daemon = archive.start_daemon()
    archive.wait(lambda: "schedules reconciled" in archive.daemon_log(), 20, "the schedules")
    # Every 2 s (NEWSARCHIVER_SCHEDULE_SECOND) all 40 fire: stop it just after one.
    fire = (time.time() // 2 + 2) * 2
    time.sleep(fire + 0.01 - time.time())
    assert archive.stop_daemon(daemon) == 0


def test_old_run_logs_are_deleted_but_not_an_active_runs(tmp_path: Path, news_site: str) -> None:
    archive = Archive.create(tmp_path, news_site, NEWSARCHIVER_LOG_RETENTION="30d")
    try:
        archive.write_sites(site_table("news", archive.url, schedule=NEVER))
        logs = tmp_path / "logs"
        logs.mkdir()
        old, active, fresh, other = (
            logs / name for name in ("news-run1.log", "news-run2.log", "news-run3.log", "notes.txt")
        )
        for path in (old, active, fresh, other):
            path.write_text("a line\n")
        long_ago = time.time() - 40 * 86400
        for path in (old, active, other):
            os.utime(path, (long_ago, long_ago))
        # A run still going (this test process holds it), whose log was last written long ago.
        start_run(archive.db, "news", pid=os.getpid(), log_path=str(active))

        daemon = archive.start_daemon()
        archive.wait(lambda: not old.exists(), 20, "the old log to be deleted")
        assert active.exists() and fresh.exists() and other.exists()
        assert f"deleted 1 run log(s) in {logs} not written for 30 days" in archive.daemon_log()
        assert archive.stop_daemon(daemon) == 0
    finally:
        archive.cleanup()
