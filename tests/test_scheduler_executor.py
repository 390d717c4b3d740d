"""The local executor with real child processes: limits, timeouts, signals, failure reasons.

The children here are small Python programs standing in for ``newsarchiver crawl`` (which the
daemon tests run for real): each behaves like one way a crawl can end, so every path of the
executor is exercised against a real process, its signals and its exit status.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scheduler.executors import LocalExecutor, RunExit, RunTicket, crawl_command

# Stand-ins for a crawl. Each writes "ready" once its signal handling is in place, so a test
# can signal it without racing its start-up.
GRACEFUL = """
import signal, sys, time
def stop(signum, frame):
    print("closing WARC files", flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
time.sleep(60)
"""
STUBBORN = """
import signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("ready", flush=True)
time.sleep(60)
"""
FAILING = """
import sys
print("2026-01-01 [scrapy] INFO: noise", flush=True)
print("error: storage file:///nowhere is not writable", file=sys.stderr, flush=True)
sys.exit(2)
"""
CRASHING = """
raise RuntimeError("spider exploded")
"""


@pytest.fixture
def executors() -> Iterator[list[LocalExecutor]]:
    """Executors made by a test; their children are killed at the end whatever happened."""
    made: list[LocalExecutor] = []
    yield made
    for executor in made:
        executor.shutdown(0)


def make(executors: list[LocalExecutor], source: str, **options: Any) -> LocalExecutor:
    executor = LocalExecutor(command=lambda ticket: [sys.executable, "-c", source], **options)
    executors.append(executor)
    return executor


def ticket(tmp_path: Path, run_id: int = 1, site: str = "alpha") -> RunTicket:
    return RunTicket(run_id, site, "manual", tmp_path / "logs" / f"{site}-run{run_id}.log")


def wait_for_text(path: Path, text: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text():
            return
        time.sleep(0.02)
    raise AssertionError(f"{text!r} never appeared in {path}")


def wait_for_exit(executor: LocalExecutor, timeout: float = 10.0) -> RunExit:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ended = executor.poll()
        if ended:
            [exit_] = ended
            return exit_
        time.sleep(0.02)
    raise AssertionError("the run did not end")


def test_at_most_max_runs(tmp_path: Path, executors: list[LocalExecutor]) -> None:
    executor = make(executors, GRACEFUL, max_runs=2)
    assert executor.free_slots() == 2
    executor.submit(ticket(tmp_path, 1))
    executor.submit(ticket(tmp_path, 2, "beta"))
    assert executor.free_slots() == 0
    assert {run_id: t.site for run_id, t in executor.active().items()} == {1: "alpha", 2: "beta"}


def test_failure_reason_comes_from_the_log(tmp_path: Path, executors: list[LocalExecutor]) -> None:
    executor = make(executors, FAILING)
    run = ticket(tmp_path)
    executor.submit(run)

    ended = wait_for_exit(executor)

    assert ended.returncode == 2
    assert (
        ended.error == "storage file:///nowhere is not writable (crawl process exited with code 2)"
    )
    assert not ended.timed_out
    assert "INFO: noise" in run.log_path.read_text()
    assert executor.active() == {} and executor.free_slots() == 2


def test_a_crash_is_described_by_its_exception(
    tmp_path: Path, executors: list[LocalExecutor]
) -> None:
    executor = make(executors, CRASHING)
    executor.submit(ticket(tmp_path))

    ended = wait_for_exit(executor)

    assert ended.error == "RuntimeError: spider exploded (crawl process exited with code 1)"


def test_timeout_stops_gracefully(tmp_path: Path, executors: list[LocalExecutor]) -> None:
    executor = make(executors, GRACEFUL, timeout=0.2, kill_grace=30)
    run = ticket(tmp_path)
    executor.submit(run)
    wait_for_text(run.log_path, "ready")

    ended = wait_for_exit(executor)

    assert ended.timed_out
    assert ended.returncode == 0
    assert ended.error == "timed out after 0.2s"
    assert "closing WARC files" in run.log_path.read_text()


def test_timeout_then_kill_after_the_grace(tmp_path: Path, executors: list[LocalExecutor]) -> None:
    executor = make(executors, STUBBORN, timeout=0.2, kill_grace=0.3)
    run = ticket(tmp_path)
    executor.submit(run)
    wait_for_text(run.log_path, "ready")

    ended = wait_for_exit(executor)

    assert ended.returncode == -signal.SIGKILL
    assert ended.error == "timed out after 0.2s, then killed when it did not stop within 0.3s"


def test_a_cancelled_run_gets_sigterm_only_after_the_grace(
    tmp_path: Path, executors: list[LocalExecutor]
) -> None:
    """A crawl closes itself at its next heartbeat; a SIGTERM during that close would cut it
    short, so the executor sends one only to a crawl still there after the grace."""
    executor = make(executors, GRACEFUL, kill_grace=1.0)
    run = ticket(tmp_path)
    executor.submit(run)
    wait_for_text(run.log_path, "ready")

    asked = time.monotonic()
    assert executor.stop(1)
    time.sleep(0.3)
    assert executor.poll() == []
    assert "closing WARC files" not in run.log_path.read_text()
    ended = wait_for_exit(executor)

    assert time.monotonic() - asked >= 1.0
    assert (ended.returncode, ended.timed_out, ended.error) == (0, False, None)
    assert "closing WARC files" in run.log_path.read_text()
    assert not executor.stop(1)  # no longer here


def test_shutdown_waits_then_kills(tmp_path: Path, executors: list[LocalExecutor]) -> None:
    executor = make(executors, STUBBORN)
    graceful = make(executors, GRACEFUL)
    stubborn_run, graceful_run = ticket(tmp_path, 1), ticket(tmp_path, 2, "beta")
    executor.submit(stubborn_run)
    graceful.submit(graceful_run)
    wait_for_text(stubborn_run.log_path, "ready")
    wait_for_text(graceful_run.log_path, "ready")

    started = time.monotonic()
    [killed] = executor.shutdown(0.5)
    [closed] = graceful.shutdown(5)

    assert killed.returncode == -signal.SIGKILL
    assert killed.error == "crawl process killed by SIGKILL"
    assert closed.returncode == 0
    assert time.monotonic() - started < 5


def test_children_run_in_their_own_session(tmp_path: Path, executors: list[LocalExecutor]) -> None:
    """A Ctrl-C at the daemon's terminal must not reach the crawls a second time."""
    executor = make(executors, "import os; print('sid', os.getsid(0), flush=True)")
    run = ticket(tmp_path)
    executor.submit(run)
    wait_for_exit(executor)

    child_sid = int(run.log_path.read_text().split()[-1])
    assert child_sid != os.getsid(0)


def test_crawl_command_runs_this_interpreter_without_cwd_on_path(tmp_path: Path) -> None:
    command = crawl_command(ticket(tmp_path, 7))
    assert command[:3] == [sys.executable, "-P", "-c"]
    assert command[4:] == [
        "crawl", "alpha", "--run-id", "7", "--trigger", "manual",
        "--log-file", str(tmp_path / "logs" / "alpha-run7.log"), "--json",
    ]  # fmt: skip
