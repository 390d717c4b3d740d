"""Operator commands for schedules and runs: ``schedule``, ``jobs``, ``scheduler run``, ``status``.

Like the rest of the CLI they parse arguments and print; the work is in ``scheduler.schedules``,
``scheduler.daemon`` and ``storage.runs``. They talk to a running daemon only through the
database (the ``run_requests`` table it polls every second), so they work from any shell or
machine that reaches the database, and say so when no daemon is running.
"""

from __future__ import annotations

import socket
from datetime import datetime
from typing import Annotated, Any

import typer
from rich import filesize
from rich.table import Table
from rich.text import Text

from scheduler.console import (
    EXIT_USAGE,
    JsonFlag,
    escape_controls,
    fail,
    load_config,
    load_site,
    log_to_stderr,
    note,
    open_index,
    out,
    print_json,
    utc_text,
)
from settings import AppConfig
from spiders.siteconfig import validate_slug
from storage.db import Database
from storage.models import RequestKind, RunStatus, RunTrigger
from storage.runs import (
    UnknownRunError,
    add_request,
    cancel_run,
    get_run,
    list_runs,
    queue_run_once,
    run_detail_json,
    run_json,
    scheduler_lease,
    warc_files_of_run,
)
from storage.sitehealth import HealthFlag, sites_health

# scheduler.daemon and scheduler.schedules (APScheduler) are imported by the commands that use
# them, so that every other command of the CLI starts without them.

schedule_app = typer.Typer(
    name="schedule", help="Site schedules: list, pause, resume.", no_args_is_help=True
)
jobs_app = typer.Typer(
    name="jobs", help="Crawl runs: list, show, trigger, cancel.", no_args_is_help=True
)
scheduler_app = typer.Typer(name="scheduler", help="The scheduler daemon.", no_args_is_help=True)

MetricsPortOption = Annotated[
    int | None,
    typer.Option(
        min=0,
        max=65535,
        help="serve Prometheus metrics at http://HOST:PORT/metrics; 0: none "
        "(env NEWSARCHIVER_METRICS_PORT; default 0)",
    ),
]
MetricsHostOption = Annotated[
    str | None,
    typer.Option(
        help="address the metrics listen on (env NEWSARCHIVER_METRICS_HOST; default 127.0.0.1)"
    ),
]
NO_DAEMON = "no scheduler daemon is running (start one with `newsarchiver scheduler run`)"


def _database() -> tuple[AppConfig, Database]:
    """For commands that change something: the index is created if missing."""
    config = load_config()
    return config, Database(config.db)


def _existing_database() -> tuple[AppConfig, Database]:
    """For commands that only read: a missing index is an error, and nothing is created."""
    config = load_config()
    return config, open_index(config)


def metrics_options(port: int | None, host: str | None) -> dict[str, Any]:
    """``--metrics-port`` and ``--metrics-host`` as given, over their environment variables."""
    given = {"metrics_port": port, "metrics_host": host}
    return {name: value for name, value in given.items() if value is not None}


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# schedule ---------------------------------------------------------------------------------


@schedule_app.command("list")
def schedule_list(json_output: JsonFlag = False) -> None:
    """Every site's cron, next run, pause state and health, and any error in the sites file."""
    from scheduler.daemon import DaemonSettings
    from scheduler.schedules import refresh_sites_table
    from storage.schedule import schedule_statuses

    config, db = _database()
    error = refresh_sites_table(db, config.sites)
    rows = schedule_statuses(db, second=DaemonSettings.from_env().schedule_second)
    if error and not rows:
        fail(error, EXIT_USAGE)
    health = sites_health(db)
    if json_output:
        print_json(
            [
                {
                    "site": row.site,
                    "cron": row.cron,
                    "next_run": _time(row.next_run),
                    "paused": row.paused,
                    "timezone": row.timezone,
                    "error": row.error,
                    "health": [flag.to_json() for flag in health.get(row.site, [])],
                }
                for row in rows
            ]
        )
        return
    table = Table(title="schedules")
    for column in ("SITE", "CRON", "TIMEZONE", "NEXT RUN", "PAUSED", "HEALTH"):
        # Folded, never elided: a slug or a cron line is copied into the next command.
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.site,
            row.cron or "-",
            row.timezone,
            utc_text(row.next_run),
            "yes" if row.paused else "no",
            _health_cell(health.get(row.site)),
        )
    out.print(table)
    _print_health({row.site: health.get(row.site, []) for row in rows})
    if error:
        note(f"warning: {error}; the last good schedules stay")
    if scheduler_lease(db) is None:
        note(f"note: {NO_DAEMON}")


def _health_cell(flags: list[HealthFlag] | None) -> Text | str:
    """The kinds of a site's flags; "-" for a site never crawled, with nothing to judge."""
    if flags is None:
        return "-"
    return Text(", ".join(flag.kind for flag in flags), style="yellow") if flags else "ok"


