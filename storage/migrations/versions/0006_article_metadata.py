"""Article metadata as published: the social headline, the publisher, the published offset.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

``title`` stays the headline the reader saw; ``social_title`` keeps the one the page gives
for sharing (og:title, JSON-LD ``headline``). ``publisher`` is the organisation credited: the
site or a desk named as the author, which ``authors`` no longer holds, else the site.
``published`` stays a UTC instant (it is filtered and sorted on); ``published_offset`` is the
UTC offset in minutes the page gave it in, so it is shown as the page wrote it. Articles
indexed before this revision have none of them until their next capture.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("social_title", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("publisher", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("published_offset", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("published_offset")
        batch.drop_column("publisher")
        batch.drop_column("social_title")
