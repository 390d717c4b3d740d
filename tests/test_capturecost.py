"""The shortcuts that keep capture cheap still give the answers the slow paths gave.

Revisits are found from this run's memory and, only when needed, from the index; a first crawl
into an empty archive triages without asking the index; WARC records are gzip members
compressed at level 6.
"""

from __future__ import annotations

import gzip
import random
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from spiders.revisits import Candidate, RecapturePlan, Urgency
from storage.backends import backend_from_url
from storage.capturerecorder import CaptureRecorder
from storage.db import Database
from storage.httpexchange import HttpExchange
from storage.indexwriter import ArticleRow, CaptureRow, IndexWriter
from storage.models import RecordType
from storage.warcwriter import RecordLocation, RefersTo, RotatingWarcWriter
from tests.test_warcwriter import make_exchange

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


class Recorder:
    """A run's capture recorder, without a crawl around it."""

    def __init__(
        self, tmp_path: Path, db: Database, max_remembered: int = 100, site: str = "p"
    ) -> None:
        self.site = site
        self.index = IndexWriter(db)
        self.recorder = CaptureRecorder(
            self.index,
            backend_from_url(f"file://{tmp_path / 'store'}"),
            site=site,
            run_id=None,
            spool=tmp_path / "spool",
            host="h",
            max_size=10_000_000,
            warcinfo={},
            on_close=lambda closed: None,
        )
        self.finder = self.recorder.revisits
        self.finder.max_remembered = max_remembered

    def record(self, exchange: HttpExchange) -> tuple[RecordLocation, RefersTo | None]:
        recorded = self.recorder.record(exchange)
        return recorded.location, recorded.refers_to

    def close(self) -> None:
        self.recorder.close()
        self.index.close()


def page(n: int, body: bytes) -> HttpExchange:
    return make_exchange(
        target_uri=f"https://news.example.com/{n}", date=T0 + timedelta(seconds=n), body=body
    )


def test_a_payload_repeated_in_the_run_is_a_revisit_of_the_newest_response(
    tmp_path: Path, db: Database
) -> None:
    run = Recorder(tmp_path, db)
    first, none = run.record(page(1, b"same payload"))
    _, to_first = run.record(page(2, b"same payload"))
    run.record(page(3, b"another payload"))
    third, none_again = run.record(page(4, b"same payload, changed"))
    assert none is None and none_again is None
    assert to_first == RefersTo(first.record_id, "https://news.example.com/1", first.warc_date)
    assert run.finder.target(page(5, b"same payload, changed"), third.payload_digest) == RefersTo(
        third.record_id, "https://news.example.com/4", third.warc_date
    )
    run.close()


def test_a_payload_the_run_forgot_is_found_in_the_index(tmp_path: Path, db: Database) -> None:
    run = Recorder(tmp_path, db, max_remembered=1)
    first, _ = run.record(page(1, b"old payload"))
    run.record(page(2, b"another payload"))  # pushes the first out of the run's memory
    _, refers_to = run.record(page(3, b"old payload"))
    assert refers_to is not None and refers_to.record_id == first.record_id
    run.close()


def test_a_payload_of_an_earlier_run_is_found_in_the_index(tmp_path: Path, db: Database) -> None:
    earlier = Recorder(tmp_path / "1", db)
    first, _ = earlier.record(page(1, b"archived payload"))
    earlier.close()
    later = Recorder(tmp_path / "2", db)
    _, refers_to = later.record(page(2, b"archived payload"))
    truncated, _ = later.record(replace(page(3, b"archived payload"), truncated="length"))
    later.close()
    assert refers_to is not None and refers_to.record_id == first.record_id
    assert truncated.record_type == "response"
    # Another site keeps the payload itself: its WARC files never lean on this site's.
    other = Recorder(tmp_path / "3", db, site="q")
    own, refers_to = other.record(page(4, b"archived payload"))
    other.close()
    assert refers_to is None and own.record_type == "response"


def test_triage_into_an_empty_archive_fetches_everything_then_consults_the_index(
    db: Database,
) -> None:
    index = IndexWriter(db)
    started = datetime.now(UTC)
    first_crawl = RecapturePlan(index, "p", timedelta(hours=24), started)
    candidates = [Candidate("https://news.example.com/a"), Candidate("https://news.example.com/b")]
    assert first_crawl.triage(candidates).fetch == [(c, Urgency.NEW) for c in candidates]

    index.register_warc_file("w.warc.gz", "p", None, "spool", "file:///w")
    record_id = "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    captured = started - timedelta(hours=1)
    index.add_capture(
        CaptureRow(None, "w.warc.gz", candidates[0].url, 200, "text/html", captured, record_id,
                   RecordType.RESPONSE, "sha1:X", 0, 10)
    )  # fmt: skip
    index.indexed(
        record_id,
        ArticleRow(candidates[0].url, "p", "A", [], None, None, None, None, None, "text", 1),
    )
    index.close()
    next_crawl = RecapturePlan(index, "p", timedelta(hours=24), started)
    triage = next_crawl.triage(candidates)
    assert triage.fetch == [(candidates[1], Urgency.NEW)]
    assert triage.recent == [candidates[0].url]
    # Another site entry over the same pages decides for itself: p's capture is not its own.
    other_site = RecapturePlan(index, "q", timedelta(hours=24), started)
    assert other_site.triage(candidates).fetch == [(c, Urgency.NEW) for c in candidates]


def test_records_are_gzip_members_compressed_at_level_6(tmp_path: Path) -> None:
    with RotatingWarcWriter(tmp_path, prefix="p", host="h", warcinfo={}) as writer:
        # Varied text, where levels 6 and 9 produce different deflate streams.
        words = random.Random(6).choices(["news", "city", "council", "budget", "vote"], k=4000)
        location = writer.write_exchange(page(1, " ".join(words).encode()))
    [path] = tmp_path.glob("*.warc.gz")
    data = path.read_bytes()
    member = data[location.offset : location.offset + location.length]
    record = gzip.decompress(member)
    assert record.startswith(b"WARC/1.1\r\nWARC-Type: response\r\n")

    # The deflate stream is exactly what level 6 makes of the record (level 9 differs).
    def deflated(level: int) -> bytes:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
        return compressor.compress(record) + compressor.flush()

    assert deflated(6) != deflated(9)
    assert deflated(6) in member
