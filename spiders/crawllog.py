"""One log line per URL the crawl fetched, like Heritrix's ``crawl.log``, in the run's log.

Each line says what the network answered and how long it took, so an operator can read the
whole crawl from the run's log (``jobs show RUN_ID`` names it) without opening a WARC file::

    fetched 200 15234 text/html 0.012s https://example.com/news/story
    fetched ERR 0 - - https://example.com/gone DownloadConnectionRefusedError

The columns: the status (``ERR`` when nothing came back, with the error's kind after the URL),
the body's size in bytes as received (still content-encoded), the media type the site declared
(``-`` when none), and the time from sending the request to the response's headers (Scrapy's
``download_latency``; ``-`` on an error).

This downloader middleware sits at priority 960, nearest the download handler, so it sees
every response before anything rewrites it (each redirect hop, errors, robots.txt) and every
download error before a retry answers it. Requests refused before they were sent (robots.txt,
private addresses) are not fetches, and are not logged here.

URLs and media types are what a site wrote: a URL is written as Scrapy sends it (w3lib's
``safe_url_string``: control characters and spaces percent-encoded) and a media type
percent-encoded the same way, so a line can never be split or forged. The lines are logged at
INFO by the ``spiders.crawllog`` logger; ``CRAWLLOG_ENABLED = False`` turns them off.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self
from urllib.parse import quote

from scrapy.exceptions import NotConfigured
from w3lib.url import safe_url_string

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

#: request.meta key: the request went on to the download handler. Refusals raised above
#: (robots.txt, private addresses) never get it, and are not fetches.
_SENT = "_crawllog_sent"


def media_type(response: Response) -> str:
    """The declared media type without its parameters, percent-encoded past token characters."""
    declared = response.headers.get(b"Content-Type") or b""
    kind = declared.split(b";", 1)[0].strip().decode("latin-1").lower()
    return quote(kind, safe="/+") or "-"


class CrawlLogMiddleware:
    """Log each fetch's outcome: status, size, media type, time and URL."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("CRAWLLOG_ENABLED", True):
            raise NotConfigured
        return cls()

    def process_request(self, request: Request) -> None:
        request.meta[_SENT] = True

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.pop(_SENT, False):
            latency = request.meta.get("download_latency")
            logger.info(
                "fetched %s %s %s %s %s",
                response.status,
                len(response.body),
                media_type(response),
                "-" if latency is None else f"{latency:.3f}s",
                safe_url_string(request.url),
            )
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if request.meta.pop(_SENT, False):
            logger.info(
                "fetched ERR 0 - - %s %s", safe_url_string(request.url), type(exception).__name__
            )
