"""Operator commands for schedules and runs: ``schedule``, ``jobs``, ``scheduler run``, ``status``.

Like the rest of the CLI they parse arguments and print; the work is in ``scheduler.schedules``,
``scheduler.daemon`` and ``storage.runs``. They talk to a running daemon only through the
database (the ``run_requests`` table it polls every second), so they work from any shell or
machine that reaches the database, and say so when no daemon is running.
"""

from __future__ import annotations

import socket
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from scheduler.console import (
    EXIT_USAGE,
    escape_controls,
    fail,
    human_bytes,
    load_config,
    load_site,
    log_to_stderr,
    note,
    open_index,
    out,
    print_json,
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

# scheduler.daemon and scheduler.schedules (APScheduler) are imported by the commands that use
# them, so that every other command of the CLI starts without them.

schedule_app = typer.Typer(
    name="schedule", help="Site schedules: list, pause, resume.", no_args_is_help=True
)
jobs_app = typer.Typer(
    name="jobs", help="Crawl runs: list, show, trigger, cancel.", no_args_is_help=True
)
scheduler_app = typer.Typer(name="scheduler", help="The scheduler daemon.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="print JSON")]
NO_DAEMON = "no scheduler daemon is running (start one with `newsarchiver scheduler run`)"


def _database() -> tuple[AppConfig, Database]:
    """For commands that change something: the index is created if missing."""
    config = load_config()
    return config, Database(config.db)


def _existing_database() -> tuple[AppConfig, Database]:
    """For commands that only read: a missing index is an error, and nothing is created."""
    config = load_config()
    return config, open_index(config)


def _listing(*columns: str) -> Table:
    """A borderless table, so a listing still fits 80 columns when piped."""
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, no_wrap=True)
    return table


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _short_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


# schedule ---------------------------------------------------------------------------------


@schedule_app.command("list")
def schedule_list(json_output: JsonOption = False) -> None:
    """Every site's cron, next run and pause state, and any error in the sites file."""
    from scheduler.daemon import DaemonSettings
    from scheduler.schedules import refresh_sites_table
    from storage.schedule import schedule_statuses

    config, db = _database()
    error = refresh_sites_table(db, config.sites)
    rows = schedule_statuses(db, second=DaemonSettings.from_env().schedule_second)
    if error and not rows:
        fail(error, EXIT_USAGE)
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
                }
                for row in rows
            ]
        )
        return
    table = _listing("SITE", "CRON", "TIMEZONE", "NEXT RUN", "PAUSED")
    for row in rows:
        table.add_row(
            row.site,
            row.cron or "-",
            row.timezone,
            _short_time(row.next_run),
            "yes" if row.paused else "no",
        )
    out.print(table)
    if error:
        note(f"warning: {error}; the last good schedules stay")
    if scheduler_lease(db) is None:
        note(f"note: {NO_DAEMON}")


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
    site: Annotated[str, typer.Argument(help="slug of the site")], json_output: JsonOption = False
) -> None:
    """Stop starting scheduled runs of SITE (manual triggers still work)."""
    _set_paused(site, True, json_output)


@schedule_app.command("resume")
def schedule_resume(
    site: Annotated[str, typer.Argument(help="slug of the site")], json_output: JsonOption = False
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
    json_output: JsonOption = False,
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
    table = _listing(
        "ID", "SITE", "TRIGGER", "STATUS", "STARTED", "SECS", "PAGES", "ARTICLES", "BYTES"
    )
    for run in runs:
        seconds = "-"
        if run.started_at and run.finished_at:
            seconds = f"{(run.finished_at - run.started_at).total_seconds():.0f}"
        table.add_row(
            str(run.id),
            run.site,
            run.trigger.value,
            run.status.value,
            _short_time(run.started_at),
            seconds,
            str(run.pages),
            str(run.articles),
            human_bytes(run.bytes),
        )
    out.print(table)


@jobs_app.command("show")
def jobs_show(
    run_id: Annotated[int, typer.Argument(help="id of the run")], json_output: JsonOption = False
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
    lines = [(name.replace("_", " "), str(record[name] or "-")) for name in
             ("trigger", "queued_at", "started_at", "finished_at", "worker", "pid")]  # fmt: skip
    lines += [(name, str(record[name])) for name in ("pages", "articles", "errors", "refused")]
    lines.append(("bytes", human_bytes(run.bytes)))
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
    site: Annotated[str, typer.Argument(help="slug of the site")], json_output: JsonOption = False
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
    run_id: Annotated[int, typer.Argument(help="id of the run")], json_output: JsonOption = False
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
def scheduler_run() -> None:
    """The daemon, in the foreground: crawls on their schedules; SIGTERM stops it cleanly."""
    from scheduler.daemon import DaemonSettings, run_daemon

    config = load_config()
    settings = DaemonSettings.from_env()
    log_to_stderr(config.log_level)
    code = run_daemon(config, settings)
    if code:
        raise typer.Exit(code)


def status(json_output: JsonOption = False) -> None:
    """The scheduler daemon, workers, running runs and the spool, at a glance."""
    from scheduler.daemon import scheduler_status

    config, db = _existing_database()
    report = scheduler_status(config, db)
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
            }
        )
        return
    out.print(f"scheduler daemon: {report.daemon or 'not running'}")
    out.print(f"workers: {len(report.workers)}")
    out.print(f"queued runs: {report.queued}")
    out.print(f"running runs: {len(report.running)}")
    for run in report.running:
        out.print(
            f"  run {run.id} of {run.site} since {_short_time(run.started_at)} on {run.worker}"
        )
    spool = report.spool
    out.print(
        f"spool {spool.path}: {spool.open_files} open, {spool.closed_files} waiting for upload, "
        f"{human_bytes(spool.bytes)}"
    )


def healthcheck() -> None:
    """Exit 0 when a live scheduler daemon or worker of this host is in the database (the
    image's HEALTHCHECK)."""
    from scheduler.healthcheck import live_services

    _, db = _existing_database()
    found = live_services(db)
    if not found:
        fail(f"no live scheduler daemon or worker of host {socket.gethostname()} in the database")
    for service in found:
        out.print(f"ok: {service}", highlight=False, markup=False)
