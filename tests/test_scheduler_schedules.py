"""Schedules: standard cron semantics, the sites table, and the real APScheduler job store.

Reconciliation runs against a real ``BackgroundScheduler`` with a ``SQLAlchemyJobStore`` in the
project database (started paused, as the daemon does before it reconciles), and a second
scheduler on the same database stands in for a restarted daemon.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from scheduler.daemon import JOBSTORE_TABLE
from scheduler.schedules import (
    Schedule,
    load_schedules,
    reconcile_jobs,
    refresh_sites_table,
    set_paused,
)
from spiders.siteconfig import SiteConfigError, load_sites
from storage.db import Database
from storage.schedule import cron_trigger, next_run, schedule_statuses

WEDNESDAY = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def fires(cron: str, timezone: str = "UTC", count: int = 3) -> list[datetime]:
    trigger = cron_trigger(cron, timezone)
    times: list[datetime] = []
    previous = None
    now = WEDNESDAY
    for _ in range(count):
        fire = trigger.get_next_fire_time(previous, now)
        times.append(fire)
        previous, now = fire, fire.replace(second=1)
    return times


@pytest.mark.parametrize(
    ("dow", "weekdays"),
    [
        ("0", {"Sun"}),
        ("7", {"Sun"}),
        ("sun", {"Sun"}),
        ("1-5", {"Mon", "Tue", "Wed", "Thu", "Fri"}),
        ("5-0", {"Fri", "Sat", "Sun"}),
        ("*/3", {"Sun", "Wed", "Sat"}),
        ("1,3", {"Mon", "Wed"}),
    ],
)
def test_weekdays_mean_what_cron_means(dow: str, weekdays: set[str]) -> None:
    days = {fire.strftime("%a") for fire in fires(f"0 6 * * {dow}", count=14)}
    assert days == weekdays


def test_restricted_day_of_month_and_weekday_fire_on_either() -> None:
    # The 13th, or any Friday (cron's OR), from Wednesday 25 November 2026.
    assert [f.date().isoformat() for f in fires("0 0 13 * 5", count=4)] == [
        "2026-11-27",
        "2026-12-04",
        "2026-12-11",
        "2026-12-13",
    ]


def test_timezone_is_applied() -> None:
    # 09:00 in Paris is 08:00 UTC in winter.
    assert fires("0 9 * * *", "Europe/Paris", count=1)[0].astimezone(UTC).hour == 8


@pytest.mark.parametrize(
    ("cron", "timezone", "message"),
    [
        ("61 * * * *", "UTC", "61"),
        ("* * * * 8", "UTC", "invalid day of week '8'"),
        ("* * * * fri-mon", "UTC", "invalid day of week range"),
        ("* * * *", "UTC", "expected 5 fields"),
        ("* * * * *", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_invalid_cron_is_refused(cron: str, timezone: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cron_trigger(cron, timezone)


def test_seconds_field_for_tests_and_demos() -> None:
    first = next_run("* * * * *", "UTC", second="*/5", now=WEDNESDAY.replace(second=1))
    assert first == WEDNESDAY.replace(second=5)


def write_sites(path: Path, **crons: str | None) -> Path:
    lines = []
    for slug, cron in crons.items():
        lines += [f"[sites.{slug}]", f'start_urls = ["https://{slug}.example/"]']
        if cron is not None:
            lines.append(f'schedule = "{cron}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_schedules_names_the_site_with_a_bad_cron(tmp_path: Path) -> None:
    path = write_sites(tmp_path / "sites.toml", alpha="*/5 * * * *", beta="0 25 * * *")
    with pytest.raises(
        SiteConfigError, match=r"sites\.beta\.schedule: invalid cron '0 25 \* \* \*'"
    ):
        load_schedules(path)


def test_the_sites_file_is_read_again_when_it_changes(tmp_path: Path) -> None:
    """Parsed once per text (a crawl host starts every run from it), never stale."""
    path = write_sites(tmp_path / "sites.toml", alpha="*/5 * * * *")
    first = load_sites(path)
    first.pop("alpha")  # a caller's dict is its own
    assert list(load_sites(path)) == ["alpha"]
    write_sites(path, alpha="0 * * * *", beta=None)
    sites = load_sites(path)
    assert (sorted(sites), sites["alpha"].schedule) == (["alpha", "beta"], "0 * * * *")


def test_sites_table_keeps_pause_and_last_good_schedule(db: Database, tmp_path: Path) -> None:
    path = write_sites(tmp_path / "sites.toml", alpha="*/5 * * * *", beta=None)
    assert refresh_sites_table(db, path) is None
    set_paused(db, "alpha", True)

    write_sites(path, alpha="0 * * * *", beta="0 25 * * *")
    error = refresh_sites_table(db, path)

    assert error is not None and "sites.beta.schedule" in error
    rows = {row.site: row for row in schedule_statuses(db)}
    assert rows["alpha"].cron == "*/5 * * * *"  # the last good one
    assert rows["alpha"].paused and rows["alpha"].next_run is None
    assert rows["beta"].cron is None
    assert rows["alpha"].error == error == rows["beta"].error

    write_sites(path, alpha="0 * * * *")
    assert refresh_sites_table(db, path) is None
    [alpha] = schedule_statuses(db)
    assert (alpha.site, alpha.cron, alpha.paused, alpha.error) == ("alpha", "0 * * * *", True, None)
    with pytest.raises(SiteConfigError, match="unknown site 'beta'"):
        set_paused(db, "beta", True)


@pytest.fixture
def job_scheduler(db: Database) -> Iterator[BackgroundScheduler]:
    scheduler = new_scheduler(db)
    yield scheduler
    scheduler.shutdown(wait=False)


def new_scheduler(db: Database) -> BackgroundScheduler:
    store = SQLAlchemyJobStore(engine=db.engine, tablename=JOBSTORE_TABLE)
    scheduler = BackgroundScheduler(jobstores={"default": store}, timezone=UTC)
    scheduler.start(paused=True)
    return scheduler


def schedules(**crons: str | None) -> dict[str, Schedule]:
    return {slug: Schedule(slug, slug, cron) for slug, cron in crons.items()}


def next_times(scheduler: BackgroundScheduler) -> dict[str, datetime | None]:
    return {job.id: job.next_run_time for job in scheduler.get_jobs()}


def test_reconcile_adds_changes_and_removes_jobs(job_scheduler: BackgroundScheduler) -> None:
    report = reconcile_jobs(job_scheduler, schedules(alpha="*/5 * * * *", beta="0 3 * * *"), set())
    assert (report.added, report.changed, report.removed) == (["alpha", "beta"], [], [])
    before = next_times(job_scheduler)

    report = reconcile_jobs(job_scheduler, schedules(alpha="*/5 * * * *", beta="0 4 * * *"), set())
    assert (report.added, report.changed, report.removed) == ([], ["beta"], [])
    after = next_times(job_scheduler)
    assert after["alpha"] == before["alpha"]
    assert after["beta"] is not None and after["beta"].hour == 4

    report = reconcile_jobs(job_scheduler, schedules(alpha="*/5 * * * *", beta=None), set())
    assert report.removed == ["beta"]
    assert set(next_times(job_scheduler)) == {"alpha"}


def test_pause_survives_reconcile_and_restart(
    db: Database, job_scheduler: BackgroundScheduler
) -> None:
    wanted = schedules(alpha="*/5 * * * *", beta="0 3 * * *")
    reconcile_jobs(job_scheduler, wanted, {"alpha"})
    assert next_times(job_scheduler)["alpha"] is None  # paused
    kept = next_times(job_scheduler)["beta"]

    restarted = new_scheduler(db)  # the same job store, as after a daemon restart
    try:
        report = reconcile_jobs(restarted, wanted, {"alpha"})
        assert not report
        assert next_times(restarted) == {"alpha": None, "beta": kept}

        report = reconcile_jobs(restarted, wanted, set())  # resumed while the daemon was down
        assert next_times(restarted)["alpha"] is not None
    finally:
        restarted.shutdown(wait=False)


def test_second_and_jitter_count_as_a_change(job_scheduler: BackgroundScheduler) -> None:
    wanted = schedules(alpha="* * * * *")
    reconcile_jobs(job_scheduler, wanted, set())
    assert reconcile_jobs(job_scheduler, wanted, set(), second="*/5").changed == ["alpha"]
    assert reconcile_jobs(job_scheduler, wanted, set(), second="*/5", jitter=30).changed == [
        "alpha"
    ]
    assert not reconcile_jobs(job_scheduler, wanted, set(), second="*/5", jitter=30)
