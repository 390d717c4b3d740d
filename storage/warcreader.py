"""Read WARC records back: one record from a range read, or every record of a file for checks.

``articles get`` fetches ``(offset, length)`` of a capture from the storage backend and hands
the bytes to :func:`read_record`; ``warc verify`` and spool recovery walk whole files with
:func:`iter_records`. Both are strict on purpose: each record must be exactly one complete gzip
member (CRC checked), its block must be exactly ``Content-Length`` bytes followed by the
``CRLF CRLF`` trailer, and the declared digests must match.

Parsing of header sections is delegated to warcio's ``StatusAndHeadersParser``. Member walking
and digest checks are done here rather than with ``warcio.ArchiveIterator(check_digests=True)``
because that iterator accepts a gzip member whose trailer is missing (the state a crashed
writer leaves behind) and skips the block digest of revisit records.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from storage.chunkedbody import ChunkedBodyError, dechunk
from storage.httpexchange import head_length

_CHUNK = 1 << 16
_HEADER_END = b"\r\n\r\n"
_HTTP_RECORD_TYPES = frozenset({"response", "revisit", "request"})
#: Decoded bodies larger than this are refused, so a hostile archived page cannot exhaust memory.
DEFAULT_MAX_DECODED_SIZE = 512 * 1024 * 1024


class CorruptRecordError(ValueError):
    """Bytes that should hold a WARC record do not; ``offset`` says where, when known."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


class IncompleteRecordError(CorruptRecordError):
    """The data ends inside a gzip member: a longer read may hold the whole record."""


class ContentDecodingError(ValueError):
    """An archived payload cannot be decoded according to its Content-Encoding."""


class _Latin1HeadersParser(StatusAndHeadersParser):
    """warcio's parser, but always latin-1: its utf-8-first guess would alter header bytes."""

    @staticmethod
    def decode_header(line: bytes | str) -> str:
        return line.decode("latin-1") if isinstance(line, bytes) else line


@dataclass(frozen=True)
class ArchivedRecord:
    """One WARC record as stored: headers, HTTP start line and headers, raw payload."""

    record_type: str
    record_id: str
    target_uri: str | None
    warc_date: str
    warc_headers: list[tuple[str, str]]
    http_start_line: str | None
    http_status: int | None
    http_headers: list[tuple[str, str]]
    payload: bytes

    def warc_header(self, name: str) -> str | None:
        """First value of a WARC header (case-insensitive), or None."""
        return _first(self.warc_headers, name)

    def http_header(self, name: str) -> str | None:
        """First value of an HTTP header (case-insensitive), or None."""
        return _first(self.http_headers, name)

    @property
    def warc_datetime(self) -> datetime:
        """``WARC-Date`` as an aware UTC datetime."""
        return datetime.fromisoformat(self.warc_date)

    def decoded_body(self, max_size: int = DEFAULT_MAX_DECODED_SIZE) -> bytes:
        """The payload with its chunk framing and Content-Encoding undone (gzip, deflate, and
        br with brotli).

        A record cut with ``WARC-Truncated`` yields whatever part decodes; an intact record whose
        body does not decode raises :class:`ContentDecodingError`.
        """
        if self.record_type == "revisit":
            raise ContentDecodingError(
                f"record {self.record_id} is a revisit without a payload; read the record it "
                f"refers to ({self.warc_header('WARC-Refers-To-Target-URI')} at "
                f"{self.warc_header('WARC-Refers-To-Date')})"
            )
        codings = [
            coding.strip().lower()
            for name, value in self.http_headers
            if name.lower() == "content-encoding"
            for coding in value.split(",")
        ]
        allow_partial = self.warc_header("WARC-Truncated") is not None
        body = self.payload
        transfer = self.http_header("Transfer-Encoding") or ""
        if transfer.rsplit(",", 1)[-1].strip().lower() == "chunked":
            try:
                body = dechunk(body, allow_partial)
            except ChunkedBodyError as exc:
                raise ContentDecodingError(f"chunked body is malformed: {exc}") from exc
        for coding in reversed(codings):
            if coding in ("", "identity"):
                continue
            body = _decode(coding, body, max_size, allow_partial)
        if len(body) > max_size:
            raise ContentDecodingError(f"decoded body exceeds {max_size} bytes")
        return body


def read_record(data: bytes) -> ArchivedRecord:
    """Parse one record from the bytes of exactly one gzip member (a range read)."""
    members = _iter_members(BytesIO(data))
    first = next(members, None)
    if first is None:
        raise CorruptRecordError("no data: expected one gzip member holding a WARC record", 0)
    offset, length, raw = first
    if length != len(data):
        raise CorruptRecordError(
            f"{len(data) - length} bytes follow the first gzip member; "
            "offset or length of the range is wrong",
            length,
        )
    return _parse_record(raw, offset)


