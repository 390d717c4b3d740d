"""Stopping crawls through the daemon: cancel, SIGTERM, SIGKILL and restart, crashes, timeouts.

Real daemon, real crawls of a slow site (a page every 0.4 s, so a crawl is still writing when it
is stopped), real signals. Whatever stops a crawl gracefully must leave its WARC files closed,
stored and valid for ``warcio check``; whatever kills one must leave a run marked failed, never
"running", and a site the next run can take. The harness is ``tests/test_scheduler_daemon``'s.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scheduler.runexits import DAEMON_STOPPED
from scheduler.schedules import refresh_sites_table, set_paused
from storage.models import RunStatus
from storage.runs import lock_holder, scheduler_lease
from tests.test_scheduler_daemon import NEVER, Archive, news_site_url, site_table


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with news_site_url(tmp_path_factory.mktemp("news") / "site") as url:
        yield url


@pytest.fixture
def archive(tmp_path: Path, news_site: str) -> Iterator[Archive]:
    made = Archive.create(tmp_path, news_site)
    yield made
    made.cleanup()


def test_cancel_a_queued_and_a_running_run(archive: Archive) -> None:
    archive.write_sites(site_table("slow", archive.url, slow=True))
    daemon = archive.start_daemon()
    running = archive.trigger("slow")
    archive.wait_writing(running)
    waiting = archive.trigger("slow")  # behind it: same site

    answer = archive.cli_json("jobs", "cancel", str(waiting))
    assert answer["status"] == "cancelled"
    assert archive.run(waiting).status is RunStatus.CANCELLED  # at once, not eventually

    answer = archive.cli_json("jobs", "cancel", str(running))
    assert answer["status"] == "running"  # asked to stop
    run = archive.wait_status(running, RunStatus.CANCELLED, RunStatus.FAILED, RunStatus.SUCCEEDED)
    assert run.status is RunStatus.CANCELLED, run.error
    assert 0 < run.pages < 100
    archive.assert_warcs_stored_and_valid(running)
    assert archive.run(waiting).started_at is None

    again = archive.cli("jobs", "cancel", str(running), code=1)
    assert again.stderr.strip() == f"error: run {running} has already finished (cancelled)"
    assert archive.stop_daemon(daemon) == 0


def test_sigterm_stores_the_crawl_and_a_restarted_daemon_runs_it_again(archive: Archive) -> None:
    # A page a second: still crawling however long the checks below take on a busy machine.
    slower = site_table("slow", archive.url, slow=True)
    archive.write_sites(slower.replace("download_delay = 0.4", "download_delay = 1.0"))
    daemon = archive.start_daemon()
    run_id = archive.trigger("slow")
    first = archive.wait_writing(run_id)

    # While it runs, `jobs list` and `jobs show` see its pages and bytes grow.
    def live() -> dict[str, Any] | None:
        row = next(r for r in archive.cli_json("jobs", "list") if r["id"] == run_id)
        return row if row["status"] == "running" and row["pages"] > 0 else None

    row = archive.wait(live, 30, "live pages in jobs list")
    assert row is not None and row["bytes"] > 0
    assert archive.cli_json("jobs", "show", str(run_id))["pages"] > 0

    assert archive.stop_daemon(daemon) == 0

    # The crawl stopped gracefully, stored its files, and its run waits for the next daemon.
    run = archive.run(run_id)
    assert run.status is RunStatus.QUEUED, run.error
    assert run.error == f"re-queued: {DAEMON_STOPPED}"
    archive.assert_warcs_stored_and_valid(run_id)
    assert scheduler_lease(archive.db) is None
    status = archive.cli_json("status")
    assert status["daemon"]["running"] is False
    assert status["running"] == [] and status["spool"]["open_files"] == 0
    assert status["queued"] == 1

    # A new daemon runs that same run again.
    second = archive.start_daemon()
    again = archive.wait_writing(run_id)
    assert again.pid != first.pid
    assert again.started_at is not None and first.started_at is not None
    assert again.started_at > first.started_at
    assert archive.cli_json("jobs", "cancel", str(run_id))["status"] == "running"
    run = archive.wait_status(run_id, RunStatus.CANCELLED, RunStatus.FAILED, RunStatus.SUCCEEDED)
    assert run.status is RunStatus.CANCELLED, run.error  # an operator's cancel is final
    assert archive.stop_daemon(second) == 0
    assert archive.run(run_id).status is RunStatus.CANCELLED


def test_sigkill_restart_then_a_crash(archive: Archive) -> None:
    archive.write_sites(
        site_table("slow", archive.url, slow=True, schedule=NEVER),
        site_table("news", archive.url, schedule=NEVER),
    )
    refresh_sites_table(archive.db, archive.root / "sites.toml")
    set_paused(archive.db, "news", True)  # with no daemon running: kept for it
    first = archive.start_daemon()
    jobs = archive.wait(lambda: len(archive.jobs()) == 2 and archive.jobs(), 10, "two jobs")
    assert jobs and jobs["news"] is None and jobs["slow"] is not None
    killed = archive.trigger("slow")
    pid = archive.wait_writing(killed).pid
    assert pid is not None

    # The daemon and its crawl die without a word.
    first.kill()
    first.wait()
    os.kill(pid, signal.SIGKILL)
    archive.wait(lambda: not Path(f"/proc/{pid}").exists(), 10, "the crawl to be reaped")
    assert archive.run(killed).status is RunStatus.RUNNING

    second = archive.start_daemon()
    run = archive.wait_status(killed, RunStatus.FAILED, timeout=10)
    assert (run.error or "").startswith("interrupted: "), run.error
    assert lock_holder(archive.db, "slow") is None  # the dead holder lost the site at once
    assert archive.jobs() == jobs  # schedules intact, pause kept

    # The next run takes the site; then it crashes, and is recorded as such.
    crashing = archive.trigger("slow")
    crashing_pid = archive.wait_writing(crashing).pid
    assert crashing_pid is not None
    os.kill(crashing_pid, signal.SIGKILL)
    run = archive.wait_status(crashing, RunStatus.FAILED, timeout=10)
    assert run.error == "crawl process killed by SIGKILL"
    assert lock_holder(archive.db, "slow") is None

    # And the next run goes ahead.
    following = archive.trigger("slow")
    archive.wait_writing(following)
    assert archive.stop_daemon(second) == 0
    assert archive.run(following).status is RunStatus.QUEUED  # for the next daemon


def test_timeout_stops_a_crawl_gracefully_and_fails_it(tmp_path: Path, news_site: str) -> None:
    archive = Archive.create(tmp_path, news_site, NEWSARCHIVER_RUN_TIMEOUT="20s")
    try:
        archive.write_sites(site_table("slow", archive.url, slow=True))
        daemon = archive.start_daemon()
        run_id = archive.trigger("slow")
        archive.wait_writing(run_id, timeout=20)  # a crawl starts in seconds, unless overloaded

        # The crawl records "cancelled" as it stops; the daemon then makes it a failure.
        run = archive.wait_status(run_id, RunStatus.FAILED, timeout=60)
        assert run.error == "timed out after 20s"
        assert run.pages > 0
        archive.assert_warcs_stored_and_valid(run_id)
        assert archive.stop_daemon(daemon) == 0
    finally:
        archive.cleanup()
