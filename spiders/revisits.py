"""What a recrawl fetches of what the archive already holds.

A news site crawled every half hour changes by a few articles each time. Two decisions keep a
scheduled crawl from re-downloading and re-storing the rest:

- **Before fetching** (:class:`RecapturePlan`, here): a page the index knows as an article is not
  requested again until its last capture is older than the site's ``recapture_after``, unless
  a feed or sitemap dates it after that capture (the site says it changed). Hub pages (start
  pages, sections, feeds, sitemaps) are always fetched, since they are how new articles are
  found. What is fetched is ranked: new articles first, then articles announced as changed,
  then articles merely due for a recapture.
- **After fetching** (:class:`storage.revisitfinder.RevisitFinder`): a payload identical to a
  response already in the archive is written as an identical-payload-digest ``revisit`` record
  pointing at it, as Heritrix and warcprox do, instead of storing the same bytes again.

The default ``recapture_after`` of 24 hours suits news: most corrections and updates to an
article land within its first day, while a site crawled every 30 minutes still sends each known
article at most once a day; the hub pages catch every new article on every run.

Lookups are bounded: one batched index query per feed, sitemap or hub page, never the whole
URL list in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.models import Article

if TYPE_CHECKING:
    from storage.indexwriter import IndexWriter


class Urgency(IntEnum):
    """Why a known-or-not article page is fetched; higher is fetched first."""

    DUE = 0  # known, last capture older than recapture_after
    CHANGED = 1  # known, but a feed or sitemap dates it after its last capture
    NEW = 2  # not in the index


@dataclass(frozen=True)
class Candidate:
    """A page URL discovered on a hub, feed or sitemap, with the date announced for it."""

    url: str
    date: datetime | None = None


@dataclass
class Triage:
    """One batch of discovered pages, sorted: what to fetch (in the order given) and which
    known articles were left out because an earlier run captured them recently."""

    fetch: list[tuple[Candidate, Urgency]] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)


class RecapturePlan:
    """Decides which discovered pages to fetch this run, from the index's last capture times."""

    def __init__(
        self, index: IndexWriter, site: str, recapture_after: timedelta, run_started: datetime
    ):
        self.index = index
        self.site = site
        self.recapture_after = recapture_after
        self.run_started = run_started
        # Into a site without articles, every candidate is new or captured this run (which the
        # duplicate filter refuses), so a site's first crawl asks the index nothing per page.
        # Other sites' articles do not count: each site decides its own recaptures.
        with index.db.session() as session:
            self._index_has_articles = (
                session.scalar(select(Article.id).where(Article.site == site).limit(1)) is not None
            )

    def triage(self, candidates: Iterable[Candidate], now: datetime | None = None) -> Triage:
        """Sort candidates into fetch and skip. Articles captured earlier in this same run are
        dropped silently (or, in a first crawl into an empty archive, left to Scrapy's duplicate
        filter, which refuses them)."""
        result = Triage()
        items = list(candidates)
        if not items:
            return result
        if not self._index_has_articles:
            result.fetch = [(candidate, Urgency.NEW) for candidate in items]
            return result
        last = self.index.last_capture_times((c.url for c in items), self.site)
        cutoff = (now or datetime.now(UTC)) - self.recapture_after
        for candidate in items:
            captured = last.get(candidate.url)
            if captured is None:
                result.fetch.append((candidate, Urgency.NEW))
            elif candidate.date is not None and candidate.date > captured:
                result.fetch.append((candidate, Urgency.CHANGED))
            elif captured <= cutoff:
                result.fetch.append((candidate, Urgency.DUE))
            elif captured < self.run_started:
                result.recent.append(candidate.url)
        return result
