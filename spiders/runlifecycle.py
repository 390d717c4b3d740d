"""One crawl run's resources and bookkeeping, from start to summary.

Before the crawl: the database is migrated, the storage is checked (a missing bucket stops the
run before anything is fetched), the run is marked running under the site's lock, and WARC
files left by earlier runs are repaired and uploaded. During the crawl: exchanges are written
to WARC files by the run's ``storage.capturerecorder.CaptureRecorder`` (which the WARC recorder
middleware feeds), each closed file is uploaded in a thread, and the lock's lease and the run's
heartbeat are renewed (a cancel request stops the crawl gracefully). At the end: the last file
is closed and uploaded, the outcome recorded, and the summary kept for the CLI.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import task, threads

import settings as project_settings
from spiders.articleindexer import ArticleIndexer
from spiders.blocksigns import block_signs
from spiders.netguard import PrivateAddressMiddleware
from spiders.robots import RobotsMiddleware
from storage.backends import (
    StorageBackend,
    StorageUnavailableError,
    StoredObject,
    backend_from_url,
    redact_url,
)
from storage.capturerecorder import CaptureRecorder
from storage.db import Database
from storage.indexwriter import IndexWriter
from storage.models import RunStatus, RunTrigger
from storage.runs import (
    ATTEMPT_ENV,
    RunCounts,
    finish_run,
    get_run,
    heartbeat,
    new_attempt,
    run_articles,
    run_pages_queued,
    start_run,
)
from storage.spoolflush import FlushReport, flush_spool, upload_closed
from storage.warcwriter import ClosedWarc

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

    from spiders.siteconfig import Site

logger = logging.getLogger(__name__)

# Also how often `jobs list` and `jobs show` see the run's pages and bytes grow.
HEARTBEAT_SECONDS = 5.0


class RunLifecycle:
    """Open, upload and close one run of one site."""

    def __init__(self, crawler: Crawler, site: Site) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.site = site
        self.db = Database(settings["NEWSARCHIVER_DB"])
        self.db.migrate()
        self.backend: StorageBackend = backend_from_url(settings["NEWSARCHIVER_STORAGE"])
        try:
            self.backend.check()
        except StorageUnavailableError as exc:
            # An outage is no reason to miss the news: files wait in the spool for a flush.
            # A missing bucket or denied access is a configuration error and stops the run.
            logger.warning("storage unreachable, WARC files will wait in the spool: %s", exc)
        self.spool = project_settings.ensure_directory(
            Path(settings["NEWSARCHIVER_SPOOL"]), "NEWSARCHIVER_SPOOL"
        )
        run_id = settings.getint("NEWSARCHIVER_RUN_ID") or None
        # The attempt a Celery worker claimed the run for, or this crawl's own.
        self.attempt = os.environ.get(ATTEMPT_ENV) or new_attempt()
        self.run_id = start_run(
            self.db,
            site.slug,
            run_id=run_id,
            trigger=RunTrigger(settings.get("NEWSARCHIVER_TRIGGER") or "manual"),
            log_path=settings.get("LOG_FILE"),
            worker=os.environ.get("NEWSARCHIVER_WORKER_NAME"),  # set by a Celery worker
            attempt=self.attempt,
        )
        self.started = time.monotonic()
        self.started_at = datetime.now(UTC)
        self.earlier_files: FlushReport = flush_spool(self.db, self.backend, self.spool)
        workers = settings.getint("NEWSARCHIVER_EXTRACTION_WORKERS")
        # Indexer processes read what is committed: small, frequent batches keep them close
        # behind the crawl, with little left to do when it ends. Without them the crawl
        # indexes its pages once it has fetched them, and each heartbeat commits what is
        # buffered (for the web app's run page): hundreds of crawls committing twice a
        # second made the database's write lock the bottleneck.
        self.index = IndexWriter(
            self.db, batch_size=100, flush_interval=0.5 if workers else HEARTBEAT_SECONDS
        )
        self.recorder = CaptureRecorder(
            self.index,
            self.backend,
            site=site.slug,
            run_id=self.run_id,
            spool=self.spool,
            host=os.environ.get("NEWSARCHIVER_WORKER_NAME") or socket.gethostname(),
            max_size=settings.getint("NEWSARCHIVER_WARC_MAX_SIZE"),
            warcinfo=self._warcinfo(settings),
            on_close=self._upload,
        )
        self.indexer = ArticleIndexer(
            settings["NEWSARCHIVER_DB"],
            site,
            workers,
            stall_seconds=settings.getfloat("NEWSARCHIVER_INDEXER_STALL_SECONDS", 60.0),
        )
        # Started now, not when the spider opens: an indexer takes a second to import its
        # libraries, and the crawl's first pages should not wait in the queue for it.
        self.indexer.start()
        self._uploads: list[Deferred[Any]] = []
        self.stored_files: list[str] = []
        self.summary: dict[str, Any] = {}
        self.indexer_problems: list[str] = []
        self._heartbeat = task.LoopingCall(self._beat)
        self._closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLifecycle:
        if error := crawler.settings.get("NEWSARCHIVER_CONFIG_ERROR"):
            raise project_settings.ConfigError(error)
        extension = cls(crawler, crawler.spider.site)  # type: ignore[union-attr]
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def _warcinfo(self, settings: Any) -> dict[str, str]:
        robots = "obey" if self.site.obey_robots else "ignore"
        return {
            "software": f"newsarchiver/{project_settings.__version__} (Scrapy)",
            "hostname": socket.gethostname(),
            "operator": settings.get("NEWSARCHIVER_OPERATOR", ""),
            "robots": robots,
            "http-header-user-agent": settings.get("USER_AGENT", ""),
            "isPartOf": self.site.slug,
            "description": f"newsarchiver run {self.run_id} of {self.site.display_name}",
            "run-id": str(self.run_id),
            "format": "WARC File Format 1.1",
            "conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        }

    # Uploads ---------------------------------------------------------------------------

    def _upload(self, closed: ClosedWarc) -> None:
        upload = threads.deferToThread(
            upload_closed,
            self.db,
            self.backend,
            closed.path,
            closed.sha256,
        )
        upload.addCallbacks(self._uploaded, self._upload_failed, errbackArgs=(closed,))
        self._uploads.append(upload)

    def _uploaded(self, stored: StoredObject) -> None:
        self.stored_files.append(stored.url)

    def _upload_failed(self, failure: Any, closed: ClosedWarc) -> None:
        logger.warning("%s stays in the spool for a later flush: %s", closed.name, failure.value)

    # Signals -----------------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        self._heartbeat.start(HEARTBEAT_SECONDS, now=False)

    def _beat(self) -> None:
        try:
            self.index.flush()
        except Exception as exc:  # noqa: BLE001 - kept for the next try; the lease goes on
            logger.warning("run %s: committing its captures failed: %s", self.run_id, exc)
        try:
            stop = heartbeat(
                self.db, self.run_id, self.site.slug, self.attempt, progress=self._counts()
            )
        except Exception as exc:  # noqa: BLE001 - a database hiccup must not end the crawl
            logger.warning("heartbeat of run %s failed: %s", self.run_id, exc)
            return
        if stop and not self._closing and self.crawler.engine is not None:
            logger.info(
                "run %s: cancel requested, or run taken over, closing gracefully", self.run_id
            )
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="cancelled"))

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        # The heartbeat keeps the site's lease alive while the last files upload, and stops
        # even when closing fails: in a crawl host, the process (and the reactor) live on.
        try:
            self._closing = True
            self.recorder.close()
            self.index.close()
            # Every capture is committed: the indexers finish the queue, and the run's articles
            # are searchable when the crawl reports them.
            self.indexer_problems = await maybe_deferred_to_future(
                threads.deferToThread(self.indexer.finish)
            )
            # Counted in the index, not by the indexers: a stopped one may have lost a batch.
            self.stats.set_value("newsarchiver/articles", run_articles(self.db, self.run_id))
            # Left queued (for the site's next crawl) or given up on: either way not searchable.
            unindexed = run_pages_queued(self.db, self.run_id) + self.indexer.given_up
            self.stats.set_value("newsarchiver/unindexed", unindexed)
            self.stats.set_value("newsarchiver/extraction_errors", self.indexer.errors)
            self.stats.set_value("newsarchiver/extraction_seconds", self.indexer.extraction_seconds)
            for upload in self._uploads:
                await maybe_deferred_to_future(upload)
            waiting = await maybe_deferred_to_future(
                threads.deferToThread(
                    flush_spool,
                    self.db,
                    self.backend,
                    self.spool,
                    recover=False,
                )
            )
            self._finish(spider, reason, waiting)
        finally:
            if self._heartbeat.running:
                self._heartbeat.stop()

    def _finish(self, spider: Spider, reason: str, report: FlushReport) -> None:
        stats = self.stats
        pages = stats.get_value("newsarchiver/pages", 0)
        errors: dict[str, int] = dict(getattr(spider, "errors", {}))
        samples = list(getattr(spider, "error_samples", []))
        if self.indexer_problems:
            errors["article indexer"] = len(self.indexer_problems)
            samples += self.indexer_problems
        guard = self.crawler.get_downloader_middleware(PrivateAddressMiddleware)
        refused = list(guard.refused) if guard else []
        error = None
        if reason == "finished":
            # A run that archived no page did not do its job, whatever the reason.
            status = RunStatus.SUCCEEDED if pages else RunStatus.FAILED
            if not pages:
                error = self._nothing_archived(guard, samples)
        elif reason in ("cancelled", "shutdown"):
            status = RunStatus.CANCELLED
        else:
            status = RunStatus.FAILED
            error = f"crawl ended: {reason}"
        by_status = {
            key.rsplit("/", 1)[1]: value
            for key, value in stats.get_stats().items()
            if key.startswith("downloader/response_status_count/")
        }
        # Download attempts that ended without an answer (timeouts, refused connections), not
        # the requests our own components dropped.
        unanswered = sum(
            value
            for key, value in stats.get_stats().items()
            if key.startswith("downloader/exception_type_count/")
            and not key.endswith(".IgnoreRequest")
        )
        closed_files = self.recorder.closed
        warc_bytes = sum(f.size for f in closed_files)
        waiting = [path for path in report.waiting if path.name not in report.elsewhere]
        self.summary = {
            "run_id": self.run_id,
            "site": self.site.slug,
            "status": status.value,
            "reason": reason,
            "error": error,
            "started_at": self.started_at.isoformat(),
            "finished_at": datetime.now(UTC).isoformat(),
            "seconds": round(time.monotonic() - self.started, 3),
            "pages": pages,
            "articles": stats.get_value("newsarchiver/articles", 0),
            "unindexed": stats.get_value("newsarchiver/unindexed", 0),
            "revisits": stats.get_value("newsarchiver/revisits", 0),
            "skipped_recent": stats.get_value("newsarchiver/skipped_recent", 0),
            "requests_by_status": dict(sorted(by_status.items())),
            "unanswered": unanswered,
            "bytes": warc_bytes,
            "warc_files": [f.name for f in closed_files],
            "storage": redact_url(self.crawler.settings["NEWSARCHIVER_STORAGE"]),
            "stored": len(self.stored_files) + len(report.stored),
            "stored_from_earlier_runs": len(self.earlier_files.stored),
            # Kept in the spool, to be stored by `warc flush` or the next crawl: not lost, so
            # the run still succeeds, but the CLI says so on stderr.
            "waiting_upload": len(waiting),
            "spool": str(self.spool),
            "upload_errors": [line for line in report.errors if line],
            # Spooled by earlier runs for another store: they wait for it (`warc flush` there).
            "waiting_elsewhere": dict(sorted(report.elsewhere.items())),
            "refused": refused,  # the first MAX_REPORTED of them
            "refused_total": stats.get_value("newsarchiver/refused", 0),
            "truncated": stats.get_value("newsarchiver/truncated", 0),
            "trap_capped": stats.get_value("newsarchiver/trap_capped", 0),
            "robots_forbidden": stats.get_value("newsarchiver/robots_forbidden", 0),
            "block_signs": block_signs(stats.get_stats()),
            "errors": errors,
            "error_samples": samples,
            "log_file": _absolute(self.crawler.settings.get("LOG_FILE")),
        }
        recorded = finish_run(
            self.db,
            self.run_id,
            self.site.slug,
            status,
            self._counts(),
            attempt=self.attempt,
            summary=self.summary,
            error=error,
        )
        if recorded:
            return
        if get_run(self.db, self.run_id).attempt != self.attempt:
            logger.warning(
                "run %s was taken over by another attempt (re-queued and started again): "
                "this crawl records nothing, and leaves the site to it",
                self.run_id,
            )
        else:
            logger.warning(
                "run %s had already ended (given up on, or marked stale): its outcome stays",
                self.run_id,
            )

    def _counts(self) -> RunCounts:
        """The run's figures: final ones once the summary exists, live ones before."""
        stats = self.stats
        summary = self.summary
        return RunCounts(
            pages=stats.get_value("newsarchiver/pages", 0),
            articles=summary["articles"] if summary else self.indexer.articles,
            bytes=summary["bytes"] if summary else stats.get_value("newsarchiver/bytes", 0),
            errors=sum(summary["errors"].values()) if summary else 0,
            warc_files=len(self.recorder.closed),
            refused=stats.get_value("newsarchiver/refused", 0),
        )

    def _nothing_archived(self, guard: PrivateAddressMiddleware | None, samples: list[str]) -> str:
        """One line saying why the run archived no page, and what would change it."""
        slug = self.site.slug
        if guard is not None and guard.first_refusal is not None:
            return (
                f"no page archived: {guard.first_refusal} (allow it with "
                f"allow_private_networks = true, or a list of networks, in [sites.{slug}])"
            )
        robots = self.crawler.get_downloader_middleware(RobotsMiddleware)
        if robots is not None and robots.first_forbidden is not None:
            return (
                f"no page archived: robots.txt forbids {robots.first_forbidden} "
                f"(obey_robots = false in [sites.{slug}] ignores it)"
            )
        if samples:
            return f"no page archived: {samples[0]}"
        return "no page archived: no start page, feed or sitemap led to a page within the site"


def _absolute(path: str | None) -> str | None:
    """The run's log file as a path to copy from any directory."""
    return str(Path(path).absolute()) if path else None
