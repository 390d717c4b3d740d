"""Scale-out end to end: a scheduler daemon, Celery workers and PostgreSQL, all real processes.

Against the Redis (127.0.0.1:6379) and RabbitMQ (127.0.0.1:5672) of this machine and a fresh
PostgreSQL schema. A test here is skipped when its broker is unreachable, and fails instead under
``NEWSARCHIVER_REQUIRE_SERVICES=1`` (CI). Each test has its own queue (and Redis database), purged
at teardown, so concurrent sessions never see each other's tasks.

The worker kill simulates the loss of a machine: SIGKILL to the worker process and to the crawl
it was running, so nobody is left to record the run's end, and the daemon must notice the silent
heartbeat and send the run again.

The four site entries crawl one and the same fixture site, as two entries over one domain do
in practice (a frequent front-page crawl beside a full one): each must list every article its
crawls found. And neither the daemon's log nor the workers' (nor their crawls') may hold a
traceback or an ERROR line: a bug that a process survives fails the test.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from kombu import Connection
from sqlalchemy import func, select

from demosite.generator import generate_site
from demosite.server import serve_directory
from storage.db import Database
from storage.models import Article, Capture, Run, RunStatus, RunTrigger, WarcFile
from storage.runs import queue_run
from tests.crawlhelpers import write_sites
from tests.logcheck import assert_clean_logs
from tests.services import skip_or_fail

pytestmark = pytest.mark.timeout(240)

REDIS = os.environ.get("NEWSARCHIVER_TEST_REDIS", "redis://127.0.0.1:6379")
RABBITMQ = os.environ.get("NEWSARCHIVER_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672//")
ARTICLES = 20
#: Short, for a fast test: the worker beats every 2 s for its runs.
STALE_AFTER = 8
T = TypeVar("T")


def _require_broker(url: str) -> None:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=3).close()
    except OSError as exc:
        skip_or_fail(f"broker {parts.scheme}://{parts.hostname}:{parts.port} unreachable: {exc}")


@dataclass
class Broker:
    url: str
    queue: str


def _broker(base: str) -> Iterator[Broker]:
    _require_broker(base)
    queue = f"newsarchiver-test-{secrets.token_hex(6)}"
    url = f"{base}/{secrets.randbelow(15) + 1}" if base.startswith("redis") else base
    yield Broker(url, queue)
    with Connection(url, connect_timeout=5) as conn:
        channel = conn.default_channel
        channel.queue_purge(queue)
        channel.queue_delete(queue)


@pytest.fixture
def redis_broker() -> Iterator[Broker]:
    yield from _broker(REDIS)


@pytest.fixture
def rabbitmq_broker() -> Iterator[Broker]:
    yield from _broker(RABBITMQ)


def wait_for(what: str, check: Callable[[], T | None], timeout: float, step: float = 0.2) -> T:
    """Poll ``check`` until it returns something truthy; fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(step)  # a poll interval, not a wait for the condition itself


