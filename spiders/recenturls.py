"""The URLs a crawl requested most recently.

Every page repeats links the crawl has already requested (navigation, related articles, the
shared stylesheet and logo). Scrapy's duplicate filter drops them, but only after each has
become a Request and passed the spider middlewares, the scheduler and a ``request_dropped``
signal, which together cost more than fetching a page's new links. Remembering the newest
URLs skips that for almost all repeats, in bounded memory; the duplicate filter stays the
authority for the rest.
"""

from __future__ import annotations

from collections import OrderedDict

#: URLs remembered (about 150 bytes each).
DEFAULT_SIZE = 10_000


class RecentUrls:
    """A bounded set of URLs, forgetting the least recently seen first."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.size = size
        self._urls: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, url: object) -> bool:
        return url in self._urls

    def __len__(self) -> int:
        return len(self._urls)

    def add(self, url: str) -> None:
        self._urls[url] = None
        self._urls.move_to_end(url)
        if len(self._urls) > self.size:
            self._urls.popitem(last=False)

    def first_time(self, url: str) -> bool:
        """Add ``url``; True unless it was already remembered."""
        seen = url in self._urls
        self.add(url)
        return not seen
