"""Honour ``Retry-After`` on 429 and 503 answers.

Scrapy's RetryMiddleware retries these at once. A site that asks for a pause gets it: the
answer is held for as long as asked (up to a cap) before the retry middleware sees it, so the
retry cannot come sooner, and the site's download slot is slowed down for the other requests.
"""

from __future__ import annotations

import email.utils
import time
from typing import TYPE_CHECKING

from scrapy.utils.defer import deferred_to_future
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

MAX_RETRY_AFTER = 600.0


def retry_after_seconds(value: str, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware:
    """Slow the site's download slot down by what the server asked for."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Response:
        header = response.headers.get(b"Retry-After")
        if response.status not in (429, 503) or not header:
            return response
        delay = retry_after_seconds(header.decode("latin-1"))
        if delay is None or delay > MAX_RETRY_AFTER:
            return response
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None:
            # The slot randomises its delay by ±jitter; never wait less than asked.
            slot.delay = max(slot.delay, delay / max(1.0 - slot.jitter, 0.1))
            slot.lastseen = time.monotonic()
        self.crawler.stats.inc_value("newsarchiver/retry_after")
        # AutoThrottle soon shrinks the slot delay again; holding this answer is what makes
        # the retry itself wait.
        from twisted.internet import reactor  # the installed one: importing it earlier installs

        await deferred_to_future(task.deferLater(reactor, delay))
        return response