def _print_health(health: dict[str, list[HealthFlag]]) -> None:
    """Each flag's evidence on a line of its own, never cut (it may hold a URL to copy)."""
    for site, flags in health.items():
        for flag in flags:
            # Evidence can quote what a site sent (a URL, an error): escaped, never markup.
            out.print(
                f"warning: {site}: {escape_controls(flag.message)}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )


def _set_paused(site: str, paused: bool, json_output: bool) -> None:
    from scheduler.schedules import refresh_sites_table, set_paused
    from storage.schedule import schedule_statuses

    config, db = _database()
    validate_slug(site)
    refresh_sites_table(db, config.sites)
    set_paused(db, site, paused)
    add_request(db, RequestKind.PAUSE if paused else RequestKind.RESUME, site=site)
    daemon = scheduler_lease(db) is not None
    row = next(row for row in schedule_statuses(db) if row.site == site)
    if json_output:
        print_json({"site": site, "paused": paused, "cron": row.cron, "daemon_running": daemon})
        return
    state = "paused" if paused else "resumed"
    out.print(f"schedule of {site} {state}" + ("" if row.cron else " (it has no schedule)"))
    if not daemon:
        note(f"note: {NO_DAEMON}; it will apply this when it starts")


@schedule_app.command("pause")
def schedule_pause(
    site: Annotated[str, typer.Argument(help="slug of the site")], json_output: JsonFlag = False
) -> None:
    """Stop starting scheduled runs of SITE (manual triggers still work)."""
    _set_paused(site, True, json_output)


@schedule_app.command("resume")
def schedule_resume(
    site: Annotated[str, typer.Argument(help="slug of the site")], json_output: JsonFlag = False
) -> None:
    """Start scheduled runs of SITE again, from its next cron time."""
    _set_paused(site, False, json_output)


# jobs -------------------------------------------------------------------------------------


@jobs_app.command("list")
def jobs_list(
    site: Annotated[str | None, typer.Option(help="only runs of this site")] = None,
    status: Annotated[
        str | None, typer.Option(help="only runs in this status: " + ", ".join(RunStatus))
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many, newest first")] = 20,
    json_output: JsonFlag = False,
) -> None:
    """Runs, newest first."""

    wanted = None
    if status is not None:
        try:
            wanted = RunStatus(status)
        except ValueError:
            fail(f"invalid --status {status!r}: use one of {', '.join(RunStatus)}", EXIT_USAGE)
    _, db = _existing_database()
    runs = list_runs(db, site=site, status=wanted, limit=limit)
    if json_output:
        print_json([run_json(run) for run in runs])
        return
    table = Table(title=f"{len(runs)} run(s), newest first")
    for column in ("id", "site", "trigger", "status", "started (UTC)", "took"):
        table.add_column(column, justify="right" if column == "id" else "left")
    for column in ("pages", "articles", "bytes"):
        table.add_column(column, justify="right")
    for run in runs:
        took = "-"
        if run.started_at and run.finished_at:
            took = f"{(run.finished_at - run.started_at).total_seconds():.0f} s"
        table.add_row(
            str(run.id),
            run.site,
            run.trigger.value,
            run.status.value,
            utc_text(run.started_at).removesuffix(" UTC"),
            took,
            str(run.pages),
            str(run.articles),
            filesize.decimal(run.bytes),
        )
    out.print(table)


@jobs_app.command("show")
def jobs_show(
    run_id: Annotated[int, typer.Argument(help="id of the run")], json_output: JsonFlag = False
) -> None:
    """One run: its outcome, counts, WARC files, and where its log is."""

    _, db = _existing_database()
    try:
        run = get_run(db, run_id)
    except UnknownRunError as exc:
        fail(str(exc))
    files = warc_files_of_run(db, run_id)
    record = run_detail_json(run, files)
    if json_output:
        print_json(record)
        return
    lines = [("trigger", record["trigger"])]
    lines += [(name.replace("_", " "), utc_text(record[name], seconds=True))
              for name in ("queued_at", "scheduled_at", "started_at", "finished_at")]  # fmt: skip
    if (lag := record["schedule_lag_seconds"]) is not None:
        lines.insert(4, ("schedule lag", f"{lag:.1f}s"))
    lines += [(name, str(record[name] or "-")) for name in ("worker", "pid")]
    lines += [(name, str(record[name])) for name in ("pages", "articles", "errors", "refused")]
    lines.append(("bytes", filesize.decimal(run.bytes)))
    lines += [("WARC file", f"{warc.storage_url} ({warc.status.value})") for warc in files]
    if run.error:
        lines.append(("error", run.error))
    summary = run.summary or {}
    if waiting := summary.get("waiting_upload"):
        lines.append(
            (
                "waiting",
                f"{waiting} WARC file(s) in the spool {summary.get('spool')} on {run.worker} "
                f"for {summary.get('storage')} (`warc flush` there stores them)",
            )
        )
    lines.append(("log", run.log_path or "-"))
    # Plain lines, never cut: paths and errors are meant to be copied.
    out.print(f"run {run.id} of {run.site}: {run.status.value}", highlight=False)
    for name, value in lines:
        # An error may quote what a site sent (a URL, a DNS name): escaped like captured text.
        out.print(
            f"  {name:<12} {escape_controls(value)}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


@jobs_app.command("trigger")
def jobs_trigger(
    site: Annotated[str, typer.Argument(help="slug of the site")], json_output: JsonFlag = False
) -> None:
    """Queue a manual run of SITE; the scheduler daemon starts it when the site is free.

    When a run of SITE is already queued, it says so and queues nothing (exit 0: the site
    will be crawled, as asked).
    """

    config, db = _database()
    load_site(config, site)
    run_id, queued = queue_run_once(db, site, RunTrigger.MANUAL)
    daemon = scheduler_lease(db) is not None
    if json_output:
        print_json(
            {
                "id": run_id,
                "site": site,
                "status": "queued",
                "already_queued": not queued,
                "daemon_running": daemon,
            }
        )
        return
    if queued:
        out.print(f"queued run {run_id} of {site}")
    else:
        out.print(f"run {run_id} of {site} is already queued; queued nothing")
    if not daemon:
        note(f"note: {NO_DAEMON}; the run waits for it")


@jobs_app.command("cancel")
def jobs_cancel(
    run_id: Annotated[int, typer.Argument(help="id of the run")], json_output: JsonFlag = False
) -> None:
    """Cancel a queued run, or stop a running one gracefully (its WARC files are kept)."""

    _, db = _database()
    try:
        status = cancel_run(db, run_id)
    except UnknownRunError as exc:
        fail(str(exc))
    if json_output:
        print_json({"id": run_id, "status": status.value, "cancel_requested": True})
        return
    if status is RunStatus.CANCELLED:
        out.print(f"run {run_id} cancelled before it started")
    else:
        out.print(f"run {run_id} asked to stop; it closes its WARC files and ends cancelled")


# scheduler run, status --------------------------------------------------------------------


@scheduler_app.command("run")
def scheduler_run(
    metrics_port: MetricsPortOption = None, metrics_host: MetricsHostOption = None
) -> None:
    """The daemon, in the foreground: crawls on their schedules; SIGTERM stops it cleanly."""
    from scheduler.daemon import DaemonSettings, run_daemon
    from scheduler.metrics import MetricsSettings

    config = load_config()
    settings = DaemonSettings.from_env()
    metrics = MetricsSettings.from_env(**metrics_options(metrics_port, metrics_host))
    log_to_stderr(config.log_level)
    code = run_daemon(config, settings, metrics)
    if code:
        raise typer.Exit(code)


def status(json_output: JsonFlag = False) -> None:
    """The scheduler daemon, workers, running runs, the spool and site health, at a glance."""
    from scheduler.daemon import scheduler_status

    config, db = _existing_database()
    report = scheduler_status(config, db)
    health = sites_health(db)
    if json_output:
        print_json(
            {
                "daemon": {
                    "running": report.daemon is not None,
                    "holder": report.daemon,
                    "lease_until": _time(report.daemon_lease_until),
                },
                "workers": report.workers,
                "running": [run_json(run) for run in report.running],
                "queued": report.queued,
                "spool": {
                    "path": str(report.spool.path),
                    "open_files": report.spool.open_files,
                    "closed_files": report.spool.closed_files,
                    "bytes": report.spool.bytes,
                },
                "site_health": {
                    site: [flag.to_json() for flag in flags] for site, flags in health.items()
                },
            }
        )
        return
    out.print(f"scheduler daemon: {report.daemon or 'not running'}")
    out.print(f"workers: {len(report.workers)}")
    out.print(f"queued runs: {report.queued}")
    out.print(f"running runs: {len(report.running)}")
    for run in report.running:
        out.print(f"  run {run.id} of {run.site} since {utc_text(run.started_at)} on {run.worker}")
    spool = report.spool
    out.print(
        f"spool {spool.path}: {spool.open_files} open, {spool.closed_files} waiting for upload, "
        f"{filesize.decimal(spool.bytes)}"
    )
    flagged = {site: flags for site, flags in health.items() if flags}
    out.print(f"sites needing a look: {len(flagged)} of {len(health)}")
    _print_health(flagged)


def healthcheck() -> None:
    """Exit 0 while a daemon or worker of this host is alive (the image's HEALTHCHECK)."""
    from scheduler.healthcheck import live_services

    # Read as it is: a probe must never migrate the shared database (say, after an upgrade).
    db = Database(load_config().db, existing=True)
    found = live_services(db)
    if not found:
        fail(f"no live scheduler daemon or worker of host {socket.gethostname()} in the database")
    for service in found:
        out.print(f"ok: {service}", highlight=False, markup=False)
