"""Article pages → extracted fields → the index.

Extraction (trafilatura, about 10 ms of CPU per article) is the largest cost of a crawl, so it
runs in a process pool on the machine's other core instead of on the crawl's reactor thread
(``NEWSARCHIVER_EXTRACTION_WORKERS`` processes, 1 by default; 0 extracts inline). The results
come back to the reactor thread, which alone writes to the index. At most two extractions per
worker are in flight: the others wait as items, which Scrapy's scraper counts against its
active-size limit, so a slow extractor slows the crawl instead of filling memory.

Extraction failures are recorded on the capture and never end the crawl: the page is archived
in the WARC either way, so it can be extracted again later. A worker that dies (killed, out of
memory) costs only the extractions it held; the pool is replaced.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from spiders.extraction import ArticleFields, ExtractionError, extract_article
from spiders.items import ArticlePage
from storage.indexwriter import ArticleRow

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from spiders.runlifecycle import RunLifecycle

logger = logging.getLogger(__name__)

#: Extractions queued per worker: enough to keep it busy between two reactor turns.
IN_FLIGHT_PER_WORKER = 2


def timed_extraction(url: str, html: str) -> tuple[ArticleFields | ExtractionError, float]:
    """Extract in a worker; the error travels back as a value so it keeps its one-line message."""
    started = time.process_time()
    try:
        result: ArticleFields | ExtractionError = extract_article(url, html)
    except ExtractionError as exc:
        result = exc
    return result, time.process_time() - started


def exit_with_parent() -> None:
    """Pool initializer: a worker whose crawl was killed (``kill -9``) exits instead of waiting
    on its task queue forever (it holds that queue's write end itself, so it never sees EOF)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class ArticleIndexPipeline:
    """Extract each article (in a process pool) and write it to the run's index writer."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.workers = crawler.settings.getint("NEWSARCHIVER_EXTRACTION_WORKERS", 1)
        if self.workers < 0:
            raise ValueError(
                f"NEWSARCHIVER_EXTRACTION_WORKERS must be 0 (inline) or more, got {self.workers}"
            )
        self._pool: ProcessPoolExecutor | None = None
        self._slots: asyncio.Semaphore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleIndexPipeline:
        return cls(crawler)

    def _run(self) -> RunLifecycle:
        from spiders.runlifecycle import RunLifecycle

        run = self.crawler.get_extension(RunLifecycle)
        if run is None:
            raise RuntimeError("ArticleIndexPipeline needs the RunLifecycle extension")
        return run

    async def _extract(self, item: ArticlePage) -> ArticleFields | ExtractionError:
        """Extract in the pool (or inline), summing the CPU time in the run's stats."""
        if self.workers == 0:
            result, seconds = timed_extraction(item.url, item.html)
        else:
            if self._slots is None:
                self._slots = asyncio.Semaphore(self.workers * IN_FLIGHT_PER_WORKER)
            async with self._slots:
                pool = self._worker_pool()
                try:
                    future = pool.submit(timed_extraction, item.url, item.html)
                    result, seconds = await asyncio.wrap_future(future)
                except BrokenProcessPool:
                    self._replace_pool(pool)
                    return ExtractionError("extraction worker died")
                except Exception as exc:  # noqa: BLE001 - e.g. a page that cannot be pickled
                    return ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}")
        self.stats.inc_value("newsarchiver/extraction_seconds", seconds)
        return result

    def _worker_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the reactor process has threads (uploads, the DB pool).
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=exit_with_parent,
            )
        return self._pool

    def _replace_pool(self, broken: ProcessPoolExecutor) -> None:
        if self._pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    async def process_item(self, item: object) -> object:
        if not isinstance(item, ArticlePage) or not item.record_id:
            return item
        result = await self._extract(item)
        run = self._run()
        if isinstance(result, ExtractionError):
            self.stats.inc_value("newsarchiver/extraction_errors")
            run.index.capture_error(item.record_id, str(result))
            logger.info("extraction failed for %s: %s", item.url, result)
            return item
        run.index.add_article(
            item.record_id,
            ArticleRow(
                canonical_url=result.canonical_url,
                site=run.site.slug,
                title=result.title,
                authors=result.authors,
                published=result.published,
                modified=result.modified,
                language=result.language,
                section=result.section,
                description=result.description,
                text=result.text,
                word_count=result.word_count,
                aliases=item.aliases,
            ),
        )
        self.stats.inc_value("newsarchiver/articles")
        return item

    def close_spider(self) -> None:
        """Scrapy calls this once every item is processed, so no extraction is still running."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
