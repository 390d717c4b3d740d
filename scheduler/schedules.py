"""Schedules: each site's cron line as an APScheduler job, and its row in the ``sites`` table.

Three places hold a schedule, and this module keeps them in step:

- the sites file, which the archivist edits (``schedule`` and ``timezone`` of each site);
- the ``sites`` table, which every process can read: the last good cron of each site, whether
  an operator paused it, and the error of a sites file that could not be used;
- the APScheduler job store, which only the daemon opens: one job per scheduled site, with its
  next fire time, persisted so that a restart neither loses nor repeats runs.

A sites file with an error changes nothing but the ``config_error`` column: the last good
schedules keep running, and ``schedule list`` shows why the edit was not taken.

Cron lines become triggers in ``storage.schedule``, which also reads the table back with
each site's next run for ``schedule list`` and the web app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from apscheduler.util import undefined
from sqlalchemy import select, update

from spiders.siteconfig import SiteConfigError, load_sites
from storage.db import rows_changed
from storage.models import Site as SiteRow
from storage.models import utcnow
from storage.schedule import cron_trigger

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from storage.db import Database

logger = logging.getLogger(__name__)

#: The function every schedule job calls, by reference: the persistent job store keeps this
#: text, so renaming the function means re-adding the jobs (``reconcile_jobs`` does).
JOB_FUNC = "scheduler.schedules:fire"


@dataclass(frozen=True)
class Schedule:
    """One site of the sites file as the scheduler sees it."""

    site: str
    name: str
    cron: str | None
    timezone: str = "UTC"
    #: Every key of the site's entry with its value (defaults included), so that the daemon
    #: can log which keys an edit changed.
    keys: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class ReconcileReport:
    """What a reconciliation changed in the job store, for the daemon's log."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


# The sites file and the sites table -------------------------------------------------------


def load_schedules(path: Path) -> dict[str, Schedule]:
    """Read the sites file and check every schedule the way the daemon will use it.

    Raises ``SiteConfigError`` naming the file, the site and the problem, so one bad cron
    rejects the whole edit rather than silently dropping a site's schedule.
    """
    sites = load_sites(path)
    schedules = {}
    for slug, site in sites.items():
        if site.schedule is not None:
            try:
                cron_trigger(site.schedule, site.timezone)
            except ValueError as exc:
                raise SiteConfigError(
                    f"{path}: sites.{slug}.schedule: invalid cron {site.schedule!r} "
                    f"(timezone {site.timezone!r}): {exc}"
                ) from None
        schedules[slug] = Schedule(
            slug, site.display_name, site.schedule, site.timezone, site.model_dump(mode="json")
        )
    return schedules


