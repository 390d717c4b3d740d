"""Sitemap pages waiting for their turn, newest first.

A large site's sitemaps list every article it ever published. Turned into Requests at once, a
30,000-entry sitemap would sit in the scheduler as 30,000 Request objects (a kilobyte or two
each) for most of the crawl. The backlog keeps each entry as a small tuple instead and hands
the spider a chunk at once and another whenever the crawl runs dry, so the scheduler holds at
most a chunk of them, and the newest pages still come first.
"""

from __future__ import annotations

import heapq
import itertools
import math
from datetime import UTC, datetime

from spiders.revisits import Candidate


class PageBacklog:
    """The newest ``limit`` candidate pages (undated ones count as oldest), taken newest first.

    A crawl can fetch no more pages than its budget, so a backlog of that many is enough; older
    entries are dropped as they arrive, and a sitemap index of millions of URLs costs no more.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        self.limit = limit
        self.dropped = 0
        # A min-heap on (newness, -arrival): its root is the entry to drop first.
        self._heap: list[tuple[float, int, str, float | None]] = []
        self._arrivals = itertools.count()

    def __len__(self) -> int:
        return len(self._heap)

    def add(self, url: str, date: datetime | None) -> None:
        stamp = date.timestamp() if date is not None else None
        newness = stamp if stamp is not None else -math.inf
        entry = (newness, -next(self._arrivals), url, stamp)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, entry)
        elif entry > self._heap[0]:
            heapq.heapreplace(self._heap, entry)
            self.dropped += 1
        else:
            self.dropped += 1

    def take(self, count: int) -> list[Candidate]:
        """The newest ``count`` candidates (fewer when the backlog runs out)."""
        newest = heapq.nlargest(count, self._heap)
        rest = heapq.nsmallest(len(self._heap) - len(newest), self._heap)
        heapq.heapify(rest)
        self._heap = rest
        return [
            Candidate(url, datetime.fromtimestamp(stamp, UTC) if stamp is not None else None)
            for _, _, url, stamp in newest
        ]

    def clear(self) -> None:
        self._heap.clear()
