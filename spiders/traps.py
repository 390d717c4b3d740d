"""Contain crawler traps: session ids, calendars, faceted filters, endless pagination.

Depth and page limits already end every crawl; this keeps a trap from eating the page
budget. Links found on pages lose their session ids, and URLs of one pattern (same host,
same path shape, same query parameter names) are capped per run. Feed and sitemap entries
and page requisites are exempt: the site vouches for those.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from scrapy import Request
from w3lib.url import url_query_cleaner

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

SESSION_PARAMETERS = (
    "jsessionid", "phpsessid", "sessionid", "session_id", "sid", "sessid", "aspsessionid",
    "cfid", "cftoken", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
    "fbclid", "gclid",
)  # fmt: skip
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_CALENDAR_PATH = re.compile(r"^(/\d+)+/?$")

#: Sent with ``request`` when a followed link is dropped for exceeding its pattern's cap.
request_capped = object()


def strip_session_ids(url: str) -> str:
    """Remove session and tracking parameters that make one page look like many."""
    url = _PATH_SESSION.sub("", url)
    if "?" not in url:
        return url
    return url_query_cleaner(url, SESSION_PARAMETERS, remove=True, keep_fragments=False)


def url_pattern(url: str) -> str | None:
    """The trap pattern of a URL, or None when it is not trap-shaped.

    Query strings (calendars, facets, ``?page=N``) and all-number paths (``/2024/05/``) are
    trap-shaped; ordinary article and section paths are not, so numeric article ids never
    hit the cap.
    """
    parts = urlsplit(url)
    if parts.query:
        names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
        return f"{parts.hostname}{_DIGITS.sub('N', parts.path)}?{'&'.join(names)}"
    if _CALENDAR_PATH.match(parts.path):
        return f"{parts.hostname}{_DIGITS.sub('N', parts.path)}"
    return None


class TrapLimiterMiddleware:
    """Strip session ids from followed links and cap each trap-shaped URL pattern."""

    def __init__(self, crawler: Crawler, cap: int) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.cap = cap
        self._seen: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapLimiterMiddleware:
        return cls(crawler, crawler.settings.getint("NEWSARCHIVER_TRAP_CAP", 50))

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        for output in result:
            if self._followed_link(response, output):
                output = self._contain(output)
            if output is not None:
                yield output

    async def process_spider_output_async(self, response: Response, result: Any) -> Any:
        async for output in result:
            if self._followed_link(response, output):
                output = self._contain(output)
            if output is not None:
                yield output

    @staticmethod
    def _followed_link(response: Response, output: Any) -> bool:
        """A page request found in a page's links (not a feed or sitemap entry)."""
        return (
            isinstance(output, Request)
            and "hops" in output.meta
            and not response.meta.get("discovery")
        )

    def _contain(self, request: Request) -> Request | None:
        clean = strip_session_ids(request.url)
        if clean != request.url:
            self.stats.inc_value("newsarchiver/session_ids_stripped")
            request = request.replace(url=clean)
        pattern = url_pattern(request.url)
        if pattern is None:
            return request
        self._seen[pattern] += 1
        if self._seen[pattern] > self.cap:
            self.stats.inc_value("newsarchiver/trap_capped")
            self.crawler.signals.send_catch_log(request_capped, request=request)
            return None
        return request
