"""Run dispatch records for the celery executor, on SQLite and PostgreSQL: claims, re-queues,
worker presence, and the executor's settings. No broker is needed for these.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from scheduler.celeryapp import CelerySettings, check_worker_name
from settings import ConfigError
from storage.db import Database
from storage.models import Run, RunStatus, RunTrigger, utcnow
from storage.runs import acquire_lock, cancel_run, create_run, get_run, lock_holder, start_run
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

STALE = timedelta(seconds=30)


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
    assert claim_run(db, run_id, "task-1", "w1")
    assert not claim_run(db, run_id, "task-1", "w2")  # the same message delivered twice
    assert get_run(db, run_id).worker == "w1"
    # A daemon restarted while w1 starts the run must not send it again.
    assert record_dispatch(db, run_id, "task-2") == "task-1"
    assert not claim_run(db, run_id, "task-2", "w2")
    release_claim(db, run_id, "task-1")
    assert claim_run(db, run_id, "task-1", "w2")  # a retry of the same task
    release_claim(db, run_id, "task-1")
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
    assert claim_run(db, run_id, "task-1", "w1")
    start_run(db, "alpha", run_id=run_id, worker="w1")
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
    assert claim_run(db, run_id, "task-1", "w1")
    _age_heartbeat(db, run_id, 31)
    beat_run(db, run_id, "w2")  # not its worker: no effect
    _age_heartbeat(db, run_id, 31)
    beat_run(db, run_id, "w1")
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
    assert claim_run(db, stopping, "task-1", "w1")
    start_run(db, "beta", run_id=stopping, worker="w1")
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
    assert claim_run(db, run_id, "task-1", "w1")
    start_run(db, "alpha", run_id=run_id, worker="w1")
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
