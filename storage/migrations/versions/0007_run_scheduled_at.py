"""When a scheduled run was meant to start, and indexes for the metrics' queries.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

``runs.scheduled_at`` is the fire time APScheduler meant for a scheduled run (null for manual
runs, and for runs queued before this revision), so schedule lag (``started_at -
scheduled_at``) can be read from the database as well as from the daemon's metrics.
The metrics read the runs that started or ended since their last scrape, and each active
site's last successful run, at every scrape: the indexes keep those reads small however
many runs the table holds.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_runs_started_at", "runs", ["started_at"])
    op.create_index("ix_runs_finished_at", "runs", ["finished_at"])
    op.create_index("ix_runs_site_status_finished_at", "runs", ["site", "status", "finished_at"])


def downgrade() -> None:
    op.drop_index("ix_runs_site_status_finished_at", table_name="runs")
    op.drop_index("ix_runs_finished_at", table_name="runs")
    op.drop_index("ix_runs_started_at", table_name="runs")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("scheduled_at")
