"""Article pages → extracted fields → the index.

Extraction failures are recorded on the capture and never end the crawl: the page is
archived in the WARC either way, so it can be extracted again later.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from spiders.extraction import ArticleFields, ExtractionError, extract_article
from spiders.items import ArticlePage
from storage.indexwriter import ArticleRow

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from spiders.runlifecycle import RunLifecycle

logger = logging.getLogger(__name__)


class ArticleIndexPipeline:
    """Extract each article and write it to the run's index writer."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleIndexPipeline:
        return cls(crawler)

    def _run(self) -> RunLifecycle:
        from spiders.runlifecycle import RunLifecycle

        run = self.crawler.get_extension(RunLifecycle)
        if run is None:
            raise RuntimeError("ArticleIndexPipeline needs the RunLifecycle extension")
        return run

    def _extract(self, item: ArticlePage) -> ArticleFields:
        """Extract, summing the time in the run's stats so its cost per article is visible."""
        started = time.perf_counter()
        try:
            return extract_article(item.url, item.html)
        finally:
            self.stats.inc_value("newsarchiver/extraction_seconds", time.perf_counter() - started)

    def process_item(self, item: object) -> object:
        if not isinstance(item, ArticlePage) or not item.record_id:
            return item
        run = self._run()
        try:
            fields = self._extract(item)
        except ExtractionError as exc:
            self.stats.inc_value("newsarchiver/extraction_errors")
            run.index.capture_error(item.record_id, str(exc))
            logger.info("extraction failed for %s: %s", item.url, exc)
            return item
        run.index.add_article(
            item.record_id,
            ArticleRow(
                canonical_url=fields.canonical_url,
                site=run.site.slug,
                title=fields.title,
                authors=fields.authors,
                published=fields.published,
                modified=fields.modified,
                language=fields.language,
                section=fields.section,
                description=fields.description,
                text=fields.text,
                word_count=fields.word_count,
                aliases=[u for u in [item.url, *item.aliases] if u != fields.canonical_url],
            ),
        )
        self.stats.inc_value("newsarchiver/articles")
        return item
