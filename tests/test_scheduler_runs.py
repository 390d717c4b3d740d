"""Run records as the scheduler uses them: queueing, cancelling, stale runs, the daemon lease.

Every test runs on SQLite and on PostgreSQL (the ``db`` fixture). Dead processes are real: a
child that has exited and been reaped, so its pid is gone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from scheduler.executors import RunExit, RunTicket
from scheduler.runexits import record_exit
from storage.db import Database
from storage.models import RequestKind, Run, RunStatus, RunTrigger, utcnow
from storage.runs import (
    RunConflictError,
    RunCounts,
    UnknownRunError,
    _run_under_lock,
    acquire_scheduler_lease,
    active_run,
    cancel_run,
    create_run,
    fail_run,
    finish_run,
    get_run,
    heartbeat,
    holder_name,
    list_runs,
    lock_holder,
    mark_request_handled,
    mark_stale_runs,
    other_run_since,
    pending_requests,
    queue_run,
    queued_runs,
    release_scheduler_lease,
    renew_scheduler_lease,
    scheduler_lease,
    site_is_locked,
    start_run,
)


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_queue_run_leaves_a_queued_run_and_a_request(db: Database) -> None:
    run_id = queue_run(db, "alpha", RunTrigger.MANUAL)

    run = get_run(db, run_id)
    assert (run.site, run.trigger, run.status) == ("alpha", RunTrigger.MANUAL, RunStatus.QUEUED)
    [request] = pending_requests(db)
    assert (request.kind, request.site, request.run_id) == (RequestKind.TRIGGER, "alpha", run_id)
    assert [r.id for r in queued_runs(db)] == [run_id]
    active = active_run(db, "alpha")
    assert active is not None and active.id == run_id

    mark_request_handled(db, request.id, "done")
    assert pending_requests(db) == []


def test_cancel_queued_run_is_immediate(db: Database) -> None:
    run_id = queue_run(db, "alpha", RunTrigger.MANUAL)

    assert cancel_run(db, run_id) is RunStatus.CANCELLED

    run = get_run(db, run_id)
    assert run.status is RunStatus.CANCELLED
    assert run.finished_at is not None
    assert run.cancel_requested
    assert [r.kind for r in pending_requests(db)] == [RequestKind.TRIGGER, RequestKind.CANCEL]
    with pytest.raises(RunConflictError, match=f"run {run_id} has already finished"):
        cancel_run(db, run_id)


def test_cancel_running_run_sets_the_flag_its_heartbeat_reads(db: Database) -> None:
    run_id = start_run(db, "alpha")

    assert cancel_run(db, run_id) is RunStatus.RUNNING

    run = get_run(db, run_id)
    assert run.status is RunStatus.RUNNING
    assert run.cancel_requested


def test_unknown_run_id(db: Database) -> None:
    with pytest.raises(UnknownRunError, match="unknown run id 999"):
        get_run(db, 999)
    with pytest.raises(UnknownRunError, match="unknown run id 999"):
        cancel_run(db, 999)


def test_list_runs_filters_and_orders_newest_first(db: Database) -> None:
    first = create_run(db, "alpha", RunTrigger.SCHEDULE)
    second = create_run(db, "beta", RunTrigger.MANUAL)
    third = create_run(db, "alpha", RunTrigger.MANUAL)
    cancel_run(db, third)

    assert [r.id for r in list_runs(db)] == [third, second, first]
    assert [r.id for r in list_runs(db, site="alpha")] == [third, first]
    assert [r.id for r in list_runs(db, status=RunStatus.QUEUED)] == [second, first]
    assert [r.id for r in list_runs(db, limit=1)] == [third]


def test_stale_runs_of_dead_processes_are_marked_and_their_locks_freed(
    db: Database, dead_pid: int
) -> None:
    dead = start_run(db, "alpha", pid=dead_pid)
    alive = start_run(db, "beta")  # this test process: alive, heartbeat fresh

    assert mark_stale_runs(db) == [dead]

    run = get_run(db, dead)
    assert run.status is RunStatus.FAILED
    assert (run.error or "").startswith(f"interrupted: process {dead_pid} on ")
    assert lock_holder(db, "alpha") is None
    assert not site_is_locked(db, "alpha")
    assert get_run(db, alive).status is RunStatus.RUNNING
    assert site_is_locked(db, "beta")


def test_stale_heartbeat_marks_a_run_of_another_host(db: Database) -> None:
    remote = start_run(db, "alpha", worker="elsewhere.example", pid=1)
    local = start_run(db, "beta")  # alive here: trusted even without a recent heartbeat

    assert mark_stale_runs(db, stale_after=timedelta(hours=1)) == []
    assert mark_stale_runs(db, stale_after=timedelta(0)) == [remote]
    assert (get_run(db, remote).error or "").startswith("interrupted: no heartbeat since ")
    assert get_run(db, local).status is RunStatus.RUNNING


def test_fail_run_only_replaces_the_given_statuses(db: Database) -> None:
    run_id = start_run(db, "alpha")

    assert fail_run(db, run_id, "crashed")
    assert not fail_run(db, run_id, "again")  # already final
    run = get_run(db, run_id)
    assert (run.status, run.error) == (RunStatus.FAILED, "crashed")
    assert not site_is_locked(db, "alpha")


def test_a_late_finish_does_not_overwrite_a_run_given_up_on(db: Database) -> None:
    given_up = start_run(db, "alpha", attempt="first")
    fail_run(db, given_up, "did not stop within 1s")
    again = start_run(db, "alpha", attempt="second")  # the site is free: another run took it

    # The crawl given up on ends at last: its run keeps its outcome, the site its new run.
    late = RunCounts(pages=3)
    assert not finish_run(db, given_up, "alpha", RunStatus.CANCELLED, late, attempt="first")
    run = get_run(db, given_up)
    assert (run.status, run.error, run.pages) == (RunStatus.FAILED, "did not stop within 1s", 0)
    holder = lock_holder(db, "alpha")
    assert holder is not None and holder.run_id == again

    counts = RunCounts(pages=2)
    assert finish_run(db, again, "alpha", RunStatus.SUCCEEDED, counts, attempt="second")
    assert get_run(db, again).status is RunStatus.SUCCEEDED
    assert not site_is_locked(db, "alpha")


def test_a_run_given_up_on_keeps_its_site_until_its_crawl_ends(db: Database) -> None:
    given_up = start_run(db, "alpha", attempt="stuck")
    # Its crawl did not stop in time but may still be going: the run fails, the site stays.
    assert fail_run(db, given_up, "did not stop within 1s", free_site=False)
    assert get_run(db, given_up).status is RunStatus.FAILED
    assert site_is_locked(db, "alpha")
    with pytest.raises(RunConflictError, match=f"already being crawled by run {given_up}"):
        start_run(db, "alpha", pid=os.getppid())  # a manual crawl
    before = lock_holder(db, "alpha")
    assert before is not None
    assert not heartbeat(db, given_up, "alpha", "stuck", timedelta(hours=1))
    renewed = lock_holder(db, "alpha")  # its lease lives on
    assert renewed is not None and renewed.expires_at > before.expires_at + timedelta(minutes=30)

    # It ends at last: its outcome is not recorded, but its site is free.
    late = RunCounts(pages=3)
    assert not finish_run(db, given_up, "alpha", RunStatus.SUCCEEDED, late, attempt="stuck")
    assert not site_is_locked(db, "alpha")
    assert get_run(db, given_up).error == "did not stop within 1s"


def test_a_queued_run_whose_crawl_died_taking_it_is_given_back(db: Database) -> None:
    """A crawl that took the run and died before it ran (killed, or its database failed)
    leaves no attempt holding it: the daemon's next try starts it."""
    run_id = create_run(db, "alpha", RunTrigger.SCHEDULE)
    with db.session() as session:  # what the dead crawl's start left
        session.execute(update(Run).where(Run.id == run_id).values(attempt="dead"))
    with pytest.raises(RunConflictError, match="taken by another attempt"):
        start_run(db, "alpha", run_id=run_id)
    ticket = RunTicket(run_id, "alpha", "schedule", Path("alpha.log"))
    record_exit(db, RunExit(ticket, utcnow(), -9, "killed by SIGKILL"), stopping=True)
    assert get_run(db, run_id).status is RunStatus.QUEUED
    assert start_run(db, "alpha", run_id=run_id) == run_id


