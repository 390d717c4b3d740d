"""Search latency of the SQLite article index at archive scale.

Builds a fresh index of N synthetic articles (default 100,000; ``--million`` for 1,000,000)
through the real schema (``Database.migrate``), then times ``storage.search.search_articles``
over a fixed set of realistic queries and reports the median and 95th percentile, overall and
per kind of query.

The articles are generated, not crawled: words follow a Zipf distribution (the shape of word
frequencies in real text) over a vocabulary whose most frequent words are English function
words, so common, mid-frequency and rare terms behave as they would in a news archive. Loading
is fast because the FTS5 triggers are dropped during the bulk insert and the full-text index is
rebuilt once afterwards, exactly as ``fulltext_sqlite.REBUILD`` is meant to be used, and
because the throwaway file is written without journal or fsync: a million articles (6.5 GB)
take about ten minutes on two busy cores. ``--db`` keeps the file and ``--reuse`` times it
again without rebuilding.

    .venv/bin/python benchmarks/search_latency.py                 # 100,000 articles
    .venv/bin/python benchmarks/search_latency.py --million --json
    .venv/bin/python benchmarks/search_latency.py --million --db /tmp/1m.sqlite3  # build, keep
    .venv/bin/python benchmarks/search_latency.py --db /tmp/1m.sqlite3 --reuse     # time again
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from storage import fulltext_sqlite
from storage.db import Database
from storage.models import Article, Capture, RecordType, WarcFile, WarcStatus
from storage.search import MAX_QUERY_WORDS, search_articles

# The most frequent English words, in rank order: the head of every news text's distribution.
_FUNCTION_WORDS_TEXT = """
the of and to a in that is was he for it with as his on be at by i this had not are but from or
have an they which one you were her all she there would their we him been has when who will more
no if out so said what up its about into than them can only other new some could time these two
may then do first any my now such like our over man me even most made after also did many before
must through back years where much your way well down should because each just those people how
too little state good very make world still own see men work long get here between both life
being under never day same another
"""
FUNCTION_WORDS = _FUNCTION_WORDS_TEXT.split()
_ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr fl gr pl st tr sh ch th"
_VOWELS = "a e i o u ai ea ou"

SITES = [f"site-{n:02d}" for n in range(20)]
START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_DAYS = 730
TEXT_WORDS = (250, 700)
TITLE_WORDS = (5, 12)
BATCH = 5_000

_BULK_LOAD_PRAGMAS = (
    "PRAGMA journal_mode = OFF",
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -1000000",  # KiB: 1 GB, so index pages stay in memory while loading
    "PRAGMA temp_store = MEMORY",
)


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Function words first, then pronounceable made-up words, most frequent first."""
    onsets, vowels = _ONSETS.split(" "), _VOWELS.split(" ")
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < size:
        syllables = rng.choice((2, 2, 3, 3, 4))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Corpus:
    """Deterministic synthetic news articles."""

    def __init__(self, seed: int, vocab_size: int = 60_000) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(vocab_size, self.rng)
        self.cum_weights = list(
            itertools.accumulate(1 / rank**1.07 for rank in range(1, vocab_size + 1))
        )
        # Titles use content words: skip the function words.
        self.title_words = self.words[len(FUNCTION_WORDS) :]
        self.title_weights = list(
            itertools.accumulate(1 / rank for rank in range(1, len(self.title_words) + 1))
        )

    def text(self) -> str:
        count = self.rng.randint(*TEXT_WORDS)
        words = self.rng.choices(self.words, cum_weights=self.cum_weights, k=count)
        sentences = [" ".join(words[i : i + 18]).capitalize() + "." for i in range(0, count, 18)]
        return " ".join(sentences)

    def title(self) -> str:
        count = self.rng.randint(*TITLE_WORDS)
        words = self.rng.choices(self.title_words, cum_weights=self.title_weights, k=count)
        return " ".join(words).capitalize()

    def rows(
        self, total: int, warc_id: int
    ) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        """Batches of (article rows, capture rows); article ids are assigned here, from 1."""
        for start in range(0, total, BATCH):
            articles, captures = [], []
            for article_id in range(start + 1, min(start + BATCH, total) + 1):
                captured = START + timedelta(seconds=self.rng.randrange(SPAN_DAYS * 86400))
                published = None if self.rng.random() < 0.1 else captured - timedelta(hours=3)
                text = self.text()
                site = self.rng.choice(SITES)
                url = f"https://{site}.example/news/{article_id}"
                articles.append(
                    {
                        "id": article_id,
                        "site": site,
                        "url": url,
                        "canonical_url": url,
                        "title": self.title(),
                        "authors": ["Staff Reporter"],
                        "published": published,
                        "text": text,
                        "word_count": text.count(" ") + 1,
                        "first_captured_at": captured,
                        "last_captured_at": captured,
                    }
                )
                captures.append(
                    {
                        "warc_file_id": warc_id,
                        "url": url,
                        "status": 200,
                        "mime": "text/html",
                        "captured_at": captured,
                        "record_id": f"<urn:uuid:{article_id:032x}>",
                        "record_type": RecordType.RESPONSE,
                        "payload_digest": f"sha1:{article_id:032X}",
                        "offset": article_id * 20_000,
                        "length": 18_000,
                        "article_id": article_id,
                    }
                )
            yield articles, captures


