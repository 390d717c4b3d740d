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

import typer
from rich import filesize
from rich.live import Live
from rich.table import Table

from scheduler.console import (
    EXIT_FAILED,
    EXIT_USAGE,
    JsonFlag,
    captured,
    err,
    error_exit_code,
    escape_controls,
    fail,
    load_config,
    load_site,
    note,
    out,
    print_json,
    utc_text,
)
from settings import __version__, ensure_directory
from spiders.siteconfig import Site

if TYPE_CHECKING:
    from demosite.server import RunningServer

app = typer.Typer(
    name="newsarchiver",
    help="Archive news sites as WARC files, with a searchable article index.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        out.print(f"newsarchiver {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            metavar="",
            help="Print the version and exit.",
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "-v", "--verbose", metavar="", help="log DEBUG lines too (NEWSARCHIVER_LOG_LEVEL)"
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", metavar="", help="log only warnings and errors")
    ] = False,
) -> None:
    """Archive news sites as WARC files, with a searchable article index."""
    if verbose and quiet:
        fail("-v and -q cannot be used together", EXIT_USAGE)
    if verbose or quiet:
        # Through the environment, so the crawl processes this one starts log alike.
        os.environ["NEWSARCHIVER_LOG_LEVEL"] = "DEBUG" if verbose else "WARNING"


# crawl -------------------------------------------------------------------------------------


def _progress_table(figures: dict[str, Any], slug: str) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_row(
        f"[bold]{slug}[/]",
        f"pages {figures['pages']}",
        f"articles {figures['articles']}",
        filesize.decimal(figures["bytes"]),
        f"{figures['rate']:.1f} pages/s",
        f"errors {figures['errors']}",
        f"refused {figures['refused']}",
    )
    return table


def print_summary(summary: dict[str, Any]) -> None:
    """The whole run at a glance: what was archived, skipped, refused or left waiting, and
    where its log is. URLs, file names and paths are folded onto further lines, never cut."""
    title = f"run {summary['run_id']} of {summary['site']}: {summary['status']}"
    if unindexed := summary.get("unindexed"):
        title += f", {unindexed} page(s) not indexed"
    table = Table(title=title, show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    statuses = ", ".join(f"{k}: {v}" for k, v in summary["requests_by_status"].items())
    errors = ", ".join(f"{k}: {v}" for k, v in summary["errors"].items()) or "none"
    refused = summary["refused"]
    refused_total = summary.get("refused_total", len(refused))
    if (more := refused_total - len(refused)) > 0:
        refused = [*refused, f"… and {more} more"]
    rows = [
        ("started", utc_text(summary.get("started_at"), seconds=True)),
        ("pages", str(summary["pages"])),
        ("articles", str(summary["articles"])),
        ("not indexed", str(summary.get("unindexed", 0))),
        ("skipped as recent", str(summary.get("skipped_recent", 0))),
        ("revisits", str(summary.get("revisits", 0))),
        ("requests by status", statuses or "none"),
        ("bytes (WARC)", filesize.decimal(summary["bytes"])),
        ("WARC files", _lines(summary["warc_files"])),
        ("waiting for upload", str(summary["waiting_upload"])),
        *((("error", escape_controls(summary["error"])),) if summary.get("error") else ()),
        ("refused", str(refused_total)),
        *((("refused URLs", _lines(refused)),) if refused else ()),
        ("robots.txt forbade", str(summary.get("robots_forbidden", 0))),
        ("truncated bodies", str(summary["truncated"])),
        ("errors", errors),
        ("time", f"{summary['seconds']:.1f} s"),
        *((("log", escape_controls(summary["log_file"])),) if summary.get("log_file") else ()),
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
    json_output: JsonFlag = False,
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
    json_output: JsonFlag = False,
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
        if server.port != DEMO_PORT:
            note(
                f"note: port {DEMO_PORT} is taken, so the demo site has a new address: this "
                "crawl archives it as a new site's URLs (an earlier demo's are not recrawled)"
            )
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
        from storage.db import mask_url

        out.print(f"WARC files are in [bold]{config.storage}[/] (index: {mask_url(config.db)}).")
        command, activate = _command_for_a_new_shell()
        out.print(f"Try: {command} articles search --site demo", markup=False, highlight=False)
        if activate:
            out.print(
                f"(or `. {activate}` first, then plain `newsarchiver …`)",
                markup=False,
                highlight=False,
            )
    if code := report_outcome(summary):
        raise typer.Exit(code)


def _command_for_a_new_shell() -> tuple[str, str | None]:
    """How a fresh shell runs this same newsarchiver, and the script that activates its
    virtual environment when the bare name would not find it (`make demo` runs it by path)."""
    script = Path(sys.executable).with_name("newsarchiver")  # pip installs it beside python
    found = shutil.which("newsarchiver")
    if not script.is_file() or (found and Path(found).resolve() == script.resolve()):
        return "newsarchiver", None
    activate = script.with_name("activate")

    def shown(path: Path) -> str:
        # Relative to here when under it (`.venv/bin/newsarchiver`): short, and still a path.
        absolute = path.absolute()
        return (
            str(absolute.relative_to(Path.cwd()))
            if absolute.is_relative_to(Path.cwd())
            else str(absolute)
        )

    return shown(script), shown(activate) if activate.is_file() else None


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
        typer.Option(min=0, max=65535, help="port of the replay origin (default: PORT + 1)"),
    ] = None,
) -> None:
    """The read-only web app: search, articles and their versions, replay, sites, runs."""
    from webapp.server import serve as serve_web

    if replay_port is None:
        replay_port = port + 1 if port else 0
    serve_web(host, port, replay_port)


