"""A selection of captures closed over what replaying them needs, walked in constant memory.

A page replays only with what the browser asked for around it. Starting from the captures an
export selects (``storage.exportselection``), :class:`ReplaySet` adds, each once:

- the request record written right after each response or revisit record;
- for a page: every redirect hop that led to it, its requisites (stylesheets, scripts,
  images, fonts, read from the archived page itself by ``storage.requisiteurls``) and the
  robots.txt of its host, each from the page's own run, else the nearest earlier capture;
- for a stylesheet: what it imports and embeds (``@import``, ``url()``); for a redirect: its
  target;
- for a revisit: the response it refers to, so the revisit resolves inside the export.

The queue, and the memory of what is already in it, live in an :class:`ExportPlan` on disk.
Stored bytes are read a window at a time (one read serves consecutive records of a file) and
never altered: each record is the gzip member the crawl wrote, checked (CRC, structure,
digests) before it is handed on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from storage.exportplan import DEPENDENCY, ROOT, ExportPlan
from storage.exportselection import (
    CaptureResolver,
    ExportFilters,
    SelectedCapture,
    load_captures,
    root_ids,
)
from storage.models import RecordType
from storage.recordaccess import CaptureReader, RecordUnavailableError
from storage.requisiteurls import absolute_urls, css_references, page_requisites
from storage.warcreader import (
    ArchivedRecord,
    ContentDecodingError,
    CorruptRecordError,
    IncompleteRecordError,
    first_record_headers,
    read_record,
)

if TYPE_CHECKING:
    from storage.db import Database

#: Bytes read at once from a WARC file: consecutive records of a file come from one read.
WINDOW = 256 * 1024
#: The longest record without an index entry (request, warcinfo) read after a known one.
MAX_UNINDEXED_RECORD = 16 * 1024 * 1024
#: Decoded page or stylesheet bodies larger than this are not searched for requisites.
MAX_PARSED_BODY = 16 * 1024 * 1024

ARTICLE_PAGE = 1
EXTRA_PAGE = 2


@dataclass(frozen=True)
class ReplayRecord:
    """One capture of the set, with its stored bytes when the walk copies them.

    ``page`` is :data:`ARTICLE_PAGE` or :data:`EXTRA_PAGE` for a selected page (else None),
    with its ``title``. ``warcinfo`` is the source file's warcinfo record the first time the
    walk meets the file (its records name it in ``WARC-Warcinfo-ID``); ``request`` the request
    record stored after this one. All bytes are gzip members exactly as stored.
    """

    capture: SelectedCapture
    page: int | None
    title: str | None
    record: bytes = b""
    request: bytes = b""
    warcinfo: bytes = b""


class ReplaySet:
    """Iterate the captures of ``filters`` and what they need, each once.

    With ``copy`` the stored records come along (a WACZ); without, a record is read only
    when it must be looked into (pages, stylesheets, redirects), which is what an index of
    the stored files needs. Raises ``RecordUnavailableError`` for a missing or damaged record.
    """

    def __init__(
        self, db: Database, filters: ExportFilters, plan: ExportPlan, *, copy: bool
    ) -> None:
        self.db = db
        self.filters = filters
        self.plan = plan
        self.copy = copy
        self.unresolved_revisits = 0
        self._resolver = CaptureResolver(db)
        self._window = _Window(CaptureReader(db))

    def __iter__(self) -> Iterator[ReplayRecord]:
        self.plan.enqueue(root_ids(self.db, self.filters), ROOT)
        for batch in self.plan.batches():
            captures = load_captures(self.db, [capture_id for capture_id, _ in batch])
            for capture_id, role in batch:
                capture = captures.get(capture_id)
                if capture is not None:  # gone since it was queued
                    yield self._visit(capture, role)

    def _visit(self, capture: SelectedCapture, role: int) -> ReplayRecord:
        page = None
        if role == ROOT and capture.article_id is not None:
            page = ARTICLE_PAGE
        elif role == ROOT and capture.is_html_page:
            page = EXTRA_PAGE
        stylesheet = (capture.mime or "").endswith("css") and capture.status == 200
        redirect = capture.status is not None and 300 <= capture.status < 400
        first_from_file = self.plan.first_from_file(capture.warc_file_id)

        raw = b""
        record = None
        if self.copy or page or stylesheet or redirect:
            raw = self._window.read(
                capture.warc_url, capture.warc_size, capture.offset, capture.length
            )
            record = _checked(capture, raw)

        needed: list[int | None] = []
        if capture.record_type is RecordType.REVISIT:
            original = self._resolver.by_record_id(capture.refers_to_record_id or "")
            if original is None:
                self.unresolved_revisits += 1
            needed.append(original)
        title = capture.title
        if page and record is not None:
            html_title, urls = self._page_needs(capture, record)
            title = title or html_title
            needed += [
                self._resolver.by_url(url, capture.run_id, capture.captured_at) for url in urls
            ]
        elif stylesheet and record is not None:
            body_record = self._payload_record(capture, record)
            css = _text(body_record) if body_record is not None else ""
            urls = absolute_urls(capture.url, css_references(css))
            needed += [
                self._resolver.by_url(url, capture.run_id, capture.captured_at) for url in urls
            ]
        if redirect and record is not None and (location := record.http_header("location")):
            target = urljoin(capture.url, location.strip())
            needed.append(self._resolver.by_url(target, capture.run_id, capture.captured_at))
        self.plan.enqueue((found for found in needed if found is not None), DEPENDENCY)

        if not self.copy:
            return ReplayRecord(capture, page, title)
        return ReplayRecord(
            capture,
            page,
            title,
            record=raw,
            request=self._request_after(capture),
            warcinfo=self._warcinfo(capture) if first_from_file else b"",
        )

    def _page_needs(
        self, capture: SelectedCapture, record: ArchivedRecord
    ) -> tuple[str | None, list[str]]:
        """The page's ``<title>``, and the URLs it needs: redirect hops, requisites, robots.txt."""
        urls = list(capture.redirected_from or ())
        parts = urlsplit(capture.url)
        urls.append(f"{parts.scheme}://{parts.netloc}/robots.txt")
        body_record = self._payload_record(capture, record)
        root = _parse_html(body_record) if body_record is not None else None
        if root is None:
            return None, urls
        base = root.xpath("string(//base/@href)")
        base_url = urljoin(capture.url, str(base).strip()) if base else capture.url
        title = root.findtext(".//title")
        urls += page_requisites(root, base_url)
        return (" ".join(title.split()) or None) if title else None, urls

    def _payload_record(
        self, capture: SelectedCapture, record: ArchivedRecord
    ) -> ArchivedRecord | None:
        """The record holding the body: for a revisit, the response it refers to."""
        if record.record_type != "revisit":
            return record
        original_id = self._resolver.by_record_id(capture.refers_to_record_id or "")
        if original_id is None:
            return None
        original = load_captures(self.db, [original_id])[original_id]
        raw = self._window.read(
            original.warc_url, original.warc_size, original.offset, original.length
        )
        return _checked(original, raw)

    def _request_after(self, capture: SelectedCapture) -> bytes:
        """The request record stored right after this response, if that is what follows."""
        found = self._window.member(
            capture.warc_url, capture.warc_size, capture.offset + capture.length
        )
        if found is None:
            return b""
        raw, headers = found
        if _header(headers, "WARC-Type") != "request":
            return b""
        return raw if _header(headers, "WARC-Concurrent-To") == capture.record_id else b""

    def _warcinfo(self, capture: SelectedCapture) -> bytes:
        """The warcinfo record a WARC file starts with, which its records refer to."""
        found = self._window.member(capture.warc_url, capture.warc_size, 0)
        if found is None or _header(found[1], "WARC-Type") != "warcinfo":
            return b""
        return found[0]


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in headers if key.lower() == name.lower()), None)


