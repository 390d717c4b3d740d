"""warcreader: range reads, body decoding and strict verification of files we wrote."""

from __future__ import annotations

import gzip
import subprocess
import zlib
from datetime import timedelta
from pathlib import Path

import brotli
import pytest

from storage.warcreader import (
    ArchivedRecord,
    ContentDecodingError,
    CorruptRecordError,
    iter_records,
    read_record,
)
from storage.warcwriter import ClosedWarc, RecordLocation, RefersTo, RotatingWarcWriter
from tests.test_warcwriter import WARCIO, head, make_exchange

PAGE = b"<html><body>%s</body></html>" % b"".join(
    b"<p>paragraph %d: %d</p>" % (n, n * n) for n in range(2000)
)


def write_warc(tmp_path: Path, *exchanges) -> tuple[Path, list[RecordLocation]]:
    closed: list[ClosedWarc] = []
    with RotatingWarcWriter(
        tmp_path, prefix="t", host="h", warcinfo={"run-id": "1"}, on_close=closed.append
    ) as writer:
        locations = [writer.write_exchange(exchange) for exchange in exchanges]
    return closed[0].path, locations


def record_with(tmp_path: Path, encoding: str, body: bytes, **changes) -> ArchivedRecord:
    path, [location] = write_warc(
        tmp_path,
        make_exchange(
            response_head=head("HTTP/1.1 200 OK", f"Content-Encoding: {encoding}"),
            body=body,
            **changes,
        ),
    )
    data = path.read_bytes()
    return read_record(data[location.offset : location.offset + location.length])


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE)),
        ("GZIP", gzip.compress(PAGE[:100]) + gzip.compress(PAGE[100:])),
        ("deflate", zlib.compress(PAGE)),
        ("deflate", raw_deflate(PAGE)),
        ("br", brotli.compress(PAGE)),
        ("identity", PAGE),
        ("deflate, gzip", gzip.compress(zlib.compress(PAGE))),
    ],
)
def test_decoded_body_undoes_the_content_encoding(
    tmp_path: Path, encoding: str, body: bytes
) -> None:
    record = record_with(tmp_path, encoding, body)
    assert record.payload == body
    assert record.decoded_body() == PAGE


def test_unsupported_encoding_is_named(tmp_path: Path) -> None:
    record = record_with(tmp_path, "compress", b"\x1f\x9d...")
    with pytest.raises(ContentDecodingError, match="'compress'"):
        record.decoded_body()


