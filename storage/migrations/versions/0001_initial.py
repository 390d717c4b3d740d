"""Initial schema: sites, runs, locks, requests, WARC files, captures, articles, full text.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Written out in full rather than derived from the models, so that later model changes cannot
alter what this revision creates. The full-text objects differ per backend and come from
``storage.fulltext_sqlite`` / ``storage.fulltext_postgres``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import fulltext_postgres, fulltext_sqlite

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _time(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _count(name: str, big: bool = False) -> sa.Column:
    return sa.Column(
        name, sa.BigInteger() if big else sa.Integer(), server_default="0", nullable=False
    )


def _fk(column: str, target: str, ondelete: str | None, table: str) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=f"fk_{table}_{column}_{referred}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("paused", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("cron", sa.String(100), nullable=True),
        sa.Column("timezone", sa.String(64), server_default="UTC", nullable=False),
        sa.Column("config_error", sa.Text(), nullable=True),
        _time("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_sites"),
        sa.UniqueConstraint("slug", name="uq_sites_slug"),
    )

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("trigger", _enum("run_trigger", "schedule", "manual"), nullable=False),
        sa.Column(
            "status",
            _enum("run_status", "queued", "running", "succeeded", "failed", "cancelled"),
            nullable=False,
        ),
        _time("queued_at"),
        _time("started_at", nullable=True),
        _time("finished_at", nullable=True),
        _count("pages"),
        _count("articles"),
        _count("bytes", big=True),
        _count("errors"),
        _count("warc_files"),
        _count("refused"),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("log_path", sa.Text(), nullable=True),
        sa.Column("worker", sa.String(255), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        _time("heartbeat_at", nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_site", "runs", ["site"])
    op.create_index("ix_runs_status", "runs", ["status"])

    op.create_table(
        "site_locks",
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("holder", sa.Text(), nullable=False),
        _time("expires_at"),
        _fk("run_id", "runs.id", "SET NULL", "site_locks"),
        sa.PrimaryKeyConstraint("site", name="pk_site_locks"),
    )

    op.create_table(
        "run_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind", _enum("request_kind", "trigger", "cancel", "pause", "resume"), nullable=False
        ),
        sa.Column("site", sa.String(100), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        _time("created_at"),
        _time("handled_at", nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        _fk("run_id", "runs.id", "SET NULL", "run_requests"),
        sa.PrimaryKeyConstraint("id", name="pk_run_requests"),
    )
    op.create_index("ix_run_requests_handled_at", "run_requests", ["handled_at"])

    op.create_table(
        "warc_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("status", _enum("warc_status", "open", "closed", "stored"), nullable=False),
        sa.Column("spool_path", sa.Text(), nullable=True),
        sa.Column("storage_url", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("records", sa.Integer(), nullable=True),
        _time("created_at"),
        _time("closed_at", nullable=True),
        _time("stored_at", nullable=True),
        _fk("run_id", "runs.id", "SET NULL", "warc_files"),
        sa.PrimaryKeyConstraint("id", name="pk_warc_files"),
        sa.UniqueConstraint("name", name="uq_warc_files_name"),
    )
    op.create_index("ix_warc_files_site", "warc_files", ["site"])
    op.create_index("ix_warc_files_status", "warc_files", ["status"])

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("authors", sa.JSON(), nullable=False),
        _time("published", nullable=True),
        _time("modified", nullable=True),
        sa.Column("language", sa.String(35), nullable=True),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        _count("word_count"),
        _time("first_captured_at"),
        _time("last_captured_at"),
        sa.Column("current_version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("url", name="uq_articles_url"),
    )
    op.create_index("ix_articles_site", "articles", ["site"])
    op.create_index(
        "ix_articles_date", "articles", [sa.text("coalesce(published, first_captured_at)")]
    )

    op.create_table(
        "article_urls",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        _fk("article_id", "articles.id", "CASCADE", "article_urls"),
        sa.PrimaryKeyConstraint("url", name="pk_article_urls"),
    )
    op.create_index("ix_article_urls_article_id", "article_urls", ["article_id"])

    op.create_table(
        "captures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("warc_file_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("mime", sa.String(255), nullable=True),
        _time("captured_at"),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("record_type", _enum("record_type", "response", "revisit"), nullable=False),
        sa.Column("payload_digest", sa.String(100), nullable=True),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("refers_to_record_id", sa.String(100), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("extraction_error", sa.Text(), nullable=True),
        _fk("run_id", "runs.id", "SET NULL", "captures"),
        _fk("warc_file_id", "warc_files.id", None, "captures"),
        _fk("article_id", "articles.id", "SET NULL", "captures"),
        sa.PrimaryKeyConstraint("id", name="pk_captures"),
        sa.UniqueConstraint("record_id", name="uq_captures_record_id"),
    )
    op.create_index("ix_captures_run_id", "captures", ["run_id"])
    op.create_index("ix_captures_warc_file_id", "captures", ["warc_file_id"])
    op.create_index("ix_captures_payload_digest", "captures", ["payload_digest"])
    op.create_index("ix_captures_article_id", "captures", ["article_id"])
    op.create_index("ix_captures_url_captured_at", "captures", ["url", "captured_at"])

    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        _time("captured_at"),
        sa.Column("capture_id", sa.Integer(), nullable=True),
        _fk("article_id", "articles.id", "CASCADE", "article_versions"),
        _fk("capture_id", "captures.id", "SET NULL", "article_versions"),
        sa.PrimaryKeyConstraint("id", name="pk_article_versions"),
        sa.UniqueConstraint("article_id", "version", name="uq_article_versions_article_id"),
    )

    fulltext = fulltext_sqlite if op.get_bind().dialect.name == "sqlite" else fulltext_postgres
    for statement in fulltext.CREATE_STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    fulltext = fulltext_sqlite if op.get_bind().dialect.name == "sqlite" else fulltext_postgres
    for statement in fulltext.DROP_STATEMENTS:
        op.execute(statement)
    for name in (
        "article_versions",
        "captures",
        "article_urls",
        "articles",
        "warc_files",
        "run_requests",
        "site_locks",
        "runs",
        "sites",
    ):
        op.drop_table(name)
