"""Keep a crawl on its site: allowed domains and exclude patterns.

Scrapy's own OffsiteMiddleware compares ``host:port``, which rejects a site served on
``127.0.0.1:8080``; this one compares host names only. Page requisites (stylesheets, images,
fonts on a CDN) may leave the site, because an article does not replay without them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

from spiders.siteconfig import host_in_domains

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

    from spiders.siteconfig import Site


class SiteScopeMiddleware:
    """Drop requests outside the site's domains or matching an exclude pattern."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self._excludes: list[re.Pattern[str]] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        site: Site = self.crawler.spider.site  # type: ignore[union-attr]
        if self._excludes is None:
            self._excludes = [re.compile(p) for p in site.exclude_patterns]
        if any(p.search(request.url) for p in self._excludes):
            self.stats.inc_value("newsarchiver/excluded")
            raise IgnoreRequest(f"excluded by pattern: {request.url}")
        if request.meta.get("requisite"):
            return
        host = urlparse_cached(request).hostname or ""
        if not host_in_domains(host, site.domains):
            self.stats.inc_value("newsarchiver/offsite")
            raise IgnoreRequest(f"offsite: {request.url}")
