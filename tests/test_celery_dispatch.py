"""Run dispatch records for the celery executor, on SQLite and PostgreSQL: claims, re-queues,
attempts, worker presence, and the executor's settings. No broker is needed for these: the
crawls of two attempts of one run are started as a worker starts them, in real processes.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import update

from scheduler.celeryapp import WORKER_NAME_ENV, CelerySettings, check_worker_name
from scheduler.executors import LocalExecutor, RunExit, RunTicket
from scheduler.runexits import record_exit
from settings import ConfigError
from storage.db import Database
from storage.models import Run, RunStatus, RunTrigger, utcnow
from storage.runs import (
    ATTEMPT_ENV,
    RunConflictError,
    RunCounts,
    acquire_lock,
    cancel_run,
    create_run,
    finish_run,
    get_run,
    heartbeat,
    holder_name,
    lock_holder,
    site_is_locked,
    start_run,
)
from storage.workers import (
    beat_run,
    beat_worker,
    claim_run,
    connected_workers,
    record_dispatch,
    release_claim,
    remove_worker,
    requeue_stale_runs,
)
from tests.test_scheduler_daemon import news_site_url, site_table

STALE = timedelta(seconds=30)
T = TypeVar("T")


def _age_heartbeat(db: Database, run_id: int, seconds: float) -> None:
    with db.session() as session:
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(heartbeat_at=utcnow() - timedelta(seconds=seconds))
        )


def _dispatched(db: Database, site: str = "alpha", task: str = "task-1") -> int:
    run_id = create_run(db, site, RunTrigger.MANUAL)
    record_dispatch(db, run_id, task)
    return run_id


def test_a_run_is_claimed_once_and_only_by_its_current_task(db: Database) -> None:
    run_id = _dispatched(db)
    assert not claim_run(db, run_id, "some-other-task", "w1")
    first = claim_run(db, run_id, "task-1", "w1")
    assert first is not None and get_run(db, run_id).attempt == first
    assert not claim_run(db, run_id, "task-1", "w2")  # the same message delivered twice
    assert get_run(db, run_id).worker == "w1"
    # A daemon restarted while w1 starts the run must not send it again.
    assert record_dispatch(db, run_id, "task-2") == "task-1"
    assert not claim_run(db, run_id, "task-2", "w2")
    release_claim(db, run_id, "task-1", first)
    retried = claim_run(db, run_id, "task-1", "w2")  # a retry of the same task
    assert retried is not None and retried != first  # another attempt
    release_claim(db, run_id, "task-1", retried)
    assert record_dispatch(db, run_id, "task-2") is None  # re-sent: task-1 lost the run
    assert not claim_run(db, run_id, "task-1", "w1")
    assert claim_run(db, run_id, "task-2", "w1")


def test_a_cancelled_or_started_run_cannot_be_claimed(db: Database) -> None:
    cancelled = _dispatched(db, "alpha")
    cancel_run(db, cancelled)
    assert not claim_run(db, cancelled, "task-1", "w1")
    started = _dispatched(db, "beta")
    start_run(db, "beta", run_id=started)
    assert not claim_run(db, started, "task-1", "w1")


def test_a_silent_running_run_is_requeued_and_its_lock_freed(db: Database) -> None:
    run_id = _dispatched(db)
    claimed = claim_run(db, run_id, "task-1", "w1")
    start_run(db, "alpha", run_id=run_id, worker="w1", attempt=claimed)
    assert requeue_stale_runs(db, STALE, max_requeues=3) == []  # beating: left alone
    _age_heartbeat(db, run_id, 31)
    [(requeued, outcome)] = requeue_stale_runs(db, STALE, max_requeues=3)
    assert requeued == run_id and outcome.startswith("re-queued (no heartbeat from worker w1")
    run = get_run(db, run_id)
    assert (run.status, run.worker, run.started_at, run.pid) == (RunStatus.QUEUED, None, None, None)
    assert lock_holder(db, "alpha") is None
    assert not claim_run(db, run_id, "task-1", "w2")  # the redelivered old message
    record_dispatch(db, run_id, "task-2")
    assert claim_run(db, run_id, "task-2", "w2")


def test_a_claimed_run_that_never_started_is_requeued_too(db: Database) -> None:
    run_id = _dispatched(db)
    assert claim_run(db, run_id, "task-1", "w1")
    _age_heartbeat(db, run_id, 31)
    assert [r for r, _ in requeue_stale_runs(db, STALE, max_requeues=3)] == [run_id]
    assert get_run(db, run_id).status is RunStatus.QUEUED


def test_worker_beats_keep_a_run_alive(db: Database) -> None:
    run_id = _dispatched(db)
    attempt = claim_run(db, run_id, "task-1", "w1")
    assert attempt is not None
    _age_heartbeat(db, run_id, 31)
    beat_run(db, run_id, "another-attempt")  # not the attempt holding it: no effect
    assert [r for r, _ in requeue_stale_runs(db, STALE, max_requeues=3)] == [run_id]
    record_dispatch(db, run_id, "task-2")
    attempt = claim_run(db, run_id, "task-2", "w1")
    assert attempt is not None
    _age_heartbeat(db, run_id, 31)
    beat_run(db, run_id, attempt)
    assert requeue_stale_runs(db, STALE, max_requeues=3) == []


def test_a_run_lost_too_often_fails_and_a_cancelled_one_is_cancelled(db: Database) -> None:
    lost = _dispatched(db, "alpha")
    for attempt in range(3):
        record_dispatch(db, lost, f"task-{attempt}")
        assert claim_run(db, lost, f"task-{attempt}", "w1")
        _age_heartbeat(db, lost, 31)
        [(_, outcome)] = requeue_stale_runs(db, STALE, max_requeues=2)
    assert outcome == "failed"
    run = get_run(db, lost)
    assert run.status is RunStatus.FAILED
    assert (run.error or "").endswith("given up after 2 re-queue(s)")

    stopping = _dispatched(db, "beta")
    claimed = claim_run(db, stopping, "task-1", "w1")
    start_run(db, "beta", run_id=stopping, worker="w1", attempt=claimed)
    cancel_run(db, stopping)
    _age_heartbeat(db, stopping, 31)
    assert requeue_stale_runs(db, STALE, max_requeues=2) == [(stopping, "cancelled")]
    assert get_run(db, stopping).status is RunStatus.CANCELLED


def test_a_run_not_sent_by_the_celery_executor_is_not_requeued(db: Database) -> None:
    run_id = start_run(db, "alpha", trigger=RunTrigger.MANUAL)
    _age_heartbeat(db, run_id, 31)
    assert requeue_stale_runs(db, STALE, max_requeues=3) == []
    assert acquire_lock(db, "gamma", run_id, "host:1")


def test_workers_are_listed_with_their_running_runs(db: Database) -> None:
    beat_worker(db, "w1", "host-a", 10, 2)
    beat_worker(db, "w2", "host-b", 20, 4)
    beat_worker(db, "w1", "host-a", 11, 2)
    run_id = _dispatched(db)
    claimed = claim_run(db, run_id, "task-1", "w1")
    start_run(db, "alpha", run_id=run_id, worker="w1", attempt=claimed)
    workers = {w.name: w for w in connected_workers(db)}
    assert set(workers) == {"w1", "w2"}
    assert (workers["w1"].pid, workers["w1"].runs, workers["w2"].runs) == (11, [run_id], [])
    assert workers["w1"].to_json()["runs"] == [run_id]
    assert connected_workers(db, within=timedelta(seconds=-1)) == []  # none heard "in the future"
    remove_worker(db, "w2")
    assert [w.name for w in connected_workers(db)] == ["w1"]


def test_settings_from_the_environment() -> None:
    env = {"NEWSARCHIVER_BROKER": "redis://127.0.0.1:6379/3", "NEWSARCHIVER_STALE_AFTER": "12"}
    settings = CelerySettings.from_env(env)
    assert (settings.stale_after, settings.queue, settings.max_requeues) == (
        12.0,
        "newsarchiver",
        3,
    )
    assert settings.longest_run == 6 * 3600 + 120
    with pytest.raises(ConfigError, match=r"^NEWSARCHIVER_BROKER: the celery executor needs"):
        CelerySettings.from_env({})
    with pytest.raises(ConfigError, match=r"^NEWSARCHIVER_BROKER: .*unsupported broker URL"):
        CelerySettings.from_env({"NEWSARCHIVER_BROKER": "http://example"})
    with pytest.raises(ConfigError, match=r"^NEWSARCHIVER_STALE_AFTER: "):
        CelerySettings.from_env({**env, "NEWSARCHIVER_STALE_AFTER": "0"})
    with pytest.raises(ConfigError, match=r"^worker name 'a/b'"):
        check_worker_name("a/b")
    assert check_worker_name("w-1.example") == "w-1.example"


def test_an_attempt_that_ends_after_its_run_was_taken_over_records_nothing(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    run_id = _dispatched(db)
    first = claim_run(db, run_id, "task-1", "w1")
    assert first is not None
    start_run(db, "alpha", run_id=run_id, worker="w1", pid=os.getpid(), attempt=first)
    # w1 is judged lost (its beats stopped reaching the database), but its crawl goes on.
    _age_heartbeat(db, run_id, 31)
    [(_, outcome)] = requeue_stale_runs(db, STALE, max_requeues=3)
    assert outcome.startswith("re-queued")
    ticket = RunTicket(run_id, "alpha", "manual", tmp_path / "alpha.log")
    first_exit = RunExit(ticket, utcnow(), 1, "the crawl process exited with code 1")
    # Its process ends while the run waits in the queue: the run is not failed for it.
    with caplog.at_level(logging.WARNING, logger="scheduler.runexits"):
        assert record_exit(db, first_exit, attempt=first).status is RunStatus.QUEUED
    assert "was taken over by another attempt" in caplog.text
    assert get_run(db, run_id).status is RunStatus.QUEUED

    # Re-sent, and taken by w2; the first attempt cannot start it again meanwhile.
    record_dispatch(db, run_id, "task-2")
    second = claim_run(db, run_id, "task-2", "w2")
    assert second is not None
    with pytest.raises(RunConflictError, match="taken by another attempt"):
        start_run(db, "alpha", run_id=run_id, worker="w1", attempt=first)
    start_run(db, "alpha", run_id=run_id, worker="w2", pid=os.getppid(), attempt=second)
    holder = lock_holder(db, "alpha")
    assert holder is not None and holder.holder == holder_name(os.getppid())

    # The first attempt, late: its beats are told to stop and change nothing, its outcome is
    # not recorded, the lock stays with the second attempt, and its worker fails nothing.
    assert heartbeat(db, run_id, "alpha", first, timedelta(hours=1), progress=RunCounts(9))
    assert not finish_run(
        db, run_id, "alpha", RunStatus.SUCCEEDED, RunCounts(pages=9), attempt=first
    )
    assert record_exit(db, first_exit, attempt=first).status is RunStatus.RUNNING
    beat_run(db, run_id, first)
    run = get_run(db, run_id)
    assert (run.status, run.worker, run.pages, run.attempt) == (RunStatus.RUNNING, "w2", 0, second)
    lock = lock_holder(db, "alpha")
    assert lock is not None and (lock.run_id, lock.holder) == (run_id, holder.holder)
    assert lock.expires_at == holder.expires_at  # not renewed by the first attempt
    assert site_is_locked(db, "alpha")

    # The second attempt's outcome is the run's.
    assert not heartbeat(db, run_id, "alpha", second, progress=RunCounts(pages=2))
    assert get_run(db, run_id).pages == 2
    assert finish_run(db, run_id, "alpha", RunStatus.SUCCEEDED, RunCounts(pages=3), attempt=second)
    assert record_exit(db, RunExit(ticket, utcnow(), 0), attempt=second).status is (
        RunStatus.SUCCEEDED
    )
    run = get_run(db, run_id)
    assert (run.status, run.pages, run.error) == (RunStatus.SUCCEEDED, 3, None)
    assert not site_is_locked(db, "alpha")


def test_a_crawl_that_goes_on_after_its_run_was_taken_over_leaves_it_to_the_new_one(
    db: Database, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two real crawl processes of one run, started as a Celery worker starts them: the first
    is silent (stopped) until the run is re-queued and taken by a second worker, then goes on,
    sees it was taken over, and ends without recording anything or freeing the site."""
    # Enough pages that the second crawl is still going (100 pages, one every 0.4 s) when it
    # is cancelled, after the first has noticed the takeover and ended, on a loaded machine.
    with news_site_url(tmp_path / "site", articles=150) as url:
        for name, value in {
            "NEWSARCHIVER_SITES": str(tmp_path / "sites.toml"),
            "NEWSARCHIVER_STORAGE": f"file://{tmp_path / 'store'}",
            "NEWSARCHIVER_DB": db_url,
            "NEWSARCHIVER_SPOOL": str(tmp_path / "spool"),
            "NEWSARCHIVER_LOGS": str(tmp_path / "logs"),
        }.items():
            monkeypatch.setenv(name, value)
        (tmp_path / "sites.toml").write_text(site_table("alpha", url, slow=True))
        run_id = _dispatched(db)

        def attempt_on(task: str, worker: str) -> tuple[str, LocalExecutor, RunTicket]:
            attempt = claim_run(db, run_id, task, worker)
            assert attempt is not None
            env = {**os.environ, WORKER_NAME_ENV: worker, ATTEMPT_ENV: attempt}
            executor = LocalExecutor(max_runs=1, timeout=120, kill_grace=30, env=env)
            ticket = RunTicket(run_id, "alpha", "manual", tmp_path / "logs" / f"{worker}.log")
            executor.submit(ticket)
            _wait(lambda: get_run(db, run_id).worker == worker and _running(db, run_id))
            return attempt, executor, ticket

        first, first_crawl, first_ticket = attempt_on("task-1", "w1")
        first_pid = get_run(db, run_id).pid
        assert first_pid is not None
        _silence(first_pid, lambda: _age_heartbeat(db, run_id, 31))  # its worker seems lost
        assert [r for r, _ in requeue_stale_runs(db, STALE, max_requeues=3)] == [run_id]
        record_dispatch(db, run_id, "task-2")
        second, second_crawl, _ = attempt_on("task-2", "w2")
        second_pid = get_run(db, run_id).pid
        os.kill(first_pid, signal.SIGCONT)

        # The first crawl goes on, learns at its next heartbeat that the run was taken over,
        # and ends, recording nothing: its worker records nothing either.
        [ended] = _wait(first_crawl.poll)
        assert record_exit(db, ended, attempt=first).status is RunStatus.RUNNING
        assert "was taken over by another attempt" in first_ticket.log_path.read_text()
        run = get_run(db, run_id)
        assert (run.status, run.worker, run.pid, run.attempt, run.summary) == (
            RunStatus.RUNNING,
            "w2",
            second_pid,
            second,
            None,
        )
        lock = lock_holder(db, "alpha")
        assert lock is not None and lock.holder == f"{socket.gethostname()}:{second_pid}"

        # The second crawl's ending is the run's.
        cancel_run(db, run_id)
        [ended] = _wait(second_crawl.poll)
        assert record_exit(db, ended, attempt=second).status is RunStatus.CANCELLED
        run = get_run(db, run_id)
        assert run.summary is not None and run.summary["pages"] == run.pages > 0
        assert run.summary["log_file"] == str(ended.ticket.log_path)
        assert not site_is_locked(db, "alpha")


def _silence(pid: int, then: Callable[[], None]) -> None:
    """Stop the process ``pid`` (SIGSTOP), then call ``then``; again if ``then`` waits for a
    database lock the process was stopped holding."""
    while True:
        os.kill(pid, signal.SIGSTOP)
        call = threading.Thread(target=then)
        call.start()
        call.join(timeout=3)
        if not call.is_alive():
            return
        os.kill(pid, signal.SIGCONT)
        call.join()


def _running(db: Database, run_id: int) -> bool:
    return get_run(db, run_id).status is RunStatus.RUNNING


def _wait(condition: Callable[[], T], timeout: float = 90) -> T:
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        time.sleep(0.2)
    return result
