"""``newsarchiver export …``: hand part of the archive to replay tools, as WACZ or as CDXJ.

Both commands select what ``articles search`` would (QUERY, ``--site``, ``--since``,
``--until``) and also ``--run``; the work is in ``storage.wacz`` and ``storage.cdxj``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich import filesize

from scheduler.articles_cli import Since, SiteOption, Until, parse_when
from scheduler.console import (
    EXIT_USAGE,
    JsonFlag,
    err,
    fail,
    load_config,
    open_index,
    out,
    output_stream,
    print_json,
)
from storage.backends import backend_from_url
from storage.cdxj import write_cdxj
from storage.exportselection import EmptySelectionError, ExportFilters
from storage.recordaccess import RecordUnavailableError
from storage.search import QueryError
from storage.wacz import export_wacz

export_app = typer.Typer(
    help="Export captures for replay tools: a WACZ, or a CDXJ index of the stored WARC files.",
    no_args_is_help=True,
)
Query = Annotated[
    str | None,
    typer.Argument(help='only articles matching this search: words, "a phrase", -excluded, a OR b'),
]
RunOption = Annotated[int | None, typer.Option("--run", min=1, help="only captures of this run")]


def _filters(
    query: str | None, site: str | None, run: int | None, since: str | None, until: str | None
) -> ExportFilters:
    return ExportFilters(
        query=query,
        site=site,
        run_id=run,
        since=parse_when(since, "--since"),
        until=parse_when(until, "--until"),
    )


@contextlib.contextmanager
def _reported() -> Iterator[None]:
    """One line and an exit code for what an export can meet."""
    try:
        yield
    except QueryError as exc:
        fail(f"invalid query: {exc}", EXIT_USAGE)
    except (EmptySelectionError, RecordUnavailableError) as exc:
        fail(str(exc))


@export_app.command("wacz")
def wacz(
    output: Annotated[
        str, typer.Option("-o", "--output", help="FILE.wacz, or s3://bucket/key.wacz")
    ],
    query: Query = None,
    site: SiteOption = None,
    run: RunOption = None,
    since: Since = None,
    until: Until = None,
    json_output: JsonFlag = False,
) -> None:
    """A WACZ 1.1.1 of the selected captures and what they need to replay."""
    filters = _filters(query, site, run, since, until)
    with _reported():
        summary = export_wacz(open_index(), filters, output)
    _warn_unresolved(summary.unresolved_revisits)
    if json_output:
        print_json(summary.__dict__)
        return
    out.print(
        f"wrote {summary.url} ({filesize.decimal(summary.bytes)}, sha256 {summary.sha256})",
        soft_wrap=True,
        highlight=False,
    )
    out.print(
        f"pages {summary.pages} ({summary.articles} articles), extra pages "
        f"{summary.extra_pages}, records {summary.records} "
        f"(+{summary.request_records} requests, {summary.warcinfo_records} warcinfo), "
        f"WARC data {filesize.decimal(summary.warc_bytes)} from {summary.source_files} WARC "
        f"file(s) of {filesize.decimal(summary.source_bytes)}, index {summary.index}",
        soft_wrap=True,
        highlight=False,
    )


@export_app.command("cdxj")
def cdxj(
    query: Query = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="write to FILE instead of stdout")
    ] = None,
    site: SiteOption = None,
    run: RunOption = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """A SURT-sorted CDXJ index of the selected captures, pointing into the stored WARC files.

    Each line's "filename" is its WARC file's key under NEWSARCHIVER_STORAGE:
    give pywb that storage URL, with a trailing slash, as archive_paths.
    """
    filters = _filters(query, site, run, since, until)
    root = backend_from_url(load_config().storage).base_url
    db = open_index()
    with _reported(), output_stream(output) as stream:
        summary = write_cdxj(db, filters, stream, storage_root=root)
    err.print(
        f"{summary.lines} record(s) of {summary.warc_files} WARC file(s) indexed",
        highlight=False,
    )
    _warn_unresolved(summary.unresolved_revisits)


def _warn_unresolved(count: int) -> None:
    if count:
        err.print(
            f"warning: {count} revisit record(s) refer to responses that are not in the "
            "index: they will not replay",
            highlight=False,
        )
