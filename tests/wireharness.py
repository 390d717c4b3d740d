"""Fetch a few requests through the crawl's download handler alone, and write what it kept as WARC.

The crawler only sends GET. HEAD and POST answers, and proxies (Scrapy's own
``HttpProxyMiddleware``, which reads ``http_proxy``/``https_proxy``), are proven with this bare
Scrapy crawl: the project's download handler and address guard, the recorder's
:func:`spiders.warcrecording.to_exchange`, and a :class:`storage.warcwriter.RotatingWarcWriter`.
It runs in a process of its own, as the reactor runs once per process::

    python -m tests.wireharness '{"requests": [{"url": …, "method": "HEAD"}], "warc_dir": …}'
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.http import Response

import settings as project_settings
from spiders.warcrecording import to_exchange
from spiders.wirehandler import Wire, wire_captured
from storage.warcwriter import RotatingWarcWriter


class WriteWarc:
    """A downloader middleware: every exchange with its wire bytes, as WARC records."""

    def __init__(self, crawler: Crawler) -> None:
        self.writer = RotatingWarcWriter(
            Path(crawler.settings["HARNESS_WARC_DIR"]), prefix="harness", host="test", warcinfo={}
        )
        self.wires: WeakKeyDictionary[Response, Wire] = WeakKeyDictionary()
        crawler.signals.connect(self.wire_captured, signal=wire_captured)
        crawler.signals.connect(self.writer.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WriteWarc:
        return cls(crawler)

    def wire_captured(self, response: Response, wire: Wire) -> None:
        self.wires[response] = wire

    def process_response(self, request: Request, response: Response) -> Response:
        self.writer.write_exchange(to_exchange(request, response, self.wires.pop(response)))
        return response


class Fetch(Spider):
    name = "harness"

    def __init__(self, requests: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.wanted = requests
        self.failures: list[str] = []

    async def start(self) -> AsyncIterator[Request]:
        for wanted in self.wanted:
            yield Request(
                wanted["url"],
                method=wanted.get("method", "GET"),
                body=wanted.get("body", ""),
                dont_filter=True,
                callback=self.parse,
                errback=self.failed,
            )

    def parse(self, response: Response) -> None:
        return None

    def failed(self, failure: Any) -> None:
        self.failures.append(f"{failure.request.url}: {failure.getErrorMessage()}")


def main(spec: dict[str, Any]) -> int:
    process = CrawlerProcess(
        {
            "DOWNLOAD_HANDLERS": project_settings.DOWNLOAD_HANDLERS,
            "EXTENSIONS": {"spiders.netguard.AddressGuard": 0},
            "NEWSARCHIVER_ALLOW_PRIVATE_NETWORKS": True,
            "DOWNLOADER_MIDDLEWARES": {"tests.wireharness.WriteWarc": 950},
            "HARNESS_WARC_DIR": spec["warc_dir"],
            "DOWNLOAD_TIMEOUT": 10,
            "RETRY_ENABLED": False,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    crawler = process.create_crawler(Fetch)
    process.crawl(crawler, requests=spec["requests"])
    process.start()
    spider = crawler.spider
    assert isinstance(spider, Fetch)
    for failure in spider.failures:
        print(failure, file=sys.stderr)
    return 1 if spider.failures else 0


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1])))