def build(db: Database, corpus: Corpus, total: int) -> dict[str, float]:
    """Bulk-load ``total`` articles with their captures; return timings in seconds.

    The file is throwaway, so durability is switched off while loading: no rollback journal, no
    fsync, a large page cache. At a million articles (about 5 GB) this is the difference between
    minutes and hours. The settings last only for this connection; later ones open it in WAL.
    """
    db.migrate()
    with db.session() as session:
        warc = WarcFile(
            name="bench-00000.warc.gz",
            site="bench",
            status=WarcStatus.STORED,
            storage_url="s3://bench/bench-00000.warc.gz",
        )
        session.add(warc)
        session.flush()
        warc_id = warc.id
    db.dispose()
    with db.engine.connect() as conn:
        for pragma in _BULK_LOAD_PRAGMAS:
            conn.exec_driver_sql(pragma)
        conn.commit()
        started = time.perf_counter()
        with conn.begin():
            for statement in fulltext_sqlite.DROP_TRIGGERS:
                conn.exec_driver_sql(statement)
            for articles, captures in corpus.rows(total, warc_id):
                conn.execute(insert(Article), articles)
                conn.execute(insert(Capture), captures)
        loaded = time.perf_counter()
        with conn.begin():
            conn.exec_driver_sql(fulltext_sqlite.REBUILD)
            for statement in fulltext_sqlite.CREATE_TRIGGERS:
                conn.exec_driver_sql(statement)
        indexed = time.perf_counter()
        with conn.begin():
            conn.exec_driver_sql("ANALYZE")
        conn.invalidate()  # the next connection gets the normal settings, WAL included
    return {
        "insert_seconds": loaded - started,
        "fts_rebuild_seconds": indexed - loaded,
        "analyze_seconds": time.perf_counter() - indexed,
    }