@dataclass
class Cluster:
    """A scheduler daemon and named workers sharing a broker, a database and a store."""

    root: Path
    db_url: str
    broker: Broker
    sites_file: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def store(self) -> Path:
        return self.root / "store"

    def spool(self, name: str) -> Path:
        return self.root / name / "spool"

    def env(self, name: str, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "NEWSARCHIVER_SITES": str(self.sites_file),
            "NEWSARCHIVER_STORAGE": f"file://{self.store}",
            "NEWSARCHIVER_DB": self.db_url,
            "NEWSARCHIVER_SPOOL": str(self.spool(name)),
            "NEWSARCHIVER_LOGS": str(self.root / name / "logs"),
            "NEWSARCHIVER_EXECUTOR": "celery",
            "NEWSARCHIVER_BROKER": self.broker.url,
            "NEWSARCHIVER_QUEUE": self.broker.queue,
            "NEWSARCHIVER_STALE_AFTER": str(STALE_AFTER),
            "NEWSARCHIVER_LOG_RETENTION": "30d",
            **extra,
        }

    def log(self, name: str) -> Path:
        return self.root / f"{name}.log"

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        (self.root / name).mkdir(parents=True, exist_ok=True)
        with self.log(name).open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-P", "-c", "from scheduler.cli import main; main()", *args],
                env=self.env(name),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: SIGKILL reaches all of it
            )
        self.processes[name] = process
        return process

    def start_worker(self, name: str, concurrency: int = 1) -> None:
        self.start(name, "worker", "--name", name, "--concurrency", str(concurrency))

    def start_daemon(self) -> None:
        self.start("daemon", "scheduler", "run")

    def wait_ready(self, name: str) -> None:
        wait_for(f"worker {name} ready", lambda: "ready." in self.log(name).read_text(), 60)

    def cli(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-P", "-c", "from scheduler.cli import main; main()", *args],
            env=self.env(name),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def assert_clean_logs(self) -> None:
        """The daemon's and workers' logs, and those of every crawl they ran."""
        assert_clean_logs(
            [self.log(name) for name in self.processes]
            + [self.root / name / "logs" for name in self.processes]
        )

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                print(f"{name} did not stop on SIGTERM: killed")


def _site_config(url: str, delay: float) -> dict[str, Any]:
    return {
        "start_urls": [f"{url}/"],
        "allow_private_networks": True,
        "download_delay": delay,
        "concurrent_requests": 8,
        "max_pages": 500,
    }


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Four site entries over one small demo site served over HTTP; ``slow`` takes ~10 s."""
    root = tmp_path / "sites" / "news"
    generate_site(root, articles=ARTICLES, seed=1)
    with serve_directory(root) as server:
        yield dict.fromkeys(("alpha", "beta", "gamma", "slow"), server.url)


def _cluster(tmp_path: Path, db_url: str, broker: Broker, urls: dict[str, str]) -> Cluster:
    configs = {slug: _site_config(url, 0.3 if slug == "slow" else 0) for slug, url in urls.items()}
    return Cluster(tmp_path, db_url, broker, write_sites(tmp_path / "sites.toml", configs))


def _runs(db: Database) -> dict[str, Run]:
    with db.session() as session:
        return {run.site: run for run in session.scalars(select(Run).order_by(Run.id))}


def _check_archive(cluster: Cluster, db: Database, slugs: list[str]) -> None:
    """Every site lists every article once; every stored WARC valid; captures point at them."""
    with db.session() as session:
        per_site = dict(
            session.execute(select(Article.site, func.count()).group_by(Article.site)).all()
        )
        urls = session.execute(select(Article.site, Article.url)).all()
        warc_urls = set(
            session.scalars(
                select(WarcFile.storage_url).join(Capture, Capture.warc_file_id == WarcFile.id)
            )
        )
    assert per_site == dict.fromkeys(slugs, ARTICLES)
    assert len(urls) == len(set(urls))
    listed = {
        slug: json.loads(
            cluster.cli(
                "daemon", "articles", "search", "--site", slug, "--limit", "100", "--json"
            ).stdout
        )
        for slug in slugs
    }
    assert {slug: len(hits) for slug, hits in listed.items()} == dict.fromkeys(slugs, ARTICLES)
    # One site, four entries: the same article URLs, each entry with its own copies.
    assert len({tuple(sorted(hit["url"] for hit in hits)) for hits in listed.values()}) == 1
    assert all(hit["site"] == slug for slug, hits in listed.items() for hit in hits)
    stored = sorted(cluster.store.rglob("*.warc.gz"))
    assert stored
    for path in stored:
        check = subprocess.run(
            [str(Path(sys.executable).parent / "warcio"), "check", "-v", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, f"{path.name}: {check.stdout}{check.stderr}"
    assert {url.removeprefix("file://") for url in warc_urls} <= {str(p) for p in stored}


def _kill_worker(cluster: Cluster, name: str) -> None:
    """SIGKILL a worker and every crawl it started, as if its machine had gone away.

    The crawls run in sessions of their own, so they are found by the worker name in their
    environment (and this test's queue, so no other test's processes are touched).
    """
    os.killpg(cluster.processes[name].pid, signal.SIGKILL)
    cluster.processes[name].wait()
    marks = (
        f"NEWSARCHIVER_WORKER_NAME={name}".encode(),
        f"NEWSARCHIVER_QUEUE={cluster.broker.queue}".encode(),
    )
    for proc in Path("/proc").iterdir():
        try:
            environ = set((proc / "environ").read_bytes().split(b"\0"))
        except (OSError, ValueError):
            continue
        if all(mark in environ for mark in marks):
            os.kill(int(proc.name), signal.SIGKILL)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_two_workers_share_runs_and_a_killed_worker_loses_none(
    tmp_path: Path, db_url: str, redis_broker: Broker, sites: dict[str, str]
) -> None:
    cluster = _cluster(tmp_path, db_url, redis_broker, sites)
    db = Database(db_url)
    db.migrate()
    try:
        for name in ("w1", "w2"):
            cluster.start_worker(name, concurrency=2)
        cluster.start_daemon()
        for name in ("w1", "w2"):
            cluster.wait_ready(name)
        status = json.loads(cluster.cli("daemon", "status", "--json").stdout)
        assert {w["name"] for w in status["workers"]} == {"w1", "w2"}

        # Several sites at once, the slow one first so that it is surely being crawled when the
        # worker running it is killed.
        for slug in ("slow", "alpha", "beta", "gamma"):
            queue_run(db, slug, RunTrigger.MANUAL)
        seen: set[tuple[str, str]] = set()

        def victim_mid_crawl() -> Run | None:
            runs = _runs(db)
            seen.update((r.site, r.worker) for r in runs.values() if r.worker)
            slow = runs["slow"]
            running = slow.status is RunStatus.RUNNING and slow.worker is not None
            if running and any(cluster.spool(str(slow.worker)).glob("*.warc.gz.open")):
                return slow
            return None

        victim = wait_for("the slow site's crawl to write WARC records", victim_mid_crawl, 90)
        dead = str(victim.worker)
        survivor = ({"w1", "w2"} - {dead}).pop()
        _kill_worker(cluster, dead)
        killed_at = time.monotonic()
        requeued_after: list[float] = []

        def all_done() -> dict[str, Run] | None:
            runs = _runs(db)
            seen.update((r.site, r.worker) for r in runs.values() if r.worker)
            if not requeued_after and runs["slow"].worker != dead:
                requeued_after.append(time.monotonic() - killed_at)
            done = all(r.status not in (RunStatus.QUEUED, RunStatus.RUNNING) for r in runs.values())
            return runs if done else None

        runs = wait_for("every run to finish", all_done, 150)
        assert {slug: run.status for slug, run in runs.items()} == dict.fromkeys(
            sites, RunStatus.SUCCEEDED
        ), {slug: run.error for slug, run in runs.items()}
        assert runs["slow"].worker == survivor
        print(f"\nthe run lost with {dead} was re-queued {requeued_after[0]:.1f}s after the kill")
        assert {worker for _, worker in seen} == {"w1", "w2"}  # runs spread over both

        listed = json.loads(cluster.cli("daemon", "jobs", "list", "--json").stdout)
        assert {run["site"]: run["worker"] for run in listed}["slow"] == survivor
        assert all(run["worker"] in ("w1", "w2") for run in listed)

        # The dead worker's spool still holds what its crawl wrote: a flush there (what the
        # worker does when it starts again) recovers and stores it.
        flushed = cluster.cli(dead, "warc", "flush")
        assert flushed.returncode == 0, flushed.stderr
        assert not any(cluster.spool(dead).glob("*.warc.gz*"))
        assert not any(cluster.spool(survivor).glob("*.warc.gz*"))
        assert {p.name.rsplit("-", 1)[1] for p in cluster.store.rglob("*.warc.gz")} == {
            "w1.warc.gz",
            "w2.warc.gz",
        }
        _check_archive(cluster, db, sorted(sites))
        cluster.stop_all()
        cluster.assert_clean_logs()
    finally:
        cluster.stop_all()
        db.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.rabbitmq
def test_rabbitmq_worker_runs_and_cancels(
    tmp_path: Path, db_url: str, rabbitmq_broker: Broker, sites: dict[str, str]
) -> None:
    urls = {slug: sites[slug] for slug in ("alpha", "slow")}
    cluster = _cluster(tmp_path, db_url, rabbitmq_broker, urls)
    db = Database(db_url)
    db.migrate()
    try:
        # A run log of long ago on the worker's machine: the worker deletes it.
        old_log = tmp_path / "rabbit" / "logs" / "alpha-run0.log"
        old_log.parent.mkdir(parents=True)
        old_log.write_text("an old run\n")
        os.utime(old_log, (time.time() - 40 * 86400,) * 2)
        cluster.start_worker("rabbit", concurrency=2)
        cluster.start_daemon()
        cluster.wait_ready("rabbit")
        queue_run(db, "alpha", RunTrigger.MANUAL)
        slow_id = queue_run(db, "slow", RunTrigger.MANUAL)

        def slow_running() -> bool:
            return _runs(db)["slow"].status is RunStatus.RUNNING

        wait_for("the slow site's crawl to start", slow_running, 60)
        cancelled = cluster.cli("daemon", "jobs", "cancel", str(slow_id))
        assert cancelled.returncode == 0, cancelled.stderr

        def all_done() -> dict[str, Run] | None:
            runs = _runs(db)
            done = all(r.status not in (RunStatus.QUEUED, RunStatus.RUNNING) for r in runs.values())
            return runs if done else None

        runs = wait_for("both runs to finish", all_done, 60)
        assert runs["alpha"].status is RunStatus.SUCCEEDED, runs["alpha"].error
        assert runs["slow"].status is RunStatus.CANCELLED, runs["slow"].error
        assert {run.worker for run in runs.values()} == {"rabbit"}
        with db.session() as session:
            alpha = session.scalar(select(func.count()).where(Article.site == "alpha"))
        assert alpha == ARTICLES
        wait_for("the worker to delete the old run log", lambda: not old_log.exists(), 30)
        cluster.stop_all()
        cluster.assert_clean_logs()
    finally:
        cluster.stop_all()
        db.dispose()
