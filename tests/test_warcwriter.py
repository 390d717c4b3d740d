"""RotatingWarcWriter: real files, judged by warcio's own CLI and by reading them back."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from storage.httpexchange import HttpExchange
from storage.spool import read_warcinfo
from storage.warcreader import ArchivedRecord, iter_records, read_record
from storage.warcwriter import (
    REVISIT_PROFILE,
    ClosedWarc,
    RecordLocation,
    RefersTo,
    RotatingWarcWriter,
    sanitise_host,
)

WARCIO = Path(sys.executable).parent / "warcio"
IIPC_NAME = re.compile(r"news-example-(\d{17})-(\d{5})-crawler-1\.example\.warc\.gz")
WARCINFO = {
    "software": "newsarchiver/0.1.0",
    "hostname": "crawler-1.example",
    "operator": "Archive team <archive@example.org>",
    "robots": "obey",
    "http-header-user-agent": "newsarchiver/0.1 (+https://archive.example.org/bot)",
    "run-id": "42",
    "site": "example",
}


def head(first_line: str, *headers: str, end: str = "\r\n") -> bytes:
    """An HTTP head as bytes: ``first_line``, then each header line, then the blank line."""
    return "".join(line + end for line in (first_line, *headers, "")).encode("latin-1")


def make_exchange(**changes: object) -> HttpExchange:
    """A plain 200 text/html exchange; tests override what they are about."""
    exchange = HttpExchange(
        target_uri="https://news.example.com/2024/05/story?id=7&ref=home",
        date=datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC),
        ip_address="93.184.216.34",
        request_head=head(
            "GET /2024/05/story?id=7&ref=home HTTP/1.1",
            "Host: news.example.com",
            "User-Agent: newsarchiver/0.1 (+https://archive.example.org/bot)",
            "Accept-Encoding: gzip, deflate",
        ),
        request_body=b"",
        response_head=head(
            "HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", "Content-Length: 21"
        ),
        body=b"<html>a story</html>\n",
        truncated=None,
    )
    return replace(exchange, **changes)  # type: ignore[arg-type]


def assert_warcio_accepts(path: Path) -> list[dict[str, str]]:
    """``warcio check`` finds nothing wrong and ``warcio index`` lists the records."""
    check = subprocess.run([WARCIO, "check", path], capture_output=True, text=True)
    assert (check.returncode, check.stdout, check.stderr) == (0, "", "")
    index = subprocess.run(
        [WARCIO, "index", "-f", "offset,length,warc-type,warc-target-uri", path],
        capture_output=True,
        text=True,
    )
    assert index.returncode == 0 and index.stderr == ""
    return [json.loads(line) for line in index.stdout.splitlines()]


def decompressed_member(path: Path, offset: int, length: int) -> bytes:
    with open(path, "rb") as stream:
        stream.seek(offset)
        return gzip.decompress(stream.read(length))


def read_warc_range(writer: RotatingWarcWriter, location: RecordLocation) -> ArchivedRecord:
    """Read a location back the way ``articles get`` does: a range of the closed file."""
    path = writer.spool_dir / location.warc_name
    with open(path, "rb") as stream:
        stream.seek(location.offset)
        return read_record(stream.read(location.length))


@pytest.fixture
def closed() -> list[ClosedWarc]:
    return []


@pytest.fixture
def writer(tmp_path: Path, closed: list[ClosedWarc]) -> RotatingWarcWriter:
    return RotatingWarcWriter(
        tmp_path / "spool",
        prefix="news-example",
        host="crawler-1.example",
        warcinfo=WARCINFO,
        on_close=closed.append,
    )


def test_every_kind_of_exchange_passes_warcio_check_and_index(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    exchanges = [
        make_exchange(),
        make_exchange(
            response_head=head(
                "HTTP/1.1 301 Moved Permanently",
                "Location: https://news.example.com/",
                "Content-Length: 0",
            ),
            body=b"",
        ),
        make_exchange(response_head=head("HTTP/1.1 404 Not Found"), body=b"gone"),
        make_exchange(
            request_head=head(
                "POST /search HTTP/1.1", "Host: news.example.com", "Content-Length: 7"
            ),
            request_body=b"q=story",
        ),
        make_exchange(
            response_head=head("HTTP/1.1 200 OK", "Transfer-Encoding: chunked"),
            body=b"5;ext=1\r\nstory\r\n0\r\nX-Trailer: yes\r\n\r\n",
            ip_address="2001:db8::1",
        ),
        make_exchange(truncated="length", body=b"<html>cut"),
    ]
    with writer:
        locations = [writer.write_exchange(exchange) for exchange in exchanges]
    [warc] = closed

    index = assert_warcio_accepts(warc.path)
    assert [row["warc-type"] for row in index] == ["warcinfo"] + ["response", "request"] * 6
    responses = [row for row in index if row["warc-type"] == "response"]
    assert [(int(r["offset"]), int(r["length"])) for r in responses] == [
        (loc.offset, loc.length) for loc in locations
    ]
    assert warc.records == 13 and warc.size == warc.path.stat().st_size


def test_gzip_encoded_body_is_kept_byte_for_byte(writer: RotatingWarcWriter) -> None:
    page = "<html><p>Überschrift, café</p></html>".encode() * 50
    encoded = gzip.compress(page, mtime=0)
    exchange = make_exchange(
        response_head=head(
            "HTTP/1.1 200 OK",
            "Content-Type: text/html; charset=utf-8",
            "Content-Encoding: gzip",
            f"Content-Length: {len(encoded)}",
        ),
        body=encoded,
    )
    location = writer.write_exchange(exchange)
    writer.close()

    record = read_warc_range(writer, location)
    assert record.payload == encoded
    assert record.http_header("Content-Encoding") == "gzip"
    assert record.http_header("Content-Length") == str(len(encoded))
    assert record.decoded_body() == page
    sha1 = hashlib.sha1(encoded).digest()
    assert location.payload_digest == "sha1:" + base64.b32encode(sha1).decode()


def test_blocks_are_the_bytes_given_odd_headers_and_chunk_framing_included(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    response_head = (
        b"HTTP/1.1 299 Fine By Us\r\nset-cookie: a=1; Path=/\r\nContent-Type: text/html\r\n"
        b"Set-Cookie: b=2; Path=/\r\nX-Folded: one,\r\n  two\r\nX-Latin: caf\xe9\r\n"
        b"Location: /x?\x00y\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    framed = b"4;name=v\r\n<p>a\r\n5\r\n</p>\n\r\n0\r\nX-Checksum: 1\r\n\r\n"
    request_head = b"GET /a;jsessionid=1?q=2 HTTP/1.1\r\nhost: news.example.com\r\n\r\n"
    location = writer.write_exchange(
        make_exchange(response_head=response_head, body=framed, request_head=request_head)
    )
    writer.close()

    raw = decompressed_member(closed[0].path, location.offset, location.length)
    assert raw.endswith(b"\r\n\r\n" + response_head + framed + b"\r\n\r\n")
    record = read_warc_range(writer, location)
    assert record.http_status == 299
    assert record.payload == framed
    assert record.decoded_body() == b"<p>a</p>\n"
    assert (
        location.payload_digest
        == "sha1:" + base64.b32encode(hashlib.sha1(framed).digest()).decode()
    )
    request = list(iter_records(closed[0].path))[2][2]
    assert request.http_start_line == "GET /a;jsessionid=1?q=2 HTTP/1.1"
    assert_warcio_accepts(closed[0].path)


def test_a_content_length_that_is_not_the_body_length_is_kept_as_sent(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    location = writer.write_exchange(
        make_exchange(response_head=head("HTTP/1.1 200 OK", "Content-Length: 5000"), body=b"x" * 10)
    )
    writer.close()
    record = read_warc_range(writer, location)
    assert record.http_headers == [("Content-Length", "5000")] and record.payload == b"x" * 10
    assert_warcio_accepts(closed[0].path)


def test_a_head_with_bare_lf_line_ends_reads_back(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    response_head = head("HTTP/1.1 200 OK", "Content-Type: text/plain", end="\n")
    location = writer.write_exchange(make_exchange(response_head=response_head, body=b"body"))
    writer.close()
    record = read_warc_range(writer, location)
    assert (record.http_header("Content-Type"), record.payload) == ("text/plain", b"body")
    assert_warcio_accepts(closed[0].path)


def test_sloppy_header_names_from_real_servers_are_kept(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    response_head = head("HTTP/1.1 200 OK", "X Powered By: php")
    location = writer.write_exchange(make_exchange(response_head=response_head))
    writer.close()
    assert_warcio_accepts(closed[0].path)
    assert read_warc_range(writer, location).http_headers == [("X Powered By", "php")]


def test_request_record_follows_its_response(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    location = writer.write_exchange(make_exchange())
    writer.close()

    records = list(iter_records(closed[0].path))
    [(_, _, warcinfo), (_, _, response), (_, _, request)] = records
    assert request.record_type == "request"
    assert request.http_start_line == "GET /2024/05/story?id=7&ref=home HTTP/1.1"
    assert request.http_headers[0] == ("Host", "news.example.com")
    assert request.warc_header("WARC-Concurrent-To") == location.record_id == response.record_id
    for header in ("WARC-Date", "WARC-Target-URI", "WARC-IP-Address", "WARC-Warcinfo-ID"):
        assert request.warc_header(header) == response.warc_header(header)
    assert response.warc_header("WARC-Warcinfo-ID") == warcinfo.record_id
    assert response.warc_date == location.warc_date == "2024-05-01T12:30:15.123456Z"
    assert response.warc_header("WARC-Block-Digest") == location.block_digest
    assert response.warc_header("WARC-Protocol") is None


def test_truncated_exchange_is_marked(writer: RotatingWarcWriter) -> None:
    location = writer.write_exchange(make_exchange(truncated="length"))
    writer.close()
    assert read_warc_range(writer, location).warc_header("WARC-Truncated") == "length"


def test_every_location_reads_back_the_right_record(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    exchanges = [
        make_exchange(
            target_uri=f"https://news.example.com/page/{n}",
            request_head=head(f"GET /page/{n} HTTP/1.1", "Host: news.example.com"),
            response_head=head(f"HTTP/1.1 {200 + n} Status {n}"),
            body=os.urandom(n * 3000),
        )
        for n in range(8)
    ]
    locations = [writer.write_exchange(exchange) for exchange in exchanges]
    writer.close()
    data = closed[0].path.read_bytes()
    for exchange, location in zip(exchanges, locations, strict=True):
        record = read_record(data[location.offset : location.offset + location.length])
        assert (record.record_id, record.target_uri, record.http_status, record.payload) == (
            location.record_id,
            exchange.target_uri,
            exchange.status,
            exchange.body,
        )


def test_rotation_produces_iipc_named_files_each_starting_with_warcinfo(
    tmp_path: Path, closed: list[ClosedWarc]
) -> None:
    writer = RotatingWarcWriter(
        tmp_path,
        prefix="news-example",
        host="crawler-1.example",
        max_size=2500,
        warcinfo=WARCINFO,
        on_close=closed.append,
    )
    with writer:
        locations = [
            writer.write_exchange(
                make_exchange(body=os.urandom(1000), response_head=head("HTTP/1.1 200 OK"))
            )
            for _ in range(5)
        ]
    assert len(closed) == 3
    assert [location.warc_name for location in locations] == [
        closed[0].name,
        closed[0].name,
        closed[1].name,
        closed[1].name,
        closed[2].name,
    ]
    assert list(tmp_path.glob("*.open")) == []
    serials = []
    for warc in closed:
        match = IIPC_NAME.fullmatch(warc.name)
        assert match, warc.name
        serials.append(match.group(2))
        assert warc.path == tmp_path / warc.name
        assert warc.sha256 == hashlib.sha256(warc.path.read_bytes()).hexdigest()
        assert warc.size == warc.path.stat().st_size
        index = assert_warcio_accepts(warc.path)
        assert index[0]["warc-type"] == "warcinfo" and warc.records == len(index)
        info = read_warcinfo(warc.path)
        assert info["run-id"] == "42" and info["format"] == "WARC File Format 1.1"
        warcinfo_id = next(iter_records(warc.path))[2].record_id
        assert {r.warc_header("WARC-Warcinfo-ID") for _, _, r in iter_records(warc.path)} == {
            None,
            warcinfo_id,
        }
    assert serials == ["00001", "00002", "00003"]
    assert closed[0].first_date == datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC)


def test_revisit_record_has_the_identical_payload_digest_profile(
    writer: RotatingWarcWriter, closed: list[ClosedWarc]
) -> None:
    exchange = make_exchange()
    original = writer.write_exchange(exchange)
    later = replace(exchange, date=exchange.date + timedelta(days=1))
    refers_to = RefersTo(original.record_id, exchange.target_uri, original.warc_date)
    revisit = writer.write_exchange(later, refers_to=refers_to)
    writer.close()

    assert_warcio_accepts(closed[0].path)
    assert revisit.record_type == "revisit"
    assert revisit.payload_digest == original.payload_digest
    record = read_warc_range(writer, revisit)
    assert record.record_type == "revisit"
    assert record.warc_header("WARC-Profile") == REVISIT_PROFILE
    assert record.warc_header("WARC-Refers-To-Target-URI") == exchange.target_uri
    assert record.warc_header("WARC-Refers-To-Date") == "2024-05-01T12:30:15.123456Z"
    assert record.warc_header("WARC-Refers-To") == original.record_id
    assert record.warc_header("WARC-Truncated") == "length"
    assert record.warc_header("WARC-Payload-Digest") == original.payload_digest
    assert record.http_status == 200 and record.payload == b""


@pytest.mark.parametrize("prefix", ["../x", "a/b", "a b", "", ".hidden", "x..y", "a\nb"])
def test_hostile_prefix_is_rejected(tmp_path: Path, prefix: str) -> None:
    with pytest.raises(ValueError, match="WARC prefix"):
        RotatingWarcWriter(tmp_path, prefix=prefix, host="h", warcinfo={})


def test_host_is_sanitised_for_file_names() -> None:
    assert sanitise_host("../../etc/passwd host") == "etc-passwd-host"
    assert sanitise_host("crawler_1.example..org") == "crawler-1.example.org"
    with pytest.raises(ValueError, match="host"):
        sanitise_host("/../")


def test_bad_warcinfo_field_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="operator"):
        RotatingWarcWriter(tmp_path, prefix="p", host="h", warcinfo={"operator": "a\r\nb"})


def test_two_writers_with_the_same_prefix_never_share_a_file(tmp_path: Path) -> None:
    closed: list[ClosedWarc] = []
    writers = [
        RotatingWarcWriter(
            tmp_path, prefix="p", host="h", max_size=1, warcinfo={}, on_close=closed.append
        )
        for _ in range(2)
    ]
    for _ in range(10):
        for writer in writers:
            writer.write_exchange(make_exchange())
    assert len({warc.name for warc in closed}) == 20
    assert len(list(tmp_path.glob("*.warc.gz"))) == 20


def test_nothing_is_written_before_the_first_exchange(tmp_path: Path) -> None:
    closed: list[ClosedWarc] = []
    with RotatingWarcWriter(tmp_path, prefix="p", host="h", warcinfo={}, on_close=closed.append):
        pass
    assert (closed, list(tmp_path.iterdir())) == ([], [])


def test_a_write_that_fails_half_way_leaves_a_valid_file(tmp_path: Path) -> None:
    """The file-size rlimit makes the disk 'full' mid-record; the file must stay valid."""
    script = textwrap.dedent(
        """
        import os, resource, signal, sys
        from storage.warcwriter import RotatingWarcWriter
        from tests.test_warcwriter import make_exchange
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
        writer = RotatingWarcWriter(sys.argv[1], prefix="p", host="h", warcinfo={})
        written = 0
        try:
            while True:
                writer.write_exchange(make_exchange(body=os.urandom(7000)))
                written += 1
        except OSError as exc:
            print("failed:", exc.errno, file=sys.stderr)
        writer.write_exchange(make_exchange(body=b"small"))
        writer.close()
        print(written + 1)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, tmp_path],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "failed: 27" in result.stderr  # EFBIG
    [path] = tmp_path.glob("*.warc.gz")
    index = assert_warcio_accepts(path)
    assert sum(row["warc-type"] == "response" for row in index) == int(result.stdout)
    assert path.stat().st_size <= 40_000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": datetime(2024, 5, 1)}, "timezone-aware"),
        ({"response_head": b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"}, "blank line"),
        ({"response_head": head("HTTP/1.1 200 OK") + b"body\r\n\r\n"}, "blank line"),
        ({"response_head": head("HTTP/1.1 OK")}, "status line"),
        ({"response_head": head("ICY 200 OK")}, "status line"),
        ({"request_head": head("GET /a b HTTP/1.1")}, "request line"),
        ({"request_head": head("HTTP/1.1 200 OK")}, "request line"),
        ({"body": "text"}, "bytes"),
        ({"target_uri": "/relative"}, "absolute URI"),
        ({"ip_address": "not-an-ip"}, "ip_address"),
        ({"truncated": "yes"}, "truncated"),
    ],
)
def test_malformed_exchange_is_rejected_with_a_clear_message(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make_exchange(**change)


def test_non_utc_dates_are_written_in_utc(writer: RotatingWarcWriter) -> None:
    paris = timezone(timedelta(hours=2))
    location = writer.write_exchange(
        make_exchange(date=datetime(2024, 5, 1, 14, 0, 0, tzinfo=paris))
    )
    assert location.warc_date == "2024-05-01T12:00:00Z"