def queries(db: Database, corpus: Corpus) -> list[tuple[str, dict[str, Any]]]:
    """(kind, search_articles keyword arguments): what archivists type, common to rare."""
    words = corpus.words
    content = len(FUNCTION_WORDS)
    sample = random.Random(7)
    with db.session() as session:  # phrases quoted from an article that is in the index
        text = session.scalar(select(Article.text).where(Article.id == 4242)) or ""
    phrase_source = text.replace(".", "").lower().split()
    found: list[tuple[str, dict[str, Any]]] = []
    for rank in (content + 5, content + 40, content + 300, 2_000, 10_000, 40_000):
        kind = "word, common" if rank < 500 else "word, mid" if rank < 5_000 else "word, rare"
        found.append((kind, {"query": words[rank]}))
    for _ in range(4):
        a, b = sample.randrange(content, 3_000), sample.randrange(content, 3_000)
        found.append(("two words", {"query": f"{words[a]} {words[b]}"}))
    for start in (10, 40, 90):
        found.append(("phrase", {"query": '"' + " ".join(phrase_source[start : start + 3]) + '"'}))
    found.append(("OR", {"query": f"{words[content + 800]} OR {words[content + 900]}"}))
    found.append(("exclusion", {"query": f"{words[content + 60]} -{words[content + 70]}"}))
    found.append(("word + site", {"query": words[content + 100], "site": "site-07"}))
    month = START + timedelta(days=400)
    found.append(
        (
            "word + dates",
            {"query": words[content + 100], "since": month, "until": month + timedelta(days=31)},
        )
    )
    # The longest query allowed: as many different words as MAX_QUERY_WORDS, as when a reader
    # pastes a paragraph; all of them, and any of them.
    pasted = [words[content + 50 + 7 * n] for n in range(MAX_QUERY_WORDS)]
    found.append(("longest query, all words", {"query": " ".join(pasted)}))
    found.append(("longest query, OR", {"query": " OR ".join(pasted)}))
    found.append(("listing, newest", {"query": None}))
    found.append(("listing, site", {"query": None, "site": "site-03"}))
    found.append(("stop word", {"query": "the"}))
    return found


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(db: Database, cases: list[tuple[str, dict[str, Any]]], repeat: int) -> dict[str, Any]:
    """Latency in milliseconds per query kind and overall (first run of each is a warm-up)."""
    by_kind: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for kind, arguments in cases:
        arguments = dict(arguments)
        query = arguments.pop("query")
        hits[f"{kind}: {query}"] = len(search_articles(db, query, limit=20, **arguments))
        for _ in range(repeat):
            started = time.perf_counter()
            search_articles(db, query, limit=20, **arguments)
            by_kind.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    everything = [value for values in by_kind.values() for value in values]
    everything_but_stop = [v for k, values in by_kind.items() if k != "stop word" for v in values]
    summary = {
        kind: {"median_ms": statistics.median(v), "p95_ms": percentile(v, 0.95)}
        for kind, v in by_kind.items()
    }
    return {
        "overall": {
            "median_ms": statistics.median(everything),
            "p95_ms": percentile(everything, 0.95),
        },
        "overall_without_stop_word": {
            "median_ms": statistics.median(everything_but_stop),
            "p95_ms": percentile(everything_but_stop, 0.95),
        },
        "by_kind": summary,
        "hits_per_query": hits,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="how many articles")
    parser.add_argument("--million", action="store_true", help="1,000,000 articles")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per query")
    parser.add_argument("--db", type=Path, help="SQLite file to create (default: temporary)")
    parser.add_argument(
        "--reuse", action="store_true", help="time the existing --db file instead of building"
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    total = 1_000_000 if args.million else args.articles

    with tempfile.TemporaryDirectory(prefix="newsarchiver-bench-") as scratch:
        path = args.db or Path(scratch) / "index.sqlite3"
        if args.reuse and not path.exists():
            parser.error(f"--reuse: {path} does not exist; build it first with --db")
        if path.exists() and not args.reuse:
            parser.error(f"{path} exists: pass --reuse to time it again, or remove it")
        db = Database(f"sqlite:///{path}")
        corpus = Corpus(args.seed)
        if args.reuse:
            # The corpus is only needed for its vocabulary; the count is the file's own.
            with db.session() as session:
                total = session.scalar(select(func.count()).select_from(Article)) or 0
            timings: dict[str, float] = {}
        else:
            timings = build(db, corpus, total)
        report = {
            "articles": total,
            "sqlite_file_mb": round(path.stat().st_size / 1e6, 1),
            **{key: round(value, 2) for key, value in timings.items()},
            "repeat": args.repeat,
            **measure(db, queries(db, corpus), args.repeat),
        }
        db.dispose()

    if args.json:
        json.dump(report, sys.stdout, indent=2, default=str)
        print()
        return 0
    built = (
        f"; insert {report['insert_seconds']} s, FTS rebuild {report['fts_rebuild_seconds']} s, "
        f"ANALYZE {report['analyze_seconds']} s"
        if timings
        else " (reused)"
    )
    print(f"{report['articles']:,} articles, {report['sqlite_file_mb']} MB{built}")
    print(f"{'query kind':<20} {'median ms':>10} {'p95 ms':>10}")
    for kind, values in report["by_kind"].items():
        print(f"{kind:<20} {values['median_ms']:>10.2f} {values['p95_ms']:>10.2f}")
    for label in ("overall", "overall_without_stop_word"):
        values = report[label]
        print(f"{label:<20} {values['median_ms']:>10.2f} {values['p95_ms']:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
