"""The spool directory: WARC files being written (``*.warc.gz.open``) or waiting for upload.

A crawl process killed mid-write (``kill -9``, OOM, power loss) leaves an ``.open`` file that
may end inside a gzip member, or in zeros the filesystem never got to fill.
:meth:`Spool.recover` cuts such a file back to the end of its last complete and valid record and
closes it exactly as the writer would have (fsync, rename to ``.warc.gz``), so every record that
was fully written is kept and nothing half-written is ever uploaded.

Files still held by a live :class:`~storage.warcwriter.RotatingWarcWriter` (it keeps an
exclusive ``flock`` on its ``.open`` file) are never touched, so recovery is safe to run while
other crawls share the spool.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from storage.warcreader import CorruptRecordError, iter_records
from storage.warcwriter import OPEN_SUFFIX, WARC_SUFFIX, ClosedWarc, fsync_directory

logger = logging.getLogger(__name__)


class SpoolFileInUseError(RuntimeError):
    """The ``.open`` file belongs to a running writer, or was closed by it meanwhile."""


class Spool:
    """Lists and recovers the WARC files in one spool directory."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def open_files(self) -> list[Path]:
        """Files being written, or left behind by a crashed writer."""
        return self._glob(f"*{WARC_SUFFIX}{OPEN_SUFFIX}")

    def closed_files(self) -> list[Path]:
        """Finished files waiting for upload."""
        return self._glob(f"*{WARC_SUFFIX}")

    def recover(self, path: Path) -> ClosedWarc | None:
        """Close an abandoned ``.open`` file, keeping its complete records.

        Returns None (and removes the file) when not even the warcinfo record is complete.
        Raises :class:`SpoolFileInUseError` if a live writer still holds the file.
        """
        path = Path(path)
        if not path.name.endswith(WARC_SUFFIX + OPEN_SUFFIX):
            raise ValueError(f"{path} is not an open WARC file (*{WARC_SUFFIX}{OPEN_SUFFIX})")
        final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
        if final.exists():
            raise FileExistsError(f"cannot recover {path.name}: {final.name} already exists")

        fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SpoolFileInUseError(f"{path.name} is held by a running writer") from None
            try:
                still_there = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                still_there = False
            if not still_there:
                raise SpoolFileInUseError(f"{path.name} was closed by its writer meanwhile")
            with os.fdopen(fd, "rb", closefd=False) as stream:
                records, end, span = _complete_prefix(stream)
                size = os.fstat(fd).st_size
                if span is None:
                    os.unlink(path)
                    fsync_directory(path.parent)
                    logger.warning("removed %s: it holds no complete WARC record", path.name)
                    return None
                if end < size:
                    os.ftruncate(fd, end)
                    logger.warning(
                        "recovered %s: kept %d records, cut %d trailing bytes",
                        path.name,
                        records,
                        size - end,
                    )
                os.fsync(fd)
                stream.seek(0)
                sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
            os.rename(path, final)
            fsync_directory(path.parent)
        finally:
            os.close(fd)
        return ClosedWarc(
            path=final,
            name=final.name,
            size=end,
            sha256=sha256,
            records=records,
            first_date=span[0],
            last_date=span[1],
        )

    def recover_all(self) -> list[ClosedWarc]:
        """Recover every abandoned ``.open`` file; files of live writers are skipped."""
        recovered = []
        for path in self.open_files():
            try:
                closed = self.recover(path)
            except (SpoolFileInUseError, FileNotFoundError):
                continue
            if closed is not None:
                recovered.append(closed)
        return recovered

    def _glob(self, pattern: str) -> list[Path]:
        return sorted(self.path.glob(pattern)) if self.path.is_dir() else []


def read_warcinfo(path: Path) -> dict[str, str]:
    """The fields of a WARC file's leading warcinfo record (run id, site, software, …)."""
    with open(path, "rb") as stream:
        try:
            _, _, record = next(iter_records(stream))
        except StopIteration:
            raise CorruptRecordError(f"{Path(path).name} is empty", 0) from None
    if record.record_type != "warcinfo":
        raise CorruptRecordError(
            f"{Path(path).name} starts with a {record.record_type} record, not warcinfo", 0
        )
    fields = {}
    for line in record.payload.decode("utf-8", errors="replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _complete_prefix(
    stream: BinaryIO,
) -> tuple[int, int, tuple[datetime, datetime] | None]:
    """Count the leading complete, valid records: (count, end offset, (first, last) WARC-Date)."""
    records = end = 0
    span = None
    try:
        for offset, length, record in iter_records(stream):
            date = record.warc_datetime
            span = (min(span[0], date), max(span[1], date)) if span else (date, date)
            records += 1
            end = offset + length
    except CorruptRecordError as exc:
        logger.info("stopped reading at offset %s: %s", exc.offset, exc)
    return records, end, span


@dataclass(frozen=True)
class SpoolUsage:
    path: Path
    open_files: int
    closed_files: int
    bytes: int


def spool_usage(spool: Path) -> SpoolUsage:
    """WARC files being written (``.open``) and closed ones waiting for upload."""
    files = Spool(spool)
    open_files, closed = files.open_files(), files.closed_files()
    size = 0
    for path in (*open_files, *closed):
        with contextlib.suppress(FileNotFoundError):  # uploaded while we looked
            size += path.stat().st_size
    return SpoolUsage(spool, len(open_files), len(closed), size)