def first_record_headers(data: bytes) -> tuple[int, list[tuple[str, str]]]:
    """The WARC headers of the record in the first gzip member of ``data``, and that
    member's length (its CRC checked, its block not parsed).

    Bytes after the member are ignored: this finds the record that follows a known one (the
    request after a response, the warcinfo a file starts with), whose length the index does
    not hold. :class:`IncompleteRecordError` says ``data`` ends too soon.
    """
    first = next(_iter_members(BytesIO(data)), None)
    if first is None:
        raise IncompleteRecordError("no data: expected a gzip member holding a WARC record", 0)
    offset, length, raw = first
    header_end = raw.find(_HEADER_END)
    if header_end < 0:
        raise CorruptRecordError(f"record at offset {offset}: no end of its WARC headers", offset)
    parser = StatusAndHeadersParser(ArcWarcRecordLoader.WARC_TYPES)
    try:
        warc = parser.parse(BytesIO(raw[: header_end + len(_HEADER_END)]))
    except (StatusAndHeadersParserException, EOFError) as exc:
        raise CorruptRecordError(f"record at offset {offset}: not a WARC record", offset) from exc
    return length, list(warc.headers)


def iter_records(source: Path | str | BinaryIO) -> Iterator[tuple[int, int, ArchivedRecord]]:
    """Yield ``(offset, length, record)`` for every record of a ``.warc.gz`` file, checked.

    Raises :class:`CorruptRecordError` (with ``offset``) at the first incomplete gzip member,
    malformed record or digest mismatch. Only one record is held in memory at a time.
    """
    if isinstance(source, str | Path):
        with open(source, "rb") as stream:
            yield from iter_records(stream)
        return
    for offset, length, raw in _iter_members(source):
        yield offset, length, _parse_record(raw, offset)


