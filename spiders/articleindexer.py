"""The article indexer processes of one crawl: started with it, waited for at its end.

Detecting and extracting an article (lxml, extruct, trafilatura) costs more CPU than fetching
the page, so none of it runs on the crawl's event loop: ``NEWSARCHIVER_EXTRACTION_WORKERS``
processes (1 by default, on the machine's other core) index the pages the crawl queues
(``spiders.indexing``), while the crawl goes on fetching. At the end the crawl tells them it
has committed its last capture and waits until they have indexed everything, so a finished
crawl's articles are searchable. With 0 workers the crawl indexes its pages itself after
fetching, in a thread.

The queue is the database, so nothing here grows with the crawl, and an indexer that dies
(killed, out of memory) loses no page: its captures stay queued for the site's next crawl.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctypes import Array, c_byte, c_double
    from multiprocessing.context import SpawnProcess

    from spiders.siteconfig import Site

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexerConfig:
    """What an indexer process needs: plain values, so it pickles into a spawned process.

    With ``partitions`` > 1, each process takes the captures whose id modulo ``partitions``
    is its ``partition``.
    """

    db_url: str
    site: str
    article_patterns: Sequence[str] = ()
    partition: int = 0
    partitions: int = 1


@dataclass
class IndexCounts:
    """What one indexer did; ``on_change`` lets a parent process follow along."""

    articles: int = 0
    errors: int = 0
    extraction_seconds: float = 0.0
    on_change: Callable[[IndexCounts], None] | None = field(default=None, repr=False)

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self)


class ArticleIndexer:
    """Start, follow and finish the indexer processes of one crawl of ``site``."""

    def __init__(self, db_url: str, site: Site, workers: int) -> None:
        if workers < 0:
            raise ValueError(
                f"NEWSARCHIVER_EXTRACTION_WORKERS must be 0 (in the crawl) or more, got {workers}"
            )
        self.configs = [
            IndexerConfig(db_url, site.slug, tuple(site.article_patterns), n, max(workers, 1))
            for n in range(max(workers, 1))
        ]
        self.workers = workers
        self._context = multiprocessing.get_context("spawn")  # the crawl process has threads
        # Plain shared memory, no locks: one process writes each value, and a crawl may end its
        # process without the cleanup that named semaphores would need.
        self._done = self._context.RawValue("b", 0)
        # Per worker: articles, extraction errors, extraction CPU seconds.
        self._counts = [self._context.RawArray("d", 3) for _ in self.configs]
        self._processes: list[SpawnProcess] = []

    def start(self) -> None:
        """Start the worker processes; with 0 workers there is nothing to start."""
        if self.workers == 0:
            return
        for config, shared in zip(self.configs, self._counts, strict=True):
            process = self._context.Process(
                target=_work,
                args=(config, self._done, shared),
                name=f"newsarchiver-indexer-{config.partition}",
                daemon=True,
            )
            process.start()
            self._processes.append(process)

    def finish(self) -> None:
        """Index what is still queued, then return; blocking, so call it from a thread.

        Call it once the crawl has committed its last capture.
        """
        if self.workers == 0:
            _work(self.configs[0], None, self._counts[0])
            return
        self._done.value = 1
        for process in self._processes:
            process.join()
            if process.exitcode != 0:
                logger.warning(
                    "article indexer %s exited with status %s; its pages stay queued for the "
                    "next crawl of the site",
                    process.name,
                    process.exitcode,
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


def _work(config: IndexerConfig, done: c_byte | None, shared: Array[c_double]) -> None:
    """An indexer's life: in its own process, or in the crawl's thread when ``done`` is None."""
    if done is not None:
        _exit_with_parent()

    def publish(counts: IndexCounts) -> None:
        shared[:] = [counts.articles, counts.errors, counts.extraction_seconds]

    # Imported here, in the worker: the crawl process never loads the extraction libraries.
    from spiders.indexing import index_pending

    finishing = (lambda: bool(done.value)) if done is not None else (lambda: True)
    index_pending(config, finishing, IndexCounts(on_change=publish))


def _exit_with_parent() -> None:
    """A worker whose crawl was killed (``kill -9``) exits instead of running on its own."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
