"""Alembic migrations of the index and run database, applied by ``storage.db.Database.migrate``.

A package (rather than a plain directory) so that ``env.py`` ships with the wheel. There is no
``alembic.ini``: ``storage.db.alembic_config`` builds the configuration in code.
"""

from __future__ import annotations

from typing import Any

from storage import fulltext_postgres, fulltext_sqlite


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave the full-text objects out of autogenerate: migrations create them, not the models."""
    if type_ == "table":
        return not (name or "").startswith(fulltext_sqlite.FTS_TABLE)
    if type_ == "column":
        return name != fulltext_postgres.VECTOR_COLUMN
    if type_ == "index":
        return name != fulltext_postgres.VECTOR_INDEX
    return True
