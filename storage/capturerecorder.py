"""The archive's one way in: an exchange becomes WARC records, a ledger entry and a capture row.

The crawl's WARC recorder middleware (``spiders/warcrecording.py``) hands every exchange the
crawl made to :class:`CaptureRecorder`, and nothing comes back up: the recorder decides whether
the payload is a revisit of one the archive holds (:mod:`storage.revisitfinder`), writes the
records (:class:`~storage.warcwriter.RotatingWarcWriter`), keeps the WARC-file ledger (each file
is registered with its destination when opened and marked closed with its checksum, through
:class:`~storage.indexwriter.IndexWriter`), and queues the capture row, marking an HTML page for
the article indexer. A closed file is then handed to ``on_close``: the run uploads it.

The index commits a batch of capture rows only after the WARC file is fsynced, so a row never
names a record that is not on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storage.indexwriter import CaptureRow
from storage.models import RecordType
from storage.revisitfinder import RevisitFinder
from storage.warcledger import destination
from storage.warcwriter import (
    ClosedWarc,
    RecordLocation,
    RefersTo,
    RotatingWarcWriter,
    payload_digest,
)

if TYPE_CHECKING:
    from storage.backends import StorageBackend
    from storage.httpexchange import HttpExchange
    from storage.indexwriter import IndexWriter

#: Page captures of these types are queued for the article indexer.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class Recorded:
    """Where an exchange's response (or revisit) record went, and what a revisit refers to."""

    location: RecordLocation
    refers_to: RefersTo | None


class CaptureRecorder:
    """Records one run's exchanges of one site into the spool, the ledger and the index."""

    def __init__(
        self,
        index: IndexWriter,
        backend: StorageBackend,
        *,
        site: str,
        run_id: int | None,
        spool: Path,
        host: str,
        max_size: int,
        warcinfo: dict[str, str],
        on_close: Callable[[ClosedWarc], None],
    ) -> None:
        self.index = index
        self.backend = backend
        self.site = site
        self.run_id = run_id
        self.spool = spool
        self.on_close = on_close
        self.closed: list[ClosedWarc] = []
        self.writer = RotatingWarcWriter(
            spool,
            prefix=site,
            host=host,
            max_size=max_size,
            warcinfo=warcinfo,
            on_close=self._closed,
        )
        index.before_commit = self.writer.flush
        self.revisits = RevisitFinder(index, site)
        self._current_warc: str | None = None

    def record(
        self, exchange: HttpExchange, *, page: bool = False, redirected_from: Sequence[str] = ()
    ) -> Recorded:
        """Write one exchange and queue its capture row.

        ``page`` marks a page the crawl fetched as such (not a feed, sitemap or requisite): a
        ``200`` HTML page is queued for the article indexer, with the URLs that redirected to it.
        """
        digest = payload_digest(exchange.body)
        refers_to = self.revisits.target(exchange, digest)
        location = self.writer.write_exchange(exchange, refers_to, digest=digest)
        self.revisits.written(exchange, location)
        if location.warc_name != self._current_warc:
            self._current_warc = location.warc_name
            self._register(location.warc_name)
        content_type = exchange.response_header("Content-Type")
        mime = content_type.split(";")[0].strip().lower() if content_type is not None else None
        is_page = page and exchange.status == 200
        self.index.add_capture(
            CaptureRow(
                run_id=self.run_id,
                warc_name=location.warc_name,
                url=exchange.target_uri,
                status=exchange.status,
                mime=mime,
                captured_at=exchange.date,
                record_id=location.record_id,
                record_type=RecordType(location.record_type),
                payload_digest=location.payload_digest,
                offset=location.offset,
                length=location.length,
                refers_to_record_id=refers_to.record_id if refers_to else None,
                index_pending=is_page and (mime or "text/html") in HTML_TYPES,
                redirected_from=list(redirected_from) if is_page else None,
            )
        )
        return Recorded(location, refers_to)

    def close(self) -> None:
        """Close the last WARC file; ``on_close`` gets it once its ledger entry is committed."""
        self.writer.close()

    def _register(self, name: str) -> None:
        self.index.register_warc_file(
            name=name,
            site=self.site,
            run_id=self.run_id,
            spool_path=str(self.spool / f"{name}.open"),
            storage_url=destination(self.backend, self.site, name),
        )

    def _closed(self, closed: ClosedWarc) -> None:
        self.closed.append(closed)
        self.index.warc_closed(closed.name, closed.size, closed.sha256, closed.records)
        self.index.flush()
        self.on_close(closed)
