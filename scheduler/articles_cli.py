"""``newsarchiver articles …``: search, show, read back and export archived articles."""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from scheduler.console import EXIT_USAGE, fail, load_config, out, print_json
from spiders.decoding import decode_html
from storage.db import Database
from storage.recordaccess import RecordUnavailableError, read_payload_capture
from storage.search import (
    MARK_CLOSE,
    MARK_OPEN,
    QueryError,
    capture_at,
    get_article,
    iter_articles,
    search_articles,
)

articles_app = typer.Typer(help="Find and read archived articles.", no_args_is_help=True)

Since = Annotated[str | None, typer.Option(help="published on or after (ISO date or time)")]
Until = Annotated[str | None, typer.Option(help="published before (ISO date or time)")]
SiteOption = Annotated[str | None, typer.Option("--site", help="only this site")]
JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON")]
_MARKS = re.compile(f"{re.escape(MARK_OPEN)}|{re.escape(MARK_CLOSE)}")


def parse_when(value: str | None, option: str) -> datetime | None:
    """ISO 8601 dates or times; a time without a zone is UTC."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        fail(f"{option}: {value!r} is not an ISO 8601 date or time", EXIT_USAGE)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def open_index() -> Database:
    db = Database(load_config().db)
    db.migrate()
    return db


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@articles_app.command("search")
def search(
    query: Annotated[
        str | None, typer.Argument(help='words, "a phrase", -excluded, a OR b')
    ] = None,
    site: SiteOption = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 20,
    json_output: JsonFlag = False,
) -> None:
    """Ranked full-text search (title weighs most); without QUERY, the newest articles."""
    try:
        hits = search_articles(
            open_index(),
            query,
            site=site,
            since=parse_when(since, "--since"),
            until=parse_when(until, "--until"),
            limit=limit,
        )
    except QueryError as exc:
        fail(f"invalid query: {exc}", EXIT_USAGE)
    if json_output:
        print_json(
            [
                {
                    "url": h.url,
                    "title": h.title,
                    "authors": h.authors,
                    "published": _iso(h.published),
                    "site": h.site,
                    "captured_at": _iso(h.captured_at),
                    "warc": h.warc,
                    "offset": h.offset,
                    "length": h.length,
                    "snippet": h.snippet,
                }
                for h in hits
            ]
        )
        return
    table = Table(show_lines=bool(query))
    for column in ("published", "site", "title / url", *(("snippet",) if query else ())):
        table.add_column(column, overflow="fold")
    for hit in hits:
        published = hit.published.date().isoformat() if hit.published else "—"
        title = f"[bold]{escape(hit.title or '(untitled)')}[/]\n[dim]{escape(hit.url)}[/]"
        snippet = (_highlighted(hit.snippet or ""),) if query else ()
        table.add_row(published, hit.site, title, *snippet)
    out.print(table)
    out.print(f"{len(hits)} article(s)")


def _highlighted(snippet: str) -> Text:
    """The snippet with its matches in reverse video.

    Built as a ``Text`` rather than markup: article text is full of brackets that markup
    would read as tags.
    """
    highlighted = Text()
    for index, part in enumerate(_MARKS.split(snippet)):
        highlighted.append(part, style="reverse" if index % 2 else "")
    return highlighted


@articles_app.command("show")
def show(url: str, json_output: JsonFlag = False) -> None:
    """Metadata, text, and every capture of the article at URL (canonical or not)."""
    article = get_article(open_index(), url)
    if article is None:
        fail(f"no archived article at {url}")
    detail: dict[str, Any] = {
        "url": article.url,
        "site": article.site,
        "title": article.title,
        "social_title": article.social_title,
        "authors": article.authors,
        "publisher": article.publisher,
        "published": _iso(article.published),
        "modified": _iso(article.modified),
        "language": article.language,
        "section": article.section,
        "description": article.description,
        "word_count": article.word_count,
        "aliases": article.aliases,
        "text": article.text,
        "captures": [
            {
                "captured_at": _iso(c.captured_at),
                "type": str(c.record_type),
                "status": c.status,
                "warc": c.warc,
                "offset": c.offset,
                "length": c.length,
                "record_id": c.record_id,
            }
            for c in article.captures
        ],
        "versions": [
            {"version": v.version, "captured_at": _iso(v.captured_at), "title": v.title}
            for v in article.versions
        ],
        "current_version": article.current_version,
    }
    if json_output:
        print_json(detail)
        return
    out.print(f"[bold]{escape(article.title or '(untitled)')}[/]")
    for name in (
        "url", "site", "social_title", "authors", "publisher", "published", "modified",
        "language", "section",
    ):  # fmt: skip
        value = detail[name]
        out.print(
            f"[dim]{name}:[/] {escape(', '.join(value) if isinstance(value, list) else str(value))}"
        )
    out.print()
    out.print(escape(article.text))
    out.print()
    columns = ("captured_at", "type", "status", "warc", "offset", "length")
    table = Table(*columns, title="captures")
    for capture in detail["captures"]:
        table.add_row(*(str(capture[c]) for c in columns))
    out.print(table)


@articles_app.command("get")
def get(
    url: str,
    at: Annotated[str | None, typer.Option(help="the capture at or before this time")] = None,
) -> None:
    """Print the archived page body of URL, decoded, read from its WARC record."""
    db = open_index()
    capture = capture_at(db, url, parse_when(at, "--at"))
    if capture is None:
        fail(f"no capture of {url}" + (f" at or before {at}" if at else ""))
    try:
        record = read_payload_capture(db, capture)
        body = record.decoded_body()
    except (RecordUnavailableError, ValueError) as exc:
        fail(str(exc))
    content_type = record.http_header("Content-Type") or ""
    if content_type.startswith(("text/", "application/xhtml", "application/xml")):
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
    if first is None:
        return
    if format is ExportFormat.jsonl:
        for row in _chain(first, rows):
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(first))
    writer.writeheader()
    for row in _chain(first, rows):
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})


def _chain(first: dict[str, Any], rest: Any) -> Any:
    yield first
    yield from rest
