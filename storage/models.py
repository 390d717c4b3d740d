"""SQLAlchemy models of the index and run database.

One schema serves SQLite (one machine) and PostgreSQL (many machines); everything here is
backend-neutral. The full-text parts that genuinely differ live in ``fulltext_sqlite`` and
``fulltext_postgres`` and are created by the migrations, not by these models.

The schema is owned by Alembic (``storage/migrations``): a change here needs a new migration.
Times are stored in UTC and always come back timezone-aware (``UTCDateTime``), so code never
compares naive and aware datetimes.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Deterministic constraint names let later migrations (and SQLite batch mode) refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time as an aware UTC datetime, the only kind the models accept."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC that is returned timezone-aware on every backend.

    SQLite has no timezone-aware type, so values are stored there as naive UTC text (which also
    sorts chronologically); PostgreSQL gets ``timestamptz``. Naive input is refused because its
    zone is a guess, and a wrong guess silently shifts capture times.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: give a timezone-aware time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class RunTrigger(enum.StrEnum):
    SCHEDULE = "schedule"
    MANUAL = "manual"


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class RequestKind(enum.StrEnum):
    TRIGGER = "trigger"
    CANCEL = "cancel"
    PAUSE = "pause"
    RESUME = "resume"


class WarcStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    STORED = "stored"


class RecordType(enum.StrEnum):
    RESPONSE = "response"
    REVISIT = "revisit"


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    """A VARCHAR + CHECK enum storing the values: portable, and readable in plain SQL."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[str]: JSON()}


class Site(Base):
    """A site of the sites file as the scheduler last saw it (pause state survives reloads)."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    cron: Mapped[str | None] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    config_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Run(Base):
    """One crawl run of one site, from queued to a final status."""

    __tablename__ = "runs"
    # Each site's last successful run, found by one index seek per site (the metrics).
    __table_args__ = (Index("ix_runs_site_status_finished_at", "site", "status", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(100), index=True)
    trigger: Mapped[RunTrigger] = mapped_column(_enum(RunTrigger, "run_trigger"))
    status: Mapped[RunStatus] = mapped_column(
        _enum(RunStatus, "run_status"), default=RunStatus.QUEUED, index=True
    )
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The fire time APScheduler meant for a scheduled run: its lag is started_at minus this.
    scheduled_at: Mapped[datetime | None]
    # Indexed: the metrics read the runs that started or ended since their last look.
    started_at: Mapped[datetime | None] = mapped_column(index=True)
    finished_at: Mapped[datetime | None] = mapped_column(index=True)
    pages: Mapped[int] = mapped_column(default=0, server_default="0")
    articles: Mapped[int] = mapped_column(default=0, server_default="0")
    bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    errors: Mapped[int] = mapped_column(default=0, server_default="0")
    warc_files: Mapped[int] = mapped_column(default=0, server_default="0")
    refused: Mapped[int] = mapped_column(default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    log_path: Mapped[str | None] = mapped_column(Text)
    worker: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]
    heartbeat_at: Mapped[datetime | None]
    # The token of the attempt that holds the run (``storage.runs``): set when a worker claims
    # it or its crawl starts it, cleared when it goes back to the queue.
    attempt: Mapped[str | None] = mapped_column(String(32))
    cancel_requested: Mapped[bool] = mapped_column(default=False, server_default=false())
    summary: Mapped[dict[str, Any] | None]


class SiteLock(Base):
    """At most one run per site at a time; the lease expires if its holder dies."""

    __tablename__ = "site_locks"

    site: Mapped[str] = mapped_column(String(100), primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    holder: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime]


class RunRequest(Base):
    """An operator's request (trigger, cancel, pause, resume) waiting for the daemon."""

    __tablename__ = "run_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RequestKind] = mapped_column(_enum(RequestKind, "request_kind"))
    site: Mapped[str | None] = mapped_column(String(100))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(index=True)
    result: Mapped[str | None] = mapped_column(Text)


