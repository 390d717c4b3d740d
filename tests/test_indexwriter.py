"""IndexWriter: batched commits after the WARC fsync, article upserts, aliases, versions."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from storage.db import Database
from storage.indexwriter import ArticleRow, CaptureRow, IndexWriter, text_sha256
from storage.models import Article, ArticleVersion, Capture, RecordType, WarcFile, WarcStatus
from storage.search import get_article, search_articles
from storage.warcwriter import RefersTo

T0 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
WARC = "example-20240301080000000-00000-host.warc.gz"


def capture(n: int, url: str | None = None, **changes: object) -> CaptureRow:
    values: dict[str, object] = {
        "run_id": None,
        "warc_name": WARC,
        "url": url or f"https://example.com/news/{n}",
        "status": 200,
        "mime": "text/html",
        "captured_at": T0 + timedelta(minutes=n),
        "record_id": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
        "record_type": RecordType.RESPONSE,
        "payload_digest": f"sha1:DIGEST{n}",
        "offset": 1000 * n,
        "length": 900,
    }
    values.update(changes)
    return CaptureRow(**values)  # type: ignore[arg-type]


def article(url: str, text: str, **changes: object) -> ArticleRow:
    values: dict[str, object] = {
        "canonical_url": url,
        "site": "example",
        "title": "Harbour bridge reopens",
        "authors": ["Ada Reporter"],
        "published": T0 - timedelta(hours=1),
        "modified": None,
        "language": "en",
        "section": "City",
        "description": "The bridge is open again.",
        "text": text,
        "word_count": len(text.split()),
        "aliases": [],
        "canonical_in_site": True,  # the crawl trusts a canonical on the site's own domains
    }
    values.update(changes)
    return ArticleRow(**values)  # type: ignore[arg-type]


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def writer(db: Database) -> IndexWriter:
    writer = IndexWriter(db, batch_size=1000, flush_interval=3600)
    writer.register_warc_file(WARC, "example", None, f"/spool/{WARC}.open", f"file:///a/{WARC}")
    return writer


def test_batches_commit_after_before_commit(db: Database) -> None:
    events: list[str] = []

    def fsync() -> None:
        events.append(f"fsync with {count(db, Capture)} rows committed")

    writer = IndexWriter(db, batch_size=3, flush_interval=3600, before_commit=fsync)
    writer.register_warc_file(WARC, "example", None, "/spool/x.open", f"file:///a/{WARC}")
    writer.add_capture(capture(1))
    writer.add_capture(capture(2))
    assert count(db, Capture) == 0 and events == []  # buffered
    writer.add_capture(capture(3))  # the batch is full
    assert events == ["fsync with 0 rows committed"]  # fsync first, then the commit
    assert count(db, Capture) == 3
    writer.add_capture(capture(4))
    assert count(db, Capture) == 3
    writer.close()
    assert events == ["fsync with 0 rows committed", "fsync with 3 rows committed"]
    assert count(db, Capture) == 4
    with pytest.raises(RuntimeError, match="closed"):
        writer.add_capture(capture(5))


def test_a_failed_fsync_commits_nothing_and_keeps_the_rows(db: Database) -> None:
    healthy = False

    def fsync() -> None:
        if not healthy:
            raise OSError("disk full")

    writer = IndexWriter(db, before_commit=fsync)
    writer.register_warc_file(WARC, "example", None, "/spool/x.open", f"file:///a/{WARC}")
    writer.add_capture(capture(1))
    with pytest.raises(OSError, match="disk full"):
        writer.flush()
    assert count(db, Capture) == 0
    healthy = True
    writer.flush()
    assert count(db, Capture) == 1


def test_flush_interval_flushes_on_the_next_row(db: Database) -> None:
    writer = IndexWriter(db, batch_size=1000, flush_interval=0)
    writer.register_warc_file(WARC, "example", None, "/spool/x.open", f"file:///a/{WARC}")
    writer.add_capture(capture(1))
    assert count(db, Capture) == 1


def test_warc_file_ledger(db: Database, writer: IndexWriter) -> None:
    writer.warc_closed(WARC, size=12345, sha256="ab" * 32, records=7)
    with db.session() as session:
        row = session.scalars(select(WarcFile)).one()
        assert (row.status, row.size, row.records) == (WarcStatus.CLOSED, 12345, 7)
        assert row.closed_at is not None and row.stored_at is None
    with pytest.raises(ValueError, match="unknown WARC file 'nope'"):
        writer.warc_closed("nope", 1, "00" * 32, 1)


def test_rows_must_name_registered_files_and_added_captures(
    db: Database, writer: IndexWriter
) -> None:
    with pytest.raises(ValueError, match=r"unregistered WARC file 'other\.warc\.gz'"):
        writer.add_capture(capture(1, warc_name="other.warc.gz"))
    writer.indexed("<urn:uuid:missing>", article("https://example.com/a", "text"))
    with pytest.raises(ValueError, match="unknown capture"):
        writer.flush()
    # A file registered by another writer (another process) is found in the database.
    second = IndexWriter(db)
    second.add_capture(capture(2))
    second.close()
    assert count(db, Capture) == 1


def test_article_upsert_by_canonical_url_with_aliases(db: Database, writer: IndexWriter) -> None:
    canonical = "https://example.com/news/bridge"
    redirect = "https://example.com/?p=42"
    writer.add_capture(capture(1, url=redirect, status=301))
    writer.add_capture(capture(2, url=canonical + "?utm_source=feed"))
    writer.indexed(
        capture(2).record_id, article(canonical, "The harbour bridge reopened.", aliases=[redirect])
    )
    writer.add_capture(capture(3, url=canonical))
    writer.indexed(capture(3).record_id, article(canonical, "The harbour bridge reopened."))
    writer.close()

    assert count(db, Article) == 1
    for url in (canonical, redirect, canonical + "?utm_source=feed"):
        found = get_article(db, url)
        assert found is not None and found.url == canonical
    assert found is not None
    assert found.aliases == [redirect, canonical + "?utm_source=feed"]  # sorted
    assert [c.record_id for c in found.captures] == [capture(3).record_id, capture(2).record_id]
    assert found.first_captured_at == capture(2).captured_at
    assert found.last_captured_at == capture(3).captured_at
    assert [hit.url for hit in search_articles(db, "harbour")] == [canonical]


def test_an_untrusted_canonical_is_recorded_and_merges_nothing(
    db: Database, writer: IndexWriter
) -> None:
    """A page whose canonical lies outside its site's domains (a wire service, or another
    site's article it wants to pass for) is filed under the URL it was captured at."""
    wire = "https://wire.example/2024/ferries"
    victim = "https://example.com/news/bridge"
    writer.add_capture(capture(1, url=victim))
    writer.indexed(capture(1).record_id, article(victim, "The bridge reopened."))
    writer.add_capture(capture(2, url="https://example.com/news/ferries"))
    writer.indexed(
        capture(2).record_id, article(wire, "Ferries are back.", canonical_in_site=False)
    )
    writer.register_warc_file("evil.warc.gz", "evil", None, "/spool/e.open", "file:///e")
    forged = capture(3, url="https://evil.example/forged", warc_name="evil.warc.gz")
    writer.add_capture(forged)
    writer.indexed(
        forged.record_id,
        article(victim, "FORGED.", site="evil", title="Forged", canonical_in_site=False),
    )
    writer.close()

    kept = get_article(db, victim)
    assert kept is not None
    assert (kept.site, kept.title, kept.text, kept.current_version) == (
        "example", "Harbour bridge reopens", "The bridge reopened.", 1
    )  # fmt: skip
    assert [c.record_id for c in kept.captures] == [capture(1).record_id]
    ferries = get_article(db, "https://example.com/news/ferries")
    assert ferries is not None and (ferries.canonical_url, ferries.aliases) == (wire, [])
    assert get_article(db, wire) is None
    fake = get_article(db, "https://evil.example/forged")
    assert fake is not None and (fake.site, fake.canonical_url) == ("evil", victim)
    assert count(db, Article) == 3


