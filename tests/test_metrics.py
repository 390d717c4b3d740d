"""Prometheus metrics: scraped over HTTP from a real daemon running real crawls, and checked
against the database; the ``runs.scheduled_at`` migration; the run feed they count from.

The daemon test runs ``newsarchiver scheduler run --metrics-port`` with two scheduled sites,
one served on 127.0.0.1 and one whose server is gone (its runs fail), on the harness of
``test_scheduler_daemon``.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import inspect, text

from scheduler.metrics import DaemonCollector, WorkerCollector
from storage.db import Database, alembic_config
from storage.models import Run, RunStatus, RunTrigger, utcnow
from storage.runfeed import RunFeed
from storage.runs import (
    FINAL_STATUSES,
    RunCounts,
    create_run,
    finish_run,
    get_run,
    queue_run,
    set_scheduled_at,
    start_run,
)
from tests.crawlhelpers import write_sites
from tests.pywbreplay import free_port, require_pywb
from tests.test_celery_scaleout import (
    Broker,
    Cluster,
    _site_config,
    redis_broker,
    sites,
    wait_for,
)
from tests.test_scheduler_daemon import CLI, NEVER, Archive, news_site, site_table

# Fixtures shared with the daemon and the scale-out tests.
__all__ = ["news_site", "redis_broker", "sites"]

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(url: str) -> Samples:
    """Every sample at ``url``, keyed by name and labels."""
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read().decode()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


@pytest.fixture
def archive(tmp_path: Path, news_site: str) -> Iterator[Archive]:
    made = Archive.create(tmp_path, news_site)
    yield made
    made.cleanup()


def start_daemon(archive: Archive, *args: str) -> subprocess.Popen[bytes]:
    """``scheduler run`` with extra options, once it holds its lease."""
    log = (archive.root / "daemon.log").open("ab")
    daemon = subprocess.Popen(
        [*CLI, "scheduler", "run", *args], env=archive.env, stdout=log, stderr=subprocess.STDOUT
    )
    log.close()
    archive.daemons.append(daemon)
    archive.wait(lambda: "metrics served at" in archive.daemon_log(), 60, "the metrics server")
    return daemon


def test_daemon_metrics_agree_with_the_database(archive: Archive) -> None:
    gone = f"http://127.0.0.1:{free_port()}"  # nothing listens: every run of it fails
    archive.expected_errors += ["Gave up retrying", "'log_count/ERROR'"]  # its crawls say so
    port = free_port()
    every_2s = "* * * * *"  # with NEWSARCHIVER_SCHEDULE_SECOND=*/2
    # 20 pages reach articles of the generated site, not only its hub pages.
    news = site_table("news", archive.url, schedule=every_2s).replace("pages = 6", "pages = 20")
    archive.write_sites(news, site_table("gone", gone, schedule=every_2s))
    daemon = start_daemon(archive, "--metrics-port", str(port))
    url = f"http://127.0.0.1:{port}/metrics"

    def finished(site: str, status: RunStatus) -> list[Run]:
        return [r for r in archive.runs(site) if r.status is status]

    first = scrape(url)  # an early scrape: the last one must count what came after, once
    assert value(first, "newsarchiver_runs_active", status="queued") is not None
    archive.wait(lambda: finished("news", RunStatus.SUCCEEDED), 120, "a news run")
    archive.wait(lambda: finished("gone", RunStatus.FAILED), 60, "a failed run of gone")
    # Schedules that no longer fire; what was queued ends: then every figure is settled.
    archive.write_sites(news.replace(every_2s, NEVER), site_table("gone", gone, schedule=NEVER))
    archive.wait(lambda: "changed ['gone', 'news']" in archive.daemon_log(), 30, "a reload")
    archive.wait(
        lambda: all(r.status not in (RunStatus.QUEUED, RunStatus.RUNNING)
                    for site in ("news", "gone") for r in archive.runs(site)),
        120,
        "the last runs to end",
    )  # fmt: skip
    samples = scrape(url)
    runs = archive.runs("news") + archive.runs("gone")

    for site in ("news", "gone"):
        for status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
            expected = len(finished(site, status))
            got = value(samples, "newsarchiver_runs_total", site=site, status=status.value)
            assert (got or 0) == expected, (site, status, got, expected)
    assert value(samples, "newsarchiver_pages_total") == sum(r.pages for r in runs) > 0
    assert value(samples, "newsarchiver_articles_total") == sum(r.articles for r in runs) > 0
    assert value(samples, "newsarchiver_bytes_total") == sum(r.bytes for r in runs) > 0
    errors = sum(v for (name, _), v in samples.items() if name == "newsarchiver_errors_total")
    assert errors == sum(r.errors for r in runs) > 0
    assert value(samples, "newsarchiver_uploads_failed_total") == 0
    assert value(samples, "newsarchiver_runs_active", status="running") == 0
    durations = value(samples, "newsarchiver_run_duration_seconds_count", status="succeeded")
    assert durations == len(finished("news", RunStatus.SUCCEEDED))

    news_last = max(r.finished_at for r in finished("news", RunStatus.SUCCEEDED) if r.finished_at)
    last_success = "newsarchiver_site_last_success_timestamp_seconds"
    assert value(samples, last_success, site="news") == pytest.approx(news_last.timestamp())
    assert value(samples, last_success, site="gone") is None  # it never succeeded

    # The schedule lag: one observation per scheduled run, summing what the database says.
    scheduled = [r for r in runs if r.trigger is RunTrigger.SCHEDULE and r.started_at]
    assert scheduled and all(r.scheduled_at is not None for r in scheduled)
    lags = [(r.started_at - r.scheduled_at).total_seconds() for r in scheduled]  # type: ignore[operator]
    assert value(samples, "newsarchiver_schedule_lag_seconds_count") == len(scheduled)
    assert value(samples, "newsarchiver_schedule_lag_seconds_sum") == pytest.approx(sum(lags))
    for run in scheduled:  # APScheduler's fire time (every 2 s, no jitter), before the queueing
        assert run.scheduled_at is not None and run.scheduled_at <= run.queued_at
        assert run.scheduled_at.second % 2 == 0 and run.scheduled_at.microsecond == 0
    shown = archive.cli_json("jobs", "show", str(scheduled[0].id))
    assert shown["schedule_lag_seconds"] == pytest.approx(lags[0])

    assert value(samples, "newsarchiver_spool_files", state="closed") == 0
    assert value(samples, "newsarchiver_workers_alive") is None  # the local executor has none
    # Bound to 127.0.0.1 only: another loopback address is refused.
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.2", port), 5):
        pass
    assert archive.stop_daemon(daemon) == 0


def test_metrics_port_in_use_is_a_one_line_error(archive: Archive) -> None:
    archive.write_sites(site_table("news", archive.url))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = archive.cli("scheduler", "run", "--metrics-port", str(port), code=2)
    assert done.stderr.strip().splitlines()[-1] == (
        f"error: metrics: cannot listen on 127.0.0.1:{port}: Address already in use"
    )
    archive.env["NEWSARCHIVER_METRICS_PORT"] = "x"
    done = archive.cli("scheduler", "run", code=2)
    assert done.stderr.startswith("error: NEWSARCHIVER_METRICS_PORT: "), done.stderr


# The run feed and the migration -----------------------------------------------------------


def test_run_feed_hands_out_each_start_and_end_once(db: Database) -> None:
    before = create_run(db, "early", RunTrigger.MANUAL)
    start_run(db, "early", run_id=before, attempt="early")
    feed = RunFeed(db, since=utcnow())
    scheduled = create_run(db, "news", RunTrigger.SCHEDULE)
    fire_time = utcnow() - timedelta(seconds=3)
    start_run(db, "news", run_id=scheduled, attempt="news")
    assert feed.read().started == []  # its fire time is not recorded yet: it waits for it
    set_scheduled_at(db, scheduled, fire_time)
    events = feed.read()
    assert [(r.id, r.scheduled_at) for r in events.started] == [(scheduled, fire_time)]
    assert events.ended == []
    summary = {"errors": {"timeout": 2}, "upload_errors": ["news-1.warc.gz: store down"]}
    counts = RunCounts(pages=3, bytes=10, errors=2)
    finish_run(db, scheduled, "news", RunStatus.SUCCEEDED, counts, attempt="news", summary=summary)
    finish_run(db, before, "early", RunStatus.FAILED, RunCounts(), attempt="early", error="boom")
    events = feed.read()
    assert events.started == []
    ended = {r.id: r for r in events.ended}
    assert ended[scheduled].pages == 3 and ended[scheduled].status is RunStatus.SUCCEEDED
    assert (ended[scheduled].errors, ended[scheduled].upload_errors) == ({"timeout": 2}, 1)
    assert ended[before].status is RunStatus.FAILED  # started before the feed, ended after
    assert feed.read() == type(events)([], [])


def test_scheduled_at_migration_keeps_runs_both_ways(db_url: str) -> None:
    db = Database(db_url)
    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0006")
        conn.execute(
            text("INSERT INTO runs (id, site, trigger, status, queued_at) "
                 "VALUES (1, 'news', 'schedule', 'succeeded', :at)"),
            {"at": utcnow().replace(tzinfo=None)},
        )  # fmt: skip
    assert db.migrate() is True
    columns = {c["name"] for c in inspect(db.engine).get_columns("runs")}
    assert "scheduled_at" in columns
    indexes = {i["name"] for i in inspect(db.engine).get_indexes("runs")}
    assert {
        "ix_runs_started_at",
        "ix_runs_finished_at",
        "ix_runs_site_status_finished_at",
    } <= indexes
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT id, scheduled_at FROM runs")).all() == [(1, None)]
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0006")
    assert "scheduled_at" not in {c["name"] for c in inspect(db.engine).get_columns("runs")}
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT id, site FROM runs")).all() == [(1, "news")]
    db.dispose()


# Celery: the daemon counts the workers, each worker serves its own -------------------------


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_worker_serves_its_own_metrics(
    tmp_path: Path, db_url: str, redis_broker: Broker, sites: dict[str, str]
) -> None:
    # A crawl of a few seconds (12 pages, 0.3 s apart): long enough to be seen running.
    config = {**_site_config(sites["slow"], 0.3), "max_pages": 12}
    cluster = Cluster(tmp_path, db_url, redis_broker, write_sites(tmp_path / "sites.toml",
                                                                  {"slow": config}))  # fmt: skip
    db = Database(db_url)
    db.migrate()
    worker_port, daemon_port = free_port(), free_port()
    worker_url = f"http://127.0.0.1:{worker_port}/metrics"
    try:
        cluster.start("w1", "worker", "--name", "w1", "--metrics-port", str(worker_port))
        cluster.start("daemon", "scheduler", "run", "--metrics-port", str(daemon_port))
        cluster.wait_ready("w1")
        run_id = queue_run(db, "slow", RunTrigger.MANUAL)
        wait_for("the run to start", lambda: _run_status(db, run_id) is RunStatus.RUNNING, 60)
        assert value(scrape(worker_url), "newsarchiver_worker_runs_running") == 1
        wait_for("the run to end", lambda: _run_status(db, run_id) in FINAL_STATUSES, 120)
        worker = scrape(worker_url)
        daemon = scrape(f"http://127.0.0.1:{daemon_port}/metrics")
    finally:
        cluster.stop_all()
        db.dispose()
    assert _run_status(db, run_id) is RunStatus.SUCCEEDED
    assert value(worker, "newsarchiver_worker_runs_running") == 0
    assert value(worker, "newsarchiver_spool_files", state="closed") == 0
    assert value(worker, "newsarchiver_spool_bytes") == 0
    assert value(worker, "newsarchiver_runs_total", site="slow", status="succeeded") is None
    assert value(daemon, "newsarchiver_workers_alive") == 1
    assert value(daemon, "newsarchiver_runs_total", site="slow", status="succeeded") == 1
    cluster.assert_clean_logs()


def _run_status(db: Database, run_id: int) -> RunStatus:
    return get_run(db, run_id).status


# What the README, the dashboard and the alert rules name -------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs"
METRIC = re.compile(r"\bnewsarchiver_[a-z_]+")


def exported(tmp_path: Path) -> dict[str, set[str]]:
    """Each metric the daemon and a worker export, by its documented name (a counter's with
    ``_total``), with the names of the series it yields."""
    db = Database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    db.migrate()
    families = [
        *DaemonCollector(db, tmp_path / "spool", workers=True).collect(),
        *WorkerCollector(db, "w1", tmp_path / "spool").collect(),
    ]
    db.dispose()
    suffixes = {"counter": ["_total"], "gauge": [""], "histogram": ["_bucket", "_sum", "_count"]}
    return {
        f.name + ("_total" if f.type == "counter" else ""): {
            f.name + end for end in suffixes[f.type]
        }
        for f in families
    }


def test_readme_documents_every_metric(tmp_path: Path) -> None:
    readme = (DOCS.parent / "README.md").read_text()
    table = {m.group(1) for m in re.finditer(r"^\| `(newsarchiver_[a-z_]+)` \|", readme, re.M)}
    assert table == set(exported(tmp_path))


def test_dashboard_and_alerts_use_exported_metrics(tmp_path: Path) -> None:
    series = set().union(*exported(tmp_path).values())
    dashboard = json.loads((DOCS / "grafana-dashboard.json").read_text())
    [variable] = dashboard["templating"]["list"]
    assert (variable["type"], variable["query"]) == ("datasource", "prometheus")
    panels = dashboard["panels"]
    assert len({panel["id"] for panel in panels}) == len(panels)
    exprs = []
    for panel in panels:
        assert panel["datasource"]["uid"] == "${datasource}" and panel["gridPos"]["w"] <= 24
        exprs += [target["expr"] for target in panel["targets"]]
    # PyYAML comes with pywb, in its own virtualenv: no YAML parser is added to ours.
    parsed = subprocess.run(
        [str(require_pywb() / "python"), "-c",
         "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"],
        input=(DOCS / "alerts.yml").read_text(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    [group] = json.loads(parsed.stdout)["groups"]
    rules = group["rules"]
    assert all({"alert", "expr", "labels", "annotations"} <= set(rule) for rule in rules)
    exprs += [rule["expr"] for rule in rules]
    referenced = {name for expr in exprs for name in METRIC.findall(expr)}
    assert referenced - series == set()
    assert {"newsarchiver_schedule_lag_seconds_bucket", "newsarchiver_workers_alive",
            "newsarchiver_site_last_success_timestamp_seconds", "newsarchiver_spool_bytes",
            "newsarchiver_uploads_failed_total"} <= referenced  # fmt: skip
