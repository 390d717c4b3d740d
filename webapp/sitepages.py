"""``/sites`` and ``/sites/SLUG``: schedules, the last runs, what they found, and warnings.

The warnings are the site health flags of :mod:`storage.sitehealth`, as ``status`` and
``schedule list`` show them.

Schedules come from the ``sites`` table as the scheduler last wrote it (``storage.schedule``);
the app never reads the sites file, so a site only crawled by hand shows without a schedule.
Each site's chart counts the new and changed articles of its last runs.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from storage.models import Run
from storage.runs import RunFindings, recent_runs_by_site, run_findings, run_json
from storage.schedule import ScheduleStatus, schedule_statuses
from storage.sitehealth import HealthFlag, sites_health
from webapp import queryparams as params
from webapp.context import context_of
from webapp.rendering import error, page

#: Runs in each site's chart on the sites page, and on a site's own page.
CHART_RUNS = 20
SITE_PAGE_RUNS = 50


def _site_json(
    slug: str,
    schedule: ScheduleStatus | None,
    runs: list[Run],
    findings: dict[int, RunFindings],
    health: list[HealthFlag],
) -> dict[str, Any]:
    last = runs[0] if runs else None
    return {
        "site": slug,
        "name": schedule.name if schedule else slug,
        "cron": schedule.cron if schedule else None,
        "timezone": schedule.timezone if schedule else None,
        "paused": schedule.paused if schedule else False,
        "next_run": schedule.next_run.isoformat() if schedule and schedule.next_run else None,
        "config_error": schedule.error if schedule else None,
        "last_run": run_json(last) if last else None,
        "warnings": [flag.message for flag in health],
        "runs": [
            {
                "id": run.id,
                "status": run.status.value,
                "started_at": run.started_at.isoformat() if run.started_at else None,
                "new_articles": findings.get(run.id, RunFindings()).new,
                "changed_articles": findings.get(run.id, RunFindings()).changed,
            }
            for run in runs
        ],
    }


def _collect(request: Request, per_site: int) -> tuple[list[dict[str, Any]], list[str]]:
    web = context_of(request)
    schedules = {row.site: row for row in schedule_statuses(web.db)}
    runs = recent_runs_by_site(web.db, per_site)
    findings = run_findings(web.db, [run.id for site in runs.values() for run in site])
    health = sites_health(web.db)
    slugs = sorted(set(schedules) | set(runs))
    rows = [
        _site_json(s, schedules.get(s), runs.get(s, []), findings, health.get(s, [])) for s in slugs
    ]
    return rows, slugs


def sites(request: Request) -> Response:
    rows, _ = _collect(request, CHART_RUNS)
    return page(request, "sites.html", {"sites": rows}, view={"chart": chart})


def site(request: Request) -> Response:
    slug = params.slug(request.path_params["slug"])
    web = context_of(request)
    schedules = {row.site: row for row in schedule_statuses(web.db)}
    runs = recent_runs_by_site(web.db, SITE_PAGE_RUNS).get(slug or "", [])
    if slug not in schedules and not runs:
        return error(request, 404, f"no site {slug!r} in this archive")
    findings = run_findings(web.db, [run.id for run in runs])
    health = sites_health(web.db).get(slug or "", [])
    data = _site_json(slug or "", schedules.get(slug or ""), runs, findings, health)
    return page(request, "site.html", data, view={"chart": chart, "run_rows": runs})


def chart(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars for an inline SVG of ``CHART_RUNS`` slots: the newest run on the right, new articles
    below changed ones, so that every site's chart has the same scale of time.
    """
    ordered = list(reversed(runs[:CHART_RUNS]))
    first_slot = CHART_RUNS - len(ordered)
    peak = max((r["new_articles"] + r["changed_articles"] for r in ordered), default=0) or 1
    bars = []
    for index, run in enumerate(ordered):
        new = run["new_articles"] / peak
        changed = run["changed_articles"] / peak
        bars.append(
            {
                "x": first_slot + index,
                "new": round(new * 100, 1),
                "changed": round(changed * 100, 1),
                "label": f"run {run['id']} ({run['status']}): {run['new_articles']} new, "
                f"{run['changed_articles']} changed",
                "failed": run["status"] == "failed",
            }
        )
    return {"bars": bars, "peak": peak, "slots": CHART_RUNS}