def _checked(capture: SelectedCapture, raw: bytes) -> ArchivedRecord:
    try:
        record = read_record(raw)
    except CorruptRecordError as exc:
        raise RecordUnavailableError(
            f"corrupt record in {capture.warc_url} at {capture.offset}: {exc}"
        ) from None
    if record.record_id != capture.record_id:
        raise RecordUnavailableError(
            f"{capture.warc_url} at {capture.offset} holds {record.record_id}, "
            f"not {capture.record_id} as the index says"
        )
    return record


def _decoded(record: ArchivedRecord) -> bytes | None:
    try:
        return record.decoded_body(max_size=MAX_PARSED_BODY)
    except ContentDecodingError:
        return None


def _charset(record: ArchivedRecord) -> str | None:
    content_type = record.http_header("content-type") or ""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def _text(record: ArchivedRecord) -> str:
    body = _decoded(record) or b""
    charset = _charset(record) or "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _parse_html(record: ArchivedRecord) -> etree._Element | None:
    """The page parsed as a browser would read it; its own ``<meta charset>`` decides the
    encoding when the Content-Type header names none (or one lxml does not know)."""
    body = _decoded(record)
    if not body:
        return None
    charset = _charset(record)
    try:
        parser = lxml.html.HTMLParser(encoding=charset) if charset else lxml.html.HTMLParser()
    except LookupError:
        parser = lxml.html.HTMLParser()
    try:
        return lxml.html.document_fromstring(body, parser=parser)
    except (etree.ParserError, ValueError):
        return None


