"""WACZ 1.1.1, as Browsertrix writes it and ReplayWeb.page reads it, from stored records.

A WACZ is a zip of WARC data, its CDXJ index, page lists and a manifest::

    archive/data-00001.warc.gz   the records, stored (not deflated): each is already a gzip member;
                                 another file every PART_SIZE bytes
    indexes/index.cdxj           sorted CDXJ; above ZIPNUM_THRESHOLD bytes, as Browsertrix does,
      or index.cdx.gz+index.idx  ZipNum: gzip blocks of 256 lines and a block index
    pages/pages.jsonl            one line per capture of each selected article (url, ts, title)
    pages/extraPages.jsonl       the selected hub pages
    datapackage.json             every file's path, bytes and sha256; created, software, version
    datapackage-digest.json      the sha256 of datapackage.json

The WARC data is the selected records (and what they need, see ``storage.replayset``) copied
byte for byte from the stored WARC files: each gzip member as the crawl wrote it, with its
digests, never decompressed and written again. Each source file's warcinfo record comes
before the first of its records, so every ``WARC-Warcinfo-ID`` resolves.

The zip is written with ``zipfile`` to any binary stream (a seekable one gets plain local
headers, another one data descriptors), in constant memory: the index lines and pages wait,
sorted, in the export's scratch file. py-wacz is not used to write: it indexes the WARC data
again with its own indexer, reads whole files, pins an old Typer and imports
``pkg_resources``, which setuptools 82 removed. Its validator judges our output in the tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit

from storage.backends import StorageError, backend_from_url, validate_key
from storage.cdxj import index_line, write_zipnum
from storage.exportplan import ExportPlan
from storage.exportselection import ExportFilters, SelectedCapture, check_selection
from storage.replayset import ARTICLE_PAGE, EXTRA_PAGE, ReplaySet

if TYPE_CHECKING:
    from storage.db import Database

WACZ_VERSION = "1.1.1"
MEDIA_TYPE = "application/wacz"
#: WARC data per ``archive/`` file, below the 2 GiB at which a zip entry needs zip64 sizes.
PART_SIZE = 1 << 30
#: CDXJ bytes from which the index is written as ZipNum (Browsertrix's threshold).
ZIPNUM_THRESHOLD = 50_000
_PAGE_LISTS = {
    ARTICLE_PAGE: ("pages/pages.jsonl", "pages", "All Pages"),
    EXTRA_PAGE: ("pages/extraPages.jsonl", "extra-pages", "Extra Pages"),
}


@dataclass(frozen=True)
class WaczSummary:
    """What a WACZ holds.

    ``pages`` lists captures of articles, ``extra_pages`` hub pages; ``records`` counts
    response and revisit records, ``request_records`` and ``warcinfo_records`` the records
    packed with them, ``warc_bytes`` the WARC data; ``source_files`` the stored WARC files
    they were copied from, ``source_bytes`` those files' size. ``bytes`` is the WACZ's size;
    ``url`` and ``sha256`` are set once it is stored (:func:`export_wacz`).
    """

    pages: int
    extra_pages: int
    articles: int
    records: int
    request_records: int
    warcinfo_records: int
    warc_bytes: int
    source_files: int
    source_bytes: int
    index: str
    bytes: int
    unresolved_revisits: int
    url: str | None = None
    sha256: str | None = None


class _Resource:
    """A zip entry being written, hashed as it goes; listed in datapackage.json once closed."""

    def __init__(self, package: _Package, path: str, stream: IO[bytes]) -> None:
        self._package = package
        self._stream = stream
        self.path = path
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.bytes += len(data)
        return self._stream.write(data)

    def close(self) -> None:
        self._stream.close()
        self._package.resources.append(
            {
                "name": self.path.rsplit("/", 1)[-1].lower(),
                "path": self.path,
                "hash": "sha256:" + self.sha256.hexdigest(),
                "bytes": self.bytes,
            }
        )


class _Package:
    """The zip and the resources written into it so far."""

    def __init__(self, archive: zipfile.ZipFile, created: datetime) -> None:
        self.archive = archive
        self.date_time = created.timetuple()[:6]
        self.resources: list[dict[str, Any]] = []

    def open(self, path: str, *, deflate: bool = False) -> _Resource:
        """A new entry. Never zip64-sized: ReplayWeb.page cannot read an entry whose local
        header carries zip64 sizes, so large data is split into entries below 2 GiB."""
        info = zipfile.ZipInfo(path, date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        return _Resource(self, path, self.archive.open(info, "w"))

    @contextlib.contextmanager
    def entry(self, path: str, *, deflate: bool = False) -> Iterator[_Resource]:
        resource = self.open(path, deflate=deflate)
        yield resource
        resource.close()

    def write(self, path: str, data: bytes, *, deflate: bool = True) -> None:
        with self.entry(path, deflate=deflate) as resource:
            resource.write(data)


def write_wacz(
    db: Database,
    filters: ExportFilters,
    out: BinaryIO,
    *,
    work_dir: Path | None = None,
    zipnum_threshold: int = ZIPNUM_THRESHOLD,
    part_size: int = PART_SIZE,
    created: datetime | None = None,
) -> WaczSummary:
    """Write a WACZ of the selected captures, and what they need to replay, to ``out``.

    Raises ``EmptySelectionError`` before writing anything when nothing matches, and
    ``RecordUnavailableError`` (naming the file) when a stored record is missing or damaged.
    ``work_dir`` holds the scratch file (the system's temporary directory by default).
    """
    check_selection(db, filters)
    created = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    counts = {"records": 0, "request_records": 0, "warcinfo_records": 0, "source_bytes": 0}
    with ExportPlan(work_dir) as plan, zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        # ``out`` itself, or zipfile's position-counting wrapper of a stream that cannot tell.
        written = archive.fp
        assert written is not None
        start = written.tell()
        package = _Package(archive, created)
        walk = ReplaySet(db, filters, plan, copy=True)
        parts = 1
        warc = package.open(f"archive/{_data_warc(parts)}")
        warc_bytes = 0
        for item in walk:
            capture = item.capture
            adding = len(item.warcinfo) + len(item.record) + len(item.request)
            if warc.bytes and warc.bytes + adding > part_size:
                warc_bytes += warc.bytes
                warc.close()
                parts += 1
                warc = package.open(f"archive/{_data_warc(parts)}")
            if item.warcinfo:
                warc.write(item.warcinfo)
                counts["warcinfo_records"] += 1
                counts["source_bytes"] += capture.warc_size or 0
            line = index_line(capture, _data_warc(parts), warc.bytes, len(item.record))
            plan.add_index_line(line)
            warc.write(item.record)
            counts["records"] += 1
            if item.request:
                warc.write(item.request)
                counts["request_records"] += 1
            if item.page is not None:
                plan.add_page(item.page, *_page_line(item.capture, item.title))
        warc_bytes += warc.bytes
        warc.close()
        index = _write_index(package, plan, zipnum_threshold)
        for kind in (ARTICLE_PAGE, EXTRA_PAGE):
            if kind == ARTICLE_PAGE or plan.page_count(kind):
                _write_pages(package, plan, kind)
        _write_datapackage(package, plan, filters, created)
        summary = WaczSummary(
            pages=plan.page_count(ARTICLE_PAGE),
            extra_pages=plan.page_count(EXTRA_PAGE),
            articles=plan.article_count(),
            records=counts["records"],
            request_records=counts["request_records"],
            warcinfo_records=counts["warcinfo_records"],
            warc_bytes=warc_bytes,
            source_files=plan.file_count(),
            source_bytes=counts["source_bytes"],
            index=index,
            bytes=0,
            unresolved_revisits=walk.unresolved_revisits,
        )
    return replace(summary, bytes=written.tell() - start)


def _data_warc(part: int) -> str:
    return f"data-{part:05d}.warc.gz"


def _page_line(capture: SelectedCapture, title: str | None) -> tuple[str, str, int | None, str]:
    ts = capture.captured_at.astimezone(UTC)
    iso = ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"
    page: dict[str, Any] = {
        "id": capture.record_id.strip("<>").removeprefix("urn:uuid:"),
        "url": capture.url,
        "ts": iso,
    }
    if title:
        page["title"] = title
    return iso, capture.url, capture.article_id, json.dumps(page, ensure_ascii=False)


def _write_index(package: _Package, plan: ExportPlan, zipnum_threshold: int) -> str:
    if plan.index_size() < zipnum_threshold:
        with package.entry("indexes/index.cdxj", deflate=True) as index:
            for line in plan.sorted_index_lines():
                index.write(line.encode("utf-8") + b"\n")
        return "cdxj"
    idx_path = plan.directory / "index.idx"
    with (
        idx_path.open("w", encoding="utf-8") as idx,
        package.entry("indexes/index.cdx.gz") as blocks,
    ):
        write_zipnum(plan.sorted_index_lines(), blocks, idx)  # type: ignore[arg-type]
    with (
        package.entry("indexes/index.idx", deflate=True) as resource,
        idx_path.open("rb") as source,
    ):
        shutil.copyfileobj(source, resource)
    return "zipnum"


def _write_pages(package: _Package, plan: ExportPlan, kind: int) -> None:
    path, list_id, title = _PAGE_LISTS[kind]
    header = {"format": "json-pages-1.0", "id": list_id, "title": title}
    with package.entry(path, deflate=True) as pages:
        pages.write(json.dumps(header).encode("utf-8") + b"\n")
        for line in plan.pages(kind):
            pages.write(line.encode("utf-8") + b"\n")


def _write_datapackage(
    package: _Package, plan: ExportPlan, filters: ExportFilters, created: datetime
) -> None:
    datapackage: dict[str, Any] = {
        "profile": "data-package",
        "resources": package.resources,
        "wacz_version": WACZ_VERSION,
        "title": f"newsarchiver export: {filters.describe()}",
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "software": f"newsarchiver {metadata.version('newsarchiver')}",
    }
    if (main := plan.only_article()) is not None:
        datapackage["mainPageUrl"], datapackage["mainPageDate"] = main
    data = json.dumps(datapackage, indent=2, ensure_ascii=False).encode("utf-8")
    package.write("datapackage.json", data)
    digest = {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
    package.write("datapackage-digest.json", json.dumps(digest, indent=2).encode("utf-8"))


def export_wacz(
    db: Database,
    filters: ExportFilters,
    destination: str,
    *,
    work_dir: Path | None = None,
) -> WaczSummary:
    """Write a WACZ to ``destination``: a path ending in ``.wacz``, or ``s3://bucket/key.wacz``.

    A file appears only once complete (written beside it, then renamed over any earlier
    export). An S3 object is uploaded like a WARC file: never overwriting other content, its
    size and SHA-256 verified at the store. Nothing is created when nothing matches.
    """
    if not destination.endswith(".wacz"):
        raise StorageError(f"{destination!r}: a WACZ file name must end in .wacz")
    s3 = urlsplit(destination).scheme == "s3"
    if s3:
        root, _, key = destination.rpartition("/")
        validate_key(key)
        backend = backend_from_url(root)
        backend.check()
        directory = work_dir
    else:
        target = Path(destination).expanduser().absolute()
        if not target.parent.is_dir():
            raise StorageError(f"cannot write {target}: {target.parent} is not a directory")
        directory = target.parent
    check_selection(db, filters)
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".export-", suffix=".wacz.part")
    except OSError as exc:
        raise StorageError(f"cannot write in {directory}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w+b") as stream:
            summary = write_wacz(db, filters, stream, work_dir=work_dir)
            stream.flush()
            os.fsync(stream.fileno())
            stream.seek(0)
            sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
        if s3:
            stored = backend.store(Path(temporary), key, sha256, content_type=MEDIA_TYPE)
            url = stored.url
        else:
            os.replace(temporary, target)
            url = target.as_uri()
    except OSError as exc:  # disk full, or the directory went away: no partial file is left
        raise StorageError(f"cannot write {destination}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return replace(summary, url=url, sha256=sha256)
