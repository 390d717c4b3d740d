"""Cut response bodies that exceed the size limit, keeping what arrived.

Scrapy's DOWNLOAD_MAXSIZE drops an oversized response entirely, and cancels one whose
``Content-Length`` announces too much before a byte of body arrives. An archive would rather
keep the first part, marked ``WARC-Truncated: length`` by the recorder, and report it. So for
such an announced size the handler's check is lifted for that one download (the body is cut
here at ``NEWSARCHIVER_MAX_BODY_SIZE`` anyway) and put back before decompression, which keeps
its compression-bomb limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured, StopDownload

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Response


class BodySizeLimit:
    """Stop a download once its body passes ``NEWSARCHIVER_MAX_BODY_SIZE`` bytes."""

    def __init__(self, crawler: Crawler, limit: int) -> None:
        self.stats = crawler.stats
        self.limit = limit
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BodySizeLimit:
        limit = crawler.settings.getint("NEWSARCHIVER_MAX_BODY_SIZE")
        if limit <= 0:
            raise NotConfigured
        extension = cls(crawler, limit)
        crawler.signals.connect(extension.headers_received, signal=signals.headers_received)
        crawler.signals.connect(extension.bytes_received, signal=signals.bytes_received)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        return extension

    def headers_received(
        self, headers: Headers, body_length: int | str, request: Request, spider: Spider
    ) -> None:
        maxsize = request.meta.get("download_maxsize", self.maxsize)
        # Without a Content-Length, Twisted says UNKNOWN_LENGTH (a string).
        if maxsize and isinstance(body_length, int) and body_length > maxsize:
            request.meta["_lifted_maxsize"] = request.meta.get("download_maxsize")
            request.meta["download_maxsize"] = 0

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        if "_lifted_maxsize" not in request.meta:
            return
        previous = request.meta.pop("_lifted_maxsize")
        if previous is None:
            del request.meta["download_maxsize"]
        else:
            request.meta["download_maxsize"] = previous

    def bytes_received(self, data: bytes, request: Request, spider: Spider) -> None:
        received = request.meta.get("_body_bytes", 0) + len(data)
        request.meta["_body_bytes"] = received
        if received > self.limit:
            self.stats.inc_value("newsarchiver/truncated")
            raise StopDownload(fail=False)