def test_a_run_cancelled_while_its_crawl_takes_the_lock_does_not_start(db: Database) -> None:
    run_id = create_run(db, "alpha", RunTrigger.MANUAL)
    with db.session() as session:  # taken by this attempt, then cancelled by an operator
        session.execute(update(Run).where(Run.id == run_id).values(attempt="mine"))
    cancel_run(db, run_id)
    with pytest.raises(RunConflictError, match="taken from this attempt before it started"):
        _run_under_lock(db, "alpha", run_id, "mine", worker=None, pid=None, log_path=None)
    assert get_run(db, run_id).status is RunStatus.CANCELLED
    assert not site_is_locked(db, "alpha")


def test_other_run_since_tells_a_lost_race_from_a_failure(db: Database) -> None:
    mine = create_run(db, "alpha", RunTrigger.SCHEDULE)
    since = get_run(db, mine).queued_at
    assert not other_run_since(db, "alpha", since, exclude=mine)

    manual = start_run(db, "alpha")
    assert other_run_since(db, "alpha", since, exclude=mine)
    fail_run(db, manual, "done")
    assert other_run_since(db, "alpha", since, exclude=mine)
    assert not other_run_since(db, "beta", since, exclude=mine)


def test_scheduler_lease_admits_one_daemon(db: Database, dead_pid: int) -> None:
    me = holder_name()
    other = f"{holder_name().rpartition(':')[0]}:{os.getppid()}"  # alive, on this host

    assert scheduler_lease(db) is None
    assert acquire_scheduler_lease(db, me) is None
    assert acquire_scheduler_lease(db, other) == me
    lease = scheduler_lease(db)
    assert lease is not None and lease.holder == me
    assert renew_scheduler_lease(db, me)
    assert not renew_scheduler_lease(db, other)

    release_scheduler_lease(db, me)
    assert scheduler_lease(db) is None
    assert acquire_scheduler_lease(db, other) is None


