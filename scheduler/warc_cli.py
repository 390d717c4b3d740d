"""``newsarchiver warc …``: list, verify and flush the archive's WARC files."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import filesize
from rich.table import Table
from rich.text import Text

from scheduler.console import (
    JsonFlag,
    captured,
    fail,
    load_config,
    open_index,
    out,
    print_json,
)
from storage.backends import backend_from_url, redact_url
from storage.db import Database
from storage.spoolflush import flush_spool
from storage.warcaudit import list_warcs, verify_warcs
from storage.warcledger import store_of

warc_app = typer.Typer(help="List, verify and upload WARC files.", no_args_is_help=True)
SiteOption = Annotated[str | None, typer.Option("--site", help="only this site")]


def _index() -> Database:
    return open_index()


@warc_app.command("list")
def list_command(site: SiteOption = None, json_output: JsonFlag = False) -> None:
    """Files with size, SHA-256, record count, site, run and location."""
    entries = list_warcs(_index(), site=site)
    if json_output:
        print_json([entry.__dict__ for entry in entries])
        return
    # The name, its location and its SHA-256 are copied whole: each on a line of its own.
    table = Table(title="WARC files", show_lines=True)
    table.add_column("file, location, sha256", overflow="fold")
    for column in ("site", "run", "status", "size", "records"):
        table.add_column(column, justify="right" if column in ("size", "records") else "left")
    for e in entries:
        where = Text("\n").join(
            [captured(e.name, "bold"), captured(e.location), captured(e.sha256 or "-", "dim")]
        )
        table.add_row(
            where, e.site, str(e.run_id or ""), e.status,
            filesize.decimal(e.size) if e.size is not None else "",
            str(e.records or ""),
        )  # fmt: skip
    out.print(table)
    out.print(f"{len(entries)} file(s)")


@warc_app.command("verify")
def verify_command(site: SiteOption = None, json_output: JsonFlag = False) -> None:
    """Re-read every stored file from storage: SHA-256 and every record digest."""
    results = list(verify_warcs(_index(), site=site))
    if json_output:
        print_json(
            [
                {"name": r.name, "location": r.location, "records": r.records,
                 "ok": r.ok, "problems": r.problems}
                for r in results
            ]
        )  # fmt: skip
    else:
        for r in results:
            verdict = "[green]ok[/]" if r.ok else "[red]FAILED[/]"
            out.print(f"{verdict} {r.name} ({r.records} records)")
            for problem in r.problems:
                # A problem may quote a damaged record's bytes.
                out.print(Text("    ").append(captured(problem)))
        problems = sum(not r.ok for r in results)
        out.print(f"{len(results)} file(s) verified, {problems} with problems")
    if bad := [r.name for r in results if not r.ok]:
        fail(f"{len(bad)} of {len(results)} file(s) failed verification: {', '.join(bad)}")


@warc_app.command("flush")
def flush_command(json_output: JsonFlag = False) -> None:
    """Repair abandoned files, then upload everything waiting in this machine's spool.

    A file goes only to the store it was written for: one meant for another
    NEWSARCHIVER_STORAGE stays in the spool, and the output names that store.
    """
    config = load_config()
    backend = backend_from_url(config.storage)
    backend.check()
    # Files wait in the spool with their ledger rows: a flush records into the index they
    # belong to, created if this machine's crawls never ran (a worker's spool, restored).
    db = Database(config.db)
    db.migrate()
    report = flush_spool(db, backend, config.spool)
    if json_output:
        print_json(
            {"stored": [s.url for s in report.stored],
             "waiting": [str(p) for p in report.waiting], "errors": report.errors,
             "elsewhere": report.elsewhere}
        )  # fmt: skip
    else:
        for stored in report.stored:
            out.print(f"stored {stored.url}", markup=False)
        for error in report.errors:
            out.print(Text.assemble(("waiting: ", "red"), captured(error)))
        for name, url in report.elsewhere.items():
            out.print(Text.assemble(("waiting: ", "red"), captured(f"{name} is meant for {url}")))
        out.print(f"{len(report.stored)} stored, {len(report.waiting)} still waiting")
    if report.elsewhere:
        stores = sorted({store_of(url) for url in report.elsewhere.values()})
        fail(
            f"{len(report.elsewhere)} file(s) in the spool {config.spool} wait for another store "
            f"({', '.join(stores)}), not {redact_url(config.storage)}: flush with the "
            "NEWSARCHIVER_STORAGE they were written for"
        )
    if report.waiting:
        fail(f"{len(report.waiting)} file(s) still waiting in the spool {config.spool}")