def test_two_sites_capturing_one_url_each_have_their_article(
    db: Database, writer: IndexWriter
) -> None:
    url = "https://example.com/news/shared"
    writer.register_warc_file("front.warc.gz", "front", None, "/spool/f.open", "file:///f")
    writer.add_capture(capture(1, url=url))
    writer.indexed(capture(1).record_id, article(url, "Shared story."))
    writer.add_capture(capture(2, url=url, warc_name="front.warc.gz"))
    writer.indexed(capture(2).record_id, article(url, "Shared story.", site="front"))
    writer.close()

    assert [hit.site for hit in search_articles(db, None, site="front")] == ["front"]
    assert [hit.site for hit in search_articles(db, None, site="example")] == ["example"]
    newest = get_article(db, url)
    assert newest is not None and (newest.site, newest.other_sites) == ("front", ["example"])
    older = get_article(db, url, site="example")
    assert older is not None
    assert [c.record_id for c in older.captures] == [capture(1).record_id]
    assert writer.last_capture_times([url], "front") == {url: capture(2).captured_at}
    assert writer.last_capture_times([url], "example") == {url: capture(1).captured_at}


def test_versions_are_added_only_when_the_text_changes(db: Database, writer: IndexWriter) -> None:
    url = "https://example.com/news/election"
    texts = [
        "Polls open at eight.",
        "Polls open at eight.",
        "Turnout reached sixty percent by noon.",
        "Turnout reached sixty percent by noon.",
    ]
    for n, text in enumerate(texts, start=1):
        writer.add_capture(capture(n, url=url))
        # A page that lost its headline is no new version: a missing field is no change.
        title = None if n == 4 else "Election day"
        writer.indexed(capture(n).record_id, article(url, text, title=title))
    writer.close()

    found = get_article(db, url)
    assert found is not None
    assert [(v.version, v.text) for v in found.versions] == [
        (1, "Polls open at eight."),
        (2, "Turnout reached sixty percent by noon."),
    ]
    assert found.versions[1].text_sha256 == text_sha256(texts[2])
    assert found.versions[1].captured_at == capture(3).captured_at
    assert found.current_version == 2
    assert found.text == texts[2]
    assert len(found.captures) == 4
    # The full-text index follows the current text.
    assert [h.url for h in search_articles(db, "turnout")] == [url]
    assert search_articles(db, "polls") == []


