"""Database fixtures: a fresh, migrated index per test, on SQLite and on a real PostgreSQL.

``db`` (and ``db_url`` for an empty, unmigrated one) runs each test twice: on a SQLite file in
``tmp_path``, and on PostgreSQL in a schema of its own inside a database created for the test
session and dropped at its end. The PostgreSQL run is skipped when the server cannot be reached,
unless ``NEWSARCHIVER_REQUIRE_SERVICES=1`` (CI), which turns the skip into a failure. The server
is ``NEWSARCHIVER_TEST_PG`` (default: the local ``postgres`` user on 127.0.0.1:5432).

Enable in ``tests/conftest.py`` with::

    from tests.dbfixtures import db, db_url, pg_database  # noqa: F401
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from storage.db import Database
from tests.services import skip_or_fail

PG_SERVER_URL = os.environ.get(
    "NEWSARCHIVER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """URL of a PostgreSQL database that exists for this test session only."""
    admin = create_engine(
        PG_SERVER_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    name = f"newsarchiver_test_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        reason = str(exc.orig).strip().splitlines()[0]
        skip_or_fail(f"PostgreSQL at {make_url(PG_SERVER_URL).host} is unreachable: {reason}")
    try:
        yield make_url(PG_SERVER_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'index.sqlite3'}"
        return
    base = request.getfixturevalue("pg_database")
    schema = f"test_{secrets.token_hex(6)}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with engine.connect() as conn:
            # A connection a test leaked inside a transaction must fail the drop, not hang it.
            conn.execute(text("SET lock_timeout = '10s'"))
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated database, closed after the test."""
    database = Database(db_url)
    database.migrate()
    yield database
    database.dispose()
