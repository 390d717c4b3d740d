"""``newsarchiver articles …``: search, show, read back and export archived articles."""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from scheduler.console import (
    EXIT_USAGE,
    JsonFlag,
    captured,
    escape_controls,
    fail,
    note,
    open_index,
    out,
    output_stream,
    print_json,
    utc_text,
)
from spiders.decoding import decode_html
from storage.recordaccess import RecordUnavailableError, read_payload_capture
from storage.search import (
    MARK_CLOSE,
    MARK_OPEN,
    MAX_OFFSET,
    QueryError,
    capture_at,
    count_articles,
    get_article,
    iter_articles,
    search_articles,
)

articles_app = typer.Typer(help="Find and read archived articles.", no_args_is_help=True)

Since = Annotated[str | None, typer.Option(help="published on or after (ISO date or time)")]
Until = Annotated[str | None, typer.Option(help="published before (ISO date or time)")]
SiteOption = Annotated[str | None, typer.Option("--site", help="only this site")]
_MARKS = re.compile(f"{re.escape(MARK_OPEN)}|{re.escape(MARK_CLOSE)}")


#: Digits of a Wayback timestamp (``YYYYMMDDhhmmss``) or a prefix of it, and what each length
#: names: a year, month, day, hour, minute or second.
_WAYBACK = re.compile(r"\d{4}(\d\d){0,5}")


def parse_at(value: str | None) -> datetime | None:
    """``--at``: an ISO date or time, or a Wayback timestamp (``20240629120000``, or a prefix
    such as ``20240629``). A date, or a timestamp cut short, means the end of the day (or
    hour, month…) it names, so its captures count."""
    if value is None:
        return None
    if _WAYBACK.fullmatch(value):
        padded = value + "0101000000"[len(value) - 4 :]
        try:
            start = datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            return _period_end(start, len(value)) - timedelta(microseconds=1)
        except (ValueError, OverflowError):
            fail(f"--at: {value!r} is not a valid Wayback timestamp (YYYYMMDDhhmmss)", EXIT_USAGE)
    when = parse_when(value, "--at")
    assert when is not None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return when + timedelta(days=1, microseconds=-1)
    return when


def _period_end(start: datetime, digits: int) -> datetime:
    """The start of the period after the one a ``digits``-long timestamp names."""
    if digits == 4:
        return start.replace(year=start.year + 1)
    if digits == 6:
        return (start + timedelta(days=32)).replace(day=1)
    seconds = {8: 86_400, 10: 3_600, 12: 60, 14: 1}[digits]
    return start + timedelta(seconds=seconds)


