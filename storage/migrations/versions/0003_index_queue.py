"""Article indexing from the WARC records: the pending flag and the redirect sources.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Article pages are no longer extracted on the crawl's event loop: the crawl marks each HTML page
capture ``index_pending`` and the article indexer reads it back from its WARC record. Captures
indexed before this revision are done, hence the default of false.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "captures",
        sa.Column("index_pending", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("captures", sa.Column("redirected_from", sa.JSON(), nullable=True))
    op.create_index("ix_captures_index_pending_id", "captures", ["index_pending", "id"])


def downgrade() -> None:
    op.drop_index("ix_captures_index_pending_id", table_name="captures")
    with op.batch_alter_table("captures") as batch:
        batch.drop_column("redirected_from")
        batch.drop_column("index_pending")