# Sub-commands, each in its own module.
from scheduler.articles_cli import articles_app  # noqa: E402
from scheduler.doctor_cli import doctor  # noqa: E402
from scheduler.export_cli import export_app  # noqa: E402
from scheduler.jobs_cli import (  # noqa: E402
    healthcheck,
    jobs_app,
    schedule_app,
    scheduler_app,
    status,
)
from scheduler.warc_cli import warc_app  # noqa: E402
from scheduler.worker_cli import worker  # noqa: E402

app.add_typer(articles_app, name="articles")
app.add_typer(warc_app, name="warc")
app.add_typer(export_app, name="export")

app.add_typer(schedule_app)
app.add_typer(jobs_app)
app.add_typer(scheduler_app)
app.command()(status)
app.command()(healthcheck)
app.command()(worker)
app.command()(doctor)


#: What people write as ``--json=WORD`` when they take the flag for an option with a value.
_TRUE_WORDS = {"true", "yes", "on", "1"}
_FALSE_WORDS = {"false", "no", "off", "0"}
#: The same words written apart (``--json true``): only these two, since a number or "no"
#: after ``--json`` may be a run id or a search.
_SEPARATE_WORDS = {"true", "false"}


def plain_flags(args: list[str]) -> list[str]:
    """``args`` with ``--json true``/``--json false`` (and ``--json=WORD``, WORD any of
    true/false, yes/no, on/off, 1/0) written as the plain flag, or left out.

    ``--json`` takes no value; without this, ``articles search --json true`` would search
    for "true", and other commands would refuse an extra argument. Nothing after ``--`` is
    touched.
    """
    plain: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            return plain + args[index:]
        index += 1
        name, equals, word = arg.partition("=")
        if name != "--json" or (equals and word.lower() not in _TRUE_WORDS | _FALSE_WORDS):
            plain.append(arg)
            continue
        if not equals and index < len(args) and args[index].lower() in _SEPARATE_WORDS:
            word = args[index]
            index += 1
        if word.lower() not in _FALSE_WORDS:
            plain.append("--json")
    return plain


def _in_our_words(exc: typer.TyperException) -> str:
    """The message of a CLI error; a value typer's pydantic refused is said as ours are."""
    from pydantic import ValidationError

    from settings import plain_message

    param = getattr(exc, "param", None)
    if isinstance(exc.__cause__, ValidationError) and param is not None:
        where = param.get_error_hint()
        return f"invalid value for {where}: {plain_message(exc.__cause__.errors()[0])}"
    option = getattr(exc, "option_name", None)
    if isinstance(option, str) and not option.startswith("--"):
        # Most often a search for "-word …": say how to pass it.
        return f"{exc.format_message()}; a value that starts with '-' goes after '--'"
    return exc.format_message()


def main() -> None:
    """Entry point: run the app and turn known errors into one line and an exit code."""

    def error(message: str, code: int) -> NoReturn:
        # Messages may quote what a site sent (a URL, a status line): escaped, one line.
        err.print(captured(f"error: {message}"), highlight=False)
        sys.exit(code)

    try:
        # Without standalone mode, click returns the code of a typer.Exit instead of raising.
        code = app(args=plain_flags(sys.argv[1:]), standalone_mode=False)
    except typer.TyperException as exc:
        # Ours (CommandError) and typer's usage errors: one line, with where to find help.
        context = getattr(exc, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        if message := _in_our_words(exc):
            error(message + hint, exc.exit_code)
        sys.exit(exc.exit_code)  # `newsarchiver jobs` alone: its help is the answer
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        known = error_exit_code(exc)
        if known is None:
            raise
        error(str(exc), known)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
