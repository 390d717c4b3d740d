"""Prometheus metrics of the scheduler daemon and of Celery workers (``--metrics-port``).

``newsarchiver scheduler run --metrics-port PORT`` serves ``/metrics`` on 127.0.0.1 (or
``--metrics-host``) through ``prometheus_client``. Its figures come from the database, read
at each scrape, so they count every run whatever process ran it (the daemon's subprocesses,
Celery workers, a foreground ``newsarchiver crawl``):

- counters and histograms of the runs that started and ended since the daemon started
  (``storage.runfeed``), the schedule lag among them;
- gauges of the moment: runs queued and running, each active site's last success, workers
  alive (``celery`` executor), and this machine's spool.

``newsarchiver worker --metrics-port PORT`` serves the worker's own: its spool (each worker has
its own), and the runs it executes. Prometheus scrapes the daemon and every worker, each an
``instance``. The README lists every metric; ``docs/alerts.yml`` and
``docs/grafana-dashboard.json`` use them. See https://prometheus.github.io/client_python/.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import Counter, Histogram, disable_created_metrics, start_http_server
from prometheus_client.core import CollectorRegistry, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from pydantic import Field
from sqlalchemy.exc import SQLAlchemyError

from settings import ConfigError, EnvSettings
from storage.db import DatabaseError
from storage.models import RunStatus, RunTrigger
from storage.runfeed import RunFeed
from storage.runs import count_runs, last_successes, schedule_lag
from storage.spool import spool_usage
from storage.workers import connected_workers

if TYPE_CHECKING:
    from pathlib import Path
    from wsgiref.simple_server import WSGIServer

    from storage.db import Database

logger = logging.getLogger(__name__)

#: Seconds: from "on time" to "the run waited an hour for a free slot", finer around a
#: minute, where a 15-minute cycle starts to slip.
LAG_BUCKETS = (0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 45.0, 60.0, 90.0,
               120.0, 300.0, 900.0, 1800.0, 3600.0)  # fmt: skip
#: Seconds: a one-page crawl to the default six-hour timeout.
DURATION_BUCKETS = (5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 10800.0, 21600.0)


class MetricsSettings(EnvSettings):
    """Where metrics are served, from ``NEWSARCHIVER_METRICS_*`` (or ``--metrics-*``)."""

    #: ``NEWSARCHIVER_METRICS_PORT``: the port of ``/metrics``; 0 serves none.
    metrics_port: int = Field(default=0, ge=0, le=65535)
    #: ``NEWSARCHIVER_METRICS_HOST``: the address it listens on (loopback unless you say).
    metrics_host: str = "127.0.0.1"


class DaemonCollector(Collector):
    """The daemon's metrics, read from the database (and its spool) at each scrape."""

    def __init__(self, db: Database, spool: Path, *, workers: bool) -> None:
        self.db = db
        self.spool = spool
        #: Report workers alive: only the ``celery`` executor has workers.
        self.workers = workers
        self.feed = RunFeed(db)
        self._lock = threading.Lock()
        self.runs = Counter(
            "newsarchiver_runs",
            "Runs that reached a final status, by site and status.",
            ["site", "status"],
            registry=None,
        )
        self.pages = Counter(
            "newsarchiver_pages", "Pages archived by the runs that ended.", registry=None
        )
        self.bytes = Counter(
            "newsarchiver_bytes", "WARC bytes written by the runs that ended.", registry=None
        )
        self.articles = Counter(
            "newsarchiver_articles", "Articles indexed by the runs that ended.", registry=None
        )
        self.errors = Counter(
            "newsarchiver_errors",
            "Errors met by the crawls of the runs that ended, by kind.",
            ["kind"],
            registry=None,
        )
        self.uploads_failed = Counter(
            "newsarchiver_uploads_failed",
            "Uploads that failed at the end of a run; the files wait in its spool.",
            registry=None,
        )
        self.duration = Histogram(
            "newsarchiver_run_duration_seconds",
            "Time from a run's start to its end, by final status.",
            ["status"],
            buckets=DURATION_BUCKETS,
            registry=None,
        )
        self.lag = Histogram(
            "newsarchiver_schedule_lag_seconds",
            "Scheduled runs: runs.started_at minus runs.scheduled_at (the fire time meant).",
            buckets=LAG_BUCKETS,
            registry=None,
        )
        self._counted = (
            self.runs,
            self.pages,
            self.bytes,
            self.articles,
            self.errors,
            self.uploads_failed,
            self.duration,
            self.lag,
        )

    def collect(self) -> Iterator[Metric]:
        with self._lock:  # scrapes are served on threads of their own
            metrics: list[Metric] = []
            try:
                self._count_new_runs()
                metrics += self._moment()
            except (SQLAlchemyError, DatabaseError) as exc:
                # Served anyway: the counts so far, and the spool, which needs no database.
                logger.warning("metrics: database unavailable: %s", exc)
            for counted in self._counted:
                metrics += counted.collect()
            metrics += spool_metrics(self.spool)
        yield from metrics

    def _count_new_runs(self) -> None:
        events = self.feed.read()
        for started in events.started:
            if started.trigger is RunTrigger.SCHEDULE:
                lag = schedule_lag(started.scheduled_at, started.started_at)
                if lag is not None:
                    self.lag.observe(lag)
        for ended in events.ended:
            self.runs.labels(ended.site, ended.status.value).inc()
            self.pages.inc(ended.pages)
            self.bytes.inc(ended.bytes)
            self.articles.inc(ended.articles)
            for kind, count in ended.errors.items():
                self.errors.labels(kind).inc(count)
            self.uploads_failed.inc(ended.upload_errors)
            if ended.seconds is not None:
                self.duration.labels(ended.status.value).observe(max(ended.seconds, 0.0))

    def _moment(self) -> list[Metric]:
        active = GaugeMetricFamily(
            "newsarchiver_runs_active", "Runs queued or running now.", labels=["status"]
        )
        for status in (RunStatus.QUEUED, RunStatus.RUNNING):
            active.add_metric([status.value], count_runs(self.db, status))
        last = GaugeMetricFamily(
            "newsarchiver_site_last_success_timestamp_seconds",
            "When each site with an active schedule last finished a run successfully.",
            labels=["site"],
        )
        for site, finished_at in sorted(last_successes(self.db).items()):
            last.add_metric([site], finished_at.timestamp())
        metrics: list[Metric] = [active, last]
        if self.workers:
            metrics.append(
                GaugeMetricFamily(
                    "newsarchiver_workers_alive",
                    "Celery workers heard from within the last 30 seconds.",
                    value=len(connected_workers(self.db)),
                )
            )
        return metrics


