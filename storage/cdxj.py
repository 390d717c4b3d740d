"""CDXJ: the index pywb, OutbackCDX and ReplayWeb.page look URLs up in.

One line per response or revisit record, ``SURT-key 14-digit-timestamp {json}``, with the
JSON fields cdxj-indexer writes (``url``, ``mime``, ``status``, ``digest``, ``length``,
``offset``, ``filename``; a revisit's ``mime`` is ``warc/revisit``), sorted bytewise as
``LC_ALL=C sort`` sorts. Keys come from the ``surt`` package, the canonicalisation pywb
applies to the URLs it is asked for, so every line is found.

:func:`write_cdxj` indexes the selected captures where they are stored: ``filename`` is the
WARC file's key under the storage root (its full URL when it lies elsewhere), so pywb serves
the archive in place with ``archive_paths`` set to the root. :func:`write_zipnum` writes the
compressed, block-indexed form (ZipNum) that Browsertrix puts in a large WACZ.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

import surt

from storage.exportplan import ExportPlan
from storage.exportselection import ExportFilters, SelectedCapture, check_selection
from storage.models import RecordType
from storage.replayset import ReplaySet

if TYPE_CHECKING:
    from storage.db import Database

#: Lines per gzip block of a ZipNum index (Browsertrix's choice: small blocks, quick lookups).
ZIPNUM_BLOCK_LINES = 256
ZIPNUM_INDEX = "index.cdx.gz"


@dataclass(frozen=True)
class CdxjSummary:
    """What an index covers: its lines (records), the WARC files they name."""

    lines: int
    warc_files: int
    unresolved_revisits: int


def url_key(url: str) -> str:
    """The SURT form of ``url`` that lines are sorted and looked up by."""
    try:
        return str(surt.surt(url))
    except ValueError:  # not parsable as a URL: looked up as written, as cdxj-indexer does
        return url


def timestamp14(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def index_line(capture: SelectedCapture, filename: str, offset: int, length: int) -> str:
    """The CDXJ line of a capture whose record sits at ``offset`` in ``filename``."""
    fields: dict[str, str] = {"url": capture.url}
    if capture.record_type is RecordType.REVISIT:
        fields["mime"] = "warc/revisit"
    elif capture.mime:
        fields["mime"] = capture.mime
    if capture.status is not None:
        fields["status"] = str(capture.status)
    if capture.payload_digest:
        fields["digest"] = capture.payload_digest
    fields |= {"length": str(length), "offset": str(offset), "filename": filename}
    return f"{url_key(capture.url)} {timestamp14(capture.captured_at)} {json.dumps(fields)}"


def stored_name(warc_url: str, storage_root: str | None) -> str:
    """A WARC file's name for ``filename``: its key under ``storage_root``, else its URL."""
    if storage_root:
        prefix = storage_root.rstrip("/") + "/"
        if warc_url.startswith(prefix):
            return warc_url[len(prefix) :]
    return warc_url


def write_cdxj(
    db: Database,
    filters: ExportFilters,
    out: IO[str],
    *,
    storage_root: str | None = None,
    work_dir: Path | None = None,
) -> CdxjSummary:
    """Write the sorted CDXJ of the selected captures, and of what they need to replay.

    Lines point into the stored WARC files (``storage_root``: the base URL of the store,
    e.g. ``s3://bucket/prefix``; files under it are named by their key). Raises
    ``EmptySelectionError`` before writing anything when nothing matches.
    """
    check_selection(db, filters)
    with ExportPlan(work_dir) as plan:
        walk = ReplaySet(db, filters, plan, copy=False)
        for item in walk:
            capture = item.capture
            name = stored_name(capture.warc_url, storage_root)
            plan.add_index_line(index_line(capture, name, capture.offset, capture.length))
        lines = 0
        for line in plan.sorted_index_lines():
            out.write(line + "\n")
            lines += 1
        return CdxjSummary(lines, plan.file_count(), walk.unresolved_revisits)


def write_zipnum(lines: Iterable[str], blocks: BinaryIO, idx: IO[str]) -> None:
    """Sorted CDXJ ``lines`` as ZipNum: gzip blocks into ``blocks`` (``index.cdx.gz``), and
    one line per block into ``idx`` (``index.idx``) naming the block's first key, offset,
    length and SHA-256, after the ``!meta`` line that says which file the blocks are in."""
    meta = {"format": "cdxj-gzip-1.0", "filename": ZIPNUM_INDEX}
    idx.write(f"!meta 0 {json.dumps(meta)}\n")
    offset = 0
    block: list[str] = []

    def flush() -> None:
        nonlocal offset
        compressed = gzip.compress("".join(block).encode("utf-8"), mtime=0)
        key = block[0].split(" {", 1)[0]
        entry = {
            "offset": offset,
            "length": len(compressed),
            "digest": "sha256:" + hashlib.sha256(compressed).hexdigest(),
            "filename": ZIPNUM_INDEX,
        }
        idx.write(f"{key} {json.dumps(entry)}\n")
        blocks.write(compressed)
        offset += len(compressed)
        block.clear()

    for line in lines:
        block.append(line + "\n")
        if len(block) == ZIPNUM_BLOCK_LINES:
            flush()
    if block:
        flush()