def test_a_changed_headline_or_byline_is_a_version(db: Database, writer: IndexWriter) -> None:
    url = "https://example.com/news/mayor"
    text = "The mayor resigned on Friday."
    pages = [
        {"title": "Mayor resigns", "authors": ["Ada Reporter"]},
        {"title": "Mayor resigns after audit", "authors": ["Ada Reporter"]},
        {"title": "Mayor resigns after audit", "authors": ["Ada Reporter", "Ben Editor"]},
        {"title": "Mayor resigns after audit", "authors": []},  # no byline: no change
    ]
    for n, page in enumerate(pages, start=1):
        writer.add_capture(capture(n, url=url))
        writer.indexed(capture(n).record_id, article(url, text, **page))
    writer.close()

    found = get_article(db, url)
    assert found is not None
    assert [(v.version, v.title, v.authors) for v in found.versions] == [
        (1, "Mayor resigns", ["Ada Reporter"]),
        (2, "Mayor resigns after audit", ["Ada Reporter"]),
        (3, "Mayor resigns after audit", ["Ada Reporter", "Ben Editor"]),
    ]
    assert found.title == "Mayor resigns after audit"
    assert found.authors == ["Ada Reporter", "Ben Editor"]


def test_a_late_older_capture_does_not_replace_the_current_text(
    db: Database, writer: IndexWriter
) -> None:
    url = "https://example.com/news/late"
    writer.add_capture(capture(5, url=url))
    writer.indexed(capture(5).record_id, article(url, "Newer text."))
    writer.add_capture(capture(1, url=url))
    writer.indexed(capture(1).record_id, article(url, "Older text."))
    writer.close()
    found = get_article(db, url)
    assert found is not None
    assert (found.text, found.current_version) == ("Newer text.", 1)
    assert found.first_captured_at == capture(1).captured_at
    assert found.last_captured_at == capture(5).captured_at


def test_missing_fields_in_a_later_capture_keep_what_was_known(
    db: Database, writer: IndexWriter
) -> None:
    url = "https://example.com/news/byline"
    writer.add_capture(capture(1, url=url))
    writer.indexed(capture(1).record_id, article(url, "Text."))
    writer.add_capture(capture(2, url=url))
    writer.indexed(
        capture(2).record_id, article(url, "Text.", authors=[], published=None, section="World")
    )
    writer.close()
    found = get_article(db, url)
    assert found is not None
    assert found.authors == ["Ada Reporter"]
    assert found.published == T0 - timedelta(hours=1)
    assert found.section == "World"


def test_published_is_shown_in_the_offset_the_page_gave(db: Database, writer: IndexWriter) -> None:
    url = "https://example.com/news/offset"
    berlin = timezone(timedelta(hours=2))
    published = datetime(2024, 5, 17, 0, 30, tzinfo=berlin)  # the 16th in UTC
    writer.add_capture(capture(1, url=url))
    writer.indexed(
        capture(1).record_id,
        article(url, "Text.", published=published, social_title="Bridge", publisher="Example News"),
    )
    writer.add_capture(capture(2, url=url))
    writer.indexed(capture(2).record_id, article(url, "Text.", published=None))
    writer.close()
    with db.session() as session:
        stored = session.scalars(select(Article).where(Article.url == url)).one()
        assert (stored.published, stored.published_offset) == (published, 120)
    found = get_article(db, url)
    assert found is not None
    assert found.published == published and found.published.utcoffset() == timedelta(hours=2)
    assert found.published.date().isoformat() == "2024-05-17"
    assert (found.social_title, found.publisher) == ("Bridge", "Example News")
    [hit] = [hit for hit in search_articles(db, None, limit=50) if hit.url == url]
    assert hit.published is not None and hit.published.isoformat() == published.isoformat()


