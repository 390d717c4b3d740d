"""The ``newsarchiver`` command line: parses arguments and prints, nothing more.

The work lives in functions the tests call directly (``crawlrun``, ``storage.search``, …).
Errors a user can fix come out as one line on stderr: exit 2 for bad usage or configuration,
1 for a failed run or a missing record. Never a traceback.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import click
import typer
from rich.live import Live
from rich.table import Table
from typer import _click as typer_click

from scheduler.console import (
    EXIT_FAILED,
    EXIT_USAGE,
    captured,
    err,
    error_exit_code,
    escape_controls,
    fail,
    human_bytes,
    load_config,
    load_site,
    note,
    out,
    print_json,
)
from settings import ensure_directory
from spiders.siteconfig import Site

if TYPE_CHECKING:
    from demosite.server import RunningServer

app = typer.Typer(
    name="newsarchiver",
    help="Archive news sites as WARC files, with a searchable article index.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# crawl -------------------------------------------------------------------------------------


def _progress_table(figures: dict[str, Any], slug: str) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_row(
        f"[bold]{slug}[/]",
        f"pages {figures['pages']}",
        f"articles {figures['articles']}",
        human_bytes(figures["bytes"]),
        f"{figures['rate']:.1f} pages/s",
        f"errors {figures['errors']}",
        f"refused {figures['refused']}",
    )
    return table


def print_summary(summary: dict[str, Any]) -> None:
    title = f"run {summary['run_id']} of {summary['site']}: {summary['status']}"
    if unindexed := summary.get("unindexed"):
        title += f", {unindexed} page(s) not indexed"
    table = Table(title=title, show_header=False)
    table.add_column(style="bold")
    table.add_column()
    statuses = ", ".join(f"{k}: {v}" for k, v in summary["requests_by_status"].items())
    errors = ", ".join(f"{k}: {v}" for k, v in summary["errors"].items()) or "none"
    rows = [
        ("pages", str(summary["pages"])),
        ("articles", str(summary["articles"])),
        ("not indexed", str(summary.get("unindexed", 0))),
        ("requests by status", statuses or "none"),
        ("bytes (WARC)", human_bytes(summary["bytes"])),
        ("WARC files", _lines(summary["warc_files"])),
        ("waiting for upload", str(summary["waiting_upload"])),
        *((("error", escape_controls(summary["error"])),) if summary.get("error") else ()),
        ("refused URLs", _lines(summary["refused"])),
        ("truncated bodies", str(summary["truncated"])),
        ("errors", errors),
        ("time", f"{summary['seconds']:.1f} s"),
    ]
    for name, value in rows:
        # Refused URLs and error kinds come from the site: printed as text, never markup.
        table.add_row(name, captured(value, multiline=True))
    out.print(table)


def _lines(values: list[str]) -> str:
    """One value a line, each with its own line breaks escaped."""
    return "\n".join(escape_controls(value) for value in values) or "none"


def report_outcome(summary: dict[str, Any]) -> int:
    """Say on stderr what the summary alone would leave unsaid; return the exit code.

    A run that archived pages succeeds even when its WARC files could not be stored yet: they
    are safe in the spool and wait for the store they were written for (README, "Spool and
    uploads"). That is said here, with the store, so a terminal or a cron mail shows it.
    """
    waiting = summary.get("waiting_upload", 0)
    if waiting:
        problem = next(iter(summary.get("upload_errors") or ()), "")
        note(
            f"warning: {waiting} WARC file(s) of run {summary['run_id']} wait in the spool "
            f"{summary.get('spool')} for {summary.get('storage')}"
            + (f" ({problem})" if problem else "")
            + "; `newsarchiver warc flush` or the next crawl stores them"
        )
    for name, url in (summary.get("waiting_elsewhere") or {}).items():
        note(
            f"note: {name} in the spool waits for {url}, not this store: "
            "run `newsarchiver warc flush` with the NEWSARCHIVER_STORAGE it was written for"
        )
    if summary["status"] == "succeeded":
        return 0
    if summary.get("error"):
        note(f"error: run {summary['run_id']} of {summary['site']} {summary['status']}: "
              f"{summary['error']}")  # fmt: skip
    return EXIT_FAILED


@app.command()
def crawl(
    site: Annotated[str, typer.Argument(help="slug of the site in the sites file")],
    max_pages: Annotated[int | None, typer.Option(min=1, help="page budget for this run")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    run_id: Annotated[int | None, typer.Option(hidden=True)] = None,
    trigger: Annotated[str, typer.Option(hidden=True)] = "manual",
    log_file: Annotated[Path | None, typer.Option(hidden=True)] = None,
) -> None:
    """Run a crawl of SITE now, in the foreground, with progress; summary at the end."""
    from scheduler.crawlrun import default_log_file, run_crawl

    config = load_config()
    target = load_site(config, site)
    summary = _crawl_with_progress(
        lambda progress: run_crawl(
            config,
            target,
            max_pages=max_pages,
            run_id=run_id,
            trigger=trigger,
            log_file=log_file or default_log_file(config, target),
            progress=progress,
        ),
        target.slug,
        show=not json_output,
    )
    if json_output:
        print_json(summary)
    else:
        print_summary(summary)
    _leave(report_outcome(summary))


def _leave(code: int) -> NoReturn:
    """End the crawl's process at once, now that the run is recorded and reported.

    Tearing down the interpreter after a crawl (the reactor's objects, Twisted's thread pool)
    takes about half a second, longer than a small scheduled crawl itself.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def _crawl_with_progress(
    start: Callable[[Callable[[dict[str, Any]], None] | None], dict[str, Any]],
    slug: str,
    *,
    show: bool,
) -> dict[str, Any]:
    if not show:
        return start(None)
    if not err.is_terminal:
        last = [0.0]

        def log_line(figures: dict[str, Any]) -> None:
            if figures["elapsed"] - last[0] >= 5:
                last[0] = figures["elapsed"]
                err.print(_progress_table(figures, slug))

        return start(log_line)
    with Live(console=err, refresh_per_second=4, transient=True) as live:
        return start(lambda figures: live.update(_progress_table(figures, slug)))


@app.command()
def demo(
    articles: Annotated[int, typer.Option(min=1, help="articles in the demo site")] = 60,
    json_output: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Crawl a small news site served on 127.0.0.1 (no network needed), like `scrapy bench`."""
    from scheduler.crawlrun import default_log_file, run_crawl

    config = load_config()
    # The demo keeps everything under ./archive (NEWSARCHIVER_LOGS's parent, by default).
    root = ensure_directory(config.logs.parent, "NEWSARCHIVER_LOGS") / "demo-site"
    _prepare_demo_site(root, articles)
    with _serve_demo_site(root) as server:
        target = Site(
            slug="demo",
            name="newsarchiver demo site",
            start_urls=[f"{server.url}/"],
            max_depth=3,
            max_pages=articles * 3 + 50,
            download_delay=0,
            concurrent_requests=8,
            allow_private_networks=True,
        )
        err.print(f"Serving a demo news site of {articles} articles at {server.url}/")
        summary = _crawl_with_progress(
            lambda progress: run_crawl(
                config, target, log_file=default_log_file(config, target), progress=progress
            ),
            target.slug,
            show=not json_output,
        )
    if json_output:
        print_json(summary)
    else:
        print_summary(summary)
        out.print(f"WARC files are in [bold]{config.storage}[/] (index: {config.db}).")
        out.print("Try: newsarchiver articles search --site demo")
    if code := report_outcome(summary):
        raise typer.Exit(code)


#: The demo site's port when it is free: a second demo then recrawls the same URLs (and skips
#: what it archived recently) instead of archiving the same site again under a new address.
DEMO_PORT = 8073


def _prepare_demo_site(root: Path, articles: int) -> None:
    """Generate the demo site in ``root``, or keep the one an earlier demo left there."""
    from demosite.generator import MANIFEST_NAME, generate_site, load_manifest

    manifest = root / MANIFEST_NAME
    if manifest.is_file():
        try:
            kept = len(load_manifest(root).articles)
        except (OSError, ValueError) as exc:
            fail(f"cannot read the demo site's {manifest}: {exc}", EXIT_USAGE)
        if kept == articles:
            return
        shutil.rmtree(root)  # an earlier demo's site (it holds the manifest), of another size
    try:
        generate_site(root, articles=articles)
    except FileExistsError as exc:
        fail(f"{exc}; move it away, or run the demo elsewhere", EXIT_USAGE)
    except OSError as exc:
        fail(f"cannot write the demo site in {root}: {exc.strerror or exc}", EXIT_USAGE)


def _serve_demo_site(root: Path) -> RunningServer:
    from demosite.server import serve_directory

    try:
        return serve_directory(root, port=DEMO_PORT)
    except OSError:  # taken: any free port will do
        return serve_directory(root)


# serve -------------------------------------------------------------------------------------


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="port of the app")] = 8080,
    replay_port: Annotated[
        int | None,
        typer.Option(min=0, max=65535, help="port of the replay origin [default: PORT + 1]"),
    ] = None,
) -> None:
    """The read-only web app: search, articles and their versions, replay, sites, runs."""
    from webapp.server import serve as serve_web

    if replay_port is None:
        replay_port = port + 1 if port else 0
    serve_web(host, port, replay_port)


# Sub-commands, each in its own module.
from scheduler.articles_cli import articles_app  # noqa: E402
from scheduler.export_cli import export_app  # noqa: E402
from scheduler.jobs_cli import jobs_app, schedule_app, scheduler_app, status  # noqa: E402
from scheduler.warc_cli import warc_app  # noqa: E402
from scheduler.worker_cli import worker  # noqa: E402

app.add_typer(articles_app, name="articles")
app.add_typer(warc_app, name="warc")
app.add_typer(export_app, name="export")

app.add_typer(schedule_app)
app.add_typer(jobs_app)
app.add_typer(scheduler_app)
app.command()(status)
app.command()(worker)


def main() -> None:
    """Entry point: run the app and turn known errors into one line and an exit code."""

    def error(exc: Exception, code: int) -> NoReturn:
        # Messages may quote what a site sent (a URL, a status line): escaped, one line.
        err.print(captured(f"error: {exc}"), highlight=False)
        sys.exit(code)

    try:
        # Without standalone mode, click returns the code of a typer.Exit instead of raising.
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        sys.exit(130)
    except (click.ClickException, typer_click.ClickException) as exc:
        # Usage errors arrive here in non-standalone mode; typer bundles its own click.
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:
        known = error_exit_code(exc)
        if known is None:
            raise
        error(exc, known)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