@dataclass
class SitesChange:
    """How a sites file differs from the one before it, for the daemon's log."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: Site → the keys of its entry whose value changed.
    changed: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        parts = [
            f"{what} {', '.join(sites)}"
            for what, sites in (("added", self.added), ("removed", self.removed))
            if sites
        ]
        if self.changed:
            edits = (f"{site} ({', '.join(keys)})" for site, keys in self.changed.items())
            parts.append(f"changed {', '.join(edits)}")
        return "; ".join(parts) or "no site changed"


def sites_change(before: dict[str, Schedule], after: dict[str, Schedule]) -> SitesChange:
    """Sites added, removed, and changed (with the keys that changed) between two files."""
    change = SitesChange(
        added=sorted(after.keys() - before.keys()), removed=sorted(before.keys() - after.keys())
    )
    for slug in sorted(before.keys() & after.keys()):
        old, new = before[slug].keys, after[slug].keys
        if keys := sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key)):
            change.changed[slug] = keys
    return change


def sync_sites_table(db: Database, schedules: dict[str, Schedule]) -> None:
    """Make the ``sites`` table match a good sites file; pause state is kept, errors cleared."""
    now = utcnow()
    with db.session(write=True) as session:
        rows = {row.slug: row for row in session.scalars(select(SiteRow))}
        for slug, schedule in schedules.items():
            row = rows.pop(slug, None)
            if row is None:
                session.add(
                    SiteRow(
                        slug=slug,
                        name=schedule.name,
                        cron=schedule.cron,
                        timezone=schedule.timezone,
                        updated_at=now,
                    )
                )
                continue
            wanted = (schedule.name, schedule.cron, schedule.timezone, None)
            if (row.name, row.cron, row.timezone, row.config_error) != wanted:
                row.name, row.cron, row.timezone, row.config_error = wanted
                row.updated_at = now
        for row in rows.values():
            session.delete(row)


def record_config_error(db: Database, message: str) -> None:
    """Note on every site that the sites file has an error and its last good schedule stays."""
    with db.session() as session:
        session.execute(
            update(SiteRow)
            .where((SiteRow.config_error.is_(None)) | (SiteRow.config_error != message))
            .values(config_error=message, updated_at=utcnow())
        )


def refresh_sites_table(db: Database, path: Path) -> str | None:
    """Bring the ``sites`` table up to date with the sites file; return its error, if any."""
    try:
        schedules = load_schedules(path)
    except SiteConfigError as exc:
        record_config_error(db, str(exc))
        return str(exc)
    sync_sites_table(db, schedules)
    return None


def paused_sites(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(SiteRow.slug).where(SiteRow.paused)))


def set_paused(db: Database, site: str, paused: bool) -> None:
    """Record that ``site``'s schedule is paused (or not); it survives restarts and reloads."""
    with db.session() as session:
        changed = session.execute(
            update(SiteRow).where(SiteRow.slug == site).values(paused=paused, updated_at=utcnow())
        )
        if rows_changed(changed) == 0:
            known = ", ".join(sorted(session.scalars(select(SiteRow.slug)))) or "none"
            raise SiteConfigError(f"unknown site {site!r} (known sites: {known})")


# The job store (daemon only) -------------------------------------------------------------


def reconcile_jobs(
    scheduler: BaseScheduler,
    schedules: dict[str, Schedule],
    paused: set[str],
    *,
    second: str = "0",
    jitter: int | None = None,
) -> ReconcileReport:
    """Add, change and remove jobs so there is one per scheduled site, paused as recorded.

    A job whose trigger is unchanged is left alone, so its next fire time (and a run missed
    while the daemon was down, which APScheduler then runs once) survives a restart.
    """
    report = ReconcileReport()
    existing = {job.id: job for job in scheduler.get_jobs()}
    for slug, schedule in sorted(schedules.items()):
        if schedule.cron is None:
            continue
        trigger = cron_trigger(schedule.cron, schedule.timezone, second=second, jitter=jitter)
        job = existing.pop(slug, None)
        if job is None or job.func_ref != JOB_FUNC:
            scheduler.add_job(
                JOB_FUNC,
                trigger,
                args=[slug],
                id=slug,
                name=f"crawl {slug}",
                replace_existing=True,
                next_run_time=None if slug in paused else undefined,
            )
            (report.added if job is None else report.changed).append(slug)
            continue
        if repr(job.trigger) != repr(trigger):
            scheduler.reschedule_job(slug, trigger=trigger)
            report.changed.append(slug)
        apply_pause(scheduler, slug, slug in paused)
    for slug in existing:
        scheduler.remove_job(slug)
        report.removed.append(slug)
    return report


def apply_pause(scheduler: BaseScheduler, site: str, paused: bool) -> bool:
    """Pause or resume the site's job if it has one; return whether anything changed.

    A resumed job's next run is computed from now, so a long pause does not end in a burst.
    """
    job = scheduler.get_job(site)
    if job is None or (job.next_run_time is None) == paused:
        return False
    if paused:
        scheduler.pause_job(site)
    else:
        scheduler.resume_job(site)
    return True


_fire_handler: Callable[[str], int | None] | None = None


def set_fire_handler(handler: Callable[[str], int | None] | None) -> None:
    """Route the jobs of this process to ``handler`` (the daemon), or nowhere (None)."""
    global _fire_handler
    _fire_handler = handler


def fire(site: str) -> int | None:
    """What every schedule job runs: hand the site to this process's daemon; return the id
    of the run it queued (the job's event carries it back to the daemon with the fire time).

    A persistent job store can only keep a module-level function, not the daemon's method,
    hence this one-line indirection.
    """
    if _fire_handler is None:
        raise RuntimeError(f"schedule of {site!r} fired with no scheduler daemon in this process")
    return _fire_handler(site)
