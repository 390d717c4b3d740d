"""Which captures an export holds: the filters of ``articles search``, plus ``run``, as SQL.

An export starts from *roots*, the captures its filters select, and adds what replaying them
needs (``storage.replayset``). The filters are search's own (``search.article_conditions``),
so an export of a query packs exactly the articles that search finds:

- every capture of every matching article (``QUERY``, ``site``, ``since``/``until`` on the
  article's date, as search applies them), only those of run ``run_id`` when given;
- without a ``QUERY``, every other record of the selected scope too (hub pages, feeds,
  sitemaps, robots.txt, errors, requisites): the site's, the run's, or the whole archive's,
  captured within ``since``/``until`` when given. A site or a run exports whole.

Captures are found through the ``captures`` and ``warc_files`` tables (and ``articles`` only
for article filters and titles), so a capture keeps its own URL, site and run whatever the
article it belongs to is called.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, union_all
from w3lib.url import safe_url_string

from storage.models import Article, ArticleVersion, Capture, RecordType, WarcFile
from storage.search import article_conditions

if TYPE_CHECKING:
    from storage.db import Database

#: Capture rows fetched per query while walking a selection.
BATCH = 500
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class EmptySelectionError(LookupError):
    """No capture matches the filters; the message is one line that repeats them."""


@dataclass(frozen=True)
class ExportFilters:
    """What to export; all None selects the whole archive. Dates must be timezone-aware."""

    query: str | None = None
    site: str | None = None
    run_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    language: str | None = None
    #: One capture alone (its ``WARC-Record-ID``), as the web app replays it; the others
    #: filters are not applied then.
    record_id: str | None = None

    @property
    def whole_scope(self) -> bool:
        """True when every record of the site, run or archive is selected, not only articles."""
        return not (self.query and self.query.strip()) and not self.language and not self.record_id

    def describe(self) -> str:
        """The filters in words, for messages and the WACZ's title."""
        if self.record_id:
            return f"record {self.record_id}"
        parts = [f"site {self.site}"] if self.site else []
        if self.run_id is not None:
            parts.append(f"run {self.run_id}")
        if self.since:
            parts.append(f"since {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.language:
            parts.append(f"language {self.language}")
        if self.query and self.query.strip():
            parts.append(f"query {self.query.strip()!r}")
        return ", ".join(parts) or "the whole archive"


@dataclass(frozen=True)
class SelectedCapture:
    """A response or revisit record of the index, with its file and (for articles) title."""

    id: int
    run_id: int | None
    url: str
    status: int | None
    mime: str | None
    captured_at: datetime
    record_id: str
    record_type: RecordType
    payload_digest: str | None
    offset: int
    length: int
    refers_to_record_id: str | None
    article_id: int | None
    redirected_from: list[str] | None
    warc_file_id: int
    warc_url: str
    warc_size: int | None
    title: str | None

    @property
    def is_html_page(self) -> bool:
        return self.status == 200 and (self.mime or "") in HTML_TYPES


def _root_queries(db: Database, filters: ExportFilters) -> list[Select[int, int, int]]:
    """Ids of the selected captures, with their file and offset (read order)."""
    columns = (Capture.id, Capture.warc_file_id, Capture.offset)
    if filters.record_id is not None:
        return [select(*columns).where(Capture.record_id == filters.record_id)]
    conditions = article_conditions(
        db,
        filters.query,
        site=filters.site,
        since=filters.since,
        until=filters.until,
        language=filters.language,
    )
    in_run = [Capture.run_id == filters.run_id] if filters.run_id is not None else []
    articles = select(*columns).join(Article, Article.id == Capture.article_id)
    queries: list[Select[int, int, int]] = [articles.where(*conditions, *in_run)]
    if filters.whole_scope:
        scope: list[ColumnElement[bool]] = [Capture.article_id.is_(None), *in_run]
        if filters.site is not None:
            scope.append(WarcFile.site == filters.site)
        if filters.since is not None:
            scope.append(Capture.captured_at >= filters.since)
        if filters.until is not None:
            scope.append(Capture.captured_at < filters.until)
        others = select(*columns).join(WarcFile, WarcFile.id == Capture.warc_file_id)
        queries.append(others.where(*scope))
    return queries


def check_selection(db: Database, filters: ExportFilters) -> None:
    """Raise :class:`EmptySelectionError` unless the filters select at least one capture.

    Also checks the query and dates (``QueryError``, ``ValueError``) before anything is read.
    """
    queries = _root_queries(db, filters)
    with db.session() as session:
        found = session.scalar(select(or_(*(exists(query) for query in queries))))
    if not found:
        raise EmptySelectionError(f"nothing to export: no capture matches {filters.describe()}")


def root_ids(db: Database, filters: ExportFilters) -> Iterator[int]:
    """Ids of the selected captures, file by file in file order, streamed."""
    queries = _root_queries(db, filters)
    combined = union_all(*queries).subquery() if len(queries) > 1 else queries[0].subquery()
    stmt = (
        select(combined.c.id)
        .order_by(combined.c.warc_file_id, combined.c.offset)
        .execution_options(yield_per=BATCH)
    )
    with db.session() as session:
        yield from session.scalars(stmt)


def _title_at_capture() -> Any:
    """The article's title as of the capture: its version then, else the current title."""
    version = (
        select(ArticleVersion.title)
        .where(
            ArticleVersion.article_id == Capture.article_id,
            ArticleVersion.captured_at <= Capture.captured_at,
        )
        .order_by(ArticleVersion.version.desc())
        .limit(1)
        .correlate(Capture)
        .scalar_subquery()
    )
    current = select(Article.title).where(Article.id == Capture.article_id).scalar_subquery()
    return func.coalesce(version, current)


def load_captures(db: Database, ids: list[int]) -> dict[int, SelectedCapture]:
    """The captures with these ids (at most :data:`BATCH`), by id."""
    stmt = (
        select(
            Capture.id, Capture.run_id, Capture.url, Capture.status, Capture.mime,
            Capture.captured_at, Capture.record_id, Capture.record_type,
            Capture.payload_digest, Capture.offset, Capture.length,
            Capture.refers_to_record_id, Capture.article_id, Capture.redirected_from,
            Capture.warc_file_id, WarcFile.storage_url.label("warc_url"),
            WarcFile.size.label("warc_size"), _title_at_capture().label("title"),
        )
        .join(WarcFile, WarcFile.id == Capture.warc_file_id)
        .where(Capture.id.in_(ids))
    )  # fmt: skip
    with db.session() as session:
        rows = session.execute(stmt).all()
    return {row.id: SelectedCapture(**row._asdict()) for row in rows}


class CaptureResolver:
    """Finds the capture a page needs: by URL as of a run and time, or by record id.

    A URL resolves to its capture in the same run, else to its newest capture before ``at``
    (a recrawl that did not fetch a stylesheet again replays with the one it last fetched).
    Answers are remembered per (URL, run) in a bounded map: pages of one run share most of
    their requisites.
    """

    def __init__(self, db: Database, remembered: int = 10_000) -> None:
        self.db = db
        self._remembered = remembered
        self._answers: dict[tuple[str, int], int | None] = {}

    def by_url(self, url: str, run_id: int | None, at: datetime) -> int | None:
        key = (url, run_id) if run_id is not None else None
        if key is not None and key in self._answers:
            return self._answers[key]
        found = None
        for candidate in _spellings(url):
            found = self._find(candidate, run_id, at)
            if found is not None:
                break
        if key is not None:
            if len(self._answers) >= self._remembered:
                self._answers.clear()
            self._answers[key] = found
        return found

    def by_record_id(self, record_id: str) -> int | None:
        with self.db.session() as session:
            return session.scalar(select(Capture.id).where(Capture.record_id == record_id))

    def _find(self, url: str, run_id: int | None, at: datetime) -> int | None:
        with self.db.session() as session:
            if run_id is not None:
                same_run = session.scalar(
                    select(Capture.id)
                    .where(Capture.url == url, Capture.run_id == run_id)
                    .order_by(Capture.captured_at, Capture.id)
                    .limit(1)
                )
                if same_run is not None:
                    return same_run
            return session.scalar(
                select(Capture.id)
                .where(Capture.url == url, Capture.captured_at <= at)
                .order_by(Capture.captured_at.desc(), Capture.id.desc())
                .limit(1)
            )


def _spellings(url: str) -> list[str]:
    """``url`` as written, as the crawler requested it (percent-encoded), and without fragment."""
    defragmented = url.split("#", 1)[0]
    safe = safe_url_string(defragmented)
    return list(dict.fromkeys((url, safe, defragmented)))
