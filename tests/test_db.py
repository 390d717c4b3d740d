"""Database: migrations (idempotent, concurrent), SQLite settings, sessions, times, errors."""

from __future__ import annotations

import multiprocessing
import socket
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, StatementError

from storage.db import (
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    Database,
    DatabaseError,
    MissingIndexError,
    alembic_config,
)
from storage.migrations import include_object
from storage.models import Base, Capture, Run, RunStatus, RunTrigger, Site


def _head() -> str:
    """The newest revision shipped, whichever migration that is."""
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


def _revision(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def _migrate_in_child(url: str, barrier: Any, results: Any) -> None:
    database = Database(url)
    barrier.wait(timeout=60)  # both processes reach migrate() together
    try:
        results.put(database.migrate())
    except Exception as exc:  # noqa: BLE001 - the parent reports it instead of timing out
        results.put(repr(exc))
    finally:
        database.dispose()


def test_migrate_creates_schema_and_twice_is_a_no_op(db_url: str) -> None:
    db = Database(db_url)
    assert db.migrate() is True
    tables = set(inspect(db.engine).get_table_names())
    assert {"sites", "runs", "site_locks", "run_requests", "warc_files", "captures"} <= tables
    assert {"articles", "article_urls", "article_versions"} <= tables
    if db.dialect == "sqlite":
        assert "articles_fts" in tables
    else:
        columns = {c["name"] for c in inspect(db.engine).get_columns("articles")}
        assert "search_vector" in columns
    with db.session() as session:
        session.add(Site(slug="example", name="Example"))

    again = Database(db_url)
    assert again.migrate() is False
    assert again.migrate() is False
    assert _revision(again) == [_head()]
    with again.session() as session:
        assert session.scalars(select(Site.slug)).all() == ["example"]
    again.dispose()
    db.dispose()


def test_concurrent_migrate_from_two_processes(db_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    children = [
        context.Process(target=_migrate_in_child, args=(db_url, barrier, results)) for _ in range(2)
    ]
    for child in children:
        child.start()
    applied = sorted(str(results.get(timeout=120)) for _ in children)
    for child in children:
        child.join(timeout=30)
    assert applied == ["False", "True"]  # one process upgraded, the other found it done
    db = Database(db_url)
    assert _revision(db) == [_head()]
    assert db.migrate() is False
    db.dispose()


@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
def test_models_match_the_migrations(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_schema_head_is_the_newest_migration(db: Database) -> None:
    """The revision a crawl compares with, to skip loading Alembic, is the real head."""
    with db.engine.connect() as conn:
        assert ScriptDirectory.from_config(alembic_config(conn)).get_heads() == [SCHEMA_HEAD]


def test_downgrade_removes_everything_and_upgrade_restores_it(db: Database) -> None:
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    again = Database(db.url.render_as_string(hide_password=False))
    assert again.migrate() is True
    assert "articles" in inspect(again.engine).get_table_names()
    again.dispose()


def test_session_migrates_on_first_use(db_url: str) -> None:
    db = Database(db_url)
    with db.session() as session:
        session.add(Run(site="example", trigger=RunTrigger.MANUAL))
    assert _revision(db) == [_head()]
    db.dispose()


def test_session_commits_on_success_and_rolls_back_on_error(db: Database) -> None:
    with db.session() as session:
        session.add(Site(slug="kept", name="Kept"))
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Site(slug="lost", name="Lost"))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.scalars(select(Site.slug)).all() == ["kept"]
        run = Run(site="kept", trigger="schedule")
        session.add(run)
    assert run.status is RunStatus.QUEUED  # usable after the session: no expiry on commit
    assert run.id is not None


def test_times_are_stored_in_utc_and_come_back_aware(db: Database) -> None:
    paris = timezone(timedelta(hours=2))
    started = datetime(2024, 6, 1, 14, 30, 15, 123456, tzinfo=paris)
    with db.session() as session:
        session.add(Run(site="s", trigger="manual", started_at=started))
    with db.session() as session:
        run = session.scalars(select(Run)).one()
        assert run.started_at == started
        assert run.started_at.tzinfo == UTC
        assert run.started_at.hour == 12 and run.started_at.microsecond == 123456
        assert run.queued_at.tzinfo == UTC
        later = session.scalars(
            select(Run).where(Run.started_at > datetime(2024, 6, 1, 12, 30, tzinfo=UTC))
        ).all()
        assert later == [run]


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"), db.session() as session:
        session.add(Run(site="s", trigger="manual", started_at=datetime(2024, 1, 1)))
        session.flush()


def test_enum_columns_refuse_unknown_values(db: Database) -> None:
    with (
        pytest.raises(StatementError, match="not among the defined enum values"),
        db.session() as session,
    ):
        session.add(Run(site="s", trigger="sometimes"))
        session.flush()


def test_sqlite_connection_settings(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/deep/er/index.sqlite3")
    assert (tmp_path / "deep" / "er").is_dir()  # created on demand
    db.migrate()
    for _ in range(2):  # every pooled connection, not just the first
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 1000
            conn.invalidate()
    db.dispose()


def test_sqlite_write_session_takes_the_write_lock_at_begin(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    other = sqlite3.connect(path, timeout=0)
    try:
        with db.session(write=True) as session:
            session.scalars(select(Site)).all()  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.rollback()
        with db.session() as session:
            session.scalars(select(Site)).all()
            other.execute("BEGIN IMMEDIATE")  # a plain session does not hold it for a read
            other.rollback()
    finally:
        other.close()
        db.dispose()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(
            Capture(
                warc_file_id=12345,
                url="https://example.com/",
                captured_at=datetime.now(UTC),
                record_id="<urn:uuid:x>",
                record_type="response",
                offset=0,
                length=1,
            )
        )


def test_a_database_newer_than_the_code_is_refused(db: Database, db_url: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    newer = Database(db_url)
    with pytest.raises(DatabaseError, match="revision 9999, unknown"):
        newer.migrate()
    newer.dispose()


def test_unusable_sqlite_paths_raise_one_line_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(DatabaseError, match=r"^cannot open database sqlite:///.*: cannot create"):
        Database(f"sqlite:///{blocker}/index.sqlite3")
    with pytest.raises(DatabaseError, match="is a directory"):
        Database(f"sqlite:///{tmp_path}")
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database file, it is text" * 100)
    db = Database(f"sqlite:///{garbage}")
    with pytest.raises(DatabaseError) as info:
        db.migrate()
    assert str(info.value) == f"cannot open database sqlite:///{garbage}: file is not a database"
    db.dispose()


@pytest.mark.parametrize(
    "url, message",
    [
        ("sqlite://", "give a SQLite file path"),
        ("sqlite:///:memory:", "give a SQLite file path"),
        ("mysql://u@h/db", "unsupported database mysql://u@h/db"),
        ("postgresql+psycopg2://u:pw@h/db", "unsupported PostgreSQL driver 'psycopg2'"),
        ("not a url", "invalid database URL"),
    ],
)
def test_unsupported_urls(url: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message) as info:
        Database(url)
    assert "\n" not in str(info.value)
    assert "pw" not in str(info.value)


def test_unreachable_postgresql_names_the_server_but_not_the_password() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = Database(f"postgresql://archivist:s3cret-pw@127.0.0.1:{port}/index")
    assert db.dialect == "postgresql"
    with pytest.raises(DatabaseError) as info, db.session():
        pass
    message = str(info.value)
    assert message.startswith(
        f"cannot connect to postgresql+psycopg://archivist:***@127.0.0.1:{port}/index: "
    )
    assert "s3cret" not in message and "\n" not in message
    assert "s3cret" not in repr(db)


def test_a_reader_never_creates_an_index(db_url: str) -> None:
    with pytest.raises(MissingIndexError, match=r"^no (newsarchiver )?index (at|in) "):
        Database(db_url, existing=True).migrate()
    if db_url.startswith("sqlite"):
        assert not Path(make_url(db_url).database or "").parent.exists()
    else:
        with Database(db_url).engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
    Database(db_url).migrate()  # a writer creates it; then readers find it
    found = Database(db_url, existing=True)
    assert found.migrate() is False
    found.dispose()
