"""Sitemap pages waiting for their turn, newest first.

A large site's sitemaps list every article it ever published. Turned into Requests at once, a
30,000-entry sitemap would sit in the scheduler as 30,000 Request objects (a kilobyte or two
each) for most of the crawl. The backlog keeps each entry as a small tuple instead and hands
the spider a chunk whenever the crawl runs dry, so the scheduler holds at most a chunk of
them, and the newest pages still come first.
"""

from __future__ import annotations

import heapq
import itertools
from datetime import UTC, datetime

from spiders.revisits import Candidate


class PageBacklog:
    """Candidate pages ordered newest first (undated last), taken a chunk at a time."""

    def __init__(self) -> None:
        # (sort key, arrival order, url, timestamp or None): the arrival order keeps ties stable.
        self._heap: list[tuple[float, int, str, float | None]] = []
        self._arrivals = itertools.count()

    def __len__(self) -> int:
        return len(self._heap)

    def add(self, url: str, date: datetime | None) -> None:
        stamp = date.timestamp() if date is not None else None
        key = -stamp if stamp is not None else 0.0
        heapq.heappush(self._heap, (key, next(self._arrivals), url, stamp))

    def take(self, count: int) -> list[Candidate]:
        """The newest ``count`` candidates (fewer when the backlog runs out)."""
        taken = []
        while self._heap and len(taken) < count:
            _, _, url, stamp = heapq.heappop(self._heap)
            date = datetime.fromtimestamp(stamp, UTC) if stamp is not None else None
            taken.append(Candidate(url, date))
        return taken

    def clear(self) -> None:
        self._heap.clear()
