"""Page requisites: what an archived page needs to replay as the reader saw it.

After every HTML page the spider fetched (articles and hubs alike), its stylesheets, scripts,
images, icons and fonts are requested too, and stylesheets bring their own ``url()`` and
``@import`` references. They may live on other hosts (CDNs). Scrapy's dupefilter fetches each
once per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from lxml import etree
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse

from spiders.recenturls import RecentUrls

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from spiders.news import NewsSpider

REQUISITE_PRIORITY = 5
# Compiled once and run on the parsed page itself: parsel's Selector per result cost more
# than the search.
_HTML_REFERENCES = etree.XPath(
    "//link[contains(' stylesheet icon shortcut preload apple-touch-icon ',"
    " concat(' ', normalize-space(@rel), ' '))]/@href"
    " | //script/@src | //img/@src | //video/@poster | //input[@type='image']/@src",
    smart_strings=False,
)
_SRCSETS = etree.XPath("//img/@srcset | //source/@srcset", smart_strings=False)
_STYLES = etree.XPath("//style/text() | //@style", smart_strings=False)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def html_requisites(response: HtmlResponse) -> list[str]:
    """URLs of the resources an HTML page embeds, in the order it embeds them."""
    root = response.selector.root
    found = _HTML_REFERENCES(root)
    for srcset in _SRCSETS(root):
        found.extend(c.strip().split(" ")[0] for c in srcset.split(",") if c.strip())
    for css in _STYLES(root):
        found.extend(css_references(css))
    return _absolute(response, found)


def css_references(css: str) -> list[str]:
    """``url()`` and ``@import`` references of a stylesheet."""
    return [a or b for a, b in _CSS_URL.findall(css)]


def _absolute(response: Response, references: Iterable[str]) -> list[str]:
    urls = []
    for reference in references:
        reference = reference.strip()
        if reference and not reference.startswith(("data:", "#", "javascript:", "about:")):
            url = response.urljoin(reference)
            if url.startswith(("http://", "https://")):
                urls.append(url)
    return list(dict.fromkeys(urls))


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
            urls = _absolute(response, css_references(response.text))
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
