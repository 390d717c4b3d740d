"""Celery workers: worker presence and the task that carries each dispatched run.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

The models live in ``storage.workers``; importing it here registers them on ``Base.metadata``
wherever migrations run, so autogenerate comparisons see them too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.workers  # noqa: F401 - registers the workers tables on Base.metadata

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "workers",
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("hostname", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("concurrency", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_workers"),
    )
    op.create_index("ix_workers_seen_at", "workers", ["seen_at"])
    op.create_table(
        "run_dispatches",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(255), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("requeues", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_run_dispatches_run_id_runs", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", name="pk_run_dispatches"),
    )


def downgrade() -> None:
    op.drop_table("run_dispatches")
    op.drop_index("ix_workers_seen_at", table_name="workers")
    op.drop_table("workers")
