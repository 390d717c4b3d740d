"""Cut response bodies that exceed the size limit, keeping what arrived.

Scrapy's DOWNLOAD_MAXSIZE drops an oversized response entirely. An archive would rather keep
the first part, marked ``WARC-Truncated: length`` by the recorder, and report it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BodySizeLimit:
        limit = crawler.settings.getint("NEWSARCHIVER_MAX_BODY_SIZE")
        if limit <= 0:
            raise NotConfigured
        extension = cls(crawler, limit)
        crawler.signals.connect(extension.bytes_received, signal=signals.bytes_received)
        return extension

    def bytes_received(self, data: bytes, request: Request, spider: Spider) -> None:
        received = request.meta.get("_body_bytes", 0) + len(data)
        request.meta["_body_bytes"] = received
        if received > self.limit:
            self.stats.inc_value("newsarchiver/truncated")
            raise StopDownload(fail=False)
