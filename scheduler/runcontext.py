"""Which run a crawl host's work belongs to, carried through one reactor shared by many crawls.

A crawl host (``scheduler.crawlhost``) files each log record in the log of the run it belongs
to. Scrapy's own records name their spider; the rest (our components, storage, uploads) are
told apart by :data:`CURRENT_RUN`, a context variable the host sets when it starts a run.

asyncio runs every callback, task and socket handler in the context it was scheduled from, but
Twisted's reactor keeps delayed calls in a heap of its own, run from one timer in whichever
context last set it, and its thread pool runs work in bare threads. Either would hand one
crawl's work (a heartbeat, an upload's result) the context of another. :class:`ContextReactor`
is Twisted's asyncio reactor with both fixed: a delayed call runs in the context it was
scheduled from, and a thread's work and its result in the context that asked for it.

The host's crawls name it in their ``TWISTED_REACTOR`` setting, and count their log records
with :class:`RunLogCount` (Scrapy's ``LogCount`` counts every record of the process).
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy.extensions.logcount import LogCount
from twisted.internet.asyncioreactor import AsyncioSelectorReactor
from twisted.python.threadpool import ThreadPool

if TYPE_CHECKING:
    from scrapy import Spider

#: The run whose work is running now (None: the host's own).
CURRENT_RUN: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "newsarchiver_run", default=None
)
#: ``TWISTED_REACTOR`` of the crawls a host runs.
REACTOR = "scheduler.runcontext.ContextReactor"
#: The extension that counts a hosted crawl's log records, in place of Scrapy's ``LogCount``.
RUN_LOG_COUNT = "scheduler.runcontext.RunLogCount"


def run_of(record: logging.LogRecord) -> int | None:
    """The run a log record belongs to: the one its crawler runs, else the current one."""
    spider = getattr(record, "spider", None)
    crawler = getattr(spider, "crawler", None) or getattr(record, "crawler", None)
    settings = getattr(crawler, "settings", None)
    if settings is not None and settings.get("NEWSARCHIVER_RUN_ID") is not None:
        return int(settings.getint("NEWSARCHIVER_RUN_ID"))
    return CURRENT_RUN.get()


class RunLogCount(LogCount):
    """Scrapy's ``log_count/{level}`` stats, of this crawl's records only."""

    def spider_opened(self, spider: Spider) -> None:
        super().spider_opened(spider)
        run_id = self.crawler.settings.getint("NEWSARCHIVER_RUN_ID")
        if self.handler is not None:
            self.handler.addFilter(lambda record: run_of(record) == run_id)


class ContextThreadPool(ThreadPool):
    """Work and its result run in the context of whoever asked for it."""

    def callInThreadWithCallback(
        self,
        onResult: Callable[[bool, Any], object] | None,
        func: Callable[..., Any],
        *args: Any,
        **kw: Any,
    ) -> None:
        # One copy, entered twice in turn by the same worker thread: for the work, then for
        # the result (which hands it to the reactor, scheduled in this same context).
        context = contextvars.copy_context()

        def result(ok: bool, value: Any) -> None:
            if onResult is not None:
                context.run(onResult, ok, value)

        super().callInThreadWithCallback(result, context.run, func, *args, **kw)


class ContextReactor(AsyncioSelectorReactor):
    """Twisted's asyncio reactor, keeping each delayed call's and thread's context."""

    def callLater(self, delay: float, callable: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        context = contextvars.copy_context()
        return super().callLater(delay, context.run, callable, *args, **kw)

    def _initThreadPool(self) -> None:
        self.threadpool = ContextThreadPool(0, 10, "twisted.internet.reactor")
        self._threadpoolStartupID = self.callWhenRunning(self.threadpool.start)
        self.threadpoolShutdownID = self.addSystemEventTrigger(
            "during", "shutdown", self._stopThreadPool
        )


def install(event_loop_path: str | None = None) -> None:
    """Install :class:`ContextReactor` over the asyncio event loop Scrapy would use."""
    from scrapy.utils.reactor import set_asyncio_event_loop
    from twisted.internet.main import installReactor

    installReactor(ContextReactor(set_asyncio_event_loop(event_loop_path)))