def test_capture_error_is_recorded(db: Database, writer: IndexWriter) -> None:
    writer.add_capture(capture(1))
    writer.flush()
    writer.add_capture(capture(2))
    writer.indexed(capture(1).record_id, error="no article text found")
    writer.indexed(capture(2).record_id, error="not HTML")
    writer.close()
    with db.session() as session:
        errors = session.execute(select(Capture.url, Capture.extraction_error).order_by(Capture.id))
        assert errors.all() == [
            (capture(1).url, "no article text found"),
            (capture(2).url, "not HTML"),
        ]


def test_lookup_digest_finds_responses_only(db: Database, writer: IndexWriter) -> None:
    moment = datetime(2024, 3, 1, 8, 0, 0, 123456, tzinfo=UTC)
    writer.add_capture(capture(1, payload_digest="sha1:SAME", captured_at=moment))
    expected = RefersTo(capture(1).record_id, capture(1).url, "2024-03-01T08:00:00.123456Z")
    assert writer.lookup_digest("sha1:SAME", "example") == expected  # from the buffer
    writer.flush()
    assert writer.lookup_digest("sha1:SAME", "example") == expected  # from the database
    writer.add_capture(
        capture(
            2,
            payload_digest="sha1:SAME",
            record_type=RecordType.REVISIT,
            refers_to_record_id=capture(1).record_id,
        )
    )
    writer.flush()
    assert writer.lookup_digest("sha1:SAME", "example") == expected  # never the revisit
    writer.add_capture(capture(3, payload_digest="sha1:SAME"))
    newest = writer.lookup_digest("sha1:SAME", "example")
    assert newest is not None and newest.record_id == capture(3).record_id  # newest response
    assert writer.lookup_digest("sha1:UNKNOWN", "example") is None


def test_last_capture_times_by_canonical_url_and_alias(db: Database, writer: IndexWriter) -> None:
    url = "https://example.com/news/times"
    writer.add_capture(capture(1, url=url + "?amp=1"))
    writer.indexed(capture(1).record_id, article(url, "One."))
    writer.add_capture(capture(4, url=url))
    writer.indexed(capture(4).record_id, article(url, "One."))
    writer.add_capture(capture(5, url="https://example.com/section/"))  # not an article
    writer.flush()
    times = writer.last_capture_times(
        [url, url + "?amp=1", "https://example.com/section/", "https://example.com/new"], "example"
    )
    assert times == {url: capture(4).captured_at, url + "?amp=1": capture(4).captured_at}
    many = [f"https://example.com/unknown/{i}" for i in range(1200)] + [url]
    assert writer.last_capture_times(many, "example") == {url: capture(4).captured_at}
    assert writer.last_capture_times([url], "other-site") == {}  # each site decides alone


def test_versions_table_holds_one_row_per_distinct_text(db: Database, writer: IndexWriter) -> None:
    for n in range(1, 4):
        url = f"https://example.com/news/{n}"
        writer.add_capture(capture(n, url=url))
        writer.indexed(capture(n).record_id, article(url, f"Story {n}."))
    writer.close()
    assert count(db, ArticleVersion) == 3
    assert count(db, Article) == 3


def _flush_together(writers: list[IndexWriter]) -> list[DBAPIError]:
    """Flush every writer from its own thread, all starting at once; what they raised."""
    barrier = threading.Barrier(len(writers))
    failures: list[DBAPIError] = []

    def flush(writer: IndexWriter) -> None:
        barrier.wait()
        try:
            writer.flush()
        except DBAPIError as exc:  # a deadlock, reported by the caller's assertion
            failures.append(exc)

    threads = [threading.Thread(target=flush, args=(writer,)) for writer in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return failures


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_writers_upserting_the_same_articles_at_once_never_deadlock(db: Database) -> None:
    """Two indexers of one site (two extraction processes, or a crawl and a late one) meet the
    same articles and commit them at the same moment, each batch in its own order. PostgreSQL
    would abort one of two writers that lock the same rows in opposite orders; neither may
    fail, and neither may file an article twice."""
    urls = [f"https://example.com/story/{n}" for n in range(40)]
    writers = []
    for number, order in enumerate((urls, urls[::-1])):
        warc = f"example-20240301080000000-0000{number}-host.warc.gz"
        writer = IndexWriter(db, batch_size=10_000, flush_interval=3600)
        writer.register_warc_file(warc, "example", None, f"/spool/{warc}.open", warc)
        writers.append((writer, warc, order))
    for round_ in range(4):
        for number, (writer, warc, order) in enumerate(writers):
            rows = [capture(1000 * round_ + 100 * number + i, url=u, warc_name=warc)
                    for i, u in enumerate(order)]  # fmt: skip
            for row in rows:
                writer.add_capture(row)
            writer.flush()
            for row in rows:
                writer.indexed(row.record_id, article(row.url, f"Round {round_} of {row.url}."))
        assert _flush_together([writer for writer, _, _ in writers]) == []
    assert count(db, Article) == len(urls)
    assert count(db, ArticleVersion) == 4 * len(urls)
