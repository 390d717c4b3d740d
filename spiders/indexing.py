"""Index queued page captures as articles, reading each page back from its WARC record.

The crawl marks every HTML page it archives ``index_pending`` (``spiders.runlifecycle``); this
loop takes them oldest first, decides whether each is an article (``spiders.detection``),
extracts it (``spiders.extraction``) and writes the article rows through an
:class:`~storage.indexwriter.IndexWriter`, which clears the flag in the same transaction.
Reading from the record, not from the crawl's memory, means the index holds exactly what the
WARC file holds, and a page that cannot be extracted now stays in the archive to retry later.

It runs in its own process (``spiders.articleindexer``), so it imports the extraction
libraries that the crawl process never needs.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import select

from spiders.anatomy import Anatomy
from spiders.articleindexer import IndexCounts, IndexerConfig
from spiders.decoding import decode_html
from spiders.detection import page_verdict, url_verdict
from spiders.extraction import (
    MAX_HTML_CHARS,
    ExtractionError,
    extract_article,
    parse_html,
    structured_from_tree,
    title_hints,
)
from spiders.siteconfig import host_in_domains
from storage.contentcoding import ContentDecodingError
from storage.db import Database
from storage.indexwriter import ArticleRow, IndexWriter
from storage.models import Capture, RecordType, WarcFile
from storage.recordaccess import CaptureReader, RecordUnavailableError

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

#: Captures read from the queue per query, and rows per index transaction.
BATCH = 100
#: How long an idle indexer waits before it looks at the queue again.
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class _Queued:
    id: int
    record_id: str
    url: str
    record_type: str
    offset: int
    length: int
    warc_url: str
    refers_to: str | None
    redirected_from: list[str] | None
    captured_at: datetime


def index_pending(
    config: IndexerConfig,
    finishing: Callable[[], bool],
    counts: IndexCounts,
    given_up: Callable[[], bool] = lambda: False,
) -> IndexCounts:
    """Index the site's queued captures until the queue is empty and ``finishing()`` is true,
    or until ``given_up()``: another indexer has taken over the queue.

    ``finishing`` must only turn true once the crawl has committed its last capture, so the
    pass that follows it sees every capture the crawl queued.
    """
    db = Database(config.db_url)
    reader = CaptureReader(db)
    after = 0
    try:
        with IndexWriter(db, batch_size=BATCH) as writer:
            while True:
                final = finishing()
                batch = _queued(db, config, after)
                for queued in batch:
                    if given_up():
                        return counts
                    _index_one(db, reader, writer, queued, config, counts)
                    after = queued.id
                if batch:
                    counts.changed()
                    continue
                writer.flush()
                counts.changed()
                if final:
                    return counts
                time.sleep(POLL_SECONDS)
    finally:
        db.dispose()


def _queued(db: Database, config: IndexerConfig, after: int) -> list[_Queued]:
    query = (
        select(
            Capture.id,
            Capture.record_id,
            Capture.url,
            Capture.record_type,
            Capture.offset,
            Capture.length,
            WarcFile.storage_url.label("warc_url"),
            Capture.refers_to_record_id.label("refers_to"),
            Capture.redirected_from,
            Capture.captured_at,
        )
        .join(WarcFile, WarcFile.id == Capture.warc_file_id)
        .where(Capture.index_pending, Capture.id > after, WarcFile.site == config.site)
        .order_by(Capture.id)
        .limit(BATCH)
    )
    if config.partitions > 1:
        query = query.where(Capture.id % config.partitions == config.partition)
    with db.session() as session:
        return [_Queued(**row._mapping) for row in session.execute(query)]


def _index_one(
    db: Database,
    reader: CaptureReader,
    writer: IndexWriter,
    queued: _Queued,
    config: IndexerConfig,
    counts: IndexCounts,
) -> None:
    counts.working_on(queued.id)
    started = time.process_time()
    error = None
    try:
        article = _article(db, reader, queued, config)
    except RecordUnavailableError as exc:
        # The store may be down or the file moving: the page stays queued for the next crawl.
        logger.warning("cannot read %s now, it stays queued: %s", queued.url, exc)
        counts.working_on(0)
        return
    except (ExtractionError, ContentDecodingError) as exc:
        article, error = None, str(exc)
    except Exception as exc:  # one hostile page must not stop the indexer
        logger.exception("extraction crashed on %s", queued.url)
        article, error = None, f"extraction failed: {type(exc).__name__}: {exc}"
    finally:
        counts.extraction_seconds += time.process_time() - started
    # The page is done: the commit the writer may make now is not its time.
    counts.working_on(0)
    if error is not None:
        logger.info("extraction failed for %s: %s", queued.url, error)
        counts.errors += 1
    elif article is not None:
        counts.articles += 1
    writer.indexed(queued.record_id, article=article, error=error)


def _article(
    db: Database, reader: CaptureReader, queued: _Queued, config: IndexerConfig
) -> ArticleRow | None:
    """The article the page holds, or None when it holds none."""
    verdict = url_verdict(queued.url, config.article_patterns)
    if verdict is not None and not verdict.is_article:
        return None  # the URL says so: the record need not even be read
    html, seen = _page_html(db, reader, queued)
    tree = structured = anatomy = None
    if verdict is None:
        # Read once for both questions: is it an article, and what does it say.
        try:
            tree = parse_html(html)
        except ExtractionError:
            return None  # an unusable page holds no article
        structured = structured_from_tree(tree, queued.url)
        anatomy = Anatomy(tree, queued.url, title_hints(tree, structured))
        if not page_verdict(queued.url, tree, structured, anatomy).is_article:
            return None
    fields = extract_article(
        queued.url, html, tree=tree, structured=structured, anatomy=anatomy, seen=seen
    )
    canonical_host = urlsplit(fields.canonical_url).hostname or ""
    return ArticleRow(
        canonical_url=fields.canonical_url,
        # A canonical elsewhere (a wire service, another site's article) is only recorded:
        # trusting it would let any page merge into, or claim, another site's article.
        canonical_in_site=host_in_domains(canonical_host, config.domains),
        site=config.site,
        title=fields.title,
        social_title=fields.social_title,
        authors=fields.authors,
        publisher=fields.publisher,
        published=fields.published,
        modified=fields.modified,
        language=fields.language,
        section=fields.section,
        description=fields.description,
        text=fields.text,
        word_count=fields.word_count,
        aliases=list(queued.redirected_from or ()),
    )


def _page_html(db: Database, reader: CaptureReader, queued: _Queued) -> tuple[str, datetime]:
    """The page as the reader got it, and when it was fetched; for a revisit, from the
    response it refers to (whose "3 hours ago" counts from its own fetch)."""
    warc_url, offset, length = queued.warc_url, queued.offset, queued.length
    seen = queued.captured_at
    if queued.record_type == RecordType.REVISIT:
        with db.session() as session:
            original = session.execute(
                select(WarcFile.storage_url, Capture.offset, Capture.length, Capture.captured_at)
                .join(WarcFile, WarcFile.id == Capture.warc_file_id)
                .where(Capture.record_id == queued.refers_to)
            ).first()
        if original is None:
            raise RecordUnavailableError(f"revisit of {queued.url} refers to an unknown record")
        warc_url, offset, length, seen = original
    record = reader.read(warc_url, offset, length)
    # A compression bomb is cut off at the size no page may exceed, not inflated.
    body = record.decoded_body(max_size=MAX_HTML_CHARS)
    return decode_html(body, record.http_header("content-type")), seen
