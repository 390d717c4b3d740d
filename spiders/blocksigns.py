"""Signs that a site blocks the crawler: challenge pages, and one small page on every URL.

A site that turns the crawler away rarely says so with a status code: bot protection answers
``200`` or ``403`` with an interstitial ("Just a moment...", a captcha), and some servers answer
every URL with the same short page. Such a run still archives pages, so nothing fails; this
extension counts the signs in the crawl's stats, the run summary keeps them
(``block_signs``), and :mod:`storage.sitehealth` turns them into a warning naming its
evidence. Status codes need no counting here: Scrapy's ``downloader/response_status_count``
stats already hold them (the summary's ``requests_by_status``).

Only HTML answers are looked at, after content decoding. Markers are searched in small pages
only: a full article with a captcha on its comment form is not a block. See the README, "Site
health".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

#: Pages up to this size may be a challenge or a block page; an article is larger.
SMALL_PAGE = 32 * 1024

#: Lower-case byte strings found in the pages bot protections serve, and what they mean.
CHALLENGE_MARKERS: dict[bytes, str] = {
    b"<title>just a moment...</title>": "Cloudflare challenge",
    b"/cdn-cgi/challenge-platform/": "Cloudflare challenge",
    b"attention required! | cloudflare": "Cloudflare block",
    b"cf-turnstile": "Cloudflare Turnstile captcha",
    b"g-recaptcha": "reCAPTCHA",
    b"h-captcha": "hCaptcha",
    b"captcha-delivery.com": "DataDome captcha",
    b"px-captcha": "PerimeterX captcha",
    b"_incapsula_resource": "Imperva Incapsula",
    b"sgcaptcha": "SiteGround captcha",
}


class BlockSigns:
    """Counts HTML answers, challenge pages by marker, and the most repeated small page."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.small_pages: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockSigns:
        assert crawler.stats is not None
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def response_received(self, response: Response) -> None:
        content_type = response.headers.get(b"Content-Type") or b""
        if not content_type.lower().startswith((b"text/html", b"application/xhtml")):
            return
        self.stats.inc_value("newsarchiver/html_answers")
        body = response.body
        marker = self.challenge(response, body)
        if marker:
            self.stats.inc_value(f"newsarchiver/challenge/{marker}")
            if not self.stats.get_value("newsarchiver/challenge_sample"):
                self.stats.set_value("newsarchiver/challenge_sample", response.url)
        if len(body) <= SMALL_PAGE:
            digest = hashlib.sha256(body).hexdigest()
            self.small_pages[digest] += 1
            count = self.small_pages[digest]
            if count > self.stats.get_value("newsarchiver/same_small_page", 0):
                self.stats.set_value("newsarchiver/same_small_page", count)
                self.stats.set_value("newsarchiver/same_small_page_bytes", len(body))

    @staticmethod
    def challenge(response: Response, body: bytes) -> str | None:
        """What kind of challenge the answer is, or None."""
        if (response.headers.get(b"cf-mitigated") or b"").lower() == b"challenge":
            return "Cloudflare challenge"
        if len(body) > SMALL_PAGE:
            return None
        lowered = body.lower()
        return next((name for marker, name in CHALLENGE_MARKERS.items() if marker in lowered), None)


def block_signs(stats: dict[str, object]) -> dict[str, object]:
    """The run summary's ``block_signs``, from a crawl's stats."""
    prefix = "newsarchiver/challenge/"
    return {
        "html_answers": stats.get("newsarchiver/html_answers", 0),
        "challenges": {
            key.removeprefix(prefix): count
            for key, count in stats.items()
            if key.startswith(prefix)
        },
        "challenge_sample": stats.get("newsarchiver/challenge_sample"),
        "same_small_page": stats.get("newsarchiver/same_small_page", 0),
        "same_small_page_bytes": stats.get("newsarchiver/same_small_page_bytes", 0),
    }