class _Window:
    """Stored bytes, read ``WINDOW`` bytes at a time from where a record starts.

    Records are visited mostly in file order, so one read usually serves a record, its
    request record and the next records too. Reads stop at the end of a file whose size the
    index knows; a file still in the spool may be read short.
    """

    def __init__(self, reader: CaptureReader) -> None:
        self._reader = reader
        self._url = ""
        self._start = 0
        self._data = b""
        self._at_end = False

    def read(self, url: str, size: int | None, offset: int, length: int) -> bytes:
        """Exactly ``length`` bytes at ``offset``."""
        data = self._bytes(url, size, offset, length)
        if len(data) < length:
            raise RecordUnavailableError(
                f"{url} is shorter than the index says ({len(data)} of {length} bytes "
                f"at offset {offset})"
            )
        return data[:length]

    def member(
        self, url: str, size: int | None, offset: int
    ) -> tuple[bytes, list[tuple[str, str]]] | None:
        """The whole gzip member at ``offset`` and its WARC headers; None at the end of the
        file or where what follows is no complete record."""
        if size is not None and offset >= size:
            return None
        wanted = 0  # first what the window holds already, then reads of growing length
        while wanted <= MAX_UNINDEXED_RECORD:
            try:
                data = self._bytes(url, size, offset, wanted) if wanted else self._held(url, offset)
                length, headers = first_record_headers(data)
            except IncompleteRecordError:
                if wanted and len(data) < wanted:  # the file ends inside it
                    return None
                wanted = wanted * 4 if wanted else WINDOW
                continue
            except (CorruptRecordError, RecordUnavailableError):
                return None
            return data[:length], headers
        return None

    def _held(self, url: str, offset: int) -> bytes:
        """What the window holds from ``offset`` on."""
        if url != self._url or not self._start <= offset <= self._start + len(self._data):
            return b""
        return self._data[offset - self._start :]

    def _bytes(self, url: str, size: int | None, offset: int, length: int) -> bytes:
        """Up to ``max(length, WINDOW)`` bytes at ``offset``, from the window when it holds them."""
        held_end = self._start + len(self._data)
        if (
            url == self._url
            and self._start <= offset
            and (offset + length <= held_end or self._at_end)
        ):
            return self._data[offset - self._start : offset + length - self._start]
        wanted = max(length, WINDOW)
        if size is not None:
            wanted = max(min(wanted, size - offset), 0)
        if wanted == 0:
            return b""
        try:
            data = self._reader.read_bytes(url, offset, wanted, allow_short=True)
            at_end = len(data) < wanted or (size is not None and offset + len(data) >= size)
        except RecordUnavailableError:
            if wanted <= length:
                raise
            # A file whose size the index lacks, no longer in the spool: read no further.
            data = self._reader.read_bytes(url, offset, length)
            at_end = False
        self._url, self._start, self._data, self._at_end = url, offset, data, at_end
        return data[:length]
