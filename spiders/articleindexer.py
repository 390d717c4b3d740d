"""The article indexer of one crawl: what indexes the pages it queues, waited for at its end.

Nothing of detecting and extracting an article (lxml, extruct, trafilatura) runs on the
crawl's event loop. By default (``NEWSARCHIVER_EXTRACTION_WORKERS=0``) the crawl indexes the
pages it queued (``spiders.indexing``) in a thread once it has fetched them, so one crawl uses
one core and a machine runs as many crawls at once as it has cores, each at full speed. With
N > 0, N indexer processes index the queue while the crawl goes on fetching: a lone crawl on
an idle machine then finishes sooner, on more cores. Either way the crawl waits until every
page is indexed, so a finished crawl's articles are searchable, and an indexer that finishes
no page for ``NEWSARCHIVER_INDEXER_STALL_SECONDS`` is given up, its page marked failed, and a
fresh indexer process takes the rest of the queue (up to ``MAX_RESTARTS`` times a crawl), so
one hostile page cannot leave the site's other pages unindexed.

The queue is the database, so nothing here grows with the crawl, and an indexer that dies
(killed, out of memory) loses no page: its captures stay queued for the site's next crawl.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import update

from storage.db import Database
from storage.models import Capture

if TYPE_CHECKING:
    from ctypes import Array, c_byte, c_double
    from multiprocessing.context import SpawnProcess

    from spiders.siteconfig import Site

logger = logging.getLogger(__name__)

#: Fresh indexers started in one crawl after one was given up on a page.
MAX_RESTARTS = 3
#: Time a fresh indexer process has to import its libraries before the stall clock runs.
RESTART_STARTUP_SECONDS = 30.0


@dataclass(frozen=True)
class _Stall:
    """An indexer that finished no page in time: what to report, and the page given up."""

    problem: str
    capture: int  # 0 when it stalled between pages


@dataclass(frozen=True)
class IndexerConfig:
    """What an indexer process needs: plain values, so it pickles into a spawned process.

    With ``partitions`` > 1, each process takes the captures whose id modulo ``partitions``
    is its ``partition``. ``domains`` are the site's own (``Site.domains``): only a canonical
    within them merges a page into another URL's article.
    """

    db_url: str
    site: str
    article_patterns: Sequence[str] = ()
    partition: int = 0
    partitions: int = 1
    domains: Sequence[str] = ()


@dataclass
class IndexCounts:
    """What one indexer did; ``on_change`` lets a parent process follow along."""

    articles: int = 0
    errors: int = 0
    extraction_seconds: float = 0.0
    pages: int = 0  # pages finished, articles or not
    current: int = 0  # id of the capture being indexed, 0 between pages
    on_change: Callable[[IndexCounts], None] | None = field(default=None, repr=False)

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self)

    def working_on(self, capture_id: int) -> None:
        """Say which capture is being indexed (0: none), so a stall can be told from work."""
        if capture_id == 0:
            self.pages += 1
        self.current = capture_id
        self.changed()


class ArticleIndexer:
    """Start, follow and finish the indexer processes of one crawl of ``site``."""

    def __init__(
        self, db_url: str, site: Site, workers: int, *, stall_seconds: float = 60.0
    ) -> None:
        if workers < 0:
            raise ValueError(
                f"NEWSARCHIVER_EXTRACTION_WORKERS must be 0 (in the crawl) or more, got {workers}"
            )
        self.configs = [
            IndexerConfig(
                db_url,
                site.slug,
                tuple(site.article_patterns),
                n,
                max(workers, 1),
                domains=tuple(site.domains),
            )
            for n in range(max(workers, 1))
        ]
        self.workers = workers
        self.stall_seconds = stall_seconds
        self._context = multiprocessing.get_context("spawn")  # the crawl process has threads
        # Plain shared memory, no locks: one process writes each value, and a crawl may end its
        # process without the cleanup that named semaphores would need.
        self._done = self._context.RawValue("b", 0)
        # Per indexer ever started (replaced ones too, for the totals): articles, errors,
        # extraction CPU seconds, pages done, current capture id.
        self._counts: list[Array[c_double]] = []
        self._processes: list[tuple[SpawnProcess, Array[c_double]]] = []
        #: Pages given up on because their indexer finished nothing in time.
        self.given_up = 0

    def start(self) -> None:
        """Start the worker processes; with 0 workers there is nothing to start."""
        if self.workers == 0:
            return
        self._processes = [self._start_process(config) for config in self.configs]

    def _new_counts(self) -> Array[c_double]:
        shared = self._context.RawArray("d", 5)
        self._counts.append(shared)
        return shared

    def _start_process(self, config: IndexerConfig) -> tuple[SpawnProcess, Array[c_double]]:
        shared = self._new_counts()
        process = self._context.Process(
            target=_work,
            args=(config, self._done, shared),
            name=f"newsarchiver-indexer-{config.partition}",
            daemon=True,
        )
        process.start()
        return process, shared

    def finish(self) -> list[str]:
        """Index what is still queued, then return what went wrong (one line each).

        Blocking, so call it from a thread, once the crawl has committed its last capture.
        """
        problems = self._finish_in_thread() if self.workers == 0 else self._finish_processes()
        for problem in problems:
            logger.warning("%s", problem)
        return problems

    def _finish_processes(self) -> list[str]:
        self._done.value = 1
        problems = []
        for (process, shared), config in zip(self._processes, self.configs, strict=True):
            problems += self._follow(config, process, shared, MAX_RESTARTS)
        return problems

    def _follow(
        self,
        config: IndexerConfig,
        process: SpawnProcess,
        shared: Array[c_double],
        restarts: int,
        startup: float = 0.0,
    ) -> list[str]:
        """Wait for an indexer process; when it is given up on a page, a fresh one takes the
        rest of its queue, ``restarts`` times at most."""
        problems = []
        while True:
            stop = functools.partial(_kill, process)
            stall = self._wait(process.name, process.join, process.is_alive, stop, shared, startup)
            if stall is None:
                if process.exitcode != 0:
                    problems.append(
                        f"article indexer {process.name} exited with status {process.exitcode}; "
                        "its pages stay queued for the next crawl of the site"
                    )
                return problems
            problems.append(stall.problem)
            if not stall.capture or restarts == 0:
                return problems
            restarts -= 1
            process, shared = self._start_process(config)
            startup = RESTART_STARTUP_SECONDS

    def _finish_in_thread(self) -> list[str]:
        """The crawl's own indexer: a thread, watched for stalls like a process.

        A thread cannot be stopped: a stalled one is told to take no further page and left
        behind (the crawl process ends soon after), and the page it was on is marked failed
        all the same. As it may go on holding the interpreter's lock for as long as the page
        lasts, the rest of the queue goes to a fresh indexer process.
        """
        name = "newsarchiver-indexer"
        crashed: list[BaseException] = []
        given_up = threading.Event()
        shared = self._new_counts()
        # In this crawl's context, so that a crawl host files its records in this run's log.
        thread = threading.Thread(
            target=contextvars.copy_context().run,
            args=(_work_in_thread, self.configs[0], shared, given_up, crashed),
            name=name,
            daemon=True,
        )
        thread.start()
        stall = self._wait(name, thread.join, thread.is_alive, given_up.set, shared)
        if stall is None:
            if not crashed:
                return []
            return [
                f"article indexer {name} failed: {type(crashed[0]).__name__}: {crashed[0]}; "
                "its pages stay queued for the next crawl of the site"
            ]
        if not stall.capture:
            return [stall.problem]
        self._done.value = 1
        process, shared = self._start_process(self.configs[0])
        rest = self._follow(
            self.configs[0], process, shared, MAX_RESTARTS - 1, RESTART_STARTUP_SECONDS
        )
        return [stall.problem, *rest]

    def _wait(
        self,
        name: str,
        join: Callable[[float], None],
        alive: Callable[[], bool],
        stop: Callable[[], None],
        shared: Array[c_double],
        startup: float = 0.0,
    ) -> _Stall | None:
        """Wait for an indexer to end; once it has finished no page for ``stall_seconds``,
        give up on it and say so. ``startup`` more seconds are allowed until it has finished a
        page, and between pages: a process started now imports its libraries first (some on
        its first page), and takes time to exit.

        A page that hangs the extraction libraries must not hold its crawl, nor every later
        crawl of the site: it is marked failed and leaves the queue.
        """
        progress = (shared[3], shared[4])
        since = time.monotonic()
        while True:
            join(min(1.0, self.stall_seconds))
            if not alive():
                return None
            if (shared[3], shared[4]) != progress:
                progress, since = (shared[3], shared[4]), time.monotonic()
            elif time.monotonic() - since >= self.stall_seconds + (
                startup if not progress[0] or not progress[1] else 0.0
            ):
                break
        stop()
        stuck = int(shared[4])
        reason = f"extraction did not finish within {self.stall_seconds:g} s"
        if stuck:
            _give_up(self.configs[0].db_url, stuck, reason)
            self.given_up += 1
        return _Stall(
            f"article indexer {name} finished no page for {self.stall_seconds:g} s "
            "and was stopped" + (f" on capture {stuck}: {reason}" if stuck else ""),
            stuck,
        )

    @property
    def articles(self) -> int:
        return int(sum(shared[0] for shared in self._counts))

    @property
    def errors(self) -> int:
        return int(sum(shared[1] for shared in self._counts))

    @property
    def extraction_seconds(self) -> float:
        return sum(shared[2] for shared in self._counts)


def _work(
    config: IndexerConfig,
    done: c_byte | None,
    shared: Array[c_double],
    given_up: Callable[[], bool] = lambda: False,
) -> None:
    """An indexer's life: in its own process, or in the crawl's thread when ``done`` is None
    (a thread ends once ``given_up()``, as a process would be killed)."""
    if done is not None:
        _exit_with_parent()

    def publish(counts: IndexCounts) -> None:
        shared[:] = [
            counts.articles,
            counts.errors,
            counts.extraction_seconds,
            counts.pages,
            counts.current,
        ]

    # Imported here, in the worker: the crawl process never loads the extraction libraries.
    from spiders.indexing import index_pending

    finishing = (lambda: bool(done.value)) if done is not None else (lambda: True)
    index_pending(config, finishing, IndexCounts(on_change=publish), given_up)


def _work_in_thread(
    config: IndexerConfig,
    shared: Array[c_double],
    given_up: threading.Event,
    crashed: list[BaseException],
) -> None:
    try:
        _work(config, None, shared, given_up.is_set)
    except Exception as exc:  # noqa: BLE001 - reported by finish, as a process's exit is
        crashed.append(exc)


def _kill(process: SpawnProcess) -> None:
    process.kill()
    process.join()


def _give_up(db_url: str, capture_id: int, reason: str) -> None:
    """Take a capture off the queue, failed: it stays in its WARC file to retry by hand."""
    db = Database(db_url)
    try:
        with db.session(write=True) as session:
            session.execute(
                update(Capture)
                .where(Capture.id == capture_id)
                .values(index_pending=False, extraction_error=reason)
            )
    finally:
        db.dispose()


def _exit_with_parent() -> None:
    """A worker whose crawl was killed (``kill -9``) exits instead of running on its own."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
