"""robots.txt: fetched once per site host, archived, obeyed, and mined for sitemaps.

Scrapy's RobotsTxtMiddleware fetches robots.txt too, but a spider that also wants the
``Sitemap:`` lines would fetch it a second time. Here the one fetch goes through the normal
downloader chain (so the WARC recorder archives it), the rules are parsed with Protego, and
the sitemaps are announced with the ``robots_parsed`` signal. Requisites on other hosts are
not checked against robots.txt, as a browser replaying the page would not either.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from protego import Protego
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached

from spiders.siteconfig import host_in_domains

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Sent once per host with ``netloc`` and ``sitemaps`` (list of URLs) when robots.txt is parsed.
robots_parsed = object()


class RobotsMiddleware:
    """Obey robots.txt for in-scope hosts, fetching it first through the same chain."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.user_agent = crawler.settings.get("USER_AGENT", "")
        self._parsers: dict[str, asyncio.Future[Protego | None]] = {}
        #: The first URL robots.txt forbade: a run that archived nothing says so.
        self.first_forbidden: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt") or request.meta.get("requisite"):
            return
        parsed = urlparse_cached(request)
        site = self.crawler.spider.site  # type: ignore[union-attr]
        if not host_in_domains(parsed.hostname or "", site.domains):
            return
        parser = await self._parser(f"{parsed.scheme}://{parsed.netloc}")
        if site.obey_robots and parser and not parser.can_fetch(request.url, self.user_agent):
            self.crawler.stats.inc_value("newsarchiver/robots_forbidden")
            if self.first_forbidden is None:
                self.first_forbidden = request.url
            raise IgnoreRequest(f"forbidden by robots.txt: {request.url}")

    async def _parser(self, origin: str) -> Protego | None:
        future = self._parsers.get(origin)
        if future is None:
            future = self._parsers[origin] = asyncio.get_running_loop().create_future()
            parser = None
            try:
                parser = await self._fetch(origin)
            finally:
                future.set_result(parser)
        return await asyncio.shield(future)

    async def _fetch(self, origin: str) -> Protego | None:
        request = Request(
            f"{origin}/robots.txt",
            priority=1000,
            meta={"dont_obey_robotstxt": True, "discovery": "robots"},
            callback=NO_CALLBACK,
        )
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # noqa: BLE001 - any failure means "no rules", as in Scrapy
            logger.info("robots.txt of %s unavailable: %s", origin, exc)
            return None
        if response.status != 200:
            return None
        text = response.body.decode("utf-8", errors="replace")
        parser = Protego.parse(text)
        sitemaps = list(parser.sitemaps)
        self.crawler.signals.send_catch_log(robots_parsed, origin=origin, sitemaps=sitemaps)
        return parser