class WarcFile(Base):
    """A WARC file from its opening in the spool to its verified copy in storage.

    ``storage_url`` is decided when the file is opened and kept, so index rows can name the
    final location before the upload happens.
    """

    __tablename__ = "warc_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    site: Mapped[str] = mapped_column(String(100), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    status: Mapped[WarcStatus] = mapped_column(
        _enum(WarcStatus, "warc_status"), default=WarcStatus.OPEN, index=True
    )
    spool_path: Mapped[str | None] = mapped_column(Text)
    storage_url: Mapped[str] = mapped_column(Text)
    size: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    records: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    stored_at: Mapped[datetime | None]


class Capture(Base):
    """Where one response or revisit record sits: WARC file, offset and length."""

    __tablename__ = "captures"
    __table_args__ = (
        Index("ix_captures_url_captured_at", "url", "captured_at"),
        # The article indexer's queue: the pending captures, oldest first.
        Index("ix_captures_index_pending_id", "index_pending", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL"), index=True
    )
    warc_file_id: Mapped[int] = mapped_column(ForeignKey("warc_files.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    status: Mapped[int | None]
    mime: Mapped[str | None] = mapped_column(String(255))
    captured_at: Mapped[datetime]
    record_id: Mapped[str] = mapped_column(String(100), unique=True)
    record_type: Mapped[RecordType] = mapped_column(_enum(RecordType, "record_type"))
    payload_digest: Mapped[str | None] = mapped_column(String(100), index=True)
    offset: Mapped[int] = mapped_column(BigInteger)
    length: Mapped[int] = mapped_column(BigInteger)
    refers_to_record_id: Mapped[str | None] = mapped_column(String(100))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    extraction_error: Mapped[str | None] = mapped_column(Text)
    # An HTML page waiting for the article indexer (``spiders.articleindexer``), which reads
    # it back from its WARC record after the crawl has written it.
    index_pending: Mapped[bool] = mapped_column(default=False, server_default=false())
    # URLs that redirected to this capture: aliases of the article it holds.
    redirected_from: Mapped[list[str] | None]


class Article(Base):
    """One site's article, with its current version denormalised for search.

    Articles belong to the site whose crawl found them: two sites (or two site entries over
    one domain) that capture the same story hold two articles, each with its own captures.
    ``url`` is where the site's crawl captured it (after redirects); ``canonical_url`` is what
    the page declared, kept as a fact about the page. The crawl merges variants under a
    canonical only within the site's own domains (``spiders.indexing``), so a canonical naming
    another site never makes one site's page stand in for another's.
    """

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("site", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(100), index=True)
    # Indexed alone too: ``articles show URL`` looks a URL up across sites.
    url: Mapped[str] = mapped_column(Text, index=True)
    canonical_url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    social_title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(default=list)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None]
    # The UTC offset, in minutes, that the page gave ``published`` in (stored as UTC).
    published_offset: Mapped[int | None]
    modified: Mapped[datetime | None]
    language: Mapped[str | None] = mapped_column(String(35), index=True)
    section: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(default=0, server_default="0")
    first_captured_at: Mapped[datetime]
    last_captured_at: Mapped[datetime]
    current_version: Mapped[int] = mapped_column(default=1, server_default="1")


#: The date an article is listed, filtered and sorted by: published, or when unknown, first seen.
article_date = func.coalesce(Article.published, Article.first_captured_at)
Index("ix_articles_date", article_date)


class ArticleUrl(Base):
    """Another URL of a site's article: a redirect source, a variant captured under it (AMP,
    tracking parameters, ``m.`` host), or its canonical within the site's domains."""

    __tablename__ = "article_urls"

    site: Mapped[str] = mapped_column(String(100), primary_key=True)
    url: Mapped[str] = mapped_column(Text, primary_key=True, index=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )


class ArticleVersion(Base):
    """One distinct text of an article, kept when a later capture's text changed."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int]
    text_sha256: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    # The byline of this version; None for versions indexed before revision 0004 kept it.
    authors: Mapped[list[str] | None]
    text: Mapped[str] = mapped_column(Text)
    captured_at: Mapped[datetime]
    # Indexed: a site's page counts the new and changed articles of each run through it.
    capture_id: Mapped[int | None] = mapped_column(
        ForeignKey("captures.id", ondelete="SET NULL"), index=True
    )
