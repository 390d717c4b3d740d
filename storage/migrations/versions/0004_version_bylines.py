"""What the web app shows of each article's history: bylines per version, and two indexes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

A version now keeps its byline, so that a changed byline shows in the diff between versions
(and makes a version of its own, like a changed headline). Versions indexed before this
revision have none (NULL), which the diff shows as unknown rather than as a change.
``article_versions.capture_id`` is indexed so that a site's page can count the new and changed
articles of each run, and ``articles.language`` for the search filter on language.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("article_versions", sa.Column("authors", sa.JSON(), nullable=True))
    op.create_index(
        "ix_article_versions_capture_id", "article_versions", ["capture_id"], unique=False
    )
    op.create_index("ix_articles_language", "articles", ["language"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_articles_language", table_name="articles")
    op.drop_index("ix_article_versions_capture_id", table_name="article_versions")
    with op.batch_alter_table("article_versions") as batch:
        batch.drop_column("authors")