def spool_metrics(spool: Path) -> list[Metric]:
    """This machine's spool: WARC files being written, and closed ones waiting for upload."""
    usage = spool_usage(spool)
    files = GaugeMetricFamily(
        "newsarchiver_spool_files",
        "WARC files in this machine's spool: open (being written) or closed (waiting for upload).",
        labels=["state"],
    )
    files.add_metric(["open"], usage.open_files)
    files.add_metric(["closed"], usage.closed_files)
    size = GaugeMetricFamily(
        "newsarchiver_spool_bytes",
        "Bytes of the WARC files in this machine's spool.",
        value=usage.bytes,
    )
    return [files, size]


class WorkerCollector(Collector):
    """A Celery worker's metrics: its spool, and the runs it executes now."""

    def __init__(self, db: Database, name: str, spool: Path) -> None:
        self.db = db
        self.name = name
        self.spool = spool

    def collect(self) -> Iterator[Metric]:
        metrics = spool_metrics(self.spool)
        try:
            me = [w for w in connected_workers(self.db) if w.name == self.name]
        except (SQLAlchemyError, DatabaseError) as exc:
            logger.warning("metrics: database unavailable: %s", exc)
        else:
            metrics.append(
                GaugeMetricFamily(
                    "newsarchiver_worker_runs_running",
                    "Runs this worker is executing now.",
                    value=len(me[0].runs) if me else 0,
                )
            )
        yield from metrics


def serve(registry: CollectorRegistry, settings: MetricsSettings) -> WSGIServer:
    """Serve ``registry`` at ``http://HOST:PORT/metrics`` on a thread; stop with ``shutdown()``.

    Raises ``ConfigError`` (one line) when the address cannot be listened on.
    """
    # ``*_created`` samples would double the series of the per-site counters for no use here.
    disable_created_metrics()
    host, port = settings.metrics_host, settings.metrics_port
    try:
        server, _thread = start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        raise ConfigError(
            f"metrics: cannot listen on {host}:{port}: {exc.strerror or exc}"
        ) from None
    logger.info("metrics served at http://%s:%s/metrics", host, server.server_port)
    return server


def serve_daemon_metrics(
    db: Database, spool: Path, settings: MetricsSettings, *, workers: bool
) -> WSGIServer:
    """Serve the daemon's metrics (``DaemonCollector``) as ``settings`` say."""
    registry = CollectorRegistry()
    registry.register(DaemonCollector(db, spool, workers=workers))
    return serve(registry, settings)


def serve_worker_metrics(
    db: Database, name: str, spool: Path, settings: MetricsSettings
) -> WSGIServer:
    """Serve a worker's metrics (``WorkerCollector``) as ``settings`` say."""
    registry = CollectorRegistry()
    registry.register(WorkerCollector(db, name, spool))
    return serve(registry, settings)