def parse_when(value: str | None, option: str) -> datetime | None:
    """ISO 8601 dates or times; a time without a zone is UTC."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        fail(f"{option}: {value!r} is not an ISO 8601 date or time", EXIT_USAGE)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@articles_app.command("search")
def search(
    query: Annotated[
        str | None,
        typer.Argument(
            help='words, "a phrase", -excluded, a OR b; one that starts with "-" goes after '
            '"--": articles search -- "-library budget"'
        ),
    ] = None,
    site: SiteOption = None,
    since: Since = None,
    until: Until = None,
    language: Annotated[
        str | None, typer.Option(help="only articles in this language (e.g. en)")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 20,
    offset: Annotated[
        int, typer.Option(min=0, max=MAX_OFFSET, help="skip this many results (next pages)")
    ] = 0,
    json_output: JsonFlag = False,
) -> None:
    """Ranked full-text search (title weighs most); without QUERY, the newest articles."""
    db = open_index()
    filters: dict[str, Any] = {
        "site": site,
        "since": parse_when(since, "--since"),
        "until": parse_when(until, "--until"),
        "language": language,
    }
    try:
        hits = search_articles(db, query, **filters, limit=limit, offset=offset)
        total = None if json_output else count_articles(db, query, **filters)
    except QueryError as exc:
        fail(f"invalid query: {exc}", EXIT_USAGE)
    if json_output or total is None:
        print_json([hit.to_json() for hit in hits])
        return
    table = Table(show_lines=bool(query))
    for column in ("published", "site", "title / url", *(("snippet",) if query else ())):
        table.add_column(column, overflow="fold")
    for hit in hits:
        published = hit.published.date().isoformat() if hit.published else "—"
        title = Text("\n").join(
            [captured(hit.title or "(untitled)", "bold"), captured(hit.url, "dim")]
        )
        snippet = (_highlighted(hit.snippet or ""),) if query else ()
        table.add_row(published, captured(hit.site), title, *snippet)
    out.print(table)
    out.print(_count_line(len(hits), total, offset), highlight=False)


def _count_line(shown: int, total: int, offset: int) -> str:
    """How many of how many, and how to see the rest when the limit cut them."""
    if not shown:
        return f"0 of {total} article(s)" if total else "0 article(s)"
    line = f"{offset + 1} to {offset + shown} of {total} article(s)"
    if offset + shown < total:
        line += f"; more results: --offset {offset + shown}"
    return line


def _highlighted(snippet: str) -> Text:
    """The snippet with its matches in reverse video (as ``Text``: never read as markup)."""
    highlighted = Text()
    for index, part in enumerate(_MARKS.split(snippet)):
        highlighted.append(captured(part, "reverse" if index % 2 else "", multiline=True))
    return highlighted


ArticleSite = Annotated[
    str | None, typer.Option("--site", help="the article of this site (when several have one)")
]


@articles_app.command("show")
def show(url: str, site: ArticleSite = None, json_output: JsonFlag = False) -> None:
    """Metadata, text, and every capture of the article at URL (or one of its aliases)."""
    article = get_article(open_index(), url, site=site)
    if article is None:
        fail(f"no archived article at {url}" + (f" of site {site}" if site else ""))
    if article.other_sites:
        note(
            f"note: also archived by site(s) {', '.join(article.other_sites)}; "
            f"showing {article.site}'s (choose with --site)"
        )
    detail = article.to_json()
    if json_output:
        print_json(detail)
        return
    out.print(captured(article.title or "(untitled)", "bold"))
    for name in ("url", "canonical_url", "site", "social_title", "authors", "publisher",
                 "published", "modified", "language", "section"):  # fmt: skip
        value = detail[name]
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        out.print(Text.assemble((f"{name}: ", "dim"), captured(shown)))
    out.print()
    out.print(captured(article.text, multiline=True))
    out.print()
    table = Table(title="captures")
    table.add_column("captured")
    for column in ("type", "status"):
        table.add_column(column)
    table.add_column("warc", overflow="fold")  # a storage URL to copy: folded, never cut
    for column in ("offset", "length"):
        table.add_column(column, justify="right", no_wrap=True)
    for capture in detail["captures"]:
        table.add_row(
            utc_text(capture["captured_at"], seconds=True),
            *(captured(capture[c]) for c in ("type", "status", "warc", "offset", "length")),
        )
    out.print(table)


@articles_app.command("get")
def get(
    url: str,
    at: Annotated[
        str | None,
        typer.Option(
            help="the capture at or before this time: ISO (a date means its end) or a Wayback "
            "timestamp such as 20240629120000"
        ),
    ] = None,
    site: Annotated[str | None, typer.Option("--site", help="only this site's captures")] = None,
) -> None:
    """Print the archived page body of URL, decoded, read from its WARC record (exact when
    redirected; on a terminal, with control characters escaped)."""
    db = open_index()
    capture = capture_at(db, url, parse_at(at), site=site)
    if capture is None:
        fail(f"no capture of {url}" + (f" at or before {at}" if at else ""))
    try:
        record = read_payload_capture(db, capture)
        body = record.decoded_body()
    except (RecordUnavailableError, ValueError) as exc:
        fail(str(exc))
    content_type = record.http_header("Content-Type") or ""
    is_text = content_type.startswith(("text/", "application/xhtml", "application/xml"))
    if sys.stdout.isatty():
        # The page is the site's to write, and a terminal would run its escape sequences:
        # it is shown with them escaped, and exact only when sent to a file or a pipe.
        if not is_text:
            fail(f"{url} is {content_type or 'binary'}: redirect the output to a file")
        sys.stdout.write(escape_controls(decode_html(body, content_type), multiline=True))
    elif is_text:
        sys.stdout.write(decode_html(body, content_type))
    else:
        sys.stdout.buffer.write(body)
    sys.stdout.flush()


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@articles_app.command("export")
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv")],
    query: Annotated[str | None, typer.Option(help="only articles matching this search")] = None,
    site: SiteOption = None,
    since: Since = None,
    until: Until = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="write to FILE (complete, or not at all) instead of stdout"
        ),
    ] = None,
) -> None:
    """Stream every matching article (metadata, text, capture location) in constant memory."""
    try:
        rows = iter_articles(
            open_index(),
            query=query,
            site=site,
            since=parse_when(since, "--since"),
            until=parse_when(until, "--until"),
        )
        first = next(rows, None)
    except QueryError as exc:
        fail(f"invalid query: {exc}", EXIT_USAGE)
    with output_stream(output) as stream:
        if first is None:
            return
        if format is ExportFormat.jsonl:
            for row in _chain(first, rows):
                stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            return
        writer = csv.DictWriter(stream, fieldnames=list(first))
        writer.writeheader()
        for row in _chain(first, rows):
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})


def _chain(first: dict[str, Any], rest: Any) -> Any:
    yield first
    yield from rest
