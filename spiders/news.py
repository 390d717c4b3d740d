"""NewsSpider: finds every article a news site offers, within the site's limits.

Discovery runs in this order: robots.txt (through ``spiders.robots``, which announces its
sitemaps), the configured and announced sitemaps, the configured feeds and those that start
pages announce, then the start pages and the hub pages they link to, up to ``max_depth``
hops. Pages judged to be articles are handed to the index pipeline; everything fetched is
archived by the WARC recorder whatever the spider thinks of it, and HTML pages are queued for
the article indexer (``spiders.articleindexer``), which decides off the event loop which of them
are articles. Hubs are fetched on every run; articles the index holds from a recent capture are
not (``spiders.revisits``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import HtmlResponse, Response
from twisted.internet.error import TimeoutError as TwistedTimeoutError

from spiders import discovery
from spiders.backlog import PageBacklog
from spiders.recenturls import RecentUrls
from spiders.revisits import Candidate, RecapturePlan, Triage, Urgency
from spiders.robots import robots_parsed
from spiders.siteconfig import Site, get_site, load_sites
from spiders.traps import request_capped

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

DISCOVERY_PRIORITY = 20
ARTICLE_PRIORITY = 10
MAX_ERROR_SAMPLES = 50
#: Sitemap pages turned into Requests each time the crawl runs dry (``spiders.backlog``).
BACKLOG_CHUNK = 1000


class NewsSpider(Spider):
    """Crawl one site of the sites file: ``scrapy crawl news -a site=SLUG``."""

    name = "news"

    def __init__(self, site: str | Site = "", max_pages: int | str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        if isinstance(site, str):
            raise TypeError("NewsSpider needs a Site; use from_crawler or pass -a site=SLUG")
        self.site = site
        self.max_pages = int(max_pages) if max_pages else site.max_pages
        self.pages_scheduled = 0
        self.errors: Counter[str] = Counter()
        self.error_samples: list[str] = []
        self._plan: RecapturePlan | None = None
        self._requested = RecentUrls()
        self._backlog = PageBacklog(limit=self.max_pages)
        # Counted once per URL, though many hubs link to the same article.
        self._skipped_recent: set[str] = set()
        self._refetched: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        site = kwargs.pop("site", "")
        if isinstance(site, str):
            sites = load_sites(_sites_path(crawler))
            site = get_site(sites, site)
        spider = super().from_crawler(crawler, *args, site=site, **kwargs)
        _apply_site_settings(crawler, site)
        crawler.signals.connect(spider._on_robots, signal=robots_parsed)
        crawler.signals.connect(spider._on_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider._release_page, signal=request_capped)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for url in self.site.sitemaps:
            yield self._discovery_request(url, "sitemap")
        for url in self.site.feeds:
            yield self._discovery_request(url, "feed")
        for url in self.site.start_urls:
            if request := self._page_request(url, hops=0, priority=DISCOVERY_PRIORITY):
                yield request

    # Discovery ---------------------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, HtmlResponse):
            return
        hops = response.meta.get("hops", 0)
        if hops == 0:
            for feed in discovery.feed_links(response):
                yield self._discovery_request(feed, "feed")
        if hops < self.site.max_depth:
            priority = ARTICLE_PRIORITY if hops == 0 else 0
            links = (Candidate(url) for url in discovery.page_links(response))
            yield from self._page_requests(links, hops + 1, priority)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Sitemap indexes are followed at once; a sitemap's pages join the backlog, and its
        newest chunk is requested now, as fresh as what the hub pages link to."""
        try:
            is_index, entries = discovery.sitemap_entries(response.body)
            for entry in entries:
                if is_index:
                    yield self._discovery_request(entry.url, "sitemap")
                else:
                    self._backlog.add(entry.url, entry.date)
        except discovery.DiscoveryError as exc:
            self._error("malformed sitemap", f"{response.url}: {exc}")
        self.crawler.stats.set_value("newsarchiver/sitemap_dropped", self._backlog.dropped)
        chunk = self._backlog.take(BACKLOG_CHUNK)
        yield from self._page_requests(chunk, 1, ARTICLE_PRIORITY)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        try:
            entries = discovery.feed_entries(response.body, response.url)
        except discovery.DiscoveryError as exc:
            self._error("malformed feed", f"{response.url}: {exc}")
            return
        pages = (Candidate(entry.url, entry.date) for entry in sorted(entries, key=_newest_first))
        yield from self._page_requests(pages, 1, ARTICLE_PRIORITY)

    def parse_requisite(self, response: Response) -> Iterator[Any]:
        """Requisites are archived by the recorder; stylesheet references are added by
        ``spiders.requisites``."""
        return iter(())

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        message = failure.getErrorMessage()
        if failure.check(IgnoreRequest):
            if "DOWNLOAD_MAXSIZE" not in message:
                # Out of scope, forbidden by robots.txt or refused: counted by those
                # components, and it does not use up the page budget.
                self._release_page(request)
                return
            kind = "body too large after decoding"
        elif failure.check(TwistedTimeoutError):
            kind = "timeout"
        else:
            kind = type(failure.value).__name__
        self._error(kind, f"{url}: {message}")

    # Requests ----------------------------------------------------------------------------

    def _page_requests(
        self, candidates: Iterable[Candidate], hops: int, priority: int
    ) -> list[Request]:
        """Requests for the discovered pages worth fetching this run (``spiders.revisits``).

        Articles captured within ``recapture_after`` are left out; new ones outrank changed
        ones, which outrank those merely due. Candidates come newest first, so the page budget
        goes to the newest; the list is returned reversed because Scrapy's queues are LIFO
        within a priority, which makes the newest the first fetched.
        """
        if self.pages_scheduled >= self.max_pages:
            return []
        # Links requested a moment ago are dropped here, before they cost a query or a Request.
        fresh = (candidate for candidate in candidates if candidate.url not in self._requested)
        plan = self._recapture_plan()
        if plan is None:
            triage = Triage(fetch=[(candidate, Urgency.NEW) for candidate in fresh])
        else:
            triage = plan.triage(fresh)
        for url in triage.recent:
            # A changed article fetched earlier in this run may not be in the index yet.
            if url not in self._refetched:
                self._skipped_recent.add(url)
        requests = []
        for candidate, urgency in triage.fetch:
            request = self._page_request(candidate.url, hops, priority + urgency)
            if request is None:
                break
            requests.append(request)
            # Skipped from a hub link, then announced as changed by a feed or sitemap.
            self._skipped_recent.discard(candidate.url)
            if urgency is Urgency.CHANGED:
                self._refetched.add(candidate.url)
        self.crawler.stats.set_value("newsarchiver/skipped_recent", len(self._skipped_recent))
        requests.reverse()
        return requests

    def _recapture_plan(self) -> RecapturePlan | None:
        """The run's plan, over its index; None when no run records (a bare spider)."""
        if self._plan is None:
            from spiders.runlifecycle import RunLifecycle

            run = self.crawler.get_extension(RunLifecycle)
            if run is not None:
                self._plan = RecapturePlan(
                    run.index, self.site.slug, self.site.recapture_interval, run.started_at
                )
        return self._plan

    def _page_request(self, url: str, hops: int, priority: int) -> Request | None:
        if self.pages_scheduled >= self.max_pages:
            return None
        self.pages_scheduled += 1
        self._requested.add(url)
        return Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            priority=priority,
            meta={"hops": hops, "page": True},
        )

    def _discovery_request(self, url: str, kind: str) -> Request:
        callback = self.parse_sitemap if kind == "sitemap" else self.parse_feed
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            priority=DISCOVERY_PRIORITY,
            meta={"discovery": kind},
        )

    def _error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        self.crawler.stats.inc_value(f"newsarchiver/errors/{kind}")
        if len(self.error_samples) < MAX_ERROR_SAMPLES:
            self.error_samples.append(f"{kind}: {detail}")
        logger.info("%s: %s", kind, detail)

    # Signals -----------------------------------------------------------------------------

    def _on_robots(self, origin: str, sitemaps: list[str]) -> None:
        for url in sitemaps:
            if url not in self.site.sitemaps:
                self.crawler.engine.crawl(self._discovery_request(url, "sitemap"))

    def _on_idle(self, spider: Spider) -> None:
        """Feed the next chunk of the backlog, newest first, while the page budget lasts."""
        while self._backlog:
            if self.pages_scheduled >= self.max_pages:
                self._backlog.clear()
                return
            chunk = self._backlog.take(BACKLOG_CHUNK)
            requests = self._page_requests(chunk, 1, ARTICLE_PRIORITY)
            for request in requests:
                self.crawler.engine.crawl(request)
            if requests:
                raise DontCloseSpider

    def _on_dropped(self, request: Request, spider: Spider) -> None:
        if request.url in request.meta.get("redirect_urls", ()):
            self._error("redirect loop", request.url)
        elif "redirect_urls" not in request.meta:
            self._release_page(request)

    def _release_page(self, request: Request | None, **_: Any) -> None:
        """A page request that never reached the site gives its budget back."""
        if request is not None and request.meta.get("page"):
            self.pages_scheduled -= 1


def _newest_first(entry: discovery.Entry) -> float:
    return -entry.date.timestamp() if entry.date else 0.0


def _sites_path(crawler: Crawler) -> Path:
    from pathlib import Path

    return Path(crawler.settings.get("NEWSARCHIVER_SITES", "sites.toml"))


def _apply_site_settings(crawler: Crawler, site: Site) -> None:
    """Per-site politeness and reach; Scrapy freezes settings only after ``from_crawler``."""
    settings = crawler.settings
    settings.set("NEWSARCHIVER_ALLOW_PRIVATE_NETWORKS", site.allow_private_networks, "spider")
    settings.set("DOWNLOAD_DELAY", site.download_delay, priority="spider")
    settings.set("AUTOTHROTTLE_START_DELAY", max(site.download_delay, 0.01), priority="spider")
    settings.set("AUTOTHROTTLE_TARGET_CONCURRENCY", float(site.concurrent_requests), "spider")
    settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", site.concurrent_requests, priority="spider")
    settings.set("CONCURRENT_REQUESTS", max(16, site.concurrent_requests * 4), priority="spider")
