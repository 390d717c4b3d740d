"""Batched writes of one crawl's captures and articles into the index.

A crawl produces a row for every WARC record it writes; committing each one would make the
database the bottleneck, so ``IndexWriter`` buffers them and commits a batch per transaction
(every ``batch_size`` rows, or on the first row added after ``flush_interval`` seconds). Before
each commit it calls ``before_commit`` (the WARC writer's fsync), so an index row never names a
record that a crash could still take away. A failed commit keeps the buffer for the next try.

Articles are upserted per site: a capture joins the site's article known under its URL, or
under its canonical when the crawl trusts that canonical (``ArticleRow.canonical_in_site``);
otherwise it starts a new article under the URL it was captured at. Every other URL of the
article within the site becomes an alias, and a new ``article_versions`` row is added only when
the text actually changed.

Used from one thread (the crawl's reactor thread); the flush interval is checked when rows are
added, so a caller that may go quiet calls ``flush()`` itself.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from sqlalchemy import Row, bindparam, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from storage.models import (
    Article,
    ArticleUrl,
    ArticleVersion,
    Base,
    Capture,
    RecordType,
    WarcFile,
)
from storage.warcledger import LedgerEntry, WarcLedger
from storage.warcwriter import RefersTo, warc_date

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

    from storage.db import Database

# Keeps IN (...) lists well under SQLite's bound-parameter limit.
_CHUNK = 500


#: A capture as the article upsert reads it: id, record_id, url, captured_at.
CapturedRow: TypeAlias = "Row[int, str, str, datetime]"


@dataclass(frozen=True)
class CaptureRow:
    """One response or revisit record written to a WARC file (``warc_name`` is registered)."""

    run_id: int | None
    warc_name: str
    url: str
    status: int | None
    mime: str | None
    captured_at: datetime
    record_id: str
    record_type: RecordType | str
    payload_digest: str | None
    offset: int
    length: int
    refers_to_record_id: str | None = None
    extraction_error: str | None = None
    index_pending: bool = False  # an HTML page for the article indexer
    redirected_from: list[str] | None = None


@dataclass(frozen=True)
class ArticleRow:
    """The fields extracted from one captured article page.

    ``canonical_url`` is what the page declared (its own URL when it declared none); it merges
    the capture into the site's article under that URL only when ``canonical_in_site`` says the
    crawl trusts it (it names the site's own domains), and is otherwise only recorded.
    ``published`` is aware, in the UTC offset the page gave it in: the index stores the
    instant and the offset apart, and shows it in that offset again. ``aliases`` are the other
    URLs it was reached under (redirect sources); the URL of the capture itself is where a new
    article is filed.
    """

    canonical_url: str
    site: str
    title: str | None
    authors: list[str]
    published: datetime | None
    modified: datetime | None
    language: str | None
    section: str | None
    description: str | None
    text: str
    word_count: int
    aliases: list[str] = field(default_factory=list)
    canonical_in_site: bool = False
    social_title: str | None = None  # og:title or JSON-LD headline, when title is the <h1>
    publisher: str | None = None  # the organisation credited (never among ``authors``)

    @property
    def published_offset(self) -> int | None:
        """Minutes east of UTC that ``published`` was given in."""
        offset = self.published.utcoffset() if self.published is not None else None
        return None if offset is None else int(offset.total_seconds() // 60)


def text_sha256(text: str) -> str:
    """The digest that decides whether an article's text changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: A PostgreSQL lock on one URL of one site until the transaction ends (``_lock_articles``).
_LOCK_ARTICLE_URL = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


class _ArticleBatch:
    """Rows of one flush that need no answer back: article versions and capture links."""

    def __init__(self) -> None:
        self.versions: list[dict[str, Any]] = []
        self.links: list[dict[str, int]] = []

    def add_version(
        self, article_id: int, version: int, digest: str, row: ArticleRow, capture: CapturedRow
    ) -> None:
        self.versions.append(
            {
                "article_id": article_id,
                "version": version,
                "text_sha256": digest,
                "title": row.title,
                "authors": list(row.authors),
                "text": row.text,
                "captured_at": capture.captured_at,
                "capture_id": capture.id,
            }
        )

    def write_versions(self, session: Session) -> None:
        if self.versions:
            session.execute(_table(ArticleVersion).insert(), self.versions)
            self.versions.clear()

    def write(self, session: Session) -> None:
        self.write_versions(session)
        if self.links:
            captures = _table(Capture)
            session.execute(
                captures.update()
                .where(captures.c.id == bindparam("capture_id"))
                .values(article_id=bindparam("linked_article")),
                self.links,
            )


class IndexWriter:
    """Buffers a crawl's index rows and commits them in batches, after the WARC data is safe."""

    def __init__(
        self,
        db: Database,
        *,
        batch_size: int = 200,
        flush_interval: float = 2.0,
        before_commit: Callable[[], None] | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.db = db
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.before_commit = before_commit
        self._insert = sqlite.insert if db.dialect == "sqlite" else postgresql.insert
        # Core, not the ORM, and built once: the row's id is all this needs back, and building
        # the statement per article cost more than running it.
        articles = _table(Article)
        self._new_article = (
            self._insert(articles)
            .on_conflict_do_nothing(index_elements=[articles.c.site, articles.c.url])
            .returning(articles.c.id)
        )
        self.ledger = WarcLedger(db)
        self._captures: list[CaptureRow] = []
        self._articles: list[tuple[str, ArticleRow]] = []
        self._errors: list[tuple[str, str]] = []
        self._indexed: list[str] = []
        self._pending_since: float | None = None
        self._closed = False

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # WARC files: written at once to the ledger, which upload and recovery work from. -------

    def register_warc_file(
        self, name: str, site: str, run_id: int | None, spool_path: str, storage_url: str
    ) -> int:
        """Record a newly opened WARC file and its final storage URL; return its id."""
        return self.ledger.register(name, site, run_id, spool_path, storage_url).id

    def warc_closed(self, name: str, size: int, sha256: str, records: int) -> None:
        """The file is complete in the spool: remember its size, checksum and record count."""
        self.ledger.closed(name, size, sha256, records)

    # Buffered rows ---------------------------------------------------------------------------

    def add_capture(self, row: CaptureRow) -> None:
        """Queue a capture row; its WARC file must be registered."""
        self._check_open()
        if self.ledger.entry(row.warc_name) is None:
            raise ValueError(f"capture of {row.url} names unregistered WARC file {row.warc_name!r}")
        RecordType(row.record_type)  # refuse unknown record types now, not in a later flush
        self._captures.append(row)
        self._added()

    def indexed(
        self, record_id: str, article: ArticleRow | None = None, error: str | None = None
    ) -> None:
        """The article indexer is done with the pending capture ``record_id``: it held
        ``article``, or extraction failed with ``error``, or it is no article (neither)."""
        self._check_open()
        if article is not None:
            self._articles.append((record_id, article))
        elif error is not None:
            self._errors.append((record_id, error))
        self._indexed.append(record_id)
        self._added()

    def _added(self) -> None:
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        pending = len(self._captures) + len(self._indexed) + len(self._articles) + len(self._errors)
        if pending >= self.batch_size or now - self._pending_since >= self.flush_interval:
            self.flush()

    def flush(self) -> None:
        """Commit everything buffered in one transaction, after ``before_commit``."""
        if not (self._captures or self._articles or self._errors or self._indexed):
            return
        if self.before_commit is not None:
            self.before_commit()
        # Two processes write during a crawl (the crawl its captures, the article indexer its
        # articles), so take SQLite's write lock up front rather than fail on an upgrade.
        with self.db.session(write=True) as session:
            if self._captures:
                # Core, not the ORM: a batch of plain rows needs no identity map.
                session.execute(
                    _table(Capture).insert(), [self._capture_values(r) for r in self._captures]
                )
            if self._articles:
                self._write_articles(session)
            for record_id, message in self._errors:
                session.execute(
                    update(Capture)
                    .where(Capture.record_id == record_id)
                    .values(extraction_error=message)
                )
            for chunk in _chunks(self._indexed):
                session.execute(
                    update(Capture).where(Capture.record_id.in_(chunk)).values(index_pending=False)
                )
        self._captures.clear()
        self._articles.clear()
        self._errors.clear()
        self._indexed.clear()
        self._pending_since = None

    def close(self) -> None:
        """Flush what is left; the writer takes no more rows afterwards."""
        if not self._closed:
            self.flush()
            self._closed = True

    def _warc_entry(self, name: str) -> LedgerEntry:
        entry = self.ledger.entry(name)
        if entry is None:
            raise ValueError(f"unknown WARC file {name!r}: register it first")
        return entry

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("IndexWriter is closed")

    def _capture_values(self, row: CaptureRow) -> dict[str, Any]:
        return {
            "run_id": row.run_id,
            "warc_file_id": self._warc_entry(row.warc_name).id,
            "url": row.url,
            "status": row.status,
            "mime": row.mime,
            "captured_at": row.captured_at,
            "record_id": row.record_id,
            "record_type": RecordType(row.record_type),
            "payload_digest": row.payload_digest,
            "offset": row.offset,
            "length": row.length,
            "refers_to_record_id": row.refers_to_record_id,
            "extraction_error": row.extraction_error,
            "index_pending": row.index_pending,
            "redirected_from": row.redirected_from,
        }

    # Articles --------------------------------------------------------------------------------

    def _write_articles(self, session: Session) -> None:
        """Upsert the buffered articles; new versions and capture links go in as batches."""
        record_ids = {record_id for record_id, _ in self._articles}
        captures = {
            row.record_id: row
            for chunk in _chunks(record_ids)
            for row in session.execute(
                select(Capture.id, Capture.record_id, Capture.url, Capture.captured_at).where(
                    Capture.record_id.in_(chunk)
                )
            )
        }
        if unknown := record_ids - captures.keys():
            raise ValueError(f"unknown capture {min(unknown)}: add_capture() it first")
        batch = _ArticleBatch()
        if self.db.dialect != "sqlite":
            self._lock_articles(session, captures)
        filed = _FiledUrls.load(
            session,
            {(row.site, key) for record_id, row in self._articles
             for key in _article_keys(captures[record_id].url, row)},
        )  # fmt: skip
        for record_id, row in self._articles:
            self._upsert_article(session, batch, filed, captures[record_id], row)
        batch.write(session)

    def _lock_articles(self, session: Session, captures: dict[str, CapturedRow]) -> None:
        """Take the batch's articles, by site and URL, in one order every writer shares.

        PostgreSQL writers run at once (indexer processes of one crawl, or two crawls of one
        site) and lock each article row they upsert; two that met the same articles in opposite
        orders would wait on each other until PostgreSQL aborted one. A transaction-scoped
        advisory lock per URL a capture may be filed under, taken in order before any row,
        makes such a cycle impossible and keeps two writers from filing one article twice,
        while ids keep following capture order. (SQLite has one writer at a time.)
        """
        keys = set()
        for record_id, row in self._articles:
            for url in _article_keys(captures[record_id].url, row):
                keys.add(f"{row.site}\n{url}")
        for key in sorted(keys):
            session.execute(_LOCK_ARTICLE_URL, {"key": key})

    def _upsert_article(
        self,
        session: Session,
        batch: _ArticleBatch,
        filed: _FiledUrls,
        capture: CapturedRow,
        row: ArticleRow,
    ) -> None:
        digest = text_sha256(row.text)
        keys = _article_keys(capture.url, row)
        article_id = filed.find(row.site, capture.url, keys)
        if article_id is None:
            new_id = session.scalar(self._new_article, self._article_values(capture, row))
            if new_id is not None:
                batch.add_version(new_id, 1, digest, row, capture)
                filed.at[(row.site, capture.url)] = new_id
                self._file(session, batch, filed, capture, row, new_id, capture.url, keys)
                return
            # Filed a moment ago under this very URL by another writer (PostgreSQL).
            article_id = session.scalar(
                select(Article.id).where(Article.site == row.site, Article.url == capture.url)
            )
            if article_id is None:
                raise RuntimeError(f"article at {capture.url} of {row.site} vanished")
        # An earlier capture of the same article in this batch must be seen as a version.
        batch.write_versions(session)
        # Lock the row: two writers may file captures of one article at once (PostgreSQL).
        article = session.scalars(
            select(Article).where(Article.id == article_id).with_for_update()
        ).one()
        self._update_article(session, batch, article, capture, row, digest)
        earlier_url = article.url
        if capture.url == row.canonical_url != earlier_url and row.canonical_in_site:
            # Captured at last at the URL the site itself calls canonical: filed there now.
            article.url = capture.url
            session.execute(
                delete(ArticleUrl).where(ArticleUrl.site == row.site, ArticleUrl.url == capture.url)
            )
            filed.renamed(row.site, earlier_url, capture.url, article.id)
            keys = [*keys, earlier_url]
        self._file(session, batch, filed, capture, row, article.id, article.url, keys)

    def _file(
        self,
        session: Session,
        batch: _ArticleBatch,
        filed: _FiledUrls,
        capture: CapturedRow,
        row: ArticleRow,
        article_id: int,
        article_url: str,
        keys: list[str],
    ) -> None:
        """Link the capture to its article, and make the article's other URLs its aliases."""
        batch.links.append({"capture_id": capture.id, "linked_article": article_id})
        for alias in sorted({*keys, *row.aliases} - {article_url}):
            if filed.aliased.get((row.site, alias)) == article_id:
                continue
            session.execute(
                self._insert(ArticleUrl)
                .values(site=row.site, url=alias, article_id=article_id)
                .on_conflict_do_update(
                    index_elements=[ArticleUrl.site, ArticleUrl.url],
                    set_={"article_id": article_id},
                )
            )
            filed.aliased[(row.site, alias)] = article_id

    @staticmethod
    def _article_values(capture: CapturedRow, row: ArticleRow) -> dict[str, Any]:
        return {
            "site": row.site,
            "url": capture.url,
            "canonical_url": row.canonical_url,
            "title": row.title,
            "social_title": row.social_title,
            "authors": list(row.authors),
            "publisher": row.publisher,
            "published": row.published,
            "published_offset": row.published_offset,
            "modified": row.modified,
            "language": row.language,
            "section": row.section,
            "description": row.description,
            "text": row.text,
            "word_count": row.word_count,
            "first_captured_at": capture.captured_at,
            "last_captured_at": capture.captured_at,
            "current_version": 1,
        }

    def _update_article(
        self,
        session: Session,
        batch: _ArticleBatch,
        article: Article,
        capture: CapturedRow,
        row: ArticleRow,
        digest: str,
    ) -> None:
        when = capture.captured_at
        if when < article.last_captured_at:
            # An older capture arriving late only widens the known span; the text stays current.
            article.first_captured_at = min(article.first_captured_at, when)
            return
        article.last_captured_at = when
        article.canonical_url = row.canonical_url
        # A later page that lacks a field (say, no byline) must not erase what we knew.
        for name in (
            "title", "social_title", "publisher", "modified", "language", "section", "description",
        ):  # fmt: skip
            value = getattr(row, name)
            if value is not None:
                setattr(article, name, value)
        if row.published is not None:
            article.published = row.published
            article.published_offset = row.published_offset
        if row.authors:
            article.authors = list(row.authors)
        current = session.execute(
            select(ArticleVersion.text_sha256, ArticleVersion.title, ArticleVersion.authors).where(
                ArticleVersion.article_id == article.id,
                ArticleVersion.version == article.current_version,
            )
        ).one_or_none()
        if current is None or _changed(current, digest, row):
            article.current_version += 1
            article.text = row.text
            article.word_count = row.word_count
            batch.add_version(article.id, article.current_version, digest, row, capture)

    # Lookups for the crawl ------------------------------------------------------------------

    def lookup_digest(self, payload_digest: str, site: str) -> RefersTo | None:
        """The newest response record of ``site`` with this payload, for a revisit to refer to.

        Only the site's own records count, so each site's WARC files replay and export on
        their own. Rows still in the buffer count, so a payload seen twice in one batch is
        found too. Revisits are never returned: a revisit must point at a record that holds
        the payload.
        """
        for row in reversed(self._captures):
            if (
                row.payload_digest == payload_digest
                and row.record_type == RecordType.RESPONSE
                and self._warc_entry(row.warc_name).site == site
            ):
                return _refers_to(row.record_id, row.url, row.captured_at)
        with self.db.session() as session:
            found = session.execute(
                select(Capture.record_id, Capture.url, Capture.captured_at)
                .join(WarcFile, WarcFile.id == Capture.warc_file_id)
                .where(
                    Capture.payload_digest == payload_digest,
                    Capture.record_type == RecordType.RESPONSE,
                    WarcFile.site == site,
                )
                .order_by(Capture.captured_at.desc(), Capture.id.desc())
                .limit(1)
            ).first()
        return _refers_to(*found) if found else None

    def last_capture_times(self, urls: Iterable[str], site: str) -> dict[str, datetime]:
        """When each URL's article of ``site`` was last captured, for URLs the site knows as
        articles (under the article's URL or an alias). Another site's captures of the same
        URL do not count: each site decides its own recaptures.

        Buffered rows are not consulted: within one run, Scrapy's duplicate filter already
        stops a second fetch.
        """
        wanted = set(urls)
        found: dict[str, datetime] = {}
        with self.db.session() as session:
            for chunk in _chunks(wanted):
                rows = list(
                    session.execute(
                        select(Article.url, Article.last_captured_at).where(
                            Article.site == site, Article.url.in_(chunk)
                        )
                    )
                )
                rows += session.execute(
                    select(ArticleUrl.url, Article.last_captured_at)
                    .join(Article, Article.id == ArticleUrl.article_id)
                    .where(ArticleUrl.site == site, ArticleUrl.url.in_(chunk))
                ).all()
                for url, when in rows:
                    found[url] = max(when, found.get(url, when))
        return found


@dataclass
class _FiledUrls:
    """Which article each of a flush's URLs is filed under, per site: as an article's own URL
    (``at``) or as an alias (``aliased``). Read with one query of each per site and chunk,
    then kept in step as the flush files its articles."""

    at: dict[tuple[str, str], int] = field(default_factory=dict)
    aliased: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, wanted: set[tuple[str, str]]) -> _FiledUrls:
        filed = cls()
        by_site: dict[str, set[str]] = {}
        for site, url in wanted:
            by_site.setdefault(site, set()).add(url)
        for site, urls in by_site.items():
            for chunk in _chunks(urls):
                for article_id, url in session.execute(
                    select(Article.id, Article.url).where(
                        Article.site == site, Article.url.in_(chunk)
                    )
                ):
                    filed.at[(site, url)] = article_id
                for url, article_id in session.execute(
                    select(ArticleUrl.url, ArticleUrl.article_id).where(
                        ArticleUrl.site == site, ArticleUrl.url.in_(chunk)
                    )
                ):
                    filed.aliased[(site, url)] = article_id
        return filed

    def find(self, site: str, captured_url: str, keys: list[str]) -> int | None:
        """The article a capture joins: the one at its own URL, else the one its trusted
        canonical names, else one that has either as an alias."""
        for table in (self.at, self.aliased):
            for url in (captured_url, *keys):
                if (site, url) in table:
                    return table[(site, url)]
        return None

    def renamed(self, site: str, earlier: str, now: str, article_id: int) -> None:
        self.at.pop((site, earlier), None)
        self.at[(site, now)] = article_id
        self.aliased.pop((site, now), None)


def _article_keys(captured_url: str, row: ArticleRow) -> list[str]:
    """The URLs a capture may be filed under in its site: where it was captured, and its
    canonical when the crawl trusts it."""
    if row.canonical_in_site and row.canonical_url != captured_url:
        return [row.canonical_url, captured_url]
    return [captured_url]


def _changed(current: Row[str, str | None, list[str] | None], digest: str, row: ArticleRow) -> bool:
    """Whether the page is a new version: its text, headline or byline changed.

    A headline or byline the page does not give, or a byline the current version predates
    (indexed before bylines were kept per version), is no change.
    """
    text_sha256, title, authors = current
    return (
        text_sha256 != digest
        or (row.title is not None and row.title != title)
        or (bool(row.authors) and authors is not None and list(row.authors) != authors)
    )


def _refers_to(record_id: str, url: str, captured_at: datetime) -> RefersTo:
    # The writer's own rendering of the original's WARC-Date, so the two match exactly.
    return RefersTo(record_id=record_id, target_uri=url, warc_date=warc_date(captured_at))


def _table(model: type[Base]) -> Table:
    """A model's table, for Core statements (the ORM types ``__table__`` loosely)."""
    return cast("Table", model.__table__)


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
