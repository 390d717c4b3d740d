"""The baseline of the crawl benchmark: a plain Scrapy spider that fetches and keeps nothing.

``benchmarks/crawl_bench.py`` races ``newsarchiver crawl`` (A) against this spider (B) on the
same local site, so B must fetch the same pages the same way and differ only in what A adds:
WARC records, storage, extraction and the index. It therefore discovers pages as NewsSpider
does (the sitemaps robots.txt announces, plus links followed from the home page with the same
kind of ``LinkExtractor``), obeys robots.txt, and uses the politeness settings that
``spiders.news._apply_site_settings`` derives from a site's ``concurrent_requests`` and
``download_delay``. Run it on its own with::

    .venv/bin/python benchmarks/plain_spider.py http://127.0.0.1:8080/ --depth 50 --concurrency 8

It prints one JSON line at the end: ``{"pages": …, "requests": …, "seconds": …}``, where pages
are the HTML responses with status 200.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import CrawlerProcess
from scrapy.http import HtmlResponse, Response
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import SitemapSpider


class PlainSpider(SitemapSpider):
    """Sitemap entries and links from the home page, each HTML page counted and dropped."""

    name = "plain"

    def __init__(self, home: str, **kwargs: Any) -> None:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(home))
        super().__init__(sitemap_urls=[f"{origin}/robots.txt"], **kwargs)
        self.home = home
        self.allowed_domains = [urlsplit(home).hostname or ""]
        self.links = LinkExtractor(unique=True, canonicalize=False)
        self.pages = 0

    async def start(self) -> Any:
        yield Request(self.home, callback=self.parse)
        async for request in super().start():
            yield request

    def parse(self, response: Response) -> Iterator[Request]:
        if not isinstance(response, HtmlResponse):
            return
        if response.status == 200:
            self.pages += 1
        for link in self.links.extract_links(response):
            yield Request(link.url, callback=self.parse)


def crawl_settings(
    depth: int, concurrency: int, delay: float, concurrent_items: int = 100
) -> dict[str, Any]:
    """The settings A runs with, for what they change in fetching (see settings.py).

    ``concurrent_items`` stays at Scrapy's default of 100 unless asked: newsarchiver sets 1,
    which is not a fetching setting but saves CPU, so the benchmark reports B both ways.
    """
    return {
        "CONCURRENT_ITEMS": concurrent_items,
        "ROBOTSTXT_OBEY": True,
        "DEPTH_LIMIT": depth,
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.01),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "CONCURRENT_REQUESTS": max(16, concurrency * 4),
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en",
            "Accept-Encoding": "gzip, deflate",
        },
        "USER_AGENT": "newsarchiver-benchmark-baseline (plain Scrapy spider)",
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", help="home page URL of the site")
    parser.add_argument("--depth", type=int, default=2, help="link hops from the home page")
    parser.add_argument("--concurrency", type=int, default=4, help="requests at once to the site")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between requests")
    parser.add_argument(
        "--concurrent-items", type=int, default=100, help="Scrapy's CONCURRENT_ITEMS (default 100)"
    )
    args = parser.parse_args(argv)
    if urlsplit(args.home).scheme not in ("http", "https"):
        parser.error(f"home must be an http(s) URL, got {args.home!r}")

    settings = crawl_settings(args.depth, args.concurrency, args.delay, args.concurrent_items)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PlainSpider)
    started = time.monotonic()
    process.crawl(crawler, home=args.home)
    process.start()
    result = {
        "pages": cast(PlainSpider, crawler.spider).pages,
        "requests": crawler.stats.get_value("downloader/request_count", 0),
        "seconds": round(time.monotonic() - started, 3),
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
