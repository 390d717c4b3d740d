"""Identical-payload revisits: the archived response whose payload an exchange repeats.

A payload identical to a response already in the archive is written as an
identical-payload-digest ``revisit`` record pointing at it, as Heritrix and warcprox do, instead
of storing the same bytes again. :class:`storage.capturerecorder.CaptureRecorder` asks
:class:`RevisitFinder` before writing each exchange.

Payload digests of this run's responses are remembered (the newest ``RUN_DIGESTS_MAX``), so the
index is asked about a payload only when it may know more than the run does: when the archive
held responses before the run, or the run forgot some.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.models import Capture, RecordType, WarcFile
from storage.warcwriter import RefersTo

if TYPE_CHECKING:
    from storage.httpexchange import HttpExchange
    from storage.indexwriter import IndexWriter
    from storage.warcwriter import RecordLocation

#: This run's payload digests kept in memory (about 400 bytes each).
RUN_DIGESTS_MAX = 10_000


def is_revisit_candidate(exchange: HttpExchange) -> bool:
    """Only complete 2xx payloads may become revisits.

    Redirects and errors are small and their headers are the content; an empty body would make
    every empty page a "duplicate" of every other; a truncated body is not the payload the
    site sent, so it must neither point at nor stand in for a complete one.
    """
    return 200 <= exchange.status < 300 and bool(exchange.body) and exchange.truncated is None


class RevisitFinder:
    """The site's archived response whose payload an exchange repeats, if any.

    Only the site's own responses count, so each site's WARC files hold every payload they
    refer to. Answers from this run's responses first (the newest, as the index would answer),
    and asks the index (its database and unflushed rows) only when it may hold an answer the
    run does not: a site's first crawl makes no query per response. Only responses are ever
    returned, never revisits. A concurrent crawl's responses written after this run started
    may be missed, as they could be before while still unflushed in its process.
    """

    def __init__(
        self, index: IndexWriter, site: str, max_remembered: int = RUN_DIGESTS_MAX
    ) -> None:
        self.index = index
        self.site = site
        self.max_remembered = max_remembered
        self._this_run: OrderedDict[str, RefersTo] = OrderedDict()
        with index.db.session() as session:
            earlier = session.scalar(
                select(Capture.id)
                .join(WarcFile, WarcFile.id == Capture.warc_file_id)
                .where(Capture.record_type == RecordType.RESPONSE, WarcFile.site == site)
                .limit(1)
            )
        self._ask_index = earlier is not None

    def target(self, exchange: HttpExchange, digest: str) -> RefersTo | None:
        """``digest`` is :func:`storage.warcwriter.payload_digest` of the body."""
        if not is_revisit_candidate(exchange):
            return None
        found = self._this_run.get(digest)
        if found is not None:
            return found
        return self.index.lookup_digest(digest, self.site) if self._ask_index else None

    def written(self, exchange: HttpExchange, location: RecordLocation) -> None:
        """Remember a record just written, if it is a response a later payload may repeat."""
        if location.record_type != "response" or not exchange.body:
            return
        self._this_run[location.payload_digest] = RefersTo(
            record_id=location.record_id,
            target_uri=exchange.target_uri,
            warc_date=location.warc_date,
        )
        self._this_run.move_to_end(location.payload_digest)
        if len(self._this_run) > self.max_remembered:
            self._this_run.popitem(last=False)
            self._ask_index = True  # what was forgotten is in the index
