"""Alembic environment: runs migrations on the connection handed over by ``storage.db``.

``Database.migrate`` opens the connection, takes the migration lock and starts the transaction,
so this file neither creates engines nor commits. Offline (``--sql``) mode is not supported,
because the full-text DDL depends on the live dialect.
"""

from __future__ import annotations

from alembic import context

from storage.migrations import include_object
from storage.models import Base

if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported")

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=Base.metadata,
    include_object=include_object,
    # SQLite cannot ALTER most things; batch mode recreates tables for later migrations.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