def _iter_members(stream: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(offset, compressed length, decompressed bytes)`` of each complete gzip member."""
    offset = 0
    pending = b""
    while True:
        data = pending or stream.read(_CHUNK)
        if not data:
            return
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        parts: list[bytes] = []
        consumed = 0
        while True:
            try:
                parts.append(decompressor.decompress(data))
            except zlib.error as exc:
                raise CorruptRecordError(
                    f"invalid gzip data in the member at offset {offset}: {exc}", offset
                ) from exc
            if decompressor.eof:
                pending = decompressor.unused_data
                consumed += len(data) - len(pending)
                break
            consumed += len(data)
            data = stream.read(_CHUNK)
            if not data:
                raise IncompleteRecordError(
                    f"gzip member at offset {offset} is incomplete: "
                    f"the data ends after {consumed} bytes",
                    offset,
                )
        yield offset, consumed, b"".join(parts)
        offset += consumed


def _parse_record(raw: bytes, offset: int) -> ArchivedRecord:
    """Split a decompressed member into a record, checking its structure and digests."""

    def corrupt(problem: str) -> CorruptRecordError:
        return CorruptRecordError(f"record at offset {offset}: {problem}", offset)

    header_end = raw.find(_HEADER_END)
    if header_end < 0:
        raise corrupt("WARC header section has no terminating blank line")
    block_start = header_end + len(_HEADER_END)
    parser = StatusAndHeadersParser(ArcWarcRecordLoader.WARC_TYPES)
    try:
        warc = parser.parse(BytesIO(raw[:block_start]))
    except (StatusAndHeadersParserException, EOFError) as exc:
        raise corrupt("does not start with a WARC/1.x version line") from exc

    try:
        content_length = int(warc.get_header("Content-Length", ""))
    except ValueError:
        raise corrupt("Content-Length is missing or not a number") from None
    block = raw[block_start : block_start + content_length]
    if len(block) != content_length:
        raise corrupt(f"block is {len(block)} bytes, Content-Length says {content_length}")
    if raw[block_start + content_length :] != _HEADER_END:
        raise corrupt("block is not followed by exactly CRLF CRLF (one record per member)")

    record_type = warc.get_header("WARC-Type")
    record_id = warc.get_header("WARC-Record-ID")
    warc_date = warc.get_header("WARC-Date")
    if not record_type or not record_id or not warc_date:
        raise corrupt("WARC-Type, WARC-Record-ID or WARC-Date is missing")
    target_uri = warc.get_header("WARC-Target-URI")

    start_line = None
    status = None
    http_headers: list[tuple[str, str]] = []
    payload = block
    if (
        record_type in _HTTP_RECORD_TYPES
        and block
        and (target_uri or "").startswith(("http:", "https:"))
    ):
        payload_start = head_length(block)
        if payload_start is None:
            raise corrupt("HTTP header section has no terminating blank line")
        http = _Latin1HeadersParser([], verify=False).parse(BytesIO(block[:payload_start]))
        start_line = f"{http.protocol} {http.statusline}".rstrip()
        http_headers = list(http.headers)
        payload = block[payload_start:]
        if record_type != "request":
            try:
                status = int(http.get_statuscode())
            except ValueError:
                raise corrupt(f"HTTP status line {start_line!r} has no status code") from None

    _check_digest(warc.get_header("WARC-Block-Digest"), block, "block", corrupt)
    if record_type != "revisit":
        _check_digest(warc.get_header("WARC-Payload-Digest"), payload, "payload", corrupt)

    return ArchivedRecord(
        record_type=record_type,
        record_id=record_id,
        target_uri=target_uri,
        warc_date=warc_date,
        warc_headers=list(warc.headers),
        http_start_line=start_line,
        http_status=status,
        http_headers=http_headers,
        payload=payload,
    )


def _check_digest(
    declared: str | None, data: bytes, what: str, corrupt: Callable[[str], CorruptRecordError]
) -> None:
    """Compare a ``algo:value`` digest (base32, base16 or base64 value) with the data."""
    if not declared:
        return
    algorithm, _, value = declared.partition(":")
    try:
        digest = hashlib.new(algorithm.lower().replace("-", ""), data).digest()
    except ValueError:
        raise corrupt(f"unknown {what} digest algorithm {algorithm!r}") from None
    try:
        if len(value) == len(base64.b32encode(digest)):
            expected = base64.b32decode(value, casefold=True)
        elif len(value) == 2 * len(digest):
            expected = bytes.fromhex(value)
        else:
            expected = base64.b64decode(
                value, altchars=b"-_" if "-" in value or "_" in value else None
            )
    except (binascii.Error, ValueError):
        raise corrupt(f"{what} digest {declared!r} is not valid base32/16/64") from None
    if expected != digest:
        computed = f"{algorithm}:{base64.b32encode(digest).decode()}"
        raise corrupt(f"{what} digest mismatch: declared {declared}, computed {computed}")


def _decode(coding: str, data: bytes, max_size: int, allow_partial: bool) -> bytes:
    """Undo one content coding, refusing output over ``max_size``."""
    if coding in ("gzip", "x-gzip"):
        return _inflate(data, zlib.MAX_WBITS | 16, coding, max_size, allow_partial)
    if coding == "deflate":
        # Servers send both zlib-wrapped and raw deflate under this name.
        try:
            return _inflate(data, zlib.MAX_WBITS, coding, max_size, allow_partial)
        except ContentDecodingError:
            return _inflate(data, -zlib.MAX_WBITS, coding, max_size, allow_partial)
    if coding == "br":
        return _unbrotli(data, max_size, allow_partial)
    raise ContentDecodingError(f"unsupported Content-Encoding {coding!r}")


def _inflate(data: bytes, wbits: int, coding: str, max_size: int, allow_partial: bool) -> bytes:
    output = bytearray()
    complete = False
    while data:
        decompressor = zlib.decompressobj(wbits)
        try:
            output += decompressor.decompress(data, max_size + 1 - len(output))
        except zlib.error as exc:
            # Like browsers, ignore junk after a complete stream.
            if complete or (allow_partial and output):
                break
            raise ContentDecodingError(f"{coding} body does not decode: {exc}") from exc
        if len(output) > max_size:
            raise ContentDecodingError(f"decoded body exceeds {max_size} bytes")
        if not decompressor.eof:
            if allow_partial:
                break
            raise ContentDecodingError(f"{coding} body ends before its compressed stream does")
        complete = True
        # Concatenated gzip members decode to the concatenation of their contents.
        data = decompressor.unused_data if wbits & 16 else b""
    return bytes(output)


def _unbrotli(data: bytes, max_size: int, allow_partial: bool) -> bytes:
    try:
        import brotli
    except ImportError:
        raise ContentDecodingError("br body needs the 'brotli' package to decode") from None
    decompressor = brotli.Decompressor()
    try:
        output = decompressor.process(data, output_buffer_limit=max_size + 1)
    except brotli.error as exc:
        raise ContentDecodingError(f"br body does not decode: {exc}") from exc
    if len(output) > max_size:
        raise ContentDecodingError(f"decoded body exceeds {max_size} bytes")
    if not decompressor.is_finished() and not allow_partial:
        raise ContentDecodingError("br body ends before its compressed stream does")
    return output


def _first(headers: list[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)
