"""The working set of one export, kept on disk so memory stays flat however much is exported.

An export of a million captures must not hold a million of anything: which captures are
already queued, the index lines that must come out sorted, and the page lists. An
``ExportPlan`` keeps them in a scratch SQLite file (Python's own ``sqlite3``, independent of
the index database, so it works the same under PostgreSQL) that is deleted when it closes.
SQLite sorts the index lines bytewise on disk, as ``LC_ALL=C sort`` does for CDXJ.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

_SCHEMA = """
CREATE TABLE queue (id INTEGER PRIMARY KEY, capture_id INTEGER NOT NULL UNIQUE, role INTEGER);
CREATE TABLE files (warc_file_id INTEGER PRIMARY KEY);
CREATE TABLE index_lines (line TEXT NOT NULL);
CREATE TABLE pages (kind INTEGER, ts TEXT, url TEXT, article_id INTEGER, line TEXT);
"""
#: Rows read from the scratch file at a time.
_FETCH = 500

ROOT = 0
DEPENDENCY = 1


class ExportPlan:
    """The queue of captures to export (each once), their index lines and their pages."""

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = tempfile.TemporaryDirectory(prefix="export-", dir=directory)
        self._db = sqlite3.connect(Path(self._directory.name) / "plan.sqlite3")
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;" + _SCHEMA
        )

    @property
    def directory(self) -> Path:
        """A scratch directory removed with the plan."""
        return Path(self._directory.name)

    def close(self) -> None:
        self._db.close()
        self._directory.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # The queue -------------------------------------------------------------------------

    def enqueue(self, capture_ids: Iterable[int], role: int) -> None:
        """Add captures at the end of the queue; one already queued keeps its place."""
        self._db.executemany(
            "INSERT OR IGNORE INTO queue (capture_id, role) VALUES (?, ?)",
            ((capture_id, role) for capture_id in capture_ids),
        )

    def batches(self) -> Iterator[list[tuple[int, int]]]:
        """``(capture_id, role)`` in queue order, a batch at a time, including those queued
        while earlier batches were being handled."""
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT id, capture_id, role FROM queue WHERE id > ? ORDER BY id LIMIT ?",
                (last, _FETCH),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(capture_id, role) for _, capture_id, role in rows]

    def first_from_file(self, warc_file_id: int) -> bool:
        """True the first time a record of this WARC file is exported."""
        added = self._db.execute(
            "INSERT OR IGNORE INTO files (warc_file_id) VALUES (?)", (warc_file_id,)
        )
        return added.rowcount == 1

    def file_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM files").fetchone()[0])

    # Index lines -----------------------------------------------------------------------

    def add_index_line(self, line: str) -> None:
        self._db.execute("INSERT INTO index_lines (line) VALUES (?)", (line,))

    def index_size(self) -> int:
        """Bytes of the index lines, newlines included (they are ASCII: SURT keys and JSON)."""
        return int(
            self._db.execute(
                "SELECT coalesce(sum(length(line) + 1), 0) FROM index_lines"
            ).fetchone()[0]
        )

    def sorted_index_lines(self) -> Iterator[str]:
        """Every index line, sorted bytewise."""
        yield from self._rows("SELECT line FROM index_lines ORDER BY line")

    # Pages -----------------------------------------------------------------------------

    def add_page(self, kind: int, ts: str, url: str, article_id: int | None, line: str) -> None:
        self._db.execute(
            "INSERT INTO pages (kind, ts, url, article_id, line) VALUES (?, ?, ?, ?, ?)",
            (kind, ts, url, article_id, line),
        )

    def pages(self, kind: int) -> Iterator[str]:
        """The page lines of one kind, oldest capture first."""
        yield from self._rows("SELECT line FROM pages WHERE kind = ? ORDER BY ts, url", (kind,))

    def page_count(self, kind: int) -> int:
        return int(
            self._db.execute("SELECT count(*) FROM pages WHERE kind = ?", (kind,)).fetchone()[0]
        )

    def article_count(self) -> int:
        query = "SELECT count(DISTINCT article_id) FROM pages WHERE article_id IS NOT NULL"
        return int(self._db.execute(query).fetchone()[0])

    def only_article(self) -> tuple[str, str] | None:
        """``(url, ts)`` of the newest capture when the pages hold exactly one article."""
        if self.article_count() != 1:
            return None
        row = self._db.execute(
            "SELECT url, ts FROM pages WHERE article_id IS NOT NULL ORDER BY ts DESC LIMIT 1"
        ).fetchone()
        return (row[0], row[1]) if row else None

    def _rows(self, query: str, parameters: tuple[object, ...] = ()) -> Iterator[str]:
        cursor = self._db.execute(query, parameters)
        while rows := cursor.fetchmany(_FETCH):
            for (value,) in rows:
                yield value
