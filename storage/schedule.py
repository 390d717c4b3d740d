"""Each site's schedule as every process can read it: the cron line, and when it fires next.

The ``sites`` table holds each site's last good cron, time zone, pause state and the error of a
sites file that could not be used (``scheduler.schedules`` keeps it in step with the sites
file and the daemon's job store). This module reads it, and computes the next run as the
daemon's APScheduler trigger will, so that ``schedule list`` and the web app agree with it.

Crons follow standard (Vixie) cron, not APScheduler 3's own reading of it: weekday 0 and 7 are
Sunday, and when both day-of-month and day-of-week are restricted a day matching either fires.
See https://apscheduler.readthedocs.io/en/3.x/modules/triggers/cron.html for the engine.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select

from storage.models import Site as SiteRow
from storage.models import utcnow

if TYPE_CHECKING:
    from storage.db import Database

_CRON_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


@dataclass(frozen=True)
class ScheduleStatus:
    """A site's schedule as ``schedule list`` shows it."""

    site: str
    name: str
    cron: str | None
    timezone: str
    paused: bool
    next_run: datetime | None
    error: str | None


def cron_trigger(
    cron: str, timezone: str = "UTC", *, second: str = "0", jitter: int | None = None
) -> BaseTrigger:
    """An APScheduler trigger firing when the 5-field ``cron`` does, in ``timezone``.

    ``second`` is the seconds field, ``0`` as in cron; the daemon lets tests and demos set it
    (``NEWSARCHIVER_SCHEDULE_SECOND``) so that a schedule fires within seconds. Raises
    ``ValueError`` with the reason when the cron or the time zone is invalid.
    """
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields, got {len(fields)}")
    minute, hour, day, month, day_of_week = fields
    try:
        zone = zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {timezone!r}") from None
    weekdays = _weekday_names(day_of_week)

    def cron_part(day: str, day_of_week: str, part_jitter: int | None) -> CronTrigger:
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=day_of_week,
            timezone=zone,
            jitter=part_jitter,
        )

    # Cron ORs the two day fields when both are restricted (a field starting with "*" is not).
    if not day.startswith("*") and not day_of_week.startswith("*"):
        return OrTrigger([cron_part(day, "*", None), cron_part("*", weekdays, None)], jitter)
    return cron_part(day, weekdays, jitter)


def _weekday_names(text: str) -> str:
    """Cron's day-of-week field as APScheduler weekday names (APScheduler 3 counts from Monday).

    Each term is expanded to the days it means, so ranges across Sunday need no special case.
    """
    if text == "*":
        return "*"
    days: set[int] = set()
    for term in text.split(","):
        body, has_step, step_text = term.partition("/")
        if has_step and (not step_text.isdigit() or int(step_text) == 0):
            raise ValueError(f"invalid step in day of week {term!r}")
        step = int(step_text) if has_step else 1
        if body == "*":
            first, last = 0, 6
        elif "-" in body:
            start, _, end = body.partition("-")
            first, last = _weekday_number(start), _weekday_number(end)
            if last == 0 and first > 0:
                last = 7  # "5-0": Friday to Sunday
        else:
            first = _weekday_number(body)
            last = 6 if has_step else first
        if first > last:
            raise ValueError(f"invalid day of week range {body!r}")
        days.update(day % 7 for day in range(first, last + 1, step))
    if len(days) == 7:
        return "*"
    return ",".join(_CRON_WEEKDAYS[day] for day in sorted(days))


def _weekday_number(token: str) -> int:
    if token.isdigit() and int(token) <= 7:
        return int(token)
    try:
        return _CRON_WEEKDAYS.index(token.lower())
    except ValueError:
        raise ValueError(f"invalid day of week {token!r}") from None


def next_run(
    cron: str, timezone: str, *, second: str = "0", now: datetime | None = None
) -> datetime:
    """When ``cron`` fires next after ``now``, as APScheduler computes it."""
    moment = now or utcnow()
    fire = cron_trigger(cron, timezone, second=second).get_next_fire_time(None, moment)
    if fire is None:
        raise ValueError(f"cron {cron!r} never fires")
    return fire


def schedule_statuses(
    db: Database, *, second: str = "0", now: datetime | None = None
) -> list[ScheduleStatus]:
    """Every site's schedule, pause state, next run (None when paused or unscheduled), error.

    The next run is computed from the cron, as the daemon's trigger computes it; a configured
    jitter may move the real start by up to that many seconds.
    """
    with db.session() as session:
        rows = list(session.scalars(select(SiteRow).order_by(SiteRow.slug)))
    statuses = []
    for row in rows:
        upcoming = None
        if row.cron and not row.paused:
            try:
                upcoming = next_run(row.cron, row.timezone, second=second, now=now)
            except ValueError:
                upcoming = None  # only a table written by an older version could hold this
        statuses.append(
            ScheduleStatus(
                site=row.slug,
                name=row.name,
                cron=row.cron,
                timezone=row.timezone,
                paused=row.paused,
                next_run=upcoming,
                error=row.config_error,
            )
        )
    return statuses
