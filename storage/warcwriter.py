"""Write HTTP exchanges as WARC 1.1 records into size-rotated files in the spool directory.

:class:`RotatingWarcWriter` is what :class:`storage.capturerecorder.CaptureRecorder` writes
through. For every :class:`~storage.httpexchange.HttpExchange` it writes a ``response`` (or
``revisit``) record and then its ``request`` record, each as its own gzip member, and returns
where the response sits so the index can point at it. Files are named the IIPC way
(``{prefix}-{YYYYMMDDhhmmssfff}-{serial:05d}-{host}.warc.gz``), grow as ``….warc.gz.open`` and
are renamed when full or closed; ``on_close`` then hands them on (to the ledger and upload).

Record serialisation is warcio's; the HTTP blocks are the exchange's bytes, never rebuilt (see
the WARC rules in DESIGN.md): a response record's block is the status line, headers and body as
received, content-coding and chunk framing included, and a request record's block the request as
sent. Digests are computed here once, from the bytes in hand, so warcio neither buffers the body
again nor hashes it twice. ``WARC-Payload-Digest`` covers the body as transmitted, chunk framing
included, which is what ``warcio check`` verifies and what warcio, wpull and Heritrix 3 write.

The writer streams: nothing is kept per record, the file's SHA-256 is updated as bytes are
written, and closing never re-reads the file. A write that fails half-way (disk full) is cut
back so the file still ends on a complete record. An exclusive ``flock`` on the open file tells
spool recovery that a live writer owns it.

Not thread-safe: use one writer per thread (Scrapy's reactor thread is the only caller).
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from storage.httpexchange import HttpExchange

WARC_SUFFIX = ".warc.gz"
OPEN_SUFFIX = ".open"
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
#: Added to every warcinfo record unless the caller's fields already name them.
STANDARD_WARCINFO = {
    "format": "WARC File Format 1.1",
    "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
}

_PREFIX = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_FIELD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_HOST_MAX = 100


@dataclass(frozen=True)
class RecordLocation:
    """Where a response or revisit record was written; what an index row points at."""

    warc_name: str
    offset: int
    length: int
    record_id: str
    payload_digest: str
    block_digest: str
    warc_date: str
    record_type: Literal["response", "revisit"]


@dataclass(frozen=True)
class ClosedWarc:
    """A finished ``.warc.gz`` in the spool, ready for upload and verification.

    ``records`` counts every record, warcinfo included; the dates span all their WARC-Dates.
    """

    path: Path
    name: str
    size: int
    sha256: str
    records: int
    first_date: datetime
    last_date: datetime


@dataclass(frozen=True)
class RefersTo:
    """The earlier capture a revisit record points to (identical payload digest)."""

    record_id: str
    target_uri: str
    warc_date: str

    def __post_init__(self) -> None:
        if not (self.record_id.startswith("<") and self.record_id.endswith(">")):
            raise ValueError(f"RefersTo.record_id must look like <urn:…>, got {self.record_id!r}")
        try:
            datetime.fromisoformat(self.warc_date)
        except ValueError:
            raise ValueError(
                f"RefersTo.warc_date is not an ISO 8601 date: {self.warc_date!r}"
            ) from None
        if not self.target_uri or any(c in self.target_uri for c in " \r\n"):
            raise ValueError(f"RefersTo.target_uri is not a URI: {self.target_uri!r}")


class _RawHead(StatusAndHeaders):
    """An HTTP head that warcio writes as the bytes given, instead of serialising it again."""

    def __init__(self, head: bytes) -> None:
        super().__init__(head.split(b"\n", 1)[0].strip().decode("latin-1"), [])
        self.headers_buff = head

    def compute_headers_buffer(self, header_filter: object = None) -> None:
        pass  # headers_buff is already the head as it crossed the wire


class _HashingFile:
    """The open WARC file: hashes and counts every byte on its way to disk.

    Bytes are collected in memory and reach the OS in one ``write`` per exchange
    (:meth:`drain`), not one per header block and body chunk. Nothing stays buffered between
    exchanges, so a failed write can be cut back with ``ftruncate`` and ``fsync`` alone makes
    everything written durable.
    """

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.sha256 = hashlib.sha256()
        self.position = 0
        self._pending = bytearray()

    def write(self, data: bytes) -> int:
        self._pending += data
        self.sha256.update(data)
        self.position += len(data)
        return len(data)

    def drain(self) -> None:
        """Hand everything written so far to the OS."""
        with memoryview(self._pending) as pending:
            written = 0
            while written < len(pending):
                written += os.write(self._fd, pending[written:])
        self._pending.clear()

    def fsync(self) -> None:
        self.drain()
        os.fsync(self._fd)

    def cut_back(self, position: int, sha256: hashlib._Hash) -> None:
        """Drop everything after ``position`` (a record boundary) and restore its hash state."""
        self._pending.clear()
        os.ftruncate(self._fd, position)
        os.lseek(self._fd, position, os.SEEK_SET)
        self.position = position
        self.sha256 = sha256

    def close(self) -> None:
        os.close(self._fd)


class _GzipMembers:
    """What warcio writes through: each record becomes its own gzip member, at level 6.

    warcio's own gzip wrapper compresses at level 9, which spends more CPU than level 6 on
    uncompressed text for files barely smaller. warcio calls :meth:`flush` once at the end of
    every record, which ends the member.
    """

    LEVEL = 6

    def __init__(self, file: _HashingFile) -> None:
        self.file = file
        self._compressor: zlib._Compress | None = None

    def write(self, data: bytes) -> int:
        if self._compressor is None:
            self._compressor = zlib.compressobj(self.LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.file.write(self._compressor.compress(data))
        return len(data)

    def flush(self) -> None:
        if self._compressor is not None:
            self.file.write(self._compressor.flush())
            self._compressor = None

    def reset(self) -> None:
        """Forget a member cut short by a failed write."""
        self._compressor = None


@dataclass
class _OpenWarc:
    name: str
    path: Path
    file: _HashingFile
    members: _GzipMembers
    warcio: WARCWriter
    warcinfo_id: str
    records: int
    first_date: datetime
    last_date: datetime

    def saw(self, date: datetime, records: int) -> None:
        self.records += records
        self.first_date = min(self.first_date, date)
        self.last_date = max(self.last_date, date)


class RotatingWarcWriter:
    """Writes exchanges into ``{spool_dir}/{name}.warc.gz.open``, rotating at ``max_size`` bytes.

    A file is opened on the first write after construction, rotation or :meth:`close`, so no
    empty files are left behind. ``on_close`` is called with every closed file; it should not
    raise (an exception propagates to the caller after the file has been closed safely).
    """

    def __init__(
        self,
        spool_dir: Path,
        *,
        prefix: str,
        host: str,
        max_size: int = 1_000_000_000,
        warcinfo: dict[str, str],
        on_close: Callable[[ClosedWarc], None] | None = None,
    ) -> None:
        if not _PREFIX.fullmatch(prefix) or ".." in prefix:
            raise ValueError(
                f"WARC prefix {prefix!r} must be 1-100 letters, digits, '.', '_' or '-', "
                "start with a letter or digit and not contain '..'"
            )
        if max_size <= 0:
            raise ValueError(f"max_size must be a positive number of bytes, got {max_size}")
        for name, value in warcinfo.items():
            if not _FIELD_NAME.fullmatch(name):
                raise ValueError(f"warcinfo field name {name!r} is not a valid field name")
            if not isinstance(value, str) or any(c in value for c in "\r\n"):
                raise ValueError(f"warcinfo field {name!r} must be a one-line string")
        self.spool_dir = Path(spool_dir)
        self.prefix = prefix
        self.host = sanitise_host(host)
        self.max_size = max_size
        self.warcinfo = dict(warcinfo)
        for name, value in STANDARD_WARCINFO.items():
            self.warcinfo.setdefault(name, value)
        self.on_close = on_close
        self._serial = 0
        self._current: _OpenWarc | None = None
        self.spool_dir.mkdir(parents=True, exist_ok=True)

    def write_exchange(
        self,
        exchange: HttpExchange,
        refers_to: RefersTo | None = None,
        *,
        digest: str | None = None,
    ) -> RecordLocation:
        """Write the response (or revisit, with ``refers_to``) record, then the request record.

        ``digest`` is the body's :func:`payload_digest` when the caller already computed it
        (to look for an earlier identical payload), so the body is not hashed twice.
        """
        current = self._current or self._open_next()
        date = warc_date(exchange.date)
        digest = digest or payload_digest(exchange.body)
        response = _response_record(
            current.warcio, exchange, refers_to, date, current.warcinfo_id, digest
        )
        response_id = response.rec_headers.get_header("WARC-Record-ID")
        request = _request_record(current.warcio, exchange, date, current.warcinfo_id, response_id)

        start = current.file.position
        hash_state = current.file.sha256.copy()
        try:
            current.warcio.write_record(response)
            end = current.file.position
            current.warcio.write_record(request)
            current.file.drain()
        except BaseException:
            current.members.reset()
            current.file.cut_back(start, hash_state)
            raise
        current.saw(exchange.date.astimezone(UTC), records=2)
        location = RecordLocation(
            warc_name=current.name,
            offset=start,
            length=end - start,
            record_id=response_id,
            payload_digest=response.rec_headers.get_header("WARC-Payload-Digest"),
            block_digest=response.rec_headers.get_header("WARC-Block-Digest"),
            warc_date=date,
            record_type=response.rec_type,
        )

        if current.file.position >= self.max_size:
            self.close()
        return location

    def flush(self, fsync: bool = True) -> None:
        """Make everything written so far durable, so the index may point at it.

        Every exchange reaches the OS before ``write_exchange`` returns; ``fsync=False``
        therefore has nothing to do and exists for callers that only need crash-of-process
        (not power-loss) safety.
        """
        if self._current is not None and fsync:
            self._current.file.fsync()

    def close(self) -> None:
        """Finish the current file: fsync, rename to ``.warc.gz``, then call ``on_close``."""
        current = self._current
        if current is None:
            return
        final = current.path.with_name(current.name)
        current.file.fsync()
        os.rename(current.path, final)
        fsync_directory(self.spool_dir)
        current.file.close()
        self._current = None
        closed = ClosedWarc(
            path=final,
            name=current.name,
            size=current.file.position,
            sha256=current.file.sha256.hexdigest(),
            records=current.records,
            first_date=current.first_date,
            last_date=current.last_date,
        )
        if self.on_close is not None:
            self.on_close(closed)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _open_next(self) -> _OpenWarc:
        """Create the next ``.open`` file (never reusing a name) and write its warcinfo."""
        self._serial += 1
        when = datetime.now(UTC)
        while True:
            stamp = when.strftime("%Y%m%d%H%M%S") + f"{when.microsecond // 1000:03d}"
            name = f"{self.prefix}-{stamp}-{self._serial:05d}-{self.host}{WARC_SUFFIX}"
            path = self.spool_dir / (name + OPEN_SUFFIX)
            if not path.with_name(name).exists():
                try:
                    file = _HashingFile(path)
                    break
                except FileExistsError:
                    pass
            # Another writer took this name in the same millisecond.
            when += timedelta(milliseconds=1)
        try:
            fsync_directory(self.spool_dir)
            members = _GzipMembers(file)
            # gzip=False: _GzipMembers compresses each record, at a cheaper level than warcio.
            writer = WARCWriter(members, gzip=False, warc_version="1.1")
            warcinfo = writer.create_warcinfo_record(name, self.warcinfo)
            writer.write_record(warcinfo)
            file.drain()
        except BaseException:
            file.close()
            path.unlink()
            raise
        info_date = datetime.fromisoformat(warcinfo.rec_headers.get_header("WARC-Date"))
        self._current = _OpenWarc(
            name=name,
            path=path,
            file=file,
            members=members,
            warcio=writer,
            warcinfo_id=warcinfo.rec_headers.get_header("WARC-Record-ID"),
            records=1,
            first_date=info_date,
            last_date=info_date,
        )
        return self._current


def sanitise_host(host: str) -> str:
    """Reduce a host name to ``[A-Za-z0-9.-]`` so it is safe as the last part of a file name."""
    cleaned = re.sub(r"[^A-Za-z0-9.-]+", "-", host)
    cleaned = re.sub(r"\.{2,}", ".", cleaned).strip(".-")[:_HOST_MAX].strip(".-")
    if not cleaned:
        raise ValueError(f"host {host!r} has no characters usable in a WARC file name")
    return cleaned


def _response_record(
    writer: WARCWriter,
    exchange: HttpExchange,
    refers_to: RefersTo | None,
    date: str,
    warcinfo_id: str,
    digest: str,
) -> ArcWarcRecord:
    http = _RawHead(exchange.response_head)
    headers = _common_headers(exchange, date, warcinfo_id)
    if refers_to is not None:
        # The block holds only the status line and headers; the payload is the earlier one.
        headers["WARC-Profile"] = REVISIT_PROFILE
        headers["WARC-Refers-To-Target-URI"] = refers_to.target_uri
        headers["WARC-Refers-To-Date"] = refers_to.warc_date
        headers["WARC-Refers-To"] = refers_to.record_id
        headers["WARC-Truncated"] = "length"
        headers["WARC-Payload-Digest"] = digest
        headers["WARC-Block-Digest"] = _sha1(http.headers_buff)
        return writer.create_warc_record(
            exchange.target_uri, "revisit", warc_headers_dict=headers, http_headers=http
        )
    if exchange.truncated:
        headers["WARC-Truncated"] = exchange.truncated
    headers["WARC-Payload-Digest"] = digest
    headers["WARC-Block-Digest"] = _sha1(http.headers_buff, exchange.body)
    return writer.create_warc_record(
        exchange.target_uri,
        "response",
        payload=BytesIO(exchange.body),
        length=len(exchange.body),
        warc_headers_dict=headers,
        http_headers=http,
    )


def _request_record(
    writer: WARCWriter, exchange: HttpExchange, date: str, warcinfo_id: str, response_id: str
) -> ArcWarcRecord:
    http = _RawHead(exchange.request_head)
    warc_headers = _common_headers(exchange, date, warcinfo_id)
    warc_headers["WARC-Concurrent-To"] = response_id
    warc_headers["WARC-Payload-Digest"] = _sha1(exchange.request_body)
    warc_headers["WARC-Block-Digest"] = _sha1(http.headers_buff, exchange.request_body)
    return writer.create_warc_record(
        exchange.target_uri,
        "request",
        payload=BytesIO(exchange.request_body),
        length=len(exchange.request_body),
        warc_headers_dict=warc_headers,
        http_headers=http,
    )


def _common_headers(exchange: HttpExchange, date: str, warcinfo_id: str) -> dict[str, str]:
    headers = {
        "WARC-Type": "",  # set by warcio; listed first to keep the conventional order
        "WARC-Record-ID": StatusAndHeadersParser.make_warc_id(),
        "WARC-Date": date,
        "WARC-Target-URI": exchange.target_uri,
    }
    if exchange.ip_address:
        headers["WARC-IP-Address"] = exchange.ip_address
    headers["WARC-Warcinfo-ID"] = warcinfo_id
    return headers


def payload_digest(body: bytes) -> str:
    """``WARC-Payload-Digest`` of a body as transmitted: the key revisits are matched on."""
    return _sha1(body)


def _sha1(*parts: bytes) -> str:
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part)
    return "sha1:" + base64.b32encode(digest.digest()).decode("ascii")


def warc_date(moment: datetime) -> str:
    """A WARC-Date as this writer renders it (UTC, microseconds)."""
    return datetime_to_iso_date(moment.astimezone(UTC).replace(tzinfo=None), use_micros=True)


def fsync_directory(directory: Path) -> None:
    """Make a file's creation or rename in ``directory`` survive a power failure."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
