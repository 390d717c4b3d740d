"""A crawl host: one long-lived process that runs many site crawls side by side.

A crawl's process spends most of its CPU and memory importing Scrapy, Twisted, SQLAlchemy and
the project before it fetches a page (see docs/scaling.md). The ``hosted`` executor
(``scheduler.hostpool``) pays that once per host instead of once per run: each host runs
crawls in one Twisted reactor with Scrapy's ``CrawlerRunner``, each crawl a ``Crawler`` of its
own with the settings a ``newsarchiver crawl`` of that site would have (``crawlrun``), so its
site's delay, concurrency, private-network allowance, address guard and run record stay its
own.

The executor talks to a host over pipes, one JSON object a line:

- stdin: ``{"op": "start", "run_id": 7, "site": "slug", "trigger": "schedule", "log_path": …}``
  starts a run; ``{"op": "stop", "run_id": 7}`` stops one gracefully (Scrapy's shutdown: its
  WARC files are closed and stored, the run is recorded cancelled). A crawl still starting
  closes as soon as its engine has started, before its first request; one already closing
  after it finished finishes closing and keeps the outcome it records. End of input retires the
  host: it takes no new run, finishes the ones it has, and exits 0. SIGTERM stops every crawl
  gracefully, then the host exits.
- stdout: ``{"run_id": 7, "returncode": 0}`` once a run has ended, with the exit code a crawl's
  own process would have had (0: succeeded, 1: failed or crashed, 2: bad configuration).

Each run keeps its own log file, as a crawl process does: a record goes to the log of the run
whose crawler it names (Scrapy's records carry the spider), else to the run whose work logged
it, which follows the run through the reactor as a context variable (``scheduler.runcontext``,
whose reactor the host runs), also when the crawl logs after its run has ended. Records of
no run (the host's own) go to stderr. A run that
cannot start, or whose crawl raises, writes to its log what the crawl process would have
written (``error: …`` or the traceback), so the executor explains its ending in the same
words.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import signal
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from scheduler.runcontext import CURRENT_RUN, REACTOR, RUN_LOG_COUNT, run_of
from settings import AppConfig, ensure_directory

if TYPE_CHECKING:
    from scrapy.crawler import Crawler, CrawlerRunner
    from scrapy.settings import Settings
    from twisted.internet.defer import Deferred
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

#: Reactor threads besides one per crawl (each crawl's end holds one while its article
#: indexer finishes): Scrapy's default pool size, for name lookups and uploads.
SPARE_THREADS = 10


class RunLogRouter(logging.Handler):
    """Send each record to the log of the run it belongs to, or to the host's stderr.

    A run's log stays its own after the run has ended: a record its work logs late is
    appended to the run's log, not the host's.
    """

    #: Ended runs whose late records still find their log.
    ENDED_RUNS_KEPT = 256

    def __init__(self, host_handler: logging.Handler) -> None:
        super().__init__()
        self.host_handler = host_handler
        self.runs: dict[int, logging.Handler] = {}
        self.ended: dict[int, logging.Handler] = {}

    def open_run(self, run_id: int, path: Path, settings: Settings) -> None:
        handler = logging.FileHandler(path, encoding=settings.get("LOG_ENCODING") or "utf-8")
        handler.setFormatter(
            logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT"))
        )
        handler.setLevel(settings.get("LOG_LEVEL"))
        self.runs[run_id] = handler
        self.ended.pop(run_id, None)  # a re-queued run started again

    def close_run(self, run_id: int) -> None:
        handler = self.runs.pop(run_id, None)
        if handler is not None:
            handler.close()
            self.ended[run_id] = handler
            if len(self.ended) > self.ENDED_RUNS_KEPT:
                del self.ended[next(iter(self.ended))]

    def emit(self, record: logging.LogRecord) -> None:
        run_id = run_of(record)
        handler = self.runs.get(run_id) if run_id is not None else None
        late = self.ended.get(run_id) if run_id is not None and handler is None else None
        target = handler or late or self.host_handler
        if record.levelno >= target.level:
            target.handle(record)  # a closed FileHandler opens its file again to append
        if late is not None:
            late.close()


@dataclass(eq=False)
class _Crawl:
    run_id: int
    log_path: Path
    context: contextvars.Context
    crawler: Crawler | None = None
    #: Its engine has started: its spider is open, and a stop closes it at once.
    started: bool = False
    stop_requested: bool = False

    def stop(self) -> Deferred[None] | None:
        """Close the crawl gracefully (Scrapy's "shutdown" reason: its run is cancelled).

        Not with ``Crawler.stop_async``: asked while the crawl starts (its engine not yet
        running), that forgets the stop and lets the crawl run to its end, where it then waits
        forever for the stop it forgot; asked while its spider closes ("finished"), it
        returns, and the crawl with it, before the spider has closed and the run recorded its
        outcome. So a crawl that is starting closes as soon as its engine has started, and one
        that is closing finishes closing, keeping the outcome it records.
        """
        self.stop_requested = True
        if not self.started:
            logger.info(
                "run %s: stop requested while it starts: it closes once started", self.run_id
            )
            return None
        return self._close()

    def engine_started(self) -> Deferred[None] | None:
        """Scrapy's ``engine_started`` signal: a stop asked for meanwhile closes the crawl
        now, before it sends its first request (the engine waits for this)."""
        self.started = True
        return self._close() if self.stop_requested else None

    def _close(self) -> Deferred[None] | None:
        from scrapy.utils.defer import deferred_from_coro

        assert self.crawler is not None  # started
        engine = self.crawler.engine
        if engine.spider is None:  # closed already: the crawl is ending
            return None
        logger.info("run %s: stop requested, closing gracefully", self.run_id)
        # One already closing is left to finish: this only waits for its slot to close.
        return deferred_from_coro(engine.close_spider_async(reason="shutdown"))


class CrawlHost:
    """The crawls of one host process, started and stopped as the executor asks."""

    def __init__(
        self, config: AppConfig, runner: CrawlerRunner, router: RunLogRouter, out: IO[str]
    ) -> None:
        self.config = config
        self.runner = runner
        self.router = router
        self.out = out
        self.crawls: dict[int, _Crawl] = {}
        self.retiring = False

    def command(self, line: bytes) -> None:
        """One line from the executor."""
        try:
            message = json.loads(line)
            op, run_id = message["op"], int(message["run_id"])
            if op == "start":
                site, trigger = str(message["site"]), str(message["trigger"])
                log_path = Path(message["log_path"])
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("crawl host: ignoring a malformed command %r: %s", line[:200], exc)
            return
        if op == "start":
            crawl = _Crawl(run_id, log_path, contextvars.copy_context())
            self.crawls[run_id] = crawl
            crawl.context.run(self._start, crawl, site, trigger)
        elif op == "stop" and (running := self.crawls.get(run_id)) is not None:
            running.context.run(running.stop)

    def _start(self, crawl: _Crawl, site: str, trigger: str) -> None:
        from scrapy import signals
        from scrapy.crawler import Crawler

        from scheduler.console import load_site
        from spiders.news import NewsSpider

        CURRENT_RUN.set(crawl.run_id)
        try:
            ensure_directory(crawl.log_path.parent, "NEWSARCHIVER_LOGS")
            settings = host_settings(
                self.config, run_id=crawl.run_id, trigger=trigger, log_file=crawl.log_path
            )
            self.router.open_run(crawl.run_id, crawl.log_path, settings)
            target = load_site(self.config, site)
            crawl.crawler = Crawler(NewsSpider, settings)
            # A stop asked for while the crawl starts is carried out once its engine has started.
            crawl.crawler.signals.connect(crawl.engine_started, signal=signals.engine_started)
            done = self.runner.crawl(crawl.crawler, site=target)
        except Exception as exc:  # noqa: BLE001 - the run fails, the host goes on
            self._ended(crawl, error=exc)
            return
        done.addCallbacks(lambda _: self._ended(crawl), lambda f: self._failed(crawl, f))

    def stop_all(self) -> None:
        """SIGTERM: stop every crawl gracefully, then exit."""
        self.retire()
        for crawl in list(self.crawls.values()):
            crawl.context.run(crawl.stop)

    def retire(self) -> None:
        """Take no new run; exit once the crawls running now have ended."""
        self.retiring = True
        self._exit_when_idle()

    def _failed(self, crawl: _Crawl, failure: Failure) -> None:
        self._ended(crawl, error=failure.value or RuntimeError(failure.getErrorMessage()))

    def _ended(self, crawl: _Crawl, error: BaseException | None = None) -> None:
        """Write what the crawl's process would have written last; report the exit code."""
        from scheduler.console import error_exit_code, escape_controls
        from scheduler.crawlrun import CrawlIncompleteError, run_summary

        text, code = "", 0
        if error is None and crawl.crawler is not None:
            try:
                summary = run_summary(crawl.crawler)
            except CrawlIncompleteError as exc:
                error = exc
            else:
                text = json.dumps(summary, indent=2, default=str, ensure_ascii=False) + "\n"
                code = 0 if summary["status"] == "succeeded" else 1
        if error is not None:
            known = error_exit_code(error)
            if known is not None:
                text, code = f"error: {escape_controls(str(error))}\n", known
            else:
                text, code = "".join(traceback.format_exception(error)), 1
        self.router.close_run(crawl.run_id)
        try:
            with crawl.log_path.open("a", encoding="utf-8") as log:
                log.write(text)
        except OSError as exc:
            logger.warning("run %s: cannot write to its log: %s", crawl.run_id, exc)
        del self.crawls[crawl.run_id]
        try:
            self.out.write(json.dumps({"run_id": crawl.run_id, "returncode": code}) + "\n")
            self.out.flush()
        except OSError:  # the executor is gone (its daemon killed): the run recorded itself
            self.retiring = True
        self._exit_when_idle()

    def _exit_when_idle(self) -> None:
        reactor = _reactor()
        if self.retiring and not self.crawls and reactor.running:
            reactor.stop()


def host_settings(config: AppConfig, **run: Any) -> Settings:
    """A crawl's settings (``crawlrun.crawl_settings``), in the host's reactor."""
    from scheduler.crawlrun import crawl_settings

    settings = crawl_settings(config, **run)
    settings.set("TWISTED_REACTOR", REACTOR, priority="cmdline")
    # Scrapy's log counter counts every record of the process into each crawl's stats.
    extensions = settings.getdict("EXTENSIONS")
    extensions.update({"scrapy.extensions.logcount.LogCount": None, RUN_LOG_COUNT: 0})
    settings.set("EXTENSIONS", extensions, priority="cmdline")
    return settings


def _reactor() -> Any:
    """The installed reactor (its interfaces type it too narrowly for ``run`` and ``stop``)."""
    from twisted.internet import reactor

    return reactor


def _read_commands(host: CrawlHost, stream: IO[bytes]) -> None:
    """The executor's lines, handed to the reactor; end of input retires the host."""
    reactor = _reactor()
    for line in stream:
        if line.strip():
            reactor.callFromThread(host.command, line)
    reactor.callFromThread(host.retire)


def main() -> None:
    """``python -m scheduler.crawlhost [CRAWLS]``: run crawls until retired (CRAWLS: at most
    this many at once, which sizes the reactor's thread pool)."""
    from scrapy.crawler import CrawlerRunner
    from scrapy.settings import Settings
    from scrapy.utils.log import configure_logging

    from scheduler.runcontext import install

    # stdout carries the protocol only: whatever else prints goes to stderr.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the daemon's Ctrl-C is the daemon's
    crawls = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    config = AppConfig.from_env()
    base = host_settings(config)
    install(base["ASYNCIO_EVENT_LOOP"])
    reactor = _reactor()

    reactor.suggestThreadPoolSize(crawls + SPARE_THREADS)
    configure_logging(Settings({"LOG_INSTALL_ROOT_HANDLER": False}))
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter(base.get("LOG_FORMAT"), base.get("LOG_DATEFORMAT")))
    stderr.setLevel(base.get("LOG_LEVEL"))
    router = RunLogRouter(stderr)
    logging.root.addHandler(router)
    logging.root.setLevel(base.get("LOG_LEVEL"))
    # Scrapy's defaults only: each crawl brings its own settings, which a runner's would mask.
    host = CrawlHost(config, CrawlerRunner(), router, out)

    def on_term(_signum: int, _frame: Any) -> None:
        reactor.callFromThread(host.stop_all)

    signal.signal(signal.SIGTERM, on_term)
    threading.Thread(
        target=_read_commands, args=(host, sys.stdin.buffer), name="commands", daemon=True
    ).start()
    logger.info("crawl host %s ready for up to %s crawls at once", os.getpid(), crawls)
    reactor.run(installSignalHandlers=False)
    sys.stderr.flush()
    logging.shutdown()
    # As a crawl's process does: tearing down the interpreter would only take time.
    os._exit(0)


if __name__ == "__main__":
    main()
