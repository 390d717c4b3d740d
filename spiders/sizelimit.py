"""Cut response bodies that exceed the size limit, keeping what arrived.

Scrapy's DOWNLOAD_MAXSIZE drops an oversized response entirely, and cancels one whose
``Content-Length`` announces too much before a byte of body arrives. An archive would rather
keep the first part, marked ``WARC-Truncated: length`` by the recorder, and report it. So the
crawl's download handler (``spiders.wirehandler``) leaves raw bodies to this extension, which
stops each download once its body passes ``NEWSARCHIVER_MAX_BODY_SIZE``; DOWNLOAD_MAXSIZE
still limits what HttpCompressionMiddleware decodes.

The bytes counted so far belong to one download, so they are kept here, per request object, and
never in ``request.meta``: a retry or a redirect is a new request, copies the meta, and starts
again from zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.exceptions import NotConfigured, StopDownload

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class BodySizeLimit:
    """Stop a download once its body passes ``NEWSARCHIVER_MAX_BODY_SIZE`` bytes."""

    def __init__(self, crawler: Crawler, limit: int) -> None:
        self.stats = crawler.stats
        self.limit = limit
        self._received: WeakKeyDictionary[Request, int] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BodySizeLimit:
        limit = crawler.settings.getint("NEWSARCHIVER_MAX_BODY_SIZE")
        if limit <= 0:
            raise NotConfigured
        extension = cls(crawler, limit)
        crawler.signals.connect(extension.bytes_received, signal=signals.bytes_received)
        return extension

    def bytes_received(self, data: bytes, request: Request, spider: Spider) -> None:
        received = self._received.get(request, 0) + len(data)
        self._received[request] = received
        if received > self.limit:
            self.stats.inc_value("newsarchiver/truncated")
            raise StopDownload(fail=False)