def test_truncated_body_decodes_as_far_as_it_goes(tmp_path: Path) -> None:
    encoded = gzip.compress(PAGE)
    cut = encoded[: len(encoded) // 2]
    partial = record_with(tmp_path / "a", "gzip", cut, truncated="length").decoded_body()
    assert partial and PAGE.startswith(partial) and len(partial) < len(PAGE)
    with pytest.raises(ContentDecodingError, match="gzip body ends"):
        record_with(tmp_path / "b", "gzip", cut).decoded_body()


def chunked_record(tmp_path: Path, framed: bytes, **changes: object) -> ArchivedRecord:
    path, [location] = write_warc(
        tmp_path,
        make_exchange(
            response_head=head(
                "HTTP/1.1 200 OK", "Content-Encoding: gzip", "Transfer-Encoding: chunked"
            ),
            body=framed,
            **changes,
        ),
    )
    return read_record(path.read_bytes()[location.offset : location.offset + location.length])


def test_chunked_body_decodes_without_framing_and_a_cut_one_as_far_as_it_goes(
    tmp_path: Path,
) -> None:
    encoded = gzip.compress(PAGE)
    half = len(encoded) // 2
    framed = b"%x;ext=1\r\n%s\r\n%x\n%s\n0\r\nX-Sum: 1\r\n\r\n" % (
        half, encoded[:half], len(encoded) - half, encoded[half:]
    )  # fmt: skip
    assert chunked_record(tmp_path / "a", framed).decoded_body() == PAGE
    cut = chunked_record(tmp_path / "b", framed[: half // 2], truncated="length")
    partial = cut.decoded_body()
    assert partial and PAGE.startswith(partial)
    with pytest.raises(ContentDecodingError, match="chunked body is malformed"):
        chunked_record(tmp_path / "c", framed[: half // 2]).decoded_body()


def test_broken_body_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ContentDecodingError, match="gzip body does not decode"):
        record_with(tmp_path, "gzip", b"not gzip at all").decoded_body()


def test_decoded_body_refuses_a_decompression_bomb(tmp_path: Path) -> None:
    record = record_with(tmp_path, "gzip", gzip.compress(b"\0" * 1_000_000))
    with pytest.raises(ContentDecodingError, match="exceeds 1000 bytes"):
        record.decoded_body(max_size=1000)


def test_revisit_has_no_body_to_decode(tmp_path: Path) -> None:
    exchange = make_exchange()
    closed: list[ClosedWarc] = []
    with RotatingWarcWriter(
        tmp_path, prefix="t", host="h", warcinfo={}, on_close=closed.append
    ) as w:
        first = w.write_exchange(exchange)
        later = exchange.date + timedelta(days=1)
        revisit = w.write_exchange(
            make_exchange(date=later),
            RefersTo(first.record_id, exchange.target_uri, first.warc_date),
        )
    data = closed[0].path.read_bytes()
    record = read_record(data[revisit.offset : revisit.offset + revisit.length])
    with pytest.raises(ContentDecodingError, match=r"revisit.*2024-05-01T12:30:15\.123456Z"):
        record.decoded_body()


def test_wrong_ranges_are_rejected(tmp_path: Path) -> None:
    path, [first, _] = write_warc(tmp_path, make_exchange(), make_exchange())
    data = path.read_bytes()
    start, end = first.offset, first.offset + first.length
    bad_ranges = {
        "shifted": data[start + 1 : end + 1],
        "too short": data[start : end - 1],
        "too long": data[start : end + 10],
        "empty": b"",
        "not gzip": b"WARC/1.1\r\n\r\n",
    }
    for name, chunk in bad_ranges.items():
        with pytest.raises(CorruptRecordError) as caught:
            read_record(chunk)
        assert "\n" not in str(caught.value), name


def test_member_that_is_not_exactly_one_record_is_rejected() -> None:
    header = (
        b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Length: 5\r\n\r\n"
    )
    with pytest.raises(CorruptRecordError, match="block is 3 bytes, Content-Length says 5"):
        read_record(gzip.compress(header + b"abc"))
    with pytest.raises(CorruptRecordError, match="CRLF CRLF"):
        read_record(gzip.compress(header + b"abcde\r\n\r\nWARC/1.1\r\n"))
    with pytest.raises(CorruptRecordError, match=r"WARC/1\.x"):
        read_record(gzip.compress(b"HTTP/1.1 200 OK\r\n\r\n"))
    assert read_record(gzip.compress(header + b"abcde\r\n\r\n")).payload == b"abcde"


def tamper(path: Path, location: RecordLocation, old: bytes, new: bytes) -> None:
    """Replace bytes inside one record, recompressing its member (digests left stale)."""
    data = path.read_bytes()
    start, end = location.offset, location.offset + location.length
    raw = gzip.decompress(data[start:end])
    assert old in raw
    path.write_bytes(data[:start] + gzip.compress(raw.replace(old, new, 1)) + data[end:])


def test_payload_digest_mismatch_is_found_like_warcio_check_does(tmp_path: Path) -> None:
    path, [_, second, _] = write_warc(
        tmp_path, make_exchange(), make_exchange(body=b"original body"), make_exchange()
    )
    tamper(path, second, b"original body", b"modified body")

    with pytest.raises(CorruptRecordError, match="digest mismatch") as caught:
        list(iter_records(path))
    assert caught.value.offset == second.offset
    check = subprocess.run([WARCIO, "check", path], capture_output=True, text=True)
    assert check.returncode == 1 and "digest failed" in check.stdout


def test_revisit_block_digest_is_checked_although_warcio_skips_it(tmp_path: Path) -> None:
    exchange = make_exchange()
    closed: list[ClosedWarc] = []
    with RotatingWarcWriter(
        tmp_path, prefix="t", host="h", warcinfo={}, on_close=closed.append
    ) as w:
        first = w.write_exchange(exchange)
        revisit = w.write_exchange(
            exchange, RefersTo(first.record_id, exchange.target_uri, first.warc_date)
        )
    path = closed[0].path
    tamper(path, revisit, b"HTTP/1.1 200 OK", b"HTTP/1.1 500 OK")
    with pytest.raises(CorruptRecordError, match="block digest mismatch") as caught:
        list(iter_records(path))
    assert caught.value.offset == revisit.offset


def test_iter_records_stops_at_an_incomplete_member(tmp_path: Path) -> None:
    path, [_, last] = write_warc(tmp_path, make_exchange(), make_exchange())
    with open(path, "r+b") as stream:
        stream.truncate(last.offset + last.length // 2)
        stream.seek(0)
        seen = []
        with pytest.raises(CorruptRecordError, match="incomplete") as caught:
            for offset, length, record in iter_records(stream):
                seen.append((offset, length, record.record_type))
    assert caught.value.offset == last.offset
    assert [kind for _, _, kind in seen] == ["warcinfo", "response", "request"]
    assert seen[-1][0] + seen[-1][1] == last.offset
