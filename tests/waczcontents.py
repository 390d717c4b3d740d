"""Read a WACZ back in tests: its files, the WARC records of its data, its index and pages.

The records are read with warcio, which this project did not write; each comes with its
bytes exactly as they sit in the zip, so tests can compare them with the stored WARC files.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator


@dataclass(frozen=True)
class Member:
    """One record of a WACZ's WARC data: where it sits and its bytes as stored."""

    path: str
    offset: int
    raw: bytes
    type: str
    record_id: str
    target: str
    concurrent_to: str | None
    refers_to: str | None
    body: bytes  # the payload with its Content-Encoding undone


def read_wacz(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def members(files: dict[str, bytes]) -> list[Member]:
    found = []
    for name, data in files.items():
        if not name.startswith("archive/"):
            continue
        iterator = ArchiveIterator(io.BytesIO(data))
        for record in iterator:
            body = record.content_stream().read()
            iterator.read_to_end()
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            headers = record.rec_headers
            found.append(
                Member(
                    name,
                    offset,
                    data[offset : offset + length],
                    record.rec_type,
                    headers.get_header("WARC-Record-ID"),
                    headers.get_header("WARC-Target-URI") or "",
                    headers.get_header("WARC-Concurrent-To"),
                    headers.get_header("WARC-Refers-To"),
                    body,
                )
            )
    return found


def index_lines(files: dict[str, bytes]) -> list[tuple[str, str, dict[str, str]]]:
    """The CDXJ lines of the index, plain or ZipNum (whose blocks the ``.idx`` must locate)."""
    if "indexes/index.cdxj" in files:
        text = files["indexes/index.cdxj"].decode()
    else:
        blocks = files["indexes/index.cdx.gz"]
        meta, *entries = files["indexes/index.idx"].decode().splitlines()
        assert meta.startswith("!meta 0 ")
        parts = []
        for entry in entries:
            key, timestamp, fields = entry.split(" ", 2)
            where = json.loads(fields)
            block = gzip.decompress(blocks[where["offset"] : where["offset"] + where["length"]])
            assert block.decode().startswith(f"{key} {timestamp} ")
            parts.append(block.decode())
        text = "".join(parts)
    lines = []
    for line in text.splitlines():
        key, timestamp, fields = line.split(" ", 2)
        lines.append((key, timestamp, json.loads(fields)))
    return lines


def pages(files: dict[str, bytes], name: str = "pages/pages.jsonl") -> list[dict[str, Any]]:
    header, *entries = (json.loads(line) for line in files[name].decode().splitlines())
    assert header["format"] == "json-pages-1.0"
    return entries
