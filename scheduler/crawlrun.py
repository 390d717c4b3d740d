"""Run one crawl of one site in this process and return its summary.

Scrapy's Twisted reactor cannot be restarted, so :func:`run_crawl` runs exactly one crawl in its
process: the CLI's ``crawl`` command in the foreground, or a subprocess started by the scheduler
or a worker. A crawl host (``scheduler.crawlhost``) runs many crawls in one reactor instead,
each with the settings :func:`crawl_settings` gives it and the summary :func:`run_summary` reads.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from twisted.internet import task

import settings as project_settings
from settings import AppConfig, app_settings, ensure_directory
from spiders.news import NewsSpider
from spiders.runlifecycle import RunLifecycle
from spiders.siteconfig import Site

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

ProgressCallback = Callable[[dict[str, Any]], None]
PROGRESS_SECONDS = 0.5


def crawl_settings(
    config: AppConfig,
    *,
    run_id: int | None = None,
    trigger: str = "manual",
    log_file: Path | None = None,
) -> Settings:
    """Scrapy settings from ``settings.py`` with this process's configuration applied."""
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    overrides: dict[str, Any] = {
        **app_settings(config),
        "NEWSARCHIVER_RUN_ID": run_id,
        "NEWSARCHIVER_TRIGGER": trigger,
        "NEWSARCHIVER_CONFIG_ERROR": None,  # ``config`` is valid: it was read without error
    }
    if log_file is not None:
        ensure_directory(log_file.parent, "NEWSARCHIVER_LOGS")
        overrides["LOG_FILE"] = str(log_file)
    settings.setdict(overrides, priority="cmdline")
    return settings


def default_log_file(config: AppConfig, site: Site) -> Path:
    """The log of a foreground crawl, absolute like ``scheduler.executors.run_log_path``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return (config.logs / f"{site.slug}-{stamp}.log").absolute()


def run_crawl(
    config: AppConfig,
    site: Site,
    *,
    max_pages: int | None = None,
    run_id: int | None = None,
    trigger: str = "manual",
    log_file: Path | None = None,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Crawl ``site`` to the end and return the run summary.

    Exceptions raised while the run starts (bad storage, locked site, database errors) are
    re-raised here unchanged, so the caller can report them in one line.
    """
    settings = crawl_settings(config, run_id=run_id, trigger=trigger, log_file=log_file)
    settings.set("LOG_INSTALL_ROOT_HANDLER", log_file is not None, priority="cmdline")
    process = CrawlerProcess(settings)
    if log_file is None:
        logging.getLogger("scrapy").setLevel(logging.WARNING)
    crawler = process.create_crawler(NewsSpider)
    failures: list[BaseException] = []
    done = process.crawl(crawler, site=site, max_pages=max_pages)

    def failed(failure: Failure) -> None:
        failures.append(failure.value or RuntimeError(failure.getErrorMessage()))

    done.addErrback(failed)
    ticker = None
    if progress is not None:

        def report(show: ProgressCallback) -> None:
            figures = live_figures(crawler.stats.get_stats())
            # Articles are counted by the article indexer, not in the crawl's stats.
            if (run := crawler.get_extension(RunLifecycle)) is not None:
                figures["articles"] = run.indexer.articles
            show(figures)

        ticker = task.LoopingCall(report, progress)
        ticker.start(PROGRESS_SECONDS, now=False)
    process.start()
    if ticker is not None and ticker.running:
        ticker.stop()
    if failures:
        raise failures[0]
    sys.stdout.flush()
    return run_summary(crawler)


class CrawlIncompleteError(RuntimeError):
    """The crawl ended before it recorded its outcome: a stop signal while it was closing, or
    an error in closing that its log already holds with its traceback."""


def run_summary(crawler: Crawler) -> dict[str, Any]:
    """The summary the crawl recorded with its outcome; CrawlIncompleteError if it ended
    without one."""
    lifecycle = crawler.get_extension(RunLifecycle)
    if lifecycle is None or not lifecycle.summary:
        raise CrawlIncompleteError("the crawl ended before it could record a summary")
    return lifecycle.summary


def live_figures(stats: dict[str, Any]) -> dict[str, Any]:
    """The numbers the progress display shows, from Scrapy's stats."""
    start = stats.get("start_time")
    elapsed = (datetime.now(UTC) - start).total_seconds() if start else 0.0
    pages = stats.get("newsarchiver/pages", 0)
    errors = sum(v for k, v in stats.items() if k.startswith("newsarchiver/errors/"))
    return {
        "pages": pages,
        "articles": stats.get("newsarchiver/articles", 0),
        "bytes": stats.get("newsarchiver/bytes", 0),
        "requests": stats.get("downloader/request_count", 0),
        "errors": errors,
        "refused": stats.get("newsarchiver/refused", 0),
        "elapsed": elapsed,
        "rate": pages / elapsed if elapsed > 0 else 0.0,
    }
