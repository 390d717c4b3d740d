"""The index and run database: engine, sessions and schema migrations.

``Database(url)`` opens SQLite (one machine: WAL, foreign keys, a busy timeout on every
connection) or PostgreSQL through psycopg 3 (many machines). The schema is created and upgraded
by the Alembic migrations shipped in ``storage/migrations``; ``migrate()`` applies them and is
safe to call from every process at start-up, because concurrent callers are serialised by a
database lock (SQLite ``BEGIN IMMEDIATE``, PostgreSQL ``pg_advisory_xact_lock``) and the whole
upgrade runs in one transaction. Sessions migrate on first use, so callers never see an empty
schema.

Failures to open or reach the database raise ``DatabaseError`` with one line naming the database
(passwords masked), which the CLI turns into an exit code.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, CursorResult, Result, make_url
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The newest migration's revision. A database already at it is current without loading
#: Alembic, which (with Mako and Pygments) costs every crawl process half a second of CPU.
#: ``tests/test_db.py`` checks it against the migrations.
SCHEMA_HEAD = "0008"

#: How long a SQLite connection waits for another process's write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000

#: Arbitrary but fixed key of the PostgreSQL advisory lock that serialises migrations.
MIGRATION_LOCK_KEY = 0x6E657773  # "news"

# Execution option read by the SQLite "begin" listener: "IMMEDIATE" takes the write lock at BEGIN.
_SQLITE_BEGIN = "newsarchiver_sqlite_begin"


class DatabaseError(Exception):
    """The database cannot be opened, reached or upgraded. The message is one line."""


def mask_url(url: str | URL) -> str:
    """The URL with any password replaced by ``***``, safe to print and log."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "<unparseable database URL>"


def alembic_config(connection: Connection) -> Config:
    """Alembic configuration built in code, so no ``alembic.ini`` is needed at runtime.

    Developers creating a migration use it too::

        with Database(url).engine.begin() as conn:
            command.revision(alembic_config(conn), "add x", autogenerate=True)
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every schema revision the shipped migrations know: a database at another one was
    migrated by a newer newsarchiver."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {revision.revision for revision in ScriptDirectory.from_config(config).walk_revisions()}


class MissingIndexError(DatabaseError):
    """A command that only reads found no index where it looked. The message is one line."""


class Database:
    """One database holding the article index, the WARC file ledger and the run records.

    ``existing=True`` is for commands that only read: they must not create an empty index in
    the wrong place (a SQLite file, or the schema in a PostgreSQL database), so a missing one
    raises MissingIndexError naming where they looked.
    """

    def __init__(self, url: str, *, existing: bool = False) -> None:
        try:
            parsed = make_url(url)
        except sa_exc.ArgumentError as exc:
            raise DatabaseError(f"invalid database URL {mask_url(url)!r}") from exc
        self.url = _normalise(parsed)
        self._masked = mask_url(self.url)
        self.existing = existing
        self.dialect: Literal["sqlite", "postgresql"]
        if self.url.get_backend_name() == "sqlite":
            self.dialect = "sqlite"
            if existing:
                self._require_sqlite_file()
            else:
                self._prepare_sqlite_file()
            self.engine: Engine = create_engine(self.url)
            event.listen(self.engine, "connect", _configure_sqlite_connection)
            event.listen(self.engine, "begin", _begin_sqlite_transaction)
        else:
            self.dialect = "postgresql"
            # Pre-ping: the daemon outlives server restarts and idle-connection reaping.
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(**{_SQLITE_BEGIN: "IMMEDIATE"}),
            expire_on_commit=False,
        )
        self._migrated = False
        self._migrate_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Database({self._masked!r})"

    def migrate(self) -> bool:
        """Bring the schema to the newest revision; return whether anything was applied.

        Idempotent and cheap when the schema is current. Concurrent callers (two processes
        starting at once) queue on a database lock; the later one finds the work done.
        """
        with self._migrate_lock:
            try:
                conn = self.engine.connect()
            except sa_exc.DBAPIError as exc:
                raise self._unreachable(exc) from exc
            with conn:
                try:
                    if self.existing and not inspect(conn).has_table("alembic_version"):
                        raise MissingIndexError(
                            f"no newsarchiver index in {self._masked} (NEWSARCHIVER_DB): "
                            "crawl a site first, or set NEWSARCHIVER_DB to the archive's index"
                        )
                    if self._is_current(conn):
                        self._migrated = True
                        return False
                    conn.rollback()  # end the read before queueing for the lock
                    with (
                        _foreign_key_actions_off(conn),
                        conn.execution_options(**{_SQLITE_BEGIN: "IMMEDIATE"}).begin(),
                    ):
                        if self.dialect == "postgresql":
                            conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
                        applied = not self._is_current(conn)
                        if applied:
                            from alembic import command

                            command.upgrade(alembic_config(conn), "head")
                            _check_foreign_keys(conn)
                except sa_exc.DBAPIError as exc:
                    raise DatabaseError(
                        f"cannot upgrade the schema of {self._masked}: {_reason(exc)}"
                    ) from exc
            self._migrated = True
            return applied

    def schema_revisions(self) -> set[str]:
        """The revisions the schema is at, read without migrating (for ``doctor``); compare
        with :data:`SCHEMA_HEAD`. Empty when no migration ran yet."""
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    return set()
                rows = conn.execute(text("SELECT version_num FROM alembic_version"))
                return {row[0] for row in rows}
        except sa_exc.DBAPIError as exc:
            raise self._unreachable(exc) from exc

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session that commits when the block succeeds and rolls back when it raises.

        ``write=True`` takes SQLite's write lock at the start of the transaction (``BEGIN
        IMMEDIATE``), for read-then-write work that must not interleave with another process;
        on PostgreSQL use row locks (``with_for_update``) or ``ON CONFLICT`` for that. Objects
        stay usable after the block (no expiry on commit). The schema is migrated on first use.
        """
        if not self._migrated:
            self.migrate()
        with self._write_sessions() if write else self._sessions() as session:
            try:
                session.connection()
            except sa_exc.DBAPIError as exc:
                raise self._unreachable(exc) from exc
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        """Close pooled connections (before forking, and at the end of tests)."""
        self.engine.dispose()

    def _is_current(self, conn: Connection) -> bool:
        if inspect(conn).has_table("alembic_version"):
            heads = {
                row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))
            }
            if heads == {SCHEMA_HEAD}:
                return True
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(alembic_config(conn))
        current = set(MigrationContext.configure(conn).get_current_heads())
        known = {revision.revision for revision in script.walk_revisions()}
        if unknown := current - known:
            raise DatabaseError(
                f"database {self._masked} has schema revision {', '.join(sorted(unknown))}, "
                "unknown to this version of newsarchiver: upgrade newsarchiver"
            )
        return current == set(script.get_heads())

    def _require_sqlite_file(self) -> None:
        database = self.url.database or ""
        path = Path(database)
        if database.startswith("file:") or not path.is_file():
            raise MissingIndexError(
                f"no index at {path.absolute()} (NEWSARCHIVER_DB={self._masked}): "
                "crawl a site first, or set NEWSARCHIVER_DB to the archive's index"
            )

    def _prepare_sqlite_file(self) -> None:
        database = self.url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            raise DatabaseError(
                f"unsupported database {self._masked}: give a SQLite file path "
                "(the index must persist, and be shared between processes)"
            )
        path = Path(database)
        directory = path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"cannot open database {self._masked}: cannot create directory {directory}: "
                f"{exc.strerror or exc}"
            ) from exc
        if path.is_dir():
            raise DatabaseError(f"cannot open database {self._masked}: {path} is a directory")
        # WAL mode creates -wal and -shm files next to the database, so the directory itself
        # must be writable, not just the file.
        if not os.access(directory, os.W_OK | os.X_OK):
            raise DatabaseError(f"cannot open database {self._masked}: directory not writable")
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise DatabaseError(f"cannot open database {self._masked}: file not writable")

    def _unreachable(self, exc: sa_exc.DBAPIError) -> DatabaseError:
        verb = "open database" if self.dialect == "sqlite" else "connect to"
        return DatabaseError(f"cannot {verb} {self._masked}: {_reason(exc)}")