def test_scheduler_lease_of_a_dead_daemon_is_taken_over(db: Database, dead_pid: int) -> None:
    dead = f"{holder_name().rpartition(':')[0]}:{dead_pid}"
    assert acquire_scheduler_lease(db, dead) is None
    assert scheduler_lease(db) is None  # a dead holder does not count as a running daemon

    assert acquire_scheduler_lease(db, holder_name()) is None
    lease = scheduler_lease(db)
    assert lease is not None and lease.holder == holder_name()


def test_scheduler_lease_expires(db: Database) -> None:
    far = "elsewhere.example:1"  # another host: only the lease can free it
    assert acquire_scheduler_lease(db, far, lease=timedelta(hours=1)) is None
    assert acquire_scheduler_lease(db, holder_name()) == far

    assert acquire_scheduler_lease(db, far, lease=timedelta(seconds=-1)) is None  # renewed, expired
    assert acquire_scheduler_lease(db, holder_name()) is None


def test_an_unreaped_process_counts_as_dead(db: Database) -> None:
    """A crawl whose parent died where no init reaps it stays a zombie: it is still gone."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])  # never waited for: a zombie
    stat = Path(f"/proc/{child.pid}/stat")
    deadline = time.monotonic() + 10
    while stat.read_text().rpartition(")")[2].split()[0] != "Z":
        assert time.monotonic() < deadline, "the child did not exit"
        time.sleep(0.01)
    run_id = start_run(db, "alpha", pid=child.pid)

    assert mark_stale_runs(db) == [run_id]
    child.wait()
