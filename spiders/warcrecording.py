"""Record every network exchange as WARC response + request records.

This downloader middleware sits at priority 950, below the body decoding (590,
``spiders.contentdecoding``) and RedirectMiddleware (600), so it sees each response as the
network delivered it: content-encoded body, every 3xx hop, every 4xx and 5xx, robots.txt,
feeds, sitemaps and requisites. Cached responses are skipped: they were recorded when first fetched.

The WARC writer and the index belong to the run (``spiders.runlifecycle.RunLifecycle``);
this component only turns Scrapy objects into ``HttpExchange`` and hands them over.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.utils.httpobj import urlparse_cached

from storage.httpexchange import HttpExchange

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Response

    from spiders.runlifecycle import RunLifecycle


def header_pairs(headers: Headers) -> list[tuple[str, str]]:
    """Every header value on its own line, decoded as latin-1 (HTTP's own charset)."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name in headers
        for value in headers.getlist(name)
    ]


def request_target(request: Request) -> str:
    """The request line target as sent: path and query string."""
    parts = urlparse_cached(request)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def to_exchange(request: Request, response: Response, started: datetime) -> HttpExchange:
    """Describe one Scrapy request/response pair as transmitted.

    Scrapy keeps neither the reason phrase nor the Host header it sent; the WARC writer fills
    in both.
    """
    return HttpExchange(
        target_uri=request.url,
        date=started,
        ip_address=str(response.ip_address) if response.ip_address else None,
        protocol="h2" if (response.protocol or "").lower() == "h2" else "HTTP/1.1",
        status=response.status,
        reason="",
        response_headers=header_pairs(response.headers),
        body=response.body,
        truncated="length" if "download_stopped" in response.flags else None,
        request_method=request.method,
        request_target=request_target(request),
        request_headers=header_pairs(request.headers),
        request_body=request.body,
    )


class WarcRecorderMiddleware:
    """Write each downloaded exchange to the run's WARC files and index it as a capture."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run: RunLifecycle | None = None
        crawler.signals.connect(self._spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecorderMiddleware:
        return cls(crawler)

    def _spider_opened(self, spider: Spider) -> None:
        from spiders.runlifecycle import RunLifecycle

        self.run = self.crawler.get_extension(RunLifecycle)

    def process_request(self, request: Request) -> None:
        request.meta["warc_started"] = datetime.now(UTC)

    def process_response(self, request: Request, response: Response) -> Response:
        if "cached" in response.flags or self.run is None:
            return response
        started = request.meta.pop("warc_started", None) or datetime.now(UTC)
        self.run.record(to_exchange(request, response, started), request)
        return response