@contextmanager
def _foreign_key_actions_off(conn: Connection) -> Iterator[None]:
    """SQLite: no foreign-key actions while migrations rebuild tables.

    SQLite cannot drop a constraint, so a migration rebuilds the table (create, copy, drop,
    rename); with foreign keys on, dropping the old table would first delete its rows and
    cascade to every row that refers to them. The pragma only changes outside a transaction,
    hence here and not in the migration; ``_check_foreign_keys`` checks the result before the
    commit. PostgreSQL alters tables in place and needs nothing.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    # On the driver's connection: SQLAlchemy's would begin a transaction (BEGIN IMMEDIATE,
    # once the migration's execution option is set), inside which the pragma does nothing.
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def _check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
        if broken is not None:
            raise DatabaseError(f"migration left a row of {broken[0]} without its {broken[2]} row")


def _reason(exc: sa_exc.DBAPIError) -> str:
    """The driver's own message, first line only (psycopg adds hints on later lines)."""
    message = str(exc.orig).strip()
    return message.splitlines()[0] if message else type(exc.orig).__name__


def _normalise(url: URL) -> URL:
    """Accept ``postgresql://`` and ``postgres://`` as psycopg 3, the driver we ship."""
    backend, _, driver = url.drivername.partition("+")
    if backend in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise DatabaseError(
                f"unsupported PostgreSQL driver {driver!r} in {mask_url(url)}: "
                "use postgresql+psycopg://"
            )
        return url.set(drivername="postgresql+psycopg")
    if backend != "sqlite" or driver not in ("", "pysqlite"):
        raise DatabaseError(
            f"unsupported database {mask_url(url)}: use sqlite:///PATH or postgresql://…"
        )
    return url


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings; none of them persists in the file except WAL."""
    cursor = dbapi_connection.cursor()
    # The busy timeout comes first, so that switching to WAL also waits for other processes.
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets searches read while a crawl writes; FULL sync keeps committed rows on power loss.
    _enable_wal(cursor)
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _enable_wal(cursor: sqlite3.Cursor) -> None:
    """Switch a database to WAL once, even when several processes open a new file at once.

    The switch needs an exclusive lock, and SQLite reports a conflict over it at once instead
    of calling the busy handler (to avoid deadlock), so we retry until the busy timeout.
    """
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    backoff = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(backoff)
        backoff = min(backoff * 2, 0.2)


def _begin_sqlite_transaction(conn: Connection) -> None:
    """Take the write lock at BEGIN when asked, instead of on the first write.

    A deferred transaction that reads and then writes fails at once with "database is locked"
    if another process wrote in between (the busy timeout does not apply to lock upgrades);
    taking the lock up front makes such work wait its turn instead. pysqlite then sees the open
    transaction and does not begin its own.
    """
    if conn.get_execution_options().get(_SQLITE_BEGIN) == "IMMEDIATE":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def rows_changed(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE changed.

    ``Session.execute`` is typed as returning a plain ``Result``; for those statements it is a
    ``CursorResult``, which counts them.
    """
    return cast("CursorResult[Any]", result).rowcount
