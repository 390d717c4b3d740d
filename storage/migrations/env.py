"""Alembic environment: runs migrations on the connection handed over by ``storage.db``.

``Database.migrate`` opens the connection, takes the migration lock and starts the transaction,
so this file neither creates engines nor commits. Offline (``--sql``) mode is not supported,
because the full-text DDL depends on the live dialect.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from storage.models import Base

# Created by the migrations, not by the models: autogenerate must not try to drop them.
FULLTEXT_TABLE_PREFIX = "articles_fts"


def _include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(FULLTEXT_TABLE_PREFIX))


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported")

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=Base.metadata,
    include_object=_include_object,
    # SQLite cannot ALTER most things; batch mode recreates tables for later migrations.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
