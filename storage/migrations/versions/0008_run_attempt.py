"""The attempt that holds a run.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

``runs.attempt`` is the token of the attempt (a Celery worker's claim, or the crawl that started
the run) that holds the run: only that attempt renews the run's heartbeat and lock, records its
outcome and frees its site, so an attempt that goes on after its run was re-queued and taken by
another records nothing. Null for runs no attempt holds, and for runs from before this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("attempt", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("attempt")
