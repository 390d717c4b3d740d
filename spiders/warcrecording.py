"""Hand every exchange the crawl made, as its bytes crossed the wire, to the archive's recorder.

This downloader middleware sits at priority 950, below Scrapy's HttpCompressionMiddleware
(590) and RedirectMiddleware (600), so it sees every response the network delivered: each 3xx
hop, each 4xx and 5xx, robots.txt, feeds, sitemaps and requisites. The bytes come from the
download handler (``spiders.wirehandler``), which sends them along with the response; a response
without them did not come off a connection (Scrapy's cache, a middleware's own answer) and is
not recorded.

It only turns the bytes into a ``storage.httpexchange.HttpExchange``, hands it to the run's
``storage.capturerecorder.CaptureRecorder`` (which writes the records, the ledger and the
capture row), and counts what was recorded in Scrapy's stats.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals

from spiders.wirehandler import Wire, wire_captured
from storage.httpexchange import HttpExchange, head_length

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from storage.capturerecorder import CaptureRecorder

# Sent to an http:// proxy, never to the site: the proxy's credentials stay out of the archive.
_PROXY_CREDENTIALS = re.compile(rb"^proxy-authorization:[^\n]*\n", re.IGNORECASE | re.MULTILINE)


def to_exchange(request: Request, response: Response, wire: Wire) -> HttpExchange:
    """The exchange as transmitted: ``wire``'s bytes, cut where the request head ends."""
    split = head_length(wire.sent) or len(wire.sent)
    request_head = wire.sent[:split]
    if request.meta.get("proxy"):
        request_head = _PROXY_CREDENTIALS.sub(b"", request_head)
    return HttpExchange(
        target_uri=request.url,
        date=wire.started,
        ip_address=str(response.ip_address) if response.ip_address else None,
        request_head=request_head,
        request_body=wire.sent[split:],
        response_head=wire.head,
        body=wire.body,
        truncated="length" if "download_stopped" in response.flags else None,
    )


class WarcRecorderMiddleware:
    """Record each response read off a connection, with the request that was sent for it."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.recorder: CaptureRecorder | None = None
        self._wires: WeakKeyDictionary[Response, Wire] = WeakKeyDictionary()
        crawler.signals.connect(self._spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self._wire_captured, signal=wire_captured)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecorderMiddleware:
        return cls(crawler)

    def _spider_opened(self, spider: Spider) -> None:
        from spiders.runlifecycle import RunLifecycle

        run = self.crawler.get_extension(RunLifecycle)
        self.recorder = run.recorder if run is not None else None

    def _wire_captured(self, response: Response, wire: Wire) -> None:
        self._wires[response] = wire

    def process_response(self, request: Request, response: Response) -> Response:
        wire = self._wires.pop(response, None)
        if wire is None or self.recorder is None:
            return response
        exchange = to_exchange(request, response, wire)
        recorded = self.recorder.record(
            exchange,
            page=bool(request.meta.get("page")),
            redirected_from=request.meta.get("redirect_urls", ()),
        )
        self.stats.inc_value("newsarchiver/records")
        self.stats.inc_value("newsarchiver/bytes", recorded.location.length)
        if recorded.refers_to is not None:
            self.stats.inc_value("newsarchiver/revisits")
        if request.meta.get("page") and not 300 <= exchange.status < 400:
            self.stats.inc_value("newsarchiver/pages")
        return response
