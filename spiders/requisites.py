"""Page requisites: what an archived page needs to replay as the reader saw it.

After every HTML page the spider fetched (articles and hubs alike), its stylesheets, scripts,
images, icons and fonts are requested too, and stylesheets bring their own ``url()`` and
``@import`` references. They may live on other hosts (CDNs). Scrapy's dupefilter fetches each
once per run. What counts as a requisite is read by ``storage.requisiteurls``, which exports
share, so a page exported from the archive brings exactly what was fetched for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.response import get_base_url

from spiders.recenturls import RecentUrls
from storage.requisiteurls import absolute_urls, css_references, page_requisites

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from spiders.news import NewsSpider

REQUISITE_PRIORITY = 5


def html_requisites(response: HtmlResponse) -> list[str]:
    """URLs of the resources an HTML page embeds, in the order it embeds them."""
    return page_requisites(response.selector.root, get_base_url(response))


class RequisitesMiddleware:
    """Add requisite requests after pages, and after stylesheets."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        # Pages share their stylesheet and logo: each is requested once, not once per page.
        self._requested = RecentUrls()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequisitesMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        yield from result
        yield from self._requisites(response)

    async def process_spider_output_async(self, response: Response, result: Any) -> Any:
        async for output in result:
            yield output
        for request in self._requisites(response):
            yield request

    def _requisites(self, response: Response) -> Iterator[Request]:
        spider = cast("NewsSpider", self.crawler.spider)
        if not spider.site.capture_requisites:
            return
        page = response.meta.get("page") and response.status == 200
        if page and isinstance(response, HtmlResponse):
            urls = html_requisites(response)
        elif response.meta.get("requisite") and isinstance(response, TextResponse):
            if b"css" not in (response.headers.get(b"Content-Type") or b"").lower():
                return
            urls = absolute_urls(get_base_url(response), css_references(response.text))
        else:
            return
        for url in urls:
            if not self._requested.first_time(url):
                continue
            self.stats.inc_value("newsarchiver/requisites")
            yield Request(
                url,
                callback=spider.parse_requisite,
                errback=spider.on_error,
                priority=REQUISITE_PRIORITY,
                meta={"requisite": True},
            )
